// SPDX-License-Identifier: MIT

package build

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"leaflet/compose"
	"strings"
	"testing"
	"testing/fstest"

	"leaflet/content"
	"leaflet/internal/testtool"
	"leaflet/layout"
)

// ownPictureSources returns the built-in sources with the easy read's
// first point showing the leaflet's own PNG, of side pixels (nil: no file).
func ownPictureSources(t *testing.T, side int) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range content.BuiltinFiles() {
		data, err := fs.ReadFile(content.Builtin(), f)
		if err != nil {
			t.Fatal(err)
		}
		fsys[f] = &fstest.MapFile{Data: data}
	}
	toml := string(fsys["content/cse/leaflet.toml"].Data)
	toml = strings.Replace(toml, `  picture = "document"
  text = ["er.about.1", "er.about.2"]`, `  picture = "images/leaflet.png"
  alt = "picture.document"
  text = ["er.about.1", "er.about.2"]`, 1)
	fsys["content/cse/leaflet.toml"] = &fstest.MapFile{Data: []byte(toml)}
	if side > 0 {
		img := image.NewRGBA(image.Rect(0, 0, side, side))
		for i := range side {
			img.Set(i, i, color.RGBA{0x1f, 0x4e, 0x79, 0xff})
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		fsys["content/cse/images/leaflet.png"] = &fstest.MapFile{Data: buf.Bytes()}
	}
	return fsys
}

func TestEasyReadTakesTheLeafletsOwnPicture(t *testing.T) {
	pdfimages := testtool.Need(t, "pdfimages", "poppler-utils")
	l, ds := content.Load(ownPictureSources(t, 800), "src", "cse")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	outs, ds := Run(t.Context(), Request{Leaflet: l, Langs: []string{"en"}, Editions: []*compose.Edition{compose.EasyRead}, Paper: layout.A4})
	if ds.HasErrors() || len(outs) != 1 {
		t.Fatalf("got %d outputs: %v", len(outs), ds)
	}
	list := runTool(t, pdfimages, "-list", pdfFile(t, outs[0]))
	if !strings.Contains(list, " 800   800 ") {
		t.Errorf("pdfimages finds no 800 x 800 image:\n%s", list)
	}
}

func TestAMissingOrSoftPictureIsReportedWithItsPoint(t *testing.T) {
	_, ds := content.Load(ownPictureSources(t, 0), "src", "cse")
	if !ds.HasErrors() || !strings.Contains(ds.Error(), `src/content/cse/leaflet.toml:`) || !strings.Contains(ds.Error(), `picture "images/leaflet.png": cannot read src/content/cse/images/leaflet.png`) {
		t.Errorf("got %v; want an error at the point naming the file", ds)
	}
	l, ds := content.Load(ownPictureSources(t, 100), "src", "cse")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	_, ds = Run(t.Context(), Request{Leaflet: l, Langs: []string{"en"}, Editions: []*compose.Edition{compose.EasyRead}, Paper: layout.A4})
	if !strings.Contains(ds.Error(), `picture "images/leaflet.png" prints at`) {
		t.Errorf("got %v; want a warning that a 100-pixel picture prints soft", ds)
	}
}
