// SPDX-License-Identifier: MIT

package web

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"leaflet/content"
	"leaflet/internal/testtool"
)

// needWebCheck returns the command that runs tools/web/check.mjs, skipping
// the test when Chromium, Node.js or the npm packages are missing on a
// developer's machine; in CI a missing one fails.
func needWebCheck(t *testing.T) []string {
	t.Helper()
	testtool.Need(t, "chromium", "chromium")
	node := testtool.Need(t, "node", "nodejs")
	dir, err := filepath.Abs("../tools/web")
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range []string{"puppeteer-core", "axe-core"} {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", pkg, "package.json")); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is missing in CI: .ci/run must run npm ci in tools/web", pkg)
			}
			t.Skipf("%s not installed: run (cd tools/web && npm ci --ignore-scripts) to check the pages in Chromium", pkg)
		}
	}
	return []string{node, filepath.Join(dir, "check.mjs")}
}

// chromiumPage is what tools/web/check.mjs reads of a page.
type chromiumPage struct {
	File   string
	Widths map[string]struct {
		ScrollWidth int `json:"scrollWidth"`
		ClientWidth int `json:"clientWidth"`
	}
	Violations []struct {
		Scheme string
		Width  int
		ID     string
		Impact string
		Help   string
		Nodes  []string
	}
	Lang, Dir, Title string
	Scripts          int
	Text             string
	Links            []struct{ Href, Text, Lang string }
	Headings         []struct {
		Level int
		Text  string
	}
	Langs  []struct{ Tag, Lang, Dir, Text string }
	Images []struct {
		Tag, Role, Label, Title string
		Width                   float64
	}
}

// readInChromium writes the pages into a folder and reads them all in one
// Chromium; with LEAFLET_SCREENSHOTS set to a folder it saves there each
// page's screenshots, 320 and 1280 px wide in the light and dark schemes.
func readInChromium(t *testing.T, pages map[string][]byte) map[string]chromiumPage {
	t.Helper()
	cmd := needWebCheck(t)
	dir := t.TempDir()
	if shots := os.Getenv("LEAFLET_SCREENSHOTS"); shots != "" {
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
		cmd = append(cmd, "--shots", shots)
	}
	for name, data := range pages {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd = append(cmd, path)
	}
	c := exec.CommandContext(t.Context(), cmd[0], cmd[1:]...)
	c.Dir = filepath.Dir(cmd[1])
	var stderr strings.Builder
	c.Stderr = &stderr
	out, err := c.Output()
	if err != nil {
		t.Fatalf("check.mjs: %v\n%s", err, stderr.String())
	}
	var got []chromiumPage
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("check.mjs: %v", err)
	}
	res := map[string]chromiumPage{}
	for _, p := range got {
		res[filepath.Base(p.File)] = p
	}
	return res
}

// testIndex returns the index of a folder holding the built-in leaflet's
// tri-fold, large print, easy read, web page and EPUB in every language.
func testIndex(t *testing.T, l *content.Leaflet) []byte {
	t.Helper()
	doc := localize(t, l, l.Source)
	sl := SiteLeaflet{Doc: doc, Formats: []string{"tri-fold", "large print", "easy read", "web page", "EPUB"}}
	names, _ := l.LanguageNames("", nil)
	for _, o := range names {
		lang := SiteLang{Lang: o.Lang, Name: o.Text.String(), Files: map[string][]SiteFile{
			"tri-fold":    {{Name: "cse-" + o.Lang + "-trifold.pdf", Variant: "A4", Kind: "PDF", Size: 312_000}, {Name: "cse-" + o.Lang + "-trifold-letter.pdf", Variant: "US Letter", Kind: "PDF", Size: 311_000}},
			"large print": {{Name: "cse-" + o.Lang + "-large-print.pdf", Variant: "18 pt", Kind: "PDF", Size: 98_000}},
			"easy read":   {{Name: "cse-" + o.Lang + "-easy-read.pdf", Variant: "16 pt", Kind: "PDF", Size: 150_000}},
			"web page":    {{Name: "cse-" + o.Lang + ".html", Kind: "web page", Size: 12_000}},
			"EPUB":        {{Name: "cse-" + o.Lang + ".epub", Kind: "EPUB", Size: 20_000}},
		}}
		sl.Langs = append(sl.Langs, lang)
	}
	page, ds := Index(Site{Leaflets: []SiteLeaflet{sl}})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return page
}

// brokenPage is a page with two faults axe must find: no language and a
// picture without alt text.
const brokenPage = `<!DOCTYPE html><html><head><title>x</title></head><body><main><h1>x</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>`

var space = regexp.MustCompile(`\s+`)

// squash returns s with every run of white space one space.
func squash(s string) string { return strings.TrimSpace(space.ReplaceAllString(s, " ")) }

// pageTexts returns, in the page's order, every text of a document: the
// cover's blocks, the draft notice, the sections of text, those of the
// back, and the languages offer.
func pageTexts(doc *content.Document) []string {
	var out []string
	add := func(t content.Text) { out = append(out, squash(t.String())) }
	var offers []content.Offer
	for _, place := range []content.Place{content.Cover, content.Inside, content.Flap, content.Back} {
		for _, s := range doc.Sections {
			if s.Place != place {
				continue
			}
			onlyLangs := true
			for _, b := range s.Blocks {
				onlyLangs = onlyLangs && b.Kind == content.Languages
			}
			if s.Heading != nil && !onlyLangs {
				add(*s.Heading)
			}
			for _, b := range s.Blocks {
				if b.Kind == content.Languages {
					offers = append(offers, b.Offers...)
					continue
				}
				for _, t := range b.Texts {
					add(t)
				}
				if b.Source != nil {
					add(*b.Source)
				}
			}
			if place == content.Cover {
				for _, t := range doc.Draft {
					add(t)
				}
			}
		}
	}
	for _, o := range offers {
		add(o.Text)
	}
	return out
}

// inOrder reports the first of texts not found in page after the one
// before it, or "".
func inOrder(page string, texts []string) string {
	page = squash(page)
	at := 0
	for _, s := range texts {
		i := strings.Index(page[at:], s)
		if i < 0 {
			return s
		}
		at += i + len(s)
	}
	return ""
}

var (
	telRe    = regexp.MustCompile(`^tel:\+[0-9]{6,15}$`)
	mailtoRe = regexp.MustCompile(`^mailto:[^@\s]+@[^@\s]+\.[a-z]{2,}$`)
	httpsRe  = regexp.MustCompile(`^https://[a-z0-9.-]+\.[a-z]{2,}(/\S*)?$`)
	fileRe   = regexp.MustCompile(`^[a-zA-Z0-9-]+\.(pdf|html|epub)$`)
)

// checkLinks reports every link of a page that is not a tel:, mailto: or
// https: address well-formed, or that says nothing.
func checkLinks(t *testing.T, name string, p chromiumPage) {
	t.Helper()
	for _, l := range p.Links {
		ok := telRe.MatchString(l.Href) || mailtoRe.MatchString(l.Href) || httpsRe.MatchString(l.Href) || fileRe.MatchString(l.Href)
		if !ok || strings.TrimSpace(l.Text) == "" {
			t.Errorf("%s: link %q (%q) is not a well-formed tel:, mailto: or https: link with words", name, l.Href, l.Text)
		}
	}
}

// readable fails the test for each of axe's findings on a page and when
// it scrolls sideways.
func readable(t *testing.T, p chromiumPage) {
	t.Helper()
	for _, v := range p.Violations {
		t.Errorf("axe, %s scheme, %d px: %s (%s): %s: %v", v.Scheme, v.Width, v.ID, v.Impact, v.Help, v.Nodes)
	}
	for w, s := range p.Widths {
		if s.ScrollWidth > s.ClientWidth {
			t.Errorf("%s px wide the page scrolls sideways: %d px of content", w, s.ScrollWidth)
		}
	}
	if len(p.Widths) != 2 {
		t.Errorf("read at %d widths; want 320 and 1280 px", len(p.Widths))
	}
}

func TestPagesInChromium(t *testing.T) {
	l := builtin(t)
	langs := []string{"en", "ur", "bn", "zh-Hans"}
	pages := map[string][]byte{"broken.html": []byte(brokenPage)}
	docs := map[string]*content.Document{}
	for _, lang := range langs {
		doc := localize(t, l, lang)
		docs[lang] = doc
		page, ds := Page(doc)
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		pages["cse-"+lang+".html"] = page
		er, ds := EasyRead(doc)
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		pages["cse-"+lang+"-easy-read.html"] = er
	}
	pages["index.html"] = testIndex(t, l)
	got := readInChromium(t, pages)

	t.Run("index", func(t *testing.T) {
		p := got["index.html"]
		readable(t, p)
		checkLinks(t, "index.html", p)
		names := 0
		for _, e := range p.Langs {
			if e.Tag == "span" {
				names++
				if e.Dir != dir(e.Lang) {
					t.Errorf("the name of %s has dir %q", e.Lang, e.Dir)
				}
			}
		}
		if names != len(l.Langs()) {
			t.Errorf("%d language names with their own lang; want %d", names, len(l.Langs()))
		}
		if !strings.Contains(p.Text, "For this leaflet in a language or format that is not here, call 01604 364036 or email nscb@") {
			t.Errorf("the index does not say how to ask for what is not there:\n%s", p.Text)
		}
	})

	broken := got["broken.html"]
	ids := map[string]bool{}
	for _, v := range broken.Violations {
		ids[v.ID] = true
	}
	if !ids["html-has-lang"] || !ids["image-alt"] {
		t.Errorf("axe found %v on the broken page; want html-has-lang and image-alt: the check does not work", ids)
	}

	for _, lang := range langs {
		name := "cse-" + lang + "-easy-read.html"
		p, doc := got[name], docs[lang]
		t.Run(lang+" easy read", func(t *testing.T) {
			readable(t, p)
			if p.Lang != lang || p.Dir != dir(lang) || p.Scripts != 0 {
				t.Errorf("lang %q, dir %q, %d scripts; want %s, %s, none", p.Lang, p.Dir, p.Scripts, lang, dir(lang))
			}
			var texts []string
			var alts []string
			if c := doc.EasyRead.Cover; c != nil {
				alts = append(alts, c.Alt)
			}
			for _, s := range doc.EasyRead.Sections {
				if s.Heading != nil {
					texts = append(texts, squash(s.Heading.String()))
				}
				for _, pt := range s.Points {
					alts = append(alts, pt.Picture.Alt)
					for i, t := range pt.Texts {
						texts = append(texts, squash(t.String()))
						if i == 0 {
							for _, o := range pt.Offers {
								texts = append(texts, squash(o.Text.String()))
							}
						}
					}
				}
			}
			if missing := inOrder(p.Text, texts); missing != "" {
				t.Errorf("the page's text lacks, or has out of order, %q", missing)
			}
			if len(p.Images) != len(alts) {
				t.Fatalf("%d pictures; want %d", len(p.Images), len(alts))
			}
			for i, img := range p.Images {
				if img.Tag != "svg" || img.Role != "img" || img.Label != alts[i] || img.Title != alts[i] || img.Width < 40 {
					t.Errorf("picture %d: %+v; want an svg image labelled %q, at least 40 px wide", i, img, alts[i])
				}
			}
			checkLinks(t, name, p)
		})
	}
	for _, lang := range langs {
		name := "cse-" + lang + ".html"
		p, doc := got[name], docs[lang]
		t.Run(lang, func(t *testing.T) {
			readable(t, p)
			if p.Lang != lang || p.Dir != dir(lang) || p.Scripts != 0 || !strings.HasPrefix(p.Title, doc.Title) {
				t.Errorf("lang %q, dir %q, %d scripts, title %q; want %s, %s, none, %q", p.Lang, p.Dir, p.Scripts, p.Title, lang, dir(lang), doc.Title)
			}
			if missing := inOrder(p.Text, pageTexts(doc)); missing != "" {
				t.Errorf("the page's text lacks, or has out of order, %q", missing)
			}
			if len(p.Headings) == 0 || p.Headings[0].Level != 1 || squash(p.Headings[0].Text) != doc.Title {
				t.Errorf("the page does not open with the title as its h1: %v", p.Headings)
			}
			outline := Outline(doc)
			if len(outline) != len(p.Headings) {
				t.Errorf("%d headings; the outline has %d", len(p.Headings), len(outline))
			}
			for i, h := range p.Headings {
				if i > 0 && h.Level > p.Headings[i-1].Level+1 {
					t.Errorf("heading %q skips a level after %q", h.Text, p.Headings[i-1].Text)
				}
				if i < len(outline) && (outline[i].Level != h.Level || squash(outline[i].Text) != squash(h.Text)) {
					t.Errorf("heading %d is %d %q; the outline says %d %q", i, h.Level, h.Text, outline[i].Level, outline[i].Text)
				}
			}
			checkLinks(t, name, p)
			hrefs := map[string]bool{}
			for _, l := range p.Links {
				hrefs[l.Href] = true
			}
			org := doc.Org
			for _, want := range []string{content.TelLink(org.Phone), "mailto:" + org.Email, webLink(org.Website)} {
				if !hrefs[want] {
					t.Errorf("no link to %s", want)
				}
			}
			// each line of the languages offer in its own language and
			// direction
			offers := map[string]bool{}
			for _, e := range p.Langs {
				if e.Tag == "li" {
					offers[e.Lang] = true
					if e.Dir != dir(e.Lang) {
						t.Errorf("the %s offer's dir is %q", e.Lang, e.Dir)
					}
				}
			}
			for _, s := range doc.Sections {
				for _, b := range s.Blocks {
					for _, o := range b.Offers {
						if !offers[o.Lang] {
							t.Errorf("the %s offer has no lang of its own", o.Lang)
						}
					}
				}
			}
		})
	}
}
