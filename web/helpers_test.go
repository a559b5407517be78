// SPDX-License-Identifier: MIT

package web

import (
	"strings"
	"testing"
	"testing/fstest"

	"leaflet/content"
)

// builtin returns the built-in leaflet.
func builtin(t testing.TB) *content.Leaflet {
	t.Helper()
	l, ds := content.Load(content.Builtin(), "", content.DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return l
}

// localize returns a leaflet's document in lang.
func localize(t testing.TB, l *content.Leaflet, lang string) *content.Document {
	t.Helper()
	doc, ds := l.Localize(lang)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return doc
}

// load loads a leaflet "t" from its content file and bundles, by tag.
func load(t testing.TB, leaflet string, bundles map[string]string, extra fstest.MapFS) *content.Leaflet {
	t.Helper()
	fsys := fstest.MapFS{"content/t/leaflet.toml": {Data: []byte(leaflet)}}
	for tag, b := range bundles {
		fsys["locales/t/active."+tag+".toml"] = &fstest.MapFile{Data: []byte(b)}
	}
	for name, f := range extra {
		fsys[name] = f
	}
	l, ds := content.Load(fsys, "", "t")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return l
}

// webLink returns the target of a web address: a full https URL.
func webLink(site string) string {
	if strings.Contains(site, "://") {
		return site
	}
	return "https://" + site
}
