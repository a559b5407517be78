// SPDX-License-Identifier: MIT

package build

import (
	"encoding/json"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// goPackage is what the architecture test reads of 'go list -json'.
type goPackage struct {
	ImportPath string
	Standard   bool
	Imports    []string
	Deps       []string
}

// modulePackages lists the module's packages (not their tests) with their
// imports and dependencies.
func modulePackages(t *testing.T) map[string]goPackage {
	t.Helper()
	cmd := exec.Command("go", "list", "-json", "leaflet/...")
	cmd.Dir = ".."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	pkgs := map[string]goPackage{}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p goPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs[p.ImportPath] = p
	}
	return pkgs
}

// TestArchitecture holds the package boundaries the README describes:
// only output imports fpdf and only fonts and layout/text import go-text;
// output replays layout's result without asking content anything, and
// only build makes PDFs: translate and compose lay out without linking it;
// pdfobj, sfnt and the worker pool need only the standard library; the PDF/UA checker is test
// support that the program never links.
func TestArchitecture(t *testing.T) {
	pkgs := modulePackages(t)
	if len(pkgs) < 10 {
		t.Fatalf("go list found %d packages", len(pkgs))
	}
	// importers returns the packages that import prefix or, if it ends
	// with a slash, a package under it.
	importers := func(prefix string) []string {
		var out []string
		for _, p := range pkgs {
			for _, imp := range p.Imports {
				if imp == prefix || strings.HasSuffix(prefix, "/") && strings.HasPrefix(imp, prefix) {
					out = append(out, p.ImportPath)
					break
				}
			}
		}
		slices.Sort(out)
		return out
	}
	if got := importers("codeberg.org/go-pdf/fpdf"); !slices.Equal(got, []string{"leaflet/output"}) {
		t.Errorf("fpdf is imported by %q; only leaflet/output may", got)
	}
	if got := importers("github.com/go-text/"); !slices.Equal(got, []string{"leaflet/fonts", "leaflet/layout/text"}) {
		t.Errorf("go-text is imported by %q; only leaflet/fonts and leaflet/layout/text may", got)
	}
	if got := importers("leaflet/content"); slices.Contains(got, "leaflet/output") {
		t.Error("leaflet/output imports leaflet/content: layout's result must say all output needs")
	}
	for _, p := range []string{"leaflet/output/internal/pdfobj", "leaflet/output/internal/sfnt", "leaflet/internal/workers"} {
		for _, imp := range pkgs[p].Imports {
			if strings.Contains(strings.Split(imp, "/")[0], ".") || strings.HasPrefix(imp, "leaflet") {
				t.Errorf("%s imports %s; it needs only the standard library", p, imp)
			}
		}
	}
	for _, support := range []string{"leaflet/internal/pdfua", "leaflet/internal/testtool"} {
		if slices.Contains(pkgs["leaflet/cmd/leaflet"].Deps, support) {
			t.Errorf("the program links %s, which is test support", support)
		}
	}
	if got := importers("leaflet/output"); !slices.Equal(got, []string{"leaflet/build"}) {
		t.Errorf("leaflet/output is imported by %q; only leaflet/build may", got)
	}
	// leaflet check lays out without making PDFs
	for _, p := range []string{"leaflet/translate", "leaflet/compose"} {
		if slices.Contains(pkgs[p].Deps, "leaflet/output") {
			t.Errorf("%s links leaflet/output: laying out needs no PDF writer", p)
		}
	}
}
