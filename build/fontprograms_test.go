// SPDX-License-Identifier: MIT

package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"leaflet/internal/testtool"
)

// TestFontProgramsParse takes the font programs out of built PDFs with
// mutool and has two independent font parsers read them whole: fontTools
// (ttx decompiles every table) and the OpenType sanitiser browsers use,
// which must find nothing to warn about.
func TestFontProgramsParse(t *testing.T) {
	mutool := testtool.Need(t, "mutool", "mupdf-tools")
	ots := testtool.Need(t, "ots-sanitize", "opentype-sanitizer")
	py := testtool.Python(t, "fontTools", "python3-fonttools")
	outs := buildAll(t)
	for _, o := range outs {
		if o.Job.Lang != "en" && o.Job.Lang != "ar" && o.Job.Lang != "zh-Hans" && o.Job.Lang != "ti" {
			continue
		}
		name := o.Job.Lang + "-" + o.Job.Edition.Name
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "leaflet.pdf")
			if err := os.WriteFile(file, o.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.CommandContext(t.Context(), mutool, "extract", file)
			cmd.Dir = dir
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("mutool extract: %v\n%s", err, out)
			}
			fonts, _ := filepath.Glob(filepath.Join(dir, "*.ttf"))
			if len(fonts) == 0 {
				t.Fatal("mutool found no TrueType font program")
			}
			for _, f := range fonts {
				if out, err := exec.CommandContext(t.Context(), py, "-m", "fontTools.ttx", "-q", "-o", os.DevNull, f).CombinedOutput(); err != nil || len(out) > 0 {
					t.Errorf("fontTools cannot read %s: %v\n%s", filepath.Base(f), err, out)
				}
				out, err := exec.CommandContext(t.Context(), ots, f, os.DevNull).CombinedOutput()
				if err != nil || strings.Contains(string(out), "WARNING") || strings.Contains(string(out), "ERROR") {
					t.Errorf("ots-sanitize %s: %v\n%s", filepath.Base(f), err, out)
				}
			}
		})
	}
}
