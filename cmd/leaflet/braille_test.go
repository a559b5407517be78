// SPDX-License-Identifier: MIT

package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"leaflet/internal/testtool"
)

func TestBrailleWithoutLiblouisSaysHowToInstallItAndWritesNothing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := leaflet(t, "build", "--edition", "braille,trifold", "--lang", "en", "--out", out)
	if code != 1 || !strings.Contains(stderr, "the braille edition needs liblouis's lou_translate, which is not installed: install liblouis: apt-get install liblouis-bin liblouis-data") {
		t.Errorf("got exit %d, %q; want 1 and how to install liblouis", code, stderr)
	}
	if !strings.Contains(stderr, "nothing written to "+out+": 1 of 2 files failed (cse-en.brf); --keep-going writes the 1 that built") {
		t.Errorf("got %q; want nothing written", stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("%s was made", out)
	}
}

func TestBrailleOfEveryLanguageWritesThoseThatBuildWithKeepGoing(t *testing.T) {
	testtool.Need(t, "lou_translate", "liblouis-bin")
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := leaflet(t, "build", "--edition", "braille", "--out", out)
	if code != 1 || !strings.Contains(stderr, "nothing written to "+out+": 3 of 13 files failed (cse-ro.brf, cse-ti.brf, cse-zh-Hans.brf); --keep-going writes the 10 that built") {
		t.Errorf("got exit %d, %q; want 1 and nothing written", code, stderr)
	}
	for _, want := range []string{
		"error: ro braille: no braille table for language ro: liblouis's only Romanian table, ro.ctb, is 8-dot computer braille",
		`error: ti braille: language ti: message "cover.subtitle": U+1250 "ቐ" cannot be put into braille: ethio-g1.ctb has no braille for it`,
		`error: zh-Hans braille: language zh-Hans: message "what.intro": a word of 73 cells is longer than a line of 40`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q", want)
		}
	}
	code, stdout, stderr := leaflet(t, "build", "--edition", "braille", "--keep-going", "--out", out)
	if code != 1 || !strings.Contains(stderr, "not built (--keep-going): cse-ro.brf, cse-ti.brf, cse-zh-Hans.brf") {
		t.Errorf("got exit %d, %q; want 1 and the three not built named", code, stderr)
	}
	entries, _ := os.ReadDir(out)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	for _, lang := range []string{"ar", "bn", "ckb", "en", "fa", "lt", "pa", "pl", "uk", "ur"} {
		for _, name := range []string{"cse-" + lang + ".brf", "cse-" + lang + "-braille.txt"} {
			if !slices.Contains(names, name) {
				t.Errorf("%s not written", name)
			}
			if !strings.Contains(stdout, filepath.Join(out, name)) {
				t.Errorf("the table does not list %s", name)
			}
		}
	}
	if len(names) != 20 || !strings.Contains(stdout, "built 20 file(s)") {
		t.Errorf("wrote %q; stdout %s", names, stdout)
	}
}

func TestBrailleOfAnotherPageSizeAndGradeIsNamedSo(t *testing.T) {
	testtool.Need(t, "lou_translate", "liblouis-bin")
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := leaflet(t, "build", "--edition", "braille", "--lang", "en,pl", "--braille-grade", "1", "--braille-cells", "36", "--braille-lines", "27", "--out", out)
	if code != 0 {
		t.Fatalf("got exit %d, %s", code, stderr)
	}
	for _, name := range []string{"cse-en-g1-36x27.brf", "cse-en-g1-36x27-braille.txt", "cse-pl-36x27.brf", "cse-pl-36x27-braille.txt"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("%s: %v\n%s", name, err, stdout)
		}
	}
	brf, _ := os.ReadFile(filepath.Join(out, "cse-en-g1-36x27.brf"))
	for _, page := range strings.Split(string(brf), "\f") {
		lines := strings.Split(strings.TrimSuffix(page, "\r\n"), "\r\n")
		if len(lines) > 27 {
			t.Errorf("a page of %d lines", len(lines))
		}
		for _, l := range lines {
			if len(l) > 36 {
				t.Errorf("a line of %d cells: %q", len(l), l)
			}
		}
	}
	// uncontracted: "Child" in letters, not the contraction ,*
	if !strings.Contains(string(brf), ",CHILD ,SEXUAL") {
		t.Errorf("the English is not uncontracted")
	}
}

func TestCheckBrailleNamesWhatCannotBePutIntoBraille(t *testing.T) {
	testtool.Need(t, "lou_translate", "liblouis-bin")
	code, stdout, stderr := leaflet(t, "check", "--edition", "braille", "--lang", "en,ti")
	if code != 1 || !strings.Contains(stderr, `locales/cse/active.ti.toml:8:1: error: ti braille: language ti: message "cover.subtitle": U+1250 "ቐ" cannot be put into braille`) {
		t.Errorf("got exit %d, %q; want 1 and Tigrinya's letter named", code, stderr)
	}
	if !hasRow(stdout, "en", "English", "source", "-", "source", "yes") || !hasRow(stdout, "ti", "ትግርኛ", "100%", "0", "draft", "error") {
		t.Errorf("the table: %s", stdout)
	}
	if code, _, stderr := leaflet(t, "check", "--edition", "poster"); code != 2 || !strings.Contains(stderr, `--edition "poster"`) {
		t.Errorf("check --edition poster: exit %d, %q; want a usage error", code, stderr)
	}
}
