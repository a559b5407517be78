// SPDX-License-Identifier: MIT

package layout

import (
	"fmt"
	"math"

	"leaflet/content"
	"leaflet/layout/text"
)

// Cover type sizes, in points: the title and subtitle do not scale with the
// body size. The title is set at display size, the largest of these at
// which its longest word fits the column and it takes at most four lines:
// titles are never hyphenated.
var coverTitles = []float64{36, 34, 32, 30, 28, 26, 24, 22, 20, 18}

const (
	coverSubtitle = 15
	coverAudience = 14
	coverAction   = 13
	coverOrg      = 11
)

// white is the text on the cover's colour field: 8.7:1 on the accent.
var white = Color{0xff, 0xff, 0xff}

// titleSize returns the largest cover title size at which every word of t
// fits the column and the title takes at most four lines, or one down
// steps smaller.
func (f *flow) titleSize(t content.Text, down int) float64 {
	for i, size := range coverTitles {
		if f.widest(t, size) <= f.width && f.lineCount(t, size) <= 4 {
			return coverTitles[min(i+down, len(coverTitles)-1)]
		}
	}
	return coverTitles[len(coverTitles)-1]
}

// lineCount returns the number of lines t takes set bold and balanced at
// size in the column.
func (f *flow) lineCount(t content.Text, size float64) int {
	p := f.paragraph(t, size)
	p.Balance = true
	lines, _ := f.shaper.Lines(p, f.width, nil)
	return len(lines)
}

func (f *flow) paragraph(t content.Text, size float64) text.Paragraph {
	p := text.Paragraph{Lang: f.lang, Size: size, RTL: f.rtl}
	for _, r := range t.Runs {
		start := len(p.Text)
		p.Text = append(p.Text, []rune(r.Text)...)
		p.Spans = append(p.Spans, text.Span{Start: start, End: len(p.Text), Bold: true})
	}
	return p
}

// widest returns the width of the widest line of t set bold at size in a
// column too narrow for two words: the longest unbreakable stretch.
func (f *flow) widest(t content.Text, size float64) float64 {
	lines, _ := f.shaper.Lines(f.paragraph(t, size), 1, nil)
	w := 0.0
	for _, l := range lines {
		w = max(w, l.Width)
	}
	return w
}

// cover lays out the front cover: a colour field across the top of the
// panel (area), running off its top and outer edges and into the bleed of
// the print shop's file, holding the organisation's name, the cover
// picture, the title at display size and the subtitle in white; under it
// the audience line and any other cover blocks; at the foot the call to
// action with the phone number, over a band of the accent colour. frame
// is where text may go.
func (f *flow) cover(doc *content.Document, secs []content.DocSection, frame, area Rect, root int, bleed bool) []Item {
	// when the cover is full (a long title, the draft notice), the field
	// gives up its least height, then the title steps down
	nElems, nd := len(f.res.Elems), len(*f.diags)
	fits := []coverFit{{0.55, 0}, {0.45, 0}}
	for down := range coverTitles {
		fits = append(fits, coverFit{0, down})
	}
	var (
		items []Item
		over  float64
	)
	for i, fit := range fits {
		if i > 0 {
			f.res.Elems, *f.diags = f.res.Elems[:nElems], (*f.diags)[:nd]
		}
		if items, over = f.coverAt(doc, secs, frame, area, root, bleed, fit); over <= 0 {
			return items
		}
	}
	f.overflow([]block{{height: over, msgID: "cover"}}, "panel "+FrontCover)
	return items
}

// coverFit is one way to set the cover: the least height of the colour
// field as a fraction of the panel's, and how many sizes the title steps
// down from the largest that fits.
type coverFit struct {
	field float64
	title int
}

// coverAt lays the cover out one way and returns how much it overflows.
func (f *flow) coverAt(doc *content.Document, secs []content.DocSection, frame, area Rect, root int, bleed bool, fit coverFit) ([]Item, float64) {
	st := f.style
	var items []Item
	place := func(ls []block, y float64) float64 {
		for i, b := range ls {
			if i > 0 || y > 0 {
				y += b.before
			}
			items = append(items, f.draw([]placed{{b, y}}, frame)...)
			y += b.height
		}
		return y
	}
	// the texts, set in reading order: the organisation, the title, the
	// subtitle, the picture, the audience and other blocks, the action
	orgText := content.Text{Runs: []content.Run{{Text: doc.Org.Name, Strong: true}}}
	org := f.elem(RoleParagraph, root, "")
	if src := doc.Leaflet.Source; src != "" && src != doc.Lang {
		f.res.Elems[org].Lang = src
	}
	orgLines := f.setText(orgText, coverOrg, true, white, 0, f.width, RoleParagraph, org, "")
	var title, subtitle, below, action []block
	saved := f.style.Leading
	for _, s := range secs {
		for _, b := range s.Blocks {
			switch b.Kind {
			case content.Title:
				e := f.elem(RoleTitle, root, b.Texts[0].ID)
				f.style.Leading = 1.12
				title = append(title, f.setText(b.Texts[0], f.titleSize(b.Texts[0], fit.title), true, white, 0, f.width, RoleTitle, e, "")...)
				f.style.Leading = saved
			case content.Subtitle:
				e := f.elem(RoleParagraph, root, b.Texts[0].ID)
				ls := f.setText(b.Texts[0], coverSubtitle, false, white, 0, f.width, RoleParagraph, e, "")
				ls[0].before = MM(3)
				subtitle = append(subtitle, ls...)
			case content.Audience:
				e := f.elem(RoleParagraph, root, b.Texts[0].ID)
				ls := f.setText(b.Texts[0], coverAudience, true, st.Accent, 0, f.width, RoleParagraph, e, "")
				ls[0].before = MM(4)
				below = append(below, ls...)
			case content.Action:
				e := f.elem(RoleParagraph, root, b.Texts[0].ID)
				ls := f.setText(b.Texts[0], coverAction, true, white, 0, f.width, RoleParagraph, e, "")
				action = append(action, ls...)
			default:
				f.blocks = nil
				f.addBlock(b, MM(4), root, "")
				below = append(below, f.blocks...)
			}
		}
	}
	var fig *Picture
	if er := doc.EasyRead; er != nil && er.Cover != nil && er.Cover.Image == nil {
		e := f.elem(RoleFigure, root, "")
		fig = f.picture(*er.Cover, Rect{}, e, f.diags)
		fig.Color = white
	}

	// the colour field: the organisation at the top, then the picture,
	// the title and subtitle
	y := place(orgLines, 0)
	items = append(items, &Box{Rect: Rect{frame.X, frame.Y + y + MM(2), frame.W, 0.75}, Fill: white, Role: RoleArtifact})
	y += MM(8)
	if fig != nil && fig.Vector != nil {
		side := MM(30)
		x := frame.X
		if f.rtl {
			x = frame.X + frame.W - side
		}
		fig.Rect = Rect{x, frame.Y + y, side, side}
		y += side + MM(6)
	}
	y = place(title, max(y, frame.H*0.22))
	y = place(subtitle, y)
	fieldBottom := max(frame.Y+y+MM(9), area.Y+area.H*fit.field)
	field := Rect{area.X, area.Y, area.W, fieldBottom - area.Y}
	if bleed { // into the bleed at the top and at the sheet's outer edge
		field.Y -= Bleed
		field.H += Bleed
		if area.X == 0 {
			field.X -= Bleed
		}
		field.W += Bleed
	}
	// the field is drawn first, under its text
	items = append([]Item{&Box{Rect: field, Fill: st.Accent, Role: RoleArtifact}}, items...)
	if fig != nil && fig.Vector != nil {
		items = append(items, fig)
	}

	// under the field: the audience and other blocks
	y = place(below, fieldBottom-frame.Y+MM(2))

	// the foot: the call to action on a band of the accent colour, and
	// the draft notice above it
	pad := MM(3)
	ah := 0.0
	for _, b := range action {
		ah += b.height
	}
	bottom := frame.H
	if len(action) > 0 {
		// the band runs from above the action to the panel's foot (and
		// into the bleed); the action's last line ends on the frame's
		band := Rect{area.X, frame.Y + frame.H - ah - pad, area.W, 0}
		band.H = area.Y + area.H - band.Y
		if bleed {
			band.H += Bleed
			if area.X == 0 {
				band.X -= Bleed
			}
			band.W += Bleed
		}
		items = append(items, &Box{Rect: band, Fill: st.Accent, Role: RoleArtifact})
		place(action, band.Y-frame.Y+pad)
		bottom = band.Y - frame.Y - MM(4)
	}
	if logo := doc.Org.Logo; logo != nil {
		bottom = f.logo(doc, logo, frame, bottom, root, &items)
	}
	if len(doc.Draft) > 0 {
		bottom = f.draftNotice(doc.Draft, frame, bottom, root, &items)
	}
	return items, y - bottom
}

// draftNotice sets the notice that a translation has not been checked, in
// the leaflet's language and in the source language, in a ruled box that
// ends at bottom (from the frame's top). It returns the top of the box.
func (f *flow) draftNotice(notice []content.Text, frame Rect, bottom float64, root int, items *[]Item) float64 {
	st := f.style
	size := 9.5 // the same on every cover, whatever the body size
	pad := MM(2.5)
	var ls []block
	for i, t := range notice {
		e := f.elem(RoleParagraph, root, t.ID)
		lines := f.setText(t, size, i == 0, st.Text, pad, f.width-2*pad, RoleParagraph, e, "")
		if i > 0 {
			lines[0].before = size * 0.3
		}
		ls = append(ls, lines...)
	}
	h := 2 * pad
	for _, b := range ls {
		h += b.before + b.height
	}
	top := bottom - h
	y := top + pad
	for _, b := range ls {
		y += b.before
		*items = append(*items, f.draw([]placed{{b, y}}, frame)...)
		y += b.height
	}
	const rule = 1.0
	for _, r := range []Rect{
		{frame.X, frame.Y + top, frame.W, rule},
		{frame.X, frame.Y + bottom - rule, frame.W, rule},
		{frame.X, frame.Y + top, rule, h},
		{frame.X + frame.W - rule, frame.Y + top, rule, h},
	} {
		*items = append(*items, &Box{Rect: r, Fill: st.Accent, Role: RoleArtifact})
	}
	return top - MM(4)
}

// Logo sizes: a logo is fitted into this box, at the start of the line.
var logoBox = Size{MM(40), MM(16)}

// logo places the organisation's logo on the cover with its foot at bottom
// (from the frame's top), at the start side, and returns the space left
// above it. Its alternate text is the organisation's name. A raster logo
// that would print below 300 dpi is a warning.
func (f *flow) logo(doc *content.Document, logo *content.Logo, frame Rect, bottom float64, root int, items *[]Item) float64 {
	aspect := 1.0
	switch {
	case logo.Image != nil && logo.Image.Height > 0:
		aspect = float64(logo.Image.Width) / float64(logo.Image.Height)
	case logo.Vector != nil && logo.Vector.ViewBox[3] > 0:
		aspect = logo.Vector.ViewBox[2] / logo.Vector.ViewBox[3]
	}
	w := min(logoBox.W, logoBox.H*aspect)
	h := w / aspect
	x := frame.X
	if f.rtl {
		x = frame.X + frame.W - w
	}
	e := f.elem(RoleFigure, root, "")
	pic := &Picture{Rect: Rect{x, frame.Y + bottom - h, w, h}, Alt: doc.Org.Name, Role: RoleFigure, Elem: e, Color: f.style.Accent}
	if src := doc.Leaflet.Source; src != "" && src != doc.Lang {
		f.res.Elems[e].Lang = src
	}
	switch {
	case logo.Image != nil:
		pic.Image = logo.Image
		if dpi := float64(logo.Image.Width) / (w / 72); dpi < 300 {
			d := f.diags.Warnf(logo.Pos, "%s: the logo %q prints at %.0f dpi on the front cover", f.where, logo.File, dpi)
			d.Hint = fmt.Sprintf("use an image of at least %.0f pixels wide for print (300 dpi at %.0f mm)", math.Ceil(300*w/72), ToMM(w))
		}
	default:
		pic.Vector = logo.Vector
		if c, ok := hexColor(logo.Vector.Fill); ok {
			pic.Color = c
		}
	}
	*items = append(*items, pic)
	return bottom - h - MM(4)
}

// hexColor reads a "#rrggbb" colour.
func hexColor(s string) (Color, bool) {
	var c Color
	if len(s) != 7 || s[0] != '#' {
		return c, false
	}
	if _, err := fmt.Sscanf(s, "#%02x%02x%02x", &c.R, &c.G, &c.B); err != nil {
		return c, false
	}
	return c, true
}
