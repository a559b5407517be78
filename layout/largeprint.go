// SPDX-License-Identifier: MIT

package layout

import (
	"fmt"

	"leaflet/content"
	"leaflet/fonts"
	"leaflet/layout/text"
)

// LargePrint is the large-print edition: A4 portrait, one column, laid out
// afresh (never an enlarged tri-fold) at the reader's size. Everything —
// headings, page numbers, the quotation's source, contact details — is set
// at the body size or larger; lines are at most about 65 characters, wider
// margins rather than longer lines; nothing is justified, hyphenated or
// italic. Page 1 holds the organisation, the title and the contact details,
// which come again at the end; then the sections follow in reading order.
type LargePrint struct {
	// Size is the body size in points, a whole number from 16 to 48.
	Size  float64
	Style Style
	// Margin is the least margin at each side; Top and Bottom from the
	// page's edges (the page number sits in the bottom margin).
	Margin, Top, Bottom float64
}

// Large print sizes: the default and the range readers may ask for.
const (
	LargePrintDefault = 18
	LargePrintMin     = 16
	LargePrintMax     = 48
)

// NewLargePrint returns the large-print edition at the given body size.
func NewLargePrint(size float64) LargePrint {
	return LargePrint{
		Size: size,
		Style: Style{
			Body: size, Leading: 1.4, Heading: 1.25,
			HeadingSpace: 1.0, HeadingAfter: 0.4, ParaSpace: 1.0, ItemSpace: 0.5,
			Indent: size * 1.4, KeepShort: 4,
			Text: Color{0x00, 0x00, 0x00}, Accent: Color{0x1f, 0x4e, 0x79}, Rule: Color{0x1f, 0x4e, 0x79},
		},
		Margin: MM(20), Top: MM(20), Bottom: MM(20) + size*2,
	}
}

func (lp LargePrint) String() string { return "large-print" }

// Family is the text family: Atkinson Hyperlegible Next, designed for
// low-vision readers; other scripts fall back to their own faces.
func (LargePrint) Family() string { return "AtkinsonHyperlegibleNext" }

// frame returns the text column: at most 34 em wide (about 65 characters),
// starting at the margin on the side text starts from.
func (lp LargePrint) frame(rtl bool) Rect {
	avail := A4Portrait.W - 2*lp.Margin
	w := min(avail, 34*lp.Size)
	x := lp.Margin
	if rtl {
		x = A4Portrait.W - lp.Margin - w
	}
	return Rect{x, lp.Top, w, A4Portrait.H - lp.Top - lp.Bottom}
}

// Layout lays out the document.
func (lp LargePrint) Layout(doc *content.Document, set *fonts.Set, sh *text.Shaper) (*Result, content.Diagnostics) {
	var diags content.Diagnostics
	st := lp.Style
	st.Leading = leadingFor(doc.Lang, st.Leading)
	res := &Result{BodySize: lp.Size, Title: doc.Title, Author: doc.Org.Name, Subject: doc.Subtitle, Lang: doc.Lang}
	frame := lp.frame(doc.RTL)
	f := &flow{shaper: sh, fonts: set, style: st, width: frame.W, lang: doc.Lang, rtl: doc.RTL,
		res: res, diags: &diags, where: fmt.Sprintf("%s %s %gpt", doc.Lang, lp, lp.Size), doc: doc}
	root := -1
	lh := st.line()

	// Page 1: the organisation, the title and subtitle, the draft notice,
	// and how to get in touch.
	f.blocks = append(f.blocks, f.orgName(doc, root)...)
	var contact []content.DocSection
	for _, s := range doc.Sections {
		switch s.Place {
		case content.Cover:
			for _, b := range s.Blocks {
				switch b.Kind {
				case content.Title:
					e := f.elem(RoleTitle, root, b.Texts[0].ID)
					ls := f.setText(b.Texts[0], st.Body*1.6, true, st.Accent, 0, f.width, RoleTitle, e, "")
					ls[0].before = lh
					ls[0].bookmark = doc.Title
					f.blocks = append(f.blocks, ls...)
				case content.Subtitle:
					e := f.elem(RoleParagraph, root, b.Texts[0].ID)
					ls := f.setText(b.Texts[0], st.Body, false, st.Text, 0, f.width, RoleParagraph, e, "")
					ls[0].before = lh * 0.3
					f.blocks = append(f.blocks, ls...)
				default:
					f.addBlock(b, st.ParaSpace*lh, root, "")
				}
			}
		case content.Back:
			c := s
			c.Blocks = nil
			for _, b := range s.Blocks {
				if b.Kind != content.Languages { // the full list comes at the end
					c.Blocks = append(c.Blocks, b)
				}
			}
			contact = append(contact, c)
		}
	}
	for i, t := range doc.Draft {
		e := f.elem(RoleParagraph, root, t.ID)
		ls := f.setText(t, st.Body, i == 0, st.Text, 0, f.width, RoleParagraph, e, "")
		ls[0].before = lh * 0.5
		if i == 0 {
			ls[0].before = lh
		}
		f.blocks = append(f.blocks, ls...)
	}
	first := len(f.blocks)
	f.addSections(contact, root)
	for i := first; i < len(f.blocks); i++ {
		f.blocks[i].bookmark = "" // the contact section is bookmarked at the end
	}

	// Then every section in reading order, from a new page.
	start := len(f.blocks)
	for _, place := range []content.Place{content.Inside, content.Flap, content.Back} {
		var secs []content.DocSection
		for _, s := range doc.Sections {
			if s.Place == place {
				secs = append(secs, s)
			}
		}
		f.addSections(secs, root)
	}
	if start < len(f.blocks) {
		f.blocks[start].newPage = true
	}
	pages := paginate(f.blocks, frame)
	res.Pages = f.pageEdition(doc, pages, A4Portrait, frame, A4Portrait.H-MM(20), &diags)
	if lp.Size > 28 {
		d := diags.Warnf(content.Pos{}, "%s: at %g pt the leaflet runs to %d pages", f.where, lp.Size, len(res.Pages))
		d.Hint = "readers who need print this large may be better served by audio or e-text as well (UKAAF)"
	}
	return res, diags
}
