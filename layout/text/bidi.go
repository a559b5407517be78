// SPDX-License-Identifier: MIT

package text

import (
	"slices"
	"unicode"

	"golang.org/x/text/unicode/bidi"
)

// This file resolves bidirectional embedding levels (UAX #9) for one
// paragraph. go-text's bidi package reports runs of one direction only and
// merges neighbours of equal direction but different level (0 and 2), which
// loses the order of a number after right-to-left text inside left-to-right
// text; layout needs the level of every character to reorder each line by
// rule L2. The paragraphs leaflet sets carry no explicit embeddings or
// overrides: their only explicit structure is the left-to-right isolates that
// layout puts around phone numbers and email and web addresses, so that these
// read intact in any surrounding direction.
//
// Implemented: W1-W7, N0 (paired brackets), N1-N2, I1-I2 for the
// paragraph's isolating run sequence, and isolates (X5a-X5c, X6a, X10) by
// resolving each as its own sequence at the next even level and treating it
// as a neutral outside, never a bracket; inside an isolate Arabic-Indic
// digits are taken for European ones, so that a phone number's digit
// groups read left to right in any digits. Explicit embedding and
// override controls (U+202A-U+202E) and isolate controls in the text are
// treated as neutrals. One rule is added to W7 for right-to-left text: a
// number apart from the Latin word before it that leads into right-to-left
// words stays a number, as if a right-to-left mark stood before it
// ("CSE 18 سال": CSE, then 18 years).

// level is an embedding level; odd levels are right to left.
type level = int8

// bidiLevels returns the embedding level of each rune of text in a
// paragraph of the given base level (0 left to right, 1 right to left).
// isolates are [start, end) rune ranges set as left-to-right isolates; they
// must not overlap.
func bidiLevels(text []rune, base level, isolates [][2]int) []level {
	classes := make([]bidi.Class, len(text))
	rtl := false
	for i, r := range text {
		classes[i] = classOf(r)
		switch classes[i] {
		case bidi.R, bidi.AL, bidi.AN:
			rtl = true
		}
	}
	if !rtl && base%2 == 0 {
		return leftToRight(len(text), base, isolates)
	}
	return resolveLevels(text, classes, base, isolates)
}

// leftToRight returns the levels of a left-to-right paragraph of n runes
// with nothing in it to read right to left (no strong right-to-left
// letter, no Arabic number): its base level, and an isolate's level
// inside each isolate, as the rules resolve it.
func leftToRight(n int, base level, isolates [][2]int) []level {
	levels := make([]level, n)
	for i := range levels {
		levels[i] = base
	}
	for _, iso := range isolates {
		for i := max(iso[0], 0); i < iso[1] && i < n; i++ {
			levels[i] = isolateLevel(base)
		}
	}
	return levels
}

// isolateLevel returns the level of a left-to-right isolate in a
// paragraph at level base: the next even level above it.
func isolateLevel(base level) level {
	if base%2 == 0 {
		return base + 2
	}
	return base + 1
}

// resolveLevels is bidiLevels by the rules, the runes' classes read.
func resolveLevels(text []rune, classes []bidi.Class, base level, isolates [][2]int) []level {
	levels := make([]level, len(text))
	// the outer sequence: every rune outside isolates, and one neutral
	// standing for each isolate
	var seq []int
	inIso := make([]bool, len(text))
	isoStart := make([]bool, len(text))
	for _, iso := range isolates {
		for i := iso[0]; i < iso[1] && i < len(text); i++ {
			inIso[i] = true
		}
		if iso[0] >= 0 && iso[0] < len(text) {
			isoStart[iso[0]] = true
		}
	}
	for i := range text {
		if !inIso[i] || isoStart[i] {
			seq = append(seq, i)
		}
	}
	isoLevel := isolateLevel(base)
	outer := make([]bidi.Class, len(seq))
	for k, i := range seq {
		outer[k] = classes[i]
		if inIso[i] {
			outer[k] = bidi.ON // an isolate is a neutral outside
		}
	}
	// The outer sequence reads an isolate's placeholder as U+2066 LRI, not
	// as the isolate's first rune: an isolate is one unit of its isolating
	// run sequence whose initiator and PDI are neutrals (BD13; NI in rules
	// N1 and N2) and never paired brackets (BD14-BD16), so that an isolate
	// opening with a bracket, "(01604) 364036", pairs no bracket outside
	// it under rule N0.
	outerText := text
	if len(isolates) > 0 {
		outerText = slices.Clone(text)
		for _, iso := range isolates {
			if iso[0] >= 0 && iso[0] < len(text) {
				outerText[iso[0]] = '\u2066'
			}
		}
	}
	out := resolveSequence(outerText, seq, outer, base)
	for k, i := range seq {
		levels[i] = out[k]
	}
	for _, iso := range isolates {
		var inner []int
		for i := iso[0]; i < iso[1] && i < len(text); i++ {
			inner = append(inner, i)
		}
		ic := make([]bidi.Class, len(inner))
		for k, i := range inner {
			ic[k] = classes[i]
			if ic[k] == bidi.AN {
				// an isolate is a number or address read left to right
				// as a whole: Arabic-Indic digits (a Sorani phone
				// number) too, whose groups would otherwise run right
				// to left
				ic[k] = bidi.EN
			}
		}
		for k, l := range resolveSequence(text, inner, ic, isoLevel) {
			levels[inner[k]] = l
		}
	}
	return levels
}

// classOf returns the bidi class of r, with explicit formatting
// characters treated as other neutrals.
func classOf(r rune) bidi.Class {
	p, _ := bidi.LookupRune(r)
	switch c := p.Class(); c {
	case bidi.LRE, bidi.RLE, bidi.LRO, bidi.RLO, bidi.PDF, bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI:
		return bidi.ON
	default:
		return c
	}
}

func strongOf(l level) bidi.Class {
	if l%2 == 1 {
		return bidi.R
	}
	return bidi.L
}

// resolveSequence resolves the weak and neutral types and the implicit
// levels of one isolating run sequence: the runes idx of text, with initial
// classes cls, at embedding level e.
func resolveSequence(text []rune, idx []int, cls []bidi.Class, e level) []level {
	n := len(cls)
	t := append([]bidi.Class(nil), cls...)
	sos := strongOf(e)

	// W1: a non-spacing mark takes the type of what precedes it.
	prev := sos
	for i := range t {
		if t[i] == bidi.NSM {
			t[i] = prev
		}
		if t[i] != bidi.BN {
			prev = t[i]
		}
	}
	// W2: European numbers after Arabic letters are Arabic numbers. W3:
	// Arabic letters are R.
	last := sos
	for i := range t {
		switch t[i] {
		case bidi.L, bidi.R, bidi.AL:
			last = t[i]
		case bidi.EN:
			if last == bidi.AL {
				t[i] = bidi.AN
			}
		}
	}
	for i := range t {
		if t[i] == bidi.AL {
			t[i] = bidi.R
		}
	}
	// W4: a single separator between two numbers of one kind joins them.
	for i := 1; i+1 < n; i++ {
		switch {
		case t[i] == bidi.ES && t[i-1] == bidi.EN && t[i+1] == bidi.EN:
			t[i] = bidi.EN
		case t[i] == bidi.CS && t[i-1] == bidi.EN && t[i+1] == bidi.EN:
			t[i] = bidi.EN
		case t[i] == bidi.CS && t[i-1] == bidi.AN && t[i+1] == bidi.AN:
			t[i] = bidi.AN
		}
	}
	// W5: terminators next to European numbers are European numbers.
	for i := 0; i < n; {
		if t[i] != bidi.ET {
			i++
			continue
		}
		j := i
		for j < n && t[j] == bidi.ET {
			j++
		}
		if (i > 0 && t[i-1] == bidi.EN) || (j < n && t[j] == bidi.EN) {
			for k := i; k < j; k++ {
				t[k] = bidi.EN
			}
		}
		i = j
	}
	// W6: other separators and terminators are neutrals.
	for i := range t {
		switch t[i] {
		case bidi.ES, bidi.ET, bidi.CS:
			t[i] = bidi.ON
		}
	}
	// W7: European numbers after L (or at the start of a left-to-right
	// sequence) are L. Not in right-to-left text, though, for a number
	// that stands apart from the Latin word before it and leads into
	// right-to-left words: "CSE 18 سال" (under 18 years) reads CSE, then
	// 18 years, as if a right-to-left mark stood before the number, where
	// W7 alone would set "CSE 18" as one left-to-right run with the number
	// at its far end.
	last = sos
	for i := range t {
		switch t[i] {
		case bidi.L, bidi.R:
			last = t[i]
		case bidi.EN:
			if last == bidi.L && !(e%2 == 1 && numberLeadsRTL(text, idx, t, i)) {
				t[i] = bidi.L
			}
		}
	}

	resolveBrackets(text, idx, cls, t, e, sos)

	// N1, N2: a run of neutrals takes the direction around it when both
	// sides agree (numbers count as R), else the embedding direction.
	strong := func(c bidi.Class) (bidi.Class, bool) {
		switch c {
		case bidi.L:
			return bidi.L, true
		case bidi.R, bidi.EN, bidi.AN:
			return bidi.R, true
		}
		return 0, false
	}
	for i := 0; i < n; {
		if _, ok := strong(t[i]); ok {
			i++
			continue
		}
		j := i
		for j < n {
			if _, ok := strong(t[j]); ok {
				break
			}
			j++
		}
		before, after := sos, sos
		if i > 0 {
			before, _ = strong(t[i-1])
		}
		if j < n {
			after, _ = strong(t[j])
		}
		dir := strongOf(e)
		if before == after {
			dir = before
		}
		for k := i; k < j; k++ {
			t[k] = dir
		}
		i = j
	}

	// I1, I2: implicit levels.
	out := make([]level, n)
	for i, c := range t {
		l := e
		switch {
		case e%2 == 0 && c == bidi.R:
			l++
		case e%2 == 0 && (c == bidi.AN || c == bidi.EN):
			l += 2
		case e%2 == 1 && (c == bidi.L || c == bidi.EN || c == bidi.AN):
			l++
		}
		out[i] = l
	}
	return out
}

// numberLeadsRTL reports whether the European number that includes
// position i of a sequence (types t, after W6) follows white space and is
// followed, past white space and other numbers only, by right-to-left
// text.
func numberLeadsRTL(text []rune, idx []int, t []bidi.Class, i int) bool {
	a := i
	for a > 0 && t[a-1] == bidi.EN {
		a--
	}
	if a == 0 || !unicode.IsSpace(text[idx[a-1]]) {
		return false
	}
	for k := i + 1; k < len(t); k++ {
		switch {
		case t[k] == bidi.R:
			return true
		case t[k] == bidi.EN || t[k] == bidi.AN || unicode.IsSpace(text[idx[k]]):
		default:
			return false
		}
	}
	return false
}

// brackets pairs the opening and closing paired brackets that leaflets
// meet (Unicode BidiBrackets.txt, the common part).
var brackets = map[rune]rune{
	'(': ')', '[': ']', '{': '}', '⁅': '⁆', '⁽': '⁾', '₍': '₎', '〈': '〉', '⟨': '⟩',
	'《': '》', '「': '」', '『': '』', '【': '】', '〔': '〕', '〖': '〗', '（': '）', '［': '］', '｛': '｝',
}

// canonicalBracket returns the bracket of brackets that r is canonically
// equivalent to, U+3008 or U+3009 for U+2329 or U+232A, the only paired
// brackets with a canonical decomposition, and any other rune as it is:
// rule BD16 pairs brackets by canonical equivalence, so that U+2329 and
// U+3008 open what U+232A or U+3009 closes.
func canonicalBracket(r rune) rune {
	switch r {
	case '\u2329':
		return '\u3008'
	case '\u232A':
		return '\u3009'
	}
	return r
}

// resolveBrackets applies rule N0 to the types t of a sequence (initial
// classes cls): a pair of brackets takes the embedding direction when the
// strong text inside has it, else the direction of the strong text inside
// when the text before the pair has that direction too.
func resolveBrackets(text []rune, idx []int, cls, t []bidi.Class, e level, sos bidi.Class) {
	type pair struct{ open, close int }
	var (
		pairs []pair
		stack []int
	)
	closers := map[rune]rune{}
	for o, c := range brackets {
		closers[c] = o
	}
	for k, i := range idx {
		if t[k] != bidi.ON {
			continue
		}
		r := canonicalBracket(text[i])
		if _, ok := brackets[r]; ok {
			if len(stack) == 63 {
				break
			}
			stack = append(stack, k)
			continue
		}
		if o, ok := closers[r]; ok {
			for s := len(stack) - 1; s >= 0; s-- {
				if canonicalBracket(text[idx[stack[s]]]) == o {
					pairs = append(pairs, pair{stack[s], k})
					stack = stack[:s]
					break
				}
			}
		}
	}
	// pairs in order of their opening bracket
	for i := 1; i < len(pairs); i++ {
		for j := i; j > 0 && pairs[j].open < pairs[j-1].open; j-- {
			pairs[j], pairs[j-1] = pairs[j-1], pairs[j]
		}
	}
	dirOf := func(c bidi.Class) bidi.Class {
		switch c {
		case bidi.L:
			return bidi.L
		case bidi.R, bidi.EN, bidi.AN:
			return bidi.R
		}
		return bidi.ON
	}
	emb := strongOf(e)
	for _, p := range pairs {
		found := bidi.ON
		for k := p.open + 1; k < p.close; k++ {
			d := dirOf(t[k])
			if d == emb {
				found = emb
				break
			}
			if d != bidi.ON {
				found = d
			}
		}
		if found == bidi.ON {
			continue
		}
		if found != emb {
			before := sos
			for k := p.open - 1; k >= 0; k-- {
				if d := dirOf(t[k]); d != bidi.ON {
					before = d
					break
				}
			}
			if before != found {
				found = emb
			}
		}
		t[p.open], t[p.close] = found, found
		marksFollow(cls, t, p.open, found)
		marksFollow(cls, t, p.close, found)
	}
}

// marksFollow gives the nonspacing marks after the bracket at b, which W1
// gave the bracket's type before N0 changed it, the bracket's new type c:
// UAX #9 N0, "any number of characters that had original bidirectional
// character type NSM prior to the application of W1 that immediately
// follow a paired bracket which changed to L or R under N0 should change
// to match the type of their paired bracket". Characters X9 removes (BN)
// between them are passed over, as W1 passes over them.
func marksFollow(cls, t []bidi.Class, b int, c bidi.Class) {
	for k := b + 1; k < len(t) && (cls[k] == bidi.NSM || cls[k] == bidi.BN); k++ {
		if cls[k] == bidi.NSM {
			t[k] = c
		}
	}
}

// visualOrder returns the order in which to draw pieces of a line whose
// levels are given in logical order (rule L2): from the highest level down
// to the lowest odd level, every run of pieces at that level or higher is
// reversed.
func visualOrder(levels []level) []int {
	order := make([]int, len(levels))
	for i := range order {
		order[i] = i
	}
	if len(levels) == 0 {
		return order
	}
	hi, loOdd := level(0), level(127)
	for _, l := range levels {
		hi = max(hi, l)
		if l%2 == 1 {
			loOdd = min(loOdd, l)
		}
	}
	for lv := hi; lv >= loOdd && lv > 0; lv-- {
		for i := 0; i < len(order); {
			if levels[order[i]] < lv {
				i++
				continue
			}
			j := i
			for j < len(order) && levels[order[j]] >= lv {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				order[a], order[b] = order[b], order[a]
			}
			i = j
		}
	}
	return order
}
