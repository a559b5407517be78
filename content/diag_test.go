// SPDX-License-Identifier: MIT

package content

import (
	"reflect"
	"testing"
)

func TestPosPrintsAsFileLineCol(t *testing.T) {
	tests := []struct {
		name string
		pos  Pos
		want string
	}{
		{name: "full position", pos: Pos{"content/cse/leaflet.toml", 14, 3}, want: "content/cse/leaflet.toml:14:3"},
		{name: "line without column", pos: Pos{"f.toml", 14, 0}, want: "f.toml:14"},
		{name: "whole file", pos: Pos{"f.toml", 0, 0}, want: "f.toml"},
		{name: "no file is empty", pos: Pos{"", 3, 4}, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.pos.String(); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

func TestDiagnosticErrorShowsPositionSourceCaretAndHint(t *testing.T) {
	tests := []struct {
		name string
		d    Diagnostic
		want string
	}{
		{
			name: "an error with source and hint",
			d: Diagnostic{Pos: Pos{"content/cse/leaflet.toml", 4, 9}, Severity: Error, Msg: `unknown place "front"`,
				Source: `place = "front"`, Hint: `a place is one of "cover", "inside", "flap", "back"`},
			want: "content/cse/leaflet.toml:4:9: error: unknown place \"front\"\n" +
				"\tplace = \"front\"\n" +
				"\t        ^\n" +
				"\thint: a place is one of \"cover\", \"inside\", \"flap\", \"back\"",
		},
		{
			name: "the caret under column 1",
			d:    Diagnostic{Pos: Pos{"f.toml", 1, 1}, Msg: `unknown key "colour"`, Source: `colour = "red"`},
			want: "f.toml:1:1: error: unknown key \"colour\"\n\tcolour = \"red\"\n\t^",
		},
		{
			name: "tabs in the source line become spaces so the caret lines up",
			d:    Diagnostic{Pos: Pos{"f.toml", 2, 2}, Msg: "m", Source: "\tsize = 24"},
			want: "f.toml:2:2: error: m\n\t size = 24\n\t ^",
		},
		{
			name: "a warning with a hint and no source",
			d: Diagnostic{Pos: Pos{"locales/cse/active.en.toml", 11, 1}, Severity: Warning, Msg: `message "spare" is not used`,
				Hint: "remove it, or place it in a section"},
			want: "locales/cse/active.en.toml:11:1: warning: message \"spare\" is not used\n\thint: remove it, or place it in a section",
		},
		{
			name: "a whole-file error",
			d:    Diagnostic{Pos: Pos{File: "locales/cse/active.english.toml"}, Msg: `"english" is not a valid BCP 47 language tag`},
			want: "locales/cse/active.english.toml: error: \"english\" is not a valid BCP 47 language tag",
		},
		{
			name: "a source line without a column has no caret",
			d:    Diagnostic{Pos: Pos{"f.toml", 3, 0}, Msg: "m", Source: "x = 1"},
			want: "f.toml:3: error: m\n\tx = 1",
		},
		{
			name: "a build problem names where it happened",
			d: Diagnostic{Pos: Pos{"content/cse/leaflet.toml", 14, 3}, Msg: "paragraph overflows panel 3 by 18pt",
				Where: "pl trifold, panel fold-in", Hint: "shorten it or allow spill to panel 4"},
			want: "content/cse/leaflet.toml:14:3: error: pl trifold, panel fold-in: paragraph overflows panel 3 by 18pt\n\thint: shorten it or allow spill to panel 4",
		},
		{
			name: "no position at all",
			d:    Diagnostic{Msg: "no fonts"},
			want: "error: no fonts",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.Error(); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestDiagnosticCaretLinesUpOnNonASCIILines(t *testing.T) {
	// other = "Zażółć gęślą   (no closing quote: the error is at the end, byte 29)
	d := Diagnostic{Pos: Pos{"locales/cse/active.pl.toml", 2, 29}, Msg: "invalid TOML: strings cannot contain newlines",
		Source: `other = "Zażółć gęślą`}
	want := "locales/cse/active.pl.toml:2:29: error: invalid TOML: strings cannot contain newlines\n" +
		"\tother = \"Zażółć gęślą\n" +
		"\t                     ^"
	if got := d.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestDiagnosticsCollectErrorsAndWarnings(t *testing.T) {
	var ds Diagnostics
	if ds.HasErrors() || ds.Err() != nil {
		t.Fatal("an empty list: got errors; want none")
	}
	ds.Warnf(Pos{"b.toml", 1, 1}, "unused %q", "spare").Hint = "remove it"
	if ds.HasErrors() || ds.Err() != nil {
		t.Fatal("a warning only: got errors; want none")
	}
	ds.Errorf(Pos{"a.toml", 2, 3}, "unknown place %q", "front")
	if !ds.HasErrors() || ds.Err() == nil {
		t.Fatal("with an error: got no error; want one")
	}
	want := "b.toml:1:1: warning: unused \"spare\"\n\thint: remove it\na.toml:2:3: error: unknown place \"front\""
	if got := ds.Err().Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestDiagnosticsSortByFileLineAndColumnKeepingTies(t *testing.T) {
	ds := Diagnostics{
		{Pos: Pos{"b.toml", 1, 1}, Msg: "b1"},
		{Pos: Pos{"a.toml", 10, 1}, Msg: "a10"},
		{Pos: Pos{"a.toml", 2, 5}, Msg: "a2:5"},
		{Pos: Pos{"a.toml", 2, 5}, Msg: "a2:5 second"},
		{Pos: Pos{"a.toml", 2, 1}, Msg: "a2:1"},
		{Pos: Pos{File: "a.toml"}, Msg: "a"},
	}
	ds.Sort()
	var got []string
	for _, d := range ds {
		got = append(got, d.Msg)
	}
	want := []string{"a", "a2:1", "a2:5", "a2:5 second", "a10", "b1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q; want %q", got, want)
	}
}

// TestKeyIsWhatAProblemIs: two reports of one problem that differ only in
// their hint or source line have one key and are added once; the same
// words with another code are another problem.
func TestKeyIsWhatAProblemIs(t *testing.T) {
	a := Diagnostic{Pos: Pos{File: "f", Line: 1}, Severity: Error, Where: "pl", Msg: "m", Hint: "one"}
	b := a
	b.Hint, b.Source = "another", "x = 1"
	c := a
	c.Code = CodeOverflow
	if a.Key() != b.Key() {
		t.Error("two reports of one problem with different hints have different keys")
	}
	if a.Key() == c.Key() {
		t.Error("problems of different codes have one key")
	}
	var ds Diagnostics
	seen := map[Key]bool{}
	ds.AddNew(seen, Diagnostics{a, b})
	ds.AddNew(seen, Diagnostics{c, a})
	if len(ds) != 2 || ds[0].Hint != "one" || ds[1].Code != CodeOverflow {
		t.Errorf("got %v; want a once, then c", ds)
	}
}
