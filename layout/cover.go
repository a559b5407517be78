// SPDX-License-Identifier: MIT

package layout

import (
	"leaflet/content"
)

// Cover type sizes, in points: the title and subtitle do not scale with the
// body size.
const (
	coverTitle    = 26
	coverSubtitle = 15
)

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
	org := f.elem(RoleParagraph, root, "")
	y := place(f.setText(content.Text{Runs: []content.Run{{Text: doc.Org.Name, Strong: true}}}, st.Body, true, st.Accent, 0, f.width, RoleParagraph, org, ""), 0)
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
				y = place(f.setText(b.Texts[0], coverTitle, true, st.Accent, 0, f.width, RoleTitle, e, ""), y)
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
	if y > frame.H-band-MM(4) {
		f.overflow([]block{{height: y - (frame.H - band - MM(4)), msgID: "cover"}}, "panel "+FrontCover)
	}
	items = append(items, &Box{Rect: Rect{frame.X, frame.Y + frame.H - band, frame.W, band}, Fill: st.Accent, Role: RoleArtifact})
	return items
}
