// SPDX-License-Identifier: MIT

package translate

import (
	"os"
	"strings"
	"testing"

	"leaflet/content"
)

// TestCheckTellsFitByCodeNotByWords: an edition overflows on an error with
// CodeOverflow whatever its words say, and an error without the code fails
// it even when its words are those of an overflow, so rewording a message
// changes nothing in the table.
func TestCheckTellsFitByCodeNotByWords(t *testing.T) {
	at := content.Pos{File: "locales/cse/active.pl.toml", Line: 3, Col: 1}
	for _, tc := range []struct {
		name string
		from Fit
		d    content.Diagnostic
		want Fit
	}{
		{"an overflow in other words", Fits, content.Diagnostic{Pos: at, Severity: content.Error, Code: content.CodeOverflow, Msg: "pl trifold, panel fold-in: 12 mm too much text"}, Overflows},
		{"an overflow after a failure", Fails, content.Diagnostic{Severity: content.Error, Code: content.CodeOverflow, Msg: "reworded"}, Overflows},
		{"an overflow's words without its code", Fits, content.Diagnostic{Severity: content.Error, Msg: "pl trifold, panel fold-in: text does not fit: 12 pt (4 mm) overflows"}, Fails},
		{"a page's words without its code", Fits, content.Diagnostic{Severity: content.Error, Msg: `pl large-print, page 2: "x" is 3.0 mm taller than a page`}, Fails},
		{"another error after an overflow", Overflows, content.Diagnostic{Severity: content.Error, Msg: "no embedded font covers '😀'"}, Overflows},
		{"a warning with the code", Fits, content.Diagnostic{Severity: content.Warning, Code: content.CodeOverflow, Msg: "reworded"}, Fits},
	} {
		if got := fitAfter(tc.from, tc.d); got != tc.want {
			t.Errorf("%s: %q after %s gives %q; want %q", tc.name, tc.from, tc.d.Error(), got, tc.want)
		}
	}
}

// TestCheckTellsTheGapsWarningByItsCode: the warning build gives for an
// incomplete language, which the check's own lines already report, is left
// out, by its code; the check's own error for the message missing has a
// code of its own.
func TestCheckTellsTheGapsWarningByItsCode(t *testing.T) {
	dir := sources(t)
	removeMessage(t, bundlePath(dir, "pl"), "signs.heading")
	r := Check(t.Context(), os.DirFS(dir), dir, content.DefaultLeaflet, []string{"pl"})
	for _, d := range r.Diagnostics {
		if d.Code == content.CodeIncomplete || strings.Contains(d.Msg, "is incomplete") {
			t.Errorf("the check repeats build's warning of the gaps: %s", d.Error())
		}
	}
	var missing int
	for _, d := range r.Diagnostics {
		if d.Code == content.CodeNoTranslation && d.Severity == content.Error {
			missing++
		}
	}
	if missing == 0 {
		t.Errorf("no error with CodeNoTranslation for the message removed:\n%s", diagsText(r.Diagnostics))
	}
}
