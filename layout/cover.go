// SPDX-License-Identifier: MIT

package layout

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"leaflet/content"
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
	p, _ := f.paragraph(t, spec{size: size, bold: true})
	p.Balance = true
	lines, _ := f.shaper.Lines(p, f.width, p.Isolates)
	return len(lines)
}

// widest returns the width of the widest line of t set bold at size in a
// column too narrow for two words: the longest unbreakable stretch.
func (f *flow) widest(t content.Text, size float64) float64 {
	p, _ := f.paragraph(t, spec{size: size, bold: true})
	lines, _ := f.shaper.Lines(p, 1, p.Isolates)
	w := 0.0
	for _, l := range lines {
		w = max(w, l.Width)
	}
	return w
}

// cover lays out the front cover (area), the same design in every
// language: white type on the accent colour over the whole panel — the
// organisation's name, the cover picture, and the title at display size
// with the subtitle ending 60 % of the way down in every language; under
// them the audience line and any other cover blocks, the logo (on a white
// plate) and the draft notice (on white); at the foot, under a white rule,
// the call to action with the phone number. The colour runs into the bleed
// of the print shop's file (bleed); in the office file it stops 5 mm
// inside the sheet's edges, which office printers cannot print to; in
// both it stops 5 mm short of the fold. frame is where text may go. Where
// the texts are long the title steps down, then the picture shrinks and
// goes, then the title ends lower.
func (f *flow) cover(doc *content.Document, secs []content.DocSection, frame, area Rect, root int, bleed bool) []Item {
	nElems, nd := len(f.res.Elems), len(*f.diags)
	var fits []coverFit
	for _, field := range []float64{0.6, 0.68} {
		for _, pic := range []float64{30, 22, 0} {
			steps := 3
			if pic == 0 {
				steps = len(coverTitles)
			}
			for down := 0; down < steps; down++ {
				fits = append(fits, coverFit{field: field, picture: MM(pic), title: down})
			}
		}
	}
	f.balance = true
	defer func() { f.balance = false }()
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
	f.overflow([]block{{height: over, msgID: "cover"}}, "panel "+FrontCover.String())
	return items
}

// coverFit is one way to set the cover: where the title and subtitle end,
// as a share of the panel's height from its top, the picture's side (0:
// none) and how many sizes the title steps down from the largest that
// fits.
type coverFit struct {
	field, picture float64
	title          int
}

// The cover's band for the call to action, and the inset of the colour
// from the sheet's edges in the office file.
var (
	coverBand  = MM(27)
	coverInset = MM(5)
)

// coverAt lays the cover out one way and returns how much it overflows.
func (f *flow) coverAt(doc *content.Document, secs []content.DocSection, frame, area Rect, root int, bleed bool, fit coverFit) ([]Item, float64) {
	st := f.style
	var items []Item
	place := func(ls []block, y float64) float64 {
		for i, b := range ls {
			if i > 0 {
				y += b.before
			}
			items = append(items, f.draw([]placed{{&b, y}}, frame)...)
			y += b.height
		}
		return y
	}
	// the texts, set in reading order: the organisation, the title, the
	// subtitle, the audience and other blocks, the action, the picture
	orgText := content.Text{Runs: []content.Run{{Text: doc.Org.Name, Strong: true}}}
	org := f.elem(RoleParagraph, root, "")
	if src := doc.SourceLang; src != "" && src != doc.Lang {
		f.res.Elems[org].Lang = src
	}
	orgLines := f.setText(orgText, spec{size: coverOrg, bold: true, color: white, width: f.width, role: RoleParagraph, elem: org})
	var title, below, action []block
	saved := f.style.Leading
	for _, s := range secs {
		for _, b := range s.Blocks {
			switch b.Kind {
			case content.Title:
				e := f.elem(RoleTitle, root, b.Texts[0].ID)
				f.style.Leading = 1.12
				title = append(title, f.setText(b.Texts[0], spec{size: f.titleSize(b.Texts[0], fit.title), bold: true, color: white, width: f.width, role: RoleTitle, elem: e})...)
				f.style.Leading = saved
			case content.Subtitle:
				e := f.elem(RoleParagraph, root, b.Texts[0].ID)
				ls := f.setText(b.Texts[0], spec{size: coverSubtitle, color: white, width: f.width, role: RoleParagraph, elem: e})
				ls[0].before = MM(3)
				title = append(title, ls...)
			case content.Audience:
				e := f.elem(RoleParagraph, root, b.Texts[0].ID)
				ls := f.setText(b.Texts[0], spec{size: coverAudience, bold: true, color: white, width: f.width, role: RoleParagraph, elem: e})
				ls[0].before = MM(6)
				below = append(below, ls...)
			case content.Action:
				e := f.elem(RoleParagraph, root, b.Texts[0].ID)
				action = append(action, f.action(b.Texts[0], e)...)
			default:
				f.blocks = nil
				f.addBlock(b, MM(4), root, "")
				below = append(below, f.blocks...)
			}
		}
	}
	var fig *Picture
	if er := doc.EasyRead; fit.picture > 0 && er != nil && er.Cover != nil && er.Cover.Image == nil {
		e := f.elem(RoleFigure, root, "")
		fig = f.picture(*er.Cover, Rect{}, e, f.diags)
		fig.Color = white
	}

	// the colour, over the whole panel: inset from the edges of the
	// sheet in the office file, into the bleed in the print shop's, and
	// short of the fold in both, so that a fold a little off leaves no
	// sliver of it on the back cover
	field := area
	switch {
	case bleed:
		field.Y, field.H = field.Y-Bleed, field.H+2*Bleed
		if area.X == 0 { // the sheet's left edge; the fold on the right
			field.X, field.W = field.X-Bleed, field.W+Bleed-coverInset
		} else {
			field.X, field.W = field.X+coverInset, field.W-coverInset+Bleed
		}
	default:
		field = Rect{area.X + coverInset, area.Y + coverInset, area.W - 2*coverInset, area.H - 2*coverInset}
	}
	band := Rect{frame.X, area.Y + area.H - coverBand, frame.W, coverBand - coverInset}
	items = append(items, &Box{Rect: field, Fill: st.Accent, Role: RoleArtifact})
	fieldFoot := area.Y + area.H*fit.field - frame.Y // from the frame's top

	// in the field: the organisation at the top over a rule, the
	// picture, and the title and subtitle ending a little above its foot
	y := place(orgLines, 0)
	items = append(items, &Box{Rect: Rect{frame.X, frame.Y + y + MM(2), frame.W, 0.75}, Fill: white, Role: RoleArtifact})
	y += MM(8)
	if fig != nil && fig.Vector != nil {
		x := frame.X
		if f.rtl {
			x = frame.X + frame.W - fit.picture
		}
		fig.Rect = Rect{x, frame.Y + y, fit.picture, fit.picture}
		items = append(items, fig)
		y += fit.picture + MM(5)
	}
	top := fieldFoot - MM(9) - stack(title).height
	over := y - top
	place(title, top)

	// under the title: the audience and other blocks; at the foot the
	// call to action under a white rule, and above it the logo and the
	// draft notice
	y = place(below, fieldFoot+MM(6))
	bottom := band.Y - frame.Y - MM(5)
	if len(action) > 0 {
		// a white rule over the call to action, centred under it
		items = append(items, &Box{Rect: Rect{band.X, band.Y, band.W, 0.75}, Fill: white, Role: RoleArtifact})
		ah := stack(action).height
		place(action, band.Y-frame.Y+(band.H-ah)/2)
		over = max(over, ah-(band.H-MM(4)))
	}
	if logo := doc.Org.Logo; logo != nil {
		bottom = f.logo(doc, logo, frame, bottom, root, &items)
	}
	if len(doc.Draft) > 0 {
		bottom = f.draftNotice(doc.Draft, frame, bottom, root, &items)
	}
	return items, max(over, y-bottom)
}

// action sets a call to action: its question on a line of its own and
// the call, with the phone number, kept on one line where it fits, at 13 pt
// or a little smaller.
func (f *flow) action(t content.Text, elem int) []block {
	question, call := splitQuestion(t)
	kept := call
	kept.Runs = append([]content.Run(nil), call.Runs...)
	for i := range kept.Runs {
		kept.Runs[i].NoBreak = true
	}
	sizes := []float64{coverAction, coverAction - 1, coverAction - 2}
	for _, size := range sizes {
		fits := f.widest(kept, size) <= f.width && (len(question.Runs) == 0 || f.lineCount(question, size) == 1)
		if !fits && size != sizes[len(sizes)-1] {
			continue
		}
		var out []block
		if len(question.Runs) > 0 {
			out = append(out, f.setText(question, spec{size: size, bold: true, color: white, width: f.width, role: RoleParagraph, elem: elem})...)
		}
		if f.widest(kept, size) <= f.width {
			return append(out, f.setText(kept, spec{size: size, bold: true, color: white, width: f.width, role: RoleParagraph, elem: elem})...)
		}
		return append(out, f.setText(call, spec{size: size, bold: true, color: white, width: f.width, role: RoleParagraph, elem: elem})...)
	}
	return nil
}

// splitQuestion splits a text after its first question mark (in any
// script's form) followed by a space: "Questions or concerns?" and "Call
// 01604 364036". A text without one is all call.
func splitQuestion(t content.Text) (question, call content.Text) {
	question, call = t, t
	question.Runs, call.Runs = nil, nil
	found := false
	for _, r := range t.Runs {
		if found {
			call.Runs = append(call.Runs, r)
			continue
		}
		i := strings.IndexAny(r.Text, "?؟？")
		if i < 0 {
			question.Runs = append(question.Runs, r)
			continue
		}
		_, w := utf8.DecodeRuneInString(r.Text[i:])
		q, c := r, r
		q.Text, c.Text = r.Text[:i+w], strings.TrimLeft(r.Text[i+w:], " ")
		question.Runs = append(question.Runs, q)
		if c.Text != "" {
			call.Runs = append(call.Runs, c)
		}
		found = true
	}
	if !found || len(call.Runs) == 0 {
		return content.Text{ID: t.ID, Pos: t.Pos, Lang: t.Lang}, t
	}
	return question, call
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
		lines := f.setText(t, spec{size: size, bold: i == 0, color: st.Text, x: pad, width: f.width - 2*pad, role: RoleParagraph, elem: e})
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
	// on a white ground, over the cover's colour
	*items = append(*items, &Box{Rect: Rect{frame.X, frame.Y + top, frame.W, h}, Fill: white, Role: RoleArtifact})
	y := top + pad
	for _, b := range ls {
		y += b.before
		*items = append(*items, f.draw([]placed{{&b, y}}, frame)...)
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
	if src := doc.SourceLang; src != "" && src != doc.Lang {
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
	pic = fitted(pic)
	// on a white plate, whatever its colours, over the cover's
	plate := MM(2)
	*items = append(*items, &Box{Rect: Rect{pic.X - plate, pic.Y - plate, pic.W + 2*plate, pic.H + 2*plate}, Fill: white, Role: RoleArtifact})
	*items = append(*items, pic)
	return bottom - h - MM(4) - plate
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
