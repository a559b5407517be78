// SPDX-License-Identifier: MIT

package layout_test

import (
	"leaflet/compose"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"leaflet/build"
	"leaflet/content"
	"leaflet/internal/testtool"
	"leaflet/layout"
)

// TestEasyReadPDFLastPageReadsBackFull builds the easy read of every
// language of the CSE leaflet and reads each PDF's last page back with
// pdftotext: it holds more than a line or two — the offer of the other
// languages, every one of their names in its own script, and the phone
// number.
func TestEasyReadPDFLastPageReadsBackFull(t *testing.T) {
	pdftotext := testtool.Need(t, "pdftotext", "poppler-utils")
	l, ds := content.Load(content.Builtin(), "", content.DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	outs, ds := build.Run(t.Context(), build.Request{Leaflet: l, Langs: l.Langs(), Editions: []*compose.Edition{compose.EasyRead}, Paper: layout.A4})
	if ds.HasErrors() || len(outs) != len(l.Langs()) {
		t.Fatalf("got %d outputs: %v", len(outs), ds)
	}
	marks := strings.NewReplacer("\u202a", "", "\u202b", "", "\u202c", "", "\u200e", "", "\u200f", "", "\u00a0", " ")
	dir := t.TempDir()
	for _, o := range outs {
		file := filepath.Join(dir, o.Name)
		if err := os.WriteFile(file, o.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		last := strconv.Itoa(o.Pages)
		out, err := exec.CommandContext(t.Context(), pdftotext, "-f", last, "-l", last, "-layout", file, "-").CombinedOutput()
		if err != nil {
			t.Fatalf("%s: pdftotext: %v\n%s", o.Name, err, out)
		}
		text := marks.Replace(string(out))
		var lines []string
		for _, ln := range strings.Split(text, "\n") {
			if strings.TrimSpace(ln) != "" {
				lines = append(lines, ln)
			}
		}
		// the page number is one line; the offer alone is eight or more
		if len(lines) < 8 {
			t.Errorf("%s: the last page (%s) reads back %d lines; want a page, not a line or two:\n%s", o.Name, last, len(lines), text)
		}
		names, _ := l.LanguageNames(o.Lang, nil)
		flat := strings.Join(strings.Fields(text), "")
		for _, n := range names {
			// poppler rebuilds right-to-left text word by word: the
			// name's longest word must come back
			w := longest(strings.Fields(n.Text.String()))
			w = strings.Trim(w, "()（）")
			if !strings.Contains(flat, w) {
				t.Errorf("%s: the last page lacks %s's name %q:\n%s", o.Name, n.Lang, n.Text.String(), text)
			}
		}
		phone := strings.ReplaceAll(l.LocalDigits(o.Lang, l.Org.Phone), " ", "")
		if !strings.Contains(flat, phone) {
			t.Errorf("%s: the last page lacks the phone number %s:\n%s", o.Name, phone, text)
		}
	}
}

func longest(ws []string) string {
	best := ""
	for _, w := range ws {
		if len([]rune(w)) > len([]rune(best)) {
			best = w
		}
	}
	return best
}
