// SPDX-License-Identifier: MIT

package braille

import (
	"strings"
	"unicode/utf8"
)

// Page is a braille page: its lines of Unicode braille, the first holding
// the page number at the right, none ending with a blank cell. An empty
// line is a blank line.
type Page []string

// keepBlank stands in a block's text for a blank cell where a line must
// not break: inside a phone number, a date, a postcode.
const keepBlank = '\u00A0'

// style says how a block is set, in cells and lines.
type style struct {
	// first and runover are the blank cells before a block's first line
	// and before its other lines.
	first, runover int
	// centre centres each line, with at least centreMargin blank cells
	// at each side.
	centre bool
	// before and after are blank lines before and after the block; of
	// two blocks' the larger count is set between them, and none at the
	// top of a page.
	before, after int
	// head keeps the block's lines on one page with the first two lines
	// of what follows; keep keeps them with the first line of the next
	// block.
	head, keep bool
	// pageBreak ends the page after the block.
	pageBreak bool
}

// centreMargin is the fewest blank cells at each side of a centred line.
const centreMargin = 3

// The styles of the edition (UKAAF's "Guiding principles for the
// presentation of braille"): cell 1 is the first cell, so a first line in
// cell 3 has two blank cells before it.
var (
	// Headings are centred, with a blank line before and after, and
	// never the last line of a page.
	headingStyle = style{centre: true, before: 1, after: 1, head: true}
	// Title-page lines are centred.
	centredStyle = style{centre: true}
	// Paragraphs are indented: the first line in cell 3, runovers in
	// cell 1, no blank line between them.
	paragraphStyle = style{first: 2}
	// List items start in cell 1, their runovers in cell 3.
	itemStyle = style{runover: 2}
	// Quoted material is indented two cells more than paragraphs: its
	// first lines in cell 5, runovers in cell 3.
	quoteStyle = style{first: 4, runover: 2}
	// Lines of contact details start in cell 1, runovers in cell 3, and
	// are kept together.
	lineStyle = style{runover: 2, keep: true}
)

// block is a text in braille and how it is set.
type block struct {
	// text is cells: Blank where a line may break, keepBlank where it
	// may not.
	text  string
	style style
}

// geometry is a page's size: cells a line, lines a page (the page-number
// line among them).
type geometry struct{ cells, lines int }

// overlong is a word of a block longer than its line: it is set in
// pieces, which a reader takes for words.
type overlong struct {
	block int
	word  string
}

// line is a line of text before pagination.
type line struct {
	text string
	// blanks are the blank lines before it, unless it starts a page;
	// glue keeps it on the page of the line before, unless they do not
	// fit on one page together with the lines glued to them: then the
	// weakest glue gives (see paginate); breakAfter ends the page after
	// it.
	blanks     int
	glue       glue
	breakAfter bool
}

// glue is how strongly a line is kept with the line before.
type glue int

const (
	// loose lines may go to another page than the line before.
	loose glue = iota
	// afterHeading keeps the second line after a heading with it.
	afterHeading
	// together keeps the lines of a block kept together: the contact
	// details.
	together
	// heading keeps a heading's lines together and with the first line
	// after it.
	heading
)

// format sets blocks on pages of g's size, number giving the braille of a
// page number, which is set at the right of each page's first line. It
// returns the pages and the words longer than their line.
func format(blocks []block, g geometry, number func(int) string) ([]Page, []overlong) {
	lines, long := breakLines(blocks, g)
	texts := paginate(lines, g.lines-1)
	pages := make([]Page, len(texts))
	for i, t := range texts {
		num := number(i + 1)
		p := Page{strings.Repeat(string(Blank), max(0, g.cells-utf8.RuneCountInString(num))) + num}
		for _, s := range t {
			s = strings.ReplaceAll(s, string(keepBlank), string(Blank))
			s = strings.ReplaceAll(s, string(softBreak), "")
			p = append(p, strings.TrimRight(s, string(Blank)))
		}
		pages[i] = p
	}
	return pages, long
}

// breakLines breaks each block into lines of at most g.cells cells and
// says which lines stay together.
func breakLines(blocks []block, g geometry) ([]line, []overlong) {
	var (
		out  []line
		long []overlong
		// next are the glues of the lines to come, first first
		next  []glue
		after int
	)
	for bi, b := range blocks {
		st := b.style
		first, rest := g.cells-st.first, g.cells-st.runover
		if st.centre {
			first, rest = g.cells-2*centreMargin, g.cells-2*centreMargin
		}
		ls, words := wrap(b.text, first, rest, g.cells)
		for i, s := range ls {
			n := utf8.RuneCountInString(s)
			indent := st.runover
			switch {
			case st.centre:
				indent = (g.cells - n) / 2
			case i == 0:
				indent = st.first
			}
			// a word alone on its line may take the indent's cells
			ls[i] = strings.Repeat(string(Blank), min(indent, g.cells-n)) + s
		}
		for _, w := range words {
			long = append(long, overlong{bi, w})
		}
		if st.head {
			next = nil // a heading starts anew
		}
		for i, s := range ls {
			l := line{text: s}
			switch {
			case i > 0 && st.head:
				l.glue = heading
			case i > 0 && st.keep:
				l.glue = together
			}
			if len(next) > 0 {
				l.glue = max(l.glue, next[0])
				next = next[1:]
			}
			if i == 0 {
				l.blanks = max(after, st.before)
			}
			out = append(out, l)
		}
		switch {
		case st.head:
			next = []glue{heading, afterHeading}
		case st.keep && len(next) == 0:
			next = []glue{together}
		case st.keep:
			next[0] = max(next[0], together)
		}
		after = st.after
		if st.pageBreak && len(out) > 0 {
			out[len(out)-1].breakAfter = true
			next, after = nil, 0
		}
	}
	return out, long
}

// softBreak stands in a block's text where a line may break without a
// blank cell: where print has a space that the braille table leaves out
// (Russian and Ukrainian braille write none after a comma).
const softBreak = '\u200B'

// wrap breaks a text into lines, the first of at most first cells, the
// others of at most rest, at blank cells and soft breaks. A word is never
// divided: one longer than its line's measure starts a line of its own,
// which it may fill to the page's width, cells; one longer than that is
// cut, and returned among the overlong words.
func wrap(text string, first, rest, cells int) (lines, long []string) {
	width := max(first, 1)
	var cur []rune
	push := func() {
		lines = append(lines, string(cur))
		cur = cur[:0]
		width = max(rest, 1)
	}
	type word struct {
		cells []rune
		blank bool // a blank cell before it
	}
	var words []word
	for i, w := range strings.Split(text, string(Blank)) {
		for j, part := range strings.Split(w, string(softBreak)) {
			if part != "" {
				words = append(words, word{[]rune(part), i > 0 && j == 0})
			}
		}
	}
	for _, w := range words {
		sep := 0
		if w.blank {
			sep = 1
		}
		if len(cur) > 0 && len(cur)+sep+len(w.cells) <= width {
			if w.blank {
				cur = append(cur, Blank)
			}
			cur = append(cur, w.cells...)
			continue
		}
		if len(cur) > 0 {
			push()
		}
		word := w.cells
		if len(word) > cells {
			long = append(long, string(word))
			for len(word) > cells {
				cur = append(cur, word[:cells]...)
				word = word[cells:]
				push()
			}
		}
		cur = append(cur, word...)
		if len(cur) > width {
			push()
		}
	}
	if len(cur) > 0 || len(lines) == 0 {
		push()
	}
	return lines, long
}

// paginate puts lines on pages of height lines: lines glued together go
// to the next page together when they do not fit on this one; when they
// do not fit on a page at all, they part where their glue is weakest (a
// heading's text from the contact details after it, before the heading
// from its first line). A page starts without blank lines.
func paginate(lines []line, height int) [][]string {
	p := &pager{height: max(height, 1)}
	for i := 0; i < len(lines); {
		j := i + 1
		for j < len(lines) && lines[j].glue > loose {
			j++
		}
		p.place(lines[i:j])
		i = j
	}
	p.flush()
	return p.pages
}

// pager is the pages made so far and the page being filled.
type pager struct {
	height int
	pages  [][]string
	cur    []string
}

func (p *pager) flush() {
	if len(p.cur) > 0 {
		p.pages = append(p.pages, p.cur)
		p.cur = nil
	}
}

// need returns the lines a group takes on the page being filled.
func (p *pager) need(group []line) int {
	n := len(group)
	for k, l := range group {
		if k > 0 || len(p.cur) > 0 {
			n += l.blanks
		}
	}
	return n
}

// place sets a group of lines glued together: on this page, or the next,
// or parted where its glue is weakest.
func (p *pager) place(group []line) {
	if len(p.cur) > 0 && len(p.cur)+p.need(group) > p.height {
		empty := &pager{height: p.height}
		if empty.need(group) <= p.height {
			p.flush()
		}
	}
	if len(p.cur)+p.need(group) > p.height && len(group) > 1 {
		weakest := heading
		for _, l := range group[1:] {
			weakest = min(weakest, l.glue)
		}
		start := 0
		for k := 1; k <= len(group); k++ {
			if k == len(group) || group[k].glue == weakest {
				p.place(group[start:k])
				start = k
			}
		}
		return
	}
	for _, l := range group {
		if len(p.cur) > 0 {
			if len(p.cur)+l.blanks >= p.height {
				p.flush()
			} else {
				for range l.blanks {
					p.cur = append(p.cur, "")
				}
			}
		}
		if len(p.cur) == p.height {
			p.flush()
		}
		p.cur = append(p.cur, l.text)
		if l.breakAfter {
			p.flush()
		}
	}
}
