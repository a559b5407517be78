// SPDX-License-Identifier: MIT

package output

// This file finishes the PDF fpdf wrote: it adds the document's fonts and
// their ToUnicode maps, the structure tree of a tagged PDF (PDF/UA-1),
// viewer preferences, the page boxes and output intent of the print
// shop's file and a document ID, and writes the file once (pdfobj).

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"leaflet/output/internal/pdfobj"
)

// finishOptions says what finish adds to a document written by fpdf.
type finishOptions struct {
	// Fonts are the document's fonts, built, in resource order.
	Fonts []*fontGroup

	DisplayDocTitle     bool // /ViewerPreferences /DisplayDocTitle true
	DuplexFlipShortEdge bool // /ViewerPreferences /Duplex /DuplexFlipShortEdge

	// PageBoxes holds each page's trim and bleed boxes (the print shop's
	// file); pages without them are left as they are.
	PageBoxes []pageBox
	// OutputIntent, when set, is an RGB ICC profile that the document
	// declares as its output intent.
	OutputIntent []byte
}

// finish returns the finished file of doc, a PDF written by fpdf: with
// opt's additions, the structure tree of plan when it is not nil, and a
// document /ID (two identical strings, the MD5 of doc and the fonts). The
// result depends only on its arguments.
func finish(doc []byte, opt finishOptions, plan *tagPlan) ([]byte, error) {
	f, err := pdfobj.Read(doc)
	if err != nil {
		return nil, fmt.Errorf("finish pdf: %w", err)
	}
	pages, err := pdfPages(f)
	if err != nil {
		return nil, fmt.Errorf("finish pdf: %w", err)
	}
	steps := []func() error{
		func() error { return addFonts(f, pages, opt.Fonts) },
		func() error { return finishCatalog(f, opt) },
		func() error { return setPageBoxes(f, pages, opt.PageBoxes) },
		func() error { return setOutputIntent(f, opt.OutputIntent) },
	}
	if plan != nil {
		steps = append(steps, func() error { return writeTags(f, pages, plan) })
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, fmt.Errorf("finish pdf: %w", err)
		}
	}
	h := md5.New()
	h.Write(doc)
	for _, g := range opt.Fonts {
		h.Write(g.program)
	}
	id := "<" + hex.EncodeToString(h.Sum(nil)) + ">"
	f.SetTrailer("ID", "["+id+" "+id+"]")
	out, err := f.Write()
	if err != nil {
		return nil, fmt.Errorf("finish pdf: %w", err)
	}
	return out, nil
}

// addFonts adds each font as a Type0 font with Identity-H encoding, its
// CIDFontType2 descendant (codes are glyph IDs: /CIDToGIDMap /Identity),
// font descriptor, font program and ToUnicode map, and names the fonts in
// the resources of pages (the page objects, in order).
func addFonts(f *pdfobj.File, pages []int, groups []*fontGroup) error {
	if len(groups) == 0 {
		return nil
	}
	var res strings.Builder
	res.WriteString("<<")
	for _, g := range groups {
		m := g.metrics
		em := func(v int) string { return pdfNum(m.Em(v)) }
		name := "/" + g.name()
		file := f.Add(pdfobj.NewStream(fmt.Sprintf("<</Length1 %d /Length %d /Filter /FlateDecode>>", len(g.program), len(g.packed)), g.packed))
		desc := f.Add(fmt.Appendf(nil, "<</Type /FontDescriptor /FontName %s /Flags 4 /FontBBox [%s %s %s %s] /ItalicAngle %s /Ascent %s /Descent %s /CapHeight %s /StemV %d /FontFile2 %d 0 R>>",
			name, em(int(m.XMin)), em(int(m.YMin)), em(int(m.XMax)), em(int(m.YMax)), pdfNum(m.ItalicAngle), em(m.Ascender), em(m.Descender), em(m.CapHeight), m.StemV(), file))
		cid := f.Add(fmt.Appendf(nil, "<</Type /Font /Subtype /CIDFontType2 /BaseFont %s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R %s /CIDToGIDMap /Identity>>",
			name, desc, g.widths()))
		toUnicode := f.Add(pdfobj.NewStream("", toUnicodeCMap(g.text)))
		font := f.Add(fmt.Appendf(nil, "<</Type /Font /Subtype /Type0 /BaseFont %s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>",
			name, cid, toUnicode))
		fmt.Fprintf(&res, "/%s %d 0 R ", g.resource, font)
	}
	fonts := strings.TrimSpace(res.String()) + ">>"
	done := map[int]bool{}
	for i, p := range pages {
		body, err := f.Object(p)
		if err != nil {
			return err
		}
		v, err := pdfobj.DictGet(body, "Resources")
		if err != nil {
			return fmt.Errorf("page %d: %w", i+1, err)
		}
		num, ok := pdfobj.ParseRef(v)
		if !ok {
			return fmt.Errorf("page %d: /Resources is not a reference", i+1)
		}
		if done[num] {
			continue
		}
		done[num] = true
		rb, err := f.Object(num)
		if err != nil {
			return err
		}
		if rb, err = pdfobj.DictSet(rb, "Font", fonts); err != nil {
			return fmt.Errorf("resources of page %d: %w", i+1, err)
		}
		f.Replace(num, rb)
	}
	return nil
}

// widths returns the font's /DW and /W entries: the advance of each code in
// thousandths of an em, with the most common one as the default.
func (g *fontGroup) widths() string {
	codes := make([]int, 0, len(g.advance))
	count := map[uint16]int{}
	for c, a := range g.advance {
		codes = append(codes, int(c))
		count[a]++
	}
	slices.Sort(codes)
	var dw uint16
	for a, n := range count {
		if n > count[dw] || n == count[dw] && a < dw {
			dw = a
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "/DW %s /W [", pdfNum(g.width(0, dw)))
	for i := 0; i < len(codes); {
		if g.advance[uint16(codes[i])] == dw {
			i++
			continue
		}
		j := i + 1
		for j < len(codes) && codes[j] == codes[j-1]+1 && g.advance[uint16(codes[j])] != dw {
			j++
		}
		fmt.Fprintf(&b, "%d [", codes[i])
		for k := i; k < j; k++ {
			if k > i {
				b.WriteByte(' ')
			}
			b.WriteString(pdfNum(g.width(uint16(codes[k]), 0)))
		}
		b.WriteString("] ")
		i = j
	}
	return strings.TrimSpace(b.String()) + "]"
}

// width returns the advance of code in thousandths of an em, as the font's
// widths give it (advance, if not 0, instead of the code's).
func (g *fontGroup) width(code, advance uint16) float64 {
	if advance == 0 {
		advance = g.advance[code]
	}
	return math.Round(float64(advance)*1000/g.upem*100) / 100
}

// finishCatalog sets the catalog's viewer preferences and version.
func finishCatalog(f *pdfobj.File, opt finishOptions) error {
	cat, err := f.Object(f.Root())
	if err != nil {
		return fmt.Errorf("catalog: %w", err)
	}
	var prefs []string
	if opt.DisplayDocTitle {
		prefs = append(prefs, "/DisplayDocTitle true")
	}
	if opt.DuplexFlipShortEdge {
		prefs = append(prefs, "/Duplex /DuplexFlipShortEdge")
	}
	if len(prefs) > 0 {
		if cat, err = pdfobj.DictSet(cat, "ViewerPreferences", "<<"+strings.Join(prefs, " ")+">>"); err != nil {
			return fmt.Errorf("catalog: %w", err)
		}
	}
	if cat, err = pdfobj.DictSet(cat, "Version", "/1.7"); err != nil {
		return fmt.Errorf("catalog: %w", err)
	}
	f.Replace(f.Root(), cat)
	return nil
}

// toUnicodeCMap returns a ToUnicode CMap for 2-byte codes mapping each code
// in m to its text, as UTF-16BE. Runs of at least two consecutive codes within
// one 256-code block that map to consecutive single BMP characters (also
// within one 256 block) become bfrange entries, everything else bfchar
// entries; blocks hold at most 100 entries and codes are ascending.
func toUnicodeCMap(m map[uint16]string) []byte {
	codes := make([]int, 0, len(m))
	for c, s := range m {
		if s != "" {
			codes = append(codes, int(c))
		}
	}
	slices.Sort(codes)
	texts := make([]string, len(codes))
	for i, c := range codes {
		texts[i] = m[uint16(c)]
	}
	// single returns the text's only character if it is in the BMP.
	single := func(s string) (rune, bool) {
		r, n := utf8.DecodeRuneInString(s)
		return r, n == len(s) && r != utf8.RuneError && r < 0x10000
	}
	var chars, ranges []int // indexes into codes; ranges: first and last of each run
	for i := 0; i < len(codes); {
		c := codes[i]
		j := i + 1
		if r, ok := single(texts[i]); ok {
			for j < len(codes) && codes[j] == codes[j-1]+1 && codes[j]>>8 == c>>8 {
				r2, ok := single(texts[j])
				if !ok || r2 != r+rune(j-i) || r2>>8 != r>>8 {
					break
				}
				j++
			}
		}
		if j-i >= 2 {
			ranges = append(ranges, i, j-1)
		} else {
			chars = append(chars, i)
		}
		i = j
	}

	out := make([]byte, 0, 400+len(chars)*16+len(ranges)*11)
	out = append(out, "/CIDInit /ProcSet findresource begin\n"+
		"12 dict begin\n"+
		"begincmap\n"+
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"+
		"/CMapName /Adobe-Identity-UCS def\n"+
		"/CMapType 2 def\n"+
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"...)
	for k := 0; k < len(chars); k += 100 {
		block := chars[k:min(k+100, len(chars))]
		out = strconv.AppendInt(out, int64(len(block)), 10)
		out = append(out, " beginbfchar\n"...)
		for _, i := range block {
			out = appendHex16(append(out, '<'), uint16(codes[i]))
			out = append(out, "> <"...)
			for _, r := range texts[i] { // invalid UTF-8 becomes U+FFFD
				if r > 0xFFFF { // a surrogate pair
					r1, r2 := utf16.EncodeRune(r)
					out = appendHex16(appendHex16(out, uint16(r1)), uint16(r2))
				} else {
					out = appendHex16(out, uint16(r))
				}
			}
			out = append(out, ">\n"...)
		}
		out = append(out, "endbfchar\n"...)
	}
	for k := 0; k < len(ranges); k += 200 {
		block := ranges[k:min(k+200, len(ranges))]
		out = strconv.AppendInt(out, int64(len(block)/2), 10)
		out = append(out, " beginbfrange\n"...)
		for p := 0; p < len(block); p += 2 {
			r, _ := single(texts[block[p]])
			out = appendHex16(append(out, '<'), uint16(codes[block[p]]))
			out = appendHex16(append(out, "> <"...), uint16(codes[block[p+1]]))
			out = appendHex16(append(out, "> <"...), uint16(r))
			out = append(out, ">\n"...)
		}
		out = append(out, "endbfrange\n"...)
	}
	return append(out, "endcmap\n"+
		"CMapName currentdict /CMap defineresource pop\n"+
		"end\n"+
		"end\n"...)
}

// appendHex16 appends v as four upper-case hex digits.
func appendHex16(b []byte, v uint16) []byte {
	const digits = "0123456789ABCDEF"
	return append(b, digits[v>>12], digits[v>>8&15], digits[v>>4&15], digits[v&15])
}
