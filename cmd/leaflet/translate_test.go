// SPDX-License-Identifier: MIT

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"leaflet/content"
	"leaflet/internal/testtool"
)

func TestTranslateUsage(t *testing.T) {
	dir := initSources(t)
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"translate --help succeeds", []string{"translate", "--help"}, 0, "--import"},
		{"no language is a usage error", []string{"translate"}, 2, "needs --lang TAG"},
		{"an invalid BCP 47 tag is a usage error", []string{"translate", "--lang", "somali!"}, 2, `"somali!" is not a BCP 47 language tag`},
		{"und is a usage error", []string{"translate", "--lang", "und"}, 2, "is not a language"},
		{"the source language is a usage error", []string{"translate", "--lang", "en"}, 2, "the leaflet's source language"},
		{"an unknown format is a usage error", []string{"translate", "--lang", "so", "--format", "po"}, 2, `--format "po": want toml or xliff`},
		{"import without sources is a usage error", []string{"translate", "--import", "translate.so.toml"}, 2, "give them with --source DIR"},
		{"import with --format is a usage error", []string{"translate", "--import", "translate.so.toml", "--source", dir, "--format", "xliff"}, 2, "--format is for making a pack"},
		{"arguments are a usage error", []string{"translate", "--lang", "so", "extra"}, 2, "takes no arguments"},
		{"a missing pack is a problem", []string{"translate", "--import", filepath.Join(dir, "nope.toml"), "--source", dir}, 1, "no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := leaflet(t, tc.args...)
			if code != tc.code || !strings.Contains(stdout+stderr, tc.stderr) {
				t.Errorf("got exit %d, %q; want %d and %q", code, stdout+stderr, tc.code, tc.stderr)
			}
		})
	}
}

// polish returns the built-in Polish texts by message ID: the tests'
// stand-in for a translator's work.
func polish(t *testing.T) map[string]string {
	t.Helper()
	l, _ := content.Load(content.Builtin(), "", content.DefaultLeaflet)
	out := map[string]string{}
	for id, m := range l.Bundles["pl"].Messages {
		out[id] = m.Other
	}
	return out
}

// fillPack replaces each other of a TOML pack with the translation.
func fillPack(t *testing.T, path string, tr map[string]string) {
	t.Helper()
	b, _ := os.ReadFile(path)
	lines := strings.Split(string(b), "\n")
	id := ""
	for i, line := range lines {
		if strings.HasPrefix(line, "[") {
			id = strings.Trim(line, "[]")
		}
		if strings.HasPrefix(line, "other = ") {
			lines[i] = "other = " + strconv.Quote(tr[id])
		}
	}
	os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644)
}

func TestANewLanguageFromRequestToBuild(t *testing.T) {
	dir := initSources(t)
	pack := filepath.Join(t.TempDir(), "translate.so.toml")
	code, stdout, stderr := leaflet(t, "translate", "--lang", "so", "--source", dir, "--out", pack)
	if code != 0 || !strings.Contains(stdout, "message(s) to translate from en into so (a new language)") {
		t.Fatalf("translate: got exit %d, %q, %q", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "leaflet translate --import "+pack+" --source "+dir) {
		t.Errorf("translate does not say how to import: %s", stdout)
	}
	fillPack(t, pack, polish(t))
	code, stdout, stderr = leaflet(t, "translate", "--import", pack, "--source", dir)
	if code != 0 || !strings.Contains(stdout, " message(s) into "+bundle(dir, "so")+" (a new file); 0 already there, 0 refused, 0 not translated yet") {
		t.Fatalf("import: got exit %d, %q, %q", code, stdout, stderr)
	}
	if code, stdout, stderr = leaflet(t, "check", "--source", dir, "--lang", "so"); code != 0 || stderr != "" {
		t.Fatalf("check: got exit %d, %q, %q", code, stdout, stderr)
	}
	if !hasRow(stdout, "so", "Polski", "100%", "0", "draft", "yes", "yes", "yes") {
		t.Errorf("check: so is not complete, current, a draft and fitting:\n%s", stdout)
	}
	out := filepath.Join(t.TempDir(), "out")
	if code, _, stderr = leaflet(t, "build", "--source", dir, "--lang", "so", "--edition", "trifold", "--out", out); code != 0 {
		t.Fatalf("build: got exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "cse-so-trifold.pdf")); err != nil {
		t.Error(err)
	}
	if code, stdout, _ = leaflet(t, "translate", "--lang", "so", "--source", dir, "--out", pack); code != 0 || !strings.Contains(stdout, "nothing to translate") {
		t.Errorf("a second pack: got %d, %q; want nothing to translate", code, stdout)
	}
}

func TestAnXLIFFPackGoesToStandardOutput(t *testing.T) {
	code, stdout, _ := leaflet(t, "translate", "--lang", "so", "--format", "xliff", "--out", "-")
	l, _ := content.Load(content.Builtin(), "", content.DefaultLeaflet)
	if code != 0 || !strings.HasPrefix(stdout, "<?xml") || strings.Count(stdout, "<trans-unit ") != len(l.Needed()) ||
		!strings.Contains(stdout, `source-language="en" target-language="so"`) {
		t.Errorf("got exit %d and %.200q; want XLIFF with a unit per message", code, stdout)
	}
}

func TestBuildRefusesAnIncompleteLanguageUnlessAllowed(t *testing.T) {
	dir := initSources(t)
	replaceIn(t, bundle(dir, "en"), `other = "Information leaflet"`, `other = "Information leaflet for parents"`)
	b, _ := os.ReadFile(bundle(dir, "pl"))
	i := bytes.Index(b, []byte("[signs.heading]\n"))
	end := bytes.Index(b[i:], []byte("\n\n"))
	os.WriteFile(bundle(dir, "pl"), append(b[:i:i], b[i+end+2:]...), 0o644)
	out := filepath.Join(t.TempDir(), "out")

	code, _, stderr := leaflet(t, "build", "--source", dir, "--lang", "pl", "--edition", "trifold", "--out", out)
	if code != 1 {
		t.Errorf("got exit %d; want 1", code)
	}
	for _, want := range []string{"error: language pl is incomplete: not built",
		"1 message has no translation: signs.heading", "1 message is out of date (the en text changed since): cover.subtitle", "--allow-incomplete"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "cse-pl-trifold.pdf")); err == nil {
		t.Error("the incomplete language was built")
	}

	code, stdout, stderr := leaflet(t, "build", "--source", dir, "--lang", "pl", "--edition", "trifold", "--out", out, "--allow-incomplete")
	if code != 0 {
		t.Fatalf("--allow-incomplete: got exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "warning: language pl is incomplete: 2 messages printed in en instead, each passage marked") {
		t.Errorf("the build does not say it printed English:\n%s", stderr)
	}
	pdf := filepath.Join(out, "cse-pl-trifold.pdf")
	if !strings.Contains(stdout, pdf) {
		t.Errorf("the table lacks %s:\n%s", pdf, stdout)
	}
	pdftotext := testtool.Need(t, "pdftotext", "poppler-utils")
	text, err := exec.CommandContext(t.Context(), pdftotext, "-raw", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(string(text), "[English]"); got != 2 {
		t.Errorf("the PDF shows %d [English] markers; want 2:\n%s", got, text)
	}
}

func TestImportSaysWhatItMergedAndRefused(t *testing.T) {
	dir := initSources(t)
	replaceIn(t, bundle(dir, "en"), `other = "Information leaflet"`, `other = "Information leaflet for parents"`)
	replaceIn(t, bundle(dir, "en"), `other = "Tel: {{.Phone}}"`, `other = "Telephone: {{.Phone}}"`)
	pack := filepath.Join(t.TempDir(), "translate.pl.toml")
	if code, stdout, stderr := leaflet(t, "translate", "--lang", "pl", "--source", dir, "--out", pack); code != 0 || !strings.Contains(stdout, "0 missing, 2 out of date") {
		t.Fatalf("got %d, %q, %q", code, stdout, stderr)
	}
	replaceIn(t, pack, `other = "Information leaflet for parents"`, `other = "Ulotka informacyjna dla rodziców"`)
	replaceIn(t, pack, `other = "Telephone: {{.Phone}}"`, `other = "Telefon: 01604 364036"`)
	before, _ := os.ReadFile(bundle(dir, "pl"))
	code, stdout, stderr := leaflet(t, "translate", "--import", pack, "--source", dir)
	if code != 1 {
		t.Errorf("got exit %d; want 1 for a refusal", code)
	}
	for _, want := range []string{"merged     cover.subtitle", "refused    contact.phone (" + pack + ":",
		"template field {{.Phone}} is missing", "merged 1 message(s) into " + bundle(dir, "pl") + "; 0 already there, 1 refused"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "1 message(s) refused") {
		t.Errorf("stderr: %q", stderr)
	}
	after, _ := os.ReadFile(bundle(dir, "pl"))
	if bytes.Equal(before, after) || !bytes.Contains(after, []byte(`other = "Ulotka informacyjna dla rodziców"`)) {
		t.Error("the merged message is not in the bundle")
	}
}

func TestImportOfABrokenPackNamesItsLineAndChangesNothing(t *testing.T) {
	dir := initSources(t)
	pack := filepath.Join(t.TempDir(), "translate.pl.xlf")
	os.WriteFile(pack, []byte("<?xml version=\"1.0\"?>\n<xliff version=\"1.2\">\n<file source-language=\"en\" target-language=\"pl\">\n<body>\n<trans-unit id=\"a\">\n"), 0o644)
	before, _ := os.ReadFile(bundle(dir, "pl"))
	code, stdout, stderr := leaflet(t, "translate", "--import", pack, "--source", dir)
	if code != 1 || stdout != "" || !strings.Contains(stderr, pack+":5: error: invalid XML") || !strings.Contains(stderr, "nothing was merged") {
		t.Errorf("got exit %d, %q, %q; want 1 and the file's line", code, stdout, stderr)
	}
	if after, _ := os.ReadFile(bundle(dir, "pl")); !bytes.Equal(before, after) {
		t.Error("the bundle changed")
	}
}
