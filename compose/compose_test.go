// SPDX-License-Identifier: MIT

package compose

import (
	"context"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"leaflet/braille"
	"leaflet/content"
	"leaflet/layout"
)

func builtin(t testing.TB) *content.Leaflet {
	t.Helper()
	l, ds := content.Load(content.Builtin(), "", content.DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return l
}

func TestLookupKnowsEveryEditionAndListsThemWhenAsked(t *testing.T) {
	for _, e := range Editions {
		got, err := Lookup(e.Name)
		if err != nil || got != e {
			t.Errorf("Lookup(%q) = %v, %v", e.Name, got, err)
		}
	}
	_, err := Lookup("braile")
	if err == nil || !strings.Contains(err.Error(), "trifold, large-print, easy-read, screen, braille") {
		t.Errorf("Lookup of an unknown edition: got %v; want an error listing the editions", err)
	}
}

func TestDefaultsLeaveOutTheScreenAndAMissingEasyRead(t *testing.T) {
	l := builtin(t)
	if got := Names(Defaults(l, nil)); got != "trifold, large-print, easy-read" {
		t.Errorf("defaults: %s", got)
	}
	l.EasyRead = nil
	var ds content.Diagnostics
	if got := Names(Defaults(l, &ds)); got != "trifold, large-print" {
		t.Errorf("defaults without an easy read: %s", got)
	}
	if len(ds) != 1 || ds[0].Severity != content.Warning || !strings.Contains(ds[0].Msg, "no easy-read text") {
		t.Errorf("got %v; want one warning that there is no easy read", ds)
	}
}

func TestJobsGiveEachJobItsOwnProblemsInOrder(t *testing.T) {
	l := builtin(t)
	req := Request{Leaflet: l, Langs: []string{"en", "pl"}, Editions: []*Edition{LargePrint, TriFold}, Paper: layout.A4}
	results, ds := Jobs(t.Context(), req, func(_ context.Context, o Output, _ *content.Document, res *layout.Result) (int, content.Diagnostics) {
		return len(res.Pages), nil
	})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	var got []string
	for _, r := range results {
		got = append(got, r.Lang+" "+r.Edition.Name)
		if !r.OK || r.Product == 0 {
			t.Errorf("%s %s: not built: %v", r.Lang, r.Edition, r.Diagnostics)
		}
	}
	if want := "en large-print|en trifold|pl large-print|pl trifold"; strings.Join(got, "|") != want {
		t.Errorf("jobs in order %q; want %q", strings.Join(got, "|"), want)
	}
}

func TestACancelledRunBuildsNothingAndSaysSo(t *testing.T) {
	l := builtin(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	outs, ds := LayOut(ctx, Request{Leaflet: l, Paper: layout.A4})
	if len(outs) != 0 {
		t.Errorf("a cancelled run gave %d outputs", len(outs))
	}
	if !ds.HasErrors() || !strings.Contains(ds.Error(), "interrupted") {
		t.Errorf("got %v; want an error saying the run was interrupted", ds)
	}
}

func TestFailedNamesThePlannedFilesNotBuilt(t *testing.T) {
	l := builtin(t)
	req := Request{Leaflet: l, Langs: []string{"en", "ur"}, Editions: []*Edition{TriFold, EasyRead}, Paper: layout.Letter, Size: 20}
	got := Failed(req, []Job{{"en", TriFold}, {"ur", EasyRead}})
	want := "cse-en-easy-read-20pt.pdf cse-ur-trifold-letter.pdf"
	if strings.Join(got, " ") != want {
		t.Errorf("failed %q; want %q", got, want)
	}
}

// withoutMessage returns the built-in leaflet with one message taken out
// of a language's bundle.
func withoutMessage(t *testing.T, lang, id string) *content.Leaflet {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range content.BuiltinFiles() {
		b, err := fs.ReadFile(content.Builtin(), name)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, "active."+lang+".toml") {
			s := string(b)
			at := strings.Index(s, "["+id+"]")
			end := at + 1 + strings.Index(s[at+1:], "\n[")
			if at < 0 || end <= at {
				t.Fatalf("%s has no [%s] table", name, id)
			}
			b = []byte(s[:at] + s[end+1:])
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	l, ds := content.Load(fsys, "", content.DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return l
}

func TestRunRefusesAnIncompleteLanguageUnlessAllowed(t *testing.T) {
	l := withoutMessage(t, "pl", "cover.subtitle")
	req := Request{Leaflet: l, Langs: []string{"en", "pl"}, Editions: []*Edition{LargePrint, EasyRead}}
	outs, ds := LayOut(t.Context(), req)
	if len(outs) != 2 || outs[0].Lang != "en" || outs[1].Lang != "en" {
		t.Errorf("got %d outputs; want English's two, Polish refused", len(outs))
	}
	var refused []content.Diagnostic
	for _, d := range ds {
		if d.Code == content.CodeIncomplete {
			refused = append(refused, d)
		}
	}
	if len(refused) != 1 || refused[0].Severity != content.Error || !strings.Contains(refused[0].Msg, "cover.subtitle") {
		t.Fatalf("got %v; want one error, coded incomplete, naming cover.subtitle", refused)
	}

	req.AllowIncomplete = true
	outs, ds = LayOut(t.Context(), req)
	if ds.HasErrors() || len(outs) != 4 {
		t.Fatalf("with AllowIncomplete: %d outputs, %v", len(outs), ds)
	}
	for _, o := range outs[2:] {
		if !slices.Contains(o.Fallbacks, "cover.subtitle") {
			t.Errorf("%s: fallbacks %q; want cover.subtitle set in English", o.Name, o.Fallbacks)
		}
	}
	// the warning comes once, not once per edition
	n := 0
	for _, d := range ds {
		if d.Code == content.CodeIncomplete {
			n++
		}
	}
	if n != 1 {
		t.Errorf("got the incomplete warning %d times; want once", n)
	}
}

func TestPublishedIsTheRequestsDateOrTheLeaflets(t *testing.T) {
	l := builtin(t)
	if got := (Request{Leaflet: l}).Published(); !got.Equal(l.Published) {
		t.Errorf("got %v; want the leaflet's %v", got, l.Published)
	}
	d := l.Published.AddDate(1, 0, 0)
	if got := (Request{Leaflet: l, Date: d}).Published(); !got.Equal(d) {
		t.Errorf("got %v; want the request's %v", got, d)
	}
}

func TestBrailleFileNamesSayTheGradeAndPageSizeWhenNotTheDefaults(t *testing.T) {
	l := builtin(t)
	for _, c := range []struct {
		name            string
		lang            string
		opt             braille.Options
		file, companion string
	}{
		{"defaults", "en", braille.Options{}, "cse-en.brf", "cse-en-braille.txt"},
		{"the defaults given", "en", braille.Options{Cells: 40, Lines: 25, Grade: 2}, "cse-en.brf", "cse-en-braille.txt"},
		{"uncontracted English", "en", braille.Options{Grade: 1}, "cse-en-g1.brf", "cse-en-g1-braille.txt"},
		{"a language without grades", "pl", braille.Options{Grade: 1}, "cse-pl.brf", "cse-pl-braille.txt"},
		{"another page", "en", braille.Options{Cells: 38, Lines: 27, Grade: 1}, "cse-en-g1-38x27.brf", "cse-en-g1-38x27-braille.txt"},
	} {
		t.Run(c.name, func(t *testing.T) {
			req := Request{Leaflet: l, Braille: c.opt}
			j := Job{c.lang, Braille}
			if got := j.FileName(req); got != c.file {
				t.Errorf("file %q; want %q", got, c.file)
			}
			if got := j.CompanionName(req); got != c.companion {
				t.Errorf("companion %q; want %q", got, c.companion)
			}
		})
	}
	if got := (Job{"en", TriFold}).CompanionName(Request{Leaflet: l}); got != "" {
		t.Errorf("the tri-fold has a companion file %q", got)
	}
}

func TestBrailleJobsAreNotLaidOutAndFinishWithTheDocument(t *testing.T) {
	l := builtin(t)
	req := Request{Leaflet: l, Langs: []string{"en", "pl"}, Editions: []*Edition{Braille, TriFold}, Paper: layout.A4}
	results, ds := Jobs(t.Context(), req, func(_ context.Context, o Output, doc *content.Document, res *layout.Result) (string, content.Diagnostics) {
		if doc == nil || doc.Lang != o.Lang {
			t.Errorf("%s %s: finished with the document %v", o.Lang, o.Edition, doc)
		}
		if (res == nil) != o.Edition.Text {
			t.Errorf("%s %s: layout %v", o.Lang, o.Edition, res)
		}
		return o.Name, nil
	})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	var got []string
	for _, r := range results {
		if !r.OK {
			t.Errorf("%s %s: %v", r.Lang, r.Edition, r.Diagnostics)
		}
		got = append(got, r.Product)
	}
	if want := "cse-en.brf cse-en-trifold.pdf cse-pl.brf cse-pl-trifold.pdf"; strings.Join(got, " ") != want {
		t.Errorf("products %q; want %q", got, want)
	}
}

func TestAFinishWithAnErrorGivesNoProduct(t *testing.T) {
	l := builtin(t)
	req := Request{Leaflet: l, Langs: []string{"en"}, Editions: []*Edition{Braille}}
	results, _ := Jobs(t.Context(), req, func(_ context.Context, o Output, _ *content.Document, _ *layout.Result) (string, content.Diagnostics) {
		var ds content.Diagnostics
		ds.Warnf(content.Pos{}, "a warning")
		ds.Errorf(content.Pos{}, "no braille")
		return "made", ds
	})
	if len(results) != 1 || results[0].OK || results[0].Product != "" || len(results[0].Diagnostics) != 2 {
		t.Errorf("got %+v; want one job not built, with the warning and the error", results)
	}
}

func TestTheEasyReadIsLocalisedOnlyForTheEditionsThatHoldIt(t *testing.T) {
	l := builtin(t)
	for _, c := range []struct {
		editions []*Edition
		sections bool
	}{
		{[]*Edition{TriFold, LargePrint}, false},
		{[]*Edition{TriFold, EasyRead}, true},
		{[]*Edition{EasyReadHTML}, true},
		{[]*Edition{EPUB}, true},
		{[]*Edition{HTML, Braille}, false},
	} {
		req := Request{Leaflet: l, Langs: []string{"pl"}, Editions: c.editions, Paper: layout.A4}
		results, ds := Jobs(t.Context(), req, func(_ context.Context, o Output, doc *content.Document, _ *layout.Result) (*content.Document, content.Diagnostics) {
			return doc, nil
		})
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		for _, r := range results {
			er := r.Product.EasyRead
			if er == nil || er.Label.String() == "" || er.Cover == nil || er.Cover.Alt == "" {
				t.Errorf("%s: the easy read's label and cover (which covers show) are not localised: %+v", Names(c.editions), er)
				continue
			}
			if got := len(er.Sections) > 0; got != c.sections {
				t.Errorf("%s: easy-read sections localised: %v; want %v", Names(c.editions), got, c.sections)
			}
		}
	}
}
