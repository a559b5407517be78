// SPDX-License-Identifier: MIT

package text

import (
	"strings"
	"testing"

	"leaflet/fonts"
)

func newShaper(t testing.TB) *Shaper {
	t.Helper()
	set, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return NewShaper(set)
}

func lineTexts(p Paragraph, lines []Line) []string {
	var out []string
	for _, l := range lines {
		out = append(out, string(p.Text[l.Start:l.End]))
	}
	return out
}

func TestLinesBreakAtSpacesAndFit(t *testing.T) {
	s := newShaper(t)
	p := Paragraph{Text: []rune("Parents, carers and professionals coming into contact with children are urged to look out for signs."), Lang: "en", Size: 12}
	lines, missing := s.Lines(p, 150, nil)
	if len(missing) > 0 {
		t.Fatalf("missing: %v", missing)
	}
	if len(lines) < 3 {
		t.Fatalf("got %d lines; want at least 3", len(lines))
	}
	if got := strings.Join(lineTexts(p, lines), ""); got != string(p.Text) {
		t.Errorf("lines lose text: got %q", got)
	}
	for i, l := range lines {
		if l.Width > 150 {
			t.Errorf("line %d is %.2fpt wide; want at most 150", i, l.Width)
		}
		if i < len(lines)-1 && !strings.HasSuffix(string(p.Text[l.Start:l.End]), " ") {
			t.Errorf("line %d %q does not end at a space", i, string(p.Text[l.Start:l.End]))
		}
	}
}

func TestLinesNeverBreakInsideNoBreakRange(t *testing.T) {
	s := newShaper(t)
	text := "Call 01604 364036 or write to nscb@northamptonshire.gcsx.gov.uk today"
	p := Paragraph{Text: []rune(text), Lang: "en", Size: 12}
	phone := strings.Index(text, "01604")
	nb := [][2]int{{phone, phone + len("01604 364036")}}
	for w := 60.0; w < 400; w += 7 {
		lines, _ := s.Lines(p, w, nb)
		for _, l := range lines {
			if l.Start > nb[0][0] && l.Start < nb[0][1] {
				t.Fatalf("width %.0f: line starts inside the phone number: %q", w, lineTexts(p, lines))
			}
		}
	}
}

func TestLigaturesAndKerningAreShaped(t *testing.T) {
	s := newShaper(t)
	p := Paragraph{Text: []rune("office AV"), Lang: "en", Size: 10}
	lines, _ := s.Lines(p, 1000, nil)
	var n int
	for _, r := range lines[0].Runs {
		n += len(r.Glyphs)
	}
	if n >= len(p.Text) {
		t.Errorf("got %d glyphs for %d runes; want fewer (ffi ligature)", n, len(p.Text))
	}
	kerned := s.Measure(Paragraph{Text: []rune("AV"), Size: 10, Lang: "en"})
	plain := s.Measure(Paragraph{Text: []rune("A"), Size: 10, Lang: "en"}) + s.Measure(Paragraph{Text: []rune("V"), Size: 10, Lang: "en"})
	if kerned >= plain {
		t.Errorf("AV is %.3fpt, A+V %.3fpt; want AV kerned tighter", kerned, plain)
	}
}
