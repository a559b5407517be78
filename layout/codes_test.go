// SPDX-License-Identifier: MIT

package layout

import (
	"strings"
	"testing"

	"leaflet/content"
)

// overflowWords are the words of every error the layout makes when text
// does not fit: its panel or page, its column, an edition's pages.
var overflowWords = []string{"does not fit", "taller than a page", "wider than the column and cannot be broken", "easy read has at most"}

// TestEveryOverflowCarriesCodeOverflow lays out documents whose text
// cannot fit in each way the layout reports, and checks that each error
// of text that does not fit, and only those, has content.CodeOverflow: the
// code is what leaflet check tells an overflow by.
func TestEveryOverflowCarriesCodeOverflow(t *testing.T) {
	unbreakable := content.Text{ID: "p0.0", Runs: []content.Run{{Text: strings.Repeat("0123456789", 30)}}}
	for _, tc := range []struct {
		name string
		ed   layoutFunc
		doc  func(t *testing.T) *content.Document
		want string // the words of the overflow it must report
	}{
		{"a tri-fold of too many paragraphs", NewTriFold(A4), func(t *testing.T) *content.Document {
			return leafletOf(t, 40)
		}, "does not fit"},
		{"a tri-fold paragraph of one long number", NewTriFold(A4), func(t *testing.T) *content.Document {
			doc := leafletOf(t, 2)
			doc.Sections[1].Blocks[0].Texts[0] = unbreakable
			return doc
		}, "wider than the column"},
		{"a large-print paragraph of one long number", NewLargePrint(LargePrintDefault), func(t *testing.T) *content.Document {
			doc := leafletOf(t, 2)
			doc.Sections[1].Blocks[0].Texts[0] = unbreakable
			return doc
		}, "wider than the column"},
		{"an easy-read point of too many sentences", NewEasyRead(EasyReadDefault), func(t *testing.T) *content.Document {
			doc := builtinDoc(t, "en")
			p := &doc.EasyRead.Sections[0].Points[0]
			for range 6 {
				p.Texts = append(p.Texts, p.Texts...)
			}
			return doc
		}, "taller than a page"},
		{"an easy read of too many pages", NewEasyRead(EasyReadDefault), func(t *testing.T) *content.Document {
			doc := builtinDoc(t, "en")
			er := *doc.EasyRead
			for range 3 {
				er.Sections = append(er.Sections, er.Sections...)
			}
			doc.EasyRead = &er
			return doc
		}, "easy read has at most"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set, _ := tools(t)
			if pe, ok := tc.ed.(pageEdition); ok {
				set = set.WithText(pe.Family())
			}
			_, ds := tc.ed.Layout(tc.doc(t), set, newShaperFor(set))
			found := false
			for _, d := range ds {
				if d.Severity != content.Error {
					continue
				}
				words := false
				for _, w := range overflowWords {
					words = words || strings.Contains(d.Msg, w)
				}
				switch {
				case words && d.Code != content.CodeOverflow:
					t.Errorf("an overflow without CodeOverflow (code %q): %s", d.Code, d.Error())
				case !words && d.Code == content.CodeOverflow:
					t.Errorf("CodeOverflow on an error that is not an overflow: %s", d.Error())
				}
				found = found || (strings.Contains(d.Msg, tc.want) && d.Code == content.CodeOverflow)
			}
			if !found {
				t.Errorf("no overflow %q with CodeOverflow among:\n%v", tc.want, ds)
			}
		})
	}
}
