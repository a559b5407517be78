// SPDX-License-Identifier: MIT

package layout

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// edition is what the page editions offer the tests.
type pageEdition interface {
	Family() string
	String() string
}

func layoutPages(t testing.TB, lang string, ed interface {
	pageEdition
	layoutFunc
}) *Result {
	t.Helper()
	set, _ := tools(t)
	set = set.WithText(ed.Family())
	sh := newShaperFor(set)
	res, ds := ed.Layout(builtinDoc(t, lang), set, sh)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return res
}

func TestPageEditionsGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		ed   interface {
			pageEdition
			layoutFunc
		}
	}{
		{"cse-en-large-print-18pt", NewLargePrint(18)},
		{"cse-en-large-print-28pt", NewLargePrint(28)},
		{"cse-en-easy-read-16pt", NewEasyRead(16)},
		{"cse-en-easy-read-20pt", NewEasyRead(20)},
		{"cse-ur-easy-read-16pt", NewEasyRead(16)},
		{"cse-en-screen", NewScreen()},
		{"cse-ur-screen", NewScreen()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lang := strings.Split(tc.name, "-")[1]
			golden(t, tc.name, layoutPages(t, lang, tc.ed).Dump())
		})
	}
}

func TestNoTextIsSmallerThanTheEditionsBody(t *testing.T) {
	for _, tc := range []struct {
		size float64
		ed   interface {
			pageEdition
			layoutFunc
		}
	}{
		{16, NewLargePrint(16)}, {18, NewLargePrint(18)}, {24, NewLargePrint(24)}, {28, NewLargePrint(28)}, {48, NewLargePrint(48)},
		{16, NewEasyRead(16)}, {18, NewEasyRead(18)}, {20, NewEasyRead(20)},
	} {
		size, ed := tc.size, tc.ed
		{
			t.Run(fmt.Sprintf("%s %gpt", ed, size), func(t *testing.T) {
				res := layoutPages(t, "en", ed)
				for pi, p := range res.Pages {
					for _, it := range p.Items {
						if g, ok := it.(*GlyphRun); ok && g.Size < size {
							t.Fatalf("page %d: %q is set at %g pt; want at least %g pt", pi+1, g.Text, g.Size, size)
						}
					}
				}
			})
		}
	}
}

func TestPageEditionsDrawNothingOutsideTheMargins(t *testing.T) {
	for _, ed := range []interface {
		pageEdition
		layoutFunc
	}{NewLargePrint(18), NewLargePrint(36), NewLargePrint(48), NewEasyRead(16), NewEasyRead(20)} {
		res := layoutPages(t, "en", ed)
		for pi, p := range res.Pages {
			f := p.Regions[0].Frame
			for _, it := range p.Items {
				b := it.Bounds()
				eps := 0.01
				if g, ok := it.(*GlyphRun); ok {
					eps = 0.05 * g.Size
					if g.Role == RoleArtifact { // the page number, in the bottom margin
						if b.Y+b.H > p.Size.H-MM(10) || b.X < MM(10) || b.X+b.W > p.Size.W-MM(10) {
							t.Errorf("%s page %d: page number %+v within 10 mm of the edge", ed, pi+1, b)
						}
						continue
					}
				}
				if b.X < f.X-eps || b.X+b.W > f.X+f.W+eps || b.Y < f.Y-eps || b.Y+b.H > f.Y+f.H+eps {
					t.Errorf("%s page %d: %T %+v leaves the frame %+v", ed, pi+1, it, b, f)
				}
			}
		}
	}
}

func TestLargePrintLinesAreAtMost70Characters(t *testing.T) {
	for _, size := range []float64{16, 18} {
		res := layoutPages(t, "en", NewLargePrint(size))
		for _, p := range res.Pages {
			lines := map[float64]string{}
			for _, it := range p.Items {
				if g, ok := it.(*GlyphRun); ok {
					lines[g.Y] += g.Text
				}
			}
			for _, l := range lines {
				if !latin(l) {
					continue // the rule is about Latin text: other scripts' letters differ in width
				}
				if n := utf8.RuneCountInString(strings.TrimSpace(l)); n > 70 {
					t.Errorf("%g pt: a line of %d characters: %q", size, n, l)
				}
			}
		}
	}
}

func TestEasyReadNeverSplitsAPoint(t *testing.T) {
	res := layoutPages(t, "en", NewEasyRead(20))
	page := map[int]int{} // point group element → page
	for pi, p := range res.Pages {
		for _, it := range p.Items {
			var e int
			switch it := it.(type) {
			case *GlyphRun:
				e = it.Elem
			case *Picture:
				e = it.Elem
			default:
				continue
			}
			if e < 0 {
				continue
			}
			parent := res.Elems[e].Parent
			if parent < 0 || res.Elems[parent].Role != "Div" {
				continue
			}
			if was, ok := page[parent]; ok && was != pi {
				t.Errorf("point %d is on pages %d and %d", parent, was+1, pi+1)
			}
			page[parent] = pi
		}
	}
	if len(page) == 0 {
		t.Fatal("found no points")
	}
}

func TestEasyReadHasAPictureBesideEveryPoint(t *testing.T) {
	res := layoutPages(t, "en", NewEasyRead(16))
	pictures := map[int]bool{}
	texts := map[int]bool{}
	for _, p := range res.Pages {
		for _, it := range p.Items {
			switch it := it.(type) {
			case *Picture:
				if it.Alt == "" {
					t.Errorf("a picture at %+v has no alt text", it.Rect)
				}
				if par := res.Elems[it.Elem].Parent; par >= 0 {
					pictures[par] = true
				}
			case *GlyphRun:
				if it.Elem >= 0 {
					if par := res.Elems[it.Elem].Parent; par >= 0 && res.Elems[par].Role == "Div" {
						texts[par] = true
					}
				}
			}
		}
	}
	for p := range texts {
		if !pictures[p] {
			t.Errorf("point %d has words but no picture", p)
		}
	}
}

func TestPageEditionsBookmarkEverySection(t *testing.T) {
	res := layoutPages(t, "en", NewLargePrint(18))
	var got []string
	for _, p := range res.Pages {
		for _, b := range p.Bookmarks {
			got = append(got, b.Title)
		}
	}
	want := []string{"Child Sexual Exploitation (CSE)", "Contact us", "What is Child Sexual Exploitation (CSE)?", "Recognise the signs of Child Sexual Exploitation",
		"CSE Assessment", "CSE – Toolkit for Professionals", "Tackling CSE Toolkit – how to use it", "Other languages"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got bookmarks %q; want %q", got, want)
	}
}

// latin reports whether the letters of s are all Latin.
func latin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}
