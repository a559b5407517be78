// SPDX-License-Identifier: MIT

package text

import (
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/segmenter"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"

	"leaflet/fonts"
	"leaflet/internal/memo"
)

// Span is a styled stretch [Start, End) of a paragraph, in runes.
type Span struct {
	Start, End int
	Bold       bool
	// Link is the target of a link ("mailto:…", "https://…"), or "".
	Link string
}

// Paragraph is one paragraph of text to set.
type Paragraph struct {
	Text []rune
	// Source, when set, is the string Text was decoded from, which the
	// caller may have at hand: the caches key on it (on string(Text) when
	// it is unset), so it must be Text's.
	Source string
	// Spans cover Text in order without gaps; a paragraph without spans is
	// set in one regular span.
	Spans []Span
	// Lang is the BCP 47 language of the text, e.g. "en".
	Lang string
	// Size is the font size in points.
	Size float64
	// Balance evens out all lines, the last included, as for headings;
	// otherwise the last line of a paragraph may be short.
	Balance bool
	// RTL sets the paragraph right to left (base level 1).
	RTL bool
	// Isolates are [start, end) rune ranges set as left-to-right
	// isolates: phone numbers and addresses that must read intact in
	// either direction.
	Isolates [][2]int
}

// source returns the paragraph's text as a string: Source, or Text
// encoded.
func (p Paragraph) source() string {
	if p.Source != "" {
		return p.Source
	}
	return string(p.Text)
}

// Glyph is one shaped glyph. Lengths are in points; YOffset grows upwards.
type Glyph struct {
	ID                        uint16
	Advance, XOffset, YOffset float64
	// Cluster is the index of the first rune of the glyph's cluster;
	// Runes is the number of runes in the cluster.
	Cluster, Runes int
}

// Run is a stretch of one line set in one face, size and span.
type Run struct {
	Face *fonts.Face
	Size float64
	// Span is the index of the paragraph span the run belongs to.
	Span int
	// Start and End delimit the run's runes in the paragraph; Text is
	// those runes.
	Start, End int
	Text       string
	// Glyphs are in visual order, their clusters counted from Start (the
	// run's own text), as a display list keeps them. A line from Lines
	// may be the cache's: its glyphs are read, never changed.
	Glyphs []Glyph
	// X is the run's offset from the left end of the line; Width its
	// advance.
	X, Width float64
	// Level is the run's bidi embedding level; odd is right to left.
	Level int
	// FakeBold reports that the run is bold but its face has no bold
	// weight: the writer emboldens the outlines.
	FakeBold bool
}

// Line is one broken line.
type Line struct {
	// Runs are in visual order, left to right. White space that ends
	// the line is not drawn: it belongs to no run.
	Runs []Run
	// Start and End delimit the line's runes; End includes trailing spaces.
	Start, End int
	// Width is the advance of the line without trailing white space.
	Width float64
	// Forced reports that the line ends inside a no-break range that is
	// wider than the column and had to be broken.
	Forced bool
}

// Missing is a character that no embedded face covers.
type Missing struct {
	Rune  rune
	Index int
}

func (m Missing) Error() string {
	return fmt.Sprintf("no embedded font covers %q (U+%04X)", m.Rune, m.Rune)
}

// Shaper sets paragraphs. It is not safe for concurrent use: create one per
// goroutine; the fonts it uses are shared.
type Shaper struct {
	fonts *fonts.Set
	hb    shaping.HarfbuzzShaper
	faces map[*fonts.Face]*font.Face
	seg   segmenter.Segmenter
	// cache keeps each paragraph shaped, which does not depend on the
	// size, and breakCache its break opportunities, which do not either;
	// linesCache keeps its lines at a size and width. A shaper kept for
	// build after build (of many leaflets) starts each afresh when full.
	cache      memo.Map[paraKey, shaped]
	breakCache memo.Map[paraKey, breakSet]
	linesCache memo.Map[linesKey, setLines]
	// faceOf keeps the face the font set gives each rune in each weight
	faceOf map[runeWeight]*fonts.Face
}

type runeWeight struct {
	r    rune
	bold bool
}

// faceForRune returns the font set's face for r (fonts.Set.For), asked
// once for each rune and weight.
func (s *Shaper) faceForRune(r rune, bold bool) *fonts.Face {
	k := runeWeight{r, bold}
	if f, ok := s.faceOf[k]; ok {
		return f
	}
	if s.faceOf == nil {
		s.faceOf = map[runeWeight]*fonts.Face{}
	}
	f := s.fonts.For(r, bold)
	s.faceOf[k] = f
	return f
}

// NewShaper returns a shaper that sets text in the given fonts.
func NewShaper(set *fonts.Set) *Shaper {
	return &Shaper{fonts: set, faces: make(map[*fonts.Face]*font.Face)}
}

func (s *Shaper) face(f *fonts.Face) *font.Face {
	ff, ok := s.faces[f]
	if !ok {
		ff = f.NewShapingFace()
		s.faces[f] = ff
	}
	return ff
}

// item is a stretch shaped as one unit: one face, span and script.
type item struct {
	start, end int
	face       *fonts.Face
	span       int
	script     language.Script
	level      level
	fakeBold   bool
	// glyphs are set at a size; units, what the shaper gave, in 26.6
	// fixed point at the font's units per em, is what the cache keeps
	glyphs []Glyph
	units  []unitGlyph
	// order is the glyphs' cluster order: see clusterOrder
	order int8
}

// unitGlyph is a shaped glyph as the cache keeps it: half the size of a
// Glyph, for a paragraph may have a million of them. Lengths are 26.6
// fixed point in font units, as the shaper gives them, so that a Glyph made
// from one is the same to the last bit as one made from the shaper's own.
type unitGlyph struct {
	id                      uint16
	advance, xOffset, yOffs int32
	cluster, runes          int32
}

// Measure reports the advance of a paragraph set on one line, without
// trailing white space.
func (s *Shaper) Measure(p Paragraph) float64 {
	items, _ := s.shape(p)
	end := len(p.Text) // the end of the text before trailing white space
	for end > 0 && unicode.IsSpace(p.Text[end-1]) {
		end--
	}
	var w float64
	for _, it := range items {
		for _, g := range it.glyphs {
			if g.Cluster < end {
				w += g.Advance
			}
		}
	}
	return w
}

// Lines sets p in lines at most width points wide, breaking at UAX #14
// opportunities except inside noBreak ranges ([start, end) rune pairs) and
// inside the stretches the typesetter's rules keep whole when they fit (a
// Polish one-letter word and the next, "e-mail", a run of ideographs in a
// Chinese heading, an English name in brackets in Urdu: see breaks.go). A
// stretch that cannot be broken and is wider than width gets a line of its
// own that is wider than width: the caller reports the overflow. Characters
// that no face covers are returned as problems and set in the text face.
//
// The lines are the shaper's to keep: a paragraph set again at the same
// size and width (the next build of a leaflet) gets them from its cache.
// Callers must not change them.
func (s *Shaper) Lines(p Paragraph, width float64, noBreak [][2]int) ([]Line, []Missing) {
	key := linesKey{para: shapeKey(p), size: p.Size, width: width, balance: p.Balance, noBreak: rangesKey(noBreak)}
	if c, ok := s.linesCache.Get(key); ok {
		return c.lines, c.missing
	}
	lines, missing := s.lines(p, width, noBreak)
	s.linesCache.Put(key, setLines{lines, missing})
	return lines, missing
}

// linesKey is what a paragraph's lines depend on beside its shaping.
type linesKey struct {
	para        paraKey
	size, width float64
	balance     bool
	noBreak     string
}

// setLines are a paragraph's lines and the characters no face covers.
type setLines struct {
	lines   []Line
	missing []Missing
}

// lines is Lines without the cache.
func (s *Shaper) lines(p Paragraph, width float64, noBreak [][2]int) ([]Line, []Missing) {
	items, missing := s.shape(p)
	if len(p.Text) == 0 {
		return nil, missing
	}
	adv := make([]float64, len(p.Text)+1) // advance per rune, summed per cluster
	for _, it := range items {
		for _, g := range it.glyphs {
			adv[g.Cluster] += g.Advance
		}
	}
	// prefix sums of advances
	sum := make([]float64, len(p.Text)+1)
	for i := range p.Text {
		sum[i+1] = sum[i] + adv[i]
	}
	measure := func(a, b int) float64 {
		e := b
		for e > a && unicode.IsSpace(p.Text[e-1]) {
			e--
		}
		return sum[e] - sum[a]
	}

	breaks := s.breaks(p, noBreak).allowed(measure, width)
	ends := greedy(breaks, measure, width)
	// A no-break stretch wider than the column (an email address in very
	// large print) is broken at its logical points — after @ or /, before
	// a dot — as a last resort; the lines that end inside it are marked.
	var forced [][2]int
	start := 0
	for _, e := range ends {
		if measure(start, e) > width+1e-9 {
			for _, r := range noBreak {
				if r[0] < e && start < r[1] && measure(r[0], r[1]) > width+1e-9 {
					forced = append(forced, r)
				}
			}
		}
		start = e
	}
	if len(forced) > 0 {
		breaks = mergeBreaks(breaks, logicalBreaks(p.Text, forced))
		ends = greedy(breaks, measure, width)
	}
	if better := balance(breaks, measure, width, len(ends), p.Balance); better != nil {
		ends = better
	}
	lines := make([]Line, 0, len(ends))
	forcedSet := newSpanSet(forced)
	start = 0
	for _, e := range ends {
		ln := s.line(p, items, start, e, measure(start, e))
		ln.Forced = forcedSet.inside(e)
		lines = append(lines, ln)
		start = e
	}
	return lines, missing
}

// logicalBreaks returns break positions inside the ranges at the points
// where an address may be broken when it must: after @ and /, before a dot
// or a hyphen, and between digit groups.
func logicalBreaks(text []rune, ranges [][2]int) []breakPos {
	var out []breakPos
	for _, r := range ranges {
		for i := r[0] + 1; i < r[1]; i++ {
			prev, cur := text[i-1], text[i]
			if prev == '@' || prev == '/' || cur == '.' || cur == '-' || unicode.IsSpace(prev) {
				out = append(out, breakPos{pos: i, space: unicode.IsSpace(prev)})
			}
		}
	}
	return out
}

// mergeBreaks merges two lists of break positions in order.
func mergeBreaks(a, b []breakPos) []breakPos {
	out := append(append([]breakPos(nil), a...), b...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].pos < out[j].pos })
	return out
}

// greedy breaks lines as late as possible: the fewest lines. It returns
// the end of each line.
func greedy(breaks []breakPos, measure func(a, b int) float64, width float64) []int {
	var ends []int
	start, fit := 0, -1
	for _, b := range breaks {
		for {
			if measure(start, b.pos) <= width+1e-9 {
				fit = b.pos
				break
			}
			if fit < 0 { // nothing fits: an overlong unbreakable stretch
				fit = b.pos
				break
			}
			ends = append(ends, fit)
			start, fit = fit, -1
		}
		if b.mandatory || b.pos == breaks[len(breaks)-1].pos {
			ends = append(ends, b.pos)
			start, fit = b.pos, -1
		}
	}
	return ends
}

// balance chooses breaks for exactly n lines (the fewest, from greedy) so
// that the lines are as even as possible: it minimises the sum of the
// squared space left at the end of each line but the last of a paragraph,
// and avoids a last line of one word. It returns nil when no such breaking
// exists (an overlong stretch), leaving the greedy breaks.
func balance(breaks []breakPos, measure func(a, b int) float64, width float64, n int, all bool) []int {
	m := len(breaks)
	if m == 0 || n < 2 || n > 64 || m > 2000 {
		return nil
	}
	const inf = 1e300
	pos := func(i int) int { // node 0 is the start of the text
		if i == 0 {
			return 0
		}
		return breaks[i-1].pos
	}
	// cost[l][j]: least cost of setting the text up to node j in l lines
	cost := make([][]float64, n+1)
	from := make([][]int32, n+1)
	for l := range cost {
		cost[l] = make([]float64, m+1)
		from[l] = make([]int32, m+1)
		for j := range cost[l] {
			cost[l][j] = inf
		}
	}
	cost[0][0] = 0
	for l := 1; l <= n; l++ {
		for i := 0; i < m; i++ {
			if cost[l-1][i] >= inf {
				continue
			}
			for j := i + 1; j <= m; j++ {
				w := measure(pos(i), pos(j))
				if w > width+1e-9 {
					break
				}
				var c float64
				if last := breaks[j-1].mandatory || j == m; last && !all {
					if j == i+1 && l > 1 && !(i > 0 && breaks[i-1].mandatory) {
						c = width * width / 4 // a lone word on a paragraph's last line
					}
				} else {
					c = (width - w) * (width - w)
					if !breaks[j-1].space {
						c += width * width / 16 // prefer breaking at spaces to breaking after a slash or dash
					}
				}
				if t := cost[l-1][i] + c; t < cost[l][j] {
					cost[l][j], from[l][j] = t, int32(i)
				}
				if breaks[j-1].mandatory {
					break // a forced break cannot be passed over
				}
			}
		}
	}
	if cost[n][m] >= inf {
		return nil
	}
	ends := make([]int, n)
	for l, j := n, m; l > 0; l-- {
		ends[l-1] = pos(j)
		j = int(from[l][j])
	}
	return ends
}

// line builds the runs of the line [a, b). It looks only at the items and
// glyphs the line holds, found by binary search, so that setting a long
// paragraph costs time in proportion to its length, not to its length
// times its lines.
func (s *Shaper) line(p Paragraph, items []item, a, b int, width float64) Line {
	ln := Line{Start: a, End: b, Width: width}
	vis := b // white space at the end of a line is not drawn (rule L1)
	for vis > a && unicode.IsSpace(p.Text[vis-1]) {
		vis--
	}
	var (
		pieces []Run
		levels []level
	)
	// items are in logical order and do not overlap: the first that ends
	// after a is the line's first
	first := sort.Search(len(items), func(i int) bool { return items[i].end > a })
	for _, it := range items[first:] {
		if it.start >= vis {
			break
		}
		if it.end <= a {
			continue
		}
		r := Run{Face: it.face, Size: p.Size, Span: it.span, Start: max(a, it.start), End: min(b, it.end), Level: int(it.level), FakeBold: it.fakeBold}
		r.Text = string(p.Text[r.Start:r.End])
		if lo, hi, ok := it.glyphRange(r.Start, min(r.End, vis)); ok {
			// the run's glyphs are a stretch of the item's
			if hi > lo {
				r.Glyphs = make([]Glyph, 0, hi-lo)
			}
			for _, g := range it.glyphs[lo:hi] {
				g.Cluster -= r.Start
				r.Glyphs = append(r.Glyphs, g)
				r.Width += g.Advance
			}
		} else {
			for _, g := range it.glyphs {
				if g.Cluster >= r.Start && g.Cluster < min(r.End, vis) {
					g.Cluster -= r.Start
					r.Glyphs = append(r.Glyphs, g)
					r.Width += g.Advance
				}
			}
		}
		pieces = append(pieces, r)
		levels = append(levels, it.level)
	}
	x := 0.0
	for _, k := range visualOrder(levels) {
		r := pieces[k]
		r.X = x
		x += r.Width
		ln.Runs = append(ln.Runs, r)
	}
	return ln
}

// glyphRange returns the indices [lo, hi) of the item's glyphs whose
// clusters run from a up to b, and true, when the glyphs run in cluster
// order: rising left to right, falling right to left. When they do not
// (order is 0), it returns false.
func (it *item) glyphRange(a, b int) (lo, hi int, ok bool) {
	gs := it.glyphs
	switch it.order {
	case 1:
		lo = sort.Search(len(gs), func(i int) bool { return gs[i].Cluster >= a })
		hi = sort.Search(len(gs), func(i int) bool { return gs[i].Cluster >= b })
	case -1:
		lo = sort.Search(len(gs), func(i int) bool { return gs[i].Cluster < b })
		hi = sort.Search(len(gs), func(i int) bool { return gs[i].Cluster < a })
	default:
		return 0, 0, false
	}
	return lo, max(lo, hi), true
}

// clusterOrder returns 1 when the glyphs' clusters never fall, -1 when
// they never rise, and 0 otherwise.
func clusterOrder(gs []unitGlyph) int8 {
	up, down := true, true
	for i := 1; i < len(gs); i++ {
		up = up && gs[i].cluster >= gs[i-1].cluster
		down = down && gs[i].cluster <= gs[i-1].cluster
	}
	switch {
	case up:
		return 1
	case down:
		return -1
	}
	return 0
}

// shape itemises p by span, face and script and shapes each item.
func (s *Shaper) shape(p Paragraph) ([]item, []Missing) {
	// Shaping does not depend on the size (it is done at the font's units
	// per em), and layouts set the same paragraphs again at other sizes
	// and widths: shape each paragraph once per shaper and scale.
	key := shapeKey(p)
	c, ok := s.cache.Get(key)
	if !ok {
		c.items, c.missing = s.shapeUnits(p)
		s.cache.Put(key, c)
	}
	// the glyphs of every item at this size, in one array that the
	// lines' runs share
	n := 0
	for _, it := range c.items {
		n += len(it.units)
	}
	all := make([]Glyph, 0, n)
	items := make([]item, len(c.items))
	const unit = 1.0 / 64 // 26.6 fixed point: font units
	for i, it := range c.items {
		scale := p.Size / it.face.Upem()
		items[i] = it
		items[i].units = nil
		start := len(all)
		for _, u := range it.units {
			g := Glyph{ID: u.id, Advance: float64(u.advance) * unit, XOffset: float64(u.xOffset) * unit, YOffset: float64(u.yOffs) * unit,
				Cluster: int(u.cluster), Runes: int(u.runes)}
			g.Advance *= scale
			g.XOffset *= scale
			g.YOffset *= scale
			all = append(all, g)
		}
		items[i].glyphs = all[start:len(all):len(all)]
	}
	return items, c.missing
}

// shaped is a paragraph shaped in font units.
type shaped struct {
	items   []item
	missing []Missing
}

// paraKey identifies a paragraph for a cache: its text and language, its
// direction, and what else the cached result depends on (balance; the
// spans' weights and the isolates, or the no-break ranges), encoded.
type paraKey struct {
	text, lang    string
	rtl, balance  bool
	spans, ranges string
}

// shapeKey identifies what shaping depends on: text, spans' weights,
// language, direction and isolates.
func shapeKey(p Paragraph) paraKey {
	b := make([]byte, 0, 9*len(p.Spans))
	for _, sp := range p.Spans {
		b = binary.AppendUvarint(b, uint64(sp.Start))
		b = binary.AppendUvarint(b, uint64(sp.End))
		if sp.Bold {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	return paraKey{text: p.source(), lang: p.Lang, rtl: p.RTL, spans: string(b), ranges: rangesKey(p.Isolates)}
}

// rangesKey encodes rune ranges for a cache key.
func rangesKey(ranges [][2]int) string {
	b := make([]byte, 0, 4*len(ranges))
	for _, r := range ranges {
		b = binary.AppendUvarint(b, uint64(r[0]))
		b = binary.AppendUvarint(b, uint64(r[1]))
	}
	return string(b)
}

// shapeUnits itemises p by span, face, script and bidi level and shapes
// each item; glyph lengths are in font units.
func (s *Shaper) shapeUnits(p Paragraph) ([]item, []Missing) {
	spans := p.Spans
	if len(spans) == 0 {
		spans = []Span{{Start: 0, End: len(p.Text)}}
	}
	var (
		items   []item
		missing []Missing
	)
	base := level(0)
	if p.RTL {
		base = 1
	}
	levels := bidiLevels(p.Text, base, p.Isolates)
	ctx := s.strongFaces(p.Text, spans)
	numEnd := digitRuns(p.Text)
	for si, sp := range spans {
		var cur *item
		for i := sp.Start; i < sp.End; i++ {
			r := p.Text[i]
			sc := language.LookupScript(r)
			f := s.faceFor(p.Text, i, sp.Bold, cur, ctx, numEnd)
			if f == nil && unicode.IsControl(r) { // line breaks and the like draw nothing
				f = s.fonts.Text(sp.Bold)
				if cur != nil {
					f = cur.face
				}
			}
			if f == nil {
				missing = append(missing, Missing{Rune: r, Index: i})
				f = s.fonts.Text(sp.Bold)
			}
			if cur != nil && cur.face == f && scriptsAgree(cur.script, sc) && cur.level == levels[i] {
				cur.end = i + 1
				if !cur.script.Strong() {
					cur.script = sc
				}
				continue
			}
			items = append(items, item{start: i, end: i + 1, face: f, span: si, script: sc, level: levels[i], fakeBold: sp.Bold && !f.Bold})
			cur = &items[len(items)-1]
		}
	}
	lang := language.NewLanguage(p.Lang)
	txt := p.source()
	for i := range items {
		it := &items[i]
		if !it.script.Strong() {
			it.script = language.Latin
		}
		upem := it.face.Upem()
		dir := di.DirectionLTR
		if it.level%2 == 1 {
			dir = di.DirectionRTL
		}
		key := itemKey{face: it.face, text: txt, lang: p.Lang, start: it.start, end: it.end, script: it.script, rtl: dir == di.DirectionRTL}
		if units, ok := shapedItems.Get(key); ok {
			it.units, it.order = units, clusterOrder(units)
			continue
		}
		chunks := shapeChunks(p.Text, it.start, it.end)
		if dir == di.DirectionRTL { // glyphs in visual order: the last chunk first
			slices.Reverse(chunks)
		}
		it.units = make([]unitGlyph, 0, it.end-it.start)
		for _, c := range chunks {
			out := s.hb.Shape(shaping.Input{
				Text:      p.Text,
				RunStart:  c[0],
				RunEnd:    c[1],
				Direction: dir,
				Face:      s.face(it.face),
				Size:      fixed.I(int(upem)),
				Script:    it.script,
				Language:  lang,
			})
			for _, g := range out.Glyphs {
				if unicode.IsControl(p.Text[g.TextIndex()]) {
					continue // a forced line break is not drawn
				}
				it.units = append(it.units, unitGlyph{id: uint16(g.GlyphID), advance: int32(g.Advance), xOffset: int32(g.XOffset), yOffs: int32(g.YOffset),
					cluster: int32(g.TextIndex()), runes: int32(g.RunesCount())})
			}
		}
		it.units = slices.Clip(it.units)
		it.order = clusterOrder(it.units)
		shapedItems.Put(key, it.units)
	}
	return items, missing
}

// shapedItems keeps the glyphs of every item shaped, for every shaper: the
// large print sets the tri-fold's paragraphs in another family, whose
// faces for a script other than Latin are the tri-fold's, and every
// language's tri-fold offers the same sentences of the other languages,
// in whichever worker lays it out. An item is shaped with its paragraph
// as context, which its key holds; nobody changes its glyphs after.
var shapedItems = memo.Map[itemKey, []unitGlyph]{Limit: 1 << 15}

type itemKey struct {
	face       *fonts.Face
	text, lang string
	start, end int
	script     language.Script
	rtl        bool
}

// shapeChunk is the length, in runes, past which an item is shaped in
// pieces, each ending after a space: the shaper's buffers grow with what it
// shapes at once and stay that large, and nothing a shaper does joins
// glyphs across a space. Items of ordinary paragraphs are far shorter.
const shapeChunk = 1 << 14

// shapeChunks returns the pieces [start, end) to shape the runes of
// text[start:end] in: the whole when it is at most shapeChunk runes long,
// else pieces of at least shapeChunk runes, each but the last ending after a
// space.
func shapeChunks(text []rune, start, end int) [][2]int {
	var out [][2]int
	for end-start > shapeChunk {
		cut := start + shapeChunk
		for cut < end && !unicode.IsSpace(text[cut-1]) {
			cut++
		}
		if cut >= end {
			break
		}
		out = append(out, [2]int{start, cut})
		start = cut
	}
	return append(out, [2]int{start, end})
}

// faceFor chooses the face for the rune text[i]: for a letter, the face
// of its script; for digits, spaces, punctuation and other characters of
// no script, the current item's face when it covers them, else the face
// of the nearest letter before them in the paragraph, else of the nearest
// after, in the wanted weight, when it covers them: so a phone number (a
// span of its own) in a Bengali or Urdu line is set in the line's face,
// not in the Latin text face. A number that stands apart from the word
// before it and leads into words of another face ("CSE 18 سال", under 18
// years) is set in the face of those words, as it is read with them.
// Invisible format characters (U+200B ZERO WIDTH SPACE, the bidi marks)
// stay in the face of their neighbours whether it covers them or not: the
// shaper hides them.
// numEnd[i] is the end of the run of digits and spaces from text[i] on
// (digitRuns).
func (s *Shaper) faceFor(text []rune, i int, bold bool, cur *item, ctx []*fonts.Face, numEnd []int) *fonts.Face {
	r := text[i]
	if language.LookupScript(r).Strong() {
		return s.faceForRune(r, bold)
	}
	if unicode.IsDigit(r) && i > 0 && unicode.IsSpace(text[i-1]) {
		j := numEnd[i]
		if j < len(text) && j > i && unicode.IsSpace(text[j-1]) && ctx[j] != nil {
			if f := s.fonts.Weight(ctx[j], bold); f.Covers(r) {
				return f
			}
		}
	}
	ignorable := unicode.Is(unicode.Cf, r)
	if cur != nil && (ignorable || cur.face.Covers(r)) {
		return cur.face
	}
	var near []*fonts.Face
	for j := i - 1; j >= 0; j-- {
		if ctx[j] != nil {
			near = append(near, ctx[j])
			break
		}
	}
	for j := i + 1; j < len(ctx); j++ {
		if ctx[j] != nil {
			near = append(near, ctx[j])
			break
		}
	}
	for _, f := range near {
		if f = s.fonts.Weight(f, bold); ignorable || f.Covers(r) {
			return f
		}
	}
	return s.faceForRune(r, bold)
}

// digitRuns returns, for each position of text, the end of the run of
// digits and white space that starts there: the position itself when
// text[i] is neither.
func digitRuns(text []rune) []int {
	out := make([]int, len(text)+1)
	out[len(text)] = len(text)
	for i := len(text) - 1; i >= 0; i-- {
		if unicode.IsDigit(text[i]) || unicode.IsSpace(text[i]) {
			out[i] = out[i+1]
		} else {
			out[i] = i
		}
	}
	return out
}

// strongFaces returns, for each rune of text that has a script, the face
// that sets it; nil for the others.
func (s *Shaper) strongFaces(text []rune, spans []Span) []*fonts.Face {
	out := make([]*fonts.Face, len(text))
	for _, sp := range spans {
		for i := sp.Start; i < sp.End; i++ {
			if language.LookupScript(text[i]).Strong() {
				out[i] = s.faceForRune(text[i], sp.Bold)
			}
		}
	}
	return out
}

func scriptsAgree(a, b language.Script) bool {
	return !a.Strong() || !b.Strong() || a == b
}

// String returns the text of [start, end) of p, for messages and dumps.
func (p Paragraph) String(start, end int) string {
	return strings.TrimSpace(string(p.Text[start:end]))
}
