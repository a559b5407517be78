// SPDX-License-Identifier: MIT

package braille

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"leaflet/content"
)

// The page sizes a braille edition may have, in cells a line and lines a
// page, and the default: 40 × 25, the common UK and US page.
const (
	DefaultCells, MinCells, MaxCells = 40, 20, 50
	DefaultLines, MinLines, MaxLines = 25, 10, 50
)

// Options are a braille edition's settings; zero values mean the defaults.
type Options struct {
	// Cells is the cells of a line, Lines the lines of a page, the
	// page-number line among them.
	Cells, Lines int
	// Grade is English's: 2, contracted (the default), or 1,
	// uncontracted. The other languages' tables are uncontracted.
	Grade int
}

// WithDefaults returns the options with the defaults for zero values.
func (o Options) WithDefaults() Options {
	if o.Cells == 0 {
		o.Cells = DefaultCells
	}
	if o.Lines == 0 {
		o.Lines = DefaultLines
	}
	if o.Grade == 0 {
		o.Grade = 2
	}
	return o
}

// Check returns an error when an option is out of its range.
func (o Options) Check() error {
	o = o.WithDefaults()
	switch {
	case o.Cells < MinCells || o.Cells > MaxCells:
		return fmt.Errorf("%d cells a line: want %d to %d", o.Cells, MinCells, MaxCells)
	case o.Lines < MinLines || o.Lines > MaxLines:
		return fmt.Errorf("%d lines a page: want %d to %d", o.Lines, MinLines, MaxLines)
	case o.Grade != 1 && o.Grade != 2:
		return fmt.Errorf("grade %d: want 1 (uncontracted) or 2 (contracted)", o.Grade)
	}
	return nil
}

// Edition is a document in braille.
type Edition struct {
	Lang         string
	Cells, Lines int
	// Pages are the pages in Unicode braille, each line at most Cells
	// cells, each page at most Lines lines.
	Pages []Page
}

// Make puts a localised document into braille with tr and sets it on
// pages. It returns the edition and its problems: a language without a
// table, a character its table cannot put into 6-dot braille, a word
// longer than a line are errors (the edition is made all the same, the
// cells it could not make full, for leaflet check); a line of the
// languages offer that cannot be put into braille is left out, with a
// warning. A translator's failure is an error, and there is no edition.
func Make(ctx context.Context, doc *content.Document, tr Translator, opt Options) (*Edition, content.Diagnostics) {
	opt = opt.WithDefaults()
	m := &maker{doc: doc, opt: opt, tr: tr, where: doc.Lang + " braille", subst: map[string][]*item{}}
	if err := opt.Check(); err != nil {
		m.ds.Errorf(content.Pos{}, "%v", err).Where = m.where
		return nil, m.ds
	}
	t, err := TableFor(doc.Lang, opt.Grade)
	if err != nil {
		d := m.ds.Errorf(content.Pos{File: m.bundleFile(doc.Lang)}, "%v", err)
		d.Where, d.Code = m.where, content.CodeBraille
		d.Hint = "build the other languages' braille with --lang, or write those that build with --keep-going"
		return nil, m.ds
	}
	m.table = t
	m.plan()
	if err := m.translate(ctx); err != nil {
		m.ds.Errorf(content.Pos{}, "%v", err).Where = m.where
		return nil, m.ds
	}
	m.dropLong()
	var blocks []block
	var from []*item
	for _, it := range m.items {
		if !it.dropped {
			blocks = append(blocks, block{text: it.braille, style: it.style})
			from = append(from, it)
		}
	}
	pages, long := format(blocks, geometry{opt.Cells, opt.Lines}, m.number)
	seen := map[*item]bool{}
	for _, l := range long {
		it := from[l.block]
		if seen[it] {
			continue
		}
		seen[it] = true
		d := m.ds.Errorf(m.pos(it), "%s: a word of %d cells is longer than a line of %d: %s", m.what(it), utf8.RuneCountInString(l.word), opt.Cells, l.word)
		d.Where, d.Code = m.where, content.CodeOverflow
		d.Hint = "braille divides no word: shorten it, or make the lines longer (--braille-cells)"
		if strings.HasPrefix(it.lang, "zh") {
			d.Hint = "Chinese braille writes words apart: mark the word boundaries with U+200B ZERO WIDTH SPACE, as in the headings"
		}
	}
	return &Edition{Lang: doc.Lang, Cells: opt.Cells, Lines: opt.Lines, Pages: pages}, m.ds
}

// maker is one Make: the document, its items in the order set and the
// problems found.
type maker struct {
	doc   *content.Document
	opt   Options
	tr    Translator
	table Table
	items []*item
	ds    content.Diagnostics
	where string
	// probe is the braille of the digits 1234567890, for page numbers
	probe string
	// subst are the items with each character written as its substitute
	subst map[string][]*item
}

// item is a text of the edition, one line of print: what to translate,
// with which table, and how to set it.
type item struct {
	// text is prepared (see prepare); lang is the language whose table
	// translates it.
	text  string
	lang  string
	table Table
	style style
	// src is the message, for problems; nil for a text the builder makes
	// (the date).
	src *content.Text
	// offer marks a line of the languages offer, left out when it cannot
	// be put into braille.
	offer bool
	// braille is the translation; dropped says the item is left out.
	braille string
	dropped bool
}

// add adds a text as items, one a line of print: a forced line break
// starts a new line at the runover's cell.
func (m *maker) add(t content.Text, st style) {
	lang := t.Lang
	if lang == "" {
		lang = m.doc.Lang
	}
	pieces := strings.Split(runsText(t.Runs), "\n")
	for i, p := range pieces {
		s := st
		if i > 0 {
			s.first, s.before = s.runover, 0
			if st.centre {
				s.first = 0
			}
		}
		if i < len(pieces)-1 {
			s.after = 0
			s.keep = s.keep || st.head
		}
		text := prepare(p)
		if text == "" {
			continue
		}
		tt := t
		m.items = append(m.items, &item{text: text, lang: lang, style: s, src: &tt})
	}
}

// runsText returns the text of runs as braille sets it: strong text plain,
// the words of a no-break run joined by kept blanks, and a link's address
// after its words when they do not give it.
func runsText(runs []content.Run) string {
	var b strings.Builder
	for _, r := range runs {
		s := r.Text
		if r.NoBreak {
			s = strings.ReplaceAll(s, " ", string(keepBlank))
		}
		b.WriteString(s)
		addr := r.Link
		for _, scheme := range []string{"mailto:", "https://", "http://"} {
			addr = strings.TrimPrefix(addr, scheme)
		}
		if addr != r.Link && addr != "" && !strings.Contains(r.Text, strings.TrimSuffix(addr, "/")) {
			b.WriteString(" (" + addr + ")")
		}
	}
	return b.String()
}

// plan lists the edition's items in order: the title page — the title,
// subtitle and audience, the organisation, the words "Braille edition",
// the date and a draft's notice — then the cover's other blocks, the
// sections of text in reading order, how to get in touch (with the web
// address) and the languages offer, as the page editions order them.
func (m *maker) plan() {
	doc := m.doc
	lin := doc.Linear()
	cover, text, back, langs, langHeading := lin.Cover, lin.Text, lin.Back, lin.Languages, lin.LanguagesHeading

	// the title page
	var rest []content.DocBlock
	before := 0
	for _, b := range cover {
		switch b.Kind {
		case content.Title, content.Subtitle, content.Audience:
			for _, t := range b.Texts {
				m.add(t, style{centre: true, before: before})
			}
			before = 1
		default:
			rest = append(rest, b)
		}
	}
	m.add(content.Text{Runs: []content.Run{{Text: doc.Org.Name}}}, style{centre: true, before: 1})
	if t := doc.BrailleEdition; t != nil {
		m.add(*t, style{centre: true, before: 1})
	}
	if !doc.Published.IsZero() {
		date := doc.Leaflet.LocalDigits(doc.Lang, doc.Published.Format("2006-01-02"))
		m.items = append(m.items, &item{text: date, lang: doc.Lang, style: centredStyle})
	}
	for i, t := range doc.Draft {
		st := centredStyle
		if i == 0 {
			st.before = 1
		}
		m.add(t, st)
	}
	m.items[len(m.items)-1].style.pageBreak = true

	for _, b := range rest {
		m.addBlock(b)
	}
	for _, s := range text {
		m.addSection(s)
	}
	for _, s := range back {
		m.addSection(s)
	}
	if len(langs) > 0 {
		h := langHeading
		if h == nil {
			if t, err := doc.LanguagesHeading(); err == nil {
				h = &t
			}
		}
		m.addSection(content.DocSection{Place: content.Flap, Heading: h, Blocks: langs})
	}
	for _, it := range m.items {
		t, err := TableFor(it.lang, m.opt.Grade)
		if err != nil && !it.offer {
			d := m.ds.Errorf(m.pos(it), "%s: %v", m.what(it), err)
			d.Where, d.Code = m.where, content.CodeBraille
		}
		it.table = t
		if err != nil {
			it.dropped = true
			if it.offer {
				d := m.ds.Warnf(content.Pos{File: doc.File}, "the languages offer in braille leaves out the line in %s: %v", it.lang, err)
				d.Code = content.CodeBraille
			}
		}
	}
}

// addSection adds a section: its heading, then its blocks.
func (m *maker) addSection(s content.DocSection) {
	if s.Heading != nil {
		m.add(*s.Heading, headingStyle)
	}
	for _, b := range s.Blocks {
		m.addBlock(b)
	}
}

// addBlock adds a block as its kind is set: a list and quoted material
// with a blank line before and after, the contact details kept together.
func (m *maker) addBlock(b content.DocBlock) {
	start := len(m.items)
	switch b.Kind {
	case content.Title, content.Subtitle, content.Audience:
		for _, t := range b.Texts {
			m.add(t, centredStyle)
		}
	case content.List:
		for _, t := range b.Texts {
			m.add(t, itemStyle)
		}
	case content.Quote:
		for _, t := range b.Texts {
			m.add(t, quoteStyle)
		}
		if b.Source != nil {
			m.add(*b.Source, quoteStyle)
		}
	case content.Contact:
		for _, t := range b.Texts {
			m.add(t, lineStyle)
		}
	case content.Languages:
		for _, o := range b.Offers {
			t := o.Text
			t.Lang = o.Lang
			n := len(m.items)
			m.add(t, itemStyle)
			for _, it := range m.items[n:] {
				it.offer = true
			}
		}
	default:
		for _, t := range b.Texts {
			m.add(t, paragraphStyle)
		}
	}
	items := m.items[start:]
	if len(items) == 0 {
		return
	}
	switch b.Kind {
	case content.List, content.Quote, content.Contact, content.Languages:
		items[0].style.before = 1
		items[len(items)-1].style.after = 1
	}
	if b.Kind == content.Contact {
		items[len(items)-1].style.keep = false
	}
}

// number returns the braille of a page number: the number sign and digits
// of the document's table, as it writes 1234567890 in the document's
// digits.
func (m *maker) number(n int) string {
	sign, digits := "⠼", []rune("⠚⠁⠃⠉⠙⠑⠋⠛⠓⠊")
	switch cells := []rune(m.probe); {
	case !sixDot(m.probe):
	case len(cells) == 11: // a number sign and a cell a digit
		sign = string(cells[0])
		digits = append([]rune{cells[10]}, cells[1:10]...)
	case len(cells) == 10: // a cell a digit (Sorani: the lower cells)
		sign = ""
		digits = append([]rune{cells[9]}, cells[0:9]...)
	}
	var b strings.Builder
	b.WriteString(sign)
	for _, d := range strconv.Itoa(n) {
		b.WriteRune(digits[d-'0'])
	}
	return b.String()
}

// bundleFile returns the display path of a language's bundle.
func (m *maker) bundleFile(lang string) string {
	if b := m.doc.Leaflet.Bundles[lang]; b != nil {
		return b.File
	}
	return m.doc.File
}

// pos returns where an item's message is: in its language's bundle.
func (m *maker) pos(it *item) content.Pos {
	switch {
	case it.src == nil || it.src.ID == "":
		return content.Pos{File: m.doc.File}
	case m.doc.Leaflet.Bundles[it.lang] != nil && m.doc.Leaflet.Bundles[it.lang].Messages[it.src.ID] != nil:
		return m.doc.Leaflet.Bundles[it.lang].Pos(it.src.ID)
	}
	return it.src.Pos
}

// what names an item's message in a problem.
func (m *maker) what(it *item) string {
	switch {
	case it.src == nil:
		return fmt.Sprintf("language %s: the title page's date", it.lang)
	case it.src.ID == "":
		return fmt.Sprintf("language %s: %q", it.lang, it.src.String())
	}
	return fmt.Sprintf("language %s: message %q", it.lang, it.src.ID)
}

// batch is lines to translate, by table, each once.
type batch struct {
	lines map[Table][]string
	index map[Table]map[string]int
	out   map[Table][]string
}

func newBatch() *batch {
	return &batch{lines: map[Table][]string{}, index: map[Table]map[string]int{}, out: map[Table][]string{}}
}

func (b *batch) add(t Table, s string) {
	if s == "" {
		return
	}
	if b.index[t] == nil {
		b.index[t] = map[string]int{}
	}
	if _, ok := b.index[t][s]; !ok {
		b.index[t][s] = len(b.lines[t])
		b.lines[t] = append(b.lines[t], s)
	}
}

// get returns a line's braille; the empty line is empty.
func (b *batch) get(t Table, s string) string {
	if s == "" {
		return ""
	}
	return b.out[t][b.index[t][s]]
}

// run translates the lines, every table's at once.
func (b *batch) run(ctx context.Context, tr Translator) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	for t, lines := range b.lines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := tr.Translate(ctx, t, lines)
			if err == nil && len(out) != len(lines) {
				err = fmt.Errorf("%s: %d lines of braille for %d", t, len(out), len(lines))
			}
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if first == nil {
					first = err
				}
				return
			}
			b.out[t] = out
		}()
	}
	wg.Wait()
	return first
}

// translate puts every item into braille: each table's lines in one
// call, every table at once. A text with characters its table cannot put
// into 6-dot braille is mended in a second call where it can be: a
// character the table lacks written as one it has (“ as "), a word in
// Latin letters put into English braille (uncontracted) when the table
// has none, as a transcriber writes a foreign word.
func (m *maker) translate(ctx context.Context) error {
	one := newBatch()
	tables := map[Table]bool{}
	for _, it := range m.items {
		if it.dropped {
			continue
		}
		tables[it.table] = true
		s := louisText(it.text)
		for _, c := range chunks(s) {
			one.add(it.table, c)
		}
		for _, c := range clusters(s) {
			if c != " " {
				one.add(it.table, c)
			}
		}
		for _, t := range tokens(it.text) {
			one.add(it.table, t.text)
		}
		for _, k := range keepSpans(it.text) {
			one.add(it.table, k)
		}
	}
	for t := range tables {
		for _, s := range substitutes {
			one.add(t, s)
		}
	}
	probe := m.doc.Leaflet.FormatNumber(m.doc.Lang, 1234567890)
	one.add(m.table, probe)
	if err := one.run(ctx, m.tr); err != nil {
		return err
	}
	m.probe = one.get(m.table, probe)

	two := newBatch()
	var mend []*mending
	for _, it := range m.items {
		if it.dropped {
			continue
		}
		var parts []string
		for _, c := range chunks(louisText(it.text)) {
			parts = append(parts, one.get(it.table, c))
		}
		br := strings.Join(parts, string(Blank))
		if sixDot(br) {
			it.braille = softBreaks(keepTogether(br, it.text, it.table, one), it.text, it.table, one)
			continue
		}
		md := m.mending(it, one)
		for _, p := range md.pieces {
			two.add(p.table, louisText(p.text))
			for _, k := range keepSpans(p.text) {
				two.add(p.table, k)
			}
		}
		mend = append(mend, md)
	}
	if len(mend) == 0 {
		return nil
	}
	if err := two.run(ctx, m.tr); err != nil {
		return err
	}
	for _, md := range mend {
		m.mended(md, two)
	}
	m.reportSubstitutes()
	return nil
}

// softBreaks returns an item's braille with a soft break where a space
// of its text is not in the braille (a table that writes no space after
// a comma): where the braille, read against each word of the text put
// into braille alone, has a word's braille followed directly by the
// next's. Braille that does not read so is returned as it is.
func softBreaks(br, text string, t Table, one *batch) string {
	toks := tokens(text)
	cells := []rune(br)
	out := make([]rune, 0, len(cells))
	p, soft := 0, false
	for i, tok := range toks {
		tb := []rune(one.get(t, tok.text))
		if len(tb) > len(cells)-p || string(cells[p:p+len(tb)]) != string(tb) {
			return br
		}
		out = append(out, tb...)
		p += len(tb)
		if i == len(toks)-1 {
			break
		}
		switch {
		case p < len(cells) && (cells[p] == Blank || cells[p] == keepBlank):
			out = append(out, cells[p])
			p++
		case tok.sep == " ":
			out = append(out, softBreak)
			soft = true
		}
	}
	if p != len(cells) || !soft {
		return br
	}
	return string(out)
}

// dropLong leaves out the lines of the languages offer with a word longer
// than a line, with a warning: they are another language's.
func (m *maker) dropLong() {
	for _, it := range m.items {
		if !it.offer || it.dropped {
			continue
		}
		for _, w := range strings.FieldsFunc(it.braille, func(r rune) bool { return r == Blank || r == softBreak }) {
			if n := utf8.RuneCountInString(w); n > m.opt.Cells {
				it.dropped = true
				d := m.ds.Warnf(content.Pos{File: m.doc.File}, "the languages offer in braille leaves out the line in %s: it has a word of %d cells, longer than a line of %d", it.lang, n, m.opt.Cells)
				d.Code = content.CodeOverflow
				break
			}
		}
	}
}

// keepTogether returns an item's braille with the blanks inside the words
// it keeps on one line (a phone number, a date) made kept blanks: where
// each such run of words, translated alone, is found in it.
func keepTogether(br, text string, t Table, b *batch) string {
	for _, k := range keepSpans(text) {
		kb := b.get(t, k)
		if !strings.ContainsRune(kb, Blank) {
			continue
		}
		br = strings.ReplaceAll(br, kb, strings.ReplaceAll(kb, string(Blank), string(keepBlank)))
	}
	return br
}

// mending is how an item is put into braille again: in pieces, each with
// its table.
type mending struct {
	it     *item
	pieces []piece
	// substituted are the characters written as others, lacking those
	// nothing could be done for; each once, in order.
	substituted, lacking []string
	// context: a word fails only with the words around it
	context bool
}

// piece is text of an item put into braille with one table, and what
// follows it: a space, a kept blank, or nothing (a piece inside a word).
type piece struct {
	text  string
	table Table
	sep   string
}

// mending plans an item's second translation from the first's, word by
// word. A word its table puts into 6-dot braille stays as it is; in one it
// does not, the characters the table lacks are written as their
// substitutes when the table has those, and otherwise, when the table has
// a table for Latin letters, put into English braille: those characters
// alone when each is Latin, ASCII, punctuation or a symbol, or the whole
// word when it fails only in context (an address the table writes with
// 8-dot cells).
func (m *maker) mending(it *item, one *batch) *mending {
	md := &mending{it: it}
	seen := map[string]bool{}
	note := func(list *[]string, cs []string) {
		for _, c := range cs {
			if !seen[c] {
				seen[c] = true
				*list = append(*list, c)
			}
		}
	}
	latin := it.table.Latin
	for _, tok := range tokens(it.text) {
		if sixDot(one.get(it.table, tok.text)) {
			md.add(piece{tok.text, it.table, tok.sep})
			continue
		}
		cs := clusters(tok.text)
		bad := map[string]bool{}
		var badList []string
		for _, c := range cs {
			if !sixDot(one.get(it.table, c)) && !bad[c] {
				bad[c] = true
				badList = append(badList, c)
			}
		}
		if subst, ok := substituted(tok.text, badList, it.table, one); ok {
			note(&md.substituted, badList)
			md.add(piece{subst, it.table, tok.sep})
			continue
		}
		switch {
		case latin != nil && len(badList) == 0 && latinishWord(tok.text):
			md.add(piece{tok.text, *latin, tok.sep})
		case latin != nil && len(badList) > 0 && allLatinish(badList):
			for i, c := range cs {
				sep := ""
				if i == len(cs)-1 {
					sep = tok.sep
				}
				t := it.table
				if bad[c] {
					t = *latin
				}
				md.add(piece{c, t, sep})
			}
		default:
			if len(badList) == 0 {
				md.context = true
			}
			note(&md.lacking, badList)
			md.add(piece{tok.text, it.table, tok.sep})
		}
	}
	return md
}

// add adds a piece, to the one before when it has the same table.
func (md *mending) add(p piece) {
	if n := len(md.pieces); n > 0 && md.pieces[n-1].table == p.table {
		last := &md.pieces[n-1]
		last.text += last.sep + p.text
		last.sep = p.sep
		return
	}
	md.pieces = append(md.pieces, p)
}

// substituted returns a word with its characters bad written as their
// substitutes, when each has one the table puts into 6-dot braille.
func substituted(word string, bad []string, t Table, one *batch) (string, bool) {
	if len(bad) == 0 {
		return word, false
	}
	for _, c := range bad {
		r, n := utf8.DecodeRuneInString(c)
		s, ok := substitutes[r]
		if !ok || n != len(c) || !sixDot(one.get(t, s)) {
			return word, false
		}
		word = strings.ReplaceAll(word, c, s)
	}
	return word, true
}

// latinishWord reports whether a word has a Latin letter or an ASCII
// character.
func latinishWord(w string) bool {
	for _, r := range w {
		if r < 0x80 || unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}

func allLatinish(cs []string) bool {
	for _, c := range cs {
		if !latinish(c) {
			return false
		}
	}
	return true
}

// mended sets an item's braille from its second translation, and reports
// what could not be put into braille.
func (m *maker) mended(md *mending, two *batch) {
	it := md.it
	var b strings.Builder
	for _, p := range md.pieces {
		pb := two.get(p.table, louisText(p.text))
		if cs := clusters(p.text); !sixDot(pb) && len(cs) == 1 && !slices.Contains(md.lacking, cs[0]) {
			md.lacking = append(md.lacking, cs[0])
		}
		b.WriteString(keepTogether(pb, p.text, p.table, two))
		b.WriteString(cellSep(p.sep))
	}
	br, bad := fullCells(b.String())
	it.braille = br
	switch {
	case it.offer && (bad || len(md.lacking) > 0):
		it.dropped = true
		what := "some of it"
		if len(md.lacking) > 0 {
			what = describe(md.lacking)
		}
		d := m.ds.Warnf(content.Pos{File: m.doc.File}, "the languages offer in braille leaves out the line in %s: %s cannot put %s into 6-dot braille", it.lang, it.table, what)
		d.Code = content.CodeBraille
	case len(md.lacking) > 0:
		d := m.ds.Errorf(m.pos(it), "%s: %s cannot be put into braille: %s has no braille for it", m.what(it), describe(md.lacking), it.table)
		d.Where, d.Code = m.where, content.CodeBraille
		d.Hint = "write the text without it, or ask liblouis's maintainers to add it to " + it.table.Name
	case bad:
		d := m.ds.Errorf(m.pos(it), "%s: %s gives braille of 8 dots for part of it, which a BRF's 6-dot cells cannot carry", m.what(it), it.table)
		d.Where, d.Code = m.where, content.CodeBraille
	}
	if !it.dropped {
		for _, c := range md.substituted {
			m.subst[c] = append(m.subst[c], it)
		}
	}
}

// reportSubstitutes warns, once for each character, of the characters
// written as their substitutes, naming the messages that have them; a
// line of the languages offer is warned of on its own, in the same words
// in every language's edition.
func (m *maker) reportSubstitutes() {
	var cs []string
	for c := range m.subst {
		cs = append(cs, c)
	}
	slices.Sort(cs)
	for _, c := range cs {
		r, _ := utf8.DecodeRuneInString(c)
		var own []*item
		for _, it := range m.subst[c] {
			if !it.offer {
				own = append(own, it)
				continue
			}
			d := m.ds.Warnf(m.pos(it), "the languages offer in braille: language %s: %s has no braille for %s: written as %q", it.lang, it.table, describe([]string{c}), substitutes[r])
			d.Code = content.CodeBraille
		}
		if len(own) == 0 {
			continue
		}
		var ids []string
		for _, it := range own {
			if it.src != nil && it.src.ID != "" && !slices.Contains(ids, it.src.ID) {
				ids = append(ids, it.src.ID)
			}
		}
		d := m.ds.Warnf(m.pos(own[0]), "language %s: %s has no braille for %s: written as %q in %s", own[0].lang, own[0].table, describe([]string{c}), substitutes[r], count(len(ids), "message")+" ("+strings.Join(ids, ", ")+")")
		d.Where, d.Code = m.where, content.CodeBraille
	}
}

// count returns "1 message" or "3 messages".
func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// describe names characters: U+201C “, U+09AF U+09BC য়.
func describe(cs []string) string {
	var out []string
	for _, c := range cs {
		var codes []string
		for _, r := range c {
			codes = append(codes, fmt.Sprintf("U+%04X", r))
		}
		out = append(out, strings.Join(codes, " ")+" "+strconv.Quote(c))
	}
	return strings.Join(out, ", ")
}
