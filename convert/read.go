// SPDX-License-Identifier: MIT

package convert

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// kind is the kind of a block read from the document.
type kind int

const (
	para kind = iota
	list
	quote
)

// block is a paragraph, a list or a quote, its texts in the bundles'
// inline markup (**strong**, [words](target)); a line break inside a
// paragraph is "\n".
type block struct {
	kind   kind
	items  []string
	source string // a quote's source, or ""
	// alone marks a paragraph of one source line with a blank line (or the
	// end) after it: in plain text, a heading if it is short.
	alone bool
}

// section is a heading (or none, for text before the first) and the blocks
// under it.
type section struct {
	heading string
	level   int
	blocks  []block
}

// read parses src as CommonMark and returns its sections in order. A
// document without a single Markdown heading is plain text: its short
// lines standing alone become headings, and paragraphs opening and closing
// with quotation marks become quotes.
func read(src []byte) []section {
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	r := reader{src: src}
	headings := false
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if _, ok := n.(*ast.Heading); ok {
			headings = true
		}
	}
	r.plain = !headings
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		r.block(n)
	}
	r.flush()
	secs := r.secs
	if r.plain {
		secs = plainHeadings(secs)
		for i := range secs {
			secs[i].blocks = plainQuotes(secs[i].blocks)
		}
	}
	// drop sections left empty by a heading that was the document's only
	// text (kept when they have a heading: the title is one)
	out := secs[:0]
	for _, s := range secs {
		if s.heading != "" || len(s.blocks) > 0 {
			out = append(out, s)
		}
	}
	return out
}

type reader struct {
	src   []byte
	plain bool
	secs  []section
	cur   section
}

func (r *reader) flush() {
	if r.cur.heading != "" || len(r.cur.blocks) > 0 {
		r.secs = append(r.secs, r.cur)
	}
	r.cur = section{}
}

func (r *reader) add(b block) {
	var items []string
	for _, it := range b.items {
		if it = tidy(it); it != "" {
			items = append(items, it)
		}
	}
	if len(items) == 0 {
		return
	}
	b.items = items
	b.source = tidy(b.source)
	r.cur.blocks = append(r.cur.blocks, b)
}

// block reads one block-level node of the document.
func (r *reader) block(n ast.Node) {
	switch n := n.(type) {
	case *ast.Heading:
		r.flush()
		r.cur.heading = oneLine(r.inline(n))
		r.cur.level = n.Level
	case *ast.Paragraph, *ast.TextBlock:
		r.add(block{kind: para, items: []string{r.inline(n)}, alone: r.alone(n)})
	case *ast.List:
		r.add(block{kind: list, items: r.items(n)})
	case *ast.Blockquote:
		var items []string
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.List:
				items = append(items, r.items(c)...)
			default:
				items = append(items, oneLine(r.inline(c)))
			}
		}
		b := block{kind: quote, items: items}
		if k := len(items) - 1; k > 0 {
			if s, ok := cutDash(items[k]); ok {
				b.items, b.source = items[:k], s
			}
		}
		r.add(b)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		// indented text in a plain document: a paragraph
		var lines []string
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			lines = append(lines, strings.TrimSpace(string(seg.Value(r.src))))
		}
		r.add(block{kind: para, items: []string{escape(strings.Join(lines, " "))}})
	case *ast.ThematicBreak, *ast.HTMLBlock:
		// nothing to read
	default:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			r.block(c)
		}
	}
}

// items returns a list's items, nested lists flattened after their item.
func (r *reader) items(l *ast.List) []string {
	var out []string
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		var words []string
		var nested []string
		for c := it.FirstChild(); c != nil; c = c.NextSibling() {
			if sub, ok := c.(*ast.List); ok {
				nested = append(nested, r.items(sub)...)
				continue
			}
			words = append(words, oneLine(r.inline(c)))
		}
		out = append(out, strings.Join(words, " "))
		out = append(out, nested...)
	}
	return out
}

// alone reports whether a paragraph is one source line with a blank line
// or the document's end after it.
func (r *reader) alone(n ast.Node) bool {
	lines := n.Lines()
	if lines.Len() != 1 {
		return false
	}
	rest := r.src[lines.At(0).Stop:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[i+1:]
	} else {
		return true
	}
	next := rest
	if i := bytes.IndexByte(next, '\n'); i >= 0 {
		next = next[:i]
	}
	return len(bytes.TrimSpace(next)) == 0
}

// inline renders a node's inline children in the bundles' markup.
func (r *reader) inline(n ast.Node) string {
	var b strings.Builder
	r.inlines(&b, n)
	return b.String()
}

func (r *reader) inlines(b *strings.Builder, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.WriteString(escape(unescape(c.Segment.Value(r.src))))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte('\n')
			}
		case *ast.String:
			b.WriteString(escape(string(c.Value)))
		case *ast.CodeSpan:
			var t strings.Builder
			for cc := c.FirstChild(); cc != nil; cc = cc.NextSibling() {
				if tx, ok := cc.(*ast.Text); ok {
					t.Write(tx.Segment.Value(r.src))
				}
			}
			b.WriteString(escape(t.String()))
		case *ast.Emphasis:
			inner := r.inline(c)
			if c.Level >= 2 && strings.TrimSpace(inner) != "" && !strings.Contains(inner, "**") {
				b.WriteString("**" + inner + "**")
			} else {
				b.WriteString(inner) // italic: the leaflet has none
			}
		case *ast.Link:
			words := r.inline(c)
			b.WriteString(link(words, string(c.Destination)))
		case *ast.AutoLink:
			b.WriteString(escape(string(c.Label(r.src))))
		case *ast.Image:
			// a picture in the text: its alt text is not read out
		case *ast.RawHTML:
			// markup of another kind: left out
		default:
			r.inlines(b, c)
		}
	}
}

// link writes a link in the bundles' markup; a link whose words are its own
// address is the address alone, which becomes a link by itself.
func link(words, dest string) string {
	plain := strings.TrimSpace(words)
	bare := strings.TrimPrefix(strings.TrimPrefix(dest, "mailto:"), "tel:")
	if dest == "" || plain == "" || plain == escape(dest) || plain == escape(bare) ||
		strings.TrimPrefix(strings.TrimPrefix(dest, "https://"), "http://") == plain {
		if plain == "" {
			return escape(bare)
		}
		return words
	}
	if strings.ContainsAny(dest, "(){}") || strings.Contains(words, "](") || strings.Contains(words, "[") {
		return words // a target the markup cannot hold
	}
	return "[" + oneLine(words) + "](" + dest + ")"
}

// unescape resolves Markdown's backslash escapes and character references.
func unescape(v []byte) string {
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	v = util.ResolveEntityNames(v)
	return string(v)
}

// escape makes literal text safe in the bundles' markup: a backslash, an
// asterisk and an opening bracket are escaped with a backslash, and two
// opening braces, which would start a template action, are written as
// one that prints them.
func escape(s string) string {
	s = strings.ReplaceAll(s, "{{", `{{"{{"}}`)
	if !strings.ContainsAny(s, `\*[`) {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		if c == '\\' || c == '*' || c == '[' {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}

var spaces = regexp.MustCompile(`[ \t\x{00A0}]*\n[ \t\x{00A0}]*|[ \t]+`)

// tidy trims a text, makes each run of spaces one, and closes the space an
// author left before a closing quotation mark at the end ("… it. "").
func tidy(s string) string {
	s = strings.TrimSpace(spaces.ReplaceAllStringFunc(s, func(m string) string {
		if strings.Contains(m, "\n") {
			return "\n"
		}
		return " "
	}))
	for _, q := range []string{`"`, "”", "'", "’"} {
		for _, p := range []string{".", "!", "?", ","} {
			if strings.HasSuffix(s, p+" "+q) {
				s = strings.TrimSuffix(s, " "+q) + q
			}
		}
	}
	return s
}

// oneLine joins a text's lines with spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}

// cutDash reports whether a quote's last paragraph names its source
// ("— NWG"), and returns the source.
func cutDash(s string) (string, bool) {
	for _, d := range []string{"—", "–", "--", "-", "―"} {
		if rest, ok := strings.CutPrefix(s, d); ok && strings.HasPrefix(rest, " ") {
			return strings.TrimSpace(rest), true
		}
	}
	return "", false
}

// plainHeadings turns, in a plain-text document, each short line standing
// alone into a heading: at most 10 words and 70 characters, not ending
// with a full stop, comma, semicolon or colon, and not a contact detail
// ("Tel: 01604 364036").
func plainHeadings(secs []section) []section {
	var out []section
	cur := section{}
	for _, s := range secs { // a plain document has one, without heading
		for _, b := range s.blocks {
			if b.kind == para && b.alone && headingLike(b.items[0]) {
				if cur.heading != "" || len(cur.blocks) > 0 {
					out = append(out, cur)
				}
				cur = section{heading: b.items[0], level: 2}
				continue
			}
			cur.blocks = append(cur.blocks, b)
		}
	}
	if cur.heading != "" || len(cur.blocks) > 0 {
		out = append(out, cur)
	}
	return out
}

func headingLike(s string) bool {
	plain := stripMarkup(s)
	if plain == "" || strings.Contains(s, "\n") || utf8.RuneCountInString(plain) > 70 || len(strings.Fields(plain)) > 10 {
		return false
	}
	end := strings.TrimRight(plain, `"”’')`)
	if end == "" || strings.ContainsAny(end[len(end)-1:], ".,;:") || strings.HasSuffix(end, "…") {
		return false
	}
	if !strings.ContainsFunc(plain, isLetter) || contactLine(plain) != lineText {
		return false
	}
	return !strings.HasPrefix(plain, `"`) && !strings.HasPrefix(plain, "“")
}

// plainQuotes turns, in a plain-text document, a run of paragraphs from
// one opening with a quotation mark to one ending with its closing mark
// into a quote; a paragraph after it opening with a dash is its source.
func plainQuotes(bs []block) []block {
	var out []block
	for i := 0; i < len(bs); i++ {
		b := bs[i]
		if b.kind != para || !opensQuote(b.items[0]) {
			out = append(out, b)
			continue
		}
		end := -1
		for j := i; j < len(bs) && bs[j].kind == para; j++ {
			if closesQuote(bs[j].items[0]) && (j > i || balancedQuote(b.items[0])) {
				end = j
				break
			}
		}
		if end < 0 {
			out = append(out, b)
			continue
		}
		q := block{kind: quote}
		for j := i; j <= end; j++ {
			q.items = append(q.items, oneLine(bs[j].items[0]))
		}
		i = end
		if i+1 < len(bs) && bs[i+1].kind == para {
			if s, ok := cutDash(bs[i+1].items[0]); ok {
				q.source = s
				i++
			}
		}
		out = append(out, q)
	}
	return out
}

func opensQuote(s string) bool {
	return strings.HasPrefix(s, `"`) || strings.HasPrefix(s, "“")
}

func closesQuote(s string) bool {
	return strings.HasSuffix(s, `"`) || strings.HasSuffix(s, "”")
}

// balancedQuote reports whether one paragraph both opens and closes its
// quotation (and is not two quoted phrases with words between).
func balancedQuote(s string) bool {
	rs := []rune(s)
	return len(rs) > 2 && !strings.ContainsAny(string(rs[1:len(rs)-1]), `"“”`)
}

func isLetter(r rune) bool { return unicode.IsLetter(r) }
