// SPDX-License-Identifier: MIT

package braille

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// prepare returns a text as it is put into braille: no-break spaces are
// keepBlank; a zero-width space, which marks a word boundary in Chinese,
// is a space; joiners, soft hyphens, byte order and direction marks, which
// braille has no use for, are left out; other spaces and control
// characters are single spaces; and a letter written with a nukta
// (U+09AF U+09BC) is the letter Unicode has for the two (U+09DF), which
// the Indic tables define.
func prepare(s string) string {
	var b strings.Builder
	space := false // a space is pending
	for _, r := range composeNukta(s) {
		switch {
		case r == keepBlank || r == '\u202F' || r == '\u2007':
			if b.Len() > 0 {
				b.WriteRune(keepBlank)
			}
			space = false
			continue
		case dropped(r):
			continue
		case r == '\u200B' || unicode.IsSpace(r) || unicode.IsControl(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), string(keepBlank))
}

// dropped reports whether a character is left out of braille: a joiner,
// a soft hyphen, a byte order or direction mark.
func dropped(r rune) bool {
	switch r {
	case '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u200E', '\u200F', '\u061C':
		return true
	}
	return r >= '\u202A' && r <= '\u202E' || r >= '\u2066' && r <= '\u2069'
}

// nukta maps the canonical decompositions of the Indic letters that NFC
// leaves decomposed (they are composition exclusions) to the letters.
var nukta = func() map[string]rune {
	m := map[string]rune{}
	for _, r := range []rune{
		0x0929, 0x0931, 0x0934, 0x0958, 0x0959, 0x095A, 0x095B, 0x095C, 0x095D, 0x095E, 0x095F, // Devanagari
		0x09DC, 0x09DD, 0x09DF, // Bengali
		0x0A33, 0x0A36, 0x0A59, 0x0A5A, 0x0A5B, 0x0A5E, // Gurmukhi
		0x0B5C, 0x0B5D, // Oriya
	} {
		m[norm.NFD.String(string(r))] = r
	}
	return m
}()

// composeNukta writes each letter with a nukta as one character.
func composeNukta(s string) string {
	if !strings.ContainsAny(s, "\u093C\u09BC\u0A3C\u0B3C") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if i+n < len(s) {
			m, k := utf8.DecodeRuneInString(s[i+n:])
			if c, ok := nukta[string([]rune{r, m})]; ok {
				b.WriteRune(c)
				i += n + k
				continue
			}
		}
		b.WriteRune(r)
		i += n
	}
	return b.String()
}

// louisText is a prepared text as liblouis reads it: kept blanks are
// spaces.
func louisText(s string) string {
	return strings.ReplaceAll(s, string(keepBlank), " ")
}

// token is a word of a prepared text and what follows it: a space, a
// kept blank, or nothing at the end.
type token struct {
	text, sep string
}

// tokens returns the words of a prepared text.
func tokens(s string) []token {
	var out []token
	start := 0
	for i, r := range s {
		if r == ' ' || r == keepBlank {
			out = append(out, token{s[start:i], string(r)})
			start = i + utf8.RuneLen(r)
		}
	}
	return append(out, token{s[start:], ""})
}

// cellSep returns the braille of what follows a word: a blank, a kept
// blank, or nothing.
func cellSep(sep string) string {
	if sep == " " {
		return string(Blank)
	}
	return sep
}

// clusters returns the characters of a text with the marks that follow
// each (a vowel sign, a nukta, a combining accent), as liblouis
// translates them together.
func clusters(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		_, n := utf8.DecodeRuneInString(s[i:])
		j := i + n
		for j < len(s) {
			r, k := utf8.DecodeRuneInString(s[j:])
			if !unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me) {
				break
			}
			j += k
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

// keepSpans returns the runs of words a prepared text joins with kept
// blanks, as liblouis reads them.
func keepSpans(s string) []string {
	var out []string
	ts := tokens(s)
	for i := 0; i < len(ts); {
		j := i
		for j < len(ts)-1 && ts[j].sep == string(keepBlank) {
			j++
		}
		if j > i {
			words := make([]string, 0, j-i+1)
			for _, t := range ts[i : j+1] {
				words = append(words, t.text)
			}
			out = append(out, strings.Join(words, " "))
		}
		i = j + 1
	}
	return out
}

// substitutes are the characters a table may lack that braille writes as
// others: typographic quotation marks and dashes as the plain ones, an
// ellipsis as three full stops, a danda as a full stop (one cell in Bharati
// braille, dots 2-5-6).
var substitutes = map[rune]string{
	'\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'",
	'\u201C': `"`, '\u201D': `"`, '\u201E': `"`, '\u201F': `"`, '\u00AB': `"`, '\u00BB': `"`, '\u2033': `"`,
	'\u2010': "-", '\u2011': "-", '\u2013': "-", '\u2014': "-", '\u2212': "-",
	'\u2026': "...", '\u0964': ".",
}

// latinish reports whether a character may be put into braille with
// English braille's table when a word's own table has none for it: a
// Latin letter, an ASCII character, punctuation or a symbol.
func latinish(c string) bool {
	r, _ := utf8.DecodeRuneInString(c)
	return r < 0x80 || unicode.Is(unicode.Latin, r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
}

// sixDot reports whether braille is 6-dot cells and kept blanks alone.
func sixDot(s string) bool {
	for _, r := range s {
		if (r < 0x2800 || r > 0x283F) && r != keepBlank {
			return false
		}
	}
	return true
}

// fullCells returns braille with every rune that is not a 6-dot cell or
// a kept blank made the full cell (U+283F), and whether there were any.
func fullCells(s string) (string, bool) {
	if sixDot(s) {
		return s, false
	}
	var b strings.Builder
	for _, r := range s {
		if (r < 0x2800 || r > 0x283F) && r != keepBlank {
			r = '\u283F'
		}
		b.WriteRune(r)
	}
	return b.String(), true
}

// maxLine is the longest line, in bytes, given to liblouis: lou_translate
// breaks a line of about 2000 bytes, losing characters where it does.
const maxLine = 600

// chunks splits a text liblouis reads at spaces into lines of at most
// maxLine bytes; a longer word is a line of its own.
func chunks(s string) []string {
	var out []string
	for len(s) > maxLine {
		i := strings.LastIndexByte(s[:maxLine+1], ' ')
		if i <= 0 {
			i = strings.IndexByte(s, ' ')
			if i < 0 {
				break
			}
		}
		out = append(out, s[:i])
		s = s[i+1:]
	}
	return append(out, s)
}
