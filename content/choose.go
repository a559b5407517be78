// SPDX-License-Identifier: MIT

package content

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"golang.org/x/text/language"
)

// Leaflets returns the IDs of the leaflets in a source folder: each
// content/<id>/ that holds a leaflet.toml, sorted.
func Leaflets(fsys fs.FS) ([]string, error) {
	entries, err := fs.ReadDir(fsys, "content")
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if _, err := fs.Stat(fsys, path.Join("content", e.Name(), "leaflet.toml")); err == nil {
			ids = append(ids, e.Name())
		}
	}
	sort.Strings(ids)
	return ids, nil
}

// MatchLang returns the language of the leaflet a tag written by a person
// asks for: its bundle's tag whatever the case ("EN", "zh-hans"), or, for
// a tag with no bundle of its own, the bundle of the language it is a
// kind of (en-GB: en; zh-CN: zh-Hans), with a note saying so. A tag with
// neither is an error that lists the leaflet's languages.
func (l *Leaflet) MatchLang(tag string) (lang, note string, err error) {
	return matchLang(l.ID, l.Langs(), tag)
}

// matchLang matches a tag to one of the languages a leaflet has, as
// MatchLang does.
func matchLang(id string, langs []string, tag string) (lang, note string, err error) {
	for _, have := range langs {
		if strings.EqualFold(have, tag) {
			return have, "", nil
		}
	}
	have := strings.Join(langs, ", ")
	t, perr := language.Parse(tag)
	if perr != nil {
		return "", "", fmt.Errorf("the leaflet %q has no bundle for language %q (not a language tag BCP 47 knows): it is in %s", id, tag, have)
	}
	if slices.Contains(langs, t.String()) {
		return t.String(), "", nil
	}
	var tags []language.Tag
	for _, h := range langs {
		tags = append(tags, language.Make(h))
	}
	// the same language in another region or script; not another
	// language its readers may know (the matcher offers English for Welsh)
	if _, i, conf := language.NewMatcher(tags).Match(t); len(tags) > 0 && conf >= language.High && sameBase(t, tags[i]) {
		got := langs[i]
		return got, fmt.Sprintf("the leaflet %q has no bundle for %s: using %s", id, t, got), nil
	}
	return "", "", fmt.Errorf("the leaflet %q has no bundle for language %q: it is in %s ('leaflet translate --lang %s' starts a translation)", id, t.String(), have, t)
}

func sameBase(a, b language.Tag) bool {
	ba, _ := a.Base()
	bb, _ := b.Base()
	return ba == bb
}
