// SPDX-License-Identifier: MIT

package output_test

import (
	"bytes"
	"fmt"

	"leaflet/content"
	"leaflet/fonts"
	"leaflet/layout"
	"leaflet/layout/text"
	"leaflet/output"
)

// PDF replays a layout into a tagged PDF, the same bytes every time for
// the same layout and options.
func ExamplePDF() {
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
	opt := output.Options{Date: doc.Published, Creator: "leaflet"}
	pdf, err := output.PDF(res, opt)
	if err != nil {
		panic(err)
	}
	again, err := output.PDF(res, opt)
	if err != nil {
		panic(err)
	}
	header, _, _ := bytes.Cut(pdf, []byte("\n"))
	fmt.Printf("%s … %s\n", header, bytes.TrimSpace(pdf[len(pdf)-6:]))
	fmt.Println(len(res.Pages), "pages; the same bytes again:", bytes.Equal(pdf, again))
	// Output:
	// %PDF-1.7 … %%EOF
	// 2 pages; the same bytes again: true
}
