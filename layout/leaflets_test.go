// SPDX-License-Identifier: MIT

package layout

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"

	"leaflet/content"
	"leaflet/layout/text"
)

// leafletCase is a small leaflet of testdata/leaflets/<case>.toml, each
// made to show one thing the layout does, and what to lay out of it. Its
// sources are written in the file as they would be in their own files,
// in TOML's multi-line literal strings:
//
//	# what the case shows
//	lang = "ar"                      # the language laid out; default the source language
//	editions = ["trifold", "screen"] # default trifold, large-print, easy-read, screen
//	glyphs = true                    # dump each run's level and glyphs (DumpWith)
//	allow_incomplete = true          # lay a translation out with its missing messages in the source language
//	only = ["h1", "h2"]              # dump no item but the runs of these messages
//	leaflet = '''…'''                # content/case/leaflet.toml
//	review = '''…'''                 # locales/case/review.toml, when there is one
//
//	[bundle]
//	en = '''…'''                     # locales/case/active.en.toml
//	ar = '''…'''
//
// Each edition's golden, <case>.<edition>.golden beside it, is the
// diagnostics of loading, localising and laying the leaflet out, then the
// edition's dump. An edition laid out without an error must also pass
// FuzzLayout's checks (checkRunes, checkFrames, checkPanels).
type leafletCase struct {
	Lang            string            `toml:"lang"`
	Editions        []string          `toml:"editions"`
	Glyphs          bool              `toml:"glyphs"`
	AllowIncomplete bool              `toml:"allow_incomplete"`
	Only            []string          `toml:"only"`
	Leaflet         string            `toml:"leaflet"`
	Review          string            `toml:"review"`
	Bundle          map[string]string `toml:"bundle"`
}

// caseEdition is an edition a case may ask for, with the text family it
// sets its text in, as the build chooses it.
type caseEdition struct {
	name, family string
	ed           layoutFunc
}

// caseEditions are the editions a case may ask for.
var caseEditions = []caseEdition{
	{"trifold", "NotoSans", NewTriFold(A4)},
	{"large-print", NewLargePrint(0).Family(), NewLargePrint(LargePrintDefault)},
	{"easy-read", NewEasyRead(0).Family(), NewEasyRead(EasyReadDefault)},
	{"screen", NewScreen().Family(), NewScreen()},
}

// TestLeafletCases lays out every case of testdata/leaflets in the
// editions it asks for and compares each with its golden (go test
// ./layout -update rewrites them). A golden that no case asks for is an
// error: it is left from a case renamed or an edition dropped.
func TestLeafletCases(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "leaflets", "*.toml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases in testdata/leaflets (%v)", err)
	}
	set, _ := tools(t)
	wanted := map[string]bool{}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".toml")
		var c leafletCase
		md, err := toml.DecodeFile(file, &c)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if u := md.Undecoded(); len(u) > 0 {
			t.Fatalf("%s: unknown keys %v", file, u)
		}
		eds := c.Editions
		if len(eds) == 0 {
			for _, e := range caseEditions {
				eds = append(eds, e.name)
			}
		}
		for _, ed := range eds {
			wanted[name+"."+ed+".golden"] = true
		}
		t.Run(name, func(t *testing.T) {
			fsys := fstest.MapFS{"content/case/leaflet.toml": {Data: []byte(c.Leaflet)}}
			for lang, b := range c.Bundle {
				fsys["locales/case/active."+lang+".toml"] = &fstest.MapFile{Data: []byte(b)}
			}
			if c.Review != "" {
				fsys["locales/case/review.toml"] = &fstest.MapFile{Data: []byte(c.Review)}
			}
			l, lds := content.Load(fsys, "", "case")
			if lds.HasErrors() {
				t.Fatalf("the case's sources do not load:\n%v", lds)
			}
			lang := c.Lang
			if lang == "" {
				lang = l.Source
			}
			doc, dds := l.LocalizeWith(lang, content.LocalizeOptions{AllowIncomplete: c.AllowIncomplete})
			if dds.HasErrors() {
				t.Fatalf("the case does not localise:\n%v", dds)
			}
			for _, ed := range eds {
				i := slices.IndexFunc(caseEditions, func(e caseEdition) bool { return e.name == ed })
				if i < 0 {
					t.Fatalf("unknown edition %q", ed)
				}
				s := set.WithText(caseEditions[i].family)
				res, ds := caseEditions[i].ed.Layout(doc, s, text.NewShaper(s))
				all := append(append(append(content.Diagnostics(nil), lds...), dds...), ds...)
				golden(t, filepath.Join("leaflets", name+"."+ed), caseDump(all, res, c))
				if !ds.HasErrors() {
					for _, p := range slices.Concat(checkRunes(doc, res, nil), checkFrames(res, s), checkPanels(res)) {
						t.Errorf("%s: %s", ed, p)
					}
				}
			}
		})
	}
	if *update {
		return
	}
	goldens, _ := filepath.Glob(filepath.Join("testdata", "leaflets", "*.golden"))
	for _, g := range goldens {
		if !wanted[filepath.Base(g)] {
			t.Errorf("%s: no case asks for it; remove it", g)
		}
	}
}

// caseDump renders a case's golden: its diagnostics, one a line (their
// hints and source lines indented under them), then the result's dump, the
// items filtered by the case's only.
func caseDump(ds content.Diagnostics, res *Result, c leafletCase) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "diagnostic %s\n", strings.ReplaceAll(d.Error(), "\n\t", "\n    "))
	}
	if res == nil {
		b.WriteString("no result\n")
		return b.String()
	}
	if len(c.Only) > 0 {
		fmt.Fprintf(&b, "only the runs of %s\n", strings.Join(c.Only, ", "))
		r := *res
		r.Pages = nil
		for _, p := range res.Pages {
			q := p
			q.Items = nil
			for _, it := range p.Items {
				if g, ok := it.(*GlyphRun); ok && slices.Contains(c.Only, g.MsgID) {
					q.Items = append(q.Items, it)
				}
			}
			r.Pages = append(r.Pages, q)
		}
		res = &r
	}
	b.WriteString(res.DumpWith(DumpOptions{Glyphs: c.Glyphs}))
	return b.String()
}

// TestLeafletCasesHaveGoldens checks that the case directory holds only
// cases and their goldens, so that a golden misnamed is not left unread.
func TestLeafletCasesHaveGoldens(t *testing.T) {
	entries, err := os.ReadDir(filepath.Join("testdata", "leaflets"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if n := e.Name(); !strings.HasSuffix(n, ".toml") && !strings.HasSuffix(n, ".golden") {
			t.Errorf("testdata/leaflets/%s is neither a case (.toml) nor a golden (.golden)", n)
		}
	}
}
