// SPDX-License-Identifier: MIT

package pictures

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"image/png"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// readmeSources returns the README table: picture name → healthicons file,
// relative to the package's public/icons/svg folder.
func readmeSources(t *testing.T) map[string]string {
	t.Helper()
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	sources := map[string]string{}
	for line := range strings.Lines(string(data)) {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(line, "|")
		if len(cells) < 5 {
			t.Fatalf("README.md: table row %q has fewer than 3 cells", line)
		}
		name := strings.Trim(strings.TrimSpace(cells[1]), "`")
		src := strings.Trim(strings.TrimSpace(cells[3]), "`")
		if _, dup := sources[name]; dup {
			t.Errorf("README.md lists %q twice", name)
		}
		sources[name] = src
	}
	return sources
}

func TestReadmeListsEveryPicture(t *testing.T) {
	sources := readmeSources(t)
	names := Names()
	for _, n := range names {
		if _, ok := sources[n]; !ok {
			t.Errorf("README.md does not list embedded picture %q", n)
		}
	}
	for n := range sources {
		if !slices.Contains(names, n) {
			t.Errorf("README.md lists %q; want it embedded as svg/%s.svg", n, n)
		}
	}
}

// TestNoTwoNamesDrawTheSamePicture: a picture means one thing, so one
// drawing has one name (and one healthicons source).
func TestNoTwoNamesDrawTheSamePicture(t *testing.T) {
	seen := map[string]string{} // file contents → name
	for _, n := range Names() {
		data, err := files.ReadFile("svg/" + n + ".svg")
		if err != nil {
			t.Fatal(err)
		}
		if was, ok := seen[string(data)]; ok {
			t.Errorf("svg/%s.svg and svg/%s.svg are the same drawing; want one name for it", was, n)
		}
		seen[string(data)] = n
	}
	src := map[string]string{} // healthicons file → name
	for n, s := range readmeSources(t) {
		if was, ok := src[s]; ok {
			t.Errorf("README.md gives %s as the source of both %q and %q", s, was, n)
		}
		src[s] = n
	}
}

func TestNamesAreSortedShortAndStable(t *testing.T) {
	names := Names()
	if !slices.IsSorted(names) {
		t.Errorf("got names %v; want them sorted", names)
	}
	if len(names) < 30 {
		t.Errorf("got %d pictures; want at least 30", len(names))
	}
	for _, n := range names {
		if n == "" || strings.Trim(n, "abcdefghijklmnopqrstuvwxyz-") != "" || strings.HasPrefix(n, "-") || strings.HasSuffix(n, "-") {
			t.Errorf("got name %q; want lower-case words joined by hyphens", n)
		}
	}
	names[0] = "changed"
	if Names()[0] == "changed" {
		t.Error("changing the slice from Names changed the next call's result")
	}
}

func TestLicenceShipsWithThePictures(t *testing.T) {
	data, err := os.ReadFile("LICENSE-healthicons.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"MIT License", "Resolve to Save Lives", "Permission is hereby granted"} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("LICENSE-healthicons.txt does not contain %q", want)
		}
	}
}

// TestEveryPictureParsesInsideItsViewBox looks up every embedded picture.
func TestEveryPictureParsesInsideItsViewBox(t *testing.T) {
	const slack = 0.5
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			v, err := Lookup(name)
			if err != nil {
				t.Fatal(err)
			}
			if v.Name != name {
				t.Errorf("got Name %q; want %q", v.Name, name)
			}
			if want := [4]float64{0, 0, 48, 48}; v.ViewBox != want {
				t.Errorf("got viewBox %v; want %v", v.ViewBox, want)
			}
			if len(v.Paths) == 0 {
				t.Fatal("got no paths; want at least one")
			}
			for i, p := range v.Paths {
				if len(p.Segments) == 0 || p.Segments[0].Op != 'M' {
					t.Errorf("path %d: got %d segments, first %q; want it to start with M", i, len(p.Segments), firstOp(p))
				}
				for j, s := range p.Segments {
					n := map[byte]int{'M': 1, 'L': 1, 'C': 3}[s.Op]
					for _, pt := range s.P[:n] {
						if pt.X < -slack || pt.X > 48+slack || pt.Y < -slack || pt.Y > 48+slack {
							t.Errorf("path %d segment %d (%c): got point %v; want it inside the view box ± %g", i, j, s.Op, pt, slack)
						}
					}
				}
			}
		})
	}
}

func firstOp(p Path) string {
	if len(p.Segments) == 0 {
		return "none"
	}
	return string(p.Segments[0].Op)
}

func TestLookupOfAnUnknownNameSuggestsCloseNames(t *testing.T) {
	tests := []struct {
		name  string
		query string
		want  []string // first suggestions, in order
	}{
		{"typo", "phne", []string{"phone"}},
		{"other spelling", "Young_People", []string{"young-people"}},
		{"part of a name", "mobile", []string{"mobile-phone"}},
		{"longer than a name", "police-officer", []string{"police"}},
		{"plural", "doctors", []string{"doctor"}},
		{"nothing close", "zzzzzzzz", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := Lookup(tt.query)
			if err == nil {
				t.Fatalf("Lookup(%q): got %v, no error; want an error", tt.query, v.Name)
			}
			if !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("Lookup(%q): got error %v; want one wrapping fs.ErrNotExist", tt.query, err)
			}
			var ue *UnknownError
			if !errors.As(err, &ue) {
				t.Fatalf("Lookup(%q): got error %T; want *UnknownError", tt.query, err)
			}
			if len(ue.Close) < len(tt.want) || !slices.Equal(ue.Close[:len(tt.want)], tt.want) {
				t.Errorf("Lookup(%q): got close names %v; want them to start with %v", tt.query, ue.Close, tt.want)
			}
			if tt.want == nil && len(ue.Close) != 0 {
				t.Errorf("Lookup(%q): got close names %v; want none", tt.query, ue.Close)
			}
			msg := err.Error()
			if !strings.Contains(msg, fmt.Sprintf("%q", tt.query)) || (tt.want != nil && !strings.Contains(msg, tt.want[0])) {
				t.Errorf("Lookup(%q): got message %q; want it to name the query and the suggestion %v", tt.query, msg, tt.want)
			}
		})
	}
}

// TestLookupIsSharedAndRaceFree runs Lookup from many goroutines at once on
// a fresh library; run it with -race.
func TestLookupIsSharedAndRaceFree(t *testing.T) {
	lib := newLibrary(files, "svg")
	const workers = 16
	got := make([][]*Vector, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			// Each worker starts at a different name, so that first uses overlap.
			for i := range lib.names {
				v, err := lib.lookup(lib.names[(i+w)%len(lib.names)])
				if err != nil {
					t.Error(err)
					return
				}
				got[w] = append(got[w], v)
			}
		})
	}
	wg.Wait()
	byName := map[string]*Vector{}
	for w := range got {
		for _, v := range got[w] {
			if first, ok := byName[v.Name]; ok && first != v {
				t.Errorf("%s: got two different Vectors; want one shared Vector", v.Name)
			}
			byName[v.Name] = v
		}
	}
	if len(byName) != len(lib.names) {
		t.Errorf("got %d pictures; want %d", len(byName), len(lib.names))
	}
}

func BenchmarkLookupAllNamesCold(b *testing.B) {
	names := Names()
	for b.Loop() {
		lib := newLibrary(files, "svg")
		for _, n := range names {
			if _, err := lib.lookup(n); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func ExampleLookup() {
	v, err := Lookup("phone")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v.Name, v.ViewBox, len(v.Paths), "path")
	_, err = Lookup("telephone")
	fmt.Println(err)
	// Output:
	// phone [0 0 48 48] 1 path
	// unknown picture "telephone"; close names: phone
}

func ExampleParseSVG() {
	svg := `<svg viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg">
  <path fill-rule="evenodd" d="M0 0h10v10H0z m3 3v4h4V3z"/>
</svg>`
	v, err := ParseSVG("frame.svg", []byte(svg))
	if err != nil {
		fmt.Println(err)
		return
	}
	p := v.Paths[0]
	fmt.Println(len(p.Segments), "segments, even-odd:", p.EvenOdd)

	_, err = ParseSVG("dot.svg", []byte(`<svg viewBox="0 0 10 10">
  <circle cx="5" cy="5" r="5"/>
</svg>`))
	fmt.Println(err)
	fmt.Println(errors.Is(err, ErrUnsupported))
	// Output:
	// 10 segments, even-odd: true
	// dot.svg:2:3: <circle> elements are not supported (convert them to paths first)
	// true
}

// healthiconsDir returns the icons of the healthicons npm package that
// tools/healthicons installs (npm ci there, as .ci/run does), or of the
// unpacked package HEALTHICONS_DIR names; without it the test skips on a
// developer's machine and fails in CI.
func healthiconsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("HEALTHICONS_DIR")
	if dir == "" {
		dir = filepath.Join("..", "tools", "healthicons", "node_modules", "healthicons")
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "icons")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("healthicons package not found at %s in CI: .ci/run must run npm ci in tools/healthicons", dir)
		}
		t.Skipf("healthicons package not found at %s: run (cd tools/healthicons && npm ci) to compare the pictures with it", dir)
	}
	return filepath.Join(dir, "public", "icons")
}

func TestEmbeddedFilesAreHealthiconsUnchanged(t *testing.T) {
	dir := healthiconsDir(t)
	for name, src := range readmeSources(t) {
		want, err := os.ReadFile(filepath.Join(dir, "svg", filepath.FromSlash(src)))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		got, err := files.ReadFile("svg/" + name + ".svg")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("svg/%s.svg differs from healthicons' %s; want it unchanged", name, src)
		}
	}
}

// pngCoverage reads a healthicons PNG (dark ink on a transparent ground) as
// a coverage map.
func pngCoverage(file string) ([]float64, int, int, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, 0, 0, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("%s: %w", file, err)
	}
	b := img.Bounds()
	cov := make([]float64, 0, b.Dx()*b.Dy())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			ink := 1 - (0.299*float64(c.R)+0.587*float64(c.G)+0.114*float64(c.B))/255
			cov = append(cov, float64(c.A)/255*ink)
		}
	}
	return cov, b.Dx(), b.Dy(), nil
}

// compareWithPNG rasterises v at the size of healthicons' @2x PNG of the same
// icon and returns their overlap.
func compareWithPNG(v *Vector, pngFile string) (float64, error) {
	want, w, h, err := pngCoverage(pngFile)
	if err != nil {
		return 0, err
	}
	got := rasterise(v, w, h, 4)
	return overlap(got, want), nil
}

const minOverlap = 0.95

func TestPicturesCoverTheSamePixelsAsHealthiconsPNGs(t *testing.T) {
	dir := healthiconsDir(t)
	sources := readmeSources(t)
	var sum float64
	worst, worstName := math.Inf(1), ""
	for _, name := range Names() {
		src := strings.TrimSuffix(sources[name], ".svg")
		pngFile := filepath.Join(dir, "png", filepath.FromSlash(src)+"@2x.png")
		if _, err := os.Stat(pngFile); err != nil {
			t.Logf("%s: no PNG at %s; not compared", name, pngFile)
			continue
		}
		v, err := Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		iou, err := compareWithPNG(v, pngFile)
		if err != nil {
			t.Fatal(err)
		}
		if iou < minOverlap {
			t.Errorf("%s: got overlap %.4f with healthicons' PNG; want at least %.2f", name, iou, minOverlap)
		}
		sum += iou
		if iou < worst {
			worst, worstName = iou, name
		}
	}
	t.Logf("%d pictures: mean overlap (intersection over union) with healthicons' PNGs %.4f, lowest %.4f (%s)",
		len(Names()), sum/float64(len(Names())), worst, worstName)
}

// TestParserDrawsEveryHealthiconsFilledIcon parses all of healthicons'
// filled icons, not only the embedded ones, and compares each with its PNG.
func TestParserDrawsEveryHealthiconsFilledIcon(t *testing.T) {
	dir := healthiconsDir(t)
	if testing.Short() {
		t.Skip("skipping all 690 healthicons in -short mode")
	}
	svgs, err := filepath.Glob(filepath.Join(dir, "svg", "filled", "*", "*.svg"))
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	compared := 0
	var low []string
	for _, file := range svgs {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(filepath.Join(dir, "svg"), file)
		v, err := ParseSVG(rel, data)
		if err != nil {
			t.Errorf("got %v; want every healthicons filled icon to parse", err)
			continue
		}
		pngFile := filepath.Join(dir, "png", strings.TrimSuffix(rel, ".svg")+"@2x.png")
		if _, err := os.Stat(pngFile); err != nil {
			continue
		}
		iou, err := compareWithPNG(v, pngFile)
		if err != nil {
			t.Fatal(err)
		}
		sum += iou
		compared++
		if iou < minOverlap {
			low = append(low, fmt.Sprintf("%s %.3f", rel, iou))
		}
	}
	if compared == 0 {
		t.Fatal("got no icons with PNGs; want all of them")
	}
	t.Logf("%d SVGs parsed, %d compared with their PNGs: mean overlap %.4f; %d below %.2f: %v",
		len(svgs), compared, sum/float64(compared), len(low), minOverlap, low)
}
