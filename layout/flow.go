// SPDX-License-Identifier: MIT

package layout

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"leaflet/content"
	"leaflet/fonts"
	"leaflet/layout/text"
	"leaflet/pictures"
)

// Style holds an edition's typographic choices. Sizes are in points;
// spacing is in multiples of the body line height.
type Style struct {
	Body    float64 // body text size
	Leading float64 // line height as a multiple of the size
	// Heading is the section heading size as a multiple of Body.
	Heading      float64
	HeadingSpace float64 // space above a heading
	HeadingAfter float64 // space between a heading and its text
	ParaSpace    float64 // space between paragraphs
	ItemSpace    float64 // space between list items
	Indent       float64 // hanging indent of list items and quotations, pt
	// KeepShort keeps paragraphs of up to this many lines whole.
	KeepShort int
	Text      Color
	Accent    Color // headings, bullets
	Rule      Color // the quotation's bar
}

func (s Style) line() float64 { return s.Body * s.Leading }

// block is one line (or other unbreakable piece) of a flow, with its items
// positioned relative to its top-left corner.
type block struct {
	before float64 // space above; dropped at the top of a frame
	height float64
	keep   bool // keep with the next block in the same frame
	items  []Item
	// bar, when not zero, draws the quotation bar beside the block: the
	// bars of consecutive blocks of one group join.
	bar int
	// bookmark, when set, is the title of a bookmark to the block
	bookmark string
	// fallback marks a line of source-language text standing in for a
	// missing translation: it is set on a grey tint
	fallback bool
	// newPage starts the block on a new page (page editions)
	newPage bool
	// frame is the first frame the block may go in
	frame int
	// heading marks the lines of a section heading; sentence marks a line
	// that ends a sentence (or a paragraph): a break after it reads well
	heading, sentence bool
	// foot marks blocks that sit at the foot of their frame (the back
	// cover's QR code and web address)
	foot bool
	// rise and sink are how far the block's ink reaches above its top and
	// below its foot (display type set tighter than its face is tall): at
	// a page's top the block moves down by rise, and at its foot sink must
	// fit (page editions)
	rise, sink float64
	// where the block comes from, for diagnostics
	section string
	msgID   string
	pos     content.Pos
}

// flow builds the blocks of a sequence of sections set in a column: how it
// sets them (its settings), what it keeps track of on the way (its state)
// and what it makes (its output).
type flow struct {
	flowSettings
	flowState
	flowOutput
}

// flowSettings are how a flow sets text.
type flowSettings struct {
	shaper *text.Shaper
	fonts  *fonts.Set
	style  Style
	width  float64 // the column's
	// doc is the document set, in language lang and direction rtl
	doc   *content.Document
	lang  string
	rtl   bool
	where string // "en trifold" for diagnostics
	cache *layoutCache
	// balance sets every paragraph's lines of even length, as headings
	// are (the cover's lines)
	balance bool
	// linkColor, when set, is the colour of links, which a reader on a
	// screen can follow (the screen edition); in print they are as the
	// text around them
	linkColor Color
	// the languages block: its size (0: the edition's) and how many
	// languages to leave out from its end to make it fit
	langSize float64
	langDrop int
}

// flowState is what a flow keeps track of while it sets.
type flowState struct {
	bars int // quotations set, to tell their bars apart
	// leftOut are the languages the languages block left out, of the
	// offered it would offer with none left out
	leftOut []string
	offered int
	// forced counts the lines broken inside an address or number that is
	// wider than the column
	forced int
}

// flowOutput is what a flow makes: its blocks, and the structure elements
// and problems it adds to the result and diagnostics it shares with the
// other flows of a layout.
type flowOutput struct {
	blocks []block
	res    *Result
	diags  *content.Diagnostics
}

// newFlow returns a flow that sets doc in style st in a column width wide
// with the fonts of set, adding to res and diags; where names the
// language and edition in diagnostics.
func newFlow(doc *content.Document, set *fonts.Set, sh *text.Shaper, st Style, width float64, where string, res *Result, diags *content.Diagnostics) *flow {
	return &flow{
		flowSettings: flowSettings{shaper: sh, fonts: set, style: st, width: width, doc: doc, lang: doc.Lang, rtl: doc.RTL, where: where},
		flowOutput:   flowOutput{res: res, diags: diags},
	}
}

// elem adds a structure element and returns its index.
func (f *flow) elem(role Role, parent int, msgID string) int {
	f.res.Elems = append(f.res.Elems, Elem{Role: role, Parent: parent, MsgID: msgID})
	return len(f.res.Elems) - 1
}

// spec says how and where a text is set: its size, weight and colour, its
// indent x and measure width in the column, and what it is in the
// structure — its role, its element (Result.Elems) and the section it
// belongs to, for diagnostics.
type spec struct {
	size     float64
	bold     bool
	color    Color
	x, width float64
	role     Role
	elem     int
	section  string
}

// setKey is what setting a text depends on: the text and its spec, and the
// flow's settings that change how lines are set.
type setKey struct {
	id, runs string
	spec
	lang      string
	rtl       bool
	leading   float64
	balance   bool
	linkColor Color
}

// runsKey encodes a text's runs: every field of each (content.Run), and
// the text's language.
func runsKey(t content.Text) string {
	var b strings.Builder
	for _, r := range t.Runs {
		b.WriteString(r.Text)
		b.WriteByte(0)
		b.WriteString(r.Link)
		flags := byte('0')
		if r.Strong {
			flags |= 1
		}
		if r.Marker {
			flags |= 2
		}
		if r.NoBreak {
			flags |= 4
		}
		b.WriteByte(flags)
		b.WriteString(r.Lang)
		b.WriteByte(0)
	}
	b.WriteString(t.Lang)
	return b.String()
}

// setText shapes and breaks one message in a column and returns one block
// per line.
func (f *flow) setText(t content.Text, s spec) []block {
	s.size = math.Round(s.size*100) / 100 // PDF writes sizes to 0.01 pt
	// A layout that tries several ways to fit (sizes of a languages
	// block) sets the same texts again with the same element numbers:
	// set each once. Problems are reported by the first setting only;
	// every try rolls the diagnostics back to before it.
	if t.Lang != "" && t.Lang != f.lang && s.elem >= 0 {
		f.res.Elems[s.elem].Lang = t.Lang
	}
	if l := factLang(t); l != "" && l != f.lang && s.elem >= 0 {
		f.res.Elems[s.elem].Lang = l // the text is one of the organisation's facts
	}
	if f.cache == nil {
		return f.setTextUncached(t, s)
	}
	key := setKey{id: t.ID, runs: runsKey(t), spec: s, lang: t.Lang, rtl: f.rtl, leading: f.style.Leading, balance: f.balance, linkColor: f.linkColor}
	if c, ok := f.cache.text[key]; ok {
		*f.diags = append(*f.diags, c.diags...)
		f.forced += c.forced
		return append([]block(nil), c.blocks...)
	}
	nd, nf := len(*f.diags), f.forced
	blocks := f.setTextUncached(t, s)
	f.cache.text[key] = setting{blocks: append([]block(nil), blocks...), diags: append(content.Diagnostics(nil), (*f.diags)[nd:]...), forced: f.forced - nf}
	return blocks
}

// layoutCache keeps what a layout computes more than once.
type layoutCache struct {
	text map[setKey]setting
}

type setting struct {
	blocks []block
	diags  content.Diagnostics
	forced int
}

func newLayoutCache() *layoutCache {
	return &layoutCache{text: map[setKey]setting{}}
}

// setTextUncached sets a text as setText does, without the cache.
func (f *flow) setTextUncached(t content.Text, s spec) []block {
	p, links := f.paragraph(t, s)
	if t.Lang != "" && t.Lang != f.lang && s.elem >= 0 {
		f.res.Elems[s.elem].Lang = t.Lang
	}
	lines, missing := f.shaper.Lines(p, s.width, p.Isolates)
	for _, m := range missing {
		d := f.diags.Errorf(t.Pos, "%s: message %q: %v", f.where, t.ID, m)
		d.Hint = "use a character an embedded font covers, or add a font for it (see fonts/README.md)"
	}
	lh := s.size * f.style.Leading
	if p.Lang != f.lang { // a passage in another script takes that script's line height
		lh *= leadingFor(p.Lang, 1) / leadingFor(f.lang, 1)
	}
	out := make([]block, 0, max(1, len(lines)))
	for _, ln := range lines {
		out = append(out, f.lineBlock(t, s, p, ln, lh, links))
	}
	if len(out) == 0 { // an empty message still takes a line
		out = append(out, block{height: lh, section: s.section, msgID: t.ID, pos: t.Pos})
	}
	return out
}

// paragraph returns a text as a paragraph to set, in its own language and
// direction (a passage in another language sets its own), with its
// no-break runs as isolates, and the links of its spans by span index.
func (f *flow) paragraph(t content.Text, s spec) (text.Paragraph, map[int]string) {
	p := text.Paragraph{Lang: f.lang, Size: s.size, Balance: f.balance || s.role == RoleHeading || s.role == RoleTitle, RTL: f.rtl}
	if t.Lang != "" {
		p.Lang, p.RTL = t.Lang, content.IsRTL(t.Lang)
	}
	var links map[int]string
	n, size := 0, 0 // runes and bytes
	for _, r := range t.Runs {
		n += utf8.RuneCountInString(r.Text)
		size += len(r.Text)
	}
	p.Text = make([]rune, 0, n)
	if len(t.Runs) == 1 {
		p.Source = t.Runs[0].Text
	} else {
		var b strings.Builder
		b.Grow(size)
		for _, r := range t.Runs {
			b.WriteString(r.Text)
		}
		p.Source = b.String()
	}
	p.Spans = make([]text.Span, 0, len(t.Runs))
	for _, r := range t.Runs {
		start := len(p.Text)
		p.Text = append(p.Text, []rune(r.Text)...)
		// a link on a screen is bold as well as coloured: colour alone
		// does not tell it from the text (WCAG 1.4.1)
		linkBold := r.Link != "" && f.linkColor != (Color{})
		p.Spans = append(p.Spans, text.Span{Start: start, End: len(p.Text), Bold: s.bold || r.Strong || r.Marker || linkBold, Link: r.Link})
		if r.NoBreak {
			p.Isolates = append(p.Isolates, [2]int{start, len(p.Text)})
		}
		if r.Link != "" {
			if links == nil {
				links = map[int]string{}
			}
			links[len(p.Spans)-1] = r.Link
		}
	}
	return p, links
}

// lineBlock returns the block of one line of a text set as p, lh high,
// reporting a line broken inside a no-break run and one wider than the
// column. Its runs are in logical order, as the display list keeps them;
// each is drawn at its own place in the line.
func (f *flow) lineBlock(t content.Text, s spec, p text.Paragraph, ln text.Line, lh float64, links map[int]string) block {
	words := func() string { return strings.TrimSpace(string(p.Text[ln.Start:ln.End])) }
	if ln.Forced {
		f.forced++
		d := f.diags.Warnf(t.Pos, "%s: message %q: an address or number wider than the column is broken after %q", f.where, t.ID, words())
		d.Hint = "at this size it cannot fit on one line"
	}
	if ln.Width > s.width+0.01 {
		d := f.diags.Errorf(t.Pos, "%s: %q in message %q is %.1f mm wider than the column and cannot be broken",
			f.where, words(), t.ID, ToMM(ln.Width-s.width))
		d.Code = content.CodeOverflow
		d.Hint = "shorten it, or allow a break (a phone number, email or web address is never broken)"
	}
	b := block{height: lh, section: s.section, msgID: t.ID, pos: t.Pos, fallback: t.Fallback,
		heading: s.role == RoleHeading, sentence: endsSentence(p.Text[ln.Start:ln.End])}
	// the baseline sits so that the face's ascender and descender are
	// centred in the line height
	asc, desc := f.fonts.Text(false).Metrics()
	base := (lh-s.size*(asc-desc))/2 + asc*s.size
	left := s.x // lines start at the indent, or end at it right to left
	if p.RTL {
		left = f.width - s.x - ln.Width
	}
	byStart := func(a, b text.Run) int { return a.Start - b.Start }
	runs := ln.Runs
	if !slices.IsSortedFunc(runs, byStart) {
		runs = slices.SortedFunc(slices.Values(runs), byStart)
	}
	b.items = make([]Item, 0, len(runs))
	for _, r := range runs {
		c := s.color
		if links[r.Span] != "" && f.linkColor != (Color{}) {
			c = f.linkColor
		}
		b.items = append(b.items, &GlyphRun{X: left + r.X, Y: base, Face: r.Face, Size: r.Size, Color: c, Width: r.Width, FakeBold: r.FakeBold, RTL: r.Level%2 == 1, Level: r.Level,
			Text: r.Text, Glyphs: r.Glyphs, Link: links[r.Span], Role: s.role, Elem: s.elem, MsgID: t.ID})
	}
	return b
}

// keepLines applies orphan and widow control: the first two and the last
// two lines of a paragraph stay together.
func keepLines(ls []block) {
	n := len(ls)
	if n >= 2 {
		ls[0].keep = true
	}
	if n >= 3 {
		ls[n-2].keep = true
	}
}

// addSections appends the blocks of the sections to the flow.
func (f *flow) addSections(secs []content.DocSection, doc int) {
	st := f.style
	lh := st.line()
	for _, s := range secs {
		if f.doc != nil && f.emptyOffer(s) {
			continue // an offer of other languages in a leaflet that has none
		}
		name := ""
		if s.Heading != nil {
			name = s.Heading.String()
			h := f.elem(RoleHeading, doc, s.Heading.ID)
			size := st.Body * st.Heading
			// the languages offer's heading has a speech bubble beside it,
			// for readers who cannot read the heading's language
			icon := 0.0
			if hasLanguages(s) {
				icon = size * st.Leading
			}
			ls := f.setText(*s.Heading, spec{size: size, bold: true, color: st.Accent, x: icon + pad(icon), width: f.width - icon - pad(icon), role: RoleHeading, elem: h, section: name})
			if icon > 0 {
				x := 0.0
				if f.rtl {
					x = f.width - icon
				}
				if v, err := pictures.Lookup("talk"); err == nil {
					ls[0].items = append(ls[0].items, fitted(&Picture{Rect: Rect{x, 0, icon, icon}, Vector: v, Color: st.Accent, Role: RoleArtifact, Elem: -1}))
				}
			}
			ls[0].before = st.HeadingSpace * lh
			ls[0].bookmark = name
			for i := range ls {
				ls[i].keep = true
			}
			f.blocks = append(f.blocks, ls...)
		}
		for bi, b := range s.Blocks {
			before := st.ParaSpace * lh
			if bi == 0 && s.Heading != nil {
				before = st.HeadingAfter * lh
			}
			if b.Kind == content.List && bi > 0 && len(f.blocks) > 0 {
				f.blocks[len(f.blocks)-1].keep = true // a list's lead-in stays with its first items
			}
			f.addBlock(b, before, doc, name)
		}
	}
}

// addBlock appends the blocks of one content block, before points below
// the one above, its elements under doc, in the named section.
func (f *flow) addBlock(b content.DocBlock, before float64, doc int, section string) {
	switch b.Kind {
	case content.Paragraph, content.Title, content.Subtitle, content.Audience, content.Action:
		f.addParagraph(b.Texts[0], before, doc, section)
	case content.List:
		f.addList(b.Texts, before, doc, section)
	case content.Quote:
		f.addQuote(b, before, doc, section)
	case content.Languages:
		f.addOffers(b, before, doc, section)
	case content.Contact:
		f.addContactLines(b.Texts, before, doc, section)
	}
}

// addParagraph appends a paragraph: its first two and last two lines stay
// together, and a short one stays whole.
func (f *flow) addParagraph(t content.Text, before float64, doc int, section string) {
	st := f.style
	e := f.elem(RoleParagraph, doc, t.ID)
	ls := f.setText(t, spec{size: st.Body, color: st.Text, width: f.width, role: RoleParagraph, elem: e, section: section})
	ls[0].before = before
	keepLines(ls)
	if len(ls) <= st.KeepShort {
		for j := 0; j < len(ls)-1; j++ {
			ls[j].keep = true
		}
	}
	f.blocks = append(f.blocks, ls...)
}

// addList appends a bulleted list, each item indented beside its bullet,
// with at least two items on each side of a break.
func (f *flow) addList(items []content.Text, before float64, doc int, section string) {
	st := f.style
	list := f.elem(RoleList, doc, "")
	n := len(items)
	for i, t := range items {
		li := f.elem(RoleListItem, list, t.ID)
		lbl := f.elem(RoleListLabel, li, t.ID) // the label comes first in the structure
		body := f.elem(RoleListBody, li, t.ID)
		ls := f.setText(t, spec{size: st.Body, color: st.Text, x: st.Indent, width: f.width - st.Indent, role: RoleListBody, elem: body, section: section})
		ls[0].before = st.ItemSpace * st.line()
		if i == 0 {
			ls[0].before = before
		}
		if len(ls) <= 3 {
			for j := 0; j < len(ls)-1; j++ {
				ls[j].keep = true
			}
		} else {
			keepLines(ls)
		}
		// the first two items stay together, and the last two
		if n >= 2 && (i == 0 || i == n-2) {
			for j := range ls {
				ls[j].keep = true
			}
		}
		bullet := f.setText(content.Text{Runs: []content.Run{{Text: "•"}}, ID: t.ID, Pos: t.Pos},
			spec{size: st.Body, bold: true, color: st.Accent, width: st.Indent, role: RoleListLabel, elem: lbl, section: section})
		ls[0].items = append(bullet[0].items, ls[0].items...)
		f.blocks = append(f.blocks, ls...)
	}
}

// addQuote appends a quotation, indented beside a bar, and its source
// kept with its last line.
func (f *flow) addQuote(b content.DocBlock, before float64, doc int, section string) {
	st := f.style
	lh := st.line()
	f.bars++
	q := f.elem(RoleBlockQuote, doc, "")
	for i, t := range b.Texts {
		e := f.elem(RoleParagraph, q, t.ID)
		ls := f.setText(t, spec{size: st.Body, color: st.Text, x: st.Indent, width: f.width - st.Indent, role: RoleParagraph, elem: e, section: section})
		ls[0].before = st.ParaSpace * lh * 0.75
		if i == 0 {
			ls[0].before = before
		}
		keepLines(ls)
		for j := range ls {
			ls[j].bar = f.bars
		}
		f.blocks = append(f.blocks, ls...)
	}
	if b.Source == nil {
		return
	}
	f.blocks[len(f.blocks)-1].keep = true
	e := f.elem(RoleParagraph, q, b.Source.ID)
	src := *b.Source
	src.Runs = append([]content.Run{{Text: "— "}}, src.Runs...)
	ls := f.setText(src, spec{size: st.Body, bold: true, color: st.Accent, x: st.Indent, width: f.width - st.Indent, role: RoleParagraph, elem: e, section: section})
	ls[0].before = st.ItemSpace * lh * 2
	for j := range ls {
		ls[j].bar = f.bars
		ls[j].keep = j < len(ls)-1
	}
	f.blocks = append(f.blocks, ls...)
}

// addContactLines appends the contact details, a paragraph per line and all
// kept together: the organisation's name and address are in the source
// language inside a translation.
func (f *flow) addContactLines(lines []content.Text, before float64, doc int, section string) {
	st := f.style
	var all []block
	for _, t := range lines {
		e := f.elem(RoleParagraph, doc, t.ID)
		all = append(all, f.setText(t, spec{size: st.Body, color: st.Text, width: f.width, role: RoleParagraph, elem: e, section: section})...)
	}
	all[0].before = before
	for j := 0; j < len(all)-1; j++ {
		all[j].keep = true
	}
	f.blocks = append(f.blocks, all...)
}

// placed is a block put in a frame at a vertical offset. It points at the
// block, which placing never changes: trying one way of filling frames
// after another copies no blocks.
type placed struct {
	*block
	y float64
}

// fill places blocks in frames in order, keeping kept blocks together. It
// returns the blocks of each frame and the blocks that did not fit.
func fill(blocks []block, frames []Rect) ([][]placed, []block) {
	out := make([][]placed, len(frames))
	all := make([]placed, 0, len(blocks)) // the frames' in turn
	i := 0
	for fi, fr := range frames {
		y, start, from := 0.0, i, len(all)
		for i < len(blocks) {
			b := &blocks[i]
			before := b.before
			if y == 0 {
				before = 0
			}
			if (b.newPage && y > 0) || b.frame > fi {
				break
			}
			if y+before+b.height <= fr.H+0.01 {
				all = append(all, placed{b, y + before})
				y += before + b.height
				i++
				continue
			}
			// move a chain of kept blocks to the next frame, unless the
			// chain alone fills this frame
			j := i
			for j > start && blocks[j-1].keep {
				j--
			}
			if j > start && fi < len(frames)-1 {
				all = all[:from+j-start]
				i = j
			}
			break
		}
		if len(all) > from {
			out[fi] = all[from:len(all):len(all)]
		}
	}
	return out, blocks[i:]
}

// draw turns the blocks placed in a frame into page items, mirrored for
// right-to-left text.
func (f *flow) draw(ps []placed, frame Rect) []Item {
	var items []Item
	// a tint behind each stretch of lines that stand in for a missing
	// translation, drawn first so that the text is over it
	for i := 0; i < len(ps); {
		if !ps[i].fallback {
			i++
			continue
		}
		j := i
		for j+1 < len(ps) && ps[j+1].fallback {
			j++
		}
		top, bottom := ps[i].y, ps[j].y+ps[j].height
		items = append(items, &Box{Rect: Rect{frame.X, frame.Y + top, frame.W, bottom - top}, Fill: fallbackTint, Role: RoleArtifact})
		i = j + 1
	}
	type span struct{ top, bottom float64 }
	bars := map[int]*span{}
	var order []int
	for _, p := range ps {
		for _, it := range p.items {
			items = append(items, moved(it, frame.X, frame.Y+p.y))
		}
		if p.bar != 0 {
			s, ok := bars[p.bar]
			if !ok {
				s = &span{top: p.y}
				bars[p.bar] = s
				order = append(order, p.bar)
			}
			s.bottom = p.y + p.height
		}
	}
	for _, id := range order {
		s := bars[id]
		w := 2.5
		x := frame.X
		if f.rtl {
			x = frame.X + frame.W - w
		}
		items = append(items, &Box{Rect: Rect{x, frame.Y + s.top + 2, w, s.bottom - s.top - 4}, Fill: f.style.Rule, Role: RoleArtifact})
	}
	return items
}

// fallbackTint is the background of text standing in for a missing
// translation: light enough that black text on it keeps a contrast above
// 15:1.
var fallbackTint = Color{0xe8, 0xe8, 0xe8}

// overflow reports blocks that did not fit.
func (f *flow) overflow(rest []block, region string) {
	if len(rest) == 0 {
		return
	}
	var h float64
	for _, b := range rest {
		h += b.before + b.height
	}
	b := rest[0]
	where := ""
	if b.section != "" {
		where = fmt.Sprintf(" in section %q", b.section)
	}
	d := f.diags.Errorf(b.pos, "%s, %s: text does not fit: %.0f pt (%.0f mm) overflows from message %q%s",
		f.where, region, h, ToMM(h), b.msgID, where)
	d.Code = content.CodeOverflow
	d.Hint = "shorten the text, or move a section to another panel with place = …"
}

// orgName sets the organisation's name, at the top of a cover or first
// page, in bold in the accent colour. The name is a fact written in the
// leaflet's source language: its element says so in other languages, while
// it is aligned as the document's text is.
func (f *flow) orgName(doc *content.Document, root int) []block {
	org := f.elem(RoleParagraph, root, "")
	if src := doc.SourceLang; src != "" && src != doc.Lang {
		f.res.Elems[org].Lang = src
	}
	t := content.Text{Runs: []content.Run{{Text: doc.Org.Name, Strong: true}}}
	return f.setText(t, spec{size: f.style.Body, bold: true, color: f.style.Accent, width: f.width, role: RoleParagraph, elem: org})
}

// factLang returns the language of a text made only of the organisation's
// facts (its name, its address lines), and "" for any other text.
func factLang(t content.Text) string {
	lang := ""
	for _, r := range t.Runs {
		switch {
		case strings.TrimSpace(r.Text) == "":
		case r.Lang == "" || (lang != "" && r.Lang != lang):
			return ""
		default:
			lang = r.Lang
		}
	}
	return lang
}

// addOffers adds a languages block: one entry per language, the
// language's name in bold and its offer, in its own language and script,
// aligned by its own direction. The entries are set at f.langSize (the
// edition's body size when 0), Arabic-script entries larger so that they
// look as large as the Latin ones; f.langDrop languages are left out from
// the end.
func (f *flow) addOffers(b content.DocBlock, before float64, doc int, section string) {
	if f.doc == nil {
		return
	}
	st := f.style
	offers := b.Offers
	f.offered += len(offers)
	if f.langDrop > 0 {
		d := min(f.langDrop, len(offers))
		for _, o := range offers[len(offers)-d:] {
			f.leftOut = append(f.leftOut, o.Lang)
		}
		offers = offers[:len(offers)-d]
	}
	size := f.langSize
	if size == 0 {
		size = st.Body
	}
	// the entries written in the document's direction first, then the
	// others, each in the block's order: two tidy runs, one ranged
	// left and one ranged right, rather than a zig-zag
	offers = slices.Clone(offers)
	sort.SliceStable(offers, func(i, j int) bool { return offers[i].RTL == f.rtl && offers[j].RTL != f.rtl })
	list := f.elem(RoleList, doc, "")
	for i, o := range offers {
		li := f.elem(RoleListItem, list, o.Text.ID)
		e := f.elem(RoleListBody, li, o.Text.ID)
		ls := f.setText(o.Text, spec{size: size * opticalScale(o.Lang), color: st.Text, width: f.width, role: RoleListBody, elem: e, section: section})
		ls[0].before = size * 0.55
		if i == 0 {
			ls[0].before = before
		}
		for j := 0; j < len(ls)-1; j++ {
			ls[j].keep = true
		}
		f.blocks = append(f.blocks, ls...)
	}
}

// opticalScale returns how much larger than Latin text a language's script
// is set to look the same size: Arabic script's letters are small on the
// body.
func opticalScale(lang string) float64 {
	if t, err := language.Parse(lang); err == nil {
		if s, _ := t.Script(); s.String() == "Arab" {
			return 1.15
		}
	}
	return 1
}

// addContactFoot adds, under a languages block, the phone number and the
// email address once for every language, each beside its picture.
func (f *flow) addContactFoot(secs []content.DocSection, doc int) {
	has := false
	for _, s := range secs {
		has = has || (hasLanguages(s) && !f.emptyOffer(s))
	}
	org := f.doc.Org
	if !has || (org.Phone == "" && org.Email == "") {
		return
	}
	size := f.langSize
	if size == 0 {
		size = f.style.Body
	}
	size = max(size, offerSizeMin)
	icon := size * 1.5
	first := true
	for _, c := range []struct{ pic, text, link string }{
		{"phone", org.Phone, content.TelLink(org.Phone)},
		{"email", org.Email, "mailto:" + org.Email},
	} {
		if c.text == "" {
			continue
		}
		e := f.elem(RoleParagraph, doc, "")
		t := content.Text{Runs: []content.Run{{Text: c.text, Link: c.link, NoBreak: true}}}
		ls := f.setText(t, spec{size: size, color: f.style.Text, x: icon + MM(2), width: f.width - icon - MM(2), role: RoleParagraph, elem: e})
		b := ls[0]
		b.height = max(b.height, icon+MM(1))
		shift(b.items, (b.height-ls[0].height)/2)
		x := 0.0
		if f.rtl {
			x = f.width - icon
		}
		if v, err := pictures.Lookup(c.pic); err == nil {
			b.items = append([]Item{fitted(&Picture{Rect: Rect{x, (b.height - icon) / 2, icon, icon}, Vector: v, Color: f.style.Accent, Role: RoleArtifact, Elem: -1})}, b.items...)
		}
		b.before = size * 0.4
		if first {
			b.before = f.style.ParaSpace*f.style.line() + MM(2)
			// a rule over the foot, in the flow's last block before it
			b.items = append(b.items, &Box{Rect: Rect{0, -MM(2) - 0.5, f.width, 0.75}, Fill: f.style.Rule, Role: RoleArtifact})
		}
		b.keep = first
		first = false
		f.blocks = append(f.blocks, b)
	}
}

// hasLanguages reports whether the section has a languages block.
func hasLanguages(s content.DocSection) bool {
	for _, b := range s.Blocks {
		if b.Kind == content.Languages {
			return true
		}
	}
	return false
}

// pad returns the gap after a picture of width w beside text: none when
// there is no picture.
func pad(w float64) float64 {
	if w == 0 {
		return 0
	}
	return MM(2.5)
}

// endsSentence reports whether a line's text ends a sentence, in any of the
// leaflets' scripts.
func endsSentence(line []rune) bool {
	i := len(line)
	for i > 0 && strings.ContainsRune(" \u00a0\u200b", line[i-1]) {
		i--
	}
	for i > 0 && strings.ContainsRune("\"'”’»)）", line[i-1]) {
		i--
	}
	if i == 0 {
		return true
	}
	switch line[i-1] {
	case '.', '!', '?', ':', ';', '…', '。', '！', '？', '：', '；', '۔', '؟', '।', '॥', '።', '፧':
		return true
	}
	return false
}

// emptyOffer reports whether a section is only languages blocks that offer
// no language: the leaflet has no other bundle.
func (f *flow) emptyOffer(s content.DocSection) bool {
	for _, b := range s.Blocks {
		if b.Kind != content.Languages || len(b.Offers) > 0 {
			return false
		}
	}
	return len(s.Blocks) > 0
}
