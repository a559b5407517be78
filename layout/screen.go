// SPDX-License-Identifier: MIT

package layout

import (
	"leaflet/content"
	"leaflet/fonts"
	"leaflet/layout/text"
)

// Screen is the tri-fold for reading on a screen, the edition to attach to
// an email: the same typesetting as the printed tri-fold, its six panels
// as six pages of the panel's own size, in reading order — front cover,
// inside left, middle, fold-in, flap, back cover — so that it reads
// naturally on a phone.
type Screen struct {
	TriFold TriFold
}

// NewScreen returns the screen edition of the tri-fold on the given paper.
func NewScreen(p Paper) Screen { return Screen{TriFold: NewTriFold(p)} }

func (s Screen) String() string { return "screen" }

// Layout lays out the tri-fold and cuts it into its panels.
func (s Screen) Layout(doc *content.Document, set *fonts.Set, sh *text.Shaper) (*Result, content.Diagnostics) {
	res, diags := s.TriFold.Layout(doc, set, sh)
	if diags.HasErrors() || res == nil {
		return res, diags
	}
	var pages []Page
	for _, name := range []string{FrontCover, InsideLeft, Middle, FoldIn, FlapPanel, BackCover} {
		for _, p := range res.Pages {
			for _, r := range p.Regions {
				if r.Name != name {
					continue
				}
				pages = append(pages, cut(p, r))
			}
		}
	}
	res.Pages = pages
	res.Duplex = false
	return res, diags
}

// cut returns the items of region r of page p as a page of the region's
// size.
func cut(p Page, r Region) Page {
	out := Page{Size: Size{r.Area.W, r.Area.H}}
	dx, dy := -r.Area.X, -r.Area.Y
	for _, it := range p.Items {
		b := it.Bounds()
		if b.X+b.W/2 < r.Area.X || b.X+b.W/2 >= r.Area.X+r.Area.W {
			continue
		}
		out.Items = append(out.Items, moved(it, dx, dy))
	}
	out.Bookmarks = append(out.Bookmarks, p.Bookmarks...)
	fr := r.Frame
	fr.X, fr.Y = fr.X+dx, fr.Y+dy
	out.Regions = []Region{{Name: r.Name, Area: Rect{0, 0, r.Area.W, r.Area.H}, Frame: fr}}
	return out
}
