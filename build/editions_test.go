// SPDX-License-Identifier: MIT

package build

import (
	"leaflet/compose"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"leaflet/internal/testtool"
	"leaflet/layout"
)

// edition returns the edition of a name.
func edition(t testing.TB, name string) *compose.Edition {
	t.Helper()
	e, err := compose.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// buildEdition builds one English edition at a size (0: its default).
func buildEdition(t *testing.T, lang, name string, size float64) Output {
	t.Helper()
	outs, ds := Run(t.Context(), Request{Leaflet: builtin(t), Langs: []string{lang}, Editions: []*compose.Edition{edition(t, name)}, Paper: layout.A4, Size: size})
	if ds.HasErrors() || len(outs) != 1 {
		t.Fatalf("got %d outputs: %v", len(outs), ds)
	}
	return outs[0]
}

func TestPageEditionsArePortraitA4WithTheirPages(t *testing.T) {
	pdfinfo := testtool.Need(t, "pdfinfo", "poppler-utils")
	for _, tc := range []struct {
		edition string
		size    float64
	}{
		{"large-print", 0}, {"large-print", 28}, {"easy-read", 0},
	} {
		o := buildEdition(t, "en", tc.edition, tc.size)
		out := runTool(t, pdfinfo, pdfFile(t, o))
		for _, want := range []string{
			"Page size:       595.28 x 841.89 pts (A4)",
			"Pages:           " + strconv.Itoa(o.Pages),
			"Title:           Child Sexual Exploitation (CSE)",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%s %g: pdfinfo lacks %q:\n%s", tc.edition, tc.size, want, out)
			}
		}
	}
}

func TestPageEditionsEmbedAtkinsonHyperlegible(t *testing.T) {
	pdffonts := testtool.Need(t, "pdffonts", "poppler-utils")
	for _, ed := range []string{"large-print", "easy-read"} {
		out := runTool(t, pdffonts, pdfFile(t, buildEdition(t, "en", ed, 0)))
		// the faces of one units-per-em are merged into one font, named
		// after its first face
		if !strings.Contains(out, "AtkinsonHyperlegibleNext") {
			t.Errorf("%s: pdffonts lists no Atkinson Hyperlegible Next:\n%s", ed, out)
		}
		for _, l := range strings.Split(out, "\n")[2:] {
			if f := strings.Fields(l); len(f) >= 7 && f[len(f)-5] != "yes" {
				t.Errorf("%s: font not embedded: %s", ed, l)
			}
		}
	}
}

var trmRe = regexp.MustCompile(`trm="([0-9.]+) `)

func TestPageEditionsDrawNoTextBelowTheirSize(t *testing.T) {
	mutool := testtool.Need(t, "mutool", "mupdf-tools")
	for _, tc := range []struct {
		edition string
		size    float64
	}{
		{"large-print", 18}, {"large-print", 24}, {"easy-read", 16}, {"easy-read", 18},
	} {
		out := runTool(t, mutool, "trace", pdfFile(t, buildEdition(t, "en", tc.edition, tc.size)))
		n := 0
		for _, m := range trmRe.FindAllStringSubmatch(out, -1) {
			n++
			if s, _ := strconv.ParseFloat(m[1], 64); s < tc.size-0.005 {
				t.Fatalf("%s %g pt: mutool traces text at %g pt", tc.edition, tc.size, s)
			}
		}
		if n == 0 {
			t.Fatalf("%s: mutool traced no text", tc.edition)
		}
	}
}

func TestLargePrintReadsInOrderWithContactsOnPageOneAndTheLanguagesLast(t *testing.T) {
	pdftotext := testtool.Need(t, "pdftotext", "poppler-utils")
	file := pdfFile(t, buildEdition(t, "en", "large-print", 0))
	page1 := normalise(runTool(t, pdftotext, "-f", "1", "-l", "1", file, "-"))
	for _, want := range []string{"Northamptonshire Safeguarding Children Board", "Child Sexual Exploitation (CSE)", "Contact us", "Tel: 01604 364036", "nscb@northamptonshire.gcsx.gov.uk", "www.northamptonshirescb.org.uk", "Page 1 of"} {
		if !strings.Contains(page1, want) {
			t.Errorf("page 1 lacks %q: %q", want, page1)
		}
	}
	all := normalise(runTool(t, pdftotext, file, "-"))
	if n := strings.Count(all, "Contact us"); n != 1 {
		t.Errorf("the contact details are set %d times; want once, on page 1", n)
	}
	at := 0
	for _, h := range []string{"Contact us", "What is Child Sexual Exploitation (CSE)?", "Recognise the signs of Child Sexual Exploitation", "CSE Assessment", "CSE - Toolkit for Professionals", "Tackling CSE Toolkit - how to use it", "Other languages", "Polski"} {
		i := strings.Index(all[at:], h)
		if i < 0 {
			t.Fatalf("%q missing or out of order after offset %d", h, at)
		}
		at += i + len(h)
	}
}

func TestEasyReadReadsInOrder(t *testing.T) {
	pdftotext := testtool.Need(t, "pdftotext", "poppler-utils")
	all := normalise(runTool(t, pdftotext, pdfFile(t, buildEdition(t, "en", "easy-read", 0)), "-"))
	at := 0
	for _, s := range []string{"Easy read", "About this leaflet", "What is CSE?", "Signs to look out for", "Help for people who work with children", "Contact us", "Phone us on 01604 364036"} {
		i := strings.Index(all[at:], s)
		if i < 0 {
			t.Fatalf("%q missing or out of order after offset %d in %q", s, at, all)
		}
		at += i + len(s)
	}
}

func TestFileNamesSayPaperAndSize(t *testing.T) {
	for _, tc := range []struct {
		job  Job
		req  Request
		want string
	}{
		{Job{Lang: "en", Edition: compose.TriFold}, Request{Paper: layout.A4}, "cse-en-trifold.pdf"},
		{Job{Lang: "en", Edition: compose.TriFold}, Request{Paper: layout.Letter}, "cse-en-trifold-letter.pdf"},
		{Job{Lang: "ur", Edition: compose.LargePrint}, Request{Paper: layout.A4}, "cse-ur-large-print.pdf"},
		{Job{Lang: "ur", Edition: compose.LargePrint}, Request{Paper: layout.A4, Size: 18}, "cse-ur-large-print.pdf"},
		{Job{Lang: "en", Edition: compose.LargePrint}, Request{Paper: layout.A4, Size: 24}, "cse-en-large-print-24pt.pdf"},
		{Job{Lang: "en", Edition: compose.EasyRead}, Request{Paper: layout.A4, Size: 20}, "cse-en-easy-read-20pt.pdf"},
		{Job{Lang: "en", Edition: compose.Screen}, Request{Paper: layout.A4}, "cse-en-screen.pdf"},
		{Job{Lang: "en", Edition: compose.Screen}, Request{Paper: layout.Letter}, "cse-en-screen.pdf"},
	} {
		if got := tc.job.Edition.FileName("cse", tc.job.Lang, tc.req.Settings()); got != tc.want {
			t.Errorf("got %s; want %s", got, tc.want)
		}
	}
}

func BenchmarkLargePrint(b *testing.B) {
	l := builtin(b)
	req := Request{Leaflet: l, Langs: []string{"en"}, Editions: []*compose.Edition{compose.LargePrint}, Paper: layout.A4}
	for i := 0; i < b.N; i++ {
		if _, ds := Run(b.Context(), req); ds.HasErrors() {
			b.Fatal(ds)
		}
	}
}

func BenchmarkEasyRead(b *testing.B) {
	l := builtin(b)
	req := Request{Leaflet: l, Langs: []string{"en"}, Editions: []*compose.Edition{compose.EasyRead}, Paper: layout.A4}
	for i := 0; i < b.N; i++ {
		if _, ds := Run(b.Context(), req); ds.HasErrors() {
			b.Fatal(ds)
		}
	}
}

func TestTriFoldDrawsNoTextBelow9pt(t *testing.T) {
	mutool := testtool.Need(t, "mutool", "mupdf-tools")
	for _, lang := range []string{"en", "ur", "pl", "zh-Hans"} {
		out := runTool(t, mutool, "trace", pdfFile(t, buildLang(t, lang, layout.A4)))
		n := 0
		for _, m := range trmRe.FindAllStringSubmatch(out, -1) {
			n++
			// the trm matrix's scale is the size the text is drawn at,
			// the languages offer's smallest among it
			if s, _ := strconv.ParseFloat(m[1], 64); s < 9-0.005 {
				t.Fatalf("%s: mutool traces text at %g pt; the tri-fold's smallest is 9 pt", lang, s)
			}
		}
		if n == 0 {
			t.Fatalf("%s: mutool traced no text", lang)
		}
	}
}
