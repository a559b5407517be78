// SPDX-License-Identifier: MIT

package build

import (
	"leaflet/internal/testtool"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// needFontTools returns a Python that has fontTools (Debian package
// python3-fonttools), skipping the test when there is none on a developer's
// machine; in CI (CI set) none fails.
func needFontTools(t *testing.T) string {
	t.Helper()
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if p, err := exec.LookPath(py); err == nil && exec.Command(p, "-c", "import fontTools").Run() == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("fontTools is missing in CI: .ci/run must install the Debian package python3-fonttools")
	}
	t.Skip("no python3 with fontTools (Debian package python3-fonttools): skipping the check with a real font parser")
	return ""
}

// TestFontProgramsParse takes the font programs out of built PDFs with
// mutool and has two independent font parsers read them whole: fontTools
// (ttx decompiles every table) and the OpenType sanitiser browsers use,
// which must find nothing to warn about.
func TestFontProgramsParse(t *testing.T) {
	mutool := testtool.Need(t, "mutool", "mupdf-tools")
	ots := testtool.Need(t, "ots-sanitize", "opentype-sanitizer")
	py := needFontTools(t)
	outs := buildAll(t)
	for _, o := range outs {
		if o.Job.Lang != "en" && o.Job.Lang != "ar" && o.Job.Lang != "zh-Hans" && o.Job.Lang != "ti" {
			continue
		}
		name := o.Job.Lang + "-" + o.Job.Edition.Name
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "leaflet.pdf")
			if err := os.WriteFile(file, o.PDF, 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(mutool, "extract", file)
			cmd.Dir = dir
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("mutool extract: %v\n%s", err, out)
			}
			fonts, _ := filepath.Glob(filepath.Join(dir, "*.ttf"))
			if len(fonts) == 0 {
				t.Fatal("mutool found no TrueType font program")
			}
			for _, f := range fonts {
				if out, err := exec.Command(py, "-m", "fontTools.ttx", "-q", "-o", os.DevNull, f).CombinedOutput(); err != nil || len(out) > 0 {
					t.Errorf("fontTools cannot read %s: %v\n%s", filepath.Base(f), err, out)
				}
				out, err := exec.Command(ots, f, os.DevNull).CombinedOutput()
				if err != nil || strings.Contains(string(out), "WARNING") || strings.Contains(string(out), "ERROR") {
					t.Errorf("ots-sanitize %s: %v\n%s", filepath.Base(f), err, out)
				}
			}
		})
	}
}
