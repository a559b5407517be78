// SPDX-License-Identifier: MIT

package content

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

// loadTree loads a source tree that must have no errors.
func loadTree(t *testing.T, leaflet string, bundles map[string]string) *Leaflet {
	t.Helper()
	l, ds := Load(tree(leaflet, bundles), "", testID)
	if ds.HasErrors() {
		t.Fatalf("Load: got errors; want none:\n%s", dump(ds))
	}
	return l
}

// Translations are drafts until locales/<id>/review.toml says otherwise,
// and a draft's document carries the notice.draft message in its language
// and in English, so both bundles of these tests have it.
var (
	englishBundle = validBundle + lines(
		``,                             // 10
		`[notice.draft]`,               // 11
		`other = "Draft translation."`, // 12
	)
	polishBundle = lines(
		`[cover.title]`,                 // 1
		`other = "Ulotka próbna"`,       // 2
		``,                              // 3
		`[body.heading]`,                // 4
		`other = "Co robić"`,            // 5
		``,                              // 6
		`[body.text]`,                   // 7
		`other = "Zadzwoń {{.Phone}}."`, // 8
		``,                              // 9
		`[notice.draft]`,                // 10
		`other = "Wersja robocza."`,     // 11
	)
)

func TestLocalizeBuildsASecondLanguage(t *testing.T) {
	tests := []struct {
		name   string
		review string // locales/demo/review.toml, "" for none
		draft  []string
	}{
		{name: "an unreviewed translation carries the draft notice in both languages",
			draft: []string{"Wersja robocza.", "Draft translation."}},
		{name: "a reviewed translation has no draft notice",
			review: lines(`[pl]`, `status = "reviewed"`, `by = "A. Translator"`, `date = 2026-12-01`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := tree(validLeaflet, map[string]string{"active.en.toml": englishBundle, "active.pl.toml": polishBundle})
			if tt.review != "" {
				fsys["locales/demo/review.toml"] = &fstest.MapFile{Data: []byte(tt.review)}
			}
			l, ds := Load(fsys, "", testID)
			if len(ds) > 0 {
				t.Fatalf("Load: got diagnostics; want none:\n%s", dump(ds))
			}
			if got, want := l.Langs(), []string{"en", "pl"}; !reflect.DeepEqual(got, want) {
				t.Errorf("got languages %q; want %q", got, want)
			}
			doc, ds := l.Localize("pl")
			if len(ds) > 0 {
				t.Fatalf("Localize(pl): got diagnostics; want none:\n%s", dump(ds))
			}
			if got, want := doc.Title, "Ulotka próbna"; got != want {
				t.Errorf("got title %q; want %q", got, want)
			}
			if got, want := docText(doc), "Ulotka próbna Co robić Zadzwoń 01604 364036."; got != want {
				t.Errorf("got text %q; want %q", got, want)
			}
			var draft []string
			for _, d := range doc.Draft {
				draft = append(draft, d.String())
			}
			if !reflect.DeepEqual(draft, tt.draft) {
				t.Errorf("got draft notice %q; want %q", draft, tt.draft)
			}
		})
	}
}

func TestLocalizeNeverFillsAMissingTranslationWithEnglish(t *testing.T) {
	pl := strings.Replace(polishBundle, "[body.text]\nother = \"Zadzwoń {{.Phone}}.\"\n", "", 1)
	if pl == polishBundle {
		t.Fatal("the test bundle did not lose body.text")
	}
	l := loadTree(t, validLeaflet, map[string]string{"active.en.toml": englishBundle, "active.pl.toml": pl})
	doc, ds := l.Localize("pl")
	checkDiags(t, ds, []wantDiag{
		// at the reference in leaflet.toml (line 15: paragraph = "body.text")
		{pos: "content/demo/leaflet.toml:15:15", severity: Error, msg: `language pl: message "body.text" has no translation`, hint: "add [body.text] to locales/demo/active.pl.toml"},
	})
	if doc == nil {
		t.Fatal("got a nil document; want one with the translated messages")
	}
	if text := docText(doc); strings.Contains(text, "Call") {
		t.Errorf("got text %q; want no English in the Polish document", text)
	}
	if txt, ok := findText(doc, "body.text"); !ok || len(txt.Runs) != 0 {
		t.Errorf("got body.text %+v; want an empty text", txt)
	}
	if got, want := doc.Title, "Ulotka próbna"; got != want {
		t.Errorf("got title %q; want %q", got, want)
	}
}

func TestLocalizeReportsEveryMissingTranslationTogether(t *testing.T) {
	pl := lines(`[cover.title]`, `other = "Ulotka próbna"`, `[notice.draft]`, `other = "Wersja robocza."`)
	l := loadTree(t, validLeaflet, map[string]string{"active.en.toml": englishBundle, "active.pl.toml": pl})
	_, ds := l.Localize("pl")
	checkDiags(t, ds, []wantDiag{
		{pos: "content/demo/leaflet.toml:12:11", severity: Error, msg: `language pl: message "body.heading" has no translation`},
		{pos: "content/demo/leaflet.toml:15:15", severity: Error, msg: `language pl: message "body.text" has no translation`},
	})
}

func TestLocalizeRejectsALanguageWithoutABundle(t *testing.T) {
	l := loadTree(t, validLeaflet, map[string]string{"active.en.toml": englishBundle, "active.pl.toml": polishBundle})
	doc, ds := l.Localize("de")
	if doc != nil {
		t.Errorf("got a document; want nil")
	}
	checkDiags(t, ds, []wantDiag{
		{pos: "content/demo/leaflet.toml", severity: Error, msg: `no bundle for language "de"`, hint: "the leaflet has en, pl"},
	})
}

func TestLocalizeReportsEveryMarkupErrorAtItsMessage(t *testing.T) {
	bundle := lines(
		`[cover.title]`,                        // 1
		`other = "Demo leaflet"`,               // 2
		``,                                     // 3
		`[body.heading]`,                       // 4
		`other = "**What to do"`,               // 5: unclosed **
		``,                                     // 6
		`[body.text]`,                          // 7
		`other = "See [our site(example.org)"`, // 8: unclosed link
	)
	l := loadTree(t, validLeaflet, map[string]string{"active.en.toml": bundle})
	_, ds := l.Localize("en")
	checkDiags(t, ds, []wantDiag{
		{pos: "locales/demo/active.en.toml:4:1", severity: Error, msg: `language en: message "body.heading": unclosed **`, hint: `write \* for a literal asterisk`},
		{pos: "locales/demo/active.en.toml:7:1", severity: Error, msg: `language en: message "body.text": unclosed link: "[our site(example.org)"`, hint: "[words](https://…)"},
	})
}

// templateLeaflet places each message ID in one contact block, under an
// organisation with every fact set.
func templateLeaflet(ids []string) string {
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = fmt.Sprintf("%q", id)
	}
	return lines(
		`[organisation]`,
		`name = "Northamptonshire Safeguarding Children Board"`,
		`short_name = "NSCB"`,
		`address = ["John Dryden House", "8-10 The Lakes", "Northampton", "NN4 7YD"]`,
		`phone = "01604 364036"`,
		`email = "nscb@northamptonshire.gcsx.gov.uk"`,
		`website = "www.northamptonshirescb.org.uk"`,
		`[[section]]`,
		`place = "back"`,
		`  [[section.block]]`,
		`  contact = [`+strings.Join(quoted, ", ")+`]`,
	)
}

func TestTemplateDataComesFromTheOrganisation(t *testing.T) {
	tests := []struct {
		name     string
		template string
		want     string
		runs     []Run // nil: don't check
	}{
		{name: "name, in strong text", template: "**{{.Name}}**", want: "Northamptonshire Safeguarding Children Board",
			runs: []Run{{Text: "Northamptonshire Safeguarding Children Board", Strong: true}}},
		{name: "short name", template: "The {{.ShortName}} Business Office", want: "The NSCB Business Office"},
		{name: "phone is kept on one line", template: "Tel: {{.Phone}}", want: "Tel: 01604 364036",
			runs: []Run{{Text: "Tel: "}, {Text: "01604 364036", Link: "tel:+441604364036", NoBreak: true}}},
		{name: "email becomes a mailto link", template: "Email: {{.Email}}", want: "Email: nscb@northamptonshire.gcsx.gov.uk",
			runs: []Run{{Text: "Email: "}, {Text: "nscb@northamptonshire.gcsx.gov.uk", Link: "mailto:nscb@northamptonshire.gcsx.gov.uk", NoBreak: true}}},
		{name: "website becomes an https link", template: "See {{.Website}}.", want: "See www.northamptonshirescb.org.uk.",
			runs: []Run{{Text: "See "}, {Text: "www.northamptonshirescb.org.uk", Link: "https://www.northamptonshirescb.org.uk", NoBreak: true}, {Text: "."}}},
		{name: "address lines are joined with newlines", template: "{{.Address}}", want: "John Dryden House\n8-10 The Lakes\nNorthampton\nNN4 7YD",
			runs: []Run{{Text: "John Dryden House\n8-10 The Lakes\nNorthampton\n"}, {Text: "NN4 7YD", NoBreak: true}}},
		{name: "text without template actions is unchanged", template: "Contact us", want: "Contact us"},
	}
	var ids []string
	var bundle strings.Builder
	for i, tt := range tests {
		id := fmt.Sprintf("m%d", i)
		ids = append(ids, id)
		fmt.Fprintf(&bundle, "[%s]\nother = %q\n\n", id, tt.template)
	}
	l := loadTree(t, templateLeaflet(ids), map[string]string{"active.en.toml": bundle.String()})
	doc, ds := l.Localize("en")
	if len(ds) > 0 {
		t.Fatalf("Localize(en): got diagnostics; want none:\n%s", dump(ds))
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			txt, ok := findText(doc, ids[i])
			if !ok {
				t.Fatalf("got no text for %s", ids[i])
			}
			if got := txt.String(); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
			if tt.runs != nil && !reflect.DeepEqual(txt.Runs, tt.runs) {
				t.Errorf("got runs %+v; want %+v", txt.Runs, tt.runs)
			}
		})
	}
}

func TestRightToLeftLanguagesAreDetectedByScript(t *testing.T) {
	tests := []struct {
		name string
		lang string
		rtl  bool
	}{
		{name: "English is left to right", lang: "en", rtl: false},
		{name: "Polish is left to right", lang: "pl", rtl: false},
		{name: "Arabic is right to left", lang: "ar", rtl: true},
		{name: "Urdu is right to left", lang: "ur", rtl: true},
		{name: "Farsi is right to left", lang: "fa", rtl: true},
		{name: "Pashto is right to left", lang: "ps", rtl: true},
		{name: "Kurdish Sorani is right to left", lang: "ckb", rtl: true},
		{name: "Hebrew is right to left", lang: "he", rtl: true},
		{name: "Punjabi in Gurmukhi is left to right", lang: "pa", rtl: false},
		{name: "Punjabi in Shahmukhi is right to left", lang: "pa-Arab", rtl: true},
		{name: "Tigrinya is left to right", lang: "ti", rtl: false},
		{name: "a tag that does not parse is left to right", lang: "not a tag", rtl: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsRTL(tt.lang); got != tt.rtl {
				t.Errorf("IsRTL(%q): got %v; want %v", tt.lang, got, tt.rtl)
			}
		})
	}
}

// TestLocalizeIsSafeForConcurrentUse builds every built-in language at once,
// as the CLI's parallel builds do, with its languages block and page
// numbers, which read what the bundles hold once read; run it with -race.
func TestLocalizeIsSafeForConcurrentUse(t *testing.T) {
	l, ds := Load(Builtin(), "", DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatalf("Load: got errors:\n%s", dump(ds))
	}
	langs := l.Langs()
	titles := make([]string, len(langs))
	offers := make([]int, len(langs))
	pages := make([]string, len(langs))
	var wg sync.WaitGroup
	for i, lang := range langs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if doc, _ := l.Localize(lang); doc != nil {
				titles[i] = doc.Title
			}
			o, _ := l.Offers(lang, nil)
			offers[i], pages[i] = len(o), l.FormatNumber(lang, 12)
		}()
	}
	wg.Wait()
	for i, lang := range langs {
		doc, _ := l.Localize(lang)
		if doc == nil || titles[i] != doc.Title {
			t.Errorf("%s: got title %q in parallel; want the same as alone", lang, titles[i])
		}
		if o, _ := l.Offers(lang, nil); offers[i] != len(o) {
			t.Errorf("%s: got %d offers in parallel; want %d as alone", lang, offers[i], len(o))
		}
		if n := l.FormatNumber(lang, 12); pages[i] != n {
			t.Errorf("%s: got page number %q in parallel; want %q as alone", lang, pages[i], n)
		}
	}
}
