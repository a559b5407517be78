// SPDX-License-Identifier: MIT

package output

import (
	"bytes"
	"crypto/md5"
	_ "embed"
	"encoding/hex"
	"fmt"
	"math"
	"strconv"
	"time"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"

	"leaflet/fonts"
	"leaflet/layout"
	"leaflet/pictures"
)

// Options are the document-wide settings of a PDF.
type Options struct {
	// Date is the creation and modification date written in the PDF.
	Date time.Time
	// Creator names the program in the metadata.
	Creator string
}

// PDF writes the laid out document as a tagged PDF (PDF/UA-1): every item
// is marked as content of its structure element or as an artifact, and the
// structure tree follows the order of res.Elems.
func PDF(res *layout.Result, opt Options) ([]byte, error) {
	plan, err := planTags(res)
	if err != nil {
		return nil, fmt.Errorf("tagging: %w", err)
	}
	doc, fo, err := renderPDF(res, opt, plan)
	if err != nil {
		return nil, err
	}
	return finish(doc, fo, plan)
}

// renderPDF writes the document with fpdf, marked as plan says when plan is
// not nil, and returns it with what finishing it must add. fpdf writes
// the pages, pictures, links and outline; the text is drawn through the
// document's own fonts, which fpdf never sees.
func renderPDF(res *layout.Result, opt Options, plan *tagPlan) ([]byte, finishOptions, error) {
	tagged := plan != nil
	faces, groups := collectGlyphs(res)
	// the fonts are built while fpdf draws the pages, which need only
	// their codes; a page that fails to draw waits for them too
	fontsBuilt := buildFonts(groups)
	defer fontsBuilt()

	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: res.Pages[0].Size.W, Ht: res.Pages[0].Size.H}})
	pdf.SetCompression(false) // the finished file is deflated in one pass
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(opt.Date)
	pdf.SetModificationDate(opt.Date)
	pdf.SetTitle(res.Title, true)
	pdf.SetAuthor(res.Author, true)
	pdf.SetSubject(res.Subject, true)
	pdf.SetCreator(opt.Creator, true)
	pdf.SetProducer(opt.Creator, true)
	pdf.SetLang(res.Lang)
	if tagged {
		pdf.SetXmpMetadata(xmpMetadata(res, opt))
	}
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	var boxes []pageBox
	for _, p := range res.Pages {
		boxes = append(boxes, pageBox{trim: p.Trim, bleed: p.Bleed, height: p.Size.H})
	}
	var intent []byte
	if len(res.Pages) > 0 && res.Pages[0].Trim != (layout.Rect{}) {
		intent = srgbProfile // the print shop's file says its colours are sRGB
	}

	for pi := range res.Pages {
		var marks []mark
		if tagged {
			marks = plan.marks[pi]
		}
		if err := drawPage(pdf, &res.Pages[pi], marks, faces); err != nil {
			return nil, finishOptions{}, err
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, finishOptions{}, fmt.Errorf("write pdf: %w", err)
	}
	if err := fontsBuilt(); err != nil {
		return nil, finishOptions{}, err
	}
	return buf.Bytes(), finishOptions{
		Fonts:               groups,
		PageBoxes:           boxes,
		OutputIntent:        intent,
		DisplayDocTitle:     true,
		DuplexFlipShortEdge: res.Duplex,
	}, nil
}

// drawPage adds page to pdf with its outline entries and draws its items.
// In a tagged document marks are the page's marks, and every item is drawn
// inside its marked-content sequence, so that what fpdf writes for it
// (colours, paths) is inside too; consecutive items with the same mark
// share a sequence. When marks is nil (an untagged document), fpdf writes
// the links of the runs.
func drawPage(pdf *fpdf.Fpdf, page *layout.Page, marks []mark, faces map[*fonts.Face]*faceCodes) error {
	tagged := marks != nil
	pdf.AddPageFormat("P", fpdf.SizeType{Wd: page.Size.W, Ht: page.Size.H})
	for _, bm := range page.Bookmarks {
		// with no UTF-8 font of its own, fpdf writes a title's bytes
		// as they are: UTF-16BE with its byte order mark
		pdf.Bookmark(utf16Text(bm.Title), bm.Level, bm.Y)
	}
	var ops []byte
	open := false
	for ii, it := range page.Items {
		if tagged {
			if m := marks[ii]; ii == 0 || m != marks[ii-1] {
				if open {
					pdf.RawWriteStr("EMC")
				}
				pdf.RawWriteStr(m.begin())
				open = true
			}
		}
		switch it := it.(type) {
		case *layout.Picture:
			if err := drawPicture(pdf, it, page.Size.H); err != nil {
				return err
			}
		case *layout.Box:
			pdf.SetFillColor(int(it.Fill.R), int(it.Fill.G), int(it.Fill.B))
			pdf.Rect(it.X, it.Y, it.W, it.H, "F")
		case *layout.GlyphRun:
			if s := it.Size * 100; math.Abs(s-math.Round(s)) > 1e-6 {
				return fmt.Errorf("font size %g pt of %q cannot be written exactly: layout must round sizes to 0.01 pt", it.Size, it.Text)
			}
			ops = appendRun(ops[:0], faces[it.Face], it, page.Size.H)
			pdf.RawWriteBuf(bytes.NewReader(ops))
			if !tagged && it.Link != "" {
				b := it.Bounds()
				pdf.LinkString(b.X, b.Y, b.W, b.H, it.Link)
			}
		}
	}
	if open {
		pdf.RawWriteStr("EMC")
	}
	return nil
}

// utf16Text returns s as UTF-16BE with a byte order mark, a PDF text
// string's bytes.
func utf16Text(s string) string {
	b := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return string(b)
}

// drawPicture draws a vector picture, filling each path with its own rule,
// or places an image, filling the item's rectangle (layout gives it the
// picture's proportions).
func drawPicture(pdf *fpdf.Fpdf, p *layout.Picture, pageH float64) error {
	switch {
	case p.Vector != nil:
		pdf.RawWriteBuf(bytes.NewReader(appendVector(nil, p, pageH)))
	case p.Image != nil:
		sum := md5.Sum(p.Image.Data)
		name := hex.EncodeToString(sum[:])
		opt := fpdf.ImageOptions{ImageType: p.Image.Format, ReadDpi: false}
		if pdf.GetImageInfo(name) == nil {
			pdf.RegisterImageOptionsReader(name, opt, bytes.NewReader(p.Image.Data))
		}
		pdf.ImageOptions(name, p.X, p.Y, p.W, p.H, false, opt, 0, "")
		if pdf.Err() {
			return fmt.Errorf("picture: %w", pdf.Error())
		}
	}
	return nil
}

// appendVector appends the operators that fill a vector picture's paths,
// each with its own rule, its view box mapped onto the item's rectangle, on
// a page of height pageH; coordinates to 0.01 pt.
func appendVector(b []byte, p *layout.Picture, pageH float64) []byte {
	vb := p.Vector.ViewBox
	sx, sy := p.W/vb[2], p.H/vb[3]
	ox, oy := p.X-vb[0]*sx, p.Y-vb[1]*sy
	b = appendColor(b, p.Color, "rg")
	pt := func(b []byte, q pictures.Point) []byte {
		b = appendNum(b, ox+q.X*sx)
		b = append(b, ' ')
		return appendNum(b, pageH-(oy+q.Y*sy))
	}
	for _, path := range p.Vector.Paths {
		for i := 0; i < len(path.Segments); i++ {
			seg := path.Segments[i]
			b = append(b, '\n')
			if r, ok := rectangle(path.Segments[i:]); ok {
				// x y w h re: a QR code's modules, a bar
				b = pt(b, r[0])
				b = append(b, ' ')
				b = appendNum(b, (r[1].X-r[0].X)*sx)
				b = append(b, ' ')
				b = appendNum(b, -(r[1].Y-r[0].Y)*sy)
				b = append(b, " re"...)
				i += 4
				continue
			}
			n, op := 0, "h" // 'Z'
			switch seg.Op {
			case 'M':
				n, op = 1, "m"
			case 'L':
				n, op = 1, "l"
			case 'C':
				n, op = 3, "c"
			}
			for _, q := range seg.P[:n] {
				b = append(pt(b, q), ' ')
			}
			b = append(b, op...)
		}
		if path.EvenOdd {
			b = append(b, "\nf*"...)
		} else {
			b = append(b, "\nf"...)
		}
	}
	return b
}

// rectangle reports whether segs start with a closed axis-aligned
// rectangle drawn from one corner clockwise or anticlockwise (M L L L Z),
// and returns that corner and the opposite one.
func rectangle(segs []pictures.Segment) ([2]pictures.Point, bool) {
	if len(segs) < 5 || segs[0].Op != 'M' || segs[1].Op != 'L' || segs[2].Op != 'L' || segs[3].Op != 'L' || segs[4].Op != 'Z' {
		return [2]pictures.Point{}, false
	}
	a, b, c, d := segs[0].P[0], segs[1].P[0], segs[2].P[0], segs[3].P[0]
	horizontalFirst := a.Y == b.Y && b.X == c.X && c.Y == d.Y && d.X == a.X
	verticalFirst := a.X == b.X && b.Y == c.Y && c.X == d.X && d.Y == a.Y
	return [2]pictures.Point{a, c}, (horizontalFirst || verticalFirst) && a.X != c.X && a.Y != c.Y
}

// fakeBoldStroke is the outline stroke, as a fraction of the font size,
// that emboldens a face without a bold weight: about the difference in stem
// width between Noto Sans Regular and Bold.
const fakeBoldStroke = 0.03

// appendRun appends the operators that draw a glyph run on a page of
// height pageH: one text object, the run's codes in one string, and where
// the shaped position differs from the advance the font's widths give (a
// kerned pair the cluster's own advance does not hold) a TJ adjustment.
func appendRun(b []byte, fc *faceCodes, run *layout.GlyphRun, pageH float64) []byte {
	g := fc.group
	c := run.Color
	if run.FakeBold {
		// a face without a bold weight is emboldened by stroking its
		// outlines as well as filling them
		b = append(b, "q 2 Tr "...)
		b = appendColor(b, c, "RG")
		b = append(b, ' ')
		b = appendNum(b, run.Size*fakeBoldStroke)
		b = append(b, " w "...)
	}
	b = append(b, "BT /"...)
	b = append(b, g.resource...)
	b = append(b, ' ')
	b = appendNum(b, run.Size)
	b = append(b, " Tf "...)
	b = appendColor(b, c, "rg")
	b = append(b, ' ')
	b = appendNum(b, run.X)
	b = append(b, ' ')
	b = appendNum(b, pageH-run.Y)
	b = append(b, " Td ["...)
	open := false
	x, pen := run.X, math.Round(run.X*100)/100 // pen: where the viewer puts the next glyph
	for _, u := range fc.runs[run] {
		code := u.c.code
		if d := x - pen; math.Abs(d) > 0.005 {
			if open {
				b = append(b, ')')
				open = false
			}
			adj := math.Round(-d*1000/run.Size*100) / 100
			b = strconv.AppendFloat(b, adj, 'f', -1, 64)
			pen -= adj * run.Size / 1000
		}
		if !open {
			b = append(b, '(')
			open = true
		}
		b = appendCode(b, code)
		pen += g.width(code, u.c.shape.advance) * run.Size / 1000
		x += u.advance
	}
	if open {
		b = append(b, ')')
	}
	b = append(b, "] TJ ET"...)
	if run.FakeBold {
		b = append(b, " Q"...)
	}
	return b
}

// appendCode appends a 2-byte code to a literal string, escaped.
func appendCode(b []byte, code uint16) []byte {
	for _, c := range [2]byte{byte(code >> 8), byte(code)} {
		switch c {
		case '(', ')', '\\':
			b = append(b, '\\', c)
		case '\r':
			b = append(b, '\\', 'r')
		default:
			b = append(b, c)
		}
	}
	return b
}

// appendColor appends an RGB colour operator (op "rg" or "RG"), as gray
// when it is one.
func appendColor(b []byte, c layout.Color, op string) []byte {
	comp := func(b []byte, v uint8) []byte {
		return append(strconv.AppendFloat(b, math.Round(float64(v)/255*1000)/1000, 'f', -1, 64), ' ')
	}
	if c.R == c.G && c.G == c.B {
		return append(comp(b, c.R), op[1:]...) // "g" or "G"
	}
	return append(comp(comp(comp(b, c.R), c.G), c.B), op...)
}

// srgbProfile is the ICC's sRGB profile, the print-shop file's output
// intent (icc/README.md).
//
//go:embed icc/sRGB2014.icc
var srgbProfile []byte
