// SPDX-License-Identifier: MIT

package convert

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Options says how to convert a document.
type Options struct {
	// ID is the new leaflet's ID, named in the files' comments.
	ID string
	// Published is the edition's date; zero leaves published out.
	Published time.Time
	// From names the document, for the files' first comment; "" for the
	// example.
	From string
}

// Files are a new leaflet's two files, and what a person should know of
// them.
type Files struct {
	// Content is content/<id>/leaflet.toml; Bundle is
	// locales/<id>/active.en.toml.
	Content, Bundle []byte
	// Notes say what was recognised and what to check, one sentence each.
	Notes []string
	// Todo is the number of easy-read points still to be written.
	Todo int
}

//go:embed example.md
var example []byte

// Example returns the example leaflet 'leaflet new' writes without a
// document: a few sections of each kind, whose words say how to change
// them, for a made-up organisation.
func Example(opt Options) *Files {
	opt.From = ""
	d := &draft{opt: opt, names: newNames(), ids: map[string]bool{}, example: true}
	d.convert(read(example))
	return &Files{Content: d.content(), Bundle: d.bundle()}
}

// Document converts a Markdown or plain-text document (UTF-8) into a
// leaflet's content file and English bundle. It fails only when the
// document is not UTF-8 or has no text.
func Document(src []byte, opt Options) (*Files, error) {
	if !utf8.Valid(src) {
		return nil, errors.New("the document is not UTF-8 text: save it as UTF-8 (plain text or Markdown)")
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	// control characters mean nothing in a leaflet (and TOML forbids
	// them in comments)
	src = bytes.Map(func(r rune) rune {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f {
			return -1
		}
		return r
	}, src)
	// bullets as a word processor writes them into plain text
	src = wordBullets.ReplaceAll(src, []byte("$1- "))
	secs := read(src)
	if len(secs) == 0 {
		return nil, errors.New("the document has no text")
	}
	d := &draft{opt: opt, names: newNames(), ids: map[string]bool{}}
	d.convert(secs)
	return &Files{Content: d.content(), Bundle: d.bundle(), Notes: d.notes, Todo: d.todo}, nil
}

var wordBullets = regexp.MustCompile(`(?m)^([ \t]*)[•·◦▪‣][ \t]+`)

// message is one message of the English bundle.
type message struct {
	id, text, desc string
}

// cblock is a block of the content file: its key, its message IDs.
type cblock struct {
	kind    string
	ids     []string
	source  string
	comment string
}

type csection struct {
	place, heading, comment string
	blocks                  []cblock
}

type point struct {
	picture, comment string
	ids              []string
	todo, offer      bool
}

type erSection struct {
	heading string
	points  []point
}

// draft is the leaflet being made.
type draft struct {
	opt   Options
	org   facts
	named bool // the organisation's name comes from the document
	qr    bool
	secs  []csection
	er    []erSection
	// erCover is the easy read's cover picture, which a reader's eye
	// meets first on its first page and on the tri-fold's front cover
	erCover string
	msgs    []message
	ids     map[string]bool
	names   names
	notes   []string
	todo    int
	expand  map[string]string
	// example is set for the example leaflet: its cover says who it is
	// for and its easy read is written, not drafted
	example bool
}

// msg adds a message and returns its ID.
func (d *draft) msg(id, text, desc string) string {
	if d.ids[id] {
		panic("convert: message " + id + " twice") // a bug
	}
	d.ids[id] = true
	if fields := templateFields(text); len(fields) > 0 {
		desc += " Keep " + strings.Join(fields, " and ") + "."
	}
	d.msgs = append(d.msgs, message{id, text, desc})
	return id
}

var fieldRe = regexp.MustCompile(`\{\{\.[A-Za-z]+\}\}`)

func templateFields(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range fieldRe.FindAllString(s, -1) {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

func (d *draft) note(format string, args ...any) {
	d.notes = append(d.notes, fmt.Sprintf(format, args...))
}

func (d *draft) convert(secs []section) {
	abbrs := abbreviations(secs)
	d.expand = expansions(secs)
	d.org = findFacts(secs, abbrs)
	d.named = d.org.name != ""
	ti := titleIndex(secs)
	ci := contactIndex(secs, ti)
	offer := takeOffer(secs)

	// the front cover
	cover := csection{place: "cover", comment: "The front cover of the tri-fold, and the first page of the other editions."}
	title, subtitle := "", ""
	if ti >= 0 {
		title, subtitle = splitTitle(secs[ti].heading)
	} else {
		title = d.opt.ID
		d.note("the document has no heading to take for the title: cover.title is the leaflet's ID; write the title in the bundle")
	}
	cover.blocks = append(cover.blocks, cblock{kind: "title", ids: []string{d.msg("cover.title", title, "Title of the leaflet, on the front cover and in the PDF's metadata.")}})
	if subtitle != "" {
		cover.blocks = append(cover.blocks, cblock{kind: "subtitle", ids: []string{d.msg("cover.subtitle", subtitle, "Subtitle on the front cover, under the title.")}})
		d.note("title %q, subtitle %q", stripMarkup(title), stripMarkup(subtitle))
	} else if ti >= 0 {
		d.note("title %q", stripMarkup(title))
	}
	if d.example {
		cover.blocks = append(cover.blocks, cblock{kind: "audience", ids: []string{d.msg("cover.audience", "For parents, carers and professionals", "The front cover: who the leaflet is for, under the subtitle.")}})
	}
	if d.org.phone != "" {
		cover.blocks = append(cover.blocks, cblock{kind: "action", ids: []string{d.msg("cover.action", "Questions or concerns? Call {{.Phone}}", "The front cover: a call to action at its foot.")}})
	}
	d.secs = append(d.secs, cover)

	// the inside, in the document's order
	for i, s := range secs {
		if i == ci {
			continue
		}
		if i == ti {
			if len(s.blocks) == 0 {
				continue
			}
			s.heading = "" // the title's own text opens the inside
		}
		d.inside(s)
	}

	// the flap: the offer in every language
	d.secs = append(d.secs, csection{place: "flap", heading: d.msg("languages.heading", "Other languages", "Heading of the list of languages the leaflet can be had in (on the tri-fold's flap)."),
		comment: "The flap, the first panel a reader sees on opening the front cover: the\n" +
			"offer of the leaflet in every language it has, each line in its own\n" +
			"language and script. languages = [] lists every language with a bundle,\n" +
			"most spoken first, never the leaflet's own; list tags to choose and order\n" +
			"them: languages = [\"pl\", \"ur\", \"bn\"].",
		blocks: []cblock{{kind: "languages"}}})

	// the back cover: the contact section, the offer of other languages
	// and formats last
	var cs section
	if ci >= 0 {
		cs = secs[ci]
	}
	d.back(cs, offer)
	if d.org.website != "" {
		d.qr = true
	}
	if !d.named {
		d.org.name = "Your organisation"
		d.note("no organisation's name found (it is read from the line with the postcode): [organisation] name is a placeholder to change")
	}
	if d.org.guessed != "" {
		d.note("the address was one line, %q: check its lines in [organisation] address", d.org.guessed)
	}
	var found []string
	for _, f := range []struct{ what, v string }{{"name", d.org.name}, {"short name", d.org.short}, {"phone", d.org.phone}, {"email", d.org.email}, {"website", d.org.website}} {
		if f.v != "" && (f.what != "name" || d.named) {
			found = append(found, fmt.Sprintf("%s %q", f.what, f.v))
		}
	}
	if len(d.org.address) > 0 {
		found = append(found, fmt.Sprintf("address %q", strings.Join(d.org.address, ", ")))
	}
	if len(found) > 0 {
		d.note("organisation: %s", strings.Join(found, ", "))
	}
	if offer != "" {
		d.note("the offer of other languages and formats ends the contact section (contact.formats)")
	}

	d.system()
	if d.example {
		d.exampleEasyRead()
	}
	d.easyRead(cs)
}

// inside adds an inside section and its easy-read draft.
func (d *draft) inside(s section) {
	base := slug(s.heading, d.expand)
	if base == "" {
		base = "intro"
		if s.heading != "" {
			base = "section"
		}
	}
	p := d.names.take(base)
	where := "the leaflet's opening"
	if s.heading != "" {
		where = "the section " + strconv.Quote(stripMarkup(s.heading))
	}
	cs := csection{place: "inside"}
	ers := erSection{}
	if s.heading != "" {
		cs.heading = d.msg(p+".heading", s.heading, "Heading of a section of the leaflet.")
	}
	if s.heading != "" && !d.example {
		ers.heading = d.msg("er."+p+".heading", s.heading, "Easy read: the heading of the section on "+strconv.Quote(stripMarkup(s.heading))+".")
	}
	nPara, count := 0, map[kind]int{}
	for _, b := range s.blocks {
		if b.kind == para {
			nPara++
			id := p + ".intro"
			if nPara > 1 {
				id = p + "." + strconv.Itoa(nPara)
			}
			text := d.org.templated(oneLine(b.items[0]), true)
			cs.blocks = append(cs.blocks, cblock{kind: "paragraph", ids: []string{d.msg(id, text, fmt.Sprintf("Paragraph %d of %s.", nPara, where))}})
			ers.points = append(ers.points, d.draftPoint(p, text))
			continue
		}
		// a list or a quote: one message per item or paragraph
		name, desc := "list", "A bulleted list in %s, item %d of %d."
		if b.kind == quote {
			name, desc = "quote", "A quotation in %s, paragraph %d of %d; keep its quotation marks."
		}
		count[b.kind]++
		bp := p + "." + name
		if n := count[b.kind]; n > 1 {
			bp += "-" + strconv.Itoa(n)
		}
		blk := cblock{kind: name}
		for i, it := range b.items {
			text := d.org.templated(it, true)
			blk.ids = append(blk.ids, d.msg(bp+"."+strconv.Itoa(i+1), text, fmt.Sprintf(desc, where, i+1, len(b.items))))
			ers.points = append(ers.points, d.draftPoint(p, text))
		}
		if b.source != "" {
			blk.source = d.msg(bp+".source", d.org.templated(b.source, true), "The source of the quotation, set under it.")
		}
		cs.blocks = append(cs.blocks, blk)
	}
	if len(cs.blocks) == 0 && cs.heading == "" {
		return
	}
	d.secs = append(d.secs, cs)
	if len(ers.points) > 0 && !d.example {
		d.er = append(d.er, ers)
	}
}

// draftPoint returns an easy-read point still to be written: the text's
// sentences, one message each, beside a question mark.
func (d *draft) draftPoint(p, text string) point {
	if d.example {
		return point{}
	}
	pt := point{picture: "question", todo: true, comment: "TODO: the picture of its idea"}
	for _, s := range sentences(text) {
		n := 1
		for d.ids["er."+p+"."+strconv.Itoa(n)] {
			n++
		}
		pt.ids = append(pt.ids, d.msg("er."+p+"."+strconv.Itoa(n), s, "Easy read: one sentence. A draft copied from the leaflet: rewrite it in short, plain words, 15 or fewer."))
	}
	d.todo++
	return pt
}

// back adds the back cover: the contact section's heading and paragraphs,
// its contact details as one contact block, and the offer of other
// languages and formats last.
func (d *draft) back(s section, offer string) {
	heading := s.heading
	if heading == "" {
		heading = "Contact us"
	}
	cs := csection{place: "back", comment: "The back cover: how to get in touch.",
		heading: d.msg("contact.heading", heading, "Heading of the contact section on the back cover.")}
	taken := newNames()
	at := -1 // the contact block's index in cs.blocks
	addLine := func(base, text, desc string) {
		if at < 0 {
			at = len(cs.blocks)
			cs.blocks = append(cs.blocks, cblock{kind: "contact", comment: "One message per line, kept together."})
		}
		cs.blocks[at].ids = append(cs.blocks[at].ids, d.msg("contact."+taken.take(base), text, desc))
	}
	nPara := 0
	for _, b := range s.blocks {
		switch {
		case b.kind == para && contactParagraph(b.items[0]):
			d.contactLines(b.items[0], addLine)
		case b.kind == para:
			nPara++
			id := "contact.intro"
			if nPara > 1 {
				id = "contact." + taken.take(strconv.Itoa(nPara))
			}
			cs.blocks = append(cs.blocks, cblock{kind: "paragraph", ids: []string{d.msg(id, d.org.templated(oneLine(b.items[0]), true), fmt.Sprintf("Paragraph %d of the contact section.", nPara))}})
		default:
			blk := cblock{kind: "list"}
			if b.kind == quote {
				blk.kind = "quote"
			}
			lp := "contact." + taken.take(blk.kind)
			for i, it := range b.items {
				blk.ids = append(blk.ids, d.msg(lp+"."+strconv.Itoa(i+1), d.org.templated(it, true), fmt.Sprintf("The contact section: item %d of %d.", i+1, len(b.items))))
			}
			cs.blocks = append(cs.blocks, blk)
		}
	}
	if at < 0 {
		// no contact lines in the document: the facts it gives
		if d.named {
			addLine("organisation", "**{{.Name}}**", "The organisation's name in the contact block.")
		}
		if len(d.org.address) > 0 {
			addLine("address", "{{.Address}}", "The postal address in the contact block, one line per address line.")
		}
		if d.org.phone != "" {
			addLine("phone", "Tel: {{.Phone}}", "The telephone number in the contact block.")
		}
		if d.org.email != "" {
			addLine("email", "Email: {{.Email}}", "The email address in the contact block.")
		}
		if at < 0 {
			addLine("organisation", "**{{.Name}}**", "The organisation's name in the contact block.")
		}
	}
	if offer != "" {
		cs.blocks = append(cs.blocks, cblock{kind: "paragraph", ids: []string{d.msg("contact.formats", d.org.templated(offer, true), "The offer of other languages and formats, at the end of the leaflet.")}})
	}
	d.secs = append(d.secs, cs)
}

// contactLines adds a contact paragraph's lines to the contact block: the
// organisation's name and address as {{.Name}} and {{.Address}}, each
// phone, email and web address line with its label.
func (d *draft) contactLines(markup string, add func(base, text, desc string)) {
	raw := strings.Split(markup, "\n")
	var ls []string
	for _, l := range raw {
		if strings.TrimSpace(l) != "" {
			ls = append(ls, strings.TrimSpace(l))
		}
	}
	for i := 0; i < len(ls); i++ {
		plain := strings.TrimSpace(stripMarkup(ls[i]))
		kind := contactLine(plain)
		switch {
		case kind == lineAddress && len(d.org.address) > 0 && strings.Contains(plain, d.org.address[len(d.org.address)-1]):
			// the lines before it in the paragraph are the name, labels
			// and the address's first lines, already read
			var labels []string
			for _, l := range ls[:i] {
				p := strings.TrimSpace(stripMarkup(l))
				if strings.HasSuffix(p, ":") {
					labels = append(labels, l)
				}
			}
			if d.named && (strings.Contains(plain, d.org.name) || containsLine(ls[:i], d.org.name)) {
				add("organisation", "**{{.Name}}**", "The organisation's name in the contact block.")
			}
			text := "{{.Address}}"
			if len(labels) > 0 {
				text = strings.Join(labels, "\n") + "\n" + text
			}
			add("address", text, "The postal address in the contact block, one line per address line.")
		case kind == lineAddress:
			add("address", plain, "Another address in the contact block.")
		case kind == linePhone:
			add("phone", d.org.templated(ls[i], false), "A telephone number in the contact block.")
		case kind == lineEmail:
			add("email", d.org.templated(ls[i], false), "An email address in the contact block.")
		case kind == lineWebsite:
			add("website", d.org.templated(ls[i], false), "A web address in the contact block.")
		default:
			if d.addressLine(ls, i) {
				continue // part of the address, set as {{.Address}}
			}
			add("line", d.org.templated(ls[i], true), "A line of the contact block.")
		}
	}
}

// addressLine reports whether line i of a contact paragraph is the
// organisation's name, a label or an address line before the postcode.
func (d *draft) addressLine(ls []string, i int) bool {
	plain := strings.TrimSpace(stripMarkup(ls[i]))
	for j := i + 1; j < len(ls); j++ {
		if contactLine(stripMarkup(ls[j])) == lineAddress {
			if plain == d.org.name || strings.HasSuffix(plain, ":") {
				return true
			}
			for _, a := range d.org.address {
				if a == plain {
					return true
				}
			}
		}
	}
	return false
}

func containsLine(ls []string, s string) bool {
	for _, l := range ls {
		if strings.TrimSpace(stripMarkup(l)) == s {
			return true
		}
	}
	return false
}

// system adds the messages the builder sets itself.
func (d *draft) system() {
	d.msg("language.name", "English", "The name of this bundle's language, written in that language (e.g. “Polski”, “اردو”), for the list of languages the leaflet can be had in.")
	offer := "For this leaflet in English, call {{.Phone}}."
	switch {
	case d.org.phone != "":
	case d.org.email != "":
		offer = "For this leaflet in English, email {{.Email}}."
	default:
		offer = "For this leaflet in English, ask {{.Name}}."
	}
	d.msg("request.language", offer, "A short offer, in this bundle's language, to send the leaflet in that language. It is set after the language's name; the email address is given once, under the list.")
	d.msg("notice.draft", "Draft translation: not yet checked by a qualified translator.", "Printed on leaflets built from a translation that a qualified translator has not yet checked. Translate it into this bundle's language.")
	d.msg("page.number", "Page {{.Page}} of {{.Pages}}", "The page number at the foot of each page of the large-print and easy-read editions.")
}

// easyRead drafts the easy read's contact section (written, not to do)
// and adds the messages of the pictures used.
func (d *draft) easyRead(contact section) {
	heading := contact.heading
	if heading == "" {
		heading = "Contact us"
	}
	ers := erSection{heading: d.msg("er.contact.heading", heading, "Easy read: heading of the contact page at the end.")}
	if d.org.phone != "" {
		ers.points = append(ers.points, point{picture: "phone", ids: []string{d.msg("er.contact.phone", "Phone us on {{.Phone}}", "Easy read: the phone number.")}})
	}
	if d.org.email != "" {
		ers.points = append(ers.points, point{picture: "email", ids: []string{d.msg("er.contact.email", "Email us at {{.Email}}", "Easy read: the email address.")}})
	}
	if len(d.org.address) > 0 {
		ers.points = append(ers.points, point{picture: "letter", ids: []string{d.msg("er.contact.address", "Write to us at:\n{{.Address}}", "Easy read: the postal address, on the lines after it.")}})
	}
	offer := point{picture: "talk", offer: true, comment: "The offer in other languages: the first sentence, then the name of every\nlanguage the leaflet is in, each in its own script, then the rest."}
	offer.ids = append(offer.ids, d.msg("er.languages.intro", "You can get this leaflet in other languages.", "Easy read: comes before the names of the languages the leaflet is in, each written in its own language."))
	if d.org.phone != "" {
		offer.ids = append(offer.ids, d.msg("er.languages.phone", "Phone us on {{.Phone}} to ask for one.", "Easy read: comes after the names of the languages."))
	}
	ers.points = append(ers.points, offer)
	d.er = append(d.er, ers)
	d.msg("er.label", "Easy read", "Easy read: the words “Easy read” on the cover of the easy-read edition.")
	d.erCover = "people"

	alts := map[string][2]string{
		"question": {"A question mark", "Alt text of a picture of a question mark in a circle (standing in until a point has its own picture)."},
		"phone":    {"A telephone", "Alt text of a picture of a telephone."},
		"email":    {"Email on a computer", "Alt text of the picture for email."},
		"letter":   {"Writing a letter", "Alt text of a picture of a notepad and a pencil, standing for writing a letter."},
		"talk":     {"A speech bubble", "Alt text of a picture of a speech bubble."},
		"document": {"A document", "Alt text of a picture of a document."},
		"book":     {"A book", "Alt text of a picture of an open book."},
		"info":     {"The letter i, for information", "Alt text of a picture of the letter i in a circle."},
		"ok":       {"A smiling face", "Alt text of a picture of a smiling face."},
		"search":   {"A magnifying glass", "Alt text of a picture of a magnifying glass."},
		"warning":  {"A warning sign", "Alt text of a warning sign."},
		"people":   {"Two people", "Alt text of a picture of two people, on the covers."},
	}
	seen := map[string]bool{}
	alt := func(name string) {
		if !seen[name] {
			seen[name] = true
			a := alts[name]
			d.msg("picture."+name, a[0], a[1])
		}
	}
	alt(d.erCover)
	for _, s := range d.er {
		for _, p := range s.points {
			alt(p.picture)
		}
	}
}

// titleIndex returns the section whose heading is the title: the one
// heading of the first rank when it comes first ("# Title"); else the
// first heading with nothing under it before a heading of its rank or the
// end; else the first heading; -1 when there is none.
func titleIndex(secs []section) int {
	first, top, count := -1, 7, 0
	for i, s := range secs {
		if s.heading == "" {
			continue
		}
		if first < 0 {
			first = i
		}
		if s.level < top {
			top, count = s.level, 0
		}
		if s.level == top {
			count++
		}
	}
	if first < 0 {
		return -1
	}
	if secs[first].level == top && count == 1 {
		return first
	}
	for i, s := range secs {
		if s.heading == "" || len(s.blocks) > 0 {
			continue
		}
		if i+1 == len(secs) || secs[i+1].level <= s.level {
			return i
		}
	}
	return first
}

// contactIndex returns the section with the most contact details (phone,
// email and web addresses, addresses on lines of their own), or -1.
func contactIndex(secs []section, title int) int {
	best, most := -1, 0
	for i, s := range secs {
		if i == title {
			continue
		}
		n := 0
		for _, b := range s.blocks {
			if b.kind == para && contactParagraph(b.items[0]) {
				n += len(lines(b.items[0]))
			}
		}
		if n > most {
			best, most = i, n
		}
	}
	return best
}

// takeOffer removes the document's offer of other languages and formats
// (its first paragraph saying so) and returns it.
func takeOffer(secs []section) string {
	for i := range secs {
		for j, b := range secs[i].blocks {
			if b.kind == para && offerRe.MatchString(stripMarkup(b.items[0])) && !contactParagraph(b.items[0]) {
				secs[i].blocks = append(secs[i].blocks[:j:j], secs[i].blocks[j+1:]...)
				return oneLine(b.items[0])
			}
		}
	}
	return ""
}

// splitTitle splits a title where it divides naturally into a title and
// a subtitle: at a colon or a dash between words ("CSE: a guide",
// "CSE – a guide"), or after a bracket that closes before more words
// ("Child Sexual Exploitation (CSE) Information Leaflet").
func splitTitle(t string) (title, subtitle string) {
	for _, sep := range []string{": ", " – ", " — ", " - "} {
		if i := strings.Index(t, sep); i > 0 && i+len(sep) < len(t) {
			// the subtitle set on a line of its own starts with a capital
			sub := []rune(strings.TrimSpace(t[i+len(sep):]))
			sub[0] = unicode.ToUpper(sub[0])
			return strings.TrimSpace(t[:i]), string(sub)
		}
	}
	if i := strings.LastIndex(t, ") "); i > 0 {
		head, rest := t[:i+1], strings.TrimSpace(t[i+2:])
		if len(strings.Fields(head)) >= 2 && rest != "" && !strings.ContainsAny(rest, "()") {
			return head, rest
		}
	}
	return t, ""
}

// sentences splits a paragraph into its sentences: after a full stop,
// question or exclamation mark (and any closing quotation mark) followed
// by a space and a capital, a digit or an opening quotation mark.
func sentences(s string) []string {
	var out []string
	start := 0
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		if !strings.ContainsRune(".!?", rs[i]) {
			continue
		}
		j := i + 1
		for j < len(rs) && strings.ContainsRune(`"”’')*`, rs[j]) {
			j++
		}
		if j >= len(rs) || rs[j] != ' ' || j+1 >= len(rs) {
			continue
		}
		next := rs[j+1]
		if !unicode.IsUpper(next) && !unicode.IsDigit(next) && !strings.ContainsRune(`"“‘'`, next) {
			continue
		}
		piece := string(rs[start:j])
		if balanced(piece) {
			out = append(out, strings.TrimSpace(piece))
			start = j + 1
		}
	}
	if rest := strings.TrimSpace(string(rs[start:])); rest != "" {
		out = append(out, rest)
	}
	return out
}

// balanced reports whether a piece of markup opens no strong text or link
// it does not close.
func balanced(s string) bool {
	return strings.Count(strings.ReplaceAll(s, `\*`, ""), "**")%2 == 0 &&
		strings.Count(strings.ReplaceAll(s, `\[`, ""), "[") == strings.Count(s, "](")
}

// exampleEasyRead writes the example's easy read: points as they should
// be, each sentence short, each picture its idea's.
func (d *draft) exampleEasyRead() {
	for _, s := range []struct {
		id, heading string
		points      [][]string // the picture, then the sentences
	}{
		{"about", "About this leaflet", [][]string{
			{"document", "This leaflet is an example.", "Change its words to make your own."},
			{"book", "Each sentence is one message in the English file."},
		}},
		{"how", "How to write easy read", [][]string{
			{"info", "Use short sentences of 15 words or fewer."},
			{"ok", "Put one idea in each sentence."},
			{"search", "Give each point a picture of its idea."},
			{"warning", "Put hard words in **bold**.", "Say what they mean in the next sentence."},
		}},
	} {
		ers := erSection{heading: d.msg("er."+s.id+".heading", s.heading, "Easy read: a section heading.")}
		n := 0
		for _, p := range s.points {
			pt := point{picture: p[0]}
			for _, t := range p[1:] {
				n++
				pt.ids = append(pt.ids, d.msg(fmt.Sprintf("er.%s.%d", s.id, n), t, "Easy read: one sentence."))
			}
			ers.points = append(ers.points, pt)
		}
		d.er = append(d.er, ers)
	}
}
