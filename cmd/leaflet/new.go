// SPDX-License-Identifier: MIT

package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing/fstest"
	"time"

	"leaflet/build"
	"leaflet/content"
	"leaflet/convert"
	"leaflet/internal/files"
)

// leafletID is what a leaflet's ID may be: it names folders and the PDFs.
var leafletID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`)

// cmdNew writes a new leaflet's content file and English bundle, from a
// document (--from) or the example, under --source; it never overwrites.
func cmdNew(args []string, stdout, stderr io.Writer) error {
	fl := newFlags("new", "leaflet new ID [--from FILE] [--source DIR]", stderr)
	from := fl.String("from", "", "a Markdown or plain-text `file` to start from (default: an example leaflet)")
	source := fl.String("source", ".", "the `folder` to write content/ID/ and locales/ID/ in")
	// flags may come before or after the ID
	var pos []string
	for {
		if err := parse(fl, args); err != nil {
			return err
		}
		if fl.NArg() == 0 {
			break
		}
		pos = append(pos, fl.Arg(0))
		args = fl.Args()[1:]
	}
	if len(pos) != 1 {
		return usageErr("new takes one leaflet ID, got %d arguments", len(pos))
	}
	id := pos[0]
	if !leafletID.MatchString(id) {
		return usageErr("%q is not a leaflet ID: use lower-case letters, digits and hyphens, starting with a letter or digit, at most 40 (e.g. cse-2027)", id)
	}
	contentFile := path.Join("content", id, "leaflet.toml")
	bundleFile := path.Join("locales", id, "active.en.toml")
	for _, dir := range []string{path.Join("content", id), path.Join("locales", id)} {
		if _, err := os.Stat(filepath.Join(*source, dir)); err == nil {
			return &exitError{1, fmt.Errorf("%s already exists: new never overwrites a leaflet; choose another ID", filepath.Join(*source, dir))}
		}
	}
	opt := convert.Options{ID: id, Published: today()}
	var draft *convert.Files
	if *from != "" {
		src, err := os.ReadFile(*from)
		if err != nil {
			return &exitError{1, fmt.Errorf("--from: %w", err)}
		}
		opt.From = filepath.Base(*from)
		if draft, err = convert.Document(src, opt); err != nil {
			return &exitError{1, fmt.Errorf("%s: %w", *from, err)}
		}
	} else {
		draft = convert.Example(opt)
	}
	// what is written must load: a conversion that does not is a bug, and
	// never reaches the folder
	fsys := fstest.MapFS{contentFile: {Data: draft.Content}, bundleFile: {Data: draft.Bundle}}
	if _, ds := content.Load(fsys, *source, id); ds.HasErrors() {
		report(stderr, ds)
		return &exitError{1, errors.New("the new leaflet does not load: please report this, with the document")}
	}
	var written []string
	for _, f := range []struct {
		name string
		data []byte
	}{{contentFile, draft.Content}, {bundleFile, draft.Bundle}} {
		dst := filepath.Join(*source, filepath.FromSlash(f.name))
		err := os.MkdirAll(filepath.Dir(dst), 0o755)
		if err == nil {
			err = files.WriteAtomic(dst, f.data)
		}
		if err != nil {
			for _, w := range written { // all or nothing
				os.Remove(w)
				os.Remove(filepath.Dir(w))
			}
			return &exitError{1, err}
		}
		written = append(written, dst)
		fmt.Fprintln(stdout, "wrote", dst)
	}
	for _, n := range draft.Notes {
		fmt.Fprintln(stdout, "note:", n)
	}
	if draft.Todo > 0 {
		fmt.Fprintf(stdout, "note: the easy read is a first draft: %d points say todo = true, and check and build warn about each until it is written\n", draft.Todo)
	}
	fmt.Fprintf(stdout, "build it with: leaflet build --source %s --leaflet %s\n", quoteArg(*source), id)
	return nil
}

// today is the date of a new leaflet's first edition: SOURCE_DATE_EPOCH's
// day when it is set, else today's.
func today() time.Time {
	if t, err := build.DateFromEnv(); err == nil && !t.IsZero() {
		return t
	}
	return time.Now().UTC()
}

// quoteArg quotes a shell argument that needs it.
func quoteArg(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t'\"\\$`!*?[]{}()<>|&;#~") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
