// SPDX-License-Identifier: MIT

package content

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// FuzzLoadContent loads a leaflet.toml and an English bundle made by the
// fuzzer. Load must never panic, every error must name its file, positions
// must lie inside their file, and a leaflet that loads without errors must
// localise without panicking. The seeds are the built-in leaflet and broken
// variants of it; more live in testdata/fuzz/FuzzLoadContent.
func FuzzLoadContent(f *testing.F) {
	leaflet, err := fs.ReadFile(Builtin(), "content/cse/leaflet.toml")
	if err != nil {
		f.Fatal(err)
	}
	bundle, err := fs.ReadFile(Builtin(), "locales/cse/active.en.toml")
	if err != nil {
		f.Fatal(err)
	}
	l, b := string(leaflet), string(bundle)
	f.Add(leaflet, bundle)
	f.Add([]byte(validLeaflet), []byte(validBundle))
	for _, edit := range []struct{ file, old, new string }{
		{"leaflet", `name = "Northamptonshire Safeguarding Children Board"`, `name = "Northamptonshire`},
		{"leaflet", `paragraph = "what.intro"`, "paragraph = \"what.intro\"\n  list = [\"signs.intro\"]"},
		{"leaflet", `place = "flap"`, `place = "middle"`},
		{"leaflet", `title = "cover.title"`, `title = "cover.titel"`},
		{"leaflet", `published = 2026-11-27`, `published = "soon"`},
		{"leaflet", `[[section]]`, `[[section]`},
		{"leaflet", "  ]\n", "\n"},
		{"bundle", `other = "Contact us"`, `other = "Contact us`},
		{"bundle", `other = "**{{.Name}}**"`, `other = "**{{.Name}}"`},
		{"bundle", `[cover.title]`, `cover.title = "x"`},
	} {
		nl, nb := l, b
		if edit.file == "leaflet" {
			nl = strings.Replace(nl, edit.old, edit.new, 1)
		} else {
			nb = strings.Replace(nb, edit.old, edit.new, 1)
		}
		if nl == l && nb == b {
			f.Fatalf("the seed edit %q → %q no longer applies to the built-in %s", edit.old, edit.new, edit.file)
		}
		f.Add([]byte(nl), []byte(nb))
	}
	f.Fuzz(func(t *testing.T, leaflet, bundle []byte) {
		fsys := fstest.MapFS{
			testLeafletFile: {Data: leaflet},
			testBundleFile:  {Data: bundle},
		}
		lf, ds := Load(fsys, "", testID)
		checkFuzzDiags(t, "Load", ds, map[string][]byte{testLeafletFile: leaflet, testBundleFile: bundle})
		if lf == nil || ds.HasErrors() {
			return
		}
		for _, lang := range lf.Langs() {
			doc, lds := lf.Localize(lang)
			checkFuzzDiags(t, "Localize("+lang+")", lds, map[string][]byte{testLeafletFile: leaflet, testBundleFile: bundle})
			if doc == nil {
				t.Fatalf("Localize(%s): got a nil document after a clean load", lang)
			}
		}
	})
}

// checkFuzzDiags checks the invariants of diagnostics: every error names a
// file, and a line, when given, lies inside that file.
func checkFuzzDiags(t *testing.T, what string, ds Diagnostics, files map[string][]byte) {
	t.Helper()
	for _, d := range ds {
		_ = d.Error() // must not panic
		if d.Severity == Error && d.Pos.File == "" {
			t.Errorf("%s: got an error without a file: %q", what, d.Error())
		}
		if d.Pos.Line < 0 || d.Pos.Col < 0 {
			t.Errorf("%s: got a negative position %s: %q", what, d.Pos, d.Msg)
		}
		src, ok := files[d.Pos.File]
		if !ok || d.Pos.Line == 0 || !utf8.Valid(src) {
			continue
		}
		if n := strings.Count(string(src), "\n") + 1; d.Pos.Line > n {
			t.Errorf("%s: got line %d in a file of %d lines: %q", what, d.Pos.Line, n, d.Msg)
		}
	}
}
