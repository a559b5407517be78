// SPDX-License-Identifier: MIT

package layout

import "golang.org/x/text/language"

// scriptLeading is the extra line height a script needs, as a factor on an
// edition's leading: Arabic script has deep descenders and marks above and
// below, and Indic and Thai scripts stack vowel signs above and below the
// letters, so their lines are set further apart than Latin text.
var scriptLeading = map[string]float64{
	"Arab": 1.15,
	"Beng": 1.1, "Deva": 1.1, "Guru": 1.1, "Gujr": 1.1, "Taml": 1.1, "Thai": 1.1,
	"Ethi": 1.05,
}

// leadingFor returns the leading for text in lang, given the edition's
// leading for Latin text.
func leadingFor(lang string, leading float64) float64 {
	t, err := language.Parse(lang)
	if err != nil {
		return leading
	}
	s, _ := t.Script()
	if f, ok := scriptLeading[s.String()]; ok {
		return leading * f
	}
	return leading
}
