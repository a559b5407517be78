// SPDX-License-Identifier: MIT

package sfnt

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fuzzFonts returns real fonts for the fuzzer's checks: whole, three of
// the smallest embedded fonts, and, as the fuzzer's seeds, of every
// embedded font but the 4 MB fallback a subset of a few glyphs and its
// first composite glyph, made by MergeFonts. (The fuzzer mutates small
// inputs many times faster than whole fonts.)
func fuzzFonts(f testing.TB) (whole, subsets [][]byte) {
	f.Helper()
	files, err := filepath.Glob("../../fonts/*.ttf")
	if err != nil || len(files) == 0 {
		f.Fatalf("no fonts in ../../fonts: %v", err)
	}
	for _, file := range files {
		name := filepath.Base(file)
		if strings.HasPrefix(name, "DroidSansFallback") {
			continue
		}
		s := mergeTestLoad(f, name)
		if slices.Contains([]string{"NotoSansHebrew-Regular.ttf", "NotoSansThai-Regular.ttf", "AtkinsonHyperlegibleNext-Regular.ttf"}, name) {
			whole = append(whole, s.src)
		}
		glyphs := []uint16{1, 2, 3, 4, 5, 6, 7, 8}
		for gid, g := range s.glyphs {
			if isComposite(g) {
				glyphs = append(glyphs, uint16(gid))
				break
			}
		}
		sub, _, err := MergeFonts([]MergePart{{Src: s.src, Glyphs: glyphs}}, map[rune]uint16{'a': 1, 'b': 2}, nil)
		if err != nil {
			f.Fatalf("%s: %v", name, err)
		}
		subsets = append(subsets, sub)
	}
	return whole, subsets
}

// FuzzMergeFonts gives MergeFonts and ReadMetrics any bytes as a font:
// neither may panic, and a font MergeFonts builds must read again with
// the package's own reader, have the glyphs it says, and come out the
// same when it is merged again whole. Its seeds (run by every go test)
// are subsets of the embedded fonts; fuzz it with
//
//	go test ./internal/sfnt -run '^$' -fuzz FuzzMergeFonts -fuzztime 60s -fuzzminimizetime 1s
//
// (the default minimisation, up to 60 s per new input, leaves little time
// for fuzzing).
func FuzzMergeFonts(f *testing.F) {
	_, seeds := fuzzFonts(f)
	for _, seed := range seeds {
		f.Add(seed, uint16(1), uint16(2), true)
		f.Add(seed, uint16(3), uint16(9), false)
	}
	f.Fuzz(func(t *testing.T, src []byte, g1, g2 uint16, withExtra bool) {
		fuzzMerge(t, src, g1, g2, withExtra)
	})
}

// TestFuzzSeedsRoundTrip runs FuzzMergeFonts's checks on its seeds and on
// whole fonts and requires each to build a font: they are valid fonts, so
// one that MergeFonts refuses is a bug, not an uninteresting input.
func TestFuzzSeedsRoundTrip(t *testing.T) {
	whole, subsets := fuzzFonts(t)
	for i, seed := range slices.Concat(whole, subsets) {
		for _, extra := range []bool{false, true} {
			if !fuzzMerge(t, seed, 1, 2, extra) {
				t.Errorf("seed %d (%d bytes, extra composite %v): MergeFonts refuses it", i, len(seed), extra)
			}
		}
	}
}

// fuzzMerge is FuzzMergeFonts's test of one input: it reports whether
// MergeFonts built a font, failing t if that font does not read again or
// merge again the same, or if anything panics.
func fuzzMerge(t *testing.T, src []byte, g1, g2 uint16, withExtra bool) bool {
	t.Helper()
	in, inErr := ReadMetrics(src)
	var extra []Composite
	if withExtra {
		extra = []Composite{{Components: []Component{{GID: 1, DX: 40}, {GID: 2, DY: -30}}, Advance: 600}}
	}
	cmap := map[rune]uint16{'a': 1, 'b': 2}
	orig := bytes.Clone(src)
	font, gids, err := MergeFonts([]MergePart{{Src: src, Glyphs: []uint16{g1, g2}}}, cmap, extra)
	if !bytes.Equal(src, orig) {
		t.Fatal("MergeFonts modified its input")
	}
	if err != nil {
		return false
	}
	if inErr != nil {
		t.Fatalf("MergeFonts read a font ReadMetrics refuses: %v", inErr)
	}
	if len(gids) != 1 || len(gids[0]) != 2 {
		t.Fatalf("gids = %v for one part of two glyphs", gids)
	}
	listed := 1 + len(slices.Compact([]uint16{g1, g2}))
	if g1 == 0 || g2 == 0 {
		listed-- // glyph 0 of the first part is glyph 0
	}
	built, err := mergeOpen(font)
	if err != nil {
		t.Fatalf("the built font does not read again: %v", err)
	}
	n := built.info.numGlyphs
	if n < listed+len(extra) {
		t.Fatalf("the built font has %d glyphs, want at least %d listed and %d added", n, listed, len(extra))
	}
	out, err := ReadMetrics(font)
	if err != nil {
		t.Fatalf("ReadMetrics refuses the built font: %v", err)
	}
	if out.Upem != in.Upem || out.Ascender < in.Ascender || out.Descender > in.Descender {
		t.Errorf("the built font's metrics %+v do not keep the source's %+v", out, in)
	}
	all := make([]uint16, n-1)
	for i := range all {
		all[i] = uint16(i + 1)
	}
	again, gids, err := MergeFonts([]MergePart{{Src: font, Glyphs: all}}, cmap, nil)
	if err != nil {
		t.Fatalf("the built font does not merge again: %v", err)
	}
	if !slices.Equal(gids[0], all) {
		t.Errorf("merged again, the built font's glyphs are renumbered: %v", gids[0])
	}
	if !bytes.Equal(again, font) {
		t.Errorf("merged again whole, the built font of %d bytes gives %d different bytes", len(font), len(again))
	}
	return true
}

// TestMergeFontsWithoutOutlinesHasAGlyfTable merges a font none of whose
// glyphs has an outline (the fuzzer's first find): the merged font's glyf
// table is one zero byte, not empty, which font sanitisers and the
// package's own reader refuse.
func TestMergeFontsWithoutOutlinesHasAGlyfTable(t *testing.T) {
	_, subsets := fuzzFonts(t)
	src := bytes.Clone(subsets[0])
	tables := mergeTestDirectory(t, src)
	clear(tables["loca"]) // a sub-slice of src: every glyph is empty now
	font, _, err := MergeFonts([]MergePart{{Src: src, Glyphs: []uint16{1, 2}}}, map[rune]uint16{'a': 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if glyf := mergeTestDirectory(t, font)["glyf"]; !bytes.Equal(glyf, []byte{0}) {
		t.Errorf("glyf is % x, want one zero byte", glyf)
	}
	if !fuzzMerge(t, src, 1, 2, false) {
		t.Error("MergeFonts refuses a font without outlines")
	}
}
