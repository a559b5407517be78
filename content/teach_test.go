// SPDX-License-Identifier: MIT

package content

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// only keeps the diagnostics whose message contains s.
func only(ds Diagnostics, s string) Diagnostics {
	var out Diagnostics
	for _, d := range ds {
		if strings.Contains(d.Msg, s) {
			out = append(out, d)
		}
	}
	return out
}

func TestAnUnknownPictureListsTheClosestNames(t *testing.T) {
	tests := []struct {
		picture, msg, hint string
	}{
		{"phon", `unknown picture "phon"`, `the built-in pictures closest to "phon": phone, `},
		{"telephone", `unknown picture "telephone"`, `the built-in pictures closest to "telephone": phone, `},
		{"house.gif", `picture "house.gif" is neither PNG nor JPEG`, `the closest to "house": `},
	}
	for _, tt := range tests {
		t.Run(tt.picture, func(t *testing.T) {
			_, ds := Load(erTree(t, erLeaflet(point(tt.picture, "", "er.1")...)), "", testID)
			checkDiags(t, only(ds, `picture "`), []wantDiag{
				{pos: testLeafletFile + ":25:13", severity: Error, msg: tt.msg, hint: tt.hint, source: `  picture = "` + tt.picture + `"`},
			})
			for _, d := range ds {
				if strings.Contains(d.Hint, "pictures.Names") {
					t.Errorf("got hint %q; want no Go identifier", d.Hint)
				}
			}
		})
	}
}

func TestAFileNotInUTF8AsksForUTF8(t *testing.T) {
	latin1 := []byte(lines(`[cover.title]`, "other = \"Caf\xe9 leaflet\"") + validBundle[len(lines(`[cover.title]`, `description = "The title."`, `other = "Demo leaflet"`)):])
	utf16 := append([]byte{0xFF, 0xFE}, []byte("[\x00c\x00")...)
	for _, tt := range []struct {
		name string
		file []byte
		want wantDiag
	}{
		{"Latin-1", latin1, wantDiag{pos: testBundleFile + ":2:13", severity: Error, msg: "the file is not UTF-8 text", hint: "save the file as UTF-8", source: "other = \"Caf\uFFFD leaflet\""}},
		{"UTF-16", utf16, wantDiag{pos: testBundleFile, severity: Error, msg: "the file is saved as UTF-16", hint: "save the file as UTF-8"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := tree(validLeaflet, nil)
			fsys[testBundleFile] = &fstest.MapFile{Data: tt.file}
			_, ds := Load(fsys, "", testID)
			checkDiags(t, ds, []wantDiag{tt.want})
		})
	}
	fsys := tree("qr = true\n# \xa9 2026\n"+validLeaflet, map[string]string{"active.en.toml": validBundle})
	_, ds := Load(fsys, "", testID)
	checkDiags(t, ds, []wantDiag{{pos: testLeafletFile + ":2:3", severity: Error, msg: "the file is not UTF-8 text", hint: "save the file as UTF-8"}})
}

func TestAnEmptySourceBundleIsOneError(t *testing.T) {
	_, ds := Load(tree(validLeaflet, map[string]string{"active.en.toml": "# nothing yet\n"}), "", testID)
	checkDiags(t, ds, []wantDiag{
		{pos: testBundleFile, severity: Error, msg: "the en bundle has no messages: the 3 message IDs of content/demo/leaflet.toml have no text"},
	})
}

// TestACopyOfTheSourceBundleIsOneWarning: a translation that is the
// English file copied is said once, with how many messages are English.
func TestACopyOfTheSourceBundleIsOneWarning(t *testing.T) {
	_, ds := Load(tree(validLeaflet, map[string]string{"active.en.toml": validBundle, "active.cy.toml": validBundle}), "", testID)
	checkDiags(t, ds, []wantDiag{
		{pos: "locales/demo/active.cy.toml", severity: Warning, msg: "active.cy.toml: 3 of 3 messages are the en text", hint: "is it a copy of active.en.toml?"},
	})
	cy := strings.Replace(validBundle, `other = "What to do"`, `other = "Beth i'w wneud"`, 1)
	cy = strings.Replace(cy, `other = "Demo leaflet"`, `other = "Taflen demo"`, 1)
	if _, ds := Load(tree(validLeaflet, map[string]string{"active.en.toml": validBundle, "active.cy.toml": cy}), "", testID); len(ds) > 0 {
		t.Errorf("got diagnostics for a translation with one message left in English; want none:\n%s", dump(ds))
	}
}

func TestAMessagePlacedTwiceIsAWarningAtTheSecond(t *testing.T) {
	leaflet := validLeaflet + lines(
		`  [[section.block]]`,                                // 16
		`  list = ["body.text", "cover.title", "body.text"]`, // 17
	)
	_, ds := Load(tree(leaflet, map[string]string{"active.en.toml": validBundle}), "", testID)
	checkDiags(t, ds, []wantDiag{
		{pos: testLeafletFile + ":17:11", severity: Warning, msg: `message "body.text" is placed twice: its words are printed here and at line 15`, hint: "remove one"},
		{pos: testLeafletFile + ":17:24", severity: Warning, msg: `message "cover.title" is placed twice: its words are printed here and at line 9`},
		{pos: testLeafletFile + ":17:39", severity: Warning, msg: `message "body.text" is placed twice: its words are printed here and at line 15`},
	})
}

func TestCappedShowsTwentyWarningsOfAKindThenACount(t *testing.T) {
	var ds Diagnostics
	for i := 0; i < 25; i++ {
		ds.Warnf(Pos{File: testBundleFile, Line: i + 1, Col: 1}, "message %q is not used by %s", fmt.Sprint("m", i), testLeafletFile)
	}
	ds.Errorf(Pos{File: testLeafletFile, Line: 3}, "unknown message ID %q", "x")
	ds.Warnf(Pos{File: testLeafletFile, Line: 4}, "message %q is placed twice", "y")
	got := ds.Capped(20)
	if len(got) != 20+1+1+1 {
		t.Fatalf("got %d diagnostics; want 20 of the kind, the error, the other warning and a count:\n%s", len(got), dump(got))
	}
	last := got[len(got)-1]
	if want := `5 more warnings of this kind, not shown (25 in all): message "…" is not used by content/demo/leaflet.toml`; last.Msg != want {
		t.Errorf("got last %q; want the count of the rest, %q", last.Msg, want)
	}
}

func TestADraftNoticeMissingFromBothBundlesIsOneError(t *testing.T) {
	pl := strings.ReplaceAll(validBundle, `other = "`, `other = "PL `)
	l, ds := Load(tree(validLeaflet, map[string]string{"active.en.toml": validBundle, "active.pl.toml": pl}), "", testID)
	if len(ds) > 0 {
		t.Fatal(dump(ds))
	}
	_, ds = l.Localize("pl")
	checkDiags(t, ds, []wantDiag{
		{pos: testBundleFile, severity: Error, msg: `language pl is a draft translation, which prints the message "notice.draft" on its front cover: neither active.pl.toml nor active.en.toml has it`, hint: "add [notice.draft]"},
	})
	l, _ = Load(tree(validLeaflet, map[string]string{"active.en.toml": validBundle, "active.pl.toml": pl + lines(``, `[notice.draft]`, `other = "Wersja robocza"`)}), "", testID)
	doc, ds := l.Localize("pl")
	if len(ds) > 0 || len(doc.Draft) != 1 || doc.Draft[0].String() != "Wersja robocza" {
		t.Errorf("got %v, %d diagnostics; want the notice in Polish alone, when English has none", doc.Draft, len(ds))
	}
}

func TestThePageNumberNeedsNoMessage(t *testing.T) {
	l, ds := Load(tree(validLeaflet, map[string]string{"active.en.toml": validBundle}), "", testID)
	if len(ds) > 0 {
		t.Fatal(dump(ds))
	}
	doc, _ := l.Localize("en")
	got, err := doc.Message(PageMessage, map[string]any{"Page": "3", "Pages": "12"})
	if err != nil || got.String() != "3 / 12" {
		t.Errorf("got %q, %v; want the default page number %q", got.String(), err, "3 / 12")
	}
	bundle := validBundle + lines(``, `[page.number]`, `other = "Page {{.Page}} of {{.Pages}}"`)
	l, _ = Load(tree(validLeaflet, map[string]string{"active.en.toml": bundle}), "", testID)
	doc, _ = l.Localize("en")
	if got, err := doc.Message(PageMessage, map[string]any{"Page": "3", "Pages": "12"}); err != nil || got.String() != "Page 3 of 12" {
		t.Errorf("got %q, %v; want the bundle's page number", got.String(), err)
	}
}
