// SPDX-License-Identifier: MIT

package layout

import (
	"regexp"
	"strings"
	"testing"
)

// TestDumpWithGlyphsAddsToEachRunsLine checks that DumpWith without
// options is Dump, and that with Glyphs it changes only the glyph runs'
// lines, each of which it ends with the run's level and glyphs; the
// Arabic tri-fold has runs at level 1 (its Arabic words) and at level 2
// (the Latin words and numbers in them).
func TestDumpWithGlyphsAddsToEachRunsLine(t *testing.T) {
	set, sh := tools(t)
	res, ds := NewTriFold(A4).Layout(builtinDoc(t, "ar"), set, sh)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	plain := res.Dump()
	if got := res.DumpWith(DumpOptions{}); got != plain {
		t.Fatal("DumpWith(DumpOptions{}) is not Dump()")
	}
	pl, gl := strings.Split(plain, "\n"), strings.Split(res.DumpWith(DumpOptions{Glyphs: true}), "\n")
	if len(pl) != len(gl) {
		t.Fatalf("got %d lines with glyphs; want Dump's %d", len(gl), len(pl))
	}
	tail := regexp.MustCompile(` level=(\d+) glyphs=\[((?:\d+:\d+(?:\(-?\d+\.\d\d,-?\d+\.\d\d\))? ?)*)\]$`)
	levels := map[string]bool{}
	for i := range pl {
		if !strings.HasPrefix(pl[i], "  run ") {
			if gl[i] != pl[i] {
				t.Errorf("line %d changed: %q; want %q", i+1, gl[i], pl[i])
			}
			continue
		}
		m := tail.FindStringSubmatch(gl[i])
		if m == nil || !strings.HasPrefix(gl[i], pl[i]) || len(gl[i]) != len(pl[i])+len(m[0]) {
			t.Fatalf("line %d: %q is not %q with a level and glyphs", i+1, gl[i], pl[i])
		}
		levels[m[1]] = true
	}
	if !levels["1"] || !levels["2"] {
		t.Errorf("got levels %v; want 1 (Arabic) and 2 (the Latin digits in it)", levels)
	}
}
