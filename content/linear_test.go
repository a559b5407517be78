// SPDX-License-Identifier: MIT

package content

import (
	"strings"
	"testing"
)

func TestLinearReadsTheLeafletInOneColumn(t *testing.T) {
	l, ds := Load(Builtin(), "", DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	doc, ds := l.Localize("en")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	before := len(doc.Sections[len(doc.Sections)-1].Blocks)
	lin := doc.Linear()
	if len(lin.Cover) == 0 || lin.Cover[0].Kind != Title {
		t.Errorf("the cover's blocks do not open with the title: %v", lin.Cover)
	}
	for _, s := range append(append([]DocSection(nil), lin.Text...), lin.Back...) {
		for _, b := range s.Blocks {
			if b.Kind == Languages {
				t.Errorf("section %q keeps a languages block", s.Heading)
			}
		}
		if s.Place == Cover {
			t.Error("a cover section among the text")
		}
	}
	if len(lin.Languages) == 0 || lin.LanguagesHeading == nil || lin.LanguagesHeading.String() != "Other languages" {
		t.Errorf("languages %d blocks under %v; want them under the flap's heading, Other languages", len(lin.Languages), lin.LanguagesHeading)
	}
	// the built-in contact details do not give the web address: it is
	// added to the contact block, a link, in a copy
	if lin.Contact < 0 {
		t.Fatal("no section with the contact block")
	}
	var last Text
	for _, b := range lin.Back[lin.Contact].Blocks {
		if b.Kind == Contact {
			last = b.Texts[len(b.Texts)-1]
		}
	}
	if last.String() != doc.Org.Website || last.Runs[0].Link != "https://"+doc.Org.Website || !last.Runs[0].NoBreak {
		t.Errorf("the contact block ends with %+v; want the web address, a link never broken", last)
	}
	if n := len(doc.Sections[len(doc.Sections)-1].Blocks); n != before {
		t.Error("Linear changed the document's sections")
	}
}

func TestWithWebsiteOnlyWhereNoTextGivesIt(t *testing.T) {
	site := "www.example.org"
	said := []DocSection{{Blocks: []DocBlock{{Kind: Paragraph, Texts: []Text{{Runs: []Run{{Text: "See " + site}}}}}}}}
	if got, c := withWebsite(site, said); len(got[0].Blocks) != 1 || c != -1 {
		t.Errorf("a web address the text gives was added again: %+v, contact %d", got, c)
	}
	none := []DocSection{{Blocks: []DocBlock{{Kind: Paragraph, Texts: []Text{{Runs: []Run{{Text: "Call us."}}}}}}}}
	got, c := withWebsite(site, none)
	if c != 0 || len(got[0].Blocks) != 2 || got[0].Blocks[1].Kind != Contact || !strings.Contains(got[0].Blocks[1].Texts[0].String(), site) {
		t.Errorf("without a contact block: %+v, contact %d; want a contact block of the address", got, c)
	}
	if len(none[0].Blocks) != 1 {
		t.Error("withWebsite changed the sections it was given")
	}
}
