// SPDX-License-Identifier: MIT

package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"leaflet/content"
)

// leaflet runs the command in-process and returns its exit status and output.
func leaflet(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(t.Context(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitStatus(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no command is a usage error", nil, 2, "Usage:"},
		{"help succeeds", []string{"help"}, 0, ""},
		{"an unknown command is a usage error", []string{"print"}, 2, `unknown command "print"`},
		{"build --help succeeds", []string{"build", "--help"}, 0, "--paper"},
		{"an unknown flag is a usage error", []string{"build", "--colour", "red"}, 2, "flag provided but not defined"},
		{"an unknown paper is a usage error", []string{"build", "--paper", "a5", "--out", out}, 2, `--paper "a5": want a4 or letter`},
		{"an unknown edition is a usage error", []string{"build", "--edition", "poster", "--out", out}, 2, `--edition "poster"`},
		{"arguments after build are a usage error", []string{"build", "extra"}, 2, "takes no arguments"},
		{"a missing source folder is a build problem", []string{"build", "--source", "/nonexistent/leaflets", "--out", out}, 1, "--source /nonexistent/leaflets: not a folder"},
		{"an unknown language is a build problem", []string{"build", "--lang", "xx", "--out", out}, 1, `no bundle for language "xx"`},
		{"an unknown leaflet is a build problem", []string{"build", "--leaflet", "flu", "--out", out}, 1, "content/flu/leaflet.toml"},
		{"init without a folder is a usage error", []string{"init"}, 2, "init takes one folder"},
		{"a size below 16 pt is a usage error", []string{"build", "--size", "12", "--out", out}, 2, "--size 12: want a whole number of points from 16 to 48"},
		{"a size above 48 pt is a usage error", []string{"build", "--size", "60", "--out", out}, 2, "--size 60"},
		{"a size that is not a whole number is a usage error", []string{"build", "--size", "18.5", "--out", out}, 2, "invalid value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := leaflet(t, tc.args...)
			if code != tc.code {
				t.Errorf("got exit %d; want %d\nstderr: %s", code, tc.code, stderr)
			}
			if !strings.Contains(stderr+stdout, tc.stderr) {
				t.Errorf("got output %q; want it to contain %q", stderr+stdout, tc.stderr)
			}
		})
	}
}

func TestBuildWritesTheDefaultLeafletAndATable(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := leaflet(t, "build", "--out", out)
	if code != 0 {
		t.Fatalf("got exit %d: %s", code, stderr)
	}
	pdf := filepath.Join(out, "cse-en-trifold.pdf")
	l, _ := content.Load(content.Builtin(), "", content.DefaultLeaflet)
	if !strings.Contains(stdout, pdf) || !strings.Contains(stdout, fmt.Sprintf("built %d file(s)", 3*len(l.Langs()))) {
		t.Errorf("the summary does not list %s and three editions per language:\n%s", pdf, stdout)
	}
	b, err := os.ReadFile(pdf)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("no PDF at %s: %v", pdf, err)
	}
	code, _, stderr = leaflet(t, "build", "--out", out, "--paper", "letter")
	if code != 0 {
		t.Fatalf("letter: got exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "cse-en-trifold-letter.pdf")); err != nil {
		t.Error(err)
	}
}

func TestBuildIntoAFileIsABuildProblem(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-folder")
	os.WriteFile(file, []byte("x"), 0o644)
	code, _, stderr := leaflet(t, "build", "--out", file)
	if code != 1 || !strings.Contains(stderr, "create output folder") {
		t.Errorf("got exit %d, %q; want 1 and a message about the output folder", code, stderr)
	}
}

func TestInitWritesSourcesThatBuildAndNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := leaflet(t, "init", dir)
	if code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	for _, f := range []string{"content/cse/leaflet.toml", "locales/cse/active.en.toml"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("init did not write %s: %v", f, err)
		}
	}
	if !strings.Contains(stdout, "leaflet build --source "+dir) {
		t.Errorf("init does not say how to build: %s", stdout)
	}
	code, _, stderr = leaflet(t, "init", dir)
	if code != 1 || !strings.Contains(stderr, "never overwrites") {
		t.Errorf("second init: got %d, %q; want 1 and a refusal", code, stderr)
	}
	out := filepath.Join(dir, "out")
	if code, _, stderr := leaflet(t, "build", "--source", dir, "--out", out); code != 0 {
		t.Fatalf("build of the init sources: exit %d: %s", code, stderr)
	}
}

func TestBrokenSourcesReportEveryProblemAndKeepTheLastGoodPDF(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := leaflet(t, "init", dir); code != 0 {
		t.Fatal(stderr)
	}
	out := filepath.Join(dir, "out")
	if code, _, stderr := leaflet(t, "build", "--source", dir, "--out", out); code != 0 {
		t.Fatal(stderr)
	}
	pdf := filepath.Join(out, "cse-en-trifold.pdf")
	good, _ := os.ReadFile(pdf)

	path := filepath.Join(dir, "content", "cse", "leaflet.toml")
	src, _ := os.ReadFile(path)
	broken := strings.Replace(string(src), `paragraph = "what.intro"`, `paragraph = "what.intro"
  list = ["signs.item.gangs"]`, 1)
	broken = strings.Replace(broken, `heading = "signs.heading"`, `heading = "signs.headin"`, 1)
	broken = strings.Replace(broken, `[organisation]`, "[organisation]\ncolour = \"blue\"", 1)
	os.WriteFile(path, []byte(broken), 0o644)

	code, _, stderr := leaflet(t, "build", "--source", dir, "--out", out)
	if code != 1 {
		t.Fatalf("got exit %d; want 1", code)
	}
	file := filepath.Join(dir, "content/cse/leaflet.toml")
	for _, want := range []string{
		file + ":16:1: error: unknown key \"organisation.colour\"",
		"has two kinds: \"paragraph\", \"list\"",
		"unknown message ID \"signs.headin\"",
		"did you mean \"signs.heading\"?",
		"3 error(s)",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if now, _ := os.ReadFile(pdf); !bytes.Equal(now, good) {
		t.Error("a failed build changed the last good PDF")
	}

	os.WriteFile(path, []byte("published = 2026-11-27\n[organisation\nname = \"x\"\n"), 0o644)
	code, _, stderr = leaflet(t, "build", "--source", dir, "--out", out)
	if code != 1 || !strings.Contains(stderr, file+":2:") || !strings.Contains(stderr, "invalid TOML") || !strings.Contains(stderr, "[organisation") {
		t.Errorf("malformed TOML: got exit %d, %q; want 1 with file:line:col and the line", code, stderr)
	}
}

func TestInvalidSourceDateEpochIsAUsageError(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "soon")
	code, _, stderr := leaflet(t, "build", "--out", t.TempDir())
	if code != 2 || !strings.Contains(stderr, "SOURCE_DATE_EPOCH") {
		t.Errorf("got %d, %q; want 2 and a message", code, stderr)
	}
}

func TestLargePrintAtAReadersSizeIsNamedAndAbove28ptSuggestsAudio(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := leaflet(t, "build", "--lang", "en", "--edition", "large-print", "--size", "32", "--out", out)
	if code != 0 {
		t.Fatalf("got exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "cse-en-large-print-32pt.pdf")); err != nil {
		t.Errorf("no cse-en-large-print-32pt.pdf: %v\n%s", err, stdout)
	}
	if !strings.Contains(stderr, "audio or e-text") {
		t.Errorf("no note about audio or e-text above 28 pt: %s", stderr)
	}
}

func TestAnInterruptedBuildWritesNothing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	ctx, cancel := context.WithCancel(t.Context())
	cancel() // as an interrupt before the PDFs are made
	var stdout, stderr bytes.Buffer
	if code := run(ctx, []string{"build", "--lang", "en", "--out", out}, &stdout, &stderr); code != 130 {
		t.Errorf("exit status %d; want 130\n%s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "interrupted: nothing written") {
		t.Errorf("stderr %q does not say that nothing was written", stderr.String())
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("the output folder is there after an interrupt: %v", err)
	}
}
