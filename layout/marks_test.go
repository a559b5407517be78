// SPDX-License-Identifier: MIT

package layout

import (
	"math"
	"sort"
	"strings"
	"testing"
	"time"
)

func printShopResult(t *testing.T, lang string, paper Paper, job PrintJob) *Result {
	t.Helper()
	set, sh := tools(t)
	tf := NewTriFold(paper)
	tf.PrintShop = true
	tf.Job = job
	res, ds := tf.Layout(builtinDoc(t, lang), set, sh)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return res
}

// TestPrintShopCropMarksAreSolidAndFoldMarksDashed reads the marks from
// the display list: black boxes outside the trim. A crop mark is one box
// from the page's edge to 1 mm beyond the bleed; a fold mark, at each fold
// above and below the trim, is a column of dashes over the same length.
func TestPrintShopCropMarksAreSolidAndFoldMarksDashed(t *testing.T) {
	for _, paper := range []Paper{A4, Letter} {
		res := printShopResult(t, "en", paper, PrintJob{})
		for pi, p := range res.Pages {
			tr := p.Trim
			long := Bleed + Slug - Bleed - MM(1)
			crops := 0
			dashes := map[[2]int][]Rect{} // by x and top/bottom
			for _, it := range p.Items {
				b, ok := it.(*Box)
				if !ok || b.Fill != (Color{}) || b.Role != RoleArtifact {
					continue
				}
				if b.X < tr.X+tr.W && b.X+b.W > tr.X && b.Y < tr.Y+tr.H && b.Y+b.H > tr.Y {
					continue // a black box inside the trim is no mark
				}
				if math.Abs(max(b.W, b.H)-long) < 0.01 {
					crops++
					continue
				}
				top := 0
				if b.Y < tr.Y {
					top = 1
				}
				k := [2]int{int(math.Round((b.X + b.W/2) * 100)), top}
				dashes[k] = append(dashes[k], b.Rect)
			}
			if crops != 8 {
				t.Errorf("%s page %d: %d solid crop marks; want 8, two at each corner", paper.Name, pi+1, crops)
			}
			var folds []float64
			for _, r := range p.Regions[:2] {
				folds = append(folds, r.Area.X+r.Area.W)
			}
			if len(dashes) != 4 {
				t.Errorf("%s page %d: %d dashed fold marks; want 4, above and below the two folds", paper.Name, pi+1, len(dashes))
			}
			for k, ds := range dashes {
				x := float64(k[0]) / 100
				if math.Abs(x-folds[0]) > 0.01 && math.Abs(x-folds[1]) > 0.01 {
					t.Errorf("%s page %d: fold mark at x=%.2f is at no fold %v", paper.Name, pi+1, x, folds)
				}
				sort.Slice(ds, func(i, j int) bool { return ds[i].Y < ds[j].Y })
				if len(ds) < 3 {
					t.Errorf("%s page %d: the fold mark at x=%.2f has %d dashes; want a dashed line", paper.Name, pi+1, x, len(ds))
					continue
				}
				var ink float64
				for i, d := range ds {
					ink += d.H
					if d.H > MM(1.5) {
						t.Errorf("%s page %d: a dash %.2f mm long; want about 1 mm", paper.Name, pi+1, ToMM(d.H))
					}
					if i > 0 && d.Y-(ds[i-1].Y+ds[i-1].H) < MM(0.5) {
						t.Errorf("%s page %d: dashes %.2f mm apart; want a visible gap", paper.Name, pi+1, ToMM(d.Y-(ds[i-1].Y+ds[i-1].H)))
					}
				}
				if span := ds[len(ds)-1].Y + ds[len(ds)-1].H - ds[0].Y; math.Abs(span-long) > 0.01 || ink > 0.75*span {
					t.Errorf("%s page %d: the fold mark spans %.2f mm with %.2f mm of ink; want %.2f mm, dashed", paper.Name, pi+1, ToMM(span), ToMM(ink), ToMM(long))
				}
			}
		}
	}
}

// TestPrintShopSlugNamesTheFileSideDateAndLanguage: the slug line is
// small black text beyond the bleed, never under a mark.
func TestPrintShopSlugNamesTheFileSideDateAndLanguage(t *testing.T) {
	job := PrintJob{File: "cse-zh-Hans-trifold-letter-print.pdf", Date: time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)}
	for _, paper := range []Paper{A4, Letter} {
		res := printShopResult(t, "zh-Hans", paper, job)
		for pi, p := range res.Pages {
			var slug []string
			var marks []Rect
			for _, it := range p.Items {
				if b, ok := it.(*Box); ok && b.Fill == (Color{}) && b.Role == RoleArtifact {
					marks = append(marks, b.Rect)
				}
			}
			for _, it := range p.Items {
				g, ok := it.(*GlyphRun)
				if !ok {
					continue
				}
				b := g.Bounds()
				bl := p.Bleed
				if b.Y+b.H <= bl.Y+bl.H && b.Y >= bl.Y {
					continue // inside the bleed box: the leaflet
				}
				slug = append(slug, g.Text)
				if g.Role != RoleArtifact || g.Size < 6 || g.Size > 7 || g.Color != (Color{}) {
					t.Errorf("%s page %d: slug %q is %s %.1f pt %s; want a 6-7 pt black artifact", paper.Name, pi+1, g.Text, g.Role, g.Size, g.Color)
				}
				if b.Y < bl.Y+bl.H || b.Y+b.H > p.Size.H {
					t.Errorf("%s page %d: slug %q at %+v is not between the bleed and the page's edge", paper.Name, pi+1, g.Text, b)
				}
				for _, m := range marks {
					if b.X < m.X+m.W && m.X < b.X+b.W && b.Y < m.Y+m.H && m.Y < b.Y+b.H {
						t.Errorf("%s page %d: slug %q runs into a mark at x=%.2f", paper.Name, pi+1, g.Text, m.X)
					}
				}
			}
			side := []string{"outside", "inside"}[pi]
			got := strings.Join(slug, " | ")
			for _, want := range []string{job.File, side, "14 March 2026", "zh-Hans"} {
				if !strings.Contains(got, want) {
					t.Errorf("%s page %d: the slug %q does not say %q", paper.Name, pi+1, got, want)
				}
			}
		}
	}
}

// TestNoSlashedZeroIsDrawn walks every glyph drawn in every edition of a
// few languages: a glyph that shows a zero (U+0030; the Arabic-Indic zero
// is a dot) has the two contours of an oval, in whatever face it is set (Atkinson Hyperlegible Next's zero is
// slashed as released: fonts/README.md).
func TestNoSlashedZeroIsDrawn(t *testing.T) {
	zeros := 0
	for _, lang := range []string{"en", "pl", "ur", "bn"} {
		for ed, res := range editionsOf(t, lang) {
			for _, p := range res.Pages {
				for _, it := range p.Items {
					g, ok := it.(*GlyphRun)
					if !ok {
						continue
					}
					text := []rune(g.Text)
					for _, gl := range g.Glyphs {
						if gl.Cluster >= len(text) || gl.Runes != 1 || text[gl.Cluster] != '0' {
							continue
						}
						zeros++
						if c := g.Face.Contours(gl.ID); c != 2 {
							t.Errorf("%s %s: a zero in %q is glyph %d of %s with %d contours; want 2, unslashed", lang, ed, g.Text, gl.ID, g.Face.Name, c)
						}
					}
				}
			}
		}
	}
	if zeros < 50 {
		t.Errorf("found only %d zeros drawn", zeros)
	}
}

// TestTextIsSolidBlackNeverGrey: text is black (written as DeviceGray 0,
// one ink on a press), the accent colour or white on the accent; never a
// grey, which a press screens into dots or builds from four inks.
func TestTextIsSolidBlackNeverGrey(t *testing.T) {
	for _, lang := range []string{"en", "ur"} {
		for ed, res := range editionsOf(t, lang) {
			for pi, p := range res.Pages {
				for _, it := range p.Items {
					g, ok := it.(*GlyphRun)
					if !ok {
						continue
					}
					if c := g.Color; c.R == c.G && c.G == c.B && c.R != 0 && c.R != 0xff {
						t.Errorf("%s %s page %d: %q is set in grey %s", lang, ed, pi+1, g.Text, c)
					}
				}
			}
		}
		for pi, p := range printShopResult(t, lang, A4, PrintJob{}).Pages {
			for _, it := range p.Items {
				if g, ok := it.(*GlyphRun); ok && g.Role != RoleArtifact && g.Color != (Color{}) && g.Color != NewTriFold(A4).Style.Accent && g.Color != (Color{0xff, 0xff, 0xff}) {
					t.Errorf("%s print shop page %d: %q is set in %s; want black, the accent or white", lang, pi+1, g.Text, g.Color)
				}
			}
		}
	}
}
