// SPDX-License-Identifier: MIT

package content

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestLocalizeSetsTheLanguagesOffers: the languages block and the easy
// read's offer point carry their lines, localised, as Offers and
// LanguageNames make them; no other block or point has any.
func TestLocalizeSetsTheLanguagesOffers(t *testing.T) {
	l, ds := Load(Builtin(), "", DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	doc, ds := l.Localize("ur")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	blocks := 0
	for _, s := range doc.Sections {
		for _, b := range s.Blocks {
			if b.Kind != Languages {
				if b.Offers != nil {
					t.Errorf("a %s block at %s has offers", b.Kind, b.Pos)
				}
				continue
			}
			blocks++
			want, _ := l.Offers("ur", l.LanguagesAt(b.Pos))
			if len(want) == 0 || !reflect.DeepEqual(b.Offers, want) {
				t.Errorf("the languages block at %s offers %d languages; want the %d of Offers", b.Pos, len(b.Offers), len(want))
			}
		}
	}
	points := 0
	for _, s := range doc.EasyRead.Sections {
		for _, p := range s.Points {
			offer, isOffer := l.OfferAt(p.Pos)
			if p.Offer != isOffer {
				t.Errorf("the point at %s: Offer is %v; want %v", p.Pos, p.Offer, isOffer)
			}
			if !isOffer {
				if p.Offers != nil {
					t.Errorf("the point at %s offers languages", p.Pos)
				}
				continue
			}
			points++
			want, _ := l.LanguageNames("ur", offer.Langs)
			if len(want) == 0 || !reflect.DeepEqual(p.Offers, want) {
				t.Errorf("the easy read's offer names %d languages; want the %d of LanguageNames", len(p.Offers), len(want))
			}
		}
	}
	if blocks != 1 || points != 1 {
		t.Errorf("got %d languages blocks and %d offer points; want one of each", blocks, points)
	}
}

// TestLocalizeReportsAnOffersProblemOnce: two languages blocks listing a
// language without a bundle make one warning, from LocalizeWith.
func TestLocalizeReportsAnOffersProblemOnce(t *testing.T) {
	offer := lines(``, `[language.name]`, `other = "%s"`, ``, `[request.language]`, `other = "%s."`)
	leaflet := validLeaflet + lines(
		``,
		`[[section]]`,
		`place = "flap"`,
		`  [[section.block]]`,
		`  languages = ["pl", "de"]`,
		``,
		`[[section]]`,
		`place = "back"`,
		`  [[section.block]]`,
		`  languages = ["pl", "de"]`,
	)
	l := loadTree(t, leaflet, map[string]string{
		"active.en.toml": englishBundle + strings.ReplaceAll(strings.Replace(offer, "%s", "English", 1), "%s", "Ask us"),
		"active.pl.toml": polishBundle + strings.ReplaceAll(strings.Replace(offer, "%s", "Polski", 1), "%s", "Zapytaj nas"),
	})
	doc, ds := l.Localize("en")
	n := 0
	for _, d := range ds {
		if strings.Contains(d.Msg, `lists "de", which has no bundle`) {
			n++
		}
	}
	if n != 1 {
		t.Errorf("got %d warnings of the language without a bundle; want 1:\n%s", n, dump(ds))
	}
	for _, s := range doc.Sections {
		for _, b := range s.Blocks {
			if b.Kind == Languages && (len(b.Offers) != 1 || b.Offers[0].Text.String() != "Polski: Zapytaj nas.") {
				t.Errorf("the languages block at %s offers %+v; want Polish alone", b.Pos, b.Offers)
			}
		}
	}
}

// TestPageNumberIsChosenWhenLocalized: LocalizeWith lists the page number
// among the Fallbacks, or reports it missing, once; PageNumber sets it on
// every page without changing the document.
func TestPageNumberIsChosenWhenLocalized(t *testing.T) {
	en := englishBundle + lines(``, `[page.number]`, `other = "Page {{.Page}} of {{.Pages}}"`, ``, `[language.name]`, `other = "English"`)
	l := loadTree(t, validLeaflet, map[string]string{"active.en.toml": en, "active.pl.toml": polishBundle})
	doc, ds := l.LocalizeWith("pl", LocalizeOptions{AllowIncomplete: true})
	if ds.HasErrors() {
		t.Fatal(dump(ds))
	}
	if !slices.Contains(doc.Fallbacks, PageMessage) {
		t.Errorf("got Fallbacks %q; want %s among them when LocalizeWith returns", doc.Fallbacks, PageMessage)
	}
	fallbacks := slices.Clone(doc.Fallbacks)
	for page := 1; page <= 3; page++ {
		got := doc.PageNumber(page, 3)
		if want := fmt.Sprintf("[English] Page %d of 3", page); got.String() != want || !got.Fallback || got.Lang != "en" {
			t.Errorf("page %d: got %q (fallback %v, %q); want %q, marked English", page, got.String(), got.Fallback, got.Lang, want)
		}
	}
	if !slices.Equal(doc.Fallbacks, fallbacks) {
		t.Errorf("PageNumber changed the Fallbacks from %q to %q", fallbacks, doc.Fallbacks)
	}

	doc, ds = l.Localize("pl")
	checkDiags(t, ds, []wantDiag{
		{pos: "locales/demo/active.pl.toml", severity: Error, msg: `language pl: message "page.number" has no translation`, hint: "add [page.number] to locales/demo/active.pl.toml"},
	})
	if got := doc.PageNumber(1, 3); len(got.Runs) != 0 {
		t.Errorf("got page number %q for a language without one; want none", got.String())
	}
}

// TestPageNumberIsInTheLanguagesDigits: a Farsi document numbers its pages
// in Persian digits, as Message does.
func TestPageNumberIsInTheLanguagesDigits(t *testing.T) {
	l, ds := Load(Builtin(), "", DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	doc, ds := l.Localize("fa")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	want, err := doc.Message(PageMessage, map[string]any{"Page": l.FormatNumber("fa", 3), "Pages": l.FormatNumber("fa", 12)})
	if err != nil {
		t.Fatal(err)
	}
	got := doc.PageNumber(3, 12)
	if got.String() != want.String() || !strings.Contains(got.String(), "۱۲") {
		t.Errorf("got page number %q; want %q, in Persian digits", got.String(), want.String())
	}
}

// TestLanguagesHeadingIsLocalized: the heading over the languages offer is
// the language's languages.heading; a leaflet without a languages block
// has none, and says why.
func TestLanguagesHeadingIsLocalized(t *testing.T) {
	l, ds := Load(Builtin(), "", DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	doc, _ := l.Localize("pl")
	if h, err := doc.LanguagesHeading(); err != nil || h.String() != "Inne języki" || h.ID != LanguagesHeadingMessage {
		t.Errorf("got heading %q, %v; want the Polish languages.heading", h.String(), err)
	}
	l = loadTree(t, validLeaflet, map[string]string{"active.en.toml": englishBundle})
	doc, _ = l.Localize("en")
	if h, err := doc.LanguagesHeading(); err == nil || len(h.Runs) != 0 {
		t.Errorf("got heading %q, %v; want none, and an error, without a languages block", h.String(), err)
	}
}
