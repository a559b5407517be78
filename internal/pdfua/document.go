// SPDX-License-Identifier: MIT

package pdfua

import (
	"maps"
	"regexp"
	"slices"
	"unicode"

	"golang.org/x/text/language"
)

// checkDocument checks the version, the catalog, the document information
// and the XMP metadata.
func (c *checker) checkDocument(cat map[string]any) {
	d := c.d
	version := d.version
	if v := d.name(cat["/Version"]); v != "" {
		version = v
	}
	if version < "1.7" {
		c.problem("PDF version is %q; tagged PDF/UA-1 documents are PDF 1.7", version)
	}
	if mi := d.dict(cat["/MarkInfo"]); mi == nil || !d.boolean(mi["/Marked"]) {
		c.problem("the catalog has no /MarkInfo <</Marked true>>")
	} else if d.boolean(mi["/Suspects"]) {
		c.problem("/MarkInfo /Suspects is true")
	}
	c.docLang = d.text(cat["/Lang"])
	if c.docLang == "" {
		c.problem("the catalog has no /Lang")
	} else if !validLang(c.docLang) {
		c.problem("the catalog's /Lang %q is not a language tag", c.docLang)
	}
	if vp := d.dict(cat["/ViewerPreferences"]); vp == nil || !d.boolean(vp["/DisplayDocTitle"]) {
		c.problem("/ViewerPreferences has no /DisplayDocTitle true: viewers show the file name, not the title")
	}
	if info := d.dict(d.trailer["/Info"]); info == nil || blank(d.text(info["/Title"])) {
		c.problem("the document information has no /Title")
	}
	c.checkMetadata(cat)
}

var (
	pdfuaPart = regexp.MustCompile(`pdfuaid:part(>\s*1\s*<|\s*=\s*["']1["'])`)
	dcTitle   = regexp.MustCompile(`(?s)<dc:title>.*?<rdf:li[^>]*>([^<]*)</rdf:li>`)
)

// checkMetadata checks that the XMP metadata identifies the file as PDF/UA-1
// and has a title.
func (c *checker) checkMetadata(cat map[string]any) {
	md := cat["/Metadata"]
	if c.d.resolve(md) == nil {
		c.problem("the catalog has no XMP /Metadata")
		return
	}
	xmp, err := c.d.stream(md)
	if err != nil {
		c.problem("XMP metadata: %v", err)
		return
	}
	if !pdfuaPart.Match(xmp) {
		c.problem("the XMP metadata has no pdfuaid:part 1")
	}
	if m := dcTitle.FindSubmatch(xmp); m == nil || blank(string(m[1])) {
		c.problem("the XMP metadata has no dc:title")
	}
}

var langTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

// validLang reports whether s has the form of a BCP 47 language tag.
func validLang(s string) bool { return langTag.MatchString(s) }

// scripts maps ISO 15924 codes to Go's script tables, for the scripts of
// the shipped languages and a few more.
var scripts = map[string]*unicode.RangeTable{
	"Latn": unicode.Latin, "Arab": unicode.Arabic, "Beng": unicode.Bengali, "Guru": unicode.Gurmukhi,
	"Ethi": unicode.Ethiopic, "Hans": unicode.Han, "Hant": unicode.Han, "Cyrl": unicode.Cyrillic,
	"Grek": unicode.Greek, "Hebr": unicode.Hebrew, "Deva": unicode.Devanagari, "Thai": unicode.Thai,
	"Taml": unicode.Tamil, "Gujr": unicode.Gujarati,
}

// scriptNames are the keys of scripts in order.
var scriptNames = slices.Sorted(maps.Keys(scripts))

// scriptMismatch returns the script most of text's letters are in when it
// is not the script lang is written in, or "". Short texts are not judged.
func scriptMismatch(text, lang string) string {
	t, err := language.Parse(lang)
	if err != nil {
		return ""
	}
	sc, _ := t.Script()
	want := scripts[sc.String()]
	if want == nil {
		return ""
	}
	letters, in := 0, 0
	count := map[string]int{}
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if unicode.Is(want, r) {
			in++
			continue
		}
		for _, name := range scriptNames {
			if unicode.Is(scripts[name], r) {
				count[name]++
				break
			}
		}
	}
	if letters < 4 || 2*in >= letters {
		return ""
	}
	best := ""
	for _, name := range slices.Sorted(maps.Keys(count)) {
		if best == "" || count[name] > count[best] {
			best = name
		}
	}
	if best == "" {
		return "another script"
	}
	return best
}
