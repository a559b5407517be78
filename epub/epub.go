// SPDX-License-Identifier: MIT

package epub

import (
	"archive/zip"
	"bytes"
	"crypto/sha1"
	"fmt"
	"hash/crc32"
	"html"
	"path"
	"strings"
	"time"

	"leaflet/content"
	"leaflet/web"
)

// ConformsTo is the book's conformance claim, as EPUB Accessibility 1.1
// writes it.
const ConformsTo = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"

// file is one file of the book, by its path in the container.
type file struct {
	name string
	data []byte
}

// Book returns the EPUB of a document, dated date (the leaflet's published
// date when zero). Its parts are the leaflet (leaflet.xhtml) and the easy
// read (easy-read.xhtml), whose pictures are inline SVG and the leaflet's
// own images beside them; the navigation document lists both parts and
// their headings. A part the document cannot make is an error, and there
// is no book then.
func Book(doc *content.Document, date time.Time) ([]byte, content.Diagnostics) {
	if date.IsZero() {
		date = doc.Published
	}
	date = date.UTC()
	var ds content.Diagnostics
	opt := web.Options{XHTML: true, Stylesheet: "style.css"}
	main, pds := web.PageWith(doc, opt)
	ds = append(ds, pds...)
	parts := []part{{id: "leaflet", href: "leaflet.xhtml", title: doc.Title, data: main, outline: web.Outline(doc)}}
	var images []file
	if doc.EasyRead != nil {
		names := map[string]string{}
		opt.Image = func(f string) string {
			if n, ok := names[f]; ok {
				return n
			}
			n := fmt.Sprintf("images/picture-%d%s", len(names)+1, path.Ext(f))
			names[f] = n
			return n
		}
		er, eds := web.EasyReadWith(doc, opt)
		ds = append(ds, eds...)
		parts = append(parts, part{id: "easy-read", href: "easy-read.xhtml", title: doc.EasyRead.Label.String(), data: er, svg: bytes.Contains(er, []byte("<svg")), outline: web.EasyReadOutline(doc)})
		images = easyReadImages(doc, names)
	}
	if ds.HasErrors() {
		return nil, ds
	}
	files := []file{
		{"META-INF/container.xml", []byte(container)},
		{"EPUB/package.opf", packageDoc(doc, date, parts, images)},
		{"EPUB/nav.xhtml", navDoc(doc, parts)},
		{"EPUB/style.css", []byte(web.Stylesheet)},
	}
	for _, p := range parts {
		files = append(files, file{"EPUB/" + p.href, p.data})
	}
	for _, f := range images {
		files = append(files, file{"EPUB/" + f.name, f.data})
	}
	data, err := pack(files, date)
	if err != nil {
		ds.Errorf(content.Pos{File: doc.File}, "%s epub: %v", doc.Lang, err)
		return nil, ds
	}
	return data, ds
}

// part is one content document of the book.
type part struct {
	id, href, title string
	data            []byte
	svg             bool // it holds inline SVG (the manifest says so)
	outline         []web.Heading
}

// easyReadImages returns the leaflet's own pictures of the easy read by
// the names the pages gave them.
func easyReadImages(doc *content.Document, names map[string]string) []file {
	var out []file
	seen := map[string]bool{}
	add := func(p content.DocPicture) {
		if p.Image == nil || seen[p.File] || names[p.File] == "" {
			return
		}
		seen[p.File] = true
		out = append(out, file{names[p.File], p.Image.Data})
	}
	if c := doc.EasyRead.Cover; c != nil {
		add(*c)
	}
	for _, s := range doc.EasyRead.Sections {
		for _, p := range s.Points {
			add(p.Picture)
		}
	}
	return out
}

const container = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
`

// esc escapes text for XML.
func esc(s string) string { return html.EscapeString(s) }

// dir returns a language's direction.
func dir(lang string) string {
	if content.IsRTL(lang) {
		return "rtl"
	}
	return "ltr"
}

// identifier returns the book's identifier: a name-based UUID (RFC 9562
// version 5) of the leaflet, language and date, the same for the same
// edition.
func identifier(doc *content.Document, date time.Time) string {
	ns := []byte("leaflet epub\x00")
	id := ""
	if doc.Leaflet != nil {
		id = doc.Leaflet.ID
	}
	h := sha1.Sum(append(ns, []byte(id+"\x00"+doc.Lang+"\x00"+date.Format(time.DateOnly))...))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// packageDoc returns the package document: the metadata, with the
// accessibility metadata, the manifest and the spine.
func packageDoc(doc *content.Document, date time.Time, parts []part, images []file) []byte {
	var b strings.Builder
	lang := doc.Lang
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="%s" dir="%s">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="uid">%s</dc:identifier>
<dc:title>%s</dc:title>
<dc:language>%s</dc:language>
`, esc(lang), dir(lang), identifier(doc, date), esc(doc.Title), esc(lang))
	if doc.Org.Name != "" {
		src := esc(doc.SourceLang)
		fmt.Fprintf(&b, "<dc:creator xml:lang=\"%s\">%s</dc:creator>\n<dc:publisher xml:lang=\"%s\">%s</dc:publisher>\n", src, esc(doc.Org.Name), src, esc(doc.Org.Name))
	}
	if doc.Subtitle != "" {
		fmt.Fprintf(&b, "<dc:description>%s</dc:description>\n", esc(doc.Subtitle))
	}
	fmt.Fprintf(&b, "<dc:date>%s</dc:date>\n", date.Format(time.DateOnly))
	fmt.Fprintf(&b, "<meta property=\"dcterms:modified\">%s</meta>\n", date.Format("2006-01-02T15:04:05Z"))
	// EPUB Accessibility 1.1: how the book can be read, what helps, what
	// may harm, in a sentence, and the claim
	pictures := len(parts) > 1
	modes := []string{"textual"}
	features := []string{"structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"}
	if pictures {
		modes = append(modes, "visual")
		features = append(features, "alternativeText")
	}
	for _, m := range modes {
		fmt.Fprintf(&b, "<meta property=\"schema:accessMode\">%s</meta>\n", m)
	}
	fmt.Fprintf(&b, "<meta property=\"schema:accessModeSufficient\">textual</meta>\n")
	for _, f := range features {
		fmt.Fprintf(&b, "<meta property=\"schema:accessibilityFeature\">%s</meta>\n", f)
	}
	fmt.Fprintf(&b, "<meta property=\"schema:accessibilityHazard\">none</meta>\n")
	fmt.Fprintf(&b, "<meta property=\"schema:accessibilitySummary\" xml:lang=\"en\">%s</meta>\n", esc(summary(pictures)))
	fmt.Fprintf(&b, "<meta property=\"dcterms:conformsTo\">%s</meta>\n", ConformsTo)
	if doc.Org.Name != "" {
		fmt.Fprintf(&b, "<meta property=\"a11y:certifiedBy\">%s</meta>\n", esc(doc.Org.Name))
	}
	b.WriteString("</metadata>\n<manifest>\n")
	b.WriteString(`<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>` + "\n")
	b.WriteString(`<item id="style" href="style.css" media-type="text/css"/>` + "\n")
	for _, p := range parts {
		props := ""
		if p.svg {
			props = ` properties="svg"`
		}
		fmt.Fprintf(&b, "<item id=\"%s\" href=\"%s\" media-type=\"application/xhtml+xml\"%s/>\n", p.id, p.href, props)
	}
	for i, f := range images {
		fmt.Fprintf(&b, "<item id=\"picture-%d\" href=\"%s\" media-type=\"%s\"/>\n", i+1, esc(f.name), mediaType(f.name))
	}
	b.WriteString("</manifest>\n")
	progression := ""
	if content.IsRTL(lang) {
		progression = ` page-progression-direction="rtl"`
	}
	fmt.Fprintf(&b, "<spine%s>\n", progression)
	for _, p := range parts {
		fmt.Fprintf(&b, "<itemref idref=\"%s\"/>\n", p.id)
	}
	b.WriteString("</spine>\n</package>\n")
	return []byte(b.String())
}

// summary returns the accessibility summary.
func summary(pictures bool) string {
	s := "This publication meets WCAG 2.2 Level AA. It is one reflowable text with headings in order, real lists and a table of contents; its language and direction are marked, and so is each passage in another language."
	if pictures {
		s += " The easy read's pictures each have alternative text that says what they show; every point is also told in words."
	}
	return s + " It has no sound, video, flashing or motion."
}

func mediaType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".png":
		return "image/png"
	}
	return "image/jpeg"
}

// navDoc returns the navigation document: the table of contents, every
// part with its headings, and the landmarks.
func navDoc(doc *content.Document, parts []part) []byte {
	var b strings.Builder
	lang := doc.Lang
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="%[1]s" xml:lang="%[1]s" dir="%[2]s">
<head>
<meta charset="utf-8" />
<title>%[3]s</title>
<link rel="stylesheet" href="style.css" />
</head>
<body>
<main>
<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">
<h1 id="toc-title">%[3]s</h1>
<ol>
`, esc(lang), dir(lang), esc(doc.Title))
	for _, p := range parts {
		fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a>", p.href, esc(p.title))
		var sub []web.Heading
		for _, h := range p.outline {
			if h.Level == 2 {
				sub = append(sub, h)
			}
		}
		if len(sub) > 0 {
			b.WriteString("<ol>")
			for _, h := range sub {
				fmt.Fprintf(&b, "<li><a href=\"%s#%s\">%s</a></li>", p.href, h.ID, esc(h.Text))
			}
			b.WriteString("</ol>")
		}
		b.WriteString("</li>\n")
	}
	fmt.Fprintf(&b, `</ol>
</nav>
<nav epub:type="landmarks" hidden="hidden" aria-labelledby="landmarks-title">
<h2 id="landmarks-title">%s</h2>
<ol>
<li><a epub:type="bodymatter" href="%s">%s</a></li>
</ol>
</nav>
</main>
</body>
</html>
`, esc(doc.Title), parts[0].href, esc(parts[0].title))
	return []byte(b.String())
}

// pack writes the container: the mimetype first, stored, with no extra
// field; then the files in order, compressed, all at the same time.
func pack(files []file, date time.Time) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	mt := []byte("application/epub+zip")
	h := &zip.FileHeader{Name: "mimetype", Method: zip.Store, CRC32: crc32.ChecksumIEEE(mt),
		CompressedSize64: uint64(len(mt)), UncompressedSize64: uint64(len(mt))}
	// the mimetype entry takes no extra field (OCF), which Modified
	// would add: its time goes in the MS-DOS fields
	h.ModifiedDate, h.ModifiedTime = dosTime(date) //lint:ignore SA1019 the mimetype entry must have no extra field
	w, err := zw.CreateRaw(h)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(mt); err != nil {
		return nil, err
	}
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: date})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// dosTime returns a time as the MS-DOS date and time of a zip entry,
// from 1980 on, to two seconds.
func dosTime(t time.Time) (date, tm uint16) {
	if t.Year() < 1980 {
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	tm = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, tm
}
