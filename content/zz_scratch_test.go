// SPDX-License-Identifier: MIT

package content

import (
	"fmt"
	"testing"
	"testing/fstest"
)

const scratchEN = `[cover.title]
other = "Hello"
[intro]
other = "Intro"
`

func TestScratch(t *testing.T) {
	cases := map[string][2]string{
		"missingquote": {"[organisation]\nname = \"X\n\n[[section]]\n  [[section.block]]\n  title = \"cover.title\"\n", scratchEN},
		"badbundle": {"[organisation]\nname = \"X\"\n[[section]]\n  [[section.block]]\n  title = \"cover.title\"\n", "[cover.title]\nother = \"Hello\n"},
		"unknownkeys": {"colour = \"red\"\n[organisation]\nname = \"X\"\nfax = \"1\"\n[[section]]\n  [[section.block]]\n  title = \"cover.title\"\n  colour = 1\n  [[section.block]]\n  paragraph = \"intro\"\n  colour = 2\n[extra]\nx = 1\n", scratchEN},
		"typeerr": {"[organisation]\nname = 5\n[[section]]\n  [[section.block]]\n  title = \"cover.title\"\n", scratchEN},
		"sectiontable": {"[organisation]\nname = \"x\"\n[section]\nplace = \"cover\"\n", scratchEN},
		"dupunknown": {"[organisation]\nname = \"X\"\n[[section]]\n  [[section.block]]\n  title = \"cover.titel\"\n[[section]]\n  [[section.block]]\n  paragraph = \"cover.titel\"\n  [[section.block]]\n  paragraph = \"intro\"\n", scratchEN},
		"dupplace": {"[organisation]\nname = \"X\"\n[[section]]\nplace = \"middle\"\n  [[section.block]]\n  title = \"cover.title\"\n[[section]]\nplace = \"middle\"\n  [[section.block]]\n  paragraph = \"intro\"\n", scratchEN},
		"published": {"published = \"yesterday\"\n[organisation]\nname = \"X\"\n[[section]]\n  [[section.block]]\n  title = \"cover.title\"\n  [[section.block]]\n  paragraph = \"intro\"\n", scratchEN},
	}
	for name, c := range cases {
		fsys := fstest.MapFS{
			"content/t/leaflet.toml":    {Data: []byte(c[0])},
			"locales/t/active.en.toml": {Data: []byte(c[1])},
		}
		_, ds := Load(fsys, "", "t")
		fmt.Printf("=== %s\n", name)
		for _, d := range ds {
			fmt.Printf("%#v\n%s\n", d, d.Error())
		}
	}
	for _, s := range []string{"Tel: 01604 364036", "NN4 7YD", "on 22nd May 2015 01604 364036", "www.northamptonshirescb.org.uk.", "mail nscb@northamptonshire.gcsx.gov.uk.", "under 18, 8-10 The Lakes", "a \\* b **c** [d](e.org) \\", "[x](y) z [w](mailto:a@b.c)"} {
		r, err := parseMarkup(s)
		fmt.Printf("%q -> %#v %v\n", s, r, err)
	}
}
