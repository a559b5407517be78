// SPDX-License-Identifier: MIT

package pdfua

import (
	"bytes"
	"errors"
	"fmt"
	"leaflet/internal/testtool"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// check runs Check, skipping the test without qpdf (failing it in CI).
func check(t *testing.T, pdf []byte) *Report {
	t.Helper()
	testtool.Need(t, "qpdf", "qpdf")
	rep, err := Check(t.Context(), pdf)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestBuiltPDFsPassAndTheirQDFFormToo(t *testing.T) {
	for _, edition := range []string{"trifold", "easy-read"} {
		pdf := builtPDF(t, edition)
		rep := check(t, pdf)
		for _, p := range rep.Problems {
			t.Errorf("%s: %s", edition, p)
		}
		if rep.MCIDs == 0 || rep.Artifacts == 0 || len(rep.Elements) == 0 || rep.Links == 0 {
			t.Errorf("%s: %d MCIDs, %d artifacts, %d elements, %d links", edition, rep.MCIDs, rep.Artifacts, len(rep.Elements), rep.Links)
		}
		if edition == "easy-read" && rep.Figures == 0 {
			t.Errorf("%s: no figures", edition)
		}
		if len(rep.Headings) == 0 || rep.Headings[0] != "H1" {
			t.Errorf("%s: headings %v", edition, rep.Headings)
		}
		for _, el := range rep.Elements {
			if el.Lang != "en" && el.Lang != "pl" && el.Lang != "" {
				continue
			}
			if el.Page < 0 || el.X <= 0 || el.Y <= 0 || el.Text == "" && el.Alt == "" {
				t.Errorf("%s: element %+v has no place or no text", edition, el)
			}
		}
		// The file that qpdf rewrites as QDF and fix-qdf repairs, which
		// the negative tests edit, is the same document.
		again := check(t, fixQDF(t, toQDF(t, pdf)))
		for _, p := range again.Problems {
			t.Errorf("%s as QDF: %s", edition, p)
		}
		if !slices.Equal(again.Elements, rep.Elements) || !slices.Equal(again.Headings, rep.Headings) || again.MCIDs != rep.MCIDs {
			t.Errorf("%s: the QDF form reads differently:\n%v\n%v", edition, again.Elements, rep.Elements)
		}
	}
}

// A case is a corruption of a leaflet's QDF form and the problem the
// checker must report for it.
type corruption struct {
	name    string
	edition string
	// sel picks the object to edit (see qdfEdit): a page's content stream
	// by "%% Contents for page", others by a key of their dictionary.
	sel, re, with string
	want          string
}

var corruptions = []corruption{
	{"unmarked text", "trifold", "%% Contents for page", `/P <</MCID 0>> BDC\n((?s).*?)EMC\n`, "${1}",
		"text operations are neither tagged content nor an artifact"},
	{"unended sequence", "trifold", "%% Contents for page", `EMC\n`, "",
		"marked-content sequences are not ended"},
	{"nested artifact", "trifold", "%% Contents for page", `/P <</MCID 0>> BDC\n`, "/P <</MCID 0>> BDC\n/Artifact BMC\nEMC\n",
		"an artifact inside tagged content"},
	{"nested MCID", "trifold", "%% Contents for page", `/P <</MCID 0>> BDC\n`, "/P <</MCID 0>> BDC\n/Span <</MCID 99>> BDC\nEMC\n",
		"MCID 99 is nested in MCID 0"},
	{"MCID twice", "trifold", "%% Contents for page", `<</MCID 1>> BDC`, "<</MCID 0>> BDC",
		"MCID 0 is used twice"},
	{"unbalanced q", "trifold", "%% Contents for page", ` ET Q\n`, " ET\n",
		"q without Q"},
	{"notdef", "trifold", "%% Contents for page", `(Td \[?<)[0-9a-f]{4}`, "${1}0000",
		"draws .notdef (glyph 0)"},
	{"no text for a code", "trifold", "%% Contents for page", `(Td \[?<)[0-9a-f]{4}`, "${1}fffe",
		"codes its ToUnicode map gives no text for"},
	{"no ToUnicode", "trifold", "/Type /Font", `\n\s*/ToUnicode \d+ 0 R`, "",
		"has no ToUnicode map"},
	{"font not embedded", "trifold", "/Type /FontDescriptor", `/FontFile2`, "/FontFileX",
		"is not embedded"},
	{"skipped heading", "trifold", "/S /H2", `/S /H2`, "/S /H3",
		"heading H3 follows H1"},
	{"no H1", "trifold", "/S /H1", `/S /H1`, "/S /H2",
		"the first heading is H2"},
	{"unknown role", "trifold", "/S /P\n", `/S /P\n`, "/S /Para\n",
		`has role "Para", which is neither standard nor mapped`},
	{"wrong parent", "trifold", "/S /H1", `/P \d+ 0 R`, "/P 1 0 R",
		"has /P 1 0 R; its parent is object"},
	{"no figure alt", "easy-read", "/S /Figure", `\n\s*/Alt (<[^>]*>|\((?:[^()\\]|\\.)*\))`, "",
		"has no /Alt text"},
	{"no figure bbox", "easy-read", "/S /Figure", `/BBox`, "/BBoxX",
		"has no /BBox layout attribute"},
	{"no link contents", "trifold", "/Subtype /Link", `\n\s*/Contents \((?:[^()\\]|\\.)*\)`, "",
		"has no /Contents"},
	{"no OBJR", "trifold", "/S /Link", `\s*<<\s*/Obj \d+ 0 R\s*/Type /OBJR\s*>>`, "",
		"has no OBJR kid"},
	{"no tabs", "trifold", "/Tabs", `/Tabs /S`, "",
		"no /Tabs /S"},
	{"list of paragraphs", "trifold", "/S /LI", `/S /LI`, "/S /P",
		"a list holds LI elements"},
	{"untagged document", "trifold", "/MarkInfo", `/MarkInfo <<\s*/Marked true\s*>>`, "",
		"no /MarkInfo"},
	{"no pdfuaid", "trifold", "/Type /Metadata", `<pdfuaid:part>1</pdfuaid:part>`, "",
		"no pdfuaid:part 1"},
	{"no dc:title", "trifold", "/Type /Metadata", `<dc:title>`, "<dc:titleX>",
		"no dc:title"},
	{"parent tree", "trifold", "/Nums", `(\[\s*0\s*\[\s*)(\d+) 0 R(\s*)(\d+) 0 R`, "${1}${4} 0 R${3}${2} 0 R",
		"the parent tree gives MCID 0"},
	{"parent tree next key", "trifold", "/ParentTreeNextKey", `/ParentTreeNextKey \d+`, "/ParentTreeNextKey 1",
		"/ParentTreeNextKey 1 is not above the parent tree's keys"},
	{"no struct parents", "trifold", "/StructParents", `/StructParents`, "/StructParentsX",
		"has marked content but no /StructParents"},
	{"bad language", "trifold", "/Type /Catalog", `/Lang \(en\)`, "/Lang (e n)",
		"is not a language tag"},
	{"no language", "trifold", "/Type /Catalog", `/Lang \(en\)`, "",
		"the catalog has no /Lang"},
	{"old version", "trifold", "/Type /Catalog", `/Version /1.7`, "/Version /1.4",
		`PDF version is "1.4"`},
	{"no display doc title", "trifold", "/Type /Catalog", `/DisplayDocTitle true`, "/DisplayDocTitle false",
		"no /DisplayDocTitle true"},
	{"no title", "trifold", "/Producer", `\n\s*/Title (<[^>]*>|\((?:[^()\\]|\\.)*\))`, "",
		"the document information has no /Title"},
	{"no structure tree", "trifold", "/Type /Catalog", `/StructTreeRoot`, "/StructTreeRootX",
		"the catalog has no /StructTreeRoot"},
}

func TestCheckerFindsProblems(t *testing.T) {
	testtool.Need(t, "qpdf", "qpdf")
	testtool.Need(t, "fix-qdf", "qpdf")
	qdfs := map[string][]byte{}
	for _, tc := range corruptions {
		t.Run(tc.name, func(t *testing.T) {
			qdf, ok := qdfs[tc.edition]
			if !ok {
				qdf = toQDF(t, builtPDF(t, tc.edition))
				qdfs[tc.edition] = qdf
			}
			edited := qdfEdit(t, qdf, tc.sel, tc.re, tc.with)
			rep := check(t, fixQDF(t, edited))
			if !strings.Contains(strings.Join(rep.Problems, "\n"), tc.want) {
				t.Errorf("the checker does not say %q; it says:\n%s", tc.want, strings.Join(rep.Problems, "\n"))
			}
		})
	}
}

func TestCheckerReportsQpdfWarnings(t *testing.T) {
	pdf := bytes.Clone(builtPDF(t, "trifold"))
	// the first stream's length one byte short, written as wide: qpdf
	// finds no endstream where the length ends, recovers the length, and
	// warns
	rx := regexp.MustCompile(`/Length (\d+)`)
	loc := rx.FindSubmatchIndex(pdf)
	if loc == nil {
		t.Fatal("the PDF has no stream with a direct /Length")
	}
	n, _ := strconv.Atoi(string(pdf[loc[2]:loc[3]]))
	pdf = slices.Concat(pdf[:loc[2]], fmt.Appendf(nil, "%*d", loc[3]-loc[2], n-1), pdf[loc[3]:])
	rep := check(t, pdf)
	if !strings.Contains(strings.Join(rep.Problems, "\n"), "qpdf warns: (object") ||
		!strings.Contains(strings.Join(rep.Problems, "\n"), "recover stream length") {
		t.Errorf("qpdf's warnings are not reported; the problems are:\n%s", strings.Join(rep.Problems, "\n"))
	}
	for _, p := range rep.Problems {
		if strings.Contains(p, "pdfua-") {
			t.Errorf("a problem names the temporary file: %s", p)
		}
	}
}

func TestCheckErrors(t *testing.T) {
	testtool.Need(t, "qpdf", "qpdf")
	if _, err := Check(t.Context(), []byte("not a PDF")); err == nil || !strings.Contains(err.Error(), "qpdf") {
		t.Errorf("a file that is no PDF gives %v, want qpdf's error", err)
	}
	t.Setenv("PATH", t.TempDir())
	if _, err := Check(t.Context(), builtPDF(t, "trifold")); !errors.Is(err, ErrNoQpdf) {
		t.Errorf("without qpdf Check gives %v, want ErrNoQpdf", err)
	}
}
