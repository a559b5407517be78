// SPDX-License-Identifier: MIT

package output

import (
	"bytes"
	"testing"

	"leaflet/fonts"
	"leaflet/layout"
	"leaflet/layout/text"
)

// TestPlainGlyphsAreNumberedInCharacterOrder sets "fedcba" and checks
// that the font numbers its letters a to f in a row, which the ToUnicode
// map then gives as one range.
func TestPlainGlyphsAreNumberedInCharacterOrder(t *testing.T) {
	set, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	sh := text.NewShaper(set.WithText("NotoSans"))
	p := text.Paragraph{Text: []rune("fedcba fi"), Lang: "en", Size: 12}
	lines, missing := sh.Lines(p, 1000, nil)
	if len(missing) > 0 || len(lines) != 1 {
		t.Fatalf("%d lines, missing %v", len(lines), missing)
	}
	var items []layout.Item
	for _, r := range lines[0].Runs {
		items = append(items, &layout.GlyphRun{Face: r.Face, Size: r.Size, Text: r.Text, Glyphs: r.Glyphs, Width: r.Width, Role: layout.RoleParagraph})
	}
	faces, groups := collectGlyphs(&layout.Result{Pages: []layout.Page{{Items: items}}})
	if len(groups) != 1 {
		t.Fatalf("%d fonts; want 1", len(groups))
	}
	if err := groups[0].number()(); err != nil {
		t.Fatal(err)
	}
	code := map[string]uint16{}
	for _, fc := range faces {
		for _, c := range fc.clusters {
			code[c.text] = c.code
		}
	}
	for i, r := range "abcdef" {
		if got, want := code[string(r)], code["a"]+uint16(i); got != want {
			t.Errorf("%q has code %d; want %d (a is %d)", r, got, want, code["a"])
		}
	}
	if code["fi"] <= code["f"] {
		t.Errorf("the ligature fi (%d) is numbered before the letters (f is %d)", code["fi"], code["f"])
	}
	if cmap := toUnicodeCMap(groups[0].text); !bytes.Contains(cmap, []byte("beginbfrange")) {
		t.Errorf("the ToUnicode map has no range:\n%s", cmap)
	}
}
