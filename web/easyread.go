// SPDX-License-Identifier: MIT

package web

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"leaflet/content"
	"leaflet/pictures"
)

// EasyRead returns the easy read's web page: its title and label, the
// cover picture and the draft notice, then every section's points, each
// point's picture beside its sentences — a built-in picture as inline SVG
// (role="img", its alt text as its title and label), a leaflet's own PNG
// or JPEG as an image of data with its alt text. The offer in other
// languages names each language in its own language and direction. A
// document without an easy read, and a picture without alt text, are
// errors, at the leaflet and at the point.
func EasyRead(doc *content.Document) ([]byte, content.Diagnostics) {
	return EasyReadWith(doc, Options{})
}

// EasyReadWith is EasyRead with options.
func EasyReadWith(doc *content.Document, opt Options) ([]byte, content.Diagnostics) {
	var ds content.Diagnostics
	er := doc.EasyRead
	if er == nil {
		d := ds.Errorf(content.Pos{File: doc.File}, "the leaflet has no easy read: no easy-read page")
		d.Hint = "add an [easy_read] table; see docs/formats.md"
		return nil, ds
	}
	w := &writer{xhtml: opt.XHTML, image: opt.Image}
	title := doc.Title
	if label := er.Label.String(); label != "" {
		title += " – " + label
	}
	w.head(doc.Lang, title, "", opt)
	w.WriteString("<body class=\"easy-read\">\n")
	w.banner(doc)
	w.WriteString("<main>\n")
	w.elem("h1", doc.Title, "id", "title")
	w.WriteString("\n")
	w.para("p", er.Label, doc.Lang, "class", "subtitle")
	w.WriteString("\n")
	if er.Cover != nil {
		w.picture(*er.Cover, "er-cover", doc.Lang, &ds, "the easy read's cover")
		w.WriteString("\n")
	}
	w.draft(doc)
	offered := false
	for i, s := range er.Sections {
		w.openSection(doc, s.Heading, fmt.Sprintf("e%d", i+1))
		for _, p := range s.Points {
			offered = offered || p.Offer
			w.point(doc, p, &ds)
		}
		w.WriteString("</section>\n")
	}
	if !offered { // the tri-fold's offer, after the last section
		var ds2 content.Diagnostics
		if p := plan(doc, &ds2); len(p.offers) > 0 {
			w.offers(doc, p.langHeading, p.offers, "languages")
		}
	}
	w.WriteString("</main>\n</body>\n</html>\n")
	if ds.HasErrors() {
		return nil, ds
	}
	return []byte(w.String()), ds
}

// EasyReadOutline returns the headings of the easy read's page, in order,
// with the ids of their elements.
func EasyReadOutline(doc *content.Document) []Heading {
	if doc.EasyRead == nil {
		return nil
	}
	out := []Heading{{Level: 1, ID: "title", Text: doc.Title}}
	for i, s := range doc.EasyRead.Sections {
		if s.Heading != nil {
			out = append(out, Heading{Level: 2, ID: fmt.Sprintf("e%d", i+1), Text: s.Heading.String()})
		}
	}
	return out
}

// point writes an easy-read point: its picture, then its sentences; the
// offer in other languages names the languages after its first sentence.
func (w *writer) point(doc *content.Document, p content.DocPoint, ds *content.Diagnostics) {
	w.WriteString(`<div class="point">`)
	w.picture(p.Picture, "", doc.Lang, ds, "this point")
	w.WriteString("<div>")
	for i, t := range p.Texts {
		w.para("p", t, doc.Lang)
		if i == 0 && p.Offer && len(p.Offers) > 0 {
			w.offerList(doc, p.Offers)
		}
	}
	if len(p.Texts) == 0 && p.Offer && len(p.Offers) > 0 {
		w.offerList(doc, p.Offers)
	}
	w.WriteString("</div></div>\n")
}

// picture writes a picture with its alt text: a built-in one as inline
// SVG, a leaflet's own image as an img of data. A picture without alt
// text, or one that cannot be read, is an error at its place (what names
// it).
func (w *writer) picture(pic content.DocPicture, class, lang string, ds *content.Diagnostics, what string) {
	alt := strings.TrimSpace(pic.Alt)
	if alt == "" {
		name := firstOf(pic.Name, pic.File)
		d := ds.Errorf(pic.Pos, "language %s: the picture %q of %s has no alt text", lang, name, what)
		d.Hint = "a reader who cannot see the picture is told what it shows: give the picture's alt message words in every language"
		return
	}
	if pic.Image != nil {
		src := "data:image/" + pic.Image.Format + ";base64," + base64.StdEncoding.EncodeToString(pic.Image.Data)
		if w.image != nil {
			src = w.image(pic.File)
		}
		w.void("img", "src", src, "alt", alt, "class", class,
			"width", strconv.Itoa(pic.Image.Width), "height", strconv.Itoa(pic.Image.Height))
		return
	}
	v, err := pictures.Lookup(pic.Name)
	if err != nil {
		ds.Errorf(pic.Pos, "the picture of %s: %v", what, err)
		return
	}
	w.svg(v, alt, class)
}

// svg writes a picture as inline SVG in the text's colour, an image
// labelled with its alt text.
func (w *writer) svg(v *pictures.Vector, alt, class string) {
	vb := v.ViewBox
	w.open("svg", "xmlns", "http://www.w3.org/2000/svg", "viewBox", fmt.Sprintf("%s %s %s %s", num(vb[0]), num(vb[1]), num(vb[2]), num(vb[3])),
		"role", "img", "aria-label", alt, "class", class, "focusable", "false")
	w.elem("title", alt)
	w.WriteString(`<g fill="currentColor">`)
	for _, p := range v.Paths {
		var d strings.Builder
		for _, s := range p.Segments {
			switch s.Op {
			case 'M', 'L':
				fmt.Fprintf(&d, "%c%s %s", s.Op, num(s.P[0].X), num(s.P[0].Y))
			case 'C':
				fmt.Fprintf(&d, "C%s %s %s %s %s %s", num(s.P[0].X), num(s.P[0].Y), num(s.P[1].X), num(s.P[1].Y), num(s.P[2].X), num(s.P[2].Y))
			case 'Z':
				d.WriteString("Z")
			}
		}
		rule := ""
		if p.EvenOdd {
			rule = "evenodd"
		}
		w.WriteString("<path")
		w.attrs([]string{"d", d.String(), "fill-rule", rule})
		w.WriteString("/>") // foreign content: closed in HTML too
	}
	w.WriteString("</g></svg>")
}

// num writes a coordinate with at most one decimal: a tenth of a unit
// of a 48-unit picture is under a fifth of a pixel at its size.
func num(f float64) string {
	return strconv.FormatFloat(float64(int64(f*10+copySign(0.5, f)))/10, 'f', -1, 64)
}

func copySign(x, y float64) float64 {
	if y < 0 {
		return -x
	}
	return x
}
