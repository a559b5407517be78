// SPDX-License-Identifier: MIT

package output

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"leaflet/content"
	"leaflet/fonts"
	"leaflet/layout"
	"leaflet/layout/text"
)

func refsOf(refs []itemRef) string {
	var s []string
	for _, r := range refs {
		s = append(s, strconv.Itoa(r.item))
	}
	return strings.Join(s, " ")
}

func TestReorderByLevelsGivesLogicalOrder(t *testing.T) {
	for _, tc := range []struct {
		levels []int
		want   string // the logical order of items 0… given in visual order
	}{
		{[]int{0, 0, 0}, "0 1 2"},
		{[]int{1, 1, 1}, "2 1 0"},
		// left to right with an Arabic stretch of two runs
		{[]int{0, 1, 1, 0}, "0 2 1 3"},
		// right to left with a number (level 2) inside
		{[]int{1, 2, 1}, "2 1 0"},
		// right to left with an English name of two runs: they keep
		// their order
		{[]int{1, 2, 2, 1}, "3 1 2 0"},
	} {
		refs := make([]itemRef, len(tc.levels))
		for i := range refs {
			refs[i] = itemRef{0, i}
		}
		reorderByLevels(refs, append([]int(nil), tc.levels...))
		if got := refsOf(refs); got != tc.want {
			t.Errorf("levels %v: got %s, want %s", tc.levels, got, tc.want)
		}
	}
}

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
			{Role: "L", Parent: -1},
			{Role: "LI", Parent: 1},
			{Role: layout.RoleListBody, Parent: 2},
			{Role: layout.RoleListLabel, Parent: 2},
			{Role: layout.RoleParagraph, Parent: 1, Lang: "en"}, // a P directly in a list
			{Role: layout.RoleHeading, Parent: -1},              // no content: left out
		},
		Pages: []layout.Page{{Size: layout.Size{W: 500, H: 800}, Items: []layout.Item{
			&layout.Box{Rect: layout.Rect{X: 0, Y: 0, W: 10, H: 10}, Role: layout.RoleArtifact},
			// one right-to-left line in visual order: an email (level 2)
			// between two Arabic runs; the logical order is 3, 2, 1
			run(100, 50, 100, true, "بريد ", 0, ""),
			run(150, 80, 100, false, "a@b.org", 0, "mailto:a@b.org"),
			run(230, 40, 100, true, "راسلنا ", 0, ""),
			// the next line
			run(200, 70, 120, true, "شكرا", 0, ""),
			run(300, 50, 140, false, "item", 3, ""),
			run(280, 10, 140, false, "•", 4, ""),
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
	want := []string{"/Artifact BMC", "/P <</MCID 0>> BDC", "/Link <</MCID 1>> BDC", "/P <</MCID 2>> BDC", "/P <</MCID 3>> BDC",
		"/LBody <</MCID 4>> BDC", "/Lbl <</MCID 5>> BDC", "/LBody <</MCID 6>> BDC", "/LBody <</MCID 6>> BDC", "/Artifact BMC"}
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
 P 2 0 3
  Link 1 annot0
 L
  LI
   Lbl 5
   LBody 4
  LI
   LBody lang=en 6
`
	if tree.String() != wantTree {
		t.Errorf("tree:\n%s\nwant:\n%s", tree.String(), wantTree)
	}
	// the Link's kids come between the P's MCIDs in logical order
	var order []string
	for _, k := range p.nodes[1].kids {
		if k.node >= 0 {
			order = append(order, p.nodes[k.node].role)
		} else {
			order = append(order, strconv.Itoa(k.mcid))
		}
	}
	if got := strings.Join(order, " "); got != "2 Link 0 3" {
		t.Errorf("P's kids: %s, want 2 Link 0 3", got)
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
		if got := decodeTextString(mustLex(t, pdfTextString(in))); got != in {
			t.Errorf("%q reads back as %q", in, got)
		}
	}
}

func mustLex(t *testing.T, s string) string {
	t.Helper()
	tok, err := (&csLexer{b: []byte(s)}).next()
	if err != nil || tok.kind != 's' {
		t.Fatalf("%s: %v", s, err)
	}
	return tok.str
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
			rep, err := CheckTagged(tagged(t, lang, ei))
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

// edit applies fn to a PDF through the editor and returns the result.
func edit(t *testing.T, pdf []byte, fn func(e *pdfEditor)) []byte {
	t.Helper()
	e, err := newPDFEditor(pdf)
	if err != nil {
		t.Fatal(err)
	}
	fn(e)
	return e.Bytes()
}

// replaceIn replaces the first match of re in the objects of e that match
// sel (an object's bytes), or in page content streams when stream is set.
func replaceIn(t *testing.T, e *pdfEditor, sel, re, with string, stream bool) {
	t.Helper()
	pages, err := pdfPages(e)
	if err != nil {
		t.Fatal(err)
	}
	rx := regexp.MustCompile(re)
	if stream {
		for _, p := range pages {
			body, _ := e.Object(p)
			n, _ := pdfParseRef(rawGet(body, "Contents"))
			dict, data, err := e.Stream(n)
			if err != nil {
				t.Fatal(err)
			}
			if loc := rx.FindSubmatchIndex(data); loc != nil {
				data = append(rx.Expand(bytes.Clone(data[:loc[0]]), []byte(with), data, loc), data[loc[1]:]...)
				s, err := pdfMakeStream(dict, data, true)
				if err != nil {
					t.Fatal(err)
				}
				e.Replace(n, s)
				return
			}
		}
		t.Fatalf("no content stream matches %s", re)
	}
	for _, n := range e.Objects() {
		body, _ := e.Object(n)
		if !strings.Contains(string(body), sel) || bytes.Contains(body, []byte("stream")) && !strings.Contains(sel, "Metadata") {
			continue
		}
		if loc := rx.FindSubmatchIndex(body); loc != nil {
			e.Replace(n, append(rx.Expand(bytes.Clone(body[:loc[0]]), []byte(with), body, loc), body[loc[1]:]...))
			return
		}
	}
	t.Fatalf("no object with %q matches %s", sel, re)
}

func TestCheckerFindsProblems(t *testing.T) {
	en := tagged(t, "en", 0)
	er := tagged(t, "en", 2)
	for _, tc := range []struct {
		name string
		pdf  []byte
		edit func(e *pdfEditor)
		want string
	}{
		{"unmarked text", en, func(e *pdfEditor) {
			replaceIn(t, e, "", `/P <</MCID 0>> BDC\n((?s).*?)EMC\n`, "${1}", true)
		}, "text operations are neither tagged content nor an artifact"},
		{"unended sequence", en, func(e *pdfEditor) {
			replaceIn(t, e, "", `EMC\n`, "", true)
		}, "marked-content sequences are not ended"},
		{"nested artifact", en, func(e *pdfEditor) {
			replaceIn(t, e, "", `/P <</MCID 0>> BDC\n`, "/P <</MCID 0>> BDC\n/Artifact BMC EMC\n", true)
		}, "an artifact inside tagged content"},
		{"notdef", en, func(e *pdfEditor) {
			replaceIn(t, e, "", `Td \(\x00[^\x00]`, "Td (\x00\x00", true)
		}, "draws .notdef (glyph 0)"},
		{"skipped heading", en, func(e *pdfEditor) {
			replaceIn(t, e, "/S /H2", `/S /H2`, "/S /H3", false)
		}, "heading H3 follows H1"},
		{"no H1", en, func(e *pdfEditor) {
			replaceIn(t, e, "/S /H1", `/S /H1`, "/S /H2", false)
		}, "the first heading is H2"},
		{"no figure alt", er, func(e *pdfEditor) {
			replaceIn(t, e, "/S /Figure", ` /Alt (<[^>]*>|\([^)]*\))`, "", false)
		}, "has no /Alt text"},
		{"no link contents", en, func(e *pdfEditor) {
			replaceIn(t, e, "/Subtype /Link", `/Contents \([^)]*\)`, "", false)
		}, "has no /Contents"},
		{"no OBJR", en, func(e *pdfEditor) {
			replaceIn(t, e, "/S /Link", ` <</Type /OBJR /Obj \d+ 0 R>>`, "", false)
		}, "has no OBJR kid"},
		{"no tabs", en, func(e *pdfEditor) {
			replaceIn(t, e, "/Tabs", `/Tabs /S`, "", false)
		}, "no /Tabs /S"},
		{"list of paragraphs", en, func(e *pdfEditor) {
			replaceIn(t, e, "/S /LI", `/S /LI`, "/S /P", false)
		}, "a list holds LI elements"},
		{"untagged document", en, func(e *pdfEditor) {
			replaceIn(t, e, "/MarkInfo", `/MarkInfo <</Marked true>>`, "", false)
		}, "no /MarkInfo"},
		{"no pdfuaid", en, func(e *pdfEditor) {
			replaceIn(t, e, "/Metadata", `<pdfuaid:part>1</pdfuaid:part>`, "", false)
		}, "no pdfuaid:part 1"},
		{"parent tree", en, func(e *pdfEditor) {
			replaceIn(t, e, "/Nums", `\[(\d+) 0 R (\d+) 0 R`, "[$2 0 R $1 0 R", false)
		}, "the parent tree gives MCID 0"},
		{"bad language", en, func(e *pdfEditor) {
			replaceIn(t, e, "/Type /Catalog", `/Lang \(en\)`, "/Lang (e n)", false)
		}, "is not a language tag"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := CheckTagged(edit(t, tc.pdf, tc.edit))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.Join(rep.Problems, "\n"), tc.want) {
				t.Errorf("the checker does not say %q; it says:\n%s", tc.want, strings.Join(rep.Problems, "\n"))
			}
		})
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

// TestTaggingCost measures what tagging adds to each edition, over every
// shipped language: bytes and time against the same document written
// untagged. The target is under 10% and under 2 ms a document. Sizes are
// checked against a looser bound that catches regressions (an incremental
// update needs an indirect object and a cross-reference entry for every
// structure element and annotation and a copy of every page dictionary,
// which puts the leaflets near 10%); times are only reported, being the
// machine's. Each stage is timed on its own, the fastest of several
// interleaved runs: planning, fpdf's writing with and without the marks,
// and the finishing update with and without the structure tree.
func TestTaggingCost(t *testing.T) {
	if testing.Short() {
		t.Skip("measurement")
	}
	langs := []string{"en", "ar", "bn", "ckb", "fa", "lt", "pa", "pl", "ro", "ti", "uk", "ur", "zh-Hans"}
	opt := Options{Date: testDate, Creator: "leaflet"}
	fastest := func(d *time.Duration, f func() error) {
		start := time.Now()
		if err := f(); err != nil {
			t.Fatal(err)
		}
		*d = min(*d, time.Since(start))
	}
	for ei, e := range editions {
		var plain, tag int
		var dPlan, dRender, dFinish time.Duration
		worst, worstLang := 0.0, ""
		for _, lang := range langs {
			res := layoutBuiltin(t, lang, ei)
			var (
				plan         *tagPlan
				rawU, rawT   []byte
				foU, foT     finishOptions
				a, b         []byte
				tPlan        = time.Hour
				tRenU, tRenT = time.Hour, time.Hour
				tFinU, tFinT = time.Hour, time.Hour
			)
			for range 7 {
				fastest(&tPlan, func() (err error) { plan, err = planTags(res); return })
				fastest(&tRenU, func() (err error) { rawU, foU, err = renderPDF(res, opt, nil); return })
				fastest(&tRenT, func() (err error) { rawT, foT, err = renderPDF(res, opt, plan); return })
				fastest(&tFinU, func() (err error) { a, err = finishPDF(rawU, foU); return })
				fastest(&tFinT, func() (err error) { b, err = finishTagged(rawT, foT, plan); return })
			}
			dPlan, dRender, dFinish = dPlan+tPlan, dRender+tRenT-tRenU, dFinish+tFinT-tFinU
			plain, tag = plain+len(a), tag+len(b)
			if r := float64(len(b)-len(a)) / float64(len(a)); r > worst {
				worst, worstLang = r, lang
			}
		}
		n := float64(len(langs))
		ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / n }
		t.Logf("%-11s untagged %6.1f KB, tagged %6.1f KB: +%4.1f KB, +%4.1f%% (most: +%.1f%%, %s); time a document: %.2f ms planning, %+.2f ms writing the marks, %+.2f ms the structure tree: %+.2f ms",
			e.name, float64(plain)/1024/n, float64(tag)/1024/n, float64(tag-plain)/1024/n, 100*float64(tag-plain)/float64(plain),
			100*worst, worstLang, ms(dPlan), ms(dRender), ms(dFinish), ms(dPlan+dRender+dFinish))
		if worst > 0.15 {
			t.Errorf("%s: tagging adds %.1f%% to the %s document; the target is under 10%%", e.name, 100*worst, worstLang)
		}
	}
}

func BenchmarkTagging(b *testing.B) {
	for ei, e := range editions {
		res := layoutBuiltin(b, "en", ei)
		opt := Options{Date: testDate, Creator: "leaflet"}
		for _, tg := range []bool{false, true} {
			b.Run(fmt.Sprintf("%s/tagged=%v", e.name, tg), func(b *testing.B) {
				for b.Loop() {
					if _, err := writePDF(res, opt, tg); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
