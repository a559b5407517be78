// SPDX-License-Identifier: MIT

package convert_test

import (
	"leaflet/compose"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"leaflet/build"
	"leaflet/content"
	"leaflet/convert"
	"leaflet/internal/testtool"
	"leaflet/layout"
)

// readSeed returns the text the built-in leaflet was made from, which
// content's tests keep in testdata.
func readSeed(t *testing.T) []byte {
	t.Helper()
	seed, err := os.ReadFile(filepath.Join("..", "content", "testdata", "seed", "cse-leaflet.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return seed
}

// load converts a document and loads it as the leaflet "new".
func load(t *testing.T, src []byte) (*content.Leaflet, content.Diagnostics) {
	t.Helper()
	f, err := convert.Document(src, convert.Options{ID: "new", From: "doc.txt", Published: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"content/new/leaflet.toml":   {Data: f.Content},
		"locales/new/active.en.toml": {Data: f.Bundle},
	}
	l, ds := content.Load(fsys, "", "new")
	if ds.HasErrors() {
		t.Fatalf("the converted leaflet does not load:\n%v\n--- leaflet.toml\n%s\n--- active.en.toml\n%s", ds, f.Content, f.Bundle)
	}
	return l, ds
}

var space = regexp.MustCompile(`\s+`)

func normalise(s string) string {
	s = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`, "–", "-", "—", "-").Replace(s)
	s = strings.TrimSpace(space.ReplaceAllString(s, " "))
	// a line broken after a slash reads back with a space after it
	return strings.ReplaceAll(s, "/ ", "/")
}

// panels returns pdftotext's text of each tri-fold panel, in the order a
// reader unfolds them.
func panels(t *testing.T, o build.Output, names ...layout.Panel) []string {
	t.Helper()
	pdftotext := testtool.Need(t, "pdftotext", "poppler-utils")
	file := filepath.Join(t.TempDir(), o.Name)
	if err := os.WriteFile(file, o.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	imp := layout.NewTriFold(layout.A4).Imposition(false)
	var out []string
	for _, name := range names {
		p := imp[name]
		itoa := strconv.Itoa
		cmd := exec.CommandContext(t.Context(), pdftotext, "-raw", "-f", itoa(p.Page+1), "-l", itoa(p.Page+1),
			"-x", itoa(int(p.Area.X)), "-y", "0", "-W", itoa(int(p.Area.W)), "-H", itoa(int(p.Area.H)), file, "-")
		b, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
		out = append(out, normalise(string(b)))
	}
	return out
}

func TestTheSeedConvertedBuildsATriFoldWithItsText(t *testing.T) {
	seed := readSeed(t)
	testtool.Need(t, "pdftotext", "poppler-utils")
	l, _ := load(t, seed)
	outs, ds := build.Run(t.Context(), build.Request{Leaflet: l, Langs: []string{"en"}, Editions: []*compose.Edition{compose.TriFold}, Paper: layout.A4})
	if ds.HasErrors() || len(outs) != 1 {
		t.Fatalf("got %d outputs: %v", len(outs), ds)
	}
	for _, d := range ds {
		t.Logf("build: %v", d)
	}
	ps := panels(t, outs[0], layout.FrontCover, layout.InsideLeft, layout.Middle, layout.FoldIn, layout.FlapPanel, layout.BackCover)
	got := strings.Join(ps, " ")

	// every sentence of the seed is in the leaflet
	var seedLines []string
	for _, line := range strings.Split(string(seed), "\n") {
		line = normalise(strings.TrimPrefix(strings.TrimSpace(line), "- "))
		line = strings.TrimSpace(strings.Trim(line, `"`))
		if line == "" {
			continue
		}
		seedLines = append(seedLines, line)
		for _, sentence := range strings.SplitAfter(line, ". ") {
			if s := strings.TrimSpace(sentence); !strings.Contains(got, s) {
				t.Errorf("pdftotext lacks %q", s)
			}
		}
	}

	// and the inside, then the flap (which, with no translations to
	// offer, holds the last inside section), is the seed's text from its
	// first inside heading to its end, word for word and in order:
	// nothing added, nothing lost
	first := "What is Child Sexual Exploitation (CSE)?"
	var want []string
	on := false
	for _, l := range seedLines {
		on = on || l == first
		if on {
			want = append(want, l)
		}
	}
	// (less the list's bullets, which the layout draws)
	inside := strings.NewReplacer(`"`, "", "• ", "").Replace(strings.Join(ps[1:5], " "))
	if w := strings.ReplaceAll(strings.Join(want, " "), `"`, ""); inside != w {
		t.Errorf("the inside panels and the flap do not read as the seed:\ngot  %s\nwant %s", inside, w)
	}
	// the back cover holds the contact section, the offer last
	back := ps[5]
	for _, w := range []string{"Contact Us", "The NSCB Business Office can be contacted on the details below:",
		"Northamptonshire Safeguarding Children Board John Dryden House 8-10 The Lakes Northampton NN4 7YD",
		"Tel: 01604 364036", "E-Mail: nscb@northamptonshire.gcsx.gov.uk",
		"This leaflet can be made available in other languages and formats upon request."} {
		i := strings.Index(back, w)
		if i < 0 {
			t.Fatalf("the back cover lacks %q, or has it out of order:\n%s", w, back)
		}
		back = back[i+len(w):]
	}
	if !strings.HasPrefix(ps[0], "Northamptonshire Safeguarding Children Board Child Sexual Exploitation (CSE) Information Leaflet") {
		t.Errorf("the front cover reads %q; want the organisation, then the seed's title", ps[0])
	}
}

func TestTheSeedsEasyReadIsADraftWithAWarningPerPoint(t *testing.T) {
	seed := readSeed(t)
	l, ds := load(t, seed)
	todo := 0
	for _, d := range ds {
		if strings.Contains(d.Msg, "is still to be written: todo = true") {
			todo++
			if d.Severity != content.Warning || d.Pos.Line == 0 {
				t.Errorf("got %v; want a warning at the point's line", d)
			}
		}
	}
	points := 0
	for _, s := range l.EasyRead.Sections {
		for _, p := range s.Points {
			if p.Picture.Name == "question" {
				points++
			}
		}
	}
	if todo != points || todo != 19 {
		t.Errorf("got %d todo warnings for %d drafted points; want one per paragraph, list item and quoted paragraph (19)", todo, points)
	}
	outs, bds := build.Run(t.Context(), build.Request{Leaflet: l, Langs: []string{"en"}, Editions: []*compose.Edition{compose.EasyRead, compose.LargePrint}, Paper: layout.A4})
	if bds.HasErrors() || len(outs) != 2 {
		t.Fatalf("the draft easy read and the large print do not build: %v", bds)
	}
}

// FuzzDocument checks that any UTF-8 document gives a leaflet that loads
// without an error, or is refused.
func FuzzDocument(f *testing.F) {
	f.Add("# Title\n\n## Section\n\nText with **strong** and [a link](https://example.org).\n\n- one\n- two\n\n> A quote.\n>\n> — Source\n")
	f.Add("Contact Us\n\nTel: 01604 364036\n\nE-Mail: a@b.example\n\nTown Hall Riverside RV1 2AB\n\nTitle Line\n\n\n\"Quoted.\n\nEnd.\"\n")
	f.Add("Welcome.\n\n# T\n\n## Contact\n\nwww.example.org\n\nCall 0800 123 4567 or email x@y.example.\n")
	f.Add("# *\n\n## [x](\n\n\\*\\[ {{.Phone}} ** [a](b) ]( \n")
	f.Fuzz(func(t *testing.T, doc string) {
		if _, err := convert.Document([]byte(doc), convert.Options{ID: "new"}); err != nil {
			return
		}
		load(t, []byte(doc))
	})
}
