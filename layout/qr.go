// SPDX-License-Identifier: MIT

package layout

import (
	"fmt"
	"sync"

	"github.com/boombuler/barcode/qr"

	"leaflet/content"
	"leaflet/pictures"
)

// qrModules is the quiet zone around a QR code, in modules (ISO/IEC 18004).
const qrModules = 4

// qrCodes keeps the codes made, by target: a layout tries several sizes.
var qrCodes sync.Map

// qrCode returns a QR code of target as a vector picture: one square per
// run of dark modules, with the quiet zone inside the picture's view box.
// The result is shared and must not be changed.
func qrCode(target string) (*pictures.Vector, error) {
	if v, ok := qrCodes.Load(target); ok {
		return v.(*pictures.Vector), nil
	}
	v, err := makeQRCode(target)
	if err == nil {
		qrCodes.Store(target, v)
	}
	return v, err
}

func makeQRCode(target string) (*pictures.Vector, error) {
	code, err := qr.Encode(target, qr.M, qr.Auto)
	if err != nil {
		return nil, fmt.Errorf("qr code of %q: %w", target, err)
	}
	b := code.Bounds()
	n := b.Dx()
	side := float64(n + 2*qrModules)
	v := &pictures.Vector{Name: "qr", ViewBox: [4]float64{0, 0, side, side}}
	var path pictures.Path
	for y := 0; y < n; y++ {
		for x := 0; x < n; {
			if r, _, _, _ := code.At(b.Min.X+x, b.Min.Y+y).RGBA(); r != 0 {
				x++
				continue
			}
			end := x
			for end < n {
				if r, _, _, _ := code.At(b.Min.X+end, b.Min.Y+y).RGBA(); r != 0 {
					break
				}
				end++
			}
			x0, x1 := float64(x+qrModules), float64(end+qrModules)
			y0, y1 := float64(y+qrModules), float64(y+1+qrModules)
			path.Segments = append(path.Segments,
				pictures.Segment{Op: 'M', P: [3]pictures.Point{{X: x0, Y: y0}}},
				pictures.Segment{Op: 'L', P: [3]pictures.Point{{X: x1, Y: y0}}},
				pictures.Segment{Op: 'L', P: [3]pictures.Point{{X: x1, Y: y1}}},
				pictures.Segment{Op: 'L', P: [3]pictures.Point{{X: x0, Y: y1}}},
				pictures.Segment{Op: 'Z'})
			x = end
		}
	}
	v.Paths = []pictures.Path{path}
	return v, nil
}

// addQR adds the website's QR code to the flow, with the address printed
// under it: black on white, 25 mm with its quiet zone, kept together.
func (f *flow) addQR(doc *content.Document, root int) {
	site := doc.Org.Website
	target := site
	if len(target) > 4 && target[:4] == "www." {
		target = "https://" + target
	}
	v, err := qrCode(target)
	if err != nil {
		f.diags.Errorf(content.Pos{File: doc.File}, "%s: %v", f.where, err)
		return
	}
	side := MM(25)
	fig := f.elem(RoleFigure, root, "")
	// the code's modules, not its quiet zone, line up with the text: the
	// quiet zone lies in the margin, which is blank
	quiet := side * qrModules / v.ViewBox[2]
	x := -quiet
	if f.rtl {
		x = f.width - side + quiet
	}
	pic := fitted(&Picture{Rect: Rect{x, 0, side, side}, Vector: v, Color: Color{0, 0, 0}, Alt: site, Role: RoleFigure, Elem: fig})
	f.blocks = append(f.blocks, block{before: f.style.ParaSpace * f.style.line(), height: side, keep: true, foot: true, items: []Item{pic}})
	e := f.elem(RoleParagraph, root, "")
	// the address is aligned with the code: it reads left to right in any
	// document, being one no-break run
	t := content.Text{Runs: []content.Run{{Text: site, Link: target, NoBreak: true}}}
	ls := f.setText(t, spec{size: f.style.Body, color: f.style.Text, width: f.width, role: RoleParagraph, elem: e})
	for i := range ls {
		ls[i].foot = true
	}
	f.blocks = append(f.blocks, ls...)
}
