// SPDX-License-Identifier: MIT

package epub

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"leaflet/content"
)

func builtin(t testing.TB) *content.Leaflet {
	t.Helper()
	l, ds := content.Load(content.Builtin(), "", content.DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return l
}

func book(t testing.TB, l *content.Leaflet, lang string) []byte {
	t.Helper()
	doc, ds := l.Localize(lang)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	data, ds := Book(doc, time.Time{})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return data
}

// files returns the book's files by name, and their names in order.
func files(t *testing.T, data []byte) (map[string]string, []string, *zip.Reader) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	var names []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = string(b)
		names = append(names, f.Name)
	}
	return out, names, zr
}

func TestBookIsReproducibleWithTheMimetypeFirstAndStored(t *testing.T) {
	l := builtin(t)
	a, b := book(t, l, "ur"), book(t, l, "ur")
	if !bytes.Equal(a, b) {
		t.Fatal("two books of the same document differ")
	}
	// the mimetype: the first local header, stored, no extra field, its
	// text at byte 38 (OCF)
	if string(a[30:38]) != "mimetype" || binary.LittleEndian.Uint16(a[8:]) != 0 || binary.LittleEndian.Uint16(a[28:]) != 0 || string(a[38:58]) != "application/epub+zip" {
		t.Errorf("the book does not open with the mimetype stored without an extra field: % x", a[:64])
	}
	_, names, zr := files(t, a)
	want := "mimetype META-INF/container.xml EPUB/package.opf EPUB/nav.xhtml EPUB/style.css EPUB/leaflet.xhtml EPUB/easy-read.xhtml"
	if strings.Join(names, " ") != want {
		t.Errorf("files %q; want %q", strings.Join(names, " "), want)
	}
	day := l.Published.UTC()
	for _, f := range zr.File {
		if !f.Modified.Equal(day) {
			t.Errorf("%s is dated %v; want %v", f.Name, f.Modified, day)
		}
	}
}

func TestBookHasLanguageNavigationAndAccessibilityMetadata(t *testing.T) {
	l := builtin(t)
	fs, _, _ := files(t, book(t, l, "ur"))
	opf := fs["EPUB/package.opf"]
	for _, want := range []string{
		`xml:lang="ur" dir="rtl"`, "<dc:language>ur</dc:language>", `<dc:creator xml:lang="en">Northamptonshire Safeguarding Children Board</dc:creator>`,
		`<meta property="schema:accessMode">textual</meta>`, `<meta property="schema:accessMode">visual</meta>`,
		`<meta property="schema:accessibilityFeature">alternativeText</meta>`, `<meta property="schema:accessibilityFeature">tableOfContents</meta>`,
		`<meta property="schema:accessibilityHazard">none</meta>`, `<meta property="schema:accessibilitySummary" xml:lang="en">`,
		`<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>`,
		`<meta property="dcterms:modified">2026-11-27T00:00:00Z</meta>`,
		`properties="nav"`, `<item id="easy-read" href="easy-read.xhtml" media-type="application/xhtml+xml" properties="svg"/>`,
		`<spine page-progression-direction="rtl">`,
	} {
		if !strings.Contains(opf, want) {
			t.Errorf("the package document lacks %s", want)
		}
	}
	nav := fs["EPUB/nav.xhtml"]
	for _, want := range []string{`epub:type="toc"`, `<a href="leaflet.xhtml#s1">`, `<a href="easy-read.xhtml#e1">`, `lang="ur" xml:lang="ur" dir="rtl"`} {
		if !strings.Contains(nav, want) {
			t.Errorf("the navigation document lacks %s", want)
		}
	}
	for name, text := range fs {
		if strings.HasSuffix(name, ".xhtml") || strings.HasSuffix(name, ".opf") || strings.HasSuffix(name, ".xml") {
			d := xml.NewDecoder(strings.NewReader(text))
			for {
				_, err := d.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Errorf("%s is not well-formed: %v", name, err)
					break
				}
			}
		}
	}
	if !strings.Contains(fs["EPUB/leaflet.xhtml"], `<link rel="stylesheet" href="style.css" />`) {
		t.Error("the leaflet's part does not use the book's stylesheet")
	}
}

func TestBookOfALeafletWithoutAnEasyReadHasOnePart(t *testing.T) {
	l := builtin(t)
	l.EasyRead = nil
	fs, names, _ := files(t, book(t, l, "en"))
	if strings.Contains(strings.Join(names, " "), "easy-read") {
		t.Errorf("files %v; want no easy read", names)
	}
	opf := fs["EPUB/package.opf"]
	if strings.Contains(opf, "visual") || strings.Contains(opf, "alternativeText") {
		t.Error("a book without pictures says it has them")
	}
}
