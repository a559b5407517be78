// SPDX-License-Identifier: MIT

package files

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteAtomicLeavesTheWholeFileAndNoTemporary(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.toml")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteAtomic(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil || string(b) != "new" {
		t.Fatalf("got %q, %v; want the new contents", b, err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v; want 0644, readable by the other programs that read it", st.Mode().Perm())
	}
	es, _ := os.ReadDir(dir)
	if len(es) != 1 {
		t.Errorf("the folder holds %d entries; want the file alone", len(es))
	}
}

func TestWriteAtomicIntoAMissingFolderIsAnErrorNamingThePath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no", "such", "a.pdf")
	if err := WriteAtomic(path, []byte("x")); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("got %v; want an error naming %s", err, path)
	}
}

func TestReplaceableRefusesReadOnlyFilesAndFolders(t *testing.T) {
	dir := t.TempDir()
	ro, sub := filepath.Join(dir, "ro.pdf"), filepath.Join(dir, "sub.pdf")
	if err := os.WriteFile(ro, nil, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, want string }{
		{filepath.Join(dir, "new.pdf"), ""},
		{ro, "is read-only"},
		{sub, "is not a file"},
	} {
		err := Replaceable(tc.path)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v; want no error", tc.path, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: %v; want an error saying it %s", tc.path, err, tc.want)
		}
	}
}
