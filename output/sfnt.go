// SPDX-License-Identifier: MIT

package output

// This file rewrites the character map of a TrueType font so that fpdf, which
// addresses glyphs only through a font's (3,1) format-4 cmap, can draw glyphs
// that shaping produced but that have no code point of their own (ligatures,
// contextual forms, conjuncts). The caller assigns each such glyph a Private
// Use Area code point and DeriveFont builds a font whose cmap says so.
//
// The derived font is also cut down to what fpdf needs: only the tables it
// reads or embeds, and only the outlines of the glyphs the cmap reaches. Glyph
// IDs are never renumbered (they come from HarfBuzz), so glyphs that are not
// kept stay in the font as empty glyphs.
//
// A PDF's ToUnicode CMap maps each drawn code to text, so a cluster that
// shaping turned into several glyphs (a Bengali vowel sign drawn before its
// consonant, an Arabic letter with its marks) copies as text only if it is
// drawn as one glyph. DeriveFont therefore also adds composite glyphs after
// the font's own: each draws a cluster's glyphs at their shaped offsets, and
// the caller maps a code point to it like to any other glyph.
//
// References: the OpenType specification, chapters "Font file" (table
// directory and checksums), "cmap" (format 4), "glyf" (composite glyph
// descriptions), "loca", "head", "hhea", "hmtx", "maxp" and "post".

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
)

// Sentinel errors wrapped by DeriveFont, for use with errors.Is.
var (
	errSFNTUnsupported = errors.New("unsupported font")
	errSFNTMalformed   = errors.New("malformed font")
)

// sfntRequired lists the tables fpdf reads unconditionally (besides cmap,
// which DeriveFont writes itself); fpdf panics rather than failing when one is
// missing, so DeriveFont checks for them up front.
var sfntRequired = []string{"glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post"}

// sfntOptional lists the other tables DeriveFont copies when the source has
// them: fpdf reads OS/2 and embeds the hinting tables with its subset.
var sfntOptional = []string{"OS/2", "cvt ", "fpgm", "gasp", "prep"}

// Flags of a composite glyph component record ("glyf" chapter).
const (
	sfntArgsAreWords   = 0x0001
	sfntArgsAreXY      = 0x0002
	sfntHaveScale      = 0x0008
	sfntMoreComponents = 0x0020
	sfntHaveXYScale    = 0x0040
	sfntHave2x2        = 0x0080
)

// sfntPostHeaderLen is the length of a 'post' table's header, which is all of
// a version 3.0 table.
const sfntPostHeaderLen = 32

// sfntTable is one table of a font: its tag and its bytes (a sub-slice of the
// source font, never copied until the output is assembled, or a table
// DeriveFont built).
type sfntTable struct {
	tag  string
	data []byte
}

// sfntSegment is one format-4 cmap segment: code points start..end map to
// glyph IDs (code point + delta) mod 65536.
type sfntSegment struct {
	start, end uint16
	delta      uint16
}

// sfntBE is the byte order of every sfnt field.
var sfntBE = binary.BigEndian

// Component is one glyph of a Composite, placed at (DX, DY) font units from
// the composite's origin (y grows upwards, as in the font).
type Component struct {
	GID    uint16
	DX, DY int16
}

// Composite is a glyph that DeriveFont adds after the font's own glyphs.
type Composite struct {
	Components []Component
	Advance    uint16 // font units
}

// sfntAdded is a Composite as DeriveFont writes it.
type sfntAdded struct {
	data    []byte // the glyf record (unpadded), nil for an empty glyph
	bbox    sfntBBox
	advance uint16
}

// sfntBBox is a glyph's bounding box in font units.
type sfntBBox struct{ xMin, yMin, xMax, yMax int }

// sfntGlyphStats is what maxp records about a glyph: the number of points and
// contours of its outline, counting those of the simple glyphs a composite
// glyph is made of (recursively), and its component depth (0 for a simple or
// empty glyph, 1 for a composite of simple glyphs, and so on).
type sfntGlyphStats struct {
	points, contours, depth int
}

// add accounts in s, the stats of a composite glyph, for a component with
// stats c. The counts saturate, so that even a malicious font whose
// components share components many levels deep cannot overflow them.
func (s *sfntGlyphStats) add(c sfntGlyphStats) {
	s.points = min(s.points+c.points, math.MaxInt32)
	s.contours = min(s.contours+c.contours, math.MaxInt32)
	s.depth = max(s.depth, 1+c.depth)
}

// DeriveFont returns a TrueType font built from src (sfnt version 0x00010000,
// glyf outlines) whose only character map is one (platform 3, encoding 1)
// format-4 subtable mapping each code point in cmap to its glyph ID, which
// holds the glyphs of src followed by the composite glyphs of extra, and
// which holds only what fpdf reads or embeds:
//
//   - the tables cmap (new), glyf, loca, head, hhea, hmtx, maxp, name, post
//     and, when src has them, OS/2, cvt , fpgm, prep and gasp; all others
//     (GSUB, GPOS, GDEF, DSIG, kern, vmtx, ...) are dropped;
//   - in glyf, the outlines of glyph 0 (.notdef), of the glyphs cmap maps to,
//     of the components of extra and, recursively, of the components of
//     composite glyphs among them; every other glyph of src is empty. The
//     glyph IDs of src are unchanged. loca uses the short format when the new
//     glyf allows it (head.indexToLocFormat says which);
//   - extra[i] becomes glyph numGlyphs+i (numGlyphs from src's maxp): a
//     composite glyph (numberOfContours -1) with one component record per
//     Component, in order, each offset by (DX, DY) (ARG_1_AND_2_ARE_WORDS and
//     ARGS_ARE_XY_VALUES; no scale, no ROUND_XY_TO_GRID, no USE_MY_METRICS,
//     no instructions). Its bounding box is the union of its components'
//     (from their glyph headers, moved by their offsets), leaving out
//     components without contours (such as a space); if all of them are
//     without contours it is written as an empty glyph. cmap may map code
//     points to these glyphs. maxp.numGlyphs counts them, and
//     maxComponentElements, maxComponentDepth, maxCompositePoints and
//     maxCompositeContours are raised where they need to be;
//   - in hmtx, the exact advance and left side bearing of every kept glyph,
//     with as few long metrics as that allows: hhea.numberOfHMetrics is
//     lowered so that the long metrics end one glyph after the last kept
//     glyph whose advance differs from the last kept glyph's, and the glyphs
//     after them share that advance (advances of empty glyphs are not
//     preserved). An added glyph is kept, with its Advance and with its
//     bounding box's xMin (0 if empty) as left side bearing;
//   - post reduced to a version 3.0 table (its header, without glyph names).
//
// name, OS/2 and the hinting tables are copied unchanged, head, hhea and maxp
// apart from the fields above and, when the added glyphs exceed them, the
// font's bounding box in head and advanceWidthMax, minLeftSideBearing,
// minRightSideBearing and xMaxExtent in hhea. Without extra, maxp is
// unchanged. The table directory is rebuilt (tables sorted by tag, 4-byte
// aligned, correct checksums, correct searchRange/entrySelector/rangeShift)
// and head.checkSumAdjustment is recomputed. The output is a function of src,
// cmap and extra only. Code points must be in the BMP and not U+FFFF.
//
// It reports an error for CFF ('OTTO'), TrueType collections ('ttcf'),
// truncated or malformed input (including a missing table that fpdf needs, a
// kept glyph outside glyf, a truncated or cyclic composite glyph and, with
// extra, a maxp table other than version 1.0), a glyph ID in cmap beyond the
// glyphs of src and extra, a Composite without components or with a
// component that is not a glyph of src (a composite may not contain another
// added composite), more than 65535-numGlyphs composites, or a composite
// whose bounding box or point count does not fit the font's fields. Errors
// about the font itself wrap errSFNTUnsupported or errSFNTMalformed. src and
// extra are not modified and the result shares no memory with them.
func DeriveFont(src []byte, cmap map[rune]uint16, extra []Composite) ([]byte, error) {
	tables, err := sfntReadTables(src)
	if err != nil {
		return nil, err
	}
	info, err := sfntCheckTables(tables)
	if err != nil {
		return nil, err
	}
	if err := sfntCheckComposites(extra, info.numGlyphs); err != nil {
		return nil, err
	}
	cmapTable, err := sfntBuildCmap(cmap, info.numGlyphs+len(extra))
	if err != nil {
		return nil, err
	}
	keep, err := sfntKeptGlyphs(tables, info, sfntRoots(cmap, extra, info.numGlyphs))
	if err != nil {
		return nil, err
	}
	added, maxp, err := sfntBuildComposites(tables, info, extra)
	if err != nil {
		return nil, err
	}
	glyf, loca, locFormat := sfntSubsetGlyf(tables, info, keep, added)
	hmtx, numHMetrics := sfntShrinkHmtx(sfntFind(tables, "hmtx"), info, keep, added)

	head := slices.Clone(sfntFind(tables, "head"))
	sfntBE.PutUint16(head[50:], locFormat)
	hhea := slices.Clone(sfntFind(tables, "hhea"))
	sfntBE.PutUint16(hhea[34:], numHMetrics)
	sfntExtendHeaders(head, hhea, added)
	post := make([]byte, sfntPostHeaderLen)
	copy(post, sfntFind(tables, "post")) // zero-filled if shorter
	sfntBE.PutUint32(post, 0x00030000)   // version 3.0: no glyph names

	for _, t := range []sfntTable{{"glyf", glyf}, {"loca", loca}, {"hmtx", hmtx}, {"head", head}, {"hhea", hhea}, {"maxp", maxp}, {"post", post}} {
		i, _ := slices.BinarySearchFunc(tables, t.tag, sfntCompareTag)
		tables[i].data = t.data
	}
	// Insert the new cmap, keeping the tables sorted by tag.
	i, _ := slices.BinarySearchFunc(tables, "cmap", sfntCompareTag)
	tables = slices.Insert(tables, i, sfntTable{tag: "cmap", data: cmapTable})
	return sfntAssemble(tables), nil
}

// sfntReadTables parses the table directory of src and returns the tables
// listed in sfntRequired and sfntOptional, sorted by tag. Every table of the
// directory must lie within src.
func sfntReadTables(src []byte) ([]sfntTable, error) {
	if len(src) < 12 {
		return nil, fmt.Errorf("%w: %d bytes is too short for a font header", errSFNTMalformed, len(src))
	}
	switch v := sfntBE.Uint32(src); v {
	case 0x00010000:
	case 0x4F54544F: // 'OTTO'
		return nil, fmt.Errorf("%w: CFF outlines ('OTTO') are not supported, only TrueType (glyf)", errSFNTUnsupported)
	case 0x74746366: // 'ttcf'
		return nil, fmt.Errorf("%w: font collections ('ttcf') are not supported", errSFNTUnsupported)
	default:
		return nil, fmt.Errorf("%w: unknown sfnt version %#08x", errSFNTUnsupported, v)
	}
	n := int(sfntBE.Uint16(src[4:]))
	if len(src) < 12+16*n {
		return nil, fmt.Errorf("%w: table directory of %d tables is truncated", errSFNTMalformed, n)
	}
	tables := make([]sfntTable, 0, n)
	for i := range n {
		rec := src[12+16*i : 12+16*(i+1)]
		tag := string(rec[:4])
		// Compute in uint64 so that offset+length cannot overflow.
		off, length := uint64(sfntBE.Uint32(rec[8:])), uint64(sfntBE.Uint32(rec[12:]))
		if off+length > uint64(len(src)) {
			return nil, fmt.Errorf("%w: table %q extends past the end of the file", errSFNTMalformed, tag)
		}
		if !slices.Contains(sfntRequired, tag) && !slices.Contains(sfntOptional, tag) {
			continue
		}
		tables = append(tables, sfntTable{tag: tag, data: src[off : off+length]})
	}
	slices.SortFunc(tables, func(a, b sfntTable) int { return strings.Compare(a.tag, b.tag) })
	for i := 1; i < len(tables); i++ {
		if tables[i].tag == tables[i-1].tag {
			return nil, fmt.Errorf("%w: duplicate table %q", errSFNTMalformed, tables[i].tag)
		}
	}
	return tables, nil
}

// sfntCompareTag orders a table against a tag, for binary search.
func sfntCompareTag(t sfntTable, tag string) int { return strings.Compare(t.tag, tag) }

// sfntFind returns the data of the table with the given tag, or nil.
func sfntFind(tables []sfntTable, tag string) []byte {
	if i, ok := slices.BinarySearchFunc(tables, tag, sfntCompareTag); ok {
		return tables[i].data
	}
	return nil
}

// sfntInfo holds the counts and formats DeriveFont reads from head, hhea and
// maxp.
type sfntInfo struct {
	numGlyphs   int // maxp.numGlyphs
	numHMetrics int // hhea.numberOfHMetrics
	locFormat   int // head.indexToLocFormat: 0 for 2-byte offsets, 1 for 4-byte
}

// sfntCheckTables checks that the tables fpdf reads are present and that
// head, maxp, hhea, hmtx, loca and post are large enough for what fpdf and
// DeriveFont read from them: fpdf does no bounds checking of its own and
// panics on such fonts. (Offsets from loca into glyf are checked only for the
// glyphs DeriveFont keeps, by sfntKeptGlyphs.)
func sfntCheckTables(tables []sfntTable) (sfntInfo, error) {
	for _, tag := range sfntRequired {
		if len(sfntFind(tables, tag)) == 0 {
			return sfntInfo{}, fmt.Errorf("%w: missing or empty %q table", errSFNTMalformed, tag)
		}
	}
	head, maxp, hhea := sfntFind(tables, "head"), sfntFind(tables, "maxp"), sfntFind(tables, "hhea")
	if len(head) < 54 || sfntBE.Uint32(head[12:]) != 0x5F0F3CF5 {
		return sfntInfo{}, fmt.Errorf("%w: bad 'head' table", errSFNTMalformed)
	}
	if len(maxp) < 6 || len(hhea) < 36 {
		return sfntInfo{}, fmt.Errorf("%w: 'maxp' or 'hhea' table too short", errSFNTMalformed)
	}
	// fpdf reads post up to isFixedPitch.
	if len(sfntFind(tables, "post")) < 16 {
		return sfntInfo{}, fmt.Errorf("%w: 'post' table too short", errSFNTMalformed)
	}
	info := sfntInfo{
		numGlyphs:   int(sfntBE.Uint16(maxp[4:])),
		numHMetrics: int(sfntBE.Uint16(hhea[34:])),
		locFormat:   int(sfntBE.Uint16(head[50:])),
	}
	if info.numHMetrics == 0 || info.numHMetrics > info.numGlyphs {
		return sfntInfo{}, fmt.Errorf("%w: %d horizontal metrics for %d glyphs", errSFNTMalformed, info.numHMetrics, info.numGlyphs)
	}
	if len(sfntFind(tables, "hmtx")) < 4*info.numHMetrics+2*(info.numGlyphs-info.numHMetrics) {
		return sfntInfo{}, fmt.Errorf("%w: 'hmtx' table too short", errSFNTMalformed)
	}
	if info.locFormat > 1 || len(sfntFind(tables, "loca")) < (info.numGlyphs+1)*(2<<info.locFormat) {
		return sfntInfo{}, fmt.Errorf("%w: bad 'loca' table", errSFNTMalformed)
	}
	return info, nil
}

// sfntGlyph returns the glyf data of glyph gid as loca locates it, checking
// that it lies within glyf.
func sfntGlyph(glyf, loca []byte, locFormat, gid int) ([]byte, error) {
	var start, end uint32
	if locFormat == 0 {
		start, end = 2*uint32(sfntBE.Uint16(loca[2*gid:])), 2*uint32(sfntBE.Uint16(loca[2*gid+2:]))
	} else {
		start, end = sfntBE.Uint32(loca[4*gid:]), sfntBE.Uint32(loca[4*gid+4:])
	}
	if start > end || end > uint32(len(glyf)) {
		return nil, fmt.Errorf("%w: glyph %d at %d..%d is not a range within the %d-byte 'glyf' table", errSFNTMalformed, gid, start, end, len(glyf))
	}
	data := glyf[start:end]
	if len(data) > 0 && len(data) < 10 {
		return nil, fmt.Errorf("%w: glyph %d is %d bytes, too short for a glyph header", errSFNTMalformed, gid, len(data))
	}
	return data, nil
}

// sfntEachComponent calls f with the glyph ID of each component of the
// composite glyph gid, whose glyf data is data, in order. It reports a
// truncated glyph or a component >= numGlyphs, and stops at f's first error.
func sfntEachComponent(data []byte, gid, numGlyphs int, f func(comp int) error) error {
	for p := 10; ; {
		if p+4 > len(data) {
			return fmt.Errorf("%w: composite glyph %d is truncated", errSFNTMalformed, gid)
		}
		flags, comp := sfntBE.Uint16(data[p:]), int(sfntBE.Uint16(data[p+2:]))
		if comp >= numGlyphs {
			return fmt.Errorf("%w: composite glyph %d has component %d, font has %d glyphs", errSFNTMalformed, gid, comp, numGlyphs)
		}
		if err := f(comp); err != nil {
			return err
		}
		p += sfntComponentLen(flags)
		if flags&sfntMoreComponents == 0 {
			return nil
		}
	}
}

// sfntIsComposite reports whether glyf data is that of a composite glyph
// (negative numberOfContours).
func sfntIsComposite(data []byte) bool {
	return len(data) > 0 && int16(sfntBE.Uint16(data)) < 0
}

// sfntRoots returns, sorted and without duplicates, the glyphs of src whose
// outlines DeriveFont must keep before following composite glyphs: glyph 0,
// those glyphs of cmap that are in src (the others are added composites) and
// the components of extra, which sfntCheckComposites has checked.
func sfntRoots(cmap map[rune]uint16, extra []Composite, numGlyphs int) []int {
	roots := make([]int, 1, 1+len(cmap)) // glyph 0 first
	for _, gid := range cmap {
		if int(gid) < numGlyphs {
			roots = append(roots, int(gid))
		}
	}
	for _, c := range extra {
		for _, comp := range c.Components {
			roots = append(roots, int(comp.GID))
		}
	}
	slices.Sort(roots)
	return slices.Compact(roots)
}

// sfntKeptGlyphs returns which glyphs keep their outline: the roots (valid
// glyph IDs, sorted so that errors do not depend on map order) and,
// recursively, every component of a kept composite glyph. It reports
// component references that are out of range, truncated or cyclic (fpdf
// would recurse forever on a cycle).
func sfntKeptGlyphs(tables []sfntTable, info sfntInfo, roots []int) ([]bool, error) {
	glyf, loca := sfntFind(tables, "glyf"), sfntFind(tables, "loca")
	// state is 0 for glyphs not reached yet, 1 while a glyph's components
	// are being visited (so meeting it again means a cycle), 2 once done.
	state := make([]uint8, info.numGlyphs)
	var visit func(gid int) error
	visit = func(gid int) error {
		switch state[gid] {
		case 1:
			return fmt.Errorf("%w: composite glyph %d contains itself", errSFNTMalformed, gid)
		case 2:
			return nil
		}
		state[gid] = 1
		data, err := sfntGlyph(glyf, loca, info.locFormat, gid)
		if err != nil {
			return err
		}
		if sfntIsComposite(data) {
			if err := sfntEachComponent(data, gid, info.numGlyphs, visit); err != nil {
				return err
			}
		}
		state[gid] = 2
		return nil
	}
	for _, gid := range roots {
		if err := visit(gid); err != nil {
			return nil, err
		}
	}
	keep := make([]bool, info.numGlyphs)
	for gid, s := range state {
		keep[gid] = s != 0
	}
	return keep, nil
}

// sfntCheckComposites checks the composites DeriveFont is to add to a font of
// numGlyphs glyphs: that glyph IDs remain below 65536, that every composite
// has between 1 and 65535 components and that each component is a glyph of
// the font.
func sfntCheckComposites(extra []Composite, numGlyphs int) error {
	if len(extra) > 0xFFFF-numGlyphs {
		return fmt.Errorf("%d composite glyphs do not fit a font of %d glyphs: at most %d can be added", len(extra), numGlyphs, 0xFFFF-numGlyphs)
	}
	for i, c := range extra {
		if len(c.Components) == 0 || len(c.Components) > 0xFFFF {
			return fmt.Errorf("composite %d (glyph %d) has %d components, want 1 to 65535", i, numGlyphs+i, len(c.Components))
		}
		for _, comp := range c.Components {
			if int(comp.GID) >= numGlyphs {
				return fmt.Errorf("composite %d (glyph %d) has component %d, not a glyph of the font (which has %d); composites cannot contain added composites", i, numGlyphs+i, comp.GID, numGlyphs)
			}
		}
	}
	return nil
}

// sfntBuildComposites returns the glyphs DeriveFont adds for extra, checked
// by sfntCheckComposites, and the maxp table of the derived font: that of src
// with numGlyphs counting them and maxComponentElements, maxComponentDepth,
// maxCompositePoints and maxCompositeContours raised to cover them (maxp
// version 1.0 is required then). Without extra, maxp is src's. The components
// of extra must have passed sfntKeptGlyphs, which rules out cycles.
func sfntBuildComposites(tables []sfntTable, info sfntInfo, extra []Composite) ([]sfntAdded, []byte, error) {
	srcMaxp := sfntFind(tables, "maxp")
	if len(extra) == 0 {
		return nil, srcMaxp, nil
	}
	if len(srcMaxp) < 32 || sfntBE.Uint32(srcMaxp) != 0x00010000 {
		return nil, nil, fmt.Errorf("%w: composite glyphs need a version 1.0 'maxp' table", errSFNTMalformed)
	}
	glyf, loca := sfntFind(tables, "glyf"), sfntFind(tables, "loca")
	memo := map[int]sfntGlyphStats{}
	var stats func(gid int) (sfntGlyphStats, error)
	stats = func(gid int) (sfntGlyphStats, error) {
		if s, ok := memo[gid]; ok {
			return s, nil
		}
		var s sfntGlyphStats
		data, err := sfntGlyph(glyf, loca, info.locFormat, gid)
		if err != nil {
			return s, err
		}
		n := 0 // numberOfContours
		if len(data) > 0 {
			n = int(int16(sfntBE.Uint16(data)))
		}
		switch {
		case n == 0: // empty
		case n > 0:
			if len(data) < 10+2*n {
				return s, fmt.Errorf("%w: glyph %d of %d contours is truncated", errSFNTMalformed, gid, n)
			}
			s.points, s.contours = int(sfntBE.Uint16(data[10+2*(n-1):]))+1, n
		default:
			err := sfntEachComponent(data, gid, info.numGlyphs, func(comp int) error {
				cs, err := stats(comp)
				s.add(cs)
				return err
			})
			if err != nil {
				return s, err
			}
		}
		memo[gid] = s
		return s, nil
	}

	maxp := slices.Clone(srcMaxp)
	field := func(off, v int) { // raises the maxp field at off to at least v
		sfntBE.PutUint16(maxp[off:], uint16(max(int(sfntBE.Uint16(maxp[off:])), v)))
	}
	sfntBE.PutUint16(maxp[4:], uint16(info.numGlyphs+len(extra)))
	added := make([]sfntAdded, len(extra))
	for i, c := range extra {
		gid := info.numGlyphs + i
		var total sfntGlyphStats
		var box sfntBBox
		empty := true
		for _, comp := range c.Components {
			cs, err := stats(int(comp.GID))
			if err != nil {
				return nil, nil, err
			}
			total.add(cs)
			if cs.contours == 0 {
				continue // no outline, so no bounding box
			}
			data, _ := sfntGlyph(glyf, loca, info.locFormat, int(comp.GID)) // checked by stats
			b := sfntBBox{
				xMin: int(int16(sfntBE.Uint16(data[2:]))) + int(comp.DX),
				yMin: int(int16(sfntBE.Uint16(data[4:]))) + int(comp.DY),
				xMax: int(int16(sfntBE.Uint16(data[6:]))) + int(comp.DX),
				yMax: int(int16(sfntBE.Uint16(data[8:]))) + int(comp.DY),
			}
			if empty {
				box, empty = b, false
			} else {
				box = sfntBBox{min(box.xMin, b.xMin), min(box.yMin, b.yMin), max(box.xMax, b.xMax), max(box.yMax, b.yMax)}
			}
		}
		if total.points > 0xFFFF || total.contours > 0xFFFF {
			return nil, nil, fmt.Errorf("composite %d (glyph %d) has %d points in %d contours, more than a glyph can have", i, gid, total.points, total.contours)
		}
		if min(box.xMin, box.yMin) < math.MinInt16 || max(box.xMax, box.yMax) > math.MaxInt16 {
			return nil, nil, fmt.Errorf("composite %d (glyph %d) has bounding box %d,%d..%d,%d, beyond the 16-bit range of font units", i, gid, box.xMin, box.yMin, box.xMax, box.yMax)
		}
		field(10, total.points)
		field(12, total.contours)
		field(28, len(c.Components))
		field(30, total.depth)
		added[i] = sfntAdded{bbox: box, advance: c.Advance}
		if empty {
			continue // an empty glyph: no data
		}
		added[i].data = sfntCompositeGlyph(box.xMin, box.yMin, box.xMax, box.yMax, c.Components)
	}
	return added, maxp, nil
}

// sfntExtendHeaders widens the font-wide extremes in head and hhea (copies to
// be written) that the added glyphs exceed: head's bounding box and hhea's
// advanceWidthMax and, over the added glyphs with an outline,
// minLeftSideBearing, minRightSideBearing and xMaxExtent.
func sfntExtendHeaders(head, hhea []byte, added []sfntAdded) {
	i16 := func(b []byte) int { return int(int16(sfntBE.Uint16(b))) }
	put := func(b []byte, v int) { sfntBE.PutUint16(b, uint16(v)) }
	for _, a := range added {
		if int(a.advance) > int(sfntBE.Uint16(hhea[10:])) {
			put(hhea[10:], int(a.advance))
		}
		if a.data == nil {
			continue
		}
		b := a.bbox
		put(head[36:], min(i16(head[36:]), b.xMin))
		put(head[38:], min(i16(head[38:]), b.yMin))
		put(head[40:], max(i16(head[40:]), b.xMax))
		put(head[42:], max(i16(head[42:]), b.yMax))
		put(hhea[12:], min(i16(hhea[12:]), b.xMin))                // lsb = xMin
		put(hhea[14:], min(i16(hhea[14:]), int(a.advance)-b.xMax)) // advance - (lsb + xMax - xMin)
		put(hhea[16:], max(i16(hhea[16:]), b.xMax))                // lsb + xMax - xMin
	}
}

// sfntSubsetGlyf returns glyf and loca tables holding the outlines of the kept
// glyphs and then those of the added glyphs, each padded to 4 bytes, and empty
// glyphs for the others, with the head.indexToLocFormat they need: 0 (2-byte
// offsets) when glyf is small enough, 1 otherwise. sfntKeptGlyphs has checked
// the kept glyphs' offsets.
func sfntSubsetGlyf(tables []sfntTable, info sfntInfo, keep []bool, added []sfntAdded) (glyf, loca []byte, locFormat uint16) {
	srcGlyf, srcLoca := sfntFind(tables, "glyf"), sfntFind(tables, "loca")
	num := info.numGlyphs
	total := num + len(added)
	size := 0
	for gid, k := range keep {
		if k {
			data, _ := sfntGlyph(srcGlyf, srcLoca, info.locFormat, gid)
			size += (len(data) + 3) &^ 3
		}
	}
	for _, a := range added {
		size += (len(a.data) + 3) &^ 3
	}
	glyf = make([]byte, size) // zeroed, so padding is already in place
	if size <= 2*0xFFFF {
		loca = make([]byte, 2*(total+1))
	} else {
		locFormat = 1
		loca = make([]byte, 4*(total+1))
	}
	off := 0
	for gid := 0; gid <= total; gid++ {
		if locFormat == 0 {
			sfntBE.PutUint16(loca[2*gid:], uint16(off/2))
		} else {
			sfntBE.PutUint32(loca[4*gid:], uint32(off))
		}
		switch {
		case gid < num && keep[gid]:
			data, _ := sfntGlyph(srcGlyf, srcLoca, info.locFormat, gid)
			off = (off + copy(glyf[off:], data) + 3) &^ 3
		case gid >= num && gid < total:
			off = (off + copy(glyf[off:], added[gid-num].data) + 3) &^ 3
		}
	}
	return glyf, loca, locFormat
}

// sfntShrinkHmtx returns an hmtx table and its numberOfHMetrics that give
// every kept glyph (the added glyphs are all kept) its advance and left side
// bearing, from src (an hmtx table with info.numHMetrics long metrics) or
// from added (its advance and the xMin of its bounding box, 0 if empty),
// while storing as few long metrics as possible. Glyphs from numberOfHMetrics
// on take the advance of the last long metric, so every kept glyph from there
// on must share it: the last long metric is that of the glyph right after the
// last kept glyph whose advance differs from that of the last kept glyph, and
// that glyph, if not kept itself, is given the shared advance. All other
// advances and all side bearings are copied.
func sfntShrinkHmtx(src []byte, info sfntInfo, keep []bool, added []sfntAdded) ([]byte, uint16) {
	n, num := info.numHMetrics, info.numGlyphs
	total := num + len(added)
	advance := func(gid int) uint16 {
		if gid >= num {
			return added[gid-num].advance
		}
		return sfntBE.Uint16(src[4*min(gid, n-1):])
	}
	kept := func(gid int) bool { return gid >= num || keep[gid] }
	last := total - 1 // glyph 0 is kept, so the loop ends
	for !kept(last) {
		last--
	}
	shared := advance(last)
	differs := -1
	for gid := last; gid >= 0; gid-- {
		if kept(gid) && advance(gid) != shared {
			differs = gid
			break
		}
	}
	// Without added glyphs newN <= n: glyphs from n-1 on all have the
	// advance of glyph n-1, so differs, being below last with another
	// advance, is below n-1. Added glyphs may need more long metrics.
	newN := differs + 2
	out := make([]byte, 4*newN+2*(total-newN))
	srcShort := src[4*n : 4*n+2*(num-n)] // side bearings of glyphs n..num-1

	// Long metrics: those of src, then glyphs of src that had only a side
	// bearing, then added glyphs; the last one gets the shared advance.
	copy(out, src[:4*min(newN, n)])
	lastAdvance := src[4*(n-1) : 4*(n-1)+2] // that of glyphs n-1.. in src
	for gid := n; gid < min(newN, num); gid++ {
		m, lsb := out[4*gid:4*gid+4], srcShort[2*(gid-n):2*(gid-n)+2]
		m[0], m[1], m[2], m[3] = lastAdvance[0], lastAdvance[1], lsb[0], lsb[1]
	}
	for gid := num; gid < newN; gid++ {
		a := added[gid-num]
		sfntBE.PutUint16(out[4*gid:], a.advance)
		sfntBE.PutUint16(out[4*gid+2:], uint16(int16(a.bbox.xMin)))
	}
	sfntBE.PutUint16(out[4*(newN-1):], shared)

	// Side bearings of the other glyphs, in the same three parts.
	short := out[4*newN:]
	for gid := newN; gid < n; gid++ { // long metrics in src
		short[2*(gid-newN)], short[2*(gid-newN)+1] = src[4*gid+2], src[4*gid+3]
	}
	if from := max(newN, n); from < num {
		copy(short[2*(from-newN):], srcShort[2*(from-n):])
	}
	for gid := max(newN, num); gid < total; gid++ {
		sfntBE.PutUint16(short[2*(gid-newN):], uint16(int16(added[gid-num].bbox.xMin)))
	}
	return out, uint16(newN)
}

// sfntBuildCmap returns a 'cmap' table holding a single (3,1) format-4
// subtable that maps each code point of m to its glyph ID, with one segment
// per run of consecutive code points mapping to consecutive glyph IDs.
func sfntBuildCmap(m map[rune]uint16, numGlyphs int) ([]byte, error) {
	type pair struct {
		r   rune
		gid uint16
	}
	pairs := make([]pair, 0, len(m))
	for r, gid := range m {
		pairs = append(pairs, pair{r, gid})
	}
	slices.SortFunc(pairs, func(a, b pair) int { return cmp.Compare(a.r, b.r) })

	var segs []sfntSegment
	for _, p := range pairs {
		if p.r < 0 || p.r >= 0xFFFF {
			return nil, fmt.Errorf("code point %U is outside the BMP or is U+FFFF", p.r)
		}
		if int(p.gid) >= numGlyphs {
			return nil, fmt.Errorf("glyph ID %d for %U is out of range, font has %d glyphs", p.gid, p.r, numGlyphs)
		}
		c := uint16(p.r)
		delta := p.gid - c // wraps mod 65536, as format 4 intends
		// Equal deltas on consecutive code points mean consecutive glyph IDs.
		if n := len(segs); n > 0 && segs[n-1].end == c-1 && segs[n-1].delta == delta {
			segs[n-1].end = c
			continue
		}
		segs = append(segs, sfntSegment{start: c, end: c, delta: delta})
	}
	// The mandatory last segment maps U+FFFF to glyph 0.
	segs = append(segs, sfntSegment{start: 0xFFFF, end: 0xFFFF, delta: 1})

	segCount := len(segs)
	subLen := 16 + 8*segCount
	if subLen > 0xFFFF {
		return nil, fmt.Errorf("%d cmap segments do not fit a format-4 subtable", segCount)
	}

	// Layout: cmap header (4 bytes), one encoding record (8 bytes), then the
	// format-4 subtable: 7 header fields, endCode[], reservedPad, startCode[],
	// idDelta[], idRangeOffset[] (all zero, so left as allocated).
	b := make([]byte, 12+subLen)
	sfntBE.PutUint16(b[2:], 1)  // numTables
	sfntBE.PutUint16(b[4:], 3)  // platformID: Windows
	sfntBE.PutUint16(b[6:], 1)  // encodingID: Unicode BMP
	sfntBE.PutUint32(b[8:], 12) // subtable offset
	sub := b[12:]
	searchRange, entrySelector, rangeShift := sfntSearchParams(segCount, 2)
	for i, v := range []uint16{4, uint16(subLen), 0, uint16(2 * segCount), searchRange, entrySelector, rangeShift} {
		sfntBE.PutUint16(sub[2*i:], v)
	}
	endCodes := sub[14:]
	startCodes := sub[16+2*segCount:]
	idDeltas := sub[16+4*segCount:]
	for i, s := range segs {
		sfntBE.PutUint16(endCodes[2*i:], s.end)
		sfntBE.PutUint16(startCodes[2*i:], s.start)
		sfntBE.PutUint16(idDeltas[2*i:], s.delta)
	}
	return b, nil
}

// sfntSearchParams returns the binary-search hints used by the table
// directory (unit 16) and the format-4 cmap (unit 2) for n entries:
// searchRange = unit * (largest power of two <= n), entrySelector = log2 of
// that power, rangeShift = unit*n - searchRange.
func sfntSearchParams(n, unit int) (searchRange, entrySelector, rangeShift uint16) {
	log := bits.Len(uint(n)) - 1
	sr := unit << log
	return uint16(sr), uint16(log), uint16(unit*n - sr)
}

// sfntAssemble lays out tables (sorted by tag) into a new font file with a
// fresh table directory, table checksums and head.checkSumAdjustment.
func sfntAssemble(tables []sfntTable) []byte {
	n := len(tables)
	dirLen := 12 + 16*n
	size := dirLen
	for _, t := range tables {
		size += (len(t.data) + 3) &^ 3
	}
	out := make([]byte, size) // zeroed, so padding is already in place

	sfntBE.PutUint32(out, 0x00010000)
	sfntBE.PutUint16(out[4:], uint16(n))
	searchRange, entrySelector, rangeShift := sfntSearchParams(n, 16)
	sfntBE.PutUint16(out[6:], searchRange)
	sfntBE.PutUint16(out[8:], entrySelector)
	sfntBE.PutUint16(out[10:], rangeShift)

	// The checksum of the whole font is the sum of the checksums of its
	// 4-byte aligned parts, so it is accumulated table by table instead of
	// reading the output a second time.
	var fontSum uint32
	var adjustment []byte
	off := dirLen
	for i, t := range tables {
		padded := out[off : off+(len(t.data)+3)&^3]
		copy(padded, t.data)
		if t.tag == "head" {
			// checkSumAdjustment counts as zero in every checksum.
			adjustment = padded[8:12]
			clear(adjustment)
		}
		sum := sfntChecksum(padded)
		fontSum += sum

		rec := out[12+16*i:]
		copy(rec, t.tag)
		sfntBE.PutUint32(rec[4:], sum)
		sfntBE.PutUint32(rec[8:], uint32(off))
		sfntBE.PutUint32(rec[12:], uint32(len(t.data)))
		off += len(padded)
	}
	fontSum += sfntChecksum(out[:dirLen])
	sfntBE.PutUint32(adjustment, 0xB1B0AFBA-fontSum)
	return out
}

// sfntChecksum returns the sum of the big-endian uint32 words of b, whose
// length must be a multiple of 4. Four independent sums let the CPU overlap
// the additions, which makes it about twice as fast on large glyf tables.
func sfntChecksum(b []byte) uint32 {
	var s0, s1, s2, s3 uint32
	for ; len(b) >= 16; b = b[16:] {
		s0 += sfntBE.Uint32(b)
		s1 += sfntBE.Uint32(b[4:])
		s2 += sfntBE.Uint32(b[8:])
		s3 += sfntBE.Uint32(b[12:])
	}
	for ; len(b) >= 4; b = b[4:] {
		s0 += sfntBE.Uint32(b)
	}
	return s0 + s1 + s2 + s3
}

// sfntCompositeGlyph returns the glyf record of a composite glyph with the
// given bounding box: one component record per component, placed by x and
// y offsets in words, without instructions.
func sfntCompositeGlyph(xMin, yMin, xMax, yMax int, comps []Component) []byte {
	data := make([]byte, 10+8*len(comps))
	for j, v := range []int{-1, xMin, yMin, xMax, yMax} {
		sfntBE.PutUint16(data[2*j:], uint16(int16(v)))
	}
	for j, comp := range comps {
		flags := uint16(sfntArgsAreWords | sfntArgsAreXY)
		if j < len(comps)-1 {
			flags |= sfntMoreComponents
		}
		rec := data[10+8*j:]
		sfntBE.PutUint16(rec, flags)
		sfntBE.PutUint16(rec[2:], comp.GID)
		sfntBE.PutUint16(rec[4:], uint16(comp.DX))
		sfntBE.PutUint16(rec[6:], uint16(comp.DY))
	}
	return data
}

// sfntNameIDs are the names a built font keeps: copyright, family,
// subfamily, unique ID, full name, version, PostScript name and the
// licence's address. The licence's text and the designers' notes, the
// longest names, are read by no PDF consumer.
var sfntNameIDs = map[uint16]bool{0: true, 1: true, 2: true, 3: true, 4: true, 5: true, 6: true, 14: true}

// sfntTrimName returns a name table (format 0) with only the Windows
// (platform 3) records of sfntNameIDs, and their strings; the table as it
// is when it is not one it can read.
func sfntTrimName(name []byte) []byte {
	if len(name) < 6 || sfntBE.Uint16(name) != 0 {
		return name
	}
	count, strOff := int(sfntBE.Uint16(name[2:])), int(sfntBE.Uint16(name[4:]))
	if 6+12*count > len(name) || strOff > len(name) {
		return name
	}
	var recs, strs []byte
	kept := 0
	for i := range count {
		r := name[6+12*i : 6+12*i+12]
		length, off := int(sfntBE.Uint16(r[8:])), int(sfntBE.Uint16(r[10:]))
		if sfntBE.Uint16(r) != 3 || !sfntNameIDs[sfntBE.Uint16(r[6:])] || strOff+off+length > len(name) {
			continue
		}
		rec := slices.Clone(r)
		sfntBE.PutUint16(rec[10:], uint16(len(strs)))
		recs = append(recs, rec...)
		strs = append(strs, name[strOff+off:strOff+off+length]...)
		kept++
	}
	out := make([]byte, 6, 6+len(recs)+len(strs))
	sfntBE.PutUint16(out[2:], uint16(kept))
	sfntBE.PutUint16(out[4:], uint16(6+len(recs)))
	return append(append(out, recs...), strs...)
}
