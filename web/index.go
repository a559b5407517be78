// SPDX-License-Identifier: MIT

package web

import (
	"fmt"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"leaflet/content"
)

// Site is what the index of a folder of built files lists: each leaflet
// with its files.
type Site struct {
	Leaflets []SiteLeaflet
}

// SiteLeaflet is one leaflet of the index: its document in the source
// language (its title, organisation and language), the formats that have
// a file in some language, in order, and each language's files.
type SiteLeaflet struct {
	Doc     *content.Document
	Formats []string
	Langs   []SiteLang
}

// SiteLang is one language of a leaflet in the index: its tag, its own
// name and its files by format (SiteLeaflet.Formats).
type SiteLang struct {
	Lang, Name string
	Files      map[string][]SiteFile
}

// SiteFile is one built file: its name in the folder, what tells it from
// the other files of its format ("A4", "24 pt"; or ""), its kind ("PDF")
// and its size in bytes.
type SiteFile struct {
	Name, Variant, Kind string
	Size                int64
}

// Generator is the content of the index's generator meta element, by
// which a later build knows the index is its own to replace.
const Generator = "leaflet"

// Index returns the index page of a folder: per leaflet, a table of every
// language (its name in its own language and direction) by every format
// built, each file a link with its size; under it, how to ask for a
// language or format that is not there (the organisation's phone and
// email). The page is in the first leaflet's source language.
func Index(site Site) ([]byte, content.Diagnostics) {
	var ds content.Diagnostics
	w := &writer{}
	lang := "en"
	if len(site.Leaflets) > 0 {
		lang = site.Leaflets[0].Doc.Lang
	}
	w.WriteString("<!DOCTYPE html>\n")
	w.open("html", "lang", lang, "dir", dir(lang))
	w.WriteString("\n<head>\n")
	w.void("meta", "charset", "utf-8")
	w.void("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
	w.void("meta", "name", "color-scheme", "content", "light dark")
	w.void("meta", "name", "generator", "content", Generator)
	w.WriteString("\n")
	w.elem("title", "Leaflets in every language and format")
	w.open("style")
	w.WriteString(Stylesheet)
	w.close("style")
	w.WriteString("\n</head>\n<body>\n<main class=\"index\">\n")
	w.elem("h1", "Leaflets in every language and format")
	w.WriteString("\n")
	for i, l := range site.Leaflets {
		w.siteLeaflet(l, i)
	}
	w.WriteString("</main>\n</body>\n</html>\n")
	return []byte(w.String()), ds
}

// siteLeaflet writes one leaflet's table and the line on how to ask for
// what is not in it.
func (w *writer) siteLeaflet(l SiteLeaflet, n int) {
	doc := l.Doc
	id := fmt.Sprintf("leaflet-%d", n+1)
	w.open("section", "aria-labelledby", id)
	w.WriteString("\n")
	w.elem("h2", doc.Title, "id", id)
	w.WriteString("\n")
	if doc.Org.Name != "" {
		w.elem("p", doc.Org.Name, "class", "org")
		w.WriteString("\n")
	}
	w.WriteString(`<div class="table" role="region" tabindex="0"`)
	w.attrs([]string{"aria-labelledby", id})
	w.WriteString(">\n")
	w.open("table", "aria-labelledby", id)
	w.WriteString("\n<thead><tr>")
	w.elem("th", "Language", "scope", "col")
	for _, f := range l.Formats {
		w.elem("th", f, "scope", "col")
	}
	w.WriteString("</tr></thead>\n<tbody>\n")
	for _, lang := range l.Langs {
		w.WriteString("<tr>")
		w.open("th", "scope", "row")
		// the name in its own language and direction, then in the page's
		w.elem("span", lang.Name, "lang", lang.Lang, "dir", dir(lang.Lang))
		if name := displayName(lang.Lang, doc.Lang); name != "" && name != lang.Name {
			w.elem("span", name, "class", "en-name")
		}
		w.close("th")
		for _, f := range l.Formats {
			w.WriteString("<td>")
			for i, file := range lang.Files[f] {
				if i > 0 {
					w.void("br")
				}
				label := file.Kind
				if file.Variant != "" {
					label = file.Variant + ", " + file.Kind
				}
				w.open("a", "href", file.Name)
				w.text(label)
				w.close("a")
				w.WriteString(" ")
				w.elem("span", size(file.Size), "class", "size")
			}
			w.WriteString("</td>")
		}
		w.WriteString("</tr>\n")
	}
	w.WriteString("</tbody>\n</table>\n</div>\n")
	org := doc.Org
	if org.Phone != "" || org.Email != "" {
		w.WriteString(`<p class="ask">For this leaflet in a language or format that is not here, `)
		if org.Phone != "" {
			w.WriteString("call ")
			w.runs(content.Text{Runs: []content.Run{{Text: org.Phone, Link: content.TelLink(org.Phone), NoBreak: true}}}, doc.Lang)
		}
		if org.Phone != "" && org.Email != "" {
			w.WriteString(" or ")
		}
		if org.Email != "" {
			w.WriteString("email ")
			w.open("a", "href", "mailto:"+org.Email)
			w.text(org.Email)
			w.close("a")
		}
		w.WriteString(".</p>\n")
	}
	w.WriteString("</section>\n")
}

// displayName returns a language's name in the language of the page, or
// "" when it has none.
func displayName(lang, page string) string {
	t, err := language.Parse(lang)
	if err != nil {
		return ""
	}
	p, err := language.Parse(page)
	if err != nil {
		return ""
	}
	return display.Tags(p).Name(t)
}

// size returns a file size as the build's table gives it: "312 KB",
// "1.4 MB" (of 1024).
func size(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}
