// SPDX-License-Identifier: MIT

package translate

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"leaflet/content"
	"leaflet/internal/tomlquote"
)

// polishPack returns a TOML pack for Polish of the given messages, as
// Export writes it for messages that are out of date, filled with the
// fixture.
func polishPack(t *testing.T, dir string, ids ...string) []byte {
	t.Helper()
	l := load(t, dir)
	en := l.Bundles["en"]
	p := &Pack{Leaflet: l.ID, Source: "en", Lang: "pl"}
	for _, id := range ids {
		m := en.Messages[id]
		p.Units = append(p.Units, Unit{ID: id, Description: m.Description, Hash: content.Hash(m.Description, m.Other), Source: m.Other})
	}
	return fillTOML(t, p.toml(), fixture(t))
}

// otherOf returns the other of a message in a TOML pack, unquoted.
func otherOf(t *testing.T, pack, id string) string {
	t.Helper()
	msgs, _, ds := readTOMLMessages("pack.toml", []byte(pack))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	for _, m := range msgs {
		if m.ID == id {
			return m.Fields["other"]
		}
	}
	t.Fatalf("the pack has no %q", id)
	return ""
}

// setOther changes the other of a message in a TOML pack with f.
func setOther(t *testing.T, pack, id string, f func(string) string) string {
	t.Helper()
	old := otherOf(t, pack, id)
	return strings.Replace(pack, "other = "+tomlquote.Quote(old), "other = "+tomlquote.Quote(f(old)), 1)
}

func TestImportRefusesWhatWouldMakeTheLeafletWrong(t *testing.T) {
	for _, tc := range []struct {
		name   string
		id     string
		change func(pack string) string
		reason string
	}{
		{"a translation still in English (goi18n merge's placeholder)", "signs.intro",
			func(p string) string {
				return setOther(t, p, "signs.intro", func(string) string {
					return "Parents, carers and professionals coming into contact with children are urged to look out for signs of CSE."
				})
			}, "still the en text"},
		{"a template field dropped", "contact.phone",
			func(p string) string {
				return setOther(t, p, "contact.phone", func(s string) string { return strings.Replace(s, "{{.Phone}}", "01604 364036", 1) })
			}, "template field {{.Phone}} is missing"},
		{"a template field misspelt", "contact.email",
			func(p string) string {
				return setOther(t, p, "contact.email", func(s string) string { return strings.Replace(s, "{{.Email}}", "{{.EMail}}", 1) })
			}, "{{.EMail}} is not in the source text"},
		{"the bold text lost", "contact.organisation",
			func(p string) string {
				return setOther(t, p, "contact.organisation", func(s string) string { return strings.ReplaceAll(s, "**", "") })
			}, "bold text (**…**) is lost"},
		{"an unclosed bold", "signs.intro",
			func(p string) string { return setOther(t, p, "signs.intro", func(s string) string { return "**" + s }) }, "invalid markup: unclosed **"},
		{"an unknown message ID", "signs.intro",
			func(p string) string { return strings.Replace(p, `[signs.intro]`, `[signs.introduction]`, 1) }, `has no message "signs.introduction"`},
		{"a hash that is not the English's", "signs.intro",
			func(p string) string {
				return strings.Replace(p, `hash = "sha1-`, `hash = "sha1-0000`, 1)
			}, "out of date"},
		{"no hash", "signs.intro",
			func(p string) string {
				i := strings.Index(p, "hash = ")
				return p[:i] + p[i+strings.Index(p[i:], "\n")+1:]
			}, "no hash"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := sources(t)
			pack := string(polishPack(t, dir, tc.id, "what.heading"))
			changed := tc.change(pack)
			if changed == pack {
				t.Fatal("the change did not apply")
			}
			before, _ := os.ReadFile(bundlePath(dir, "pl"))
			res, ds := importFile(t, dir, "translate.pl.toml", []byte(changed), "")
			if ds.HasErrors() {
				t.Fatalf("got errors; want a refusal:\n%s", diagsText(ds))
			}
			if len(res.Refused) != 1 || !strings.Contains(res.Refused[0].Reason, tc.reason) {
				t.Fatalf("got refused %+v; want one, %q", res.Refused, tc.reason)
			}
			if res.Refused[0].Line == 0 {
				t.Error("the refusal has no line")
			}
			// what.heading is as the bundle has it already: nothing to write
			if len(res.Merged) != 0 || len(res.Unchanged) != 1 {
				t.Errorf("got merged %q, unchanged %q; want what.heading unchanged", res.Merged, res.Unchanged)
			}
			if after, _ := os.ReadFile(bundlePath(dir, "pl")); !bytes.Equal(before, after) {
				t.Error("the bundle changed")
			}
		})
	}
}

func TestImportMergesTheRestBesideARefusal(t *testing.T) {
	dir := sources(t)
	edit(t, bundlePath(dir, "pl"), `other = "Ulotka informacyjna"`, `other = "Ulotka"`)
	pack := setOther(t, string(polishPack(t, dir, "cover.subtitle", "contact.phone")), "contact.phone",
		func(s string) string { return strings.Replace(s, "{{.Phone}}", "", 1) })
	res, ds := importFile(t, dir, "translate.pl.toml", []byte(pack), "")
	if ds.HasErrors() || len(res.Merged) != 1 || res.Merged[0] != "cover.subtitle" || len(res.Refused) != 1 {
		t.Fatalf("got merged %q, refused %+v:\n%s", res.Merged, res.Refused, diagsText(ds))
	}
	if b, _ := os.ReadFile(bundlePath(dir, "pl")); !strings.Contains(string(b), `other = "Ulotka informacyjna"`) {
		t.Error("cover.subtitle was not written")
	}
}

// TestBadPacksAreErrorsAndLeaveTheBundleAlone feeds Import every kind of
// unusable file: each must be an error naming the file (and line where
// there is one), and the bundle must stay as it was.
func TestBadPacksAreErrorsAndLeaveTheBundleAlone(t *testing.T) {
	dir := sources(t)
	toml := string(polishPack(t, dir, "cover.title", "cover.subtitle"))
	p, _ := Export(load(t, dir), "so")
	p.Units = p.Units[:2]
	xlfBytes, _ := p.Encode(XLIFF)
	xlf := string(fillXLIFF(t, xlfBytes, fixture(t)))
	for _, tc := range []struct {
		name, file, data string
		lang             string // --lang
		line             int    // the line the error names; 0 for the whole file
		msg              string
	}{
		{"a TOML pack for another leaflet", "translate.pl.toml", strings.Replace(toml, "# leaflet: cse", "# leaflet: flu", 1), "", 0, `for the leaflet "flu", not "cse"`},
		{"an XLIFF pack for another leaflet", "translate.so.xlf", strings.Replace(xlf, `leaflet:leaflet="cse"`, `leaflet:leaflet="flu"`, 1), "", 0, `for the leaflet "flu"`},
		{"a pack of messages the leaflet does not have", "translate.pl.toml",
			strings.NewReplacer("# leaflet: cse\n", "", "[cover.title]", "[flu.title]", "[cover.subtitle]", "[flu.subtitle]").Replace(toml), "", 0, "is the pack for another leaflet?"},
		{"a TOML pack whose language disagrees with its file name", "translate.ro.toml", toml, "", 3, "the pack says it is in pl, but its file name says ro"},
		{"an XLIFF pack whose language disagrees with its file name", "translate.ro.xlf", xlf, "", 3, "target-language is so, but its file name says ro"},
		{"a pack in another language than --lang", "translate.pl.toml", toml, "uk", 0, "the pack is in pl, not uk"},
		{"truncated TOML", "translate.pl.toml", toml[:strings.Index(toml, "Ulotka")+3], "", 23, "invalid TOML"},
		{"malformed TOML", "translate.pl.toml", strings.Replace(toml, "[cover.subtitle]", "[cover.subtitle", 1), "", 20, "invalid TOML"},
		{"truncated XLIFF", "translate.so.xlf", xlf[:len(xlf)/2], "", 0, "invalid XML"},
		{"malformed XLIFF", "translate.so.xlf", strings.Replace(xlf, "</source>", "</sourc>", 1), "", 9, "invalid XML"},
		{"XLIFF 2.0", "translate.so.xlf", strings.Replace(xlf, `version="1.2"`, `version="2.0"`, 1), "", 2, "this is XLIFF 2.0"},
		{"not XLIFF", "translate.so.xml", "<html><body>Somali</body></html>\n", "", 1, "not an XLIFF file"},
		{"a message ID given twice in TOML", "translate.pl.toml",
			toml + "\n[\"cover.title\"]\nhash = \"sha1-x\"\nother = \"Tytuł\"\n", "", 25, `message ID "cover.title" is given twice`},
		{"a table given twice in TOML", "translate.pl.toml", toml + "\n[cover.title]\nother = \"Tytuł\"\n", "", 25, "invalid TOML"},
		{"a message ID given twice in XLIFF", "translate.so.xlf",
			strings.Replace(xlf, `resname="cover.subtitle"`, `resname="cover.title"`, 1), "", 13, `message ID "cover.title" is given twice`},
		{"an empty translation in TOML", "translate.pl.toml", strings.Replace(toml, `other = "Ulotka informacyjna"`, `other = ""`, 1), "", 23, `"cover.subtitle" has an empty translation`},
		{"an empty translation in XLIFF", "translate.so.xlf",
			strings.Replace(xlf, `<target state="translated">Ulotka informacyjna</target>`, `<target state="translated"> </target>`, 1), "", 13, "empty translation"},
		{"a TOML file that is not UTF-8", "translate.pl.toml", strings.Replace(toml, "Ulotka informacyjna", "Ulotka informacyjna \xb3\xf3d\xbc", 1), "", 23, "not UTF-8"},
		{"an XLIFF file that is not UTF-8", "translate.so.xlf", strings.Replace(xlf, "Ulotka informacyjna", "Ulotka \xb3\xf3d\xbc", 1), "", 15, "not UTF-8"},
		{"a pack in the source language", "translate.en.toml", strings.Replace(toml, "# language: pl", "# language: en", 1), "", 0, "the leaflet's source language"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bundles := map[string][]byte{}
			for _, lang := range []string{"pl", "so", "ro", "uk"} {
				bundles[lang], _ = os.ReadFile(bundlePath(dir, lang))
			}
			res, ds := importFile(t, dir, tc.file, []byte(tc.data), tc.lang)
			if !ds.HasErrors() {
				t.Fatalf("got no error (result %+v); want %q", res, tc.msg)
			}
			var d *content.Diagnostic
			for i := range ds {
				if ds[i].Severity == content.Error {
					d = &ds[i]
					break
				}
			}
			if !strings.Contains(d.Msg, tc.msg) {
				t.Errorf("got %q; want it to contain %q", d.Error(), tc.msg)
			}
			if !strings.HasSuffix(d.Pos.File, tc.file) {
				t.Errorf("got position %s; want the pack's file", d.Pos)
			}
			if tc.line > 0 && d.Pos.Line != tc.line {
				t.Errorf("got %s; want line %d\n%s", d.Pos, tc.line, d.Error())
			}
			for lang, before := range bundles {
				if after, _ := os.ReadFile(bundlePath(dir, lang)); !bytes.Equal(before, after) {
					t.Errorf("the %s bundle changed", lang)
				}
			}
		})
	}
}

func TestXLIFFUnitsWithoutATranslationAreLeftForLater(t *testing.T) {
	dir := sources(t)
	p, _ := Export(load(t, dir), "so")
	xlf, _ := p.Encode(XLIFF)
	// a CAT tool's output: one unit translated, one with an empty
	// target, the rest without; the units with nothing to translate
	// came filled in
	filled := strings.Replace(string(xlf), "<source>Child Sexual Exploitation (CSE)</source>",
		"<source>Child Sexual Exploitation (CSE)</source>\n        <target state=\"translated\">Ka faa'iidaysiga galmada ee carruurta (CSE)</target>", 1)
	filled = strings.Replace(filled, "<source>Information leaflet</source>", "<source>Information leaflet</source>\n        <target></target>", 1)
	res, ds := importFile(t, dir, "translate.so.xlf", []byte(filled), "")
	if ds.HasErrors() {
		t.Fatal(diagsText(ds))
	}
	if len(res.Refused) > 0 {
		t.Errorf("got refused %+v; want none", res.Refused)
	}
	nothing := 0
	for _, u := range p.Units {
		if !hasWords(u.Source) {
			nothing++
		}
	}
	if len(res.Merged) != 1+nothing || len(res.Untranslated) != len(p.Units)-1-nothing {
		t.Errorf("got %d merged, %d left; want %d and %d", len(res.Merged), len(res.Untranslated), 1+nothing, len(p.Units)-1-nothing)
	}
	missing, _ := load(t, dir).Gaps("so")
	if len(missing) != len(p.Units)-1-nothing {
		t.Errorf("so still lacks %d messages; want %d", len(missing), len(p.Units)-1-nothing)
	}
}

func TestExportRejectsInvalidAndSourceLanguages(t *testing.T) {
	l := load(t, sources(t))
	for _, lang := range []string{"xx-!!", "und", "en", ""} {
		if _, err := Export(l, lang); err == nil {
			t.Errorf("Export(%q): got no error", lang)
		}
	}
	p, err := Export(l, "ZH-hans")
	if err != nil || p.Lang != "zh-Hans" || len(p.Units) != 0 {
		t.Errorf("Export(ZH-hans): got %v, %v; want the canonical zh-Hans, complete", p, err)
	}
}

func TestExportIncludesMessagesStillInEnglish(t *testing.T) {
	dir := sources(t)
	edit(t, bundlePath(dir, "pl"), `other = "Ulotka informacyjna"`, `other = "Information leaflet"`)
	p, _ := Export(load(t, dir), "pl")
	if len(p.Units) != 1 || p.Units[0].ID != "cover.subtitle" || !p.Units[0].SameAsSource {
		t.Errorf("got %+v; want cover.subtitle, still in English", p.Units)
	}
}

func TestImportKeepsWindowsLineEndings(t *testing.T) {
	dir := sources(t)
	path := bundlePath(dir, "pl")
	b, _ := os.ReadFile(path)
	crlf := strings.ReplaceAll(string(b), "\n", "\r\n")
	crlf = strings.Replace(crlf, "other = \"Ulotka informacyjna\"", "other = \"Ulotka\"", 1)
	os.WriteFile(path, []byte(crlf), 0o644)
	pack := strings.ReplaceAll(string(polishPack(t, dir, "cover.subtitle")), "\n", "\r\n")
	res, ds := importFile(t, dir, "translate.pl.toml", []byte(pack), "")
	if ds.HasErrors() || len(res.Merged) != 1 {
		t.Fatalf("got merged %q, refused %+v:\n%s", res.Merged, res.Refused, diagsText(ds))
	}
	got, _ := os.ReadFile(path)
	if want := strings.Replace(crlf, "other = \"Ulotka\"", "other = \"Ulotka informacyjna\"", 1); string(got) != want {
		t.Errorf("the bundle lost its line endings or changed elsewhere:\n%s", lineDiff(want, string(got)))
	}
}

func TestXLIFFTargetsMarkedNotTranslatedAreLeftForLater(t *testing.T) {
	dir := sources(t)
	p, _ := Export(load(t, dir), "so")
	p.Units = p.Units[:1]
	xlf, _ := p.Encode(XLIFF)
	filled := strings.Replace(string(xlf), "</source>", "</source>\n        <target state=\"needs-translation\">Child Sexual Exploitation (CSE)</target>", 1)
	res, ds := importFile(t, dir, "translate.so.xlf", []byte(filled), "")
	if ds.HasErrors() || len(res.Untranslated) != 1 || len(res.Refused) != 0 {
		t.Errorf("got left %+v, refused %+v:\n%s", res.Untranslated, res.Refused, diagsText(ds))
	}
}

func TestImportRewritesABundleItCannotEditInPlace(t *testing.T) {
	dir := sources(t)
	path := bundlePath(dir, "pl")
	// cover.title written as dotted keys under [cover], and out of date
	b, _ := os.ReadFile(path)
	text := string(b)
	i := strings.Index(text, "[cover.title]\n")
	end := i + strings.Index(text[i:], "\n\n")
	text = text[:i] + "[cover]\ntitle.hash = \"sha1-old\"\ntitle.other = \"Stary tytuł\"" + text[end:]
	os.WriteFile(path, []byte(text), 0o644)
	before := load(t, dir).Bundles["pl"]
	res, ds := importFile(t, dir, "translate.pl.toml", polishPack(t, dir, "cover.title"), "")
	if ds.HasErrors() || len(res.Merged) != 1 {
		t.Fatalf("got merged %q, refused %+v:\n%s", res.Merged, res.Refused, diagsText(ds))
	}
	after := load(t, dir).Bundles["pl"]
	if len(after.Messages) != len(before.Messages) {
		t.Errorf("got %d messages; want %d", len(after.Messages), len(before.Messages))
	}
	if got := after.Messages["cover.title"].Other; got != fixture(t)["cover.title"] {
		t.Errorf("got cover.title %q", got)
	}
	for id, m := range before.Messages {
		if id != "cover.title" && (after.Messages[id].Other != m.Other || after.Messages[id].Hash != m.Hash) {
			t.Errorf("%s changed", id)
		}
	}
	if !strings.HasPrefix(func() string { b, _ := os.ReadFile(path); return string(b) }(), "# Polish messages") {
		t.Error("the rewritten bundle lost its opening comment")
	}
}
