// SPDX-License-Identifier: MIT

package web

import (
	"fmt"
	"html"
	"strings"

	"leaflet/content"
)

// writer writes markup that is both HTML and XHTML: every element closed
// or written as a void element, every attribute quoted, text and
// attributes escaped (&, <, >, " and ').
type writer struct {
	strings.Builder
	xhtml bool
	// image returns the address of a leaflet's own picture (Options.Image)
	image func(file string) string
}

// esc returns s escaped for text or an attribute value, without the
// characters XML forbids (C0 controls but tab and newline).
func esc(s string) string {
	s = strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\t' && r != '\n') || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s)
	return html.EscapeString(s)
}

// open writes a start tag with attributes given as name, value pairs; an
// empty value leaves its attribute out.
func (w *writer) open(tag string, attrs ...string) {
	w.WriteString("<" + tag)
	w.attrs(attrs)
	w.WriteString(">")
}

func (w *writer) attrs(attrs []string) {
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] == "" {
			continue
		}
		fmt.Fprintf(w, ` %s="%s"`, attrs[i], esc(attrs[i+1]))
	}
}

// void writes an element without content: <br /> in XHTML, <br> in HTML.
func (w *writer) void(tag string, attrs ...string) {
	w.WriteString("<" + tag)
	w.attrs(attrs)
	if w.xhtml {
		w.WriteString(" />")
		return
	}
	w.WriteString(">")
}

func (w *writer) close(tag string) { w.WriteString("</" + tag + ">") }

// text writes escaped text.
func (w *writer) text(s string) { w.WriteString(esc(s)) }

// elem writes an element holding escaped text.
func (w *writer) elem(tag, text string, attrs ...string) {
	w.open(tag, attrs...)
	w.text(text)
	w.close(tag)
}

// langAttrs returns the lang and dir attributes of a text in lang inside
// a document in doc (nothing when they are the same); in XHTML with
// xml:lang as well.
func (w *writer) langAttrs(lang, doc string) []string {
	if lang == "" || lang == doc {
		return nil
	}
	a := []string{"lang", lang, "dir", dir(lang)}
	if w.xhtml {
		a = append(a, "xml:lang", lang)
	}
	return a
}

// dir returns a language's direction, "rtl" or "ltr".
func dir(lang string) string {
	if content.IsRTL(lang) {
		return "rtl"
	}
	return "ltr"
}

// runs writes a text's runs as inline markup: strong text as <strong>,
// links as <a>, a forced line break as <br>, the organisation's facts in
// the source language with their lang and dir, the marker of a passage in
// the source language as a span of its own. lang is the language of the
// element the runs are in.
func (w *writer) runs(t content.Text, lang string) {
	for _, r := range t.Runs {
		var closers []string
		if a := w.langAttrs(r.Lang, lang); a != nil {
			w.open("span", a...)
			closers = append(closers, "span")
		}
		if r.Marker {
			w.open("span", "class", "marker")
			closers = append(closers, "span")
		}
		if r.Strong {
			w.open("strong")
			closers = append(closers, "strong")
		}
		if r.Link != "" {
			// a phone number is kept on one line and, in a text written
			// right to left, reads left to right as a whole
			class, d := "", ""
			if r.NoBreak && strings.HasPrefix(r.Link, "tel:") {
				class = "nb"
				if content.IsRTL(lang) {
					d = "ltr"
				}
			}
			w.open("a", "href", r.Link, "class", class, "dir", d)
			closers = append(closers, "a")
		} else if r.NoBreak {
			w.open("span", "class", "nb")
			closers = append(closers, "span")
		}
		if strings.HasPrefix(r.Link, "tel:") && arabicDigits(r.Text) {
			// Arabic-Indic digits take the text's direction between
			// their groups (UAX #9): a phone number is overridden to read
			// left to right
			w.open("bdo", "dir", "ltr")
			closers = append(closers, "bdo")
		}
		for i, line := range strings.Split(r.Text, "\n") {
			if i > 0 {
				w.void("br")
			}
			w.text(line)
		}
		for i := len(closers) - 1; i >= 0; i-- {
			w.close(closers[i])
		}
	}
}

// arabicDigits reports whether s holds Arabic-Indic digits (U+0660 to
// U+0669), whose groups the bidi algorithm orders right to left.
func arabicDigits(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r >= 0x660 && r <= 0x669 })
}

// para writes a text as an element of tag (with attrs), its lang and dir
// when it is in another language than lang.
func (w *writer) para(tag string, t content.Text, lang string, attrs ...string) {
	w.open(tag, append(attrs, w.langAttrs(t.Lang, lang)...)...)
	w.runs(t, textLang(t, lang))
	w.close(tag)
}

// textLang returns the language of a text in a document in lang.
func textLang(t content.Text, lang string) string {
	if t.Lang != "" {
		return t.Lang
	}
	return lang
}
