// SPDX-License-Identifier: MIT

package output

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
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
			b, err := DeriveFont(src, tc.cmap, nil)
			if err != nil {
				t.Fatal(err)
			}
			if again, _ := DeriveFont(src, tc.cmap, nil); !bytes.Equal(b, again) {
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

// sfntTestShape shapes text with HarfBuzz at one pixel per font unit and
// returns it as a Composite: each glyph at its pen position plus its offset,
// the advance being the sum of the glyphs' advances.
func sfntTestShape(tb testing.TB, face *font.Face, text string, script language.Script, dir di.Direction) Composite {
	tb.Helper()
	runes := []rune(text)
	out := (&shaping.HarfbuzzShaper{}).Shape(shaping.Input{
		Text: runes, RunEnd: len(runes), Direction: dir, Face: face,
		Size: fixed.I(int(face.Upem())), Script: script,
	})
	units := func(v fixed.Int26_6) int16 {
		if v&63 != 0 {
			tb.Fatalf("shaping %q: %v is not a whole number of font units", text, v)
		}
		return int16(v.Round())
	}
	var c Composite
	var pen fixed.Int26_6
	for _, g := range out.Glyphs {
		c.Components = append(c.Components, Component{GID: uint16(g.GlyphID), DX: units(pen + g.XOffset), DY: units(g.YOffset)})
		pen += g.XAdvance
	}
	c.Advance = uint16(units(pen))
	if len(c.Components) < 2 {
		tb.Fatalf("shaping %q gave %d glyphs, want a cluster of several", text, len(c.Components))
	}
	tb.Logf("%q: %+v", text, c)
	return c
}

// sfntTestOutline returns the outline go-text gives glyph gid of face,
// moved by (dx, dy), and nil for a glyph without outline.
func sfntTestOutline(face *font.Face, gid uint16, dx, dy int16) []font.Segment {
	o, ok := face.GlyphData(font.GID(gid)).(font.GlyphOutline)
	if !ok || len(o.Segments) == 0 {
		return nil
	}
	segs := slices.Clone(o.Segments)
	for i := range segs {
		for j := range segs[i].ArgsSlice() {
			segs[i].Args[j].Move(float32(dx), float32(dy))
		}
	}
	return segs
}

// sfntTestCompositeOutline returns the outline a composite should have: its
// components' outlines in face, moved by their offsets, in order.
func sfntTestCompositeOutline(face *font.Face, c Composite) []font.Segment {
	var segs []font.Segment
	for _, comp := range c.Components {
		segs = append(segs, sfntTestOutline(face, comp.GID, comp.DX, comp.DY)...)
	}
	return segs
}

// sfntTestStats returns, for glyph gid of a font, what maxp counts: the
// points and contours of the simple glyphs it is made of and its component
// depth (0 for a simple or empty glyph).
func sfntTestStats(glyphs [][]byte, gid int) (points, contours, depth int) {
	g := glyphs[gid]
	if comps := sfntTestComponents(g); comps != nil {
		for _, c := range comps {
			p, n, d := sfntTestStats(glyphs, c)
			points, contours, depth = points+p, contours+n, max(depth, d+1)
		}
		return points, contours, depth
	}
	if len(g) == 0 {
		return 0, 0, 0
	}
	n := sfntTestU16(g)
	if n == 0 {
		return 0, 0, 0
	}
	return sfntTestU16(g[10+2*(n-1):]) + 1, n, 0
}

// sfntTestI16 reads a big-endian signed 16-bit number.
func sfntTestI16(p []byte) int { return int(int16(sfntTestU16(p))) }

// sfntTestBBox returns the bounding box (xMin, yMin, xMax, yMax) of a
// composite from the headers of its components in a font's glyphs, leaving
// out components without outline, and false if all of them are.
func sfntTestBBox(glyphs [][]byte, c Composite) ([4]int, bool) {
	var box [4]int
	found := false
	for _, comp := range c.Components {
		g := glyphs[comp.GID]
		if _, n, _ := sfntTestStats(glyphs, int(comp.GID)); n == 0 {
			continue
		}
		b := [4]int{sfntTestI16(g[2:]) + int(comp.DX), sfntTestI16(g[4:]) + int(comp.DY), sfntTestI16(g[6:]) + int(comp.DX), sfntTestI16(g[8:]) + int(comp.DY)}
		if !found {
			box, found = b, true
			continue
		}
		box = [4]int{min(box[0], b[0]), min(box[1], b[1]), max(box[2], b[2]), max(box[3], b[3])}
	}
	return box, found
}

// sfntTestDeriveComposites derives a font from src with cmap and extra and
// checks it against src (parsed as face) independently of the code under
// test: structure and checksums, the kept and the added glyphs' data, maxp,
// head, hhea and hmtx, and what go-text reads (the cmap, advances and
// outlines, the added glyphs' being their components' moved by their
// offsets). It returns the derived font.
func sfntTestDeriveComposites(t *testing.T, src []byte, face *font.Face, cmap map[rune]uint16, extra []Composite) []byte {
	t.Helper()
	origExtra := make([]Composite, len(extra))
	for i, c := range extra {
		origExtra[i] = Composite{slices.Clone(c.Components), c.Advance}
	}
	b, err := DeriveFont(src, cmap, extra)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := DeriveFont(src, cmap, extra); !bytes.Equal(b, again) {
		t.Error("output is not deterministic")
	}
	if !reflect.DeepEqual(extra, origExtra) {
		t.Error("DeriveFont modified extra")
	}
	srcTables, tables := sfntTestSourceTables(src), sfntTestTables(t, b)
	srcGlyphs, glyphs := sfntTestGlyphs(t, srcTables), sfntTestGlyphs(t, tables)
	num, total := len(srcGlyphs), len(srcGlyphs)+len(extra)
	if len(glyphs) != total {
		t.Fatalf("%d glyphs, want %d from the source and %d added", len(glyphs), num, len(extra))
	}

	// The source glyphs kept: those of the cmap and of the composites, with
	// their components; all others are empty.
	roots := map[rune]uint16{}
	for r, gid := range cmap {
		if int(gid) < num {
			roots[r] = gid
		}
	}
	for _, c := range extra {
		for _, comp := range c.Components {
			roots[-1-rune(len(roots))] = comp.GID // negative keys: no code point's
		}
	}
	keep := sfntTestClosure(srcGlyphs, roots)
	for gid := range num {
		g, want := glyphs[gid], srcGlyphs[gid]
		if !keep[gid] && len(g) != 0 {
			t.Errorf("glyph %d not kept but has %d bytes", gid, len(g))
		}
		if keep[gid] && (!bytes.HasPrefix(g, want) || len(g) > len(want)+3) {
			t.Errorf("glyph %d: %d bytes differ from the source's %d", gid, len(g), len(want))
		}
	}

	// The added glyphs: a header with the union of the components'
	// boxes, then one record per component, or nothing if no component
	// has an outline.
	boxes := make([][4]int, len(extra))
	var wantPoints, wantContours, wantElements, wantDepth int
	for i, c := range extra {
		g := glyphs[num+i]
		box, ok := sfntTestBBox(srcGlyphs, c)
		boxes[i] = box
		points, contours, depth := 0, 0, 0
		for _, comp := range c.Components {
			p, n, d := sfntTestStats(srcGlyphs, int(comp.GID))
			points, contours, depth = points+p, contours+n, max(depth, d+1)
		}
		wantPoints, wantContours = max(wantPoints, points), max(wantContours, contours)
		wantElements, wantDepth = max(wantElements, len(c.Components)), max(wantDepth, depth)
		if !ok {
			if len(g) != 0 {
				t.Errorf("added glyph %d has no outline but %d bytes", num+i, len(g))
			}
			continue
		}
		if want := 10 + 8*len(c.Components); len(g) < want || len(g) > want+3 || strings.Trim(string(g[want:]), "\x00") != "" {
			t.Errorf("added glyph %d has %d bytes, want %d and padding", num+i, len(g), want)
			continue
		}
		if got := [5]int{sfntTestI16(g), sfntTestI16(g[2:]), sfntTestI16(g[4:]), sfntTestI16(g[6:]), sfntTestI16(g[8:])}; got != [5]int{-1, box[0], box[1], box[2], box[3]} {
			t.Errorf("added glyph %d: numberOfContours and bbox %v, want -1 and %v", num+i, got, box)
		}
		for j, comp := range c.Components {
			rec := g[10+8*j:]
			flags := 0x0003 // ARG_1_AND_2_ARE_WORDS | ARGS_ARE_XY_VALUES
			if j < len(c.Components)-1 {
				flags |= 0x0020 // MORE_COMPONENTS
			}
			if got, want := [4]int{sfntTestU16(rec), sfntTestU16(rec[2:]), sfntTestI16(rec[4:]), sfntTestI16(rec[6:])}, [4]int{flags, int(comp.GID), int(comp.DX), int(comp.DY)}; got != want {
				t.Errorf("added glyph %d, component %d: flags, glyph, dx, dy %v, want %v", num+i, j, got, want)
			}
		}
		if comps := sfntTestComponents(g); len(comps) != len(c.Components) {
			t.Errorf("added glyph %d reads as %d components, want %d", num+i, len(comps), len(c.Components))
		}
	}

	// maxp counts the added glyphs and covers them; its other fields are
	// unchanged.
	maxp, srcMaxp := tables["maxp"], srcTables["maxp"]
	if len(maxp) != len(srcMaxp) || !bytes.Equal(maxp[:4], srcMaxp[:4]) || !bytes.Equal(maxp[6:10], srcMaxp[6:10]) || !bytes.Equal(maxp[14:28], srcMaxp[14:28]) {
		t.Error("maxp changed beyond numGlyphs and the composite limits")
	}
	for _, f := range []struct {
		name     string
		off, min int
	}{{"numGlyphs", 4, total}, {"maxCompositePoints", 10, wantPoints}, {"maxCompositeContours", 12, wantContours}, {"maxComponentElements", 28, wantElements}, {"maxComponentDepth", 30, wantDepth}} {
		want := f.min
		if f.off != 4 {
			want = max(want, sfntTestU16(srcMaxp[f.off:]))
		}
		if got := sfntTestU16(maxp[f.off:]); got != want {
			t.Errorf("maxp.%s = %d, want %d (source: %d)", f.name, got, want, sfntTestU16(srcMaxp[f.off:]))
		}
	}

	// hmtx: the source's metrics for kept glyphs, the composites' advance
	// and xMin; as few long metrics as that allows.
	adv, lsb := sfntTestMetrics(tables)
	srcAdv, srcLSB := sfntTestMetrics(srcTables)
	kept := func(gid int) bool { return gid >= num || keep[gid] }
	for gid := range total {
		switch {
		case gid < num && keep[gid] && (adv[gid] != srcAdv[gid] || lsb[gid] != srcLSB[gid]):
			t.Errorf("glyph %d: advance and lsb %d, %d, want %d, %d", gid, adv[gid], lsb[gid], srcAdv[gid], srcLSB[gid])
		case gid >= num && (adv[gid] != int(extra[gid-num].Advance) || int(int16(lsb[gid])) != boxes[gid-num][0]):
			t.Errorf("added glyph %d: advance and lsb %d, %d, want %d, %d", gid, adv[gid], int16(lsb[gid]), extra[gid-num].Advance, boxes[gid-num][0])
		}
	}
	hhea, srcHhea := tables["hhea"], srcTables["hhea"]
	n := sfntTestU16(hhea[34:])
	if len(tables["hmtx"]) != 4*n+2*(total-n) {
		t.Errorf("hmtx of %d bytes for %d long metrics of %d glyphs", len(tables["hmtx"]), n, total)
	}
	last := total - 1
	for !kept(last) {
		last--
	}
	differs := -1
	for gid := range last {
		if kept(gid) && adv[gid] != adv[last] {
			differs = gid
		}
	}
	if n != differs+2 {
		t.Errorf("numberOfHMetrics %d, want %d: one after glyph %d, the last whose advance differs from the last glyph's", n, differs+2, differs)
	}

	// hhea and head cover the added glyphs.
	if !bytes.Equal(hhea[:10], srcHhea[:10]) || !bytes.Equal(hhea[18:34], srcHhea[18:34]) || !bytes.Equal(hhea[36:], srcHhea[36:]) {
		t.Error("hhea changed beyond numberOfHMetrics and the extremes")
	}
	head := tables["head"]
	wantAdvMax, wantMinLSB, wantMinRSB, wantMaxExtent := sfntTestU16(srcHhea[10:]), sfntTestI16(srcHhea[12:]), sfntTestI16(srcHhea[14:]), sfntTestI16(srcHhea[16:])
	wantBox := [4]int{sfntTestI16(srcTables["head"][36:]), sfntTestI16(srcTables["head"][38:]), sfntTestI16(srcTables["head"][40:]), sfntTestI16(srcTables["head"][42:])}
	for i, c := range extra {
		wantAdvMax = max(wantAdvMax, int(c.Advance))
		if _, ok := sfntTestBBox(srcGlyphs, c); ok {
			box := boxes[i]
			wantMinLSB, wantMinRSB, wantMaxExtent = min(wantMinLSB, box[0]), min(wantMinRSB, int(c.Advance)-box[2]), max(wantMaxExtent, box[2])
			wantBox = [4]int{min(wantBox[0], box[0]), min(wantBox[1], box[1]), max(wantBox[2], box[2]), max(wantBox[3], box[3])}
		}
	}
	if got, want := [4]int{sfntTestU16(hhea[10:]), sfntTestI16(hhea[12:]), sfntTestI16(hhea[14:]), sfntTestI16(hhea[16:])}, [4]int{wantAdvMax, wantMinLSB, wantMinRSB, wantMaxExtent}; got != want {
		t.Errorf("hhea advanceWidthMax, minLeftSideBearing, minRightSideBearing, xMaxExtent = %v, want %v", got, want)
	}
	if got := [4]int{sfntTestI16(head[36:]), sfntTestI16(head[38:]), sfntTestI16(head[40:]), sfntTestI16(head[42:])}; got != wantBox {
		t.Errorf("head bounding box %v, want %v", got, wantBox)
	}
	t.Logf("%d glyphs, %d long metrics; maxp composite points %d, contours %d, elements %d, depth %d; head bbox %v",
		total, n, sfntTestU16(maxp[10:]), sfntTestU16(maxp[12:]), sfntTestU16(maxp[28:]), sfntTestU16(maxp[30:]), wantBox)

	// go-text reads the cmap, the advances and the outlines.
	got, err := font.ParseTTF(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("go-text cannot parse derived font: %v", err)
	}
	for r, gid := range cmap {
		if g, ok := got.NominalGlyph(r); !ok || uint16(g) != gid {
			t.Errorf("NominalGlyph(%U) = %d, %v; want %d", r, g, ok, gid)
		}
	}
	for gid := range total {
		var wantAdv float32
		var wantOutline []font.Segment
		switch {
		case gid >= num:
			c := extra[gid-num]
			wantAdv, wantOutline = float32(c.Advance), sfntTestCompositeOutline(face, c)
			if _, ok := sfntTestBBox(srcGlyphs, c); ok != (len(wantOutline) > 0) {
				t.Fatalf("added glyph %d: the source gives its components an outline of %d segments, but their headers say otherwise", gid, len(wantOutline))
			}
		case keep[gid]:
			wantAdv, wantOutline = face.HorizontalAdvance(font.GID(gid)), sfntTestOutline(face, uint16(gid), 0, 0)
		default:
			continue
		}
		if a := got.HorizontalAdvance(font.GID(gid)); a != wantAdv {
			t.Errorf("advance of glyph %d = %v, want %v", gid, a, wantAdv)
		}
		if o := sfntTestOutline(got, uint16(gid), 0, 0); !reflect.DeepEqual(o, wantOutline) {
			t.Errorf("outline of glyph %d (%d segments) differs from the expected (%d segments)", gid, len(o), len(wantOutline))
		}
	}
	return b
}

// TestDeriveFontAdded checks fonts with added composite glyphs: clusters
// shaped by HarfBuzz (a Bengali vowel sign drawn before its consonant, a
// two-part vowel, an Arabic letter with a mark) and hand-made composites
// exercising nested and empty components, negative offsets, repeated
// glyphs and an added glyph that no code point maps.
func TestDeriveFontAdded(t *testing.T) {
	t.Run("NotoSans-Regular.ttf", func(t *testing.T) {
		src, face := sfntTestFont(t, "NotoSans-Regular.ttf")
		srcGlyphs := sfntTestGlyphs(t, sfntTestSourceTables(src))
		num := uint16(len(srcGlyphs))
		gid := func(r rune) uint16 { return sfntTestGID(t, face, r) }
		nested := sfntTestComposite(t, face, srcGlyphs, true)
		if _, _, d := sfntTestStats(srcGlyphs, int(gid(nested))); d < 2 {
			t.Fatalf("glyph of %U has depth %d, want a nested composite", nested, d)
		}
		extra := []Composite{
			{Components: []Component{{GID: gid('A')}, {GID: gid(' '), DX: 600}, {GID: gid('f'), DX: 700, DY: -200}}, Advance: 1000},
			{Components: []Component{{GID: gid(nested)}, {GID: gid('é'), DX: 650}}, Advance: 1200},
			{Components: []Component{{GID: gid(' ')}, {GID: gid(' '), DX: 260}}, Advance: 520},
			{Components: []Component{{GID: gid('A'), DX: -100}, {GID: gid('A'), DX: 500, DY: 300}}, Advance: 1300},
			{Components: []Component{{GID: gid('z')}}, Advance: 700}, // not mapped
			{Components: []Component{{GID: gid('o')}, {GID: gid('o'), DX: 400}}, Advance: 1300},
			// Beyond the font's extremes: head's bounding box, hhea's
			// advanceWidthMax, minLeftSideBearing, minRightSideBearing
			// and xMaxExtent.
			{Components: []Component{{GID: gid('A'), DX: 3000, DY: -1000}}, Advance: 0},
			{Components: []Component{{GID: gid('A'), DX: -1000, DY: 1500}}, Advance: 4000},
		}
		cmap := map[rune]uint16{'A': gid('A'), 0xE000: num, 0xE001: num + 1, 0xE002: num + 2, 0xE003: num + 3, 0xE005: num + 5,
			0xE006: num + 6, 0xE007: num + 7, 0xE010: num - 1} // the last glyph of the font has no long metric there
		sfntTestDeriveComposites(t, src, face, cmap, extra)
	})
	t.Run("NotoSansBengali-Regular.ttf", func(t *testing.T) {
		src, face := sfntTestFont(t, "NotoSansBengali-Regular.ttf")
		srcGlyphs := sfntTestGlyphs(t, sfntTestSourceTables(src))
		num := uint16(len(srcGlyphs))
		ka := sfntTestGID(t, face, 'ক')
		// Components enough to exceed the font's maxp limits: more glyphs
		// and points than its composites have, and a composite component.
		many := Composite{Advance: 5000}
		for i := range 6 {
			many.Components = append(many.Components, Component{GID: ka, DX: int16(800 * i)})
		}
		many.Components = append(many.Components, Component{GID: sfntTestGID(t, face, sfntTestComposite(t, face, srcGlyphs, false))})
		extra := []Composite{
			sfntTestShape(t, face, "কি", language.Bengali, di.DirectionLTR), // i-matra before KA
			sfntTestShape(t, face, "কো", language.Bengali, di.DirectionLTR), // two-part vowel around KA
			many,
		}
		cmap := map[rune]uint16{'ক': ka, 0xE000: num, 0xE001: num + 1, 0xE002: num + 2}
		sfntTestDeriveComposites(t, src, face, cmap, extra)
	})
	t.Run("NotoSansSignWriting-Regular.ttf", func(t *testing.T) {
		// A font with few long metrics: added glyphs with different
		// advances turn the short metrics of the kept glyphs into long.
		src, face := sfntTestFont(t, "NotoSansSignWriting-Regular.ttf")
		num := uint16(sfntTestU16(sfntTestSourceTables(src)["maxp"][4:]))
		cmap := sfntTestCmap80(t, face)
		gids := slices.Sorted(maps.Values(cmap))
		extra := []Composite{
			{Components: []Component{{GID: gids[len(gids)-1]}, {GID: gids[len(gids)-2], DX: 500, DY: -20}}, Advance: 1500},
			{Components: []Component{{GID: gids[0], DX: -30}}, Advance: 900},
		}
		cmap[0xF000], cmap[0xF001] = num, num+1
		sfntTestDeriveComposites(t, src, face, cmap, extra)
	})
	t.Run("NotoNaskhArabic-Regular.ttf", func(t *testing.T) {
		src, face := sfntTestFont(t, "NotoNaskhArabic-Regular.ttf")
		num := uint16(sfntTestU16(sfntTestSourceTables(src)["maxp"][4:]))
		c := sfntTestShape(t, face, "بِ", language.Arabic, di.DirectionRTL) // beh with kasra below
		if !slices.ContainsFunc(c.Components, func(comp Component) bool { return comp.DY < 0 }) {
			t.Errorf("no component of %+v is placed below the baseline", c)
		}
		// One added glyph (a short metric) and two with different
		// advances (long metrics).
		sfntTestDeriveComposites(t, src, face, map[rune]uint16{0xE000: num}, []Composite{c})
		wide := Composite{Components: c.Components, Advance: c.Advance + 100}
		sfntTestDeriveComposites(t, src, face, map[rune]uint16{0xE000: num, 0xE001: num + 1}, []Composite{c, wide})
	})
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
	b, err := DeriveFont(src, cmap, nil)
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
			b, err := DeriveFont(src, cmap, nil)
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
			b, err := DeriveFont(tc.src, tc.cmap, nil)
			if err == nil {
				t.Fatalf("no error, %d bytes of output", len(b))
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %q does not wrap %q", err, tc.is)
			}
			t.Log(err)
		})
	}

	// Errors about the composite glyphs to add.
	gidA := ok['A']
	one := []Composite{{Components: []Component{{GID: gidA}}, Advance: 600}}
	// tooMany has one composite more than glyph IDs allow.
	tooMany := make([]Composite, 0x10000-int(numGlyphs))
	for i := range tooMany {
		tooMany[i] = one[0]
	}
	// withMaxp05 returns a copy of src whose maxp says version 0.5.
	withMaxp05 := func() []byte {
		b := bytes.Clone(src)
		copy(sfntTestSourceTables(b)["maxp"], []byte{0, 0, 0x50, 0})
		return b
	}
	// withShortA returns a copy of src in which the simple glyph of 'A'
	// ends after its header, before its endPtsOfContours.
	withShortA := func() []byte {
		b := bytes.Clone(src)
		tables := sfntTestSourceTables(b)
		loca, long := tables["loca"], sfntTestU16(tables["head"][50:]) == 1
		if long {
			off := sfntTestU32(loca[4*gidA:]) + 10
			copy(loca[4*gidA+4:], []byte{byte(off >> 24), byte(off >> 16), byte(off >> 8), byte(off)})
		} else {
			off := sfntTestU16(loca[2*gidA:]) + 5
			copy(loca[2*gidA+2:], []byte{byte(off >> 8), byte(off)})
		}
		return b
	}
	compositeTests := []struct {
		name  string
		src   []byte
		cmap  map[rune]uint16
		extra []Composite
		is    error
	}{
		{"no components", src, ok, []Composite{one[0], {Advance: 500}}, nil},
		{"component out of range", src, ok, []Composite{{Components: []Component{{GID: gidA}, {GID: numGlyphs + 1}}}}, nil},
		{"component 0xFFFF", src, ok, []Composite{{Components: []Component{{GID: 0xFFFF}}}}, nil},
		{"component is an added composite", src, ok, []Composite{one[0], {Components: []Component{{GID: numGlyphs}}}}, nil},
		{"too many composites", src, ok, tooMany, nil},
		{"cmap beyond the added glyphs", src, map[rune]uint16{0xE000: numGlyphs + 1}, one, nil},
		{"bounding box beyond 32767", src, ok, []Composite{{Components: []Component{{GID: gidA, DX: 32767}}}}, nil},
		{"bounding box below -32768", src, ok, []Composite{{Components: []Component{{GID: gidA}, {GID: sfntTestGID(t, face, 'p'), DY: -32768}}}}, nil},
		{"maxp version 0.5", withMaxp05(), ok, one, errSFNTMalformed},
		{"cyclic component", setComponent(uint16(gidE)), ok, []Composite{{Components: []Component{{GID: gidA}, {GID: uint16(gidE)}}}}, errSFNTMalformed},
		{"truncated composite component", setEnd(func(start, _ int) int { return start + 12 }), ok, []Composite{{Components: []Component{{GID: uint16(gidE)}}}}, errSFNTMalformed},
		{"truncated simple component", withShortA(), map[rune]uint16{}, one, errSFNTMalformed},
	}
	for _, tc := range compositeTests {
		t.Run("composites/"+tc.name, func(t *testing.T) {
			b, err := DeriveFont(tc.src, tc.cmap, tc.extra)
			if err == nil {
				t.Fatalf("no error, %d bytes of output", len(b))
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %q does not wrap %q", err, tc.is)
			}
			if tc.is == nil && (errors.Is(err, errSFNTMalformed) || errors.Is(err, errSFNTUnsupported)) {
				t.Errorf("error %q blames the font", err)
			}
			t.Log(err)
		})
	}
	// The font without those defects is accepted, as are as many
	// composites as glyph IDs allow.
	for name, src := range map[string][]byte{"maxp version 0.5": withMaxp05(), "truncated simple glyph": withShortA()} {
		if _, err := DeriveFont(src, ok, nil); err != nil {
			t.Errorf("%s, no composites: %v", name, err)
		}
	}
	if b, err := DeriveFont(src, ok, tooMany[1:]); err != nil {
		t.Errorf("%d composites: %v", len(tooMany)-1, err)
	} else if n := sfntTestU16(sfntTestTables(t, b)["maxp"][4:]); n != 0xFFFF {
		t.Errorf("%d composites: numGlyphs %d, want 65535", len(tooMany)-1, n)
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
			b, err := DeriveFont(src, cmap, nil)
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

// TestDeriveFontAddedFpdf checks that fpdf draws added composite glyphs:
// with their advance as width, and embedding in its subset, for each, a
// composite glyph whose components are the source's glyphs at the same
// offsets, so that its outline is theirs moved by their offsets.
func TestDeriveFontAddedFpdf(t *testing.T) {
	fonts := []struct {
		file   string
		letter rune // drawn through its own code point
		extra  func(t *testing.T, face *font.Face, glyphs [][]byte) []Composite
	}{
		{"NotoSans-Regular.ttf", 'A', func(t *testing.T, face *font.Face, glyphs [][]byte) []Composite {
			gid := func(r rune) uint16 { return sfntTestGID(t, face, r) }
			return []Composite{
				{Components: []Component{{GID: gid('A')}, {GID: gid(' '), DX: 600}, {GID: gid('f'), DX: 700, DY: -200}}, Advance: 1000},
				{Components: []Component{{GID: gid(sfntTestComposite(t, face, glyphs, true))}, {GID: gid('é'), DX: 650}}, Advance: 1200},
				{Components: []Component{{GID: gid(' ')}, {GID: gid(' '), DX: 260}}, Advance: 520}, // no outline
				{Components: []Component{{GID: gid('A'), DX: -100}, {GID: gid('A'), DX: 500, DY: 300}}, Advance: 1300},
			}
		}},
		{"NotoSansBengali-Regular.ttf", 'ক', func(t *testing.T, face *font.Face, _ [][]byte) []Composite {
			return []Composite{
				sfntTestShape(t, face, "কি", language.Bengali, di.DirectionLTR),
				sfntTestShape(t, face, "কো", language.Bengali, di.DirectionLTR),
			}
		}},
		{"NotoNaskhArabic-Regular.ttf", 'ب', func(t *testing.T, face *font.Face, _ [][]byte) []Composite {
			return []Composite{sfntTestShape(t, face, "بِ", language.Arabic, di.DirectionRTL)}
		}},
	}
	for _, tf := range fonts {
		t.Run(tf.file, func(t *testing.T) {
			src, face := sfntTestFont(t, tf.file)
			srcGlyphs := sfntTestGlyphs(t, sfntTestSourceTables(src))
			num := len(srcGlyphs)
			extra := tf.extra(t, face, srcGlyphs)
			cmap := map[rune]uint16{tf.letter: sfntTestGID(t, face, tf.letter)}
			text := string(tf.letter)
			for i := range extra {
				cmap[0xE000+rune(i)] = uint16(num + i)
				text += string(0xE000 + rune(i))
			}
			b, err := DeriveFont(src, cmap, extra)
			if err != nil {
				t.Fatal(err)
			}

			const size = 12.0
			pdf := fpdf.New("P", "pt", "A4", "")
			pdf.AddPage()
			pdf.AddUTF8FontFromBytes("x", "", b)
			pdf.SetFont("x", "", size) // fails if fpdf rejected the font
			pdf.Text(10, 20, text)
			for i, c := range extra {
				want := float64(c.Advance) * size / float64(face.Upem())
				if got := pdf.GetStringWidth(string(0xE000 + rune(i))); math.Abs(got-want) > 0.05 {
					t.Errorf("width of composite %d = %.2f, want %.2f", i, got, want)
				}
			}
			var buf bytes.Buffer
			if err := pdf.Output(&buf); err != nil {
				t.Fatal(err)
			}
			if pdf.Err() {
				t.Fatal(pdf.Error())
			}

			subset, cidToGID := sfntTestEmbedded(t, buf.Bytes())
			sub, err := font.ParseTTF(bytes.NewReader(subset))
			if err != nil {
				t.Fatalf("go-text cannot parse fpdf's subset: %v", err)
			}
			subGlyphs := sfntTestGlyphs(t, sfntTestSourceTables(subset))
			subGID := func(r rune) int { return int(cidToGID[2*r])<<8 | int(cidToGID[2*r+1]) }
			if g := subGID(tf.letter); g == 0 || !reflect.DeepEqual(sfntTestOutline(sub, uint16(g), 0, 0), sfntTestOutline(face, cmap[tf.letter], 0, 0)) {
				t.Errorf("embedded glyph %d for %q differs from the source's", g, tf.letter)
			}
			for i, c := range extra {
				r := 0xE000 + rune(i)
				g := subGID(r)
				if g == 0 {
					t.Errorf("CIDToGIDMap maps %U to .notdef", r)
					continue
				}
				raw := subGlyphs[g]
				want := sfntTestCompositeOutline(face, c)
				if got := sfntTestOutline(sub, uint16(g), 0, 0); !reflect.DeepEqual(got, want) {
					t.Errorf("embedded glyph %d for %U: outline of %d segments, want the components' %d", g, r, len(got), len(want))
				}
				if len(want) == 0 {
					if len(raw) != 0 {
						t.Errorf("embedded glyph %d for %U has no outline but %d bytes", g, r, len(raw))
					}
					continue
				}
				comps := sfntTestComponents(raw)
				if len(comps) != len(c.Components) {
					t.Errorf("embedded glyph %d for %U has %d components, want %d", g, r, len(comps), len(c.Components))
					continue
				}
				for j, comp := range c.Components {
					rec := raw[10+8*j:]
					if dx, dy := sfntTestI16(rec[4:]), sfntTestI16(rec[6:]); sfntTestU16(rec)&0x0003 != 0x0003 || dx != int(comp.DX) || dy != int(comp.DY) {
						t.Errorf("embedded glyph %d for %U, component %d: flags %#04x, offset %d,%d, want %d,%d", g, r, j, sfntTestU16(rec), dx, dy, comp.DX, comp.DY)
					}
					if got, want := sfntTestOutline(sub, uint16(comps[j]), 0, 0), sfntTestOutline(face, comp.GID, 0, 0); !reflect.DeepEqual(got, want) {
						t.Errorf("embedded glyph %d for %U, component %d: glyph %d differs from the source's glyph %d", g, r, j, comps[j], comp.GID)
					}
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
// digits and 18 glyphs without code point, and then also 20 added
// composites of two or three of those glyphs each, with various advances.
func BenchmarkDeriveFont(b *testing.B) {
	for _, name := range []string{"NotoSans-Regular.ttf", "NotoSansSignWriting-Regular.ttf"} {
		for _, composites := range []int{0, 20} {
			b.Run(fmt.Sprintf("%s/composites=%d", name, composites), func(b *testing.B) {
				src, face := sfntTestFont(b, name)
				cmap := sfntTestCmap80(b, face)
				gids := slices.Sorted(maps.Values(cmap))
				numGlyphs := sfntTestU16(sfntTestSourceTables(src)["maxp"][4:])
				var extra []Composite
				for i := range composites {
					c := Composite{Advance: uint16(1000 + 10*i)}
					for j := range 2 + i%2 {
						c.Components = append(c.Components, Component{GID: gids[(3*i+j)%len(gids)], DX: int16(400 * j), DY: int16(50 * (j % 2))})
					}
					extra = append(extra, c)
					cmap[0xF000+rune(i)] = uint16(numGlyphs + i)
				}
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := DeriveFont(src, cmap, extra); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
