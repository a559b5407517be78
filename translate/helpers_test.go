// SPDX-License-Identifier: MIT

package translate

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"leaflet/content"
	"leaflet/internal/tomlquote"
)

// sources writes a copy of the built-in sources into a temporary folder,
// as 'leaflet init' does, and returns the folder.
func sources(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range content.BuiltinFiles() {
		data, err := fs.ReadFile(content.Builtin(), f)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// load loads the CSE leaflet from a source folder, which must have no
// errors.
func load(t testing.TB, dir string) *content.Leaflet {
	t.Helper()
	l, ds := content.Load(os.DirFS(dir), dir, content.DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatalf("load %s:\n%v", dir, ds)
	}
	return l
}

// bundlePath returns the path of a language's bundle in a source folder.
func bundlePath(dir, lang string) string {
	return filepath.Join(dir, "locales", content.DefaultLeaflet, "active."+lang+".toml")
}

// edit replaces old with new in a file, which must hold old.
func edit(t testing.TB, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not hold %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// fixture returns the translations the tests fill packs with: the built-in
// Polish texts, which keep every field and markup of the English, standing
// in for a translator's work in another language.
func fixture(t testing.TB) map[string]string {
	t.Helper()
	l, ds := content.Load(content.Builtin(), "", content.DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	out := map[string]string{}
	for id, m := range l.Bundles["pl"].Messages {
		out[id] = m.Other
	}
	return out
}

// fillTOML fills a TOML pack's other fields with the fixture, as a
// translator does.
func fillTOML(t testing.TB, pack []byte, tr map[string]string) []byte {
	t.Helper()
	lines := strings.Split(string(pack), "\n")
	id := ""
	for i, line := range lines {
		if strings.HasPrefix(line, "[") {
			id = strings.Trim(line, "[]")
		}
		if strings.HasPrefix(line, "other = ") {
			text, ok := tr[id]
			if !ok {
				t.Fatalf("the fixture has no %q", id)
			}
			lines[i] = "other = " + tomlquote.Quote(text)
		}
	}
	return []byte(strings.Join(lines, "\n"))
}

// fillXLIFF gives each unit of an XLIFF pack without a target the
// fixture's translation, as a CAT tool does.
func fillXLIFF(t testing.TB, pack []byte, tr map[string]string) []byte {
	t.Helper()
	var b strings.Builder
	id := ""
	for _, line := range strings.SplitAfter(string(pack), "\n") {
		if i := strings.Index(line, `resname="`); i >= 0 {
			id = line[i+len(`resname="`):]
			id = id[:strings.IndexByte(id, '"')]
		}
		b.WriteString(line)
		if strings.Contains(line, "</source>") && !hasTargetAfter(pack, id) {
			text, ok := tr[id]
			if !ok {
				t.Fatalf("the fixture has no %q", id)
			}
			b.WriteString(`        <target state="translated">` + escText(text) + "</target>\n")
		}
	}
	return []byte(b.String())
}

// hasTargetAfter reports whether the unit id already has a target (the
// units with nothing to translate come filled in).
func hasTargetAfter(pack []byte, id string) bool {
	s := string(pack)
	i := strings.Index(s, `resname="`+id+`"`)
	end := strings.Index(s[i:], "</trans-unit>")
	return strings.Contains(s[i:i+end], "<target")
}

var goi18nBin struct {
	once sync.Once
	path string
	err  error
	dir  string
}

// needGoi18n returns the goi18n command of the go-i18n version in go.mod,
// installed into a temporary folder with 'go install'. Without the Go
// module proxy the test is skipped on a developer's machine and fails in
// CI.
func needGoi18n(t testing.TB) string {
	t.Helper()
	goi18nBin.once.Do(func() {
		out, err := exec.CommandContext(t.Context(), "go", "list", "-m", "-f", "{{.Version}}", "github.com/nicksnyder/go-i18n/v2").Output()
		if err != nil {
			goi18nBin.err = err
			return
		}
		version := strings.TrimSpace(string(out))
		dir, err := os.MkdirTemp("", "goi18n")
		if err != nil {
			goi18nBin.err = err
			return
		}
		goi18nBin.dir = dir
		cmd := exec.CommandContext(t.Context(), "go", "install", "github.com/nicksnyder/go-i18n/v2/goi18n@"+version)
		cmd.Env = append(os.Environ(), "GOBIN="+dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			goi18nBin.err = &exec.Error{Name: "go install goi18n@" + version + ": " + strings.TrimSpace(string(out)), Err: err}
			return
		}
		goi18nBin.path = filepath.Join(dir, "goi18n")
	})
	if goi18nBin.err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("goi18n cannot be installed in CI: %v", goi18nBin.err)
		}
		t.Skipf("goi18n cannot be installed (no module proxy?): %v", goi18nBin.err)
	}
	return goi18nBin.path
}

func TestMain(m *testing.M) {
	code := m.Run()
	if goi18nBin.dir != "" {
		os.RemoveAll(goi18nBin.dir)
	}
	os.Exit(code)
}

// run runs a command and returns its combined output; it must succeed.
func run(t testing.TB, dir, name string, args ...string) string {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// diagsText returns diagnostics one per line, for failure messages.
func diagsText(ds content.Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString("\t" + strings.ReplaceAll(d.Error(), "\n", "\n\t") + "\n")
	}
	return b.String()
}
