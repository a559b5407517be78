// SPDX-License-Identifier: MIT

package layout

import (
	"fmt"
	"math"

	"leaflet/content"
	"leaflet/fonts"
	"leaflet/layout/text"
)

// LargePrint is the large-print edition: A4 portrait, one column, laid out
// afresh (never an enlarged tri-fold) at the reader's size. Everything —
// headings, page numbers, the quotation's source, contact details — is set
// at the body size or larger; lines are at most about 65 characters, wider
// margins rather than longer lines; nothing is justified, hyphenated or
// italic. Page 1 holds the organisation, the title and the contact details;
// then the sections follow in reading order, and the languages last.
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

// Layout lays out the document. Page 1 holds the organisation, the title
// and subtitle, who the leaflet is for, and how to get in touch — the
// contact block whole, with its heading and the web address; the sections
// follow in reading order, flowing on rather than each from a new page,
// and the offer of the leaflet in other languages comes last, under its
// own heading. Page breaks are chosen over the whole flow (breakPages):
// no page but the last is under a third full, no heading or contact block
// is split from what follows it, no word is divided across two pages.
func (lp LargePrint) Layout(doc *content.Document, set *fonts.Set, sh *text.Shaper) (*Result, content.Diagnostics) {
	var diags content.Diagnostics
	st := lp.Style
	st.Leading = leadingFor(doc.Lang, st.Leading)
	res := &Result{BodySize: lp.Size, Title: doc.Title, Author: doc.Org.Name, Subject: doc.Subtitle, Lang: doc.Lang}
	frame := lp.frame(doc.RTL)
	f := newFlow(doc, set, sh, st, frame.W, fmt.Sprintf("%s %s %gpt", doc.Lang, lp, lp.Size), res, &diags)
	root := -1
	lh := st.line()
	secs := doc.Linear()

	// Page 1: the organisation, the title and subtitle, the audience, the
	// draft notice, and how to get in touch.
	f.blocks = append(f.blocks, f.orgName(doc, root)...)
	for _, b := range secs.Cover {
		switch b.Kind {
		case content.Title:
			first := f.addLine(b.Texts[0], RoleTitle, f.largestFit(b.Texts[0], 1.6), true, st.Accent, lh, root)
			first.bookmark = doc.Title
		case content.Subtitle, content.Audience:
			f.addLine(b.Texts[0], RoleParagraph, st.Body, false, st.Text, lh*0.3, root)
		case content.Action:
			// the contact details follow on this page: the call to
			// action would only say the phone number twice
		default:
			f.addBlock(b, st.ParaSpace*lh, root, "")
		}
	}
	keepAll(f.blocks) // the opening is one group
	keeps := f.addContact(secs.Back, root)
	// a draft's notice after the contact details, so that they share
	// page 1 with the title
	draft := len(f.blocks)
	f.addDraft(doc, lh, lh*0.5, root)
	for k := draft; k < len(f.blocks)-1; k++ {
		keeps[k] = costIntro // the notice in both languages together
	}

	// Then every section in reading order, and the languages last.
	f.addSections(secs.Text, root)
	f.addLanguages(secs, root, keeps, &diags)
	pages := breakPages(f.blocks, frame, keeps)
	res.Pages = f.pageEdition(doc, pages, A4Portrait, frame, A4Portrait.H-MM(20), &diags)
	if lp.Size > 28 {
		d := diags.Warnf(content.Pos{}, "%s: at %g pt the leaflet runs to %d pages", f.where, lp.Size, len(res.Pages))
		d.Hint = "readers who need print this large may be better served by audio or e-text as well (UKAAF)"
	}
	return res, diags
}

// largestFit returns the size, at most scale times the body and at least
// the body, at which every word of a heading or title fits the column, in
// steps of a tenth of the body: at large sizes a long word ("Wykorzystywanie")
// is wider than the column at 1.6 times the body. Words are never
// hyphenated; a word too wide even at the body size is reported when set.
func (f *flow) largestFit(t content.Text, scale float64) float64 {
	for k := math.Round((scale - 1) * 10); k > 0; k-- {
		if size := f.style.Body * (1 + k/10); f.widest(t, size) <= f.width {
			return size
		}
	}
	return f.style.Body
}
