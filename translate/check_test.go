// SPDX-License-Identifier: MIT

package translate

import (
	"os"
	"strings"
	"testing"

	"leaflet/content"
	"leaflet/internal/tomlquote"
)

// removeMessage takes a message's table out of a bundle.
func removeMessage(t *testing.T, path, id string) {
	t.Helper()
	b, _ := os.ReadFile(path)
	var keep []string
	found := false
	for _, block := range strings.Split(string(b), "\n\n") {
		if strings.HasPrefix(block, "["+id+"]\n") {
			found = true
			continue
		}
		keep = append(keep, block)
	}
	if !found {
		t.Fatalf("%s has no [%s]", path, id)
	}
	os.WriteFile(path, []byte(strings.Join(keep, "\n\n")), 0o644)
}

// setBundleOther replaces the other of a message in a bundle.
func setBundleOther(t *testing.T, path, id string, f func(string) string) {
	t.Helper()
	b, _ := os.ReadFile(path)
	edit(t, path, "other = "+tomlquote.Quote(otherOf(t, string(b), id)), "other = "+tomlquote.Quote(f(otherOf(t, string(b), id))))
}

func TestCheckReportsEveryProblemAtOnce(t *testing.T) {
	dir := sources(t)
	pl := bundlePath(dir, "pl")
	en := load(t, dir).Bundles["en"]
	setBundleOther(t, pl, "contact.phone", func(s string) string { return strings.Replace(s, "{{.Phone}}", "01604 364036", 1) })
	setBundleOther(t, pl, "toolkit.body", func(s string) string { return strings.Replace(s, " {{.Website}}", "", 1) })
	removeMessage(t, pl, "signs.heading")
	removeMessage(t, pl, "picture.family")
	edit(t, pl, "[what.heading]\n", "[old.unused]\ndescription = \"Gone from the English.\"\nother = \"Stare\"\n\n[what.heading]\n")
	edit(t, pl, "hash = \""+content.Hash(en.Messages["what.heading"].Description, en.Messages["what.heading"].Other)+"\"\n", "")
	setBundleOther(t, pl, "what.intro", func(s string) string { return strings.Repeat(s+" ", 8) + s })
	setBundleOther(t, pl, "signs.intro", func(s string) string { return s + " \U0001F600" })
	setBundleOther(t, pl, "er.about.3", func(string) string {
		return "To jest bardzo długie zdanie, które ma znacznie więcej niż piętnaście słów i dlatego jest trudne do przeczytania dla wielu osób."
	})
	setBundleOther(t, pl, "cover.subtitle", func(string) string { return "Information leaflet" })

	r := Check(t.Context(), os.DirFS(dir), dir, content.DefaultLeaflet, []string{"en", "pl"})
	all := diagsText(r.Diagnostics)
	for _, want := range []struct {
		severity content.Severity
		text     string
	}{
		{content.Error, `language pl: message "contact.phone": template field {{.Phone}} is missing`},
		{content.Error, `language pl: message "toolkit.body": template field {{.Website}} is missing`},
		{content.Error, `language pl: message "signs.heading" has no translation`},
		{content.Error, `language pl: picture "family" has no alt text: message "picture.family" has no translation`},
		{content.Warning, `language pl: message "old.unused" is not in the en bundle`},
		{content.Warning, `language pl: message "what.heading" has no hash`},
		{content.Warning, `language pl: message "cover.subtitle" is still the en text`},
		{content.Error, "text does not fit"},
		{content.Error, "no embedded font covers '😀'"},
		{content.Warning, `message "er.about.3" has a sentence of 21 words`},
	} {
		found := false
		for _, d := range r.Diagnostics {
			if d.Severity == want.severity && strings.Contains(d.Msg, want.text) {
				found = true
			}
		}
		if !found {
			t.Errorf("no %s %q in:\n%s", want.severity, want.text, all)
		}
	}
	for _, d := range r.Diagnostics {
		if d.Severity == content.Error && d.Pos.File == "" {
			t.Errorf("an error without a file: %s", d.Error())
		}
	}
	if len(r.Languages) != 2 {
		t.Fatalf("got %d languages; want en and pl", len(r.Languages))
	}
	s := r.Languages[1]
	if s.Lang != "pl" || s.Complete() != 98 || len(s.Missing) != 2 || len(s.Stale) != 0 || !s.WithFallback || s.Review.Reviewed {
		t.Errorf("got %+v; want pl 98%% complete, 2 missing, a draft laid out with English", s)
	}
	if s.Fits["trifold"] != Overflows {
		t.Errorf("got tri-fold %q; want %q", s.Fits["trifold"], Overflows)
	}
	if e := r.Languages[0]; !e.Source || e.Fits["trifold"] != Fits {
		t.Errorf("got %+v; want the English to fit", e)
	}
}

func TestCheckSaysAnEditionFailsOnAnUnknownTemplateField(t *testing.T) {
	dir := sources(t)
	setBundleOther(t, bundlePath(dir, "pl"), "toolkit.body", func(s string) string { return strings.Replace(s, "{{.Website}}", "{{.Web}}", 1) })
	r := Check(t.Context(), os.DirFS(dir), dir, content.DefaultLeaflet, []string{"pl"})
	for _, want := range []string{`message "toolkit.body": {{.Web}} is not a field`, "did you mean {{.Website}}?"} {
		if !strings.Contains(r.Diagnostics.Error(), want) {
			t.Errorf("got %v; want %q", r.Diagnostics, want)
		}
	}
	n := 0
	for _, d := range r.Diagnostics {
		if strings.Contains(d.Msg, "{{.Web}}") || strings.Contains(d.Msg, "{{.Website}}") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the problem is reported more than once:\n%s", diagsText(r.Diagnostics))
	}
	for _, e := range r.Editions {
		if f := r.Languages[0].Fits[e.Name]; f != Fails {
			t.Errorf("%s: got %q; want %q", e, f, Fails)
		}
	}
}

func TestCheckReportsBrokenSourcesWithTheirPositions(t *testing.T) {
	dir := sources(t)
	edit(t, bundlePath(dir, "pl"), "[cover.subtitle]", "[cover.subtitle")
	r := Check(t.Context(), os.DirFS(dir), dir, content.DefaultLeaflet, nil)
	if !r.Diagnostics.HasErrors() || !strings.Contains(r.Diagnostics.Error(), "active.pl.toml:8:16: error: invalid TOML") {
		t.Errorf("got %v; want the broken line of active.pl.toml", r.Diagnostics)
	}
}

func TestCheckOfANewLanguageSaysItHasNoBundle(t *testing.T) {
	r := Check(t.Context(), content.Builtin(), "", content.DefaultLeaflet, []string{"so"})
	if len(r.Languages) != 1 || r.Languages[0].Complete() != 0 || r.Languages[0].Fits["trifold"] != NotBuilt {
		t.Errorf("got %+v; want so, 0%% complete, not built", r.Languages)
	}
	if !r.Diagnostics.HasErrors() || !strings.Contains(r.Diagnostics.Error(), "language so has no bundle") {
		t.Errorf("got %v; want an error saying so has no bundle", r.Diagnostics)
	}
}
