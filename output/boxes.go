// SPDX-License-Identifier: MIT

package output

import (
	"fmt"
	"strconv"

	"leaflet/layout"
	"leaflet/output/internal/pdfobj"
)

// pageBox is a page's trim and bleed boxes, in points from the top-left.
type pageBox struct {
	trim, bleed layout.Rect
	height      float64
}

// setPageBoxes writes /TrimBox and /BleedBox into the pages that have them
// (the print shop's file), in a fixed order: fpdf writes page boxes from a
// map, in no fixed order, so they are set here instead.
func setPageBoxes(e *pdfobj.File, pages []int, boxes []pageBox) error {
	if len(boxes) == 0 {
		return nil
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
		if body, err = pdfobj.DictSet(body, "BleedBox", rect(b.bleed, b.height)); err != nil {
			return fmt.Errorf("page %d: %w", i+1, err)
		}
		if body, err = pdfobj.DictSet(body, "TrimBox", rect(b.trim, b.height)); err != nil {
			return fmt.Errorf("page %d: %w", i+1, err)
		}
		e.Replace(pages[i], body)
	}
	return nil
}

// setOutputIntent adds the ICC profile as the document's output intent
// (/GTS_PDFX, sRGB).
func setOutputIntent(e *pdfobj.File, icc []byte) error {
	if len(icc) == 0 {
		return nil
	}
	profile := e.Add(pdfobj.NewStream("<< /N 3 /Alternate /DeviceRGB >>", icc))
	cat, err := e.Object(e.Root())
	if err != nil {
		return err
	}
	intent := "[<< /Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier (sRGB IEC61966-2.1)" +
		" /RegistryName (http://www.color.org) /Info (sRGB IEC61966-2.1) /DestOutputProfile " + strconv.Itoa(profile) + " 0 R >>]"
	if cat, err = pdfobj.DictSet(cat, "OutputIntents", intent); err != nil {
		return fmt.Errorf("catalog: %w", err)
	}
	e.Replace(e.Root(), cat)
	return nil
}
