// SPDX-License-Identifier: MIT

package build

import (
	"bytes"
	"leaflet/compose"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"leaflet/content"
	"leaflet/fonts"
	"leaflet/internal/testtool"
	"leaflet/layout"
	"leaflet/layout/text"
	"leaflet/output"
)

func builtin(t testing.TB) *content.Leaflet {
	t.Helper()
	l, ds := content.Load(content.Builtin(), "", content.DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return l
}

func buildEN(t testing.TB, paper layout.Paper) Output {
	t.Helper()
	outs, ds := Run(t.Context(), Request{Leaflet: builtin(t), Langs: []string{"en"}, Editions: []*compose.Edition{compose.TriFold}, Paper: paper})
	if ds.HasErrors() || len(outs) != 1 {
		t.Fatalf("got %d outputs, %v", len(outs), ds)
	}
	return outs[0]
}

// pdfFile writes the PDF to a temporary file for the command-line clients.
func pdfFile(t testing.TB, o Output) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), o.Name)
	if err := os.WriteFile(path, o.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func runTool(t testing.TB, name string, args ...string) string {
	t.Helper()
	out, err := exec.CommandContext(t.Context(), name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func TestBuildIsReproducible(t *testing.T) {
	a, b := buildEN(t, layout.A4), buildEN(t, layout.A4)
	if !bytes.Equal(a.Data, b.Data) {
		t.Fatal("two builds of the same sources differ")
	}
	outs, ds := Run(t.Context(), Request{Leaflet: builtin(t), Langs: []string{"en"}, Editions: []*compose.Edition{compose.TriFold}, Paper: layout.A4, Date: time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	pdfinfo := testtool.Need(t, "pdfinfo", "poppler-utils")
	file := filepath.Join(t.TempDir(), "dated.pdf")
	if err := os.WriteFile(file, outs[0].Data, 0o644); err != nil {
		t.Fatal(err)
	}
	info := runTool(t, pdfinfo, "-isodates", file)
	if !regexp.MustCompile(`CreationDate: +2030-01-02T03:04:05`).MatchString(info) {
		t.Errorf("the requested date is not the PDF's creation date:\n%s", info)
	}
}

func TestDateFromEnv(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	d, err := DateFromEnv()
	if err != nil || !d.Equal(time.Unix(1700000000, 0)) {
		t.Errorf("got %v, %v; want 2023-11-14T22:13:20Z", d, err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	if _, err := DateFromEnv(); err == nil {
		t.Error("got no error for SOURCE_DATE_EPOCH=yesterday")
	}
}

func TestWriteReplacesFilesAtomically(t *testing.T) {
	dir := t.TempDir()
	o := buildEN(t, layout.A4)
	if err := os.WriteFile(filepath.Join(dir, o.Name), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(t.Context(), dir, []Output{o}); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(dir, o.Name))
	if !bytes.Equal(got, o.Data) {
		t.Error("the file does not hold the new PDF")
	}
	// a write that fails (the name is taken by a folder) leaves no
	// temporary file behind and keeps what was there
	blocked := o
	blocked.Name = "blocked.pdf"
	if err := os.MkdirAll(filepath.Join(dir, "blocked.pdf", "keep"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Write(t.Context(), dir, []Output{blocked}); err == nil {
		t.Fatal("got no error writing over a folder")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("a temporary file was left behind: %s", e.Name())
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "blocked.pdf", "keep")); err != nil {
		t.Error("the failed write disturbed what was there")
	}
}

func TestUnknownLanguageIsAnError(t *testing.T) {
	_, ds := Run(t.Context(), Request{Leaflet: builtin(t), Langs: []string{"xx"}, Paper: layout.A4})
	if !ds.HasErrors() || !strings.Contains(ds.Error(), `no bundle for language "xx"`) {
		t.Errorf("got %v; want an error naming the language", ds)
	}
}

func TestPDFPassesQPDFCheck(t *testing.T) {
	qpdf := testtool.Need(t, "qpdf", "qpdf")
	for _, paper := range []layout.Paper{layout.A4, layout.Letter} {
		out := runTool(t, qpdf, "--check", pdfFile(t, buildEN(t, paper)))
		if !strings.Contains(out, "No syntax or stream encoding errors found") || strings.Contains(strings.ToLower(out), "warning") {
			t.Errorf("%s: qpdf --check says:\n%s", paper.Name, out)
		}
	}
}

func TestPDFEmbedsEveryFont(t *testing.T) {
	pdffonts := testtool.Need(t, "pdffonts", "poppler-utils")
	out := runTool(t, pdffonts, pdfFile(t, buildEN(t, layout.A4)))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no fonts:\n%s", out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type... encoding emb sub uni object ID
		if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || f[len(f)-3] != "yes" {
			t.Errorf("font not embedded as a subset with a ToUnicode map: %s", l)
		}
		if !regexp.MustCompile(`^[A-Z]{6}\+[A-Z][A-Za-z]+`).MatchString(f[0]) {
			t.Errorf("font name %q lacks a subset tag and the face's name", f[0])
		}
	}
}

func TestPDFMetadataAndPageSize(t *testing.T) {
	pdfinfo := testtool.Need(t, "pdfinfo", "poppler-utils")
	for _, tc := range []struct {
		paper layout.Paper
		size  string
	}{
		{layout.A4, "841.89 x 595.28 pts"},
		{layout.Letter, "792 x 612 pts"},
	} {
		out := runTool(t, pdfinfo, pdfFile(t, buildEN(t, tc.paper)))
		for _, want := range []string{
			"Title:           Child Sexual Exploitation (CSE)",
			"Subject:         Information leaflet",
			"Author:          Northamptonshire Safeguarding Children Board",
			"Creator:         leaflet",
			"Pages:           2",
			"Encrypted:       no",
			"Page size:       " + tc.size,
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: pdfinfo lacks %q:\n%s", tc.paper.Name, want, out)
			}
		}
	}
}

var space = regexp.MustCompile(`\s+`)

// normalise folds white space, typographic quotes and dashes, so that the
// seed's plain typing compares with the leaflet's typography.
func normalise(s string) string {
	s = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`, "–", "-", "—", "-").Replace(s)
	s = strings.TrimSpace(space.ReplaceAllString(s, " "))
	// a line broken after a slash reads back with a space after it
	return strings.ReplaceAll(s, "/ ", "/")
}

func TestPDFTextHasEverySeedSentence(t *testing.T) {
	pdftotext := testtool.Need(t, "pdftotext", "poppler-utils")
	seed, err := os.ReadFile(filepath.Join("..", "content", "testdata", "seed", "cse-leaflet.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// read the panels as a reader unfolds them: front cover, inside
	// panels, flap, back cover
	file := pdfFile(t, buildEN(t, layout.A4))
	imp := layout.NewTriFold(layout.A4).Imposition(false)
	var parts []string
	for _, panel := range layout.Panels {
		p := imp[panel]
		parts = append(parts, panelText(t, pdftotext, file, p.Page+1, p.Area))
	}
	got := normalise(strings.Join(parts, " "))
	for _, line := range strings.Split(string(seed), "\n") {
		line = normalise(strings.TrimPrefix(strings.TrimSpace(line), "- "))
		line = strings.Trim(line, `" `)
		switch {
		case line == "":
			continue
		case strings.HasPrefix(line, "Northamptonshire Safeguarding Children Board John Dryden"):
			// the seed runs the address into one line; the leaflet sets it as lines
			line = "Northamptonshire Safeguarding Children Board John Dryden House 8-10 The Lakes Northampton NN4 7YD"
		case line == "Child Sexual Exploitation (CSE) Information Leaflet":
			line = "Child Sexual Exploitation (CSE) Information leaflet"
		case line == "Contact Us":
			line = "Contact us"
		case strings.HasPrefix(line, "E-Mail:"):
			line = strings.Replace(line, "E-Mail:", "Email:", 1)
		}
		for _, sentence := range strings.SplitAfter(line, ". ") {
			if s := strings.TrimSpace(sentence); !strings.Contains(got, s) {
				t.Errorf("pdftotext lacks %q", s)
			}
		}
	}
}

// panelText extracts the text of one panel with pdftotext's crop box.
func panelText(t *testing.T, tool, file string, page int, area layout.Rect) string {
	t.Helper()
	return normalise(runTool(t, tool, "-raw", "-f", itoa(page), "-l", itoa(page),
		"-x", itoa(int(area.X)), "-y", "0", "-W", itoa(int(area.W)), "-H", itoa(int(area.H)), file, "-"))
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestPDFPanelsHoldTheirTextInReadingOrder(t *testing.T) {
	pdftotext := testtool.Need(t, "pdftotext", "poppler-utils")
	file := pdfFile(t, buildEN(t, layout.A4))
	imp := layout.NewTriFold(layout.A4).Imposition(false)
	for _, tc := range []struct {
		panel layout.Panel
		want  []string // in this order
	}{
		{layout.FrontCover, []string{"Northamptonshire Safeguarding Children Board", "Child Sexual Exploitation (CSE)", "Information leaflet", "For parents, carers and professionals", "Questions or concerns?", "Call 01604 364036"}},
		{layout.InsideLeft, []string{"What is Child Sexual Exploitation (CSE)?", "This definition", `"Sexual exploitation of children`}},
		{layout.Middle, []string{"Recognise the signs of Child Sexual Exploitation", "Parents, carers", "be involved in abusive relationships"}},
		{layout.FoldIn, []string{"CSE Assessment", "at risk of CSE.", "CSE - Toolkit for Professionals", "www.northamptonshirescb.org.uk", "Tackling CSE Toolkit - how to use it", "provide context for the toolkit."}},
		{layout.FlapPanel, []string{"Other languages", "Polski:", "Română:", "Українська:", "01604 364036", "nscb@northamptonshire.gcsx.gov.uk"}},
		{layout.BackCover, []string{"Contact us", "Tel: 01604 364036", "nscb@northamptonshire.gcsx.gov.uk", "other languages and formats upon request."}},
	} {
		t.Run(tc.panel.String(), func(t *testing.T) {
			p := imp[tc.panel]
			got := panelText(t, pdftotext, file, p.Page+1, p.Area)
			at := 0
			for _, w := range tc.want {
				i := strings.Index(got[at:], w)
				if i < 0 {
					t.Fatalf("panel %s: %q missing or out of order in %q", tc.panel, w, got)
				}
				at += i + len(w)
			}
		})
	}
}

// BenchmarkBuildEnglishTriFold is a warm build of the English tri-fold
// (fonts parsed, bundles loaded; the shapers' caches and the memo of
// deflated font programs filled by the build before, as in a process that
// builds again): the time and memory of one, and the file's size
// (pdf-bytes). Targets: 5 ms, 5 MB, 42 KB.
func BenchmarkBuildEnglishTriFold(b *testing.B) {
	benchTriFold(b, builtin(b))
}

// BenchmarkBuildEnglishTriFoldAlone is BenchmarkBuildEnglishTriFold for
// the leaflet in English alone, whose tri-fold offers no other language:
// the file's size without the languages panel. Target: 20 KB.
func BenchmarkBuildEnglishTriFoldAlone(b *testing.B) {
	l := builtin(b)
	for tag := range l.Bundles {
		if tag != "en" {
			delete(l.Bundles, tag)
		}
	}
	benchTriFold(b, l)
}

// benchTriFold builds a leaflet's English tri-fold again and again,
// reporting the file's size.
func benchTriFold(b *testing.B, l *content.Leaflet) {
	req := Request{Leaflet: l, Langs: []string{"en"}, Editions: []*compose.Edition{compose.TriFold}, Paper: layout.A4}
	b.ReportAllocs()
	var size int
	for b.Loop() {
		outs, ds := Run(b.Context(), req)
		if ds.HasErrors() {
			b.Fatal(ds)
		}
		size = len(outs[0].Data)
	}
	b.ReportMetric(float64(size), "pdf-bytes")
}

// BenchmarkTriFoldStages times the stages of BenchmarkBuildEnglishTriFold
// one by one, in one worker: localising the English document (without the
// easy read's sections, as a tri-fold build does), laying it out, and
// making its PDF.
func BenchmarkTriFoldStages(b *testing.B) {
	l := builtin(b)
	opt := content.LocalizeOptions{NoEasyRead: true}
	doc, ds := l.LocalizeWith("en", opt)
	if ds.HasErrors() {
		b.Fatal(ds)
	}
	set, err := fonts.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	tf := layout.NewTriFold(layout.A4)
	sh := text.NewShaper(set.WithText(tf.Family()))
	res, ds := tf.Layout(doc, set, sh)
	if ds.HasErrors() {
		b.Fatal(ds)
	}
	b.Run("localise", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			l.LocalizeWith("en", opt)
		}
	})
	b.Run("layout", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			tf.Layout(doc, set, sh)
		}
	})
	b.Run("pdf", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := output.PDF(res, output.Options{Date: l.Published, Creator: "leaflet"}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkBuildEnglish builds the English leaflet's three editions.
func BenchmarkBuildEnglish(b *testing.B) {
	l := builtin(b)
	req := Request{Leaflet: l, Langs: []string{"en"}, Paper: layout.A4}
	b.ReportAllocs()
	for b.Loop() {
		if _, ds := Run(b.Context(), req); ds.HasErrors() {
			b.Fatal(ds)
		}
	}
}

// BenchmarkBuildDefault builds the whole catalogue: 13 languages × 3
// editions. Target: 0.35 s and 150 MB as a whole process.
func BenchmarkBuildDefault(b *testing.B) {
	l := builtin(b)
	req := Request{Leaflet: l, Paper: layout.A4}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, ds := Run(b.Context(), req); ds.HasErrors() {
			b.Fatal(ds)
		}
	}
}
