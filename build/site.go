// SPDX-License-Identifier: MIT

package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"leaflet/compose"
	"leaflet/content"
	"leaflet/layout"
	"leaflet/web"
)

// IndexName is the name of a folder's index (Index).
const IndexName = "index.html"

// Index returns the index of dir for the leaflets (web.Index): per leaflet,
// every language by every format with a file — those of outs, about to be
// written, and those dir holds already — each a link with its size. It
// names only its own file, so a folder holding other files keeps them
// all. An index.html in dir that leaflet did not write is not replaced:
// that is an error.
func Index(dir string, leaflets []*content.Leaflet, outs []Output) (Output, error) {
	path := filepath.Join(dir, IndexName)
	if old, err := os.ReadFile(path); err == nil && !bytes.Contains(old, []byte(`<meta name="generator" content="`+web.Generator+`">`)) {
		return Output{}, fmt.Errorf("%s exists and was not written by leaflet: it is not replaced; build the site into a folder of its own, or move that file", path)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return Output{}, fmt.Errorf("read %s: %w", path, err)
	}
	sizes := map[string]int64{}
	for _, o := range outs {
		sizes[o.Name] = int64(len(o.Data))
	}
	var site web.Site
	for _, l := range leaflets {
		doc, ds := l.Localize(l.Source)
		if ds.HasErrors() {
			return Output{}, fmt.Errorf("the index: leaflet %s: %w", l.ID, ds)
		}
		sl := siteLeaflet(dir, l, doc, sizes)
		if len(sl.Formats) > 0 {
			site.Leaflets = append(site.Leaflets, sl)
		}
	}
	data, ds := web.Index(site)
	if ds.HasErrors() {
		return Output{}, ds
	}
	return Output{Output: compose.Output{Name: IndexName}, Data: data}, nil
}

// siteLeaflet returns a leaflet's files in dir or about to be written
// (sizes), by language and format.
func siteLeaflet(dir string, l *content.Leaflet, doc *content.Document, sizes map[string]int64) web.SiteLeaflet {
	sl := web.SiteLeaflet{Doc: doc}
	// the languages as the languages offer orders them, most spoken
	// first, after the source language
	names := map[string]string{}
	langs := []string{l.Source}
	offers, _ := l.LanguageNames("", nil)
	for _, o := range offers {
		names[o.Lang] = o.Text.String()
		if o.Lang != l.Source {
			langs = append(langs, o.Lang)
		}
	}
	for _, lang := range l.Langs() {
		if names[lang] == "" && lang != l.Source {
			langs = append(langs, lang)
		}
	}
	used := map[string]bool{}
	for _, lang := range langs {
		sll := web.SiteLang{Lang: lang, Name: names[lang], Files: map[string][]web.SiteFile{}}
		if sll.Name == "" {
			sll.Name = lang
		}
		for _, e := range compose.Editions {
			for _, v := range variants(e) {
				name := e.FileName(l.ID, lang, v.settings)
				n, ok := sizes[name]
				if !ok {
					fi, err := os.Stat(filepath.Join(dir, name))
					if err != nil || !fi.Mode().IsRegular() {
						continue
					}
					n = fi.Size()
				}
				sll.Files[e.Title] = append(sll.Files[e.Title], web.SiteFile{Name: name, Variant: v.label, Kind: kind(name), Size: n})
				used[e.Title] = true
			}
		}
		if len(sll.Files) > 0 {
			sl.Langs = append(sl.Langs, sll)
		}
	}
	for _, e := range compose.Editions {
		if used[e.Title] {
			sl.Formats = append(sl.Formats, e.Title)
			used[e.Title] = false
		}
	}
	return sl
}

// variant is one of the files an edition makes: its settings and what
// tells it from the others in the index.
type variant struct {
	settings compose.Settings
	label    string
}

// variants returns the files an edition can make, one per setting that
// names its file: the tri-fold's papers and the print shop's file, the
// large-print and easy-read sizes.
func variants(e *compose.Edition) []variant {
	switch e {
	case compose.TriFold:
		var out []variant
		for _, p := range []struct {
			paper layout.Paper
			label string
		}{{layout.A4, "A4"}, {layout.Letter, "US Letter"}} {
			out = append(out, variant{compose.Settings{Paper: p.paper}, p.label},
				variant{compose.Settings{Paper: p.paper, PrintShop: true}, p.label + ", print shop"})
		}
		return out
	case compose.LargePrint, compose.EasyRead:
		def := float64(layout.LargePrintDefault)
		if e == compose.EasyRead {
			def = layout.EasyReadDefault
		}
		out := []variant{{compose.Settings{Paper: layout.A4}, fmt.Sprintf("%g pt", def)}}
		for size := layout.LargePrintMin; size <= layout.LargePrintMax; size++ {
			if float64(size) != def {
				out = append(out, variant{compose.Settings{Paper: layout.A4, Size: float64(size)}, fmt.Sprintf("%d pt", size)})
			}
		}
		return out
	}
	return []variant{{compose.Settings{Paper: layout.A4}, ""}}
}

// kind returns what a file is, by its extension, as a reader asks for
// it: "PDF", "web page", "EPUB".
func kind(name string) string {
	switch ext := filepath.Ext(name); ext {
	case ".html":
		return "web page"
	case "":
		return "file"
	default:
		return strings.ToUpper(ext[1:])
	}
}
