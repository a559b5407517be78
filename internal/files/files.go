// SPDX-License-Identifier: MIT

package files

import (
	"fmt"
	"os"
	"path/filepath"
)

// WriteAtomic writes data to path through a temporary file in the same
// folder, synced and renamed into place.
func WriteAtomic(path string, data []byte) error {
	tmp, err := Temp(path, data)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// Temp writes data to a new temporary file beside path, synced, and returns
// its name: renaming it to path puts the file in place at once.
func Temp(path string, data []byte) (name string, err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Chmod(0o644); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return tmp.Name(), nil
}

// Replaceable returns an error when path is there and may not be replaced:
// it is read-only, or not a file.
func Replaceable(path string) error {
	st, err := os.Lstat(path)
	switch {
	case err != nil:
		return nil // nothing there, or nothing to tell before writing
	case !st.Mode().IsRegular():
		return fmt.Errorf("%s is not a file: not replaced", path)
	case st.Mode().Perm()&0o200 == 0:
		return fmt.Errorf("%s is read-only: not replaced (make it writable, move it, or build into another --out)", path)
	}
	return nil
}
