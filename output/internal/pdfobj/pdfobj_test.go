// SPDX-License-Identifier: MIT

package pdfobj

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"leaflet/internal/testtool"
)

// classic returns a PDF with one classic cross-reference table, as fpdf
// writes it, holding the given object bodies (object 1 the catalog).
func classic(bodies ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(bodies))
	for i, body := range bodies {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, body)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(bodies)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<<\n/Size %d\n/Root 1 0 R\n/Info 4 0 R\n>>\nstartxref\n%d\n%%%%EOF\n", len(bodies)+1, xref)
	return b.Bytes()
}

// sample is a one-page document whose page content is an unfiltered
// stream, with an object (5) that nothing refers to.
var sample = classic(
	"<</Type /Catalog /Pages 2 0 R>>",
	"<</Type /Pages /Kids [3 0 R] /Count 1>>",
	"<</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 6 0 R /Resources <<>>>>",
	"<</Producer (test \\(with\\) parentheses)>>",
	"<</Unused true>>",
	"<</Length 39>>\nstream\n0 0 1 rg 10 10 100 100 re f 1 0 0 rg h\nendstream",
)

func TestWriteKeepsWhatIsReachedOnce(t *testing.T) {
	f, err := Read(sample)
	if err != nil {
		t.Fatal(err)
	}
	page, err := f.Object(3)
	if err != nil {
		t.Fatal(err)
	}
	if page, err = DictSet(page, "Rotate", "90"); err != nil {
		t.Fatal(err)
	}
	f.Replace(3, page)
	added := f.Add([]byte("<</Note (added)>>"))
	cat, _ := f.Object(1)
	cat, _ = DictSet(cat, "Extra", fmt.Sprintf("%d 0 R", added))
	f.Replace(1, cat)
	f.SetTrailer("ID", "[<00> <00>]")
	out, err := f.Write()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte("%PDF-1.7\n")) {
		t.Errorf("header %q", out[:9])
	}
	if n := bytes.Count(out, []byte(" 0 obj")); n != 3 { // the page content, the object stream, the cross-reference stream
		t.Errorf("%d objects outside the object stream, want 3:\n%s", n, out)
	}
	if bytes.Contains(out, []byte("0 0 1 rg")) {
		t.Error("the page content was not deflated")
	}
	qpdf := testtool.Need(t, "qpdf", "qpdf")
	file := filepath.Join(t.TempDir(), "out.pdf")
	os.WriteFile(file, out, 0o644)
	if msg, err := exec.CommandContext(t.Context(), qpdf, "--check", file).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, msg)
	}
	qdf, err := exec.CommandContext(t.Context(), qpdf, "--qdf", "--object-streams=disable", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"/Rotate 90", "(added)", "0 0 1 rg 10 10 100 100 re f", "test \\(with\\) parentheses"} {
		if !bytes.Contains(qdf, []byte(want)) {
			t.Errorf("qpdf does not read %q back", want)
		}
	}
	if bytes.Contains(qdf, []byte("/Unused")) {
		t.Error("the object nothing refers to was written")
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	write := func() []byte {
		f, err := Read(sample)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 20 {
			f.Add([]byte(fmt.Sprintf("<</N %d>>", i)))
		}
		f.SetTrailer("B", "1")
		f.SetTrailer("A", "2")
		out, err := f.Write()
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	if !bytes.Equal(write(), write()) {
		t.Error("two writes differ")
	}
}

func TestReadRefusesWhatFpdfDoesNotWrite(t *testing.T) {
	for name, doc := range map[string][]byte{
		"no startxref":   []byte("%PDF-1.4\n1 0 obj <<>> endobj\n"),
		"xref stream":    []byte("%PDF-1.5\n1 0 obj <</Type /XRef>> stream\nendstream endobj\nstartxref\n9\n%%EOF"),
		"encrypted":      bytes.Replace(sample, []byte("/Root 1 0 R"), []byte("/Root 1 0 R /Encrypt 5 0 R"), 1),
		"incremental":    bytes.Replace(sample, []byte("/Root 1 0 R"), []byte("/Root 1 0 R /Prev 9"), 1),
		"no root":        bytes.Replace(sample, []byte("/Root 1 0 R"), nil, 1),
		"bad xref entry": bytes.Replace(sample, []byte(" 00000 n "), []byte(" 0000x n "), 1),
	} {
		if _, err := Read(doc); err == nil {
			t.Errorf("%s: read without an error", name)
		}
	}
}

func TestSyntax(t *testing.T) {
	d := []byte("<</A 1 /B [1 2 0 R (x]) <</C /D>>] /E (a\\)b) /F 3 0 R>>")
	if v, _ := DictGet(d, "F"); string(v) != "3 0 R" {
		t.Errorf("F = %q", v)
	}
	if n, ok := ParseRef([]byte(" 3 0 R ")); !ok || n != 3 {
		t.Errorf("ParseRef = %d, %v", n, ok)
	}
	items, err := ArrayItems([]byte("[1 2 0 R (x]) <</C /D>>]"))
	if err != nil || len(items) != 4 || string(items[1]) != "2 0 R" || string(items[2]) != "(x])" {
		t.Errorf("ArrayItems = %q, %v", items, err)
	}
	got, err := DictSet(d, "A", "<</New true>>")
	if err != nil || !strings.HasPrefix(string(got), "<</A <</New true>> /B") {
		t.Errorf("DictSet = %q, %v", got, err)
	}
	if _, err := DictSet(d, "A", "(unterminated"); err == nil {
		t.Error("DictSet took an invalid value")
	}
	var refs []int
	if _, err := skipValue(d, 0, 0, func(n int) { refs = append(refs, n) }); err != nil || fmt.Sprint(refs) != "[2 3]" {
		t.Errorf("references %v, %v", refs, err)
	}
}

// FuzzRead reads and writes arbitrary bytes: errors are fine, panics and
// endless loops are not.
func FuzzRead(f *testing.F) {
	f.Add(sample)
	f.Add(classic("<</Type /Catalog /Pages 1 0 R>>"))
	f.Fuzz(func(t *testing.T, doc []byte) {
		pf, err := Read(doc)
		if err != nil {
			return
		}
		pf.Write()
	})
}
