// SPDX-License-Identifier: MIT

package content_test

import (
	"fmt"
	"testing/fstest"

	"leaflet/content"
)

// A leaflet is a content file and one go-i18n bundle per language; Load
// reads them from any fs.FS and Localize gives a language's document.
func ExampleLoad() {
	fsys := fstest.MapFS{
		"content/demo/leaflet.toml": {Data: []byte(`
[organisation]
name = "Demo Board"
phone = "01604 364036"

[[section]]
place = "cover"
  [[section.block]]
  title = "cover.title"

[[section]]
heading = "body.heading"
  [[section.block]]
  paragraph = "body.text"
`)},
		"locales/demo/active.en.toml": {Data: []byte(`
[cover.title]
other = "Demo leaflet"

[body.heading]
other = "What to do"

[body.text]
other = "Call {{.Phone}}."
`)},
	}
	l, ds := content.Load(fsys, "", "demo")
	if ds.HasErrors() {
		fmt.Println(ds)
		return
	}
	doc, _ := l.Localize("en")
	fmt.Println(l.ID, l.Langs(), doc.Title)
	for _, s := range doc.Sections[1:] {
		fmt.Printf("%s: %s\n", s.Heading, s.Blocks[0].Texts[0])
	}
	// Output:
	// demo [en] Demo leaflet
	// What to do: Call 01604 364036.
}

// Every problem of the sources is reported at once, each with its file,
// line and column.
func ExampleLoad_diagnostics() {
	fsys := fstest.MapFS{
		"content/demo/leaflet.toml": {Data: []byte(`[organisation]
name = "Demo Board"

[[section]]
place = "cover"
  [[section.block]]
  title = "cover.titel"
`)},
		"locales/demo/active.en.toml": {Data: []byte(`[cover.title]
other = "Demo leaflet"
`)},
	}
	_, ds := content.Load(fsys, "", "demo")
	fmt.Println(ds)
	// Output:
	// content/demo/leaflet.toml:7:11: error: unknown message ID "cover.titel"
	//	  title = "cover.titel"
	//	          ^
	//	hint: did you mean "cover.title"? (or add [cover.titel] to locales/demo/active.en.toml)
	// locales/demo/active.en.toml:1:1: warning: message "cover.title" is not used by content/demo/leaflet.toml
	//	hint: remove it, or place it in a section
}

// The built-in leaflet, in every language it has.
func ExampleBuiltin() {
	l, ds := content.Load(content.Builtin(), "", content.DefaultLeaflet)
	if ds.HasErrors() {
		fmt.Println(ds)
		return
	}
	fmt.Println(l.ID, l.Source, l.Langs())
	fmt.Println(len(l.Sections), "sections, easy read:", l.EasyRead != nil)
	// Output:
	// cse en [en ar bn ckb fa lt pa pl ro ti uk ur zh-Hans]
	// 8 sections, easy read: true
}
