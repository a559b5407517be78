// SPDX-License-Identifier: MIT

package output

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"math"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"leaflet/fonts"
	"leaflet/layout"
)

// Options are the document-wide settings of a PDF.
type Options struct {
	// Date is the creation and modification date written in the PDF.
	Date time.Time
	// Creator names the program in the metadata.
	Creator string
}

// faceCodes assigns each glyph of a face used in a document the code point
// it is drawn through, and remembers the text it stands for.
type faceCodes struct {
	face   *fonts.Face
	family string
	code   map[uint16]rune   // glyph → code point in the derived font
	text   map[uint16]string // glyph → source text, for ToUnicode
}

// PDF writes the laid out document as PDF bytes.
func PDF(res *layout.Result, opt Options) ([]byte, error) {
	faces, order := collectGlyphs(res)

	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: res.Pages[0].Size.W, Ht: res.Pages[0].Size.H}})
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(opt.Date)
	pdf.SetModificationDate(opt.Date)
	pdf.SetTitle(res.Title, true)
	pdf.SetAuthor(res.Author, true)
	pdf.SetSubject(res.Subject, true)
	pdf.SetCreator(opt.Creator, true)
	pdf.SetProducer(opt.Creator, true)
	pdf.SetLang(res.Lang)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)

	toUnicode := map[string]map[uint16]string{}
	names := map[string]string{}
	for _, fc := range order {
		cmap := make(map[rune]uint16, len(fc.code))
		for gid, cp := range fc.code {
			cmap[cp] = gid
		}
		derived, err := DeriveFont(fc.face.Data, cmap)
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", fc.face.Name, err)
		}
		pdf.AddUTF8FontFromBytes(fc.family, "", derived)
		if pdf.Err() {
			return nil, fmt.Errorf("font %s: %w", fc.face.Name, pdf.Error())
		}
		m := make(map[uint16]string, len(fc.code))
		for gid, cp := range fc.code {
			if t := fc.text[gid]; t != "" {
				m[uint16(cp)] = t
			}
		}
		key := "utf8" + strings.ToLower(fc.family) // fpdf lower-cases family names
		toUnicode[key] = m
		names[key] = subsetTag(fc) + "+" + fc.face.Name
	}

	for _, page := range res.Pages {
		pdf.AddPageFormat("P", fpdf.SizeType{Wd: page.Size.W, Ht: page.Size.H})
		for _, it := range page.Items {
			switch it := it.(type) {
			case *layout.Box:
				pdf.SetFillColor(int(it.Fill.R), int(it.Fill.G), int(it.Fill.B))
				pdf.Rect(it.X, it.Y, it.W, it.H, "F")
			case *layout.GlyphRun:
				if s := it.Size * 100; math.Abs(s-math.Round(s)) > 1e-6 {
					return nil, fmt.Errorf("font size %g pt of %q cannot be written exactly: layout must round sizes to 0.01 pt", it.Size, it.Text)
				}
				drawRun(pdf, faces[it.Face], it)
			}
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("write pdf: %w", err)
	}
	return finishPDF(buf.Bytes(), finishOptions{
		ToUnicode:           toUnicode,
		FontNames:           names,
		DisplayDocTitle:     true,
		DuplexFlipShortEdge: res.Duplex,
		Version17:           true,
	})
}

// collectGlyphs gathers the glyphs each face draws and gives each a code
// point: its own where the font maps one that no other glyph took, the next
// Private Use Area code point otherwise. Faces are returned in name order.
func collectGlyphs(res *layout.Result) (map[*fonts.Face]*faceCodes, []*faceCodes) {
	faces := map[*fonts.Face]*faceCodes{}
	for _, p := range res.Pages {
		for _, it := range p.Items {
			run, ok := it.(*layout.GlyphRun)
			if !ok {
				continue
			}
			fc := faces[run.Face]
			if fc == nil {
				fc = &faceCodes{face: run.Face, code: map[uint16]rune{}, text: map[uint16]string{}}
				faces[run.Face] = fc
			}
			runes := []rune(run.Text)
			for i, g := range run.Glyphs {
				if _, seen := fc.text[g.ID]; !seen {
					fc.text[g.ID] = ""
				}
				first := i == 0 || run.Glyphs[i-1].Cluster != g.Cluster
				if first && fc.text[g.ID] == "" && g.Cluster+g.Runes <= len(runes) {
					fc.text[g.ID] = string(runes[g.Cluster : g.Cluster+g.Runes])
				}
			}
		}
	}
	order := make([]*faceCodes, 0, len(faces))
	for _, fc := range faces {
		order = append(order, fc)
	}
	sort.Slice(order, func(i, j int) bool { return order[i].face.Name < order[j].face.Name })
	for i, fc := range order {
		fc.family = fmt.Sprintf("F%d", i)
		gids := make([]int, 0, len(fc.text))
		for g := range fc.text {
			gids = append(gids, int(g))
		}
		sort.Ints(gids)
		taken := map[rune]bool{}
		pua := rune(0xE000)
		for _, g := range gids {
			cp, ok := fc.face.CodePoint(uint16(g))
			if ok && cp >= 0x20 && !taken[cp] && fc.text[uint16(g)] == string(cp) {
				fc.code[uint16(g)] = cp
				taken[cp] = true
			}
		}
		for _, g := range gids {
			if _, ok := fc.code[uint16(g)]; ok {
				continue
			}
			for taken[pua] {
				pua++
			}
			fc.code[uint16(g)] = pua
			taken[pua] = true
		}
	}
	return faces, order
}

// subsetTag returns the six capital letters that name a font subset
// (ISO 32000 9.6.4), derived from the face and the glyphs it holds so that
// the same subset always gets the same tag.
func subsetTag(fc *faceCodes) string {
	h := fnv.New64a()
	h.Write([]byte(fc.face.Name))
	gids := make([]int, 0, len(fc.code))
	for g := range fc.code {
		gids = append(gids, int(g))
	}
	sort.Ints(gids)
	for _, g := range gids {
		h.Write([]byte{byte(g >> 8), byte(g)})
	}
	v := h.Sum64()
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + byte(v%26)
		v /= 26
	}
	return string(tag)
}

// fakeBoldStroke is the outline stroke, as a fraction of the font size,
// that emboldens a face without a bold weight: about the difference in stem
// width between Noto Sans Regular and Bold.
const fakeBoldStroke = 0.03

// drawRun draws a glyph run. fpdf advances by each glyph's nominal width;
// where the shaped position differs (kerning, marks) a new Text call starts
// at the exact position.
func drawRun(pdf *fpdf.Fpdf, fc *faceCodes, run *layout.GlyphRun) {
	pdf.SetFont(fc.family, "", run.Size)
	pdf.SetTextColor(int(run.Color.R), int(run.Color.G), int(run.Color.B))
	if run.FakeBold {
		// a face without a bold weight is emboldened by stroking its
		// outlines as well as filling them
		pdf.SetTextRenderingMode(2)
		pdf.SetDrawColor(int(run.Color.R), int(run.Color.G), int(run.Color.B))
		pdf.SetLineWidth(run.Size * fakeBoldStroke)
		defer pdf.SetTextRenderingMode(0)
	}
	var (
		chunk  []byte
		chunkX float64
		pen    float64 // where the viewer will put the next glyph of chunk
	)
	flush := func() {
		if len(chunk) > 0 {
			pdf.Text(chunkX, run.Y, string(chunk))
			chunk = chunk[:0]
		}
	}
	x := run.X
	for _, g := range run.Glyphs {
		cp := fc.code[g.ID]
		s := string(cp)
		w := pdf.GetStringWidth(s)
		switch {
		case g.XOffset != 0 || g.YOffset != 0:
			flush()
			pdf.Text(x+g.XOffset, run.Y-g.YOffset, s)
		case len(chunk) == 0 || math.Abs(pen-x) > 0.005:
			flush()
			chunkX, pen = x, x
			fallthrough
		default:
			chunk = utf8.AppendRune(chunk, cp)
			pen += w
		}
		x += g.Advance
	}
	flush()
	if run.Link != "" {
		b := run.Bounds()
		pdf.LinkString(b.X, b.Y, b.W, b.H, run.Link)
	}
}
