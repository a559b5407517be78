// SPDX-License-Identifier: MIT

package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

func loadBuiltin(t *testing.T) *Leaflet {
	t.Helper()
	l, ds := Load(Builtin(), "", DefaultLeaflet)
	if len(ds) > 0 {
		t.Fatalf("Load(Builtin(), %q): got diagnostics; want none:\n%s", DefaultLeaflet, dump(ds))
	}
	if l == nil {
		t.Fatal("Load(Builtin()): got a nil leaflet")
	}
	return l
}

func TestBuiltinFilesAreTheLeafletAndItsBundlesSorted(t *testing.T) {
	files := BuiltinFiles()
	if !sort.StringsAreSorted(files) {
		t.Errorf("got %q; want them sorted", files)
	}
	for _, want := range []string{"content/cse/leaflet.toml", "locales/cse/active.en.toml"} {
		if !slices.Contains(files, want) {
			t.Errorf("got %q; want it to hold %s", files, want)
		}
	}
	for _, f := range files {
		if !strings.HasPrefix(f, "content/") && !strings.HasPrefix(f, "locales/") {
			t.Errorf("got %q; want every file under content/ or locales/", f)
		}
		if _, err := fs.ReadFile(Builtin(), f); err != nil {
			t.Errorf("reading %s from Builtin(): %v", f, err)
		}
	}
}

func TestBuiltinLeafletLoadsWithoutErrorsOrWarnings(t *testing.T) {
	l := loadBuiltin(t)
	if got, want := l.ID, "cse"; got != want {
		t.Errorf("got ID %q; want %q", got, want)
	}
	if got, want := l.File, "content/cse/leaflet.toml"; got != want {
		t.Errorf("got File %q; want %q", got, want)
	}
	if got, want := l.Source, "en"; got != want {
		t.Errorf("got source language %q; want %q", got, want)
	}
	if langs := l.Langs(); len(langs) == 0 || langs[0] != "en" || !sort.StringsAreSorted(langs[1:]) {
		t.Errorf("got languages %q; want English first and the others sorted", langs)
	}
	if got, want := l.Published, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("got published %v; want %v", got, want)
	}
	wantOrg := Organisation{
		Name:      "Northamptonshire Safeguarding Children Board",
		ShortName: "NSCB",
		Address:   []string{"John Dryden House", "8-10 The Lakes", "Northampton", "NN4 7YD"},
		Phone:     "01604 364036",
		Email:     "nscb@northamptonshire.gcsx.gov.uk",
		Website:   "www.northamptonshirescb.org.uk",
	}
	if !reflect.DeepEqual(l.Org, wantOrg) {
		t.Errorf("got organisation %+v; want %+v", l.Org, wantOrg)
	}
	if r := l.Title(); r == nil || r.ID != "cover.title" || r.Pos.String() != "content/cse/leaflet.toml:28:11" {
		t.Errorf("got title ref %+v; want cover.title at content/cse/leaflet.toml:28:11", r)
	}
}

func TestBuiltinLeafletHasEverySectionAndBlockInReadingOrder(t *testing.T) {
	l := loadBuiltin(t)
	type block struct {
		kind   BlockKind
		ids    []string
		source string
		pos    string
	}
	tests := []struct {
		name    string
		place   Place
		heading string
		pos     string
		blocks  []block
	}{
		{name: "cover has the title, subtitle, audience and call to action", place: Cover, pos: "content/cse/leaflet.toml:24:1", blocks: []block{
			{Title, []string{"cover.title"}, "", "content/cse/leaflet.toml:27:3"},
			{Subtitle, []string{"cover.subtitle"}, "", "content/cse/leaflet.toml:30:3"},
			{Audience, []string{"cover.audience"}, "", "content/cse/leaflet.toml:33:3"},
			{Action, []string{"cover.action"}, "", "content/cse/leaflet.toml:36:3"},
		}},
		{name: "what is CSE has the definition as a quote", place: Inside, heading: "what.heading", pos: "content/cse/leaflet.toml:41:1", blocks: []block{
			{Paragraph, []string{"what.intro"}, "", "content/cse/leaflet.toml:44:3"},
			{Quote, []string{"what.quote.1", "what.quote.2", "what.quote.3", "what.quote.4"}, "what.quote.source", "content/cse/leaflet.toml:47:3"},
		}},
		{name: "signs has two paragraphs and the list", place: Inside, heading: "signs.heading", pos: "content/cse/leaflet.toml:51:1", blocks: []block{
			{Paragraph, []string{"signs.intro"}, "", "content/cse/leaflet.toml:54:3"},
			{Paragraph, []string{"signs.difficult"}, "", "content/cse/leaflet.toml:57:3"},
			{List, []string{
				"signs.item.relationships", "signs.item.groups", "signs.item.associate", "signs.item.gangs",
				"signs.item.partners", "signs.item.places", "signs.item.moved", "signs.item.missing",
			}, "", "content/cse/leaflet.toml:60:3"},
		}},
		{name: "assessment has two paragraphs", place: Inside, heading: "assessment.heading", pos: "content/cse/leaflet.toml:72:1", blocks: []block{
			{Paragraph, []string{"assessment.body"}, "", "content/cse/leaflet.toml:75:3"},
			{Paragraph, []string{"assessment.internet"}, "", "content/cse/leaflet.toml:78:3"},
		}},
		{name: "toolkit is inside", place: Inside, heading: "toolkit.heading", pos: "content/cse/leaflet.toml:81:1", blocks: []block{
			{Paragraph, []string{"toolkit.body"}, "", "content/cse/leaflet.toml:84:3"},
		}},
		{name: "how to use it is inside", place: Inside, heading: "howto.heading", pos: "content/cse/leaflet.toml:87:1", blocks: []block{
			{Paragraph, []string{"howto.body"}, "", "content/cse/leaflet.toml:90:3"},
		}},
		{name: "the flap offers the leaflet in every language", place: Flap, heading: "languages.heading", pos: "content/cse/leaflet.toml:97:1", blocks: []block{
			{Languages, nil, "", "content/cse/leaflet.toml:101:3"},
		}},
		{name: "contact is on the back with the contact block", place: Back, heading: "contact.heading", pos: "content/cse/leaflet.toml:105:1", blocks: []block{
			{Paragraph, []string{"contact.intro"}, "", "content/cse/leaflet.toml:109:3"},
			{Contact, []string{"contact.organisation", "contact.address", "contact.phone", "contact.email"}, "", "content/cse/leaflet.toml:112:3"},
			{Paragraph, []string{"contact.formats"}, "", "content/cse/leaflet.toml:115:3"},
		}},
	}
	if len(l.Sections) != len(tests) {
		t.Fatalf("got %d sections; want %d", len(l.Sections), len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := l.Sections[i]
			if s.Place != tt.place {
				t.Errorf("got place %q; want %q", s.Place, tt.place)
			}
			if got := s.Pos.String(); got != tt.pos {
				t.Errorf("got position %s; want %s", got, tt.pos)
			}
			switch {
			case tt.heading == "" && s.Heading != nil:
				t.Errorf("got heading %q; want none", s.Heading.ID)
			case tt.heading != "" && (s.Heading == nil || s.Heading.ID != tt.heading):
				t.Errorf("got heading %+v; want %q", s.Heading, tt.heading)
			}
			if len(s.Blocks) != len(tt.blocks) {
				t.Fatalf("got %d blocks; want %d", len(s.Blocks), len(tt.blocks))
			}
			for j, wb := range tt.blocks {
				b := s.Blocks[j]
				if b.Kind != wb.kind {
					t.Errorf("block %d: got kind %q; want %q", j, b.Kind, wb.kind)
				}
				if got := b.Pos.String(); got != wb.pos {
					t.Errorf("block %d: got position %s; want %s", j, got, wb.pos)
				}
				var ids []string
				for _, m := range b.Msgs {
					ids = append(ids, m.ID)
					if m.Pos.File != "content/cse/leaflet.toml" || m.Pos.Line == 0 || m.Pos.Col == 0 {
						t.Errorf("block %d: message %q has position %q; want file:line:col in content/cse/leaflet.toml", j, m.ID, m.Pos)
					}
				}
				if !reflect.DeepEqual(ids, wb.ids) {
					t.Errorf("block %d: got messages %q; want %q", j, ids, wb.ids)
				}
				switch {
				case wb.source == "" && b.Source != nil:
					t.Errorf("block %d: got source %q; want none", j, b.Source.ID)
				case wb.source != "" && (b.Source == nil || b.Source.ID != wb.source):
					t.Errorf("block %d: got source %+v; want %q", j, b.Source, wb.source)
				}
			}
		})
	}
}

func TestBuiltinMessageRefsPointAtTheirIDs(t *testing.T) {
	l := loadBuiltin(t)
	tests := []struct {
		name string
		id   string
		pos  string
	}{
		{name: "a paragraph ID", id: "what.intro", pos: "content/cse/leaflet.toml:45:15"},
		{name: "a quote's first paragraph", id: "what.quote.1", pos: "content/cse/leaflet.toml:48:12"},
		{name: "a quote's source", id: "what.quote.source", pos: "content/cse/leaflet.toml:49:12"},
		{name: "a list item on its own line", id: "signs.item.gangs", pos: "content/cse/leaflet.toml:65:5"},
		{name: "a heading", id: "contact.heading", pos: "content/cse/leaflet.toml:107:11"},
		{name: "the last contact line", id: "contact.email", pos: "content/cse/leaflet.toml:113:74"},
	}
	refs := map[string]Ref{}
	for _, r := range allRefs(l) {
		refs[r.ID] = r
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := refs[tt.id]
			if !ok {
				t.Fatalf("got no reference to %q", tt.id)
			}
			if got := r.Pos.String(); got != tt.pos {
				t.Errorf("got %s; want %s", got, tt.pos)
			}
		})
	}
}

func TestBuiltinEnglishBundleKnowsEveryMessageAndItsHeader(t *testing.T) {
	l := loadBuiltin(t)
	en := l.Bundles["en"]
	if en == nil {
		t.Fatal("got no English bundle")
	}
	if got, want := en.File, "locales/cse/active.en.toml"; got != want {
		t.Errorf("got bundle file %q; want %q", got, want)
	}
	ids := en.IDs()
	for _, r := range allRefs(l) {
		if en.Messages[r.ID] == nil {
			t.Errorf("the leaflet uses %q; the bundle lacks it", r.ID)
		}
	}
	if len(ids) > 0 && ids[0] != "cover.title" {
		t.Errorf("got first message %q; want cover.title (file order)", ids[0])
	}
	for _, id := range ids {
		if en.Messages[id].Description == "" {
			t.Errorf("message %q has no description for translators", id)
		}
	}
	tests := []struct {
		name, id, pos string
	}{
		{name: "the first message", id: "cover.title", pos: "locales/cse/active.en.toml:7:1"},
		{name: "a nested message", id: "what.quote.1", pos: "locales/cse/active.en.toml:31:1"},
		{name: "the last message", id: "contact.formats", pos: "locales/cse/active.en.toml:147:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := en.Pos(tt.id).String(); got != tt.pos {
				t.Errorf("got %s; want %s", got, tt.pos)
			}
		})
	}
}

func TestBuiltinEnglishDocumentHasTheTitleAndAddress(t *testing.T) {
	l := loadBuiltin(t)
	doc, ds := l.Localize("en")
	if len(ds) > 0 {
		t.Fatalf("Localize(en): got diagnostics; want none:\n%s", dump(ds))
	}
	tests := []struct {
		name, got, want string
	}{
		{name: "title", got: doc.Title, want: "Child Sexual Exploitation (CSE)"},
		{name: "subtitle", got: doc.Subtitle, want: "Information leaflet"},
		{name: "language", got: doc.Lang, want: "en"},
		{name: "organisation", got: doc.Org.Name, want: "Northamptonshire Safeguarding Children Board"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q; want %q", tt.got, tt.want)
			}
		})
	}
	if doc.RTL {
		t.Error("got RTL for English; want left to right")
	}
	if doc.Leaflet != l {
		t.Error("the document does not point at its leaflet")
	}
	if !doc.Published.Equal(l.Published) {
		t.Errorf("got published %v; want %v", doc.Published, l.Published)
	}
	addr, ok := findText(doc, "contact.address")
	if !ok {
		t.Fatal("got no contact.address text")
	}
	if got, want := addr.String(), "John Dryden House\n8-10 The Lakes\nNorthampton\nNN4 7YD"; got != want {
		t.Errorf("got address %q; want %q", got, want)
	}
}

// normaliseText makes the seed text and the document's text comparable: the
// seed was typed with straight quotes and hyphens where the messages use
// typographic quotes (‘’“”) and en dashes in headings ("CSE – Toolkit"), so
// both are mapped to straight quotes and "-", and runs of white space
// (including the newlines of the address) become one space.
func normaliseText(s string) string {
	s = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`, "–", "-", "—", "-").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// sentences splits text into sentences: one per line (list bullets "- "
// removed), each line split after ". ", "? " and "! ".
func sentences(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		line = strings.TrimSpace(strings.TrimPrefix(line, "- "))
		for line != "" {
			cut := -1
			for _, end := range []string{". ", "? ", "! "} {
				if i := strings.Index(line, end); i >= 0 && (cut < 0 || i < cut) {
					cut = i
				}
			}
			if cut < 0 {
				out = append(out, line)
				break
			}
			out = append(out, line[:cut+1])
			line = strings.TrimSpace(line[cut+2:])
		}
	}
	return out
}

func TestBuiltinEnglishDocumentHasEverySentenceOfTheSeedText(t *testing.T) {
	seed, err := os.ReadFile(filepath.Join("testdata", "seed", "cse-leaflet.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// The messages deliberately edit the seed in these places (sentence-case
	// headings and GOV.UK's "Email"); everything else must be word for word.
	edits := strings.NewReplacer(
		"Contact Us", "Contact us",
		"Information Leaflet", "Information leaflet",
		"E-Mail:", "Email:",
	)
	l := loadBuiltin(t)
	doc, ds := l.Localize("en")
	if len(ds) > 0 {
		t.Fatalf("Localize(en): got diagnostics; want none:\n%s", dump(ds))
	}
	text := normaliseText(docText(doc))
	// Split by the seed's own lines first, so that headings and list items
	// stay separate sentences, then normalise each line.
	var all []string
	for _, line := range strings.Split(edits.Replace(string(seed)), "\n") {
		all = append(all, sentences(normaliseText(strings.TrimPrefix(strings.TrimSpace(line), "- ")))...)
	}
	if len(all) < 30 {
		t.Fatalf("got %d sentences from the seed; want at least 30", len(all))
	}
	for _, s := range all {
		if !strings.Contains(text, s) {
			t.Errorf("the English document lacks the seed sentence %q", s)
		}
	}
}

func TestEveryBuiltinLanguageLocalizesWithoutErrors(t *testing.T) {
	l := loadBuiltin(t)
	for _, lang := range l.Langs() {
		t.Run(lang, func(t *testing.T) {
			doc, ds := l.Localize(lang)
			if ds.HasErrors() {
				t.Fatalf("Localize(%s): got errors; want none:\n%s", lang, dump(ds))
			}
			if doc.Title == "" {
				t.Error("got an empty title")
			}
			if doc.Lang != lang {
				t.Errorf("got language %q; want %q", doc.Lang, lang)
			}
			if doc.RTL != IsRTL(lang) {
				t.Errorf("got RTL %v; want %v", doc.RTL, IsRTL(lang))
			}
		})
	}
}
