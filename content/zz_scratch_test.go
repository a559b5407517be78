// SPDX-License-Identifier: MIT

package content

import (
	"fmt"
	"regexp"
	"testing"
	"testing/fstest"
)

func TestScratch(t *testing.T) {
	fsys := fstest.MapFS{
		"content/t/leaflet.toml":    {Data: []byte("[organisation]\r\nname = \"Org\"\r\n[[section]]\r\nplace = \"middle\"\r\n  [[section.block]]\r\n  title = \"cover.title\"\r\n")},
		"locales/t/active.en.toml": {Data: []byte("[cover.title]\r\nother = \"x\"\r\n")},
		"locales/t/active.pl.toml": {Data: []byte("[cover.title]\nother = \"Zażółć gęślą\n")},
	}
	_, ds := Load(fsys, "", "t")
	for _, d := range ds {
		fmt.Printf("%#v\n%s\n", d, d.Error())
	}
	for _, s := range []string{"٠١٦٠٤ ٣٦٤٠٣٦", "Childline 0800 1111", "+44 (0)1604 364036", "(01604) 364036", "+44 1604 364036", "see (www.x.org/a).", "https://x.org/a?b=c.", "\\[sic] text", "**Tel: 01604 364036**", "22/05/2015 and 1 January 2020"} {
		r, err := parseMarkup(s)
		fmt.Printf("%q -> %#v %v\n", s, r, err)
	}
	re := regexp.MustCompile(`(?:\+\p{Nd}{1,3}(?:[ \x{00A0}]?\(0\))?|\(?\b0\p{Nd}+\)?)(?:[ \x{00A0}-]?\p{Nd}+)+`)
	for _, s := range []string{"on 22nd May 2015 01604 364036", "Childline 0800 1111", "+44 (0)1604 364036", "(01604) 364036", "+44 1604 364036", "01604 364036", "8-10 The Lakes", "under 18", "2014-2015-2016", "01/02/2015", "07700 900123", "0808 800 5000", "٠١٦٠٤ ٣٦٤٠٣٦"} {
		fmt.Printf("%q -> %q\n", s, re.FindAllString(s, -1))
	}
}
