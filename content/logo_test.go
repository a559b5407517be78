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

// withLogo returns validLeaflet with logo = file under [organisation], on
// line 3.
func withLogo(file string) string {
	return strings.Replace(validLeaflet, `name = "Demo Board"`+"\n", `name = "Demo Board"`+"\n"+`logo = "`+file+`"`+"\n", 1)
}

func pngOf(w, h int) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func TestLogoIsReadWhenTheLeafletLoads(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		data       []byte
		vector     bool
	}{
		{"a PNG", "logo.png", pngOf(600, 200), false},
		{"a one-colour SVG", "art/logo.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10"><path fill="#c0392b" d="M0 0H20V10H0Z"/></svg>`), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := tree(withLogo(tc.file), map[string]string{"active.en.toml": validBundle})
			fsys["content/demo/"+tc.file] = &fstest.MapFile{Data: tc.data}
			l, ds := Load(fsys, "", testID)
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			lg := l.Org.Logo
			switch {
			case lg == nil:
				t.Fatal("got no logo")
			case tc.vector && (lg.Vector == nil || lg.Vector.Fill != "#c0392b"):
				t.Errorf("got %+v; want the SVG with its colour", lg)
			case !tc.vector && (lg.Image == nil || lg.Image.Width != 600):
				t.Errorf("got %+v; want the 600-pixel PNG", lg)
			}
			if got := lg.Pos.String(); got != testLeafletFile+":3:8" {
				t.Errorf("got position %s; want %s:3:8", got, testLeafletFile)
			}
		})
	}
}

func TestBadLogoIsAnErrorAtItsValue(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		data       []byte
		msg        string
	}{
		{"a missing file", "logo.png", nil, "cannot read content/demo/logo.png"},
		{"an unreadable image", "logo.png", []byte("not a png"), "cannot read the image"},
		{"another format", "logo.gif", []byte("GIF89a"), "a logo is a .png, .jpg or .svg file"},
		{"an SVG with two colours", "logo.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 1"><path fill="#000000" d="M0 0H1V1H0Z"/><path fill="#ff0000" d="M1 0H2V1H1Z"/></svg>`), "one-colour"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := tree(withLogo(tc.file), map[string]string{"active.en.toml": validBundle})
			if tc.data != nil {
				fsys["content/demo/"+tc.file] = &fstest.MapFile{Data: tc.data}
			}
			_, ds := Load(fsys, "", testID)
			checkDiags(t, ds, []wantDiag{{pos: testLeafletFile + ":3:8", severity: Error, msg: tc.msg, hint: "PNG or JPEG", source: `logo = "` + tc.file + `"`}})
		})
	}
}
