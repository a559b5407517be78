// SPDX-License-Identifier: MIT

package layout

import (
	"fmt"
	"math"

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
	f := newFlow(doc, set, sh, st, frame.W, fmt.Sprintf("%s %s", doc.Lang, er), res, &diags)
	if doc.EasyRead == nil {
		diags.Errorf(content.Pos{File: doc.File}, "%s: the leaflet has no easy-read text", f.where).Hint =
			"add an [easy_read] table with sections of points; see docs/formats.md"
		return nil, diags
	}
	root := -1

	// The cover: the organisation, the title, the picture, "Easy read"
	// and any draft notice, on a page of their own.
	f.blocks = append(f.blocks, er.cover(f, doc, frame, root)...)
	// The sections, from a new page: each point one unbreakable block.
	for si, s := range doc.EasyRead.Sections {
		er.addSection(f, s, si == 0, frame, root)
	}
	// A leaflet whose easy read has no offer of its own languages gets the
	// tri-fold's languages block after the contact details.
	if !hasOffer(doc.EasyRead) {
		for _, s := range doc.Sections {
			for _, b := range s.Blocks {
				if b.Kind == content.Languages {
					f.addBlock(b, er.Space, root, "")
				}
			}
		}
	}
	pages := balancePages(f.blocks, frame)
	res.Pages = f.pageEdition(doc, pages, A4Portrait, frame, A4Portrait.H-MM(18), &diags)
	if len(res.Pages) > er.MaxPages {
		d := diags.Errorf(content.Pos{File: doc.File}, "%s: %d pages; easy read has at most %d", f.where, len(res.Pages), er.MaxPages)
		d.Code = content.CodeOverflow
		d.Hint = "shorten the easy-read text, or choose a smaller size"
	}
	return res, diags
}

// addSection appends an easy-read section to the flow: its heading (on a
// new page for the first) and its points, each beside its picture.
func (er EasyRead) addSection(f *flow, s content.DocERSection, first bool, frame Rect, root int) {
	st := f.style
	name := ""
	if s.Heading != nil {
		name = s.Heading.String()
		h := f.elem(RoleHeading, root, s.Heading.ID)
		ls := f.setText(*s.Heading, spec{size: st.Body * st.Heading, bold: true, color: st.Accent, width: f.width, role: RoleHeading, elem: h, section: name})
		ls[0].before = st.HeadingSpace * st.line()
		ls[0].bookmark = name
		ls[0].newPage = first
		for i := range ls {
			ls[i].keep = true
		}
		f.blocks = append(f.blocks, ls...)
	}
	for pi, p := range s.Points {
		before := er.Space
		if pi == 0 {
			before = st.HeadingAfter * st.line()
		}
		f.blocks = append(f.blocks, er.point(f, p, before, name, frame, root)...)
	}
}

// point returns an easy-read point's blocks: one unbreakable block of its
// picture with its sentences beside it, centred on the picture when
// shorter — except an offer of other languages taller than a page (many
// languages at a large size), the one point that breaks: the picture
// beside its first sentence and the names that fit beside it (two at
// least), then the other names and the rest line by line, the last two
// names with the sentences after them.
func (er EasyRead) point(f *flow, p content.DocPoint, before float64, section string, frame Rect, root int) []block {
	st := f.style
	pic := frame.W * er.Picture
	textX, textW := pic+er.Gap, frame.W-pic-er.Gap
	group := f.elem(RoleDiv, root, "")
	fig := f.elem(RoleFigure, group, "")
	var lines []block
	first, rows := 0, 0 // lines of the first sentence, of the names
	for ti, t := range p.Texts {
		if n := words(t.String()); n > er.MaxWords {
			d := f.diags.Warnf(t.Pos, "%s: message %q has a sentence of %d words", f.where, t.ID, n)
			d.Hint = fmt.Sprintf("easy read keeps sentences to %d words or fewer, one idea each", er.MaxWords)
		}
		e := f.elem(RoleParagraph, group, t.ID)
		ls := f.setText(t, spec{size: st.Body, color: st.Text, x: textX, width: textW, role: RoleParagraph, elem: e, section: section})
		if ti > 0 {
			ls[0].before = st.ParaSpace * st.line()
		}
		lines = append(lines, ls...)
		if ti == 0 {
			first = len(lines)
		}
		if ti == 0 && p.Offer {
			// the offer in other languages: the names after its first
			// sentence
			ns := f.languageNames(p.Offers, group, textX, textW, section)
			lines, rows = append(lines, ns...), len(ns)
		}
	}
	var tail []block
	if p.Offer && rows > 2 && stack(lines).height > frame.H {
		k := first + 2
		for k < first+rows && stack(lines[:k+1]).height <= pic {
			k++
		}
		lines, tail = lines[:k], lines[k:]
		for i := range tail {
			tail[i].section = section
			tail[i].keep = k-first+i >= rows-2 && i < len(tail)-1
		}
	}
	b := stack(lines)
	b.keep = len(tail) > 0
	b.before = before
	th := b.height
	b.height = max(th, pic)
	if th < pic {
		shift(b.items, (pic-th)/2)
	}
	x := 0.0
	if f.rtl {
		x = frame.W - pic
	}
	b.items = append([]Item{f.picture(p.Picture, Rect{x, 0, pic, pic}, fig, f.diags)}, b.items...)
	if len(p.Texts) > 0 {
		b.msgID, b.pos = p.Texts[0].ID, p.Pos
	}
	b.section = section
	return append([]block{b}, tail...)
}

// cover sets the easy read's first page: the organisation, the title,
// the picture, the words "Easy read" and any draft notice. The picture is
// as large as 45% of the width; when the words would run onto a second
// page (large sizes, long titles, a draft notice) the picture gets
// smaller, then the title and the label, then the space between the
// parts closes up to a third.
func (er EasyRead) cover(f *flow, doc *content.Document, frame Rect, root int) []block {
	st := f.style
	lh := st.line()
	org := f.orgName(doc, root)
	title, fig := -1, -1
	if doc.Title != "" {
		title = f.elem(RoleTitle, root, "cover.title")
	}
	if doc.EasyRead.Cover != nil {
		fig = f.elem(RoleFigure, root, "")
	}
	label := f.elem(RoleParagraph, root, doc.EasyRead.Label.ID)
	var draft []int
	for _, t := range doc.Draft {
		draft = append(draft, f.elem(RoleParagraph, root, t.ID))
	}
	// top holds the blocks above the picture, bottom those below it
	set := func(scale float64) (top, bottom []block) {
		top = append(top, org...)
		if title >= 0 {
			t := content.Text{Runs: []content.Run{{Text: doc.Title}}, ID: "cover.title"}
			ls := f.setText(t, spec{size: st.Body * scale, bold: true, color: st.Accent, width: f.width, role: RoleTitle, elem: title})
			ls[0].before = lh * 1.5
			ls[0].bookmark = doc.Title
			top = append(top, ls...)
		}
		ls := f.setText(doc.EasyRead.Label, spec{size: st.Body * scale, bold: true, color: st.Text, width: f.width, role: RoleParagraph, elem: label})
		ls[0].before = lh
		bottom = append(bottom, centre(ls, f.width)...)
		for i, t := range doc.Draft {
			ls := f.setText(t, spec{size: st.Body, bold: i == 0, color: st.Text, width: f.width, role: RoleParagraph, elem: draft[i]})
			ls[0].before = lh * 0.5
			if i == 0 {
				ls[0].before = lh * 1.5
			}
			bottom = append(bottom, ls...)
		}
		return top, bottom
	}
	small := frame.W * 0.2
	var top, bottom []block
	var words, gaps float64
	nd := len(*f.diags)
	for _, scale := range []float64{2, 1.75, 1.5} {
		*f.diags = (*f.diags)[:nd] // each try reports the same problems
		top, bottom = set(scale)
		words, gaps = 0, 0
		for i, b := range append(append([]block(nil), top...), bottom...) {
			if i > 0 {
				gaps += b.before
			}
			words += b.height
		}
		if fig >= 0 {
			gaps += lh
		}
		if frame.H-words-gaps >= small {
			break
		}
	}
	blocks := top
	if fig >= 0 {
		side, k := min(frame.W*0.45, frame.H-words-gaps), 1.0
		if side < small {
			k = max(1.0/3, (frame.H-words-small)/gaps)
			side = max(frame.W*0.12, min(small, frame.H-words-k*gaps))
		}
		pic := f.picture(*doc.EasyRead.Cover, Rect{(frame.W - side) / 2, 0, side, side}, fig, f.diags)
		blocks = append(blocks, block{before: lh, height: side, items: []Item{pic}})
		blocks = append(blocks, bottom...)
		for i := range blocks {
			blocks[i].before *= k
		}
		return blocks
	}
	return append(blocks, bottom...)
}

// hasOffer reports whether an easy read has a point that offers the
// leaflet in other languages.
func hasOffer(er *content.DocEasyRead) bool {
	if er == nil {
		return false
	}
	for _, s := range er.Sections {
		for _, p := range s.Points {
			if p.Offer {
				return true
			}
		}
	}
	return false
}

// languageNames sets the names of the languages an easy-read offer lists,
// each in its own language and script, as a list in the point's words
// column (x and width): two columns when there are four names or more and
// the two columns fit side by side, each name on one line, else one. Each name starts at the column's start edge,
// the right for a right-to-left document, so that the names line up
// whatever their own direction; the list reads down the first column,
// then the second.
func (f *flow) languageNames(names []content.Offer, parent int, x, width float64, section string) []block {
	if len(names) == 0 {
		return nil
	}
	st := f.style
	lh := st.line()
	gap := 2 * st.Body
	list := f.elem(RoleList, parent, "")
	var set [][]block
	rows := (len(names) + 1) / 2
	var colW [2]float64 // the widest name of each column
	oneLine := true
	for i, o := range names {
		li := f.elem(RoleListItem, list, o.Text.ID)
		e := f.elem(RoleListBody, li, o.Text.ID)
		// Arabic script a little larger, to look as large as the
		// others, on the baseline and in the line height of the body
		scale := opticalScale(o.Lang)
		ls := f.setText(o.Text, spec{size: st.Body * scale, color: st.Text, x: x, width: width, role: RoleListBody, elem: e, section: section})
		if scale != 1 {
			for j := range ls {
				ls[j] = onBodyLine(ls[j], scale, lh)
			}
		}
		oneLine = oneLine && len(ls) == 1
		colW[i/rows] = max(colW[i/rows], lineWidth(ls[0].items))
		set = append(set, ls)
	}
	var out []block
	if len(set) < 4 || !oneLine || colW[0]+gap+colW[1] > width {
		for i, ls := range set {
			for j := range ls {
				ls[j].items = startAt(ls[j].items, x, f.width, f.rtl)
			}
			ls[0].before = 0.2 * lh
			if i == 0 {
				ls[0].before = st.ParaSpace * lh
			}
			out = append(out, ls...)
		}
		return out
	}
	// the second column starts a gap after the first's widest name, or at
	// the middle of the words' column when that is further
	second := max(colW[0]+gap, (width+gap)/2)
	if second+colW[1] > width {
		second = colW[0] + gap
	}
	for r := range rows {
		b := block{height: lh, before: 0.2 * lh, section: section, msgID: "language.name"}
		if r == 0 {
			b.before = st.ParaSpace * lh
		}
		b.items = startAt(set[r][0].items, x, f.width, f.rtl)
		if i := rows + r; i < len(set) {
			b.items = append(b.items, startAt(set[i][0].items, x+second, f.width, f.rtl)...)
		}
		out = append(out, b)
	}
	return out
}

// onBodyLine puts a line set at scale times the body size on the baseline
// a body line of height lh has: a line's baseline is in proportion to its
// size.
func onBodyLine(b block, scale, lh float64) block {
	for _, it := range b.items {
		if r, ok := it.(*GlyphRun); ok {
			items := make([]Item, len(b.items))
			for i, it := range b.items {
				items[i] = moved(it, 0, r.Y/scale-r.Y)
			}
			b.items = items
			break
		}
	}
	b.height = lh
	return b
}

// startAt moves a line's items so that it starts x from the start edge of
// a column of the given width: the left edge, or the right one when rtl.
func startAt(items []Item, x, width float64, rtl bool) []Item {
	lo, w := minX(items), lineWidth(items)
	to := x
	if rtl {
		to = width - x - w
	}
	out := make([]Item, len(items))
	for i, it := range items {
		out[i] = moved(it, to-lo, 0)
	}
	return out
}

// balancePages paginates an easy read so that its last page is never nearly
// empty. The pages of the sections (from the first block that starts a new
// page) are filled in order; when the last of them would be less than 40%
// full (a third of a page, with room to spare), the last pages are filled
// again to a lower page height: the one that keeps their number and makes
// the least full of them the fullest, so that they hold about as much and
// the points move forward whole. All the sections' pages are balanced so
// when that is enough, else as few of the last ones as it takes, so that
// pages already full stay so. Pages still start at the top of the frame.
func balancePages(blocks []block, frame Rect) [][]placed {
	pages := paginate(blocks, frame)
	k := 0
	for k < len(blocks) && !blocks[k].newPage {
		k++
	}
	if k == len(blocks) {
		return pages
	}
	head, body := paginate(blocks[:k], frame), blocks[k:]
	bp := paginate(body, frame)
	n := len(bp)
	enough := 0.4 * frame.H
	if len(head)+n != len(pages) || n < 2 || used(bp[n-1]) >= enough {
		return pages
	}
	starts := make([]int, n) // the first block of each page
	for i := 1; i < n; i++ {
		starts[i] = starts[i-1] + len(bp[i-1])
	}
	out, most := pages, used(bp[n-1])
	for m := n; m >= 2; m-- {
		rest := body[starts[n-m]:]
		var best [][]placed
		score := -1.0
		for h := frame.H; h >= frame.H/2; h-- {
			ps := paginate(rest, Rect{frame.X, frame.Y, frame.W, h})
			if len(ps) != m {
				continue
			}
			if s := minFill(ps); s > score+0.01 {
				best, score = ps, s
			}
		}
		if best == nil {
			continue
		}
		last := used(best[m-1])
		if last > most+0.01 {
			out = append(append(append([][]placed(nil), head...), bp[:n-m]...), best...)
			most = last
		}
		if last >= enough {
			break
		}
	}
	return out
}

// minFill is the height of the least full of the pages.
func minFill(pages [][]placed) float64 {
	least := math.Inf(1)
	for _, ps := range pages {
		least = min(least, used(ps))
	}
	return least
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
		// an unknown name is reported once, where the leaflet is loaded
		if v, err := pictures.Lookup(p.Name); err == nil {
			out.Vector = v
		}
	}
	return fitted(out)
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
