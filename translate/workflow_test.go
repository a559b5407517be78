// SPDX-License-Identifier: MIT

package translate

import (
	"bytes"
	"leaflet/compose"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"leaflet/build"
	"leaflet/content"
	"leaflet/layout"
)

// importFile writes a pack into the source folder's parent and imports it.
func importFile(t *testing.T, dir, name string, data []byte, lang string) (*Result, content.Diagnostics) {
	t.Helper()
	file := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return Import(load(t, dir), dir, file, data, lang)
}

// clean reports whether a check found no problem, errors or warnings, for
// the language.
func clean(t *testing.T, r *Report, lang string) {
	t.Helper()
	if len(r.Diagnostics) > 0 {
		t.Errorf("check of %s: got problems; want none:\n%s", lang, diagsText(r.Diagnostics))
	}
	for _, s := range r.Languages {
		if s.Lang != lang {
			continue
		}
		if s.Complete() != 100 || len(s.Stale) > 0 || s.WithFallback {
			t.Errorf("check of %s: got %d%% complete, stale %q; want 100%% and none", lang, s.Complete(), s.Stale)
		}
		for e, f := range s.Fits {
			if f != Fits {
				t.Errorf("check of %s: %s got %q; want %q", lang, e, f, Fits)
			}
		}
		return
	}
	t.Errorf("check has no line for %s", lang)
}

func TestRoundTripsMakeANewLanguageThatChecksCleanAndBuilds(t *testing.T) {
	tr := fixture(t)
	for _, f := range []Format{TOML, XLIFF} {
		t.Run(string(f), func(t *testing.T) {
			dir := sources(t)
			p, err := Export(load(t, dir), "so")
			if err != nil {
				t.Fatal(err)
			}
			if got, want := len(p.Units), len(load(t, dir).Needed()); got != want {
				t.Fatalf("a new language's pack has %d messages; want all %d", got, want)
			}
			pack, err := p.Encode(f)
			if err != nil {
				t.Fatal(err)
			}
			var filled []byte
			if f == TOML {
				filled = fillTOML(t, pack, tr)
			} else {
				filled = fillXLIFF(t, pack, tr)
			}
			res, ds := importFile(t, dir, PackName("so", f), filled, "")
			if ds.HasErrors() || len(ds) > 0 {
				t.Fatalf("import: got problems; want none:\n%s", diagsText(ds))
			}
			if !res.Created || len(res.Merged) != len(p.Units) || len(res.Refused)+len(res.Untranslated) > 0 {
				t.Fatalf("import: created %v, merged %d, refused %v, untranslated %v; want a new bundle with all %d",
					res.Created, len(res.Merged), res.Refused, res.Untranslated, len(p.Units))
			}
			clean(t, Check(t.Context(), os.DirFS(dir), dir, content.DefaultLeaflet, []string{"so"}), "so")
			l := load(t, dir)
			outs, bds := build.Run(t.Context(), build.Request{Leaflet: l, Langs: []string{"so"}, Editions: []*compose.Edition{compose.TriFold}, Paper: layout.A4})
			if bds.HasErrors() || len(outs) != 1 || !bytes.HasPrefix(outs[0].Data, []byte("%PDF-")) {
				t.Fatalf("build of so: got %d PDFs:\n%s", len(outs), diagsText(bds))
			}
			// a second export finds nothing left to translate
			if p, _ := Export(l, "so"); len(p.Units) != 0 {
				t.Errorf("after the import the pack still has %d messages", len(p.Units))
			}
		})
	}
}

func TestImportIntoAnExistingBundleKeepsItsOrderCommentsAndDescriptions(t *testing.T) {
	for _, f := range []Format{TOML, XLIFF} {
		t.Run(string(f), func(t *testing.T) {
			dir := sources(t)
			path := bundlePath(dir, "pl")
			orig, _ := os.ReadFile(path)
			// take out three messages: the first, one in the middle and
			// the last, and give another an extra comment
			text := string(orig)
			needed := load(t, dir).Needed()
			for _, id := range []string{"cover.title", "signs.item.gangs", needed[len(needed)-1]} {
				var keep []string
				for _, block := range strings.Split(text, "\n\n") {
					if !strings.HasPrefix(block, "["+id+"]\n") {
						keep = append(keep, block)
					}
				}
				text = strings.Join(keep, "\n\n")
			}
			text = strings.Replace(text, "[what.intro]\n", "# a translator's note\n[what.intro]\n", 1)
			os.WriteFile(path, []byte(text), 0o644)

			p, err := Export(load(t, dir), "pl")
			if err != nil || len(p.Units) != 3 {
				t.Fatalf("got %d units, %v; want the 3 taken out", len(p.Units), err)
			}
			pack, _ := p.Encode(f)
			var filled []byte
			if f == TOML {
				filled = fillTOML(t, pack, fixture(t))
			} else {
				filled = fillXLIFF(t, pack, fixture(t))
			}
			res, ds := importFile(t, dir, PackName("pl", f), filled, "")
			if ds.HasErrors() || len(res.Merged) != 3 {
				t.Fatalf("import: merged %v, refused %v:\n%s", res.Merged, res.Refused, diagsText(ds))
			}
			got, _ := os.ReadFile(path)
			want := strings.Replace(string(orig), "[what.intro]\n", "# a translator's note\n[what.intro]\n", 1)
			if string(got) != want {
				t.Errorf("the merged bundle differs from the original with the comment:\n%s", lineDiff(want, string(got)))
			}
		})
	}
}

// lineDiff shows the first lines where two texts differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n\twant " + a + "\n\tgot  " + b
		}
	}
	return ""
}

func TestChangingTheEnglishMakesEveryTranslationStale(t *testing.T) {
	dir := sources(t)
	before := load(t, dir)
	oldPack, _ := Export(before, "so") // made before the change
	oldTOML, _ := oldPack.Encode(TOML)
	edit(t, bundlePath(dir, "en"), `other = "Information leaflet"`, `other = "Information leaflet for parents and carers"`)

	l := load(t, dir)
	for _, lang := range l.Langs()[1:] {
		if _, stale := l.Gaps(lang); len(stale) != 1 || stale[0] != "cover.subtitle" {
			t.Errorf("%s: got stale %q; want cover.subtitle", lang, stale)
		}
	}
	r := Check(t.Context(), os.DirFS(dir), dir, content.DefaultLeaflet, []string{"pl"})
	if !r.Diagnostics.HasErrors() || !strings.Contains(r.Diagnostics.Error(), `message "cover.subtitle" is out of date`) {
		t.Errorf("check: got %v; want cover.subtitle out of date", r.Diagnostics)
	}
	if s := r.Languages[0]; len(s.Stale) != 1 || !s.WithFallback {
		t.Errorf("check: got %+v; want one stale message", s)
	}

	// the pack for Polish is that message, with the old translation
	p, _ := Export(l, "pl")
	if len(p.Units) != 1 || !p.Units[0].Stale || p.Units[0].Previous != "Ulotka informacyjna" || p.Units[0].Source != "Information leaflet for parents and carers" {
		t.Fatalf("got pack %+v; want cover.subtitle, stale, with the old translation", p.Units)
	}

	// the build refuses Polish, naming the message, unless allowed
	_, ds := compose.LayOut(t.Context(), build.Request{Leaflet: l, Langs: []string{"pl"}, Editions: []*compose.Edition{compose.TriFold}, Paper: layout.A4})
	if !ds.HasErrors() || !strings.Contains(ds.Error(), "language pl is incomplete") || !strings.Contains(ds.Error(), "cover.subtitle") {
		t.Errorf("build: got %v; want pl refused, naming cover.subtitle", ds)
	}
	outs, ds := build.Run(t.Context(), build.Request{Leaflet: l, Langs: []string{"pl"}, Editions: []*compose.Edition{compose.TriFold}, Paper: layout.A4, AllowIncomplete: true})
	if ds.HasErrors() || len(outs) != 1 || len(outs[0].Fallbacks) != 1 || outs[0].Fallbacks[0] != "cover.subtitle" {
		t.Fatalf("build --allow-incomplete: got %d outputs:\n%s", len(outs), diagsText(ds))
	}
	if !strings.Contains(ds.Error(), "printed in en instead") {
		t.Errorf("build --allow-incomplete does not say so: %v", ds)
	}

	// a pack made before the change is refused for that message
	res, ds := importFile(t, dir, "translate.so.toml", fillTOML(t, oldTOML, fixture(t)), "")
	if ds.HasErrors() {
		t.Fatal(diagsText(ds))
	}
	if len(res.Refused) != 1 || res.Refused[0].ID != "cover.subtitle" || !strings.Contains(res.Refused[0].Reason, "out of date") {
		t.Errorf("got refused %+v; want cover.subtitle, out of date", res.Refused)
	}
	if len(res.Merged) != len(oldPack.Units)-1 {
		t.Errorf("got %d merged; want all but one", len(res.Merged))
	}
}

func TestCheckOfEveryShippedLanguageIsCleanAndTakesUnderASecond(t *testing.T) {
	var best *Report
	for i := 0; i < 3; i++ {
		r := Check(t.Context(), content.Builtin(), "", content.DefaultLeaflet, nil)
		if best == nil || r.Elapsed < best.Elapsed {
			best = r
		}
	}
	t.Logf("leaflet check of %d languages × %d editions: %v", len(best.Languages), len(best.Editions), best.Elapsed)
	if len(best.Diagnostics) > 0 {
		t.Errorf("got problems in the built-in sources:\n%s", diagsText(best.Diagnostics))
	}
	for _, s := range best.Languages {
		for _, e := range best.Editions {
			if s.Fits[e.Name] != Fits {
				t.Errorf("%s %s: got %q; want %q", s.Lang, e, s.Fits[e.Name], Fits)
			}
		}
		if s.Complete() != 100 {
			t.Errorf("%s: %d%% complete", s.Lang, s.Complete())
		}
	}
	// Beside other test binaries on a machine with few processors the
	// time says little: measure it alone, with LEAFLET_CHECK_TIMING=1 or
	// BenchmarkCheckEveryShippedLanguage.
	if os.Getenv("LEAFLET_CHECK_TIMING") == "" || raceEnabled || testing.CoverMode() != "" {
		return
	}
	if best.Elapsed.Seconds() >= 1 {
		t.Errorf("leaflet check took %v; want under 1 s", best.Elapsed)
	}
}

func BenchmarkCheckEveryShippedLanguage(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if r := Check(b.Context(), content.Builtin(), "", content.DefaultLeaflet, nil); r.Diagnostics.HasErrors() {
			b.Fatal(r.Diagnostics)
		}
	}
}
