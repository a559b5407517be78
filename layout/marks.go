// SPDX-License-Identifier: MIT

package layout

import (
	"math"
	"time"

	"leaflet/layout/text"
)

// PrintJob is what the print shop's slug line names besides the side and
// the language: the file and its date. Left empty, the slug gives the
// leaflet's published date and no file name.
type PrintJob struct {
	File string
	Date time.Time
}

// Dashes of fold marks: about 1 mm long with 0.75 mm gaps, fitted to the
// mark's length so that a dash starts and ends it.
var (
	dash    = MM(1)
	dashGap = MM(0.75)
)

// folds returns the x of each fold between regions of a page of width w.
func folds(regions []Region, w float64) []float64 {
	var out []float64
	for _, r := range regions {
		if x := r.Area.X + r.Area.W; x < w-1 {
			out = append(out, x)
		}
	}
	return out
}

// dashes returns a dashed vertical line centred on x, from y down for
// length, width wide: the boxes of its dashes.
func dashes(x, y, length, width float64, c Color) []Item {
	n := max(2, int(math.Round((length+dashGap)/(dash+dashGap))))
	d := length / (float64(n) + float64(n-1)*dashGap/dash) // each dash
	g := d * dashGap / dash
	out := make([]Item, n)
	for i := range out {
		out[i] = &Box{Rect: Rect{x - width/2, y + float64(i)*(d+g), width, d}, Fill: c, Role: RoleArtifact}
	}
	return out
}

// Slug line: 6.5 pt, in black, its baseline 4 mm beyond the bottom bleed.
const slugSize = 6.5

var slugDrop = MM(4)

// slugLine returns the slug line under the trim tr of a print-shop page:
// the file, the side, the date and the language, in the slug beyond the
// bleed (it is cut off with the bleed), as an artifact. The fields are set
// from 3 mm right of the trim's left edge and step over the vertical marks
// at marks, so no mark runs through a word.
func (tf *trifoldRun) slugLine(tr Rect, side int, marks []float64) []Item {
	job := tf.t.Job
	date := job.Date
	if date.IsZero() {
		date = tf.doc.Published
	}
	sideName := [2]string{"side 1 of 2: outside", "side 2 of 2: inside"}[min(side, 1)]
	var fields []string
	if job.File != "" {
		fields = append(fields, job.File)
	}
	fields = append(fields, sideName)
	if !date.IsZero() {
		fields = append(fields, date.Format("2 January 2006"))
	}
	fields = append(fields, "language "+tf.doc.Lang)

	var out []Item
	x, y := tr.X+MM(3), tr.Y+tr.H+Bleed+slugDrop
	clear := MM(1.5) // between a word and a mark
	for _, f := range fields {
		p := text.Paragraph{Text: []rune(f), Lang: "en", Size: slugSize}
		lines, _ := tf.sh.Lines(p, math.Inf(1), nil)
		if len(lines) == 0 {
			continue
		}
		ln := lines[0]
		for moved := true; moved; {
			moved = false
			for _, m := range marks {
				if x < m+clear && m-clear < x+ln.Width {
					x, moved = m+clear, true
				}
			}
		}
		for _, r := range ln.Runs {
			out = append(out, &GlyphRun{X: x + r.X, Y: y, Face: r.Face, Size: r.Size, Color: Color{0, 0, 0}, Width: r.Width,
				Text: r.Text, Glyphs: r.Glyphs, Role: RoleArtifact, Elem: -1})
		}
		x += ln.Width + MM(4)
	}
	return out
}
