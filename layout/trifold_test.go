// SPDX-License-Identifier: MIT

package layout

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"leaflet/content"
	"leaflet/fonts"
	"leaflet/layout/text"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func tools(t testing.TB) (*fonts.Set, *text.Shaper) {
	t.Helper()
	set, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return set, text.NewShaper(set)
}

func builtinDoc(t testing.TB, lang string) *content.Document {
	t.Helper()
	l, ds := content.Load(content.Builtin(), "", content.DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	doc, ds := l.Localize(lang)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return doc
}

func layoutBuiltin(t testing.TB, paper Paper) *Result {
	t.Helper()
	set, sh := tools(t)
	res, ds := NewTriFold(paper).Layout(builtinDoc(t, "en"), set, sh)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return res
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./layout -update to create it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs at line %d:\ngot  %s\nwant %s\n(run go test ./layout -update if the change is intended)", path, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s differs in length: got %d lines; want %d", path, len(gl), len(wl))
	}
}

func TestTriFoldGolden(t *testing.T) {
	for _, tc := range []struct {
		name  string
		paper Paper
	}{
		{"cse-en-trifold-a4", A4},
		{"cse-en-trifold-letter", Letter},
	} {
		t.Run(tc.name, func(t *testing.T) {
			golden(t, tc.name, layoutBuiltin(t, tc.paper).Dump())
		})
	}
}

func TestTriFoldImposition(t *testing.T) {
	mm := func(v float64) float64 { return math.Round(ToMM(v)*100) / 100 }
	in := func(v float64) float64 { return math.Round(v/72*10000) / 10000 }
	for _, tc := range []struct {
		name  string
		paper Paper
		rtl   bool
		unit  func(float64) float64
		// left to right on each page: panel name and width
		want [2][3]string
	}{
		{"A4 left to right", A4, false, mm, [2][3]string{
			{"flap 97", "back cover 100", "front cover 100"},
			{"inside left 100", "middle 100", "fold-in 97"}}},
		{"A4 right to left mirrors the sheet", A4, true, mm, [2][3]string{
			{"front cover 100", "back cover 100", "flap 97"},
			{"fold-in 97", "middle 100", "inside left 100"}}},
		{"Letter left to right", Letter, false, in, [2][3]string{
			{"flap 3.625", "back cover 3.6875", "front cover 3.6875"},
			{"inside left 3.6875", "middle 3.6875", "fold-in 3.625"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			imp := NewTriFold(tc.paper).Imposition(tc.rtl)
			var got [2][]Region
			for _, panel := range Panels {
				p := imp[panel]
				got[p.Page] = append(got[p.Page], Region{Name: panel.String(), Panel: panel, Area: p.Area})
			}
			for page := range got {
				sortRegions(got[page])
				x := 0.0
				for i, r := range got[page] {
					s := fmt.Sprintf("%s %v", r.Name, tc.unit(r.Area.W))
					if s != tc.want[page][i] {
						t.Errorf("page %d panel %d: got %s; want %s", page+1, i+1, s, tc.want[page][i])
					}
					if math.Abs(r.Area.X-x) > 1e-9 {
						t.Errorf("page %d panel %s starts at %.2f; want %.2f (no gap or overlap)", page+1, r.Name, r.Area.X, x)
					}
					x += r.Area.W
				}
				if math.Abs(x-tc.paper.Size.W) > 1e-6 {
					t.Errorf("page %d panels add up to %.3f pt; want the sheet width %.3f", page+1, x, tc.paper.Size.W)
				}
			}
			// duplex, flipping on the short edge: a panel backs the
			// panel in the mirrored position of the other side
			backs := map[Panel]Panel{FrontCover: InsideLeft, BackCover: Middle, FlapPanel: FoldIn}
			for out, ins := range backs {
				o, i := imp[out].Area, imp[ins].Area
				if math.Abs(o.X-(tc.paper.Size.W-i.X-i.W)) > 1e-6 || o.W != i.W {
					t.Errorf("%s (x=%.1f w=%.1f) does not back %s (x=%.1f w=%.1f)", out, o.X, o.W, ins, i.X, i.W)
				}
			}
		})
	}
}

func TestTriFoldMarginsMeetPrintLimits(t *testing.T) {
	for _, paper := range []Paper{A4, Letter} {
		res := layoutBuiltin(t, paper)
		for pi, p := range res.Pages {
			for _, r := range p.Regions {
				left, right := r.Frame.X-r.Area.X, r.Area.X+r.Area.W-r.Frame.X-r.Frame.W
				if ToMM(left) < 5 || ToMM(right) < 5 || ToMM(r.Frame.Y) < 5 || ToMM(p.Size.H-r.Frame.Y-r.Frame.H) < 5 {
					t.Errorf("%s page %d %s: frame %.1f/%.1f mm from the panel's sides; want at least 5 mm from edges and 4 mm from folds",
						paper.Name, pi+1, r.Name, ToMM(left), ToMM(right))
				}
			}
		}
	}
}

// regionOf returns the region an item's start lies in.
func regionOf(p Page, b Rect) (Region, bool) {
	for _, r := range p.Regions {
		if b.X >= r.Area.X && b.X < r.Area.X+r.Area.W {
			return r, true
		}
	}
	return Region{}, false
}

func TestTriFoldDrawsNothingOutsideItsPanel(t *testing.T) {
	for _, paper := range []Paper{A4, Letter} {
		res := layoutBuiltin(t, paper)
		for pi, p := range res.Pages {
			for _, it := range p.Items {
				b := it.Bounds()
				r, ok := regionOf(p, b)
				if !ok {
					t.Fatalf("page %d: item at x=%.1f is in no panel", pi+1, b.X)
				}
				f := r.Frame
				// the face's ascender and descender (1.36 em for Noto
				// Sans) may reach a little past a line height of 1.3 em
				eps, epsY := 0.01, 0.01
				if g, ok := it.(*GlyphRun); ok {
					epsY = 0.04 * g.Size
				}
				if p, ok := it.(*Picture); ok && p.Vector != nil && p.Vector.Name == "qr" {
					// the QR code's quiet zone may lie in the margin
					q := p.W * qrModules / p.Vector.ViewBox[2]
					b = Rect{b.X + q, b.Y + q, b.W - 2*q, b.H - 2*q}
				}
				if r.Panel == FrontCover {
					if _, ok := it.(*GlyphRun); ok {
						// the call to action sits in the band at the
						// foot, as far from the edge as the sides are
						f.H = r.Area.H - MM(9) - f.Y
					} else {
						f = r.Area // the cover's colour field and band fill the panel
					}
				}
				if b.X < f.X-eps || b.X+b.W > f.X+f.W+eps || b.Y < f.Y-epsY || b.Y+b.H > f.Y+f.H+epsY {
					t.Errorf("%s page %d %s: item %T %+v leaves the frame %+v", paper.Name, pi+1, r.Name, it, b, f)
				}
			}
		}
	}
}

func TestTriFoldKeepsHeadingsWithTheirText(t *testing.T) {
	res := layoutBuiltin(t, A4)
	for pi, p := range res.Pages {
		for _, r := range p.Regions {
			var last *GlyphRun
			for _, it := range p.Items {
				g, ok := it.(*GlyphRun)
				if !ok {
					continue
				}
				if rr, _ := regionOf(p, g.Bounds()); rr.Name == r.Name && (last == nil || g.Y >= last.Y) {
					last = g
				}
			}
			if last != nil && last.Role == RoleHeading {
				t.Errorf("page %d %s ends with the heading %q", pi+1, r.Name, last.Text)
			}
		}
	}
}

func TestTriFoldReadingOrderStartsWithTheTitle(t *testing.T) {
	res := layoutBuiltin(t, A4)
	var roles []string
	for _, e := range res.Elems {
		if e.Role == RoleTitle || e.Role == RoleHeading {
			roles = append(roles, e.MsgID)
		}
	}
	want := []string{"cover.title", "what.heading", "signs.heading", "assessment.heading", "toolkit.heading", "howto.heading", "languages.heading", "contact.heading"}
	if strings.Join(roles, " ") != strings.Join(want, " ") {
		t.Errorf("got headings in order %v; want %v", roles, want)
	}
}

// leafletWith returns a one-language leaflet whose inside has n paragraphs
// of the given text.
func leafletWith(t *testing.T, para string, n int) *content.Document {
	t.Helper()
	var c, m strings.Builder
	c.WriteString("[organisation]\nname = \"Org\"\n\n[[section]]\nplace = \"cover\"\n[[section.block]]\ntitle = \"title\"\n\n[[section]]\nheading = \"h\"\n")
	m.WriteString("[title]\ndescription = \"d\"\nother = \"Title\"\n[h]\ndescription = \"d\"\nother = \"Heading\"\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&c, "[[section.block]]\nparagraph = \"p%d\"\n", i)
		fmt.Fprintf(&m, "[p%d]\ndescription = \"d\"\nother = %q\n", i, para)
	}
	return localized(t, c.String(), m.String())
}

// localized loads a one-language leaflet t from its content file and its
// English bundle, and localises it.
func localized(t *testing.T, leaflet, messages string) *content.Document {
	t.Helper()
	fsys := fstest.MapFS{
		"content/t/leaflet.toml":   {Data: []byte(leaflet)},
		"locales/t/active.en.toml": {Data: []byte(messages)},
	}
	l, ds := content.Load(fsys, "", "t")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	doc, ds := l.Localize("en")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return doc
}

const lorem = "Parents, carers and professionals coming into contact with children are urged to look out for signs of exploitation and to say something when they are worried."

func TestTriFoldSetsTheBodyAsLargeAsFits(t *testing.T) {
	set, sh := tools(t)
	for _, tc := range []struct {
		n        int
		wantSize float64
	}{
		{5, 14}, // a short leaflet grows to fill its spread
		{10, 14},
		{20, 11.5},
		{24, 11},
		{26, 10},
	} {
		t.Run(fmt.Sprintf("%d paragraphs", tc.n), func(t *testing.T) {
			res, ds := NewTriFold(A4).Layout(leafletWith(t, lorem, tc.n), set, sh)
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			if res.BodySize != tc.wantSize {
				t.Errorf("got body %.1f pt; want %.1f pt", res.BodySize, tc.wantSize)
			}
		})
	}
}

func TestTriFoldThatCannotFitSaysWhereAndByHowMuch(t *testing.T) {
	set, sh := tools(t)
	_, ds := NewTriFold(A4).Layout(leafletWith(t, lorem, 50), set, sh)
	if !ds.HasErrors() {
		t.Fatal("got no error for 40 paragraphs; want an overflow")
	}
	msg := ds.Error()
	for _, want := range []string{"en trifold", "panel fold-in", "does not fit", "message \"p", "section \"Heading\"", " mm)",
		"panel back cover is only 0% full while text overflows another", `place = "back"`} {
		if !strings.Contains(msg, want) {
			t.Errorf("got %q; want it to contain %q", msg, want)
		}
	}
}

func TestTriFoldNeverBreaksAnEmailAddress(t *testing.T) {
	res := layoutBuiltin(t, A4)
	for _, p := range res.Pages {
		for _, it := range p.Items {
			if g, ok := it.(*GlyphRun); ok && strings.Contains(g.Text, "@") && !strings.Contains(g.Text, "nscb@northamptonshire.gcsx.gov.uk") {
				t.Errorf("the email address is broken: run %q", g.Text)
			}
		}
	}
}

func BenchmarkTriFold(b *testing.B) {
	set, sh := tools(b)
	doc := builtinDoc(b, "en")
	tf := NewTriFold(A4)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, ds := tf.Layout(doc, set, sh); ds.HasErrors() {
			b.Fatal(ds)
		}
	}
}

// layoutFunc is what every edition's layout offers.
type layoutFunc interface {
	Layout(*content.Document, *fonts.Set, *text.Shaper) (*Result, content.Diagnostics)
}

func newShaperFor(set *fonts.Set) *text.Shaper { return text.NewShaper(set) }

func TestFoldMarksSitAtTheFoldsInsideThePrintableArea(t *testing.T) {
	set, sh := tools(t)
	for _, paper := range []Paper{A4, Letter} {
		tf := NewTriFold(paper)
		tf.FoldMarks = true
		res, ds := tf.Layout(builtinDoc(t, "en"), set, sh)
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		for pi, p := range res.Pages {
			var folds []float64
			for _, r := range p.Regions[:2] {
				folds = append(folds, r.Area.X+r.Area.W)
			}
			marks := map[[2]int]int{} // dashes per mark: at a fold, at the top or bottom
			for _, it := range p.Items {
				b, ok := it.(*Box)
				if !ok || b.Fill != (Color{0xb0, 0xb0, 0xb0}) {
					continue
				}
				top := 0
				if b.Y < p.Size.H/2 {
					top = 1
				}
				marks[[2]int{int(math.Round(b.X)), top}]++
				if b.Role != RoleArtifact {
					t.Errorf("a fold mark is not an artifact")
				}
				cx := b.X + b.W/2
				if math.Abs(cx-folds[0]) > 0.01 && math.Abs(cx-folds[1]) > 0.01 {
					t.Errorf("%s page %d: mark at x=%.2f is at no fold %v", paper.Name, pi+1, cx, folds)
				}
				if ToMM(b.Y) < 5-1e-9 || ToMM(p.Size.H-b.Y-b.H) < 5-1e-9 {
					t.Errorf("%s page %d: mark %+v within 5 mm of the edge", paper.Name, pi+1, b.Rect)
				}
			}
			if len(marks) != 4 {
				t.Errorf("%s page %d: got %d fold marks; want 4", paper.Name, pi+1, len(marks))
			}
			for at, n := range marks {
				if n < 2 {
					t.Errorf("%s page %d: the fold mark at x=%d is one solid tick; want it dashed", paper.Name, pi+1, at[0])
				}
			}
		}
	}
}

// builtinLangs lists the languages of the built-in leaflet.
func builtinLangs(t *testing.T) []string {
	t.Helper()
	l, ds := content.Load(content.Builtin(), "", content.DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	var langs []string
	for tag := range l.Bundles {
		langs = append(langs, tag)
	}
	sort.Strings(langs)
	return langs
}

// insideIDs returns the message IDs of the document's inside sections,
// but for those whose heading is in moved.
func insideIDs(doc *content.Document, moved []string) map[string]string {
	ids := map[string]string{}
	for _, s := range doc.Sections {
		if s.Place != content.Inside || (s.Heading != nil && slices.Contains(moved, s.Heading.String())) {
			continue
		}
		name := ""
		if s.Heading != nil {
			name = s.Heading.String()
			ids[s.Heading.ID] = name
		}
		for _, b := range s.Blocks {
			for _, t := range b.Texts {
				ids[t.ID] = name
			}
		}
	}
	return ids
}

func TestTriFoldNeverSplitsTheInsideOntoTheOutside(t *testing.T) {
	set, sh := tools(t)
	for _, lang := range builtinLangs(t) {
		doc := builtinDoc(t, lang)
		res, ds := NewTriFold(A4).Layout(doc, set, sh)
		if ds.HasErrors() {
			t.Fatalf("%s: %v", lang, ds)
		}
		ids := insideIDs(doc, res.Moved)
		for _, it := range res.Pages[0].Items {
			if g, ok := it.(*GlyphRun); ok && ids[g.MsgID] != "" {
				t.Errorf("%s: %q of section %q is on the outside of the sheet", lang, g.Text, ids[g.MsgID])
			}
		}
		// the inside panels are full and end nearly level: a panel may
		// end a little shorter where the next starts a section, so that
		// no heading is left at a panel's foot
		lh := res.BodySize * leadingFor(lang, NewTriFold(A4).Style.Leading)
		inside := readingPanels(res.Pages[1], doc.RTL)
		hi := 0.0
		for _, r := range inside {
			hi = max(hi, r.Fill)
		}
		for i, r := range inside {
			short := (hi - r.Fill) * r.Frame.H / lh
			most := 3.0
			switch {
			case i+1 < len(inside) && startsWithHeading(res.Pages[1], inside[i+1]):
				most = 6
			case i == len(inside)-1:
				most = 4.5 // where the text ends, with few gaps to open
			}
			if r.Fill < 0.8 {
				t.Errorf("%s: the %s panel is %.0f%% full; want at least 80%%", lang, r.Name, 100*r.Fill)
			}
			if short > most {
				t.Errorf("%s: the %s panel ends %.1f lines short of the longest; want at most %.0f", lang, r.Name, short, most)
			}
		}
	}
}

// readingPanels returns a page's regions in reading order.
func readingPanels(p Page, rtl bool) []Region {
	rs := slices.Clone(p.Regions)
	if rtl {
		slices.Reverse(rs)
	}
	return rs
}

// startsWithHeading reports whether the first line in region r of page p
// is a heading's.
func startsWithHeading(p Page, r Region) bool {
	var first *GlyphRun
	for _, it := range p.Items {
		if g, ok := it.(*GlyphRun); ok {
			if rr, _ := regionOf(p, g.Bounds()); rr.Name == r.Name && (first == nil || g.Y < first.Y) {
				first = g
			}
		}
	}
	return first != nil && first.Role == RoleHeading
}

// leafletOf returns a one-language leaflet with inside sections of the
// given numbers of paragraphs, and a flap with a languages block.
func leafletOf(t *testing.T, paras ...int) *content.Document {
	t.Helper()
	var c, m strings.Builder
	c.WriteString("[organisation]\nname = \"Org\"\nphone = \"01234 567890\"\n\n[[section]]\nplace = \"cover\"\n[[section.block]]\ntitle = \"title\"\n\n")
	m.WriteString("[title]\ndescription = \"d\"\nother = \"Title\"\n")
	for si, n := range paras {
		fmt.Fprintf(&c, "[[section]]\nheading = \"h%d\"\n", si)
		fmt.Fprintf(&m, "[h%d]\ndescription = \"d\"\nother = \"Heading %d\"\n", si, si+1)
		for i := 0; i < n; i++ {
			fmt.Fprintf(&c, "[[section.block]]\nparagraph = \"p%d.%d\"\n", si, i)
			fmt.Fprintf(&m, "[p%d.%d]\ndescription = \"d\"\nother = %q\n", si, i, lorem)
		}
	}
	c.WriteString("[[section]]\nplace = \"flap\"\n[[section.block]]\nparagraph = \"flap\"\n")
	m.WriteString("[flap]\ndescription = \"d\"\nother = \"The flap.\"\n")
	return localized(t, c.String(), m.String())
}

func TestTriFoldShortLeafletFillsItsSpread(t *testing.T) {
	set, sh := tools(t)
	res, ds := NewTriFold(A4).Layout(leafletOf(t, 2, 2, 2), set, sh)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if res.BodySize != 14 {
		t.Errorf("got body %.1f pt; want 14 pt, the largest", res.BodySize)
	}
	for _, r := range res.Pages[1].Regions {
		if r.Fill < 0.25 {
			t.Errorf("panel %s is %.0f%% full; want at least a quarter", r.Name, 100*r.Fill)
		}
	}
}

func TestTriFoldMovesWholeSectionsToTheFlap(t *testing.T) {
	set, sh := tools(t)
	doc := leafletOf(t, 8, 8, 8, 4)
	res, ds := NewTriFold(A4).Layout(doc, set, sh)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if got := fmt.Sprint(res.Moved); got != "[Heading 4]" {
		t.Fatalf("got moved %s; want [Heading 4]", got)
	}
	imp := NewTriFold(A4).Imposition(false)
	flap := imp[FlapPanel].Area
	for _, it := range res.Pages[0].Items {
		g, ok := it.(*GlyphRun)
		if !ok || !strings.HasPrefix(g.MsgID, "p3.") && g.MsgID != "h3" {
			continue
		}
		if b := g.Bounds(); b.X < flap.X || b.X > flap.X+flap.W {
			t.Errorf("%q of the moved section is not on the flap", g.Text)
		}
	}
	ids := insideIDs(doc, res.Moved)
	for _, it := range res.Pages[0].Items {
		if g, ok := it.(*GlyphRun); ok && ids[g.MsgID] != "" {
			t.Errorf("%q of section %q is on the outside of the sheet", g.Text, ids[g.MsgID])
		}
	}
}

func TestTriFoldKeepsAListsLeadInWithTwoItems(t *testing.T) {
	set, sh := tools(t)
	for _, lang := range builtinLangs(t) {
		res, ds := NewTriFold(A4).Layout(builtinDoc(t, lang), set, sh)
		if ds.HasErrors() {
			t.Fatalf("%s: %v", lang, ds)
		}
		panelOf := func(id string, last bool) string {
			name := ""
			for _, it := range res.Pages[1].Items {
				if g, ok := it.(*GlyphRun); ok && g.MsgID == id {
					r, _ := regionOf(res.Pages[1], g.Bounds())
					if name == "" || last {
						name = r.Name
					}
				}
			}
			return name
		}
		lead, second := panelOf("signs.difficult", true), panelOf("signs.item.groups", false)
		if lead != second {
			t.Errorf("%s: the list's lead-in ends in %s but its second item starts in %s", lang, lead, second)
		}
		if a, b := panelOf("signs.item.moved", false), panelOf("signs.item.missing", true); a != b {
			t.Errorf("%s: the list's last item is alone in %s", lang, b)
		}
	}
}

func TestTriFoldLanguagesOfferIsAtLeast9pt(t *testing.T) {
	set, sh := tools(t)
	for _, lang := range builtinLangs(t) {
		res, ds := NewTriFold(A4).Layout(builtinDoc(t, lang), set, sh)
		if ds.HasErrors() {
			t.Fatalf("%s: %v", lang, ds)
		}
		n := 0
		for _, p := range res.Pages {
			for _, it := range p.Items {
				if g, ok := it.(*GlyphRun); ok && g.MsgID == "request.language" {
					n++
					if g.Size < 9 {
						t.Errorf("%s: %q is set at %.1f pt; want at least 9", lang, g.Text, g.Size)
					}
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: no languages offer", lang)
		}
	}
}

// sectionBlocks returns the blocks of sections of the given numbers of
// lines, each with a one-line heading kept with its first lines, every
// line 10 pt tall.
func sectionBlocks(lines ...int) []block {
	var out []block
	for si, n := range lines {
		out = append(out, block{height: 10, keep: true, heading: true, msgID: fmt.Sprintf("h%d", si)})
		for i := 0; i < n; i++ {
			out = append(out, block{height: 10, keep: i == 0, msgID: fmt.Sprintf("p%d", si), sentence: i == n-1})
		}
	}
	return out
}

func TestBalanceBreaksBetweenSectionsWhenItCan(t *testing.T) {
	frames := []Rect{{H: 150}, {H: 150}, {H: 150}}
	for _, tc := range []struct {
		name  string
		lines []int
		want  [3]int // blocks per panel
	}{
		{"three sections, one a panel", []int{10, 11, 10}, [3]int{11, 12, 11}},
		// two short sections and a long one: the long one is split
		// rather than a panel left empty
		{"no empty panel", []int{5, 5, 20}, [3]int{12, 10, 11}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps, rest, _ := balance(sectionBlocks(tc.lines...), frames, 10)
			if len(rest) > 0 {
				t.Fatalf("%d blocks do not fit", len(rest))
			}
			if got := [3]int{len(ps[0]), len(ps[1]), len(ps[2])}; got != tc.want {
				t.Errorf("got panels of %v blocks; want %v", got, tc.want)
			}
		})
	}
}

func TestBalanceLeavesNoHeadingStrandedAtAPanelsFoot(t *testing.T) {
	// 12 lines, then a section of 14: breaking after its heading and two
	// lines would level the panels best, but strands the heading
	ps, _, _ := balance(sectionBlocks(12, 14), []Rect{{H: 150}, {H: 150}, {H: 150}}, 10)
	for i, p := range ps {
		for j := len(p) - 1; j >= max(0, len(p)-3); j-- {
			if p[j].heading && j > 0 {
				t.Errorf("panel %d ends with a heading and %d lines", i+1, len(p)-1-j)
			}
		}
	}
}

func TestTriFoldWithoutTranslationsLeavesNoEmptyOffer(t *testing.T) {
	set, sh := tools(t)
	c := "[organisation]\nname = \"Org\"\nphone = \"01234 567890\"\nemail = \"a@b.example\"\n\n[[section]]\nplace = \"cover\"\n[[section.block]]\ntitle = \"title\"\n\n" +
		"[[section]]\nheading = \"h1\"\n[[section.block]]\nparagraph = \"p\"\n\n[[section]]\nheading = \"h2\"\n[[section.block]]\nparagraph = \"p\"\n\n" +
		"[[section]]\nplace = \"flap\"\nheading = \"languages.heading\"\n[[section.block]]\nlanguages = []\n"
	m := "[title]\nother = \"Title\"\n[h1]\nother = \"One\"\n[h2]\nother = \"Two\"\n[p]\nother = " + fmt.Sprintf("%q", lorem) + "\n" +
		"[languages.heading]\nother = \"Other languages\"\n[language.name]\nother = \"English\"\n[request.language]\nother = \"For this leaflet in English, call {{.Phone}}.\"\n"
	res, ds := NewTriFold(A4).Layout(localized(t, c, m), set, sh)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	for _, p := range res.Pages {
		for _, it := range p.Items {
			if g, ok := it.(*GlyphRun); ok && (g.MsgID == "languages.heading" || strings.Contains(g.Text, "a@b.example")) {
				t.Errorf("%q is set, offering no language", g.Text)
			}
		}
	}
	if fmt.Sprint(res.Moved) != "[Two]" {
		t.Errorf("got %v moved to the flap; want [Two], so the flap is not empty", res.Moved)
	}
}
