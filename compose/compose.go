// SPDX-License-Identifier: MIT

package compose

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"leaflet/braille"
	"leaflet/content"
	"leaflet/fonts"
	"leaflet/internal/workers"
	"leaflet/layout"
	"leaflet/layout/text"
)

// Request says what to lay out.
type Request struct {
	Leaflet *content.Leaflet
	// Langs are the languages; empty means all with a bundle.
	Langs []string
	// Editions are the editions; empty means the defaults (Defaults).
	Editions []*Edition
	// Paper, Size, FoldMarks and PrintShop are the editions' settings
	// (Settings).
	Paper     layout.Paper // zero: A4
	Size      float64
	FoldMarks bool
	PrintShop bool
	// Braille is the braille edition's page size and grade.
	Braille braille.Options
	// Date is the editions' date (the print shop's slug, the PDFs'
	// dates); zero means the leaflet's published date.
	Date time.Time
	// AllowIncomplete lays out a language whose messages are missing or
	// out of date (content.Leaflet.Gaps) with the source language's text
	// for them, each passage marked, and says so in a warning; without it
	// such a language is refused, naming the messages.
	AllowIncomplete bool
}

// Settings returns the request's settings for the editions: A4 when it
// names no paper.
func (r Request) Settings() Settings {
	s := Settings{Paper: r.Paper, Size: r.Size, FoldMarks: r.FoldMarks, PrintShop: r.PrintShop, Braille: r.Braille}
	if s.Paper.Name == "" {
		s.Paper = layout.A4
	}
	return s
}

// Published returns the editions' date: the request's, or the leaflet's.
func (r Request) Published() time.Time {
	if r.Date.IsZero() {
		return r.Leaflet.Published
	}
	return r.Date
}

// editions returns the editions the request asks for, or the defaults,
// warning in diags (when not nil) when the leaflet has no easy read.
func (r Request) editions(diags *content.Diagnostics) []*Edition {
	if len(r.Editions) > 0 {
		return r.Editions
	}
	return Defaults(r.Leaflet, diags)
}

// langs returns the languages the request asks for, or all with a bundle.
func (r Request) langs() []string {
	if len(r.Langs) > 0 {
		return r.Langs
	}
	return r.Leaflet.Langs()
}

// Job is one language and edition.
type Job struct {
	Lang    string
	Edition *Edition
}

// FileName returns the job's file name in a request (Edition.FileName).
func (j Job) FileName(r Request) string {
	return j.Edition.FileName(r.Leaflet.ID, j.Lang, r.Settings())
}

// CompanionName returns the name of the file written beside the job's, or
// "" (Edition.CompanionName).
func (j Job) CompanionName(r Request) string {
	return j.Edition.CompanionName(r.Leaflet.ID, j.Lang, r.Settings())
}

// Output is one job laid out: what a build reports of it.
type Output struct {
	Job
	Name     string // file name, e.g. "cse-en-trifold.pdf"
	Pages    int
	BodySize float64
	// Fallbacks are the messages set in the source language because they
	// are missing or out of date (AllowIncomplete).
	Fallbacks []string
	// Panels are the tri-fold's panels with how full each is; Moved the
	// sections the tri-fold moved from the inside to the flap to fit.
	Panels []layout.Region
	Moved  []string
}

// Finish makes a job's product from its localised document and its
// layout, in the job's worker: build makes the PDF there, or the braille
// file from the document alone (a text edition has no layout: res is nil).
// Its diagnostics are the job's; with an error among them the job has no
// product.
type Finish[T any] func(ctx context.Context, o Output, doc *content.Document, res *layout.Result) (T, content.Diagnostics)

// Result is one job's outcome: its product when it built, and its own
// problems.
type Result[T any] struct {
	Job
	Product T
	// OK reports that the job built: it was laid out without errors and
	// finished.
	OK          bool
	Diagnostics content.Diagnostics
}

// Jobs localises and lays out every requested language and edition in
// parallel (one worker per processor) and calls finish with each job laid
// out without errors; a text edition's jobs are localised and not laid
// out. It returns each job's result, in the jobs' order
// (language by language, editions in their order), and the request's own
// problems (a language without a bundle, an incomplete one). When ctx is
// cancelled no further job starts; the results are then incomplete, and
// the request's problems say so.
func Jobs[T any](ctx context.Context, req Request, finish Finish[T]) ([]Result[T], content.Diagnostics) {
	var diags content.Diagnostics
	set, err := fonts.Embedded()
	if err != nil {
		diags.Errorf(content.Pos{}, "%v", err)
		return nil, diags
	}
	langs, editions := req.plan(&diags)
	if diags.HasErrors() && len(langs) == 0 {
		return nil, diags
	}
	var results []Result[T]
	for _, lang := range langs {
		for _, ed := range editions {
			results = append(results, Result[T]{Job: Job{lang, ed}})
		}
	}
	localized := req.localizers(langs, editions)
	// each worker keeps a shaper per text family, with its caches, taken
	// from those earlier runs left and left for later ones
	var (
		mu   sync.Mutex
		used []map[string]*text.Shaper
	)
	newShapers := func() map[string]*text.Shaper {
		m := map[string]*text.Shaper{}
		mu.Lock()
		used = append(used, m)
		mu.Unlock()
		return m
	}
	defer func() {
		for _, m := range used {
			spare.put(m)
		}
	}()
	// the jobs start edition by edition, the tri-folds (the longest to
	// lay out) first and the quickest last, so that the two workers end
	// together; each language is localised by the first job to need it
	order := make([]int, 0, len(results))
	for e := range editions {
		for l := range langs {
			order = append(order, l*len(editions)+e)
		}
	}
	err = workers.Run(ctx, len(results), newShapers, func(ctx context.Context, shapers map[string]*text.Shaper, i int) {
		r := &results[order[i]]
		doc, ds := localized[r.Lang]()
		o, res, ds := layOut(req, r.Job, doc, slices.Clip(ds), set, shapers)
		r.Diagnostics = ds
		if ds.HasErrors() || ctx.Err() != nil {
			return
		}
		p, fds := finish(ctx, o, doc, res)
		r.Diagnostics = append(r.Diagnostics, fds...)
		if fds.HasErrors() {
			return
		}
		r.Product, r.OK = p, true
	})
	if err != nil {
		diags.Errorf(content.Pos{}, "interrupted (%v): nothing built", err)
	}
	return results, diags
}

// plan returns the languages a request builds — none when it names one
// without a bundle; without an incomplete one unless it allows them — and
// its editions, with the problems found.
func (r Request) plan(diags *content.Diagnostics) ([]string, []*Edition) {
	l := r.Leaflet
	langs := r.langs()
	for _, lang := range langs {
		if _, ok := l.Bundles[lang]; !ok {
			d := diags.Errorf(content.Pos{File: l.File}, "leaflet %q has no bundle for language %q", l.ID, lang)
			d.Hint = "it has " + strings.Join(l.Langs(), ", ") + "; 'leaflet translate' starts a new language"
		}
	}
	if diags.HasErrors() {
		return nil, nil
	}
	return incomplete(l, langs, r.AllowIncomplete, diags), r.editions(diags)
}

// localizers returns, for each language, the function that localises it:
// once, by the first of its editions to start, the document then shared,
// since layout only reads it. The easy read's sections are localised only
// when one of the editions holds them.
func (r Request) localizers(langs []string, editions []*Edition) map[string]func() (*content.Document, content.Diagnostics) {
	opt := content.LocalizeOptions{AllowIncomplete: r.AllowIncomplete, NoEasyRead: true}
	for _, e := range editions {
		if e.holdsEasyRead() {
			opt.NoEasyRead = false
		}
	}
	out := map[string]func() (*content.Document, content.Diagnostics){}
	for _, lang := range langs {
		out[lang] = sync.OnceValues(func() (*content.Document, content.Diagnostics) {
			return r.Leaflet.LocalizeWith(lang, opt)
		})
	}
	return out
}

// Run is Jobs for a build: it returns the products of the jobs that built
// and every problem, a problem met by every edition of a language once.
// When ctx is cancelled it returns no products, and an error saying so.
func Run[T any](ctx context.Context, req Request, finish Finish[T]) ([]T, content.Diagnostics) {
	results, diags := Jobs(ctx, req, finish)
	if ctx.Err() != nil {
		return nil, diags
	}
	seen := map[content.Key]bool{}
	var done []T
	for _, r := range results {
		diags.AddNew(seen, r.Diagnostics)
		if r.OK {
			done = append(done, r.Product)
		}
	}
	return done, diags
}

// layOut lays out one job's localised document, which localising it
// reported diags for; the result is nil when that or the layout failed,
// and the diagnostics say why, and for a text edition, which is not laid
// out.
func layOut(req Request, job Job, doc *content.Document, diags content.Diagnostics, set *fonts.Set, shapers map[string]*text.Shaper) (Output, *layout.Result, content.Diagnostics) {
	if diags.HasErrors() {
		return Output{}, nil, diags
	}
	if job.Edition.Text {
		return Output{Job: job, Name: job.FileName(req), Fallbacks: doc.Fallbacks}, nil, diags
	}
	ed := job.Edition.Layout(req.Settings())
	if tf, ok := ed.(layout.TriFold); ok && tf.PrintShop { // the slug names the file
		tf.Job = layout.PrintJob{File: job.FileName(req), Date: req.Published()}
		ed = tf
	}
	family := ed.Family()
	sh := shapers[family]
	if sh == nil {
		sh = spare.get(family, set)
		shapers[family] = sh
	}
	res, lds := ed.Layout(doc, set.WithText(family), sh)
	diags = append(diags, lds...)
	if diags.HasErrors() {
		return Output{}, nil, diags
	}
	o := Output{Job: job, Name: job.FileName(req), Pages: len(res.Pages), BodySize: res.BodySize, Fallbacks: doc.Fallbacks, Moved: res.Moved}
	if job.Edition.Folded {
		for _, p := range res.Pages {
			o.Panels = append(o.Panels, p.Regions...)
		}
	}
	return o, res, diags
}

// LayOut lays out the request's jobs without making anything of them: for
// leaflet check, which wants their problems and fit.
func LayOut(ctx context.Context, req Request) ([]Output, content.Diagnostics) {
	return Run(ctx, req, func(_ context.Context, o Output, _ *content.Document, _ *layout.Result) (Output, content.Diagnostics) {
		return o, nil
	})
}

// Planned returns the jobs a request asks for, every language by every
// edition, whether they build or not: those Run returns no product for
// failed, or were refused (an incomplete language).
func Planned(req Request) []Job {
	var jobs []Job
	for _, lang := range req.langs() {
		for _, ed := range req.editions(nil) {
			jobs = append(jobs, Job{lang, ed})
		}
	}
	return jobs
}

// Failed returns the file names of the planned jobs (Planned) that are not
// among built.
func Failed(req Request, built []Job) []string {
	done := map[Job]bool{}
	for _, j := range built {
		done[j] = true
	}
	var out []string
	for _, j := range Planned(req) {
		if !done[j] {
			out = append(out, j.FileName(req))
		}
	}
	return out
}

// incomplete returns the languages to build. A language with messages
// missing or out of date is refused with an error naming them, unless
// allow is set: then it is built, with a warning saying which messages
// are printed in the source language.
func incomplete(l *content.Leaflet, langs []string, allow bool, diags *content.Diagnostics) []string {
	var out []string
	for _, lang := range langs {
		missing, stale := l.Gaps(lang)
		if len(missing)+len(stale) == 0 {
			out = append(out, lang)
			continue
		}
		file := l.Bundles[lang].File
		if l.Bundles[lang].Empty() { // one line, not every message
			what := fmt.Sprintf("%s is empty: none of the %s is translated", filepath.Base(file), count(len(missing)+len(stale), "message"))
			if allow {
				d := diags.Warnf(content.Pos{File: file}, "language %s is incomplete: %s; built in %s, each passage marked", lang, what, l.Source)
				d.Code = content.CodeIncomplete
				d.Hint = "built with --allow-incomplete: do not hand these out as a translation"
				out = append(out, lang)
				continue
			}
			d := diags.Errorf(content.Pos{File: file}, "language %s is incomplete: not built: %s", lang, what)
			d.Code = content.CodeIncomplete
			d.Hint = fmt.Sprintf("'leaflet translate --lang %s' makes a pack of the messages for a translator", lang)
			continue
		}
		if allow {
			d := diags.Warnf(content.Pos{File: file}, "language %s is incomplete: %s printed in %s instead, each passage marked%s",
				lang, count(len(missing)+len(stale), "message"), l.Source, listGaps(l.Source, missing, stale))
			d.Code = content.CodeIncomplete
			d.Hint = "built with --allow-incomplete: do not hand these out as a finished translation"
			out = append(out, lang)
			continue
		}
		d := diags.Errorf(content.Pos{File: file}, "language %s is incomplete: not built%s", lang, listGaps(l.Source, missing, stale))
		d.Code = content.CodeIncomplete
		d.Hint = fmt.Sprintf("'leaflet translate --lang %s' makes a pack of these for a translator; --allow-incomplete builds with %s text for them, marked", lang, l.Source)
	}
	return out
}

func listGaps(source string, missing, stale []string) string {
	var b strings.Builder
	if len(missing) > 0 {
		fmt.Fprintf(&b, "; %s no translation: %s", count(len(missing), "message has", "messages have"), strings.Join(missing, ", "))
	}
	if len(stale) > 0 {
		fmt.Fprintf(&b, "; %s out of date (the %s text changed since): %s", count(len(stale), "message is", "messages are"), source, strings.Join(stale, ", "))
	}
	return b.String()
}

// count returns "1 message" or "3 messages", or with two forms given,
// "1 message is" or "3 messages are".
func count(n int, forms ...string) string {
	one, many := forms[0], forms[0]+"s"
	if len(forms) > 1 {
		many = forms[1]
	}
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// spare keeps the shapers of finished runs, by text family, for the runs
// after them: a shaper's caches (the paragraphs it shaped, their break
// opportunities) let a build in a process that built before — a watch
// loop, a server, the tests — skip shaping what it set already. A shaper
// is used by one worker at a time.
var spare = &shaperPool{free: map[string][]*text.Shaper{}}

// shaperPool is a free list of shapers by text family.
type shaperPool struct {
	mu   sync.Mutex
	free map[string][]*text.Shaper
}

// get returns a spare shaper of a text family, or a new one.
func (p *shaperPool) get(family string, set *fonts.Set) *text.Shaper {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n := len(p.free[family]); n > 0 {
		sh := p.free[family][n-1]
		p.free[family] = p.free[family][:n-1]
		return sh
	}
	return text.NewShaper(set.WithText(family))
}

// put gives a worker's shapers back.
func (p *shaperPool) put(m map[string]*text.Shaper) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for family, sh := range m {
		p.free[family] = append(p.free[family], sh)
	}
}
