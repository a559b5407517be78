// SPDX-License-Identifier: MIT

package layout

import (
	"fmt"
	"math"
	"strings"

	"leaflet/content"
	"leaflet/fonts"
	"leaflet/layout/text"
	"leaflet/pictures"
)

// Length helpers: layout works in points.

// MM returns v millimetres in points.
func MM(v float64) float64 { return v * 72 / 25.4 }

// In returns v inches in points.
func In(v float64) float64 { return v * 72 }

// ToMM returns v points in millimetres.
func ToMM(v float64) float64 { return v * 25.4 / 72 }

// Size is a width and height in points.
type Size struct{ W, H float64 }

// Rect is a rectangle in points, origin top-left.
type Rect struct{ X, Y, W, H float64 }

// Color is an sRGB colour.
type Color struct{ R, G, B uint8 }

func (c Color) String() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// Role is the structure role of an item, for tagging and reading order.
type Role string

// The roles are standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4),
// which the tagged PDF uses as they are.
const (
	RoleArtifact   Role = "Artifact" // decoration, not content
	RoleTitle      Role = "H1"
	RoleHeading    Role = "H2"
	RoleParagraph  Role = "P"
	RoleList       Role = "L"
	RoleListItem   Role = "LI"
	RoleListLabel  Role = "Lbl"
	RoleListBody   Role = "LBody"
	RoleBlockQuote Role = "BlockQuote"
	RoleFigure     Role = "Figure"
	RoleDiv        Role = "Div" // a group: an easy-read point, its picture and its sentences
)

// Item is one thing drawn on a page: a *GlyphRun, *Box or *Picture, and
// nothing else (the set is closed). A page's items are in logical reading
// order: within a line of mixed direction, in the order of the text, not
// from left to right; each says where it is drawn.
type Item interface {
	// Bounds returns the item's extent on the page.
	Bounds() Rect
	item()
}

func (*GlyphRun) item() {}
func (*Box) item()      {}
func (*Picture) item()  {}

// GlyphRun is shaped text in one face, size and colour.
type GlyphRun struct {
	// X, Y is the start of the baseline (the left end).
	X, Y  float64
	Face  *fonts.Face
	Size  float64
	Color Color
	// Glyphs are in visual order (left to right); their Cluster indexes
	// runes of Text. They may be the shaper's cache's: read, never
	// changed.
	Glyphs []text.Glyph
	// Text is the source text the glyphs show, in logical order,
	// including a space that ended the line.
	Text string
	// Width is the run's advance.
	Width float64
	// FakeBold asks for the outlines to be emboldened: the run is bold
	// but its face has no bold weight.
	FakeBold bool
	// RTL reports that the run is right to left: its glyphs, in visual
	// order, go from the end of its text to the start.
	RTL bool
	// Level is the run's bidi embedding level (odd: right to left); the
	// runs of a line in logical order are the visual ones reordered by it.
	Level int
	// Link is the target of a link, or "".
	Link string
	// Role and Elem place the run in the structure: Elem indexes
	// Result.Elems.
	Role Role
	Elem int
	// MsgID is the message the text comes from.
	MsgID string
}

// Bounds returns the run's box from ascender to descender.
func (g *GlyphRun) Bounds() Rect {
	asc, desc := g.Face.Metrics()
	return Rect{g.X, g.Y - asc*g.Size, g.Width, (asc - desc) * g.Size}
}

// Box is a filled rectangle: a colour band or a rule drawn as a box.
type Box struct {
	Rect
	Fill Color
	Role Role
}

// Bounds returns the rectangle.
func (b *Box) Bounds() Rect { return b.Rect }

// Picture is a picture: a built-in vector picture or an image of the
// leaflet's own. It fills its rectangle, which has the picture's own
// proportions: a vector picture's view box, an image's pixels.
type Picture struct {
	Rect
	Vector *pictures.Vector
	Image  *content.Image
	// Color fills vector pictures.
	Color Color
	// Alt describes the picture, in the document's language.
	Alt  string
	Role Role
	Elem int
}

// Bounds returns the rectangle.
func (p *Picture) Bounds() Rect { return p.Rect }

// fitted returns p with its rectangle shrunk to the picture's own
// proportions and centred in the rectangle it had, so that the picture
// fills its rectangle exactly: what is drawn is what the display list says.
func fitted(p *Picture) *Picture {
	var w, h float64
	switch {
	case p.Image != nil:
		w, h = float64(p.Image.Width), float64(p.Image.Height)
	case p.Vector != nil:
		w, h = p.Vector.ViewBox[2], p.Vector.ViewBox[3]
	}
	if w <= 0 || h <= 0 {
		return p
	}
	s := min(p.W/w, p.H/h)
	p.Rect = Rect{p.X + (p.W-w*s)/2, p.Y + (p.H-h*s)/2, w * s, h * s}
	return p
}

// Bookmark is an entry of the PDF's outline.
type Bookmark struct {
	Title string
	Level int
	Y     float64 // from the top of the page
}

// Page is one side of a sheet.
type Page struct {
	Size  Size
	Items []Item
	// Bookmarks are the outline entries that point into the page.
	Bookmarks []Bookmark
	// Trim and Bleed, when not empty, are the page's trim and bleed boxes
	// (the print shop's file): the page is larger, for marks.
	Trim, Bleed Rect
	// Regions names the areas of the page (the tri-fold's panels), for
	// tests and diagnostics.
	Regions []Region
}

// Region is a named area of a page and its frame for content.
type Region struct {
	Name string
	// Panel is the tri-fold's panel the region is, or zero.
	Panel Panel
	Area  Rect // the panel as cut and folded
	Frame Rect // where content may go
	// Fill is how much of the frame's height the content takes, from 0
	// to 1 (the tri-fold's panels).
	Fill float64
}

// Elem is a structure element; items point at their element by index.
// Elements are listed in logical reading order, parents before children.
type Elem struct {
	Role   Role
	Parent int // -1 for the document
	MsgID  string
	// Lang is set when the element's text is in another language than
	// the document's (the English line of a draft notice).
	Lang string
}

// Result is a laid out document.
type Result struct {
	Pages []Page
	Elems []Elem
	// BodySize is the body text size the layout settled on, in points.
	BodySize float64
	// Title, Author, Subject and Lang are for the document's metadata.
	Title, Author, Subject, Lang string
	// Duplex reports that the pages are the two sides of one sheet,
	// printed flipping on the short edge.
	Duplex bool
	// Moved names the sections (by heading) that the tri-fold moved from
	// the inside to the flap to make the text fit; Spacing is the space
	// above headings it settled on, as a multiple of the edition's.
	Moved   []string
	Spacing float64
}

func r2(v float64) string {
	s := fmt.Sprintf("%.2f", math.Round(v*100)/100)
	if s == "-0.00" {
		s = "0.00"
	}
	return s
}

// Dump renders the display list as text, one item per line with numbers
// rounded to 0.01 pt: the golden format of the layout tests.
func (r *Result) Dump() string {
	var b strings.Builder
	fmt.Fprintf(&b, "document lang=%s title=%q body=%spt duplex=%v\n", r.Lang, r.Title, r2(r.BodySize), r.Duplex)
	if r.Spacing != 0 || len(r.Moved) > 0 {
		fmt.Fprintf(&b, "fit spacing=%s moved=%q\n", r2(r.Spacing), r.Moved)
	}
	for i, p := range r.Pages {
		fmt.Fprintf(&b, "page %d %sx%s\n", i+1, r2(p.Size.W), r2(p.Size.H))
		if p.Trim != (Rect{}) {
			fmt.Fprintf(&b, "  trim %s,%s %sx%s bleed %s,%s %sx%s\n", r2(p.Trim.X), r2(p.Trim.Y), r2(p.Trim.W), r2(p.Trim.H),
				r2(p.Bleed.X), r2(p.Bleed.Y), r2(p.Bleed.W), r2(p.Bleed.H))
		}
		for _, bm := range p.Bookmarks {
			fmt.Fprintf(&b, "  bookmark %d %s %q\n", bm.Level, r2(bm.Y), bm.Title)
		}
		for _, reg := range p.Regions {
			fill := ""
			if reg.Fill > 0 {
				fill = " fill=" + r2(reg.Fill)
			}
			fmt.Fprintf(&b, "  region %q area=%s,%s %sx%s frame=%s,%s %sx%s%s\n", reg.Name,
				r2(reg.Area.X), r2(reg.Area.Y), r2(reg.Area.W), r2(reg.Area.H),
				r2(reg.Frame.X), r2(reg.Frame.Y), r2(reg.Frame.W), r2(reg.Frame.H), fill)
		}
		for _, it := range p.Items {
			switch it := it.(type) {
			case *GlyphRun:
				link := ""
				if it.Link != "" {
					link = " link=" + it.Link
				}
				face := it.Face.Name
				if it.FakeBold {
					face += "+emboldened"
				}
				fmt.Fprintf(&b, "  run %s,%s w=%s %s %s %s %s e%d%s %q\n", r2(it.X), r2(it.Y), r2(it.Width),
					face, r2(it.Size), it.Color, it.Role, it.Elem, link, it.Text)
			case *Box:
				fmt.Fprintf(&b, "  box %s,%s %sx%s %s %s\n", r2(it.X), r2(it.Y), r2(it.W), r2(it.H), it.Fill, it.Role)
			case *Picture:
				src := "image"
				if it.Vector != nil {
					src = it.Vector.Name
				}
				fmt.Fprintf(&b, "  picture %s,%s %sx%s %s %s e%d alt=%q\n", r2(it.X), r2(it.Y), r2(it.W), r2(it.H), src, it.Role, it.Elem, it.Alt)
			}
		}
	}
	return b.String()
}

// moved returns a copy of an item moved by dx, dy.
func moved(it Item, dx, dy float64) Item {
	switch it := it.(type) {
	case *GlyphRun:
		c := *it
		c.X, c.Y = c.X+dx, c.Y+dy
		return &c
	case *Box:
		c := *it
		c.X, c.Y = c.X+dx, c.Y+dy
		return &c
	case *Picture:
		c := *it
		c.X, c.Y = c.X+dx, c.Y+dy
		return &c
	}
	panic(fmt.Sprintf("layout: unknown item %T", it))
}
