// SPDX-License-Identifier: MIT

package content

import (
	"errors"
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadAcceptsTheSmallValidLeaflet(t *testing.T) {
	l, ds := Load(tree(validLeaflet, map[string]string{"active.en.toml": validBundle}), "", testID)
	if len(ds) > 0 {
		t.Fatalf("got diagnostics; want none:\n%s", dump(ds))
	}
	if ds.Err() != nil {
		t.Errorf("got Err() %v; want nil", ds.Err())
	}
	if l == nil || len(l.Sections) != 2 {
		t.Fatalf("got leaflet %+v; want two sections", l)
	}
}

// TestLoadReportsEveryProblemAtItsPosition loads small broken source trees.
// Each case lists every diagnostic Load must return, in order, so a case
// also checks that all problems of one input are reported together, and
// that none is reported twice.
func TestLoadReportsEveryProblemAtItsPosition(t *testing.T) {
	tests := []struct {
		name    string
		leaflet string            // "" leaves content/demo/leaflet.toml out
		bundles map[string]string // nil means active.en.toml = validBundle
		root    string
		want    []wantDiag
	}{
		{
			name: "malformed TOML in leaflet.toml points at the line and column and shows the line",
			leaflet: lines(
				`[organisation]`,     // 1
				`name = "Demo Board`, // 2: no closing quote
				`phone = "01604 364036"`,
				``,
				`[[section]]`,
				`  [[section.block]]`,
				`  title = "cover.title"`,
			),
			want: []wantDiag{
				{pos: "content/demo/leaflet.toml:2:19", severity: Error, msg: "invalid TOML: strings cannot contain newlines", source: `name = "Demo Board`},
			},
		},
		{
			name: "a table header without its closing bracket is malformed TOML",
			leaflet: lines(
				`[organisation]`,      // 1
				`name = "Demo Board"`, // 2
				``,                    // 3
				`[[section]`,          // 4
			),
			want: []wantDiag{
				{pos: "content/demo/leaflet.toml:4:10", severity: Error, msg: "invalid TOML", source: `[[section]`},
			},
		},
		{
			name:    "malformed TOML in a bundle points into the bundle",
			leaflet: validLeaflet,
			bundles: map[string]string{"active.en.toml": lines(
				`[cover.title]`,         // 1
				`description = "Title"`, // 2
				`other = "Demo leaflet`, // 3: no closing quote
			)},
			want: []wantDiag{
				{pos: "locales/demo/active.en.toml:3:22", severity: Error, msg: "invalid TOML: strings cannot contain newlines", source: `other = "Demo leaflet`},
			},
		},
		{
			name: "unknown keys at the top level, in a table and in a block are each reported at the key",
			leaflet: lines(
				`colour = "red"`,            // 1
				`[organisation]`,            // 2
				`name = "Demo Board"`,       // 3
				`fax = "01604 000000"`,      // 4
				``,                          // 5
				`[[section]]`,               // 6
				`place = "cover"`,           // 7
				``,                          // 8
				`  [[section.block]]`,       // 9
				`  title = "cover.title"`,   // 10
				`  size = 24`,               // 11
				``,                          // 12
				`[[section]]`,               // 13
				`heading = "body.heading"`,  // 14
				`  [[section.block]]`,       // 15
				`  paragraph = "body.text"`, // 16
			),
			want: []wantDiag{
				{pos: "content/demo/leaflet.toml:1:1", severity: Error, msg: `unknown key "colour"`, hint: "docs/formats.md", source: `colour = "red"`},
				{pos: "content/demo/leaflet.toml:4:1", severity: Error, msg: `unknown key "organisation.fax"`, hint: "docs/formats.md", source: `fax = "01604 000000"`},
				{pos: "content/demo/leaflet.toml:11:3", severity: Error, msg: `unknown key "section.block.size"`, hint: "docs/formats.md", source: `  size = 24`},
			},
		},
		{
			name: "a block with a paragraph and a list is an error at its header",
			leaflet: lines(
				`[organisation]`,            // 1
				`name = "Demo Board"`,       // 2
				`[[section]]`,               // 3
				`  [[section.block]]`,       // 4
				`  title = "cover.title"`,   // 5
				`[[section]]`,               // 6
				`heading = "body.heading"`,  // 7
				``,                          // 8
				`  [[section.block]]`,       // 9
				`  paragraph = "body.text"`, // 10
				`  list = ["body.text"]`,    // 11
			),
			want: []wantDiag{
				{pos: "content/demo/leaflet.toml:9:3", severity: Error, msg: `block 1 of section 2 has two kinds: "paragraph", "list"`, hint: "split it into one [[section.block]] per kind", source: `  [[section.block]]`},
			},
		},
		{
			name: "a block with no kind is an error at its header",
			leaflet: lines(
				`[organisation]`,            // 1
				`name = "Demo Board"`,       // 2
				`[[section]]`,               // 3
				`  [[section.block]]`,       // 4
				`  title = "cover.title"`,   // 5
				`[[section]]`,               // 6
				`heading = "body.heading"`,  // 7
				`  [[section.block]]`,       // 8
				`  paragraph = "body.text"`, // 9
				``,                          // 10
				`  [[section.block]]`,       // 11
			),
			want: []wantDiag{
				{pos: "content/demo/leaflet.toml:11:3", severity: Error, msg: "block 2 of section 2 has no kind", hint: `exactly one of "title", "subtitle", "audience", "action", "paragraph", "list", "quote", "contact"`, source: `  [[section.block]]`},
			},
		},
		{
			name: "an unknown place is an error at its value",
			leaflet: lines(
				`[organisation]`,            // 1
				`name = "Demo Board"`,       // 2
				`[[section]]`,               // 3
				`place = "front"`,           // 4
				`  [[section.block]]`,       // 5
				`  title = "cover.title"`,   // 6
				`[[section]]`,               // 7
				`heading = "body.heading"`,  // 8
				`  [[section.block]]`,       // 9
				`  paragraph = "body.text"`, // 10
			),
			want: []wantDiag{
				{pos: "content/demo/leaflet.toml:4:9", severity: Error, msg: `unknown place "front"`, hint: `a place is one of "cover", "inside", "flap", "back"`, source: `place = "front"`},
			},
		},
		{
			name: "an unknown message ID close to a known one suggests it and leaves that one unused",
			leaflet: lines(
				`[organisation]`,            // 1
				`name = "Demo Board"`,       // 2
				`[[section]]`,               // 3
				`  [[section.block]]`,       // 4
				`  title = "cover.titel"`,   // 5
				`[[section]]`,               // 6
				`heading = "body.heading"`,  // 7
				`  [[section.block]]`,       // 8
				`  paragraph = "body.text"`, // 9
			),
			want: []wantDiag{
				{pos: "content/demo/leaflet.toml:5:11", severity: Error, msg: `unknown message ID "cover.titel"`, hint: `did you mean "cover.title"? (or add [cover.titel] to locales/demo/active.en.toml)`, source: `  title = "cover.titel"`},
				{pos: "locales/demo/active.en.toml:1:1", severity: Warning, msg: `message "cover.title" is not used`},
			},
		},
		{
			name: "an unknown message ID far from every known one asks for the message",
			leaflet: lines(
				`[organisation]`,              // 1
				`name = "Demo Board"`,         // 2
				`[[section]]`,                 // 3
				`  [[section.block]]`,         // 4
				`  title = "cover.title"`,     // 5
				`[[section]]`,                 // 6
				`heading = "body.heading"`,    // 7
				`  [[section.block]]`,         // 8
				`  paragraph = "body.text"`,   // 9
				`  [[section.block]]`,         // 10
				`  paragraph = "footer.note"`, // 11
			),
			want: []wantDiag{
				{pos: "content/demo/leaflet.toml:11:15", severity: Error, msg: `unknown message ID "footer.note"`, hint: "add [footer.note] to locales/demo/active.en.toml, or correct the ID"},
			},
		},
		{
			name:    "a message no content uses is a warning at its header, not an error",
			leaflet: validLeaflet,
			bundles: map[string]string{"active.en.toml": validBundle + lines(
				``,                   // 10
				`[spare]`,            // 11
				`other = "Not used"`, // 12
			)},
			want: []wantDiag{
				{pos: "locales/demo/active.en.toml:11:1", severity: Warning, msg: `message "spare" is not used by content/demo/leaflet.toml`, hint: "remove it, or place it in a section"},
			},
		},
		{
			name:    "bundle file names that are not BCP 47 tags are errors with the right name as hint",
			leaflet: validLeaflet,
			bundles: map[string]string{
				"active.en.toml":      validBundle,
				"active.english.toml": validBundle,
				"active.en-gb.toml":   validBundle,
				"README.md":           "not a bundle",
			},
			want: []wantDiag{
				{pos: "locales/demo/active.en-gb.toml", severity: Error, msg: `"en-gb" is not a valid BCP 47 language tag`, hint: "name the file active.en-GB.toml"},
				{pos: "locales/demo/active.english.toml", severity: Error, msg: `"english" is not a valid BCP 47 language tag`, hint: "name bundles active.<tag>.toml"},
			},
		},
		{
			name:    "a missing leaflet.toml is an error with a hint, shown under root",
			bundles: map[string]string{"active.en.toml": validBundle},
			root:    "src",
			want: []wantDiag{
				{pos: "src/content/demo/leaflet.toml", severity: Error, msg: "cannot read the leaflet: file does not exist", hint: `a leaflet "demo" needs content/demo/leaflet.toml`},
			},
		},
		{
			name:    "a missing locales folder is an error with a hint",
			leaflet: validLeaflet,
			bundles: map[string]string{},
			want: []wantDiag{
				{pos: "locales/demo", severity: Error, msg: "cannot read the message bundles", hint: "the leaflet's messages go in locales/demo/active.en.toml"},
			},
		},
		{
			name:    "a missing source-language bundle is an error",
			leaflet: validLeaflet,
			bundles: map[string]string{"active.pl.toml": validBundle},
			want: []wantDiag{
				{pos: "locales/demo", severity: Error, msg: `no bundle for the source language "en"`, hint: "add locales/demo/active.en.toml"},
			},
		},
		{
			name:    "bad message tables are each reported at their field",
			leaflet: validLeaflet,
			bundles: map[string]string{"active.en.toml": lines(
				`[cover.title]`,            // 1
				`other = "Demo leaflet"`,   // 2
				`translation = "Demo"`,     // 3
				``,                         // 4
				`[body.heading]`,           // 5
				`other = 5`,                // 6
				``,                         // 7
				`[body.text]`,              // 8
				`description = "No text."`, // 9
			)},
			want: []wantDiag{
				{pos: "locales/demo/active.en.toml:3:1", severity: Error, msg: `unknown field "translation" in message "cover.title"`, hint: "description, hash and other", source: `translation = "Demo"`},
				{pos: "locales/demo/active.en.toml:6:9", severity: Error, msg: `other of message "body.heading" must be text in quotes, not the number 5`, hint: `write other = "…"`, source: `other = 5`},
				{pos: "locales/demo/active.en.toml:8:1", severity: Error, msg: `message "body.text" has no text`, hint: `add other = "…"`},
			},
		},
		{
			name:    "a value that is not a message table is an error",
			leaflet: validLeaflet,
			bundles: map[string]string{"active.en.toml": lines(
				`stray = "text"`, // 1
			) + validBundle},
			want: []wantDiag{
				{pos: "locales/demo/active.en.toml:1:1", severity: Error, msg: `"stray" is not a message table`, hint: "write [stray]"},
			},
		},
		{
			name:    "a published value that is not a date is an error at the value",
			leaflet: lines(`published = "last week"`) + validLeaflet,
			want: []wantDiag{
				{pos: "content/demo/leaflet.toml:1:13", severity: Error, msg: `published must be a date such as 2026-11-27, not the text "last week"`, hint: "write published = 2026-11-27, without quotes"},
			},
		},
		{
			name: "a source on a paragraph is an error at the source key, and an empty list too",
			leaflet: lines(
				`[organisation]`,            // 1
				`name = "Demo Board"`,       // 2
				`[[section]]`,               // 3
				`  [[section.block]]`,       // 4
				`  title = "cover.title"`,   // 5
				`[[section]]`,               // 6
				`heading = "body.heading"`,  // 7
				`  [[section.block]]`,       // 8
				`  paragraph = "body.text"`, // 9
				`  source = "body.text"`,    // 10
				`  [[section.block]]`,       // 11
				`  list = []`,               // 12
			),
			want: []wantDiag{
				{pos: "content/demo/leaflet.toml:10:3", severity: Error, msg: "source belongs to a quote, not a paragraph"},
				{pos: "content/demo/leaflet.toml:12:3", severity: Error, msg: "the list is empty", hint: "list at least one message ID"},
			},
		},
		{
			name: "an organisation without a name, and no sections, leave every message unused",
			leaflet: lines(
				`[organisation]`,         // 1
				`phone = "01604 364036"`, // 2
			),
			want: []wantDiag{
				{pos: "content/demo/leaflet.toml", severity: Error, msg: "the leaflet has no sections", hint: "add [[section]] tables"},
				{pos: "content/demo/leaflet.toml:1:1", severity: Error, msg: "the organisation has no name", hint: `add name = "…" under [organisation]`},
				{pos: "locales/demo/active.en.toml:1:1", severity: Warning, msg: `message "cover.title" is not used`},
				{pos: "locales/demo/active.en.toml:5:1", severity: Warning, msg: `message "body.heading" is not used`},
				{pos: "locales/demo/active.en.toml:8:1", severity: Warning, msg: `message "body.text" is not used`},
			},
		},
		{
			name: "a section with neither heading nor blocks is empty",
			leaflet: validLeaflet + lines(
				``,               // 16
				`[[section]]`,    // 17
				`place = "back"`, // 18
			),
			want: []wantDiag{
				{pos: "content/demo/leaflet.toml:17:1", severity: Error, msg: "section 3 is empty", hint: "give it a heading or [[section.block]] tables"},
			},
		},
		{
			name: "every problem of one leaflet is reported in one run, in file order",
			leaflet: lines(
				`[organisation]`,            // 1
				`name = "Demo Board"`,       // 2
				`motto = "Safe"`,            // 3: unknown key
				`[[section]]`,               // 4
				`place = "front"`,           // 5: unknown place
				`  [[section.block]]`,       // 6
				`  title = "cover.titel"`,   // 7: unknown ID
				`[[section]]`,               // 8
				`heading = "body.heading"`,  // 9
				`  [[section.block]]`,       // 10: two kinds
				`  paragraph = "body.text"`, // 11
				`  quote = ["body.text"]`,   // 12
				`  [[section.block]]`,       // 13: no kind
			),
			bundles: map[string]string{"active.en.toml": validBundle + lines(
				`[spare]`,         // 10: unused
				`other = "Spare"`, // 11
			)},
			want: []wantDiag{
				{pos: "content/demo/leaflet.toml:3:1", severity: Error, msg: `unknown key "organisation.motto"`},
				{pos: "content/demo/leaflet.toml:5:9", severity: Error, msg: `unknown place "front"`},
				{pos: "content/demo/leaflet.toml:7:11", severity: Error, msg: `unknown message ID "cover.titel"`, hint: `did you mean "cover.title"?`},
				{pos: "content/demo/leaflet.toml:10:3", severity: Error, msg: `has two kinds: "paragraph", "quote"`},
				{pos: "content/demo/leaflet.toml:13:3", severity: Error, msg: "block 2 of section 2 has no kind"},
				{pos: "locales/demo/active.en.toml:1:1", severity: Warning, msg: `message "cover.title" is not used`},
				{pos: "locales/demo/active.en.toml:10:1", severity: Warning, msg: `message "spare" is not used`},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bundles := tt.bundles
			if bundles == nil {
				bundles = map[string]string{"active.en.toml": validBundle}
			}
			_, ds := Load(tree(tt.leaflet, bundles), tt.root, testID)
			checkDiags(t, ds, tt.want)
		})
	}
}

func TestLoadWarningsAloneDoNotMakeAnError(t *testing.T) {
	bundle := validBundle + lines(`[spare]`, `other = "Not used"`)
	l, ds := Load(tree(validLeaflet, map[string]string{"active.en.toml": bundle}), "", testID)
	if len(ds) != 1 || ds[0].Severity != Warning {
		t.Fatalf("got %d diagnostics; want one warning:\n%s", len(ds), dump(ds))
	}
	if ds.HasErrors() {
		t.Error("got HasErrors() true; want false for a warning")
	}
	if err := ds.Err(); err != nil {
		t.Errorf("got Err() %v; want nil", err)
	}
	if l == nil {
		t.Error("got a nil leaflet; want the leaflet, since a warning does not stop a build")
	}
}

func TestLoadErrorsComeBackAsOneErrorList(t *testing.T) {
	leaflet := lines(
		`[organisation]`,
		`name = "Demo Board"`,
		`[[section]]`,
		`place = "front"`,
		`  [[section.block]]`,
		`  title = "cover.titel"`,
	)
	_, ds := Load(tree(leaflet, map[string]string{"active.en.toml": validBundle}), "", testID)
	err := ds.Err()
	if err == nil {
		t.Fatal("got Err() nil; want the errors")
	}
	var list Diagnostics
	if !errors.As(err, &list) {
		t.Fatalf("got %T; want Diagnostics", err)
	}
	if got := len(list); got < 2 {
		t.Errorf("got %d diagnostics in the error; want every problem (at least 2)", got)
	}
}

func TestLoadReadsCRLFFilesWithTheSamePositions(t *testing.T) {
	leaflet := "[organisation]\r\nname = \"Demo Board\"\r\n[[section]]\r\nplace = \"front\"\r\n  [[section.block]]\r\n  title = \"cover.title\"\r\n"
	bundle := "[cover.title]\r\nother = \"Demo\"\r\n"
	_, ds := Load(tree(leaflet, map[string]string{"active.en.toml": bundle}), "", testID)
	checkDiags(t, ds, []wantDiag{
		{pos: "content/demo/leaflet.toml:4:9", severity: Error, msg: `unknown place "front"`, source: `place = "front"`},
	})
}

func TestLoadHonoursTheSourceLanguage(t *testing.T) {
	leaflet := lines(`source_language = "cy"`) + validLeaflet
	l, ds := Load(tree(leaflet, map[string]string{"active.cy.toml": validBundle}), "", testID)
	if len(ds) > 0 {
		t.Fatalf("got diagnostics; want none:\n%s", dump(ds))
	}
	if got, want := l.Source, "cy"; got != want {
		t.Errorf("got source %q; want %q", got, want)
	}
	doc, ds := l.Localize("cy")
	if len(ds) > 0 {
		t.Fatalf("Localize(cy): got diagnostics; want none:\n%s", dump(ds))
	}
	if got, want := doc.Title, "Demo leaflet"; got != want {
		t.Errorf("got title %q; want %q", got, want)
	}
}

func TestLoadReportsAnUnknownKeyOnceInEachBlock(t *testing.T) {
	leaflet := lines(
		`[organisation]`,            // 1
		`name = "Demo Board"`,       // 2
		`[[section]]`,               // 3
		`  [[section.block]]`,       // 4
		`  title = "cover.title"`,   // 5
		`  size = 24`,               // 6
		`[[section]]`,               // 7
		`heading = "body.heading"`,  // 8
		`  [[section.block]]`,       // 9
		`  paragraph = "body.text"`, // 10
		`  size = 12`,               // 11
	)
	_, ds := Load(tree(leaflet, map[string]string{"active.en.toml": validBundle}), "", testID)
	checkDiags(t, ds, []wantDiag{
		{pos: "content/demo/leaflet.toml:6:3", severity: Error, msg: `unknown key "section.block.size"`},
		{pos: "content/demo/leaflet.toml:11:3", severity: Error, msg: `unknown key "section.block.size"`},
	})
}

func TestLoadPointsAtEachOccurrenceOfARepeatedValue(t *testing.T) {
	leaflet := lines(
		`[organisation]`,           // 1
		`name = "Demo Board"`,      // 2
		`[[section]]`,              // 3
		`place = "front"`,          // 4
		`  [[section.block]]`,      // 5
		`  title = "cover.title"`,  // 6
		`[[section]]`,              // 7
		`place = "front"`,          // 8
		`heading = "body.heading"`, // 9
		`  [[section.block]]`,      // 10
		`  paragraph = "gone"`,     // 11
		`[[section]]`,              // 12
		`heading = "body.text"`,    // 13
		`  [[section.block]]`,      // 14
		`  paragraph = "gone"`,     // 15
	)
	_, ds := Load(tree(leaflet, map[string]string{"active.en.toml": validBundle}), "", testID)
	checkDiags(t, ds, []wantDiag{
		{pos: "content/demo/leaflet.toml:4:9", severity: Error, msg: `unknown place "front"`},
		{pos: "content/demo/leaflet.toml:8:9", severity: Error, msg: `unknown place "front"`},
		{pos: "content/demo/leaflet.toml:11:15", severity: Error, msg: `unknown message ID "gone"`},
		{pos: "content/demo/leaflet.toml:15:15", severity: Error, msg: `unknown message ID "gone"`},
	})
}

// TestLoadReportsEachWrongValueAtItsValueInWords gives values of the wrong
// type: each is reported at its own value (not at the key's last
// occurrence in the file), saying what the key takes in the words of the
// format, with the problems after it in the same run and no follow-on
// error for the key that was given.
func TestLoadReportsEachWrongValueAtItsValueInWords(t *testing.T) {
	leaflet := lines(
		`qr = "yes"`,                // 1
		`[organisation]`,            // 2
		`name = 5`,                  // 3
		`address = "Town Hall"`,     // 4
		`telephone = "01604 36"`,    // 5
		`[[section]]`,               // 6
		`  [[section.block]]`,       // 7
		`  title = "cover.title"`,   // 8
		`[[section]]`,               // 9
		`heading = "body.heading"`,  // 10
		`  [[section.block]]`,       // 11
		`  paragraph = "body.text"`, // 12
		`  [[section.block]]`,       // 13
		`  paragraph = 3`,           // 14
		`  [[section.block]]`,       // 15
		`  paragraph = "body.text"`, // 16
		`  [[section.block]]`,       // 17
		`  list = "body.text"`,      // 18
		`  [[section.block]]`,       // 19
		`  languages = ["pl", 7]`,   // 20
	)
	_, ds := Load(tree(leaflet, map[string]string{"active.en.toml": validBundle}), "", testID)
	checkDiags(t, ds, []wantDiag{
		{pos: "content/demo/leaflet.toml:1:6", severity: Error, msg: `qr must be true or false, not the text "yes"`, hint: "write qr = true or qr = false, without quotes", source: `qr = "yes"`},
		{pos: "content/demo/leaflet.toml:3:8", severity: Error, msg: "name must be text in quotes, not the number 5", hint: `write name = "…"`, source: `name = 5`},
		{pos: "content/demo/leaflet.toml:4:11", severity: Error, msg: `address must be a list of lines, such as ["Town Hall", "Riverside"], not the text "Town Hall"`, hint: `write address = ["Town Hall"]`},
		{pos: "content/demo/leaflet.toml:5:1", severity: Error, msg: `unknown key "organisation.telephone"`, hint: "did you mean phone?"},
		{pos: "content/demo/leaflet.toml:14:15", severity: Error, msg: `paragraph must be a message ID in quotes, such as "signs.intro", not the number 3`, source: `  paragraph = 3`},
		{pos: "content/demo/leaflet.toml:16:15", severity: Warning, msg: `message "body.text" is placed twice: its words are printed here and at line 12`},
		{pos: "content/demo/leaflet.toml:18:10", severity: Error, msg: `list must be a list of message IDs, such as ["signs.item.1", "signs.item.2"], not the text "body.text"`, hint: `write list = ["body.text"]`},
		{pos: "content/demo/leaflet.toml:20:15", severity: Error, msg: `languages must be a list of language tags, such as ["pl", "ur"], or [] for every language: item 2 is the number 7`},
	})
}

// TestLoadSuggestsTheKeyMeant writes keys that people write for the
// format's own: a word for it, or a slip of the keyboard.
func TestLoadSuggestsTheKeyMeant(t *testing.T) {
	tests := []struct {
		key   string
		block bool // in the last block; else in [organisation]
		want  string
	}{
		{"telephone", false, "did you mean phone?"},
		{"e-mail", false, "did you mean email?"},
		{"url", false, "did you mean website?"},
		{"nmae", false, "did you mean name?"},
		{"paragaph", true, "did you mean paragraph?"},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			line := tt.key + ` = "x"`
			if strings.Contains(tt.key, "-") {
				line = `"` + tt.key + `" = "x"`
			}
			ls := strings.Split(strings.TrimSuffix(validLeaflet, "\n"), "\n")
			if tt.block {
				ls = append(ls, "  "+line)
			} else {
				ls = append(ls[:2], append([]string{line}, ls[2:]...)...)
			}
			_, ds := Load(tree(lines(ls...), map[string]string{"active.en.toml": validBundle}), "", testID)
			for _, d := range ds {
				if strings.Contains(d.Msg, "unknown key") {
					if !strings.HasPrefix(d.Hint, tt.want) {
						t.Errorf("got hint %q; want it to start %q", d.Hint, tt.want)
					}
					return
				}
			}
			t.Errorf("got no unknown key; want one for %s:\n%s", tt.key, dump(ds))
		})
	}
}

func TestLoadReportsBundleErrorsEvenWhenLeafletTOMLIsMalformed(t *testing.T) {
	leaflet := lines(
		`[organisation]`,
		`name = "Demo Board`, // 2
	)
	bundle := lines(
		`[cover.title]`,
		`other = "Demo leaflet`, // 2
	)
	_, ds := Load(tree(leaflet, map[string]string{"active.en.toml": bundle}), "", testID)
	checkDiags(t, ds, []wantDiag{
		{pos: "content/demo/leaflet.toml:2:19", severity: Error, msg: "invalid TOML"},
		{pos: "locales/demo/active.en.toml:2:22", severity: Error, msg: "invalid TOML"},
	})
}

func TestLoadReportsAMissingSourceBundleBesideAMisnamedOne(t *testing.T) {
	_, ds := Load(tree(validLeaflet, map[string]string{"active.english.toml": validBundle}), "", testID)
	checkDiags(t, ds, []wantDiag{
		{pos: "locales/demo", severity: Error, msg: `no bundle for the source language "en"`},
		{pos: "locales/demo/active.english.toml", severity: Error, msg: `"english" is not a valid BCP 47 language tag`},
	})
}

func TestLoadWithLangsReadsTheOthersOnlyForTheOffer(t *testing.T) {
	whole, ds := Load(Builtin(), "", DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	l, ds := LoadWith(Builtin(), "", DefaultLeaflet, LoadOptions{Langs: []string{"en-GB", "PL"}})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if !slices.Equal(l.Langs(), whole.Langs()) {
		t.Errorf("languages %q; want every language, %q", l.Langs(), whole.Langs())
	}
	for _, lang := range l.Langs() {
		b := l.Bundles[lang]
		wantWhole := lang == "en" || lang == "pl"
		if b.OfferOnly() == wantWhole {
			t.Errorf("%s: read for the offer only: %v; want %v", lang, b.OfferOnly(), !wantWhole)
		}
		if !wantWhole && (len(b.Messages) != 2 || b.zero != whole.Bundles[lang].zero) {
			t.Errorf("%s: %d messages, digit zero %q; want the 2 of the offer and the whole bundle's %q", lang, len(b.Messages), b.zero, whole.Bundles[lang].zero)
		}
	}
	// the offer is the same whichever way the bundles were read
	for _, lang := range []string{"en", "pl"} {
		a, ds1 := whole.Offers(lang, nil)
		b, ds2 := l.Offers(lang, nil)
		if !reflect.DeepEqual(a, b) || len(ds1) != len(ds2) {
			t.Errorf("%s: the offer read from the offer's messages differs from the offer read from whole bundles", lang)
		}
	}
}

func TestABrokenBundleOfALanguageNotBuiltDoesNotStopTheBuild(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, name := range BuiltinFiles() {
		b, err := fs.ReadFile(Builtin(), name)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, "active.pl.toml") {
			b = append(b, []byte("\n[broken\n")...)
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	if _, ds := Load(fsys, "", DefaultLeaflet); !ds.HasErrors() {
		t.Fatal("the broken Polish bundle loads whole without an error")
	}
	l, ds := LoadWith(fsys, "", DefaultLeaflet, LoadOptions{Langs: []string{"en"}})
	if ds.HasErrors() {
		t.Fatalf("building English: %v; want no error from the Polish bundle", ds)
	}
	if b := l.Bundles["pl"]; b == nil || !b.OfferOnly() || b.Messages["language.name"].Other != "Polski" {
		t.Errorf("the Polish offer was not read: %+v", b)
	}
	if _, ds := LoadWith(fsys, "", DefaultLeaflet, LoadOptions{Langs: []string{"pl"}}); !ds.HasErrors() {
		t.Error("building Polish: no error for its broken bundle")
	}
}
