// SPDX-License-Identifier: MIT

package output

// This file turns the glyphs a document draws into its fonts. Each PDF
// font is one TrueType font built for the document (sfnt.MergeFonts): the faces
// that share their units per em are merged into one, and a face of other
// units gets a font of its own. Every drawn cluster is one glyph of it —
// a glyph of the face, or a composite glyph added for a cluster of several
// glyphs, an offset mark, a kerned advance or the same glyph standing for
// other text — and the code that draws it is its glyph ID (/CIDToGIDMap
// /Identity), so that each code stands for exactly its cluster's text and
// copying gives back the source.

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"leaflet/fonts"
	"leaflet/internal/sfnt"
	"leaflet/layout"
	"leaflet/layout/text"
	"leaflet/output/internal/pdfobj"
)

// faceCodes holds the clusters a face draws in a document, with the code
// (glyph ID of the group's font) each is drawn with and the text it
// stands for.
type faceCodes struct {
	face *fonts.Face
	// group is the PDF font the face's clusters are drawn from
	group *fontGroup
	// keys in sorted order; each key's code, text and shape
	keys  []clusterKey
	code  map[clusterKey]uint16
	text  map[clusterKey]string
	shape map[clusterKey]clusterShape
	// interned holds each key, looked up by its bytes
	interned map[string]clusterKey
	// runs holds each run's units, in visual order
	runs map[*layout.GlyphRun][]unit
}

// unit is one drawn cluster of a run: its key and its advance in points.
type unit struct {
	key     clusterKey
	advance float64
}

// fontGroup is one font of the PDF: the faces of a document that share
// their units per em (a page offering the leaflet in twelve languages uses
// twenty faces). The faces share one glyph space.
type fontGroup struct {
	resource string       // the font's resource name on the pages, e.g. "F0"
	faces    []*faceCodes // in name order
	upem     float64
	// the font built for the document, and per code the text it stands
	// for and its advance in font units
	program, packed []byte // packed: the program deflated
	metrics         sfnt.Metrics
	text            map[uint16]string
	advance         map[uint16]uint16
}

// clusterKey identifies a drawn cluster: its glyphs with their offsets in
// font units, and its text.
type clusterKey string

// clusterShape is how a cluster is drawn: its glyphs at their offsets from
// the cluster's origin, and its advance, in font units.
type clusterShape struct {
	glyphs  []sfnt.Component
	advance uint16
}

// appendShape returns the shape of a cluster set at size in a face of
// upem units, its glyphs appended to buf.
func appendShape(buf []sfnt.Component, cl []text.Glyph, size, upem float64) clusterShape {
	unit := func(v float64) int16 { return int16(math.Round(v * upem / size)) }
	s := clusterShape{glyphs: buf}
	pen := 0.0
	for _, g := range cl {
		s.glyphs = append(s.glyphs, sfnt.Component{GID: g.ID, DX: unit(pen + g.XOffset), DY: unit(g.YOffset)})
		pen += g.Advance
	}
	s.advance = uint16(max(0, unit(pen)))
	return s
}

// clusters splits a run's glyphs into the units drawn as one glyph: runs
// of glyphs with the same cluster index, with a cluster that does not
// advance (an Arabic alef tucked under its lam) joined to the next one, so
// that no drawn glyph sits on top of another with text of its own; text
// extraction takes overlapping glyphs for separate words.
func clusters(glyphs []text.Glyph) [][]text.Glyph {
	var out [][]text.Glyph
	for i := 0; i < len(glyphs); {
		j := i + 1
		for j < len(glyphs) && glyphs[j].Cluster == glyphs[i].Cluster {
			j++
		}
		out = append(out, glyphs[i:j])
		i = j
	}
	advance := func(cl []text.Glyph) (a float64) {
		for _, g := range cl {
			a += g.Advance
		}
		return a
	}
	for i := 0; i < len(out) && len(out) > 1; {
		if advance(out[i]) != 0 {
			i++
			continue
		}
		if i+1 < len(out) {
			out[i] = append(append([]text.Glyph(nil), out[i]...), out[i+1]...)
			out = append(out[:i+1], out[i+2:]...)
		} else {
			out[i-1] = append(append([]text.Glyph(nil), out[i-1]...), out[i]...)
			out = out[:i]
		}
	}
	return out
}

// appendClusterText appends the source text a unit of glyphs stands for
// to b: the runes from its first cluster to the end of its last, in
// logical order, or reversed for a right-to-left run.
//
// The unit that ends the run's drawn text (drawn is the end of the last
// drawn cluster) also stands for the white space after it — the space at
// the end of a line, which is not drawn — so that text extraction keeps the
// words of two lines apart.
func appendClusterText(b []byte, cl []text.Glyph, runes []rune, drawn int, rtl bool) []byte {
	lo, hi := len(runes), 0
	for _, g := range cl {
		lo, hi = min(lo, g.Cluster), max(hi, g.Cluster+g.Runes)
	}
	if lo >= hi || hi > len(runes) {
		return b
	}
	if hi == drawn && blankLineEnd(runes[hi:]) {
		hi = len(runes)
	}
	if !rtl {
		for _, r := range runes[lo:hi] {
			b = utf8.AppendRune(b, r)
		}
		return b
	}
	for i := hi - 1; i >= lo; i-- {
		b = utf8.AppendRune(b, runes[i])
	}
	return b
}

// blankLineEnd reports whether rs is white space without a line break.
func blankLineEnd(rs []rune) bool {
	for _, r := range rs {
		if r == '\n' || !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// drawnEnd returns the end of the last cluster a left-to-right run draws,
// in runes, and -1 for a right-to-left run, whose extraction tools reorder
// by themselves and do not expect the line's space on its last glyph.
func drawnEnd(run *layout.GlyphRun) int {
	if run.RTL {
		return -1
	}
	end := 0
	for _, g := range run.Glyphs {
		end = max(end, g.Cluster+g.Runes)
	}
	return end
}

// plain reports whether a cluster is one glyph drawn as the font has it:
// no offset, its own advance.
func (s clusterShape) plain(face *fonts.Face) bool {
	g := s.glyphs
	return len(g) == 1 && g[0].DX == 0 && g[0].DY == 0 && int(s.advance) == face.Advance(g[0].GID)
}

// appendKey appends the key of a cluster of the given shape and text to b.
func appendKey(b []byte, s clusterShape, txt []byte, face *fonts.Face) []byte {
	if s.plain(face) {
		b = strconv.AppendUint(b, uint64(s.glyphs[0].GID), 10)
	} else {
		for _, g := range s.glyphs {
			b = strconv.AppendUint(b, uint64(g.GID), 10)
			b = append(b, '@')
			b = strconv.AppendInt(b, int64(g.DX), 10)
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(g.DY), 10)
			b = append(b, ';')
		}
		b = append(b, '+')
		b = strconv.AppendUint(b, uint64(s.advance), 10)
	}
	b = append(b, '|')
	return append(b, txt...)
}

// runClusters calls fn for each unit a run draws, in visual order, with
// its key, shape, text and advance in points. The key, the shape's glyphs
// and the text are fn's only until it returns: they are reused for the
// next unit.
func runClusters(run *layout.GlyphRun, fn func(k []byte, sh clusterShape, txt []byte, advance float64)) {
	var (
		key, txt []byte
		glyphs   []sfnt.Component
	)
	runes := []rune(run.Text)
	drawn := drawnEnd(run)
	for _, cl := range clusters(run.Glyphs) {
		txt = appendClusterText(txt[:0], cl, runes, drawn, run.RTL)
		sh := appendShape(glyphs[:0], cl, run.Size, run.Face.Upem())
		glyphs = sh.glyphs
		advance := 0.0
		for _, g := range cl {
			advance += g.Advance
		}
		key = appendKey(key[:0], sh, txt, run.Face)
		fn(key, sh, txt, advance)
	}
}

// collectGlyphs gathers the clusters each face draws and groups the faces
// into the document's fonts, in name order, with resource names F0, F1, ….
func collectGlyphs(res *layout.Result) (map[*fonts.Face]*faceCodes, []*fontGroup) {
	faces := map[*fonts.Face]*faceCodes{}
	for _, p := range res.Pages {
		for _, it := range p.Items {
			run, ok := it.(*layout.GlyphRun)
			if !ok {
				continue
			}
			fc := faces[run.Face]
			if fc == nil {
				fc = &faceCodes{face: run.Face, code: map[clusterKey]uint16{}, text: map[clusterKey]string{}, interned: map[string]clusterKey{},
					shape: map[clusterKey]clusterShape{}, runs: map[*layout.GlyphRun][]unit{}}
				faces[run.Face] = fc
			}
			units := make([]unit, 0, len(run.Glyphs))
			runClusters(run, func(kb []byte, sh clusterShape, txt []byte, advance float64) {
				k, seen := fc.interned[string(kb)] // the key once, however often drawn
				if !seen {
					k = clusterKey(kb)
					fc.interned[string(k)] = k
					fc.keys = append(fc.keys, k)
					fc.text[k] = string(txt)
					sh.glyphs = slices.Clone(sh.glyphs)
					fc.shape[k] = sh
				}
				units = append(units, unit{k, advance})
			})
			fc.runs[run] = units
		}
	}
	order := make([]*faceCodes, 0, len(faces))
	for _, fc := range faces {
		sort.Slice(fc.keys, func(a, b int) bool { return fc.keys[a] < fc.keys[b] })
		order = append(order, fc)
	}
	sort.Slice(order, func(i, j int) bool { return order[i].face.Name < order[j].face.Name })
	var groups []*fontGroup
	byUpem := map[float64]*fontGroup{}
	for _, fc := range order {
		g := byUpem[fc.face.Upem()]
		if g == nil {
			g = &fontGroup{resource: fmt.Sprintf("F%d", len(groups)), upem: fc.face.Upem()}
			byUpem[fc.face.Upem()] = g
			groups = append(groups, g)
		}
		g.faces = append(g.faces, fc)
		fc.group = g
	}
	return faces, groups
}

// number gives every cluster of the group its code and returns the
// function that builds the group's font so numbered: its program, the
// program deflated and the metrics its descriptor gives, which pages can
// be drawn without. The font's glyphs are numbered: .notdef, then each
// face's glyphs that its clusters use, in order of first use, then the
// composites, then components that are not drawn on their own. A cluster
// of one glyph drawn as the face has it is drawn as that glyph, for the
// first text it stands for; any other cluster gets a composite glyph of
// its own.
func (g *fontGroup) number() (build func() error) {
	parts := make([]sfnt.MergePart, len(g.faces))
	newID := make([]map[uint16]uint16, len(g.faces))
	next := uint16(1)
	for i, fc := range g.faces {
		parts[i].Src = fc.face.Data
		newID[i] = map[uint16]uint16{}
		for _, k := range fc.keys {
			for _, c := range fc.shape[k].glyphs {
				if _, ok := newID[i][c.GID]; ok {
					continue
				}
				parts[i].Glyphs = append(parts[i].Glyphs, c.GID)
				if i == 0 && c.GID == 0 {
					newID[i][0] = 0
					continue
				}
				newID[i][c.GID] = next
				next++
			}
		}
	}
	g.text = map[uint16]string{}
	g.advance = map[uint16]uint16{}
	var extra []sfnt.Composite
	for i, fc := range g.faces {
		for _, k := range fc.keys {
			sh := fc.shape[k]
			code := newID[i][sh.glyphs[0].GID]
			if _, taken := g.text[code]; taken || code == 0 || !sh.plain(fc.face) {
				c := sfnt.Composite{Advance: sh.advance}
				for _, comp := range sh.glyphs {
					comp.GID = newID[i][comp.GID]
					c.Components = append(c.Components, comp)
				}
				code = next + uint16(len(extra))
				extra = append(extra, c)
			}
			fc.code[k] = code
			g.text[code] = fc.text[k]
			g.advance[code] = sh.advance
		}
	}
	return func() error {
		font, gids, err := sfnt.MergeFonts(parts, nil, extra)
		if err != nil {
			return fmt.Errorf("font of %s: %w", g.names(), err)
		}
		for i := range parts { // the numbering must be as predicted
			for j, gid := range parts[i].Glyphs {
				if gids[i][j] != newID[i][gid] {
					return fmt.Errorf("font of %s: glyph %d of %s became %d, not %d",
						g.names(), gid, g.faces[i].face.Name, gids[i][j], newID[i][gid])
				}
			}
		}
		if g.metrics, err = sfnt.ReadMetrics(font); err != nil {
			return fmt.Errorf("font of %s: %w", g.names(), err)
		}
		g.program, g.packed = font, pdfobj.Deflate(font)
		return nil
	}
}

// buildFonts numbers the groups' glyphs and builds their fonts in the
// background: wait returns once they are built, with the first error.
func buildFonts(groups []*fontGroup) (wait func() error) {
	var wg sync.WaitGroup
	errs := make([]error, len(groups))
	for i, g := range groups {
		build := g.number()
		wg.Go(func() { errs[i] = build() })
	}
	return func() error {
		wg.Wait()
		return errors.Join(errs...)
	}
}

// names returns the names of the group's faces.
func (g *fontGroup) names() string {
	var n []string
	for _, fc := range g.faces {
		n = append(n, fc.face.Name)
	}
	return strings.Join(n, ", ")
}

// name returns the font's name in the PDF: a subset tag and the face's
// name, or for a merged font its first face's with "Merged" before it.
func (g *fontGroup) name() string {
	n := g.faces[0].face.Name
	if len(g.faces) > 1 {
		n = "Merged-" + n
	}
	return g.subsetTag() + "+" + n
}

// subsetTag returns the six capital letters that name a font subset
// (ISO 32000 9.6.4), derived from the faces and the clusters they draw
// (in sorted order) so that the same subset always gets the same tag.
func (g *fontGroup) subsetTag() string {
	h := fnv.New64a()
	for _, fc := range g.faces {
		h.Write([]byte(fc.face.Name))
		for _, k := range fc.keys {
			h.Write([]byte(k))
			h.Write([]byte{0})
		}
	}
	v := h.Sum64()
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + byte(v%26)
		v /= 26
	}
	return string(tag)
}
