// SPDX-License-Identifier: MIT

package content

import (
	"strings"
	"testing"
)

func TestMatchLangFindsTheBundleAPersonMeans(t *testing.T) {
	l, ds := Load(tree(validLeaflet, map[string]string{"active.en.toml": validBundle, "active.zh-Hans.toml": validBundle, "active.pt.toml": validBundle}), "", testID)
	if ds.HasErrors() {
		t.Fatal(dump(ds))
	}
	tests := []struct {
		tag, lang, note, err string
	}{
		{tag: "en", lang: "en"},
		{tag: "EN", lang: "en"},
		{tag: "zh-hans", lang: "zh-Hans"},
		{tag: "en-GB", lang: "en", note: `the leaflet "demo" has no bundle for en-GB: using en`},
		{tag: "zh-CN", lang: "zh-Hans", note: "using zh-Hans"},
		{tag: "pt-BR", lang: "pt"},
		{tag: "cy", err: `the leaflet "demo" has no bundle for language "cy": it is in en, pt, zh-Hans`},
		{tag: "english", err: `is in en, pt, zh-Hans`},
		{tag: "e!", err: `no bundle for language "e!" (not a language tag BCP 47 knows): it is in en, pt, zh-Hans`},
	}
	for _, tt := range tests {
		lang, note, err := l.MatchLang(tt.tag)
		switch {
		case tt.err != "":
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("MatchLang(%q): got %q, %v; want the error %q", tt.tag, lang, err, tt.err)
			}
		case err != nil || lang != tt.lang || !strings.Contains(note, tt.note) || (tt.note == "" && note != "" && tt.tag != "pt-BR"):
			t.Errorf("MatchLang(%q): got %q, note %q, %v; want %q, note %q", tt.tag, lang, note, err, tt.lang, tt.note)
		}
	}
}

func TestLeafletsListsTheFoldersWithALeaflet(t *testing.T) {
	fsys := tree(validLeaflet, map[string]string{"active.en.toml": validBundle})
	fsys["content/second/leaflet.toml"] = fsys[testLeafletFile]
	fsys["content/notes/readme.txt"] = fsys[testLeafletFile]
	ids, err := Leaflets(fsys)
	if err != nil || strings.Join(ids, ",") != "demo,second" {
		t.Errorf("got %v, %v; want demo and second", ids, err)
	}
}
