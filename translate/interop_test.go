// SPDX-License-Identifier: MIT

package translate

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"leaflet/content"
	"leaflet/internal/testtool"
)

// goi18nMessages reads a file goi18n merge wrote: message ID → other.
func goi18nMessages(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	msgs, _, ds := readTOMLMessages(path, data)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	out := map[string]string{}
	for _, m := range msgs {
		out[m.ID] = m.Fields["other"]
	}
	return out
}

func TestGoi18nMergeAcceptsOurBundlesAndFindsNothingToTranslate(t *testing.T) {
	goi18n := needGoi18n(t)
	dir := sources(t)
	out := t.TempDir()
	files, _ := filepath.Glob(filepath.Join(dir, "locales", "cse", "active.*.toml"))
	run(t, dir, goi18n, append([]string{"merge", "-sourceLanguage", "en", "-outdir", out}, files...)...)
	// every translation is complete and current to goi18n too: it
	// writes no translate file
	if left, _ := filepath.Glob(filepath.Join(out, "translate.*.toml")); len(left) > 0 {
		t.Errorf("goi18n merge finds messages to translate: %q", left)
	}
	l := load(t, dir)
	for _, lang := range l.Langs() {
		got := goi18nMessages(t, filepath.Join(out, "active."+lang+".toml"))
		if len(got) != len(l.Bundles[lang].Messages) {
			t.Errorf("%s: goi18n keeps %d messages; the bundle has %d", lang, len(got), len(l.Bundles[lang].Messages))
		}
	}

	// after the English changes, goi18n and leaflet agree on what is out
	// of date
	edit(t, bundlePath(dir, "en"), `other = "Information leaflet"`, `other = "Information leaflet for parents"`)
	out = t.TempDir()
	run(t, dir, goi18n, "merge", "-outdir", out, bundlePath(dir, "en"), bundlePath(dir, "pl"))
	want := map[string]bool{}
	for _, u := range mustExport(t, load(t, dir), "pl").Units {
		want[u.ID] = true
	}
	got := goi18nMessages(t, filepath.Join(out, "translate.pl.toml"))
	if len(got) != len(want) || !want["cover.subtitle"] {
		t.Errorf("goi18n would translate %v; leaflet's pack has %v", got, want)
	}
}

func mustExport(t *testing.T, l *content.Leaflet, lang string) *Pack {
	t.Helper()
	p, err := Export(l, lang)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestGoi18nMergeAcceptsTheTOMLPack(t *testing.T) {
	goi18n := needGoi18n(t)
	dir := sources(t)
	p := mustExport(t, load(t, dir), "so")
	pack, _ := p.Encode(TOML)
	work := t.TempDir()
	name := filepath.Join(work, PackName("so", TOML))

	// the pack as exported: goi18n reads it, and takes its English
	// placeholders for translations — the trap Import refuses
	os.WriteFile(name, pack, 0o644)
	out := t.TempDir()
	run(t, work, goi18n, "merge", "-outdir", out, bundlePath(dir, "en"), name)
	if got := goi18nMessages(t, filepath.Join(out, "active.so.toml")); got["cover.title"] != "Child Sexual Exploitation (CSE)" {
		t.Errorf("goi18n merged cover.title as %q", got["cover.title"])
	}
	res, ds := importFile(t, dir, PackName("so", TOML), pack, "")
	if ds.HasErrors() || len(res.Refused) == 0 {
		t.Fatalf("the unfilled pack: got %d refused:\n%s", len(res.Refused), diagsText(ds))
	}
	for _, r := range res.Refused {
		if !strings.Contains(r.Reason, "still the en text") {
			t.Errorf("%s refused: %s; want: still the en text", r.ID, r.Reason)
		}
	}

	// filled in, goi18n makes the same bundle Import makes
	dir = sources(t)
	filled := fillTOML(t, pack, fixture(t))
	os.WriteFile(name, filled, 0o644)
	out = t.TempDir()
	run(t, work, goi18n, "merge", "-outdir", out, bundlePath(dir, "en"), name)
	if left, _ := filepath.Glob(filepath.Join(out, "translate.so.toml")); len(left) > 0 {
		t.Error("goi18n finds messages left to translate in the filled pack")
	}
	theirs := goi18nMessages(t, filepath.Join(out, "active.so.toml"))
	if _, ds := importFile(t, dir, PackName("so", TOML), filled, ""); ds.HasErrors() {
		t.Fatal(diagsText(ds))
	}
	ours := goi18nMessages(t, bundlePath(dir, "so"))
	if len(ours) != len(theirs) {
		t.Errorf("goi18n's bundle has %d messages; ours %d", len(theirs), len(ours))
	}
	for id, text := range theirs {
		if ours[id] != text {
			t.Errorf("%s: goi18n has %q; we have %q", id, text, ours[id])
		}
	}
}

// poEntries reads the entries of a PO file (not its header): location
// comment (#:) → msgid.
func poEntries(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	var loc, field string
	var id strings.Builder
	flush := func() {
		if loc != "" {
			out[loc] = id.String()
		}
		loc, field = "", ""
		id.Reset()
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "#: "):
			loc = strings.TrimSpace(line[3:])
		case strings.HasPrefix(line, "msgid "):
			field = "msgid"
			id.WriteString(poString(t, line[6:]))
		case strings.HasPrefix(line, "msgstr"):
			field = "msgstr"
		case strings.HasPrefix(line, `"`) && field == "msgid":
			id.WriteString(poString(t, line))
		case line == "":
			flush()
		}
	}
	flush()
	return out
}

func poString(t *testing.T, s string) string {
	u, err := strconv.Unquote(strings.TrimSpace(s))
	if err != nil {
		t.Fatalf("PO string %s: %v", s, err)
	}
	return u
}

// toolkitPython returns the Python that runs translate-toolkit: the one
// its commands name in their first line.
func toolkitPython(t *testing.T, xliff2po string) string {
	t.Helper()
	f, err := os.Open(xliff2po)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	line, _ := bufio.NewReader(f).ReadString('\n')
	fields := strings.Fields(strings.TrimPrefix(line, "#!"))
	if len(fields) == 0 {
		t.Fatalf("%s has no #! line", xliff2po)
	}
	if filepath.Base(fields[0]) == "env" && len(fields) > 1 {
		return fields[1]
	}
	return fields[0]
}

// fillWithToolkit gives every unit without a translation the fixture's,
// through translate-toolkit's own storage classes, for XLIFF and PO.
const fillWithToolkit = `
import json, sys
from translate.storage import factory
fixture = json.load(open(sys.argv[1], encoding="utf-8"))
store = factory.getobject(sys.argv[2])
for unit in store.units:
    if unit.isheader() or unit.target:
        continue
    element = getattr(unit, "xmlelement", None)
    msgid = element.get("resname") if element is not None else None
    if not msgid:
        msgid = unit.getlocations()[0]
    unit.target = fixture[msgid]
store.savefile(sys.argv[3])
`

func TestTranslateToolkitReadsTheXLIFFAndItsTranslationsImportBack(t *testing.T) {
	xliff2po := testtool.Need(t, "xliff2po", "translate-toolkit")
	po2xliff := testtool.Need(t, "po2xliff", "translate-toolkit")
	python := toolkitPython(t, xliff2po)
	dir := sources(t)
	p := mustExport(t, load(t, dir), "so")
	pack, err := p.Encode(XLIFF)
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	xlf := filepath.Join(work, PackName("so", XLIFF))
	os.WriteFile(xlf, pack, 0o644)
	fix, _ := json.Marshal(fixture(t))
	os.WriteFile(filepath.Join(work, "fixture.json"), fix, 0o644)
	script := filepath.Join(work, "fill.py")
	os.WriteFile(script, []byte(fillWithToolkit), 0o644)

	// xliff2po: one entry per message, with the English source
	run(t, work, xliff2po, "--progress=none", "-i", xlf, "-o", filepath.Join(work, "pack.po"))
	entries := poEntries(t, filepath.Join(work, "pack.po"))
	if len(entries) != len(p.Units) {
		ids := make([]string, 0, len(entries))
		for id := range entries {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		t.Errorf("xliff2po gives %d entries; the pack has %d units: %q", len(entries), len(p.Units), ids)
	}
	for _, u := range p.Units {
		if entries[u.ID] != u.Source {
			t.Errorf("%s: xliff2po has msgid %q; want the English %q", u.ID, entries[u.ID], u.Source)
		}
	}

	t.Run("targets the toolkit fills in the XLIFF", func(t *testing.T) {
		dir := sources(t)
		out := filepath.Join(work, "filled."+PackName("so", XLIFF))
		run(t, work, python, script, filepath.Join(work, "fixture.json"), xlf, out)
		data, _ := os.ReadFile(out)
		res, ds := importFile(t, dir, PackName("so", XLIFF), data, "")
		if ds.HasErrors() || len(res.Merged) != len(p.Units) {
			t.Fatalf("got %d merged of %d, refused %+v, left %+v:\n%s", len(res.Merged), len(p.Units), res.Refused, res.Untranslated, diagsText(ds))
		}
		clean(t, Check(t.Context(), os.DirFS(dir), dir, content.DefaultLeaflet, []string{"so"}), "so")
	})

	t.Run("a PO file translated and turned back into XLIFF by po2xliff", func(t *testing.T) {
		dir := sources(t)
		po := filepath.Join(work, "filled.po")
		run(t, work, python, script, filepath.Join(work, "fixture.json"), filepath.Join(work, "pack.po"), po)
		out := filepath.Join(work, "from-po.xlf")
		run(t, work, po2xliff, "--progress=none", "-i", po, "-o", out)
		data, _ := os.ReadFile(out)
		// po2xliff writes XLIFF 1.1 with neither the target language nor
		// the hash: the language comes from --lang, currency from the
		// English source each unit keeps
		res, ds := importFile(t, dir, "from-po.xlf", data, "so")
		if ds.HasErrors() || len(res.Merged) != len(p.Units) {
			t.Fatalf("got %d merged of %d, refused %+v, left %+v:\n%s", len(res.Merged), len(p.Units), res.Refused, res.Untranslated, diagsText(ds))
		}
		clean(t, Check(t.Context(), os.DirFS(dir), dir, content.DefaultLeaflet, []string{"so"}), "so")

		// and once the English has changed, the same file is refused
		// for that message
		dir = sources(t)
		edit(t, bundlePath(dir, "en"), `other = "Information leaflet"`, `other = "Information leaflet for parents"`)
		res, ds = importFile(t, dir, "from-po.xlf", data, "so")
		if ds.HasErrors() || len(res.Refused) != 1 || res.Refused[0].ID != "cover.subtitle" {
			t.Errorf("got refused %+v; want cover.subtitle, out of date:\n%s", res.Refused, diagsText(ds))
		}
	})
}
