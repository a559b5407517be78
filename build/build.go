// SPDX-License-Identifier: MIT

package build

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"time"

	"leaflet/braille"
	"leaflet/compose"
	"leaflet/content"
	"leaflet/epub"
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
	return run(ctx, req, tr, nil)
}

// RunInto is Run that stages each output's files with st as it is built,
// for st's Write or WriteSome to put in place.
func RunInto(ctx context.Context, req Request, st *Stager) ([]Output, content.Diagnostics) {
	return run(ctx, req, nil, st)
}

func run(ctx context.Context, req Request, tr braille.Translator, st *Stager) ([]Output, content.Diagnostics) {
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
	finish := func(ctx context.Context, o compose.Output, doc *content.Document, res *layout.Result) (Output, content.Diagnostics) {
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
	}
	return compose.Run(ctx, req, func(ctx context.Context, o compose.Output, doc *content.Document, res *layout.Result) (Output, content.Diagnostics) {
		out, ds := finish(ctx, o, doc, res)
		if !ds.HasErrors() {
			st.stage(out)
		}
		return out, ds
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
