// SPDX-License-Identifier: MIT

package build

import (
	"leaflet/compose"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"leaflet/internal/testtool"
	"leaflet/layout"
)

func TestTheQRCodeOnTheBackCoverDecodesToTheWebsite(t *testing.T) {
	zbarimg := testtool.Need(t, "zbarimg", "zbar-tools")
	pdftoppm := testtool.Need(t, "pdftoppm", "poppler-utils")
	for _, lang := range []string{"en", "ur"} {
		file := pdfFile(t, buildLang(t, lang, layout.A4))
		png := filepath.Join(t.TempDir(), "page")
		runTool(t, pdftoppm, "-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile", file, png)
		out, err := exec.CommandContext(t.Context(), zbarimg, "-q", "--raw", png+".png").Output()
		if err != nil {
			t.Fatalf("%s: zbarimg found no code: %v", lang, err)
		}
		if got := strings.TrimSpace(string(out)); got != "https://www.northamptonshirescb.org.uk" {
			t.Errorf("%s: the QR code says %q; want the website", lang, got)
		}
	}
}

// buildLang builds one language's tri-fold.
func buildLang(t *testing.T, lang string, paper layout.Paper) Output {
	t.Helper()
	outs, ds := Run(t.Context(), Request{Leaflet: builtin(t), Langs: []string{lang}, Editions: []*compose.Edition{compose.TriFold}, Paper: paper})
	if ds.HasErrors() || len(outs) != 1 {
		t.Fatalf("got %d outputs: %v", len(outs), ds)
	}
	return outs[0]
}
