// SPDX-License-Identifier: MIT

package build

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"leaflet/braille"
	"leaflet/compose"
	"leaflet/content"
	"leaflet/epub"
	"leaflet/internal/files"
	"leaflet/layout"
	"leaflet/output"
	"leaflet/web"
)

// Request says what to build: the languages and editions of a leaflet and
// their settings.
type Request = compose.Request

// Job is one language and edition.
type Job = compose.Job

// Output is one built edition, not yet written: a PDF, the braille
// edition's BRF with its text beside it, a web page or an EPUB.
type Output struct {
	compose.Output
	// Data is the edition's file, named Name.
	Data []byte
	// Companions are files written beside it, all or none with it: the
	// braille edition's text in Unicode braille.
	Companions []File
}

// File is a file of an output.
type File struct {
	Name string
	Data []byte
}

// Files returns every file of the output: its own, then its companions.
func (o Output) Files() []File {
	return append([]File{{o.Name, o.Data}}, o.Companions...)
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

// Run builds every requested language and edition in parallel, each PDF
// made in the worker that laid it out (compose.Run) and each braille
// edition's files in its own, by liblouis. It returns the outputs that
// were built, in a stable order, and every problem. When ctx is cancelled
// it returns none, and an error saying so.
func Run(ctx context.Context, req Request) ([]Output, content.Diagnostics) {
	return RunWith(ctx, req, nil)
}

// RunWith is Run with the braille edition's translator; nil means
// liblouis's lou_translate, whose absence is an error of the braille
// edition alone. Each line of a table is translated once in a build.
func RunWith(ctx context.Context, req Request, tr braille.Translator) ([]Output, content.Diagnostics) {
	opt := output.Options{Date: req.Published(), Creator: "leaflet"}
	var noLouis error
	if tr == nil && slices.ContainsFunc(req.Editions, func(e *compose.Edition) bool { return e == compose.Braille }) {
		louis, err := braille.FindLouis()
		if err == nil {
			tr = louis
		}
		noLouis = err
	}
	if tr != nil {
		tr = braille.Cached(tr)
	}
	return compose.Run(ctx, req, func(ctx context.Context, o compose.Output, doc *content.Document, res *layout.Result) (Output, content.Diagnostics) {
		var ds content.Diagnostics
		if o.Edition == compose.Braille {
			if noLouis != nil {
				ds.Errorf(content.Pos{}, "%v", noLouis)
				return Output{}, ds
			}
			ed, ds := braille.Make(ctx, doc, tr, req.Braille)
			if ds.HasErrors() {
				return Output{}, ds
			}
			o.Pages = len(ed.Pages)
			return Output{Output: o, Data: ed.BRF(), Companions: []File{{o.CompanionName(req), ed.Text()}}}, ds
		}
		if o.Edition.Text {
			data, ds := finishText(o, doc, req.Published())
			return Output{Output: o, Data: data}, ds
		}
		pdf, err := output.PDF(res, opt)
		if err != nil {
			ds.Errorf(content.Pos{}, "%s %s: %v", o.Lang, o.Edition, err)
		}
		return Output{Output: o, Data: pdf}, ds
	})
}

// finishText makes a web or e-book edition's file from its document, with
// the problems found.
func finishText(o compose.Output, doc *content.Document, date time.Time) ([]byte, content.Diagnostics) {
	var ds content.Diagnostics
	switch o.Edition {
	case compose.HTML:
		return web.Page(doc)
	case compose.EasyReadHTML:
		return web.EasyRead(doc)
	case compose.EPUB:
		return epub.Book(doc, date)
	}
	ds.Errorf(content.Pos{}, "%s %s: no maker for the edition", o.Lang, o.Edition)
	return nil, ds
}

// Failed returns the file names of the planned jobs (compose.Planned) that
// have no output among outs.
func Failed(req Request, outs []Output) []string {
	built := make([]Job, len(outs))
	for i, o := range outs {
		built[i] = o.Job
	}
	return compose.Failed(req, built)
}

// Write writes the outputs into dir, creating it if needed, all or none:
// every file is first written to a temporary file beside its place, and
// only when all are written are they renamed into place; a failure on the
// way, or ctx cancelled before the renames, leaves the folder as it was. An
// existing file that is read-only is not replaced: that is an error before
// anything is written.
func Write(ctx context.Context, dir string, outs []Output) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create output folder: %w", err)
	}
	sort.Slice(outs, func(i, j int) bool { return outs[i].Name < outs[j].Name })
	var all []File
	for _, o := range outs {
		all = append(all, o.Files()...)
	}
	if err := writeAll(ctx, dir, all); err != nil {
		return fmt.Errorf("%w; nothing of this build is written", err)
	}
	return nil
}

// writeAll writes files into dir all or none (see Write).
func writeAll(ctx context.Context, dir string, all []File) error {
	var refused []string
	for _, f := range all {
		if err := files.Replaceable(filepath.Join(dir, f.Name)); err != nil {
			refused = append(refused, err.Error())
		}
	}
	if len(refused) > 0 {
		return errors.New(strings.Join(refused, "; "))
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
	for _, f := range all {
		dst := filepath.Join(dir, f.Name)
		tmp, err := files.Temp(dst, f.Data)
		if err != nil {
			clean()
			return err
		}
		done = append(done, staged{tmp: tmp, dst: dst})
	}
	if err := ctx.Err(); err != nil {
		clean()
		return fmt.Errorf("interrupted (%w)", err)
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
			return fmt.Errorf("write %s: %w", s.dst, err)
		}
	}
	for _, s := range done {
		if s.backup != "" {
			os.Remove(s.backup)
		}
	}
	return nil
}

// WriteSome writes each output into dir by itself, as files.WriteAtomic
// does (an output of several files as Write does, all or none), for a
// build that goes on past failures (--keep-going): it returns the outputs
// written and an error for each that could not be, a read-only file among
// them. Once ctx is cancelled it writes no more.
func WriteSome(ctx context.Context, dir string, outs []Output) ([]Output, []error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, []error{fmt.Errorf("create output folder: %w", err)}
	}
	sort.Slice(outs, func(i, j int) bool { return outs[i].Name < outs[j].Name })
	var (
		written []Output
		errs    []error
	)
	for _, o := range outs {
		if err := ctx.Err(); err != nil {
			errs = append(errs, fmt.Errorf("interrupted (%w): %s not written", err, o.Name))
			continue
		}
		var err error
		if len(o.Companions) > 0 {
			if err = writeAll(ctx, dir, o.Files()); err != nil {
				err = fmt.Errorf("%w; %s not written", err, o.Name)
			}
		} else {
			dst := filepath.Join(dir, o.Name)
			err = files.Replaceable(dst)
			if err == nil {
				err = files.WriteAtomic(dst, o.Data)
			}
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		written = append(written, o)
	}
	return written, errs
}
