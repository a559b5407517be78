// SPDX-License-Identifier: MIT

package translate

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"leaflet/internal/tomlquote"
)

func TestCompareShapeFindsWhatATranslationMustKeep(t *testing.T) {
	for _, tc := range []struct {
		name, source, target string
		want                 []string // "error: …" or "warning: …", in order
	}{
		{"the same fields and markup", "Call **{{.Phone}}** or see [our site](https://example.org).", "Zadzwoń **{{ .Phone }}** lub [strona](https://example.org).", nil},
		{"a field dropped", "Tel: {{.Phone}}", "Tel.: 01604 364036", []string{"error: template field {{.Phone}} is missing"}},
		{"a field added", "Tel", "Tel {{.Email}}", []string{"error: template field {{.Email}} is not in the source text"}},
		{"a field given twice", "{{.Phone}}", "{{.Phone}} {{.Phone}}", []string{"error: template field {{.Phone}} is not in the source text"}},
		{"a link lost", "See [the toolkit](https://example.org/t).", "Zobacz zestaw.", []string{"error: link to https://example.org/t is missing"}},
		{"a link changed", "See [it](https://example.org/t).", "Zobacz [to](https://example.org/x).",
			[]string{"error: link to https://example.org/t is missing", "error: link to https://example.org/x is not in the source text"}},
		{"a link to a field kept", "Write to [us]({{.Email}}).", "Napisz do [nas]({{.Email}}).", nil},
		{"an address written out and lost", "Email help@example.org now", "Napisz teraz", []string{"error: address help@example.org is missing"}},
		{"bold lost", "**{{.Name}}**", "{{.Name}}", []string{"error: the bold text (**…**) is lost"}},
		{"bold added", "A sign", "**Znak**", []string{"warning: it has bold text (**…**) that the source text has not"}},
		{"bold split", "It is **abuse**.", "To **jest** **nadużycie**.", []string{"warning: it has 2 bold passages (**…**); the source text has 1"}},
		{"a line break lost", "Write to us at:\n{{.Address}}", "Napisz: {{.Address}}", []string{"warning: it has 0 line breaks; the source text has 1"}},
		{"an unclosed bold", "It is **abuse**.", "To **nadużycie.", []string{"error: invalid markup: unclosed **"}},
		{"an unclosed link", "See [it](https://example.org).", "Zobacz [to](https://example.org.", []string{`error: invalid markup: unclosed link: "[to](https://example.org."`}},
		{"an escaped asterisk is text", `5 \* 3`, `5 \* 3 razy`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, m := range compareShape(tc.source, tc.target) {
				got = append(got, m.severity.String()+": "+m.msg)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got %q; want %q", got, tc.want)
			}
		})
	}
}

func TestHasWordsTellsTextFromFieldsAndMarkup(t *testing.T) {
	for s, want := range map[string]bool{
		"{{.Address}}":           false,
		"**{{.Name}}**":          false,
		"{{.Page}} / {{.Pages}}": false,
		"Tel: {{.Phone}}":        true,
		"CSE":                    true,
		"电话：{{.Phone}}":          true,
	} {
		if got := hasWords(s); got != want {
			t.Errorf("hasWords(%q) = %v; want %v", s, got, want)
		}
	}
}

// checkQuoteTOML decodes tomlquote.Quote(s) as a TOML value and compares.
func checkQuoteTOML(t *testing.T, s string) {
	var v struct{ Other string }
	if _, err := toml.Decode("other = "+tomlquote.Quote(s), &v); err != nil {
		t.Fatalf("tomlquote.Quote(%q) = %s: %v", s, tomlquote.Quote(s), err)
	}
	if v.Other != s {
		t.Errorf("tomlquote.Quote(%q) reads back as %q", s, v.Other)
	}
}

func TestQuoteTOMLReadsBack(t *testing.T) {
	for _, s := range []string{"", `"quoted"`, `back\slash`, "line\nbreak", "tab\there", "cr\r", "\x00\x1f\x7f", "ąę “Polish” ‘quotes’", "اردو", "emoji 😀", `{{.Phone}} **x** [a](b) \*`} {
		checkQuoteTOML(t, s)
	}
}

func FuzzQuoteTOML(f *testing.F) {
	f.Add("Tel: {{.Phone}}\n")
	f.Add("\"\\\t\x00")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		checkQuoteTOML(t, s)
	})
}

func TestTOMLPackIDsReadBackAsTheSameMessages(t *testing.T) {
	p := &Pack{Leaflet: "demo", Source: "en", Lang: "pl"}
	for _, id := range []string{"cover.title", "plain", "with space.x", "dotted.\"quote\"", "ünï.code", "a-b_c.1"} {
		p.Units = append(p.Units, Unit{ID: id, Description: "d", Hash: "sha1-x", Source: "Text of " + id})
	}
	msgs, _, ds := readTOMLMessages("translate.pl.toml", p.toml())
	if ds.HasErrors() {
		t.Fatalf("%v\n%s", ds, p.toml())
	}
	if len(msgs) != len(p.Units) {
		t.Fatalf("got %d messages; want %d", len(msgs), len(p.Units))
	}
	for i, m := range msgs {
		if u := p.Units[i]; m.ID != u.ID || m.Fields["other"] != u.Source || m.Line == 0 {
			t.Errorf("message %d: got %q %q at line %d; want %q %q", i, m.ID, m.Fields["other"], m.Line, u.ID, u.Source)
		}
	}
}
