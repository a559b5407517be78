// SPDX-License-Identifier: MIT

package output

// This file rewrites the character map of a TrueType font so that fpdf, which
// addresses glyphs only through a font's (3,1) format-4 cmap, can draw glyphs
// that shaping produced but that have no code point of their own (ligatures,
// contextual forms, conjuncts). The caller assigns each such glyph a Private
// Use Area code point and DeriveFont builds a font whose cmap says so.
//
// References: the OpenType specification, chapters "Font file" (table
// directory and checksums) and "cmap" (format 4).

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
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

// sfntTable is one table of a font: its tag and its bytes (a sub-slice of the
// source font, never copied until the output is assembled).
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

// DeriveFont returns a TrueType font built from src (sfnt version 0x00010000,
// glyf outlines) whose only character map is one (platform 3, encoding 1)
// format-4 subtable mapping each code point in cmap to its glyph ID. Every
// other table is copied unchanged except 'DSIG', which is dropped because the
// signature would no longer match; the table directory is rebuilt (tables
// sorted by tag, 4-byte aligned, correct checksums, correct
// searchRange/entrySelector/rangeShift) and head.checkSumAdjustment is
// recomputed. Code points must be in the BMP and not U+FFFF.
//
// It reports an error for CFF ('OTTO'), TrueType collections ('ttcf'),
// truncated or malformed input (including a missing table that fpdf needs),
// or a glyph ID >= numGlyphs (from maxp). Errors about the font itself wrap
// errSFNTUnsupported or errSFNTMalformed. src is not modified and the result
// shares no memory with it.
func DeriveFont(src []byte, cmap map[rune]uint16) ([]byte, error) {
	tables, err := sfntReadTables(src)
	if err != nil {
		return nil, err
	}
	numGlyphs, err := sfntCheckTables(tables)
	if err != nil {
		return nil, err
	}
	cmapTable, err := sfntBuildCmap(cmap, numGlyphs)
	if err != nil {
		return nil, err
	}
	// Insert the new cmap, keeping the tables sorted by tag.
	i, _ := slices.BinarySearchFunc(tables, "cmap", sfntCompareTag)
	tables = slices.Insert(tables, i, sfntTable{tag: "cmap", data: cmapTable})
	return sfntAssemble(tables), nil
}

// sfntReadTables parses the table directory of src and returns its tables
// sorted by tag, leaving out 'cmap' (to be replaced) and 'DSIG' (to be
// dropped).
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
		if tag == "cmap" || tag == "DSIG" {
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

// sfntCheckTables checks that the tables fpdf reads are present and that
// head, maxp, hhea, hmtx and loca are large enough for the glyph count they
// describe: fpdf does no bounds checking of its own and panics on such fonts.
// (Offsets from loca into glyf are left unchecked.) It returns maxp.numGlyphs.
func sfntCheckTables(tables []sfntTable) (int, error) {
	for _, tag := range sfntRequired {
		if len(sfntFind(tables, tag)) == 0 {
			return 0, fmt.Errorf("%w: missing or empty %q table", errSFNTMalformed, tag)
		}
	}
	head, maxp, hhea := sfntFind(tables, "head"), sfntFind(tables, "maxp"), sfntFind(tables, "hhea")
	if len(head) < 54 || sfntBE.Uint32(head[12:]) != 0x5F0F3CF5 {
		return 0, fmt.Errorf("%w: bad 'head' table", errSFNTMalformed)
	}
	if len(maxp) < 6 || len(hhea) < 36 {
		return 0, fmt.Errorf("%w: 'maxp' or 'hhea' table too short", errSFNTMalformed)
	}
	numGlyphs := int(sfntBE.Uint16(maxp[4:]))
	numHMetrics := int(sfntBE.Uint16(hhea[34:]))
	if numHMetrics == 0 || numHMetrics > numGlyphs {
		return 0, fmt.Errorf("%w: %d horizontal metrics for %d glyphs", errSFNTMalformed, numHMetrics, numGlyphs)
	}
	if len(sfntFind(tables, "hmtx")) < 4*numHMetrics+2*(numGlyphs-numHMetrics) {
		return 0, fmt.Errorf("%w: 'hmtx' table too short", errSFNTMalformed)
	}
	// indexToLocFormat 0 means 2-byte offsets, 1 means 4-byte offsets.
	locFormat := sfntBE.Uint16(head[50:])
	if locFormat > 1 || len(sfntFind(tables, "loca")) < (numGlyphs+1)*(2<<locFormat) {
		return 0, fmt.Errorf("%w: bad 'loca' table", errSFNTMalformed)
	}
	return numGlyphs, nil
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
