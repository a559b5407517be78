// SPDX-License-Identifier: MIT

package text

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/bidi"
)

// This file finds where a paragraph may be broken: the UAX #14
// opportunities, less those inside no-break ranges (addresses, numbers),
// and the typesetter's rules that keep short stretches together when they
// fit on a line:
//
//   - a one-letter word (Polish "w", "z", Czech and Slovak "k", "v") is not
//     left at a line's end, in the languages whose orthography asks for
//     it; English and the others may end a line with "a";
//   - a hyphenated compound is not broken at its hyphen when a part is
//     three letters or fewer ("e-mail", "CSE-র", "mother-in-law") or the
//     part after the hyphen starts with a combining mark;
//   - in a heading (a balanced paragraph) of Chinese or Japanese, a run of
//     ideographs is not broken: headings break at punctuation, at spaces,
//     where the script changes, and where the translator marks a word
//     boundary with U+200B ZERO WIDTH SPACE ("儿童\u200B性剥削");
//   - a name in brackets in the other direction than the paragraph's (an
//     English name in Urdu text, "(Tackling CSE Toolkit)") is not broken.
//
// A kept stretch that is wider than the line is broken as UAX #14 allows.

// breakPos is a break opportunity at a rune position.
type breakPos struct {
	pos       int
	mandatory bool
	space     bool // the break follows white space
}

// breakSet is a paragraph's break opportunities and the stretches [start,
// end) to keep on one line when they fit. It does not depend on the size.
type breakSet struct {
	breaks []breakPos
	keep   [][2]int
}

// breaks returns p's break opportunities, cached per text, language,
// kind of paragraph and no-break ranges.
func (s *Shaper) breaks(p Paragraph, noBreak [][2]int) breakSet {
	key := paraKey{text: p.source(), lang: p.Lang, balance: p.Balance, rtl: p.RTL, ranges: rangesKey(noBreak)}
	if b, ok := s.breakCache.Get(key); ok {
		return b
	}
	b := breakSet{breaks: s.findBreaks(p.Text, noBreak), keep: keeps(p)}
	s.breakCache.Put(key, b)
	return b
}

func (s *Shaper) findBreaks(text []rune, noBreak [][2]int) []breakPos {
	s.seg.Init(text)
	it := s.seg.LineIterator()
	var out []breakPos
	held := newSpanSet(noBreak)
	for it.Next() {
		l := it.Line()
		pos := l.Offset + len(l.Text)
		if pos < len(text) && held.inside(pos) {
			continue
		}
		if pos < len(text) && (text[pos] == '–' || text[pos] == '—') && pos > 0 && unicode.IsSpace(text[pos-1]) {
			continue // a spaced dash stays with the word before it
		}
		mandatory := l.IsMandatoryBreak && pos < len(text)
		out = append(out, breakPos{pos, mandatory, pos > 0 && unicode.IsSpace(text[pos-1])})
	}
	return out
}

// allowed returns the breaks of b that fall inside no kept stretch that
// fits in width.
func (b breakSet) allowed(measure func(a, b int) float64, width float64) []breakPos {
	if len(b.keep) == 0 {
		return b.breaks
	}
	var held [][2]int
	for _, k := range b.keep {
		if measure(k[0], k[1]) <= width+1e-9 {
			held = append(held, k)
		}
	}
	if len(held) == 0 {
		return b.breaks
	}
	set := newSpanSet(held)
	out := make([]breakPos, 0, len(b.breaks))
	for _, br := range b.breaks {
		if br.mandatory || !set.inside(br.pos) {
			out = append(out, br)
		}
	}
	return out
}

// keeps returns the stretches of p that the typesetter's rules keep on one
// line.
func keeps(p Paragraph) [][2]int {
	var out [][2]int
	if shortWordLanguages[baseLanguage(p.Lang)] {
		out = append(out, shortWords(p.Text)...)
	}
	out = append(out, compounds(p.Text)...)
	if p.Balance {
		out = append(out, ideographRuns(p.Text)...)
	}
	out = append(out, foreignBrackets(p.Text, p.RTL)...)
	return out
}

// shortWordLanguages are the languages whose typographic rules keep a
// one-letter word (a preposition or conjunction) off the end of a line.
var shortWordLanguages = map[string]bool{"pl": true, "cs": true, "sk": true}

func baseLanguage(tag string) string {
	base, _, _ := strings.Cut(strings.ToLower(tag), "-")
	return base
}

// wordRune reports whether r is part of a word: a letter, digit or mark.
func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// letters counts the letters and digits of s; marks belong to the letter
// before them.
func letters(s []rune) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// shortWords keeps each one-letter word with the word after it.
func shortWords(text []rune) [][2]int {
	var out [][2]int
	for i := 0; i < len(text); {
		if !wordRune(text[i]) {
			i++
			continue
		}
		a := i
		for i < len(text) && wordRune(text[i]) {
			i++
		}
		if letters(text[a:i]) != 1 || !unicode.IsLetter(text[a]) || i >= len(text) || text[i] != ' ' {
			continue
		}
		if a > 0 && !unicode.IsSpace(text[a-1]) && !unicode.In(text[a-1], unicode.Ps, unicode.Pi) {
			continue // part of a longer token ("A4", "o.k.")
		}
		j := i
		for j < len(text) && text[j] == ' ' {
			j++
		}
		k := j
		for k < len(text) && !unicode.IsSpace(text[k]) {
			k++
		}
		if k > j {
			out = append(out, [2]int{a, k})
		}
	}
	return out
}

// shortPart is the longest part of a hyphenated compound that is not left
// alone at a line's end or start.
const shortPart = 3

// compounds keeps hyphenated compounds whole when a part is short or the
// part after the hyphen begins with a mark, and pairs written with a slash
// ("and/or", "jego/jej") when a part is short.
func compounds(text []rune) [][2]int {
	var out [][2]int
	for i := 1; i+1 < len(text); i++ {
		if text[i] != '-' && text[i] != '\u2010' && text[i] != '/' || !wordRune(text[i-1]) || !wordRune(text[i+1]) {
			continue
		}
		if text[i] == '/' && (ideograph(text[i-1]) || ideograph(text[i+1])) {
			continue // Chinese breaks between any characters
		}
		a := i
		for a > 0 && wordRune(text[a-1]) {
			a--
		}
		b := i + 1
		for b < len(text) && wordRune(text[b]) {
			b++
		}
		if letters(text[a:i]) <= shortPart || letters(text[i+1:b]) <= shortPart || unicode.IsMark(text[i+1]) {
			out = append(out, [2]int{a, b})
		}
	}
	return out
}

// ideograph reports whether r is written without spaces between words:
// Han, kana and their marks of repetition and length.
func ideograph(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r == 'ー' || r == '々' || r == '〆'
}

// ideographRuns keeps each run of two or more ideographs whole. A
// translator marks the word boundaries inside one with U+200B.
func ideographRuns(text []rune) [][2]int {
	var out [][2]int
	for i := 0; i < len(text); {
		if !ideograph(text[i]) {
			i++
			continue
		}
		a := i
		for i < len(text) && ideograph(text[i]) {
			i++
		}
		if i-a > 1 {
			out = append(out, [2]int{a, i})
		}
	}
	return out
}

// foreignBracketMax is the longest bracketed stretch, in runes, kept whole
// as a name in the other direction.
const foreignBracketMax = 48

// nameBrackets are the brackets around a name, opening to closing.
var nameBrackets = map[rune]rune{'(': ')', '[': ']', '（': '）'}

// foreignBrackets keeps a bracketed name whole when its letters all run
// in the other direction than the paragraph's: an English name in Urdu
// text, an Urdu one in English text.
func foreignBrackets(text []rune, rtl bool) [][2]int {
	var out [][2]int
	for i, r := range text {
		closer, ok := nameBrackets[r]
		if !ok {
			continue
		}
		j := i + 1
		for j < len(text) && j-i <= foreignBracketMax && text[j] != closer && text[j] != r {
			j++
		}
		if j >= len(text) || text[j] != closer || j-i > foreignBracketMax {
			continue
		}
		same, other := false, false
		for _, c := range text[i+1 : j] {
			switch classOf(c) {
			case bidi.L:
				same, other = same || !rtl, other || rtl
			case bidi.R, bidi.AL:
				same, other = same || rtl, other || !rtl
			}
		}
		if other && !same {
			out = append(out, [2]int{i, j + 1})
		}
	}
	return out
}

// spanSet is a set of [start, end) rune ranges, sorted by start, with
// overlapping ranges merged, so that whether a position falls strictly
// inside one is a binary search: a paragraph may hold thousands of them.
type spanSet [][2]int

// newSpanSet returns the ranges as a spanSet; it does not modify them.
func newSpanSet(ranges [][2]int) spanSet {
	rs := append([][2]int(nil), ranges...)
	sort.Slice(rs, func(i, j int) bool { return rs[i][0] < rs[j][0] })
	var out spanSet
	for _, r := range rs {
		// a range that starts strictly inside the last one extends it;
		// one that starts at its end does not (that end is a place to
		// break)
		if n := len(out); n > 0 && r[0] < out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], r[1])
			continue
		}
		out = append(out, r)
	}
	return out
}

// inside reports whether pos falls strictly inside one of the ranges.
func (s spanSet) inside(pos int) bool {
	// the last range starting before pos is the only one that can hold it
	i := sort.Search(len(s), func(i int) bool { return s[i][0] >= pos }) - 1
	return i >= 0 && pos < s[i][1]
}
