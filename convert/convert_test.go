// SPDX-License-Identifier: MIT

package convert

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// convert converts a document and returns its messages (ID → text) and
// its content file, decoded.
func convert(t *testing.T, doc string) (map[string]string, map[string]any, *Files) {
	t.Helper()
	f, err := Document([]byte(doc), Options{ID: "t", From: "doc.md"})
	if err != nil {
		t.Fatal(err)
	}
	var bundle, content map[string]any
	if _, err := toml.Decode(string(f.Bundle), &bundle); err != nil {
		t.Fatalf("the bundle is not TOML: %v\n%s", err, f.Bundle)
	}
	if _, err := toml.Decode(string(f.Content), &content); err != nil {
		t.Fatalf("the content file is not TOML: %v\n%s", err, f.Content)
	}
	msgs := map[string]string{}
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		if other, ok := m["other"].(string); ok {
			msgs[prefix] = other
			return
		}
		for k, v := range m {
			if sub, ok := v.(map[string]any); ok {
				walk(strings.TrimPrefix(prefix+"."+k, "."), sub)
			}
		}
	}
	walk("", bundle)
	return msgs, content, f
}

// placed returns the message IDs the content file places in its
// sections, in order, each as "kind:id".
func placed(content map[string]any) []string {
	var out []string
	for _, s := range content["section"].([]map[string]any) {
		if h, ok := s["heading"].(string); ok {
			out = append(out, "heading:"+h)
		}
		blocks, _ := s["block"].([]map[string]any)
		for _, b := range blocks {
			keys := make([]string, 0, len(b))
			for k := range b {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				switch v := b[k].(type) {
				case string:
					out = append(out, k+":"+v)
				case []any:
					for _, id := range v {
						out = append(out, k+":"+id.(string))
					}
					if len(v) == 0 {
						out = append(out, k+":[]")
					}
				}
			}
		}
	}
	return out
}

func TestHeadingsMakeStableReadableIDs(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  string
		want []string // section heading IDs, in order, after the cover's
	}{
		{"an abbreviated phrase gives its abbreviation",
			"# Leaflet\n\n## What is Child Sexual Exploitation (CSE)?\n\nText.\n\n## Recognise the signs of Child Sexual Exploitation\n\nText.\n",
			[]string{"what-is-cse.heading", "recognise-signs-cse.heading"}},
		{"stop words go and three words stay",
			"# Leaflet\n\n## The toolkit for all of the professionals in the county\n\nText.\n",
			[]string{"toolkit-all-professionals.heading"}},
		{"the same heading twice is numbered",
			"# Leaflet\n\n## Signs\n\nA.\n\n## Signs\n\nB.\n",
			[]string{"signs.heading", "signs-2.heading"}},
		{"accents are dropped, other scripts and punctuation too",
			"# Leaflet\n\n## Où aller — l’aide près de chez vous\n\nText.\n\n## ¿?\n\nText.\n",
			[]string{"ou-aller-laide.heading", "section.heading"}},
		{"a heading that makes an ID of the leaflet's own gets a number",
			"# Leaflet\n\n## Contact\n\nText.\n\n## Other\n\nText.\n",
			[]string{"contact-2.heading", "other-2.heading"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, content, _ := convert(t, tc.doc)
			var got []string
			for _, p := range placed(content) {
				if id, ok := strings.CutPrefix(p, "heading:"); ok && id != "languages.heading" && id != "contact.heading" {
					got = append(got, id)
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q; want %q", got, tc.want)
			}
		})
	}
}

func TestBlocksBecomeMessagesInTheBundlesMarkup(t *testing.T) {
	for _, tc := range []struct {
		name   string
		doc    string
		placed []string          // in order, from the first inside block
		msgs   map[string]string // among the messages
	}{
		{"paragraphs: intro, then numbered",
			"# T\n\n## Help\n\nFirst.\n\nSecond\nline.\n\nThird.\n",
			[]string{"heading:help.heading", "paragraph:help.intro", "paragraph:help.2", "paragraph:help.3"},
			map[string]string{"help.intro": "First.", "help.2": "Second line.", "help.heading": "Help"}},
		{"a bulleted list, one message per item, nested items flattened",
			"# T\n\n## Signs\n\nLook for:\n\n- one\n- two\n  - two and a half\n* three\n",
			[]string{"heading:signs.heading", "paragraph:signs.intro", "list:signs.list.1", "list:signs.list.2", "list:signs.list.3", "list:signs.list-2.1"},
			map[string]string{"signs.list.3": "two and a half", "signs.list-2.1": "three"}},
		{"an ordered list is a list",
			"# T\n\n## Steps\n\n1. Call.\n2. Wait.\n",
			[]string{"heading:steps.heading", "list:steps.list.1", "list:steps.list.2"},
			map[string]string{"steps.list.2": "Wait."}},
		{"a block quote, its source after a dash",
			"# T\n\n## Words\n\n> “One.”\n>\n> Two.\n>\n> — NWG definition\n",
			[]string{"heading:words.heading", "quote:words.quote.1", "quote:words.quote.2", "source:words.quote.source"},
			map[string]string{"words.quote.1": "“One.”", "words.quote.source": "NWG definition"}},
		{"strong text and links",
			"# T\n\n## Read\n\nRead **this** and [our guide](https://example.org/guide), or <https://example.org/more>.\n",
			nil,
			map[string]string{"read.intro": "Read **this** and [our guide](https://example.org/guide), or https://example.org/more."}},
		{"italic is plain, code is its text, a picture is left out, escapes stay literal",
			"# T\n\n## Odd\n\nAn *italic* `code` ![a picture](p.png) \\*star\\* and \\[bracket].\n",
			nil,
			map[string]string{"odd.intro": `An italic code \*star\* and \[bracket].`}},
		{"a link whose words are its address is the address",
			"# T\n\n## Web\n\nSee [www.example.org](https://www.example.org) or [hello@example.org](mailto:hello@example.org).\n",
			nil,
			map[string]string{"web.intro": "See {{.Website}} or {{.Email}}."}},
		{"text before the first heading opens the inside, untitled",
			"Welcome to the leaflet.\n\n# Title\n\n## More\n\nText.\n",
			[]string{"paragraph:intro.intro", "heading:more.heading", "paragraph:more.intro"},
			map[string]string{"intro.intro": "Welcome to the leaflet.", "cover.title": "Title"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msgs, content, f := convert(t, tc.doc)
			if tc.placed != nil {
				got := placed(content)
				// after the cover's blocks, before the flap
				var inside []string
				for _, p := range got {
					if strings.HasPrefix(p, "languages") || p == "heading:languages.heading" {
						break
					}
					if !strings.HasPrefix(p, "title:") && !strings.HasPrefix(p, "subtitle:") && !strings.HasPrefix(p, "action:") {
						inside = append(inside, p)
					}
				}
				if !reflect.DeepEqual(inside, tc.placed) {
					t.Errorf("placed %q; want %q", inside, tc.placed)
				}
			}
			for id, want := range tc.msgs {
				if msgs[id] != want {
					t.Errorf("message %s: got %q; want %q\n%s", id, msgs[id], want, f.Bundle)
				}
			}
		})
	}
}

func TestTheOrganisationsFactsAreRecognisedAndBecomeTemplateData(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  string
		org  map[string]any
		msgs map[string]string
	}{
		{"the seed's contact section: one run-on address line, Tel and E-Mail",
			"Contact Us\n\nThe NSCB Business Office can be contacted on the details below:\n\n" +
				"Northamptonshire Safeguarding Children Board John Dryden House 8-10 The Lakes Northampton NN4 7YD\n\n" +
				"Tel: 01604 364036\n\nE-Mail: nscb@northamptonshire.gcsx.gov.uk\n\nA Leaflet\n\nVisit Us\n\nSee www.northamptonshirescb.org.uk or call 01604 364036.\n",
			map[string]any{"name": "Northamptonshire Safeguarding Children Board", "short_name": "NSCB",
				"address": []any{"John Dryden House", "8-10 The Lakes", "Northampton", "NN4 7YD"},
				"phone":   "01604 364036", "email": "nscb@northamptonshire.gcsx.gov.uk", "website": "www.northamptonshirescb.org.uk"},
			map[string]string{"contact.heading": "Contact Us", "contact.intro": "The {{.ShortName}} Business Office can be contacted on the details below:",
				"contact.organisation": "**{{.Name}}**", "contact.address": "{{.Address}}", "contact.phone": "Tel: {{.Phone}}",
				"contact.email": "E-Mail: {{.Email}}", "visit-us.intro": "See {{.Website}} or call {{.Phone}}.", "cover.title": "A Leaflet"}},
		{"an address on lines of its own, after the organisation's name",
			"# Help\n\n## Get in touch\n\nRiverside Safeguarding Partnership  \nTown Hall  \nHigh Street  \nRiverside RV1 2AB\n\nPhone: +44 1234 567890  \nEmail: help@riverside.example\n",
			map[string]any{"name": "Riverside Safeguarding Partnership", "address": []any{"Town Hall", "High Street", "Riverside RV1 2AB"},
				"phone": "+44 1234 567890", "email": "help@riverside.example"},
			map[string]string{"contact.heading": "Get in touch", "contact.phone": "Phone: {{.Phone}}", "contact.email": "Email: {{.Email}}", "contact.address": "{{.Address}}"}},
		{"an address with commas, a label before it",
			"# Help\n\n## Write to us\n\nWrite to us at:\nTown Council, 1 Market Square, Oldtown, OT1 1AA\n\nwww.oldtown.example\n",
			map[string]any{"name": "Town Council", "address": []any{"1 Market Square", "Oldtown", "OT1 1AA"}, "website": "www.oldtown.example"},
			map[string]string{"contact.address": "Write to us at:\n{{.Address}}", "contact.website": "{{.Website}}"}},
		{"facts only in sentences: no contact section in the document, one on the back all the same",
			"# Help\n\n## Talk to us\n\nCall us on 0800 123 4567 or email talk@help.example any day.\n",
			map[string]any{"name": "Your organisation", "phone": "0800 123 4567", "email": "talk@help.example"},
			map[string]string{"talk-to-us.intro": "Call us on {{.Phone}} or email {{.Email}} any day.", "contact.heading": "Contact us",
				"contact.phone": "Tel: {{.Phone}}", "contact.email": "Email: {{.Email}}"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msgs, content, f := convert(t, tc.doc)
			org := content["organisation"].(map[string]any)
			for k, want := range tc.org {
				if !reflect.DeepEqual(org[k], want) {
					t.Errorf("organisation %s: got %#v; want %#v", k, org[k], want)
				}
			}
			for id, want := range tc.msgs {
				if msgs[id] != want {
					t.Errorf("message %s: got %q; want %q\n%s", id, msgs[id], want, f.Bundle)
				}
			}
		})
	}
}

func TestTheOfferOfOtherLanguagesEndsTheContactSection(t *testing.T) {
	doc := "# Help\n\n**This leaflet is available in other languages and formats.**\n\n## About\n\nText.\n\n## Contact us\n\nTel: 01234 567890\n\nWe answer every call.\n"
	msgs, content, _ := convert(t, doc)
	got := placed(content)
	if last := got[len(got)-1]; last != "paragraph:contact.formats" {
		t.Errorf("the back cover ends with %s; want the offer, contact.formats (%q)", last, got)
	}
	if want := "**This leaflet is available in other languages and formats.**"; msgs["contact.formats"] != want {
		t.Errorf("contact.formats: got %q; want %q", msgs["contact.formats"], want)
	}
	if msgs["contact.intro"] != "We answer every call." {
		t.Errorf("contact.intro: got %q", msgs["contact.intro"])
	}
}

func TestPlainTextHeadingsAreShortLinesStandingAlone(t *testing.T) {
	doc := "A Leaflet About Help\n\n\nWhy it matters\n\nThis is a paragraph that stands alone.\n\nShort but a sentence.\n\nA list follows:\n- one\n- two\n\nLast Heading\n\n\"Quoted one.\n\nQuoted two.\"\n\nCall Us\n\nTel: 01234 567890\n"
	msgs, content, _ := convert(t, doc)
	var headings []string
	for _, p := range placed(content) {
		if id, ok := strings.CutPrefix(p, "heading:"); ok {
			headings = append(headings, msgs[id])
		}
	}
	want := []string{"Why it matters", "Last Heading", "Other languages", "Call Us"}
	if !reflect.DeepEqual(headings, want) {
		t.Errorf("got headings %q; want %q", headings, want)
	}
	if msgs["cover.title"] != "A Leaflet About Help" {
		t.Errorf("cover.title: got %q", msgs["cover.title"])
	}
	if msgs["last-heading.quote.2"] != `Quoted two."` {
		t.Errorf("a plain-text quotation: got %q, %q", msgs["last-heading.quote.1"], msgs["last-heading.quote.2"])
	}
	if msgs["why-it-matters.list.2"] != "two" {
		t.Errorf("a plain-text list: got %q", msgs["why-it-matters.list.2"])
	}
}

func TestAWordProcessorsPlainTextReads(t *testing.T) {
	doc := "Flu Advice\r\n\r\nWhat to do\r\n\r\nIf you have flu:\r\n\u2022\tstay at home;\r\n\u2022\tdrink water.\r\n\r\nThis is a paragraph\r\nwrapped over\r\nthree lines.\r\n"
	msgs, _, _ := convert(t, doc)
	for id, want := range map[string]string{"cover.title": "Flu Advice", "what-to-do.heading": "What to do", "what-to-do.list.2": "drink water.", "what-to-do.2": "This is a paragraph wrapped over three lines."} {
		if msgs[id] != want {
			t.Errorf("message %s: got %q; want %q", id, msgs[id], want)
		}
	}
}

func TestTitlesSplitWhereTheyDivideNaturally(t *testing.T) {
	for _, tc := range []struct{ in, title, subtitle string }{
		{"Child Sexual Exploitation (CSE) Information Leaflet", "Child Sexual Exploitation (CSE)", "Information Leaflet"},
		{"Staying safe online: a guide for parents", "Staying safe online", "A guide for parents"},
		{"Flu – what to do", "Flu", "What to do"},
		{"What is CSE (in brief)", "What is CSE (in brief)", ""},
		{"Domestic abuse", "Domestic abuse", ""},
	} {
		if title, subtitle := splitTitle(tc.in); title != tc.title || subtitle != tc.subtitle {
			t.Errorf("splitTitle(%q): got %q, %q; want %q, %q", tc.in, title, subtitle, tc.title, tc.subtitle)
		}
	}
}

func TestSentencesSplitAtTheirEnds(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"One. Two! Three? 4 four.", []string{"One.", "Two!", "Three?", "4 four."}},
		{"Gifts (e.g. food) are given. Then more.", []string{"Gifts (e.g. food) are given.", "Then more."}},
		{`He said "stop." Then left.`, []string{`He said "stop."`, "Then left."}},
		{"**Bold. Still bold.** After.", []string{"**Bold. Still bold.**", "After."}},
		{"At www.example.org. Next", []string{"At www.example.org.", "Next"}},
	} {
		if got := sentences(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("sentences(%q): got %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestADocumentNotInUTF8OrWithoutTextIsRefused(t *testing.T) {
	for _, tc := range []struct{ name, doc, want string }{
		{"Windows-1252", "Caf\xe9 leaflet\n", "save it as UTF-8"},
		{"empty", "\n\n  \n", "no text"},
	} {
		if _, err := Document([]byte(tc.doc), Options{ID: "t"}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v; want an error saying %q", tc.name, err, tc.want)
		}
	}
}

func TestTheSameDocumentGivesTheSameFiles(t *testing.T) {
	a := Example(Options{ID: "x"})
	for range 5 {
		b := Example(Options{ID: "x"})
		if string(a.Content) != string(b.Content) || string(a.Bundle) != string(b.Bundle) {
			t.Fatal("two conversions of the example differ")
		}
	}
}
