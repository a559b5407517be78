// SPDX-License-Identifier: MIT

package layout

import (
	"sort"
	"strings"
	"testing"
)

// editionsOf lays out a language in the three printed editions.
func editionsOf(t *testing.T, lang string) map[string]*Result {
	t.Helper()
	set, _ := tools(t)
	out := map[string]*Result{}
	for _, ed := range []struct {
		name   string
		layout layoutFunc
		family string
	}{
		{"trifold", NewTriFold(A4), "NotoSans"},
		{"large-print", NewLargePrint(LargePrintDefault), "AtkinsonHyperlegibleNext"},
		{"easy-read", NewEasyRead(EasyReadDefault), "AtkinsonHyperlegibleNext"},
	} {
		s := set.WithText(ed.family)
		res, ds := ed.layout.Layout(builtinDoc(t, lang), s, newShaperFor(s))
		if ds.HasErrors() {
			t.Fatalf("%s %s: %v", lang, ed.name, ds)
		}
		out[ed.name] = res
	}
	return out
}

// lineRuns returns the runs of each line of each page, a line being the
// runs of one message on one baseline, in visual order.
func lineRuns(res *Result) [][]*GlyphRun {
	type key struct {
		page, elem int
		y          float64
	}
	lines := map[key][]*GlyphRun{}
	var keys []key
	for pi, p := range res.Pages {
		for _, it := range p.Items {
			if g, ok := it.(*GlyphRun); ok {
				k := key{pi, g.Elem, g.Y}
				if lines[k] == nil {
					keys = append(keys, k)
				}
				lines[k] = append(lines[k], g)
			}
		}
	}
	var out [][]*GlyphRun
	for _, k := range keys {
		l := lines[k]
		sort.Slice(l, func(i, j int) bool { return l[i].X < l[j].X })
		out = append(out, l)
	}
	return out
}

// TestUrduReadsTheAcronymThenTheNumberOfYears: in "CSE 18 سال" (under 18
// years) an Urdu reader meets, from the right, CSE, then 18, then the
// years, and the number is set in the face of the Urdu words.
func TestUrduReadsTheAcronymThenTheNumberOfYears(t *testing.T) {
	found := 0
	for ed, res := range editionsOf(t, "ur") {
		for _, l := range lineRuns(res) {
			var texts []string
			for i := len(l) - 1; i >= 0; i-- { // right to left
				if s := strings.TrimSpace(l[i].Text); s != "" {
					texts = append(texts, s)
				}
			}
			for i := 0; i+2 < len(texts); i++ {
				if texts[i] != "CSE" || !strings.HasPrefix(texts[i+2], "سال") {
					if texts[i] == "CSE" && i+1 < len(texts) && texts[i+1] == "18" {
						t.Errorf("%s: from the right %q; want CSE, 18, then سال", ed, texts)
					}
					continue
				}
				found++
				if texts[i+1] != "18" {
					t.Errorf("%s: from the right %q; want CSE, 18, then سال", ed, texts)
				}
			}
		}
	}
	if found == 0 {
		t.Error("no line of the Urdu editions reads CSE, 18, سال")
	}
}

// TestEnglishNameInBracketsIsNeverBrokenInRightToLeftLeaflets: the
// toolkit's English name, in brackets in every right-to-left translation,
// is set on one line.
func TestEnglishNameInBracketsIsNeverBrokenInRightToLeftLeaflets(t *testing.T) {
	for _, lang := range []string{"ur", "ar", "fa", "ckb"} {
		for ed, res := range editionsOf(t, lang) {
			whole := false
			for _, l := range lineRuns(res) {
				var b strings.Builder
				for _, g := range l {
					b.WriteString(g.Text)
				}
				s := b.String()
				if strings.Contains(s, "Tackling CSE Toolkit") {
					whole = true
				} else if strings.Contains(s, "Tackling") || strings.HasPrefix(strings.TrimSpace(s), "Toolkit") {
					t.Errorf("%s %s: the name in brackets is broken: a line has %q", lang, ed, s)
				}
			}
			if !whole && ed != "easy-read" { // the easy read does not name the toolkit
				t.Errorf("%s %s: no line has the whole name \"Tackling CSE Toolkit\"", lang, ed)
			}
		}
	}
}
