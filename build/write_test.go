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

// TestAStagerPutsTheFilesItStagedInPlace checks that the files staged
// while a build goes on are those put in place, that an output built
// again is written with its new data, and that nothing staged is left.
func TestAStagerPutsTheFilesItStagedInPlace(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	st := NewStager(dir)
	defer st.Discard()
	outs := outputs("a.pdf", "b.pdf")
	for _, o := range outs {
		st.stage(o)
	}
	st.wait()
	// the staged file of a.pdf is changed on disk: if Write takes it, the
	// change shows in a.pdf
	tmp := st.staged["a.pdf"].tmp
	if tmp == "" {
		t.Fatalf("a.pdf was not staged: %v", st.staged)
	}
	if err := os.WriteFile(tmp, []byte("%PDF staged"), 0o644); err != nil {
		t.Fatal(err)
	}
	// b.pdf was built again since it was staged
	outs[1] = outputs("b.pdf")[0]
	if err := st.Write(t.Context(), outs); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"a.pdf": "%PDF staged", "b.pdf": "%PDF b.pdf"} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != want {
			t.Errorf("%s holds %q (%v), want %q", name, got, err, want)
		}
	}
	st.Discard()
	if got := entries(t, dir); !slices.Equal(got, []string{"a.pdf", "b.pdf"}) {
		t.Errorf("the folder holds %q after the write, want the two files alone", got)
	}
}

// TestAStagedBuildThatFailsLeavesNothing checks that the files staged for
// a build that writes nothing (one of its files is read-only, or it
// failed and is discarded) are all removed, and a folder made for them.
func TestAStagedBuildThatFailsLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "b.pdf"), []byte("old"), 0o444); err != nil {
		t.Fatal(err)
	}
	st := NewStager(dir)
	outs := outputs("a.pdf", "b.pdf", "c.pdf")
	for _, o := range outs {
		st.stage(o)
	}
	err := st.Write(t.Context(), outs)
	if err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("a write over a read-only file: %v, want it refused", err)
	}
	st.Discard()
	if got := entries(t, dir); !slices.Equal(got, []string{"b.pdf"}) {
		t.Errorf("the folder holds %q after a refused write, want b.pdf alone", got)
	}

	made := filepath.Join(t.TempDir(), "new")
	st = NewStager(made)
	st.stage(outputs("a.pdf")[0])
	st.Discard() // the build failed: nothing is written
	if _, err := os.Stat(made); !os.IsNotExist(err) {
		t.Errorf("the folder made for a discarded build is still there (%v)", err)
	}
}
