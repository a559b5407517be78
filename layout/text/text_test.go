// SPDX-License-Identifier: MIT

package text

import (
	"strings"
	"testing"
	"unicode"

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
	phoneWidth := s.Measure(Paragraph{Text: []rune("01604 364036"), Lang: "en", Size: 12})
	for w := phoneWidth; w < 400; w += 7 {
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

func TestHeadingsAreBalancedAndDashesStayWithTheWordBefore(t *testing.T) {
	s := newShaper(t)
	text := "Tackling CSE Toolkit – how to use it"
	p := Paragraph{Text: []rune(text), Lang: "en", Size: 15.6, Balance: true}
	width := s.Measure(p) * 0.8 // two lines whichever way it is broken
	lines, _ := s.Lines(p, width, nil)
	got := lineTexts(p, lines)
	want := []string{"Tackling CSE Toolkit – ", "how to use it"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q; want %q", got, want)
	}
}

func TestBodyLinesAreEvenButAsFewAsGreedy(t *testing.T) {
	s := newShaper(t)
	p := Paragraph{Text: []rune("The toolkit is divided into a series of chapters. Teams should download, read and act on the information provided in chapters that apply to their respective service."), Lang: "en", Size: 12}
	for _, width := range []float64{150, 180, 220, 260} {
		lines, _ := s.Lines(p, width, nil)
		breaks := s.breaks(p, nil).breaks
		sum := func(a, b int) float64 { return s.Measure(Paragraph{Text: p.Text[a:b], Lang: "en", Size: 12}) }
		if g := greedy(breaks, sum, width); len(lines) != len(g) {
			t.Errorf("width %.0f: got %d lines; want greedy's %d", width, len(lines), len(g))
		}
		// no line but the last is much shorter than the others: the
		// spread of the line widths is within a longest word
		var lo, hi float64 = 1e9, 0
		for _, l := range lines[:len(lines)-1] {
			lo, hi = min(lo, l.Width), max(hi, l.Width)
		}
		if hi-lo > 0.45*width {
			t.Errorf("width %.0f: line widths range from %.0f to %.0f", width, lo, hi)
		}
	}
}

func TestForcedLineBreaksAreKeptAndNotDrawn(t *testing.T) {
	s := newShaper(t)
	p := Paragraph{Text: []rune("John Dryden House\n8-10 The Lakes\nNorthampton"), Lang: "en", Size: 12}
	lines, missing := s.Lines(p, 500, nil)
	if len(missing) > 0 {
		t.Fatalf("a line break counts as a missing character: %v", missing)
	}
	if got := lineTexts(p, lines); len(got) != 3 || got[0] != "John Dryden House\n" {
		t.Fatalf("got %q; want three lines", got)
	}
	for _, r := range lines[0].Runs {
		for _, g := range r.Glyphs {
			if p.Text[r.Start+g.Cluster] == '\n' {
				t.Errorf("the line break is drawn as glyph %d", g.ID)
			}
		}
	}
}

func TestAnAddressWiderThanTheColumnBreaksAtItsLogicalPoints(t *testing.T) {
	s := newShaper(t)
	text := "Email nscb@northamptonshire.gcsx.gov.uk now"
	p := Paragraph{Text: []rune(text), Lang: "en", Size: 40}
	at := strings.Index(text, "nscb")
	nb := [][2]int{{at, at + len("nscb@northamptonshire.gcsx.gov.uk")}}
	width := s.Measure(Paragraph{Text: []rune("northamptonshire.gcsx"), Lang: "en", Size: 40})
	lines, _ := s.Lines(p, width, nb)
	var forced int
	for i, l := range lines {
		seg := string(p.Text[l.Start:l.End])
		if l.Forced {
			forced++
			last := p.Text[l.End-1]
			next := p.Text[l.End]
			if last != '@' && last != '/' && next != '.' && next != '-' {
				t.Errorf("line %d %q breaks the address at no logical point", i, seg)
			}
		}
		if l.Width > width+0.01 {
			t.Errorf("line %d %q is wider than the column", i, seg)
		}
	}
	if forced == 0 {
		t.Errorf("got lines %q; want the address broken and marked", lineTexts(p, lines))
	}
}

func TestChineseBreaksBetweenIdeographsButNotBeforeClosingPunctuation(t *testing.T) {
	s := newShaper(t)
	p := Paragraph{Text: []rune("以下儿童性剥削的定义由英国全国遭受性剥削儿童与少年工作组制定，并用于英格兰的法定指引。"), Lang: "zh-Hans", Size: 12}
	lines, missing := s.Lines(p, 100, nil)
	if len(missing) > 0 {
		t.Fatalf("missing: %v", missing)
	}
	if len(lines) < 3 {
		t.Fatalf("got %d lines; want the text broken between ideographs", len(lines))
	}
	for i, l := range lines {
		if l.Width > 100.01 {
			t.Errorf("line %d is %.1f pt wide", i, l.Width)
		}
		if i > 0 && strings.ContainsRune("，。：；）", p.Text[l.Start]) {
			t.Errorf("line %d starts with closing punctuation %q", i, p.Text[l.Start])
		}
	}
}

func TestThaiBreaksOnlyAtSpacesAndNeverInsideAGraphemeCluster(t *testing.T) {
	// go-text's UAX #14 segmenter has no Thai dictionary: Thai words are
	// not separated by spaces, so a line may break only at the spaces
	// between phrases. This test holds that limit in place: no break may
	// fall inside a phrase, and so none inside a grapheme cluster.
	s := newShaper(t)
	text := "ถ้าท่านต้องการเอกสารนี้ กรุณาโทรหาเรา ขอบคุณมาก"
	p := Paragraph{Text: []rune(text), Lang: "th", Size: 12}
	lines, missing := s.Lines(p, 80, nil)
	if len(missing) > 0 {
		t.Fatalf("missing: %v", missing)
	}
	for i, l := range lines[:len(lines)-1] {
		if !unicode.IsSpace(p.Text[l.End-1]) {
			t.Errorf("line %d %q breaks inside a Thai phrase", i, string(p.Text[l.Start:l.End]))
		}
	}
	if got := strings.Join(lineTexts(p, lines), ""); got != text {
		t.Errorf("lines lose text: %q", got)
	}
}
