// SPDX-License-Identifier: MIT

package epub

import (
	"bytes"
	"encoding/json"
	"image"
	pngenc "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"leaflet/content"
	"leaflet/internal/testtool"
)

// epubcheckJar is Debian's epubcheck, run with java -jar: its own script
// may fail to start in a container. The quick compiler alone and the
// serial collector start it in three quarters of the time, which a check
// of one small book is mostly.
const epubcheckJar = "/usr/share/java/epubcheck.jar"

func TestEveryLanguagesBookPassesEpubcheck(t *testing.T) {
	testtool.Need(t, "epubcheck", "epubcheck")
	java := testtool.Need(t, "java", "default-jre-headless")
	l := builtin(t)
	dir := t.TempDir()
	for _, lang := range l.Langs() {
		path := filepath.Join(dir, "cse-"+lang+".epub")
		if err := os.WriteFile(path, book(t, l, lang), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			out, err := exec.CommandContext(t.Context(), java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", epubcheckJar, path).CombinedOutput()
			if err != nil || !strings.Contains(string(out), "0 fatals / 0 errors / 0 warnings") {
				t.Errorf("epubcheck (%v):\n%s", err, out)
			}
		})
	}
}

// aceReport is what DAISY Ace's report.json says, in part.
type aceReport struct {
	Result struct {
		Outcome string `json:"earl:outcome"`
	} `json:"earl:result"`
	Assertions []struct {
		Subject struct {
			URL string `json:"url"`
		} `json:"earl:testSubject"`
		Assertions []struct {
			Test struct {
				Title  string `json:"dct:title"`
				Impact string `json:"earl:impact"`
			} `json:"earl:test"`
		} `json:"assertions"`
	} `json:"assertions"`
	Metadata struct {
		Missing []string `json:"missing"`
	} `json:"a11y-metadata"`
}

func TestBooksPassDAISYAce(t *testing.T) {
	testtool.Need(t, "chromium", "chromium")
	node := testtool.Need(t, "node", "nodejs")
	ace, err := filepath.Abs("../tools/web/node_modules/@daisy/ace-cli/bin/ace.js")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(ace); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("@daisy/ace-cli is missing in CI: .ci/run must run npm ci in tools/web")
		}
		t.Skipf("@daisy/ace-cli not installed: run (cd tools/web && npm ci --ignore-scripts) to check the books with DAISY Ace")
	}
	l := builtin(t)
	dir := t.TempDir()
	for _, lang := range []string{"en", "ur", "bn", "zh-Hans"} {
		path := filepath.Join(dir, "cse-"+lang+".epub")
		if err := os.WriteFile(path, book(t, l, lang), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(dir, "ace-"+lang)
			cmd := exec.CommandContext(t.Context(), node, ace, "--silent", "--force", "--outdir", out, "--tempdir", filepath.Join(dir, "tmp-"+lang), path)
			cmd.Env = append(os.Environ(), "PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium")
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("ace: %v\n%s", err, b)
			}
			data, err := os.ReadFile(filepath.Join(out, "report.json"))
			if err != nil {
				t.Fatal(err)
			}
			var r aceReport
			if err := json.Unmarshal(data, &r); err != nil {
				t.Fatal(err)
			}
			for _, a := range r.Assertions {
				for _, v := range a.Assertions {
					if v.Test.Impact == "serious" || v.Test.Impact == "critical" {
						t.Errorf("ace: %s: %s (%s)", a.Subject.URL, v.Test.Title, v.Test.Impact)
					}
				}
			}
			for _, m := range r.Metadata.Missing {
				if strings.HasPrefix(m, "schema:") || m == "dcterms:conformsTo" {
					t.Errorf("ace: the metadata lacks %s", m)
				}
			}
			if r.Result.Outcome != "pass" {
				t.Logf("ace's outcome: %s", r.Result.Outcome)
			}
		})
	}
}

func TestABookWithTheLeafletsOwnPicturePassesEpubcheck(t *testing.T) {
	testtool.Need(t, "epubcheck", "epubcheck")
	java := testtool.Need(t, "java", "default-jre-headless")
	img := image.NewRGBA(image.Rect(0, 0, 4, 3))
	var png bytes.Buffer
	if err := pngenc.Encode(&png, img); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"content/t/leaflet.toml": {Data: []byte(`
[organisation]
name = "Demo Board"
phone = "01604 364036"
[[section]]
place = "cover"
  [[section.block]]
  title = "title"
[easy_read]
label = "label"
[[easy_read.section]]
heading = "h"
  [[easy_read.section.point]]
  picture = "door.png"
  alt = "door.alt"
  text = ["one"]
`)},
		"content/t/door.png": {Data: png.Bytes()},
		"locales/t/active.en.toml": {Data: []byte(`
[title]
other = "Demo"
[label]
other = "Easy read"
[h]
other = "About"
[door.alt]
other = "Our front door"
[one]
other = "Come and see us."
`)},
	}
	l, ds := content.Load(fsys, "", "t")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	data := book(t, l, "en")
	fs, _, _ := files(t, data)
	if fs["EPUB/images/picture-1.png"] != png.String() || !strings.Contains(fs["EPUB/easy-read.xhtml"], `<img src="images/picture-1.png" alt="Our front door"`) {
		t.Error("the leaflet's own picture is not a file of the book with its alt text")
	}
	path := filepath.Join(t.TempDir(), "t-en.epub")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.CommandContext(t.Context(), java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", epubcheckJar, path).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "0 fatals / 0 errors / 0 warnings") {
		t.Errorf("epubcheck (%v):\n%s", err, out)
	}
}
