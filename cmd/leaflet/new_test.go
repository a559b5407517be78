// SPDX-License-Identifier: MIT

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNewExitStatus(t *testing.T) {
	dir := t.TempDir()
	doc := filepath.Join(dir, "doc.md")
	if err := os.WriteFile(doc, []byte("# Flu\n\n## What to do\n\nStay at home.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	latin1 := filepath.Join(dir, "latin1.txt")
	if err := os.WriteFile(latin1, []byte("Caf\xe9\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		out  string
	}{
		{"new without an ID is a usage error", []string{"new"}, 2, "new takes one leaflet ID, got 0"},
		{"two IDs are a usage error", []string{"new", "a", "b"}, 2, "got 2 arguments"},
		{"an ID with capitals or spaces is a usage error", []string{"new", "My Leaflet", "--source", dir}, 2, `"My Leaflet" is not a leaflet ID`},
		{"an ID with a slash is a usage error", []string{"new", "../up", "--source", dir}, 2, "is not a leaflet ID"},
		{"an unknown flag is a usage error", []string{"new", "flu", "--form", doc}, 2, "flag provided but not defined"},
		{"new --help succeeds", []string{"new", "--help"}, 0, "--from"},
		{"a missing document is a problem", []string{"new", "flu", "--from", filepath.Join(dir, "none.md"), "--source", dir}, 1, "--from:"},
		{"a document not in UTF-8 is a problem", []string{"new", "flu", "--from", latin1, "--source", dir}, 1, "save it as UTF-8"},
		{"flags after the ID are read", []string{"new", "flu", "--from", doc, "--source", filepath.Join(dir, "a")}, 0, "build it with: leaflet build --source " + filepath.Join(dir, "a") + " --leaflet flu"},
		{"flags before the ID are read", []string{"new", "--source", filepath.Join(dir, "b"), "flu"}, 0, "wrote " + filepath.Join(dir, "b", "content", "flu", "leaflet.toml")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := leaflet(t, tc.args...)
			if code != tc.code {
				t.Errorf("got exit %d; want %d\nstderr: %s", code, tc.code, stderr)
			}
			if !strings.Contains(stderr+stdout, tc.out) {
				t.Errorf("got output %q; want it to contain %q", stderr+stdout, tc.out)
			}
		})
	}
}

func TestNewWritesALeafletThatBuildsAndNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := leaflet(t, "new", "clinic", "--source", dir)
	if code != 0 {
		t.Fatalf("new: got exit %d: %s", code, stderr)
	}
	for _, f := range []string{"content/clinic/leaflet.toml", "locales/clinic/active.en.toml"} {
		if !strings.Contains(stdout, filepath.Join(dir, f)) {
			t.Errorf("new does not say it wrote %s:\n%s", f, stdout)
		}
	}
	out := filepath.Join(dir, "out")
	code, stdout, stderr = leaflet(t, "build", "--source", dir, "--leaflet", "clinic", "--out", out)
	if code != 0 {
		t.Fatalf("build: got exit %d: %s", code, stderr)
	}
	if strings.Contains(stderr, "warning") {
		t.Errorf("the example builds with warnings:\n%s", stderr)
	}
	for _, f := range []string{"clinic-en-trifold.pdf", "clinic-en-large-print.pdf", "clinic-en-easy-read.pdf"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("build wrote no %s: %v\n%s", f, err, stdout)
		}
	}
	code, _, stderr = leaflet(t, "check", "--source", dir, "--leaflet", "clinic")
	if code != 0 {
		t.Errorf("check: got exit %d: %s", code, stderr)
	}

	// a second new of the same ID changes nothing
	file := filepath.Join(dir, "locales", "clinic", "active.en.toml")
	if err := os.WriteFile(file, []byte("# edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	doc := filepath.Join(dir, "doc.txt")
	os.WriteFile(doc, []byte("Title\n\nText.\n"), 0o644)
	for _, args := range [][]string{{"new", "clinic", "--source", dir}, {"new", "clinic", "--source", dir, "--from", doc}} {
		code, _, stderr = leaflet(t, args...)
		if code != 1 || !strings.Contains(stderr, "never overwrites") {
			t.Errorf("%q: got exit %d, %q; want 1, never overwrites", args, code, stderr)
		}
	}
	if b, _ := os.ReadFile(file); string(b) != "# edited\n" {
		t.Errorf("new overwrote %s", file)
	}
	// nor a leaflet of which only the words are there
	os.RemoveAll(filepath.Join(dir, "content", "clinic"))
	if code, _, _ = leaflet(t, "new", "clinic", "--source", dir); code != 1 {
		t.Errorf("new over a leaflet's bundle alone: got exit %d; want 1", code)
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "clinic")); err == nil {
		t.Error("new wrote the content file beside the leaflet's old bundle")
	}
}

func TestNewFromADocumentSaysWhatItFoundAndWhatIsToDo(t *testing.T) {
	dir := t.TempDir()
	doc := filepath.Join(dir, "flu.md")
	os.WriteFile(doc, []byte("# Flu: what to do\n\n## At home\n\nStay at home and rest.\n\n- drink water\n- sleep\n\n## Contact us\n\nRiverside Clinic\nTown Hall\nRiverside RV1 2AB\n\nTel: 01234 567890\n"), 0o644)
	code, stdout, stderr := leaflet(t, "new", "flu", "--from", doc, "--source", dir)
	if code != 0 {
		t.Fatalf("got exit %d: %s", code, stderr)
	}
	for _, want := range []string{`title "Flu", subtitle "What to do"`, `name "Riverside Clinic"`, `phone "01234 567890"`, "3 points say todo = true"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the notes lack %q:\n%s", want, stdout)
		}
	}
	code, _, stderr = leaflet(t, "build", "--source", dir, "--leaflet", "flu", "--out", filepath.Join(dir, "out"))
	if code != 0 {
		t.Fatalf("build: got exit %d: %s", code, stderr)
	}
	if n := strings.Count(stderr, "is still to be written: todo = true"); n != 3 {
		t.Errorf("build warned about %d points to write; want 3:\n%s", n, stderr)
	}
}
