// SPDX-License-Identifier: MIT

package build

import (
	"leaflet/compose"
	"math"
	"strconv"
	"strings"
	"testing"

	"leaflet/fonts"
	"leaflet/internal/testtool"
	"leaflet/layout"
	"leaflet/layout/text"
)

func builtinSetAndShaper(t *testing.T) (*fonts.Set, *text.Shaper) {
	t.Helper()
	set, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return set, text.NewShaper(set)
}

func TestPrintShopFileHasBleedTrimAndMarksOutsideTheTrim(t *testing.T) {
	pdfinfo := testtool.Need(t, "pdfinfo", "poppler-utils")
	outs, ds := Run(t.Context(), Request{Leaflet: builtin(t), Langs: []string{"en"}, Editions: []*compose.Edition{compose.TriFold}, Paper: layout.A4, PrintShop: true})
	if ds.HasErrors() || len(outs) != 1 {
		t.Fatalf("got %d outputs: %v", len(outs), ds)
	}
	if outs[0].Name != "cse-en-trifold-print.pdf" {
		t.Errorf("got file %s; want cse-en-trifold-print.pdf", outs[0].Name)
	}
	out := runTool(t, pdfinfo, "-box", pdfFile(t, outs[0]))
	box := func(name string) [4]float64 {
		for _, l := range strings.Split(out, "\n") {
			if f := strings.Fields(l); len(f) == 5 && f[0] == name+":" {
				var b [4]float64
				for i := range b {
					b[i], _ = strconv.ParseFloat(f[i+1], 64)
				}
				return b
			}
		}
		t.Fatalf("pdfinfo -box lists no %s:\n%s", name, out)
		return [4]float64{}
	}
	media, bleed, trim := box("MediaBox"), box("BleedBox"), box("TrimBox")
	mm := func(v float64) float64 { return math.Round(v*25.4/72*100) / 100 }
	for i, sign := range []float64{-1, -1, 1, 1} {
		if d := mm(sign * (bleed[i] - trim[i])); d != 3 {
			t.Errorf("bleed edge %d is %.2f mm beyond the trim; want 3", i, d)
		}
		if d := mm(sign * (media[i] - bleed[i])); d < 5 {
			t.Errorf("the page leaves %.2f mm beyond the bleed for marks; want at least 5", d)
		}
	}
	if w, h := mm(trim[2]-trim[0]), mm(trim[3]-trim[1]); w != 297 || h != 210 {
		t.Errorf("the trim is %.2f x %.2f mm; want 297 x 210", w, h)
	}
}

func TestPrintShopMarksLieOutsideTheTrimAndWordsInside(t *testing.T) {
	for _, lang := range []string{"en", "ur"} {
		checkPrintShopPages(t, printShopLayout(t, lang))
	}
}

func checkPrintShopPages(t *testing.T, res *layout.Result) {
	for pi, p := range res.Pages {
		tr := p.Trim
		for _, it := range p.Items {
			b := it.Bounds()
			switch it := it.(type) {
			case *layout.Box:
				if it.Fill == (layout.Color{}) { // a mark, in registration black
					if b.X < tr.X+tr.W && b.X+b.W > tr.X && b.Y < tr.Y+tr.H && b.Y+b.H > tr.Y {
						t.Errorf("page %d: mark %+v overlaps the trim %+v", pi+1, b, tr)
					}
				}
			case *layout.GlyphRun:
				if it.Role == layout.RoleArtifact {
					continue
				}
				if layout.ToMM(b.X-tr.X) < 5 || layout.ToMM(tr.X+tr.W-b.X-b.W) < 5 || layout.ToMM(b.Y-tr.Y) < 5 || layout.ToMM(tr.Y+tr.H-b.Y-b.H) < 5 {
					t.Errorf("page %d: %q within 5 mm of the trim", pi+1, it.Text)
				}
			}
		}
	}
}

// printShopLayout lays out the print shop's tri-fold as the build does.
func printShopLayout(t *testing.T, lang string) *layout.Result {
	t.Helper()
	doc, diags := builtin(t).Localize(lang)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	set, sh := builtinSetAndShaper(t)
	tf := layout.NewTriFold(layout.A4)
	tf.PrintShop = true
	res, ds := tf.Layout(doc, set, sh)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return res
}
