// SPDX-License-Identifier: MIT

package content

import (
	"reflect"
	"strings"
	"testing"
)

// A Polish bundle with a hash on every message, so that staleness can be
// told: body.heading translates the English as it is, body.text an older
// English text.
func hashedBundles(t *testing.T) map[string]string {
	t.Helper()
	en := englishBundle + lines(``, `[language.name]`, `other = "English"`)
	heading := Hash("", "What to do")
	pl := lines(
		`[cover.title]`,
		`hash = "`+Hash("The title.", "Demo leaflet")+`"`,
		`other = "Ulotka próbna"`,
		`[body.heading]`,
		`hash = "`+heading+`"`,
		`other = "Co robić"`,
		`[body.text]`,
		`hash = "`+Hash("", "Call us.")+`"`, // the English has changed since
		`other = "Zadzwoń {{.Phone}}."`,
	)
	return map[string]string{"active.en.toml": en, "active.pl.toml": pl}
}

func TestHashIsGoI18nsHashOfDescriptionAndText(t *testing.T) {
	// as goi18n merge wrote it into the built-in Polish bundle
	got := Hash("Title of the leaflet, on the front cover and in the PDF's metadata.", "Child Sexual Exploitation (CSE)")
	if want := "sha1-db6f8104388b79f39b708dfb891e2253386b1ed2"; got != want {
		t.Errorf("got %s; want %s", got, want)
	}
}

func TestGapsListMissingAndOutOfDateMessagesInSourceOrder(t *testing.T) {
	l := loadTree(t, validLeaflet, hashedBundles(t))
	if got, want := l.Needed(), []string{"cover.title", "body.heading", "body.text", "notice.draft", "language.name"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got needed %q; want %q", got, want)
	}
	missing, stale := l.Gaps("pl")
	if want := []string{"notice.draft", "language.name"}; !reflect.DeepEqual(missing, want) {
		t.Errorf("got missing %q; want %q", missing, want)
	}
	if want := []string{"body.text"}; !reflect.DeepEqual(stale, want) {
		t.Errorf("got stale %q; want %q", stale, want)
	}
	if m, s := l.Gaps("en"); m != nil || s != nil {
		t.Errorf("the source language has gaps %q, %q; want none", m, s)
	}
	if m, _ := l.Gaps("so"); len(m) != len(l.Needed()) {
		t.Errorf("a language without a bundle lacks %d messages; want all %d", len(m), len(l.Needed()))
	}
}

func TestLocalizeWithoutOptionsStillRefusesMissingMessages(t *testing.T) {
	l := loadTree(t, validLeaflet, hashedBundles(t))
	doc, ds := l.Localize("pl")
	if !ds.HasErrors() || !strings.Contains(ds.Error(), `message "notice.draft" has no translation`) {
		t.Errorf("got %v; want an error for the missing draft notice", ds)
	}
	if len(doc.Fallbacks) > 0 {
		t.Errorf("got fallbacks %q without AllowIncomplete", doc.Fallbacks)
	}
}

func TestAllowIncompleteSetsTheSourceTextMarked(t *testing.T) {
	l := loadTree(t, validLeaflet, hashedBundles(t))
	doc, ds := l.LocalizeWith("pl", LocalizeOptions{AllowIncomplete: true})
	if len(ds) > 0 {
		t.Fatalf("got diagnostics; want none:\n%s", dump(ds))
	}
	if want := []string{"notice.draft", "body.text"}; !reflect.DeepEqual(doc.Fallbacks, want) {
		t.Errorf("got fallbacks %q; want %q", doc.Fallbacks, want)
	}
	body, _ := findText(doc, "body.text")
	if !body.Fallback || body.Lang != "en" {
		t.Errorf("body.text: got Fallback %v, Lang %q; want true, en", body.Fallback, body.Lang)
	}
	if len(body.Runs) == 0 || !body.Runs[0].Marker || body.Runs[0].Text != "[English] " {
		t.Errorf("body.text: got runs %+v; want a marker run \"[English] \" first", body.Runs)
	}
	if got, want := body.String(), "[English] Call 01604 364036."; got != want {
		t.Errorf("body.text: got %q; want %q", got, want)
	}
	heading, _ := findText(doc, "body.heading")
	if heading.Fallback || heading.String() != "Co robić" {
		t.Errorf("body.heading: got %q (fallback %v); want the current translation", heading.String(), heading.Fallback)
	}
	// the draft notice is missing: once, in English and marked
	if len(doc.Draft) != 1 || !doc.Draft[0].Fallback {
		t.Errorf("got draft notice %+v; want one marked English text", doc.Draft)
	}
	// the source language itself is never filled in
	en, _ := l.LocalizeWith("en", LocalizeOptions{AllowIncomplete: true})
	if len(en.Fallbacks) > 0 {
		t.Errorf("the English document has fallbacks %q", en.Fallbacks)
	}
}
