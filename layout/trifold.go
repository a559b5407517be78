// SPDX-License-Identifier: MIT

package layout

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"leaflet/content"
	"leaflet/fonts"
	"leaflet/layout/text"
)

// Paper is a sheet size with the widths of a roll fold's three panels.
type Paper struct {
	Name string
	Size Size
	// Panels are the widths of the left, middle and right panels of the
	// inside; the last is the narrow fold-in panel.
	Panels [3]float64
}

var (
	// A4 is A4 landscape: 297 x 210 mm, panels 100/100/97 mm.
	A4 = Paper{"a4", Size{MM(297), MM(210)}, [3]float64{MM(100), MM(100), MM(97)}}
	// Letter is US Letter landscape: 11 x 8.5 in, panels
	// 3.6875/3.6875/3.625 in.
	Letter = Paper{"letter", Size{In(11), In(8.5)}, [3]float64{In(3.6875), In(3.6875), In(3.625)}}
)

// Panel is one of the tri-fold's six panels; the zero Panel is none.
type Panel int

// The panels, in the tri-fold's reading order.
const (
	FrontCover Panel = iota + 1
	InsideLeft
	Middle
	FoldIn
	FlapPanel
	BackCover
)

// Panels lists the panels in reading order.
var Panels = [...]Panel{FrontCover, InsideLeft, Middle, FoldIn, FlapPanel, BackCover}

var panelNames = [...]string{"", "front cover", "inside left", "middle", "fold-in", "flap", "back cover"}

// String returns the panel's name, as diagnostics and the check's table
// give it: "fold-in".
func (p Panel) String() string {
	if p < 0 || int(p) >= len(panelNames) {
		return fmt.Sprintf("Panel(%d)", int(p))
	}
	return panelNames[p]
}

// Placement is where a panel is printed: its page (0 outside, 1 inside)
// and its area on the sheet.
type Placement struct {
	Page int
	Area Rect
}

// Imposition is the placement of each panel, indexed by Panel.
type Imposition [len(panelNames)]Placement

// TriFold is the folded leaflet: one sheet printed on both sides and folded
// twice in a roll (letter) fold. Imposition, seen from the printed side:
//
//	side 1 (outside, page 1)           side 2 (inside, page 2)
//	+--------+-----------+-----------+  +-------------+--------+---------+
//	| flap   | back      | front     |  | inside left | middle | fold-in |
//	| narrow | cover     | cover     |  |             |        | narrow  |
//	+--------+-----------+-----------+  +-------------+--------+---------+
//
// The sheet is printed duplex flipping on the short edge, so each panel of
// side 1 backs the panel in the mirrored position of side 2: the flap backs
// the fold-in panel, which folds in first; the front cover backs the inside
// left. Right-to-left languages mirror both sides: the front cover is on the
// outside left and the narrow panels on the outside right and inside left.
//
// Content flows: cover sections on the front cover; inside sections through
// the inside left, middle and fold-in panels; flap sections on the flap;
// back sections on the back cover.
type TriFold struct {
	Paper Paper
	Style Style
	// Sizes are the body sizes tried in order: when the text does not fit
	// at one, the next is tried.
	Sizes []float64
	// Side is the least margin at each side of a panel, from a fold or
	// the sheet's edge; Top and Bottom are from the sheet's top and bottom.
	Side, Top, Bottom float64
	// FoldMarks adds short light ticks at each fold, at the sheet's top
	// and bottom edges inside the printable area, to fold by.
	FoldMarks bool
	// PrintShop makes the print shop's file: each page grows by a 3 mm
	// bleed and a slug beyond it for crop and fold marks, with the trim
	// and bleed boxes set.
	PrintShop bool
	// Job is what the print shop's slug names: the file and its date.
	Job PrintJob
}

// Print-shop sizes: the bleed beyond the trim, and the slug beyond the
// bleed that holds the marks.
var (
	Bleed = MM(3)
	Slug  = MM(7)
)

// NewTriFold returns the tri-fold with the house style on the given paper.
func NewTriFold(p Paper) TriFold {
	return TriFold{
		Paper: p,
		Style: Style{
			Body: 12, Leading: 1.3, Heading: 1.3,
			HeadingSpace: 1.0, HeadingAfter: 0.35, ParaSpace: 0.5, ItemSpace: 0.2,
			Indent: MM(5),
			Text:   Color{0x00, 0x00, 0x00}, Accent: Color{0x1f, 0x4e, 0x79}, Rule: Color{0x9d, 0xbc, 0xdb},
		},
		Sizes: []float64{14, 13.5, 13, 12.5, 12, 11.5, 11, 10.5, 10},
		Side:  MM(9), Top: MM(12), Bottom: MM(12),
	}
}

func (t TriFold) String() string { return "trifold" }

// Family is the text family the tri-fold sets Latin text in.
func (TriFold) Family() string { return "NotoSans" }

// Imposition returns where each panel is printed: right-to-left languages
// mirror both sides.
func (t TriFold) Imposition(rtl bool) Imposition {
	w := t.Paper.Panels
	type panel struct {
		p Panel
		w float64
	}
	// left-to-right order on each side, with widths
	outside := []panel{{FlapPanel, w[2]}, {BackCover, w[1]}, {FrontCover, w[0]}}
	inside := []panel{{InsideLeft, w[0]}, {Middle, w[1]}, {FoldIn, w[2]}}
	if rtl {
		outside[0], outside[2] = outside[2], outside[0]
		inside[0], inside[2] = inside[2], inside[0]
	}
	var imp Imposition
	for page, side := range [][]panel{outside, inside} {
		x := 0.0
		for _, p := range side {
			imp[p.p] = Placement{page, Rect{x, 0, p.w, t.Paper.Size.H}}
			x += p.w
		}
	}
	return imp
}

// measure returns the width of the text column, the same on every panel:
// the narrow panel's width less its side margins.
func (t TriFold) measure() float64 {
	narrow := min(t.Paper.Panels[0], t.Paper.Panels[1], t.Paper.Panels[2])
	return narrow - 2*t.Side
}

// frame returns where content goes in a panel: a column of the common
// measure centred in the panel, so that each panel, seen on its own when
// folded, has even side margins.
func (t TriFold) frame(area Rect) Rect {
	w := t.measure()
	return Rect{area.X + (area.W-w)/2, area.Y + t.Top, w, area.H - t.Top - t.Bottom}
}

// Layout lays out the document, fitting each language to its space. The
// inside sections fill the three inside panels, never the flap: the body
// is set as large as fits (from t.Sizes, largest first), the space around
// headings and paragraphs is tightened before the body size drops, and the
// columns are balanced so the three panels end level. Only when the inside
// does not fit at the smallest size do whole sections, with their
// headings, move to the flap, from the last; Result.Moved names them. When
// nothing fits the diagnostics say what overflowed where.
func (t TriFold) Layout(doc *content.Document, set *fonts.Set, sh *text.Shaper) (*Result, content.Diagnostics) {
	tf := &trifoldRun{t: t, doc: doc, set: set, sh: sh, imp: t.Imposition(doc.RTL)}
	inside := tf.sections(content.Inside)
	// first with every language on the flap, then leaving languages out
	for _, whole := range []bool{true, false} {
		for moved := tf.leastMoved(); moved <= max(0, len(inside)-1); moved++ {
			if !whole && moved == 0 {
				continue // the languages alone are fitted in attempt
			}
			size, sp, ok := tf.fit(moved, whole)
			if !ok {
				continue // move a section, or report at the smallest size
			}
			if res, diags := tf.attempt(size, sp, moved); !diags.HasErrors() {
				return res, diags
			}
		}
	}
	return tf.overflowing()
}

// fit returns the largest body size, and the loosest spacing at it, at
// which the inside fits with its last moved sections on the flap (whole:
// with every language); ok is false when it does not fit at any size.
func (tf *trifoldRun) fit(moved int, whole bool) (size float64, sp spacing, ok bool) {
	sizes := tf.t.Sizes
	tightest := spacings[len(spacings)-1]
	// the largest size at which the inside fits with the tightest
	// spacing: fit is monotonic in the size, so search by halves
	lo, hi := 0, len(sizes) // sizes[lo:hi] holds the answer
	for lo < hi {
		mid := (lo + hi) / 2
		if ok, _, _ := tf.probe(sizes[mid], tightest, moved, whole); ok {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	if lo == len(sizes) {
		return 0, spacing{}, false
	}
	size = sizes[lo]
	sp = tf.spacingAt(size, moved, whole)
	// the first panel is read alone, beside the flap: when it ends inside
	// a sentence, half a point smaller may end it cleanly with the panels
	// still ending within three lines
	if _, _, first := tf.probe(size, sp, moved, whole); first == midSentence && lo+1 < len(sizes) {
		s2 := sizes[lo+1]
		sp2 := tf.spacingAt(s2, moved, whole)
		if _, spread, first := tf.probe(s2, sp2, moved, whole); first != midSentence && spread <= 3*tf.style(s2, sp2).line() {
			return s2, sp2, true
		}
	}
	return size, sp, true
}

// overflowing lays the tri-fold out when nothing fits: at the smallest
// size, with no section moved, reporting what overflows where and the
// panels with room to spare.
func (tf *trifoldRun) overflowing() (*Result, content.Diagnostics) {
	t, doc := tf.t, tf.doc
	res, diags := tf.attempt(t.Sizes[len(t.Sizes)-1], spacings[len(spacings)-1], 0)
	if res == nil {
		return res, diags
	}
	for _, p := range res.Pages {
		for _, r := range p.Regions {
			if r.Panel != FrontCover && r.Fill < 0.5 {
				d := diags.Errorf(content.Pos{File: doc.File}, "%s %s: panel %s is only %.0f%% full while text overflows another",
					doc.Lang, t, r.Name, 100*r.Fill)
				d.Hint = fmt.Sprintf("move a section there with place = %q, or shorten the text", placeOf(r.Panel))
			}
		}
	}
	return res, diags
}

// placeOf returns the content place whose sections go on a panel.
func placeOf(panel Panel) content.Place {
	switch panel {
	case FlapPanel:
		return content.Flap
	case BackCover:
		return content.Back
	case FrontCover:
		return content.Cover
	}
	return content.Inside
}

// spacing scales an edition's space above headings and between paragraphs
// and list items, to fit.
type spacing struct {
	heading, between float64
}

// spacings are tried loosest first: more air when the text is short, less
// before the body size drops. The space above headings gives most.
var spacings = func() []spacing {
	const steps = 9
	var out []spacing
	for i := 0; i < steps; i++ {
		f := float64(i) / (steps - 1)
		out = append(out, spacing{heading: 1.5 - f*(1.5-0.6), between: 1.4 - f*(1.4-0.75)})
	}
	return out
}()

// trifoldRun is one tri-fold being laid out: what the attempts share.
type trifoldRun struct {
	t   TriFold
	doc *content.Document
	set *fonts.Set
	sh  *text.Shaper
	// sized are the settings caches of the last two body sizes tried,
	// the latest first: the attempts at one size share their texts'
	// settings, and those of older sizes are let go, so that a long text
	// is held twice at most, not once for every size tried (the search
	// tries a size, the next smaller one, and settles on the first)
	sized [2]sizedCache
	// scratch holds the blocks of the last probe, for the next to reuse
	scratch []block
	imp     Imposition
}

type sizedCache struct {
	size  float64
	cache *layoutCache
}

// cacheAt returns the settings cache for attempts at a body size.
func (tf *trifoldRun) cacheAt(size float64) *layoutCache {
	switch {
	case tf.sized[0].cache != nil && tf.sized[0].size == size:
	case tf.sized[1].cache != nil && tf.sized[1].size == size:
		tf.sized[0], tf.sized[1] = tf.sized[1], tf.sized[0]
	default:
		tf.sized[1] = tf.sized[0]
		tf.sized[0] = sizedCache{size, newLayoutCache()}
	}
	return tf.sized[0].cache
}

// leastMoved returns how many inside sections move to the flap however
// short the inside: one when the flap would otherwise be empty (a leaflet
// without translations has no offer of them) and the inside has more than
// one, since the flap is the panel read first on opening the cover.
func (tf *trifoldRun) leastMoved() int {
	f := &flow{flowSettings: flowSettings{doc: tf.doc}}
	for _, s := range tf.sections(content.Flap) {
		if !f.emptyOffer(s) {
			return 0
		}
	}
	if len(tf.sections(content.Inside)) > 1 {
		return 1
	}
	return 0
}

func (tf *trifoldRun) sections(place content.Place) []content.DocSection {
	var out []content.DocSection
	for _, s := range tf.doc.Sections {
		if s.Place == place {
			out = append(out, s)
		}
	}
	return out
}

// frames returns the frames of panels.
func (tf *trifoldRun) frames(panels ...Panel) []Rect {
	out := make([]Rect, len(panels))
	for i, p := range panels {
		out[i] = tf.t.frame(tf.imp[p].Area)
	}
	return out
}

// style returns the tri-fold's style at a body size and spacing.
func (tf *trifoldRun) style(size float64, sp spacing) Style {
	st := tf.t.Style
	st.Body = size
	st.Leading = leadingFor(tf.doc.Lang, st.Leading)
	st.HeadingSpace *= sp.heading
	st.ParaSpace *= sp.between
	st.ItemSpace *= sp.between
	return st
}

// probe sets the inside sections, less the last moved ones, at one body
// size and spacing, and reports whether they fit the inside panels (and,
// with sections moved and whole, whether the flap holds them and the
// flap's own with every language), how far apart the panels' bottoms are,
// in points, and what the first panel's end interrupts.
func (tf *trifoldRun) probe(size float64, sp spacing, moved int, whole bool) (ok bool, spread float64, first breakKind) {
	var diags content.Diagnostics
	inside := tf.sections(content.Inside)
	newFlow := func() *flow {
		f := newFlow(tf.doc, tf.set, tf.sh, tf.style(size, sp), tf.t.measure(), "", &Result{}, &diags)
		f.cache = tf.cacheAt(size)
		return f
	}
	f := newFlow()
	f.blocks = tf.scratch[:0] // a probe keeps nothing of its blocks
	f.addSections(inside[:len(inside)-moved], -1)
	tf.scratch = f.blocks
	ps, rest, first := balance(f.blocks, tf.frames(InsideLeft, Middle, FoldIn), f.style.line())
	if len(rest) > 0 || diags.HasErrors() {
		return false, 0, first
	}
	if moved > 0 && whole {
		secs := append(append([]content.DocSection(nil), inside[len(inside)-moved:]...), tf.sections(content.Flap)...)
		fits := languageFits(size, secs)
		fl := newFlow()
		fl.langSize = fits[0].size
		for _, try := range fits {
			if try.drop == 0 {
				fl.langSize = try.size // the smallest whole offer
			}
		}
		fl.addSections(secs, -1)
		fl.addContactFoot(secs, -1)
		if _, rest := fill1(fl.blocks, tf.frames(FlapPanel)[0]); len(rest) > 0 {
			return false, 0, first
		}
	}
	return true, featherLevel(ps), first
}

// featherLevel feathers the panels so they end level, as far as it can,
// and returns how far apart their bottoms still are.
func featherLevel(ps [][]placed) float64 {
	top := 0.0
	for _, p := range ps {
		top = max(top, used(p))
	}
	lo := top
	for _, p := range ps {
		feather(p, top, featherShare)
		lo = min(lo, used(p))
	}
	return top - lo
}

// spacingAt returns the loosest spacing at which the inside fits with its
// panels ending within two lines of one another, or the one that ends them
// most level.
func (tf *trifoldRun) spacingAt(size float64, moved int, whole bool) spacing {
	level := 2 * size * leadingFor(tf.doc.Lang, tf.t.Style.Leading)
	best, bestSpread := spacings[len(spacings)-1], math.Inf(1)
	for _, sp := range spacings {
		ok, spread, _ := tf.probe(size, sp, moved, whole)
		if !ok {
			continue
		}
		if spread <= level {
			return sp
		}
		if spread < bestSpread {
			best, bestSpread = sp, spread
		}
	}
	return best
}

// attempt lays the tri-fold out at one body size and spacing, with the
// last moved inside sections on the flap.
func (tf *trifoldRun) attempt(size float64, sp spacing, moved int) (*Result, content.Diagnostics) {
	t, doc := tf.t, tf.doc
	st := tf.style(size, sp)
	sh := &sheet{tf: tf, style: st,
		res:   &Result{BodySize: size, Title: doc.Title, Author: doc.Org.Name, Subject: doc.Subtitle, Lang: doc.Lang, Duplex: true, Spacing: sp.heading},
		pages: []Page{{Size: t.Paper.Size}, {Size: t.Paper.Size}}}

	// Reading order: front cover, inside panels, flap, back cover.
	cover := tf.imp[FrontCover].Area
	sh.add(FrontCover, sh.flow(st).cover(doc, tf.sections(content.Cover), t.frame(cover), cover, sheetRoot, t.PrintShop))
	inside := tf.sections(content.Inside)
	sh.inside(inside[:len(inside)-moved])
	move := inside[len(inside)-moved:]
	for _, s := range move {
		if s.Heading != nil {
			sh.res.Moved = append(sh.res.Moved, s.Heading.String())
		}
	}
	sh.flap(append(append([]content.DocSection(nil), move...), tf.sections(content.Flap)...))
	sh.back()

	pages := sh.pages
	for _, panel := range []Panel{FlapPanel, BackCover, FrontCover, InsideLeft, Middle, FoldIn} {
		p := tf.imp[panel]
		pages[p.Page].Regions = append(pages[p.Page].Regions, Region{Name: panel.String(), Panel: panel, Area: p.Area, Frame: t.frame(p.Area), Fill: sh.fill[panel]})
	}
	for i := range pages {
		if t.FoldMarks {
			pages[i].Items = append(pages[i].Items, t.foldMarks(pages[i].Regions)...)
		}
		sortRegions(pages[i].Regions)
		if t.PrintShop {
			pages[i] = tf.printShop(pages[i], i)
		}
	}
	sh.res.Pages = pages
	return sh.res, sh.diags
}

// backSize is the least size the back cover is set at, when it fits.
const backSize = 12

// sheetRoot is the structure parent of the tri-fold's top-level elements:
// the document.
const sheetRoot = -1

// sheet is one attempt's tri-fold being filled, panel by panel.
type sheet struct {
	tf    *trifoldRun
	style Style
	res   *Result
	diags content.Diagnostics
	pages []Page
	fill  [len(panelNames)]float64 // how full each panel is
}

// flow returns a flow for a panel in style st.
func (sh *sheet) flow(st Style) *flow {
	tf := sh.tf
	f := newFlow(tf.doc, tf.set, tf.sh, st, tf.t.measure(), fmt.Sprintf("%s %s", tf.doc.Lang, tf.t), sh.res, &sh.diags)
	f.cache = tf.cacheAt(sh.res.BodySize)
	return f
}

// add draws items on the page of a panel.
func (sh *sheet) add(panel Panel, items []Item) {
	p := &sh.pages[sh.tf.imp[panel].Page]
	p.Items = append(p.Items, items...)
}

// inside sets the inside sections in the three inside panels, balanced
// and feathered so they end level.
func (sh *sheet) inside(secs []content.DocSection) {
	f := sh.flow(sh.style)
	f.addSections(secs, sheetRoot)
	panels := []Panel{InsideLeft, Middle, FoldIn}
	frames := sh.tf.frames(panels...)
	ps, rest, _ := balance(f.blocks, frames, sh.style.line())
	featherLevel(ps)
	for i, p := range panels {
		sh.add(p, f.draw(ps[i], frames[i]))
		sh.fill[p] = used(ps[i]) / frames[i].H
	}
	f.overflow(rest, "panel "+FoldIn.String())
}

// flap sets the flap's sections — those moved from the inside, then the
// flap's own (the languages offer) — whose languages block may be set
// smaller, down to 9 pt, and lose languages from its end.
func (sh *sheet) flap(secs []content.DocSection) {
	doc := sh.tf.doc
	fr := sh.tf.frames(FlapPanel)[0]
	for _, try := range languageFits(sh.style.Body, secs) {
		nElems, nd := len(sh.res.Elems), len(sh.diags)
		f := sh.flow(sh.style)
		f.langSize, f.langDrop = try.size, try.drop
		f.addSections(secs, sheetRoot)
		f.addContactFoot(secs, sheetRoot)
		ps, rest := fill1(f.blocks, fr)
		if len(rest) > 0 && try != (languageFit{}) && !try.last {
			sh.res.Elems, sh.diags = sh.res.Elems[:nElems], sh.diags[:nd]
			continue
		}
		switch {
		case len(f.leftOut) > 0 && len(f.leftOut) == f.offered:
			d := sh.diags.Errorf(content.Pos{File: doc.File}, "%s, panel %s: the languages block has no room for any language", f.where, FlapPanel)
			d.Hint = "shorten the sections moved to the flap, or the inside, so the offer of other languages keeps its place"
		case len(f.leftOut) > 0:
			d := sh.diags.Warnf(content.Pos{File: doc.File}, "%s, panel %s: the languages block has no room for %s",
				f.where, FlapPanel, strings.Join(f.leftOut, ", "))
			d.Hint = "list the languages to show with languages = [\"pl\", \"ur\", …] in the block"
		}
		sh.add(FlapPanel, f.draw(ps, fr))
		sh.fill[FlapPanel] = used(ps) / fr.H
		f.overflow(rest, "panel "+FlapPanel.String())
		return
	}
}

// back sets the back cover: how to get in touch, and the website's QR code
// at the panel's foot. It is set at the body size or 12 pt, whichever is
// larger — contact details are read by everyone, and the panel has room —
// or smaller, down to the smallest size, when it does not fit or would
// break an address.
func (sh *sheet) back() {
	tf := sh.tf
	fr := tf.frames(BackCover)[0]
	sizes := tf.t.Sizes
	for _, size := range sizes {
		if size > max(sh.style.Body, backSize) {
			continue
		}
		nElems, nd := len(sh.res.Elems), len(sh.diags)
		st := sh.style
		st.Body = size
		f := sh.flow(st)
		f.addSections(tf.sections(content.Back), sheetRoot)
		if tf.doc.QR {
			f.addQR(tf.doc, sheetRoot)
		}
		ps, rest := fill1(f.blocks, fr)
		if (len(rest) > 0 || f.forced > 0) && size != sizes[len(sizes)-1] {
			sh.res.Elems, sh.diags = sh.res.Elems[:nElems], sh.diags[:nd]
			continue
		}
		sh.fill[BackCover] = used(ps) / fr.H
		toFoot(ps, fr.H)
		sh.add(BackCover, f.draw(ps, fr))
		f.overflow(rest, "panel "+BackCover.String())
		return
	}
}

// featherShare is the most feathering opens a gap, as a share of it.
const featherShare = 0.5

// feather opens the gaps between the blocks placed in a frame, each in
// proportion to its size (a paragraph's gap more than a list item's) and
// by at most share of it, so that the last ends at bottom or as near as it
// can.
func feather(ps []placed, bottom, share float64) {
	gaps := 0.0
	for i := 1; i < len(ps); i++ {
		gaps += ps[i].before
	}
	short := bottom - used(ps)
	if gaps == 0 || short <= 0 {
		return
	}
	k := min(short/gaps, share)
	dy := 0.0
	for i := 1; i < len(ps); i++ {
		dy += ps[i].before * k
		ps[i].y += dy
	}
}

// toFoot moves the blocks marked foot, at the end of a frame's blocks, down
// to the frame's foot, of height h.
func toFoot(ps []placed, h float64) {
	dy := h - used(ps)
	for i := len(ps) - 1; i >= 0 && ps[i].foot && dy > 0; i-- {
		ps[i].y += dy
	}
}

// fill1 places blocks in one frame.
func fill1(blocks []block, frame Rect) ([]placed, []block) {
	ps, rest := fill(blocks, []Rect{frame})
	return ps[0], rest
}

// used returns the height the placed blocks take, from the frame's top.
func used(ps []placed) float64 {
	if len(ps) == 0 {
		return 0
	}
	last := ps[len(ps)-1]
	return last.y + last.height
}

// balance places blocks in three frames where a designer would break
// them: it weighs every pair of panel breaks the keeps allow by how level
// the panels end and by what each break costs a reader — nothing between
// sections, a little between paragraphs, more inside a paragraph, most
// inside a sentence, and more again for a heading left with only a few
// lines at a panel's foot or an empty panel, most for one before a panel
// with text (the text fills the panels in reading order). The first break
// weighs more:
// the first panel is read on its own, beside the flap, when the cover is
// opened. lh is the body's line height. When the text does not fit it
// returns what fill does.
func balance(blocks []block, frames []Rect, lh float64) ([][]placed, []block, breakKind) {
	ps, rest := fill(blocks, frames)
	if len(rest) > 0 || len(frames) != 3 {
		return ps, rest, midSentence
	}
	n := len(blocks)
	pre := make([]float64, n+1) // pre[i]: the height of blocks[:i], each with its space above
	gap := make([]float64, n+1) // gap[i]: the space above blocks[:i]
	for i, b := range blocks {
		pre[i+1] = pre[i] + b.before + b.height
		gap[i+1] = gap[i] + b.before
	}
	// how much feathering can lengthen a panel of blocks[a:b]
	give := func(a, b int) float64 {
		if a >= b {
			return 0
		}
		return (gap[b] - gap[a+1]) * featherShare
	}
	height := func(a, b int) float64 {
		if a >= b {
			return 0
		}
		return pre[b] - pre[a] - blocks[a].before
	}
	canBreak := func(i int) bool { return i == 0 || i == n || !blocks[i-1].keep }
	cost := func(i int) float64 {
		if i == 0 || i == n {
			return 0
		}
		c := [...]float64{betweenSections: 0, betweenParagraphs: 0.5 * lh, betweenSentences: 2 * lh, midSentence: 4 * lh}[kindOf(blocks, i)]
		// a heading with only a few lines under it at a panel's foot
		for j := i - 1; j >= max(0, i-4); j-- {
			if blocks[j].heading {
				c += 6 * lh
				break
			}
		}
		return c
	}
	// the first panel's end is read alone: it may end up to eight lines
	// short to end a sentence
	firstCost := func(i int) float64 {
		switch kindOf(blocks, i) {
		case midSentence:
			return 8 * lh
		case betweenSentences:
			return 3 * lh
		}
		return cost(i)
	}
	best, b1, b2 := math.Inf(1), -1, -1
	for i := 0; i <= n && height(0, i) <= frames[0].H+0.01; i++ {
		if !canBreak(i) {
			continue
		}
		for j := i; j <= n && height(i, j) <= frames[1].H+0.01; j++ {
			if !canBreak(j) || height(j, n) > frames[2].H+0.01 {
				continue
			}
			h := [3]float64{height(0, i), height(i, j), height(j, n)}
			// how far apart the panels end once feathered
			top := max(h[0], h[1], h[2])
			low := min(h[0]+give(0, i), h[1]+give(i, j), h[2]+give(j, n), top)
			c := top - low + firstCost(i) + cost(j)
			for k, x := range h {
				if x == 0 {
					c += 10 * lh
					// and worse before text: the inside reads from the
					// inside left, so it fills the panels in order
					if k < 2 && h[k+1]+h[min(k+2, 2)] > 0 {
						c += 20 * lh
					}
				}
			}
			if c < best {
				best, b1, b2 = c, i, j
			}
		}
	}
	if b1 < 0 {
		return ps, rest, midSentence
	}
	out := make([][]placed, 3)
	for k, r := range [][2]int{{0, b1}, {b1, b2}, {b2, n}} {
		y := 0.0
		for i := r[0]; i < r[1]; i++ {
			if i > r[0] {
				y += blocks[i].before
			}
			out[k] = append(out[k], placed{&blocks[i], y})
			y += blocks[i].height
		}
	}
	return out, nil, kindOf(blocks, b1)
}

// breakKind is what a break between two blocks interrupts.
type breakKind int

const (
	betweenSections breakKind = iota
	betweenParagraphs
	betweenSentences
	midSentence
)

// kindOf returns the kind of the break before blocks[i].
func kindOf(blocks []block, i int) breakKind {
	if i == 0 || i == len(blocks) {
		return betweenSections
	}
	prev, next := blocks[i-1], blocks[i]
	switch {
	case next.heading && !prev.heading:
		return betweenSections
	case prev.msgID != next.msgID:
		return betweenParagraphs
	case prev.sentence:
		return betweenSentences
	}
	return midSentence
}

// foldMarks returns the marks at the folds between regions: dashed lines
// (fold marks are dashed, crop marks solid) 0.5 pt wide and 4 mm long, from
// 5 mm inside the sheet's top and bottom edges (office printers do not
// print nearer the edge), in light grey.
func (t TriFold) foldMarks(regions []Region) []Item {
	var out []Item
	grey := Color{0xb0, 0xb0, 0xb0}
	h := t.Paper.Size.H
	for _, x := range folds(regions, t.Paper.Size.W) {
		for _, y := range []float64{MM(5), h - MM(5) - MM(4)} {
			out = append(out, dashes(x, y, MM(4), 0.5, grey)...)
		}
	}
	return out
}

// languageFit is one way to set a languages block: its size and how many
// languages to leave out; last marks the final try.
type languageFit struct {
	size float64
	drop int
	last bool
}

// Sizes of the languages offer: 10 pt where it fits, never under 9 pt.
const (
	offerSize    = 10
	offerSizeMin = 9
)

// languageFits lists the ways to try, in order: the whole block at sizes
// from 10 pt (or the body, if smaller) down to 9 pt, then at 9 pt with ever
// more languages left out. Sections without a languages block need one
// try.
func languageFits(body float64, secs []content.DocSection) []languageFit {
	n := 0
	for _, s := range secs {
		for _, b := range s.Blocks {
			if b.Kind == content.Languages {
				n = max(n, 64)
			}
		}
	}
	if n == 0 {
		return []languageFit{{}}
	}
	var out []languageFit
	for size := min(offerSize, body); size >= offerSizeMin; size -= 0.5 {
		out = append(out, languageFit{size: size})
	}
	for d := 1; d <= n; d++ {
		out = append(out, languageFit{size: offerSizeMin, drop: d})
	}
	out[len(out)-1].last = true
	return out
}

// sortRegions orders regions from left to right.
func sortRegions(rs []Region) {
	sort.Slice(rs, func(i, j int) bool { return rs[i].Area.X < rs[j].Area.X })
}

// printShop grows a page (side is 0 for the outside, 1 for the inside) by
// the bleed and the slug, moving everything by them, and draws, in the
// slug, outside the bleed: solid crop marks at the trim's corners, dashed
// fold marks at the folds, and the slug line that names the file, the
// side, the date and the language.
func (tf *trifoldRun) printShop(p Page, side int) Page {
	off := Bleed + Slug
	out := Page{Size: Size{p.Size.W + 2*off, p.Size.H + 2*off}, Bookmarks: p.Bookmarks}
	out.Trim = Rect{off, off, p.Size.W, p.Size.H}
	out.Bleed = Rect{Slug, Slug, p.Size.W + 2*Bleed, p.Size.H + 2*Bleed}
	for _, it := range p.Items {
		out.Items = append(out.Items, moved(it, off, off))
	}
	for _, r := range p.Regions {
		r.Area.X, r.Area.Y = r.Area.X+off, r.Area.Y+off
		r.Frame.X, r.Frame.Y = r.Frame.X+off, r.Frame.Y+off
		out.Regions = append(out.Regions, r)
	}
	// marks: 0.25 pt lines in registration black, from 1 mm beyond the
	// bleed to the page's edge
	const w = 0.25
	black := Color{0, 0, 0}
	mark := func(x, y, mw, mh float64) {
		out.Items = append(out.Items, &Box{Rect: Rect{x, y, mw, mh}, Fill: black, Role: RoleArtifact})
	}
	gap := Bleed + MM(1)
	tr := out.Trim
	for _, x := range []float64{tr.X, tr.X + tr.W} {
		mark(x-w/2, 0, w, off-gap)             // above the top
		mark(x-w/2, tr.Y+tr.H+gap, w, off-gap) // below the bottom
	}
	for _, y := range []float64{tr.Y, tr.Y + tr.H} {
		mark(0, y-w/2, off-gap, w)             // left of the left edge
		mark(tr.X+tr.W+gap, y-w/2, off-gap, w) // right of the right edge
	}
	fx := folds(p.Regions, p.Size.W)
	for i := range fx {
		fx[i] += off
		out.Items = append(out.Items, dashes(fx[i], 0, off-gap, w, black)...)
		out.Items = append(out.Items, dashes(fx[i], tr.Y+tr.H+gap, off-gap, w, black)...)
	}
	out.Items = append(out.Items, tf.slugLine(tr, side, append([]float64{tr.X, tr.X + tr.W}, fx...))...)
	return out
}
