// SPDX-License-Identifier: MIT

package sfnt

// The tests of MergeFonts read the merged fonts with helpers of their own
// (table directory and checksums, loca, glyf, hmtx, component records) and
// with go-text, so that they do not depend on the code under test nor on
// the helpers of the DeriveFont tests.

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
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

// mergeTestSource is a font read for the merge tests, with what the tests
// need from it, read independently of the code under test.
type mergeTestSource struct {
	name     string
	src      []byte
	face     *font.Face
	tables   map[string][]byte
	glyphs   [][]byte
	adv, lsb []int
}

// mergeTestLoad reads and parses one of the project's fonts.
func mergeTestLoad(tb testing.TB, name string) *mergeTestSource {
	tb.Helper()
	b, err := os.ReadFile("../../fonts/" + name)
	if err != nil {
		tb.Fatal(err)
	}
	return mergeTestParse(tb, name, b)
}

// mergeTestParse parses a font.
func mergeTestParse(tb testing.TB, name string, b []byte) *mergeTestSource {
	tb.Helper()
	face, err := font.ParseTTF(bytes.NewReader(b))
	if err != nil {
		tb.Fatalf("parse %s: %v", name, err)
	}
	s := &mergeTestSource{name: name, src: b, face: face, tables: mergeTestDirectory(tb, b)}
	s.glyphs = mergeTestGlyphs(tb, s.tables)
	s.adv, s.lsb = mergeTestMetrics(s.tables)
	return s
}

// mergeTestU16, mergeTestI16 and mergeTestU32 read big-endian numbers.
func mergeTestU16(p []byte) int { return int(p[0])<<8 | int(p[1]) }
func mergeTestI16(p []byte) int { return int(int16(mergeTestU16(p))) }
func mergeTestU32(p []byte) uint32 {
	return uint32(p[0])<<24 | uint32(p[1])<<16 | uint32(p[2])<<8 | uint32(p[3])
}

// mergeTestDirectory returns the tables of a font by tag.
func mergeTestDirectory(tb testing.TB, b []byte) map[string][]byte {
	tb.Helper()
	if len(b) < 12 {
		tb.Fatalf("font of %d bytes", len(b))
	}
	n := mergeTestU16(b[4:])
	tables := make(map[string][]byte, n)
	for i := range n {
		rec := b[12+16*i:]
		off, length := int(mergeTestU32(rec[8:])), int(mergeTestU32(rec[12:]))
		if off+length > len(b) {
			tb.Fatalf("table %q at %d+%d beyond the font's %d bytes", rec[:4], off, length, len(b))
		}
		tables[string(rec[:4])] = b[off : off+length]
	}
	return tables
}

// mergeTestSum returns the checksum of b: the sum of its big-endian 32-bit
// words, the last one padded with zeros.
func mergeTestSum(b []byte) uint32 {
	var s uint32
	for len(b) > 0 {
		var w [4]byte
		b = b[copy(w[:], b):]
		s += mergeTestU32(w[:])
	}
	return s
}

// mergeTestCheckFont checks the sfnt structure of a font built by the code
// under test (header, directory sorted, aligned and without overlaps, table
// checksums, whole-font checksum) and returns its tables by tag.
func mergeTestCheckFont(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	if len(b)%4 != 0 || len(b) < 12 {
		t.Fatalf("font of %d bytes, not a multiple of 4", len(b))
	}
	if v := mergeTestU32(b); v != 0x00010000 {
		t.Errorf("sfnt version %#x, want 0x00010000", v)
	}
	n := mergeTestU16(b[4:])
	pow := 1
	for 2*pow <= n {
		pow *= 2
	}
	if got, want := [3]int{mergeTestU16(b[6:]), mergeTestU16(b[8:]), mergeTestU16(b[10:])}, [3]int{16 * pow, mergeTestLog2(pow), 16 * (n - pow)}; got != want {
		t.Errorf("searchRange, entrySelector, rangeShift %v, want %v for %d tables", got, want, n)
	}
	tables := mergeTestDirectory(t, b)
	prev, end := "", 12+16*n
	for i := range n {
		rec := b[12+16*i:]
		tag, sum, off, length := string(rec[:4]), mergeTestU32(rec[4:]), int(mergeTestU32(rec[8:])), int(mergeTestU32(rec[12:]))
		if tag <= prev {
			t.Errorf("table %q after %q", tag, prev)
		}
		if off%4 != 0 || off < end {
			t.Errorf("table %q at %d: misaligned or overlapping the previous one, which ends at %d", tag, off, end)
		}
		want := mergeTestSum(b[off : off+length])
		if tag == "head" {
			want -= mergeTestU32(b[off+8:]) // checkSumAdjustment counts as zero
		}
		if sum != want {
			t.Errorf("table %q checksum %#08x, want %#08x", tag, sum, want)
		}
		prev, end = tag, off+length
	}
	if s := mergeTestSum(b); s != 0xB1B0AFBA {
		t.Errorf("font checksum %#08x, want 0xB1B0AFBA", s)
	}
	return tables
}

// mergeTestLog2 returns log2 of a power of two.
func mergeTestLog2(pow int) int {
	n := 0
	for ; pow > 1; pow /= 2 {
		n++
	}
	return n
}

// mergeTestGlyphs returns the glyf data of every glyph of a font.
func mergeTestGlyphs(tb testing.TB, tables map[string][]byte) [][]byte {
	tb.Helper()
	num := mergeTestU16(tables["maxp"][4:])
	loca, glyf := tables["loca"], tables["glyf"]
	long := mergeTestU16(tables["head"][50:]) == 1
	if size := 2 * (num + 1); long && len(loca) != 2*size || !long && len(loca) != size {
		tb.Fatalf("loca of %d bytes for %d glyphs (long offsets: %v)", len(loca), num, long)
	}
	at := func(gid int) int {
		if long {
			return int(mergeTestU32(loca[4*gid:]))
		}
		return 2 * mergeTestU16(loca[2*gid:])
	}
	glyphs := make([][]byte, num)
	for gid := range glyphs {
		start, end := at(gid), at(gid+1)
		if start > end || end > len(glyf) {
			tb.Fatalf("glyph %d at %d..%d, glyf has %d bytes", gid, start, end, len(glyf))
		}
		glyphs[gid] = glyf[start:end]
	}
	return glyphs
}

// mergeTestMetrics returns the advance and (signed) left side bearing of
// every glyph of a font.
func mergeTestMetrics(tables map[string][]byte) (adv, lsb []int) {
	num, n := mergeTestU16(tables["maxp"][4:]), mergeTestU16(tables["hhea"][34:])
	hmtx := tables["hmtx"]
	for gid := range num {
		if gid < n {
			adv = append(adv, mergeTestU16(hmtx[4*gid:]))
			lsb = append(lsb, mergeTestI16(hmtx[4*gid+2:]))
		} else {
			adv = append(adv, adv[n-1])
			lsb = append(lsb, mergeTestI16(hmtx[4*n+2*(gid-n):]))
		}
	}
	return adv, lsb
}

// mergeTestRecord is a component record of a composite glyph.
type mergeTestRecord struct{ off, flags, gid int }

// mergeTestRecords returns the component records of a composite glyph and
// the offset after the last one, or nil and 0 for a simple or empty glyph.
func mergeTestRecords(data []byte) ([]mergeTestRecord, int) {
	if len(data) < 10 || mergeTestI16(data) >= 0 {
		return nil, 0
	}
	var recs []mergeTestRecord
	p := 10
	for {
		flags := mergeTestU16(data[p:])
		recs = append(recs, mergeTestRecord{p, flags, mergeTestU16(data[p+2:])})
		p += 6
		if flags&0x0001 != 0 { // ARG_1_AND_2_ARE_WORDS
			p += 2
		}
		switch {
		case flags&0x0008 != 0: // WE_HAVE_A_SCALE
			p += 2
		case flags&0x0040 != 0: // WE_HAVE_AN_X_AND_Y_SCALE
			p += 4
		case flags&0x0080 != 0: // WE_HAVE_A_TWO_BY_TWO
			p += 8
		}
		if flags&0x0020 == 0 { // MORE_COMPONENTS
			return recs, p
		}
	}
}

// mergeTestStats returns what maxp counts for glyph gid: the points and
// contours of the simple glyphs it is made of and its component depth.
func mergeTestStats(glyphs [][]byte, gid int) (points, contours, depth int) {
	g := glyphs[gid]
	if recs, _ := mergeTestRecords(g); recs != nil {
		for _, r := range recs {
			p, c, d := mergeTestStats(glyphs, r.gid)
			points, contours, depth = points+p, contours+c, max(depth, d+1)
		}
		return points, contours, depth
	}
	if len(g) == 0 || mergeTestU16(g) == 0 {
		return 0, 0, 0
	}
	n := mergeTestU16(g)
	return mergeTestU16(g[10+2*(n-1):]) + 1, n, 0
}

// mergeTestBox returns the bounding box in a glyph's header.
func mergeTestBox(g []byte) [4]int {
	return [4]int{mergeTestI16(g[2:]), mergeTestI16(g[4:]), mergeTestI16(g[6:]), mergeTestI16(g[8:])}
}

// mergeTestUnion returns the smallest box holding a and b.
func mergeTestUnion(a, b [4]int) [4]int {
	return [4]int{min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])}
}

// mergeTestOutline returns the outline go-text gives glyph gid of face,
// moved by (dx, dy), and nil for a glyph without outline.
func mergeTestOutline(face *font.Face, gid int, dx, dy int16) []font.Segment {
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

// mergeTestGID returns the glyph the font's cmap gives r.
func mergeTestGID(tb testing.TB, s *mergeTestSource, r rune) uint16 {
	tb.Helper()
	gid, ok := s.face.NominalGlyph(r)
	if !ok {
		tb.Fatalf("%s has no glyph for %U", s.name, r)
	}
	return uint16(gid)
}

// mergeTestShape shapes text with HarfBuzz at one unit per font unit and
// returns the glyphs, each at its pen position plus its offset, and the
// total advance.
func mergeTestShape(tb testing.TB, s *mergeTestSource, text string, script language.Script, dir di.Direction) ([]Component, uint16) {
	tb.Helper()
	runes := []rune(text)
	out := (&shaping.HarfbuzzShaper{}).Shape(shaping.Input{
		Text: runes, RunEnd: len(runes), Direction: dir, Face: s.face,
		Size: fixed.I(int(s.face.Upem())), Script: script,
	})
	units := func(v fixed.Int26_6) int16 {
		if v&63 != 0 {
			tb.Fatalf("shaping %q: %v is not a whole number of font units", text, v)
		}
		return int16(v >> 6)
	}
	var comps []Component
	var pen fixed.Int26_6
	for _, g := range out.Glyphs {
		comps = append(comps, Component{GID: uint16(g.GlyphID), DX: units(pen + g.XOffset), DY: units(g.YOffset)})
		pen += g.Advance
	}
	return comps, uint16(units(pen))
}

// mergeTestOrigin is where a copied glyph of a merged font comes from.
type mergeTestOrigin struct{ part, gid int }

// mergeTestFixture is a merge of several fonts: the parts and the cmap to
// pass to MergeFonts, the glyph IDs MergeFonts must return, and where each
// mapped code point's glyph comes from.
type mergeTestFixture struct {
	srcs  []*mergeTestSource
	parts []MergePart
	gids  [][]uint16 // the expected new glyph IDs
	cmap  map[rune]uint16
	from  map[rune]mergeTestOrigin
	text  string // the mapped code points, in order
}

// newMergeTestFixture merges glyphs of four fonts, taken in the given order
// (a permutation of 0..3). The Noto Sans part lists composites ('é' before
// its component 'e', which must not be copied twice; the nested composite
// 'Ǯ'), a duplicate, an empty glyph and its .notdef; the Bengali part a
// conjunct without code point (k.ssa), a vowel sign and a composite (rra:
// da with nukta); the Arabic part contextual forms and a mark; the Atkinson
// Hyperlegible Next part composites and its .notdef. The Noto Sans glyphs
// are mapped through their own code points, the others through the Private
// Use Area, except those that become glyph 0.
func newMergeTestFixture(t *testing.T, order ...int) *mergeTestFixture {
	t.Helper()
	latin := mergeTestLoad(t, "NotoSans-Regular.ttf")
	bengali := mergeTestLoad(t, "NotoSansBengali-Regular.ttf")
	arabic := mergeTestLoad(t, "NotoNaskhArabic-Regular.ttf")
	atkinson := mergeTestLoad(t, "AtkinsonHyperlegibleNext-Regular.ttf")

	var p0 []uint16
	latinRunes := []rune("AéǮe fA")
	for _, r := range latinRunes {
		p0 = append(p0, mergeTestGID(t, latin, r))
	}
	p0 = append(p0, 0)

	conjunct, _ := mergeTestShape(t, bengali, "ক্ষ", language.Bengali, di.DirectionLTR)
	if len(conjunct) != 1 {
		t.Fatalf("ক্ষ shapes to %d glyphs, want a conjunct", len(conjunct))
	}
	vowel, _ := mergeTestShape(t, bengali, "কি", language.Bengali, di.DirectionLTR)
	if len(vowel) != 2 {
		t.Fatalf("কি shapes to %d glyphs, want 2", len(vowel))
	}
	rra := mergeTestGID(t, bengali, '\u09DC')
	if recs, _ := mergeTestRecords(bengali.glyphs[rra]); recs == nil {
		t.Fatalf("glyph %d of U+09DC is not a composite", rra)
	}
	p1 := []uint16{mergeTestGID(t, bengali, 'ক'), conjunct[0].GID, vowel[0].GID, rra}

	var p2 []uint16
	forms, _ := mergeTestShape(t, arabic, "بتب", language.Arabic, di.DirectionRTL)
	marked, _ := mergeTestShape(t, arabic, "بِ", language.Arabic, di.DirectionRTL)
	for _, c := range append(forms, marked...) {
		p2 = append(p2, c.GID)
	}

	p3 := []uint16{mergeTestGID(t, atkinson, 'A'), mergeTestGID(t, atkinson, 'é'), mergeTestGID(t, atkinson, 'g'), 0}

	srcs := []*mergeTestSource{latin, bengali, arabic, atkinson}
	glyphs := [][]uint16{p0, p1, p2, p3}
	f := &mergeTestFixture{cmap: map[rune]uint16{}, from: map[rune]mergeTestOrigin{}}
	for _, o := range order {
		f.srcs = append(f.srcs, srcs[o])
		f.parts = append(f.parts, MergePart{Src: srcs[o].src, Glyphs: glyphs[o]})
	}

	// The expected glyph IDs: glyph 0 of the first part is 0, the other
	// listed glyphs are numbered in order, a repeated glyph keeping its
	// first number.
	next := 1
	for i, p := range f.parts {
		seen := map[uint16]uint16{}
		if i == 0 {
			seen[0] = 0
		}
		ids := make([]uint16, len(p.Glyphs))
		for j, gid := range p.Glyphs {
			id, ok := seen[gid]
			if !ok {
				id, seen[gid] = uint16(next), uint16(next)
				next++
			}
			ids[j] = id
			r := 0xE000 + 0x100*rune(order[i]) + rune(j)
			if order[i] == 0 && j < len(latinRunes) {
				r = latinRunes[j]
			}
			if _, ok := f.cmap[r]; !ok && id != 0 {
				f.cmap[r], f.from[r] = id, mergeTestOrigin{i, int(gid)}
				f.text += string(r)
			}
		}
		f.gids = append(f.gids, ids)
	}
	return f
}

// mergeTestTables lists the tables a merged font has, in order.
var mergeTestTables = []string{"OS/2", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post"}

// mergeTestCheck checks a font that MergeFonts returned for srcs, parts,
// cmap and extra (with gids), independently of the code under test: its
// structure, which glyph comes from where, the glyph data, metrics and
// tables, and what go-text reads from it.
func mergeTestCheck(t *testing.T, srcs []*mergeTestSource, parts []MergePart, cmap map[rune]uint16, extra []Composite, b []byte, gids [][]uint16) mergeTestResult {
	t.Helper()
	tables := mergeTestCheckFont(t, b)
	var tags []string
	for tag := range tables {
		tags = append(tags, tag)
	}
	slices.Sort(tags)
	if !slices.Equal(tags, mergeTestTables) {
		t.Errorf("tables %q, want %q", tags, mergeTestTables)
	}
	glyphs := mergeTestGlyphs(t, tables)
	total := len(glyphs)

	// Where each copied glyph comes from: glyph 0 and the listed glyphs as
	// gids says, their components as the source's component records say.
	// The added glyphs follow the listed ones. No glyph of a part may be
	// copied twice, and every glyph must be accounted for.
	origin := make([]mergeTestOrigin, total)
	known := make([]bool, total)
	newID := make([]map[int]int, len(parts))
	for i := range newID {
		newID[i] = map[int]int{}
	}
	listed := total // the first added glyph, once the listed ones are known
	isAdded := func(k int) bool { return k >= listed && k < listed+len(extra) }
	var queue []int
	set := func(k int, o mergeTestOrigin) {
		t.Helper()
		switch {
		case k >= total || isAdded(k):
			t.Fatalf("glyph %d (glyph %d of part %d) is not a copied glyph", k, o.gid, o.part)
		case known[k] && origin[k] != o:
			t.Fatalf("glyph %d is both glyph %d of part %d and glyph %d of part %d", k, origin[k].gid, origin[k].part, o.gid, o.part)
		case known[k]:
			return
		}
		if prev, ok := newID[o.part][o.gid]; ok {
			t.Fatalf("glyph %d of part %d copied twice, as %d and %d", o.gid, o.part, prev, k)
		}
		origin[k], known[k], newID[o.part][o.gid] = o, true, k
		queue = append(queue, k)
	}
	set(0, mergeTestOrigin{0, 0})
	for i, p := range parts {
		for j, gid := range p.Glyphs {
			set(int(gids[i][j]), mergeTestOrigin{i, int(gid)})
		}
	}
	listed = len(queue)
	for k := range listed {
		if !known[k] {
			t.Fatalf("the %d listed glyphs are not glyphs 0 to %d: %d is missing", listed, listed-1, k)
		}
	}
	for len(queue) > 0 {
		k := queue[0]
		queue = queue[1:]
		o := origin[k]
		srcRecs, _ := mergeTestRecords(srcs[o.part].glyphs[o.gid])
		recs, _ := mergeTestRecords(glyphs[k])
		if len(recs) != len(srcRecs) {
			t.Fatalf("glyph %d has %d components, glyph %d of part %d has %d", k, len(recs), o.gid, o.part, len(srcRecs))
		}
		for j, r := range recs {
			set(r.gid, mergeTestOrigin{o.part, srcRecs[j].gid})
		}
	}
	firstComponent := listed + len(extra)
	for k := range total {
		switch {
		case isAdded(k):
		case !known[k]:
			t.Fatalf("glyph %d is neither listed nor a component of a listed glyph", k)
		case k > firstComponent && origin[k].part < origin[k-1].part:
			t.Errorf("component glyph %d (part %d) after glyph %d (part %d): components not in part order", k, origin[k].part, k-1, origin[k-1].part)
		}
	}
	t.Logf("%d glyphs: %d listed (with .notdef), %d added, %d components; %d bytes", total, listed, len(extra), total-firstComponent, len(b))

	// The glyph data: the source's without instructions, component IDs
	// renumbered, padded to 4 bytes.
	instructed, instructedComposites := 0, 0
	for k := range total {
		if isAdded(k) {
			continue
		}
		o := origin[k]
		src, got := srcs[o.part].glyphs[o.gid], glyphs[k]
		var want []byte
		switch recs, end := mergeTestRecords(src); {
		case recs != nil:
			want = slices.Clone(src[:end])
			for _, r := range recs {
				if r.flags&0x0100 != 0 {
					instructedComposites++
				}
				copy(want[r.off:], []byte{byte((r.flags &^ 0x0100) >> 8), byte(r.flags &^ 0x0100)})
				id := newID[o.part][r.gid]
				copy(want[r.off+2:], []byte{byte(id >> 8), byte(id)})
			}
		case len(src) == 0 || mergeTestU16(src) == 0:
		default:
			at := 10 + 2*mergeTestU16(src)
			n := mergeTestU16(src[at:])
			if n > 0 {
				instructed++
			}
			want = append(append(slices.Clone(src[:at]), 0, 0), src[at+2+n:]...)
		}
		// the source's padding (zeros after the coordinates) is not copied
		exact := bytes.TrimRight(want, "\x00")
		if len(got)%4 != 0 || len(got) > (len(want)+3)&^3 || !bytes.HasPrefix(got, exact) || strings.Trim(string(got[len(exact):]), "\x00") != "" {
			t.Errorf("glyph %d (glyph %d of part %d): %d bytes, not the %d expected and padding", k, o.gid, o.part, len(got), len(want))
		}
	}
	t.Logf("instructions dropped from %d simple and %d composite glyphs", instructed, instructedComposites)

	// The added composites: the union of their components' boxes and one
	// record per component, or an empty glyph.
	type stats struct{ points, contours, depth int }
	glyphStats := func(k int) stats {
		o := origin[k]
		p, c, d := mergeTestStats(srcs[o.part].glyphs, o.gid)
		return stats{p, c, d}
	}
	boxes := make([][4]int, len(extra))
	hasBox := make([]bool, len(extra))
	var extraMax stats
	maxElements := 0
	for i, c := range extra {
		var total stats
		for _, comp := range c.Components {
			s := glyphStats(int(comp.GID))
			total = stats{total.points + s.points, total.contours + s.contours, max(total.depth, s.depth+1)}
			if s.contours == 0 {
				continue
			}
			o := origin[comp.GID]
			box := mergeTestBox(srcs[o.part].glyphs[o.gid])
			box = [4]int{box[0] + int(comp.DX), box[1] + int(comp.DY), box[2] + int(comp.DX), box[3] + int(comp.DY)}
			if hasBox[i] {
				box = mergeTestUnion(boxes[i], box)
			}
			boxes[i], hasBox[i] = box, true
		}
		extraMax = stats{max(extraMax.points, total.points), max(extraMax.contours, total.contours), max(extraMax.depth, total.depth)}
		maxElements = max(maxElements, len(c.Components))
		g := glyphs[listed+i]
		if !hasBox[i] {
			if len(g) != 0 {
				t.Errorf("added glyph %d has no outline but %d bytes", listed+i, len(g))
			}
			continue
		}
		want := []byte{0xFF, 0xFF}
		for _, v := range boxes[i] {
			want = append(want, byte(v>>8), byte(v))
		}
		for j, comp := range c.Components {
			flags := 0x0003 // ARG_1_AND_2_ARE_WORDS, ARGS_ARE_XY_VALUES
			if j < len(c.Components)-1 {
				flags |= 0x0020 // MORE_COMPONENTS
			}
			want = append(want, byte(flags>>8), byte(flags), byte(comp.GID>>8), byte(comp.GID), byte(comp.DX>>8), byte(comp.DX), byte(comp.DY>>8), byte(comp.DY))
		}
		if len(g) != (len(want)+3)&^3 || !bytes.HasPrefix(g, want) {
			t.Errorf("added glyph %d: % x, want % x", listed+i, g, want)
		}
	}

	// hmtx: the sources' metrics; the added glyphs' advance and xMin.
	adv, lsb := mergeTestMetrics(tables)
	wantAdv, wantLSB := make([]int, total), make([]int, total)
	for k := range total {
		if isAdded(k) {
			wantAdv[k], wantLSB[k] = int(extra[k-listed].Advance), boxes[k-listed][0]
		} else {
			o := origin[k]
			wantAdv[k], wantLSB[k] = srcs[o.part].adv[o.gid], srcs[o.part].lsb[o.gid]
		}
		if adv[k] != wantAdv[k] || lsb[k] != wantLSB[k] {
			t.Errorf("glyph %d: advance and lsb %d, %d, want %d, %d", k, adv[k], lsb[k], wantAdv[k], wantLSB[k])
		}
	}
	hhea, hmtx := tables["hhea"], tables["hmtx"]
	n := mergeTestU16(hhea[34:])
	if len(hmtx) != 4*n+2*(total-n) {
		t.Errorf("hmtx of %d bytes for %d long metrics of %d glyphs", len(hmtx), n, total)
	}
	differs := -1
	for k := range total - 1 {
		if adv[k] != adv[total-1] {
			differs = k
		}
	}
	if n != differs+2 {
		t.Errorf("numberOfHMetrics %d, want %d", n, differs+2)
	}

	// head: the first part's, with the bounding box covering all glyphs
	// with contours.
	head, head0 := tables["head"], srcs[0].tables["head"]
	if !bytes.Equal(head[:8], head0[:8]) || !bytes.Equal(head[12:36], head0[12:36]) || !bytes.Equal(head[44:50], head0[44:50]) || !bytes.Equal(head[52:], head0[52:]) {
		t.Error("head differs from the first part's beyond checkSumAdjustment, the bounding box and indexToLocFormat")
	}
	box := mergeTestBox(head0[34:])
	advMax, minLSB, minRSB, maxExtent, found := 0, math.MaxInt, math.MaxInt, math.MinInt, false
	for k := range total {
		advMax = max(advMax, adv[k])
		var b [4]int
		switch {
		case isAdded(k) && !hasBox[k-listed], !isAdded(k) && glyphStats(k).contours == 0:
			continue
		case isAdded(k):
			b = boxes[k-listed]
		default:
			b = mergeTestBox(srcs[origin[k].part].glyphs[origin[k].gid])
		}
		box = mergeTestUnion(box, b)
		extent := lsb[k] + b[2] - b[0]
		minLSB, minRSB, maxExtent, found = min(minLSB, lsb[k]), min(minRSB, adv[k]-extent), max(maxExtent, extent), true
	}
	if got := mergeTestBox(head[34:]); got != box {
		t.Errorf("head bounding box %v, want %v", got, box)
	}
	if long, want := mergeTestU16(head[50:]), len(tables["glyf"]) > 0x1FFFE; long != 0 != want {
		t.Errorf("indexToLocFormat %d for %d bytes of glyf", long, len(tables["glyf"]))
	}

	// hhea: the first part's, with the parts' extreme ascender, descender
	// and lineGap and the extremes of the merged glyphs.
	hhea0 := srcs[0].tables["hhea"]
	asc, desc, gap := math.MinInt, math.MaxInt, math.MinInt
	for _, s := range srcs[:len(parts)] {
		h := s.tables["hhea"]
		asc, desc, gap = max(asc, mergeTestI16(h[4:])), min(desc, mergeTestI16(h[6:])), max(gap, mergeTestI16(h[8:]))
	}
	if !found {
		minLSB, minRSB, maxExtent = 0, 0, 0
	}
	if got, want := [7]int{mergeTestI16(hhea[4:]), mergeTestI16(hhea[6:]), mergeTestI16(hhea[8:]), mergeTestU16(hhea[10:]), mergeTestI16(hhea[12:]), mergeTestI16(hhea[14:]), mergeTestI16(hhea[16:])}, [7]int{asc, desc, gap, advMax, minLSB, minRSB, maxExtent}; got != want {
		t.Errorf("hhea ascender, descender, lineGap, advanceWidthMax, minLeftSideBearing, minRightSideBearing, xMaxExtent = %v, want %v", got, want)
	}
	if !bytes.Equal(hhea[:4], hhea0[:4]) || !bytes.Equal(hhea[18:34], hhea0[18:34]) || !bytes.Equal(hhea[36:], hhea0[36:]) {
		t.Error("hhea differs from the first part's beyond the merged fields")
	}

	// maxp: version 1.0, each field the parts' largest, raised for the
	// added glyphs.
	maxp := tables["maxp"]
	if len(maxp) != 32 || mergeTestU32(maxp) != 0x00010000 || mergeTestU16(maxp[4:]) != total {
		t.Errorf("maxp of %d bytes, version %#x, numGlyphs %d; want 32 bytes, 1.0, %d", len(maxp), mergeTestU32(maxp), mergeTestU16(maxp[4:]), total)
	}
	raise := map[int]int{10: extraMax.points, 12: extraMax.contours, 28: maxElements, 30: extraMax.depth}
	for off := 6; off < 32; off += 2 {
		want := raise[off]
		for _, s := range srcs[:len(parts)] {
			want = max(want, mergeTestU16(s.tables["maxp"][off:]))
		}
		if got := mergeTestU16(maxp[off:]); got != want {
			t.Errorf("maxp field at %d = %d, want %d", off, got, want)
		}
	}

	// post, OS/2 and name: the first part's, name with only the Windows
	// records of the names a consumer reads.
	if post := tables["post"]; len(post) != 32 || mergeTestU32(post) != 0x00030000 || !bytes.Equal(post[4:], srcs[0].tables["post"][4:32]) {
		t.Errorf("post % x is not the first part's header as version 3.0", post)
	}
	if !bytes.Equal(tables["OS/2"], srcs[0].tables["OS/2"]) {
		t.Error("table OS/2 is not the first part's")
	}
	var kept []string
	for _, r := range mergeTestNames(srcs[0].tables["name"]) {
		var platform, enc, lang, id int
		fmt.Sscanf(r, "%d/%d/%d/%d=", &platform, &enc, &lang, &id)
		if platform == 3 && (id <= 6 || id == 14) {
			kept = append(kept, r)
		}
	}
	if got := mergeTestNames(tables["name"]); !slices.Equal(got, kept) || len(kept) == 0 {
		t.Errorf("name records %q, want the first part's Windows records of names 0-6 and 14: %q", got, kept)
	}

	// What go-text reads: the cmap, and each glyph's advance and outline
	// (composites resolved), the source's or, for an added glyph, its
	// components' moved by their offsets.
	face, err := font.ParseTTF(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("go-text cannot parse the merged font: %v", err)
	}
	if u := face.Upem(); u != srcs[0].face.Upem() {
		t.Errorf("unitsPerEm %d, want %d", u, srcs[0].face.Upem())
	}
	for r, gid := range cmap {
		if g, ok := face.NominalGlyph(r); !ok || uint16(g) != gid {
			t.Errorf("NominalGlyph(%U) = %d, %v; want %d", r, g, ok, gid)
		}
	}
	for _, r := range []rune{'B', 'Z', 0xE0FF, 0xDFFF} {
		if _, mapped := cmap[r]; mapped {
			continue
		}
		if g, ok := face.NominalGlyph(r); ok {
			t.Errorf("NominalGlyph(%U) = %d, want unmapped", r, g)
		}
	}
	for k := range total {
		want := mergeTestExpectedOutline(srcs, origin, listed, extra, k)
		if got := mergeTestOutline(face, k, 0, 0); !reflect.DeepEqual(got, want) {
			t.Errorf("outline of glyph %d: %d segments, want %d", k, len(got), len(want))
		}
		if a := face.HorizontalAdvance(font.GID(k)); a != float32(wantAdv[k]) {
			t.Errorf("go-text advance of glyph %d = %v, want %d", k, a, wantAdv[k])
		}
	}
	return mergeTestResult{origin, listed, instructed, instructedComposites}
}

// mergeTestResult is what mergeTestCheck found in a merged font.
type mergeTestResult struct {
	origin []mergeTestOrigin // by glyph ID, where each copied glyph comes from
	listed int               // the glyph ID of the first added glyph
	// instructed and instructedComposites count the simple and composite
	// glyphs copied whose sources have instructions.
	instructed, instructedComposites int
}

// mergeTestExpectedOutline returns the outline glyph k of a merged font must
// have: that of its source glyph or, for an added composite (glyphs listed
// to listed+len(extra)-1), its components', each moved by its offset.
func mergeTestExpectedOutline(srcs []*mergeTestSource, origin []mergeTestOrigin, listed int, extra []Composite, k int) []font.Segment {
	if k < listed || k >= listed+len(extra) {
		return mergeTestOutline(srcs[origin[k].part].face, origin[k].gid, 0, 0)
	}
	var segs []font.Segment
	for _, comp := range extra[k-listed].Components {
		o := origin[comp.GID]
		segs = append(segs, mergeTestOutline(srcs[o.part].face, o.gid, comp.DX, comp.DY)...)
	}
	return segs
}

// mergeTestMerge calls MergeFonts, checking that it is deterministic and
// leaves its arguments alone.
func mergeTestMerge(t *testing.T, parts []MergePart, cmap map[rune]uint16, extra []Composite) ([]byte, [][]uint16) {
	t.Helper()
	clone := func() ([]MergePart, []Composite) {
		p := make([]MergePart, len(parts))
		for i, part := range parts {
			p[i] = MergePart{bytes.Clone(part.Src), slices.Clone(part.Glyphs)}
		}
		e := make([]Composite, len(extra))
		for i, c := range extra {
			e[i] = Composite{slices.Clone(c.Components), c.Advance}
		}
		return p, e
	}
	origParts, origExtra := clone()
	b, gids, err := MergeFonts(parts, cmap, extra)
	if err != nil {
		t.Fatal(err)
	}
	again, gids2, err := MergeFonts(parts, cmap, extra)
	if err != nil || !bytes.Equal(b, again) || !reflect.DeepEqual(gids, gids2) {
		t.Errorf("MergeFonts is not deterministic (second call: %v)", err)
	}
	if p, e := clone(); !reflect.DeepEqual(p, origParts) || !reflect.DeepEqual(e, origExtra) {
		t.Error("MergeFonts modified its arguments")
	}
	return b, gids
}

func TestMergeFonts(t *testing.T) {
	for _, order := range [][]int{{0, 1, 2, 3}, {3, 2, 1, 0}} {
		t.Run(fmt.Sprint(order), func(t *testing.T) {
			f := newMergeTestFixture(t, order...)
			b, gids := mergeTestMerge(t, f.parts, f.cmap, nil)
			if !reflect.DeepEqual(gids, f.gids) {
				t.Fatalf("gids %v, want %v", gids, f.gids)
			}
			res := mergeTestCheck(t, f.srcs, f.parts, f.cmap, nil, b, gids)
			if res.instructed == 0 || res.instructedComposites == 0 {
				t.Errorf("instructions in the sources of %d simple and %d composite glyphs copied; the test needs both", res.instructed, res.instructedComposites)
			}
			for r, o := range f.from {
				if got := res.origin[f.cmap[r]]; got != o {
					t.Errorf("%U maps to glyph %d of part %d, want glyph %d of part %d", r, got.gid, got.part, o.gid, o.part)
				}
			}

			// With Atkinson Hyperlegible Next first, whose maxp fields
			// and most extremes are below those of the others, these
			// merged values come from another part or glyph (which
			// mergeTestCheck checked).
			if order[0] != 3 {
				return
			}
			tables, first := mergeTestDirectory(t, b), f.srcs[0].tables
			for _, field := range []struct {
				tag      string
				from, to int
			}{{"head", 36, 38}, {"head", 42, 44}, {"hhea", 4, 6}, {"hhea", 6, 8}, {"hhea", 10, 12}, {"maxp", 6, 8}, {"maxp", 8, 10}, {"maxp", 10, 12}, {"maxp", 12, 14}, {"maxp", 28, 30}, {"maxp", 30, 32}} {
				if bytes.Equal(tables[field.tag][field.from:field.to], first[field.tag][field.from:field.to]) {
					t.Errorf("%s bytes %d..%d are the first part's, % x", field.tag, field.from, field.to, first[field.tag][field.from:field.to])
				}
			}
		})
	}

	// The fixture's composites: 'é' is 'e' (listed after it, so not copied
	// as a component) and an accent; 'Ǯ' is nested.
	latin := mergeTestLoad(t, "NotoSans-Regular.ttf")
	if recs, _ := mergeTestRecords(latin.glyphs[mergeTestGID(t, latin, 'é')]); len(recs) == 0 || recs[0].gid != int(mergeTestGID(t, latin, 'e')) {
		t.Errorf("'é' has components %v, want 'e' first", recs)
	}
	if _, _, d := mergeTestStats(latin.glyphs, int(mergeTestGID(t, latin, 'Ǯ'))); d < 2 {
		t.Errorf("glyph of Ǯ has component depth %d, want a nested composite", d)
	}

	// Every glyph of two fonts: long loca offsets.
	t.Run("every glyph", func(t *testing.T) {
		arabic := mergeTestLoad(t, "NotoNaskhArabic-Regular.ttf")
		srcs := []*mergeTestSource{latin, arabic}
		parts := make([]MergePart, len(srcs))
		cmap := map[rune]uint16{}
		for i, s := range srcs {
			parts[i].Src = s.src
			for gid := range len(s.glyphs) {
				parts[i].Glyphs = append(parts[i].Glyphs, uint16(gid))
			}
		}
		for gid := range len(latin.glyphs) + len(arabic.glyphs) {
			cmap[0x1000+rune(gid)] = uint16(gid)
		}
		b, gids := mergeTestMerge(t, parts, cmap, nil)
		res := mergeTestCheck(t, srcs, parts, cmap, nil, b, gids)
		if res.listed != len(latin.glyphs)+len(arabic.glyphs) {
			t.Errorf("%d glyphs listed, want all %d", res.listed, len(latin.glyphs)+len(arabic.glyphs))
		}
		if mergeTestU16(mergeTestDirectory(t, b)["head"][50:]) != 1 {
			t.Error("short loca offsets for all glyphs")
		}
	})

	// One part alone, without glyphs: .notdef only.
	parts := []MergePart{{Src: latin.src}}
	b, gids := mergeTestMerge(t, parts, nil, nil)
	if len(gids) != 1 || len(gids[0]) != 0 {
		t.Errorf("gids %v, want one empty list", gids)
	}
	if n := mergeTestU16(mergeTestDirectory(t, b)["maxp"][4:]); n != 1 {
		t.Errorf("%d glyphs, want .notdef only", n)
	}
	mergeTestCheck(t, []*mergeTestSource{latin}, parts, nil, nil, b, gids)
}

// mergeTestFpdf draws text with font b in fpdf and checks that fpdf accepts
// the font, gives each code point the advance adv(r) and embeds, for each,
// a glyph with the outline want(r).
func mergeTestFpdf(t *testing.T, b []byte, text string, adv func(r rune) float64, want func(r rune) []font.Segment) {
	t.Helper()
	const size = 12.0
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.AddPage()
	pdf.AddUTF8FontFromBytes("merged", "", b)
	pdf.SetFont("merged", "", size) // fails if fpdf rejected the font
	pdf.Text(10, 20, text)
	for _, r := range text {
		if got, want := pdf.GetStringWidth(string(r)), adv(r)*size/1000; math.Abs(got-want) > 0.05 {
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
	subset, cidToGID := mergeTestEmbedded(t, buf.Bytes())
	sub, err := font.ParseTTF(bytes.NewReader(subset))
	if err != nil {
		t.Fatalf("go-text cannot parse fpdf's subset: %v", err)
	}
	drawn := 0
	for _, r := range text {
		g := int(cidToGID[2*r])<<8 | int(cidToGID[2*r+1])
		if g == 0 {
			t.Errorf("CIDToGIDMap maps %U to .notdef", r)
			continue
		}
		w := want(r)
		if got := mergeTestOutline(sub, g, 0, 0); !reflect.DeepEqual(got, w) {
			t.Errorf("embedded glyph %d for %U: %d segments, want %d", g, r, len(got), len(w))
		}
		if len(w) > 0 {
			drawn++
		}
	}
	t.Logf("fpdf: %d bytes of PDF, %d-byte subset, %d code points (%d with outlines)", buf.Len(), len(subset), len([]rune(text)), drawn)
}

// mergeTestStream matches a PDF stream's dictionary, without nested
// dictionaries, and the stream keyword.
var mergeTestStream = regexp.MustCompile(`<<([^<>]*)>>\s*stream\r?\n`)

// mergeTestLength matches a stream's /Length.
var mergeTestLength = regexp.MustCompile(`/Length (\d+)\b`)

// mergeTestEmbedded returns the embedded TrueType font (the stream with a
// /Length1) and the CIDToGIDMap (the 131072-byte stream) of a PDF that fpdf
// wrote with one UTF-8 font.
func mergeTestEmbedded(t *testing.T, pdf []byte) (fontFile, cidToGID []byte) {
	t.Helper()
	for _, m := range mergeTestStream.FindAllSubmatchIndex(pdf, -1) {
		dict := string(pdf[m[2]:m[3]])
		lm := mergeTestLength.FindStringSubmatch(dict)
		if lm == nil || !strings.Contains(dict, "/FlateDecode") {
			continue
		}
		n, _ := strconv.Atoi(lm[1])
		if m[1]+n > len(pdf) {
			t.Fatalf("stream of %d bytes at %d beyond the PDF's end", n, m[1])
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
		case strings.Contains(dict, "/Length1"):
			fontFile = data
		case len(data) == 2*0x10000:
			cidToGID = data
		}
	}
	if fontFile == nil || cidToGID == nil {
		t.Fatal("no embedded font or no CIDToGIDMap in the PDF")
	}
	return fontFile, cidToGID
}

// TestMergeFontsFpdf checks that fpdf draws the glyphs of a merged font with
// their sources' widths and embeds their sources' outlines.
func TestMergeFontsFpdf(t *testing.T) {
	f := newMergeTestFixture(t, 0, 1, 2, 3)
	b, gids := mergeTestMerge(t, f.parts, f.cmap, nil)
	if !reflect.DeepEqual(gids, f.gids) {
		t.Fatalf("gids %v, want %v", gids, f.gids)
	}
	mergeTestFpdf(t, b, f.text,
		func(r rune) float64 { o := f.from[r]; return float64(f.srcs[o.part].adv[o.gid]) },
		func(r rune) []font.Segment { o := f.from[r]; return mergeTestOutline(f.srcs[o.part].face, o.gid, 0, 0) })
}

// TestMergeFontsExtra checks added composites whose components come from
// different parts: their glyph data, metrics, the maxp, head and hhea
// fields they raise, their outlines in go-text and in fpdf's subset.
func TestMergeFontsExtra(t *testing.T) {
	latin := mergeTestLoad(t, "NotoSans-Regular.ttf")
	bengali := mergeTestLoad(t, "NotoSansBengali-Regular.ttf")
	arabic := mergeTestLoad(t, "NotoNaskhArabic-Regular.ttf")
	srcs := []*mergeTestSource{latin, bengali, arabic}

	// Shaped clusters and the glyphs they use.
	ki, kiAdv := mergeTestShape(t, bengali, "কি", language.Bengali, di.DirectionLTR)
	bi, biAdv := mergeTestShape(t, arabic, "بِ", language.Arabic, di.DirectionRTL)
	if len(ki) != 2 || len(bi) != 2 {
		t.Fatalf("কি and بِ shape to %d and %d glyphs, want 2 each", len(ki), len(bi))
	}
	latinGlyphs := []uint16{mergeTestGID(t, latin, 'A'), mergeTestGID(t, latin, ' '), mergeTestGID(t, latin, 'é'), mergeTestGID(t, latin, 'Ǯ')}
	parts := []MergePart{{Src: latin.src, Glyphs: latinGlyphs}, {Src: bengali.src}, {Src: arabic.src}}
	for _, c := range ki {
		parts[1].Glyphs = append(parts[1].Glyphs, c.GID)
	}
	for _, c := range bi {
		parts[2].Glyphs = append(parts[2].Glyphs, c.GID)
	}
	// The listed glyphs' new IDs, known before merging: all distinct here.
	newID := func(part int, gid uint16) uint16 {
		id := 1
		for i, p := range parts {
			for _, g := range p.Glyphs {
				if i == part && g == gid {
					return uint16(id)
				}
				id++
			}
		}
		t.Fatalf("glyph %d not listed in part %d", gid, part)
		return 0
	}
	renumber := func(part int, comps []Component) []Component {
		out := slices.Clone(comps)
		for i := range out {
			out[i].GID = newID(part, out[i].GID)
		}
		return out
	}
	A, space, eacute, nested := newID(0, latinGlyphs[0]), newID(0, latinGlyphs[1]), newID(0, latinGlyphs[2]), newID(0, latinGlyphs[3])
	ka := renumber(1, ki)
	beh := renumber(2, bi)
	many := Composite{Advance: 6000}
	for i := range 40 {
		many.Components = append(many.Components, Component{GID: eacute, DX: int16(150 * i), DY: int16(-10 * (i % 3))})
	}
	extra := []Composite{
		// Latin and Bengali side by side.
		{Components: []Component{{GID: A}, {GID: ka[0].GID, DX: ka[0].DX + 650, DY: ka[0].DY}, {GID: ka[1].GID, DX: ka[1].DX + 650, DY: ka[1].DY}}, Advance: 650 + kiAdv},
		// Arabic, a space and a nested Latin composite, below and left.
		{Components: append(append([]Component{{GID: nested, DX: -300, DY: -1200}, {GID: space, DX: 500}}, beh...), Component{GID: eacute, DX: int16(biAdv)}), Advance: biAdv + 600},
		// Only empty glyphs: an empty glyph.
		{Components: []Component{{GID: space}, {GID: space, DX: 260}}, Advance: 520},
		// More components than any glyph of the parts, far right.
		many,
		// Just the Bengali cluster, as shaped.
		{Components: ka, Advance: kiAdv},
	}
	// The added glyphs follow the listed ones (all distinct here), the
	// components that were not listed follow them. The last added glyph
	// uses the first of those.
	listed := 1
	for _, p := range parts {
		listed += len(p.Glyphs)
	}
	extra = append(extra, Composite{Advance: 700})
	extra[len(extra)-1].Components = []Component{{GID: uint16(listed + len(extra)), DX: 100}}
	cmap := map[rune]uint16{'A': A, 'é': eacute}
	text := "Aé"
	for i := range extra {
		cmap[0xF000+rune(i)] = uint16(listed + i)
		text += string(0xF000 + rune(i))
	}
	b, gids := mergeTestMerge(t, parts, cmap, extra)
	for i, p := range parts {
		for j, g := range p.Glyphs {
			if want := newID(i, g); gids[i][j] != want {
				t.Errorf("gids[%d][%d] = %d, want %d", i, j, gids[i][j], want)
			}
		}
	}
	res := mergeTestCheck(t, srcs, parts, cmap, extra, b, gids)
	if res.listed != listed {
		t.Errorf("added glyphs from %d, want %d", res.listed, listed)
	}

	// The 40-component glyph raises maxCompositePoints,
	// maxCompositeContours and maxComponentElements beyond all parts'
	// (which mergeTestCheck checked).
	maxp := mergeTestDirectory(t, b)["maxp"]
	for _, off := range []int{10, 12, 28} {
		if got, src := mergeTestU16(maxp[off:]), max(mergeTestU16(latin.tables["maxp"][off:]), mergeTestU16(bengali.tables["maxp"][off:]), mergeTestU16(arabic.tables["maxp"][off:])); got <= src {
			t.Errorf("maxp field at %d = %d, not raised beyond the parts' %d", off, got, src)
		}
	}

	adv := func(r rune) float64 {
		if r >= 0xF000 {
			return float64(extra[r-0xF000].Advance)
		}
		return float64(latin.adv[res.origin[cmap[r]].gid])
	}
	want := func(r rune) []font.Segment {
		return mergeTestExpectedOutline(srcs, res.origin, res.listed, extra, int(cmap[r]))
	}
	mergeTestFpdf(t, b, text, adv, want)
}

// TestMergeFontsOddSources merges fonts changed to show what the project's
// fonts do not: a line gap and a simple glyph without contours but with
// data.
func TestMergeFontsOddSources(t *testing.T) {
	latin := mergeTestLoad(t, "NotoSans-Regular.ttf")
	bengali := mergeTestLoad(t, "NotoSansBengali-Regular.ttf")
	A, B, ka := mergeTestGID(t, latin, 'A'), mergeTestGID(t, latin, 'B'), mergeTestGID(t, bengali, 'ক')

	noContours := bytes.Clone(latin.src)
	glyph := mergeTestGlyphs(t, mergeTestDirectory(t, noContours))[A]
	copy(glyph, []byte{0, 0})
	gap := bytes.Clone(bengali.src)
	copy(mergeTestDirectory(t, gap)["hhea"][8:], []byte{0, 90})
	srcs := []*mergeTestSource{mergeTestParse(t, "no contours", noContours), mergeTestParse(t, "line gap", gap)}

	parts := []MergePart{{Src: noContours, Glyphs: []uint16{A, B}}, {Src: gap, Glyphs: []uint16{ka}}}
	cmap := map[rune]uint16{'A': 1, 'B': 2, 'ক': 3}
	b, gids := mergeTestMerge(t, parts, cmap, []Composite{{Components: []Component{{GID: 1}, {GID: 2, DX: 600}}, Advance: 1200}})
	mergeTestCheck(t, srcs, parts, cmap, []Composite{{Components: []Component{{GID: 1}, {GID: 2, DX: 600}}, Advance: 1200}}, b, gids)
	tables := mergeTestDirectory(t, b)
	if g := mergeTestGlyphs(t, tables)[1]; len(g) != 0 {
		t.Errorf("glyph without contours has %d bytes", len(g))
	}
	if got := mergeTestI16(tables["hhea"][8:]); got != 90 {
		t.Errorf("lineGap %d, want 90", got)
	}
}

func TestMergeFontsErrors(t *testing.T) {
	latin := mergeTestLoad(t, "NotoSans-Regular.ttf")
	bengali := mergeTestLoad(t, "NotoSansBengali-Regular.ttf")
	droid := mergeTestLoad(t, "DroidSansFallbackFull.ttf")
	A := mergeTestGID(t, latin, 'A')
	eacute := mergeTestGID(t, latin, 'é')
	ka := mergeTestGID(t, bengali, 'ক')
	numLatin := len(latin.glyphs)
	ok := []MergePart{{Src: latin.src, Glyphs: []uint16{A, eacute}}, {Src: bengali.src, Glyphs: []uint16{ka}}}
	if _, _, err := MergeFonts(ok, nil, nil); err != nil {
		t.Fatalf("the parts without defects: %v", err)
	}

	// withGlyph returns a copy of the Latin font whose glyph gid edit
	// changes: edit gets its data and a function that moves its end in
	// glyf by delta bytes.
	withGlyph := func(gid uint16, edit func(data []byte, moveEnd func(delta int))) []byte {
		b := bytes.Clone(latin.src)
		tables := mergeTestDirectory(t, b)
		loca, long := tables["loca"], mergeTestU16(tables["head"][50:]) == 1
		edit(mergeTestGlyphs(t, tables)[gid], func(delta int) {
			if long {
				end := int(mergeTestU32(loca[4*gid+4:])) + delta
				copy(loca[4*gid+4:], []byte{byte(end >> 24), byte(end >> 16), byte(end >> 8), byte(end)})
			} else {
				end := mergeTestU16(loca[2*gid+2:]) + delta/2
				copy(loca[2*gid+2:], []byte{byte(end >> 8), byte(end)})
			}
		})
		return b
	}
	// A composite 'é' whose first component is itself.
	cyclic := withGlyph(eacute, func(data []byte, _ func(int)) { copy(data[12:], []byte{byte(eacute >> 8), byte(eacute)}) })
	// A composite 'é' whose first component is beyond the font's glyphs.
	badComponent := withGlyph(eacute, func(data []byte, _ func(int)) {
		copy(data[12:], []byte{byte(numLatin >> 8), byte(numLatin)})
	})
	// A composite 'é' cut after its first component record's glyph ID.
	truncated := withGlyph(eacute, func(data []byte, moveEnd func(int)) { moveEnd(14 - len(data)) })
	// A simple 'A' whose instructions run past its end.
	longInstructions := withGlyph(A, func(data []byte, _ func(int)) {
		at := 10 + 2*mergeTestU16(data)
		copy(data[at:], []byte{0xFF, 0xFF})
	})
	// A font whose maxp is version 0.5.
	maxp05 := bytes.Clone(latin.src)
	copy(mergeTestDirectory(t, maxp05)["maxp"], []byte{0, 0, 0x50, 0})
	cff := bytes.Clone(latin.src)
	copy(cff, "OTTO")

	one := []Composite{{Components: []Component{{GID: 1}}, Advance: 500}}
	// tooMany has as many composites as ok leaves glyph IDs for, and one
	// more: ok copies 6 glyphs.
	tooMany := slices.Repeat(one, 0xFFFF-6+1)
	// allDroid lists all glyphs of Droid Sans Fallback.
	allDroid := MergePart{Src: droid.src}
	for gid := range len(droid.glyphs) {
		allDroid.Glyphs = append(allDroid.Glyphs, uint16(gid))
	}
	tests := []struct {
		name  string
		parts []MergePart
		cmap  map[rune]uint16
		extra []Composite
		is    error  // the sentinel the error wraps, if any
		says  string // what the error message must contain
	}{
		{"no parts", nil, nil, nil, nil, "no fonts"},
		{"empty parts", []MergePart{}, nil, nil, nil, "no fonts"},
		{"part without font", []MergePart{ok[0], {Glyphs: []uint16{1}}}, nil, nil, errMalformed, "part 1"},
		{"different unitsPerEm", []MergePart{ok[0], ok[1], {Src: droid.src, Glyphs: []uint16{1}}}, nil, nil, nil, "part 2 has 256 units per em, part 0 has 1000"},
		{"different unitsPerEm first", []MergePart{{Src: droid.src}, ok[0]}, nil, nil, nil, "part 1 has 1000 units per em, part 0 has 256"},
		{"glyph ID out of range", []MergePart{ok[0], {Src: bengali.src, Glyphs: []uint16{ka, uint16(len(bengali.glyphs))}}}, nil, nil, nil, fmt.Sprintf("part 1: glyph %d (Glyphs[1]) is out of range", len(bengali.glyphs))},
		{"glyph ID 0xFFFF", []MergePart{{Src: latin.src, Glyphs: []uint16{0xFFFF}}}, nil, nil, nil, "part 0: glyph 65535"},
		{"CFF font", []MergePart{ok[0], {Src: cff}}, nil, nil, errUnsupported, "part 1"},
		{"truncated font", []MergePart{ok[0], {Src: latin.src[:len(latin.src)/2]}}, nil, nil, errMalformed, "part 1"},
		{"maxp version 0.5", []MergePart{ok[1], {Src: maxp05}}, nil, nil, errMalformed, "part 1"},
		{"cyclic composite", []MergePart{ok[1], {Src: cyclic, Glyphs: []uint16{A, eacute}}}, nil, nil, errMalformed, "part 1"},
		{"component out of range", []MergePart{{Src: badComponent, Glyphs: []uint16{eacute}}}, nil, nil, errMalformed, "part 0"},
		{"truncated composite", []MergePart{ok[1], {Src: truncated, Glyphs: []uint16{eacute}}}, nil, nil, errMalformed, "part 1"},
		{"instructions past the glyph's end", []MergePart{ok[1], {Src: longInstructions, Glyphs: []uint16{eacute, A}}}, nil, nil, errMalformed, "part 1"},
		// ok has glyphs 0 to 3 listed and 4 and 5, the components of
		// 'é'; added glyphs come between them.
		{"cmap beyond the glyphs", ok, map[rune]uint16{'A': 6}, nil, nil, "glyph ID 6 for U+0041 is out of range"},
		{"cmap beyond the added glyphs", ok, map[rune]uint16{0xE000: 7}, one, nil, "glyph ID 7 for U+E000 is out of range"},
		{"non-BMP code point", ok, map[rune]uint16{0x1F600: 1}, nil, nil, "outside the BMP"},
		{"composite without components", ok, nil, []Composite{one[0], {Advance: 300}}, nil, "composite 1"},
		{"composite of an added composite", ok, nil, []Composite{one[0], {Components: []Component{{GID: 1}, {GID: 4}}}}, nil, "composite 1 (glyph 5) has component 4"},
		{"component beyond the glyphs", ok, nil, []Composite{one[0], {Components: []Component{{GID: 8}}}}, nil, "composite 1 (glyph 5) has component 8"},
		{"too many glyphs", []MergePart{allDroid, allDroid}, nil, nil, nil, "part 1: glyph 16153 would be glyph 65535 of the merged font (with 0 added composites)"},
		{"too many composites", ok, nil, tooMany, nil, "would be glyph 65535 of the merged font (with 65530 added composites)"},
		{"composite beyond 32767", ok, nil, []Composite{{Components: []Component{{GID: 1, DX: 32767}}}}, nil, "16-bit"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, gids, err := MergeFonts(tc.parts, tc.cmap, tc.extra)
			if err == nil {
				t.Fatalf("no error: %d bytes, gids %v", len(b), gids)
			}
			if b != nil || gids != nil {
				t.Errorf("font of %d bytes and gids %v with the error", len(b), gids)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %q does not wrap %q", err, tc.is)
			}
			if tc.is == nil && (errors.Is(err, errMalformed) || errors.Is(err, errUnsupported)) {
				t.Errorf("error %q blames a font", err)
			}
			if !strings.Contains(err.Error(), tc.says) {
				t.Errorf("error %q does not say %q", err, tc.says)
			}
			t.Log(err)
		})
	}

	// Two added glyphs (4 and 5) may use the glyphs of ok that were not
	// listed (now 6 and 7).
	if b, _, err := MergeFonts(ok, map[rune]uint16{'A': 5, 0xE000: 7}, []Composite{{Components: []Component{{GID: 7}}}, {Components: []Component{{GID: 3}, {GID: 6}}}}); err != nil {
		t.Errorf("composites of an unlisted component: %v", err)
	} else if n := mergeTestU16(mergeTestDirectory(t, b)["maxp"][4:]); n != 8 {
		t.Errorf("%d glyphs, want 8", n)
	}
	// As many glyphs as glyph IDs allow.
	if b, _, err := MergeFonts(ok, nil, tooMany[1:]); err != nil {
		t.Errorf("%d composites: %v", len(tooMany)-1, err)
	} else if n := mergeTestU16(mergeTestDirectory(t, b)["maxp"][4:]); n != 0xFFFF {
		t.Errorf("%d composites: %d glyphs, want 65535", len(tooMany)-1, n)
	}
	// The glyph with long instructions is only an error when copied.
	if _, _, err := MergeFonts([]MergePart{{Src: longInstructions, Glyphs: []uint16{eacute}}}, nil, nil); err != nil {
		t.Errorf("a defect in a glyph not copied: %v", err)
	}
}

// mergeTestBenchFonts are eight faces with 1000 units per em, as a leaflet
// offering itself in many languages might use.
var mergeTestBenchFonts = []string{
	"NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoNaskhArabic-Regular.ttf", "NotoSansBengali-Regular.ttf",
	"NotoSansDevanagari-Regular.ttf", "NotoSansEthiopic-Regular.ttf", "NotoSansGurmukhi-Regular.ttf", "AtkinsonHyperlegibleNext-Regular.ttf",
}

// mergeTestBenchParts returns parts taking 100 glyphs spread over each of
// the benchmark fonts, and a cmap mapping Private Use Area code points to
// all of them.
func mergeTestBenchParts(b *testing.B) ([]MergePart, map[rune]uint16) {
	var parts []MergePart
	cmap := map[rune]uint16{}
	id := 1
	for _, name := range mergeTestBenchFonts {
		s := mergeTestLoad(b, name)
		p := MergePart{Src: s.src}
		for j := range 100 {
			p.Glyphs = append(p.Glyphs, uint16(1+j*(len(s.glyphs)-1)/100))
			cmap[0xE000+rune(id)] = uint16(id)
			id++
		}
		parts = append(parts, p)
	}
	return parts, cmap
}

// BenchmarkMergeFonts merges 100 glyphs of each of eight fonts.
func BenchmarkMergeFonts(b *testing.B) {
	parts, cmap := mergeTestBenchParts(b)
	var out []byte
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if out, _, err = MergeFonts(parts, cmap, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(out)), "font-bytes")
}

// TestMergeFontsHighGlyphMetrics merges a glyph whose hmtx entry lies past
// 64 KB into the table (glyph 28330 of Droid Sans Fallback, the fullwidth
// left parenthesis): its advance and left side bearing must be its own.
func TestMergeFontsHighGlyphMetrics(t *testing.T) {
	src, err := os.ReadFile("../../fonts/DroidSansFallbackFull.ttf")
	if err != nil {
		t.Fatal(err)
	}
	const gid = 28330
	font, _, err := MergeFonts([]MergePart{{Src: src, Glyphs: []uint16{gid}}}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := readTables(font)
	if err != nil {
		t.Fatal(err)
	}
	srcTables, _ := readTables(src)
	want := findTable(srcTables, "hmtx")[4*gid : 4*gid+4]
	got := findTable(tables, "hmtx")
	numLong := int(be.Uint16(findTable(tables, "hhea")[34:]))
	adv, lsb := got[4*(numLong-1):4*(numLong-1)+2], got[4*numLong:4*numLong+2]
	if numLong > 1 {
		adv, lsb = got[4:6], got[6:8]
	}
	if string(adv) != string(want[:2]) || string(lsb) != string(want[2:]) {
		t.Errorf("glyph 1: advance %x, lsb %x; the source's glyph %d has %x", adv, lsb, gid, want)
	}
}

// mergeTestNames returns a name table's records as
// "platform/encoding/language/name=string (hex)", in order.
func mergeTestNames(name []byte) []string {
	count, strOff := int(mergeTestU16(name[2:])), int(mergeTestU16(name[4:]))
	var out []string
	for i := range count {
		r := name[6+12*i:]
		length, off := int(mergeTestU16(r[8:])), int(mergeTestU16(r[10:]))
		out = append(out, fmt.Sprintf("%d/%d/%d/%d=%x", mergeTestU16(r), mergeTestU16(r[2:]), mergeTestU16(r[4:]), mergeTestU16(r[6:]),
			name[strOff+off:strOff+off+length]))
	}
	return out
}
