// SPDX-License-Identifier: MIT

package content

import (
	"crypto/sha1"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"text/template"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"leaflet/internal/memo"
)

// Run is a stretch of text with one style.
type Run struct {
	Text   string
	Strong bool
	// Link is the run's target ("mailto:…", "https://…"), or "".
	Link string
	// NoBreak marks text that must stay on one line: phone numbers,
	// email and web addresses, postcodes, dates.
	NoBreak bool
	// Marker marks the words "[English] " that open a Fallback text, so
	// that a reader sees which passages are not translated.
	Marker bool
	// Lang is set on the organisation's name and address inside a
	// translation: facts written in the leaflet's source language.
	Lang string
}

// Text is one localised message: styled runs. A newline in a run is a
// forced line break.
type Text struct {
	Runs []Run
	ID   string
	Pos  Pos
	// Lang is set when the text is in another language than its
	// document's (the English line of a draft notice).
	Lang string
	// Fallback marks the source language's text standing in for a
	// message that is missing from the document's language or out of
	// date there; only Localize with AllowIncomplete sets it. Its first
	// run is then a Marker naming the source language, and Lang is the
	// source language.
	Fallback bool
}

// String returns the plain text.
func (t Text) String() string {
	var b strings.Builder
	for _, r := range t.Runs {
		b.WriteString(r.Text)
	}
	return b.String()
}

// DocBlock is a localised block.
type DocBlock struct {
	Kind   BlockKind
	Texts  []Text
	Source *Text
	// Offers are a languages block's lines (Leaflet.Offers), localised
	// with the document; their problems are LocalizeWith's.
	Offers []Offer
	Pos    Pos
}

// DocSection is a localised section.
type DocSection struct {
	Place   Place
	Heading *Text
	Blocks  []DocBlock
	Pos     Pos
}

// Document is a leaflet in one language, ready for layout: every message
// the layout sets is localised, and LocalizeWith has reported every
// problem of the language's messages. Layout reads a document and never
// changes it, so one document may be laid out in every edition.
type Document struct {
	// Leaflet is the leaflet the document is made from; layout does not
	// need it.
	Leaflet *Leaflet
	// File is the display path of the leaflet's leaflet.toml, for
	// diagnostics; SourceLang the language the leaflet is written in,
	// that of the organisation's name and address.
	File       string
	SourceLang string
	Lang       string
	RTL        bool
	// QR asks for a QR code of the website on the tri-fold's back cover.
	QR       bool
	Title    string
	Subtitle string
	Org      Organisation
	Sections []DocSection
	// Published is the edition's date, used for the PDF's dates.
	Published time.Time
	// EasyRead is the easy-read edition's text, or nil.
	EasyRead *DocEasyRead

	loc  *i18n.Localizer
	data templateData
	// src localises in the source language, and gaps holds the messages
	// missing or out of date, when AllowIncomplete is set; marker opens
	// each text set in the source language.
	src    *i18n.Localizer
	gaps   map[string]bool
	marker string
	// Fallbacks lists the messages set in the source language because
	// they are missing or out of date (AllowIncomplete), in the order
	// first met.
	Fallbacks []string
	// Draft holds the notice that the translation has not been checked,
	// in the document's language and then in the source language; it is
	// empty for reviewed translations and the source language.
	Draft []Text
	// BrailleEdition is the words "Braille edition" of the braille
	// edition's title page, or nil when the source language has no
	// braille.edition message.
	BrailleEdition *Text

	// pageNumber is set when the page-number message can be set (see
	// PageNumber); heading is the heading over the languages offer, or
	// headingErr why it cannot be had (see LanguagesHeading).
	pageNumber bool
	heading    Text
	headingErr error
}

// DocEasyRead is the localised easy-read structure.
type DocEasyRead struct {
	Cover    *DocPicture
	Label    Text
	Sections []DocERSection
}

// DocERSection is a localised easy-read section.
type DocERSection struct {
	Heading *Text
	Points  []DocPoint
	Pos     Pos
}

// DocPoint is a localised easy-read point.
type DocPoint struct {
	Picture DocPicture
	Texts   []Text
	// Offer marks the easy read's offer of the leaflet in other
	// languages; Offers are then the names of those languages, each in
	// its own language (Leaflet.LanguageNames), set after the point's
	// first sentence.
	Offer  bool
	Offers []Offer
	Pos    Pos
}

// DocPicture is a picture with its alt text in the document's language:
// a built-in picture (Name) or the leaflet's own image (Image).
type DocPicture struct {
	Name  string
	Image *Image
	File  string
	Alt   string
	Pos   Pos
}

// templateData is what messages see: the organisation's facts.
type templateData struct {
	Name, ShortName, Address, Phone, Email, Website string
}

// LocalizeOptions changes how LocalizeWith treats an incomplete
// translation.
type LocalizeOptions struct {
	// AllowIncomplete sets the source language's text for every message
	// that is missing from the language's bundle or out of date there
	// (see Gaps), instead of reporting a missing one as an error. Each
	// such Text has Fallback set and Lang set to the source language, and
	// opens with a Marker run naming the source language ("[English] "),
	// so that a reader sees it; Document.Fallbacks lists them.
	AllowIncomplete bool
	// NoEasyRead leaves the easy read's sections out (DocEasyRead keeps
	// its label and cover picture, which other editions' covers show):
	// for a build of no easy-read edition, which need not spend its time
	// on them nor report their problems.
	NoEasyRead bool
}

// Localize builds the document in one language. A message missing from the
// language's bundle is an error naming the language and message ID: it is
// never replaced by the source language.
func (l *Leaflet) Localize(lang string) (*Document, Diagnostics) {
	return l.LocalizeWith(lang, LocalizeOptions{})
}

// LocalizeWith is Localize with options: with AllowIncomplete, missing and
// out-of-date messages are set, visibly marked, in the source language.
func (l *Leaflet) LocalizeWith(lang string, opt LocalizeOptions) (*Document, Diagnostics) {
	var ds Diagnostics
	bu, ok := l.Bundles[lang]
	if !ok {
		ds.Errorf(Pos{File: l.File}, "no bundle for language %q", lang).Hint =
			fmt.Sprintf("the leaflet has %s", strings.Join(l.Langs(), ", "))
		return nil, ds
	}
	ib, err := l.i18nBundle()
	if err != nil {
		ds.Errorf(Pos{File: bu.File}, "%v", err)
		return nil, ds
	}
	lz := &localizing{l: l, bu: bu, ib: ib, ds: ds, offers: map[string][]Offer{}}
	lz.document(lang, opt)
	lz.easyRead(!opt.NoEasyRead)
	lz.draftNotice()
	lz.sections()
	lz.pageMessages()
	return lz.doc, lz.ds
}

// localizing is one LocalizeWith: the document it makes, the language's
// bundle, go-i18n's bundle of every language and the problems found.
type localizing struct {
	l   *Leaflet
	doc *Document
	bu  *Bundle
	ib  *i18n.Bundle
	ds  Diagnostics
	// offers holds the lines of the languages offers made so far, by
	// the languages they list, so that each list is made and its
	// problems reported once
	offers map[string][]Offer
}

// document starts the document in lang: its organisation's facts, the
// data messages see and, with AllowIncomplete, what the source language
// stands in for.
func (lz *localizing) document(lang string, opt LocalizeOptions) {
	l := lz.l
	loc := i18n.NewLocalizer(lz.ib, lang)
	// the phone number in the digits the translation writes (LocalDigits),
	// in the messages and in the organisation's facts the layout prints
	org := l.Org
	org.Phone = l.LocalDigits(lang, org.Phone)
	data := templateData{org.Name, org.ShortName, strings.Join(org.Address, "\n"), org.Phone, org.Email, org.Website}
	doc := &Document{Leaflet: l, File: l.File, SourceLang: l.Source, Lang: lang, RTL: IsRTL(lang), QR: l.QR,
		Org: org, Published: l.Published, loc: loc, data: data}
	if opt.AllowIncomplete && lang != l.Source {
		doc.src = i18n.NewLocalizer(lz.ib, l.Source)
		doc.gaps = map[string]bool{}
		missing, stale := l.Gaps(lang)
		for _, id := range append(missing, stale...) {
			doc.gaps[id] = true
		}
		doc.marker = "[" + l.sourceName() + "] "
	}
	lz.doc = doc
}

// text localises the message r: in the source language, marked, when it
// stands in for a gap; as written when its template is broken (reported
// when the bundle was read); empty, with an error, when it has no
// translation or cannot be localised.
func (lz *localizing) text(r Ref) Text {
	l, doc, lang, bu := lz.l, lz.doc, lz.doc.Lang, lz.bu
	if t, ok := doc.fallbackText(r.ID, r.Pos, doc.data); ok {
		return t
	}
	s, err := doc.loc.Localize(&i18n.LocalizeConfig{MessageID: r.ID, TemplateData: doc.data})
	var nf *i18n.MessageNotFoundErr
	switch {
	case errors.As(err, &nf):
		d := lz.ds.Errorf(r.Pos, "language %s: message %q has no translation", lang, r.ID)
		d.Hint = fmt.Sprintf("add [%s] to %s", r.ID, bu.File)
		d.Code = CodeNoTranslation
		return Text{ID: r.ID, Pos: r.Pos}
	case err != nil && l.brokenIn(lang, r.ID):
		// reported when the bundle was read: the text as written
		return Text{Runs: []Run{{Text: l.rawText(lang, r.ID)}}, ID: r.ID, Pos: r.Pos}
	case err != nil:
		lz.ds.Errorf(bu.Pos(r.ID), "language %s: message %q: %v", lang, r.ID, err)
		return Text{ID: r.ID, Pos: r.Pos}
	}
	runs, err := parseMarkup(s)
	if err != nil {
		d := lz.ds.Errorf(bu.Pos(r.ID), "language %s: message %q: %v", lang, r.ID, err)
		d.Hint = "markup is **strong text** and [words](https://…); write \\* for a literal asterisk"
	}
	if lang != l.Source {
		runs = markFacts(runs, l.facts(), l.Source)
	}
	return Text{Runs: runs, ID: r.ID, Pos: r.Pos}
}

// picture localises a picture's alt text.
func (lz *localizing) picture(p PictureRef) DocPicture {
	out := DocPicture{Name: p.Name, File: p.File, Pos: p.Pos}
	if p.File != "" {
		out.Image = lz.l.Images[p.File]
	}
	if p.Alt.ID != "" {
		out.Alt = lz.text(p.Alt).String()
	}
	return out
}

// easyRead localises the easy read, when the leaflet has one: its label
// and cover, and its sections when asked.
func (lz *localizing) easyRead(sections bool) {
	er := lz.l.EasyRead
	if er == nil {
		return
	}
	d := &DocEasyRead{Label: lz.text(er.Label)}
	if er.Cover != nil {
		c := lz.picture(*er.Cover)
		d.Cover = &c
	}
	if !sections {
		lz.doc.EasyRead = d
		return
	}
	for _, s := range er.Sections {
		sec := DocERSection{Pos: s.Pos}
		if s.Heading != nil {
			h := lz.text(*s.Heading)
			sec.Heading = &h
		}
		for _, p := range s.Points {
			dp := DocPoint{Picture: lz.picture(p.Picture), Offer: p.Offer, Pos: p.Pos}
			for _, m := range p.Msgs {
				dp.Texts = append(dp.Texts, lz.text(m))
			}
			if p.Offer {
				dp.Offers = lz.l.languageNames(lz.offersOf(p.Langs))
			}
			sec.Points = append(sec.Points, dp)
		}
		d.Sections = append(d.Sections, sec)
	}
	lz.doc.EasyRead = d
}

// draftNotice localises the notice a draft translation prints on its
// front cover: in the language, then in the source language; in the
// language alone when the source language has no notice.
func (lz *localizing) draftNotice() {
	l, doc, lang, bu := lz.l, lz.doc, lz.doc.Lang, lz.bu
	src := l.Bundles[l.Source]
	if l.Reviews[lang].Reviewed || src == nil {
		return
	}
	if src.Messages["notice.draft"] == nil {
		// the notice in the language alone, when the source has none
		if m := bu.Messages["notice.draft"]; m != nil {
			doc.Draft = append(doc.Draft, lz.text(Ref{ID: "notice.draft", Pos: m.Pos}))
		} else {
			d := lz.ds.Errorf(Pos{File: src.File}, "language %s is a draft translation, which prints the message \"notice.draft\" on its front cover: neither %s nor %s has it", lang, path.Base(bu.File), path.Base(src.File))
			d.Hint = `add [notice.draft] with other = "Draft translation: not yet checked by a qualified translator." to both, or mark the translation reviewed in review.toml`
		}
		return
	}
	notice := Ref{ID: "notice.draft", Pos: bu.Pos("notice.draft")}
	doc.Draft = append(doc.Draft, lz.text(notice))
	en := i18n.NewLocalizer(lz.ib, l.Source)
	s, err := en.Localize(&i18n.LocalizeConfig{MessageID: notice.ID, TemplateData: doc.data})
	switch {
	case doc.Draft[0].Fallback: // already in the source language
	case err != nil:
		lz.ds.Errorf(l.Bundles[l.Source].Pos(notice.ID), "%s: %v", l.Source, err)
	default:
		if runs, err := parseMarkup(s); err == nil {
			doc.Draft = append(doc.Draft, Text{Runs: runs, ID: notice.ID, Pos: notice.Pos, Lang: l.Source})
		}
	}
}

// sections localises the leaflet's sections, and takes the document's
// title and subtitle from their blocks.
func (lz *localizing) sections() {
	doc := lz.doc
	for _, s := range lz.l.Sections {
		out := DocSection{Place: s.Place, Pos: s.Pos}
		if s.Heading != nil {
			h := lz.text(*s.Heading)
			out.Heading = &h
		}
		for _, b := range s.Blocks {
			db := DocBlock{Kind: b.Kind, Pos: b.Pos}
			for _, m := range b.Msgs {
				db.Texts = append(db.Texts, lz.text(m))
			}
			if b.Source != nil {
				src := lz.text(*b.Source)
				db.Source = &src
			}
			if b.Kind == Languages {
				db.Offers = lz.offersOf(b.Langs)
			}
			switch b.Kind {
			case Title:
				doc.Title = db.Texts[0].String()
			case Subtitle:
				doc.Subtitle = db.Texts[0].String()
			}
			out.Blocks = append(out.Blocks, db)
		}
		doc.Sections = append(doc.Sections, out)
	}
}

// offersOf returns the lines of a languages offer that lists langs (every
// language with a bundle when empty; see Leaflet.Offers), made once for
// each list, its problems reported then.
func (lz *localizing) offersOf(langs []string) []Offer {
	key := strings.Join(langs, " ")
	o, ok := lz.offers[key]
	if !ok {
		var ds Diagnostics
		o, ds = lz.l.Offers(lz.doc.Lang, langs)
		lz.ds = append(lz.ds, ds...)
		lz.offers[key] = o
	}
	return o
}

// pageMessages localises the messages the page editions set themselves:
// the page number, whose problems are reported here, and the heading over
// the languages offer, when the leaflet has one, whose problem the page
// editions report when they need the heading; and the braille edition's
// words for itself, when the source language has them. A message the
// source language stands in for is among the Fallbacks.
func (lz *localizing) pageMessages() {
	doc := lz.doc
	one := lz.l.FormatNumber(doc.Lang, 1)
	if _, err := doc.Message(PageMessage, map[string]any{"Page": one, "Pages": one}); err != nil {
		d := lz.ds.Errorf(Pos{File: lz.bu.File}, "%v", err)
		d.Hint = fmt.Sprintf("add [%s] to %s: \"Page {{.Page}} of {{.Pages}}\"", PageMessage, lz.bu.File)
	} else {
		doc.pageNumber = true
	}
	if src := lz.l.Bundles[lz.l.Source]; src != nil && src.Messages[BrailleEditionMessage] != nil {
		if t := lz.text(Ref{ID: BrailleEditionMessage, Pos: lz.bu.Pos(BrailleEditionMessage)}); len(t.Runs) > 0 {
			doc.BrailleEdition = &t
		}
	}
	doc.headingErr = fmt.Errorf("language %s: the leaflet has no languages block", doc.Lang)
	if lz.l.hasLanguagesBlock() {
		doc.heading, doc.headingErr = doc.Message(LanguagesHeadingMessage, nil)
	}
}

// hasLanguagesBlock reports whether a section of the leaflet has a
// languages block.
func (l *Leaflet) hasLanguagesBlock() bool {
	for _, s := range l.Sections {
		for _, b := range s.Blocks {
			if b.Kind == Languages {
				return true
			}
		}
	}
	return false
}

// PageNumber returns the number of a page of a page edition, page of
// pages, in the language's words and digits: its page.number message, or
// when the source language sets none the default of MessageDefaults. It
// does not change the document: LocalizeWith has chosen the message,
// listed it among the Fallbacks when the source language stands in for
// it, and reported its problems; a page number that cannot be set is
// empty.
func (d *Document) PageNumber(page, pages int) Text {
	if !d.pageNumber {
		return Text{}
	}
	t, err := d.message(PageMessage, map[string]any{
		"Page": d.Leaflet.FormatNumber(d.Lang, page), "Pages": d.Leaflet.FormatNumber(d.Lang, pages)})
	if err != nil {
		return Text{}
	}
	return t
}

// LanguagesHeading returns the heading the page editions set over the
// languages offer when its section has none of its own: the
// languages.heading message, localised by LocalizeWith (and among the
// Fallbacks when the source language stands in for it), or why it cannot
// be had, for the edition that needs it to report.
func (d *Document) LanguagesHeading() (Text, error) {
	return d.heading, d.headingErr
}

// fallbackText is sourceText, with the message listed among the
// Fallbacks when the source language stands in for it.
func (d *Document) fallbackText(id string, pos Pos, data any) (t Text, ok bool) {
	t, ok = d.sourceText(id, pos, data)
	if ok {
		d.fellBack(id)
	}
	return t, ok
}

// fellBack lists message id among the Fallbacks, once.
func (d *Document) fellBack(id string) {
	if !slices.Contains(d.Fallbacks, id) {
		d.Fallbacks = append(d.Fallbacks, id)
	}
}

// sourceText returns the source language's text of a message that is
// missing from the document's language or out of date there, marked, when
// the document allows that (AllowIncomplete); ok is false otherwise, and
// when the source language cannot give the text either. It does not
// change the document.
func (d *Document) sourceText(id string, pos Pos, data any) (t Text, ok bool) {
	if d.src == nil || !d.gaps[id] {
		return Text{}, false
	}
	s, err := d.src.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil {
		return Text{}, false
	}
	runs, err := parseMarkup(s)
	if err != nil {
		return Text{}, false
	}
	runs = append([]Run{{Text: d.marker, Marker: true}}, runs...)
	return Text{Runs: runs, ID: id, Pos: pos, Lang: d.Leaflet.Source, Fallback: true}, true
}

// sourceName returns the source language's own name, from its bundle's
// language.name message, or its tag.
func (l *Leaflet) sourceName() string {
	if b := l.Bundles[l.Source]; b != nil {
		if m := b.Messages["language.name"]; m != nil {
			if runs, err := parseMarkup(m.Other); err == nil {
				var name strings.Builder
				for _, r := range runs {
					name.WriteString(r.Text)
				}
				if s := strings.TrimSpace(name.String()); s != "" && !strings.Contains(s, "{{") {
					return s
				}
			}
		}
	}
	return l.Source
}

// Hash returns go-i18n's hash of a source-language message, as goi18n
// merge writes it into the translations made from it: "sha1-" and the
// hexadecimal SHA-1 of the description followed by the text. A
// translation whose hash differs was made from text that has changed
// since: it is out of date.
func Hash(description, other string) string {
	h := sha1.New()
	io.WriteString(h, description)
	io.WriteString(h, other)
	return fmt.Sprintf("sha1-%x", h.Sum(nil))
}

// Needed returns the IDs of the messages the leaflet sets — those its
// content places and the builder's own (SystemMessages) — that the source
// bundle has, in the source bundle's order. These are the messages every
// translation needs.
func (l *Leaflet) Needed() []string {
	src := l.Bundles[l.Source]
	if src == nil {
		return nil
	}
	used := map[string]bool{}
	for _, id := range SystemMessages {
		used[id] = true
	}
	ref := func(r *Ref) {
		if r != nil && r.ID != "" {
			used[r.ID] = true
		}
	}
	for _, s := range l.Sections {
		ref(s.Heading)
		for _, b := range s.Blocks {
			for i := range b.Msgs {
				ref(&b.Msgs[i])
			}
			ref(b.Source)
		}
	}
	if er := l.EasyRead; er != nil {
		if er.Cover != nil {
			ref(&er.Cover.Alt)
		}
		ref(&er.Label)
		for _, s := range er.Sections {
			ref(s.Heading)
			for _, p := range s.Points {
				ref(&p.Picture.Alt)
				for i := range p.Msgs {
					ref(&p.Msgs[i])
				}
			}
		}
	}
	var out []string
	for _, id := range src.IDs() {
		if used[id] {
			out = append(out, id)
		}
	}
	return out
}

// Gaps returns the needed messages (see Needed) that a language's bundle
// lacks, and those it has but translated from a source text that has
// changed since: its hash is not the source message's Hash. A translation
// without a hash is not counted as out of date, as go-i18n does not. A
// language without a bundle lacks every needed message; the source
// language lacks none.
func (l *Leaflet) Gaps(lang string) (missing, stale []string) {
	src := l.Bundles[l.Source]
	if lang == l.Source || src == nil {
		return nil, nil
	}
	bu := l.Bundles[lang]
	for _, id := range l.Needed() {
		var m *Message
		if bu != nil {
			m = bu.Messages[id]
		}
		switch {
		case m == nil:
			missing = append(missing, id)
		case m.Hash != "" && m.Hash != Hash(src.Messages[id].Description, src.Messages[id].Other):
			stale = append(stale, id)
		}
	}
	return missing, stale
}

// brokenIn reports whether message id has a template mistake in lang's
// bundle, or in the source language's that lang falls back on: reported
// once, when the bundle was read.
func (l *Leaflet) brokenIn(lang, id string) bool {
	for _, tag := range []string{lang, l.Source} {
		if b := l.Bundles[tag]; b != nil && b.Messages[id] != nil {
			return b.broken[id]
		}
	}
	return false
}

// rawText returns message id's text as written in lang's bundle (or the
// source language's).
func (l *Leaflet) rawText(lang, id string) string {
	for _, tag := range []string{lang, l.Source} {
		if b := l.Bundles[tag]; b != nil && b.Messages[id] != nil {
			return b.Messages[id].Other
		}
	}
	return ""
}

// MessageDefaults are the texts of the messages the builder sets itself
// that a leaflet need not write: when the source language's bundle does
// not have one, every language prints its default. A page number needs no
// words: "3 / 12", in the language's digits.
var MessageDefaults = map[string]string{PageMessage: "{{.Page}} / {{.Pages}}"}

// PageMessage is the message of a page number: "Page {{.Page}} of
// {{.Pages}}".
const PageMessage = "page.number"

// LanguagesHeadingMessage is the message of the heading the page editions
// set over the languages offer when its section has none: "Other
// languages".
const LanguagesHeadingMessage = "languages.heading"

// Message localises a message that the builder sets itself, such as a
// page number, with extra template data besides the organisation's facts.
// A message the source language stands in for is listed among the
// Fallbacks. Layout does not call it: it sets the messages LocalizeWith
// localised (PageNumber, LanguagesHeading), leaving the document as it is.
func (d *Document) Message(id string, extra map[string]any) (Text, error) {
	t, err := d.message(id, extra)
	if t.Fallback {
		d.fellBack(id)
	}
	return t, err
}

// message is Message without listing a fallback: it does not change the
// document.
func (d *Document) message(id string, extra map[string]any) (Text, error) {
	data := map[string]any{
		"Name": d.data.Name, "ShortName": d.data.ShortName, "Address": d.data.Address,
		"Phone": d.data.Phone, "Email": d.data.Email, "Website": d.data.Website,
	}
	for k, v := range extra {
		data[k] = v
	}
	if t, ok := d.sourceText(id, Pos{}, data); ok {
		return t, nil
	}
	s, err := d.loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
	var nf *i18n.MessageNotFoundErr
	if def, ok := MessageDefaults[id]; ok && errors.As(err, &nf) && d.Leaflet.Bundles[d.Leaflet.Source].Messages[id] == nil {
		// the source language does not set it: the default, the same in
		// every language
		var b strings.Builder
		if err := template.Must(template.New(id).Parse(def)).Execute(&b, data); err != nil {
			return Text{}, fmt.Errorf("message %q: %w", id, err)
		}
		s, err = b.String(), nil
	}
	if errors.As(err, &nf) {
		return Text{}, fmt.Errorf("language %s: message %q has no translation", d.Lang, id)
	}
	if err != nil && d.Leaflet.brokenIn(d.Lang, id) {
		// reported when the bundle was read: the text as written
		return Text{Runs: []Run{{Text: d.Leaflet.rawText(d.Lang, id)}}, ID: id}, nil
	}
	if err != nil {
		return Text{}, fmt.Errorf("language %s: message %q: %w", d.Lang, id, err)
	}
	runs, err := parseMarkup(s)
	if err != nil {
		return Text{}, fmt.Errorf("language %s: message %q: %w", d.Lang, id, err)
	}
	return Text{Runs: runs, ID: id}, nil
}

// IsRTL reports whether a language is written right to left, from its
// (likely) script.
func IsRTL(lang string) bool {
	t, err := language.Parse(lang)
	if err != nil {
		return false
	}
	s, _ := t.Script()
	switch s.String() {
	case "Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg", "Mand", "Samr":
		return true
	}
	return false
}

// parseMarkup reads the inline markup of a message: **strong** and
// [words](target); a backslash escapes the next character. Email and web
// addresses become links by themselves, and text that must not be broken
// across lines is marked NoBreak. The runs are the caller's: a message
// read before (every language's document reads the languages offer's
// sentences, and a build in a process that built before reads its every
// message again) is copied from the memo.
func parseMarkup(s string) ([]Run, error) {
	m, ok := markups.Get(s)
	if !ok {
		m.runs, m.err = readMarkup(s)
		markups.Put(s, m)
	}
	return slices.Clone(m.runs), m.err
}

// markups memoises readMarkup.
var markups = memo.Map[string, markup]{Limit: 1 << 14}

type markup struct {
	runs []Run
	err  error
}

// readMarkup is parseMarkup without the memo.
func readMarkup(s string) ([]Run, error) {
	var (
		runs   []Run
		cur    strings.Builder
		strong bool
	)
	flush := func(link string) {
		if cur.Len() > 0 {
			runs = append(runs, Run{Text: cur.String(), Strong: strong, Link: link})
			cur.Reset()
		}
	}
	for i := 0; i < len(s); {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			_, n := utf8.DecodeRuneInString(s[i+1:])
			cur.WriteString(s[i+1 : i+1+n])
			i += 1 + n
		case strings.HasPrefix(s[i:], "**"):
			flush("")
			strong = !strong
			i += 2
		case s[i] == '[':
			end := strings.Index(s[i:], "](")
			close := -1
			if end >= 0 {
				close = strings.IndexByte(s[i+end:], ')')
			}
			if end < 0 || close < 0 {
				return nil, fmt.Errorf("unclosed link: %q", s[i:])
			}
			flush("")
			cur.WriteString(s[i+1 : i+end])
			target := s[i+end+2 : i+end+close]
			if target == "" {
				return nil, fmt.Errorf("link %q has no target", s[i+1:i+end])
			}
			flush(normaliseLink(target))
			i += end + close + 1
		default:
			_, n := utf8.DecodeRuneInString(s[i:])
			cur.WriteString(s[i : i+n])
			i += n
		}
	}
	flush("")
	if strong {
		return nil, errors.New("unclosed **")
	}
	return markNoBreak(runs), nil
}

var (
	// Addresses are matched in Latin letters and ASCII digits and
	// punctuation only, so that text written without spaces (Chinese)
	// around an address is not taken for part of it.
	emailRe = regexp.MustCompile(`[\p{Latin}0-9._%+-]+@[\p{Latin}0-9-]+(?:\.[\p{Latin}0-9-]+)+`)
	webRe   = regexp.MustCompile(`(?:https?://|www\.)[\x21-\x7E]*[A-Za-z0-9/#=_-]`)
	// UK-style phone numbers: an optional +, then at least 9 digits in
	// groups separated by single spaces or hyphens.
	phoneRe = regexp.MustCompile(`\+?\(?\p{Nd}+\)?(?:[ \x{00A0}-]?\(?\p{Nd}+\)?){2,}`)
	postRe  = regexp.MustCompile(`\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b`)
	dateRe  = regexp.MustCompile(`\b\d{1,2}(?:st|nd|rd|th)? (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b`)
)

// markNoBreak splits runs so that addresses, phone numbers, postcodes and
// dates are runs of their own, marked NoBreak, and addresses are links.
func markNoBreak(runs []Run) []Run {
	var out []Run
	for _, r := range runs {
		if r.Link != "" {
			r.NoBreak = true
			out = append(out, r)
			continue
		}
		type span struct {
			a, b int
			link string
			seq  int // the order marked in
		}
		// spans are kept in order of their start: they never overlap, so
		// the ones a match overlaps are found by binary search, and a long
		// text with thousands of addresses is marked in n log n
		var spans []span
		// add marks the matches of re that do not overlap a span already
		// marked; after an overlap the search goes on past the span marked
		// last of those it overlaps
		add := func(re *regexp.Regexp, may bool, link func(string) string, ok func(string) bool) {
			if !may {
				return // the text lacks what every match holds
			}
			// a match starts past the one before it: the spans of one
			// pass never overlap each other, only those of passes before
			var added []span
			defer func() {
				spans = mergeSpans(spans, added, func(x, y span) bool { return x.a < y.a })
			}()
			for at := 0; at < len(r.Text); {
				m := re.FindStringIndex(r.Text[at:])
				if m == nil {
					return
				}
				a, b := at+m[0], at+m[1]
				next := b
				k := sort.Search(len(spans), func(i int) bool { return spans[i].b > a })
				overlaps, last := false, -1
				for j := k; j < len(spans) && spans[j].a < b; j++ {
					if spans[j].seq > last {
						overlaps, last, next = true, spans[j].seq, max(spans[j].b, a+1)
					}
				}
				switch {
				case overlaps:
				case ok != nil && !ok(r.Text[a:b]):
				default:
					l := ""
					if link != nil {
						l = link(r.Text[a:b])
					}
					added = append(added, span{a, b, l, len(spans) + len(added)})
				}
				at = next
			}
		}
		// most texts hold no address, number or date: a pass runs only
		// when the text has what each of its matches must hold
		ascii, digits := countDigits(r.Text)
		add(emailRe, strings.IndexByte(r.Text, '@') >= 0, func(s string) string { return "mailto:" + s }, nil)
		add(webRe, strings.Contains(r.Text, "www.") || strings.Contains(r.Text, "http"), normaliseLink, nil)
		add(dateRe, ascii >= 3, nil, nil)
		add(phoneRe, digits >= 3, TelLink, isPhone)
		add(postRe, ascii >= 2, nil, nil)
		if len(spans) == 0 {
			out = append(out, r)
			continue
		}
		at := 0
		for _, s := range spans {
			if s.a > at {
				out = append(out, Run{Text: r.Text[at:s.a], Strong: r.Strong})
			}
			out = append(out, Run{Text: r.Text[s.a:s.b], Strong: r.Strong, Link: s.link, NoBreak: true})
			at = s.b
		}
		if at < len(r.Text) {
			out = append(out, Run{Text: r.Text[at:], Strong: r.Strong})
		}
	}
	return out
}

// countDigits returns how many ASCII digits s holds, and how many decimal
// digits of any script (Unicode Nd, as phoneRe's \p{Nd}).
func countDigits(s string) (ascii, all int) {
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			ascii++
			all++
		case r > 0x7f && unicode.IsDigit(r):
			all++
		}
	}
	return ascii, all
}

// mergeSpans merges two lists sorted by less into one.
func mergeSpans[T any](xs, ys []T, less func(x, y T) bool) []T {
	if len(ys) == 0 {
		return xs
	}
	out := make([]T, 0, len(xs)+len(ys))
	for len(xs) > 0 && len(ys) > 0 {
		if less(ys[0], xs[0]) {
			out, ys = append(out, ys[0]), ys[1:]
		} else {
			out, xs = append(out, xs[0]), xs[1:]
		}
	}
	return append(append(out, xs...), ys...)
}

// isPhone reports whether a run of digit groups is a phone number: nine
// digits or more, or eight when it starts with 0 or + (0800 1111).
func isPhone(s string) bool {
	_, n := countDigits(s)
	return n >= 9 || (n == 8 && (strings.HasPrefix(s, "0") || strings.HasPrefix(s, "+")))
}

// TelLink returns the tel: link (RFC 3966) of a phone number, in the
// international form a phone dials from anywhere: "01604 364036" is
// "tel:+441604364036". A number written with its country code (+44 or
// 0044, with or without a "(0)") keeps it; a national number, with a
// single leading 0, is a UK number, the country of the leaflets this
// tool makes, and becomes +44 without the 0; any other number (a short
// or local one) is dialled as written. Digits of any script are written
// as ASCII digits (WesternDigits). A leaflet for another country writes
// its numbers with their country code.
func TelLink(s string) string {
	intl := strings.HasPrefix(strings.TrimLeft(s, "("), "+")
	if intl {
		s = strings.Replace(s, "(0)", "", 1)
	}
	var b strings.Builder
	for _, r := range WesternDigits(s) {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	n := b.String()
	switch {
	case intl:
		return "tel:+" + n
	case strings.HasPrefix(n, "00"):
		return "tel:+" + n[2:]
	case strings.HasPrefix(n, "0"):
		return "tel:+44" + n[1:]
	}
	return "tel:" + n
}

// normaliseLink makes a web address a full URL and leaves other targets.
func normaliseLink(t string) string {
	switch {
	case strings.Contains(t, "://"), strings.HasPrefix(t, "mailto:"), strings.HasPrefix(t, "tel:"):
		return t
	case strings.Contains(t, "@"):
		return "mailto:" + t
	}
	return "https://" + t
}

// facts returns the organisation's facts that are words of the source
// language — its name and address lines — longest first.
func (l *Leaflet) facts() []string {
	var out []string
	for _, f := range append([]string{l.Org.Name, l.Org.ShortName}, l.Org.Address...) {
		if strings.IndexFunc(f, unicode.IsLetter) >= 0 && len(f) > 1 {
			out = append(out, f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// markFacts splits runs so that every occurrence of a fact is a run of its
// own in the source language, lang.
func markFacts(runs []Run, facts []string, lang string) []Run {
	for _, f := range facts {
		var out []Run
		for _, r := range runs {
			if r.Lang != "" {
				out = append(out, r)
				continue
			}
			for {
				i := strings.Index(r.Text, f)
				if i < 0 || !wordBounded(r.Text, i, i+len(f)) {
					break
				}
				if i > 0 {
					before := r
					before.Text = r.Text[:i]
					out = append(out, before)
				}
				fact := r
				fact.Text, fact.Lang = f, lang
				out = append(out, fact)
				r.Text = r.Text[i+len(f):]
			}
			if r.Text != "" {
				out = append(out, r)
			}
		}
		runs = out
	}
	return runs
}

// wordBounded reports whether s[i:j] is not part of a longer word.
func wordBounded(s string, i, j int) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[j:])
	return (i == 0 || !unicode.IsLetter(before)) && (j == len(s) || !unicode.IsLetter(after))
}
