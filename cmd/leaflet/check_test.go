// SPDX-License-Identifier: MIT

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"leaflet/content"
)

// initSources writes the built-in sources into a temporary folder.
func initSources(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if code, _, stderr := leaflet(t, "init", dir); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	return dir
}

// replaceIn replaces old with new in a file, which must hold old.
func replaceIn(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(b), old) {
		t.Fatalf("%s does not hold %q (%v)", path, old, err)
	}
	os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644)
}

func bundle(dir, lang string) string {
	return filepath.Join(dir, "locales", "cse", "active."+lang+".toml")
}

func TestCheckUsage(t *testing.T) {
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"check --help succeeds", []string{"check", "--help"}, 0, "--json"},
		{"an invalid language tag is a usage error", []string{"check", "--lang", "xx-!!"}, 2, "not a BCP 47 language tag"},
		{"arguments are a usage error", []string{"check", "extra"}, 2, "takes no arguments"},
		{"a missing source folder is a problem", []string{"check", "--source", "/nonexistent/leaflets"}, 1, "not a folder"},
		{"an unknown leaflet is a problem", []string{"check", "--leaflet", "flu"}, 1, "content/flu/leaflet.toml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := leaflet(t, tc.args...)
			if code != tc.code || !strings.Contains(stdout+stderr, tc.stderr) {
				t.Errorf("got exit %d, %q; want %d and %q", code, stdout+stderr, tc.code, tc.stderr)
			}
		})
	}
}

func TestCheckShowsEveryShippedLanguageInATable(t *testing.T) {
	code, stdout, stderr := leaflet(t, "check")
	if code != 0 || stderr != "" {
		t.Fatalf("got exit %d, stderr %q; want 0 and nothing", code, stderr)
	}
	l, _ := content.Load(content.Builtin(), "", content.DefaultLeaflet)
	main, fills, ok := strings.Cut(stdout, "\ntri-fold panels, % full:\n")
	if !ok {
		t.Fatalf("no table of the tri-fold's panels:\n%s", stdout)
	}
	lines := strings.Split(strings.TrimSpace(main), "\n")
	fl := strings.Split(strings.TrimSpace(fills), "\n")
	lines = append(lines, fl[len(fl)-1])
	if len(lines) != len(l.Langs())+2 || len(fl) != len(l.Langs())+2 {
		t.Fatalf("got %d and %d lines; want a header, one per language and a summary, and a header and one per language for the panels:\n%s", len(lines), len(fl), stdout)
	}
	for i, lang := range l.Langs() {
		f := strings.Fields(fl[i+1])
		if f[0] != lang || len(f) != 9 {
			t.Errorf("panel line %d is %q; want %s, its body, five panels and what moved", i+2, fl[i+1], lang)
			continue
		}
		for _, v := range f[3:6] { // the inside panels
			if n, err := strconv.Atoi(v); err != nil || n < 80 {
				t.Errorf("%s: an inside panel is %s%% full; want at least 80", lang, v)
			}
		}
	}
	for _, h := range []string{"language", "complete", "stale", "review", "tri-fold", "large print", "easy read"} {
		if !strings.Contains(lines[0], h) {
			t.Errorf("the header lacks %q: %s", h, lines[0])
		}
	}
	for i, lang := range l.Langs() {
		f := strings.Fields(lines[i+1])
		if f[0] != lang {
			t.Errorf("line %d is %q; want %s", i+2, lines[i+1], lang)
		}
		if n := len(f); f[n-1] != "yes" || f[n-2] != "yes" || f[n-3] != "yes" {
			t.Errorf("%s does not fit every edition: %s", lang, lines[i+1])
		}
	}
	if !hasRow(stdout, "pl", "Polski", "100%", "0", "draft", "yes", "yes", "yes") {
		t.Errorf("the Polish line is not complete, current, a draft and fitting:\n%s", stdout)
	}
	if !strings.Contains(lines[len(lines)-1], "0 error(s), 0 warning(s)") {
		t.Errorf("got summary %q", lines[len(lines)-1])
	}
}

func TestCheckJSONSaysTheSameForCI(t *testing.T) {
	dir := initSources(t)
	replaceIn(t, bundle(dir, "pl"), "Tel.: {{.Phone}}", "Tel.: 01604 364036")
	code, stdout, stderr := leaflet(t, "check", "--source", dir, "--json")
	if code != 1 {
		t.Errorf("got exit %d; want 1 for an error", code)
	}
	if stderr != "leaflet: check: 1 error(s), 0 warning(s)\n" {
		t.Errorf("got stderr %q; want only the summary", stderr)
	}
	var r struct {
		OK          bool `json:"ok"`
		Errors      int  `json:"errors"`
		Diagnostics []struct {
			File     string `json:"file"`
			Line     int    `json:"line"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
		} `json:"diagnostics"`
		Languages []struct {
			Lang     string            `json:"lang"`
			Complete int               `json:"complete_percent"`
			Stale    []string          `json:"stale"`
			Review   string            `json:"review"`
			Fits     map[string]string `json:"fits"`
		} `json:"languages"`
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("the output is not JSON: %v\n%s", err, stdout)
	}
	if r.OK || r.Errors != 1 || len(r.Diagnostics) != 1 {
		t.Fatalf("got ok %v, %d errors, %+v; want the one error", r.OK, r.Errors, r.Diagnostics)
	}
	d := r.Diagnostics[0]
	if d.File != bundle(dir, "pl") || d.Line == 0 || d.Severity != "error" || !strings.Contains(d.Message, "{{.Phone}} is missing") {
		t.Errorf("got %+v; want the dropped {{.Phone}} at its line", d)
	}
	l, _ := content.Load(content.Builtin(), "", content.DefaultLeaflet)
	if len(r.Languages) != len(l.Langs()) || r.Languages[0].Lang != "en" || r.Languages[0].Review != "source" {
		t.Fatalf("got languages %+v", r.Languages)
	}
	for _, l := range r.Languages {
		if l.Complete != 100 || l.Stale == nil || l.Fits["trifold"] != "yes" || l.Fits["easy-read"] != "yes" {
			t.Errorf("got %+v; want complete and fitting", l)
		}
	}
}

// hasRow reports whether a table has a line of exactly these fields.
func hasRow(table string, fields ...string) bool {
	for _, line := range strings.Split(table, "\n") {
		if strings.Join(strings.Fields(line), " ") == strings.Join(fields, " ") {
			return true
		}
	}
	return false
}
