// SPDX-License-Identifier: MIT

package output

import (
	"bytes"
	"crypto/md5"
	_ "embed"
	"encoding/hex"
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
	"leaflet/layout/text"
	"leaflet/pictures"
)

// Options are the document-wide settings of a PDF.
type Options struct {
	// Date is the creation and modification date written in the PDF.
	Date time.Time
	// Creator names the program in the metadata.
	Creator string
}

// faceCodes assigns each cluster a face draws in a document the code point
// it is drawn through, and remembers the text it stands for. A cluster of
// one glyph is drawn as that glyph; a cluster of several glyphs (a vowel
// sign before its consonant, a letter with marks) as one composite glyph
// added to the derived font, so that every drawn code stands for exactly its
// cluster's text and copying gives back the source.
type faceCodes struct {
	face *fonts.Face
	// group is the PDF font the face's clusters are drawn from
	group *fontGroup
	// keys in order of first use; each key's code and text
	keys  []clusterKey
	code  map[clusterKey]rune
	text  map[clusterKey]string
	shape map[clusterKey]clusterShape
}

// fontGroup is one font of the PDF: the faces of a document that share
// their units per em are merged into one font (fpdf's cost is per font, and
// a page offering the leaflet in twelve languages uses twenty faces); a
// face of other units gets a font of its own. The faces share one code
// space.
type fontGroup struct {
	family string
	faces  []*faceCodes // in name order
}

// clusterKey identifies a drawn cluster: its glyphs with their offsets in
// font units, and its text.
type clusterKey string

// clusterShape is how a cluster is drawn: its glyphs at their offsets from
// the cluster's origin, and its advance, in font units.
type clusterShape struct {
	glyphs  []Component
	advance uint16
}

// shapeOf returns the shape of a cluster set at size in a face of upem
// units.
func shapeOf(cl []text.Glyph, size, upem float64) clusterShape {
	unit := func(v float64) int16 { return int16(math.Round(v * upem / size)) }
	var s clusterShape
	pen := 0.0
	for _, g := range cl {
		s.glyphs = append(s.glyphs, Component{GID: g.ID, DX: unit(pen + g.XOffset), DY: unit(g.YOffset)})
		pen += g.Advance
	}
	s.advance = uint16(max(0, unit(pen)))
	return s
}

// clusters splits a run's glyphs into the units drawn as one glyph: runs
// of glyphs with the same cluster index, with a cluster that does not
// advance (an Arabic alef tucked under its lam) joined to the next one, so
// that no drawn glyph sits on top of another with text of its own; text
// extraction takes overlapping glyphs for separate words.
func clusters(glyphs []text.Glyph) [][]text.Glyph {
	var out [][]text.Glyph
	for i := 0; i < len(glyphs); {
		j := i + 1
		for j < len(glyphs) && glyphs[j].Cluster == glyphs[i].Cluster {
			j++
		}
		out = append(out, glyphs[i:j])
		i = j
	}
	advance := func(cl []text.Glyph) (a float64) {
		for _, g := range cl {
			a += g.Advance
		}
		return a
	}
	for i := 0; i < len(out) && len(out) > 1; {
		if advance(out[i]) != 0 {
			i++
			continue
		}
		if i+1 < len(out) {
			out[i] = append(append([]text.Glyph(nil), out[i]...), out[i+1]...)
			out = append(out[:i+1], out[i+2:]...)
		} else {
			out[i-1] = append(append([]text.Glyph(nil), out[i-1]...), out[i]...)
			out = out[:i]
		}
	}
	return out
}

// clusterText returns the source text a unit of glyphs stands for: the
// runes from its first cluster to the end of its last, in logical order.
//
// The unit that ends the run's drawn text (drawn is the end of the last
// drawn cluster) also stands for the white space after it — the space at
// the end of a line, which is not drawn — so that text extraction keeps the
// words of two lines apart.
func clusterText(cl []text.Glyph, runes []rune, drawn int) string {
	lo, hi := len(runes), 0
	for _, g := range cl {
		lo, hi = min(lo, g.Cluster), max(hi, g.Cluster+g.Runes)
	}
	if lo >= hi || hi > len(runes) {
		return ""
	}
	if hi == drawn && strings.TrimSpace(string(runes[hi:])) == "" && !strings.Contains(string(runes[hi:]), "\n") {
		hi = len(runes)
	}
	return string(runes[lo:hi])
}

// drawnEnd returns the end of the last cluster a left-to-right run draws,
// in runes, and -1 for a right-to-left run, whose extraction tools reorder
// by themselves and do not expect the line's space on its last glyph.
func drawnEnd(run *layout.GlyphRun) int {
	if run.RTL {
		return -1
	}
	end := 0
	for _, g := range run.Glyphs {
		end = max(end, g.Cluster+g.Runes)
	}
	return end
}

// plain reports whether a cluster is one glyph drawn as the font has it:
// no offset, its own advance.
func (s clusterShape) plain(face *fonts.Face) bool {
	g := s.glyphs
	return len(g) == 1 && g[0].DX == 0 && g[0].DY == 0 && int(s.advance) == face.Advance(g[0].GID)
}

// keyOf returns the key of a cluster of the given shape and text.
func keyOf(s clusterShape, txt string, face *fonts.Face) clusterKey {
	var b strings.Builder
	if s.plain(face) {
		fmt.Fprintf(&b, "%d", s.glyphs[0].GID)
	} else {
		for _, g := range s.glyphs {
			fmt.Fprintf(&b, "%d@%d,%d;", g.GID, g.DX, g.DY)
		}
		fmt.Fprintf(&b, "+%d", s.advance)
	}
	b.WriteString("|")
	b.WriteString(txt)
	return clusterKey(b.String())
}

// PDF writes the laid out document as a tagged PDF (PDF/UA-1): every item
// is marked as content of its structure element or as an artifact, and the
// structure tree follows the order of res.Elems.
func PDF(res *layout.Result, opt Options) ([]byte, error) {
	return writePDF(res, opt, true)
}

// writePDF writes the document, tagged or not; untagged output is only for
// measuring what tagging costs.
func writePDF(res *layout.Result, opt Options, tagged bool) ([]byte, error) {
	var plan *tagPlan
	if tagged {
		var err error
		if plan, err = planTags(res); err != nil {
			return nil, fmt.Errorf("tagging: %w", err)
		}
	}
	doc, fo, err := renderPDF(res, opt, plan)
	if err != nil {
		return nil, err
	}
	if plan == nil {
		return finishPDF(doc, fo)
	}
	return finishTagged(doc, fo, plan)
}

// renderPDF writes the document with fpdf, marked as plan says when plan is
// not nil, and returns it with what the finishing update must do.
func renderPDF(res *layout.Result, opt Options, plan *tagPlan) ([]byte, finishOptions, error) {
	tagged := plan != nil
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

	toUnicode := map[string]map[uint16]string{}
	names := map[string]string{}
	for _, g := range order {
		font, m, err := g.font()
		if err != nil {
			return nil, finishOptions{}, err
		}
		pdf.AddUTF8FontFromBytes(g.family, "", font)
		if pdf.Err() {
			return nil, finishOptions{}, fmt.Errorf("font %s: %w", g.names(), pdf.Error())
		}
		key := "utf8" + strings.ToLower(g.family) // fpdf lower-cases family names
		toUnicode[key] = m
		names[key] = subsetTag(g) + "+" + g.name()
	}

	for pi, page := range res.Pages {
		pdf.AddPageFormat("P", fpdf.SizeType{Wd: page.Size.W, Ht: page.Size.H})
		if len(page.Bookmarks) > 0 && len(order) > 0 {
			// fpdf takes titles as UTF-8 only with a UTF-8 font set; it
			// writes the font into the page, outside any item
			if tagged {
				pdf.RawWriteStr("/Artifact BMC")
			}
			pdf.SetFont(order[0].family, "", 12)
			if tagged {
				pdf.RawWriteStr("EMC")
			}
		}
		for _, bm := range page.Bookmarks {
			pdf.Bookmark(bm.Title, bm.Level, bm.Y)
		}
		// Every item is drawn inside its marked-content sequence, so that
		// what fpdf writes for it (fonts, colours, text objects) is inside
		// too; consecutive items with the same mark share a sequence.
		open := false
		for ii, it := range page.Items {
			if tagged {
				if m := plan.marks[pi][ii]; ii == 0 || m != plan.marks[pi][ii-1] {
					if open {
						pdf.RawWriteStr("EMC")
					}
					pdf.RawWriteStr(m.begin())
					open = true
				}
			}
			switch it := it.(type) {
			case *layout.Picture:
				if err := drawPicture(pdf, it); err != nil {
					return nil, finishOptions{}, err
				}
			case *layout.Box:
				pdf.SetFillColor(int(it.Fill.R), int(it.Fill.G), int(it.Fill.B))
				pdf.Rect(it.X, it.Y, it.W, it.H, "F")
			case *layout.GlyphRun:
				if s := it.Size * 100; math.Abs(s-math.Round(s)) > 1e-6 {
					return nil, finishOptions{}, fmt.Errorf("font size %g pt of %q cannot be written exactly: layout must round sizes to 0.01 pt", it.Size, it.Text)
				}
				drawRun(pdf, faces[it.Face], it, !tagged)
			}
		}
		if open {
			pdf.RawWriteStr("EMC")
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, finishOptions{}, fmt.Errorf("write pdf: %w", err)
	}
	return buf.Bytes(), finishOptions{
		PageBoxes:           boxes,
		OutputIntent:        intent,
		ToUnicode:           toUnicode,
		FontNames:           names,
		DisplayDocTitle:     true,
		DuplexFlipShortEdge: res.Duplex,
		Version17:           true,
	}, nil
}

// collectGlyphs gathers the glyphs each face draws and gives each a code
// point: its own where the font maps one that no other glyph took, the next
// Private Use Area code point otherwise. Faces are returned in name order.
func collectGlyphs(res *layout.Result) (map[*fonts.Face]*faceCodes, []*fontGroup) {
	faces := map[*fonts.Face]*faceCodes{}
	for _, p := range res.Pages {
		for _, it := range p.Items {
			run, ok := it.(*layout.GlyphRun)
			if !ok {
				continue
			}
			fc := faces[run.Face]
			if fc == nil {
				fc = &faceCodes{face: run.Face, code: map[clusterKey]rune{}, text: map[clusterKey]string{},
					shape: map[clusterKey]clusterShape{}}
				faces[run.Face] = fc
			}
			runes := []rune(run.Text)
			for _, cl := range clusters(run.Glyphs) {
				txt := clusterText(cl, runes, drawnEnd(run))
				sh := shapeOf(cl, run.Size, run.Face.Upem())
				if run.RTL {
					txt = reverse(txt)
				}
				k := keyOf(sh, txt, run.Face)
				if _, seen := fc.text[k]; !seen {
					fc.keys = append(fc.keys, k)
					fc.text[k] = txt
					fc.shape[k] = sh
				}
			}
		}
	}
	order := make([]*faceCodes, 0, len(faces))
	for _, fc := range faces {
		order = append(order, fc)
	}
	sort.Slice(order, func(i, j int) bool { return order[i].face.Name < order[j].face.Name })
	var groups []*fontGroup
	byUpem := map[float64]*fontGroup{}
	for _, fc := range order {
		g := byUpem[fc.face.Upem()]
		if g == nil {
			g = &fontGroup{family: fmt.Sprintf("F%d", len(groups))}
			byUpem[fc.face.Upem()] = g
			groups = append(groups, g)
		}
		g.faces = append(g.faces, fc)
		fc.group = g
	}
	for _, g := range groups {
		taken := map[rune]bool{}
		// a single glyph drawn for the very character its font maps to it
		// keeps that character as its code, for the first face that wants
		// it; everything else gets a Private Use Area code
		for _, fc := range g.faces {
			sort.Slice(fc.keys, func(a, b int) bool { return fc.keys[a] < fc.keys[b] })
			for _, k := range fc.keys {
				sh := fc.shape[k]
				if !sh.plain(fc.face) {
					continue
				}
				cp, ok := fc.face.CodePoint(sh.glyphs[0].GID)
				if ok && cp >= 0x20 && !taken[cp] && fc.text[k] == string(cp) {
					fc.code[k] = cp
					taken[cp] = true
				}
			}
		}
		// Private Use Area codes go every other code point: fpdf builds
		// its width array in time that grows steeply with runs of
		// consecutive codes
		pua, step := rune(0xE000), rune(2)
		for _, fc := range g.faces {
			for _, k := range fc.keys {
				if _, ok := fc.code[k]; ok {
					continue
				}
				for taken[pua] {
					pua += step
				}
				if pua > 0xF8FF && step == 2 { // more than 3,200: fill the gaps
					pua, step = 0xE001, 1
				}
				fc.code[k] = pua
				taken[pua] = true
			}
		}
	}
	return faces, groups
}

// font builds a group's font: the face's derived font for a group of one,
// the merged font of its faces otherwise. It returns the font and the text
// each code stands for.
func (g *fontGroup) font() ([]byte, map[uint16]string, error) {
	toUnicode := map[uint16]string{}
	for _, fc := range g.faces {
		for k, cp := range fc.code {
			if t := fc.text[k]; t != "" {
				toUnicode[uint16(cp)] = t
			}
		}
	}
	if len(g.faces) == 1 {
		fc := g.faces[0]
		cmap, extra := fc.derivedCmap(fc.face.NumGlyphs())
		font, err := DeriveFont(fc.face.Data, cmap, extra)
		if err != nil {
			return nil, nil, fmt.Errorf("font %s: %w", fc.face.Name, err)
		}
		return font, toUnicode, nil
	}
	// The merged font numbers glyphs: .notdef, then each part's listed
	// glyphs in order, then the composites, then unlisted components.
	parts := make([]MergePart, len(g.faces))
	newID := make([]map[uint16]uint16, len(g.faces))
	next := uint16(1)
	for i, fc := range g.faces {
		parts[i].Src = fc.face.Data
		newID[i] = map[uint16]uint16{}
		list := func(gid uint16) {
			if _, ok := newID[i][gid]; ok {
				return
			}
			parts[i].Glyphs = append(parts[i].Glyphs, gid)
			if i == 0 && gid == 0 {
				newID[i][gid] = 0
				return
			}
			newID[i][gid] = next
			next++
		}
		for _, k := range fc.keys {
			for _, c := range fc.shape[k].glyphs {
				list(c.GID)
			}
		}
	}
	cmap := map[rune]uint16{}
	var extra []Composite
	for i, fc := range g.faces {
		for _, k := range fc.keys {
			sh := fc.shape[k]
			if sh.plain(fc.face) {
				cmap[fc.code[k]] = newID[i][sh.glyphs[0].GID]
				continue
			}
			c := Composite{Advance: sh.advance}
			for _, comp := range sh.glyphs {
				comp.GID = newID[i][comp.GID]
				c.Components = append(c.Components, comp)
			}
			cmap[fc.code[k]] = next + uint16(len(extra))
			extra = append(extra, c)
		}
	}
	font, gids, err := MergeFonts(parts, cmap, extra)
	if err != nil {
		return nil, nil, fmt.Errorf("merged font of %s: %w", g.names(), err)
	}
	for i := range parts { // the numbering must be as predicted
		for j, gid := range parts[i].Glyphs {
			if gids[i][j] != newID[i][gid] {
				return nil, nil, fmt.Errorf("merged font of %s: glyph %d of %s became %d, not %d",
					g.names(), gid, g.faces[i].face.Name, gids[i][j], newID[i][gid])
			}
		}
	}
	return font, toUnicode, nil
}

// names returns the names of the group's faces.
func (g *fontGroup) names() string {
	var n []string
	for _, fc := range g.faces {
		n = append(n, fc.face.Name)
	}
	return strings.Join(n, ", ")
}

// name returns the font's name in the PDF: the face's, or for a merged
// font its first face's with "Merged" before it.
func (g *fontGroup) name() string {
	if len(g.faces) == 1 {
		return g.faces[0].face.Name
	}
	return "Merged-" + g.faces[0].face.Name
}

// derivedCmap returns the character map of a face's derived font and the
// composite glyphs it adds, numbered from numGlyphs.
func (fc *faceCodes) derivedCmap(numGlyphs int) (map[rune]uint16, []Composite) {
	cmap := make(map[rune]uint16, len(fc.code))
	var extra []Composite
	for _, k := range fc.keys {
		sh := fc.shape[k]
		if sh.plain(fc.face) {
			cmap[fc.code[k]] = sh.glyphs[0].GID
			continue
		}
		cmap[fc.code[k]] = uint16(numGlyphs + len(extra))
		extra = append(extra, Composite{Components: sh.glyphs, Advance: sh.advance})
	}
	return cmap, extra
}

// drawPicture draws a vector picture, filling each path with its own rule,
// or places an image, fitted into the item's rectangle and centred.
func drawPicture(pdf *fpdf.Fpdf, p *layout.Picture) error {
	switch {
	case p.Vector != nil:
		vb := p.Vector.ViewBox
		s := min(p.W/vb[2], p.H/vb[3])
		ox := p.X + (p.W-vb[2]*s)/2 - vb[0]*s
		oy := p.Y + (p.H-vb[3]*s)/2 - vb[1]*s
		pt := func(q pictures.Point) (float64, float64) { return ox + q.X*s, oy + q.Y*s }
		pdf.SetFillColor(int(p.Color.R), int(p.Color.G), int(p.Color.B))
		for _, path := range p.Vector.Paths {
			for _, seg := range path.Segments {
				switch seg.Op {
				case 'M':
					pdf.MoveTo(pt(seg.P[0]))
				case 'L':
					pdf.LineTo(pt(seg.P[0]))
				case 'C':
					x1, y1 := pt(seg.P[0])
					x2, y2 := pt(seg.P[1])
					x3, y3 := pt(seg.P[2])
					pdf.CurveBezierCubicTo(x1, y1, x2, y2, x3, y3)
				case 'Z':
					pdf.ClosePath()
				}
			}
			if path.EvenOdd {
				pdf.DrawPath("F*")
			} else {
				pdf.DrawPath("F")
			}
		}
	case p.Image != nil:
		sum := md5.Sum(p.Image.Data)
		name := hex.EncodeToString(sum[:])
		opt := fpdf.ImageOptions{ImageType: p.Image.Format, ReadDpi: false}
		if pdf.GetImageInfo(name) == nil {
			pdf.RegisterImageOptionsReader(name, opt, bytes.NewReader(p.Image.Data))
		}
		w, h := float64(p.Image.Width), float64(p.Image.Height)
		s := min(p.W/w, p.H/h)
		pdf.ImageOptions(name, p.X+(p.W-w*s)/2, p.Y+(p.H-h*s)/2, w*s, h*s, false, opt, 0, "")
		if pdf.Err() {
			return fmt.Errorf("picture: %w", pdf.Error())
		}
	}
	return nil
}

// subsetTag returns the six capital letters that name a font subset
// (ISO 32000 9.6.4), derived from the face and the clusters it draws (in
// sorted order) so that the same subset always gets the same tag.
func subsetTag(g *fontGroup) string {
	h := fnv.New64a()
	for _, fc := range g.faces {
		h.Write([]byte(fc.face.Name))
		for _, k := range fc.keys {
			h.Write([]byte(k))
			h.Write([]byte{0})
		}
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

// drawRun draws a glyph run, with fpdf's link annotation for a run with a
// link when links is set (a tagged document gets its annotations from the
// tagging instead). fpdf advances by each glyph's nominal width;
// where the shaped position differs (kerning, marks) a new Text call starts
// at the exact position.
func drawRun(pdf *fpdf.Fpdf, fc *faceCodes, run *layout.GlyphRun, links bool) {
	pdf.SetFont(fc.group.family, "", run.Size)
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
	runes := []rune(run.Text)
	x := run.X
	for _, cl := range clusters(run.Glyphs) {
		txt := clusterText(cl, runes, drawnEnd(run))
		if run.RTL {
			txt = reverse(txt)
		}
		cp := fc.code[keyOf(shapeOf(cl, run.Size, run.Face.Upem()), txt, run.Face)]
		w := pdf.GetStringWidth(string(cp))
		advance := 0.0
		for _, g := range cl {
			advance += g.Advance
		}
		switch {
		case len(chunk) == 0 || math.Abs(pen-x) > 0.005:
			flush()
			chunkX, pen = x, x
			fallthrough
		default:
			chunk = utf8.AppendRune(chunk, cp)
			pen += w
		}
		x += advance
	}
	flush()
	if links && run.Link != "" {
		b := run.Bounds()
		pdf.LinkString(b.X, b.Y, b.W, b.H, run.Link)
	}
}

// reverse returns s with its characters in reverse order.
func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// srgbProfile is the ICC's sRGB profile, the print-shop file's output
// intent (icc/README.md).
//
//go:embed icc/sRGB2014.icc
var srgbProfile []byte
