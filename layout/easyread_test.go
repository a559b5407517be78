// SPDX-License-Identifier: MIT

package layout

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"leaflet/content"
)

// contentFill is how much of a page's frame its content takes, from the
// frame's top to the lowest item that is not an artifact (the page number).
func contentFill(p Page) float64 {
	fr := p.Regions[0].Frame
	bottom := fr.Y
	for _, it := range p.Items {
		if r, ok := it.(*GlyphRun); ok && r.Role == RoleArtifact {
			continue
		}
		if b := it.Bounds(); b.Y+b.H > bottom {
			bottom = b.Y + b.H
		}
	}
	return (bottom - fr.Y) / fr.H
}

func erLangs(t *testing.T) []string {
	t.Helper()
	l, ds := content.Load(content.Builtin(), "", content.DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return l.Langs()
}

// TestEasyReadLastPageIsNeverNearlyEmpty lays out every language of the
// CSE leaflet at the default size and larger: the last page holds at
// least a third of a page, never a line or two, and so does every other
// page (the cover never spills onto a page of its own).
func TestEasyReadLastPageIsNeverNearlyEmpty(t *testing.T) {
	for _, size := range []float64{16, 20, 24, 28} {
		for _, lang := range erLangs(t) {
			res := layoutPages(t, lang, NewEasyRead(size))
			var fills []string
			for _, p := range res.Pages {
				fills = append(fills, fmt.Sprintf("%.0f", 100*contentFill(p)))
			}
			t.Logf("%s %g pt: %d pages, %% full: %s", lang, size, len(res.Pages), strings.Join(fills, " "))
			for i, p := range res.Pages {
				if f := contentFill(p); f < 1.0/3 {
					t.Errorf("%s %g pt: page %d of %d is %.0f%% full; want at least a third", lang, size, i+1, len(res.Pages), 100*f)
				}
			}
		}
	}
}

// TestBalancePagesMovesPointsForwardWhole: a run of points whose last page
// would hold one point is spread over the same number of pages, each about
// as full, every point whole and in order; the cover keeps its page.
func TestBalancePagesMovesPointsForwardWhole(t *testing.T) {
	frame := Rect{0, 0, 400, 700}
	blocks := []block{{height: 300, msgID: "cover"}}
	blocks = append(blocks, block{height: 30, keep: true, newPage: true, msgID: "heading"})
	for i := range 8 {
		blocks = append(blocks, block{before: 20, height: 150, msgID: fmt.Sprint("point ", i)})
	}
	greedy := paginate(blocks, frame)
	if f := used(greedy[len(greedy)-1]); f >= frame.H/3 {
		t.Fatalf("the greedy last page is %.0f pt full; the case wants it under a third", f)
	}
	got := balancePages(blocks, frame)
	if len(got) != len(greedy) {
		t.Fatalf("got %d pages; want %d, as filling in order gives", len(got), len(greedy))
	}
	if len(got[0]) != 1 || got[0][0].msgID != "cover" {
		t.Errorf("page 1 holds %d blocks; want the cover alone", len(got[0]))
	}
	var order []string
	lo, hi := math.Inf(1), 0.0
	for i, ps := range got {
		for _, p := range ps {
			order = append(order, p.msgID)
			if p.y+p.height > frame.H+0.01 {
				t.Errorf("page %d: %s ends at %.0f pt, below the frame", i+1, p.msgID, p.y+p.height)
			}
		}
		if i > 0 {
			lo, hi = min(lo, used(ps)), max(hi, used(ps))
		}
	}
	var want []string
	for _, b := range blocks {
		want = append(want, b.msgID)
	}
	if strings.Join(order, "|") != strings.Join(want, "|") {
		t.Errorf("got blocks in order %q; want %q", order, want)
	}
	if lo < frame.H/3 || hi-lo > 200 {
		t.Errorf("got pages from %.0f to %.0f pt full; want each at least a third and within a point of one another", lo, hi)
	}
	// a last page that is full enough is left as filled in order
	enough := blocks[:len(blocks)-2]
	if g, b := paginate(enough, frame), balancePages(enough, frame); len(g) != len(b) || used(g[len(g)-1]) != used(b[len(b)-1]) {
		t.Error("balancePages changed pages whose last page was a third full")
	}
}

// offerPage returns the page of the easy read's offer of other languages:
// the page with the picture "talk" and the runs of its point, in order.
func offerPage(t *testing.T, res *Result) (pic *Picture, runs []*GlyphRun) {
	t.Helper()
	for _, p := range res.Pages {
		for _, it := range p.Items {
			if pc, ok := it.(*Picture); ok && pc.Vector != nil && pc.Vector.Name == "talk" {
				pic = pc
			}
		}
		if pic == nil {
			continue
		}
		group := res.Elems[pic.Elem].Parent
		for _, it := range p.Items {
			if r, ok := it.(*GlyphRun); ok && r.Elem >= 0 && inGroup(res, r.Elem, group) {
				runs = append(runs, r)
			}
		}
		return pic, runs
	}
	t.Fatal("no page has the picture talk")
	return nil, nil
}

// inGroup reports whether element e is inside element group.
func inGroup(res *Result, e, group int) bool {
	for ; e >= 0; e = res.Elems[e].Parent {
		if e == group {
			return true
		}
	}
	return false
}

// TestEasyReadOfferIsEasyRead: the offer of other languages has its own
// picture (a speech bubble), the sentence that says what it is, the name of
// every other language in its own script (tagged in its language), then
// the phone number; the names line up at the start edge of their column,
// the right edge in Urdu.
func TestEasyReadOfferIsEasyRead(t *testing.T) {
	l, ds := content.Load(content.Builtin(), "", content.DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	for _, lang := range []string{"en", "ur", "zh-Hans"} {
		t.Run(lang, func(t *testing.T) {
			doc := builtinDoc(t, lang)
			res := layoutPages(t, lang, NewEasyRead(16))
			pic, runs := offerPage(t, res)
			if pic.Alt == "" {
				t.Error("the offer's picture has no alt text")
			}
			var text strings.Builder
			names := map[string][]Item{} // language → its name's runs
			nameText := map[string]string{}
			for _, r := range runs {
				text.WriteString(r.Text)
				text.WriteString(" ")
				if e := res.Elems[r.Elem]; e.MsgID == "language.name" {
					if e.Lang == "" || e.Role != RoleListBody {
						t.Errorf("name %q: element %+v; want a list body tagged with its language", r.Text, e)
					}
					names[e.Lang] = append(names[e.Lang], r)
					nameText[e.Lang] += r.Text
				}
			}
			start := func(id string) string {
				m, err := doc.Message(id, nil)
				if err != nil {
					t.Fatal(err)
				}
				w := []rune(strings.Fields(m.String())[0])
				return string(w[:min(4, len(w))])
			}
			all := text.String()
			intro, phone := strings.Index(all, start("er.languages.intro")), strings.LastIndex(all, "01604 364036")
			if intro < 0 || phone < 0 {
				t.Fatalf("the offer lacks its sentence or the phone number: %q", all)
			}
			var lefts, rights []float64
			for _, tag := range l.Langs() {
				if tag == lang {
					continue
				}
				items, ok := names[tag]
				if !ok {
					t.Errorf("the offer lacks %s's name", tag)
					continue
				}
				if at := strings.Index(all, items[0].(*GlyphRun).Text); at < intro || at > phone {
					t.Errorf("%s's name %q is not between the sentence and the phone number", tag, nameText[tag])
				}
				lefts, rights = append(lefts, minX(items)), append(rights, minX(items)+lineWidth(items))
			}
			edges := lefts
			if doc.RTL {
				edges = rights
			}
			if n := distinct(edges); n < 1 || n > 2 {
				t.Errorf("the names start at %d different places (%v); want one or two columns", n, edges)
			}
			if doc.RTL != (pic.X > res.Pages[0].Size.W/2) {
				t.Errorf("the picture is at x = %.0f; want it on the start side", pic.X)
			}
		})
	}
}

// distinct counts the values of xs that differ by more than 0.5 pt.
func distinct(xs []float64) int {
	var seen []float64
outer:
	for _, x := range xs {
		for _, s := range seen {
			if math.Abs(x-s) < 0.5 {
				continue outer
			}
		}
		seen = append(seen, x)
	}
	return len(seen)
}
