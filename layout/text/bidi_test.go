// SPDX-License-Identifier: MIT

package text

import (
	"math/rand/v2"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/bidi"

	"leaflet/internal/testtool"
)

// bidiCases are paragraphs that leaflets meet: numbers, phone numbers,
// email addresses and brackets inside text of the other direction.
var bidiCases = []struct {
	name string
	text string
	rtl  bool
}{
	{"Urdu words and a number in English", "read اردو صفحہ 12 today", false},
	{"Arabic with a number and brackets", "الاستغلال الجنسي للأطفال (CSE) تحت 18 سنة.", true},
	{"Urdu sentence with a phone number", "مزید معلومات کے لیے 01604 364036 پر فون کریں۔", true},
	{"Farsi with an email address", "با nscb@northamptonshire.gcsx.gov.uk تماس بگیرید", true},
	{"Hebrew with English in brackets", "שלום (hello world) עולם", true},
	{"English with Hebrew and a price", "the price is ₪120 (שקל) today", false},
	{"English with an Arabic phrase and digits", "see الصفحة 3-4 now", false},
	{"numbers with separators in Arabic", "رقم 1,000.50 و 2/3", true},
	{"nested brackets", "ab (גד [ef] הו) ij", false},
	{"marks on Arabic letters", "بِسْمِ اللَّهِ abc", true},
}

func TestBidiLevelsAgreeWithFriBidi(t *testing.T) {
	for _, tc := range bidiCases {
		t.Run(tc.name, func(t *testing.T) {
			base := level(0)
			if tc.rtl {
				base = 1
			}
			want := fribidiLevels(t, tc.text, tc.rtl)
			got := bidiLevels([]rune(tc.text), base, nil)
			if len(got) != len(want) {
				t.Fatalf("got %d levels; fribidi gives %d", len(got), len(want))
			}
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("level of %q (rune %d) is %d; fribidi says %d\ngot  %v\nwant %v", []rune(tc.text)[i], i, got[i], want[i], got, want)
				}
			}
		})
	}
}

// fribidiLevels returns fribidi's embedding levels of text.
func fribidiLevels(t *testing.T, text string, rtl bool) []level {
	t.Helper()
	fribidi := testtool.Need(t, "fribidi", "libfribidi-bin")
	dir := "--ltr"
	if rtl {
		dir = "--rtl"
	}
	cmd := exec.CommandContext(t.Context(), fribidi, dir, "--levels", "--novisual")
	cmd.Stdin = strings.NewReader(text + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	var levels []level
	for _, f := range strings.Fields(string(out)) {
		n, err := strconv.Atoi(f)
		if err != nil {
			t.Fatalf("fribidi says %q", out)
		}
		levels = append(levels, level(n))
	}
	return levels
}

// visual returns the text of a paragraph in visual order, character by
// character, as rule L2 orders it (characters of right-to-left runs
// reversed).
func visual(text []rune, levels []level) string {
	order := visualOrder(levels)
	out := make([]rune, len(order))
	for i, k := range order {
		out[i] = text[k]
	}
	return string(out)
}

func TestReorderingKeepsNumbersAndAddressesIntact(t *testing.T) {
	for _, tc := range []struct {
		name     string
		text     string
		rtl      bool
		isolates []string // substrings set as left-to-right isolates
		want     string   // visual order, left to right
	}{
		{"a number after Urdu in English", "read اردو صفحہ 12 today", false, nil,
			"read 12 ہحفص ودرا today"},
		{"a phone number in Urdu reads left to right", "فون 01604 364036 کریں", true, []string{"01604 364036"},
			"ںیرک 01604 364036 نوف"},
		{"without the isolate the digit groups swap", "فون 01604 364036 کریں", true, nil,
			"ںیرک 364036 01604 نوف"},
		{"an email address in Farsi", "با nscb@example.gov.uk تماس", true, []string{"nscb@example.gov.uk"},
			"سامت nscb@example.gov.uk اب"},
		{"a phone number after Arabic in English keeps its logical place", "call قسم 01604 364036 today", false, []string{"01604 364036"},
			"call مسق 01604 364036 today"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := []rune(tc.text)
			isos := isolateRanges(t, tc.text, tc.isolates)
			base := level(0)
			if tc.rtl {
				base = 1
			}
			if got := visual(text, bidiLevels(text, base, isos)); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

// levelPiece is a stretch of a paragraph and the level of each of its
// runes.
type levelPiece struct {
	text  string
	level level
}

// TestIsolateOpeningWithABracketPairsNoBracketOutside checks paragraphs
// with isolates that open with a bracket, a phone number "(01604) 364036"
// or an English name "(Jane Smith)", after a bracket that the isolate's
// closing bracket does not close: the bracket outside pairs with the one
// after the isolate, as if the isolate were LRI…PDI (BD13, BD16). The
// levels are worked out by hand and, when fribidi is installed, compared
// with fribidi's for the text with U+2066 LRI and U+2069 PDI around each
// isolate.
func TestIsolateOpeningWithABracketPairsNoBracketOutside(t *testing.T) {
	for _, tc := range []struct {
		name     string
		rtl      bool
		isolates []string     // substrings set as left-to-right isolates
		want     []levelPiece // the paragraph, piece by piece, and its levels
	}{
		{"Hebrew brackets around an isolate, left to right", false, []string{"(1) 2"}, []levelPiece{
			{"ב (ג ", 1}, {"(1) 2", 2}, {")", 1}, {" d", 0},
		}},
		{"English brackets around an isolate in Hebrew", true, []string{"(1) 2"}, []levelPiece{
			{"ב ", 1}, {"d (e (1) 2)", 2}, {" ג", 1},
		}},
		{"Arabic with a phone number and a name in English brackets", true, []string{"(01604) 364036", "(Jane Smith)"}, []levelPiece{
			{"للاستفسار اتصلوا بقسم ", 1},
			{"Children's Services (Northamptonshire, (01604) 364036)", 2},
			{" أو اكتبوا إلى ", 1},
			{"Safeguarding Team (attn. (Jane Smith))", 2},
			{".", 1},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var s strings.Builder
			var want []level
			for _, p := range tc.want {
				s.WriteString(p.text)
				for range []rune(p.text) {
					want = append(want, p.level)
				}
			}
			text := []rune(s.String())
			isos := isolateRanges(t, s.String(), tc.isolates)
			base := level(0)
			if tc.rtl {
				base = 1
			}
			got := bidiLevels(text, base, isos)
			if !slices.Equal(got, want) {
				t.Errorf("levels of %q\ngot  %v\nwant %v", s.String(), got, want)
			}

			// fribidi on the text with LRI and PDI around each isolate,
			// without the controls' levels
			var marked []rune
			var at []int // index in marked of each rune of text
			for i, r := range text {
				for _, iso := range isos {
					if iso[0] == i {
						marked = append(marked, '\u2066')
					}
					if iso[1] == i {
						marked = append(marked, '\u2069')
					}
				}
				at = append(at, len(marked))
				marked = append(marked, r)
			}
			for _, iso := range isos {
				if iso[1] == len(text) {
					marked = append(marked, '\u2069')
				}
			}
			fl := fribidiLevels(t, string(marked), tc.rtl)
			if len(fl) != len(marked) {
				t.Fatalf("fribidi gives %d levels for %d runes", len(fl), len(marked))
			}
			fri := make([]level, len(text))
			for i, k := range at {
				fri[i] = fl[k]
			}
			if !slices.Equal(got, fri) {
				t.Errorf("levels of %q\ngot     %v\nfribidi %v", s.String(), got, fri)
			}
		})
	}
}

// isolateRanges returns the rune ranges of the substrings subs of text,
// each at its first occurrence.
func isolateRanges(t *testing.T, text string, subs []string) [][2]int {
	t.Helper()
	var isos [][2]int
	for _, s := range subs {
		i := strings.Index(text, s)
		if i < 0 {
			t.Fatalf("%q is not in %q", s, text)
		}
		a := len([]rune(text[:i]))
		isos = append(isos, [2]int{a, a + len([]rune(s))})
	}
	return isos
}

// TestLeftToRightAgreesWithTheRules holds the shortcut for text with
// nothing to read right to left to what the rules resolve: every level
// the same, with and without isolates, at both base levels it may take.
func TestLeftToRightAgreesWithTheRules(t *testing.T) {
	pieces := []string{"Call ", "01604 364036", " (24h)", ", ", "“NSCB”", "e-mail: nscb@example.org", " 18+", "\u00a0", "—", "Łódź ", "Київ ", "中文 ", "বাংলা ", "\u0301", "\u200d", "\u2066", "\u202a", "[", "]", "2015.", "%", "$5"}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 2000 {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := []rune(b.String())
		var isolates [][2]int
		if n%2 == 1 && len(text) > 2 {
			lo := rng.IntN(len(text) - 1)
			isolates = [][2]int{{lo, lo + 1 + rng.IntN(len(text)-lo-1)}}
		}
		for _, base := range []level{0, 2} {
			classes := make([]bidi.Class, len(text))
			for i, r := range text {
				classes[i] = classOf(r)
			}
			want := resolveLevels(text, classes, base, isolates)
			if got := bidiLevels(text, base, isolates); !slices.Equal(got, want) {
				t.Fatalf("%q (isolates %v, base %d): levels %v, the rules give %v", string(text), isolates, base, got, want)
			}
		}
	}
}
