// SPDX-License-Identifier: MIT

package fonts

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestEveryScriptHasItsFace(t *testing.T) {
	set, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		r    rune
		bold bool
		want string
	}{
		{"Latin", 'a', false, "NotoSans-Regular"},
		{"Latin bold", 'a', true, "NotoSans-Bold"},
		{"Polish", 'ą', false, "NotoSans-Regular"},
		{"Ukrainian", 'ї', true, "NotoSans-Bold"},
		{"Arabic", 'ب', false, "NotoNaskhArabic-Regular"},
		{"Urdu in Naskh", 'ے', true, "NotoNaskhArabic-Bold"},
		{"Hebrew", 'ש', false, "NotoSansHebrew-Regular"},
		{"Bengali", 'ক', false, "NotoSansBengali-Regular"},
		{"Gurmukhi", 'ਪ', true, "NotoSansGurmukhi-Bold"},
		{"Gujarati", 'ગ', false, "NotoSansGujarati-Regular"},
		{"Devanagari", 'क', false, "NotoSansDevanagari-Regular"},
		{"Tamil", 'த', false, "NotoSansTamil-Regular"},
		{"Tigrinya", 'ት', false, "NotoSansEthiopic-Regular"},
		{"Thai", 'ก', false, "NotoSansThai-Regular"},
		{"Chinese", '中', false, "DroidSansFallbackFull"},
		{"Chinese bold has no bold face", '中', true, "DroidSansFallbackFull"},
		{"full-width punctuation", '，', false, "DroidSansFallbackFull"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := set.For(tc.r, tc.bold)
			if f == nil || f.Name != tc.want {
				t.Errorf("For(%q, bold=%v) = %v; want %s", tc.r, tc.bold, f, tc.want)
			}
		})
	}
	if f := set.For('\U0001D11E', false); f != nil { // musical G clef
		t.Errorf("got %s for a character no embedded face covers; want nil", f.Name)
	}
}

func TestBoldFacesAreMarkedBold(t *testing.T) {
	set, _ := Embedded()
	for _, n := range set.Names() {
		f := set.Face(n)
		if got, want := f.Bold, n[len(n)-5:] == "-Bold"; got != want {
			t.Errorf("%s: Bold = %v; want %v", n, got, want)
		}
	}
}

func TestWithTextSetsLatinInAnotherFamily(t *testing.T) {
	set, _ := Embedded()
	ah := set.WithText("AtkinsonHyperlegibleNext")
	for _, tc := range []struct {
		r    rune
		bold bool
		want string
	}{
		{'a', false, "AtkinsonHyperlegibleNext-Regular"},
		{'ł', true, "AtkinsonHyperlegibleNext-Bold"},
		{'ж', false, "NotoSans-Regular"}, // Atkinson has no Cyrillic
		{'ب', false, "NotoNaskhArabic-Regular"},
	} {
		if f := ah.For(tc.r, tc.bold); f == nil || f.Name != tc.want {
			t.Errorf("For(%q) = %v; want %s", tc.r, f, tc.want)
		}
	}
	if set.Text(false).Name != "NotoSans-Regular" {
		t.Error("WithText changed the set it came from")
	}
}

func TestEveryEmbeddedFontParsesWithItsLineMetrics(t *testing.T) {
	set, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range set.Names() {
		f := set.Face(n)
		ff := f.Font() // panics if it does not parse
		face := f.NewShapingFace()
		ext, _ := face.FontHExtents()
		asc, desc := f.Metrics()
		u := float64(ff.Upem())
		if u != f.Upem() || float64(ext.Ascender)/u != asc || float64(ext.Descender)/u != desc {
			t.Errorf("%s: read upem %g, ascender %g, descender %g; go-text says %g, %g, %g",
				n, f.Upem(), asc, desc, u, float64(ext.Ascender)/u, float64(ext.Descender)/u)
		}
		if f.NumGlyphs() == 0 {
			t.Errorf("%s: no glyphs", n)
		}
	}
}

// TestNoFaceDrawsASlashedZero checks the zero of every face that has one:
// a slashed or dotted zero has a third contour. Atkinson Hyperlegible
// Next's zero is slashed as released; fonts/unslash-zero.py removes the
// slash (see README.md).
func TestNoFaceDrawsASlashedZero(t *testing.T) {
	set, _ := Embedded()
	n := 0
	for _, name := range set.Names() {
		f := set.Face(name)
		gid, ok := f.Font().NominalGlyph('0')
		if !ok {
			continue
		}
		n++
		if c := f.Contours(uint16(gid)); c != 2 {
			t.Errorf("%s: the zero (glyph %d) has %d contours; want 2, an unslashed oval", name, gid, c)
		}
	}
	if n < 10 {
		t.Errorf("only %d faces have a zero", n)
	}
}

func TestWeightFindsTheOtherFaceOfAFamily(t *testing.T) {
	set, _ := Embedded()
	for _, tc := range []struct {
		face string
		bold bool
		want string
	}{
		{"NotoSansBengali-Regular", true, "NotoSansBengali-Bold"},
		{"AtkinsonHyperlegibleNext-Bold", false, "AtkinsonHyperlegibleNext-Regular"},
		{"DroidSansFallbackFull", true, "DroidSansFallbackFull"},
	} {
		if got := set.Weight(set.Face(tc.face), tc.bold).Name; got != tc.want {
			t.Errorf("Weight(%s, bold=%v) = %s; want %s", tc.face, tc.bold, got, tc.want)
		}
	}
}

// TestEmbeddedListsEveryFont checks that every font file of the package is
// embedded, under its name.
func TestEmbeddedListsEveryFont(t *testing.T) {
	files, err := filepath.Glob("*.ttf")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range embedded {
		names = append(names, e.name+".ttf")
		if want, _ := os.ReadFile(e.name + ".ttf"); !bytes.Equal(e.data, want) {
			t.Errorf("%s: the embedded bytes are not the file's", e.name)
		}
	}
	if !slices.Equal(names, files) {
		t.Errorf("embedded fonts %q, font files %q: list each font file in embedded.go", names, files)
	}
}
