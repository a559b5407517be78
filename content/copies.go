// SPDX-License-Identifier: MIT

package content

import (
	"fmt"
	"path"
	"regexp"
	"strings"
	"unicode"
)

// fieldRe matches a template field, {{…}}.
var fieldRe = regexp.MustCompile(`\{\{[^}]*\}\}`)

// hasWords reports whether a text has a letter outside its template
// fields: a text that is only "{{.Phone}}" reads the same in every
// language.
func hasWords(s string) bool {
	return strings.IndexFunc(fieldRe.ReplaceAllString(s, ""), unicode.IsLetter) >= 0
}

// SameAsSource returns the needed messages (Needed) that a translation
// has with exactly the source language's words, and how many of the
// needed messages with words it has.
func (l *Leaflet) SameAsSource(lang string) (same []string, total int) {
	src, bu := l.Bundles[l.Source], l.Bundles[lang]
	if lang == l.Source || src == nil || bu == nil {
		return nil, 0
	}
	for _, id := range l.Needed() {
		m, s := bu.Messages[id], src.Messages[id]
		if m == nil || s == nil || !hasWords(s.Other) {
			continue
		}
		total++
		if m.Other == s.Other {
			same = append(same, id)
		}
	}
	return same, total
}

// MostlySource reports whether most of a translation's messages are the
// source language's words: a copy of the source bundle, not yet
// translated.
func (l *Leaflet) MostlySource(lang string) bool {
	same, total := l.SameAsSource(lang)
	return total >= 3 && 2*len(same) > total
}

// checkCopies warns about each translation that is mostly the source
// language's text, once for the file.
func (l *Leaflet) checkCopies() Diagnostics {
	var ds Diagnostics
	for _, lang := range l.Langs() {
		if b := l.Bundles[lang]; b != nil && b.offerOnly || !l.MostlySource(lang) {
			continue // a bundle read for the offer is not its translation
		}
		same, total := l.SameAsSource(lang)
		bu := l.Bundles[lang]
		d := ds.Warnf(Pos{File: bu.File}, "%s: %d of %d messages are the %s text", path.Base(bu.File), len(same), total, l.sourceName())
		d.Hint = fmt.Sprintf("is it a copy of active.%s.toml? translate it ('leaflet translate --lang %s' makes a pack for a translator), or remove it until it is translated", l.Source, lang)
	}
	return ds
}
