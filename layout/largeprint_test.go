// SPDX-License-Identifier: MIT

package layout

import (
	"fmt"
	"sort"
	"testing"
	"unicode"

	"leaflet/content"
)

// textLines returns a page's lines of text, top to bottom, each with its
// runs in visual order, page numbers aside.
func textLines(p Page) [][]*GlyphRun {
	byY := map[float64][]*GlyphRun{}
	for _, it := range p.Items {
		if g, ok := it.(*GlyphRun); ok && g.Role != RoleArtifact {
			byY[g.Y] = append(byY[g.Y], g)
		}
	}
	var ys []float64
	for y := range byY {
		ys = append(ys, y)
	}
	sort.Float64s(ys)
	var out [][]*GlyphRun
	for _, y := range ys {
		l := byY[y]
		sort.Slice(l, func(i, j int) bool { return l[i].X < l[j].X })
		out = append(out, l)
	}
	return out
}

// checkPageEdition checks what large print and the screen edition share:
// no page but the last under a third full; the contact block whole, on
// one page with its heading (unless together they are taller than a
// page), once, with the web address; no word divided
// across two pages; the languages offer last, under its heading.
func checkPageEdition(t *testing.T, doc *content.Document, res *Result) {
	t.Helper()
	n := len(res.Pages)
	for pi, p := range res.Pages[:n-1] {
		if fill := contentFill(p); fill < 1.0/3 && !(pi == 0 && startsContact(res.Pages[1])) {
			t.Errorf("page %d of %d is %.0f%% full", pi+1, n, fill*100)
		}
	}
	// the contact section up to its block, and the block's own lines, by
	// page, with their extent on each page
	type extent struct{ top, bottom float64 }
	group, block := map[int]*extent{}, map[int]bool{}
	headings := map[int]bool{} // the contact heading's elements
	web := map[int]bool{}      // pages with the web address, linked
	for pi, p := range res.Pages {
		for _, it := range p.Items {
			g, ok := it.(*GlyphRun)
			if !ok {
				continue
			}
			if g.Link == "https://"+doc.Org.Website {
				web[pi] = true
			}
			inBlock := g.MsgID == "" && g.Link == "https://"+doc.Org.Website // the web address's line
			switch g.MsgID {
			case "contact.heading":
				headings[g.Elem] = true
			case "contact.intro":
			case "contact.organisation", "contact.address", "contact.phone", "contact.email":
				inBlock = true
			default:
				if !inBlock {
					continue
				}
			}
			if inBlock {
				block[pi] = true
			}
			b := g.Bounds()
			if e := group[pi]; e == nil {
				group[pi] = &extent{b.Y, b.Y + b.H}
			} else {
				e.top, e.bottom = min(e.top, b.Y), max(e.bottom, b.Y+b.H)
			}
		}
	}
	if len(headings) != 1 {
		t.Errorf("the contact heading is set %d times; want once", len(headings))
	}
	// the block on one page, and the heading with it, unless they are
	// taller than a page
	fr := res.Pages[0].Regions[0].Frame
	var pages []int
	h, hb := 0.0, 0.0
	for pi, e := range group {
		pages = append(pages, pi+1)
		h += e.bottom - e.top
		if block[pi] {
			hb += e.bottom - e.top
		}
	}
	sort.Ints(pages)
	// (the glyphs' extents are less than the lines' by up to about a
	// line on each page, the space above the first line dropped at a
	// page's top)
	slack := 2 * res.BodySize * 1.6
	if len(block) > 1 && hb+slack < fr.H {
		t.Errorf("the contact block is on pages %v, %.0f pt in a frame of %.0f pt", pages, hb, fr.H)
	}
	if len(group) > 1 && h+slack < fr.H {
		t.Errorf("the contact heading and block are on pages %v, %.0f pt together in a frame of %.0f pt", pages, h, fr.H)
	}
	withContact := false
	for pi := range block {
		withContact = withContact || web[pi]
	}
	if !withContact {
		t.Errorf("no web address %q linked to https://%s with the contact details", doc.Org.Website, doc.Org.Website)
	}
	// no page ends on a line that ends in a hyphen inside a word
	for pi, p := range res.Pages[:n-1] {
		ls := textLines(p)
		if len(ls) == 0 {
			continue
		}
		last := ls[len(ls)-1]
		end := last[len(last)-1] // the logical end: rightmost, or leftmost right to left
		if doc.RTL {
			end = last[0]
		}
		rs := []rune(end.Text)
		if k := len(rs); k >= 2 && (rs[k-1] == '-' || rs[k-1] == '\u2010') && unicode.IsLetter(rs[k-2]) {
			t.Errorf("page %d ends inside a word: %q", pi+1, end.Text)
		}
	}
	// the languages offer: its heading is the last heading, and every
	// offer comes after it
	lastHeading, offers := "", 0
	headingAt, firstOffer := -1, -1
	order := 0
	for _, p := range res.Pages {
		for _, it := range p.Items {
			g, ok := it.(*GlyphRun)
			if !ok || g.Role == RoleArtifact {
				continue
			}
			order++
			if g.Role == RoleHeading && (headingAt < 0 || g.MsgID != lastHeading) {
				lastHeading, headingAt = g.MsgID, order
			}
			if g.MsgID == "request.language" {
				offers++
				if firstOffer < 0 {
					firstOffer = order
				}
			}
		}
	}
	if lastHeading != "languages.heading" {
		t.Errorf("the last heading is %q; want the languages offer's", lastHeading)
	}
	if offers == 0 || firstOffer < headingAt {
		t.Errorf("%d language offers, the first at %d, before the languages heading at %d", offers, firstOffer, headingAt)
	}
}

// startsContact reports whether a page opens with the contact heading:
// page 1 may then hold only the title, the contact details being too tall
// to share it whole.
func startsContact(p Page) bool {
	ls := textLines(p)
	return len(ls) > 0 && ls[0][0].MsgID == "contact.heading"
}

func TestLargePrintHasNoNearEmptyPageAndKeepsTheContactWhole(t *testing.T) {
	set, _ := tools(t)
	set = set.WithText(NewLargePrint(18).Family())
	sh := newShaperFor(set)
	for _, size := range []float64{16, 18, 24, 28, 36, 48} {
		for _, lang := range builtinLangs(t) {
			if size == 48 && lang != "en" {
				continue // longer words than a 48 pt column: an error, rightly
			}
			t.Run(fmt.Sprintf("%s/%gpt", lang, size), func(t *testing.T) {
				doc := builtinDoc(t, lang)
				res, ds := NewLargePrint(size).Layout(doc, set, sh)
				if ds.HasErrors() {
					t.Fatal(ds)
				}
				checkPageEdition(t, doc, res)
				// the contact details are on page 1
				found := false
				for _, it := range res.Pages[0].Items {
					if g, ok := it.(*GlyphRun); ok && g.MsgID == "contact.phone" {
						found = true
					}
				}
				if !found && size == 18 {
					t.Errorf("the phone number is not on page 1")
				}
			})
		}
	}
}

// lines returns blocks of the given heights, kept with the next where
// keep says so.
func lines(heights []float64, keep ...int) []block {
	out := make([]block, len(heights))
	for i, h := range heights {
		out[i] = block{height: h}
	}
	for _, k := range keep {
		out[k].keep = true
	}
	return out
}

func pageSizes(pages [][]placed) []int {
	var n []int
	for _, p := range pages {
		n = append(n, len(p))
	}
	return n
}

func TestBreakPagesDividesAKeptGroupRatherThanLeaveAPageNearEmpty(t *testing.T) {
	frame := Rect{0, 0, 100, 100}
	// two lines, then a group of nine kept lines: moving the group whole
	// would leave page 1 a fifth full
	bs := lines([]float64{10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10}, 2, 3, 4, 5, 6, 7, 8, 9)
	pages := breakPages(bs, frame, nil)
	if len(pages) != 2 || len(pages[0]) < 4 {
		t.Errorf("got pages of %v lines; want the group divided with page 1 at least a third full", pageSizes(pages))
	}
	// a group that fits whole on the next page with page 1 still over a
	// third full moves whole
	bs = lines([]float64{10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10}, 5, 6, 7, 8, 9)
	pages = breakPages(bs, frame, nil)
	if len(pages) != 2 || len(pages[0]) != 5 {
		t.Errorf("got pages of %v lines; want 5 and 6", pageSizes(pages))
	}
}

func TestBreakPagesNeverBreaksAfterAHyphenInsideAWord(t *testing.T) {
	frame := Rect{0, 0, 100, 100}
	bs := lines([]float64{10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10})
	// line 10 (the last that fits page 1) ends "онлайн-"
	bs[9].items = []Item{&GlyphRun{Text: "переглянути онлайн-", Face: nil}}
	pages := breakPages(bs, frame, nil)
	if len(pages[0]) == 10 {
		t.Errorf("page 1 ends on %q", "онлайн-")
	}
	// a hyphen between words, or at a space, is a break like any other
	for _, s := range []string{"a line ending in – ", "a line ending in - "} {
		bs[9].items = []Item{&GlyphRun{Text: s}}
		if pages := breakPages(bs, frame, nil); len(pages[0]) != 10 {
			t.Errorf("%q: got pages of %v lines; want 10 on page 1", s, pageSizes(pages))
		}
	}
}

func TestBreakPagesLeavesNoLastPageOfALine(t *testing.T) {
	frame := Rect{0, 0, 100, 100}
	bs := lines([]float64{10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10})
	pages := breakPages(bs, frame, nil)
	if len(pages) != 2 || len(pages[1]) < 3 {
		t.Errorf("got pages of %v lines; want the last page at least a quarter full", pageSizes(pages))
	}
}

func TestBreakPagesStartsANewPartOnANewPage(t *testing.T) {
	frame := Rect{0, 0, 100, 100}
	bs := lines([]float64{10, 10, 10, 10, 10})
	bs[2].newPage = true
	pages := breakPages(bs, frame, nil)
	if len(pages) != 2 || len(pages[0]) != 2 {
		t.Errorf("got pages of %v lines; want 2 and 3", pageSizes(pages))
	}
	// a block taller than the page gets a page of its own
	bs = lines([]float64{10, 150, 10})
	if pages := breakPages(bs, frame, nil); len(pages) != 3 {
		t.Errorf("got pages of %v blocks; want 1, 1, 1", pageSizes(pages))
	}
}

func TestBreakPagesKeepsTheContactBlockWhole(t *testing.T) {
	frame := Rect{0, 0, 100, 100}
	// six lines of text, then a contact block of six lines with nothing
	// else kept: it goes whole to page 2
	bs := lines([]float64{10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10})
	keeps := map[int]float64{6: costContact, 7: costContact, 8: costContact, 9: costContact, 10: costContact}
	pages := breakPages(bs, frame, keeps)
	if len(pages) != 2 || len(pages[0]) != 6 {
		t.Errorf("got pages of %v lines; want 6 and 6", pageSizes(pages))
	}
}
