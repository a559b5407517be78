// SPDX-License-Identifier: MIT

package sfnt

// This file builds a document's fonts: the glyphs it draws of one or more
// TrueType faces, merged into one font, so that a document drawn in many
// faces (Latin, Arabic, Bengali, Ethiopic, ...) embeds one font instead of
// one per face, with composite glyphs added for shaped clusters.
//
// The glyphs of the merged font are renumbered: glyph 0 is the first
// font's .notdef, then come the glyphs taken from each font in turn. Hinting
// cannot be merged (each font's instructions call functions of its own fpgm
// and read its own cvt), so the instructions of the copied glyphs are
// dropped and the merged font has no fpgm, prep, cvt or gasp table. The
// outlines themselves are copied byte for byte, apart from the component
// glyph IDs of composite glyphs, which are renumbered.

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// mergeWeHaveInstructions is the composite component flag saying that
// instructions follow the last component record ("glyf" chapter).
const mergeWeHaveInstructions = 0x0100

// MergePart is one source font's contribution to a merged font.
type MergePart struct {
	Src    []byte   // a TrueType font (sfnt 0x00010000, glyf)
	Glyphs []uint16 // the glyphs of Src to copy (their composite components come too)
}

// mergeSource is a part's font as MergeFonts reads it.
type mergeSource struct {
	tables           []fontTable
	info             fontInfo
	glyf, loca, hmtx []byte
	// ids maps the glyph IDs of the font that are copied to their index
	// among the copied glyphs (see merger).
	ids map[uint16]int
}

// mergeGlyph is a glyph copied into the merged font: a copy of the glyph
// of a part, its instructions left out and its components renumbered.
type mergeGlyph struct {
	part int    // index of the part it comes from
	src  uint16 // its glyph ID there
	data []byte // its glyf data there (a sub-slice of the part's Src)
	// size is the length of the glyph written (before padding), 0 for an
	// empty glyph. For a simple glyph, the instructionLength field is at
	// instrAt and instrLen bytes of instructions follow it, which are left
	// out; for a composite, size ends after the last component record.
	size, instrAt, instrLen int
	composite               bool
	advance                 uint16
	lsb                     int16
	stats                   glyphStats
	// visit is 0 for a composite whose components have not been visited
	// yet, 1 while they are being visited (so meeting the glyph again means
	// a cycle) and 2 once done; simple and empty glyphs are created done.
	visit uint8
}

// MergeFonts returns one TrueType font holding glyph 0 (.notdef, from the
// first part) and then, part by part in order, the listed glyphs of each
// part (in the order given, duplicates removed), followed by the components
// of composite glyphs among them that were not listed. gids[i][j] is the
// new glyph ID of parts[i].Glyphs[j]. The font's cmap maps the code points in
// cmap to NEW glyph IDs; extra composites (components given as NEW glyph
// IDs) are added after the listed glyphs and
// before the components that were not listed, so that the caller knows
// every glyph ID it needs before the call.
//
// In detail:
//
//   - glyph IDs: parts[i].Glyphs[j] becomes glyph 1 + the number of distinct
//     glyphs listed before it (in parts 0..i), except that glyph 0 of the
//     first part is glyph 0 (glyph 0 of another part is an ordinary glyph of
//     that part). With L the number of distinct glyphs listed (glyph 0 of
//     the first part not counted), extra[i] becomes glyph 1+L+i, and the
//     components that were not listed come from 1+L+len(extra) on, to any
//     depth, in the order a depth-first walk of the listed glyphs'
//     components (in glyph ID and component record order) first meets them.
//     Parts are never merged with each other: the same font given twice is
//     copied twice;
//   - the outlines are copied byte for byte (each glyph padded to 4 bytes)
//     except that simple glyphs lose their instructions (instructionLength
//     becomes 0 and the instructions are removed) and composite glyphs get
//     the new glyph IDs of their components, lose WE_HAVE_INSTRUCTIONS and
//     the instructions after their last component record. A simple glyph
//     with no contours but some data is written as an empty glyph;
//   - an extra composite is written with one record per
//     Component (ARG_1_AND_2_ARE_WORDS, ARGS_ARE_XY_VALUES), a bounding box
//     that is the union of its components' boxes moved by their offsets,
//     leaving out components without contours, and no data at all if none
//     has any. Its components must be copied glyphs, not extra composites;
//   - every copied glyph keeps its advance and left side bearing; an extra
//     composite gets its Advance and, as left side bearing, the xMin of its
//     bounding box (0 if it is empty). hmtx has as few long metrics as the
//     advances allow;
//   - the tables are cmap (one (3,1) format-4 subtable, as buildCmap
//     writes it), glyf (one zero byte if no glyph has an outline), loca
//     (short offsets when glyf allows them), hmtx, head, hhea, maxp, name,
//     post and, if the first part has it, OS/2. OS/2 and name are the first
//     part's, unchanged; post is its header as version 3.0 (no glyph
//     names). There is no fpgm, prep, cvt or gasp;
//   - head is the first part's with indexToLocFormat set and its bounding box
//     widened to cover every glyph with contours (checkSumAdjustment is
//     recomputed when the font is assembled);
//   - hhea is the first part's with ascender the largest, descender the
//     smallest and lineGap the largest of the parts', numberOfHMetrics set
//     and advanceWidthMax, minLeftSideBearing, minRightSideBearing and
//     xMaxExtent computed from the merged glyphs (the last three over the
//     glyphs with contours, 0 if there are none);
//   - maxp is version 1.0 with numGlyphs counting all glyphs and each of its
//     other fields the largest of the parts', raised where the extra
//     composites need more (maxCompositePoints, maxCompositeContours,
//     maxComponentElements, maxComponentDepth).
//
// All parts must be TrueType fonts with a version 1.0 maxp table and the same
// unitsPerEm. Errors name the part (or the extra composite) at fault: a
// font checkTables rejects, a listed glyph ID beyond the part's glyphs,
// a truncated or cyclic composite glyph, a simple glyph whose instructions
// run past its end, more than 65535 glyphs in all, an extra composite
// without components or with a component that is not a copied glyph, a
// composite whose box or point count does not fit the font's fields, or a
// cmap entry buildCmap rejects. Errors about the fonts themselves wrap
// errMalformed or errUnsupported. The output is a function of the
// arguments only; they are not modified and the result shares no memory
// with them. The work is linear in the number of glyphs copied, plus reading
// each part's table directory.
func MergeFonts(parts []MergePart, cmap map[rune]uint16, extra []Composite) (font []byte, gids [][]uint16, err error) {
	if len(parts) == 0 {
		return nil, nil, errors.New("no fonts to merge")
	}
	srcs := make([]mergeSource, len(parts))
	listed := 0
	for i, p := range parts {
		s, err := mergeOpen(p.Src)
		if err != nil {
			return nil, nil, fmt.Errorf("part %d: %w", i, err)
		}
		if i > 0 {
			upem, want := be.Uint16(findTable(s.tables, "head")[18:]), be.Uint16(findTable(srcs[0].tables, "head")[18:])
			if upem != want {
				return nil, nil, fmt.Errorf("part %d has %d units per em, part 0 has %d: merged fonts need the same unitsPerEm", i, upem, want)
			}
		}
		// Room for the listed glyphs and, usually, their components.
		s.ids = make(map[uint16]int, min(len(p.Glyphs)+len(p.Glyphs)/2+1, s.info.numGlyphs))
		listed += len(p.Glyphs)
		srcs[i] = s
	}

	m := merger{srcs: srcs, numExtra: len(extra), glyphs: make([]mergeGlyph, 0, min(1+listed+listed/2, 0xFFFF))}
	if _, err := m.add(0, 0); err != nil {
		return nil, nil, err
	}
	gids = make([][]uint16, len(parts))
	for i, p := range parts {
		s := &m.srcs[i]
		gids[i] = make([]uint16, len(p.Glyphs))
		for j, gid := range p.Glyphs {
			if int(gid) >= s.info.numGlyphs {
				return nil, nil, fmt.Errorf("part %d: glyph %d (Glyphs[%d]) is out of range, the font has %d glyphs", i, gid, j, s.info.numGlyphs)
			}
			k, ok := s.ids[gid]
			if !ok {
				if k, err = m.add(i, gid); err != nil {
					return nil, nil, err
				}
			}
			gids[i][j] = uint16(k) // listed glyphs keep their index as ID
		}
	}
	m.listed = len(m.glyphs)
	if len(extra) > 0xFFFF-m.listed {
		return nil, nil, fmt.Errorf("%d composite glyphs do not fit a font of %d glyphs: at most %d can be added", len(extra), m.listed, 0xFFFF-m.listed)
	}
	// Walking the listed glyphs appends the components not met before.
	for k := range m.listed {
		if err := m.walk(k); err != nil {
			return nil, nil, err
		}
	}

	if err := m.buildExtra(extra); err != nil {
		return nil, nil, err
	}
	cmapTable, err := buildCmap(cmap, m.total())
	if err != nil {
		return nil, nil, err
	}
	glyf, loca, locFormat := m.writeGlyf()
	hmtx, numHMetrics := m.writeHmtx()

	first := srcs[0].tables
	head := slices.Clone(findTable(first, "head"))
	be.PutUint16(head[50:], locFormat)
	hhea := slices.Clone(findTable(first, "hhea"))
	be.PutUint16(hhea[34:], numHMetrics)
	m.setExtremes(head, hhea)
	maxp := m.writeMaxp(extra)
	post := make([]byte, postHeaderLen)
	copy(post, findTable(first, "post")) // zero-filled if shorter
	be.PutUint32(post, 0x00030000)       // version 3.0: no glyph names

	tables := []fontTable{
		{"cmap", cmapTable}, {"glyf", glyf}, {"head", head}, {"hhea", hhea}, {"hmtx", hmtx},
		{"loca", loca}, {"maxp", maxp}, {"name", trimName(findTable(first, "name"))}, {"post", post},
	}
	if os2 := findTable(first, "OS/2"); os2 != nil {
		tables = append(tables, fontTable{"OS/2", os2})
	}
	slices.SortFunc(tables, func(a, b fontTable) int { return compareTag(a, b.tag) })
	return assemble(tables), gids, nil
}

// mergeOpen reads a part's font: its tables, checked by checkTables,
// and a version 1.0 maxp, whose fields the merged font's must cover.
func mergeOpen(src []byte) (mergeSource, error) {
	tables, err := readTables(src)
	if err != nil {
		return mergeSource{}, err
	}
	info, err := checkTables(tables)
	if err != nil {
		return mergeSource{}, err
	}
	if maxp := findTable(tables, "maxp"); len(maxp) < 32 || be.Uint32(maxp) != 0x00010000 {
		return mergeSource{}, fmt.Errorf("%w: merging needs a version 1.0 'maxp' table", errMalformed)
	}
	return mergeSource{
		tables: tables,
		info:   info,
		glyf:   findTable(tables, "glyf"),
		loca:   findTable(tables, "loca"),
		hmtx:   findTable(tables, "hmtx"),
	}, nil
}

// merger collects the glyphs of a merged font. The copied glyphs are
// indexed in the order they are met: .notdef, the listed glyphs, then the
// components that were not listed. The extra composites take the glyph IDs
// between the last two groups, so a copied glyph's glyph ID is its index
// if it is below listed and its index plus numExtra otherwise.
type merger struct {
	srcs     []mergeSource
	glyphs   []mergeGlyph // the copied glyphs
	listed   int          // number of copied glyphs up to the last listed one
	numExtra int          // number of extra composites
	added    []addedGlyph // the extra composites, once built
}

// total returns the number of glyphs of the merged font.
func (m *merger) total() int { return len(m.glyphs) + m.numExtra }

// id returns the glyph ID of copied glyph k.
func (m *merger) id(k int) int {
	if k < m.listed {
		return k
	}
	return k + m.numExtra
}

// slot returns what glyph ID n of the merged font is: copied glyph k (and
// extra -1) or extra composite extra (and k -1). n must be below total().
func (m *merger) slot(n int) (k, extra int) {
	switch {
	case n < m.listed:
		return n, -1
	case n < m.listed+m.numExtra:
		return -1, n - m.listed
	default:
		return n - m.numExtra, -1
	}
}

// add appends glyph gid of part i (a valid glyph ID) to the copied glyphs
// and returns its index. It reads the glyph's metrics and, for a simple
// glyph, where its instructions are and its point and contour counts; a
// composite glyph's components are read by walk.
func (m *merger) add(i int, gid uint16) (int, error) {
	k := len(m.glyphs)
	if k+m.numExtra >= 0xFFFF {
		return 0, fmt.Errorf("part %d: glyph %d would be glyph %d of the merged font (with %d added composites), which can have only 65535 glyphs", i, gid, k+m.numExtra, m.numExtra)
	}
	s := &m.srcs[i]
	data, err := glyphData(s.glyf, s.loca, s.info.locFormat, int(gid))
	if err != nil {
		return 0, fmt.Errorf("part %d: %w", i, err)
	}
	g := mergeGlyph{part: i, src: gid, data: data, visit: 2}
	n := s.info.numHMetrics
	if int(gid) < n {
		g.advance, g.lsb = be.Uint16(s.hmtx[4*int(gid):]), int16(be.Uint16(s.hmtx[4*int(gid)+2:]))
	} else {
		g.advance, g.lsb = be.Uint16(s.hmtx[4*(n-1):]), int16(be.Uint16(s.hmtx[4*n+2*(int(gid)-n):]))
	}
	switch {
	case len(data) == 0:
	case isComposite(data):
		g.composite, g.visit = true, 0
	default:
		contours := int(be.Uint16(data))
		if contours == 0 {
			break // no outline: written as an empty glyph
		}
		g.instrAt = 10 + 2*contours
		if g.instrAt+2 > len(data) {
			return 0, fmt.Errorf("part %d: %w: glyph %d of %d contours is truncated", i, errMalformed, gid, contours)
		}
		g.instrLen = int(be.Uint16(data[g.instrAt:]))
		if g.instrAt+2+g.instrLen > len(data) {
			return 0, fmt.Errorf("part %d: %w: glyph %d has %d bytes of instructions, more than its %d bytes hold", i, errMalformed, gid, g.instrLen, len(data))
		}
		g.stats = glyphStats{points: int(be.Uint16(data[g.instrAt-2:])) + 1, contours: contours}
		// the glyph ends with its coordinates, not with the source's
		// padding
		end, ok := simpleEnd(data, g.instrAt+2+g.instrLen, g.stats.points)
		if !ok {
			return 0, fmt.Errorf("part %d: %w: glyph %d's points run past its %d bytes", i, errMalformed, gid, len(data))
		}
		g.size = end - g.instrLen
	}
	m.glyphs = append(m.glyphs, g)
	s.ids[gid] = k
	return k, nil
}

// walk visits the components of copied glyph k, if it is a composite, depth
// first: it adds those not copied yet, finds where the last component record
// ends and sums up the glyph's stats. It reports truncated and cyclic
// composites and components beyond the part's glyphs.
func (m *merger) walk(k int) error {
	switch m.glyphs[k].visit {
	case 1:
		g := m.glyphs[k]
		return fmt.Errorf("part %d: %w: composite glyph %d contains itself", g.part, errMalformed, g.src)
	case 2:
		return nil
	}
	m.glyphs[k].visit = 1
	g := m.glyphs[k] // a copy: m.glyphs may grow below
	s := &m.srcs[g.part]
	var stats glyphStats
	p := 10
	for {
		if p+4 > len(g.data) {
			return fmt.Errorf("part %d: %w: composite glyph %d is truncated", g.part, errMalformed, g.src)
		}
		flags, comp := be.Uint16(g.data[p:]), be.Uint16(g.data[p+2:])
		if int(comp) >= s.info.numGlyphs {
			return fmt.Errorf("part %d: %w: composite glyph %d has component %d, the font has %d glyphs", g.part, errMalformed, g.src, comp, s.info.numGlyphs)
		}
		c, ok := s.ids[comp]
		if !ok {
			var err error
			if c, err = m.add(g.part, comp); err != nil {
				return err
			}
		}
		if err := m.walk(c); err != nil {
			return err
		}
		stats.add(m.glyphs[c].stats)
		p += componentLen(flags)
		if p > len(g.data) {
			return fmt.Errorf("part %d: %w: composite glyph %d is truncated", g.part, errMalformed, g.src)
		}
		if flags&moreComponents == 0 {
			break
		}
	}
	m.glyphs[k].size, m.glyphs[k].stats, m.glyphs[k].visit = p, stats, 2
	return nil
}

// componentLen returns the length of a composite glyph's component
// record with the given flags.
func componentLen(flags uint16) int {
	n := 4 + 2 // flags, glyphIndex, two byte-sized arguments
	if flags&argsAreWords != 0 {
		n += 2
	}
	switch {
	case flags&haveScale != 0:
		n += 2
	case flags&haveXYScale != 0:
		n += 4
	case flags&have2x2 != 0:
		n += 8
	}
	return n
}

// bbox returns the bounding box in the header of copied glyph k's data.
func (m *merger) bbox(k int) bbox {
	d := m.glyphs[k].data
	return bbox{
		xMin: int(int16(be.Uint16(d[2:]))),
		yMin: int(int16(be.Uint16(d[4:]))),
		xMax: int(int16(be.Uint16(d[6:]))),
		yMax: int(int16(be.Uint16(d[8:]))),
	}
}

// buildExtra checks the extra composites (whose components are glyph IDs
// of copied glyphs in the merged font) and builds their glyph data, bounding
// boxes and advances into m.added.
func (m *merger) buildExtra(extra []Composite) error {
	m.added = make([]addedGlyph, len(extra))
	for i, c := range extra {
		gid := m.listed + i
		if len(c.Components) == 0 || len(c.Components) > 0xFFFF {
			return fmt.Errorf("composite %d (glyph %d) has %d components, want 1 to 65535", i, gid, len(c.Components))
		}
		var total glyphStats
		var box bbox
		empty := true
		for _, comp := range c.Components {
			k := -1
			if int(comp.GID) < m.total() {
				k, _ = m.slot(int(comp.GID))
			}
			if k < 0 {
				return fmt.Errorf("composite %d (glyph %d) has component %d, not a copied glyph (glyphs 0 to %d and %d to %d are); composites cannot contain added composites", i, gid, comp.GID, m.listed-1, m.listed+m.numExtra, m.total()-1)
			}
			cs := m.glyphs[k].stats
			total.add(cs)
			if cs.contours == 0 {
				continue // no outline, so no bounding box
			}
			b := m.bbox(k)
			b = bbox{b.xMin + int(comp.DX), b.yMin + int(comp.DY), b.xMax + int(comp.DX), b.yMax + int(comp.DY)}
			if empty {
				box, empty = b, false
			} else {
				box = bbox{min(box.xMin, b.xMin), min(box.yMin, b.yMin), max(box.xMax, b.xMax), max(box.yMax, b.yMax)}
			}
		}
		if total.points > 0xFFFF || total.contours > 0xFFFF {
			return fmt.Errorf("composite %d (glyph %d) has %d points in %d contours, more than a glyph can have", i, gid, total.points, total.contours)
		}
		if min(box.xMin, box.yMin) < math.MinInt16 || max(box.xMax, box.yMax) > math.MaxInt16 {
			return fmt.Errorf("composite %d (glyph %d) has bounding box %d,%d..%d,%d, beyond the 16-bit range of font units", i, gid, box.xMin, box.yMin, box.xMax, box.yMax)
		}
		m.added[i] = addedGlyph{bbox: box, advance: c.Advance}
		if empty {
			continue // an empty glyph: no data
		}
		m.added[i].data = compositeGlyph(box.xMin, box.yMin, box.xMax, box.yMax, c.Components)
	}
	return nil
}

// writeGlyf returns the glyf and loca tables of the merged font, each glyph
// padded to 4 bytes, and the head.indexToLocFormat they need.
func (m *merger) writeGlyf() (glyf, loca []byte, locFormat uint16) {
	size := 0
	for _, g := range m.glyphs {
		size += (g.size + 3) &^ 3
	}
	for _, a := range m.added {
		size += (len(a.data) + 3) &^ 3
	}
	total := m.total()
	// zeroed, so padding is already in place; one byte when no glyph has
	// an outline, as font sanitisers (OTS) and readTables refuse an empty
	// table
	glyf = make([]byte, max(size, 1))
	if size <= 2*0xFFFF {
		loca = make([]byte, 2*(total+1))
	} else {
		locFormat = 1
		loca = make([]byte, 4*(total+1))
	}
	off := 0
	for n := range total + 1 {
		if locFormat == 0 {
			be.PutUint16(loca[2*n:], uint16(off/2))
		} else {
			be.PutUint32(loca[4*n:], uint32(off))
		}
		if n == total {
			break
		}
		k, e := m.slot(n)
		if e >= 0 {
			off += (copy(glyf[off:], m.added[e].data) + 3) &^ 3
			continue
		}
		g := &m.glyphs[k]
		out := glyf[off : off+g.size]
		switch {
		case g.size == 0:
		case g.composite:
			copy(out, g.data[:g.size])
			ids := m.srcs[g.part].ids
			for p := 10; p < g.size; {
				flags := be.Uint16(out[p:])
				be.PutUint16(out[p:], flags&^mergeWeHaveInstructions)
				be.PutUint16(out[p+2:], uint16(m.id(ids[be.Uint16(out[p+2:])])))
				p += componentLen(flags)
			}
		default: // simple: leave out the instructions, whose length stays 0
			copy(out, g.data[:g.instrAt])
			copy(out[g.instrAt+2:], g.data[g.instrAt+2+g.instrLen:])
		}
		off += (g.size + 3) &^ 3
	}
	return glyf, loca, locFormat
}

// metrics returns the advance and left side bearing of glyph n of the
// merged font.
func (m *merger) metrics(n int) (uint16, int16) {
	k, e := m.slot(n)
	if e >= 0 {
		a := m.added[e]
		return a.advance, int16(a.bbox.xMin)
	}
	return m.glyphs[k].advance, m.glyphs[k].lsb
}

// writeHmtx returns the hmtx table of the merged font and its
// numberOfHMetrics: the long metrics end with the last glyph whose advance
// differs from the next glyph's, the glyphs after it sharing its advance.
func (m *merger) writeHmtx() ([]byte, uint16) {
	total := m.total()
	shared, _ := m.metrics(total - 1)
	numLong := 1
	for n := total - 2; n >= 0; n-- {
		if adv, _ := m.metrics(n); adv != shared {
			numLong = n + 2
			break
		}
	}
	out := make([]byte, 4*numLong+2*(total-numLong))
	for n := range total {
		adv, lsb := m.metrics(n)
		if n < numLong {
			be.PutUint16(out[4*n:], adv)
			be.PutUint16(out[4*n+2:], uint16(lsb))
		} else {
			be.PutUint16(out[4*numLong+2*(n-numLong):], uint16(lsb))
		}
	}
	return out, uint16(numLong)
}

// setExtremes sets, in copies of the first part's head and hhea, the
// font-wide values that depend on all parts or all glyphs: head's bounding
// box (widened), hhea's ascender, descender and lineGap (the parts'
// extremes) and advanceWidthMax, minLeftSideBearing, minRightSideBearing and
// xMaxExtent (computed from the merged glyphs).
func (m *merger) setExtremes(head, hhea []byte) {
	i16 := func(b []byte) int { return int(int16(be.Uint16(b))) }
	put := func(b []byte, v int) { be.PutUint16(b, uint16(int16(min(max(v, math.MinInt16), math.MaxInt16)))) }
	for _, s := range m.srcs[1:] {
		h := findTable(s.tables, "hhea")
		put(hhea[4:], max(i16(hhea[4:]), i16(h[4:])))
		put(hhea[6:], min(i16(hhea[6:]), i16(h[6:])))
		put(hhea[8:], max(i16(hhea[8:]), i16(h[8:])))
	}
	box := bbox{i16(head[36:]), i16(head[38:]), i16(head[40:]), i16(head[42:])}
	advMax := 0
	minLSB, minRSB, maxExtent := math.MaxInt, math.MaxInt, math.MinInt
	for n := range m.total() {
		adv, lsb := m.metrics(n)
		advMax = max(advMax, int(adv))
		var b bbox
		if k, e := m.slot(n); e >= 0 {
			if m.added[e].data == nil {
				continue
			}
			b = m.added[e].bbox
		} else {
			if m.glyphs[k].stats.contours == 0 {
				continue
			}
			b = m.bbox(k)
		}
		box = bbox{min(box.xMin, b.xMin), min(box.yMin, b.yMin), max(box.xMax, b.xMax), max(box.yMax, b.yMax)}
		extent := int(lsb) + b.xMax - b.xMin
		minLSB, minRSB, maxExtent = min(minLSB, int(lsb)), min(minRSB, int(adv)-extent), max(maxExtent, extent)
	}
	if maxExtent == math.MinInt { // no glyph has contours
		minLSB, minRSB, maxExtent = 0, 0, 0
	}
	put(head[36:], box.xMin)
	put(head[38:], box.yMin)
	put(head[40:], box.xMax)
	put(head[42:], box.yMax)
	be.PutUint16(hhea[10:], uint16(advMax))
	put(hhea[12:], minLSB)
	put(hhea[14:], minRSB)
	put(hhea[16:], maxExtent)
}

// writeMaxp returns the maxp table (version 1.0) of the merged font:
// numGlyphs, and every other field the largest of the parts', raised to
// cover the extra composites.
func (m *merger) writeMaxp(extra []Composite) []byte {
	maxp := slices.Clone(findTable(m.srcs[0].tables, "maxp")[:32])
	raise := func(off, v int) { // raises the field at off to at least v
		be.PutUint16(maxp[off:], uint16(max(int(be.Uint16(maxp[off:])), v)))
	}
	for _, s := range m.srcs[1:] {
		src := findTable(s.tables, "maxp")
		for off := 6; off < 32; off += 2 {
			raise(off, int(be.Uint16(src[off:])))
		}
	}
	be.PutUint16(maxp[4:], uint16(m.total()))
	for _, c := range extra { // checked by buildExtra
		var s glyphStats
		for _, comp := range c.Components {
			k, _ := m.slot(int(comp.GID))
			s.add(m.glyphs[k].stats)
		}
		raise(10, s.points)
		raise(12, s.contours)
		raise(28, len(c.Components))
		raise(30, s.depth)
	}
	return maxp
}

// simpleEnd returns where the data of a simple glyph of points points
// ends, its flags starting at at: after the flags (with their repeats) and
// the x and y coordinates they say are there. It reports false when they
// run past the data.
func simpleEnd(data []byte, at, points int) (int, bool) {
	const (
		xShort, yShort = 0x02, 0x04
		repeat         = 0x08
		xSame, ySame   = 0x10, 0x20
	)
	xLen, yLen := 0, 0
	for n := 0; n < points; {
		if at >= len(data) {
			return 0, false
		}
		f := data[at]
		at++
		count := 1
		if f&repeat != 0 {
			if at >= len(data) {
				return 0, false
			}
			count += int(data[at])
			at++
		}
		for range count {
			switch {
			case f&xShort != 0:
				xLen++
			case f&xSame == 0:
				xLen += 2
			}
			switch {
			case f&yShort != 0:
				yLen++
			case f&ySame == 0:
				yLen += 2
			}
		}
		n += count
	}
	end := at + xLen + yLen
	return end, end <= len(data)
}
