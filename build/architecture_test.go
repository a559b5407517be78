// SPDX-License-Identifier: MIT

package build

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// goPackage is what the architecture test reads of 'go list -json'.
type goPackage struct {
	ImportPath string
	Dir        string
	Standard   bool
	Imports    []string
	Deps       []string
	GoFiles    []string
	// TestGoFiles and XTestGoFiles are the package's _test.go files, in
	// the package and outside it (package x_test).
	TestGoFiles, XTestGoFiles []string
}

// modulePackages lists the module's packages (not their tests) with their
// imports and dependencies.
func modulePackages(t *testing.T) map[string]goPackage {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), "go", "list", "-json", "leaflet/...")
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
// sfnt, the worker pool and the memo need only the standard library, pdfobj that
// and its deflater (klauspost/compress); the PDF/UA checker is test
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
	for _, p := range []string{"leaflet/output/internal/pdfobj", "leaflet/internal/sfnt", "leaflet/internal/workers", "leaflet/internal/memo"} {
		for _, imp := range pkgs[p].Imports {
			if p == "leaflet/output/internal/pdfobj" && strings.HasPrefix(imp, "github.com/klauspost/compress/") {
				continue
			}
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

// moduleRel returns path relative to the module's root, the parent of
// build, for messages.
func moduleRel(t *testing.T, path string) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(root, path)
	if err != nil {
		return path
	}
	return rel
}

// importsClaim is the sentence of a package doc that says what the package
// imports of the module: "It imports leaflet/content and leaflet/fonts; …"
// names them by import path, and "It imports no other package of the
// module" says it imports none. The claim ends at the sentence's first
// ';', ':' or '.' followed by a space.
var (
	importsClaim = regexp.MustCompile(`It imports (.*?)(?:[;:]|\.\s|\.$)`)
	modulePath   = regexp.MustCompile(`\bleaflet(?:/[a-z0-9_]+)+`)
)

// claimSentence writes the sentence a doc.go should have for imports.
func claimSentence(imports []string) string {
	switch len(imports) {
	case 0:
		return "It imports no other package of the module."
	case 1:
		return "It imports " + imports[0] + "."
	}
	return "It imports " + strings.Join(imports[:len(imports)-1], ", ") + " and " + imports[len(imports)-1] + "."
}

// TestPackageDocsStateTheirImports holds every package's doc comment, in
// its doc.go and nowhere else, to the imports go list reports: the
// sentence "It imports …" names exactly the module's packages it imports
// (the program's, not its tests').
func TestPackageDocsStateTheirImports(t *testing.T) {
	pkgs := modulePackages(t)
	for _, p := range pkgs {
		var want []string
		for _, imp := range p.Imports {
			if imp == "leaflet" || strings.HasPrefix(imp, "leaflet/") {
				want = append(want, imp)
			}
		}
		slices.Sort(want)
		rel := moduleRel(t, p.Dir)
		docFile := filepath.Join(rel, "doc.go")
		fix := fmt.Sprintf("go list says %s imports %q, so write %q", p.ImportPath, want, claimSentence(want))
		fset := token.NewFileSet()
		var doc string
		for _, name := range p.GoFiles {
			f, err := parser.ParseFile(fset, filepath.Join(p.Dir, name), nil, parser.PackageClauseOnly|parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case name == "doc.go":
				doc = f.Doc.Text()
			case f.Doc != nil:
				t.Errorf("%s has a package comment: %s holds it, and only it", filepath.Join(rel, name), docFile)
			}
		}
		if doc == "" {
			t.Errorf("%s has no doc.go with a package comment: add %s, saying what the package is for and %q", p.ImportPath, docFile, claimSentence(want))
			continue
		}
		doc = strings.Join(strings.Fields(doc), " ")
		claims := importsClaim.FindAllStringSubmatch(doc, -1)
		if len(claims) != 1 {
			t.Errorf("%s has %d sentences \"It imports …\", want one: %s", docFile, len(claims), fix)
			continue
		}
		got := modulePath.FindAllString(claims[0][1], -1)
		slices.Sort(got)
		if len(got) == 0 && !strings.Contains(claims[0][1], "no other package of the module") {
			t.Errorf("%s says %q, which names no package of the module and does not say \"no other package of the module\": %s", docFile, claims[0][0], fix)
			continue
		}
		if !slices.Equal(got, want) {
			var diff []string
			for _, imp := range want {
				if !slices.Contains(got, imp) {
					diff = append(diff, "it imports "+imp)
				}
			}
			for _, imp := range got {
				if !slices.Contains(want, imp) {
					diff = append(diff, "it does not import "+imp)
				}
			}
			t.Errorf("%s says %q, but %s: fix the sentence; %s", docFile, claims[0][0], strings.Join(diff, ", "), fix)
		}
	}
}

// TestTestsFindToolsThroughTesttool holds the tests to one way of finding
// a real client: testtool.Need (or testtool.Python), which skips on a
// developer's machine and fails in CI. A test calling exec.LookPath itself
// can skip silently in CI.
func TestTestsFindToolsThroughTesttool(t *testing.T) {
	for _, p := range modulePackages(t) {
		for _, name := range slices.Concat(p.TestGoFiles, p.XTestGoFiles) {
			path := filepath.Join(p.Dir, name)
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			execName := ""
			for _, imp := range f.Imports {
				if v, _ := strconv.Unquote(imp.Path.Value); v == "os/exec" {
					execName = "exec"
					if imp.Name != nil {
						execName = imp.Name.Name
					}
				}
			}
			if execName == "" {
				continue
			}
			ast.Inspect(f, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok || sel.Sel.Name != "LookPath" {
					return true
				}
				if x, ok := sel.X.(*ast.Ident); ok && x.Name == execName {
					pos := fset.Position(sel.Pos())
					t.Errorf("%s:%d: exec.LookPath in a test: use testtool.Need (leaflet/internal/testtool), which fails in CI where a skip would hide the missing tool", moduleRel(t, pos.Filename), pos.Line)
				}
				return true
			})
		}
	}
}

// TestREADMEListsEveryPackage holds the package table of README.md (the
// one headed "| package |") to go list: one row per package of the module.
func TestREADMEListsEveryPackage(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	in := false
	for _, line := range strings.Split(string(readme), "\n") {
		switch {
		case strings.HasPrefix(line, "| package |"):
			in = true
		case in && !strings.HasPrefix(line, "|"):
			in = false
		case in:
			if cells := strings.Split(line, "|"); len(cells) > 2 {
				if name := strings.Trim(strings.TrimSpace(cells[1]), "`"); !strings.HasPrefix(name, "---") {
					listed = append(listed, name)
				}
			}
		}
	}
	if len(listed) == 0 {
		t.Fatal(`README.md has no package table (a table headed "| package | … |")`)
	}
	pkgs := modulePackages(t)
	for path := range pkgs {
		name := strings.TrimPrefix(path, "leaflet/")
		if !slices.Contains(listed, name) {
			t.Errorf("README.md's package table has no row for %s: add \"| `%s` | what it does |\"", path, name)
		}
	}
	for _, name := range listed {
		if _, ok := pkgs["leaflet/"+name]; !ok {
			t.Errorf("README.md's package table lists %s, which go list does not find in the module", name)
		}
	}
}
