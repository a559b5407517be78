// SPDX-License-Identifier: MIT

package layout

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"leaflet/content"
)

// builtinWithout returns the built-in sources with the tables of some
// messages taken out of a language's bundle, and the languages block's
// section without its heading, so that the page editions set their own.
func builtinWithout(t *testing.T, lang string, ids ...string) fs.FS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range content.BuiltinFiles() {
		data, err := fs.ReadFile(content.Builtin(), name)
		if err != nil {
			t.Fatal(err)
		}
		switch name {
		case "content/cse/leaflet.toml":
			data = bytes.Replace(data, []byte("place = \"flap\"\nheading = \"languages.heading\"\n"), []byte("place = \"flap\"\n"), 1)
		case "locales/cse/active." + lang + ".toml":
			var keep []string
			for _, table := range strings.Split(string(data), "\n\n") {
				if !slices.ContainsFunc(ids, func(id string) bool { return strings.HasPrefix(table, "["+id+"]\n") }) {
					keep = append(keep, table)
				}
			}
			data = []byte(strings.Join(keep, "\n\n"))
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// TestLayoutLeavesTheDocumentAsItIs lays out one localised document in
// every edition, one after another, and checks that none changed it: the
// page number and the heading over the languages offer, set in English
// for a translation that lacks them, are among the document's Fallbacks
// when LocalizeWith returns, and layout adds nothing.
func TestLayoutLeavesTheDocumentAsItIs(t *testing.T) {
	l, ds := content.Load(builtinWithout(t, "pl", content.PageMessage, content.LanguagesHeadingMessage), "", content.DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	for _, lang := range []string{"pl", "ur"} {
		doc, ds := l.LocalizeWith(lang, content.LocalizeOptions{AllowIncomplete: true})
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		if lang == "pl" {
			for _, id := range []string{content.PageMessage, content.LanguagesHeadingMessage} {
				if !slices.Contains(doc.Fallbacks, id) {
					t.Errorf("%s: LocalizeWith returns Fallbacks %q, without %s", lang, doc.Fallbacks, id)
				}
			}
		}
		before, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		set, _ := tools(t)
		for _, ed := range []interface {
			layoutFunc
			String() string
		}{NewTriFold(A4), NewLargePrint(LargePrintDefault), NewEasyRead(EasyReadDefault), NewScreen()} {
			s := set
			if pe, ok := ed.(pageEdition); ok {
				s = set.WithText(pe.Family())
			}
			if _, ds := ed.Layout(doc, s, newShaperFor(s)); ds.HasErrors() {
				t.Fatalf("%s %s: %v", lang, ed, ds)
			}
			after, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(before, after) {
				t.Errorf("%s: laying out the %s changed the document: %s", lang, ed, firstDiff(before, after))
				before = after
			}
		}
	}
}

// firstDiff shows where two encodings first differ.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return "…" + string(a[from:min(len(a), i+80)]) + "… became …" + string(b[from:min(len(b), i+80)]) + "…"
}
