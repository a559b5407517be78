// SPDX-License-Identifier: MIT

package layout

import (
	"fmt"

	"leaflet/content"
	"leaflet/fonts"
	"leaflet/layout/text"
)

// A6Portrait is the page of the screen edition: 105 x 148 mm, about the
// shape of a phone's screen held upright.
var A6Portrait = Size{MM(105), MM(148)}

// Screen is the edition to read on a phone or attach to an email: the
// leaflet reflowed into one column on pages of one size (A6 portrait),
// never the printed panels cut apart. The body is 12 pt, which a phone
// showing the page's width renders about as large as its own text; there
// is no QR code (the reader is already on a screen), the phone numbers,
// email and web addresses are links, and the offer in other languages is
// at the body size. Page 1 opens with the title, subtitle, who the
// leaflet is for, the call to action and the organisation; the sections
// follow in reading order, then the contact details — the block whole,
// with its heading and the web address — and the languages last, under
// their heading. Every section has a bookmark.
type Screen struct {
	Style Style
	// Side is the margin at each side; Top and Bottom from the page's
	// edges (the page number sits in the bottom margin).
	Side, Top, Bottom float64
}

// NewScreen returns the screen edition.
func NewScreen() Screen {
	const body = 12
	return Screen{
		Style: Style{
			Body: body, Leading: 1.35, Heading: 1.25,
			HeadingSpace: 0.9, HeadingAfter: 0.3, ParaSpace: 0.6, ItemSpace: 0.25,
			Indent: MM(5), KeepShort: 3,
			Text: Color{0x00, 0x00, 0x00}, Accent: Color{0x1f, 0x4e, 0x79}, Rule: Color{0x9d, 0xbc, 0xdb},
		},
		Side: MM(8), Top: MM(8), Bottom: MM(8) + body*1.6,
	}
}

func (s Screen) String() string { return "screen" }

// Family is the text family: the tri-fold's, Noto Sans.
func (Screen) Family() string { return "NotoSans" }

// frame returns the text column.
func (s Screen) frame() Rect {
	return Rect{s.Side, s.Top, A6Portrait.W - 2*s.Side, A6Portrait.H - s.Top - s.Bottom}
}

// Layout lays out the document.
func (s Screen) Layout(doc *content.Document, set *fonts.Set, sh *text.Shaper) (*Result, content.Diagnostics) {
	var diags content.Diagnostics
	st := s.Style
	st.Leading = leadingFor(doc.Lang, st.Leading)
	res := &Result{BodySize: st.Body, Title: doc.Title, Author: doc.Org.Name, Subject: doc.Subtitle, Lang: doc.Lang}
	frame := s.frame()
	f := newFlow(doc, set, sh, st, frame.W, fmt.Sprintf("%s %s", doc.Lang, s), res, &diags)
	f.linkColor = st.Accent
	root := -1
	lh := st.line()
	secs := doc.Linear()

	// The opening: title, subtitle, audience and call to action, the
	// organisation under a rule, the draft notice.
	for _, b := range secs.Cover {
		switch b.Kind {
		case content.Title:
			saved := f.style.Leading
			f.style.Leading = leadingFor(doc.Lang, 1.2)
			n := len(f.blocks)
			first := f.addLine(b.Texts[0], RoleTitle, st.Body*1.75, true, st.Accent, 0, root)
			f.style.Leading = saved
			// at this tight leading the first line's ascenders may rise
			// above the line: move it down into the page
			if over := -itemsTop(first.items); over > 0 {
				shift(first.items, over)
				first.height += over
			}
			first.bookmark = doc.Title
			// and a line of a title too long for a page, when a page
			// starts or ends with it, keeps its ink on the page
			for i := n; i < len(f.blocks); i++ {
				b := &f.blocks[i]
				b.rise, b.sink = max(0, -itemsTop(b.items)), max(0, itemsBottom(b.items)-b.height)
			}
		case content.Subtitle, content.Audience:
			f.addLine(b.Texts[0], RoleParagraph, st.Body, false, st.Text, lh*0.3, root)
		case content.Action:
			f.addLine(b.Texts[0], RoleParagraph, st.Body, true, st.Accent, lh*0.6, root)
		default:
			f.addBlock(b, st.ParaSpace*lh, root, "")
		}
	}
	org := f.orgName(doc, root)
	org[0].before = lh * 0.6
	f.blocks = append(f.blocks, org...)
	rule := block{before: lh * 0.3, height: 1.5, items: []Item{&Box{Rect: Rect{0, 0, f.width, 1.5}, Fill: st.Accent, Role: RoleArtifact}}}
	f.blocks = append(f.blocks, rule)
	f.addDraft(doc, lh*0.6, lh*0.3, root)

	keepAll(f.blocks) // the opening is one group

	// The sections in reading order, how to get in touch, the languages.
	f.addSections(secs.Text, root)
	keeps := f.addContact(secs.Back, root)
	f.addLanguages(secs, root, keeps, &diags)
	pages := breakPages(f.blocks, frame, keeps)
	res.Pages = f.pageEdition(doc, pages, A6Portrait, frame, A6Portrait.H-MM(8), &diags)
	return res, diags
}

// keepAll keeps lines together.
func keepAll(ls []block) {
	for i := 0; i < len(ls)-1; i++ {
		ls[i].keep = true
	}
}

// itemsBottom returns the foot of the lowest item, relative to its block.
func itemsBottom(items []Item) float64 {
	y := 0.0
	for _, it := range items {
		b := it.Bounds()
		y = max(y, b.Y+b.H)
	}
	return y
}

// itemsTop returns the top of the highest item, relative to its block.
func itemsTop(items []Item) float64 {
	y := 0.0
	for _, it := range items {
		y = min(y, it.Bounds().Y)
	}
	return y
}
