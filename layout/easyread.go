// SPDX-License-Identifier: MIT

package layout

import (
	"fmt"

	"leaflet/content"
	"leaflet/fonts"
	"leaflet/layout/text"
	"leaflet/pictures"
)

// EasyRead is the easy-read edition for people with learning
// disabilities: A4 portrait, a picture on the left of every point (on the
// right for right-to-left languages) and its sentences beside it, each
// sentence on a line of its own, 16 pt or larger. A point never splits
// across pages. The cover has the title, a picture and the words "Easy
// read"; the content file ends with the contact details.
type EasyRead struct {
	Size  float64
	Style Style
	// Margin, Top and Bottom are the page margins; Picture is the side of
	// a point's picture as a fraction of the column; Gap separates the
	// picture from the words, Space one point from the next.
	Margin, Top, Bottom float64
	Picture             float64
	Gap, Space          float64
	// MaxPages is the most pages an easy-read document may have.
	MaxPages int
	// MaxWords is the most words a sentence should have.
	MaxWords int
}

// EasyReadDefault is the easy-read body size; it may be larger, never
// smaller.
const EasyReadDefault = 16

// NewEasyRead returns the easy-read edition at the given body size.
func NewEasyRead(size float64) EasyRead {
	return EasyRead{
		Size: size,
		Style: Style{
			Body: size, Leading: 1.4, Heading: 1.4,
			HeadingSpace: 1.2, HeadingAfter: 0.6, ParaSpace: 0.6, ItemSpace: 0.4,
			Text: Color{0x00, 0x00, 0x00}, Accent: Color{0x1f, 0x4e, 0x79}, Rule: Color{0x1f, 0x4e, 0x79},
		},
		Margin: MM(18), Top: MM(18), Bottom: MM(18) + size*2,
		Picture: 0.3, Gap: MM(8), Space: MM(7),
		MaxPages: 24, MaxWords: 15,
	}
}

func (er EasyRead) String() string { return "easy-read" }

// Family is the text family, as for large print.
func (EasyRead) Family() string { return "AtkinsonHyperlegibleNext" }

// Layout lays out the document's easy-read structure.
func (er EasyRead) Layout(doc *content.Document, set *fonts.Set, sh *text.Shaper) (*Result, content.Diagnostics) {
	var diags content.Diagnostics
	st := er.Style
	st.Leading = leadingFor(doc.Lang, st.Leading)
	res := &Result{BodySize: er.Size, Title: doc.Title, Author: doc.Org.Name, Subject: doc.Subtitle, Lang: doc.Lang}
	frame := Rect{er.Margin, er.Top, A4Portrait.W - 2*er.Margin, A4Portrait.H - er.Top - er.Bottom}
	f := &flow{shaper: sh, fonts: set, style: st, width: frame.W, lang: doc.Lang, rtl: doc.RTL,
		res: res, diags: &diags, where: fmt.Sprintf("%s %s", doc.Lang, er), doc: doc}
	if doc.EasyRead == nil {
		diags.Errorf(content.Pos{File: doc.Leaflet.File}, "%s: the leaflet has no easy-read text", f.where).Hint =
			"add an [easy_read] table with sections of points; see docs/formats.md"
		return nil, diags
	}
	root := -1
	lh := st.line()
	pic := frame.W * er.Picture
	textX, textW := pic+er.Gap, frame.W-pic-er.Gap

	// The cover: the organisation, the title, the picture, "Easy read".
	f.blocks = append(f.blocks, f.orgName(doc, root)...)
	if doc.Title != "" {
		e := f.elem(RoleTitle, root, "cover.title")
		t := content.Text{Runs: []content.Run{{Text: doc.Title}}, ID: "cover.title"}
		ls := f.setText(t, st.Body*2, true, st.Accent, 0, f.width, RoleTitle, e, "")
		ls[0].before = lh * 1.5
		ls[0].bookmark = doc.Title
		f.blocks = append(f.blocks, ls...)
	}
	if c := doc.EasyRead.Cover; c != nil {
		side := frame.W * 0.45
		fig := f.elem(RoleFigure, root, "")
		b := block{before: lh, height: side, items: []Item{f.picture(*c, Rect{(frame.W - side) / 2, 0, side, side}, fig, &diags)}}
		f.blocks = append(f.blocks, b)
	}
	{
		e := f.elem(RoleParagraph, root, doc.EasyRead.Label.ID)
		ls := f.setText(doc.EasyRead.Label, st.Body*2, true, st.Text, 0, f.width, RoleParagraph, e, "")
		ls[0].before = lh
		f.blocks = append(f.blocks, centre(ls, f.width)...)
	}
	for i, t := range doc.Draft {
		e := f.elem(RoleParagraph, root, t.ID)
		ls := f.setText(t, st.Body, i == 0, st.Text, 0, f.width, RoleParagraph, e, "")
		ls[0].before = lh * 0.5
		if i == 0 {
			ls[0].before = lh * 1.5
		}
		f.blocks = append(f.blocks, ls...)
	}

	// The sections, from a new page: each point one unbreakable block.
	for si, s := range doc.EasyRead.Sections {
		name := ""
		if s.Heading != nil {
			name = s.Heading.String()
			h := f.elem(RoleHeading, root, s.Heading.ID)
			ls := f.setText(*s.Heading, st.Body*st.Heading, true, st.Accent, 0, f.width, RoleHeading, h, name)
			ls[0].before = st.HeadingSpace * lh
			ls[0].bookmark = name
			ls[0].newPage = si == 0
			for i := range ls {
				ls[i].keep = true
			}
			f.blocks = append(f.blocks, ls...)
		}
		for pi, p := range s.Points {
			group := f.elem("Div", root, "")
			fig := f.elem(RoleFigure, group, "")
			var lines []block
			for ti, t := range p.Texts {
				if n := words(t.String()); n > er.MaxWords {
					d := diags.Warnf(t.Pos, "%s: message %q has a sentence of %d words", f.where, t.ID, n)
					d.Hint = fmt.Sprintf("easy read keeps sentences to %d words or fewer, one idea each", er.MaxWords)
				}
				e := f.elem(RoleParagraph, group, t.ID)
				ls := f.setText(t, st.Body, false, st.Text, textX, textW, RoleParagraph, e, name)
				if ti > 0 {
					ls[0].before = st.ParaSpace * lh
				}
				lines = append(lines, ls...)
			}
			b := stack(lines)
			b.before = er.Space
			if pi == 0 {
				b.before = st.HeadingAfter * lh
			}
			// the words sit beside the picture, centred on it when shorter
			th := b.height
			b.height = max(th, pic)
			if th < pic {
				shift(b.items, (pic-th)/2)
			}
			x := 0.0
			if doc.RTL {
				x = frame.W - pic
			}
			b.items = append([]Item{f.picture(p.Picture, Rect{x, 0, pic, pic}, fig, &diags)}, b.items...)
			if len(p.Texts) > 0 {
				b.msgID, b.pos = p.Texts[0].ID, p.Pos
			}
			b.section = name
			f.blocks = append(f.blocks, b)
		}
	}
	// The offer in other languages, after the contact details, when the
	// leaflet has a languages block.
	for _, s := range doc.Sections {
		for _, b := range s.Blocks {
			if b.Kind == content.Languages {
				f.addBlock(b, er.Space, root, "")
			}
		}
	}
	pages := paginate(f.blocks, frame)
	res.Pages = f.pageEdition(doc, pages, A4Portrait, frame, A4Portrait.H-MM(18), &diags)
	if len(res.Pages) > er.MaxPages {
		d := diags.Errorf(content.Pos{File: doc.Leaflet.File}, "%s: %d pages; easy read has at most %d", f.where, len(res.Pages), er.MaxPages)
		d.Hint = "shorten the easy-read text, or choose a smaller size"
	}
	return res, diags
}

// picture returns the picture item for p in r (relative to its block).
func (f *flow) picture(p content.DocPicture, r Rect, elem int, diags *content.Diagnostics) *Picture {
	out := &Picture{Rect: r, Color: f.style.Accent, Alt: p.Alt, Role: RoleFigure, Elem: elem}
	switch {
	case p.Image != nil:
		out.Image = p.Image
		// 300 dpi at the printed size, or the picture looks soft in print
		if dpi := float64(min(p.Image.Width, p.Image.Height)) / (r.W / 72); dpi < 300 {
			d := diags.Warnf(p.Pos, "%s: picture %q prints at %.0f dpi", f.where, p.File, dpi)
			d.Hint = fmt.Sprintf("use an image of at least %.0f pixels a side for print", 300*r.W/72)
		}
	default:
		v, err := pictures.Lookup(p.Name)
		if err != nil {
			diags.Errorf(p.Pos, "%s: %v", f.where, err)
			return out
		}
		out.Vector = v
	}
	return out
}

// stack joins lines into one block, keeping their vertical spacing.
func stack(lines []block) block {
	var b block
	y := 0.0
	for i, l := range lines {
		if i > 0 {
			y += l.before
		}
		items := append([]Item(nil), l.items...)
		shift(items, y)
		b.items = append(b.items, items...)
		y += l.height
	}
	b.height = y
	return b
}

// shift moves items down by dy.
func shift(items []Item, dy float64) {
	for i, it := range items {
		items[i] = moved(it, 0, dy)
	}
}

// centre centres each line in the column.
func centre(ls []block, width float64) []block {
	for i := range ls {
		lo, w := minX(ls[i].items), lineWidth(ls[i].items)
		for j, it := range ls[i].items {
			c := *it.(*GlyphRun)
			c.X += (width-w)/2 - lo
			ls[i].items[j] = &c
		}
	}
	return ls
}
