// SPDX-License-Identifier: MIT

package web

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"
)

const easyLeaflet = `
[organisation]
name = "Demo Board"
phone = "01604 364036"

[[section]]
place = "cover"
  [[section.block]]
  title = "title"

[easy_read]
label = "label"

[[easy_read.section]]
heading = "h"

  [[easy_read.section.point]]
  picture = "photo.png"
  alt = "photo.alt"
  text = ["one"]

  [[easy_read.section.point]]
  picture = "phone"
  text = ["two"]
`

const easyBundle = `
[title]
other = "Demo"
[label]
other = "Easy read"
[h]
other = "About"
[photo.alt]
other = "Our office's front door"
[one]
other = "Come & see us."
[two]
other = "Call us."
[picture.phone]
other = "%s"
`

// photo returns a small PNG.
func photo(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 3))
	img.Set(1, 1, color.RGBA{200, 0, 0, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestEasyReadEmbedsTheLeafletsOwnPictureWithItsAlt(t *testing.T) {
	data := photo(t)
	l := load(t, easyLeaflet, map[string]string{"en": strings.Replace(easyBundle, "%s", "A telephone", 1)},
		fstest.MapFS{"content/t/photo.png": {Data: data}})
	page, ds := EasyRead(localize(t, l, "en"))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	s := string(page)
	want := `<img src="data:image/png;base64,` + base64.StdEncoding.EncodeToString(data) + `" alt="Our office&#39;s front door" width="4" height="3">`
	if !strings.Contains(s, want) {
		t.Errorf("the page lacks %s", want)
	}
	if !strings.Contains(s, `role="img" aria-label="A telephone" focusable="false"><title>A telephone</title>`) {
		t.Error("the built-in picture is not an SVG image labelled with its alt text")
	}
	if !strings.Contains(s, "<p>Come &amp; see us.</p>") {
		t.Error("the point's sentence is missing or not escaped")
	}
	x, _ := EasyReadWith(localize(t, l, "en"), Options{XHTML: true})
	wellFormed(t, x)
}

func TestEasyReadRefusesAPictureWithoutAltNamingThePoint(t *testing.T) {
	// the loader refuses a message without words: an alt text that is
	// only spaces or markup is what is left to refuse
	l := load(t, easyLeaflet, map[string]string{"en": strings.Replace(easyBundle, "%s", "A telephone", 1)},
		fstest.MapFS{"content/t/photo.png": {Data: photo(t)}})
	doc := localize(t, l, "en")
	doc.EasyRead.Sections[0].Points[1].Picture.Alt = " "
	page, ds := EasyRead(doc)
	if page != nil || !ds.HasErrors() {
		t.Fatalf("got a page and %v; want no page and an error", ds)
	}
	msg := ds.Error()
	if !strings.Contains(msg, "content/t/leaflet.toml:23:") || !strings.Contains(msg, `the picture "phone" of this point has no alt text`) {
		t.Errorf("got %q; want an error at the second point's place saying its picture has no alt text", msg)
	}
}

func TestEasyReadOfALeafletWithoutOneIsAnError(t *testing.T) {
	l := load(t, `
[organisation]
name = "Demo Board"

[[section]]
place = "cover"
  [[section.block]]
  title = "title"
`, map[string]string{"en": "[title]\nother = \"Demo\"\n"}, nil)
	if _, ds := EasyRead(localize(t, l, "en")); !ds.HasErrors() || !strings.Contains(ds.Error(), "no easy read") {
		t.Errorf("got %v; want an error: no easy read", ds)
	}
}
