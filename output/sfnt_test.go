// SPDX-License-Identifier: MIT

package output

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"io/fs"
	"math"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-text/typesetting/font"
)

// sfntTestDirs hold test fonts: the project's embedded fonts, then the
// Noto fonts of Debian's fonts-noto-core package.
var sfntTestDirs = []string{"../fonts/", "/usr/share/fonts/truetype/noto/"}

// sfntTestFont reads and parses a font from sfntTestDirs, skipping the test
// when it is not installed.
func sfntTestFont(tb testing.TB, name string) ([]byte, *font.Face) {
	tb.Helper()
	var (
		b   []byte
		err error
	)
	for _, dir := range sfntTestDirs {
		if b, err = os.ReadFile(dir + name); err == nil {
			break
		}
	}
	if errors.Is(err, fs.ErrNotExist) {
		tb.Skipf("font %s not installed (Debian package fonts-noto-core): %v", name, err)
	}
	if err != nil {
		tb.Fatal(err)
	}
	face, err := font.ParseTTF(bytes.NewReader(b))
	if err != nil {
		tb.Fatalf("parse %s: %v", name, err)
	}
	return b, face
}

// sfntTestGID returns the glyph the font's own cmap gives r.
func sfntTestGID(tb testing.TB, face *font.Face, r rune) uint16 {
	tb.Helper()
	gid, ok := face.NominalGlyph(r)
	if !ok {
		tb.Fatalf("font has no glyph for %U", r)
	}
	return uint16(gid)
}

// sfntTestUnmapped returns n glyph IDs (other than .notdef) that no code point
// of the font's cmap reaches: ligatures, contextual forms and the like.
func sfntTestUnmapped(tb testing.TB, face *font.Face, n int) []uint16 {
	tb.Helper()
	mapped := map[font.GID]bool{0: true}
	for it := face.Cmap.Iter(); it.Next(); {
		_, gid := it.Char()
		mapped[gid] = true
	}
	var out []uint16
	for gid := font.GID(1); len(out) < n && gid < 0xFFFF; gid++ {
		if !mapped[gid] && face.HorizontalAdvance(gid) > 0 {
			if _, ok := face.GlyphDataOutline(gid); ok {
				out = append(out, uint16(gid))
			}
		}
	}
	if len(out) < n {
		tb.Fatalf("font has only %d unmapped glyphs, want %d", len(out), n)
	}
	return out
}

// sfntTestTables checks the sfnt structure of b independently of the code
// under test (header, sorted and aligned directory, every table checksum and
// the whole-font checksum) and returns its tables by tag.
func sfntTestTables(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	u16 := func(p []byte) int { return int(p[0])<<8 | int(p[1]) }
	u32 := func(p []byte) uint32 { return uint32(p[0])<<24 | uint32(p[1])<<16 | uint32(p[2])<<8 | uint32(p[3]) }
	sum := func(p []byte) uint32 {
		var s uint32
		for i := 0; i < len(p); i += 4 {
			var w [4]byte
			copy(w[:], p[i:])
			s += u32(w[:])
		}
		return s
	}
	if len(b)%4 != 0 {
		t.Errorf("font length %d is not a multiple of 4", len(b))
	}
	if v := u32(b); v != 0x00010000 {
		t.Errorf("sfnt version %#x, want 0x00010000", v)
	}
	n := u16(b[4:])
	pow := 1
	for pow*2 <= n {
		pow *= 2
	}
	if sr, es, rs := u16(b[6:]), u16(b[8:]), u16(b[10:]); sr != 16*pow || 1<<es != pow || rs != 16*n-16*pow {
		t.Errorf("directory searchRange/entrySelector/rangeShift = %d/%d/%d for %d tables", sr, es, rs, n)
	}
	tables := make(map[string][]byte, n)
	prevTag, end := "", 12+16*n
	for i := range n {
		rec := b[12+16*i:]
		tag, check, off, length := string(rec[:4]), u32(rec[4:]), int(u32(rec[8:])), int(u32(rec[12:]))
		if tag <= prevTag {
			t.Errorf("table %q after %q: directory not sorted", tag, prevTag)
		}
		if off%4 != 0 || off < end || off+length > len(b) {
			t.Errorf("table %q at %d+%d: misaligned, overlapping or out of range", tag, off, length)
			continue
		}
		data := b[off : off+length]
		want := sum(data)
		if tag == "head" {
			want -= u32(data[8:]) // checkSumAdjustment counts as zero
		}
		if check != want {
			t.Errorf("table %q checksum %#08x, want %#08x", tag, check, want)
		}
		tables[tag] = data
		prevTag, end = tag, off+length
	}
	if s := sum(b); s != 0xB1B0AFBA {
		t.Errorf("whole-font checksum %#08x, want 0xB1B0AFBA", s)
	}
	return tables
}

// sfntTestSourceTables returns the tables of an input font by tag, without
// any checks.
func sfntTestSourceTables(b []byte) map[string][]byte {
	tables := map[string][]byte{}
	for i := range int(b[4])<<8 | int(b[5]) {
		rec := b[12+16*i:]
		off := int(rec[8])<<24 | int(rec[9])<<16 | int(rec[10])<<8 | int(rec[11])
		length := int(rec[12])<<24 | int(rec[13])<<16 | int(rec[14])<<8 | int(rec[15])
		tables[string(rec[:4])] = b[off : off+length]
	}
	return tables
}

// sfntTestU16 and sfntTestU32 read big-endian numbers, independently of the
// code under test.
func sfntTestU16(p []byte) int { return int(p[0])<<8 | int(p[1]) }
func sfntTestU32(p []byte) uint32 {
	return uint32(p[0])<<24 | uint32(p[1])<<16 | uint32(p[2])<<8 | uint32(p[3])
}

// sfntTestGlyphs returns the glyf data of every glyph of a font, as its loca
// (in the format head names) locates them.
func sfntTestGlyphs(t testing.TB, tables map[string][]byte) [][]byte {
	t.Helper()
	numGlyphs := sfntTestU16(tables["maxp"][4:])
	loca, glyf := tables["loca"], tables["glyf"]
	long := sfntTestU16(tables["head"][50:]) == 1
	if want := (numGlyphs + 1) * 2; long && len(loca) != 2*want || !long && len(loca) != want {
		t.Fatalf("loca of %d bytes for %d glyphs (long format: %v)", len(loca), numGlyphs, long)
	}
	offset := func(gid int) int {
		if long {
			return int(sfntTestU32(loca[4*gid:]))
		}
		return 2 * sfntTestU16(loca[2*gid:])
	}
	glyphs := make([][]byte, numGlyphs)
	for gid := range glyphs {
		start, end := offset(gid), offset(gid+1)
		if start > end || end > len(glyf) {
			t.Fatalf("glyph %d at %d..%d, glyf has %d bytes", gid, start, end, len(glyf))
		}
		glyphs[gid] = glyf[start:end]
	}
	return glyphs
}

// sfntTestComponents returns the glyph IDs of the components of a composite
// glyph, and nil for a simple or empty glyph.
func sfntTestComponents(data []byte) []int {
	if len(data) < 10 || data[0]&0x80 == 0 { // numberOfContours >= 0
		return nil
	}
	var comps []int
	for p := 10; p+4 <= len(data); {
		flags := sfntTestU16(data[p:])
		comps = append(comps, sfntTestU16(data[p+2:]))
		p += 6 + 2*(flags&1) // ARG_1_AND_2_ARE_WORDS
		switch {
		case flags&0x08 != 0: // WE_HAVE_A_SCALE
			p += 2
		case flags&0x40 != 0: // WE_HAVE_AN_X_AND_Y_SCALE
			p += 4
		case flags&0x80 != 0: // WE_HAVE_A_TWO_BY_TWO
			p += 8
		}
		if flags&0x20 == 0 { // MORE_COMPONENTS
			break
		}
	}
	return comps
}

// sfntTestClosure returns the glyphs whose outlines a font derived with cmap
// must keep: .notdef, the mapped glyphs and all their components.
func sfntTestClosure(glyphs [][]byte, cmap map[rune]uint16) map[int]bool {
	keep := map[int]bool{}
	var add func(gid int)
	add = func(gid int) {
		if !keep[gid] {
			keep[gid] = true
			for _, c := range sfntTestComponents(glyphs[gid]) {
				add(c)
			}
		}
	}
	add(0)
	for _, gid := range cmap {
		add(int(gid))
	}
	return keep
}

// sfntTestMetrics returns the advance and left side bearing of every glyph
// of a font from its hhea and hmtx.
func sfntTestMetrics(tables map[string][]byte) (adv, lsb []int) {
	numGlyphs, n := sfntTestU16(tables["maxp"][4:]), sfntTestU16(tables["hhea"][34:])
	hmtx := tables["hmtx"]
	for gid := range numGlyphs {
		if gid < n {
			adv = append(adv, sfntTestU16(hmtx[4*gid:]))
			lsb = append(lsb, sfntTestU16(hmtx[4*gid+2:]))
		} else {
			adv = append(adv, adv[n-1])
			lsb = append(lsb, sfntTestU16(hmtx[4*n+2*(gid-n):]))
		}
	}
	return adv, lsb
}

// sfntTestComposite returns a code point of the font's cmap whose glyph is a
// composite with at least one composite component (nested) or, if nested is
// false, any composite glyph.
func sfntTestComposite(t testing.TB, face *font.Face, glyphs [][]byte, nested bool) rune {
	t.Helper()
	best := rune(-1)
	for it := face.Cmap.Iter(); it.Next(); {
		r, gid := it.Char()
		comps := sfntTestComponents(glyphs[gid])
		if len(comps) == 0 || r > 0xFFFE || best >= 0 && r > best {
			continue
		}
		if nested && !slices.ContainsFunc(comps, func(c int) bool { return sfntTestComponents(glyphs[c]) != nil }) {
			continue
		}
		best = r // the smallest, so that the choice does not depend on map order
	}
	if best < 0 {
		t.Fatalf("font has no composite glyph (nested: %v)", nested)
	}
	return best
}

// sfntTestCmap80 maps 80 glyphs, as a leaflet might use: the letters and
// digits through their own code points and the rest through the Private Use
// Area.
func sfntTestCmap80(tb testing.TB, face *font.Face) map[rune]uint16 {
	tb.Helper()
	cmap := map[rune]uint16{}
	for _, r := range "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" {
		if gid, ok := face.NominalGlyph(r); ok {
			cmap[r] = uint16(gid)
		}
	}
	for i, gid := range sfntTestUnmapped(tb, face, 80-len(cmap)) {
		cmap[0xE000+rune(i)] = gid
	}
	return cmap
}

// sfntTestKeptTables lists the tables a derived font may hold.
var sfntTestKeptTables = []string{"OS/2", "cmap", "cvt ", "fpgm", "gasp", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post", "prep"}

func TestDeriveFont(t *testing.T) {
	src, face := sfntTestFont(t, "NotoSans-Regular.ttf")
	orig := bytes.Clone(src)
	srcTables := sfntTestSourceTables(src)
	srcGlyphs := sfntTestGlyphs(t, srcTables)
	srcAdv, srcLSB := sfntTestMetrics(srcTables)
	numGlyphs := uint16(len(srcGlyphs))
	gidA, gidF := sfntTestGID(t, face, 'A'), sfntTestGID(t, face, 'f')
	un := sfntTestUnmapped(t, face, 1)
	composite, nested := sfntTestComposite(t, face, srcGlyphs, false), sfntTestComposite(t, face, srcGlyphs, true)

	run := map[rune]uint16{}
	for i := range rune(10) {
		run[0xE010+i] = gidA + uint16(i)
	}
	all := map[rune]uint16{}
	for gid := range numGlyphs {
		all[0xE000+rune(gid)] = gid
	}

	// The tables the derived fonts must have: those of sfntTestKeptTables
	// that the source has, and cmap.
	var wantTables []string
	for _, tag := range sfntTestKeptTables {
		if _, ok := srcTables[tag]; ok || tag == "cmap" {
			wantTables = append(wantTables, tag)
		}
	}
	for _, tag := range []string{"GSUB", "GPOS", "GDEF"} {
		if _, ok := srcTables[tag]; !ok {
			t.Fatalf("test font has no %q table to drop", tag)
		}
	}

	tests := []struct {
		name     string
		cmap     map[rune]uint16
		wantSegs int    // including the final 0xFFFF segment
		absent   []rune // code points that must not be mapped
		longLoca bool   // whether loca needs 4-byte offsets
	}{
		{
			name:     "letters and a glyph without code point",
			cmap:     map[rune]uint16{'A': gidA, 'f': gidF, 0xE000: un[0]},
			wantSegs: 4,
			absent:   []rune{'B', 'e', 'g', 0xE001, 0xDFFF, 0x20},
		},
		{
			name:     "consecutive glyphs make one segment",
			cmap:     run,
			wantSegs: 2,
			absent:   []rune{'A', 0xE00F, 0xE01A},
		},
		{
			name:     "consecutive code points, scattered glyphs",
			cmap:     map[rune]uint16{0xE000: gidF, 0xE001: gidA, 0xE002: un[0]},
			wantSegs: 4,
			absent:   []rune{0xE003},
		},
		{
			name:     "idDelta wraps and BMP edges",
			cmap:     map[rune]uint16{0x0001: numGlyphs - 1, 0xFFFE: un[0], 0xE000: 1},
			wantSegs: 4,
			absent:   []rune{0x0002, 0xFFFD},
		},
		{
			name:     "composite glyphs",
			cmap:     map[rune]uint16{composite: sfntTestGID(t, face, composite), nested: sfntTestGID(t, face, nested)},
			wantSegs: 3,
			absent:   []rune{'A'},
		},
		{
			name:     "every glyph",
			cmap:     all,
			wantSegs: 2,
			absent:   []rune{'A', 0xDFFF, 0xE000 + rune(numGlyphs)},
			longLoca: true,
		},
		{
			name:     "empty",
			cmap:     map[rune]uint16{},
			wantSegs: 1,
			absent:   []rune{'A', 'f', 0xE000},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := DeriveFont(src, tc.cmap)
			if err != nil {
				t.Fatal(err)
			}
			if again, _ := DeriveFont(src, tc.cmap); !bytes.Equal(b, again) {
				t.Error("output is not deterministic")
			}
			if !bytes.Equal(src, orig) {
				t.Fatal("DeriveFont modified its input")
			}
			tables := sfntTestTables(t, b)

			// Exactly the listed tables remain. The ones DeriveFont does
			// not rewrite are copied unchanged; head and hhea change only
			// in the fields DeriveFont sets; post is reduced to its
			// header.
			var tags []string
			for tag := range tables {
				tags = append(tags, tag)
			}
			slices.Sort(tags)
			if !slices.Equal(tags, wantTables) {
				t.Errorf("tables %q, want %q", tags, wantTables)
			}
			for _, tag := range []string{"OS/2", "cvt ", "fpgm", "gasp", "maxp", "name", "prep"} {
				if got, ok := tables[tag]; ok && !bytes.Equal(got, srcTables[tag]) {
					t.Errorf("table %q changed", tag)
				}
			}
			head, srcHead := tables["head"], srcTables["head"]
			if !bytes.Equal(head[:8], srcHead[:8]) || !bytes.Equal(head[12:50], srcHead[12:50]) || !bytes.Equal(head[52:], srcHead[52:]) {
				t.Error("table head changed beyond checkSumAdjustment and indexToLocFormat")
			}
			if got := sfntTestU16(head[50:]) == 1; got != tc.longLoca {
				t.Errorf("long loca offsets: %v, want %v", got, tc.longLoca)
			}
			hhea, srcHhea := tables["hhea"], srcTables["hhea"]
			if !bytes.Equal(hhea[:34], srcHhea[:34]) || !bytes.Equal(hhea[36:], srcHhea[36:]) {
				t.Error("table hhea changed beyond numberOfHMetrics")
			}
			if post := tables["post"]; len(post) != 32 || sfntTestU32(post) != 0x00030000 || !bytes.Equal(post[4:], srcTables["post"][4:32]) {
				t.Errorf("post table % x is not the source's header as version 3.0", post)
			}

			// Glyph IDs are unchanged; the kept glyphs have their source
			// outline (up to 3 bytes of padding) and metrics, every other
			// glyph is empty.
			glyphs := sfntTestGlyphs(t, tables)
			if len(glyphs) != len(srcGlyphs) {
				t.Fatalf("%d glyphs, want %d", len(glyphs), len(srcGlyphs))
			}
			keep := sfntTestClosure(srcGlyphs, tc.cmap)
			adv, lsb := sfntTestMetrics(tables)
			for gid, g := range glyphs {
				want := srcGlyphs[gid]
				switch {
				case !keep[gid]:
					if len(g) != 0 {
						t.Errorf("glyph %d not kept but has %d bytes", gid, len(g))
					}
				case !bytes.HasPrefix(g, want) || len(g) > len(want)+3 || len(g)%4 != 0 || strings.Trim(string(g[len(want):]), "\x00") != "":
					t.Errorf("glyph %d: %d bytes differ from the source's %d", gid, len(g), len(want))
				case adv[gid] != srcAdv[gid] || lsb[gid] != srcLSB[gid]:
					t.Errorf("glyph %d: advance and lsb %d, %d, want %d, %d", gid, adv[gid], lsb[gid], srcAdv[gid], srcLSB[gid])
				}
			}

			// The cmap holds exactly one (3,1) format-4 subtable of the
			// expected size.
			cm := tables["cmap"]
			want := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12, 0, 4}
			if !bytes.HasPrefix(cm, want) {
				t.Fatalf("cmap starts % x, want % x", cm[:min(len(cm), len(want))], want)
			}
			if segs := (int(cm[18])<<8 | int(cm[19])) / 2; segs != tc.wantSegs {
				t.Errorf("%d cmap segments, want %d", segs, tc.wantSegs)
			}
			if l := int(cm[14])<<8 | int(cm[15]); l != len(cm)-12 || l != 16+8*tc.wantSegs {
				t.Errorf("format-4 length %d for a %d-byte cmap", l, len(cm))
			}

			// go-text reads the font: the cmap, and for each mapped glyph
			// the source's advance and outline (composites resolved through
			// their components).
			got, err := font.ParseTTF(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("go-text cannot parse derived font: %v", err)
			}
			for r, gid := range tc.cmap {
				if g, ok := got.NominalGlyph(r); !ok || uint16(g) != gid {
					t.Errorf("NominalGlyph(%U) = %d, %v; want %d", r, g, ok, gid)
				}
				g := font.GID(gid)
				if a, want := got.HorizontalAdvance(g), face.HorizontalAdvance(g); a != want {
					t.Errorf("advance of glyph %d = %v, want %v", gid, a, want)
				}
				gotOutline, _ := got.GlyphDataOutline(g)
				wantOutline, _ := face.GlyphDataOutline(g)
				if !reflect.DeepEqual(gotOutline, wantOutline) {
					t.Errorf("outline of glyph %d differs from the source's", gid)
				}
			}
			for _, r := range tc.absent {
				if g, ok := got.NominalGlyph(r); ok {
					t.Errorf("NominalGlyph(%U) = %d, want unmapped", r, g)
				}
			}
		})
	}
}

// TestDeriveFontComposite checks on a few known glyphs what TestDeriveFont
// checks for all: the components of a mapped composite glyph keep their
// outlines although the cmap does not name them, to any depth, and unmapped
// glyphs are empty.
func TestDeriveFontComposite(t *testing.T) {
	src, face := sfntTestFont(t, "NotoSans-Regular.ttf")
	srcGlyphs := sfntTestGlyphs(t, sfntTestSourceTables(src))
	nested := sfntTestComposite(t, face, srcGlyphs, true)
	cmap := map[rune]uint16{'A': sfntTestGID(t, face, 'A'), nested: sfntTestGID(t, face, nested)}
	for _, r := range "éą" {
		cmap[r] = sfntTestGID(t, face, r)
	}
	b, err := DeriveFont(src, cmap)
	if err != nil {
		t.Fatal(err)
	}
	glyphs := sfntTestGlyphs(t, sfntTestTables(t, b))

	// The expected glyphs: .notdef, the mapped ones, their components and
	// (for the nested composite) the components' components.
	want := map[int]string{0: ".notdef"}
	for r, gid := range cmap {
		comps := sfntTestComponents(srcGlyphs[gid])
		if r != 'A' && len(comps) == 0 {
			t.Fatalf("glyph %d of %q is not a composite in this font", gid, r)
		}
		want[int(gid)] = string(r)
		for _, c := range comps {
			want[c] = "component of " + string(r)
			for _, cc := range sfntTestComponents(srcGlyphs[c]) {
				want[cc] = "component of a component of " + string(r)
			}
		}
	}
	t.Logf("glyphs kept: %v", want)
	for gid, what := range want {
		if !bytes.HasPrefix(glyphs[gid], srcGlyphs[gid]) || len(srcGlyphs[gid]) == 0 {
			t.Errorf("glyph %d (%s) has %d bytes, not the source's %d", gid, what, len(glyphs[gid]), len(srcGlyphs[gid]))
		}
	}
	for gid, g := range glyphs {
		if _, ok := want[gid]; !ok && len(g) != 0 {
			t.Errorf("glyph %d is neither mapped nor a component but has %d bytes", gid, len(g))
		}
	}
}

// TestDeriveFontSize checks that a derived font is small: its size follows
// from the glyphs used, not from the source.
func TestDeriveFontSize(t *testing.T) {
	for _, tf := range []struct {
		file string
		max  int
	}{
		{"NotoSans-Regular.ttf", 40 << 10},
		{"NotoSansSignWriting-Regular.ttf", 0}, // only logged
	} {
		t.Run(tf.file, func(t *testing.T) {
			src, face := sfntTestFont(t, tf.file)
			cmap := sfntTestCmap80(t, face)
			b, err := DeriveFont(src, cmap)
			if err != nil {
				t.Fatal(err)
			}
			got, err := font.ParseTTF(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("go-text cannot parse derived font: %v", err)
			}
			for _, gid := range cmap {
				if a, want := got.HorizontalAdvance(font.GID(gid)), face.HorizontalAdvance(font.GID(gid)); a != want {
					t.Errorf("advance of glyph %d = %v, want %v", gid, a, want)
				}
			}
			sizes := map[string]int{}
			for tag, data := range sfntTestTables(t, b) {
				sizes[tag] = len(data)
			}
			t.Logf("%d bytes from %d: %v", len(b), len(src), sizes)
			if tf.max > 0 && len(b) > tf.max {
				t.Errorf("derived font has %d bytes, want at most %d", len(b), tf.max)
			}
		})
	}
}

func TestDeriveFontErrors(t *testing.T) {
	src, face := sfntTestFont(t, "NotoSans-Regular.ttf")
	maxp := sfntTestSourceTables(src)["maxp"]
	numGlyphs := uint16(maxp[4])<<8 | uint16(maxp[5])
	ok := map[rune]uint16{'A': sfntTestGID(t, face, 'A')}

	// withHeader returns a copy of src starting with the given 4 bytes.
	withHeader := func(tag string) []byte {
		b := bytes.Clone(src)
		copy(b, tag)
		return b
	}
	// withRenamed returns a copy of src in which the directory entry of
	// table from is renamed to.
	withRenamed := func(from, to string) []byte {
		b := bytes.Clone(src)
		for i := range int(b[4])<<8 | int(b[5]) {
			if rec := b[12+16*i:]; string(rec[:4]) == from {
				copy(rec, to)
			}
		}
		return b
	}
	// withShortTable returns a copy of src in which the directory gives
	// table tag the given length.
	withShortTable := func(tag string, length byte) []byte {
		b := bytes.Clone(src)
		for i := range int(b[4])<<8 | int(b[5]) {
			if rec := b[12+16*i:]; string(rec[:4]) == tag {
				copy(rec[12:], []byte{0, 0, 0, length})
			}
		}
		return b
	}
	// withGlyph returns a copy of src changed by edit, which gets the data
	// of the composite glyph of 'é', where it starts in glyf, the length of
	// glyf and a function setting loca entry i to offset off.
	eacute := map[rune]uint16{'é': sfntTestGID(t, face, 'é')}
	gidE := int(eacute['é'])
	withGlyph := func(edit func(glyph []byte, start, glyfLen int, setLoca func(i, off int))) []byte {
		b := bytes.Clone(src)
		tables := sfntTestSourceTables(b) // sub-slices of b
		loca, long := tables["loca"], sfntTestU16(tables["head"][50:]) == 1
		glyph := sfntTestGlyphs(t, tables)[gidE]
		if sfntTestComponents(glyph) == nil {
			t.Fatalf("glyph %d of 'é' is not a composite in this font", gidE)
		}
		start := 2 * sfntTestU16(loca[2*gidE:])
		if long {
			start = int(sfntTestU32(loca[4*gidE:]))
		}
		edit(glyph, start, len(tables["glyf"]), func(i, off int) {
			if long {
				copy(loca[4*i:], []byte{byte(off >> 24), byte(off >> 16), byte(off >> 8), byte(off)})
			} else {
				copy(loca[2*i:], []byte{byte(off >> 9), byte(off >> 1)})
			}
		})
		return b
	}
	// setComponent makes the first component of 'é' glyph gid.
	setComponent := func(gid uint16) []byte {
		return withGlyph(func(glyph []byte, _, _ int, _ func(int, int)) {
			copy(glyph[12:], []byte{byte(gid >> 8), byte(gid)})
		})
	}
	// setEnd makes the glyph of 'é' end at glyf offset end(start, glyfLen).
	setEnd := func(end func(start, glyfLen int) int) []byte {
		return withGlyph(func(_ []byte, start, glyfLen int, setLoca func(int, int)) {
			setLoca(gidE+1, end(start, glyfLen))
		})
	}

	tests := []struct {
		name string
		src  []byte
		cmap map[rune]uint16
		is   error // sentinel the error must wrap, if any
	}{
		{"empty input", nil, ok, errSFNTMalformed},
		{"short header", src[:8], ok, errSFNTMalformed},
		{"CFF font", withHeader("OTTO"), ok, errSFNTUnsupported},
		{"font collection", withHeader("ttcf"), ok, errSFNTUnsupported},
		{"WOFF", withHeader("wOFF"), ok, errSFNTUnsupported},
		{"truncated directory", src[:12+16*3], ok, errSFNTMalformed},
		{"truncated tables", src[:len(src)/2], ok, errSFNTMalformed},
		{"missing glyf", withRenamed("glyf", "glyX"), ok, errSFNTMalformed},
		{"duplicate table", withRenamed("gasp", "glyf"), ok, errSFNTMalformed},
		{"glyph ID out of range", src, map[rune]uint16{'A': numGlyphs}, nil},
		{"glyph ID 0xFFFF", src, map[rune]uint16{'A': 0xFFFF}, nil},
		{"non-BMP code point", src, map[rune]uint16{0x1F600: 1}, nil},
		{"U+FFFF", src, map[rune]uint16{0xFFFF: 1}, nil},
		{"negative code point", src, map[rune]uint16{-1: 1}, nil},
		{"short post", withShortTable("post", 8), ok, errSFNTMalformed},
		{"cyclic composite", setComponent(uint16(gidE)), eacute, errSFNTMalformed},
		{"component out of range", setComponent(numGlyphs), eacute, errSFNTMalformed},
		{"truncated composite", setEnd(func(start, _ int) int { return start + 12 }), eacute, errSFNTMalformed},
		{"glyph shorter than its header", setEnd(func(start, _ int) int { return start + 4 }), eacute, errSFNTMalformed},
		{"glyph beyond glyf", setEnd(func(_, glyfLen int) int { return glyfLen + 4 }), eacute, errSFNTMalformed},
		{"glyph ending before its start", setEnd(func(start, _ int) int { return start - 4 }), eacute, errSFNTMalformed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := DeriveFont(tc.src, tc.cmap)
			if err == nil {
				t.Fatalf("no error, %d bytes of output", len(b))
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %q does not wrap %q", err, tc.is)
			}
			t.Log(err)
		})
	}
}

// TestDeriveFontFpdf checks that fpdf parses the derived font, draws the
// mapped glyphs (including those without a code point) with the right
// widths, and embeds a subset containing exactly those outlines.
func TestDeriveFontFpdf(t *testing.T) {
	fonts := []struct {
		file    string
		letters string // characters drawn through their own code points
	}{
		{"NotoSans-Regular.ttf", "AféąǮ"}, // é, ą: composites; Ǯ: nested composite
		{"NotoSansBengali-Regular.ttf", "কষ"},
		{"NotoNaskhArabic-Regular.ttf", "بت"},
		{"NotoSansArabic-Regular.ttf", "لا"},
	}
	for _, tf := range fonts {
		t.Run(tf.file, func(t *testing.T) {
			src, face := sfntTestFont(t, tf.file)
			cmap := map[rune]uint16{}
			for _, r := range tf.letters {
				cmap[r] = sfntTestGID(t, face, r)
			}
			for i, gid := range sfntTestUnmapped(t, face, 3) {
				cmap[0xE000+rune(i)] = gid
			}
			b, err := DeriveFont(src, cmap)
			if err != nil {
				t.Fatal(err)
			}

			const size = 12.0
			text := tf.letters + "\uE000\uE001\uE002"
			pdf := fpdf.New("P", "pt", "A4", "")
			pdf.AddPage()
			pdf.AddUTF8FontFromBytes("x", "", b)
			pdf.SetFont("x", "", size) // fails if fpdf rejected the font
			pdf.Text(10, 20, text)
			for _, r := range text {
				want := float64(face.HorizontalAdvance(font.GID(cmap[r]))) * size / float64(face.Upem())
				if got := pdf.GetStringWidth(string(r)); math.Abs(got-want) > 0.05 {
					t.Errorf("width of %U = %.2f, want %.2f", r, got, want)
				}
			}
			var buf bytes.Buffer
			if err := pdf.Output(&buf); err != nil {
				t.Fatal(err)
			}
			if pdf.Err() {
				t.Fatal(pdf.Error())
			}

			// The page draws CIDs (the code points); the embedded subset
			// must hold, at the glyph the CIDToGIDMap names, the outline of
			// the glyph we mapped.
			subset, cidToGID := sfntTestEmbedded(t, buf.Bytes())
			sub, err := font.ParseTTF(bytes.NewReader(subset))
			if err != nil {
				t.Fatalf("go-text cannot parse fpdf's subset: %v", err)
			}
			for _, r := range text {
				subGID := font.GID(cidToGID[2*r])<<8 | font.GID(cidToGID[2*r+1])
				if subGID == 0 {
					t.Errorf("CIDToGIDMap maps %U to .notdef", r)
					continue
				}
				want, _ := face.GlyphDataOutline(font.GID(cmap[r]))
				got, _ := sub.GlyphDataOutline(subGID)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("embedded glyph %d for %U differs from glyph %d of the source", subGID, r, cmap[r])
				}
			}
		})
	}
}

// sfntTestStream matches the dictionary of a PDF stream object whose /Length
// comes first, as fpdf writes them.
var sfntTestStream = regexp.MustCompile(`<</Length (\d+)([^>]*)>>\nstream\n`)

// sfntTestEmbedded returns the embedded TrueType font program (the stream
// with a /Length1) and the CIDToGIDMap (a 131072-byte stream) of the only
// UTF-8 font of a PDF written by fpdf.
func sfntTestEmbedded(t *testing.T, pdf []byte) (fontFile, cidToGID []byte) {
	t.Helper()
	for _, m := range sfntTestStream.FindAllSubmatchIndex(pdf, -1) {
		n, _ := strconv.Atoi(string(pdf[m[2]:m[3]]))
		dict := string(pdf[m[4]:m[5]])
		if !strings.Contains(dict, "/Filter /FlateDecode") {
			continue
		}
		zr, err := zlib.NewReader(bytes.NewReader(pdf[m[1] : m[1]+n]))
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.Contains(dict, "/Length1 "):
			fontFile = data
		case len(data) == 2*65536:
			cidToGID = data
		}
	}
	if fontFile == nil || cidToGID == nil {
		t.Fatal("font file or CIDToGIDMap stream not found in PDF")
	}
	return fontFile, cidToGID
}

// BenchmarkDeriveFont derives fonts mapping 80 glyphs: 62 letters and
// digits and 18 glyphs without code point.
func BenchmarkDeriveFont(b *testing.B) {
	for _, name := range []string{"NotoSans-Regular.ttf", "NotoSansSignWriting-Regular.ttf"} {
		b.Run(name, func(b *testing.B) {
			src, face := sfntTestFont(b, name)
			cmap := sfntTestCmap80(b, face)
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := DeriveFont(src, cmap); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
