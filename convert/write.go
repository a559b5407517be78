// SPDX-License-Identifier: MIT

package convert

import (
	"fmt"
	"sort"
	"strings"

	"leaflet/internal/tomlquote"
)

// content returns the text of leaflet.toml, every key explained.
func (d *draft) content() []byte {
	var w tomlWriter
	id := d.opt.ID
	w.comment(fmt.Sprintf("The leaflet %q: its structure, in reading order. Words are never written\n"+
		"here, only message IDs: the words are in locales/%s/active.en.toml, one\n"+
		"message per heading, paragraph, list item or line. Every key is explained\n"+
		"where it is used; the whole format is in docs/formats.md.", id, id))
	if d.opt.From != "" {
		w.comment("\nDrafted by 'leaflet new' from " + d.opt.From + ": look for the lines marked TODO.")
	} else {
		w.comment("\nAn example to start from: written by 'leaflet new'. Change the words in\n" +
			"the bundle, the facts under [organisation], and the sections here.")
	}
	w.comment("Build it with: leaflet build --source <the folder holding content/ and\nlocales/> --leaflet " + id)
	w.blank()
	if !d.opt.Published.IsZero() {
		w.comment("The date this edition was published, a TOML date (no quotes): the\nPDFs' creation date unless SOURCE_DATE_EPOCH is set.")
		w.line("published = " + d.opt.Published.Format("2006-01-02"))
		w.blank()
	}
	w.comment("The language the words are written in: its bundle is\nlocales/" + id + "/active.en.toml. Translations are active.<tag>.toml beside it.")
	w.line(`source_language = "en"`)
	w.blank()
	if d.qr {
		w.comment("true prints a QR code of the organisation's website on the tri-fold's\nback cover, with the address under it; false leaves it out.")
		w.line("qr = true")
	} else {
		w.comment("qr = true would print a QR code of the organisation's website on the\ntri-fold's back cover; it needs website under [organisation].")
		w.line("qr = false")
	}
	w.blank()

	o := d.org
	w.comment("The organisation's facts, never translated. Messages use them as\n" +
		"template data: {{.Name}}, {{.ShortName}}, {{.Address}} (one line each),\n" +
		"{{.Phone}}, {{.Email}} and {{.Website}}; a fact changed here changes in\n" +
		"every language.")
	w.line("[organisation]")
	w.comment("Its name (required): at the top of the front cover, and the PDFs' author.")
	if !d.named {
		w.comment("TODO: the document named no organisation: write its name.")
	}
	w.line("name = " + tomlquote.Quote(o.name))
	w.comment("A short name or initials, for {{.ShortName}}.")
	if o.short != "" {
		w.line("short_name = " + tomlquote.Quote(o.short))
	} else {
		w.line(`# short_name = "RSP"`)
	}
	w.comment("The postal address, one string per printed line.")
	if o.guessed != "" {
		w.comment("TODO: check the lines: they were guessed from one line of the document,\n" + o.guessed)
	}
	if len(o.address) > 0 {
		q := make([]string, len(o.address))
		for i, a := range o.address {
			q[i] = tomlquote.Quote(a)
		}
		w.line("address = [" + strings.Join(q, ", ") + "]")
	} else {
		w.line(`# address = ["Town Hall", "High Street", "Riverside", "RV1 2AB"]`)
	}
	w.comment("The phone number, in Western digits: each language prints it in its own.\n" +
		"A number with a leading 0 is read as a UK one (01604 364036 dials\n" +
		"+44 1604 364036); write the country code for a number elsewhere.")
	fact := func(key, v, example string) {
		if v != "" {
			w.line(key + " = " + tomlquote.Quote(v))
		} else {
			w.line("# " + key + " = " + tomlquote.Quote(example))
		}
	}
	fact("phone", o.phone, "01234 567890")
	w.comment("The email address and the website; both become links by themselves.")
	fact("email", o.email, "hello@example.org")
	fact("website", o.website, "www.example.org")
	w.comment("A logo for the foot of the front cover: a PNG or JPEG (about 470 pixels\n" +
		"across prints sharp) or a one-colour SVG, relative to content/" + id + "/.")
	w.line(`# logo = "logo.png"`)
	w.blank()

	w.comment("The sections, in reading order. Each has a place — \"cover\" (the front\n" +
		"cover), \"inside\" (the default: the three inside panels, in this order),\n" +
		"\"flap\" (the narrow outside panel seen on opening the cover) or \"back\"\n" +
		"(the back cover) — an optional heading (a message ID) and blocks. Each\n" +
		"block has exactly one of: title, subtitle, audience (who the leaflet is\n" +
		"for), action (a call to action with {{.Phone}}), paragraph, list (one\n" +
		"message per item), quote (one per paragraph, with an optional source),\n" +
		"contact (one per line, kept together) or languages.")
	for _, s := range d.secs {
		w.blank()
		if s.comment != "" {
			w.comment(s.comment)
		}
		w.line("[[section]]")
		if s.place != "inside" {
			w.line("place = " + tomlquote.Quote(s.place))
		}
		if s.heading != "" {
			w.line("heading = " + tomlquote.Quote(s.heading))
		}
		for _, b := range s.blocks {
			w.blank()
			if b.comment != "" {
				w.indent("  ").comment(b.comment)
			}
			w.line("  [[section.block]]")
			switch b.kind {
			case "title", "subtitle", "audience", "action", "paragraph":
				w.line("  " + b.kind + " = " + tomlquote.Quote(b.ids[0]))
			case "languages":
				w.line("  languages = []")
			default:
				w.line("  " + b.kind + " = " + tomlList(b.ids, "  "))
				if b.source != "" {
					w.line("  source = " + tomlquote.Quote(b.source))
				}
			}
			if !hasBlock(s, "audience") && (b.kind == "subtitle" || (b.kind == "title" && !hasBlock(s, "subtitle"))) {
				w.blank()
				w.line("  # Who the leaflet is for, under the title; add the message")
				w.line("  # [cover.audience] to the bundle (it is there, commented out).")
				w.line("  # [[section.block]]")
				w.line(`  # audience = "cover.audience"`)
			}
		}
	}
	w.blank()
	d.writeEasyRead(&w)
	return w.bytes()
}

func hasBlock(s csection, kind string) bool {
	for _, b := range s.blocks {
		if b.kind == kind {
			return true
		}
	}
	return false
}

func (d *draft) writeEasyRead(w *tomlWriter) {
	w.comment("The easy-read edition: its own short sentences, one message each, of 15\n" +
		"words or fewer, with a picture beside every point. label is the words\n" +
		"\"Easy read\" on the cover; cover the picture on it, also drawn on the\n" +
		"tri-fold's cover. Each section has a heading and points; each\n" +
		"point a picture, text (its sentences' message IDs) and, for a picture of\n" +
		"the leaflet's own, alt = \"<message ID>\". A picture is a built-in name\n" +
		"(the list is in pictures/README.md) or a PNG or JPEG file relative to\n" +
		"content/" + d.opt.ID + "/, and means one thing throughout. languages = [] makes a\n" +
		"point the offer in other languages; todo = true marks a point still to\n" +
		"be written: 'leaflet check' and 'leaflet build' warn about it until it goes.")
	if d.todo > 0 {
		w.comment(fmt.Sprintf("\nTODO: this easy read is a first draft: one point per paragraph, its\n"+
			"sentences copied from the leaflet, beside a question mark. Each of its %d\n"+
			"points says todo = true, and 'leaflet check' and 'leaflet build' warn\n"+
			"about it until it is written: give it the picture of its idea, rewrite\n"+
			"its sentences in short, plain words (in the bundle, er.*), then remove\n"+
			"todo = true. Leave out points an easy read does not need.", d.todo))
	}
	w.line("[easy_read]")
	w.line(`label = "er.label"`)
	w.line("cover = " + tomlquote.Quote(d.erCover) + "  # the picture of what the leaflet is about, on its covers")
	for _, s := range d.er {
		w.blank()
		w.line("[[easy_read.section]]")
		if s.heading != "" {
			w.line("heading = " + tomlquote.Quote(s.heading))
		}
		for _, p := range s.points {
			w.blank()
			if p.comment != "" && !p.todo {
				w.indent("  ").comment(p.comment)
			}
			w.line("  [[easy_read.section.point]]")
			pic := "  picture = " + tomlquote.Quote(p.picture)
			if p.todo {
				pic += "  # " + p.comment
			}
			w.line(pic)
			w.line("  text = " + tomlList(p.ids, "  "))
			if p.offer {
				w.line("  languages = []")
			}
			if p.todo {
				w.line("  todo = true")
			}
		}
	}
}

// bundle returns the text of active.en.toml.
func (d *draft) bundle() []byte {
	var w tomlWriter
	w.comment(fmt.Sprintf("English messages of the leaflet %q: the source language. Each message\n"+
		"is a table named by its ID (the content file places it), with a\n"+
		"description for translators and the text in other. Inline markup:\n"+
		"**strong text**; [words](target) for a link; \\* for a literal asterisk.\n"+
		"Email addresses, web addresses and phone numbers become links by\n"+
		"themselves. Template data, the organisation's facts from leaflet.toml:\n"+
		"{{.Name}}, {{.ShortName}}, {{.Address}}, {{.Phone}}, {{.Email}},\n"+
		"{{.Website}}. See docs/formats.md.", d.opt.ID))
	// the bundle in the reader's order: the cover, the sections, then the
	// builder's own messages, the easy read and its pictures
	msgs := append([]message(nil), d.msgs...)
	rank := map[string]int{"cover": 0, "text": 1, "system": 2, "er": 3, "picture": 4}
	sort.SliceStable(msgs, func(i, j int) bool { return rank[groupOf(msgs[i].id)] < rank[groupOf(msgs[j].id)] })
	group := ""
	for _, m := range msgs {
		g := groupOf(m.id)
		if g != group {
			w.blank()
			if c := groupComment(g); c != "" {
				w.comment(c)
				w.blank()
			}
			group = g
		} else {
			w.blank()
		}
		w.line("[" + m.id + "]")
		w.line("description = " + tomlquote.Quote(m.desc))
		w.line("other = " + tomlquote.Quote(m.text))
		if m.id == "cover.title" && !d.ids["cover.audience"] {
			w.blank()
			w.line("# Who the leaflet is for, on the front cover under the title; to use it,")
			w.line("# remove the # before these lines and before audience in leaflet.toml.")
			w.line("# [cover.audience]")
			w.line(`# description = "The front cover: who the leaflet is for, under the subtitle."`)
			w.line(`# other = "For parents, carers and professionals"`)
		}
	}
	return w.bytes()
}

// groupOf returns the group a message is written in: the front cover, the
// builder's own messages, the easy read, its pictures, or the others.
func groupOf(id string) string {
	switch {
	case strings.HasPrefix(id, "cover."):
		return "cover"
	case id == "language.name" || id == "request.language" || id == "notice.draft" || id == "page.number":
		return "system"
	case strings.HasPrefix(id, "er."):
		return "er"
	case strings.HasPrefix(id, "picture."):
		return "picture"
	}
	return "text"
}

func groupComment(g string) string {
	switch g {
	case "cover":
		return "The front cover."
	case "text":
		return "The leaflet's sections, in reading order."
	case "system":
		return "Messages the builder sets itself: the language's name and the offer of\n" +
			"the leaflet in it (in other languages' lists of languages), the notice on\n" +
			"draft translations, and the page number of the page editions."
	case "er":
		return "Easy read: short sentences of 15 words or fewer, one idea each. Hard\n" +
			"words are in bold and explained in the next sentence."
	case "picture":
		return "Alt text of the easy-read pictures: what each shows, for screen readers."
	}
	return ""
}

// tomlWriter writes TOML text line by line.
type tomlWriter struct {
	b      strings.Builder
	prefix string
}

func (w *tomlWriter) line(s string) { w.b.WriteString(s + "\n") }

func (w *tomlWriter) blank() {
	if s := w.b.String(); w.b.Len() > 0 && !strings.HasSuffix(s, "\n\n") {
		w.b.WriteString("\n")
	}
}

// comment writes text as comment lines; a line break in it starts a new
// comment line, an empty one a line of its own.
func (w *tomlWriter) comment(s string) {
	for _, l := range strings.Split(s, "\n") {
		if l == "" {
			w.line(w.prefix + "#")
			continue
		}
		w.line(w.prefix + "# " + l)
	}
	w.prefix = ""
}

// indent sets the indent of the next comment.
func (w *tomlWriter) indent(p string) *tomlWriter {
	w.prefix = p
	return w
}

func (w *tomlWriter) bytes() []byte { return []byte(w.b.String()) }

// tomlList writes a list of strings, one a line when they do not fit one.
func tomlList(ids []string, indent string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = tomlquote.Quote(id)
	}
	one := "[" + strings.Join(q, ", ") + "]"
	if len(one)+len(indent)+10 <= 80 {
		return one
	}
	return "[\n" + indent + "  " + strings.Join(q, ",\n"+indent+"  ") + ",\n" + indent + "]"
}
