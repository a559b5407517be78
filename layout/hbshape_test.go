// SPDX-License-Identifier: MIT

package layout

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"golang.org/x/text/unicode/bidi"

	"leaflet/content"
	"leaflet/internal/testtool"
	"leaflet/layout/text"
)

// This file checks the shaping of every glyph run of the built-in leaflet,
// in every language it ships, against HarfBuzz's own command-line shaper,
// hb-shape (Debian libharfbuzz-bin). layout/text shapes with go-text, a Go
// port of HarfBuzz; hb-shape is the reference implementation.
//
// What is shaped: each *GlyphRun's drawn text, that is the runes its glyphs
// cover (runes [0, max(Cluster+Runes)) of Text). This is Text without the
// white space that ends a line, which the run carries but does not draw;
// a space inside a line, between two runs, is drawn and is kept.
//
// Direction: the test derives it from the glyphs, which are in visual
// order: when the run has glyphs of two or more clusters, descending
// clusters mean right to left and ascending ones left to right (anything
// else fails the test, and the result must agree with the run's RTL). A run
// of a single cluster has no order to read: its direction is the run's RTL
// (a lone bracket in a right-to-left line is mirrored).
//
// Script: the script of the run's first character of a strong script
// (Unicode Script property, as layout/text itemises), Latin when it has none,
// as layout/text does for an item of neutrals only.
//
// Language: the document's language, except for a passage in another
// language (content.Text.Lang: the source-language line of a draft notice),
// which is shaped, and therefore checked, in its own language.
//
// Compared, glyph by glyph in visual order: glyph ID, advance, x and y
// offsets (ours are points at the run's size: converted to font units as
// v*upem/size and compared within 0.01 unit) and cluster (ours index the
// runes of Text, hb-shape's the characters of the line it shaped).
//
// Context: layout/text shapes each item (a stretch of one face, script and
// level) with the whole paragraph as context and then cuts it into lines;
// hb-shape sees the line's piece alone. Line breaks fall after spaces,
// slashes and dashes, and runs split where the face, script or level
// changes: places where the shipped fonts' rules do not look across (Arabic
// joining stops at a space or a non-joining character). With the shipped
// texts no run differs at its ends; should one, the failure message says
// whether the difference is only at the run's ends, where context can
// explain it, or inside, where it cannot.
//
// Known bug (go-text v0.3.5, go-text/typesetting#278): lookups are skipped
// for glyphs in the later ranges of a format-2 coverage, so some kerning is
// lost (Noto Sans: the typographic quotes, Cyrillic). A language whose only
// differences are such missed GPOS adjustments is skipped with "BUG: …";
// any other difference fails.

// hbTolerance is the largest difference allowed in positions, in font units.
const hbTolerance = 0.01

// shapeCase is one glyph run to check.
type shapeCase struct {
	docLang    string
	page, item int
	run        *GlyphRun
	text       []rune // the drawn text
	rtl        bool
	dirFrom    string // how the direction was found
	script     string // ISO 15924, e.g. "Arab"
	lang       string // BCP 47, e.g. "fa"
	upem       float64
	fontFile   string
	hb         []hbGlyph
}

// hbGlyph is one glyph of hb-shape's JSON output, in font units.
type hbGlyph struct {
	G  int     `json:"g"`
	Cl int     `json:"cl"`
	Dx float64 `json:"dx"`
	Dy float64 `json:"dy"`
	Ax float64 `json:"ax"`
	Ay float64 `json:"ay"`
}

func (c *shapeCase) String() string {
	dir := "ltr"
	if c.rtl {
		dir = "rtl"
	}
	return fmt.Sprintf("%s page %d item %d (%s %.1fpt %s %s %s, message %q) %q",
		c.docLang, c.page+1, c.item, c.run.Face.Name, c.run.Size, dir, c.script, c.lang, c.run.MsgID, string(c.text))
}

// passageLangs maps the index of each structure element that sets a
// passage in another language than the document's to that language. Only
// draft notices carry such passages; their elements are created in the
// order of doc.Draft.
func passageLangs(doc *content.Document, res *Result) map[int]string {
	langs := map[string][]string{} // message ID → language of each occurrence
	for _, t := range doc.Draft {
		langs[t.ID] = append(langs[t.ID], t.Lang)
	}
	out := map[int]string{}
	seen := map[string]int{}
	for i, e := range res.Elems {
		ls, ok := langs[e.MsgID]
		if !ok {
			continue
		}
		if k := seen[e.MsgID]; k < len(ls) && ls[k] != "" {
			out[i] = ls[k]
		}
		seen[e.MsgID]++
	}
	return out
}

// runDirection derives a run's direction; see the comment at the top.
func runDirection(run *GlyphRun, text []rune, paraRTL bool) (rtl bool, from string, err error) {
	var cl []int
	for _, g := range run.Glyphs {
		if len(cl) == 0 || cl[len(cl)-1] != g.Cluster {
			cl = append(cl, g.Cluster)
		}
	}
	if len(cl) < 2 {
		// one cluster has no order to read: the run says its direction
		return run.RTL, "run", nil
	}
	if len(cl) >= 2 {
		asc, desc := true, true
		for i := 1; i < len(cl); i++ {
			asc = asc && cl[i] > cl[i-1]
			desc = desc && cl[i] < cl[i-1]
		}
		switch {
		case asc:
			return false, "clusters", nil
		case desc:
			return true, "clusters", nil
		}
		return false, "", fmt.Errorf("clusters in visual order %v are neither ascending nor descending", cl)
	}
	number := false
	for _, r := range text {
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.R, bidi.AL:
			return true, "strong character", nil
		case bidi.L:
			return false, "strong character", nil
		case bidi.EN, bidi.AN:
			number = true
		}
	}
	if number {
		return false, "number", nil
	}
	return paraRTL, "paragraph", nil
}

// runScript returns the ISO 15924 tag of the first strong script of text,
// Latin when there is none.
func runScript(text []rune) string {
	for _, r := range text {
		if s := language.LookupScript(r); s.Strong() {
			return s.String()
		}
	}
	return language.Latin.String()
}

// shapeCases collects the glyph runs of a laid out document.
func shapeCases(t *testing.T, doc *content.Document, res *Result) []*shapeCase {
	t.Helper()
	passages := passageLangs(doc, res)
	var out []*shapeCase
	for pi, p := range res.Pages {
		for ii, it := range p.Items {
			run, ok := it.(*GlyphRun)
			if !ok || len(run.Glyphs) == 0 {
				continue
			}
			runes := []rune(run.Text)
			end := 0
			for _, g := range run.Glyphs {
				end = max(end, g.Cluster+g.Runes)
			}
			if end > len(runes) {
				t.Errorf("%s page %d item %d: glyph clusters reach rune %d of %q", doc.Lang, pi+1, ii, end, run.Text)
				continue
			}
			if rest := string(runes[end:]); strings.TrimSpace(rest) != "" {
				t.Errorf("%s page %d item %d: %q of %q is drawn by no glyph", doc.Lang, pi+1, ii, rest, run.Text)
			}
			text := runes[:end]
			if strings.TrimSpace(string(text)) == "" {
				continue // only spaces
			}
			if strings.ContainsAny(string(text), "\n\r") {
				t.Errorf("%s page %d item %d: drawn text %q holds a line break", doc.Lang, pi+1, ii, string(text))
				continue
			}
			lang := doc.Lang
			if l, ok := passages[run.Elem]; ok {
				lang = l
			}
			c := &shapeCase{docLang: doc.Lang, page: pi, item: ii, run: run, text: text,
				script: runScript(text), lang: lang, upem: run.Face.Upem(),
				fontFile: filepath.Join("..", "fonts", run.Face.Name+".ttf")}
			var err error
			c.rtl, c.dirFrom, err = runDirection(run, text, content.IsRTL(lang))
			if err != nil {
				t.Errorf("%v: %v", c, err)
				continue
			}
			out = append(out, c)
		}
	}
	return out
}

// hbShapeAll shapes every case with hb-shape, one invocation per font,
// direction, script and language, each text on its own line of a text file.
func hbShapeAll(t *testing.T, hbShape string, cases []*shapeCase) {
	t.Helper()
	type key struct{ font, dir, script, lang string }
	groups := map[key][]*shapeCase{}
	var keys []key
	for _, c := range cases {
		dir := "ltr"
		if c.rtl {
			dir = "rtl"
		}
		k := key{c.fontFile, dir, c.script, c.lang}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], c)
	}
	dir := t.TempDir()
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []string
	)
	sem := make(chan struct{}, runtime.NumCPU())
	for i, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if err := hbShapeGroup(t.Context(), hbShape, filepath.Join(dir, fmt.Sprintf("texts-%d.txt", i)), k.font, k.dir, k.script, k.lang, groups[k]); err != nil {
				mu.Lock()
				errs = append(errs, err.Error())
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	sort.Strings(errs)
	for _, e := range errs {
		t.Error(e)
	}
}

func hbShapeGroup(ctx context.Context, hbShape, file, font, dir, script, lang string, cases []*shapeCase) error {
	var b strings.Builder
	for _, c := range cases {
		b.WriteString(string(c.text))
		b.WriteByte('\n')
	}
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		return err
	}
	args := []string{"--font-file=" + font, "--text-file=" + file, "--direction=" + dir, "--script=" + script,
		"--language=" + lang, "--no-glyph-names", "--output-format=json"}
	cmd := exec.CommandContext(ctx, hbShape, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("hb-shape %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) != len(cases) {
		return fmt.Errorf("hb-shape %s: got %d lines of output for %d texts", strings.Join(args, " "), len(lines), len(cases))
	}
	for i, line := range lines {
		if err := json.Unmarshal([]byte(line), &cases[i].hb); err != nil {
			return fmt.Errorf("hb-shape %s: line %d: %v: %s", strings.Join(args, " "), i+1, err, line)
		}
	}
	return nil
}

// glyphDiff is how one glyph of ours differs from hb-shape's.
type glyphDiff struct {
	index int
	what  []string
	// missedPos reports that the glyph and cluster agree and every
	// difference is a position where ours is the font's nominal value
	// (advance from hmtx, offsets zero) and hb-shape's is not: a GPOS
	// adjustment (kerning, mark attachment) that HarfBuzz applied and
	// go-text did not.
	missedPos bool
}

// compareShaping returns how our glyphs differ from hb-shape's.
func compareShaping(c *shapeCase) []glyphDiff {
	var diffs []glyphDiff
	scale := c.upem / c.run.Size
	face := c.run.Face.NewShapingFace()
	if len(c.run.Glyphs) != len(c.hb) {
		return []glyphDiff{{index: -1, what: []string{fmt.Sprintf("glyph count: ours %d, hb-shape %d", len(c.run.Glyphs), len(c.hb))}}}
	}
	for i, g := range c.run.Glyphs {
		h := c.hb[i]
		d := glyphDiff{index: i, missedPos: true}
		if int(g.ID) != h.G {
			d.what = append(d.what, fmt.Sprintf("gid %d≠%d", g.ID, h.G))
			d.missedPos = false
		}
		if g.Cluster != h.Cl {
			d.what = append(d.what, fmt.Sprintf("cluster %d≠%d", g.Cluster, h.Cl))
			d.missedPos = false
		}
		pos := []struct {
			name         string
			ours, theirs float64
			nominal      float64
		}{
			{"advance", g.Advance * scale, h.Ax, float64(face.HorizontalAdvance(font.GID(g.ID)))},
			{"x offset", g.XOffset * scale, h.Dx, 0},
			{"y offset", g.YOffset * scale, h.Dy, 0},
		}
		for _, p := range pos {
			if math.Abs(p.ours-p.theirs) > hbTolerance {
				d.what = append(d.what, fmt.Sprintf("%s %.2f≠%g", p.name, p.ours, p.theirs))
				if math.Abs(p.ours-p.nominal) > hbTolerance {
					d.missedPos = false
				}
			}
		}
		if len(d.what) > 0 {
			diffs = append(diffs, d)
		}
	}
	return diffs
}

func TestShapingMatchesHarfBuzz(t *testing.T) {
	hbShape := testtool.Need(t, "hb-shape", "libharfbuzz-bin")
	start := time.Now()
	l, ds := content.Load(content.Builtin(), "", content.DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	base, _ := tools(t)
	// every edition, each with its text family, as the build sets it
	editions := []struct {
		family string
		ed     layoutFunc
	}{
		{"NotoSans", NewTriFold(A4)},
		{"AtkinsonHyperlegibleNext", NewLargePrint(LargePrintDefault)},
		{"AtkinsonHyperlegibleNext", NewEasyRead(EasyReadDefault)},
	}
	shapers := map[string]*text.Shaper{}
	langs := l.Langs()
	cases := map[string][]*shapeCase{}
	var all []*shapeCase
	for _, lang := range langs {
		doc, ds := l.Localize(lang)
		if ds.HasErrors() {
			t.Fatalf("%s: %v", lang, ds)
		}
		for _, e := range editions {
			set := base.WithText(e.family)
			if shapers[e.family] == nil {
				shapers[e.family] = text.NewShaper(set)
			}
			res, ds := e.ed.Layout(doc, set, shapers[e.family])
			if ds.HasErrors() {
				t.Fatalf("%s %v: %v", lang, e.ed, ds)
			}
			cs := shapeCases(t, doc, res)
			cases[lang] = append(cases[lang], cs...)
			all = append(all, cs...)
		}
	}
	laidOut := time.Since(start)
	hbShapeAll(t, hbShape, all)
	if t.Failed() {
		t.FailNow()
	}
	t.Logf("laid out %d languages in 3 editions in %v, shaped %d runs with hb-shape in %v", len(langs), laidOut.Round(time.Millisecond),
		len(all), (time.Since(start) - laidOut).Round(time.Millisecond))

	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			if len(cases[lang]) == 0 {
				t.Fatal("no glyph runs to compare")
			}
			glyphs := 0
			dirs := map[string]int{}
			var missed []string // runs that differ only by missed GPOS adjustments
			missedGlyphs, bad := 0, 0
			for _, c := range cases[lang] {
				glyphs += len(c.run.Glyphs)
				dirs[c.dirFrom]++
				diffs := compareShaping(c)
				if len(diffs) == 0 {
					continue
				}
				onlyMissed := true
				var lines []string
				for _, d := range diffs {
					onlyMissed = onlyMissed && d.missedPos
					lines = append(lines, fmt.Sprintf("glyph %d (ours≠hb-shape): %s", d.index, strings.Join(d.what, ", ")))
				}
				msg := fmt.Sprintf("%v:\n\t%s", c, strings.Join(lines, "\n\t"))
				if onlyMissed {
					missed = append(missed, msg)
					missedGlyphs += len(diffs)
					continue
				}
				if bad++; bad <= 20 {
					t.Errorf("%s\n%s", msg, contextNote(c, diffs))
				}
			}
			if bad > 20 {
				t.Errorf("… and %d more runs differ", bad-20)
			}
			t.Logf("%s: compared %d runs, %d glyphs (direction from %v)", lang, len(cases[lang]), glyphs, dirs)
			if len(missed) > 0 {
				for i, m := range missed {
					if i == 5 {
						t.Logf("… and %d more", len(missed)-5)
						break
					}
					t.Log(m)
				}
				// A known upstream bug, not ours: every other glyph of the
				// language still had to match, so the subtest passes
				// and says what it could not check.
				t.Logf("KNOWN go-text BUG: %d glyphs in %d of %d runs lack a GPOS adjustment (kerning, mark positioning) that HarfBuzz applies: "+
					"go-text v0.3.5's set digest drops a coverage's later ranges (harfbuzz/set_digest.go addRange returns when any "+
					"sub-digest is full; go-text/typesetting#278, fixed by #279), so lookups are skipped for those glyphs. "+
					"Fix: upgrade github.com/go-text/typesetting to a version with #279", missedGlyphs, len(missed), len(cases[lang]))
			}
		})
	}
}

// contextNote explains a difference at the ends of a run that may come
// from shaping with the paragraph as context.
func contextNote(c *shapeCase, diffs []glyphDiff) string {
	first, last := 0, len(c.run.Glyphs)-1
	for _, d := range diffs {
		if d.index != first && d.index != last {
			return "(inside the run: not a matter of context)"
		}
	}
	return "(only at the run's ends: layout/text shaped this run with the rest of its paragraph as context, hb-shape saw the line's piece alone)"
}
