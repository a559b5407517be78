// SPDX-License-Identifier: MIT

package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"leaflet/compose"
	"leaflet/layout"
)

func TestTextEditionsBuildInEveryLanguageTheSameTwice(t *testing.T) {
	l := builtin(t)
	req := Request{Leaflet: l, Editions: []*compose.Edition{compose.HTML, compose.EasyReadHTML, compose.EPUB}, Paper: layout.A4}
	a, ds := Run(t.Context(), req)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	b, _ := Run(t.Context(), req)
	if len(a) != 3*len(l.Langs()) || len(b) != len(a) {
		t.Fatalf("built %d and %d files; want %d", len(a), len(b), 3*len(l.Langs()))
	}
	for i, o := range a {
		want := map[*compose.Edition]string{compose.HTML: "cse-" + o.Lang + ".html", compose.EasyReadHTML: "cse-" + o.Lang + "-easy-read.html", compose.EPUB: "cse-" + o.Lang + ".epub"}[o.Edition]
		if o.Name != want || len(o.Data) == 0 {
			t.Errorf("%s: %d bytes; want %s", o.Name, len(o.Data), want)
		}
		if !bytes.Equal(o.Data, b[i].Data) {
			t.Errorf("%s differs between two builds", o.Name)
		}
	}
}

func TestAnEasyReadPageOfALeafletWithoutAnEasyReadIsAnError(t *testing.T) {
	l := builtin(t)
	l.EasyRead = nil
	outs, ds := Run(t.Context(), Request{Leaflet: l, Langs: []string{"en"}, Editions: []*compose.Edition{compose.EasyReadHTML, compose.HTML}, Paper: layout.A4})
	if len(outs) != 1 || outs[0].Edition != compose.HTML || !strings.Contains(ds.Error(), "the leaflet has no easy read") {
		t.Errorf("got %d outputs and %v; want the web page and an error for the easy read's", len(outs), ds)
	}
}

func TestWriteOfTextEditionsIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	outs, ds := Run(t.Context(), Request{Leaflet: builtin(t), Langs: []string{"en", "ur"}, Editions: []*compose.Edition{compose.HTML, compose.EPUB}, Paper: layout.A4})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	// a read-only file in the way: nothing is written
	ro := filepath.Join(dir, "cse-ur.epub")
	if err := os.WriteFile(ro, []byte("old"), 0o444); err != nil {
		t.Fatal(err)
	}
	if err := Write(t.Context(), dir, outs); err == nil || !strings.Contains(err.Error(), "nothing of this build is written") {
		t.Fatalf("got %v; want an error that nothing is written", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the folder holds %d files; want the read-only one alone", len(entries))
	}
}
