// SPDX-License-Identifier: MIT

package layout

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"leaflet/content"
	"leaflet/fonts"
	"leaflet/internal/tomlquote"
	"leaflet/layout/text"
)

// fuzzLangs are the languages of FuzzLayout's leaflet, chosen by its first
// argument (modulo their number): Latin, Arabic (right to left), Bengali
// and Chinese.
var fuzzLangs = []string{"en", "ar", "bn", "zh-Hans"}

// The bits of FuzzLayout's second argument.
const (
	// fuzzPrintShop lays the tri-fold out as the print shop's file.
	fuzzPrintShop = 1 << iota
	// fuzzTranslation makes the texts a draft translation of an English
	// leaflet whose bundle has the same texts, the list item left
	// untranslated and laid out with AllowIncomplete: the tri-fold's
	// cover carries the draft notice, and the item is set in English,
	// marked. It has no effect when the language is English.
	fuzzTranslation
)

// fuzzLeaflet is the content file of FuzzLayout's leaflet: a cover with
// the title and a call to action; an inside section with a heading, a
// paragraph, a list of two items and a quotation; a back cover with a
// contact block and a QR code; and an easy read of one point.
const fuzzLeaflet = `qr = true

[organisation]
name = "Riverside Safeguarding Partnership"
phone = "01234 567890"
email = "help@riverside.example"
website = "www.riverside.example"

[[section]]
place = "cover"

  [[section.block]]
  title = "cover.title"

  [[section.block]]
  action = "cover.action"

[[section]]
heading = "h"

  [[section.block]]
  paragraph = "p"

  [[section.block]]
  list = ["i", "i2"]

  [[section.block]]
  quote = ["q"]

[[section]]
place = "back"
heading = "contact.heading"

  [[section.block]]
  contact = ["contact.phone", "contact.email"]

[easy_read]
label = "er.label"

[[easy_read.section]]
heading = "h"

  [[easy_read.section.point]]
  picture = "phone"
  text = ["p"]
`

// fuzzMessages returns a bundle of FuzzLayout's leaflet: the four fuzzed
// texts and the fixed ones; without the list item when noItem.
func fuzzMessages(title, heading, para, item string, noItem bool) string {
	var b strings.Builder
	add := func(id, s string) {
		fmt.Fprintf(&b, "[%s]\ndescription = \"d\"\nother = %s\n\n", id, tomlquote.Quote(s))
	}
	add("cover.title", title)
	add("cover.action", "Questions? Call {{.Phone}}")
	add("h", heading)
	add("p", para)
	if !noItem {
		add("i", item)
	}
	add("i2", "Second item.")
	add("q", "A quotation, set apart.")
	add("contact.heading", "Contact us")
	add("contact.phone", "Tel: {{.Phone}}")
	add("contact.email", "Email: {{.Email}}")
	add("er.label", "Easy read")
	add("picture.phone", "A telephone")
	add("language.name", "English")
	add("notice.draft", "Draft translation: not yet checked by a qualified translator.")
	add("page.number", "Page {{.Page}} of {{.Pages}}")
	return b.String()
}

// fuzzDoc loads and localises FuzzLayout's leaflet. It returns nil when
// the sources have errors, which are diagnostics, never a panic.
func fuzzDoc(lang string, translation bool, title, heading, para, item string) *content.Document {
	fsys := fstest.MapFS{"content/f/leaflet.toml": {Data: []byte(fuzzLeaflet)}}
	opt := content.LocalizeOptions{}
	if translation && lang != "en" {
		fsys["locales/f/active.en.toml"] = &fstest.MapFile{Data: []byte(fuzzMessages(title, heading, para, item, false))}
		fsys["locales/f/active."+lang+".toml"] = &fstest.MapFile{Data: []byte(fuzzMessages(title, heading, para, item, true))}
		opt.AllowIncomplete = true
	} else {
		fsys["content/f/leaflet.toml"] = &fstest.MapFile{Data: []byte("source_language = " + tomlquote.Quote(lang) + "\n" + fuzzLeaflet)}
		fsys["locales/f/active."+lang+".toml"] = &fstest.MapFile{Data: []byte(fuzzMessages(title, heading, para, item, false))}
	}
	l, ds := content.Load(fsys, "", "f")
	if ds.HasErrors() {
		return nil
	}
	doc, ds := l.LocalizeWith(lang, opt)
	if ds.HasErrors() {
		return nil
	}
	return doc
}

// fuzzEditions returns the editions FuzzLayout lays out, each with the
// fonts it sets its text in, and the messages each must set.
func fuzzEditions(t testing.TB, printShop bool) []fuzzEdition {
	set, _ := tools(t)
	tf := NewTriFold(A4)
	tf.PrintShop = printShop
	inside := []string{"cover.title", "cover.action", "h", "p", "i", "i2", "q", "contact.heading", "contact.phone", "contact.email"}
	pages := []string{"cover.title", "h", "p", "i", "i2", "q", "contact.heading", "contact.phone", "contact.email"}
	out := []fuzzEdition{
		{name: "trifold", ed: tf, family: "NotoSans", want: inside},
		{name: "large-print", ed: NewLargePrint(LargePrintDefault), family: NewLargePrint(0).Family(), want: pages},
		{name: "easy-read", ed: NewEasyRead(EasyReadDefault), family: NewEasyRead(0).Family(), want: []string{"cover.title", "er.label", "h", "p"}},
		{name: "screen", ed: NewScreen(), family: NewScreen().Family(), want: append(pages, "cover.action")},
	}
	for i := range out {
		out[i].set = set.WithText(out[i].family)
	}
	return out
}

// fuzzEdition is an edition FuzzLayout lays out.
type fuzzEdition struct {
	name   string
	ed     layoutFunc
	family string
	set    *fonts.Set
	// want are the messages the edition sets, each at least once
	want []string
}

// FuzzLayout builds a small leaflet whose title, heading, paragraph and
// list item are the fuzzed texts, in one of fuzzLangs (and, by the mode's
// bits, as a draft translation with a message missing, or with the print
// shop's tri-fold), lays it out in every edition and checks, of every
// edition laid out without an error (checkLayout):
//
//   - no rune is lost: each message's runs spell its text (checkRunes);
//   - nothing is drawn outside its frame (checkFrames);
//   - the tri-fold's inside starts in its first panel (checkPanels);
//
// and that no source and no layout panics: what is wrong is a
// diagnostic.
func FuzzLayout(f *testing.F) {
	editions := [2][]fuzzEdition{fuzzEditions(f, false), fuzzEditions(f, true)}
	f.Fuzz(func(t *testing.T, lang, mode uint8, title, heading, para, item string) {
		tag := fuzzLangs[int(lang)%len(fuzzLangs)]
		doc := fuzzDoc(tag, mode&fuzzTranslation != 0, title, heading, para, item)
		if doc == nil {
			return
		}
		shop := 0
		if mode&fuzzPrintShop != 0 {
			shop = 1
		}
		for _, e := range editions[shop] {
			// a shaper of its own for every input, so that a failure
			// does not depend on what the inputs before it left cached
			res, ds := e.ed.Layout(doc, e.set, text.NewShaper(e.set))
			if ds.HasErrors() {
				continue
			}
			where := fmt.Sprintf("%s %s", tag, e.name)
			if res == nil || len(res.Pages) == 0 {
				t.Fatalf("%s: no pages and no error", where)
			}
			checkLayout(t, where, doc, res, e.set, e.want)
		}
	})
}

// TestFuzzLayoutLeafletLaysOut checks that FuzzLayout's leaflet, with
// plain texts, loads in every language and mode and lays out in every
// edition without an error and with its checks passing: else the fuzzer
// would check nothing.
func TestFuzzLayoutLeafletLaysOut(t *testing.T) {
	for _, lang := range fuzzLangs {
		for _, mode := range []uint8{0, fuzzPrintShop | fuzzTranslation} {
			doc := fuzzDoc(lang, mode&fuzzTranslation != 0, "A title", "A heading", "A paragraph of text.", "An item.")
			if doc == nil {
				t.Fatalf("%s mode %d: the leaflet does not load", lang, mode)
			}
			if mode&fuzzTranslation != 0 && lang != "en" && (len(doc.Draft) == 0 || len(doc.Fallbacks) == 0) {
				t.Errorf("%s mode %d: got draft notice %v and fallbacks %v; want both", lang, mode, doc.Draft, doc.Fallbacks)
			}
			for _, e := range fuzzEditions(t, mode&fuzzPrintShop != 0) {
				res, ds := e.ed.Layout(doc, e.set, text.NewShaper(e.set))
				if ds.HasErrors() {
					t.Fatalf("%s mode %d %s: %v", lang, mode, e.name, ds)
				}
				checkLayout(t, fmt.Sprintf("%s mode %d %s", lang, mode, e.name), doc, res, e.set, e.want)
			}
		}
	}
}
