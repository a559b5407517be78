// SPDX-License-Identifier: MIT

package layout

import (
	"leaflet/content"
	"leaflet/layout/text"
)

// Cover type sizes, in points: the title and subtitle do not scale with the
// body size. A title whose longest word is wider than the column at the
// first size is set at the first smaller size at which it fits: titles are
// never hyphenated.
var coverTitles = []float64{26, 24, 22, 20, 18}

const coverSubtitle = 15

// titleSize returns the largest cover title size at which every word of t
// fits the column.
func (f *flow) titleSize(t content.Text) float64 {
	for _, size := range coverTitles {
		if f.widest(t, size) <= f.width {
			return size
		}
	}
	return coverTitles[len(coverTitles)-1]
}

// widest returns the width of the widest line of t set bold at size in a
// column too narrow for two words: the longest unbreakable stretch.
func (f *flow) widest(t content.Text, size float64) float64 {
	p := text.Paragraph{Lang: f.lang, Size: size, RTL: f.rtl}
	for _, r := range t.Runs {
		start := len(p.Text)
		p.Text = append(p.Text, []rune(r.Text)...)
		p.Spans = append(p.Spans, text.Span{Start: start, End: len(p.Text), Bold: true})
	}
	lines, _ := f.shaper.Lines(p, 1, nil)
	w := 0.0
	for _, l := range lines {
		w = max(w, l.Width)
	}
	return w
}

// cover lays out the front cover in frame: the organisation's name at the
// top over a rule, the title and subtitle a little above the middle, other
// cover blocks under them, and a colour band at the foot.
func (f *flow) cover(doc *content.Document, secs []content.DocSection, frame Rect, root int) []Item {
	st := f.style
	var items []Item
	place := func(ls []block, y float64) float64 {
		for _, b := range ls {
			y += b.before
			for _, p := range f.draw([]placed{{b, y}}, frame) {
				items = append(items, p)
			}
			y += b.height
		}
		return y
	}
	y := place(f.orgName(doc, root), 0)
	y += MM(2)
	items = append(items, &Box{Rect: Rect{frame.X, frame.Y + y, frame.W, 1.5}, Fill: st.Accent, Role: RoleArtifact})

	y = max(y+MM(10), frame.H*0.28)
	saved := f.style.Leading
	for _, s := range secs {
		for _, b := range s.Blocks {
			switch b.Kind {
			case content.Title:
				e := f.elem(RoleTitle, root, b.Texts[0].ID)
				f.style.Leading = 1.15
				y = place(f.setText(b.Texts[0], f.titleSize(b.Texts[0]), true, st.Accent, 0, f.width, RoleTitle, e, ""), y)
				f.style.Leading = saved
			case content.Subtitle:
				e := f.elem(RoleParagraph, root, b.Texts[0].ID)
				y += MM(3)
				y = place(f.setText(b.Texts[0], coverSubtitle, false, st.Text, 0, f.width, RoleParagraph, e, ""), y)
			default:
				f.blocks = nil
				f.addBlock(b, 0, root, "")
				y += st.ParaSpace * st.line()
				y = place(f.blocks, y)
			}
		}
	}
	band := MM(6)
	bottom := frame.H - band - MM(4)
	if len(doc.Draft) > 0 {
		bottom = f.draftNotice(doc.Draft, frame, bottom, root, &items)
	}
	if y > bottom {
		f.overflow([]block{{height: y - bottom, msgID: "cover"}}, "panel "+FrontCover)
	}
	items = append(items, &Box{Rect: Rect{frame.X, frame.Y + frame.H - band, frame.W, band}, Fill: st.Accent, Role: RoleArtifact})
	return items
}

// draftNotice sets the notice that a translation has not been checked, in
// the leaflet's language and in the source language, in a ruled box that
// ends at bottom (from the frame's top). It returns the top of the box.
func (f *flow) draftNotice(notice []content.Text, frame Rect, bottom float64, root int, items *[]Item) float64 {
	st := f.style
	size := max(9, st.Body*0.85)
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
