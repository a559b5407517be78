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
	"cmp"
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
	// clusters in order of their keys
	clusters []*cluster
	// byKey holds each cluster by its key's bytes, and plain each one
	// glyph drawn as the face has it for one rune, by glyph and rune: the
	// most clusters of a text, found without making their keys
	byKey map[string]*cluster
	plain map[plainKey]*cluster
	// runs holds each run's units, in visual order
	runs map[*layout.GlyphRun][]unit
}

// cluster is one cluster a face draws: its key, the text it stands for,
// its shape and, once its font is numbered, its code.
type cluster struct {
	key   clusterKey
	text  string
	shape clusterShape
	code  uint16
}

// plainKey is a glyph and the rune it stands for, as a key: the rune in
// the low 32 bits.
type plainKey uint64

// unit is one drawn cluster of a run, with its advance in points.
type unit struct {
	c       *cluster
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

// appendShape returns the shape of a cluster set at size in face, its
// glyphs appended to buf. One glyph without offsets takes the face's own
// advance whatever its advance in the line: a kerned glyph is the face's
// glyph, and the content moves the pen by the kerning (a TJ adjustment).
func appendShape(buf []sfnt.Component, cl []text.Glyph, size float64, face *fonts.Face) clusterShape {
	upem := face.Upem()
	s := clusterShape{glyphs: buf}
	pen := 0.0
	for _, g := range cl {
		s.glyphs = append(s.glyphs, sfnt.Component{GID: g.ID, DX: unitsOf(pen+g.XOffset, size, upem), DY: unitsOf(g.YOffset, size, upem)})
		pen += g.Advance
	}
	s.advance = uint16(max(0, unitsOf(pen, size, upem)))
	if g := s.glyphs; len(g) == 1 && g[0].DX == 0 && g[0].DY == 0 {
		s.advance = uint16(face.Advance(g[0].GID))
	}
	return s
}

// clusters splits a run's glyphs into the units drawn as one glyph: runs
// of glyphs with the same cluster index, with a cluster that does not
// advance (an Arabic alef tucked under its lam) joined to the next one, so
// that no drawn glyph sits on top of another with text of its own; text
// extraction takes overlapping glyphs for separate words.
func clusters(out [][]text.Glyph, glyphs []text.Glyph) [][]text.Glyph {
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
// drawn cluster; -1 for none) also stands for the white space after it —
// the space at the end of a line, which is not drawn — so that text
// extraction keeps the words of two lines apart.
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
// no offset, its own advance (appendShape gives a kerned glyph its own).
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

// clusterer splits runs into the clusters they draw, keeping its
// buffers from run to run.
type clusterer struct {
	runes    []rune
	units    [][]text.Glyph
	key, txt []byte
	glyphs   []sfnt.Component
}

// run returns the units a run draws, in visual order, adding the clusters
// the face has not drawn yet to fc.
func (cr *clusterer) run(fc *faceCodes, run *layout.GlyphRun) []unit {
	cr.runes = cr.runes[:0]
	for _, r := range run.Text {
		cr.runes = append(cr.runes, r)
	}
	drawn := drawnEnd(run)
	upem := run.Face.Upem()
	cr.units = clusters(cr.units[:0], run.Glyphs)
	// the blanks that end a left-to-right run's line, which the layout
	// does not draw, are drawn as the face's space after its last unit,
	// so that text extraction keeps the words of two lines apart (a face
	// without a space has its last unit stand for them)
	if drawn >= 0 && drawn < len(cr.runes) && blankLineEnd(cr.runes[drawn:]) {
		if space, ok := run.Face.Glyph(' '); ok {
			cr.units = append(cr.units, []text.Glyph{{ID: space, Advance: float64(run.Face.Advance(space)) * run.Size / upem, Cluster: drawn, Runes: len(cr.runes) - drawn}})
			drawn = -1
		}
	}
	out := make([]unit, 0, len(cr.units))
	for _, cl := range cr.units {
		advance := 0.0
		for _, g := range cl {
			advance += g.Advance
		}
		// one glyph for one rune, drawn as the face has it (kerned or
		// not), with no line-end space to stand for: found by glyph and
		// rune
		var pk plainKey
		isPlain := false
		if g := cl[0]; len(cl) == 1 && g.Runes == 1 && g.Cluster+1 != drawn && g.Cluster < len(cr.runes) &&
			unitsOf(g.XOffset, run.Size, upem) == 0 && unitsOf(g.YOffset, run.Size, upem) == 0 {
			pk, isPlain = plainKey(g.ID)<<32|plainKey(uint32(cr.runes[g.Cluster])), true
			if c := fc.plain[pk]; c != nil {
				out = append(out, unit{c, advance})
				continue
			}
		}
		cr.txt = appendClusterText(cr.txt[:0], cl, cr.runes, drawn, run.RTL)
		sh := appendShape(cr.glyphs[:0], cl, run.Size, run.Face)
		cr.glyphs = sh.glyphs
		cr.key = appendKey(cr.key[:0], sh, cr.txt, run.Face)
		c := fc.byKey[string(cr.key)] // each cluster once, however often drawn
		if c == nil {
			sh.glyphs = slices.Clone(sh.glyphs)
			c = &cluster{key: clusterKey(cr.key), text: string(cr.txt), shape: sh}
			fc.byKey[string(c.key)] = c
			fc.clusters = append(fc.clusters, c)
		}
		if isPlain {
			fc.plain[pk] = c
		}
		out = append(out, unit{c, advance})
	}
	return out
}

// unitsOf returns a length in points at size in font units, rounded.
func unitsOf(v, size, upem float64) int16 { return int16(math.Round(v * upem / size)) }

// collectGlyphs gathers the clusters each face draws and groups the faces
// into the document's fonts, in name order, with resource names F0, F1, ….
func collectGlyphs(res *layout.Result) (map[*fonts.Face]*faceCodes, []*fontGroup) {
	faces := map[*fonts.Face]*faceCodes{}
	var cr clusterer
	for _, p := range res.Pages {
		for _, it := range p.Items {
			run, ok := it.(*layout.GlyphRun)
			if !ok {
				continue
			}
			fc := faces[run.Face]
			if fc == nil {
				fc = &faceCodes{face: run.Face, byKey: map[string]*cluster{}, plain: map[plainKey]*cluster{}, runs: map[*layout.GlyphRun][]unit{}}
				faces[run.Face] = fc
			}
			fc.runs[run] = cr.run(fc, run)
		}
	}
	order := make([]*faceCodes, 0, len(faces))
	for _, fc := range faces {
		slices.SortFunc(fc.clusters, func(a, b *cluster) int { return strings.Compare(string(a.key), string(b.key)) })
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
// face's glyphs that its clusters use, in order of first use as
// numberingOrder gives the clusters, then the composites, then
// components that are not drawn on their own. A cluster
// of one glyph drawn as the face has it is drawn as that glyph, for the
// first text it stands for; any other cluster gets a composite glyph of
// its own.
func (g *fontGroup) number() (build func() error) {
	parts := make([]sfnt.MergePart, len(g.faces))
	newID := make([]map[uint16]uint16, len(g.faces))
	next := uint16(1)
	order := make([][]*cluster, len(g.faces))
	for i, fc := range g.faces {
		parts[i].Src = fc.face.Data
		newID[i] = make(map[uint16]uint16, len(fc.clusters))
		order[i] = numberingOrder(fc)
		for _, cl := range order[i] {
			for _, c := range cl.shape.glyphs {
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
	n := 0
	for _, fc := range g.faces {
		n += len(fc.clusters)
	}
	g.text = make(map[uint16]string, n)
	g.advance = make(map[uint16]uint16, n)
	var extra []sfnt.Composite
	for i, fc := range g.faces {
		for _, cl := range order[i] {
			sh := cl.shape
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
			cl.code = code
			g.text[code] = cl.text
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

// numberingOrder returns the order a face's clusters are numbered in: the
// clusters of one glyph drawn as the face has it for one character, by
// character, then the others, by key. Consecutive characters (the letters
// a text uses) then get consecutive codes, which the ToUnicode map gives
// as one range.
func numberingOrder(fc *faceCodes) []*cluster {
	char := func(c *cluster) (rune, bool) {
		r, n := utf8.DecodeRuneInString(c.text)
		return r, n > 0 && n == len(c.text) && c.shape.plain(fc.face)
	}
	out := slices.Clone(fc.clusters)
	slices.SortStableFunc(out, func(a, b *cluster) int {
		ra, oka := char(a)
		rb, okb := char(b)
		switch {
		case oka && okb:
			return cmp.Compare(ra, rb)
		case oka:
			return -1
		case okb:
			return 1
		}
		return 0 // by key, as fc.clusters are
	})
	return out
}

// buildFonts numbers the groups' glyphs and builds their fonts in the
// background: wait returns once they are built, with their errors.
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
		for _, cl := range fc.clusters {
			h.Write([]byte(cl.key))
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
