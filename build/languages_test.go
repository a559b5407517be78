// SPDX-License-Identifier: MIT

package build

import (
	"strings"
	"testing"

	"leaflet/internal/testtool"
	"leaflet/layout"
)

// bidiControls are the direction marks pdftotext puts around right-to-left
// words.
var bidiControls = strings.NewReplacer("\u202a", "", "\u202b", "", "\u202c", "", "\u200e", "", "\u200f", "", "\u00a0", " ")

func TestPDFTextGivesBackEveryLineOfTheLanguagesPanel(t *testing.T) {
	pdftotext := testtool.Need(t, "pdftotext", "poppler-utils")
	l := builtin(t)
	file := pdfFile(t, buildLang(t, "en", layout.A4))
	p := layout.NewTriFold(layout.A4).Imposition(false)[layout.FlapPanel]
	got := strings.ReplaceAll(normalise(bidiControls.Replace(panelText(t, pdftotext, file, p.Page+1, p.Area))), " ", "")
	offers, ds := l.Offers("en", nil)
	if ds.HasErrors() || len(offers) < 12 {
		t.Fatalf("got %d offers: %v", len(offers), ds)
	}
	scripts := map[string]bool{}
	for _, o := range offers {
		want := strings.ReplaceAll(normalise(bidiControls.Replace(o.Text.String())), " ", "")
		switch {
		case o.RTL:
			// poppler rebuilds the logical order of right-to-left text
			// word by word, and mirrors brackets its own way: the first
			// word of the language's name, the phone number and the
			// address must come back
			name := strings.Fields(o.Text.Runs[0].Text)[0]
			for _, part := range []string{name, "01604364036"} {
				if !strings.Contains(got, part) {
					t.Errorf("%s: pdftotext lacks %q", o.Lang, part)
				}
			}
		case !strings.Contains(got, want):
			t.Errorf("%s: pdftotext lacks the line %q", o.Lang, want)
		}
		scripts[scriptOf(o.Text.String())] = true
	}
	// the email address, once, under the list
	if n := strings.Count(got, "nscb@northamptonshire.gcsx.gov.uk"); n != 1 {
		t.Errorf("the panel gives the email address %d times; want once", n)
	}
	if len(scripts) < 6 {
		t.Errorf("the panel has %d scripts; want at least 6", len(scripts))
	}
}

// scriptOf names the script of the first letter after the language's name.
func scriptOf(s string) string {
	for _, r := range s[strings.Index(s, ":")+1:] {
		switch {
		case r >= 0x0600 && r <= 0x06FF:
			return "Arab"
		case r >= 0x0980 && r <= 0x09FF:
			return "Beng"
		case r >= 0x0A00 && r <= 0x0A7F:
			return "Guru"
		case r >= 0x1200 && r <= 0x137F:
			return "Ethi"
		case r >= 0x4E00 && r <= 0x9FFF:
			return "Hani"
		case r >= 0x0400 && r <= 0x04FF:
			return "Cyrl"
		case r >= 'A' && r <= 'z':
			return "Latn"
		}
	}
	return "?"
}
