// SPDX-License-Identifier: MIT

package output

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
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

func TestFinishPDFTools(t *testing.T) {
	for _, compress := range []bool{true, false} {
		t.Run(fmt.Sprintf("compress=%v", compress), func(t *testing.T) {
			doc := pdfupdateTestDoc(t, compress, 0)
			out, err := finishPDF(doc, pdfupdateTestOptions())
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(out, doc) {
				t.Fatal("the update does not start with the original document")
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
		})
	}
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
	doc := pdfupdateTestDoc(t, true, 0)
	out, err := finishPDF(doc, pdfupdateTestOptions())
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
	wantTrailer := fmt.Sprintf("trailer\n<<\n/Size 24\n/Root 22 0 R\n/Info 21 0 R\n/ID [<%[1]x> <%[1]x>]\n/Prev %d\n>>\nstartxref\n",
		md5.Sum(doc), old.xrefOff)
	if !bytes.Contains(out[len(doc):], []byte(wantTrailer)) {
		t.Errorf("update lacks trailer %q:\n%s", wantTrailer, out[len(doc):])
	}
}

func TestFinishPDFAgain(t *testing.T) {
	doc := pdfupdateTestDoc(t, true, 0)
	once, err := finishPDF(doc, finishOptions{DisplayDocTitle: true})
	if err != nil {
		t.Fatal(err)
	}
	twice, err := finishPDF(once, pdfupdateTestOptions())
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
	if _, err := exec.LookPath("qpdf"); err == nil {
		f := filepath.Join(t.TempDir(), "twice.pdf")
		if err := os.WriteFile(f, twice, 0o644); err != nil {
			t.Fatal(err)
		}
		if out := pdfupdateTool(t, "qpdf", "qpdf", "--check", f); strings.Contains(strings.ToLower(out), "warning") {
			t.Errorf("qpdf --check:\n%s", out)
		}
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

	for name, tc := range map[string]struct {
		doc         []byte
		unsupported bool
	}{
		"empty":          {nil, false},
		"no startxref":   {bytes.ReplaceAll(good, []byte("startxref"), []byte("startxyz")), false},
		"bad offset":     {bytes.Replace(good, []byte("startxref\n"+strconv.Itoa(xrefAt)), []byte("startxref\n99999"), 1), false},
		"xref stream":    {xs.Bytes(), true},
		"encrypted":      {bytes.Replace(good, []byte("/Root 1 0 R"), []byte("/Root 1 0 R /Encrypt 9 0 R"), 1), true},
		"hybrid":         {bytes.Replace(good, []byte("/Root 1 0 R"), []byte("/Root 1 0 R /XRefStm 9"), 1), true},
		"no root":        {bytes.Replace(good, []byte("/Root 1 0 R"), []byte("/Rot 1 0 R"), 1), false},
		"bad xref entry": {bytes.Replace(good, []byte(" 00000 n "), []byte(" 00000 x "), 1), false},
		"generation":     {bytes.Replace(good, []byte(" 00000 n "), []byte(" 00001 n "), 1), true},
		"prev loop":      {bytes.Replace(good, []byte("/Root 1 0 R"), []byte("/Root 1 0 R /Prev "+strconv.Itoa(xrefAt)), 1), false},
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
	e, err := newPDFEditor(bad)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Object(1); err == nil {
		t.Error("no error for a wrong object offset")
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
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := finishPDF(doc, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(doc)), "doc-bytes")
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
