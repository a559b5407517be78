// SPDX-License-Identifier: MIT

package layout

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"leaflet/content"
	"leaflet/fonts"
	"leaflet/layout/text"
)

// Paper is a sheet size with the widths of a roll fold's three panels.
type Paper struct {
	Name string
	Size Size
	// Panels are the widths of the left, middle and right panels of the
	// inside; the last is the narrow fold-in panel.
	Panels [3]float64
}

var (
	// A4 is A4 landscape: 297 x 210 mm, panels 100/100/97 mm.
	A4 = Paper{"a4", Size{MM(297), MM(210)}, [3]float64{MM(100), MM(100), MM(97)}}
	// Letter is US Letter landscape: 11 x 8.5 in, panels
	// 3.6875/3.6875/3.625 in.
	Letter = Paper{"letter", Size{In(11), In(8.5)}, [3]float64{In(3.6875), In(3.6875), In(3.625)}}
)

// Panel names, in the tri-fold's reading order.
const (
	FrontCover = "front cover"
	InsideLeft = "inside left"
	Middle     = "middle"
	FoldIn     = "fold-in"
	FlapPanel  = "flap"
	BackCover  = "back cover"
)

// TriFold is the folded leaflet: one sheet printed on both sides and folded
// twice in a roll (letter) fold. Imposition, seen from the printed side:
//
//	side 1 (outside, page 1)           side 2 (inside, page 2)
//	+--------+-----------+-----------+  +-------------+--------+---------+
//	| flap   | back      | front     |  | inside left | middle | fold-in |
//	| narrow | cover     | cover     |  |             |        | narrow  |
//	+--------+-----------+-----------+  +-------------+--------+---------+
//
// The sheet is printed duplex flipping on the short edge, so each panel of
// side 1 backs the panel in the mirrored position of side 2: the flap backs
// the fold-in panel, which folds in first; the front cover backs the inside
// left. Right-to-left languages mirror both sides: the front cover is on the
// outside left and the narrow panels on the outside right and inside left.
//
// Content flows: cover sections on the front cover; inside sections through
// the inside left, middle and fold-in panels; flap sections on the flap;
// back sections on the back cover.
type TriFold struct {
	Paper Paper
	Style Style
	// Sizes are the body sizes tried in order: when the text does not fit
	// at one, the next is tried.
	Sizes []float64
	// Side is the least margin at each side of a panel, from a fold or
	// the sheet's edge; Top and Bottom are from the sheet's top and bottom.
	Side, Top, Bottom float64
	// FoldMarks adds short light ticks at each fold, at the sheet's top
	// and bottom edges inside the printable area, to fold by.
	FoldMarks bool
	// PrintShop makes the print shop's file: each page grows by a 3 mm
	// bleed and a slug beyond it for crop and fold marks, with the trim
	// and bleed boxes set.
	PrintShop bool
}

// Print-shop sizes: the bleed beyond the trim, and the slug beyond the
// bleed that holds the marks.
var (
	Bleed = MM(3)
	Slug  = MM(7)
)

// NewTriFold returns the tri-fold with the house style on the given paper.
func NewTriFold(p Paper) TriFold {
	return TriFold{
		Paper: p,
		Style: Style{
			Body: 12, Leading: 1.3, Heading: 1.3,
			HeadingSpace: 1.0, HeadingAfter: 0.35, ParaSpace: 0.5, ItemSpace: 0.2,
			Indent: MM(5),
			Text:   Color{0x00, 0x00, 0x00}, Accent: Color{0x1f, 0x4e, 0x79}, Rule: Color{0x9d, 0xbc, 0xdb},
		},
		Sizes: []float64{12, 11.5, 11, 10.5, 10},
		Side:  MM(9), Top: MM(12), Bottom: MM(12),
	}
}

func (t TriFold) String() string { return "trifold" }

// Imposition returns the six panels: for each, its page (0 outside, 1
// inside) and its area on the sheet.
func (t TriFold) Imposition(rtl bool) map[string]struct {
	Page int
	Area Rect
} {
	w := t.Paper.Panels
	h := t.Paper.Size.H
	type placement = struct {
		Page int
		Area Rect
	}
	// left-to-right order on each side, with widths
	outside := []struct {
		name string
		w    float64
	}{{FlapPanel, w[2]}, {BackCover, w[1]}, {FrontCover, w[0]}}
	inside := []struct {
		name string
		w    float64
	}{{InsideLeft, w[0]}, {Middle, w[1]}, {FoldIn, w[2]}}
	if rtl {
		outside[0], outside[2] = outside[2], outside[0]
		inside[0], inside[2] = inside[2], inside[0]
	}
	m := map[string]placement{}
	for page, side := range [][]struct {
		name string
		w    float64
	}{outside, inside} {
		x := 0.0
		for _, p := range side {
			m[p.name] = placement{page, Rect{x, 0, p.w, h}}
			x += p.w
		}
	}
	return m
}

// measure returns the width of the text column, the same on every panel:
// the narrow panel's width less its side margins.
func (t TriFold) measure() float64 {
	narrow := min(t.Paper.Panels[0], t.Paper.Panels[1], t.Paper.Panels[2])
	return narrow - 2*t.Side
}

// frame returns where content goes in a panel: a column of the common
// measure centred in the panel, so that each panel, seen on its own when
// folded, has even side margins.
func (t TriFold) frame(area Rect) Rect {
	w := t.measure()
	return Rect{area.X + (area.W-w)/2, area.Y + t.Top, w, area.H - t.Top - t.Bottom}
}

// Layout lays out the document, stepping the body size down through
// t.Sizes until everything fits. When nothing fits at the smallest size the
// diagnostics say what overflowed where.
func (t TriFold) Layout(doc *content.Document, set *fonts.Set, sh *text.Shaper) (*Result, content.Diagnostics) {
	var (
		res   *Result
		diags content.Diagnostics
	)
	cache := newLayoutCache()
	for _, size := range t.Sizes {
		t.Style.Body = size
		res, diags = t.layout(doc, set, sh, cache)
		if !diags.HasErrors() {
			return res, diags
		}
	}
	return res, diags
}

func (t TriFold) layout(doc *content.Document, set *fonts.Set, sh *text.Shaper, cache *layoutCache) (*Result, content.Diagnostics) {
	var diags content.Diagnostics
	t.Style.Leading = leadingFor(doc.Lang, t.Style.Leading)
	res := &Result{BodySize: t.Style.Body, Title: doc.Title, Author: doc.Org.Name, Subject: doc.Subtitle, Lang: doc.Lang, Duplex: true}
	root := -1
	imp := t.Imposition(doc.RTL)
	pages := []Page{{Size: t.Paper.Size}, {Size: t.Paper.Size}}
	newFlow := func() *flow {
		return &flow{shaper: sh, fonts: set, style: t.Style, width: t.measure(), lang: doc.Lang, rtl: doc.RTL,
			res: res, diags: &diags, where: fmt.Sprintf("%s %s", doc.Lang, t), doc: doc, cache: cache}
	}
	sections := func(place content.Place) []content.DocSection {
		var out []content.DocSection
		for _, s := range doc.Sections {
			if s.Place == place {
				out = append(out, s)
			}
		}
		return out
	}
	// flowInto sets the sections of places through panels in order, the
	// sections of places[i] starting no earlier than panel starts[i], and
	// reports what does not fit in the last.
	flowInto := func(places []content.Place, starts []int, panels ...string) {
		frames := make([]Rect, len(panels))
		for i, name := range panels {
			frames[i] = t.frame(imp[name].Area)
		}
		var secs []content.DocSection
		for _, p := range places {
			secs = append(secs, sections(p)...)
		}
		// A languages block is set smaller than the body when it must,
		// down to 8 pt; at the smallest body size it then loses languages
		// from its end.
		var (
			f    *flow
			ps   [][]placed
			rest []block
		)
		elems, nd := len(res.Elems), len(diags)
		last := t.Style.Body <= t.Sizes[len(t.Sizes)-1]
		attempt := func(try languageFit) bool {
			res.Elems, diags = res.Elems[:elems], diags[:nd]
			f = newFlow()
			f.langSize, f.langDrop = try.size, try.drop
			for i, p := range places {
				n := len(f.blocks)
				f.addSections(sections(p), root)
				if p == content.Back && doc.Leaflet.QR {
					f.addQR(doc, root)
				}
				for j := n; j < len(f.blocks); j++ {
					f.blocks[j].frame = starts[i]
				}
			}
			ps, rest = fill(f.blocks, frames)
			return len(rest) == 0
		}
		fits := languageFits(t.Style.Body, secs, last)
		// when even the smallest whole languages block does not fit at
		// this body size, a smaller body size comes before dropping
		// languages: try that first and give up early
		smallest := 0
		for smallest+1 < len(fits) && fits[smallest+1].drop == 0 {
			smallest++
		}
		if len(fits) > 1 && !last && !attempt(fits[smallest]) {
			fits = nil
		}
		for _, try := range fits {
			if attempt(try) {
				break
			}
		}
		if len(f.leftOut) > 0 && len(rest) == 0 {
			d := diags.Warnf(content.Pos{File: doc.Leaflet.File}, "%s, panel %s: the languages block has no room for %s",
				f.where, panels[len(panels)-1], strings.Join(f.leftOut, ", "))
			d.Hint = "list the languages to show with languages = [\"pl\", \"ur\", …] in the block"
		}
		for i, name := range panels {
			p := &pages[imp[name].Page]
			p.Items = append(p.Items, f.draw(ps[i], frames[i])...)
		}
		f.overflow(rest, "panel "+panels[len(panels)-1])
	}

	// Reading order: front cover, inside panels, flap, back cover.
	cf := newFlow()
	fr := t.frame(imp[FrontCover].Area)
	pages[imp[FrontCover].Page].Items = append(pages[imp[FrontCover].Page].Items, cf.cover(doc, sections(content.Cover), fr, root)...)
	// Inside text that does not fit the three inside panels goes on in
	// the flap, before the flap's own sections: the next panel a reader
	// unfolds.
	flowInto([]content.Place{content.Inside, content.Flap}, []int{0, 3}, InsideLeft, Middle, FoldIn, FlapPanel)
	flowInto([]content.Place{content.Back}, []int{0}, BackCover)

	for _, name := range []string{FlapPanel, BackCover, FrontCover, InsideLeft, Middle, FoldIn} {
		p := imp[name]
		pages[p.Page].Regions = append(pages[p.Page].Regions, Region{Name: name, Area: p.Area, Frame: t.frame(p.Area)})
	}
	if t.FoldMarks {
		for i := range pages {
			pages[i].Items = append(pages[i].Items, t.foldMarks(pages[i].Regions)...)
		}
	}
	for i := range pages {
		sortRegions(pages[i].Regions)
	}
	res.Pages = pages
	if t.PrintShop {
		for i := range res.Pages {
			res.Pages[i] = t.printShop(res.Pages[i])
		}
	}
	return res, diags
}

// foldMarks returns the ticks at the folds between regions: 0.5 pt wide and
// 4 mm long, from 5 mm inside the sheet's top and bottom edges (office
// printers do not print nearer the edge), in light grey.
func (t TriFold) foldMarks(regions []Region) []Item {
	var out []Item
	grey := Color{0xb0, 0xb0, 0xb0}
	h := t.Paper.Size.H
	for _, r := range regions {
		x := r.Area.X + r.Area.W
		if x >= t.Paper.Size.W-1 {
			continue
		}
		for _, y := range []float64{MM(5), h - MM(5) - MM(4)} {
			out = append(out, &Box{Rect: Rect{x - 0.25, y, 0.5, MM(4)}, Fill: grey, Role: RoleArtifact})
		}
	}
	return out
}

// languageFit is one way to set a languages block: its size and how many
// languages to leave out.
type languageFit struct {
	size float64
	drop int
}

// languageFits lists the ways to try, in order: the whole block at sizes
// from 80% of the body down to 8 pt, then at 8 pt with ever more languages
// left out. Sections without a languages block need one try.
func languageFits(body float64, secs []content.DocSection, drop bool) []languageFit {
	has := false
	for _, s := range secs {
		for _, b := range s.Blocks {
			has = has || b.Kind == content.Languages
		}
	}
	if !has {
		return []languageFit{{}}
	}
	var out []languageFit
	for size := math.Round(max(8, body*0.8)*2) / 2; size >= 8; size -= 0.5 {
		out = append(out, languageFit{size: size})
	}
	for n := 1; drop && n <= 64; n++ {
		out = append(out, languageFit{size: 8, drop: n})
	}
	return out
}

// sortRegions orders regions from left to right.
func sortRegions(rs []Region) {
	sort.Slice(rs, func(i, j int) bool { return rs[i].Area.X < rs[j].Area.X })
}

// printShop grows a page by the bleed and the slug, moving everything by
// them, and draws crop marks at the trim's corners and fold marks at the
// folds, in the slug, outside the bleed.
func (t TriFold) printShop(p Page) Page {
	off := Bleed + Slug
	out := Page{Size: Size{p.Size.W + 2*off, p.Size.H + 2*off}, Bookmarks: p.Bookmarks}
	out.Trim = Rect{off, off, p.Size.W, p.Size.H}
	out.Bleed = Rect{Slug, Slug, p.Size.W + 2*Bleed, p.Size.H + 2*Bleed}
	for _, it := range p.Items {
		out.Items = append(out.Items, moved(it, off, off))
	}
	for _, r := range p.Regions {
		r.Area.X, r.Area.Y = r.Area.X+off, r.Area.Y+off
		r.Frame.X, r.Frame.Y = r.Frame.X+off, r.Frame.Y+off
		out.Regions = append(out.Regions, r)
	}
	// marks: 0.25 pt lines in registration black, from 1 mm beyond the
	// bleed to the page's edge
	const w = 0.25
	black := Color{0, 0, 0}
	mark := func(x, y, mw, mh float64) {
		out.Items = append(out.Items, &Box{Rect: Rect{x, y, mw, mh}, Fill: black, Role: RoleArtifact})
	}
	gap := Bleed + MM(1)
	tr := out.Trim
	for _, x := range []float64{tr.X, tr.X + tr.W} {
		mark(x-w/2, 0, w, off-gap)             // above the top
		mark(x-w/2, tr.Y+tr.H+gap, w, off-gap) // below the bottom
	}
	for _, y := range []float64{tr.Y, tr.Y + tr.H} {
		mark(0, y-w/2, off-gap, w)             // left of the left edge
		mark(tr.X+tr.W+gap, y-w/2, off-gap, w) // right of the right edge
	}
	for _, r := range p.Regions {
		x := r.Area.X + r.Area.W + off
		if x >= tr.X+tr.W-1 {
			continue
		}
		mark(x-w/2, 0, w, off-gap)
		mark(x-w/2, tr.Y+tr.H+gap, w, off-gap)
	}
	return out
}
