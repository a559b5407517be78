// SPDX-License-Identifier: MIT

package content

import (
	"sort"
	"strconv"
	"unicode"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Offer is one line of the languages block: the offer of the leaflet in a
// language, written in that language, after the language's own name.
type Offer struct {
	Lang string
	RTL  bool
	// Text is the language's name in strong text, then the offer.
	Text Text
}

// OfferOrder is the default order of the languages block: the languages
// most spoken in England and Wales after English (Census 2021, main
// language), then any other language with a bundle, by tag.
var OfferOrder = []string{
	"pl", "ro", "pa", "ur", "pt", "es", "ar", "bn", "gu", "it", "lt", "zh-Hans", "zh-Hant",
	"fr", "ta", "bg", "tr", "fa", "hu", "so", "uk", "de", "ckb", "ps", "ti", "am", "ne", "ml", "en",
}

// Offers returns the lines of a languages block for a document in lang:
// every language in langs (in that order; all with a bundle, in OfferOrder,
// when langs is empty) except lang itself, whose bundle has both
// language.name and request.language. Languages listed without a bundle
// or without those messages are reported: they are left out.
func (l *Leaflet) Offers(lang string, langs []string) ([]Offer, Diagnostics) {
	var ds Diagnostics
	explicit := len(langs) > 0
	if !explicit {
		langs = l.defaultOfferOrder()
	}
	ib, err := l.i18nBundle()
	if err != nil {
		ds.Errorf(Pos{File: l.File}, "%v", err)
		return nil, ds
	}
	var out []Offer
	for _, tag := range langs {
		if tag == lang {
			continue
		}
		data := templateData{l.Org.Name, l.Org.ShortName, "", l.LocalDigits(tag, l.Org.Phone), l.Org.Email, l.Org.Website}
		b, ok := l.Bundles[tag]
		if !ok {
			if explicit {
				ds.Warnf(Pos{File: l.File}, "the languages block lists %q, which has no bundle", tag)
			}
			continue
		}
		_, hasName := b.Messages["language.name"]
		_, hasOffer := b.Messages["request.language"]
		if !hasName || !hasOffer {
			d := ds.Warnf(Pos{File: b.File}, "language %s is left out of the languages block: its bundle lacks language.name or request.language", tag)
			d.Hint = "translate both messages to offer the leaflet in this language"
			continue
		}
		loc := i18n.NewLocalizer(ib, tag)
		name, err1 := loc.Localize(&i18n.LocalizeConfig{MessageID: "language.name", TemplateData: data})
		offer, err2 := loc.Localize(&i18n.LocalizeConfig{MessageID: "request.language", TemplateData: data})
		if (err1 != nil || err2 != nil) && (b.broken["language.name"] || b.broken["request.language"]) {
			continue // reported when the bundle was read
		}
		if err1 != nil || err2 != nil {
			ds.Errorf(b.Pos("request.language"), "language %s: %v", tag, firstErr(err1, err2))
			continue
		}
		runs, err := parseMarkup(offer)
		if err != nil {
			ds.Errorf(b.Pos("request.language"), "language %s: message \"request.language\": %v", tag, err)
			continue
		}
		t := Text{ID: "request.language", Pos: b.Pos("request.language"), Lang: tag,
			Runs: append([]Run{{Text: name, Strong: true}, {Text: nameSeparator(tag)}}, runs...)}
		out = append(out, Offer{Lang: tag, RTL: IsRTL(tag), Text: t})
	}
	return out, ds
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// defaultOfferOrder lists the leaflet's languages in OfferOrder, then the
// others by tag, the source language last.
func (l *Leaflet) defaultOfferOrder() []string {
	rank := map[string]int{}
	for i, t := range OfferOrder {
		rank[t] = i
	}
	var tags []string
	for t := range l.Bundles {
		tags = append(tags, t)
	}
	sort.Slice(tags, func(i, j int) bool {
		ri, iok := rank[tags[i]]
		rj, jok := rank[tags[j]]
		switch {
		case iok && jok:
			return ri < rj
		case iok != jok:
			return iok
		}
		return tags[i] < tags[j]
	})
	return tags
}

// LanguagesAt returns the languages listed by the languages block at pos.
func (l *Leaflet) LanguagesAt(pos Pos) []string {
	for _, s := range l.Sections {
		for _, b := range s.Blocks {
			if b.Kind == Languages && b.Pos == pos {
				return b.Langs
			}
		}
	}
	return nil
}

// FormatNumber writes n in the digits that lang's translation uses in its
// own text: Persian digits for a Farsi bundle written with them, Western
// digits for one written with those.
func (l *Leaflet) FormatNumber(lang string, n int) string {
	return l.LocalDigits(lang, strconv.Itoa(n))
}

// LocalDigits writes the digits of s (a phone number, a page number) in
// the digits that lang's translation uses in its own text, so that a
// leaflet has one digit system: a Farsi bundle written with Persian digits
// (۱۸ سال) gets its phone number in them too, a Sorani one in Arabic-Indic
// digits, and a bundle written with Western digits, or with none, keeps
// them. The first digit of another system than ASCII in the bundle
// decides, found once when the bundle is read (digitZero). Links keep
// Western digits: see WesternDigits.
func (l *Leaflet) LocalDigits(lang, s string) string {
	b, ok := l.Bundles[lang]
	if !ok || b.zero == '0' {
		return s
	}
	zero := b.zero
	out := []rune(s)
	for i, r := range out {
		if r >= '0' && r <= '9' {
			out[i] = zero + (r - '0')
		}
	}
	return string(out)
}

// WesternDigits writes every decimal digit of s, in any script, as an
// ASCII digit: the form of a number in a tel: link.
func WesternDigits(s string) string {
	out := []rune(s)
	for i, r := range out {
		if r > 0x7F && unicode.IsDigit(r) {
			out[i] = '0' + (r - zeroOf(r))
		}
	}
	return string(out)
}

// nativeZero returns the zero of the first decimal digit in s that is not
// an ASCII digit.
func nativeZero(s string) (rune, bool) {
	for _, r := range s {
		if r > 0x7F && unicode.IsDigit(r) {
			// decimal digits come in blocks of ten starting at a zero
			// whose code point ends in 0 (hex) in every script
			return zeroOf(r), true
		}
	}
	return 0, false
}

// zeroOf returns the zero of the decimal digit r: the first of the run of
// ten digits it belongs to.
func zeroOf(r rune) rune {
	z := r
	for z > r-9 && unicode.IsDigit(z-1) {
		z--
	}
	return z
}

// nameSeparator returns what follows a language's name before its offer,
// in the punctuation of the language's script: a colon and a space, a
// full-width colon in Chinese and Japanese, the preface colon in Ethiopic.
func nameSeparator(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return ": "
	}
	switch s, _ := t.Script(); s.String() {
	case "Hans", "Hant", "Jpan", "Hani":
		return "："
	case "Ethi":
		return "፦ "
	}
	return ": "
}
