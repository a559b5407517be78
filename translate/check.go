// SPDX-License-Identifier: MIT

package translate

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"leaflet/braille"
	"leaflet/compose"
	"leaflet/content"
	"leaflet/layout"
)

// Fit says whether a language's text fits an edition.
type Fit string

const (
	// Fits: the edition lays out without problems.
	Fits Fit = "yes"
	// Overflows: some text does not fit its panel, page or column.
	Overflows Fit = "no"
	// Fails: the edition fails for another reason, e.g. a character no
	// font covers or invalid markup.
	Fails Fit = "error"
	// NotBuilt: the edition was not laid out (the leaflet has none, or
	// the language has no bundle).
	NotBuilt Fit = "-"
)

// Status is one language's line of the check's table.
type Status struct {
	Lang string
	// Name is the language's own name (its language.name message).
	Name string
	// Source is set for the source language.
	Source bool
	// Needed is how many messages the leaflet needs; Translated how many
	// the language has, current or out of date.
	Needed, Translated int
	Missing, Stale     []string
	Review             content.Review
	// Fits is the result of each edition; WithFallback says the layout
	// had the source language's text for missing and out-of-date
	// messages.
	Fits         map[string]Fit
	WithFallback bool
	// TriFold is how the tri-fold was fitted: its body size, spacing,
	// how full each panel is and what moved to the flap.
	TriFold *TriFoldFit
}

// TriFoldFit is how a language's tri-fold was fitted to its panels.
type TriFoldFit struct {
	Body   float64
	Panels []layout.Region
	Moved  []string
}

// Inside panels under this share full make a tri-fold that fails the
// check: a near-empty panel in the spread a reader opens.
const minInsideFill = 0.25

// Complete returns the share of needed messages the language has, in
// percent, rounded down so that 100 means all.
func (s Status) Complete() int {
	if s.Needed == 0 {
		return 100
	}
	return s.Translated * 100 / s.Needed
}

// Report is the result of Check.
type Report struct {
	Leaflet     string
	Editions    []*compose.Edition
	Diagnostics content.Diagnostics
	Languages   []Status
	Elapsed     time.Duration
	// Notes say how the languages asked for were read: en-GB checked as
	// en, a tag without a bundle checked as a new language.
	Notes []string
}

// Check finds every problem of a leaflet's sources at once, without
// writing anything: the content and bundles as content.Load checks them;
// for each language the messages missing and out of date, those no content
// uses, template fields and markup that differ from the source language
// and text still the source language's; and, by laying out every edition
// through compose.Jobs, text that does not fit, characters no embedded
// font covers, easy-read sentences over 15 words and pictures without alt
// text. langs limits the languages (all with a bundle when empty); a
// language without a bundle is checked as a new one. When ctx is cancelled
// the report is incomplete.
func Check(ctx context.Context, fsys fs.FS, root, id string, langs []string) *Report {
	return CheckEditions(ctx, fsys, root, id, langs, nil)
}

// CheckEditions is Check of the editions given (the defaults when none):
// with the braille edition, also what of each language cannot be put into
// braille — a language without a braille table, a character its table
// cannot translate, a word longer than a line — through liblouis, whose
// absence is an error.
func CheckEditions(ctx context.Context, fsys fs.FS, root, id string, langs []string, editions []*compose.Edition) *Report {
	start := time.Now()
	r := &Report{Leaflet: id}
	l, ds := content.Load(fsys, root, id)
	r.Diagnostics = ds
	if l == nil || l.Bundles[l.Source] == nil {
		r.Elapsed = time.Since(start)
		return r
	}
	if len(langs) == 0 {
		langs = l.Langs()
	}
	langs = r.match(l, langs)
	r.Editions = editions
	if len(r.Editions) == 0 {
		r.Editions = compose.Defaults(l, nil)
	}
	var tr braille.Translator
	if slices.Contains(r.Editions, compose.Braille) {
		louis, err := braille.FindLouis()
		if err != nil {
			r.Diagnostics.Errorf(content.Pos{}, "the braille edition cannot be checked: %v", err)
			r.Editions = slices.DeleteFunc(slices.Clone(r.Editions), func(e *compose.Edition) bool { return e == compose.Braille })
		} else {
			tr = braille.Cached(louis)
		}
	}
	en := l.Bundles[l.Source]
	needed := l.Needed()
	alts := pictureAlts(l)
	for _, lang := range langs {
		st := Status{Lang: lang, Source: lang == l.Source, Needed: len(needed), Review: l.Reviews[lang], Fits: map[string]Fit{}}
		bu := l.Bundles[lang]
		st.Name = lang
		if bu != nil && bu.Messages["language.name"] != nil {
			st.Name = bu.Messages["language.name"].Other
		}
		st.Missing, st.Stale = l.Gaps(lang)
		st.Translated = st.Needed - len(st.Missing)
		r.Languages = append(r.Languages, st)
		if st.Source {
			continue
		}
		if bu == nil {
			d := r.Diagnostics.Errorf(content.Pos{File: l.File}, "language %s has no bundle: none of the %d messages is translated", lang, len(needed))
			d.Hint = fmt.Sprintf("'leaflet translate --lang %s' makes a pack of them for a translator", lang)
			continue
		}
		r.Diagnostics = append(r.Diagnostics, checkBundle(l, en, bu, st, alts)...)
	}

	// lay out every language with a bundle in every edition; each job's
	// problems are its own, so that they can be told apart
	var built []string
	for i := range r.Languages {
		st := &r.Languages[i]
		st.WithFallback = len(st.Missing)+len(st.Stale) > 0
		if l.Bundles[st.Lang] == nil {
			for _, e := range r.Editions {
				st.Fits[e.Name] = NotBuilt
			}
			continue
		}
		built = append(built, st.Lang)
	}
	status := map[string]*Status{}
	for i := range r.Languages {
		status[r.Languages[i].Lang] = &r.Languages[i]
	}
	var results []compose.Result[compose.Output]
	if len(built) > 0 {
		// the request's own problems are the gaps, reported above
		results, _ = compose.Jobs(ctx, compose.Request{Leaflet: l, Langs: built, Editions: r.Editions, Paper: layout.A4, AllowIncomplete: true},
			func(ctx context.Context, o compose.Output, doc *content.Document, _ *layout.Result) (compose.Output, content.Diagnostics) {
				if o.Edition != compose.Braille {
					return o, nil
				}
				ed, ds := braille.Make(ctx, doc, tr, braille.Options{})
				if ed != nil {
					o.Pages = len(ed.Pages)
				}
				return o, ds
			})
	}
	seen := map[content.Key]bool{}
	for _, j := range results {
		st := status[j.Lang]
		fit := Fits
		for _, d := range j.Diagnostics {
			fit = fitAfter(fit, d)
		}
		r.Diagnostics.AddNew(seen, j.Diagnostics) // Localize's problems come once per edition
		if o := j.Product; j.OK && j.Edition.Folded && len(o.Panels) > 0 {
			st.TriFold = &TriFoldFit{Body: o.BodySize, Panels: o.Panels, Moved: o.Moved}
			for _, p := range o.Panels {
				switch p.Panel {
				case layout.InsideLeft, layout.Middle, layout.FoldIn:
					if p.Fill < minInsideFill {
						d := r.Diagnostics.Errorf(content.Pos{File: l.File}, "%s %s: the %s panel is only %.0f%% full", j.Lang, j.Edition, p.Name, 100*p.Fill)
						d.Hint = "the inside is too short for three panels: add text, or a section, so the spread does not open on an empty panel"
						fit = Fails
					}
				}
			}
		}
		if bu := l.Bundles[j.Lang]; bu != nil && len(bu.BrokenIDs()) > 0 {
			fit = Fails // a template that cannot be used, set as written
		}
		st.Fits[j.Edition.Name] = fit
	}
	r.Elapsed = time.Since(start)
	return r
}

// match returns the languages the tags ask for (content.MatchLang): a
// tag in another case or of a region of a language with a bundle is that
// language; a tag of another language is checked as a new one. Each tag
// read otherwise than written gets a note.
func (r *Report) match(l *content.Leaflet, tags []string) []string {
	var out []string
	for _, tag := range tags {
		lang, note, err := l.MatchLang(tag)
		if err != nil {
			lang = tag
			r.Notes = append(r.Notes, fmt.Sprintf("%s has no bundle: checked as a new language (the leaflet %q is in %s)", tag, l.ID, strings.Join(l.Langs(), ", ")))
		} else if note != "" {
			r.Notes = append(r.Notes, note)
		}
		if !slices.Contains(out, lang) {
			out = append(out, lang)
		}
	}
	return out
}

// fitAfter returns an edition's fit once a problem of its layout is
// counted: an error of text that does not fit (CodeOverflow) makes it
// overflow, any other error makes it fail unless it overflows already;
// warnings leave it as it is.
func fitAfter(fit Fit, d content.Diagnostic) Fit {
	switch {
	case d.Severity != content.Error:
		return fit
	case d.Code == content.CodeOverflow:
		return Overflows
	case fit == Fits:
		return Fails
	}
	return fit
}

// pictureAlts maps the message IDs that describe pictures to the pictures.
func pictureAlts(l *content.Leaflet) map[string]string {
	out := map[string]string{}
	add := func(p content.PictureRef) {
		if p.Alt.ID != "" {
			name := p.Name
			if p.File != "" {
				name = p.File
			}
			out[p.Alt.ID] = name
		}
	}
	if er := l.EasyRead; er != nil {
		if er.Cover != nil {
			add(*er.Cover)
		}
		for _, s := range er.Sections {
			for _, p := range s.Points {
				add(p.Picture)
			}
		}
	}
	return out
}

// checkBundle finds the problems of one translation: missing, out-of-date
// and unused messages, messages without a hash, still in the source
// language, or whose template fields and markup differ from the source.
func checkBundle(l *content.Leaflet, en, bu *content.Bundle, st Status, alts map[string]string) content.Diagnostics {
	var ds content.Diagnostics
	lang := st.Lang
	pack := fmt.Sprintf("'leaflet translate --lang %s' makes a pack of the messages to translate", lang)
	if bu.Empty() { // one line, not one for every message
		d := ds.Errorf(content.Pos{File: bu.File}, "language %s: %s is empty: none of the %d messages is translated", lang, path.Base(bu.File), st.Needed)
		d.Hint = pack
		return ds
	}
	copied := l.MostlySource(lang) // said once, for the file, by content.Load
	for _, id := range st.Missing {
		var d *content.Diagnostic
		if pic, ok := alts[id]; ok {
			d = ds.Errorf(en.Pos(id), "language %s: picture %q has no alt text: message %q has no translation", lang, pic, id)
		} else {
			d = ds.Errorf(en.Pos(id), "language %s: message %q has no translation", lang, id)
		}
		d.Hint = fmt.Sprintf("add [%s] to %s; %s", id, bu.File, pack)
		d.Code = content.CodeNoTranslation
	}
	for _, id := range st.Stale {
		d := ds.Errorf(bu.Pos(id), "language %s: message %q is out of date: the %s text changed since it was translated", lang, id, l.Source)
		d.Hint = fmt.Sprintf("the %s is now %q; %s", l.Source, en.Messages[id].Other, pack)
		d.Code = content.CodeStale
	}
	for _, id := range bu.IDs() {
		m := bu.Messages[id]
		src := en.Messages[id]
		if src == nil {
			d := ds.Warnf(m.Pos, "language %s: message %q is not in the %s bundle: no content uses it", lang, id, l.Source)
			d.Hint, d.Code = "remove it", content.CodeUnusedMessage
			continue
		}
		if m.Hash == "" && !copied {
			d := ds.Warnf(m.Pos, "language %s: message %q has no hash: whether it is up to date cannot be told", lang, id)
			d.Hint = fmt.Sprintf("add hash = %q if it translates the %s text as it is now", content.Hash(src.Description, src.Other), l.Source)
		}
		if m.Other == src.Other && hasWords(src.Other) && !copied {
			d := ds.Warnf(m.Pos, "language %s: message %q is still the %s text", lang, id, l.Source)
			d.Hint = "translate it"
		}
		for _, mm := range compareShape(src.Other, m.Other) {
			if bu.Broken(id) && strings.HasPrefix(mm.msg, "template field") {
				continue // its template's mistake is reported, once, by content.Load
			}
			if strings.HasPrefix(mm.msg, "invalid markup") {
				continue // Localize reports it, when the edition is laid out
			}
			d := &content.Diagnostic{Pos: m.Pos, Severity: mm.severity, Msg: fmt.Sprintf("language %s: message %q: %s", lang, id, mm.msg)}
			d.Hint = fmt.Sprintf("the %s is %q", l.Source, src.Other)
			ds = append(ds, *d)
		}
	}
	return ds
}
