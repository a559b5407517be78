// SPDX-License-Identifier: MIT

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"leaflet/braille"
	"leaflet/build"
	"leaflet/compose"
	"leaflet/content"
	"leaflet/internal/files"
	"leaflet/layout"
)

const usage = `leaflet builds printable information leaflets in every language and format.

Usage:
  leaflet build [flags]   build PDFs (and braille) into out/ (see 'leaflet build --help')
  leaflet check [flags]   find every problem in the sources and show each language's state, writing nothing
  leaflet translate --lang TAG [flags]
                          make a translator pack of what a language lacks (TOML or XLIFF 1.2)
  leaflet translate --import FILE --source DIR
                          merge a translated pack into the language's bundle
  leaflet new ID [--from FILE] [--source DIR]
                          start a new leaflet: from a Markdown or plain-text document, or an example
  leaflet init DIR        write the built-in leaflet's sources to DIR to start a new one
  leaflet help            show this help

Exit status: 0 success, 1 build problems, 2 usage error.
`

// exitError carries an exit status.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }

func usageErr(format string, args ...any) error {
	return &exitError{2, fmt.Errorf(format, args...)}
}

// memoryLimit is the heap the garbage collector keeps the process near
// (GOMEMLIMIT overrides it): a build of an ordinary leaflet uses a tenth
// of it, and one with a paragraph of a megabyte stays under 500 MB
// instead of growing to twice its live heap.
const memoryLimit = 400 << 20

// gcPercent is the heap growth between collections (GOGC overrides it):
// a build is a short run that leaves most of what it allocates behind, so
// collecting at twice the default growth saves a tenth of its time for a
// third more memory (the whole catalogue: about 120 MB at the peak).
const gcPercent = 200

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		limitMemory(memoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	// an interrupt cancels the build: it stops, writes nothing and leaves
	// no temporary file; a second interrupt ends the process at once
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// limitMemory sets a soft memory limit of base bytes, raised to half
// above the live heap whenever the live heap comes near it: a limit under
// the live heap would have the collector run all the time.
func limitMemory(base int64) {
	debug.SetMemoryLimit(base)
	go func() {
		live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		for range time.Tick(20 * time.Millisecond) {
			metrics.Read(live)
			if live[0].Value.Kind() == metrics.KindUint64 {
				n := int64(live[0].Value.Uint64())
				debug.SetMemoryLimit(max(base, n+n/2))
			}
		}
	}()
}

// run is main without the process: it returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	err := dispatch(ctx, args, stdout, stderr)
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil && ee.err.Error() != "" {
			fmt.Fprintln(stderr, "leaflet:", ee.err)
		}
		if ee.code == 2 {
			fmt.Fprintln(stderr, "run 'leaflet help' for usage")
		}
		return ee.code
	}
	fmt.Fprintln(stderr, "leaflet:", err)
	return 1
}

func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return &exitError{2, errors.New("")}
	}
	switch args[0] {
	case "build":
		return cmdBuild(ctx, args[1:], stdout, stderr)
	case "init":
		return cmdInit(args[1:], stdout, stderr)
	case "new":
		return cmdNew(args[1:], stdout, stderr)
	case "check":
		return cmdCheck(ctx, args[1:], stdout, stderr)
	case "translate":
		return cmdTranslate(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return usageErr("unknown command %q", args[0])
}

func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fl := flag.NewFlagSet(name, flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintf(stderr, "Usage: %s\n\nFlags:\n", synopsis)
		fl.PrintDefaults()
	}
	return fl
}

// parse parses flags; --help exits 0, a bad flag exits 2.
func parse(fl *flag.FlagSet, args []string) error {
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return &exitError{0, errors.New("")}
		}
		return &exitError{2, errors.New("")}
	}
	return nil
}

// splitList returns the items of a list separated by commas or spaces.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
}

// buildFlags are leaflet build's flags beside the request.
type buildFlags struct {
	source, id, out string
	keepGoing       bool
	// site writes the folder's index.html beside the files
	site bool
}

// parseBuild reads leaflet build's flags into a request (without its
// leaflet) and the other flags; a bad flag or value is a usage error.
func parseBuild(args []string, stderr io.Writer) (build.Request, buildFlags, error) {
	fl := newFlags("build", "leaflet build [--source DIR] [--leaflet ID] [--lang TAGS] [--edition NAMES] [--paper a4|letter] [--size N] [--fold-marks] [--print-shop] [--braille-cells N] [--braille-lines N] [--braille-grade 1|2] [--allow-incomplete] [--keep-going] [--site] [--out DIR]", stderr)
	var bf buildFlags
	var req build.Request
	fl.StringVar(&bf.source, "source", "", "source `folder` holding content/<leaflet>/leaflet.toml and locales/<leaflet>/ (default: the built-in leaflet)")
	fl.StringVar(&bf.id, "leaflet", "", "the leaflet `ID` to build (default: the only leaflet of --source, or the built-in one)")
	langs := fl.String("lang", "", "comma-separated language `tags` to build, in any case; en-GB builds en when there is no en-GB (default: every language with a bundle)")
	editions := fl.String("edition", "", "comma-separated `editions` to build: "+compose.Names(compose.Editions)+" (default: "+compose.Names(defaultEditions())+")")
	paper := fl.String("paper", "a4", "tri-fold paper: a4 or letter")
	fl.BoolVar(&req.FoldMarks, "fold-marks", false, "print light fold guides at the tri-fold's folds, at the sheet's top and bottom edges")
	fl.BoolVar(&req.PrintShop, "print-shop", false, "make the tri-fold for a print shop: 3 mm bleed, crop and fold marks outside the trim (cse-en-trifold-print.pdf)")
	size := fl.Int("size", 0, fmt.Sprintf("body size in points of the large-print and easy-read editions, %d to %d (default %d and %d)",
		layout.LargePrintMin, layout.LargePrintMax, layout.LargePrintDefault, layout.EasyReadDefault))
	cells := fl.Int("braille-cells", braille.DefaultCells, fmt.Sprintf("cells a line of the braille edition, for the embosser, %d to %d", braille.MinCells, braille.MaxCells))
	lines := fl.Int("braille-lines", braille.DefaultLines, fmt.Sprintf("lines a page of the braille edition, the page number's among them, %d to %d", braille.MinLines, braille.MaxLines))
	grade := fl.Int("braille-grade", 2, "the braille edition's English: 2, contracted (Unified English Braille), or 1, uncontracted")
	fl.StringVar(&bf.out, "out", "out", "output `folder`")
	fl.BoolVar(&req.AllowIncomplete, "allow-incomplete", false, "build languages with missing or out-of-date messages, printing the source language's text for them, each passage marked")
	fl.BoolVar(&bf.keepGoing, "keep-going", false, "write the files that built when others fail (by default a build writes all its files or none)")
	fl.BoolVar(&bf.site, "site", false, "write index.html beside the files: every leaflet's languages by formats in the folder, each a link with its size (it writes no other file and deletes none)")
	if err := parse(fl, args); err != nil {
		return req, bf, err
	}
	if fl.NArg() > 0 {
		return req, bf, usageErr("build takes no arguments, got %q", fl.Args())
	}
	req.Langs = splitList(*langs)
	switch strings.ToLower(*paper) {
	case "a4":
		req.Paper = layout.A4
	case "letter":
		req.Paper = layout.Letter
	default:
		return req, bf, usageErr("--paper %q: want a4 or letter", *paper)
	}
	for _, name := range splitList(*editions) {
		e, err := compose.Lookup(name)
		if err != nil {
			return req, bf, usageErr("--edition %q: want one of %s", name, compose.Names(compose.Editions))
		}
		req.Editions = append(req.Editions, e)
	}
	if *size != 0 && (*size < layout.LargePrintMin || *size > layout.LargePrintMax) {
		return req, bf, usageErr("--size %d: want a whole number of points from %d to %d", *size, layout.LargePrintMin, layout.LargePrintMax)
	}
	req.Size = float64(*size)
	switch {
	case *cells < braille.MinCells || *cells > braille.MaxCells:
		return req, bf, usageErr("--braille-cells %d: want a number of cells from %d to %d", *cells, braille.MinCells, braille.MaxCells)
	case *lines < braille.MinLines || *lines > braille.MaxLines:
		return req, bf, usageErr("--braille-lines %d: want a number of lines from %d to %d", *lines, braille.MinLines, braille.MaxLines)
	case *grade != 1 && *grade != 2:
		return req, bf, usageErr("--braille-grade %d: want 1 (uncontracted) or 2 (contracted)", *grade)
	}
	req.Braille = braille.Options{Cells: *cells, Lines: *lines, Grade: *grade}
	date, err := build.DateFromEnv()
	if err != nil {
		return req, bf, usageErr("%v", err)
	}
	req.Date = date
	return req, bf, nil
}

// cmdBuild builds the PDFs a request asks for and writes them all or none
// (or, with --keep-going, those that built), with a table of the files.
func cmdBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	req, bf, err := parseBuild(args, stderr)
	if err != nil {
		return err
	}
	fsys, root, leaflet, err := openLeaflet(bf.source, bf.id)
	if err != nil {
		return err
	}
	start := time.Now()
	// the languages not built are read for the languages offer alone
	l, diags := content.LoadWith(fsys, root, leaflet, content.LoadOptions{Langs: req.Langs})
	if diags.HasErrors() {
		report(stderr, diags)
		return &exitError{1, fmt.Errorf("%s", summary(diags))}
	}
	req.Leaflet = l
	if req.Langs, err = matchLangs(l, req.Langs, stderr); err != nil {
		report(stderr, diags)
		return err
	}
	// each file is written beside its place as it is built, and put in
	// place (or removed) at the end
	st := build.NewStager(bf.out)
	defer st.Discard()
	outs, bdiags := build.RunInto(ctx, req, st)
	diags = append(diags, bdiags...)
	if ctx.Err() != nil {
		return interrupted(bf.out)
	}
	failed := build.Failed(req, outs)
	if len(failed) > 0 && !bf.keepGoing {
		// all or nothing: the files in --out stay those of one build
		report(stderr, diags)
		if len(outs) > 0 {
			fmt.Fprintf(stderr, "nothing written to %s: %d of %s failed (%s); --keep-going writes the %d that built\n",
				bf.out, len(failed), plural(len(failed)+len(outs), nounOf(req.Editions)), strings.Join(failed, ", "), len(outs))
		}
		return &exitError{1, fmt.Errorf("%s", summary(diags))}
	}
	var leaflets []*content.Leaflet
	if bf.site {
		leaflets = siteLeaflets(fsys, root, l, stderr)
	}
	written, errs := write(ctx, st, bf, outs, leaflets)
	if ctx.Err() != nil && len(written) == 0 {
		return interrupted(bf.out)
	}
	report(stderr, diags)
	for _, err := range errs {
		fmt.Fprintln(stderr, "leaflet:", err)
	}
	table(stdout, bf.out, written, time.Since(start))
	if len(failed) > 0 {
		fmt.Fprintf(stderr, "not built (--keep-going): %s\n", strings.Join(failed, ", "))
	}
	switch {
	case diags.HasErrors() || len(failed) > 0:
		return &exitError{1, fmt.Errorf("%s", summary(diags))}
	case len(errs) > 0:
		return &exitError{1, fmt.Errorf("%s not written", plural(len(errs), nounOf(req.Editions)))}
	}
	return nil
}

// write writes the built PDFs into --out: all or none, or with
// --keep-going each that can be; it returns those written and the errors.
// With --site the folder's index of the leaflets' files is written with
// them (build.Index): in the same all-or-none write, or after those that
// could be.
func write(ctx context.Context, st *build.Stager, bf buildFlags, outs []build.Output, leaflets []*content.Leaflet) ([]build.Output, []error) {
	switch {
	case len(outs) == 0 && !bf.site:
		return nil, nil
	case bf.keepGoing:
		written, errs := st.WriteSome(ctx, outs)
		if bf.site {
			idx, err := build.Index(bf.out, leaflets, nil)
			if err != nil {
				return written, append(errs, err)
			}
			w, ierrs := st.WriteSome(ctx, []build.Output{idx})
			written, errs = append(written, w...), append(errs, ierrs...)
		}
		return written, errs
	}
	if bf.site {
		idx, err := build.Index(bf.out, leaflets, outs)
		if err != nil {
			return nil, []error{fmt.Errorf("%w; nothing of this build is written", err)}
		}
		outs = append(outs, idx)
	}
	if err := st.Write(ctx, outs); err != nil {
		return nil, []error{err}
	}
	return outs, nil
}

// siteLeaflets returns the leaflets the index lists: the one built and
// every other leaflet of its sources that loads; one that does not is
// left out, with a warning.
func siteLeaflets(fsys fs.FS, root string, built *content.Leaflet, stderr io.Writer) []*content.Leaflet {
	out := []*content.Leaflet{built}
	ids, _ := content.Leaflets(fsys)
	for _, id := range ids {
		if id == built.ID {
			continue
		}
		l, ds := content.Load(fsys, root, id)
		if ds.HasErrors() {
			fmt.Fprintf(stderr, "warning: the index leaves out leaflet %q: its sources have errors ('leaflet check --leaflet %s' lists them)\n", id, id)
			continue
		}
		out = append(out, l)
	}
	return out
}

// interrupted is the error of a build stopped by an interrupt: the exit
// status a shell gives a process ended by SIGINT.
func interrupted(dir string) error {
	return &exitError{130, fmt.Errorf("interrupted: nothing written to %s", dir)}
}

// defaultEditions returns the editions built when none is asked for by a
// leaflet that has them all.
func defaultEditions() []*compose.Edition {
	var out []*compose.Edition
	for _, e := range compose.Editions {
		if !e.OnRequest {
			out = append(out, e)
		}
	}
	return out
}

// openLeaflet returns the sources of --source (or the built-in ones) and
// the leaflet to build or check in them (chooseLeaflet).
func openLeaflet(source, id string) (fs.FS, string, string, error) {
	fsys, root, err := openSource(source)
	if err != nil {
		return nil, "", "", err
	}
	leaflet, err := chooseLeaflet(fsys, source, id)
	return fsys, root, leaflet, err
}

// noun returns what a build's outputs are called: PDFs, or files when
// some are not.
func noun(outs []build.Output) string {
	for _, o := range outs {
		if o.Edition == nil || o.Edition.Text {
			return "file"
		}
	}
	return "PDF"
}

// nounOf returns what the editions make: PDFs, or files when some are
// not.
func nounOf(eds []*compose.Edition) string {
	for _, e := range eds {
		if e.Text {
			return "file"
		}
	}
	return "PDF"
}

// plural returns "1 PDF" or "3 PDFs".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// chooseLeaflet returns the leaflet to build or check: the one --leaflet
// names; without it, the only leaflet of the --source folder, or the
// built-in one. A folder with several asks for --leaflet, listing them.
func chooseLeaflet(fsys fs.FS, source, id string) (string, error) {
	if id != "" {
		return id, nil
	}
	if source == "" {
		return content.DefaultLeaflet, nil
	}
	ids, err := content.Leaflets(fsys)
	switch {
	case err != nil || len(ids) == 0:
		return "", &exitError{1, fmt.Errorf("%s holds no leaflet: a leaflet is %s; 'leaflet new ID --source %s' starts one",
			source, filepath.Join(source, "content", "<id>", "leaflet.toml"), source)}
	case len(ids) > 1:
		return "", usageErr("%s holds %d leaflets: %s; choose one with --leaflet ID", source, len(ids), strings.Join(ids, ", "))
	}
	return ids[0], nil
}

// matchLangs returns the leaflet's languages that --lang's tags ask for
// (content.MatchLang), printing a note for each tag that falls back to
// another; a tag the leaflet has no language for is an error that lists
// the leaflet's languages.
func matchLangs(l *content.Leaflet, tags []string, stderr io.Writer) ([]string, error) {
	var out []string
	for _, tag := range tags {
		lang, note, err := l.MatchLang(tag)
		if err != nil {
			return nil, &exitError{1, fmt.Errorf("--lang %s: %w", tag, err)}
		}
		if note != "" {
			fmt.Fprintln(stderr, "note:", note)
		}
		if !slices.Contains(out, lang) {
			out = append(out, lang)
		}
	}
	return out, nil
}

// maxOfAKind is how many warnings of one kind are printed; a count says
// how many more there are.
const maxOfAKind = 20

func report(w io.Writer, ds content.Diagnostics) {
	for _, d := range ds.Capped(maxOfAKind) {
		fmt.Fprintln(w, d.Error())
	}
}

func summary(ds content.Diagnostics) string {
	var e, w int
	for _, d := range ds {
		if d.Severity == content.Error {
			e++
		} else {
			w++
		}
	}
	return fmt.Sprintf("%d error(s), %d warning(s)", e, w)
}

// attachLimit is the size above which a PDF is too large to attach to an
// email without thought.
const attachLimit = 1 << 20

func table(w io.Writer, dir string, outs []build.Output, took time.Duration) {
	if len(outs) == 0 {
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "file\tlanguage\tedition\tpages\tbody\tsize\t")
	var big []string
	for _, o := range outs {
		for _, f := range o.Files() {
			lang, edition, pages, body := o.Lang, "index", strconv.Itoa(o.Pages), fmt.Sprintf("%.1f pt", o.BodySize)
			switch {
			case o.Edition == nil: // the folder's index (--site)
				lang, pages, body = "-", "-", "-"
			case o.Edition == compose.Braille: // braille pages, no type size
				edition, body = o.Edition.Name, "-"
			case o.Edition.Text: // not laid out: no pages, the reader's size
				edition, pages, body = o.Edition.Name, "-", "-"
			default:
				edition = o.Edition.Name
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%.0f KB\t\n", filepath.Join(dir, f.Name), lang, edition, pages, body, float64(len(f.Data))/1024)
			if len(f.Data) > attachLimit {
				big = append(big, f.Name)
			}
		}
	}
	tw.Flush()
	for _, o := range outs {
		if len(o.Moved) > 0 && o.Edition != nil {
			fmt.Fprintf(w, "note: %s: the flap holds the section(s) %s, moved from the inside\n", o.Name, quoteAll(o.Moved))
		}
	}
	for _, name := range big {
		fmt.Fprintf(w, "warning: %s is over 1 MB: too large to attach to an email without thought\n", name)
	}
	n := 0
	for _, o := range outs {
		n += len(o.Files())
	}
	fmt.Fprintf(w, "built %d %s(s) in %d ms\n", n, noun(outs), took.Milliseconds())
}

func cmdInit(args []string, stdout, stderr io.Writer) error {
	fl := newFlags("init", "leaflet init DIR", stderr)
	if err := parse(fl, args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return usageErr("init takes one folder, got %d arguments", fl.NArg())
	}
	dir := fl.Arg(0)
	builtin := content.BuiltinFiles()
	for _, f := range builtin {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			return &exitError{1, fmt.Errorf("%s already exists: init never overwrites", filepath.Join(dir, f))}
		}
	}
	for _, f := range builtin {
		data, err := fs.ReadFile(content.Builtin(), f)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return &exitError{1, err}
		}
		if err := files.WriteAtomic(dst, data); err != nil {
			return &exitError{1, err}
		}
		fmt.Fprintln(stdout, "wrote", dst)
	}
	fmt.Fprintf(stdout, "build it with: leaflet build --source %s\n", dir)
	return nil
}

// quoteAll returns the strings quoted and joined with commas.
func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}
