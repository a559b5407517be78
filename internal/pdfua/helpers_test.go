// SPDX-License-Identifier: MIT

package pdfua

import (
	"bytes"
	"context"
	"leaflet/compose"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"leaflet/build"
	"leaflet/content"
	"leaflet/internal/testtool"
	"leaflet/layout"
)

// runTool runs a command with stdin as its standard input and returns its
// standard output, failing the test when it exits with an error.
func runTool(t testing.TB, stdin []byte, name string, args ...string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(t.Context(), name, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(stdin), &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.Bytes())
	}
	return stdout.Bytes()
}

// built are the built-in leaflet's English tri-fold and easy read, built
// once for the tests.
var built = sync.OnceValues(func() (map[string][]byte, error) {
	l, ds := content.Load(content.Builtin(), "", content.DefaultLeaflet)
	if ds.HasErrors() {
		return nil, ds
	}
	outs, ds := build.Run(context.Background(), build.Request{Leaflet: l, Langs: []string{"en"}, Editions: []*compose.Edition{compose.TriFold, compose.EasyRead}, Paper: layout.A4})
	if ds.HasErrors() {
		return nil, ds
	}
	pdfs := map[string][]byte{}
	for _, o := range outs {
		pdfs[o.Edition.Name] = o.Data
	}
	return pdfs, nil
})

// builtPDF returns the English PDF of an edition.
func builtPDF(t testing.TB, edition string) []byte {
	t.Helper()
	pdfs, err := built()
	if err != nil {
		t.Fatal(err)
	}
	pdf, ok := pdfs[edition]
	if !ok {
		t.Fatalf("no %s was built", edition)
	}
	return pdf
}

// toQDF returns qpdf's QDF form of a PDF: every object on its own, without
// object streams, one dictionary entry a line, with its streams
// uncompressed and content streams normalised (binary strings in hex), so
// that a test can edit it as text.
func toQDF(t testing.TB, pdf []byte) []byte {
	t.Helper()
	qpdf := testtool.Need(t, "qpdf", "qpdf")
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.qdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	runTool(t, nil, qpdf, "--qdf", "--object-streams=disable", in, out)
	qdf, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return qdf
}

// fixQDF makes an edited QDF file a valid PDF again: qpdf's fix-qdf
// rewrites the stream lengths and the cross-reference table.
func fixQDF(t testing.TB, qdf []byte) []byte {
	t.Helper()
	return runTool(t, qdf, testtool.Need(t, "fix-qdf", "qpdf"))
}

// endobj ends an object in a QDF file.
var endobj = []byte("\nendobj\n")

// qdfEdit returns a copy of a QDF file with the first match of re replaced
// (with regexp's $1 expansion) in the first object whose head — the
// comments qpdf writes before it ("%% Contents for page 1") and its
// dictionary, not a stream's data — contains sel and whose text re
// matches. It fails the test when no object matches, so an edit that no
// longer applies cannot pass unnoticed.
func qdfEdit(t testing.TB, qdf []byte, sel, re, with string) []byte {
	t.Helper()
	rx := regexp.MustCompile(re)
	for start := 0; start < len(qdf); {
		end := len(qdf)
		if i := bytes.Index(qdf[start:], endobj); i >= 0 {
			end = start + i + len(endobj)
		}
		obj := qdf[start:end]
		head := obj
		if i := bytes.Index(obj, []byte("\nstream\n")); i >= 0 {
			head = obj[:i]
		}
		if bytes.Contains(head, []byte(sel)) {
			if loc := rx.FindSubmatchIndex(obj); loc != nil {
				var out []byte
				out = append(out, qdf[:start+loc[0]]...)
				out = rx.Expand(out, []byte(with), obj, loc)
				return append(out, qdf[start+loc[1]:]...)
			}
		}
		start = end
	}
	t.Fatalf("no object with %q matches %s", sel, re)
	return nil
}
