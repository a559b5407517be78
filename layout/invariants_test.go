// SPDX-License-Identifier: MIT

package layout

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode"

	"leaflet/content"
	"leaflet/fonts"
	"leaflet/layout/text"
)

// checkLayout checks a layout of doc, done without an error in the fonts
// set: no rune of a message is lost, and each of the messages want is set
// (checkRunes); nothing is outside its frame (checkFrames); the tri-fold's
// inside fills from its first panel (checkPanels).
func checkLayout(t *testing.T, where string, doc *content.Document, res *Result, set *fonts.Set, want []string) {
	t.Helper()
	for _, p := range slices.Concat(checkRunes(doc, res, want), checkFrames(res, set), checkPanels(res)) {
		t.Errorf("%s: %s", where, p)
	}
}

// ink returns s without its white space (unicode.IsSpace): the characters
// a reader sees. White space is left out because a line break takes the
// spaces at the end of a line, which no run draws (and a forced line break
// is white space too); everything else — soft hyphens, zero-width spaces,
// markers — is text a run holds.
func ink(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// docTexts returns the texts the document has for each message ID: those
// of its sections (a quotation's source with the dash layout sets before
// it), its easy read and its draft notice. A message may have more than
// one: the draft notice in two languages.
func docTexts(doc *content.Document) map[string][]string {
	m := map[string][]string{}
	add := func(t content.Text, prefix string) {
		if t.ID != "" {
			m[t.ID] = append(m[t.ID], prefix+t.String())
		}
	}
	for _, s := range doc.Sections {
		if s.Heading != nil {
			add(*s.Heading, "")
		}
		for _, b := range s.Blocks {
			for _, t := range b.Texts {
				add(t, "")
			}
			if b.Source != nil {
				add(*b.Source, "— ")
			}
		}
	}
	if er := doc.EasyRead; er != nil {
		add(er.Label, "")
		for _, s := range er.Sections {
			if s.Heading != nil {
				add(*s.Heading, "")
			}
			for _, p := range s.Points {
				for _, t := range p.Texts {
					add(t, "")
				}
			}
		}
	}
	for _, t := range doc.Draft {
		add(t, "")
	}
	return m
}

// spelled returns, for each structure element, the text its glyph runs
// spell in the order of the display list, which is logical order; and the
// lines whose runs are not drawn as that order reordered by their levels
// says (UAX #9 rule L2): from left to right, the runs of a line in visual
// order. A line is the element's runs on one page, in one region, on one
// baseline.
func spelled(res *Result) (map[int]string, []string) {
	type line struct {
		page int
		y    float64
		reg  string
		runs []*GlyphRun
	}
	lines := map[int][]*line{}
	for pi, p := range res.Pages {
		for _, it := range p.Items {
			g, ok := it.(*GlyphRun)
			if !ok || g.Elem < 0 {
				continue
			}
			reg := ""
			if r, ok := regionAt(p, g.Bounds()); ok {
				reg = r.Name
			}
			ls := lines[g.Elem]
			if n := len(ls); n > 0 && ls[n-1].page == pi && ls[n-1].y == g.Y && ls[n-1].reg == reg {
				ls[n-1].runs = append(ls[n-1].runs, g)
				continue
			}
			lines[g.Elem] = append(ls, &line{page: pi, y: g.Y, reg: reg, runs: []*GlyphRun{g}})
		}
	}
	out := map[int]string{}
	var problems []string
	for e, ls := range lines {
		var b strings.Builder
		for _, l := range ls {
			for _, g := range l.runs {
				b.WriteString(g.Text)
			}
			vis := visualOrder(l.runs)
			for k := 1; k < len(vis); k++ {
				if vis[k].X < vis[k-1].X+vis[k-1].Width-0.01 {
					problems = append(problems, fmt.Sprintf("page %d: element %d: run %q (level %d) is drawn left of %q (level %d), against the order their levels give",
						l.page+1, e, vis[k].Text, vis[k].Level, vis[k-1].Text, vis[k-1].Level))
				}
			}
		}
		out[e] = b.String()
	}
	return out, problems
}

// visualOrder returns a line's runs, given in logical order, in visual
// order by UAX #9 rule L2: from the highest level down to the lowest odd
// one, every stretch of runs at that level or higher is reversed.
func visualOrder(runs []*GlyphRun) []*GlyphRun {
	out := slices.Clone(runs)
	hi, lo := 0, math.MaxInt
	for _, g := range out {
		hi = max(hi, g.Level)
		if g.Level%2 == 1 {
			lo = min(lo, g.Level)
		}
	}
	for lv := hi; lv >= max(lo, 1); lv-- {
		for i := 0; i < len(out); {
			if out[i].Level < lv {
				i++
				continue
			}
			j := i
			for j < len(out) && out[j].Level >= lv {
				j++
			}
			slices.Reverse(out[i:j])
			i = j
		}
	}
	return out
}

// textRoles are the roles of the elements whose runs are a message's
// text; a list item's label holds the bullet, and the other elements
// (a list, a list item, a quotation) hold elements.
var textRoles = []Role{RoleTitle, RoleHeading, RoleParagraph, RoleListBody}

// checkRunes checks that no rune of a message is lost:
//
//   - for every element of text (textRoles) set from a message (its
//     MsgID), the characters but white space that its runs spell
//     (spelled, ink) in the order of the display list are those of one of
//     the document's texts of the message, in order, nothing left out and
//     nothing added, and each line's runs are drawn where their levels put
//     them;
//   - every message of want has an element, but for one with nothing to
//     see (the easy read sets no element for an empty title);
//   - within every run, each character but white space and control
//     characters (a forced line break) is in the cluster of one of the
//     run's glyphs, and every glyph's cluster is in the run's text;
//   - the glyphs' clusters run in the run's direction (rising left to
//     right, falling right to left: the glyphs are in visual order), and a
//     run is right to left exactly when its level is odd.
func checkRunes(doc *content.Document, res *Result, want []string) []string {
	var out []string
	texts := docTexts(doc)
	got, order := spelled(res)
	out = append(out, order...)
	seen := map[string]bool{}
	for e, el := range res.Elems {
		if el.MsgID == "" || !slices.Contains(textRoles, el.Role) {
			continue
		}
		seen[el.MsgID] = true
		cands, ok := texts[el.MsgID]
		if !ok {
			continue // a message layout sets itself (a language's name)
		}
		s := ink(got[e])
		match := false
		for _, c := range cands {
			match = match || ink(c) == s
		}
		if !match {
			out = append(out, fmt.Sprintf("element %d (%s) of message %q: its runs spell %q; want %q", e, el.Role, el.MsgID, got[e], cands[0]))
		}
	}
	for _, id := range want {
		if empty := len(texts[id]) > 0 && ink(texts[id][0]) == ""; !seen[id] && !empty {
			out = append(out, fmt.Sprintf("message %q is not set", id))
		}
	}
	for pi, p := range res.Pages {
		for _, it := range p.Items {
			g, ok := it.(*GlyphRun)
			if !ok {
				continue
			}
			if g.RTL != (g.Level%2 == 1) {
				out = append(out, fmt.Sprintf("page %d: run %q: RTL is %v at level %d", pi+1, g.Text, g.RTL, g.Level))
			}
			rs := []rune(g.Text)
			covered := make([]bool, len(rs))
			for k, gl := range g.Glyphs {
				if k > 0 && (gl.Cluster < g.Glyphs[k-1].Cluster) != g.RTL && gl.Cluster != g.Glyphs[k-1].Cluster {
					out = append(out, fmt.Sprintf("page %d: run %q: glyph %d's cluster %d after %d, against the run's direction", pi+1, g.Text, k, gl.Cluster, g.Glyphs[k-1].Cluster))
				}
				if gl.Cluster < 0 || gl.Cluster >= len(rs) {
					out = append(out, fmt.Sprintf("page %d: run %q: glyph %d has cluster %d, outside its text", pi+1, g.Text, gl.ID, gl.Cluster))
					continue
				}
				for c := gl.Cluster; c < min(len(rs), gl.Cluster+max(gl.Runes, 1)); c++ {
					covered[c] = true
				}
			}
			for k, r := range rs {
				if !covered[k] && !unicode.IsSpace(r) && !unicode.IsControl(r) {
					out = append(out, fmt.Sprintf("page %d: run %q (message %q): %q (U+%04X) at %d has no glyph", pi+1, g.Text, g.MsgID, r, r, k))
				}
			}
		}
	}
	return out
}

// regionAt returns the region of a page whose area holds the middle of b,
// across.
func regionAt(p Page, b Rect) (Region, bool) {
	x := b.X + b.W/2
	for _, r := range p.Regions {
		if x >= r.Area.X && x < r.Area.X+r.Area.W {
			return r, true
		}
	}
	return Region{}, false
}

// leastLeading is the least line height, as a multiple of the size, of
// the text that may reach a frame's top or bottom edge: the tri-fold's.
const leastLeading = 1.3

// checkFrames checks that nothing is drawn outside its frame, to 0.01 pt:
//
//   - every item lies within its page, and in the print shop's file every
//     item but the artifacts (the colour field in the bleed, the marks in
//     the slug) within the trim;
//   - every item but the artifacts lies within the frame of the region
//     whose area holds its middle, when the page has regions. On the
//     front cover the frame reaches down to the foot of the colour field,
//     5 mm above the sheet's edge, where the call to action is; a QR
//     code's quiet zone may lie in the margin.
//
// A glyph run's extent is its advance across. Down, it is its line's box:
// its text face's ascender to descender (the fonts' text face, whose
// metrics place every line's baseline, whatever the run's script), which a
// line 1.3 em high, the least leading of text that reaches a frame's top
// or bottom, may exceed by half the difference at each side; or else its
// own face's ascender to descender, to 0.01 pt (the screen edition's title
// is set 1.2 em apart and moved down until its runs' faces are in the
// page).
func checkFrames(res *Result, set *fonts.Set) []string {
	var out []string
	const eps = 0.01
	asc, desc := set.Text(false).Metrics()
	type extent struct {
		r  Rect
		dy float64
	}
	// in reports whether one of an item's extents lies in r
	in := func(es []extent, r Rect) bool {
		for _, e := range es {
			b := e.r
			if b.X >= r.X-eps && b.X+b.W <= r.X+r.W+eps && b.Y >= r.Y-eps-e.dy && b.Y+b.H <= r.Y+r.H+eps+e.dy {
				return true
			}
		}
		return false
	}
	for pi, p := range res.Pages {
		page := Rect{0, 0, p.Size.W, p.Size.H}
		for _, it := range p.Items {
			b, role := it.Bounds(), Role("")
			es := []extent{{b, 0}}
			switch it := it.(type) {
			case *GlyphRun:
				line := Rect{b.X, it.Y - asc*it.Size, b.W, (asc - desc) * it.Size}
				es = append(es, extent{line, max(0, (asc-desc-leastLeading)/2) * it.Size})
				role = it.Role
			case *Box:
				role = it.Role
			case *Picture:
				role = it.Role
				if it.Vector != nil && it.Vector.Name == "qr" {
					q := it.W * qrModules / it.Vector.ViewBox[2]
					es[0].r = Rect{b.X + q, b.Y + q, b.W - 2*q, b.H - 2*q}
				}
			}
			if !in(es, page) {
				out = append(out, fmt.Sprintf("page %d: %s leaves the page %+v", pi+1, describe(it), page))
			}
			if role == RoleArtifact {
				continue
			}
			if p.Trim != (Rect{}) && !in(es, p.Trim) {
				out = append(out, fmt.Sprintf("page %d: %s leaves the trim %+v", pi+1, describe(it), p.Trim))
			}
			if len(p.Regions) == 0 {
				continue
			}
			r, ok := regionAt(p, b)
			if !ok {
				out = append(out, fmt.Sprintf("page %d: %s is in no region", pi+1, describe(it)))
				continue
			}
			fr := r.Frame
			if r.Panel == FrontCover {
				fr.H = r.Area.Y + r.Area.H - coverInset - fr.Y
			}
			if !in(es, fr) {
				out = append(out, fmt.Sprintf("page %d: %s leaves the frame %+v of %s", pi+1, describe(it), fr, r.Name))
			}
		}
	}
	return out
}

// checkPanels checks the order the tri-fold's inside panels fill in: no
// inside panel is empty while a panel after it in reading order (inside
// left, middle, fold-in) holds text, so that the text starts in the
// inside left, the panel a reader sees first on opening the leaflet. A
// panel holds text when a glyph run that is not an artifact has its
// middle in the panel's area. Results without the inside panels (the
// page editions) pass.
func checkPanels(res *Result) []string {
	var out []string
	for pi, p := range res.Pages {
		holds := map[Panel]bool{}
		for _, it := range p.Items {
			if g, ok := it.(*GlyphRun); ok && g.Role != RoleArtifact {
				if r, ok := regionAt(p, g.Bounds()); ok {
					holds[r.Panel] = true
				}
			}
		}
		order := []Panel{InsideLeft, Middle, FoldIn}
		if !slices.ContainsFunc(p.Regions, func(r Region) bool { return r.Panel == InsideLeft }) {
			continue
		}
		for i, name := range order {
			for _, later := range order[i+1:] {
				if !holds[name] && holds[later] {
					out = append(out, fmt.Sprintf("page %d: panel %s is empty while %s, after it in reading order, holds text", pi+1, name, later))
					break
				}
			}
		}
	}
	return out
}

// describe names an item for a failure.
func describe(it Item) string {
	switch it := it.(type) {
	case *GlyphRun:
		return fmt.Sprintf("run %q (message %q) at %.2f,%.2f w=%.2f %gpt", it.Text, it.MsgID, it.X, it.Y, it.Width, it.Size)
	case *Box:
		return fmt.Sprintf("box %+v %s", it.Rect, it.Role)
	case *Picture:
		return fmt.Sprintf("picture %+v %s", it.Rect, it.Role)
	}
	return fmt.Sprintf("%T", it)
}

// TestLayoutChecksFail checks that checkRunes and checkFrames fail a
// layout with a character left out of a run, a run moved out of its frame
// and a glyph taken away.
func TestLayoutChecksFail(t *testing.T) {
	doc := fuzzDoc("en", false, "A title", "A heading", "A paragraph of text.", "An item.")
	e := fuzzEditions(t, false)[0]
	lay := func() *Result {
		res, ds := e.ed.Layout(doc, e.set, text.NewShaper(e.set))
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		return res
	}
	run := func(res *Result, id string) *GlyphRun {
		for _, p := range res.Pages {
			for _, it := range p.Items {
				if g, ok := it.(*GlyphRun); ok && g.MsgID == id {
					return g
				}
			}
		}
		t.Fatalf("no run of %q", id)
		return nil
	}
	for _, tc := range []struct {
		name   string
		change func(*Result)
		want   string
	}{
		{"a character left out", func(r *Result) { g := run(r, "p"); g.Text = strings.Replace(g.Text, "x", "", 1) }, `message "p": its runs spell`},
		{"a character added", func(r *Result) { g := run(r, "h"); g.Text += "!" }, `message "h": its runs spell`},
		{"a glyph taken away", func(r *Result) { g := run(r, "i"); g.Glyphs = g.Glyphs[1:] }, "has no glyph"},
		{"a run out of its frame", func(r *Result) { g := run(r, "q"); g.X -= 30 }, "leaves the frame"},
		{"a run off the page", func(r *Result) { g := run(r, "contact.phone"); g.Y += 1000 }, "leaves the page"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := lay()
			if ps := append(checkRunes(doc, res, nil), checkFrames(res, e.set)...); len(ps) > 0 {
				t.Fatalf("the layout fails before the change: %v", ps)
			}
			tc.change(res)
			ps := append(checkRunes(doc, res, nil), checkFrames(res, e.set)...)
			if !strings.Contains(strings.Join(ps, "\n"), tc.want) {
				t.Errorf("got %q; want a problem %q", ps, tc.want)
			}
		})
	}
}

// TestPanelCheckFailsAnEmptyInsideLeft checks that checkPanels fails an
// inside whose text starts in the middle panel, and passes one whose text
// ends there.
func TestPanelCheckFailsAnEmptyInsideLeft(t *testing.T) {
	set, _ := tools(t)
	imp := NewTriFold(A4).Imposition(false)
	page := func(panels ...Panel) *Result {
		p := Page{Size: A4.Size}
		for _, panel := range []Panel{InsideLeft, Middle, FoldIn} {
			p.Regions = append(p.Regions, Region{Name: panel.String(), Panel: panel, Area: imp[panel].Area})
		}
		for _, name := range panels {
			a := imp[name].Area
			p.Items = append(p.Items, &GlyphRun{X: a.X + 30, Y: 50, Face: set.Text(false), Size: 10, Width: 50, Text: "text", Role: RoleParagraph})
		}
		return &Result{Pages: []Page{p}}
	}
	if ps := checkPanels(page(InsideLeft, Middle)); len(ps) > 0 {
		t.Errorf("text in the inside left and middle: got %q; want no problem", ps)
	}
	if ps := checkPanels(page(Middle, FoldIn)); len(ps) != 1 || !strings.Contains(ps[0], "panel inside left is empty while middle") {
		t.Errorf("text in the middle and fold-in: got %q; want the inside left reported empty", ps)
	}
}

// TestBuiltinLeafletLosesNoRuneAndStaysInItsFrames checks the built-in
// leaflet, in a language of each script FuzzLayout writes and Urdu, in
// every edition, as FuzzLayout checks its own (checkRunes, checkFrames,
// checkPanels):
// with its languages offer, contact details, QR code and draft notices.
func TestBuiltinLeafletLosesNoRuneAndStaysInItsFrames(t *testing.T) {
	for _, lang := range append(slices.Clone(fuzzLangs), "ur") {
		doc := builtinDoc(t, lang)
		for _, e := range fuzzEditions(t, false) {
			res, ds := e.ed.Layout(doc, e.set, text.NewShaper(e.set))
			if ds.HasErrors() {
				t.Fatalf("%s %s: %v", lang, e.name, ds)
			}
			for _, p := range slices.Concat(checkRunes(doc, res, nil), checkFrames(res, e.set), checkPanels(res)) {
				t.Errorf("%s %s: %s", lang, e.name, p)
			}
		}
	}
}
