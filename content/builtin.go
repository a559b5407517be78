// SPDX-License-Identifier: MIT

package content

import (
	"embed"
	"io/fs"
	"strings"

	"leaflet/locales"
)

//go:embed */leaflet.toml
var builtinContent embed.FS

// DefaultLeaflet is the ID of the built-in leaflet.
const DefaultLeaflet = "cse"

// Builtin returns the built-in sources, laid out as a source folder:
// content/<id>/leaflet.toml and locales/<id>/active.<lang>.toml.
func Builtin() fs.FS {
	return prefixFS{"content": builtinContent, "locales": locales.FS}
}

// prefixFS serves each file system under its prefix.
type prefixFS map[string]fs.FS

func (p prefixFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	for prefix, fsys := range p {
		if name == prefix {
			return fsys.Open(".")
		}
		if rest, ok := strings.CutPrefix(name, prefix+"/"); ok {
			return fsys.Open(rest)
		}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// BuiltinFiles returns the paths of the built-in source files, sorted.
func BuiltinFiles() []string {
	var out []string
	for _, prefix := range []string{"content", "locales"} {
		fs.WalkDir(Builtin(), prefix, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				out = append(out, path)
			}
			return err
		})
	}
	return out
}
