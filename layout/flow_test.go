// SPDX-License-Identifier: MIT

package layout

import (
	"reflect"
	"testing"

	"leaflet/content"
)

// TestRunsKeyTellsEveryRunApart holds that the settings cache's key changes
// with every field of a run: two texts that set differently never share a
// setting. A field added to content.Run fails here until runsKey has it.
func TestRunsKeyTellsEveryRunApart(t *testing.T) {
	base := content.Run{Text: "Call 01604 364036"}
	variants := map[string]content.Run{
		"Text": {Text: "Call 01604 364037"}, "Strong": {Text: base.Text, Strong: true},
		"Link": {Text: base.Text, Link: "tel:+441604364036"}, "NoBreak": {Text: base.Text, NoBreak: true},
		"Marker": {Text: base.Text, Marker: true}, "Lang": {Text: base.Text, Lang: "en"},
	}
	if n := reflect.TypeFor[content.Run]().NumField(); n != len(variants) {
		t.Fatalf("content.Run has %d fields; the test (and runsKey) know %d", n, len(variants))
	}
	k := runsKey(content.Text{Runs: []content.Run{base}})
	for field, r := range variants {
		if runsKey(content.Text{Runs: []content.Run{r}}) == k {
			t.Errorf("runsKey does not tell a run's %s apart", field)
		}
	}
	// runs split differently are different texts to set
	if runsKey(content.Text{Runs: []content.Run{{Text: "ab"}}}) == runsKey(content.Text{Runs: []content.Run{{Text: "a"}, {Text: "b"}}}) {
		t.Error("runsKey does not tell one run from two")
	}
}

// TestEndsSentence checks which line ends tell a paragraph's sentence
// ended there, past spaces and closing quotes, in every script's stops.
func TestEndsSentence(t *testing.T) {
	for line, want := range map[string]bool{
		"":                 true,
		"   ":              true,
		"Call us.":         true,
		"Call us. ":        true,
		"“Call us.”":       true,
		"(call us.)\u00a0": true,
		"Call us on":       false,
		"Call us. ” ":      false, // a space inside the closing quote
		"اتصل بنا۔":        true,
		"আমাদের ফোন করুন।": true,
		"请致电。":                   true,
		"ይደውሉልን።":                true,
		"Ask for it in Polish:":  true,
		"a list, a list; a list": false,
	} {
		if got := endsSentence([]rune(line)); got != want {
			t.Errorf("endsSentence(%q) = %v, want %v", line, got, want)
		}
	}
}
