// SPDX-License-Identifier: MIT

package build

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"leaflet/content"
	"leaflet/fonts"
	"leaflet/layout"
	"leaflet/layout/text"
	"leaflet/output"
)

// Editions lists the editions that can be built.
var Editions = []string{"trifold", "large-print", "easy-read", "screen"}

// DefaultEditions are built when none is asked for: the screen edition is
// built on request (--edition screen).
var DefaultEditions = []string{"trifold", "large-print", "easy-read"}

// Request says what to build.
type Request struct {
	Leaflet *content.Leaflet
	// Langs are the languages to build; empty means all with a bundle.
	Langs []string
	// Editions are the editions to build; empty means all.
	Editions []string
	Paper    layout.Paper
	// Size is the body size of the large-print and easy-read editions;
	// zero means each edition's default.
	Size float64
	// FoldMarks adds fold guides to the tri-fold.
	FoldMarks bool
	// PrintShop makes the tri-fold the print shop's file: bleed, crop
	// and fold marks outside the trim, trim and bleed boxes.
	PrintShop bool
	// Date is written into the PDFs; zero means the leaflet's
	// published date.
	Date time.Time
	// AllowIncomplete builds a language whose messages are missing or out
	// of date (content.Leaflet.Gaps) with the source language's text for
	// them, each passage marked, and says so in a warning; without it
	// such a language is refused, naming the messages.
	AllowIncomplete bool
	// LayoutOnly lays the editions out and reports their problems without
	// making PDFs: the Outputs have no PDF bytes (leaflet check).
	LayoutOnly bool
}

// Job is one language and edition.
type Job struct {
	Lang, Edition string
}

// Output is one built PDF, not yet written.
type Output struct {
	Job
	Name     string // file name, e.g. "cse-en-trifold.pdf"
	PDF      []byte
	Pages    int
	BodySize float64
	// Fallbacks are the messages printed in the source language because
	// they are missing or out of date (AllowIncomplete).
	Fallbacks []string
	// Panels are the tri-fold's panels with how full each is; Moved the
	// sections the tri-fold moved from the inside to the flap to fit.
	Panels []layout.Region
	Moved  []string
}

// DateFromEnv returns the time in SOURCE_DATE_EPOCH, or zero when it is not
// set; an invalid value is an error.
func DateFromEnv() (time.Time, error) {
	v := os.Getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", v)
	}
	return time.Unix(n, 0).UTC(), nil
}

// Run builds every requested language and edition in parallel. It returns
// the PDFs that were built, in a stable order, and every problem.
func Run(req Request) ([]Output, content.Diagnostics) {
	var diags content.Diagnostics
	set, err := fonts.Embedded()
	if err != nil {
		diags.Errorf(content.Pos{}, "%v", err)
		return nil, diags
	}
	l := req.Leaflet
	langs := req.Langs
	if len(langs) == 0 {
		langs = l.Langs()
	}
	for _, lang := range langs {
		if _, ok := l.Bundles[lang]; !ok {
			d := diags.Errorf(content.Pos{File: l.File}, "leaflet %q has no bundle for language %q", l.ID, lang)
			d.Hint = "it has " + strings.Join(l.Langs(), ", ") + "; 'leaflet translate' starts a new language"
		}
	}
	if diags.HasErrors() {
		return nil, diags
	}
	langs = incomplete(l, langs, req.AllowIncomplete, &diags)
	editions := editionsOf(req, &diags)
	date := req.Date
	if date.IsZero() {
		date = l.Published
	}
	var jobs []Job
	for _, lang := range langs {
		for _, ed := range editions {
			jobs = append(jobs, Job{lang, ed})
		}
	}

	outs := make([]*Output, len(jobs))
	ds := make([]content.Diagnostics, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(jobs)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			shapers := map[string]*text.Shaper{} // one per text family
			for i := range next {
				outs[i], ds[i] = buildOne(l, jobs[i], req, date, set, shapers)
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()

	// a problem of the sources, met by every edition of a language, is
	// reported once
	seen := map[string]bool{}
	var done []Output
	for i := range jobs {
		for _, d := range ds[i] {
			if key := d.Error(); !seen[key] {
				seen[key] = true
				diags = append(diags, d)
			}
		}
		if outs[i] != nil {
			done = append(done, *outs[i])
		}
	}
	return done, diags
}

// editionsOf returns the editions a request builds: those it names, or
// the default ones the leaflet has, saying when it has no easy read.
func editionsOf(req Request, diags *content.Diagnostics) []string {
	if len(req.Editions) > 0 {
		return req.Editions
	}
	l := req.Leaflet
	var editions []string
	for _, e := range DefaultEditions {
		if e == "easy-read" && l.EasyRead == nil {
			if diags != nil {
				d := diags.Warnf(content.Pos{File: l.File}, "leaflet %q has no easy-read text: no easy-read edition built", l.ID)
				d.Hint = "add an [easy_read] table; see docs/formats.md"
			}
			continue
		}
		editions = append(editions, e)
	}
	return editions
}

// Planned returns the jobs a request asks for, every language by every
// edition, whether they build or not: those Run returns no Output for
// failed, or were refused (an incomplete language).
func Planned(req Request) []Job {
	langs := req.Langs
	if len(langs) == 0 {
		langs = req.Leaflet.Langs()
	}
	var jobs []Job
	for _, lang := range langs {
		for _, ed := range editionsOf(req, nil) {
			jobs = append(jobs, Job{lang, ed})
		}
	}
	return jobs
}

// Failed returns the planned jobs (Planned) that have no output among
// outs, by file name.
func Failed(req Request, outs []Output) []string {
	built := map[Job]bool{}
	for _, o := range outs {
		built[o.Job] = true
	}
	var out []string
	for _, j := range Planned(req) {
		if !built[j] {
			out = append(out, FileName(req.Leaflet.ID, j, req))
		}
	}
	return out
}

// Edition is what every edition's layout offers.
type Edition interface {
	Layout(*content.Document, *fonts.Set, *text.Shaper) (*layout.Result, content.Diagnostics)
	String() string
}

// edition returns the layout of an edition, and the text family it sets
// Latin text in.
func edition(name string, req Request) (Edition, string, error) {
	switch name {
	case "trifold":
		tf := layout.NewTriFold(req.Paper)
		tf.FoldMarks = req.FoldMarks && !req.PrintShop // the print shop's marks are outside the trim
		tf.PrintShop = req.PrintShop
		return tf, "NotoSans", nil
	case "screen":
		sc := layout.NewScreen() // one page size whatever the paper
		return sc, sc.Family(), nil
	case "large-print":
		size := req.Size
		if size == 0 {
			size = layout.LargePrintDefault
		}
		lp := layout.NewLargePrint(size)
		return lp, lp.Family(), nil
	case "easy-read":
		size := req.Size
		if size == 0 {
			size = layout.EasyReadDefault
		}
		er := layout.NewEasyRead(size)
		return er, er.Family(), nil
	}
	return nil, "", fmt.Errorf("unknown edition %q", name)
}

// FileName returns the PDF's name: <leaflet>-<lang>-<edition>.pdf, with
// the tri-fold's paper when it is not A4 and the size when it is not the
// default. The screen edition's pages are A6 on any paper: its name is
// always <leaflet>-<lang>-screen.pdf.
func FileName(id string, job Job, req Request) string {
	name := fmt.Sprintf("%s-%s-%s", id, job.Lang, job.Edition)
	switch job.Edition {
	case "trifold":
		if req.Paper.Name != layout.A4.Name {
			name += "-" + req.Paper.Name
		}
		if req.PrintShop {
			name += "-print"
		}
	case "large-print":
		if req.Size != 0 && req.Size != layout.LargePrintDefault {
			name += fmt.Sprintf("-%gpt", req.Size)
		}
	case "easy-read":
		if req.Size != 0 && req.Size != layout.EasyReadDefault {
			name += fmt.Sprintf("-%gpt", req.Size)
		}
	}
	return name + ".pdf"
}

func buildOne(l *content.Leaflet, job Job, req Request, date time.Time, set *fonts.Set, shapers map[string]*text.Shaper) (*Output, content.Diagnostics) {
	doc, diags := l.LocalizeWith(job.Lang, content.LocalizeOptions{AllowIncomplete: req.AllowIncomplete})
	if diags.HasErrors() {
		return nil, diags
	}
	ed, family, err := edition(job.Edition, req)
	if err != nil {
		diags.Errorf(content.Pos{}, "%v", err)
		return nil, diags
	}
	if tf, ok := ed.(layout.TriFold); ok && tf.PrintShop { // the slug names the file
		tf.Job = layout.PrintJob{File: FileName(l.ID, job, req), Date: date}
		ed = tf
	}
	sh := shapers[family]
	if sh == nil {
		sh = text.NewShaper(set.WithText(family))
		shapers[family] = sh
	}
	res, lds := ed.Layout(doc, set.WithText(family), sh)
	diags = append(diags, lds...)
	if diags.HasErrors() {
		return nil, diags
	}
	out := &Output{Job: job, Name: FileName(l.ID, job, req), Pages: len(res.Pages), BodySize: res.BodySize, Fallbacks: doc.Fallbacks, Moved: res.Moved}
	if res.Duplex {
		for _, p := range res.Pages {
			out.Panels = append(out.Panels, p.Regions...)
		}
	}
	if req.LayoutOnly {
		return out, diags
	}
	pdf, err := output.PDF(res, output.Options{Date: date, Creator: "leaflet"})
	if err != nil {
		diags.Errorf(content.Pos{}, "%s %s: %v", job.Lang, job.Edition, err)
		return nil, diags
	}
	out.PDF = pdf
	return out, diags
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

// Write writes the outputs into dir, creating it if needed, all or none:
// every file is first written to a temporary file beside its place, and
// only when all are written are they renamed into place; a failure on the
// way leaves the folder as it was. An existing file that is read-only is
// not replaced: that is an error before anything is written.
func Write(dir string, outs []Output) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create output folder: %w", err)
	}
	sort.Slice(outs, func(i, j int) bool { return outs[i].Name < outs[j].Name })
	var refused []string
	for _, o := range outs {
		if err := replaceable(filepath.Join(dir, o.Name)); err != nil {
			refused = append(refused, err.Error())
		}
	}
	if len(refused) > 0 {
		return fmt.Errorf("%s; nothing of this build is written", strings.Join(refused, "; "))
	}
	type staged struct{ tmp, dst, backup string }
	var done []staged
	clean := func() {
		for _, s := range done {
			os.Remove(s.tmp)
			if s.backup != "" {
				os.Remove(s.backup)
			}
		}
	}
	for _, o := range outs {
		dst := filepath.Join(dir, o.Name)
		tmp, err := writeTemp(dst, o.PDF)
		if err != nil {
			clean()
			return fmt.Errorf("%w; nothing of this build is written", err)
		}
		done = append(done, staged{tmp: tmp, dst: dst})
	}
	// keep the files replaced until every rename has been made, to put
	// them back if one fails
	for i := range done {
		if _, err := os.Lstat(done[i].dst); err == nil {
			b := done[i].tmp + ".old"
			if os.Link(done[i].dst, b) == nil {
				done[i].backup = b
			}
		}
	}
	for i, s := range done {
		if err := os.Rename(s.tmp, s.dst); err != nil {
			for _, r := range done[:i] { // undo the renames made
				if r.backup != "" {
					os.Rename(r.backup, r.dst)
				} else {
					os.Remove(r.dst)
				}
			}
			clean()
			return fmt.Errorf("write %s: %w; nothing of this build is written", s.dst, err)
		}
	}
	for _, s := range done {
		if s.backup != "" {
			os.Remove(s.backup)
		}
	}
	return nil
}

// WriteSome writes each output into dir by itself, as WriteFileAtomic
// does, for a build that goes on past failures (--keep-going): it returns
// the outputs written and an error for each that could not be, a
// read-only file among them.
func WriteSome(dir string, outs []Output) ([]Output, []error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, []error{fmt.Errorf("create output folder: %w", err)}
	}
	sort.Slice(outs, func(i, j int) bool { return outs[i].Name < outs[j].Name })
	var (
		written []Output
		errs    []error
	)
	for _, o := range outs {
		dst := filepath.Join(dir, o.Name)
		err := replaceable(dst)
		if err == nil {
			err = WriteFileAtomic(dst, o.PDF)
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		written = append(written, o)
	}
	return written, errs
}

// replaceable returns an error when path is there and may not be
// replaced: it is read-only, or not a file.
func replaceable(path string) error {
	st, err := os.Lstat(path)
	switch {
	case err != nil:
		return nil // nothing there, or nothing to tell before writing
	case !st.Mode().IsRegular():
		return fmt.Errorf("%s is not a file: not replaced", path)
	case st.Mode().Perm()&0o200 == 0:
		return fmt.Errorf("%s is read-only: not replaced (make it writable, move it, or build into another --out)", path)
	}
	return nil
}

// WriteFileAtomic writes data to path through a temporary file in the same
// folder, synced and renamed into place.
func WriteFileAtomic(path string, data []byte) error {
	tmp, err := writeTemp(path, data)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// writeTemp writes data to a new temporary file beside path, synced, and
// returns its name.
func writeTemp(path string, data []byte) (name string, err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Chmod(0o644); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return tmp.Name(), nil
}
