// SPDX-License-Identifier: MIT

package output

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"leaflet/content"
	"leaflet/fonts"
	"leaflet/internal/pdfua"
	"leaflet/layout"
	"leaflet/layout/text"
)

var testFace = sync.OnceValue(func() *fonts.Face {
	set, err := fonts.Embedded()
	if err != nil {
		panic(err)
	}
	return set.Text(false)
})

// run returns a glyph run for planTags, which looks at positions only.
func run(x, w, y float64, rtl bool, txt string, elem int, link string) *layout.GlyphRun {
	return &layout.GlyphRun{X: x, Y: y, Width: w, RTL: rtl, Text: txt, Role: layout.RoleParagraph, Elem: elem, Link: link,
		Face: testFace(), Size: 10}
}

func TestPlanTagsOrdersRunsAndTiesLinks(t *testing.T) {
	res := &layout.Result{
		Lang: "ar",
		Elems: []layout.Elem{
			{Role: layout.RoleParagraph, Parent: -1},
			{Role: layout.RoleList, Parent: -1},
			{Role: layout.RoleListItem, Parent: 1},
			{Role: layout.RoleListBody, Parent: 2},
			{Role: layout.RoleListLabel, Parent: 2},
			{Role: layout.RoleParagraph, Parent: 1, Lang: "en"}, // a P directly in a list
			{Role: layout.RoleHeading, Parent: -1},              // no content: left out
		},
		Pages: []layout.Page{{Size: layout.Size{W: 500, H: 800}, Items: []layout.Item{
			&layout.Box{Rect: layout.Rect{X: 0, Y: 0, W: 10, H: 10}, Role: layout.RoleArtifact},
			// one right-to-left line in logical order, as layout gives
			// it: two Arabic runs with an email between them, drawn
			// from the right
			run(230, 40, 100, true, "راسلنا ", 0, ""),
			run(150, 80, 100, false, "a@b.org", 0, "mailto:a@b.org"),
			run(100, 50, 100, true, "بريد ", 0, ""),
			// the next line, which continues the marked sequence
			run(200, 70, 120, true, "شكرا", 0, ""),
			run(280, 10, 140, false, "•", 4, ""),
			run(300, 50, 140, false, "item", 3, ""),
			run(100, 50, 160, false, "English ", 5, ""),
			run(150, 50, 160, false, "line", 5, ""),
			&layout.GlyphRun{Text: "1", Role: layout.RoleArtifact, Elem: -1},
		}}},
	}
	p, err := planTags(res)
	if err != nil {
		t.Fatal(err)
	}
	var marks []string
	for _, m := range p.marks[0] {
		marks = append(marks, m.begin())
	}
	want := []string{"/Artifact BMC", "/P <</MCID 0>> BDC", "/Link <</MCID 1>> BDC", "/P <</MCID 2>> BDC", "/P <</MCID 2>> BDC",
		"/Lbl <</MCID 3>> BDC", "/LBody <</MCID 4>> BDC", "/LBody <</MCID 5>> BDC", "/LBody <</MCID 5>> BDC", "/Artifact BMC"}
	if strings.Join(marks, "|") != strings.Join(want, "|") {
		t.Errorf("marks:\n got %q\nwant %q", marks, want)
	}
	var tree strings.Builder
	var dump func(n, depth int)
	dump = func(n, depth int) {
		nd := p.nodes[n]
		fmt.Fprintf(&tree, "%s%s", strings.Repeat(" ", depth), nd.role)
		if nd.lang != "" {
			fmt.Fprintf(&tree, " lang=%s", nd.lang)
		}
		for _, k := range nd.kids {
			if k.node < 0 {
				fmt.Fprintf(&tree, " %d", k.mcid)
			}
		}
		for _, a := range nd.annots {
			fmt.Fprintf(&tree, " annot%d", p.annots[a].index)
		}
		tree.WriteString("\n")
		for _, k := range nd.kids {
			if k.node >= 0 {
				dump(k.node, depth+1)
			}
		}
	}
	dump(0, 0)
	wantTree := `Document
 P 0 2
  Link 1 annot0
 L
  LI
   Lbl 3
   LBody 4
  LI
   LBody lang=en 5
`
	if tree.String() != wantTree {
		t.Errorf("tree:\n%s\nwant:\n%s", tree.String(), wantTree)
	}
	// the Link comes between the P's MCIDs, in logical order
	var order []string
	for _, k := range p.nodes[1].kids {
		if k.node >= 0 {
			order = append(order, p.nodes[k.node].role)
		} else {
			order = append(order, strconv.Itoa(k.mcid))
		}
	}
	if got := strings.Join(order, " "); got != "0 Link 2" {
		t.Errorf("P's kids: %s, want 0 Link 2", got)
	}
	if got := linkContents(p.nodes[p.annots[0].node]); got != "a@b.org" {
		t.Errorf("link contents %q", got)
	}
	if p.parents[0][1] != p.annots[0].node {
		t.Error("the Link's MCID does not have the Link as parent")
	}
}

func TestPlanTagsRefusesWhatCannotBeTagged(t *testing.T) {
	page := func(items ...layout.Item) []layout.Page {
		return []layout.Page{{Size: layout.Size{W: 100, H: 100}, Items: items}}
	}
	for _, tc := range []struct {
		res  layout.Result
		want string
	}{
		{layout.Result{Elems: []layout.Elem{{Role: "Para", Parent: -1}}}, "not a standard PDF 1.7 structure type"},
		{layout.Result{Elems: []layout.Elem{{Role: "P", Parent: 0}}}, "parents must come before"},
		{layout.Result{Pages: page(run(0, 1, 1, false, "x", -1, ""))}, "no structure element"},
		{layout.Result{Pages: page(&layout.GlyphRun{Text: "x", Role: layout.RoleArtifact, Elem: -1, Link: "https://x"})}, "artifact with a link"},
	} {
		if _, err := planTags(&tc.res); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("got %v, want an error saying %q", err, tc.want)
		}
	}
}

func TestPDFTextString(t *testing.T) {
	for in, want := range map[string]string{
		"en":           "(en)",
		"a (b) \\ c":   `(a \(b\) \\ c)`,
		"شكرا":         "(\xfe\xff\x064\x06C\x061\x06')",
		"x\u00e9":      "(\xfe\xff\x00x\x00\xe9)",
		"\U0001F600 a": "(\xfe\xff\xd8=\xde\x00\x00 \x00a)",
		"\u010d\u0a29": "(\xfe\xff\x01\\r\\n\\))", // CR, LF and ')' bytes escaped
	} {
		if got := pdfTextString(in); got != want {
			t.Errorf("%q: got %s, want %s", in, got, want)
		}
	}
}

var (
	builtinOnce sync.Once
	builtinL    *content.Leaflet
	builtinSet  *fonts.Set
	builtinErr  error
)

// editions are the editions the tests lay out, with their text families.
var editions = []struct {
	name string
	ed   interface {
		Layout(*content.Document, *fonts.Set, *text.Shaper) (*layout.Result, content.Diagnostics)
	}
	family string
}{
	{"trifold", layout.NewTriFold(layout.A4), "NotoSans"},
	{"large-print", layout.NewLargePrint(layout.LargePrintDefault), layout.NewLargePrint(layout.LargePrintDefault).Family()},
	{"easy-read", layout.NewEasyRead(layout.EasyReadDefault), layout.NewEasyRead(layout.EasyReadDefault).Family()},
}

// layoutBuiltin lays out the built-in leaflet in a language and edition.
func layoutBuiltin(t testing.TB, lang string, edition int) *layout.Result {
	t.Helper()
	builtinOnce.Do(func() {
		var ds content.Diagnostics
		builtinL, ds = content.Load(content.Builtin(), "", content.DefaultLeaflet)
		if ds.HasErrors() {
			builtinErr = ds
			return
		}
		builtinSet, builtinErr = fonts.Embedded()
	})
	if builtinErr != nil {
		t.Fatal(builtinErr)
	}
	doc, ds := builtinL.Localize(lang)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	e := editions[edition]
	set := builtinSet.WithText(e.family)
	res, ds := e.ed.Layout(doc, set, text.NewShaper(set))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return res
}

var testDate = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func tagged(t testing.TB, lang string, edition int) []byte {
	t.Helper()
	pdf, err := PDF(layoutBuiltin(t, lang, edition), Options{Date: testDate, Creator: "leaflet"})
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

func TestXMPIsDeterministicAndComplete(t *testing.T) {
	res := &layout.Result{Title: "A & B <title>", Author: "Org", Subject: "Sub", Lang: "ur"}
	a := xmpMetadata(res, Options{Date: testDate, Creator: "leaflet"})
	b := xmpMetadata(res, Options{Date: testDate, Creator: "leaflet"})
	if !bytes.Equal(a, b) {
		t.Fatal("two packets differ")
	}
	for _, want := range []string{"<pdfuaid:part>1</pdfuaid:part>", `<rdf:li xml:lang="x-default">A &amp; B &lt;title&gt;</rdf:li>`,
		"<xmp:CreateDate>2026-01-02T03:04:05Z</xmp:CreateDate>", "<rdf:li>ur</rdf:li>", `<?xpacket end="w"?>`} {
		if !bytes.Contains(a, []byte(want)) {
			t.Errorf("XMP lacks %s:\n%s", want, a)
		}
	}
	if bytes.Contains(xmpMetadata(res, Options{}), []byte("Date")) {
		t.Error("XMP without a date has dates")
	}
}

func TestTaggedPDFPassesTheChecker(t *testing.T) {
	for ei, e := range editions {
		for _, lang := range []string{"en", "ur"} {
			rep, err := pdfua.Check(t.Context(), tagged(t, lang, ei))
			if errors.Is(err, pdfua.ErrNoQpdf) {
				skipWithoutQpdf(t)
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range rep.Problems {
				t.Errorf("%s %s: %s", lang, e.name, p)
			}
			if rep.MCIDs == 0 || rep.Artifacts == 0 || len(rep.Elements) == 0 {
				t.Errorf("%s %s: %d MCIDs, %d artifacts, %d elements", lang, e.name, rep.MCIDs, rep.Artifacts, len(rep.Elements))
			}
		}
	}
}

func TestTaggedPDFIsReproducible(t *testing.T) {
	for ei := range editions {
		a, b := tagged(t, "ar", ei), tagged(t, "ar", ei)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two writes differ", editions[ei].name)
		}
	}
}

// TestTaggingSize checks what tagging adds to each edition, over every
// shipped language: bytes against the same document written untagged,
// aimed under 10 %, checked against 15 % (the structure tree, its marks
// and the XMP metadata, which is not compressed); BenchmarkTagging holds
// the time.
func TestTaggingSize(t *testing.T) {
	langs := []string{"en", "ar", "bn", "ckb", "fa", "lt", "pa", "pl", "ro", "ti", "uk", "ur", "zh-Hans"}
	opt := Options{Date: testDate, Creator: "leaflet"}
	for ei, e := range editions {
		var plain, tag int
		worst, worstLang := 0.0, ""
		for _, lang := range langs {
			res := layoutBuiltin(t, lang, ei)
			a, err := untaggedPDF(res, opt)
			if err != nil {
				t.Fatal(err)
			}
			b, err := PDF(res, opt)
			if err != nil {
				t.Fatal(err)
			}
			plain, tag = plain+len(a), tag+len(b)
			if r := float64(len(b)-len(a)) / float64(len(a)); r > worst {
				worst, worstLang = r, lang
			}
		}
		n := float64(len(langs))
		t.Logf("%-11s untagged %6.1f KB, tagged %6.1f KB: +%4.1f KB, +%4.1f%% (most: +%.1f%%, %s)",
			e.name, float64(plain)/1024/n, float64(tag)/1024/n, float64(tag-plain)/1024/n, 100*float64(tag-plain)/float64(plain), 100*worst, worstLang)
		if worst > 0.15 {
			t.Errorf("%s: tagging adds %.1f%% to the %s document; the target is under 10%%", e.name, 100*worst, worstLang)
		}
	}
}

func BenchmarkTagging(b *testing.B) {
	for ei, e := range editions {
		res := layoutBuiltin(b, "en", ei)
		opt := Options{Date: testDate, Creator: "leaflet"}
		for _, w := range []struct {
			tagged bool
			write  func(*layout.Result, Options) ([]byte, error)
		}{{false, untaggedPDF}, {true, PDF}} {
			b.Run(fmt.Sprintf("%s/tagged=%v", e.name, w.tagged), func(b *testing.B) {
				for b.Loop() {
					if _, err := w.write(res, opt); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// untaggedPDF writes the document as PDF does but untagged, with fpdf's
// link annotations: only for measuring what tagging costs.
func untaggedPDF(res *layout.Result, opt Options) ([]byte, error) {
	doc, fo, err := renderPDF(res, opt, nil)
	if err != nil {
		return nil, err
	}
	return finish(doc, fo, nil)
}

// skipWithoutQpdf skips a test that reads a PDF through qpdf when qpdf is
// missing, and fails it in CI.
func skipWithoutQpdf(t *testing.T) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal("qpdf is missing in CI: .ci/run must install the Debian package qpdf")
	}
	t.Skip("qpdf not installed (Debian package qpdf): skipping the PDF/UA check")
}

func TestPDFNumIsTheShortestFormOfTheHundredths(t *testing.T) {
	old := func(v float64) string {
		s := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
		if s == "-0" {
			s = "0"
		}
		return s
	}
	vs := []float64{0, math.Copysign(0, -1), 0.004, -0.004, 0.005, -0.005, 1, -1, 0.1, 0.25, -12.5, 595.28, 841.89, 1e9 + 0.01, 1e15, -1e17, 123456.789, math.Inf(1), math.NaN()}
	r := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		vs = append(vs, (r.Float64()-0.5)*2000, float64(r.IntN(200000)-100000)/100)
	}
	for _, v := range vs {
		if got, want := pdfNum(v), old(v); got != want {
			t.Errorf("pdfNum(%v) = %q; want %q", v, got, want)
		}
	}
}
