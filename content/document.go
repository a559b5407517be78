// SPDX-License-Identifier: MIT

package content

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
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
	Pos    Pos
}

// DocSection is a localised section.
type DocSection struct {
	Place   Place
	Heading *Text
	Blocks  []DocBlock
	Pos     Pos
}

// Document is a leaflet in one language, ready for layout.
type Document struct {
	Leaflet  *Leaflet
	Lang     string
	RTL      bool
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
	// Draft holds the notice that the translation has not been checked,
	// in the document's language and then in the source language; it is
	// empty for reviewed translations and the source language.
	Draft []Text
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
	Pos     Pos
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

// Localize builds the document in one language. A message missing from the
// language's bundle is an error naming the language and message ID: it is
// never replaced by the source language.
func (l *Leaflet) Localize(lang string) (*Document, Diagnostics) {
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
	loc := i18n.NewLocalizer(ib, lang)
	data := templateData{l.Org.Name, l.Org.ShortName, strings.Join(l.Org.Address, "\n"), l.Org.Phone, l.Org.Email, l.Org.Website}
	text := func(r Ref) Text {
		s, err := loc.Localize(&i18n.LocalizeConfig{MessageID: r.ID, TemplateData: data})
		var nf *i18n.MessageNotFoundErr
		switch {
		case errors.As(err, &nf):
			d := ds.Errorf(r.Pos, "language %s: message %q has no translation", lang, r.ID)
			d.Hint = fmt.Sprintf("add [%s] to %s", r.ID, bu.File)
			return Text{ID: r.ID, Pos: r.Pos}
		case err != nil:
			ds.Errorf(bu.Pos(r.ID), "language %s: message %q: %v", lang, r.ID, err)
			return Text{ID: r.ID, Pos: r.Pos}
		}
		runs, err := parseMarkup(s)
		if err != nil {
			d := ds.Errorf(bu.Pos(r.ID), "language %s: message %q: %v", lang, r.ID, err)
			d.Hint = "markup is **strong text** and [words](https://…); write \\* for a literal asterisk"
		}
		return Text{Runs: runs, ID: r.ID, Pos: r.Pos}
	}
	doc := &Document{Leaflet: l, Lang: lang, RTL: IsRTL(lang), Org: l.Org, Published: l.Published, loc: loc, data: data}
	if er := l.EasyRead; er != nil {
		picture := func(p PictureRef) DocPicture {
			out := DocPicture{Name: p.Name, File: p.File, Pos: p.Pos}
			if p.File != "" {
				out.Image = l.Images[p.File]
			}
			if p.Alt.ID != "" {
				out.Alt = text(p.Alt).String()
			}
			return out
		}
		d := &DocEasyRead{Label: text(er.Label)}
		if er.Cover != nil {
			c := picture(*er.Cover)
			d.Cover = &c
		}
		for _, s := range er.Sections {
			sec := DocERSection{Pos: s.Pos}
			if s.Heading != nil {
				h := text(*s.Heading)
				sec.Heading = &h
			}
			for _, p := range s.Points {
				dp := DocPoint{Picture: picture(p.Picture), Pos: p.Pos}
				for _, m := range p.Msgs {
					dp.Texts = append(dp.Texts, text(m))
				}
				sec.Points = append(sec.Points, dp)
			}
			d.Sections = append(d.Sections, sec)
		}
		doc.EasyRead = d
	}
	if !l.Reviews[lang].Reviewed {
		notice := Ref{ID: "notice.draft", Pos: bu.Pos("notice.draft")}
		doc.Draft = append(doc.Draft, text(notice))
		en := i18n.NewLocalizer(ib, l.Source)
		s, err := en.Localize(&i18n.LocalizeConfig{MessageID: notice.ID, TemplateData: data})
		if err != nil {
			ds.Errorf(l.Bundles[l.Source].Pos(notice.ID), "%s: %v", l.Source, err)
		} else if runs, err := parseMarkup(s); err == nil {
			doc.Draft = append(doc.Draft, Text{Runs: runs, ID: notice.ID, Pos: notice.Pos, Lang: l.Source})
		}
	}
	for _, s := range l.Sections {
		out := DocSection{Place: s.Place, Pos: s.Pos}
		if s.Heading != nil {
			h := text(*s.Heading)
			out.Heading = &h
		}
		for _, b := range s.Blocks {
			db := DocBlock{Kind: b.Kind, Pos: b.Pos}
			for _, m := range b.Msgs {
				db.Texts = append(db.Texts, text(m))
			}
			if b.Source != nil {
				src := text(*b.Source)
				db.Source = &src
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
	return doc, ds
}

// PageMessage is the message of a page number: "Page {{.Page}} of
// {{.Pages}}".
const PageMessage = "page.number"

// Message localises a message that layout sets itself, such as a page
// number, with extra template data besides the organisation's facts.
func (d *Document) Message(id string, extra map[string]any) (Text, error) {
	data := map[string]any{
		"Name": d.data.Name, "ShortName": d.data.ShortName, "Address": d.data.Address,
		"Phone": d.data.Phone, "Email": d.data.Email, "Website": d.data.Website,
	}
	for k, v := range extra {
		data[k] = v
	}
	s, err := d.loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
	var nf *i18n.MessageNotFoundErr
	if errors.As(err, &nf) {
		return Text{}, fmt.Errorf("language %s: message %q has no translation", d.Lang, id)
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
// across lines is marked NoBreak.
func parseMarkup(s string) ([]Run, error) {
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
	emailRe = regexp.MustCompile(`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`)
	webRe   = regexp.MustCompile(`(?:https?://|www\.)[^\s<>()]*[^\s<>().,;:!?'"’”]`)
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
		}
		var spans []span
		// add marks the matches of re that do not overlap a span already
		// marked; after an overlap the search goes on past that span
		add := func(re *regexp.Regexp, link func(string) string, ok func(string) bool) {
			for at := 0; at < len(r.Text); {
				m := re.FindStringIndex(r.Text[at:])
				if m == nil {
					return
				}
				a, b := at+m[0], at+m[1]
				next := b
				overlaps := false
				for _, s := range spans {
					if a < s.b && s.a < b {
						overlaps, next = true, max(s.b, a+1)
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
					spans = append(spans, span{a, b, l})
				}
				at = next
			}
		}
		add(emailRe, func(s string) string { return "mailto:" + s }, nil)
		add(webRe, normaliseLink, nil)
		add(dateRe, nil, nil)
		add(phoneRe, nil, isPhone)
		add(postRe, nil, nil)
		if len(spans) == 0 {
			out = append(out, r)
			continue
		}
		// order spans by start
		for i := 1; i < len(spans); i++ {
			for j := i; j > 0 && spans[j].a < spans[j-1].a; j-- {
				spans[j], spans[j-1] = spans[j-1], spans[j]
			}
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

// isPhone reports whether a run of digit groups is a phone number: nine
// digits or more, or eight when it starts with 0 or + (0800 1111).
func isPhone(s string) bool {
	n := countDigits(s)
	return n >= 9 || (n == 8 && (strings.HasPrefix(s, "0") || strings.HasPrefix(s, "+")))
}

func countDigits(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsDigit(r) {
			n++
		}
	}
	return n
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
