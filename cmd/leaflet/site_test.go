// SPDX-License-Identifier: MIT

package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// folder returns the names in dir with their contents.
func folder(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

func names(m map[string]string) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func TestSiteIndexListsEveryLeafletsFilesAndTouchesNothingElse(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	smallLeaflet(t, dir, "flu", 2, "")
	smallLeaflet(t, dir, "measles", 2, "")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	// the folder holds other files, and a PDF of another leaflet
	for name, text := range map[string]string{"notes.txt": "mine", "flu-fr-trifold.pdf": "old"} {
		if err := os.WriteFile(filepath.Join(out, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, stderr := leaflet(t, "build", "--source", dir, "--leaflet", "measles", "--edition", "large-print", "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	code, stdout, stderr := leaflet(t, "build", "--source", dir, "--leaflet", "flu", "--edition", "html,epub", "--site", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got := folder(t, out)
	if want := "flu-en.epub flu-en.html flu-fr-trifold.pdf index.html measles-en-large-print.pdf notes.txt"; names(got) != want {
		t.Errorf("the folder holds %s; want %s", names(got), want)
	}
	if got["notes.txt"] != "mine" || got["flu-fr-trifold.pdf"] != "old" {
		t.Error("a file the build did not make was changed")
	}
	idx := got["index.html"]
	for _, want := range []string{
		`<a href="flu-en.html">web page</a>`, `<a href="flu-en.epub">EPUB</a>`,
		`<a href="measles-en-large-print.pdf">18 pt, PDF</a>`,
		`<span lang="en" dir="ltr">English</span>`,
		`call <a href="tel:+441234567890" class="nb">01234 567890</a>`,
	} {
		if !strings.Contains(idx, want) {
			t.Errorf("the index lacks %s", want)
		}
	}
	if strings.Contains(idx, "flu-fr-trifold.pdf") {
		t.Error("the index lists a file of a language the leaflet does not have")
	}
	if !strings.Contains(stdout, filepath.Join(out, "index.html")) {
		t.Errorf("the table does not name the index:\n%s", stdout)
	}
}

func TestSiteNeverReplacesAnIndexItDidNotWrite(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	smallLeaflet(t, dir, "flu", 2, "")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	home := "<html><body>The council's own page</body></html>"
	if err := os.WriteFile(filepath.Join(out, "index.html"), []byte(home), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := leaflet(t, "build", "--source", dir, "--edition", "html", "--site", "--out", out)
	if code != 1 || !strings.Contains(stderr, "index.html exists and was not written by leaflet") || !strings.Contains(stderr, "nothing of this build is written") {
		t.Fatalf("exit %d: %s; want 1 and an error that the index is not leaflet's", code, stderr)
	}
	got := folder(t, out)
	if names(got) != "index.html" || got["index.html"] != home {
		t.Errorf("the folder holds %s; want the council's index alone, as it was", names(got))
	}
}

func TestSiteWithABuildThatFailsWritesNothing(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	smallLeaflet(t, dir, "flu", 400, "") // too long for a tri-fold
	code, _, _ := leaflet(t, "build", "--source", dir, "--edition", "trifold,html", "--site", "--out", out)
	if code != 1 {
		t.Fatalf("exit %d; want 1", code)
	}
	if _, err := os.Stat(out); err == nil {
		if got := folder(t, out); len(got) > 0 {
			t.Errorf("a failed build wrote %s", names(got))
		}
	}
}
