// SPDX-License-Identifier: MIT

package content

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// builtinWith returns the built-in sources with extra files.
func builtinWith(t *testing.T, extra map[string]string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range BuiltinFiles() {
		data, err := fs.ReadFile(Builtin(), f)
		if err != nil {
			t.Fatal(err)
		}
		fsys[f] = &fstest.MapFile{Data: data}
	}
	for name, text := range extra {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

func tags(offers []Offer) string {
	var out []string
	for _, o := range offers {
		out = append(out, o.Lang)
	}
	return strings.Join(out, " ")
}

func TestOffersListEveryOtherLanguageMostSpokenFirst(t *testing.T) {
	l, ds := Load(Builtin(), "", DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	for _, tc := range []struct {
		lang  string
		langs []string
		want  string
	}{
		{"en", nil, "pl ro pa ur ar bn lt zh-Hans fa uk ckb ti"},
		{"ur", nil, "pl ro pa ar bn lt zh-Hans fa uk ckb ti en"},
		{"en", []string{"ur", "pl"}, "ur pl"},
	} {
		offers, ds := l.Offers(tc.lang, tc.langs)
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		if got := tags(offers); got != tc.want {
			t.Errorf("%s %v: got %q; want %q", tc.lang, tc.langs, got, tc.want)
		}
		for _, o := range offers {
			if o.Text.Lang != o.Lang || o.RTL != IsRTL(o.Lang) || !o.Text.Runs[0].Strong {
				t.Errorf("%s: the line is not in its own language and direction, name first: %+v", o.Lang, o)
			}
			if !strings.Contains(WesternDigits(o.Text.String()), "01604 364036") { // in the digits of the offer's language
				t.Errorf("%s: the offer lacks the phone number: %q", o.Lang, o.Text.String())
			}
		}
	}
}

func TestANewBundleJoinsThePanelAndOneWithoutTheOfferIsLeftOut(t *testing.T) {
	somali := `[language.name]
description = "d"
other = "Soomaali"

[request.language]
description = "d"
other = "Haddii aad rabto warqaddan oo ku qoran luqaddaada, wac {{.Phone}}."
`
	welsh := `[language.name]
description = "d"
other = "Cymraeg"
`
	fsys := builtinWith(t, map[string]string{
		"locales/cse/active.so.toml": somali,
		"locales/cse/active.cy.toml": welsh,
	})
	l, _ := Load(fsys, "", DefaultLeaflet)
	offers, ds := l.Offers("en", nil)
	if got := tags(offers); !strings.Contains(got, "so") || strings.Contains(got, "cy") {
		t.Errorf("got %q; want Somali in and Welsh out", got)
	}
	if !strings.Contains(ds.Error(), "language cy is left out of the languages block") {
		t.Errorf("got %v; want a warning that Welsh lacks the offer", ds)
	}
}

func TestTheOrganisationsNameAndAddressKeepTheirLanguageInATranslation(t *testing.T) {
	l, ds := Load(Builtin(), "", DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	doc, ds := l.Localize("ur")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	found := map[string]bool{}
	for _, s := range doc.Sections {
		for _, b := range s.Blocks {
			if b.Kind != Contact {
				continue
			}
			for _, txt := range b.Texts {
				for _, r := range txt.Runs {
					if r.Lang == "en" {
						found[r.Text] = true
					}
				}
			}
		}
	}
	for _, want := range []string{"Northamptonshire Safeguarding Children Board", "John Dryden House", "NN4 7YD"} {
		if !found[want] {
			t.Errorf("%q is not marked English in the Urdu contact block (marked: %v)", want, found)
		}
	}
	en, _ := l.Localize("en")
	for _, s := range en.Sections {
		for _, b := range s.Blocks {
			for _, txt := range b.Texts {
				for _, r := range txt.Runs {
					if r.Lang != "" {
						t.Errorf("the English leaflet marks %q as %s", r.Text, r.Lang)
					}
				}
			}
		}
	}
}
