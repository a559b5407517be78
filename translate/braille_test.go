// SPDX-License-Identifier: MIT

package translate

import (
	"strings"
	"testing"

	"leaflet/compose"
	"leaflet/content"
	"leaflet/internal/testtool"
)

func TestCheckOfTheBrailleEditionSaysWhichLanguagesCannotBeBuilt(t *testing.T) {
	testtool.Need(t, "lou_translate", "liblouis-bin")
	r := CheckEditions(t.Context(), content.Builtin(), "", content.DefaultLeaflet, []string{"en", "ro", "zh-Hans"}, []*compose.Edition{compose.Braille})
	fits := map[string]Fit{}
	for _, s := range r.Languages {
		fits[s.Lang] = s.Fits["braille"]
	}
	if fits["en"] != Fits || fits["ro"] != Fails || fits["zh-Hans"] != Overflows {
		t.Errorf("braille fits %v; want en yes, ro error, zh-Hans no", fits)
	}
	var codes []content.Code
	for _, d := range r.Diagnostics {
		if d.Severity == content.Error {
			codes = append(codes, d.Code)
		}
	}
	if len(codes) == 0 || codes[0] != content.CodeBraille {
		t.Errorf("errors with codes %v; want Romanian's table first (braille)", codes)
	}
}

func TestCheckOfTheBrailleEditionWithoutLiblouisIsAnError(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	r := CheckEditions(t.Context(), content.Builtin(), "", content.DefaultLeaflet, []string{"en"}, []*compose.Edition{compose.TriFold, compose.Braille})
	if !r.Diagnostics.HasErrors() || !strings.Contains(r.Diagnostics.Error(), "the braille edition cannot be checked: the braille edition needs liblouis") {
		t.Errorf("got %v; want an error saying liblouis is missing", r.Diagnostics)
	}
	if len(r.Editions) != 1 || r.Editions[0] != compose.TriFold || r.Languages[0].Fits["trifold"] != Fits {
		t.Errorf("checked %v, %v; want the tri-fold alone", r.Editions, r.Languages[0].Fits)
	}
}
