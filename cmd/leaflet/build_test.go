// SPDX-License-Identifier: MIT

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// smallLeaflet writes a leaflet id into the source folder dir: a cover, one
// inside section whose paragraph repeats a sentence n times (about 60
// bytes each: 300 is too long for a tri-fold, not for large print), and
// the messages the builder needs. extra is added to the English bundle.
func smallLeaflet(t *testing.T, dir, id string, n int, extra string) {
	t.Helper()
	leaflet := `published = 2026-11-27
[organisation]
name = "Riverside Safeguarding Partnership"
phone = "01234 567890"
[[section]]
place = "cover"
  [[section.block]]
  title = "cover.title"
[[section]]
heading = "body.heading"
  [[section.block]]
  paragraph = "body.text"
`
	var en strings.Builder
	for _, m := range [][2]string{
		{"cover.title", "Staying safe"}, {"body.heading", "What to do"},
		{"body.text", strings.TrimSpace(strings.Repeat("Children may be groomed online by people they have never met. ", n))},
		{"language.name", "English"}, {"request.language", "Call {{.Phone}}"}, {"notice.draft", "Draft"},
		{"page.number", "Page {{.Page}} of {{.Pages}}"},
	} {
		fmt.Fprintf(&en, "[%s]\ndescription = \"x\"\nother = %q\n\n", m[0], m[1])
	}
	en.WriteString(extra)
	for name, text := range map[string]string{
		filepath.Join("content", id, "leaflet.toml"):   leaflet,
		filepath.Join("locales", id, "active.en.toml"): en.String(),
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSourceWithOneLeafletNeedsNoLeafletFlag(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	smallLeaflet(t, dir, "riverside", 20, "")
	code, stdout, stderr := leaflet(t, "build", "--source", dir, "--edition", "large-print", "--lang", "EN", "--out", out)
	if code != 0 || !strings.Contains(stdout, "riverside-en-large-print.pdf") {
		t.Fatalf("got exit %d, %q, %q; want riverside built without --leaflet, --lang EN read as en", code, stdout, stderr)
	}
	code, _, stderr = leaflet(t, "build", "--source", dir, "--edition", "large-print", "--lang", "en-GB", "--out", out)
	if code != 0 || !strings.Contains(stderr, `note: the leaflet "riverside" has no bundle for en-GB: using en`) {
		t.Errorf("got exit %d, %q; want en-GB built as en, with a note", code, stderr)
	}
	code, _, stderr = leaflet(t, "build", "--source", dir, "--lang", "cy", "--out", out)
	if code != 1 || !strings.Contains(stderr, `the leaflet "riverside" has no bundle for language "cy": it is in en`) {
		t.Errorf("got exit %d, %q; want 1 and the languages there are", code, stderr)
	}
	smallLeaflet(t, dir, "second", 20, "")
	for _, cmd := range []string{"build", "check"} {
		code, _, stderr = leaflet(t, cmd, "--source", dir, "--out", out)
		if cmd == "check" {
			code, _, stderr = leaflet(t, cmd, "--source", dir)
		}
		if code != 2 || !strings.Contains(stderr, dir+" holds 2 leaflets: riverside, second; choose one with --leaflet ID") {
			t.Errorf("%s: got exit %d, %q; want 2 and the leaflets listed", cmd, code, stderr)
		}
	}
}

// TestABuildIsAllOrNothing builds a leaflet whose tri-fold fails while its
// large print builds: nothing of the build replaces the files in --out,
// unless --keep-going, which writes the large print and names the
// tri-fold.
func TestABuildIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	smallLeaflet(t, dir, "riverside", 300, "")
	os.MkdirAll(out, 0o755)
	old := filepath.Join(out, "riverside-en-large-print.pdf")
	os.WriteFile(old, []byte("the last build's PDF"), 0o644)

	code, stdout, stderr := leaflet(t, "build", "--source", dir, "--out", out)
	if code != 1 {
		t.Fatalf("got exit %d; want 1: the tri-fold does not fit", code)
	}
	if !strings.Contains(stderr, "text does not fit") || !strings.Contains(stderr, "nothing written to "+out+": 1 of 2 PDFs failed (riverside-en-trifold.pdf); --keep-going writes the 1 that built") {
		t.Errorf("got %q; want the overflow and that nothing was written", stderr)
	}
	if b, _ := os.ReadFile(old); string(b) != "the last build's PDF" {
		t.Error("a failed build replaced the large print")
	}
	if strings.Contains(stdout, "large-print.pdf") {
		t.Errorf("got the table %q; want no file listed as written", stdout)
	}

	code, stdout, stderr = leaflet(t, "build", "--source", dir, "--out", out, "--keep-going")
	if code != 1 || !strings.Contains(stderr, "not built (--keep-going): riverside-en-trifold.pdf") || !strings.Contains(stdout, old) {
		t.Errorf("--keep-going: got exit %d, %q, %q; want 1, the large print written and the tri-fold named", code, stdout, stderr)
	}
	if b, _ := os.ReadFile(old); !strings.HasPrefix(string(b), "%PDF-") {
		t.Error("--keep-going did not write the large print")
	}
	if _, err := os.Stat(filepath.Join(out, "riverside-en-trifold.pdf")); err == nil {
		t.Error("got a tri-fold; want none")
	}
}

func TestAReadOnlyPDFIsNotReplaced(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	smallLeaflet(t, dir, "riverside", 20, "")
	os.MkdirAll(out, 0o755)
	kept := filepath.Join(out, "riverside-en-large-print.pdf")
	os.WriteFile(kept, []byte("approved by the board"), 0o444)
	code, _, stderr := leaflet(t, "build", "--source", dir, "--out", out, "--edition", "large-print,screen")
	if code != 1 || !strings.Contains(stderr, kept+" is read-only: not replaced") || !strings.Contains(stderr, "nothing of this build is written") {
		t.Errorf("got exit %d, %q; want 1 and the read-only file named", code, stderr)
	}
	if b, _ := os.ReadFile(kept); string(b) != "approved by the board" {
		t.Error("the read-only PDF was replaced")
	}
	if _, err := os.Stat(filepath.Join(out, "riverside-en-screen.pdf")); err == nil {
		t.Error("the screen edition was written; want nothing of the build")
	}
}

func TestAtMostTwentyWarningsOfAKindArePrinted(t *testing.T) {
	dir := t.TempDir()
	var spare strings.Builder
	for i := 0; i < 500; i++ {
		fmt.Fprintf(&spare, "[spare.m%d]\nother = \"Spare\"\n\n", i)
	}
	smallLeaflet(t, dir, "riverside", 20, spare.String())
	code, _, stderr := leaflet(t, "build", "--source", dir, "--out", filepath.Join(dir, "out"), "--edition", "large-print")
	if code != 0 {
		t.Fatalf("got exit %d: %s", code, stderr)
	}
	if n := strings.Count(stderr, "is not used by"); n != 21 {
		t.Errorf("got %d lines about unused messages; want 20 and a count", n)
	}
	if !strings.Contains(stderr, "480 more warnings of this kind, not shown (500 in all)") {
		t.Errorf("got %q; want the count of the rest", stderr[max(0, len(stderr)-400):])
	}
}
