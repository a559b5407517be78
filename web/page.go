// SPDX-License-Identifier: MIT

package web

import (
	"fmt"

	"leaflet/content"
)

// Options change how a page is written.
type Options struct {
	// XHTML writes the page as an EPUB's XHTML content document: XML
	// syntax with its declaration, the XHTML and EPUB namespaces and
	// xml:lang beside lang.
	XHTML bool
	// Stylesheet, when set, links the page to that stylesheet instead of
	// holding its own (an EPUB shares one: Stylesheet).
	Stylesheet string
	// Image, when set, returns the address of a leaflet's own picture
	// (by its file name, content.DocPicture.File) instead of holding the
	// image as data.
	Image func(file string) string
}

// Heading is one heading of a page, for a table of contents: its level
// (1 for the title), its text and the id of its element.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Page returns the web page of a document: one self-contained HTML file
// in the document's language and direction. It opens with the title, the
// cover's other blocks and the draft notice where the translation is a
// draft; the sections follow in reading order, then how to get in touch
// (the back's sections, the contact details as an address, the web
// address added when no text gives it) and last the offer in other
// languages, each line in its own language and direction, with the phone
// number and email address once under it — the order of the screen
// edition.
func Page(doc *content.Document) ([]byte, content.Diagnostics) {
	return PageWith(doc, Options{})
}

// PageWith is Page with options.
func PageWith(doc *content.Document, opt Options) ([]byte, content.Diagnostics) {
	var ds content.Diagnostics
	p := plan(doc, &ds)
	w := &writer{xhtml: opt.XHTML}
	title := doc.Title
	if doc.Org.ShortName != "" || doc.Org.Name != "" {
		title += " – " + firstOf(doc.Org.ShortName, doc.Org.Name)
	}
	w.head(doc.Lang, title, doc.Subtitle, opt)
	w.WriteString("<body>\n")
	w.banner(doc)
	w.WriteString("<main>\n")
	w.cover(doc, p.cover)
	w.draft(doc)
	for i, s := range p.sections {
		w.section(doc, s, p.ids[i])
	}
	if len(p.offers) > 0 {
		w.offers(doc, p.langHeading, p.offers, p.langID)
	}
	w.WriteString("</main>\n</body>\n</html>\n")
	return []byte(w.String()), ds
}

// Outline returns the headings of a document's page (Page), in order, with
// the ids of their elements.
func Outline(doc *content.Document) []Heading {
	var ds content.Diagnostics
	p := plan(doc, &ds)
	out := []Heading{{Level: 1, ID: "title", Text: doc.Title}}
	for i, s := range p.sections {
		if s.Heading != nil {
			out = append(out, Heading{Level: 2, ID: p.ids[i], Text: s.Heading.String()})
		}
	}
	if len(p.offers) > 0 && p.langHeading != nil {
		out = append(out, Heading{Level: 2, ID: p.langID, Text: p.langHeading.String()})
	}
	return out
}

// pagePlan is a document's sections in the page's order: the cover's
// blocks, the sections of text (inside, then flap) and those of the back,
// without their languages blocks, each with the id of its heading; the
// languages blocks' lines and their heading last.
type pagePlan struct {
	cover       []content.DocBlock
	sections    []content.DocSection
	ids         []string
	offers      []content.Offer
	langHeading *content.Text
	langID      string
}

// plan orders a document's sections for its page, as the screen edition
// does (content.Linear: the web address among the contact details).
func plan(doc *content.Document, ds *content.Diagnostics) pagePlan {
	lin := doc.Linear()
	p := pagePlan{cover: lin.Cover, sections: append(lin.Text, lin.Back...), langHeading: lin.LanguagesHeading}
	for _, b := range lin.Languages {
		p.offers = append(p.offers, b.Offers...)
	}
	for i := range p.sections {
		p.ids = append(p.ids, fmt.Sprintf("s%d", i+1))
	}
	if len(p.offers) > 0 && p.langHeading == nil {
		if t, err := doc.LanguagesHeading(); err == nil {
			p.langHeading = &t
		} else {
			d := ds.Warnf(content.Pos{File: doc.File}, "%s web page: the languages offer has no heading: %v", doc.Lang, err)
			d.Hint = "give the languages block's section a heading, e.g. heading = \"languages.heading\" (\"Other languages\")"
		}
	}
	p.langID = "languages"
	return p
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// head writes the document's start: the root element with its language
// and direction, and the head with its title, description and stylesheet.
func (w *writer) head(lang, title, description string, opt Options) {
	if w.xhtml {
		w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<!DOCTYPE html>\n")
		w.open("html", "xmlns", "http://www.w3.org/1999/xhtml", "xmlns:epub", "http://www.idpf.org/2007/ops", "lang", lang, "xml:lang", lang, "dir", dir(lang))
	} else {
		w.WriteString("<!DOCTYPE html>\n")
		w.open("html", "lang", lang, "dir", dir(lang))
	}
	w.WriteString("\n<head>\n")
	w.void("meta", "charset", "utf-8")
	w.WriteString("\n")
	if !w.xhtml {
		w.void("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
		w.WriteString("\n")
		w.void("meta", "name", "color-scheme", "content", "light dark")
		w.WriteString("\n")
	}
	w.elem("title", title)
	w.WriteString("\n")
	if description != "" {
		w.void("meta", "name", "description", "content", description)
		w.WriteString("\n")
	}
	if opt.Stylesheet != "" {
		w.void("link", "rel", "stylesheet", "href", opt.Stylesheet)
	} else {
		w.open("style")
		w.WriteString(Stylesheet)
		w.close("style")
	}
	w.WriteString("\n</head>\n")
}

// banner writes the page's banner: the organisation's name, in the
// language it is written in.
func (w *writer) banner(doc *content.Document) {
	if doc.Org.Name == "" {
		return
	}
	w.WriteString("<header>")
	w.open("p", append([]string{"class", "org"}, w.langAttrs(doc.SourceLang, doc.Lang)...)...)
	w.text(doc.Org.Name)
	w.close("p")
	w.WriteString("</header>\n")
}

// cover writes the cover's blocks: the title as the page's one h1, the
// subtitle, who the leaflet is for and the call to action.
func (w *writer) cover(doc *content.Document, blocks []content.DocBlock) {
	for _, b := range blocks {
		switch b.Kind {
		case content.Title:
			w.para("h1", b.Texts[0], doc.Lang, "id", "title")
		case content.Subtitle:
			w.para("p", b.Texts[0], doc.Lang, "class", "subtitle")
		case content.Audience:
			w.para("p", b.Texts[0], doc.Lang, "class", "audience")
		case content.Action:
			w.para("p", b.Texts[0], doc.Lang, "class", "action")
		default:
			w.block(doc, b)
		}
		w.WriteString("\n")
	}
}

// draft writes the notice of a draft translation: in the document's
// language, strong, then in the source language.
func (w *writer) draft(doc *content.Document) {
	if len(doc.Draft) == 0 {
		return
	}
	w.WriteString(`<div class="notice" role="note">`)
	for i, t := range doc.Draft {
		if i == 0 {
			t = strongText(t)
		}
		w.para("p", t, doc.Lang)
	}
	w.WriteString("</div>\n")
}

// strongText returns a text with every run strong.
func strongText(t content.Text) content.Text {
	runs := make([]content.Run, len(t.Runs))
	for i, r := range t.Runs {
		r.Strong = true
		runs[i] = r
	}
	t.Runs = runs
	return t
}

// openSection opens a section, labelled by its heading (with the id
// given) when it has one.
func (w *writer) openSection(doc *content.Document, heading *content.Text, id string) {
	if heading == nil {
		w.WriteString("<section>\n")
		return
	}
	w.open("section", "aria-labelledby", id)
	w.WriteString("\n")
	w.para("h2", *heading, doc.Lang, "id", id)
	w.WriteString("\n")
}

// section writes a section: its heading, with the id given, and blocks.
func (w *writer) section(doc *content.Document, s content.DocSection, id string) {
	w.openSection(doc, s.Heading, id)
	for _, b := range s.Blocks {
		w.block(doc, b)
		w.WriteString("\n")
	}
	w.WriteString("</section>\n")
}

// block writes a block of a section: a paragraph, a list, a quotation
// with its source, the contact details as an address.
func (w *writer) block(doc *content.Document, b content.DocBlock) {
	lang := doc.Lang
	switch b.Kind {
	case content.List:
		w.WriteString("<ul>")
		for _, t := range b.Texts {
			w.para("li", t, lang)
		}
		w.WriteString("</ul>")
	case content.Quote:
		w.WriteString(`<figure class="quote"><blockquote>`)
		for _, t := range b.Texts {
			w.para("p", t, lang)
		}
		w.WriteString("</blockquote>")
		if b.Source != nil {
			w.WriteString("<figcaption>")
			w.para("cite", *b.Source, lang)
			w.WriteString("</figcaption>")
		}
		w.WriteString("</figure>")
	case content.Contact:
		w.WriteString("<address>")
		for _, t := range b.Texts {
			w.para("p", t, lang)
		}
		w.WriteString("</address>")
	case content.Languages:
		w.offerList(doc, b.Offers)
	default:
		for _, t := range b.Texts {
			w.para("p", t, lang)
		}
	}
}

// offers writes the offer of the leaflet in other languages under its
// heading, then the phone number and email address to ask on.
func (w *writer) offers(doc *content.Document, heading *content.Text, offers []content.Offer, id string) {
	if heading != nil {
		w.open("section", "aria-labelledby", id, "class", "languages")
		w.WriteString("\n")
		w.para("h2", *heading, doc.Lang, "id", id)
	} else {
		w.open("section", "class", "languages")
	}
	w.WriteString("\n")
	w.offerList(doc, offers)
	w.WriteString("\n")
	org := doc.Org
	if org.Phone != "" || org.Email != "" {
		w.WriteString(`<p class="reach">`)
		if org.Phone != "" {
			w.runs(content.Text{Runs: []content.Run{{Text: org.Phone, Link: content.TelLink(org.Phone), NoBreak: true}}}, doc.Lang)
		}
		if org.Phone != "" && org.Email != "" {
			w.WriteString(" ")
		}
		if org.Email != "" {
			w.open("a", "href", "mailto:"+org.Email)
			w.text(org.Email)
			w.close("a")
		}
		w.WriteString("</p>\n")
	}
	w.WriteString("</section>\n")
}

// offerList writes the lines of a languages offer, each in its own
// language and direction.
func (w *writer) offerList(doc *content.Document, offers []content.Offer) {
	w.WriteString(`<ul class="offers">`)
	for _, o := range offers {
		a := []string{"lang", o.Lang, "dir", dir(o.Lang)}
		if w.xhtml {
			a = append(a, "xml:lang", o.Lang)
		}
		w.open("li", a...)
		w.runs(o.Text, o.Lang)
		w.close("li")
	}
	w.WriteString("</ul>")
}
