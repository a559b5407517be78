// SPDX-License-Identifier: MIT

package braille

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"

	"leaflet/content"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// brailleCase is a small leaflet of testdata/cases/<case>.toml, each made
// to show one rule of the braille edition, put into braille by the fake
// translator. Its sources are written in the file as they would be in
// their own files, in TOML's multi-line literal strings:
//
//	# what the case shows
//	lang = "pl"                      # the language made; default the source language
//	cells = 30                       # the page's cells a line and lines (default 40 × 25)
//	lines = 12
//	grade = 1                        # English uncontracted
//	leaflet = '''…'''                # content/case/leaflet.toml
//	review = '''…'''                 # locales/case/review.toml, when there is one
//
//	joins = ["uk.utb"]               # tables that write no space after a comma
//
//	[lacks]                          # the characters each table lacks
//	"ur-pk-g1.utb" = "abc"
//
//	[bundle]
//	en = '''…'''                     # locales/case/active.en.toml
//
// Its golden, <case>.golden beside it, is the edition's diagnostics, the
// calls made of each table, then its pages in Unicode braille.
type brailleCase struct {
	Lang    string            `toml:"lang"`
	Cells   int               `toml:"cells"`
	Lines   int               `toml:"lines"`
	Grade   int               `toml:"grade"`
	Leaflet string            `toml:"leaflet"`
	Review  string            `toml:"review"`
	Joins   []string          `toml:"joins"`
	Lacks   map[string]string `toml:"lacks"`
	Bundle  map[string]string `toml:"bundle"`
}

// TestCases makes the braille edition of every case of testdata/cases and
// compares it with its golden (go test ./braille -update rewrites them),
// and checks the pages' geometry (checkPages). A golden that no case asks
// for is an error.
func TestCases(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "cases", "*.toml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases in testdata/cases (%v)", err)
	}
	wanted := map[string]bool{}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".toml")
		wanted[name+".golden"] = true
		t.Run(name, func(t *testing.T) {
			var c brailleCase
			md, err := toml.DecodeFile(file, &c)
			if err != nil {
				t.Fatal(err)
			}
			if u := md.Undecoded(); len(u) > 0 {
				t.Fatalf("unknown keys %v", u)
			}
			doc, ds := caseDocument(t, c)
			f := &fake{lacks: c.Lacks, joins: map[string]bool{}}
			for _, t := range c.Joins {
				f.joins[t] = true
			}
			opt := Options{Cells: c.Cells, Lines: c.Lines, Grade: c.Grade}
			ed, bds := Make(t.Context(), doc, f, opt)
			ds = append(ds, bds...)
			golden(t, filepath.Join("cases", name), caseDump(ds, f, ed))
			if ed != nil {
				for _, p := range checkPages(ed, opt.WithDefaults()) {
					t.Error(p)
				}
			}
		})
	}
	if *update {
		return
	}
	goldens, _ := filepath.Glob(filepath.Join("testdata", "cases", "*.golden"))
	for _, g := range goldens {
		if !wanted[filepath.Base(g)] {
			t.Errorf("%s: no case asks for it; remove it", g)
		}
	}
}

// caseDocument loads a case's leaflet and localises it.
func caseDocument(t *testing.T, c brailleCase) (*content.Document, content.Diagnostics) {
	t.Helper()
	fsys := fstest.MapFS{"content/case/leaflet.toml": {Data: []byte(c.Leaflet)}}
	for lang, b := range c.Bundle {
		fsys["locales/case/active."+lang+".toml"] = &fstest.MapFile{Data: []byte(b)}
	}
	if c.Review != "" {
		fsys["locales/case/review.toml"] = &fstest.MapFile{Data: []byte(c.Review)}
	}
	l, ds := content.Load(fsys, "", "case")
	if ds.HasErrors() {
		t.Fatalf("the case's sources do not load:\n%v", ds)
	}
	lang := c.Lang
	if lang == "" {
		lang = l.Source
	}
	doc, lds := l.Localize(lang)
	if lds.HasErrors() {
		t.Fatalf("the case does not localise:\n%v", lds)
	}
	return doc, append(ds, lds...)
}

// caseDump renders a case's golden: its diagnostics, one a line (hints
// indented under them), the calls of each table, then each page with its
// number, its lines as they are.
func caseDump(ds content.Diagnostics, f *fake, ed *Edition) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "diagnostic %s\n", strings.ReplaceAll(d.Error(), "\n\t", "\n    "))
	}
	var tables []string
	for t := range f.calls {
		tables = append(tables, t)
	}
	slices.Sort(tables)
	for _, t := range tables {
		fmt.Fprintf(&b, "calls %s %d\n", t, f.calls[t])
	}
	if ed == nil {
		b.WriteString("no edition\n")
		return b.String()
	}
	for i, p := range ed.Pages {
		fmt.Fprintf(&b, "page %d\n", i+1)
		for _, l := range p {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// golden compares got with testdata/<name>.golden, or writes it with
// -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./braille -update writes it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < max(len(gl), len(wl)); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\ngot  %q\nwant %q\n(go test ./braille -update rewrites it; read the diff before committing)", path, i+1, g, w)
			}
		}
	}
}

// checkPages returns what is wrong with an edition's geometry: a line
// longer than its cells, a page longer than its lines, a page whose first
// line is not its number at the right, a rune that is not a 6-dot cell, a
// line that ends with a blank cell.
func checkPages(ed *Edition, opt Options) []string {
	var out []string
	for i, p := range ed.Pages {
		if len(p) > opt.Lines {
			out = append(out, fmt.Sprintf("page %d has %d lines; at most %d", i+1, len(p), opt.Lines))
		}
		if len(p) == 0 || !strings.HasSuffix(p[0], numberOf(i+1)) || len([]rune(p[0])) != opt.Cells {
			out = append(out, fmt.Sprintf("page %d: its first line %q is not its number at the right", i+1, p[0]))
		}
		for j, l := range p {
			if n := len([]rune(l)); n > opt.Cells {
				out = append(out, fmt.Sprintf("page %d line %d has %d cells; at most %d", i+1, j+1, n, opt.Cells))
			}
			for _, r := range l {
				if r < 0x2800 || r > 0x283F {
					out = append(out, fmt.Sprintf("page %d line %d has %U, not a 6-dot cell", i+1, j+1, r))
					break
				}
			}
			if strings.HasSuffix(l, string(Blank)) {
				out = append(out, fmt.Sprintf("page %d line %d ends with a blank cell", i+1, j+1))
			}
		}
	}
	return out
}

// numberOf is a page number as the fake and UEB write it.
func numberOf(n int) string {
	var b strings.Builder
	b.WriteRune('⠼')
	for _, d := range fmt.Sprint(n) {
		b.WriteRune(fakeDigits[d-'0'])
	}
	return b.String()
}
