// SPDX-License-Identifier: MIT

package build_test

import (
	"context"
	"fmt"

	"leaflet/build"
	"leaflet/content"
	"leaflet/layout"
)

// Run builds every language and edition asked for, in parallel, and
// returns the PDFs in a stable order, for Write to put in a folder all
// at once.
func ExampleRun() {
	l, _ := content.Load(content.Builtin(), "", content.DefaultLeaflet)
	outs, ds := build.Run(context.Background(), build.Request{Leaflet: l, Langs: []string{"en", "ar"}, Paper: layout.A4})
	if ds.HasErrors() {
		fmt.Println(ds)
		return
	}
	for _, o := range outs {
		fmt.Printf("%s: %d pages, body %g pt\n", o.Name, o.Pages, o.BodySize)
	}
	// Output:
	// cse-en-trifold.pdf: 2 pages, body 11 pt
	// cse-en-large-print.pdf: 6 pages, body 18 pt
	// cse-en-easy-read.pdf: 8 pages, body 16 pt
	// cse-ar-trifold.pdf: 2 pages, body 11.5 pt
	// cse-ar-large-print.pdf: 6 pages, body 18 pt
	// cse-ar-easy-read.pdf: 8 pages, body 16 pt
}
