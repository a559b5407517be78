// SPDX-License-Identifier: MIT

package content

import (
	"strings"
	"testing"
)

// TestLoadReportsTemplateMistakesOnceInTheWritersWords writes the fields
// of messages as people get them wrong. Each is reported once, when the
// bundle is read, at the mistake, with the fields there are; localising
// does not report it again.
func TestLoadReportsTemplateMistakesOnceInTheWritersWords(t *testing.T) {
	tests := []struct {
		name, text string
		want       wantDiag
	}{
		{
			name: "a field that does not exist suggests the one meant",
			text: `Call {{.Phon}} now.`,
			want: wantDiag{pos: "locales/demo/active.en.toml:9:15", severity: Error, msg: `message "body.text": {{.Phon}} is not a field`,
				hint: "did you mean {{.Phone}}? (the fields are {{.Name}}, {{.ShortName}}, {{.Address}}, {{.Phone}}, {{.Email}}, {{.Website}})"},
		},
		{
			name: "a field not closed",
			text: `Call {{.Phone} now.`,
			want: wantDiag{pos: "locales/demo/active.en.toml:9:15", severity: Error, msg: `message "body.text": {{.Phone} is not closed`,
				hint: "a field has two braces on each side: {{.Name}}"},
		},
		{
			name: "a field without its dot",
			text: `Call {{phone}} now.`,
			want: wantDiag{pos: "locales/demo/active.en.toml:9:15", severity: Error, msg: `message "body.text": {{phone}} is not a field: a field's name follows a dot`,
				hint: "write {{.Phone}} for the organisation's phone number"},
		},
		{
			name: "a field in single braces is printed as it is",
			text: `Call {phone} now.`,
			want: wantDiag{pos: "locales/demo/active.en.toml:9:15", severity: Warning, msg: `message "body.text": {phone} is printed as it is, braces and all`,
				hint: "write {{.Phone}}, with two braces on each side and a dot, for the organisation's phone number"},
		},
		{
			name: "a word for a field in single braces",
			text: `Write to {email address}.`,
			want: wantDiag{pos: "locales/demo/active.en.toml:9:19", severity: Warning, msg: `{email address} is printed as it is`, hint: "write {{.Email}}"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bundle := strings.Replace(validBundle, `Call {{.Phone}}.`, tt.text, 1)
			l, ds := Load(tree(validLeaflet, map[string]string{"active.en.toml": bundle}), "", testID)
			checkDiags(t, ds, []wantDiag{tt.want})
			if l == nil {
				t.Fatal("got no leaflet")
			}
			doc, lds := l.Localize("en")
			if len(lds) > 0 {
				t.Errorf("Localize: got %d diagnostics; want none, the mistake was reported once:\n%s", len(lds), dump(lds))
			}
			if got, _ := findText(doc, "body.text"); tt.want.severity == Error && got.String() != tt.text {
				t.Errorf("got text %q; want the message as written, %q", got.String(), tt.text)
			}
		})
	}
}

func TestPageNumberMayUseItsOwnFields(t *testing.T) {
	bundle := validBundle + lines(``, `[page.number]`, `other = "Page {{.Page}} of {{.Pages}}, {{.ShortName}}"`)
	_, ds := Load(tree(validLeaflet, map[string]string{"active.en.toml": bundle}), "", testID)
	if len(ds) > 0 {
		t.Errorf("got diagnostics; want none:\n%s", dump(ds))
	}
	bundle = strings.Replace(validBundle, "{{.Phone}}", "{{.Page}}", 1)
	_, ds = Load(tree(validLeaflet, map[string]string{"active.en.toml": bundle}), "", testID)
	checkDiags(t, ds, []wantDiag{{pos: "locales/demo/active.en.toml:9:15", severity: Error, msg: "{{.Page}} is not a field"}})
}
