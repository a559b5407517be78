// SPDX-License-Identifier: MIT

package layout_test

import (
	"fmt"
	"strings"

	"leaflet/content"
	"leaflet/fonts"
	"leaflet/layout"
	"leaflet/layout/text"
)

// The English tri-fold of the built-in leaflet: two sides of one sheet,
// three panels each, and the body size the fitting settled on.
func ExampleTriFold_Layout() {
	l, _ := content.Load(content.Builtin(), "", content.DefaultLeaflet)
	doc, _ := l.Localize("en")
	set, err := fonts.Embedded()
	if err != nil {
		panic(err)
	}
	res, ds := layout.NewTriFold(layout.A4).Layout(doc, set, text.NewShaper(set))
	if ds.HasErrors() {
		fmt.Println(ds)
		return
	}
	fmt.Printf("%d pages, body %g pt, duplex %v\n", len(res.Pages), res.BodySize, res.Duplex)
	for i, p := range res.Pages {
		var panels []string
		for _, r := range p.Regions {
			panels = append(panels, fmt.Sprintf("%s %.0f mm", r.Name, layout.ToMM(r.Area.W)))
		}
		fmt.Printf("page %d, %.0f × %.0f mm: %s\n", i+1, layout.ToMM(p.Size.W), layout.ToMM(p.Size.H), strings.Join(panels, ", "))
	}
	// Output:
	// 2 pages, body 11 pt, duplex true
	// page 1, 297 × 210 mm: flap 97 mm, back cover 100 mm, front cover 100 mm
	// page 2, 297 × 210 mm: inside left 100 mm, middle 100 mm, fold-in 97 mm
}
