// SPDX-License-Identifier: MIT

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"strings"
	"text/tabwriter"

	"leaflet/compose"
	"leaflet/content"
	"leaflet/layout"
	"leaflet/translate"
)

// openSource returns the sources of --source DIR, or the built-in ones.
func openSource(dir string) (fs.FS, string, error) {
	if dir == "" {
		return content.Builtin(), "", nil
	}
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return nil, "", &exitError{1, fmt.Errorf("--source %s: not a folder", dir)}
	}
	return os.DirFS(dir), dir, nil
}

// parseLangs reads --lang: comma-separated BCP 47 tags, each made
// canonical; an invalid one is a usage error.
func parseLangs(s string) ([]string, error) {
	var out []string
	for _, tag := range splitList(s) {
		canon, err := translate.ParseLang(tag)
		if err != nil {
			return nil, usageErr("--lang: %v", err)
		}
		out = append(out, canon)
	}
	return out, nil
}

func cmdCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlags("check", "leaflet check [--source DIR] [--leaflet ID] [--lang TAGS] [--edition NAMES] [--json]", stderr)
	source := fl.String("source", "", "source `folder` holding content/<leaflet>/leaflet.toml and locales/<leaflet>/ (default: the built-in leaflet)")
	id := fl.String("leaflet", "", "the leaflet `ID` to check (default: the only leaflet of --source, or the built-in one)")
	langs := fl.String("lang", "", "comma-separated language `tags` to check, in any case; en-GB checks en when there is no en-GB (default: every language with a bundle); a tag of another language is checked as a new language")
	editions := fl.String("edition", "", "comma-separated `editions` to check: "+compose.Names(compose.Editions)+"; braille needs liblouis (default: "+compose.Names(defaultEditions())+")")
	asJSON := fl.Bool("json", false, "print the report as JSON on stdout, for CI")
	if err := parse(fl, args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return usageErr("check takes no arguments, got %q", fl.Args())
	}
	tags, err := parseLangs(*langs)
	if err != nil {
		return err
	}
	var eds []*compose.Edition
	for _, name := range splitList(*editions) {
		e, err := compose.Lookup(name)
		if err != nil {
			return usageErr("--edition %q: want one of %s", name, compose.Names(compose.Editions))
		}
		eds = append(eds, e)
	}
	fsys, root, leaflet, err := openLeaflet(*source, *id)
	if err != nil {
		return err
	}
	r := translate.CheckEditions(ctx, fsys, root, leaflet, tags, eds)
	if ctx.Err() != nil {
		return &exitError{130, errors.New("interrupted")}
	}
	for _, n := range r.Notes {
		fmt.Fprintln(stderr, "note:", n)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(jsonReport(r)); err != nil {
			return err
		}
	} else {
		report(stderr, r.Diagnostics)
		checkTable(stdout, r)
	}
	if r.Diagnostics.HasErrors() {
		return &exitError{1, fmt.Errorf("check: %s", summary(r.Diagnostics))}
	}
	return nil
}

// checkTable prints a line per language: how complete and current it is,
// its review status, and whether each edition fits.
func checkTable(w io.Writer, r *translate.Report) {
	if len(r.Languages) == 0 {
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "language\tname\tcomplete\tstale\treview\t")
	for _, e := range r.Editions {
		fmt.Fprintf(tw, "%s\t", e.Title)
	}
	fmt.Fprintln(tw)
	fallback := false
	for _, s := range r.Languages {
		complete, stale, review := fmt.Sprintf("%d%%", s.Complete()), fmt.Sprint(len(s.Stale)), reviewText(s)
		if s.Source {
			complete, stale = "source", "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t", s.Lang, s.Name, complete, stale, review)
		for _, e := range r.Editions {
			f := string(s.Fits[e.Name])
			if s.WithFallback && s.Fits[e.Name] != translate.NotBuilt {
				f += "*"
				fallback = true
			}
			fmt.Fprintf(tw, "%s\t", f)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	if fallback {
		fmt.Fprintln(w, "* laid out with the source language's text for the missing and out-of-date messages")
	}
	fillTable(w, r)
	fmt.Fprintf(w, "checked %d language(s) of %s, %d edition(s) each, in %d ms: %s\n",
		len(r.Languages), r.Leaflet, len(r.Editions), r.Elapsed.Milliseconds(), summary(r.Diagnostics))
}

func reviewText(s translate.Status) string {
	switch {
	case s.Source:
		return "source"
	case !s.Review.Reviewed:
		return "draft"
	case s.Review.By != "" && !s.Review.Date.IsZero():
		return fmt.Sprintf("reviewed (%s, %s)", s.Review.By, s.Review.Date.Format("2006-01-02"))
	case s.Review.By != "":
		return fmt.Sprintf("reviewed (%s)", s.Review.By)
	}
	return "reviewed"
}

// The JSON form of the check's report.
type checkJSON struct {
	Leaflet     string           `json:"leaflet"`
	OK          bool             `json:"ok"`
	Errors      int              `json:"errors"`
	Warnings    int              `json:"warnings"`
	ElapsedMS   int64            `json:"elapsed_ms"`
	Editions    []string         `json:"editions"`
	Languages   []langJSON       `json:"languages"`
	Diagnostics []diagnosticJSON `json:"diagnostics"`
}

type langJSON struct {
	Lang         string            `json:"lang"`
	Name         string            `json:"name"`
	Source       bool              `json:"source"`
	Complete     int               `json:"complete_percent"`
	Needed       int               `json:"needed"`
	Translated   int               `json:"translated"`
	Missing      []string          `json:"missing"`
	Stale        []string          `json:"stale"`
	Review       string            `json:"review"`
	ReviewedBy   string            `json:"reviewed_by,omitempty"`
	ReviewedOn   string            `json:"reviewed_on,omitempty"`
	Fits         map[string]string `json:"fits"`
	WithFallback bool              `json:"laid_out_with_fallback"`
	TriFold      *triFoldJSON      `json:"trifold,omitempty"`
}

// triFoldJSON is how a tri-fold was fitted: each panel's fill in percent.
type triFoldJSON struct {
	Body   float64        `json:"body_pt"`
	Panels map[string]int `json:"panel_fill_percent"`
	Moved  []string       `json:"moved_to_flap"`
}

type diagnosticJSON struct {
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"`
	Where    string `json:"where,omitempty"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
}

func jsonReport(r *translate.Report) checkJSON {
	out := checkJSON{Leaflet: r.Leaflet, ElapsedMS: r.Elapsed.Milliseconds(), Editions: []string{},
		Languages: []langJSON{}, Diagnostics: []diagnosticJSON{}}
	for _, e := range r.Editions {
		out.Editions = append(out.Editions, e.Name)
	}
	for _, d := range r.Diagnostics {
		if d.Severity == content.Error {
			out.Errors++
		} else {
			out.Warnings++
		}
		out.Diagnostics = append(out.Diagnostics, diagnosticJSON{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col,
			Severity: d.Severity.String(), Where: d.Where, Message: d.Msg, Hint: d.Hint})
	}
	out.OK = out.Errors == 0
	for _, s := range r.Languages {
		lj := langJSON{Lang: s.Lang, Name: s.Name, Source: s.Source, Complete: s.Complete(), Needed: s.Needed, Translated: s.Translated,
			Missing: nonNil(s.Missing), Stale: nonNil(s.Stale), Review: strings.SplitN(reviewText(s), " ", 2)[0],
			ReviewedBy: s.Review.By, Fits: map[string]string{}, WithFallback: s.WithFallback}
		if !s.Review.Date.IsZero() {
			lj.ReviewedOn = s.Review.Date.Format("2006-01-02")
		}
		for e, f := range s.Fits {
			lj.Fits[e] = string(f)
		}
		if tf := s.TriFold; tf != nil {
			lj.TriFold = &triFoldJSON{Body: tf.Body, Panels: map[string]int{}, Moved: nonNil(tf.Moved)}
			for _, p := range tf.Panels {
				if p.Panel != layout.FrontCover {
					lj.TriFold.Panels[p.Name] = int(math.Round(100 * p.Fill))
				}
			}
		}
		out.Languages = append(out.Languages, lj)
	}
	return out
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// fillPanels are the tri-fold panels whose fill the check reports, in
// reading order; the front cover is laid out to its own design.
var fillPanels = []layout.Panel{layout.InsideLeft, layout.Middle, layout.FoldIn, layout.FlapPanel, layout.BackCover}

// fillTable prints how each language's tri-fold was fitted: its body size
// and how full each panel is, and what moved to the flap.
func fillTable(w io.Writer, r *translate.Report) {
	any := false
	for _, s := range r.Languages {
		any = any || s.TriFold != nil
	}
	if !any {
		return
	}
	fmt.Fprintln(w, "\ntri-fold panels, % full:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "language\tbody\t")
	for _, p := range fillPanels {
		fmt.Fprintf(tw, "%s\t", p)
	}
	fmt.Fprintln(tw, "moved to the flap\t")
	for _, s := range r.Languages {
		tf := s.TriFold
		if tf == nil {
			continue
		}
		fmt.Fprintf(tw, "%s\t%.1f pt\t", s.Lang, tf.Body)
		for _, panel := range fillPanels {
			for _, p := range tf.Panels {
				if p.Panel == panel {
					fmt.Fprintf(tw, "%.0f\t", 100*p.Fill)
				}
			}
		}
		moved := "-"
		if len(tf.Moved) > 0 {
			moved = strings.Join(tf.Moved, "; ")
		}
		fmt.Fprintf(tw, "%s\t\n", moved)
	}
	tw.Flush()
}
