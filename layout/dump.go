// SPDX-License-Identifier: MIT

package layout

import (
	"fmt"
	"strings"
)

// DumpOptions says what DumpWith writes besides what Dump writes.
type DumpOptions struct {
	// Glyphs ends the line of each glyph run with its bidi level and its
	// glyphs in visual order, each as its glyph ID and the index of its
	// cluster's first rune in the run's text (ID:cluster), followed by its
	// offsets in points, across and up, when either is not zero to 0.01:
	// "level=1 glyphs=[412:5 77:4(0.00,-1.20)]".
	Glyphs bool
}

// DumpWith renders the display list as Dump does, with what o asks for
// added; DumpWith(DumpOptions{}) is Dump().
func (r *Result) DumpWith(o DumpOptions) string {
	d := r.Dump()
	if !o.Glyphs {
		return d
	}
	var runs []*GlyphRun // in the order Dump writes their lines
	for _, p := range r.Pages {
		for _, it := range p.Items {
			if g, ok := it.(*GlyphRun); ok {
				runs = append(runs, g)
			}
		}
	}
	lines := strings.SplitAfter(d, "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, "  run ") {
			continue
		}
		if len(runs) == 0 {
			panic("layout: Dump wrote more run lines than there are glyph runs")
		}
		g := runs[0]
		runs = runs[1:]
		var b strings.Builder
		fmt.Fprintf(&b, " level=%d glyphs=[", g.Level)
		for k, gl := range g.Glyphs {
			if k > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%d:%d", gl.ID, gl.Cluster)
			if dx, dy := r2(gl.XOffset), r2(gl.YOffset); dx != "0.00" || dy != "0.00" {
				fmt.Fprintf(&b, "(%s,%s)", dx, dy)
			}
		}
		b.WriteByte(']')
		lines[i] = strings.TrimSuffix(l, "\n") + b.String() + "\n"
	}
	if len(runs) > 0 {
		panic("layout: Dump wrote fewer run lines than there are glyph runs")
	}
	return strings.Join(lines, "")
}
