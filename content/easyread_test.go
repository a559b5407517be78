// SPDX-License-Identifier: MIT

package content

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"
)

// erLeaflet is validLeaflet with an easy read of one section whose points
// are the given lines, from line 24 of the file.
func erLeaflet(points ...string) string {
	return validLeaflet + lines(append([]string{
		``,                       // 16
		`[easy_read]`,            // 17
		`cover = "phone"`,        // 18
		`label = "er.label"`,     // 19
		``,                       // 20
		`[[easy_read.section]]`,  // 21
		`heading = "er.heading"`, // 22
		``,                       // 23
	}, points...)...)
}

// erBundle holds validBundle's messages and those the easy-read tests use.
var erBundle = validBundle + lines(
	``,
	`[er.label]`, `other = "Easy read"`, ``,
	`[er.heading]`, `other = "About"`, ``,
	`[er.1]`, `other = "One."`, ``,
	`[er.2]`, `other = "Two."`, ``,
	`[er.3]`, `other = "Three."`, ``,
	`[er.offer]`, `other = "You can get this leaflet in other languages."`, ``,
	`[picture.phone]`, `other = "A telephone"`, ``,
	`[picture.home]`, `other = "A house"`, ``,
	`[picture.email]`, `other = "Email"`, ``,
	`[alt.write]`, `other = "Writing to us"`, ``,
	`[alt.leaflet]`, `other = "This leaflet"`, ``,
	`[language.name]`, `other = "English"`, ``,
	`[request.language]`, `other = "Ask us"`,
)

// erTree is a source tree with the leaflet, erBundle and a small PNG at
// content/demo/me.png.
func erTree(t *testing.T, leaflet string) fstest.MapFS {
	t.Helper()
	fsys := tree(leaflet, map[string]string{"active.en.toml": erBundle})
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 8, 8))); err != nil {
		t.Fatal(err)
	}
	fsys["content/demo/me.png"] = &fstest.MapFile{Data: buf.Bytes()}
	return fsys
}

// point is one [[easy_read.section.point]] of three lines and a blank one.
func point(picture, alt, text string) []string {
	second := `  text = ["` + text + `"]`
	if alt != "" {
		second = `  alt = "` + alt + `"` + "\n" + second
	}
	return []string{`  [[easy_read.section.point]]`, `  picture = "` + picture + `"`, second, ``}
}

func points(ps ...[]string) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p...)
	}
	// a point's alt line, when there is one, is a line of its own
	return strings.Split(strings.Join(out, "\n"), "\n")
}

// TestOnePictureMeansOneThing: the same picture at two points with
// different alt texts is a warning at the second use that names the first;
// the same picture with the same alt text, or different pictures, are not.
func TestOnePictureMeansOneThing(t *testing.T) {
	tests := []struct {
		name   string
		points []string
		want   []wantDiag
	}{
		{"different pictures", points(point("home", "", "er.1"), point("email", "", "er.2")), nil},
		{"one picture, its own alt text twice", points(point("home", "", "er.1"), point("home", "", "er.2")), nil},
		{"one picture, the same alt text twice", points(point("home", "alt.write", "er.1"), point("home", "alt.write", "er.2")), nil},
		{"one picture, two meanings", points(point("home", "", "er.1"), point("home", "alt.write", "er.2")), []wantDiag{
			{testLeafletFile + ":29:13", Warning, `picture "home" stands for two things: alt text "alt.write" here, "picture.home" at line 25`,
				"one picture means one thing", `  picture = "home"`},
		}},
		{"the cover's picture as a point's with another meaning", points(point("phone", "alt.write", "er.1")), []wantDiag{
			{testLeafletFile + ":25:13", Warning, `picture "phone" stands for two things: alt text "alt.write" here, "picture.phone" at line 18`, "", ""},
		}},
		{"a third use with a third meaning names the first", points(
			point("home", "", "er.1"), point("home", "", "er.2"), point("home", "alt.write", "er.3")), []wantDiag{
			{testLeafletFile + ":33:13", Warning, `"alt.write" here, "picture.home" at line 25`, "", ""},
		}},
		{"one image file, one meaning", points(point("me.png", "alt.leaflet", "er.1"), point("me.png", "alt.leaflet", "er.2")), nil},
		{"one image file, two meanings", points(point("me.png", "alt.leaflet", "er.1"), point("me.png", "alt.write", "er.2")), []wantDiag{
			{testLeafletFile + ":30:13", Warning, `picture file "me.png" stands for two things: alt text "alt.write" here, "alt.leaflet" at line 25`, "", ""},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			leaflet := erLeaflet(tc.points...)
			// every message the case does not place would be reported as
			// unused: keep only the picture warnings
			_, ds := Load(erTree(t, leaflet), "", testID)
			if ds.HasErrors() {
				t.Fatalf("got errors:\n%s", dump(ds))
			}
			checkDiags(t, withoutUnused(ds), tc.want)
		})
	}
}

// TestBuiltinEasyReadPicturesMeanOneThingEach: the CSE leaflet loads without
// a warning, and no picture of its easy read is used at two points for two
// meanings.
func TestBuiltinEasyReadPicturesMeanOneThingEach(t *testing.T) {
	l, ds := Load(Builtin(), "", DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	for _, d := range ds {
		if strings.Contains(d.Msg, "stands for two things") || strings.Contains(d.Msg, "easy read") {
			t.Errorf("got %v", d)
		}
	}
	meaning := map[string]string{}
	n := 0
	for _, s := range l.EasyRead.Sections {
		for _, p := range s.Points {
			n++
			if was, ok := meaning[p.Picture.Name]; ok && was != p.Picture.Alt.ID {
				t.Errorf("picture %q means %q and %q", p.Picture.Name, was, p.Picture.Alt.ID)
			}
			meaning[p.Picture.Name] = p.Picture.Alt.ID
		}
	}
	// the reuses are deliberate and few: young people are young people
	if len(meaning) < n-1 {
		t.Errorf("%d points share %d pictures; want each point its own picture, but for the young people", n, len(meaning))
	}
}

func TestEasyReadOfferListsValidLanguageTags(t *testing.T) {
	leaflet := erLeaflet(
		`  [[easy_read.section.point]]`,       // 24
		`  picture = "phone"`,                 // 25
		`  text = ["er.offer"]`,               // 26
		`  languages = ["pl", "en_GB", "ur"]`, // 27
	)
	_, ds := Load(erTree(t, leaflet), "", testID)
	var got Diagnostics
	for _, d := range ds {
		if d.Severity == Error {
			got = append(got, d)
		}
	}
	checkDiags(t, got, []wantDiag{
		{testLeafletFile + ":27:22", Error, `"en_GB" is not a valid BCP 47 language tag`, "", `  languages = ["pl", "en_GB", "ur"]`},
	})
}

// TestEasyReadOfferNamesEachLanguageInItself: the offer point is found by
// its position, and its names are each bundle's language.name in its own
// language, the document's language left out, in the order given.
func TestEasyReadOfferNamesEachLanguageInItself(t *testing.T) {
	l, ds := Load(Builtin(), "", DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	var offer *Point
	for _, s := range l.EasyRead.Sections {
		for i, p := range s.Points {
			if p.Offer {
				offer = &s.Points[i]
			}
		}
	}
	if offer == nil {
		t.Fatal("the CSE easy read has no offer of its languages")
	}
	if got, ok := l.OfferAt(offer.Pos); !ok || got != offer {
		t.Errorf("OfferAt(%v) = %v, %v; want the offer", offer.Pos, got, ok)
	}
	if _, ok := l.OfferAt(l.EasyRead.Sections[0].Points[0].Pos); ok {
		t.Error("OfferAt finds an offer at the first point")
	}
	names, ds := l.LanguageNames("ur", []string{"pl", "ur", "zh-Hans", "xx"})
	var got []string
	for _, n := range names {
		got = append(got, n.Lang+"="+n.Text.String())
	}
	if strings.Join(got, " ") != "pl=Polski zh-Hans=中文（简体）" {
		t.Errorf("got names %q", got)
	}
	if len(ds) != 1 || !strings.Contains(ds[0].Msg, `"xx", which has no bundle`) {
		t.Errorf("got %v; want a warning about xx", ds)
	}
	all, ds := l.LanguageNames("en", nil)
	if len(ds) != 0 || len(all) != len(l.Bundles)-1 || all[0].Lang != "pl" {
		t.Errorf("got %d names starting %v, %v; want every other language, Polish first", len(all), all[0], ds)
	}
}

// TestAnEasyReadWithoutACoverPictureIsAWarning: the easy read's cover has
// its title, a picture and the words "Easy read"; without a picture its
// first page is bare, which loading warns about at the [easy_read] table.
func TestAnEasyReadWithoutACoverPictureIsAWarning(t *testing.T) {
	leaflet := strings.Replace(erLeaflet(points(point("home", "", "er.1"))...), `cover = "phone"`+"\n", "", 1)
	_, ds := Load(erTree(t, leaflet), "", testID)
	if ds.HasErrors() {
		t.Fatalf("got errors:\n%s", dump(ds))
	}
	checkDiags(t, withoutUnused(ds), []wantDiag{
		{testLeafletFile + ":17:1", Warning, "easy_read has no cover picture: the easy read's first page holds only its title and label",
			`cover = "<picture>"`, `[easy_read]`},
	})
	// with one, no warning
	_, ds = Load(erTree(t, erLeaflet(points(point("home", "", "er.1"))...)), "", testID)
	for _, d := range ds {
		if strings.Contains(d.Msg, "cover picture") {
			t.Errorf("an easy read with a cover picture: %s", d.Msg)
		}
	}
}

// withoutUnused returns ds without the warnings of messages no place
// uses: a case's bundle holds the messages of every case.
func withoutUnused(ds Diagnostics) Diagnostics {
	var out Diagnostics
	for _, d := range ds {
		if !strings.Contains(d.Msg, "is not used by") {
			out = append(out, d)
		}
	}
	return out
}
