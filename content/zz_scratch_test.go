// SPDX-License-Identifier: MIT

package content

import (
	"fmt"
	"testing"
	"testing/fstest"
)

const okLeaflet = "[organisation]\nname = \"Org\"\nphone = \"01604 364036\"\naddress = [\"A\", \"B\"]\n[[section]]\n  [[section.block]]\n  title = \"cover.title\"\n  [[section.block]]\n  paragraph = \"intro\"\n"

func TestScratch(t *testing.T) {
	cases := []struct {
		name string
		fs   fstest.MapFS
		lang string
	}{
		{"noleaflet", fstest.MapFS{"locales/t/active.en.toml": {Data: []byte("")}}, ""},
		{"english", fstest.MapFS{"content/t/leaflet.toml": {Data: []byte(okLeaflet)}, "locales/t/active.english.toml": {Data: []byte("[cover.title]\nother = \"x\"\n")}}, ""},
		{"englishplusen", fstest.MapFS{"content/t/leaflet.toml": {Data: []byte(okLeaflet)}, "locales/t/active.en.toml": {Data: []byte("[cover.title]\nother = \"x\"\n[intro]\nother = \"y\"\n")}, "locales/t/active.english.toml": {Data: []byte("[cover.title]\nother = \"x\"\n")}, "locales/t/active.en-gb.toml": {Data: []byte("[cover.title]\nother = \"x\"\n")}}, ""},
		{"nolocales", fstest.MapFS{"content/t/leaflet.toml": {Data: []byte(okLeaflet)}}, ""},
		{"pl", fstest.MapFS{"content/t/leaflet.toml": {Data: []byte(okLeaflet)}, "locales/t/active.en.toml": {Data: []byte("[cover.title]\nother = \"Title\"\n[intro]\nother = \"y\"\n")}, "locales/t/active.pl.toml": {Data: []byte("[cover.title]\nother = \"Tytuł\"\n")}}, "pl"},
		{"markup", fstest.MapFS{"content/t/leaflet.toml": {Data: []byte(okLeaflet)}, "locales/t/active.en.toml": {Data: []byte("[cover.title]\nother = \"**Title\"\n[intro]\nother = \"see [site(x)\"\n")}}, "en"},
		{"template", fstest.MapFS{"content/t/leaflet.toml": {Data: []byte(okLeaflet)}, "locales/t/active.en.toml": {Data: []byte("[cover.title]\nother = \"Tel {{.Phone}}\"\n[intro]\nother = \"{{.Address}} {{.Phon}}\"\n")}}, "en"},
		{"badfield", fstest.MapFS{"content/t/leaflet.toml": {Data: []byte(okLeaflet)}, "locales/t/active.en.toml": {Data: []byte("[cover.title]\nother = \"T\"\ntranslation = \"x\"\n[intro]\nother = 5\nfoo = \"bar\"\n")}}, "en"},
		{"nokind", fstest.MapFS{"content/t/leaflet.toml": {Data: []byte("[organisation]\nname = \"Org\"\n[[section]]\n  [[section.block]]\n  title = \"cover.title\"\n  paragraph = \"intro\"\n  [[section.block]]\n  source = \"intro\"\n  [[section.block]]\n  list = []\n")}, "locales/t/active.en.toml": {Data: []byte("[cover.title]\nother = \"T\"\n[intro]\nother = \"i\"\n")}}, "en"},
	}
	for _, c := range cases {
		l, ds := Load(c.fs, "root", "t")
		fmt.Printf("=== %s\n", c.name)
		for _, d := range ds {
			fmt.Printf("%#v\n%s\n", d, d.Error())
		}
		if c.lang != "" && l != nil {
			doc, ds := l.Localize(c.lang)
			for _, d := range ds {
				fmt.Printf("L %#v\n%s\n", d, d.Error())
			}
			if doc != nil {
				for _, s := range doc.Sections {
					for _, b := range s.Blocks {
						fmt.Printf("  %#v\n", b.Texts)
					}
				}
			}
		}
	}
}
