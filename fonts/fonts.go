// SPDX-License-Identifier: MIT

package fonts

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
	"github.com/go-text/typesetting/language"

	"leaflet/internal/sfnt"
)

// Face is one embedded font face. Its fields are read-only after parsing.
type Face struct {
	// Name is the file name without extension, e.g. "NotoSans-Bold"; it is
	// unique among the embedded faces and stable across builds.
	Name string
	// Bold reports whether the face is a bold weight.
	Bold bool
	// Data is the TrueType file, shared: it must not be changed.
	Data []byte

	parseOnce sync.Once
	parsed    *font.Font
	cmapOnce  sync.Once
	cmap      font.Cmap
	upem      float64

	// ascender and descender in em, from the horizontal header
	ascender, descender float64
	numGlyphs           int

	once    sync.Once
	glyphCP map[uint16]rune // lowest BMP code point of each mapped glyph

	hmtxOnce sync.Once
	advances []uint16 // the long metrics' advances
}

// NumGlyphs returns the number of glyphs in the font (maxp.numGlyphs).
func (f *Face) NumGlyphs() int { return f.numGlyphs }

// Advance returns a glyph's advance width in font units, from hmtx.
func (f *Face) Advance(gid uint16) int {
	f.hmtxOnce.Do(func() { f.advances = readAdvances(f.Data, f.numGlyphs) })
	if int(gid) < len(f.advances) {
		return int(f.advances[gid])
	}
	if n := len(f.advances); n > 0 {
		return int(f.advances[n-1])
	}
	return 0
}

// Upem returns the face's units per em.
func (f *Face) Upem() float64 { return f.upem }

// Font returns the font parsed for shaping, shared read-only: all its
// tables but the outlines (glyf and loca), which shaping does not read
// and which take most of the time to parse, and post, whose glyph names
// and underline metrics neither shaping nor the layout reads (the Noto
// fonts name every glyph: a millisecond of a build). Fonts are parsed on
// first use: a leaflet in one script never parses the others. The embedded
// fonts are checked by the package's tests, so a font that does not
// parse is a bug in the build, and panics.
func (f *Face) Font() *font.Font {
	f.parseOnce.Do(func() { f.parsed = parse(f.Name, withoutOutlines(f.Data)) })
	return f.parsed
}

// parse parses an embedded font, panicking if it does not parse.
func parse(name string, r ot.Resource) *font.Font {
	ld, err := ot.NewLoader(r)
	if err == nil {
		var ff *font.Font
		if ff, err = font.NewFont(ld); err == nil {
			return ff
		}
	}
	panic(fmt.Sprintf("embedded font %s does not parse: %v", name, err))
}

// Covers reports whether the face has a glyph for r, from the character
// map alone: finding the face for a character parses no font.
func (f *Face) Covers(r rune) bool {
	_, ok := f.charMap().Lookup(r)
	return ok
}

// Glyph returns the face's glyph for r, from the character map.
func (f *Face) Glyph(r rune) (uint16, bool) {
	g, ok := f.charMap().Lookup(r)
	return uint16(g), ok
}

// charMap returns the face's character map, read from its cmap table on
// first use.
func (f *Face) charMap() font.Cmap {
	f.cmapOnce.Do(func() {
		os2, _, _ := tables.ParseOs2(table(f.Data, "OS/2"))
		raw, _, err := tables.ParseCmap(table(f.Data, "cmap"))
		if err == nil {
			f.cmap, _, err = font.ProcessCmap(raw, os2.FontPage())
		}
		if err != nil {
			panic(fmt.Sprintf("embedded font %s: cmap: %v", f.Name, err))
		}
	})
	return f.cmap
}

// withoutOutlines returns a view of an sfnt whose table directory leaves
// out glyf, loca and post; the tables themselves are not copied.
func withoutOutlines(data []byte) ot.Resource {
	n := int(binary.BigEndian.Uint16(data[4:]))
	var recs [][]byte
	for i := range n {
		rec := data[12+16*i : 12+16*i+16]
		if tag := string(rec[:4]); tag != "glyf" && tag != "loca" && tag != "post" {
			recs = append(recs, rec)
		}
	}
	head := make([]byte, 12, 12+16*len(recs))
	copy(head, data[:12])
	binary.BigEndian.PutUint16(head[4:], uint16(len(recs)))
	for _, rec := range recs {
		at := len(head)
		head = append(head, rec...)
		// the tables follow the new directory: offsets move by its size
		off := binary.BigEndian.Uint32(rec[8:])
		binary.BigEndian.PutUint32(head[at+8:], off+uint32(12+16*len(recs)))
	}
	return &joined{parts: [2][]byte{head, data}}
}

// joined reads two byte slices as one.
type joined struct {
	parts [2][]byte
	pos   int64
}

func (j *joined) ReadAt(p []byte, off int64) (int, error) {
	n := 0
	for _, part := range j.parts {
		if off >= int64(len(part)) {
			off -= int64(len(part))
			continue
		}
		k := copy(p[n:], part[off:])
		n += k
		off = 0
		if n == len(p) {
			return n, nil
		}
	}
	return n, io.EOF
}

func (j *joined) Read(p []byte) (int, error) {
	n, err := j.ReadAt(p, j.pos)
	j.pos += int64(n)
	return n, err
}

func (j *joined) Seek(off int64, whence int) (int64, error) {
	switch whence {
	case io.SeekCurrent:
		off += j.pos
	case io.SeekEnd:
		off += int64(len(j.parts[0]) + len(j.parts[1]))
	}
	if off < 0 {
		return 0, errors.New("seek before the start")
	}
	j.pos = off
	return off, nil
}

// NewShapingFace returns a go-text face for one goroutine's shaping.
func (f *Face) NewShapingFace() *font.Face { return font.NewFace(f.Font()) }

// CodePoint returns the lowest BMP code point that the font's character map
// sends to gid, and false when no code point does (ligatures, contextual forms).
func (f *Face) CodePoint(gid uint16) (rune, bool) {
	f.once.Do(func() {
		m := make(map[uint16]rune)
		it := f.charMap().Iter()
		for it.Next() {
			r, g := it.Char()
			if r > 0xFFFF || (r >= 0xE000 && r <= 0xF8FF) {
				continue
			}
			if old, ok := m[uint16(g)]; !ok || r < old {
				m[uint16(g)] = r
			}
		}
		f.glyphCP = m
	})
	r, ok := f.glyphCP[gid]
	return r, ok
}

// Contours returns the number of closed contours of a glyph's outline
// (composite glyphs counted with their components): 2 for an unslashed
// zero, 3 for a slashed one. It parses the whole font each time: it is
// for checking the fonts, not for building.
func (f *Face) Contours(gid uint16) int {
	o, ok := font.NewFace(parse(f.Name, bytes.NewReader(f.Data))).GlyphDataOutline(font.GID(gid))
	if !ok {
		return 0
	}
	n := 0
	for _, s := range o.Segments {
		if s.Op == ot.SegmentOpMoveTo {
			n++
		}
	}
	return n
}

// Metrics returns the ascender and descender (descender negative) in em.
func (f *Face) Metrics() (ascender, descender float64) { return f.ascender, f.descender }

// Set is the collection of embedded faces, with the family that sets text
// of no particular script.
type Set struct {
	faces map[string]*Face
	text  string
}

// WithText returns a view of the set whose text family is name (e.g.
// "AtkinsonHyperlegibleNext"); the faces are shared.
func (s *Set) WithText(name string) *Set {
	return &Set{faces: s.faces, text: name}
}

var (
	loadOnce sync.Once
	loaded   *Set
	loadErr  error
)

// Embedded returns the embedded faces, parsing them on the first call.
func Embedded() (*Set, error) {
	loadOnce.Do(func() { loaded, loadErr = load() })
	return loaded, loadErr
}

func load() (*Set, error) {
	s := &Set{faces: make(map[string]*Face), text: "NotoSans"}
	for _, e := range embedded {
		n, err := numGlyphs(e.data)
		if err != nil {
			return nil, fmt.Errorf("embedded font %s: %w", e.name, err)
		}
		u, asc, desc, err := lineMetrics(e.data)
		if err != nil {
			return nil, fmt.Errorf("embedded font %s: %w", e.name, err)
		}
		s.faces[e.name] = &Face{Name: e.name, Bold: strings.HasSuffix(e.name, "-Bold"), Data: e.data,
			upem: u, ascender: asc / u, descender: desc / u, numGlyphs: n}
	}
	return s, nil
}

// Face returns the face with the given name, or nil.
func (s *Set) Face(name string) *Face { return s.faces[name] }

// Names returns the names of all faces, sorted.
func (s *Set) Names() []string {
	names := make([]string, 0, len(s.faces))
	for n := range s.faces {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// families names the face family that sets each script; every other
// script, and Latin, Cyrillic and Greek, is set in Noto Sans. Urdu is set in
// Naskh, not Nastaliq: go-text's shaper loses a vertical offset in Noto
// Nastaliq Urdu.
var families = map[language.Script]string{
	language.Arabic:     "NotoNaskhArabic",
	language.Hebrew:     "NotoSansHebrew",
	language.Bengali:    "NotoSansBengali",
	language.Gurmukhi:   "NotoSansGurmukhi",
	language.Gujarati:   "NotoSansGujarati",
	language.Devanagari: "NotoSansDevanagari",
	language.Tamil:      "NotoSansTamil",
	language.Ethiopic:   "NotoSansEthiopic",
	language.Thai:       "NotoSansThai",
	language.Han:        "DroidSansFallbackFull",
	language.Hiragana:   "DroidSansFallbackFull",
	language.Katakana:   "DroidSansFallbackFull",
	language.Bopomofo:   "DroidSansFallbackFull",
	language.Hangul:     "DroidSansFallbackFull",
}

// family returns the face of a family in the wanted weight: the regular
// face when the family has no bold (the caller shows weight another way).
func (s *Set) family(name string, bold bool) *Face {
	if bold {
		if f := s.faces[name+"-Bold"]; f != nil {
			return f
		}
	}
	if f := s.faces[name+"-Regular"]; f != nil {
		return f
	}
	return s.faces[name]
}

// Text returns the text face for the given weight: the face that sets a
// character when no script-specific face is needed.
func (s *Set) Text(bold bool) *Face { return s.family(s.text, bold) }

// For returns the face that sets r in the wanted weight: the face of r's
// script when it covers r, else the text face when it does, else Noto Sans
// when it does, else the first face in name order that covers r, preferring
// the wanted weight. It
// returns nil when no embedded face covers r. A face returned for bold text
// that is not Bold has no bold weight: the caller emboldens it.
func (s *Set) For(r rune, bold bool) *Face {
	if fam, ok := families[language.LookupScript(r)]; ok {
		if f := s.family(fam, bold); f != nil && f.Covers(r) {
			return f
		}
	}
	if f := s.Text(bold); f.Covers(r) {
		return f
	}
	if f := s.family("NotoSans", bold); f.Covers(r) { // Latin, Cyrillic, Greek
		return f
	}
	var fallback *Face
	for _, n := range s.Names() {
		f := s.faces[n]
		if !f.Covers(r) {
			continue
		}
		if f.Bold == bold {
			return f
		}
		if fallback == nil {
			fallback = f
		}
	}
	return fallback
}

// Weight returns the face of f's family in the wanted weight, or f when
// the family has no face of that weight.
func (s *Set) Weight(f *Face, bold bool) *Face {
	if f.Bold == bold {
		return f
	}
	fam := strings.TrimSuffix(strings.TrimSuffix(f.Name, "-Bold"), "-Regular")
	if g := s.family(fam, bold); g != nil && g.Bold == bold {
		return g
	}
	return f
}

// numGlyphs reads maxp.numGlyphs from a TrueType file.
func numGlyphs(data []byte) (int, error) {
	maxp := table(data, "maxp")
	if len(maxp) < 6 {
		return 0, errors.New("no maxp table")
	}
	return int(binary.BigEndian.Uint16(maxp[4:])), nil
}

// table returns the bytes of a table of a font file, or nil when it has
// none or its table directory is malformed (which loading reports).
func table(data []byte, tag string) []byte {
	t, _ := sfnt.Table(data, tag)
	return t
}

// readAdvances returns the advances of hmtx's long metrics; glyphs after
// them share the last.
func readAdvances(data []byte, numGlyphs int) []uint16 {
	hhea, hmtx := table(data, "hhea"), table(data, "hmtx")
	if len(hhea) < 36 {
		return nil
	}
	n := min(int(binary.BigEndian.Uint16(hhea[34:])), numGlyphs, len(hmtx)/4)
	out := make([]uint16, n)
	for i := range out {
		out[i] = binary.BigEndian.Uint16(hmtx[4*i:])
	}
	return out
}

// lineMetrics reads units per em (head) and the ascender and descender, as
// go-text reads them: from OS/2's typographic metrics when the font says to
// use them (fsSelection bit 7), else from hhea.
func lineMetrics(data []byte) (upem, ascender, descender float64, err error) {
	head, hhea, os2 := table(data, "head"), table(data, "hhea"), table(data, "OS/2")
	if len(head) < 20 || len(hhea) < 8 {
		return 0, 0, 0, errors.New("no head or hhea table")
	}
	upem = float64(binary.BigEndian.Uint16(head[18:]))
	ascender = float64(int16(binary.BigEndian.Uint16(hhea[4:])))
	descender = float64(int16(binary.BigEndian.Uint16(hhea[6:])))
	if len(os2) >= 72 && binary.BigEndian.Uint16(os2[62:])&(1<<7) != 0 {
		ascender = float64(int16(binary.BigEndian.Uint16(os2[68:])))
		descender = float64(int16(binary.BigEndian.Uint16(os2[70:])))
	}
	return upem, ascender, descender, nil
}
