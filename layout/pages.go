// SPDX-License-Identifier: MIT

package layout

import (
	"fmt"
	"strings"

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
		ps, rest := fill(blocks, []Rect{frame, frame})
		pages = append(pages, ps[0])
		if len(ps[0]) == 0 { // a block taller than the page
			pages[len(pages)-1] = []placed{{blocks[0], 0}}
			rest = blocks[1:]
		} else {
			rest = blocks[len(ps[0]):]
		}
		blocks = rest
	}
	return pages
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
				d.Hint = "shorten it, or choose a smaller size"
			}
		}
		// the page number, centred at the foot of every page, as large
		// as the body text; a repeated mark, so an artifact
		t, err := doc.Message(content.PageMessage, map[string]any{
			"Page": doc.Leaflet.FormatNumber(doc.Lang, i+1), "Pages": doc.Leaflet.FormatNumber(doc.Lang, len(pages))})
		if err != nil {
			diags.Errorf(content.Pos{}, "%s: %v", f.where, err).Hint = "add [page.number] to the bundle: \"Page {{.Page}} of {{.Pages}}\""
			out[i] = p
			continue
		}
		y := foot
		for _, b := range f.setText(t, f.style.Body, false, f.style.Text, 0, size.W, RoleArtifact, -1, "") {
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
