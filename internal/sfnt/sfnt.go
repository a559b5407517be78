// SPDX-License-Identifier: MIT

package sfnt

// This file holds what the merged fonts (merge.go) read and write of a
// TrueType font: the table directory, glyph data and composite glyph
// records, the format-4 cmap, and the assembled file with its checksums.
// A PDF's ToUnicode CMap maps each drawn code to text, so a cluster that
// shaping turned into several glyphs (a Bengali vowel sign drawn before its
// consonant, an Arabic letter with its marks) copies as text only if it is
// drawn as one glyph: the built fonts add composite glyphs that draw a
// cluster's glyphs at their shaped offsets.
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

// Sentinel errors wrapped by MergeFonts, for use with errors.Is.
var (
	errUnsupported = errors.New("unsupported font")
	errMalformed   = errors.New("malformed font")
)

// required lists the tables a source font must have (besides cmap,
// which a built font gets of its own).
var required = []string{"glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post"}

// optional lists the other tables a source font may have.
var optional = []string{"OS/2", "cvt ", "fpgm", "gasp", "prep"}

// Flags of a composite glyph component record ("glyf" chapter).
const (
	argsAreWords   = 0x0001
	argsAreXY      = 0x0002
	haveScale      = 0x0008
	moreComponents = 0x0020
	haveXYScale    = 0x0040
	have2x2        = 0x0080
)

// postHeaderLen is the length of a 'post' table's header, which is all of
// a version 3.0 table.
const postHeaderLen = 32

// fontTable is one table of a font: its tag and its bytes (a sub-slice of the
// source font, never copied until the output is assembled, or a table
// built).
type fontTable struct {
	tag  string
	data []byte
}

// cmapSegment is one format-4 cmap segment: code points start..end map to
// glyph IDs (code point + delta) mod 65536.
type cmapSegment struct {
	start, end uint16
	delta      uint16
}

// be is the byte order of every sfnt field.
var be = binary.BigEndian

// Component is one glyph of a Composite, placed at (DX, DY) font units from
// the composite's origin (y grows upwards, as in the font).
type Component struct {
	GID    uint16
	DX, DY int16
}

// Composite is a glyph added to a built font, drawing its components.
type Composite struct {
	Components []Component
	Advance    uint16 // font units
}

// addedGlyph is a Composite as it is written.
type addedGlyph struct {
	data    []byte // the glyf record (unpadded), nil for an empty glyph
	bbox    bbox
	advance uint16
}

// bbox is a glyph's bounding box in font units.
type bbox struct{ xMin, yMin, xMax, yMax int }

// glyphStats is what maxp records about a glyph: the number of points and
// contours of its outline, counting those of the simple glyphs a composite
// glyph is made of (recursively), and its component depth (0 for a simple or
// empty glyph, 1 for a composite of simple glyphs, and so on).
type glyphStats struct {
	points, contours, depth int
}

// add accounts in s, the stats of a composite glyph, for a component with
// stats c. The counts saturate, so that even a malicious font whose
// components share components many levels deep cannot overflow them.
func (s *glyphStats) add(c glyphStats) {
	s.points = min(s.points+c.points, math.MaxInt32)
	s.contours = min(s.contours+c.contours, math.MaxInt32)
	s.depth = max(s.depth, 1+c.depth)
}

// readTables parses the table directory of src and returns the tables
// listed in required and optional, sorted by tag. Every table of the
// directory must lie within src.
func readTables(src []byte) ([]fontTable, error) {
	if len(src) >= 4 {
		switch v := be.Uint32(src); v {
		case 0x00010000:
		case 0x4F54544F: // 'OTTO'
			return nil, fmt.Errorf("%w: CFF outlines ('OTTO') are not supported, only TrueType (glyf)", errUnsupported)
		case 0x74746366: // 'ttcf'
			return nil, fmt.Errorf("%w: font collections ('ttcf') are not supported", errUnsupported)
		default:
			return nil, fmt.Errorf("%w: unknown sfnt version %#08x", errUnsupported, v)
		}
	}
	return readDirectory(src, func(tag string) bool { return slices.Contains(required, tag) || slices.Contains(optional, tag) })
}

// Table returns the data of the table with the given tag of a font (any
// sfnt: TrueType or CFF outlines), or nil when the font has none. A font
// whose header or table directory is malformed is an error.
func Table(font []byte, tag string) ([]byte, error) {
	tables, err := readDirectory(font, func(t string) bool { return t == tag })
	if err != nil || len(tables) == 0 {
		return nil, err
	}
	return tables[0].data, nil
}

// readDirectory parses the table directory of src and returns the tables
// keep wants, sorted by tag. Every table of the directory must lie within
// src.
func readDirectory(src []byte, keep func(tag string) bool) ([]fontTable, error) {
	if len(src) < 12 {
		return nil, fmt.Errorf("%w: %d bytes is too short for a font header", errMalformed, len(src))
	}
	n := int(be.Uint16(src[4:]))
	if len(src) < 12+16*n {
		return nil, fmt.Errorf("%w: table directory of %d tables is truncated", errMalformed, n)
	}
	tables := make([]fontTable, 0, n)
	for i := range n {
		rec := src[12+16*i : 12+16*(i+1)]
		tag := string(rec[:4])
		// Compute in uint64 so that offset+length cannot overflow.
		off, length := uint64(be.Uint32(rec[8:])), uint64(be.Uint32(rec[12:]))
		if off+length > uint64(len(src)) {
			return nil, fmt.Errorf("%w: table %q extends past the end of the file", errMalformed, tag)
		}
		if !keep(tag) {
			continue
		}
		tables = append(tables, fontTable{tag: tag, data: src[off : off+length]})
	}
	slices.SortFunc(tables, func(a, b fontTable) int { return strings.Compare(a.tag, b.tag) })
	for i := 1; i < len(tables); i++ {
		if tables[i].tag == tables[i-1].tag {
			return nil, fmt.Errorf("%w: duplicate table %q", errMalformed, tables[i].tag)
		}
	}
	return tables, nil
}

// compareTag orders a table against a tag, for binary search.
func compareTag(t fontTable, tag string) int { return strings.Compare(t.tag, tag) }

// findTable returns the data of the table with the given tag, or nil.
func findTable(tables []fontTable, tag string) []byte {
	if i, ok := slices.BinarySearchFunc(tables, tag, compareTag); ok {
		return tables[i].data
	}
	return nil
}

// fontInfo holds the counts and formats read from head, hhea and maxp.
type fontInfo struct {
	numGlyphs   int // maxp.numGlyphs
	numHMetrics int // hhea.numberOfHMetrics
	locFormat   int // head.indexToLocFormat: 0 for 2-byte offsets, 1 for 4-byte
}

// checkTables checks that the required tables are present and that
// head, maxp, hhea, hmtx, loca and post are large enough for what is read
// from them. (Offsets from loca into glyf are checked for each glyph as it
// is copied.)
func checkTables(tables []fontTable) (fontInfo, error) {
	for _, tag := range required {
		if len(findTable(tables, tag)) == 0 {
			return fontInfo{}, fmt.Errorf("%w: missing or empty %q table", errMalformed, tag)
		}
	}
	head, maxp, hhea := findTable(tables, "head"), findTable(tables, "maxp"), findTable(tables, "hhea")
	if len(head) < 54 || be.Uint32(head[12:]) != 0x5F0F3CF5 {
		return fontInfo{}, fmt.Errorf("%w: bad 'head' table", errMalformed)
	}
	if len(maxp) < 6 || len(hhea) < 36 {
		return fontInfo{}, fmt.Errorf("%w: 'maxp' or 'hhea' table too short", errMalformed)
	}
	// post is read up to isFixedPitch.
	if len(findTable(tables, "post")) < 16 {
		return fontInfo{}, fmt.Errorf("%w: 'post' table too short", errMalformed)
	}
	info := fontInfo{
		numGlyphs:   int(be.Uint16(maxp[4:])),
		numHMetrics: int(be.Uint16(hhea[34:])),
		locFormat:   int(be.Uint16(head[50:])),
	}
	if info.numHMetrics == 0 || info.numHMetrics > info.numGlyphs {
		return fontInfo{}, fmt.Errorf("%w: %d horizontal metrics for %d glyphs", errMalformed, info.numHMetrics, info.numGlyphs)
	}
	if len(findTable(tables, "hmtx")) < 4*info.numHMetrics+2*(info.numGlyphs-info.numHMetrics) {
		return fontInfo{}, fmt.Errorf("%w: 'hmtx' table too short", errMalformed)
	}
	if info.locFormat > 1 || len(findTable(tables, "loca")) < (info.numGlyphs+1)*(2<<info.locFormat) {
		return fontInfo{}, fmt.Errorf("%w: bad 'loca' table", errMalformed)
	}
	return info, nil
}

// glyphData returns the glyf data of glyph gid as loca locates it, checking
// that it lies within glyf.
func glyphData(glyf, loca []byte, locFormat, gid int) ([]byte, error) {
	var start, end uint32
	if locFormat == 0 {
		start, end = 2*uint32(be.Uint16(loca[2*gid:])), 2*uint32(be.Uint16(loca[2*gid+2:]))
	} else {
		start, end = be.Uint32(loca[4*gid:]), be.Uint32(loca[4*gid+4:])
	}
	if start > end || end > uint32(len(glyf)) {
		return nil, fmt.Errorf("%w: glyph %d at %d..%d is not a range within the %d-byte 'glyf' table", errMalformed, gid, start, end, len(glyf))
	}
	data := glyf[start:end]
	if len(data) > 0 && len(data) < 10 {
		return nil, fmt.Errorf("%w: glyph %d is %d bytes, too short for a glyph header", errMalformed, gid, len(data))
	}
	return data, nil
}

// isComposite reports whether glyf data is that of a composite glyph
// (negative numberOfContours).
func isComposite(data []byte) bool {
	return len(data) > 0 && int16(be.Uint16(data)) < 0
}

// buildCmap returns a 'cmap' table holding a single (3,1) format-4
// subtable that maps each code point of m to its glyph ID, with one segment
// per run of consecutive code points mapping to consecutive glyph IDs.
func buildCmap(m map[rune]uint16, numGlyphs int) ([]byte, error) {
	type pair struct {
		r   rune
		gid uint16
	}
	pairs := make([]pair, 0, len(m))
	for r, gid := range m {
		pairs = append(pairs, pair{r, gid})
	}
	slices.SortFunc(pairs, func(a, b pair) int { return cmp.Compare(a.r, b.r) })

	var segs []cmapSegment
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
		segs = append(segs, cmapSegment{start: c, end: c, delta: delta})
	}
	// The mandatory last segment maps U+FFFF to glyph 0.
	segs = append(segs, cmapSegment{start: 0xFFFF, end: 0xFFFF, delta: 1})

	segCount := len(segs)
	subLen := 16 + 8*segCount
	if subLen > 0xFFFF {
		return nil, fmt.Errorf("%d cmap segments do not fit a format-4 subtable", segCount)
	}

	// Layout: cmap header (4 bytes), one encoding record (8 bytes), then the
	// format-4 subtable: 7 header fields, endCode[], reservedPad, startCode[],
	// idDelta[], idRangeOffset[] (all zero, so left as allocated).
	b := make([]byte, 12+subLen)
	be.PutUint16(b[2:], 1)  // numTables
	be.PutUint16(b[4:], 3)  // platformID: Windows
	be.PutUint16(b[6:], 1)  // encodingID: Unicode BMP
	be.PutUint32(b[8:], 12) // subtable offset
	sub := b[12:]
	searchRange, entrySelector, rangeShift := searchParams(segCount, 2)
	for i, v := range []uint16{4, uint16(subLen), 0, uint16(2 * segCount), searchRange, entrySelector, rangeShift} {
		be.PutUint16(sub[2*i:], v)
	}
	endCodes := sub[14:]
	startCodes := sub[16+2*segCount:]
	idDeltas := sub[16+4*segCount:]
	for i, s := range segs {
		be.PutUint16(endCodes[2*i:], s.end)
		be.PutUint16(startCodes[2*i:], s.start)
		be.PutUint16(idDeltas[2*i:], s.delta)
	}
	return b, nil
}

// searchParams returns the binary-search hints used by the table
// directory (unit 16) and the format-4 cmap (unit 2) for n entries:
// searchRange = unit * (largest power of two <= n), entrySelector = log2 of
// that power, rangeShift = unit*n - searchRange.
func searchParams(n, unit int) (searchRange, entrySelector, rangeShift uint16) {
	log := bits.Len(uint(n)) - 1
	sr := unit << log
	return uint16(sr), uint16(log), uint16(unit*n - sr)
}

// assemble lays out tables (sorted by tag) into a new font file with a
// fresh table directory, table checksums and head.checkSumAdjustment.
func assemble(tables []fontTable) []byte {
	n := len(tables)
	dirLen := 12 + 16*n
	size := dirLen
	for _, t := range tables {
		size += (len(t.data) + 3) &^ 3
	}
	out := make([]byte, size) // zeroed, so padding is already in place

	be.PutUint32(out, 0x00010000)
	be.PutUint16(out[4:], uint16(n))
	searchRange, entrySelector, rangeShift := searchParams(n, 16)
	be.PutUint16(out[6:], searchRange)
	be.PutUint16(out[8:], entrySelector)
	be.PutUint16(out[10:], rangeShift)

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
		sum := checksum(padded)
		fontSum += sum

		rec := out[12+16*i:]
		copy(rec, t.tag)
		be.PutUint32(rec[4:], sum)
		be.PutUint32(rec[8:], uint32(off))
		be.PutUint32(rec[12:], uint32(len(t.data)))
		off += len(padded)
	}
	fontSum += checksum(out[:dirLen])
	be.PutUint32(adjustment, 0xB1B0AFBA-fontSum)
	return out
}

// checksum returns the sum of the big-endian uint32 words of b, whose
// length must be a multiple of 4. Four independent sums let the CPU overlap
// the additions, which makes it about twice as fast on large glyf tables.
func checksum(b []byte) uint32 {
	var s0, s1, s2, s3 uint32
	for ; len(b) >= 16; b = b[16:] {
		s0 += be.Uint32(b)
		s1 += be.Uint32(b[4:])
		s2 += be.Uint32(b[8:])
		s3 += be.Uint32(b[12:])
	}
	for ; len(b) >= 4; b = b[4:] {
		s0 += be.Uint32(b)
	}
	return s0 + s1 + s2 + s3
}

// compositeGlyph returns the glyf record of a composite glyph with the
// given bounding box: one component record per component, placed by x and
// y offsets in words, without instructions.
func compositeGlyph(xMin, yMin, xMax, yMax int, comps []Component) []byte {
	data := make([]byte, 10+8*len(comps))
	for j, v := range []int{-1, xMin, yMin, xMax, yMax} {
		be.PutUint16(data[2*j:], uint16(int16(v)))
	}
	for j, comp := range comps {
		flags := uint16(argsAreWords | argsAreXY)
		if j < len(comps)-1 {
			flags |= moreComponents
		}
		rec := data[10+8*j:]
		be.PutUint16(rec, flags)
		be.PutUint16(rec[2:], comp.GID)
		be.PutUint16(rec[4:], uint16(comp.DX))
		be.PutUint16(rec[6:], uint16(comp.DY))
	}
	return data
}

// nameIDs are the names a built font keeps: copyright, family,
// subfamily, unique ID, full name, version, PostScript name and the
// licence's address. The licence's text and the designers' notes, the
// longest names, are read by no PDF consumer.
var nameIDs = map[uint16]bool{0: true, 1: true, 2: true, 3: true, 4: true, 5: true, 6: true, 14: true}

// trimName returns a name table (format 0) with only the Windows
// (platform 3) records of nameIDs, and their strings; the table as it
// is when it is not one it can read.
func trimName(name []byte) []byte {
	if len(name) < 6 || be.Uint16(name) != 0 {
		return name
	}
	count, strOff := int(be.Uint16(name[2:])), int(be.Uint16(name[4:]))
	if 6+12*count > len(name) || strOff > len(name) {
		return name
	}
	var recs, strs []byte
	kept := 0
	for i := range count {
		r := name[6+12*i : 6+12*i+12]
		length, off := int(be.Uint16(r[8:])), int(be.Uint16(r[10:]))
		if be.Uint16(r) != 3 || !nameIDs[be.Uint16(r[6:])] || strOff+off+length > len(name) {
			continue
		}
		rec := slices.Clone(r)
		be.PutUint16(rec[10:], uint16(len(strs)))
		recs = append(recs, rec...)
		strs = append(strs, name[strOff+off:strOff+off+length]...)
		kept++
	}
	out := make([]byte, 6, 6+len(recs)+len(strs))
	be.PutUint16(out[2:], uint16(kept))
	be.PutUint16(out[4:], uint16(6+len(recs)))
	return append(append(out, recs...), strs...)
}

// Metrics is what a PDF font descriptor says of a font, in font units.
type Metrics struct {
	Upem                                   float64
	XMin, YMin, XMax, YMax                 int16
	Ascender, Descender, CapHeight, Weight int
	ItalicAngle                            float64
}

// ReadMetrics reads a font's metrics: the bounding box from head, the
// ascender and descender from hhea, the cap height and weight class from
// OS/2 (the ascender and regular weight when it has none) and the italic
// angle from post.
func ReadMetrics(font []byte) (Metrics, error) {
	tables, err := readTables(font)
	if err != nil {
		return Metrics{}, err
	}
	head, hhea, os2, post := findTable(tables, "head"), findTable(tables, "hhea"), findTable(tables, "OS/2"), findTable(tables, "post")
	if len(head) < 54 || len(hhea) < 36 {
		return Metrics{}, fmt.Errorf("%w: short head or hhea", errMalformed)
	}
	s16 := func(b []byte, at int) int16 { return int16(be.Uint16(b[at:])) }
	m := Metrics{
		Upem: float64(be.Uint16(head[18:])),
		XMin: s16(head, 36), YMin: s16(head, 38), XMax: s16(head, 40), YMax: s16(head, 42),
		Ascender: int(s16(hhea, 4)), Descender: int(s16(hhea, 6)), Weight: 400,
	}
	m.CapHeight = m.Ascender
	if len(os2) >= 6 {
		m.Weight = int(be.Uint16(os2[4:]))
	}
	if len(os2) >= 90 && be.Uint16(os2) >= 2 {
		m.CapHeight = int(s16(os2, 88))
	}
	if len(post) >= 8 {
		m.ItalicAngle = float64(int32(be.Uint32(post[4:]))) / 65536
	}
	return m, nil
}

// Em returns a value in font units in thousandths of an em.
func (m Metrics) Em(v int) float64 { return float64(v) * 1000 / m.Upem }

// StemV estimates the dominant vertical stem width from the weight class,
// as is usual when a font does not say: 50 + (weight/65)².
func (m Metrics) StemV() int { return 50 + m.Weight*m.Weight/(65*65) }
