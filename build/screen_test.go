// SPDX-License-Identifier: MIT

package build

import (
	"encoding/json"
	"leaflet/compose"
	"math"
	"strconv"
	"strings"
	"testing"

	"leaflet/internal/testtool"
	"leaflet/layout"
)

// qpdfDoc is what the tests read of `qpdf --json` (version 2): the
// objects, and the pages and outline in order.
type qpdfDoc struct {
	Pages []struct {
		Object string `json:"object"`
	} `json:"pages"`
	Outlines []struct {
		Title string `json:"title"`
	} `json:"outlines"`
	QPDF []json.RawMessage `json:"qpdf"`
}

// qpdfJSON reads a PDF with qpdf --json and returns the document and its
// objects by reference ("3 0 R").
func qpdfJSON(t *testing.T, qpdf, file string) (qpdfDoc, map[string]map[string]any) {
	t.Helper()
	var d qpdfDoc
	if err := json.Unmarshal([]byte(runTool(t, qpdf, "--json", file)), &d); err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	if len(d.QPDF) < 2 {
		t.Fatal("qpdf --json gives no objects")
	}
	var raw map[string]struct {
		Value any `json:"value"`
	}
	if err := json.Unmarshal(d.QPDF[1], &raw); err != nil {
		t.Fatalf("qpdf --json objects: %v", err)
	}
	objs := map[string]map[string]any{}
	for k, v := range raw {
		if m, ok := v.Value.(map[string]any); ok {
			objs[strings.TrimPrefix(k, "obj:")] = m
		}
	}
	return d, objs
}

// mediaBox returns a page's media box, inherited from its parents when
// the page has none of its own.
func mediaBox(objs map[string]map[string]any, ref string) []float64 {
	for o := objs[ref]; o != nil; {
		if mb, ok := o["/MediaBox"].([]any); ok {
			var out []float64
			for _, v := range mb {
				f, _ := v.(float64)
				out = append(out, f)
			}
			return out
		}
		parent, _ := o["/Parent"].(string)
		o = objs[parent]
	}
	return nil
}

func TestScreenEditionPagesAreA6WithTelLinksThroughQPDF(t *testing.T) {
	qpdf := testtool.Need(t, "qpdf", "qpdf")
	l := builtin(t)
	for _, paper := range []layout.Paper{layout.A4, layout.Letter} {
		outs, ds := Run(t.Context(), Request{Leaflet: l, Langs: []string{"en", "ur", "zh-Hans"}, Editions: []*compose.Edition{compose.Screen}, Paper: paper})
		if ds.HasErrors() || len(outs) != 3 {
			t.Fatalf("%d outputs: %v", len(outs), ds)
		}
		for _, o := range outs {
			if want := "cse-" + o.Lang + "-screen.pdf"; o.Name != want {
				t.Errorf("%s paper: the screen edition is %s; want %s", paper.Name, o.Name, want)
			}
			if paper != layout.A4 {
				continue
			}
			t.Run(o.Lang, func(t *testing.T) {
				if o.Lang == "en" && len(o.Data) >= 100_000 {
					t.Errorf("%s is %d bytes; want under 100 KB", o.Name, len(o.Data))
				}
				d, objs := qpdfJSON(t, qpdf, pdfFile(t, o))
				if len(d.Pages) != o.Pages || len(d.Pages) < 2 {
					t.Fatalf("qpdf reads %d pages; the build made %d", len(d.Pages), o.Pages)
				}
				uris := map[string]bool{}
				for i, p := range d.Pages {
					mb := mediaBox(objs, p.Object)
					if len(mb) != 4 || math.Abs(mb[2]-mb[0]-layout.A6Portrait.W) > 0.01 || math.Abs(mb[3]-mb[1]-layout.A6Portrait.H) > 0.01 {
						t.Errorf("page %d: media box %v; want A6, %.2f x %.2f", i+1, mb, layout.A6Portrait.W, layout.A6Portrait.H)
					}
					annots, _ := objs[p.Object]["/Annots"].([]any)
					for _, a := range annots {
						ref, _ := a.(string)
						action, _ := objs[ref]["/A"].(map[string]any)
						uri, _ := action["/URI"].(string)
						uris[strings.TrimPrefix(uri, "u:")] = true
					}
				}
				for _, want := range []string{"tel:+441604364036", "mailto:nscb@northamptonshire.gcsx.gov.uk", "https://www.northamptonshirescb.org.uk"} {
					if !uris[want] {
						t.Errorf("no link to %s among %v", want, uris)
					}
				}
				var outline []string
				for _, b := range d.Outlines {
					outline = append(outline, b.Title)
				}
				doc, _ := l.Localize(o.Lang)
				if len(outline) < 3 || outline[0] != doc.Title {
					t.Errorf("the outline is %q; want the title, then the sections", outline)
				}
				rep := checkTagged(t, o.Data)
				for _, p := range rep.Problems {
					t.Errorf("tagging: %s", p)
				}
				if rep.Links == 0 {
					t.Error("no link is tagged")
				}
			})
		}
	}
}

func TestScreenEditionReadsInOrderAtBodySize(t *testing.T) {
	pdftotext := testtool.Need(t, "pdftotext", "poppler-utils")
	mutool := testtool.Need(t, "mutool", "mupdf-tools")
	o := buildEdition(t, "en", "screen", 0)
	file := pdfFile(t, o)
	all := normalise(runTool(t, pdftotext, file, "-"))
	at := 0
	for _, s := range []string{"Child Sexual Exploitation (CSE)", "Information leaflet", "Call 01604 364036", "Northamptonshire Safeguarding Children Board",
		"What is Child Sexual Exploitation (CSE)?", "Recognise the signs", "CSE Assessment", "Toolkit for Professionals", "how to use it",
		"Contact us", "Tel: 01604 364036", "www.northamptonshirescb.org.uk", "Other languages", "Polski"} {
		i := strings.Index(all[at:], s)
		if i < 0 {
			t.Fatalf("%q missing or out of order after offset %d in %q", s, at, all)
		}
		at += i + len(s)
	}
	n := 0
	for _, m := range trmRe.FindAllStringSubmatch(runTool(t, mutool, "trace", file), -1) {
		n++
		if s, _ := strconv.ParseFloat(m[1], 64); s < 11.995 {
			t.Fatalf("mutool traces text at %g pt; the screen edition's body is 12 pt", s)
		}
	}
	if n == 0 {
		t.Fatal("mutool traced no text")
	}
}
