// SPDX-License-Identifier: MIT

package build

// Tests of the tagged PDF (PDF/UA-1) of every language and edition: the
// PDF/UA-1 checker (internal/pdfua, which reads the file through qpdf), and
// real clients — pdfinfo, qpdf and pdf.js.

import (
	"bytes"
	"encoding/json"
	"leaflet/compose"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"leaflet/internal/pdfua"
	"leaflet/internal/testtool"
	"leaflet/layout"
)

var (
	allOnce sync.Once
	allOuts []Output
	allErr  string
)

// buildAll builds every language and edition of the built-in leaflet once
// for the tests of this file.
func buildAll(t *testing.T) []Output {
	t.Helper()
	allOnce.Do(func() {
		outs, ds := Run(t.Context(), Request{Leaflet: builtin(t), Paper: layout.A4})
		if ds.HasErrors() {
			allErr = ds.Error()
		}
		allOuts = outs
	})
	if allErr != "" {
		t.Fatal(allErr)
	}
	return allOuts
}

// squash removes white space, for comparing text across line breaks (the
// clients differ in what they make of a line's end).
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// panelOf returns the rank in reading order of the tri-fold panel that
// holds the point x (PDF coordinates) on the page, and the panel.
func panelOf(imp layout.Imposition, page int, x float64) (int, layout.Panel) {
	for i, panel := range layout.Panels {
		p := imp[panel]
		if p.Page == page && x >= p.Area.X-0.5 && x < p.Area.X+p.Area.W+0.5 {
			return i, panel
		}
	}
	return -1, 0
}

// checkTagged checks a PDF with the PDF/UA-1 checker. The checker reads the
// file through qpdf: without it the test is skipped, in CI it fails.
func checkTagged(t *testing.T, pdf []byte) *pdfua.Report {
	t.Helper()
	testtool.Need(t, "qpdf", "qpdf")
	rep, err := pdfua.Check(pdf)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestTaggedPDFsPassTheChecker(t *testing.T) {
	testtool.Need(t, "qpdf", "qpdf")
	l := builtin(t)
	letter, ds := Run(t.Context(), Request{Leaflet: l, Langs: []string{"en", "ar"}, Editions: []*compose.Edition{compose.TriFold}, Paper: layout.Letter})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	for _, o := range append(buildAll(t), letter...) {
		paper := layout.A4
		if strings.Contains(o.Name, "-letter") {
			paper = layout.Letter
		}
		t.Run(strings.TrimSuffix(o.Name, ".pdf"), func(t *testing.T) {
			rep := checkTagged(t, o.Data)
			for _, p := range rep.Problems {
				t.Errorf("%s: %s", o.Name, p)
			}
			// Passages in another language need a /Lang of their own,
			// which only layout can give: reported, not failed.
			for _, m := range rep.LangMismatches {
				t.Logf("%s: %s", o.Name, m)
			}
			if len(rep.Elements) == 0 || rep.MCIDs == 0 {
				t.Fatalf("%s: no tagged content", o.Name)
			}
			if len(rep.Headings) == 0 || rep.Headings[0] != "H1" {
				t.Errorf("%s: headings %v do not start with the title's H1", o.Name, rep.Headings)
			}
			doc, ds := l.Localize(o.Lang)
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			// the title is the first heading, among the first elements
			for i, el := range rep.Elements {
				if el.Role == "H1" {
					if squash(el.Text) == "" || i > 2 {
						t.Errorf("%s: the title is element %d, %q", o.Name, i, el.Text)
					}
					break
				}
			}
			if o.Edition != compose.TriFold {
				// page editions: the structure goes through the pages in order
				last := 0
				for _, el := range rep.Elements {
					if el.Page < last {
						t.Errorf("%s: %s %q on page %d comes after content of page %d", o.Name, el.Role, el.Text, el.Page+1, last+1)
					}
					last = max(last, el.Page)
				}
				return
			}
			// The tri-fold reads front cover, inside left, middle, fold-in,
			// flap, back cover, whatever the sheet's order.
			imp := layout.NewTriFold(paper).Imposition(doc.RTL)
			rank, where := 0, layout.FrontCover
			for i, el := range rep.Elements {
				r, name := panelOf(imp, el.Page, el.X)
				if r < 0 {
					t.Errorf("%s: %s %q at page %d x %.1f is on no panel", o.Name, el.Role, el.Text, el.Page+1, el.X)
					continue
				}
				if i == 0 && r != 0 {
					t.Errorf("%s: the first element, %s %q, is on the %s, not the front cover", o.Name, el.Role, el.Text, name)
				}
				if r < rank {
					t.Errorf("%s: %s %q on the %s comes after content of the %s", o.Name, el.Role, el.Text, name, where)
				}
				rank, where = max(rank, r), name
			}
			if where != layout.BackCover {
				t.Errorf("%s: the structure ends on the %s, not the back cover", o.Name, where)
			}
		})
	}
}

func TestTaggedPDFsAreReproducible(t *testing.T) {
	req := Request{Leaflet: builtin(t), Langs: []string{"en", "ar", "zh-Hans"}, Paper: layout.A4}
	a, ds := Run(t.Context(), req)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	b, _ := Run(t.Context(), req)
	if len(a) != len(b) || len(a) == 0 {
		t.Fatalf("%d and %d outputs", len(a), len(b))
	}
	for i := range a {
		if !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("%s: two builds differ", a[i].Name)
		}
	}
}

// structText parses `pdfinfo -struct-text`: the text of each block-level
// element, with the text of inline elements (Link) inside it, in order.
func structText(out string) []string {
	type open struct {
		indent int
		block  int // index into texts; -1 for elements without text of their own
		inline bool
	}
	var (
		texts []string
		stack []open
	)
	for _, line := range strings.Split(out, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		indent := len(line) - len(trimmed)
		if trimmed == "" || strings.HasPrefix(trimmed, "Object ") {
			continue
		}
		for len(stack) > 0 && stack[len(stack)-1].indent >= indent {
			stack = stack[:len(stack)-1]
		}
		if strings.HasPrefix(trimmed, `"`) {
			// the nearest block element gets the text
			for i := len(stack) - 1; i >= 0; i-- {
				if !stack[i].inline {
					if stack[i].block < 0 {
						texts = append(texts, "")
						stack[i].block = len(texts) - 1
					}
					texts[stack[i].block] += strings.TrimSuffix(strings.TrimPrefix(trimmed, `"`), `"`)
					break
				}
			}
			continue
		}
		stack = append(stack, open{indent: indent, block: -1, inline: strings.HasSuffix(trimmed, "(inline)")})
	}
	return texts
}

func TestTaggedPDFsWithPdfinfo(t *testing.T) {
	pdfinfo := testtool.Need(t, "pdfinfo", "poppler-utils")
	for _, o := range buildAll(t) {
		if o.Lang != "en" && o.Lang != "ar" && o.Lang != "ur" {
			continue
		}
		t.Run(o.Edition.Name+"/"+o.Lang, func(t *testing.T) {
			file := pdfFile(t, o)
			info := runTool(t, pdfinfo, file)
			for _, want := range []string{"Tagged:          yes", "PDF version:     1.7"} {
				if !strings.Contains(info, want) {
					t.Errorf("%s: pdfinfo lacks %q:\n%s", o.Name, want, info)
				}
			}
			got := structText(runTool(t, pdfinfo, "-struct-text", file))
			rep := checkTagged(t, o.Data)
			var want []string
			for _, el := range rep.Elements {
				if squash(el.Text) != "" {
					want = append(want, squash(el.Text))
				}
			}
			var gotS []string
			for _, s := range got {
				if squash(s) != "" {
					gotS = append(gotS, squash(s))
				}
			}
			if len(gotS) != len(want) {
				t.Errorf("%s: pdfinfo -struct-text has %d elements with text; the structure tree %d", o.Name, len(gotS), len(want))
			}
			for i := 0; i < len(gotS) && i < len(want); i++ {
				if gotS[i] != want[i] {
					t.Errorf("%s: element %d: pdfinfo reads %q; the checker %q", o.Name, i, gotS[i], want[i])
					break
				}
			}
			if o.Edition == compose.TriFold {
				// pdfinfo reads the title first (after the organisation),
				// and ends on the back cover (the checker's last element,
				// whose panel TestTaggedPDFsPassTheChecker checks)
				title := ""
				for _, el := range rep.Elements {
					if el.Role == "H1" {
						title = squash(el.Text)
						break
					}
				}
				h1 := -1
				for i, s := range gotS {
					if s == title {
						h1 = i
						break
					}
				}
				if title == "" || h1 < 0 || h1 > 2 {
					t.Errorf("%s: pdfinfo does not read the title among the first elements: %q", o.Name, gotS[:min(3, len(gotS))])
				}
				if len(gotS) == 0 || gotS[len(gotS)-1] != want[len(want)-1] {
					t.Errorf("%s: pdfinfo does not end on the back cover's last element", o.Name)
				}
			}
			if o.Edition == compose.TriFold && o.Lang == "en" {
				// the front cover's title first, the back cover's contact
				// block last
				if len(gotS) < 3 || !strings.Contains(strings.Join(gotS[:3], ""), squash("Child Sexual Exploitation (CSE)")) {
					t.Errorf("%s: the title is not among the first elements: %q", o.Name, gotS[:min(3, len(gotS))])
				}
				// the contact block: a paragraph per line, the address
				// then the phone; after it only the email line, the
				// formats statement and the website's QR code and address
				at := -1
				for i := 1; i < len(gotS); i++ {
					if strings.Contains(gotS[i], "01604364036") && strings.Contains(gotS[i-1], "NN47YD") {
						at = i
					}
				}
				if at < len(gotS)-5 {
					t.Errorf("%s: the contact block's phone line is element %d of %d: not at the end", o.Name, at, len(gotS))
				}
			}
		})
	}
}

func TestTaggedPDFsPassQPDFCheck(t *testing.T) {
	qpdf := testtool.Need(t, "qpdf", "qpdf")
	for _, o := range buildAll(t) {
		out := runTool(t, qpdf, "--check", pdfFile(t, o))
		if !strings.Contains(out, "No syntax or stream encoding errors found") || strings.Contains(strings.ToLower(out), "warning") {
			t.Errorf("%s: qpdf --check says:\n%s", o.Name, out)
		}
	}
}

// needPdfjs returns the command that runs tools/pdfjs/read.mjs, skipping
// the test when Node.js or the npm package is missing on a developer's
// machine; in CI a missing one fails.
func needPdfjs(t *testing.T) []string {
	t.Helper()
	node := testtool.Need(t, "node", "nodejs")
	dir, err := filepath.Abs("../tools/pdfjs")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "pdfjs-dist", "legacy", "build", "pdf.mjs")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("pdfjs-dist is missing in CI: .ci/run must run npm ci in tools/pdfjs")
		}
		t.Skipf("pdfjs-dist not installed: run (cd tools/pdfjs && npm ci) to check the PDFs with pdf.js")
	}
	return []string{node, filepath.Join(dir, "read.mjs")}
}

// pdfjsNode is a node of pdf.js's structure tree.
type pdfjsNode struct {
	Role     string      `json:"role"`
	Type     string      `json:"type"`
	ID       string      `json:"id"`
	Alt      string      `json:"alt"`
	Lang     string      `json:"lang"`
	Children []pdfjsNode `json:"children"`
}

type pdfjsItem struct {
	Type string  `json:"type"`
	ID   *string `json:"id"`
	Tag  *string `json:"tag"`
	Str  *string `json:"str"`
	Dir  string  `json:"dir"`
}

type pdfjsDoc struct {
	File   string `json:"file"`
	Title  string `json:"title"`
	Lang   string `json:"lang"`
	Marked bool   `json:"marked"`
	Pages  []struct {
		StructTree *pdfjsNode  `json:"structTree"`
		Items      []pdfjsItem `json:"items"`
	} `json:"pages"`
}

func TestTaggedPDFsWithPdfjs(t *testing.T) {
	cmd := needPdfjs(t)
	l := builtin(t)
	var files []string
	var outs []Output
	dir := t.TempDir()
	for _, o := range buildAll(t) {
		if o.Lang != "en" && o.Lang != "ar" && o.Lang != "zh-Hans" {
			continue
		}
		path := filepath.Join(dir, o.Name)
		if err := os.WriteFile(path, o.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		files, outs = append(files, path), append(outs, o)
	}
	c := exec.CommandContext(t.Context(), cmd[0], append(cmd[1:], files...)...)
	var stderr bytes.Buffer
	c.Stderr = &stderr
	js, err := c.Output()
	if err != nil {
		t.Fatalf("pdf.js: %v\n%s", err, stderr.String())
	}
	var docs []pdfjsDoc
	if err := json.Unmarshal(js, &docs); err != nil {
		t.Fatalf("pdf.js output: %v", err)
	}
	if len(docs) != len(outs) {
		t.Fatalf("pdf.js read %d documents of %d", len(docs), len(outs))
	}
	for i, d := range docs {
		o := outs[i]
		doc, _ := l.Localize(o.Lang)
		t.Run(o.Edition.Name+"/"+o.Lang, func(t *testing.T) {
			if !d.Marked || d.Lang != o.Lang || d.Title != doc.Title {
				t.Errorf("%s: pdf.js reads marked=%v lang=%q title=%q", o.Name, d.Marked, d.Lang, d.Title)
			}
			heading, figures, alts := "", 0, 0
			for pi, p := range d.Pages {
				// the text of each marked-content sequence
				text := map[string]string{}
				var open []string
				for _, it := range p.Items {
					switch it.Type {
					case "beginMarkedContentProps", "beginMarkedContent":
						id := ""
						if it.ID != nil {
							id = *it.ID
						}
						open = append(open, id)
					case "endMarkedContent":
						if len(open) > 0 {
							open = open[:len(open)-1]
						}
					case "":
						if len(open) == 0 && it.Str != nil && strings.TrimSpace(*it.Str) != "" {
							t.Errorf("%s page %d: pdf.js reads %q outside marked content", o.Name, pi+1, *it.Str)
						}
						if len(open) > 0 && open[len(open)-1] != "" && it.Str != nil {
							text[open[len(open)-1]] += *it.Str
						}
					}
				}
				if p.StructTree == nil {
					t.Errorf("%s page %d: pdf.js finds no structure tree", o.Name, pi+1)
					continue
				}
				used := map[string]bool{}
				// walk returns the text of the node's content, in order
				var walk func(n pdfjsNode, role string) string
				walk = func(n pdfjsNode, role string) string {
					if n.Type == "content" {
						// pdf.js drops marked content without text (a
						// figure, a space) from the page's text
						used[n.ID] = true
						return text[n.ID]
					}
					if n.Role == "Figure" {
						figures++
						if n.Alt != "" {
							alts++
						}
					}
					var b strings.Builder
					for _, k := range n.Children {
						b.WriteString(walk(k, n.Role))
					}
					if n.Role == "H1" && heading == "" {
						heading = b.String()
					}
					return b.String()
				}
				walk(*p.StructTree, "")
				for id := range text {
					if !used[id] && strings.TrimSpace(text[id]) != "" {
						t.Errorf("%s page %d: marked content %s (%q) is in no structure element pdf.js reads", o.Name, pi+1, id, text[id])
					}
				}
			}
			if figures != alts {
				t.Errorf("%s: pdf.js finds %d figures, %d with alternate text", o.Name, figures, alts)
			}
			// pdf.js puts right-to-left text in logical order: the title
			// reads as written
			if squash(heading) != squash(doc.Title) {
				t.Errorf("%s: pdf.js reads the H1 as %q; want the title %q", o.Name, heading, doc.Title)
			}
		})
	}
}
