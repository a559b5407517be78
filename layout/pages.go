// SPDX-License-Identifier: MIT

package layout

import (
	"fmt"
	"math"
	"strings"
	"unicode"

	"leaflet/content"
)

// A4Portrait is the page of the large-print and easy-read editions.
var A4Portrait = Size{MM(210), MM(297)}

// paginate places blocks on as many pages of the given frame as they
// need, and returns the blocks of each page. A block taller than a page
// gets a page of its own and is reported by the caller.
func paginate(blocks []block, frame Rect) [][]placed {
	var pages [][]placed
	for len(blocks) > 0 {
		ps, _ := fill(blocks, []Rect{frame, frame})
		if len(ps[0]) == 0 { // a block taller than the page
			pages = append(pages, []placed{{&blocks[0], 0}})
			blocks = blocks[1:]
			continue
		}
		pages = append(pages, ps[0])
		blocks = blocks[len(ps[0]):]
	}
	return pages
}

// The costs of page breaks, for breakPages. A break where the flow allows
// one costs nothing; the others are ranked. Worst is the contact block
// divided, then the contact block parted from its heading and
// introduction — rather than either, page 1 may hold only the title (the
// contact section starts a page) — then a page other than the last under
// a third full, then a word divided across two pages (a line ending in a
// hyphen inside a word), then the contact block parted from the text after
// it, then a heading left at the foot of a page, then
// any other group kept together (a short paragraph, a paragraph's first
// or last two lines, a list item). A last page under a quarter full draws
// lines from the page before it, where that page can give them at no
// other cost; beyond that, pages are filled in turn.
const (
	costContact = 5000
	costIntro   = 4500
	costSparse  = 4000
	costHyphen  = 3000
	costAfter   = 2500 // the contact block parted from what follows it
	costHeading = 2000
	costKeep    = 1000
	costShort   = 400 // times how far a last page is under a quarter full
	costEmpty   = 10  // times a page's empty fraction, more on early pages
)

// breakPages places blocks on pages of the given frame, choosing the page
// breaks of least total cost (see the costs above) over the whole flow,
// rather than filling each page in turn; keeps raises the cost of a
// break after some blocks (the contact details, see addContact): so a group kept together that
// would leave a page near-empty is divided instead, and the last page is
// never a line or two. A block marked newPage starts a page; the page
// before it is the last of its part. A block taller than the page gets a
// page of its own and is reported by the caller.
func breakPages(blocks []block, frame Rect, keeps map[int]float64) [][]placed {
	n := len(blocks)
	if n == 0 {
		return nil
	}
	// at[i] is the flow's height to the bottom of block i-1, with every
	// block's space above counted; a page from block i drops block i's
	const eps = 0.01
	at := make([]float64, n+1)
	for i, b := range blocks {
		at[i+1] = at[i] + b.before + b.height
	}
	height := func(i, j int) float64 { return at[j] - at[i] - blocks[i].before + blocks[i].rise + blocks[j-1].sink }
	best := make([]float64, n+1)
	from := make([]int, n+1)
	for j := 1; j <= n; j++ {
		best[j] = math.Inf(1)
		last := j == n || blocks[j].newPage
		brk := 0.0
		if !last {
			brk = breakCost(blocks[j-1])
			brk = max(brk, keeps[j-1])
		}
		for i := j - 1; i >= 0; i-- {
			h := height(i, j)
			if h > frame.H+eps && i < j-1 {
				break // too tall: so is every page starting earlier
			}
			if i < j-1 && blocks[i+1].newPage {
				break // a page may not run past the start of a new part
			}
			if math.IsInf(best[i], 1) {
				continue
			}
			fill := min(h/frame.H, 1)
			// space left empty weighs more the earlier its page: pages
			// are filled in turn, the space going to the end
			empty := costEmpty * (1 - fill) * (2 - float64(i)/float64(n))
			c := best[i] + brk
			switch {
			case last:
				c += costShort * max(0, 0.25-fill)
			case fill < 1.0/3:
				c += costSparse + empty
			default:
				c += empty
			}
			if c < best[j]-1e-9 {
				best[j], from[j] = c, i
			}
		}
	}
	var cuts []int
	for j := n; j > 0; j = from[j] {
		cuts = append(cuts, j)
	}
	pages := make([][]placed, 0, len(cuts))
	for k := len(cuts) - 1; k >= 0; k-- {
		j := cuts[k]
		i := from[j]
		var ps []placed
		y := blocks[i].rise
		for m := i; m < j; m++ {
			b := blocks[m]
			if m > i {
				y += b.before
			}
			ps = append(ps, placed{&blocks[m], y})
			y += b.height
		}
		pages = append(pages, ps)
	}
	return pages
}

// breakCost returns the cost of a page break after block b.
func breakCost(b block) float64 {
	switch {
	case endsInHyphen(b):
		return costHyphen
	case !b.keep:
		return 0
	case isHeading(b):
		return costHeading
	}
	return costKeep
}

// isHeading reports whether a block is a line of a heading or the title.
func isHeading(b block) bool {
	for _, it := range b.items {
		if g, ok := it.(*GlyphRun); ok && (g.Role == RoleHeading || g.Role == RoleTitle) {
			return true
		}
	}
	return false
}

// endsInHyphen reports whether a line ends in a hyphen inside a word
// ("онлайн-" before "відеопрезентацію" on the next line): the line
// breaker breaks after a hyphen, and the word must then not be divided
// across two pages. The line's logical end is its last run in the
// direction of its paragraph (the lowest bidi level of its runs): the
// rightmost, or the leftmost right to left. A line that ended at a space
// keeps the space in its text, so it does not end in a hyphen.
func endsInHyphen(b block) bool {
	var runs []*GlyphRun
	base := -1
	for _, it := range b.items {
		if g, ok := it.(*GlyphRun); ok && g.Role != RoleListLabel {
			runs = append(runs, g)
			if base < 0 || g.Level < base {
				base = g.Level
			}
		}
	}
	var end *GlyphRun
	for _, g := range runs {
		if end == nil || (base%2 == 1 && g.X < end.X) || (base%2 == 0 && g.X > end.X) {
			end = g
		}
	}
	if end == nil {
		return false
	}
	rs := []rune(end.Text)
	if len(rs) < 2 {
		return false
	}
	last := rs[len(rs)-1]
	return (last == '-' || last == '\u2010') && unicode.IsLetter(rs[len(rs)-2])
}

// addContact adds the sections that say how to get in touch (with the web
// address among the contact details, content.Linear). Each section's
// heading, the text before its contact block and the block are kept
// together, the block most strongly: keeps gives the cost of a page break
// after each of their blocks (see breakPages).
func (f *flow) addContact(secs []content.DocSection, root int) map[int]float64 {
	keeps := map[int]float64{}
	st := f.style
	for _, s := range secs {
		c := 0 // the blocks up to the contact block are kept whole
		for bi, b := range s.Blocks {
			if b.Kind == content.Contact {
				c = bi + 1
				break
			}
		}
		if c == 0 {
			f.addSections([]content.DocSection{s}, root)
			continue
		}
		head := s
		head.Blocks = s.Blocks[:c-1]
		start := len(f.blocks)
		f.addSections([]content.DocSection{head}, root)
		mid := len(f.blocks)
		before := st.ParaSpace * st.line()
		if c == 1 && s.Heading != nil {
			before = st.HeadingAfter * st.line()
		}
		name := ""
		if s.Heading != nil {
			name = s.Heading.String()
		}
		f.addBlock(s.Blocks[c-1], before, root, name)
		end := len(f.blocks) // the block's end
		for _, b := range s.Blocks[c:] {
			f.addBlock(b, st.ParaSpace*st.line(), root, name)
		}
		// the section is kept whole: its heading and introduction with
		// the block, the block most strongly, and what follows it (the
		// offer of other formats) less so
		for k := start; k < len(f.blocks)-1; k++ {
			switch {
			case k >= end-1:
				keeps[k] = costAfter
			case k >= mid:
				keeps[k] = costContact
			default:
				keeps[k] = costIntro
			}
		}
	}
	return keeps
}

// addLanguages adds the languages blocks at the end of the flow, under
// their heading: their section's own, or the languages.heading message,
// kept together (keeps, see breakPages).
func (f *flow) addLanguages(lin content.Linear, root int, keeps map[int]float64, diags *content.Diagnostics) {
	if len(lin.Languages) == 0 {
		return
	}
	// the offer is kept on one page where it fits, starting a page
	// before its heading rather than leaving its end alone on the last,
	// and never divided inside an entry
	start := len(f.blocks)
	defer func() {
		for k := start; k < len(f.blocks)-1; k++ {
			c := float64(costKeep / 2) // between entries
			if f.blocks[k].keep {
				c = float64(costIntro) // inside an entry, or after the heading
			}
			keeps[k] = max(keeps[k], c)
		}
	}()
	h := lin.LanguagesHeading
	if h == nil {
		t, err := f.doc.LanguagesHeading()
		if err != nil {
			d := diags.Warnf(content.Pos{File: f.doc.File}, "%s: the languages offer has no heading: %v", f.where, err)
			d.Hint = "give the languages block's section a heading, e.g. heading = \"languages.heading\" (\"Other languages\")"
		} else {
			h = &t
		}
	}
	f.addSections([]content.DocSection{{Place: content.Flap, Heading: h, Blocks: lin.Languages, Pos: lin.Languages[0].Pos}}, root)
}

// addLine sets a message of a page edition's opening — the title, the
// subtitle, the audience, the call to action — as an element of the given
// role, the space before it given, and returns its first line (valid
// until the flow grows).
func (f *flow) addLine(t content.Text, role Role, size float64, bold bool, color Color, before float64, root int) *block {
	e := f.elem(role, root, t.ID)
	ls := f.setText(t, spec{size: size, bold: bold, color: color, width: f.width, role: role, elem: e})
	ls[0].before = before
	f.blocks = append(f.blocks, ls...)
	return &f.blocks[len(f.blocks)-len(ls)]
}

// addDraft adds the notice that the translation has not been checked: the
// first paragraph, in the document's language, bold.
func (f *flow) addDraft(doc *content.Document, first, rest float64, root int) {
	if len(doc.Draft) == 0 {
		return
	}
	// set apart by a bar, as a quotation is, so that wherever it falls it
	// reads as a notice and not as the text around it
	st := f.style
	f.bars++
	for i, t := range doc.Draft {
		before := rest
		if i == 0 {
			before = first
		}
		e := f.elem(RoleParagraph, root, t.ID)
		ls := f.setText(t, spec{size: st.Body, bold: i == 0, color: st.Text, x: st.Indent, width: f.width - st.Indent, role: RoleParagraph, elem: e})
		ls[0].before = before
		for j := range ls {
			ls[j].bar = f.bars
		}
		f.blocks = append(f.blocks, ls...)
	}
}

// pageEdition turns paginated blocks into pages with page numbers and
// bookmarks. foot is the baseline of the page number from the page's top.
func (f *flow) pageEdition(doc *content.Document, pages [][]placed, size Size, frame Rect, foot float64, diags *content.Diagnostics) []Page {
	out := make([]Page, len(pages))
	for i, ps := range pages {
		p := Page{Size: size, Items: f.draw(ps, frame), Regions: []Region{{Name: fmt.Sprintf("page %d", i+1), Area: Rect{0, 0, size.W, size.H}, Frame: frame}}}
		for _, b := range ps {
			if b.bookmark != "" {
				p.Bookmarks = append(p.Bookmarks, Bookmark{Title: b.bookmark, Level: 0, Y: frame.Y + b.y})
			}
			if b.height > frame.H+0.01 {
				d := diags.Errorf(b.pos, "%s, page %d: %q is %.1f mm taller than a page", f.where, i+1, b.msgID, ToMM(b.height-frame.H))
				d.Code = content.CodeOverflow
				d.Hint = "shorten it, or choose a smaller size"
			}
		}
		// the page number, centred at the foot of every page, as large
		// as the body text; a repeated mark, so an artifact
		t := doc.PageNumber(i+1, len(pages))
		if len(t.Runs) == 0 { // LocalizeWith reported why
			out[i] = p
			continue
		}
		y := foot
		for _, b := range f.setText(t, spec{size: f.style.Body, color: f.style.Text, width: size.W, role: RoleArtifact, elem: -1}) {
			lo, w := minX(b.items), lineWidth(b.items)
			for _, it := range b.items {
				c := *it.(*GlyphRun)
				c.X = (size.W-w)/2 + c.X - lo
				c.Y = y
				p.Items = append(p.Items, &c)
			}
			y += b.height
		}
		out[i] = p
	}
	return out
}

// lineWidth returns the extent of a line's runs.
func lineWidth(items []Item) float64 {
	lo, hi := 1e18, -1e18
	for _, it := range items {
		b := it.Bounds()
		lo, hi = min(lo, b.X), max(hi, b.X+b.W)
	}
	return hi - lo
}

func minX(items []Item) float64 {
	lo := 1e18
	for _, it := range items {
		lo = min(lo, it.Bounds().X)
	}
	return lo
}

// words counts the words of a sentence, for the easy-read limit: the words
// of its longest line, since a forced line break sets an address apart.
// Scripts written without spaces (Chinese, Thai) report 0: the limit does
// not suit them.
func words(s string) int {
	for _, r := range s {
		if (r >= 0x3000 && r <= 0x9FFF) || (r >= 0x0E00 && r <= 0x0E7F) {
			return 0
		}
	}
	n := 0
	for _, line := range strings.Split(s, "\n") {
		n = max(n, len(strings.Fields(line)))
	}
	return n
}
