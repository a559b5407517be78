// SPDX-License-Identifier: MIT

package output

import (
	"fmt"
	"strconv"

	"leaflet/layout"
)

// pageBox is a page's trim and bleed boxes, in points from the top-left.
type pageBox struct {
	trim, bleed layout.Rect
	height      float64
}

// setPageBoxes writes /TrimBox and /BleedBox into the pages that have them
// (the print shop's file), in a fixed order: fpdf writes page boxes from a
// map, in no fixed order, so they are set here instead.
func setPageBoxes(e *pdfEditor, boxes []pageBox) error {
	if len(boxes) == 0 {
		return nil
	}
	pages, err := pageObjects(e)
	if err != nil {
		return err
	}
	if len(pages) != len(boxes) {
		return fmt.Errorf("page boxes: %d pages, %d boxes", len(pages), len(boxes))
	}
	rect := func(r layout.Rect, h float64) string {
		// PDF user space: origin bottom-left
		f := func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
		return "[" + f(r.X) + " " + f(h-r.Y-r.H) + " " + f(r.X+r.W) + " " + f(h-r.Y) + "]"
	}
	for i, b := range boxes {
		if b.trim == (layout.Rect{}) {
			continue
		}
		body, err := e.Object(pages[i])
		if err != nil {
			return err
		}
		if body, err = pdfDictSet(body, "BleedBox", rect(b.bleed, b.height)); err != nil {
			return fmt.Errorf("page %d: %w", i+1, err)
		}
		if body, err = pdfDictSet(body, "TrimBox", rect(b.trim, b.height)); err != nil {
			return fmt.Errorf("page %d: %w", i+1, err)
		}
		e.Replace(pages[i], body)
	}
	return nil
}

// pageObjects returns the page objects in order, from the catalog's page
// tree.
func pageObjects(e *pdfEditor) ([]int, error) {
	cat, err := e.Object(e.Root())
	if err != nil {
		return nil, err
	}
	v, err := pdfDictGet(cat, "Pages")
	if err != nil {
		return nil, err
	}
	root, ok := pdfParseRef(v)
	if !ok {
		return nil, fmt.Errorf("catalog: /Pages is not a reference")
	}
	var out []int
	var walk func(num, depth int) error
	walk = func(num, depth int) error {
		if depth > 32 {
			return fmt.Errorf("page tree too deep")
		}
		body, err := e.Object(num)
		if err != nil {
			return err
		}
		if t, _ := pdfDictGet(body, "Type"); string(t) == "/Page" {
			out = append(out, num)
			return nil
		}
		kids, err := pdfDictGet(body, "Kids")
		if err != nil {
			return err
		}
		items, err := pdfArrayItems(kids)
		if err != nil {
			return err
		}
		for _, k := range items {
			n, ok := pdfParseRef(k)
			if !ok {
				return fmt.Errorf("page tree: a kid is not a reference")
			}
			if err := walk(n, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return out, walk(root, 0)
}

// setOutputIntent adds the ICC profile as the document's output intent
// (/GTS_PDFX, sRGB).
func setOutputIntent(e *pdfEditor, icc []byte) error {
	if len(icc) == 0 {
		return nil
	}
	stream, err := pdfMakeStream([]byte("<< /N 3 /Alternate /DeviceRGB >>"), icc, true)
	if err != nil {
		return err
	}
	profile := e.Add(stream)
	cat, err := e.Object(e.Root())
	if err != nil {
		return err
	}
	intent := "[<< /Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier (sRGB IEC61966-2.1)" +
		" /RegistryName (http://www.color.org) /Info (sRGB IEC61966-2.1) /DestOutputProfile " + strconv.Itoa(profile) + " 0 R >>]"
	if cat, err = pdfDictSet(cat, "OutputIntents", intent); err != nil {
		return fmt.Errorf("catalog: %w", err)
	}
	e.Replace(e.Root(), cat)
	return nil
}
