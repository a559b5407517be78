// SPDX-License-Identifier: MIT

package pictures

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
)

// files holds the pictures, one svg/<name>.svg each; README.md says where
// each comes from.
//
//go:embed svg/*.svg
var files embed.FS

// library is a set of pictures, each parsed on first use and then shared.
type library struct {
	names []string                           // sorted
	load  map[string]func() (*Vector, error) // read-only after newLibrary
}

func newLibrary(fsys fs.FS, dir string) *library {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		panic(fmt.Sprintf("pictures: embedded folder %s: %v", dir, err)) // a build problem, not a run-time one
	}
	lib := &library{load: make(map[string]func() (*Vector, error), len(entries))}
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".svg")
		if !ok || e.IsDir() {
			continue
		}
		file := path.Join(dir, e.Name())
		lib.names = append(lib.names, name)
		lib.load[name] = sync.OnceValues(func() (*Vector, error) {
			data, err := fs.ReadFile(fsys, file)
			if err != nil {
				return nil, fmt.Errorf("picture %q: %w", name, err)
			}
			v, err := ParseSVG(file, data)
			if err != nil {
				return nil, err
			}
			v.Name = name
			return v, nil
		})
	}
	slices.Sort(lib.names)
	return lib
}

func (lib *library) lookup(name string) (*Vector, error) {
	load, ok := lib.load[name]
	if !ok {
		return nil, &UnknownError{Name: name, Close: closeNames(name, lib.names), Count: len(lib.names)}
	}
	return load()
}

var embedded = sync.OnceValue(func() *library { return newLibrary(files, "svg") })

// Names returns the names of the embedded pictures, sorted. The caller may
// modify the slice.
func Names() []string { return slices.Clone(embedded().names) }

// Lookup returns the embedded picture with the given name, parsing it on
// first use. It is safe for concurrent use; every caller gets the same
// Vector, which must not be modified. An unknown name gives an
// [*UnknownError], which wraps fs.ErrNotExist and lists close names.
func Lookup(name string) (*Vector, error) { return embedded().lookup(name) }

// UnknownError reports a picture name that is not embedded.
type UnknownError struct {
	Name  string
	Close []string // embedded names close to Name, best first; may be empty
	Count int      // number of embedded pictures
}

func (e *UnknownError) Error() string {
	if len(e.Close) == 0 {
		return fmt.Sprintf("unknown picture %q; none of the %d names is close (see pictures.Names)", e.Name, e.Count)
	}
	return fmt.Sprintf("unknown picture %q; close names: %s", e.Name, strings.Join(e.Close, ", "))
}

func (e *UnknownError) Unwrap() error { return fs.ErrNotExist }

// closeNames returns up to three names close to name: the same name spelt
// with other case, spaces or underscores, names containing it or contained
// in it, and names a few edits away.
func closeNames(name string, names []string) []string {
	q := strings.ToLower(strings.TrimSpace(name))
	q = strings.NewReplacer("_", "-", " ", "-").Replace(q)
	type scored struct {
		name  string
		score int
	}
	var found []scored
	for _, n := range names {
		d := editDistance(q, n)
		switch {
		case d == 0:
			d = -2 // the same name, spelt differently
		case len(q) >= 3 && (strings.Contains(n, q) || strings.Contains(q, n)):
			d = -1
		case d > max(1, len(n)/3):
			continue
		}
		found = append(found, scored{n, d})
	}
	slices.SortStableFunc(found, func(a, b scored) int { return a.score - b.score })
	var out []string
	for _, f := range found[:min(3, len(found))] {
		out = append(out, f.name)
	}
	return out
}

// editDistance returns the Levenshtein distance between a and b in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
