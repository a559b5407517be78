// SPDX-License-Identifier: MIT

package compose

import (
	"context"
	"strings"
	"testing"

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
	if err == nil || !strings.Contains(err.Error(), "trifold, large-print, easy-read, screen") {
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
	results, ds := Jobs(t.Context(), req, func(_ context.Context, o Output, res *layout.Result) (int, error) {
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
