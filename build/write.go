// SPDX-License-Identifier: MIT

package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"leaflet/internal/files"
)

// A Stager writes each output's files into a folder while the rest of the
// build goes on, as temporary files beside their places, so that the
// disk's work (a synced file each) overlaps the layout of the other jobs
// rather than following it. Its Write and WriteSome then put the staged
// files in place, as the package's Write and WriteSome do, writing only
// what was not staged; Discard removes what is left. A build that fails
// or is interrupted leaves nothing of itself in the folder once Discard
// has run.
type Stager struct {
	dir  string
	done chan struct{}

	qmu   sync.Mutex
	queue chan []File // nil once waited for

	mu      sync.Mutex
	staged  map[string]staged // by file name
	created bool              // the folder was made for the build
}

// staged is a file written to tmp, with the data it holds.
type staged struct {
	tmp  string
	data []byte
	err  error
}

// NewStager returns a stager for dir, which it creates when it writes the
// first file. Every stager must be discarded (Discard) when done with.
func NewStager(dir string) *Stager {
	q := make(chan []File, 64)
	st := &Stager{dir: dir, queue: q, done: make(chan struct{}), staged: map[string]staged{}}
	go st.run(q)
	return st
}

// run writes the files queued on q, one at a time, until q closes.
func (st *Stager) run(q <-chan []File) {
	defer close(st.done)
	made, failed := false, false // the folder made, or could not be
	for batch := range q {
		if !made {
			_, err := os.Stat(st.dir)
			st.created = errors.Is(err, fs.ErrNotExist)
			// a folder that cannot be made stages nothing: Write makes
			// it, and reports why it cannot
			failed = os.MkdirAll(st.dir, 0o755) != nil
			made = true
		}
		if failed {
			continue
		}
		for _, f := range batch {
			tmp, err := files.Temp(filepath.Join(st.dir, f.Name), f.Data)
			st.mu.Lock()
			if old, ok := st.staged[f.Name]; ok && old.tmp != "" {
				os.Remove(old.tmp) // built twice: the later one stands
			}
			st.staged[f.Name] = staged{tmp: tmp, data: f.Data, err: err}
			st.mu.Unlock()
		}
	}
}

// stage queues an output's files to be written; once the stager has been
// waited for, it stages nothing.
func (st *Stager) stage(o Output) {
	if st == nil {
		return
	}
	st.qmu.Lock()
	defer st.qmu.Unlock()
	if st.queue != nil {
		st.queue <- o.Files() // run never waits for qmu: a full queue drains
	}
}

// wait waits for the files queued to be written.
func (st *Stager) wait() {
	st.qmu.Lock()
	if st.queue != nil {
		close(st.queue)
		st.queue = nil
	}
	st.qmu.Unlock()
	<-st.done
}

// take returns the temporary file staged for f, if one holds f's data,
// and forgets it: it is the caller's to put in place or remove.
func (st *Stager) take(f File) (string, bool) {
	if st == nil {
		return "", false
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	s, ok := st.staged[f.Name]
	if !ok || s.err != nil || !sameData(s.data, f.Data) {
		return "", false
	}
	delete(st.staged, f.Name)
	return s.tmp, true
}

// sameData reports whether a and b are the same bytes in memory: an
// output's data is not changed once built, so the file staged from it
// holds it.
func sameData(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// Discard removes every staged file not put in place, and the folder when
// the stager made it and nothing was put in it.
func (st *Stager) Discard() {
	st.wait()
	st.mu.Lock()
	defer st.mu.Unlock()
	for name, s := range st.staged {
		if s.tmp != "" {
			os.Remove(s.tmp)
		}
		delete(st.staged, name)
	}
	if st.created {
		os.Remove(st.dir) // only when empty
	}
}

// Write is the package's Write, taking the files staged for outs.
func (st *Stager) Write(ctx context.Context, outs []Output) error {
	st.wait()
	return write(ctx, st.dir, outs, st)
}

// WriteSome is the package's WriteSome, taking the files staged for outs.
func (st *Stager) WriteSome(ctx context.Context, outs []Output) ([]Output, []error) {
	st.wait()
	return writeSome(ctx, st.dir, outs, st)
}

// Write writes the outputs into dir, creating it if needed, all or none:
// every file is first written to a temporary file beside its place, and
// only when all are written are they renamed into place; a failure on the
// way, or ctx cancelled before the renames, leaves the folder as it was. An
// existing file that is read-only is not replaced: that is an error before
// anything is written.
func Write(ctx context.Context, dir string, outs []Output) error {
	return write(ctx, dir, outs, nil)
}

func write(ctx context.Context, dir string, outs []Output, st *Stager) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create output folder: %w", err)
	}
	sort.Slice(outs, func(i, j int) bool { return outs[i].Name < outs[j].Name })
	var all []File
	for _, o := range outs {
		all = append(all, o.Files()...)
	}
	if err := writeAll(ctx, dir, all, st); err != nil {
		return fmt.Errorf("%w; nothing of this build is written", err)
	}
	return nil
}

// writeAll writes files into dir all or none (see Write), taking the
// files st staged.
func writeAll(ctx context.Context, dir string, all []File, st *Stager) error {
	type placing struct{ tmp, dst, backup string }
	var done []placing
	clean := func() {
		for _, s := range done {
			os.Remove(s.tmp)
			if s.backup != "" {
				os.Remove(s.backup)
			}
		}
	}
	var (
		refused  []string
		unstaged []File
	)
	for _, f := range all {
		dst := filepath.Join(dir, f.Name)
		if tmp, ok := st.take(f); ok {
			done = append(done, placing{tmp: tmp, dst: dst})
		} else {
			unstaged = append(unstaged, f)
		}
		if err := files.Replaceable(dst); err != nil {
			refused = append(refused, err.Error())
		}
	}
	if len(refused) > 0 {
		clean()
		return errors.New(strings.Join(refused, "; "))
	}
	for _, f := range unstaged {
		dst := filepath.Join(dir, f.Name)
		tmp, err := files.Temp(dst, f.Data)
		if err != nil {
			clean()
			return err
		}
		done = append(done, placing{tmp: tmp, dst: dst})
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
	return writeSome(ctx, dir, outs, nil)
}

func writeSome(ctx context.Context, dir string, outs []Output, st *Stager) ([]Output, []error) {
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
		err := writeAll(ctx, dir, o.Files(), st)
		if err != nil && len(o.Companions) > 0 {
			err = fmt.Errorf("%w; %s not written", err, o.Name)
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		written = append(written, o)
	}
	return written, errs
}
