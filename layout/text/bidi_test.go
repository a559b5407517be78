// SPDX-License-Identifier: MIT

package text

import (
	"os/exec"
	"strconv"
	"strings"
	"testing"

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
			var isos [][2]int
			for _, s := range tc.isolates {
				i := strings.Index(tc.text, s)
				a := len([]rune(tc.text[:i]))
				isos = append(isos, [2]int{a, a + len([]rune(s))})
			}
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
