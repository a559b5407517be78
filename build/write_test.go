// SPDX-License-Identifier: MIT

package build

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"leaflet/compose"
)

// outputs returns made-up outputs of the given names.
func outputs(names ...string) []Output {
	var outs []Output
	for _, n := range names {
		outs = append(outs, Output{Output: compose.Output{Name: n}, Data: []byte("%PDF " + n)})
	}
	return outs
}

// entries returns the names in a folder.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestAnInterruptedWriteLeavesTheFolderAsItWas(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.pdf"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := Write(ctx, dir, outputs("a.pdf", "b.pdf"))
	if err == nil || !strings.Contains(err.Error(), "nothing of this build is written") {
		t.Fatalf("got %v; want an error saying nothing was written", err)
	}
	if got := entries(t, dir); !slices.Equal(got, []string{"a.pdf"}) {
		t.Errorf("the folder holds %q; want only the old a.pdf, no temporary file", got)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "a.pdf")); string(b) != "old" {
		t.Errorf("a.pdf holds %q; want the old file", b)
	}
}

func TestWriteRefusesAReadOnlyFileBeforeWritingAny(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "b.pdf"), []byte("kept"), 0o444); err != nil {
		t.Fatal(err)
	}
	err := Write(t.Context(), dir, outputs("a.pdf", "b.pdf"))
	if err == nil || !strings.Contains(err.Error(), "b.pdf is read-only") {
		t.Fatalf("got %v; want b.pdf refused as read-only", err)
	}
	if got := entries(t, dir); !slices.Equal(got, []string{"b.pdf"}) {
		t.Errorf("the folder holds %q; want only b.pdf: all or nothing", got)
	}
}

func TestWriteSomeWritesWhatItCanAndSaysWhatNot(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "b.pdf"), []byte("kept"), 0o444); err != nil {
		t.Fatal(err)
	}
	written, errs := WriteSome(t.Context(), dir, outputs("c.pdf", "b.pdf", "a.pdf"))
	var names []string
	for _, o := range written {
		names = append(names, o.Name)
	}
	if !slices.Equal(names, []string{"a.pdf", "c.pdf"}) {
		t.Errorf("wrote %q; want a.pdf and c.pdf, in order", names)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "b.pdf is read-only") {
		t.Errorf("got errors %v; want one for the read-only b.pdf", errs)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if written, errs := WriteSome(ctx, dir, outputs("d.pdf")); len(written) != 0 || len(errs) != 1 || !strings.Contains(errs[0].Error(), "interrupted") {
		t.Errorf("after an interrupt: wrote %d, errors %v; want none written and the interrupt named", len(written), errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "d.pdf")); err == nil {
		t.Error("d.pdf was written after the interrupt")
	}
}

func TestFailedNamesWhatDidNotBuild(t *testing.T) {
	l := builtin(t)
	req := Request{Leaflet: l, Langs: []string{"en", "pl"}, Editions: []*compose.Edition{compose.TriFold}}
	outs := []Output{{Output: compose.Output{Job: Job{Lang: "en", Edition: compose.TriFold}}}}
	if got := Failed(req, outs); !slices.Equal(got, []string{"cse-pl-trifold.pdf"}) {
		t.Errorf("failed %q; want cse-pl-trifold.pdf", got)
	}
}
