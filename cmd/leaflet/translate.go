// SPDX-License-Identifier: MIT

package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"leaflet/content"
	"leaflet/internal/files"
	"leaflet/translate"
)

const translateSynopsis = `leaflet translate --lang TAG [--source DIR] [--leaflet ID] [--format toml|xliff] [--out FILE]
       leaflet translate --import FILE --source DIR [--leaflet ID] [--lang TAG]`

func cmdTranslate(args []string, stdout, stderr io.Writer) error {
	fl := newFlags("translate", translateSynopsis, stderr)
	source := fl.String("source", "", "source `folder` holding content/<leaflet>/leaflet.toml and locales/<leaflet>/ (default: the built-in leaflet; --import needs it)")
	id := fl.String("leaflet", content.DefaultLeaflet, "the leaflet `ID`")
	lang := fl.String("lang", "", "the language `tag` to translate into (BCP 47, e.g. so, pl, zh-Hans); with --import, the language the pack must be in")
	format := fl.String("format", "toml", "pack format: toml (go-i18n translate.<tag>.toml) or xliff (XLIFF 1.2, for CAT tools)")
	out := fl.String("out", "", "the pack's `file` (default translate.<tag>.toml or .xlf in the current folder; - for standard output)")
	imp := fl.String("import", "", "merge a returned pack `FILE` (TOML or XLIFF) into locales/<leaflet>/active.<tag>.toml")
	if err := parse(fl, args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return usageErr("translate takes no arguments, got %q", fl.Args())
	}
	set := map[string]bool{}
	fl.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if *imp != "" {
		for _, name := range []string{"format", "out"} {
			if set[name] {
				return usageErr("--%s is for making a pack, not for --import", name)
			}
		}
		if *source == "" {
			return usageErr("--import writes into the leaflet's sources: give them with --source DIR")
		}
		return importPack(*imp, *source, *id, *lang, stdout, stderr)
	}
	if *lang == "" {
		return usageErr("translate needs --lang TAG (the language to translate into) or --import FILE")
	}
	tag, err := translate.ParseLang(*lang)
	if err != nil {
		return usageErr("--lang: %v", err)
	}
	var f translate.Format
	switch strings.ToLower(*format) {
	case "toml":
		f = translate.TOML
	case "xliff", "xlf":
		f = translate.XLIFF
	default:
		return usageErr("--format %q: want toml or xliff", *format)
	}
	fsys, root, err := openSource(*source)
	if err != nil {
		return err
	}
	l, diags := content.Load(fsys, root, *id)
	if diags.HasErrors() {
		report(stderr, diags)
		return &exitError{1, fmt.Errorf("%s", summary(diags))}
	}
	if tag == l.Source {
		return usageErr("--lang %s is the leaflet's source language: there is nothing to translate", tag)
	}
	p, err := translate.Export(l, tag)
	if err != nil {
		return &exitError{1, err}
	}
	if len(p.Units) == 0 {
		fmt.Fprintf(stdout, "%s is complete and up to date in the leaflet %s: nothing to translate\n", tag, l.ID)
		return nil
	}
	data, err := p.Encode(f)
	if err != nil {
		return &exitError{1, err}
	}
	name := *out
	if name == "" {
		name = translate.PackName(tag, f)
	}
	if name == "-" {
		_, err := stdout.Write(data)
		return err
	}
	if err := files.WriteAtomic(name, data); err != nil {
		return &exitError{1, err}
	}
	stale, same := 0, 0
	for _, u := range p.Units {
		switch {
		case u.Stale:
			stale++
		case u.SameAsSource:
			same++
		}
	}
	newLang := ""
	if l.Bundles[tag] == nil {
		newLang = " (a new language)"
	}
	fmt.Fprintf(stdout, "wrote %s: %d message(s) to translate from %s into %s%s: %d missing, %d out of date, %d still in %s\n",
		name, len(p.Units), l.Source, tag, newLang, len(p.Units)-stale-same, stale, same, l.Source)
	dir := *source
	if dir == "" {
		dir = "DIR" // the built-in sources: 'leaflet init DIR' makes a copy to import into
	}
	fmt.Fprintf(stdout, "when it comes back translated: leaflet translate --import %s --source %s --leaflet %s\n", name, dir, l.ID)
	return nil
}

// importPack merges a returned pack and reports what it merged and refused.
func importPack(file, source, id, lang string, stdout, stderr io.Writer) error {
	fsys, root, err := openSource(source)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return &exitError{1, fmt.Errorf("--import: %w", err)}
	}
	l, diags := content.Load(fsys, root, id)
	if diags.HasErrors() {
		report(stderr, diags)
		return &exitError{1, fmt.Errorf("the sources have problems, so nothing was merged: %s", summary(diags))}
	}
	res, ds := translate.Import(l, source, file, data, lang)
	report(stderr, ds)
	if ds.HasErrors() {
		return &exitError{1, fmt.Errorf("nothing was merged from %s: %s", file, summary(ds))}
	}
	for _, id := range res.Merged {
		fmt.Fprintf(stdout, "merged     %s\n", id)
	}
	for _, r := range res.Refused {
		fmt.Fprintf(stdout, "refused    %s (%s:%d): %s\n", r.ID, file, r.Line, r.Reason)
	}
	for _, r := range res.Untranslated {
		fmt.Fprintf(stdout, "left       %s (%s:%d): %s\n", r.ID, file, r.Line, r.Reason)
	}
	bundle := res.Bundle
	switch {
	case len(res.Merged) == 0:
		fmt.Fprintf(stdout, "merged nothing: %s is unchanged", bundle)
	case res.Created:
		fmt.Fprintf(stdout, "merged %d message(s) into %s (a new file)", len(res.Merged), bundle)
	default:
		fmt.Fprintf(stdout, "merged %d message(s) into %s", len(res.Merged), bundle)
	}
	fmt.Fprintf(stdout, "; %d already there, %d refused, %d not translated yet\n", len(res.Unchanged), len(res.Refused), len(res.Untranslated))
	if len(res.Merged) > 0 {
		fmt.Fprintf(stdout, "next: leaflet check --source %s --leaflet %s --lang %s\n", source, l.ID, res.Pack.Lang)
	}
	if len(res.Refused) > 0 {
		return &exitError{1, fmt.Errorf("%d message(s) refused: send them back to the translator, or make a new pack with 'leaflet translate --lang %s'",
			len(res.Refused), res.Pack.Lang)}
	}
	return nil
}
