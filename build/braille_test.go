// SPDX-License-Identifier: MIT

package build

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"leaflet/braille"
	"leaflet/compose"
	"leaflet/internal/testtool"
	"leaflet/layout"
)

func TestTheBrailleEditionIsABRFWithItsTextInUnicodeBraille(t *testing.T) {
	testtool.Need(t, "lou_translate", "liblouis-bin")
	req := Request{Leaflet: builtin(t), Langs: []string{"en", "ar"}, Editions: []*compose.Edition{compose.Braille}}
	outs, ds := Run(t.Context(), req)
	if ds.HasErrors() || len(outs) != 2 {
		t.Fatalf("got %d outputs, %v", len(outs), ds)
	}
	dir := t.TempDir()
	if err := Write(t.Context(), dir, outs); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"ar", "en"} {
		brf, err := os.ReadFile(filepath.Join(dir, "cse-"+lang+".brf"))
		if err != nil {
			t.Fatal(err)
		}
		text, err := os.ReadFile(filepath.Join(dir, "cse-"+lang+"-braille.txt"))
		if err != nil {
			t.Fatal(err)
		}
		// the text is the BRF's pages, cell for cell
		var want strings.Builder
		for i, page := range strings.Split(string(brf), "\f") {
			if i > 0 {
				want.WriteByte('\f')
			}
			for _, line := range strings.SplitAfter(page, "\r\n") {
				if line == "" {
					continue
				}
				u, err := braille.Unicode(strings.TrimSuffix(line, "\r\n"))
				if err != nil {
					t.Fatal(err)
				}
				want.WriteString(u + "\n")
			}
		}
		if string(text) != want.String() || !bytes.Contains(brf, []byte("\f")) {
			t.Errorf("%s: the text in Unicode braille is not the BRF's pages", lang)
		}
	}
	o := outs[slices.IndexFunc(outs, func(o Output) bool { return o.Lang == "en" })]
	if o.Name != "cse-en.brf" || len(o.Companions) != 1 || o.Companions[0].Name != "cse-en-braille.txt" || o.Pages < 5 {
		t.Errorf("the English output: %s, companions %v, %d pages", o.Name, o.Companions, o.Pages)
	}
}

func TestWithoutLiblouisOnlyTheBrailleEditionFails(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	req := Request{Leaflet: builtin(t), Langs: []string{"en"}, Editions: []*compose.Edition{compose.TriFold, compose.Braille}, Paper: layout.A4}
	outs, ds := Run(t.Context(), req)
	if len(outs) != 1 || outs[0].Edition != compose.TriFold {
		t.Errorf("built %d outputs; want the tri-fold alone", len(outs))
	}
	if !ds.HasErrors() || !strings.Contains(ds.Error(), "apt-get install liblouis-bin liblouis-data") {
		t.Errorf("got %v; want an error saying how to install liblouis", ds)
	}
	if got := Failed(req, outs); !slices.Equal(got, []string{"cse-en.brf"}) {
		t.Errorf("failed %q; want the BRF", got)
	}
}

func TestALanguageWithoutABrailleTableFailsAlone(t *testing.T) {
	testtool.Need(t, "lou_translate", "liblouis-bin")
	req := Request{Leaflet: builtin(t), Langs: []string{"pl", "ro"}, Editions: []*compose.Edition{compose.Braille}}
	outs, ds := Run(t.Context(), req)
	if len(outs) != 1 || outs[0].Lang != "pl" {
		t.Errorf("built %d outputs; want Polish's", len(outs))
	}
	if !strings.Contains(ds.Error(), "error: ro braille: no braille table for language ro") {
		t.Errorf("got %v; want an error naming Romanian", ds)
	}
}

// TestAnOutputsFilesAreWrittenTogether writes a braille output whose
// companion cannot be replaced (read-only): Write writes nothing of the
// build, WriteSome all but that output, neither its BRF.
func TestAnOutputsFilesAreWrittenTogether(t *testing.T) {
	dir := t.TempDir()
	locked := filepath.Join(dir, "cse-en-braille.txt")
	if err := os.WriteFile(locked, []byte("old"), 0o444); err != nil {
		t.Fatal(err)
	}
	outs := []Output{
		{Output: compose.Output{Job: compose.Job{Lang: "en", Edition: compose.Braille}, Name: "cse-en.brf"}, Data: []byte("BRF"),
			Companions: []File{{"cse-en-braille.txt", []byte("text")}}},
		{Output: compose.Output{Job: compose.Job{Lang: "pl", Edition: compose.Braille}, Name: "cse-pl.brf"}, Data: []byte("BRF"),
			Companions: []File{{"cse-pl-braille.txt", []byte("text")}}},
	}
	if err := Write(t.Context(), dir, outs); err == nil || !strings.Contains(err.Error(), "nothing of this build is written") {
		t.Errorf("Write: %v; want nothing written", err)
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"cse-en-braille.txt"}) {
		t.Errorf("after Write the folder holds %q", names)
	}
	written, errs := WriteSome(t.Context(), dir, outs)
	if len(written) != 1 || written[0].Lang != "pl" || len(errs) != 1 {
		t.Errorf("WriteSome wrote %d, errors %v; want Polish's alone", len(written), errs)
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"cse-en-braille.txt", "cse-pl-braille.txt", "cse-pl.brf"}) {
		t.Errorf("after WriteSome the folder holds %q", names)
	}
	if b, _ := os.ReadFile(locked); !bytes.Equal(b, []byte("old")) {
		t.Errorf("the read-only file was replaced")
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// BenchmarkBraille makes the braille edition of every language, as
// leaflet build --edition braille does (Romanian, Tigrinya and Chinese
// fail; see docs/braille.md).
func BenchmarkBraille(b *testing.B) {
	testtool.Need(b, "lou_translate", "liblouis-bin")
	req := Request{Leaflet: builtin(b), Editions: []*compose.Edition{compose.Braille}}
	for b.Loop() {
		outs, _ := Run(b.Context(), req)
		if len(outs) < 10 {
			b.Fatalf("%d braille editions built", len(outs))
		}
	}
}

// BenchmarkBuildDefaultWithBraille is BenchmarkBuildDefault with the
// braille edition of every language: the difference is what braille adds
// to the whole default build.
func BenchmarkBuildDefaultWithBraille(b *testing.B) {
	testtool.Need(b, "lou_translate", "liblouis-bin")
	l := builtin(b)
	req := Request{Leaflet: l, Paper: layout.A4, Editions: append(compose.Defaults(l, nil), compose.Braille)}
	for b.Loop() {
		outs, _ := Run(b.Context(), req)
		if len(outs) < 49 {
			b.Fatalf("%d outputs built", len(outs))
		}
	}
}
