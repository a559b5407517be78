// SPDX-License-Identifier: MIT

package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

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

// Output is one built file, not yet written: a PDF, or a text edition's
// web page or EPUB.
type Output struct {
	compose.Output
	Data []byte
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
// made in the worker that laid it out (compose.Run). It returns the PDFs
// that were built, in a stable order, and every problem. When ctx is
// cancelled it returns none, and an error saying so.
func Run(ctx context.Context, req Request) ([]Output, content.Diagnostics) {
	opt := output.Options{Date: req.Published(), Creator: "leaflet"}
	return compose.Run(ctx, req, func(_ context.Context, o compose.Output, res *layout.Result) (Output, error) {
		if o.Edition.Text {
			data, err := finishText(o, req.Published())
			return Output{Output: o, Data: data}, err
		}
		pdf, err := output.PDF(res, opt)
		return Output{Output: o, Data: pdf}, err
	})
}

// finishText makes a text edition's file from its document: a
// content.Diagnostics error when the document cannot make it.
func finishText(o compose.Output, date time.Time) ([]byte, error) {
	var (
		data []byte
		ds   content.Diagnostics
	)
	switch o.Edition {
	case compose.HTML:
		data, ds = web.Page(o.Doc)
	case compose.EasyReadHTML:
		data, ds = web.EasyRead(o.Doc)
	case compose.EPUB:
		data, ds = epub.Book(o.Doc, date)
	default:
		return nil, fmt.Errorf("no maker for the edition %s", o.Edition)
	}
	if ds.HasErrors() {
		return nil, ds
	}
	return data, nil
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
	var refused []string
	for _, o := range outs {
		if err := files.Replaceable(filepath.Join(dir, o.Name)); err != nil {
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
		tmp, err := files.Temp(dst, o.Data)
		if err != nil {
			clean()
			return fmt.Errorf("%w; nothing of this build is written", err)
		}
		done = append(done, staged{tmp: tmp, dst: dst})
	}
	if err := ctx.Err(); err != nil {
		clean()
		return fmt.Errorf("interrupted (%w); nothing of this build is written", err)
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

// WriteSome writes each output into dir by itself, as files.WriteAtomic
// does, for a build that goes on past failures (--keep-going): it returns
// the outputs written and an error for each that could not be, a
// read-only file among them. Once ctx is cancelled it writes no more.
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
		dst := filepath.Join(dir, o.Name)
		err := files.Replaceable(dst)
		if err == nil {
			err = files.WriteAtomic(dst, o.Data)
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		written = append(written, o)
	}
	return written, errs
}
