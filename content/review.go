// SPDX-License-Identifier: MIT

package content

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"sort"
	"time"

	"github.com/BurntSushi/toml"
)

// Review is the review status of one translation.
type Review struct {
	// Reviewed reports that a qualified translator has checked the
	// translation; until then it is a draft and its PDFs say so.
	Reviewed bool
	By       string
	Date     time.Time
}

// reviewFile is locales/<id>/review.toml: a table per language tag.
//
//	[pl]
//	status = "reviewed"        # or "draft"
//	by = "A. Translator, ITI"  # who checked it
//	date = 2026-12-01
type reviewFile map[string]reviewEntry

type reviewEntry struct {
	Status string    `toml:"status"`
	By     string    `toml:"by"`
	Date   time.Time `toml:"date"`
}

// loadReviews reads locales/<id>/review.toml when there is one. A
// translation it does not list as reviewed is a draft; the source language
// is never a draft.
func (l *Leaflet) loadReviews(fsys fs.FS, root string) Diagnostics {
	var ds Diagnostics
	l.Reviews = map[string]Review{l.Source: {Reviewed: true}}
	name := path.Join("locales", l.ID, "review.toml")
	display := displayPath(root, name)
	src, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		ds.Errorf(Pos{File: display}, "cannot read: %v", unwrapPathError(err))
		return ds
	}
	pos := scanPositions(display, src)
	var raw map[string]any
	err = checkUTF8(display, src, pos)
	if err == nil {
		_, err = toml.Decode(string(src), &raw)
	}
	if err != nil {
		ds = append(ds, tomlDiagnostic(display, string(src), pos, err))
		return ds
	}
	f := reviewFile{}
	dec := schemaDecoder{pos: pos, ds: &ds, what: "review.toml"}
	for tag, v := range raw {
		m, ok := v.(map[string]any)
		if !ok {
			p := dec.valuePos(tag)
			d := ds.Errorf(p, "%s must be a table, not %s", tag, describeValue(v))
			d.Source, d.Hint = pos.line(p.Line), fmt.Sprintf("write [%s] on a line of its own, then status = \"reviewed\", by = \"…\" and date = 2026-12-01 under it", tag)
			continue
		}
		var e reviewEntry
		dec.decode(m, reflect.ValueOf(&e), tag)
		f[tag] = e
	}
	tags := make([]string, 0, len(f))
	for tag := range f {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	for _, tag := range tags {
		r := f[tag]
		p := pos.key(tag)
		if _, ok := l.Bundles[tag]; !ok {
			ds.Warnf(p, "review status for %q, which has no bundle", tag).Hint = fmt.Sprintf("add locales/%s/active.%s.toml or remove [%s]", l.ID, tag, tag)
		}
		switch r.Status {
		case "reviewed":
			l.Reviews[tag] = Review{Reviewed: true, By: r.By, Date: r.Date}
		case "draft", "":
		default:
			pp := pos.key(tag + ".status")
			d := ds.Errorf(pp, "status %q of %s is neither \"draft\" nor \"reviewed\"", r.Status, tag)
			d.Source = pos.line(pp.Line)
		}
	}
	return ds
}
