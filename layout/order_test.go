// SPDX-License-Identifier: MIT

package layout

import (
	"strings"
	"testing"
	"unicode"

	"leaflet/content"
	"leaflet/fonts"
	"leaflet/layout/text"
)

// squeeze returns s without white space, soft hyphens and the invisible
// marks that shaping may drop.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u00ad' || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
}

// TestItemsAreInLogicalOrder holds that a page's runs come in the order of
// the text, whatever their direction: an element's runs, read in the order
// of the display list, spell its message. A right-to-left line with an
// English name or a number in it is drawn from the right, but listed from
// its first character.
func TestItemsAreInLogicalOrder(t *testing.T) {
	set, sh := tools(t)
	for _, lang := range []string{"ar", "ur", "fa", "en"} {
		doc := builtinDoc(t, lang)
		texts := map[string]string{}
		for _, s := range doc.Sections {
			if s.Heading != nil {
				texts[s.Heading.ID] = s.Heading.String()
			}
			for _, b := range s.Blocks {
				if b.Kind == content.Paragraph || b.Kind == content.Quote {
					for _, tx := range b.Texts {
						texts[tx.ID] += tx.String()
					}
				}
			}
		}
		for _, ed := range []interface {
			Layout(*content.Document, *fonts.Set, *text.Shaper) (*Result, content.Diagnostics)
			String() string
			Family() string
		}{NewTriFold(A4), NewLargePrint(LargePrintDefault)} {
			res, ds := ed.Layout(doc, set.WithText(ed.Family()), sh)
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			got := map[int]string{}
			for _, p := range res.Pages {
				for _, it := range p.Items {
					if r, ok := it.(*GlyphRun); ok && r.Elem >= 0 {
						got[r.Elem] += r.Text
					}
				}
			}
			checked, mixed := 0, 0
			for e, s := range got {
				want, ok := texts[res.Elems[e].MsgID]
				if !ok || res.Elems[e].Role == RoleArtifact {
					continue
				}
				checked++
				if strings.ContainsFunc(want, func(r rune) bool { return r < 0x80 && unicode.IsLetter(r) }) && content.IsRTL(lang) {
					mixed++
				}
				if squeeze(s) != squeeze(want) {
					t.Errorf("%s %s: element %d (%s) reads\n\t%q\nwant\n\t%q", lang, ed, e, res.Elems[e].MsgID, s, want)
				}
			}
			if checked < 10 || content.IsRTL(lang) && mixed == 0 {
				t.Errorf("%s %s: checked %d elements, %d of mixed direction: the test sees too little", lang, ed, checked, mixed)
			}
		}
	}
}
