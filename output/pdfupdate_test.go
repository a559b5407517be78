// SPDX-License-Identifier: MIT

package output

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

const pdfupdateTestFont = "../fonts/NotoSans-Regular.ttf" // embedded in the binary

// pdfupdateTestDoc writes a two-page document with fpdf. Page 1 uses font
// "noto" (BaseFont /utf8noto) and shows "A" and U+E000; page 2 uses font
// "plain" (/utf8plain) and shows "Hello". extraPages adds pages of text.
func pdfupdateTestDoc(tb testing.TB, compress bool, extraPages int) []byte {
	tb.Helper()
	font, err := os.ReadFile(pdfupdateTestFont)
	if err != nil {
		tb.Skipf("test font missing (Debian package fonts-noto-core): %v", err)
	}
	p := fpdf.New("L", "pt", "A4", "")
	p.SetCompression(compress)
	p.SetCatalogSort(true)
	date := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	p.SetCreationDate(date)
	p.SetModificationDate(date)
	p.SetTitle("Finish test", true)
	p.AddUTF8FontFromBytes("noto", "", font)
	p.AddUTF8FontFromBytes("plain", "", font)
	p.AddPage()
	p.SetFont("noto", "", 24)
	p.Text(72, 100, "A\uE000")
	p.AddPage()
	p.SetFont("plain", "", 24)
	p.Text(72, 100, "Hello")
	for range extraPages {
		p.AddPage()
		p.SetFont("plain", "", 9)
		for line := range 50 {
			p.Text(36, float64(30+line*11), fmt.Sprintf("%03d The quick brown fox jumps over the lazy dog; Ärger über Öl, ß, € 12.50 — “quoted” ½ ±", line))
		}
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		tb.Fatalf("fpdf: %v", err)
	}
	return buf.Bytes()
}

// pdfupdateTestOptions sets every finishing option.
func pdfupdateTestOptions() finishOptions {
	return finishOptions{
		ToUnicode:           map[string]map[uint16]string{"utf8noto": {0xE000: "fi", 'A': "A"}},
		DisplayDocTitle:     true,
		DuplexFlipShortEdge: true,
		Version17:           true,
	}
}

// pdfupdateTool runs a command-line tool and returns its standard output. It
// skips the test if the tool is missing and fails it if the tool exits with
// an error or writes to standard error.
func pdfupdateTool(t *testing.T, debianPackage, name string, args ...string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing in CI: .ci/run must install the Debian package %s", name, debianPackage)
		}
		t.Skipf("%s not found; install the Debian package %s", name, debianPackage)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(path, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, stdout.Bytes(), stderr.Bytes())
	}
	if stderr.Len() > 0 {
		t.Errorf("%s %s wrote to standard error:\n%s", name, strings.Join(args, " "), stderr.Bytes())
	}
	return stdout.String()
}

// pdfupdateForm names the form of an update for subtest names.
func pdfupdateForm(classic bool) string {
	if classic {
		return "table"
	}
	return "stream"
}

func TestFinishPDFTools(t *testing.T) {
	for _, compress := range []bool{true, false} {
		for _, classic := range []bool{false, true} {
			t.Run(fmt.Sprintf("compress=%v/xref=%s", compress, pdfupdateForm(classic)), func(t *testing.T) {
				testFinishPDFTools(t, compress, classic)
			})
		}
	}
}

// testFinishPDFTools checks a finished document with the command-line
// tools: fpdf's output compressed or not, the update in the classic or the
// compressed form.
func testFinishPDFTools(t *testing.T, compress, classic bool) {
	doc := pdfupdateTestDoc(t, compress, 0)
	opt := pdfupdateTestOptions()
	opt.ClassicXref = classic
	out, err := finishPDF(doc, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, doc) {
		t.Fatal("the update does not start with the original document")
	}
	upd := out[len(doc):]
	if got := bytes.Contains(upd, []byte("/Type /XRef")) && bytes.Contains(upd, []byte("/Type /ObjStm")); got == classic || bytes.Contains(upd, []byte("\ntrailer\n")) != classic {
		t.Fatalf("xref=%s: the update is in the other form:\n%q", pdfupdateForm(classic), upd)
	}
	dir := t.TempDir()
	orig, finished := filepath.Join(dir, "orig.pdf"), filepath.Join(dir, "finished.pdf")
	if err := os.WriteFile(orig, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(finished, out, 0o644); err != nil {
		t.Fatal(err)
	}
	sum := md5.Sum(doc)
	id := hex.EncodeToString(sum[:])
	e, err := newPDFEditor(doc)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("qpdf", func(t *testing.T) {
		check := pdfupdateTool(t, "qpdf", "qpdf", "--check", finished)
		if !strings.Contains(check, "No syntax or stream encoding errors found") || strings.Contains(strings.ToLower(check), "warning") {
			t.Errorf("qpdf --check:\n%s", check)
		}
		trailer := pdfupdateTool(t, "qpdf", "qpdf", "--show-object=trailer", finished)
		if want := "/ID [ <" + id + "> <" + id + "> ]"; !strings.Contains(trailer, want) {
			t.Errorf("trailer %q does not contain %q", trailer, want)
		}
		cat := pdfupdateTool(t, "qpdf", "qpdf", "--show-object="+strconv.Itoa(e.Root()), finished)
		for _, want := range []string{"/Version /1.7", "/ViewerPreferences << /DisplayDocTitle true /Duplex /DuplexFlipShortEdge >>", "/Pages 1 0 R"} {
			if !strings.Contains(cat, want) {
				t.Errorf("catalog %q does not contain %q", cat, want)
			}
		}
		// The QDF form rewrites the whole file from what qpdf read.
		qdf := filepath.Join(dir, "qdf.pdf")
		pdfupdateTool(t, "qpdf", "qpdf", "--qdf", "--object-streams=disable", finished, qdf)
		b, err := os.ReadFile(qdf)
		if err != nil {
			t.Fatal(err)
		}
		// qpdf keeps the first (permanent) string and makes a new second one.
		if !regexp.MustCompile(`(?i)/ID \[\s*<` + id + `>`).Match(b) {
			t.Error("qdf output lacks the new /ID")
		}
		// The new CMap, decoded by qpdf.
		font := pdfupdateTool(t, "qpdf", "qpdf", "--show-object=7", finished)
		m := regexp.MustCompile(`/ToUnicode (\d+) 0 R`).FindStringSubmatch(font)
		if m == nil || m[1] == "9" {
			t.Fatalf("font 7 %q has no new /ToUnicode", font)
		}
		cmap := pdfupdateTool(t, "qpdf", "qpdf", "--show-object="+m[1], "--filtered-stream-data", finished)
		for _, want := range []string{"<0041> <0041>", "<E000> <00660069>", "begincmap", "endcmap"} {
			if !strings.Contains(cmap, want) {
				t.Errorf("CMap lacks %q:\n%s", want, cmap)
			}
		}
		// qpdf finds the font and the catalog in the object
		// stream, and the CMap, a stream, outside it.
		xref := pdfupdateTool(t, "qpdf", "qpdf", "--show-xref", finished)
		for _, n := range []string{"7", strconv.Itoa(e.Root()), m[1]} {
			want := n + "/0: compressed; stream = 24, index = "
			if classic || n == m[1] {
				want = n + "/0: uncompressed; offset = "
			}
			if !strings.Contains(xref, want) {
				t.Errorf("qpdf --show-xref lacks %q:\n%s", want, xref)
			}
		}
	})

	t.Run("pdfinfo", func(t *testing.T) {
		info := pdfupdateTool(t, "poppler-utils", "pdfinfo", finished)
		// Poppler reports the catalog's /Version when it is newer than the header.
		for _, want := range []string{"Title:", "Finish test", "PDF version:     1.7"} {
			if !strings.Contains(info, want) {
				t.Errorf("pdfinfo output lacks %q:\n%s", want, info)
			}
		}
		if !regexp.MustCompile(`Pages:\s+2\n`).MatchString(info) {
			t.Errorf("pdfinfo does not report 2 pages:\n%s", info)
		}
	})

	t.Run("pdftotext", func(t *testing.T) {
		page := func(file, n string) string {
			return strings.TrimSpace(pdfupdateTool(t, "poppler-utils", "pdftotext", "-f", n, "-l", n, file, "-"))
		}
		if got := page(orig, "1"); got != "A\uE000" {
			t.Errorf("original page 1: got %q, want %q", got, "A\uE000")
		}
		if got := page(finished, "1"); got != "Afi" {
			t.Errorf("finished page 1: got %q, want %q", got, "Afi")
		}
		// The unlisted font keeps fpdf's identity CMap.
		if got := page(finished, "2"); got != "Hello" {
			t.Errorf("finished page 2: got %q, want %q", got, "Hello")
		}
	})

	t.Run("mutool", func(t *testing.T) {
		path, err := exec.LookPath("mutool")
		if err != nil {
			if os.Getenv("CI") != "" {
				t.Fatal("mutool is missing in CI: .ci/run must install mupdf-tools")
			}
			t.Skip("mutool not found; install the Debian package mupdf-tools")
		}
		for page, want := range map[string]string{"1": "Afi", "2": "Hello"} {
			// mutool reports harmless notes (such as a missing glyph) on
			// standard error, so only the exit status and text count.
			got, err := exec.Command(path, "draw", "-q", "-F", "txt", "-o", "-", finished, page).Output()
			if err != nil {
				t.Fatalf("mutool draw page %s: %v", page, err)
			}
			if s := strings.TrimSpace(string(got)); s != want {
				t.Errorf("mutool page %s: got %q, want %q", page, s, want)
			}
		}
	})

	if classic {
		return // pdf.js takes half a second; the classic form is old
	}
	t.Run("pdfjs", func(t *testing.T) {
		if got, want := pdfupdatePdfjs(t, finished), [][]string{{"Afi", "Hello"}}; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("pdf.js reads %q, want %q", got, want)
		}
	})
}

// pdfupdatePdfjsScript prints each file's pages' text as read by pdf.js,
// one JSON array of strings a file, with warnings: pdf.js reads a file with
// a broken cross-reference section by indexing all objects, and only warns.
const pdfupdatePdfjsScript = `import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
const { getDocument, VerbosityLevel } = await import(pathToFileURL(process.argv[2]).href);
for (const file of process.argv.slice(3)) {
  const doc = await getDocument({
    data: new Uint8Array(await readFile(file)),
    verbosity: VerbosityLevel.WARNINGS,
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    pages.push(content.items.map((it) => it.str).join(""));
  }
  console.log("PAGES " + JSON.stringify(pages));
  await doc.destroy();
}
`

// pdfupdatePdfjs reads files with pdf.js (tools/pdfjs, see build's
// tagged_test.go) and returns each file's pages' text. It skips the test
// if Node.js or pdfjs-dist is missing (fails it in CI) and fails it if
// pdf.js warns.
func pdfupdatePdfjs(t *testing.T, files ...string) [][]string {
	t.Helper()
	node, err := exec.LookPath("node")
	lib, _ := filepath.Abs("../tools/pdfjs/node_modules/pdfjs-dist/legacy/build/pdf.mjs")
	if err == nil {
		_, err = os.Stat(lib)
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("pdf.js is missing in CI: %v", err)
		}
		t.Skipf("pdf.js not available (node and npm ci in tools/pdfjs): %v", err)
	}
	script := filepath.Join(t.TempDir(), "pages.mjs")
	if err := os.WriteFile(script, []byte(pdfupdatePdfjsScript), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, append([]string{script, lib}, files...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("pdf.js: %v\n%s", err, out)
	}
	var docs [][]string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		js, ok := strings.CutPrefix(line, "PAGES ")
		if !ok {
			t.Errorf("pdf.js says: %s", line)
			continue
		}
		var pages []string
		if err := json.Unmarshal([]byte(js), &pages); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, pages)
	}
	return docs
}

func TestFinishPDFDeterministic(t *testing.T) {
	doc := pdfupdateTestDoc(t, true, 0)
	a, err := finishPDF(doc, pdfupdateTestOptions())
	if err != nil {
		t.Fatal(err)
	}
	b, err := finishPDF(bytes.Clone(doc), pdfupdateTestOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two runs differ")
	}
	classic := pdfupdateTestOptions()
	classic.ClassicXref = true
	ca, err := finishPDF(doc, classic)
	if err != nil {
		t.Fatal(err)
	}
	cb, err := finishPDF(bytes.Clone(doc), classic)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ca, cb) || bytes.Equal(a, ca) {
		t.Error("two classic runs differ, or the classic form is the compressed one")
	}
	// A new fpdf run gives the same document and so the same result.
	c, err := finishPDF(pdfupdateTestDoc(t, true, 0), pdfupdateTestOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, c) {
		t.Error("finishing a regenerated document differs")
	}
	// Different content, different /ID.
	d, err := finishPDF(pdfupdateTestDoc(t, false, 0), pdfupdateTestOptions())
	if err != nil {
		t.Fatal(err)
	}
	idOf := func(b []byte) string {
		e, err := newPDFEditor(b)
		if err != nil {
			t.Fatal(err)
		}
		return string(e.trailerValue("ID"))
	}
	if idOf(a) == idOf(d) {
		t.Errorf("different documents share /ID %s", idOf(a))
	}
}

func TestFinishPDFResult(t *testing.T) {
	for _, classic := range []bool{false, true} {
		t.Run("xref="+pdfupdateForm(classic), func(t *testing.T) { testFinishPDFResult(t, classic) })
	}
}

func testFinishPDFResult(t *testing.T, classic bool) {
	doc := pdfupdateTestDoc(t, true, 0)
	opt := pdfupdateTestOptions()
	opt.ClassicXref = classic
	out, err := finishPDF(doc, opt)
	if err != nil {
		t.Fatal(err)
	}
	old, err := newPDFEditor(doc)
	if err != nil {
		t.Fatal(err)
	}
	e, err := newPDFEditor(out)
	if err != nil {
		t.Fatal(err)
	}
	// Every object is readable through the new cross-reference chain.
	for _, n := range e.Objects() {
		if _, err := e.Object(n); err != nil {
			t.Error(err)
		}
	}
	if got, want := len(e.Objects()), len(old.Objects())+1; got != want {
		t.Errorf("%d objects, want %d (one new CMap)", got, want)
	}
	// The listed font points at the new CMap, the other keeps fpdf's.
	for font, want := range map[int]string{7: "23 0 R", 14: "16 0 R"} {
		body, err := e.Object(font)
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := pdfDictGet(body, "ToUnicode"); string(v) != want {
			t.Errorf("font %d: /ToUnicode %s, want %s", font, v, want)
		}
	}
	_, cmap, err := e.Stream(23)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(cmap, toUnicodeCMap(pdfupdateTestOptions().ToUnicode["utf8noto"])) {
		t.Errorf("CMap stream decodes to\n%s", cmap)
	}
	cat, err := e.Object(e.Root())
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{
		"Type":              "/Catalog",
		"Version":           "/1.7",
		"ViewerPreferences": "<</DisplayDocTitle true /Duplex /DuplexFlipShortEdge>>",
	} {
		if v, _ := pdfDictGet(cat, key); string(v) != want {
			t.Errorf("catalog /%s %s, want %s", key, v, want)
		}
	}
	upd := out[len(doc):]
	if classic {
		wantTrailer := fmt.Sprintf("trailer\n<<\n/Size 24\n/Root 22 0 R\n/Info 21 0 R\n/ID [<%[1]x> <%[1]x>]\n/Prev %d\n>>\nstartxref\n",
			md5.Sum(doc), old.xrefOff)
		if !bytes.Contains(upd, []byte(wantTrailer)) {
			t.Errorf("update lacks trailer %q:\n%s", wantTrailer, upd)
		}
		return
	}
	// The new CMap (23), a stream, is an ordinary object; the font (7) and
	// the catalog (22) are in the object stream (24); the cross-reference
	// stream (25) holds the trailer's entries, and startxref points at it.
	if !bytes.HasPrefix(upd, []byte("23 0 obj\n<<")) || !bytes.Contains(upd, []byte("\nendobj\n24 0 obj\n<</Type /ObjStm /N 2 /First ")) {
		t.Errorf("update does not start with the CMap and the object stream:\n%q", upd)
	}
	xs := bytes.Index(upd, []byte("\nendobj\n25 0 obj\n")) + len("\nendobj\n")
	wantDict := fmt.Sprintf("25 0 obj\n<</Type /XRef\n/Size 26\n/Root 22 0 R\n/Info 21 0 R\n/ID [<%[1]x> <%[1]x>]\n/Prev %d\n/W [1 2 1]\n/Index [7 1 22 4]\n/Filter /FlateDecode\n/Length ",
		md5.Sum(doc), old.xrefOff)
	if !bytes.HasPrefix(upd[xs:], []byte(wantDict)) {
		t.Errorf("cross-reference stream is not %q:\n%q", wantDict, upd[xs:])
	}
	if want := fmt.Sprintf("\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", len(doc)+xs); !bytes.HasSuffix(upd, []byte(want)) {
		t.Errorf("update does not end with %q:\n%q", want, upd)
	}
	for n, want := range map[int]pdfXref{7: {-1, 24, 0}, 22: {-1, 24, 1}, 23: {len(doc), 0, 0}, 24: {e.xref[24].off, 0, 0}, 25: {len(doc) + xs, 0, 0}} {
		if got := e.xref[n]; got != want || want.off == 0 {
			t.Errorf("object %d: cross-reference entry %+v, want %+v", n, got, want)
		}
	}
	if !e.internal[24] || !e.internal[25] || e.next != 26 {
		t.Errorf("object stream and cross-reference stream not seen as such: %v, next %d", e.internal, e.next)
	}
	// The trailer read back has the document's entries, not the stream's.
	var keys []string
	for _, en := range e.trailer {
		keys = append(keys, en.key)
	}
	if got := strings.Join(keys, " "); got != "Size Root Info ID Prev" {
		t.Errorf("trailer keys %s, want Size Root Info ID Prev", got)
	}
}

func TestFinishPDFAgain(t *testing.T) {
	doc := pdfupdateTestDoc(t, true, 0)
	for _, first := range []bool{false, true} {
		for _, second := range []bool{false, true} {
			t.Run(pdfupdateForm(first)+"+"+pdfupdateForm(second), func(t *testing.T) {
				testFinishPDFAgain(t, doc, first, second)
			})
		}
	}
}

// testFinishPDFAgain finishes a finished document, each update in the form
// given (classic or compressed), and checks that the second finish reads
// everything the first wrote.
func testFinishPDFAgain(t *testing.T, doc []byte, classic1, classic2 bool) {
	once, err := finishPDF(doc, finishOptions{DisplayDocTitle: true, Version17: true, ClassicXref: classic1})
	if err != nil {
		t.Fatal(err)
	}
	opt := pdfupdateTestOptions()
	opt.ClassicXref = classic2
	twice, err := finishPDF(once, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(twice, once) {
		t.Fatal("the second update does not start with the first result")
	}
	e1, err := newPDFEditor(once)
	if err != nil {
		t.Fatal(err)
	}
	e, err := newPDFEditor(twice)
	if err != nil {
		t.Fatal(err)
	}
	sum1, sum2 := md5.Sum(doc), md5.Sum(once)
	if got, want := string(e.trailerValue("ID")), fmt.Sprintf("[<%x> <%x>]", sum1, sum2); got != want {
		t.Errorf("/ID %s, want %s (first string kept)", got, want)
	}
	cat, err := e.Object(e.Root())
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := pdfDictGet(cat, "ViewerPreferences"); string(v) != "<</DisplayDocTitle true /Duplex /DuplexFlipShortEdge>>" {
		t.Errorf("/ViewerPreferences %s", v)
	}
	// Every object of the first result is there, the same unless the
	// second update replaced it (the catalog and font 7); one is new (the
	// CMap).
	if got, want := len(e.Objects()), len(e1.Objects())+1; got != want {
		t.Errorf("%d objects, want %d", got, want)
	}
	for _, n := range e1.Objects() {
		a, err := e1.Object(n)
		if err != nil {
			t.Fatal(err)
		}
		b, err := e.Object(n)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) && n != e.Root() && n != 7 {
			t.Errorf("object %d changed:\n%q\n%q", n, a, b)
		}
	}
	f := filepath.Join(t.TempDir(), "twice.pdf")
	if err := os.WriteFile(f, twice, 0o644); err != nil {
		t.Fatal(err)
	}
	if out := pdfupdateTool(t, "qpdf", "qpdf", "--check", f); !strings.Contains(out, "No syntax or stream encoding errors found") || strings.Contains(strings.ToLower(out), "warning") {
		t.Errorf("qpdf --check:\n%s", out)
	}
	if got := strings.TrimSpace(pdfupdateTool(t, "poppler-utils", "pdftotext", "-f", "1", "-l", "1", f, "-")); got != "Afi" {
		t.Errorf("pdftotext page 1: %q, want Afi", got)
	}
}

func TestFinishPDFErrors(t *testing.T) {
	doc := pdfupdateTestDoc(t, true, 0)
	_, err := finishPDF(doc, finishOptions{ToUnicode: map[string]map[uint16]string{"noto": {1: "x"}}})
	if err == nil || !strings.Contains(err.Error(), "/BaseFont /noto") || !strings.Contains(err.Error(), `"utf8noto"`) {
		t.Errorf("unknown font: got error %v", err)
	}
	if _, err := finishPDF([]byte("%PDF-1.3\n"), finishOptions{}); err == nil {
		t.Error("no error for a file without startxref")
	}
}

func TestFinishPDFOnlyID(t *testing.T) {
	doc := pdfupdateTestDoc(t, true, 0)
	out, err := finishPDF(doc, finishOptions{})
	if err != nil {
		t.Fatal(err)
	}
	upd := string(out[len(doc):])
	if !strings.HasPrefix(upd, "xref\n0 1\n0000000000 65535 f \ntrailer\n") {
		t.Errorf("update with objects:\n%s", upd)
	}
	if !strings.Contains(upd, "/ID [<") {
		t.Errorf("update without /ID:\n%s", upd)
	}
	// fpdf's header says 1.3: the update is classic (above) unless the
	// catalog says 1.5 or later; then it holds the catalog in an object
	// stream (23) and the cross-reference stream (24).
	out, err = finishPDF(doc, finishOptions{Version17: true})
	if err != nil {
		t.Fatal(err)
	}
	upd = string(out[len(doc):])
	if !strings.HasPrefix(upd, "23 0 obj\n<</Type /ObjStm /N 1 /First ") || !strings.Contains(upd, "\nendobj\n24 0 obj\n<</Type /XRef\n/Size 25\n") ||
		!strings.Contains(upd, "/Index [22 3]\n") || strings.Count(upd, " 0 obj\n") != 2 {
		t.Errorf("update:\n%q", upd)
	}
}

func TestToUnicodeCMap(t *testing.T) {
	m := map[uint16]string{
		0x0041: "A", 0x0042: "B", 0x0043: "C", // range
		0x0045: "E",                        // single after a gap
		0x00FE: "\u00FE", 0x00FF: "\u00FF", // range up to the block end
		0x0100: "\u0100",                   // next block: a char, not part of the range above
		0x0200: "\u01FF", 0x0201: "\u0200", // targets cross a 256 block: chars
		0x0300: "x", 0x0301: "z", // not consecutive targets
		0xE000: "fi", 0xE001: "ffl", // ligatures
		0xE002: "\U0001F600", // surrogate pair
		0xE003: "",           // left out
	}
	got := string(toUnicodeCMap(m))
	want := "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" +
		"9 beginbfchar\n" +
		"<0045> <0045>\n<0100> <0100>\n<0200> <01FF>\n<0201> <0200>\n<0300> <0078>\n<0301> <007A>\n" +
		"<E000> <00660069>\n<E001> <00660066006C>\n<E002> <D83DDE00>\n" +
		"endbfchar\n" +
		"2 beginbfrange\n<0041> <0043> <0041>\n<00FE> <00FF> <00FE>\nendbfrange\n" +
		"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}

	// Blocks hold at most 100 entries.
	big := make(map[uint16]string)
	for c := range 250 {
		big[uint16(2*c)] = string(rune(0x4E00 + c)) // gaps: bfchar
	}
	for c := range 300 {
		big[uint16(0x1000+c)] = string(rune(0x3000 + c)) // two ranges, split at 0x1100
	}
	for k := range 150 {
		big[uint16(0x4000+4*k)] = string(rune(0x5000 + 2*k)) // 150 ranges of two
		big[uint16(0x4001+4*k)] = string(rune(0x5001 + 2*k))
	}
	got = string(toUnicodeCMap(big))
	for _, want := range []string{
		"100 beginbfchar\n<0000> <4E00>\n", "100 beginbfchar\n<00C8> <4E64>\n", "50 beginbfchar\n<0190> <4EC8>\n",
		"100 beginbfrange\n<1000> <10FF> <3000>\n<1100> <112B> <3100>\n<4000> <4001> <5000>\n",
		"52 beginbfrange\n<4188> <4189> <50C4>\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("CMap lacks %q", want)
		}
	}
	if n, m := strings.Count(got, "beginbfchar"), strings.Count(got, "beginbfrange"); n != 3 || m != 2 {
		t.Errorf("%d bfchar and %d bfrange blocks, want 3 and 2", n, m)
	}
}

func TestPDFDictGet(t *testing.T) {
	d := []byte(` <</Type /Font /S (a >> b \) c \\) /Nested << /X [1 (]) << /Y 2 >>] /Z <4142> >>
/Ref 12 0 R /Arr [/G 3 0 R 4] /Num -3.5 /Bool true/Name/Value %comment /Fake 1
/Last 7>>stream
/NotAKey 1`)
	for key, want := range map[string]string{
		"Type":    "/Font",
		"S":       `(a >> b \) c \\)`,
		"Nested":  "<< /X [1 (]) << /Y 2 >>] /Z <4142> >>",
		"Ref":     "12 0 R",
		"Arr":     "[/G 3 0 R 4]",
		"Num":     "-3.5",
		"Bool":    "true",
		"Name":    "/Value",
		"Last":    "7",
		"X":       "", // nested, not top level
		"Y":       "",
		"Fake":    "", // in a comment
		"NotAKey": "",
	} {
		got, err := pdfDictGet(d, key)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want || (want == "") != (got == nil) {
			t.Errorf("/%s: got %q, want %q", key, got, want)
		}
	}
	for _, bad := range []string{"[1 2]", "<< /A (open >>", "<< /A [1 2 >>", "<< 1 2 >>", "<< /A >>"} {
		if _, err := pdfDictGet([]byte(bad), "A"); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestPDFDictSet(t *testing.T) {
	for _, tc := range []struct{ in, key, value, want string }{
		{"<</A 1 /B (x)>>", "A", "2", "<</A 2 /B (x)>>"},
		{"<</A/B/C 1>>", "A", "true", "<</A true/C 1>>"},
		{"<</A/B/C 1>>", "A", "/D", "<</A/D/C 1>>"},
		{"<</A 1>>", "B", "[1 2]", "<</A 1 /B [1 2]>>"},
		{"<<>>", "B", "<<>>", "<</B <<>>>>"},
		{"<<\n/Size 3\n>>", "ID", "[<00> <00>]", "<<\n/Size 3\n/ID [<00> <00>]\n>>"},
		{"<</N << /A 1 >> /S (/A 1)>>", "A", "9", "<</N << /A 1 >> /S (/A 1) /A 9>>"},
		{"\n<</Length 3>>\nstream\nabc\nendstream\n", "Filter", "/X", "\n<</Length 3 /Filter /X>>\nstream\nabc\nendstream\n"},
	} {
		got, err := pdfDictSet([]byte(tc.in), tc.key, tc.value)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tc.want {
			t.Errorf("set /%s %s in %q: got %q, want %q", tc.key, tc.value, tc.in, got, tc.want)
		}
	}
	in := []byte("<</A 1>>")
	for _, bad := range []string{"", "1 2 3 4", "(open", "]"} {
		if _, err := pdfDictSet(in, "A", bad); err == nil {
			t.Errorf("value %q: no error", bad)
		}
	}
	if string(in) != "<</A 1>>" {
		t.Error("input modified")
	}

	got, err := pdfDictDelete([]byte("<</A 1 /B [2] /C 3>>"), "B")
	if err != nil || string(got) != "<</A 1  /C 3>>" {
		t.Errorf("delete: got %q, %v", got, err)
	}
	items, err := pdfArrayItems([]byte(" [1 0 R (a]) [/X] <<>> /N 2]"))
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprintf("%q", items); got != `["1 0 R" "(a])" "[/X]" "<<>>" "/N" "2"]` {
		t.Errorf("array items %s", got)
	}
}

// pdfupdateMinimal writes a classic PDF with the given object bodies
// (numbered from 1), a cross-reference table and a trailer.
func pdfupdateMinimal(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func TestPDFEditorEdits(t *testing.T) {
	doc := pdfupdateMinimal(
		"<</Type /Catalog /Pages 2 0 R>>",
		"<</Type /Pages /Kids [] /Count 0>>",
		"<</Length 4 0 R>>\nstream\nendobj endstream\nendstream", // data with keywords; indirect length
		"16",
	)
	e, err := newPDFEditor(doc)
	if err != nil {
		t.Fatal(err)
	}
	if e.Root() != 1 {
		t.Errorf("Root %d", e.Root())
	}
	if got := fmt.Sprint(e.Objects()); got != "[1 2 3 4]" {
		t.Errorf("Objects %s", got)
	}
	_, data, err := e.Stream(3)
	if err != nil || string(data) != "endobj endstream" {
		t.Errorf("stream 3: %q, %v", data, err)
	}
	if n := e.Add([]byte("(five)")); n != 5 {
		t.Errorf("first Add: %d, want 5", n)
	}
	e.Replace(2, []byte("<</Type /Pages /Kids [] /Count 0 /X 1>>"))
	if n := e.Add([]byte("[6]")); n != 6 {
		t.Errorf("second Add: %d, want 6", n)
	}
	e.Replace(9, []byte("9"))
	if n := e.Add([]byte("10")); n != 10 {
		t.Errorf("Add after Replace(9): %d, want 10", n)
	}
	e.SetTrailer("/Extra", "(x)")
	if b, _ := e.Object(2); !bytes.Contains(b, []byte("/X 1")) {
		t.Errorf("Object(2) = %q, want the replacement", b)
	}
	out := e.Bytes()
	if !bytes.HasPrefix(out, doc) {
		t.Fatal("document changed")
	}
	upd := string(out[len(doc):])
	wantXref := "xref\n0 1\n0000000000 65535 f \n2 1\n%010d 00000 n \n5 2\n%010d 00000 n \n%010d 00000 n \n9 2\n"
	var offs []any
	for _, n := range []int{2, 5, 6} {
		offs = append(offs, len(doc)+strings.Index(upd, fmt.Sprintf("\n%d 0 obj\n", n))+1)
	}
	offs[0] = len(doc) // object 2 comes first
	if !strings.Contains(upd, fmt.Sprintf(wantXref, offs...)) {
		t.Errorf("update:\n%s", upd)
	}
	if !strings.Contains(upd, fmt.Sprintf("trailer\n<<\n/Size 11\n/Root 1 0 R\n/Extra (x)\n/Prev %d\n>>", bytes.Index(doc, []byte("xref")))) {
		t.Errorf("trailer:\n%s", upd)
	}

	// Read back the result.
	e2, err := newPDFEditor(out)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(e2.Objects()); got != "[1 2 3 4 5 6 9 10]" {
		t.Errorf("Objects after update %s", got)
	}
	for n, want := range map[int]string{1: "<</Type /Catalog /Pages 2 0 R>>", 2: "<</Type /Pages /Kids [] /Count 0 /X 1>>", 5: "(five)", 9: "9", 10: "10"} {
		b, err := e2.Object(n)
		if err != nil || string(pdfTrimSpace(b)) != want {
			t.Errorf("object %d: %q, %v; want %q", n, b, err, want)
		}
	}
	if n := e2.Add(nil); n != 11 {
		t.Errorf("Add after update: %d, want 11", n)
	}
	if _, err := e2.Object(7); err == nil {
		t.Error("no error for a missing object")
	}
}

// pdfupdateMinimal15 is pdfupdateMinimal with a PDF 1.5 header, which
// allows the compressed form.
func pdfupdateMinimal15(objs ...string) []byte {
	doc := pdfupdateMinimal(objs...)
	copy(doc, "%PDF-1.5")
	return doc
}

func TestPDFEditorCompressed(t *testing.T) {
	doc := pdfupdateMinimal15(
		"<</Type /Catalog /Pages 2 0 R>>",
		"<</Type /Pages /Kids [] /Count 0>>",
		"<</Length 4 0 R>>\nstream\nendobj endstream\nendstream",
		"16",
	)
	e, err := newPDFEditor(doc)
	if err != nil {
		t.Fatal(err)
	}
	e.Add([]byte("(five)"))                                         // 5
	e.Replace(2, []byte("<</Type /Pages /Kids [] /Count 0 /X 1>>")) // replaced
	e.Add([]byte(" [6] % a comment"))                               // 6
	stream, err := pdfMakeStream([]byte("<</Type /Test>>"), []byte("data 1 0 obj"), true)
	if err != nil {
		t.Fatal(err)
	}
	e.Add(stream)                   // 7, a stream
	e.Add(nil)                      // 8, never given a body: null
	e.Replace(10, []byte("10 0 R")) // 10, after a gap
	e.SetTrailer("/Extra", "(x)")
	out := e.Bytes()
	if !bytes.Equal(out, e.Bytes()) {
		t.Error("Bytes is not repeatable")
	}
	if !bytes.HasPrefix(out, doc) {
		t.Fatal("document changed")
	}
	upd := string(out[len(doc):])
	// The stream first, then the object stream (11) with the others in
	// ascending order, then the cross-reference stream (12).
	for _, want := range []string{
		"7 0 obj\n<</Type /Test /Filter /FlateDecode /Length ",
		"\nendobj\n11 0 obj\n<</Type /ObjStm /N 5 /First ",
		"\nendobj\n12 0 obj\n<</Type /XRef\n/Size 13\n/Root 1 0 R\n/Extra (x)\n/Prev " + strconv.Itoa(bytes.Index(doc, []byte("xref"))) + "\n/W [1 2 1]\n/Index [2 1 5 4 10 3]\n",
	} {
		if !strings.Contains(upd, want) {
			t.Errorf("update lacks %q:\n%q", want, upd)
		}
	}
	if n := strings.Count(upd, " 0 obj\n"); n != 3 {
		t.Errorf("%d objects outside the object stream, want 3", n)
	}

	// Read back the result.
	e2, err := newPDFEditor(out)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(e2.Objects()); got != "[1 2 3 4 5 6 7 8 10]" {
		t.Errorf("Objects after update %s", got)
	}
	bodies := map[int]string{1: "<</Type /Catalog /Pages 2 0 R>>", 2: "<</Type /Pages /Kids [] /Count 0 /X 1>>", 5: "(five)", 6: "[6]", 8: "null", 10: "10 0 R"}
	for n, want := range bodies {
		b, err := e2.Object(n)
		if err != nil || string(pdfTrimSpace(b)) != want {
			t.Errorf("object %d: %q, %v; want %q", n, b, err, want)
		}
	}
	if _, data, err := e2.Stream(7); err != nil || string(data) != "data 1 0 obj" {
		t.Errorf("stream 7: %q, %v", data, err)
	}
	if _, data, err := e2.Stream(3); err != nil || string(data) != "endobj endstream" {
		t.Errorf("stream 3: %q, %v", data, err)
	}
	if v := e2.trailerValue("Extra"); string(v) != "(x)" {
		t.Errorf("/Extra %q", v)
	}
	if n := e2.Add(nil); n != 13 {
		t.Errorf("Add after update: %d, want 13", n)
	}
	for _, n := range []int{9, 11, 12} {
		if _, err := e2.Object(n); (err == nil) != (n != 9) {
			t.Errorf("object %d: %v", n, err)
		}
	}

	// A second update in each form replaces an object of the object stream
	// and leaves the others there; the third reads the chain of three.
	for _, classic := range []bool{false, true} {
		e2, err := newPDFEditor(out)
		if err != nil {
			t.Fatal(err)
		}
		e2.CompressObjects(!classic)
		e2.Replace(5, []byte("(new five)"))
		e2.SetTrailer("Extra", "(y)")
		out2 := e2.Bytes()
		if got := strings.Contains(string(out2[len(out):]), "/Type /XRef"); got == classic {
			t.Errorf("xref=%s: update %q", pdfupdateForm(classic), out2[len(out):])
		}
		e3, err := newPDFEditor(out2)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(e3.Objects()); got != "[1 2 3 4 5 6 7 8 10]" {
			t.Errorf("xref=%s: Objects after the second update %s", pdfupdateForm(classic), got)
		}
		bodies[5] = "(new five)"
		for n, want := range bodies {
			if b, err := e3.Object(n); err != nil || string(pdfTrimSpace(b)) != want {
				t.Errorf("xref=%s: object %d: %q, %v; want %q", pdfupdateForm(classic), n, b, err, want)
			}
		}
		if v := e3.trailerValue("Extra"); string(v) != "(y)" {
			t.Errorf("xref=%s: /Extra %q", pdfupdateForm(classic), v)
		}
		if n := e3.Add(nil); n != 13+2*btoi(!classic) {
			t.Errorf("xref=%s: Add after two updates: %d", pdfupdateForm(classic), n)
		}
	}

	// Only the trailer changes: the update is the cross-reference stream.
	e, err = newPDFEditor(doc)
	if err != nil {
		t.Fatal(err)
	}
	e.SetTrailer("ID", "[<00> <01>]")
	out = e.Bytes()
	if upd := string(out[len(doc):]); !strings.HasPrefix(upd, "5 0 obj\n<</Type /XRef\n/Size 6\n/Root 1 0 R\n/ID [<00> <01>]\n/Prev ") ||
		!strings.Contains(upd, "/Index [5 1]\n") {
		t.Errorf("update:\n%q", upd)
	}
	if e2, err := newPDFEditor(out); err != nil || string(e2.trailerValue("ID")) != "[<00> <01>]" {
		t.Errorf("read back: %v", err)
	}

	// A PDF 1.4 document gets the classic form, unless its catalog (as
	// updated) says 1.5 or later.
	doc14 := pdfupdateMinimal("<</Type /Catalog>>")
	for cat, want := range map[string]string{"<</Type /Catalog /X 1>>": "trailer", "<</Type /Catalog /Version /1.5>>": "/Type /XRef", "<</Type /Catalog /Version /2.0>>": "/Type /XRef"} {
		e, err := newPDFEditor(doc14)
		if err != nil {
			t.Fatal(err)
		}
		e.Replace(1, []byte(cat))
		if upd := e.Bytes()[len(doc14):]; !bytes.Contains(upd, []byte(want)) {
			t.Errorf("catalog %s: update %q lacks %q", cat, upd, want)
		}
	}
}

// btoi returns 1 for true.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestPDFEditorUnchanged(t *testing.T) {
	doc := pdfupdateTestDoc(t, false, 0)
	e, err := newPDFEditor(doc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Object(e.Root()); err != nil {
		t.Fatal(err)
	}
	out := e.Bytes()
	if !bytes.Equal(out, doc) || &out[0] != &doc[0] {
		t.Error("Bytes without edits is not the document itself")
	}
	// fpdf's page content, uncompressed and compressed.
	for _, compress := range []bool{false, true} {
		e, err := newPDFEditor(pdfupdateTestDoc(t, compress, 0))
		if err != nil {
			t.Fatal(err)
		}
		_, data, err := e.Stream(4)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte(") Tj ET")) {
			t.Errorf("compress=%v: page content %q", compress, data)
		}
	}
}

func TestPDFEditorErrors(t *testing.T) {
	good := pdfupdateMinimal("<</Type /Catalog>>")
	xrefAt := bytes.Index(good, []byte("xref"))
	// A file whose startxref points at a cross-reference stream.
	var xs bytes.Buffer
	xs.WriteString("%PDF-1.5\n1 0 obj\n<</Type /Catalog>>\nendobj\n")
	at := xs.Len()
	xs.WriteString("2 0 obj\n<</Type /XRef /Size 3 /Root 1 0 R /W [1 2 1] /Length 0>>\nstream\n\nendstream\nendobj\n")
	fmt.Fprintf(&xs, "startxref\n%d\n%%%%EOF\n", at)

	// The editor's own compressed update, corrupted in its cross-reference
	// stream's dictionary: the changes keep the offsets that matter.
	good15 := pdfupdateMinimal15("<</Type /Catalog>>")
	e, err := newPDFEditor(good15)
	if err != nil {
		t.Fatal(err)
	}
	e.Replace(1, []byte("<</Type /Catalog /X 1>>"))
	upd := e.Bytes()
	if !bytes.Contains(upd, []byte("/W [1 2 1]\n/Index [1 3]\n/Filter /FlateDecode\n/Length")) {
		t.Fatalf("update %q", upd[len(good15):])
	}
	xsDict := func(old, new string) []byte {
		i := bytes.LastIndex(upd, []byte(old))
		return append(append(bytes.Clone(upd[:i]), new...), upd[i+len(old):]...)
	}

	for name, tc := range map[string]struct {
		doc         []byte
		unsupported bool
	}{
		"empty":               {nil, false},
		"no startxref":        {bytes.ReplaceAll(good, []byte("startxref"), []byte("startxyz")), false},
		"bad offset":          {bytes.Replace(good, []byte("startxref\n"+strconv.Itoa(xrefAt)), []byte("startxref\n99999"), 1), false},
		"empty xref stream":   {xs.Bytes(), false},
		"not an xref stream":  {xsDict("/Type /XRef", "/Type /XRaf"), false},
		"xref stream W":       {xsDict("/W [1 2 1]", "/W [1 0 1]"), false},
		"xref stream Index":   {xsDict("/Index [1 3]", "/Index [1 9]"), false},
		"xref stream Size":    {xsDict("/Size 4", "/Size x"), false},
		"xref stream filter":  {xsDict("/Filter /FlateDecode", "/Filter /LZWDecode"), true},
		"xref stream TIFF":    {xsDict("/Filter /FlateDecode", "/Filter /FlateDecode /DecodeParms <</Predictor 2>>"), true},
		"xref stream encrypt": {xsDict("/Root 1 0 R", "/Root 1 0 R /Encrypt 9 0 R"), true},
		"xref stream prev":    {xsDict("/Prev "+strconv.Itoa(bytes.Index(good15, []byte("xref"))), "/Prev 3"), false},
		"encrypted":           {bytes.Replace(good, []byte("/Root 1 0 R"), []byte("/Root 1 0 R /Encrypt 9 0 R"), 1), true},
		"hybrid":              {bytes.Replace(good, []byte("/Root 1 0 R"), []byte("/Root 1 0 R /XRefStm 9"), 1), true},
		"no root":             {bytes.Replace(good, []byte("/Root 1 0 R"), []byte("/Rot 1 0 R"), 1), false},
		"bad xref entry":      {bytes.Replace(good, []byte(" 00000 n "), []byte(" 00000 x "), 1), false},
		"generation":          {bytes.Replace(good, []byte(" 00000 n "), []byte(" 00001 n "), 1), true},
		"prev loop":           {bytes.Replace(good, []byte("/Root 1 0 R"), []byte("/Root 1 0 R /Prev "+strconv.Itoa(xrefAt)), 1), false},
	} {
		_, err := newPDFEditor(tc.doc)
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if errors.Is(err, errUnsupportedPDF) != tc.unsupported {
			t.Errorf("%s: error %q, unsupported=%v", name, err, tc.unsupported)
		}
	}
	// A wrong offset is found when the object is read.
	bad := bytes.Replace(good, []byte("0000000009 00000 n"), []byte("0000000010 00000 n"), 1)
	e, err = newPDFEditor(bad)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Object(1); err == nil {
		t.Error("no error for a wrong object offset")
	}
	// Cross-reference entries that do not match the object stream.
	for _, x := range []pdfXref{{-1, 2, 1}, {-1, 3, 0}, {-1, 1, 0}, {-1, 9, 0}} {
		e, err := newPDFEditor(upd)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.Object(1); err != nil {
			t.Fatal(err)
		}
		e.xref[1] = x
		if b, err := e.Object(1); err == nil {
			t.Errorf("entry %+v: object 1 is %q", x, b)
		}
	}
}

func TestPDFUnpredict(t *testing.T) {
	rows := [][]byte{{1, 200, 3, 4}, {1, 0, 9, 4}, {2, 255, 0, 7}, {2, 255, 1, 8}, {0, 0, 0, 0}, {250, 3, 128, 64}}
	var want []byte
	for _, r := range rows {
		want = append(want, r...)
	}
	// encode applies the PNG filter of type typ(i) to row i.
	encode := func(typ func(i int) byte) []byte {
		var out []byte
		prev := make([]byte, 4)
		for i, r := range rows {
			ty := typ(i)
			out = append(out, ty)
			for k, c := range r {
				var left, upLeft int
				if k > 0 {
					left, upLeft = int(r[k-1]), int(prev[k-1])
				}
				up := int(prev[k])
				pred := [5]int{0, left, up, (left + up) / 2, int(pdfPaeth(byte(left), byte(up), byte(upLeft)))}[ty]
				out = append(out, c-byte(pred))
			}
			prev = r
		}
		return out
	}
	for ty := range byte(5) {
		got, err := pdfUnpredict([]byte("<</Predictor 12 /Columns 4>>"), encode(func(int) byte { return ty }))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("PNG filter %d: %v, %v", ty, got, err)
		}
	}
	mixed := encode(func(i int) byte { return byte(i % 5) })
	for _, parms := range []string{"<</Predictor 15 /Columns 4>>", "[<</Columns 4 /Predictor 10 /Colors 1 /BitsPerComponent 8>>]"} {
		if got, err := pdfUnpredict([]byte(parms), mixed); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: %v, %v", parms, got, err)
		}
	}
	for _, parms := range []string{"null", "<<>>", "<</Predictor 1 /Columns 4>>", "[null]"} {
		if got, err := pdfUnpredict([]byte(parms), mixed); err != nil || !bytes.Equal(got, mixed) {
			t.Errorf("%s: %v, %v", parms, got, err)
		}
	}
	for parms, unsupported := range map[string]bool{
		"<</Predictor 2 /Columns 4>>":                      true,
		"<</Predictor 12 /Columns 4 /Colors 3>>":           true,
		"<</Predictor 12 /Columns 4 /BitsPerComponent 4>>": true,
		"<</Predictor 12 /Columns x>>":                     true,
		"[<</Predictor 12>> null]":                         true,
		"<</Predictor 12 /Columns 5>>":                     false, // rows do not fit
	} {
		if _, err := pdfUnpredict([]byte(parms), mixed); err == nil || errors.Is(err, errUnsupportedPDF) != unsupported {
			t.Errorf("%s: error %v, want unsupported=%v", parms, err, unsupported)
		}
	}
	bad := bytes.Clone(mixed)
	bad[5] = 5 // no such PNG filter
	if _, err := pdfUnpredict([]byte("<</Predictor 12 /Columns 4>>"), bad); err == nil {
		t.Error("no error for PNG filter type 5")
	}
}

func BenchmarkFinishPDF(b *testing.B) {
	doc := pdfupdateTestDoc(b, true, 100) // about 100 KB
	opt := pdfupdateTestOptions()
	m := make(map[uint16]string)
	for c := range 600 {
		m[uint16(0x20+c)] = string(rune(0x20 + c))
	}
	for c := range 40 {
		m[uint16(0xE000+c)] = "f" + string(rune('a'+c%26))
	}
	opt.ToUnicode["utf8plain"] = m
	for _, classic := range []bool{false, true} {
		b.Run("xref="+pdfupdateForm(classic), func(b *testing.B) {
			opt.ClassicXref = classic
			b.SetBytes(int64(len(doc)))
			var out []byte
			for b.Loop() {
				var err error
				if out, err = finishPDF(doc, opt); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(doc)), "doc-bytes")
			b.ReportMetric(float64(len(out)-len(doc)), "update-bytes")
		})
	}
}

func TestFinishPDFMinimal(t *testing.T) {
	// Viewer preferences in their own object are edited there.
	doc := pdfupdateMinimal("<</Type /Catalog /ViewerPreferences 2 0 R>>", "<</HideToolbar true>>")
	out, err := finishPDF(doc, finishOptions{DuplexFlipShortEdge: true})
	if err != nil {
		t.Fatal(err)
	}
	e, err := newPDFEditor(out)
	if err != nil {
		t.Fatal(err)
	}
	for n, want := range map[int]string{1: "<</Type /Catalog /ViewerPreferences 2 0 R>>", 2: "<</HideToolbar true /Duplex /DuplexFlipShortEdge>>"} {
		if b, err := e.Object(n); err != nil || string(pdfTrimSpace(b)) != want {
			t.Errorf("object %d: %q, %v; want %q", n, b, err, want)
		}
	}
	// Streams with filters other than FlateDecode are not decoded.
	e, err = newPDFEditor(pdfupdateMinimal("<</Type /Catalog>>", "<</Filter /LZWDecode /Length 1>>\nstream\nx\nendstream"))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.Stream(2); !errors.Is(err, errUnsupportedPDF) {
		t.Errorf("LZW stream: error %v", err)
	}
	if _, _, err := e.Stream(1); err == nil {
		t.Error("no error for a dictionary read as a stream")
	}
}

// TestFinishPDFSizes logs what the compressed form of the update saves
// against the classic form, on the test document and on the leaflets,
// untagged and tagged (whose structure trees make an object of every
// element). On the leaflets it must save something; on the test document,
// whose update is two small objects and a CMap, the two stream
// dictionaries cost more than the table they replace.
func TestFinishPDFSizes(t *testing.T) {
	sizes := func(name string, doc []byte, finish func(classic bool) []byte) {
		t.Helper()
		table, stream := finish(true), finish(false)
		a, b := len(table)-len(doc), len(stream)-len(doc)
		t.Logf("%-24s document %6d bytes; update: classic %6d, compressed %6d bytes (%+.1f%% of the document)",
			name, len(doc), a, b, 100*float64(b-a)/float64(len(doc)))
		if b >= a && !strings.HasPrefix(name, "test") {
			t.Errorf("%s: the compressed update (%d bytes) is not smaller than the classic one (%d)", name, b, a)
		}
	}
	doc := pdfupdateTestDoc(t, true, 0)
	sizes("test document", doc, func(classic bool) []byte {
		opt := pdfupdateTestOptions()
		opt.ClassicXref = classic
		out, err := finishPDF(doc, opt)
		if err != nil {
			t.Fatal(err)
		}
		return out
	})
	if testing.Short() {
		return
	}
	for ei, ed := range editions {
		res := layoutBuiltin(t, "en", ei)
		opt := Options{Date: testDate, Creator: "leaflet"}
		plan, err := planTags(res)
		if err != nil {
			t.Fatal(err)
		}
		raw, fo, err := renderPDF(res, opt, nil)
		if err != nil {
			t.Fatal(err)
		}
		sizes(ed.name+" untagged en", raw, func(classic bool) []byte {
			fo.ClassicXref = classic
			out, err := finishPDF(raw, fo)
			if err != nil {
				t.Fatal(err)
			}
			return out
		})
		if raw, fo, err = renderPDF(res, opt, plan); err != nil {
			t.Fatal(err)
		}
		sizes(ed.name+" tagged en", raw, func(classic bool) []byte {
			if !classic {
				out, err := finishTagged(raw, fo, plan)
				if err != nil {
					t.Fatal(err)
				}
				return out
			}
			// finishTagged in the classic form.
			e, err := newPDFEditor(raw)
			if err != nil {
				t.Fatal(err)
			}
			e.CompressObjects(false)
			for _, err := range []error{finishToUnicode(e, fo.ToUnicode), finishFontNames(e, fo.FontNames), finishCatalog(e, fo), writeTags(e, plan)} {
				if err != nil {
					t.Fatal(err)
				}
			}
			sum := md5.Sum(raw)
			id := "<" + hex.EncodeToString(sum[:]) + ">"
			e.SetTrailer("ID", "["+id+" "+id+"]")
			return e.Bytes()
		})
	}
}
