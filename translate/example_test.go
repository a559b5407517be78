// SPDX-License-Identifier: MIT

package translate_test

import (
	"fmt"

	"leaflet/content"
	"leaflet/translate"
)

// A pack for a language the leaflet is not yet in holds every message the
// leaflet needs, each with the English, its description and go-i18n's hash.
func ExampleExport() {
	l, _ := content.Load(content.Builtin(), "", content.DefaultLeaflet)
	p, err := translate.Export(l, "so")
	if err != nil {
		panic(err)
	}
	u := p.Units[0]
	fmt.Println(translate.PackName(p.Lang, translate.XLIFF), len(p.Units))
	fmt.Println(u.ID, u.Hash)
	fmt.Println(u.Source)
	// Output:
	// translate.so.xlf 109
	// cover.title sha1-db6f8104388b79f39b708dfb891e2253386b1ed2
	// Child Sexual Exploitation (CSE)
}
