// SPDX-License-Identifier: MIT

package content

import (
	"strings"
	"testing"
)

// TestPhoneNumbersAreInTheDigitsOfTheRestOfTheText: one digit system per
// leaflet. Farsi and Sorani translations write their numbers in Persian
// and Arabic-Indic digits; the organisation's phone number, given once in
// the content in Western digits, is printed in the same digits, in the
// messages and in the facts the layout prints; other languages keep
// Western digits.
func TestPhoneNumbersAreInTheDigitsOfTheRestOfTheText(t *testing.T) {
	l, ds := Load(Builtin(), "", DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	for _, tc := range []struct{ lang, phone string }{
		{"en", "01604 364036"}, {"fa", "۰۱۶۰۴ ۳۶۴۰۳۶"}, {"ckb", "٠١٦٠٤ ٣٦٤٠٣٦"}, {"ur", "01604 364036"}, {"ar", "01604 364036"}, {"bn", "01604 364036"},
	} {
		doc, ds := l.Localize(tc.lang)
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		if doc.Org.Phone != tc.phone {
			t.Errorf("%s: the organisation's phone is %q; want %q", tc.lang, doc.Org.Phone, tc.phone)
		}
		found := false
		for _, s := range doc.Sections {
			for _, b := range s.Blocks {
				for _, tx := range b.Texts {
					for _, r := range tx.Runs {
						found = found || r.Text == tc.phone && r.NoBreak
					}
				}
			}
		}
		if !found {
			t.Errorf("%s: no message prints the phone number as %q, unbroken", tc.lang, tc.phone)
		}
	}
	offers, _ := l.Offers("en", []string{"fa", "pl"})
	for _, o := range offers {
		want := map[string]string{"fa": "۰۱۶۰۴ ۳۶۴۰۳۶", "pl": "01604 364036"}[o.Lang]
		var text strings.Builder
		for _, r := range o.Text.Runs {
			text.WriteString(r.Text)
		}
		if !strings.Contains(text.String(), want) {
			t.Errorf("the %s offer %q does not give the phone number as %q", o.Lang, text.String(), want)
		}
	}
}

func TestWesternDigitsForLinks(t *testing.T) {
	for in, want := range map[string]string{
		"۰۱۶۰۴ ۳۶۴۰۳۶": "01604 364036", "٠١٦٠٤ ٣٦٤٠٣٦": "01604 364036", "০১৬০৪": "01604", "+44 1604": "+44 1604",
	} {
		if got := WesternDigits(in); got != want {
			t.Errorf("WesternDigits(%q) = %q; want %q", in, got, want)
		}
	}
}
