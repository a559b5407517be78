// SPDX-License-Identifier: MIT

package text

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/bidi"
)

// The Unicode conformance test of the bidirectional algorithm,
// BidiCharacterTest.txt, comes with go-text/typesetting's module (its
// bidi/test directory), which go mod download puts in the module cache:
// the test reads it there and does not keep a copy.
//
// Each case is one paragraph set as one line. bidiLevels resolves levels
// up to rule I2; rule L1 belongs to a line (Shaper.line does not draw the
// white space at a line's end), so the test applies L1 as UAX #9 states it
// before comparing levels, and then checks visualOrder (rule L2) against
// the file's visual order. Rules P2 and P3 are the caller's (a paragraph's
// direction is its language's), so for the cases of automatic direction
// the test gives bidiLevels the paragraph level the file resolves.
//
// Cases are excluded, by count, for what bidiLevels deliberately does not
// do (see bidi.go); in BidiCharacterTest 17.0.0, of 91,707 cases:
//   - 81 with explicit embeddings or overrides (U+202A-U+202E), which
//     leaflets never carry: bidiLevels takes them for neutrals;
//   - 11 with right-to-left or first-strong isolates (RLI, FSI) or with
//     isolates nested: layout sets only left-to-right isolates, one level
//     deep, and bidiLevels takes isolate controls in the text for neutrals;
//   - 2 with Arabic digits inside a left-to-right isolate, which bidiLevels
//     reads as European digits so that a phone number reads left to right.
//
// The cases with left-to-right isolates, LRI up to its PDI or to the end
// of the paragraph, are checked by giving bidiLevels the isolates' ranges
// (the controls stay in the outer sequence, as neutrals); a PDI that closes
// no isolate is a neutral, as bidiLevels takes it. That leaves 91,613
// cases checked, 8 of them with isolates and 6 of automatic direction.

// bidiCharacterTestModule is the module whose directory holds the test
// file, and bidiCharacterTestFile the file's path inside it.
const (
	bidiCharacterTestModule = "github.com/go-text/typesetting"
	bidiCharacterTestFile   = "bidi/test/BidiCharacterTest.txt"
)

// The reasons a case is excluded.
const (
	excludeEmbeddings = "explicit embeddings or overrides (U+202A-U+202E)"
	excludeIsolates   = "right-to-left, first-strong or nested isolates"
	excludeIsolatedAN = "Arabic digits inside a left-to-right isolate"
)

// wantExcluded is how many cases each reason excludes in
// BidiCharacterTest 17.0.0.
var wantExcluded = map[string]int{
	excludeEmbeddings: 81,
	excludeIsolates:   11,
	excludeIsolatedAN: 2,
}

// bidiCase is one case of BidiCharacterTest.txt.
type bidiCase struct {
	line   int    // line number in the file
	text   []rune // field 0
	dir    string // field 1: 0 left to right, 1 right to left, 2 automatic
	base   level  // field 2: the resolved paragraph level
	levels []int  // field 3: the resolved levels; -1 for x (removed by X9)
	order  []int  // field 4: the visual order, without the removed characters
}

// TestBidiCharacterConformance checks bidiLevels and visualOrder on every
// case of BidiCharacterTest.txt that they are meant to resolve, and that
// the cases excluded are the ones expected; it reports how many it checked
// and the first failures.
func TestBidiCharacterConformance(t *testing.T) {
	path := bidiCharacterTestPath(t)
	f, err := os.Open(path)
	if err != nil {
		missingBidiCharacterTest(t, err.Error())
	}
	defer f.Close()

	var (
		version          string
		checked, failing int
		failures         []string
		excluded         = map[string]int{}
	)
	const shown = 5 // failures printed
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if n == 1 {
			version = strings.TrimSpace(strings.TrimPrefix(line, "#"))
		}
		if line == "" || line[0] == '#' {
			continue
		}
		c, err := parseBidiCase(line, n)
		if err != nil {
			t.Fatal(err)
		}
		reason, isolates := bidiExclusion(c)
		if reason != "" {
			excluded[reason]++
			continue
		}
		checked++
		if msg := checkBidiCase(c, isolates); msg != "" {
			failing++
			if len(failures) < shown {
				failures = append(failures, msg)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}

	total := 0
	for reason, want := range wantExcluded {
		total += excluded[reason]
		if excluded[reason] != want {
			t.Errorf("%s: %d cases excluded for %s; want %d (a new version of the file? see which cases and review the exclusions)", version, excluded[reason], reason, want)
		}
	}
	t.Logf("%s: %d cases checked, %d excluded (%d %s, %d %s, %d %s), %d failing",
		version, checked, total, excluded[excludeEmbeddings], excludeEmbeddings,
		excluded[excludeIsolates], excludeIsolates, excluded[excludeIsolatedAN], excludeIsolatedAN, failing)
	if failing > 0 {
		t.Errorf("%d of %d cases resolve other levels or another visual order than %s; the first %d:\n%s",
			failing, checked, version, len(failures), strings.Join(failures, "\n"))
	}
}

// bidiCharacterTestPath returns the path of BidiCharacterTest.txt in the
// module cache, from the directory 'go list -m' gives for the version of
// go-text that go.mod requires. It skips the test, or fails it in CI, when
// the module has not been downloaded.
func bidiCharacterTestPath(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-json", bidiCharacterTestModule).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			err = fmt.Errorf("%v: %s", err, bytes.TrimSpace(ee.Stderr))
		}
		missingBidiCharacterTest(t, fmt.Sprintf("go list -m %s: %v", bidiCharacterTestModule, err))
	}
	var m struct{ Version, Dir string }
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("go list -m -json %s gave %q: %v", bidiCharacterTestModule, out, err)
	}
	if m.Dir == "" {
		missingBidiCharacterTest(t, fmt.Sprintf("%s@%s is not in the module cache", bidiCharacterTestModule, m.Version))
	}
	return filepath.Join(m.Dir, filepath.FromSlash(bidiCharacterTestFile))
}

// missingBidiCharacterTest skips the test with why the file was not found,
// or, in CI (CI set), where go mod download fetches the module, fails it:
// the rule internal/testtool keeps for the real clients.
func missingBidiCharacterTest(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is missing in CI (%s): .ci/run's go mod download must fetch %s", bidiCharacterTestFile, why, bidiCharacterTestModule)
	}
	t.Skipf("%s not found (%s): run go mod download to check bidiLevels against it", bidiCharacterTestFile, why)
}

// parseBidiCase reads line n of the file: five fields separated by
// semicolons.
func parseBidiCase(line string, n int) (bidiCase, error) {
	c := bidiCase{line: n}
	fs := strings.Split(line, ";")
	if len(fs) != 5 {
		return c, fmt.Errorf("line %d: %d fields; want 5: %q", n, len(fs), line)
	}
	for _, h := range strings.Fields(fs[0]) {
		r, err := strconv.ParseUint(h, 16, 32)
		if err != nil {
			return c, fmt.Errorf("line %d: code point %q: %v", n, h, err)
		}
		c.text = append(c.text, rune(r))
	}
	c.dir = fs[1]
	if c.dir != "0" && c.dir != "1" && c.dir != "2" {
		return c, fmt.Errorf("line %d: paragraph direction %q; want 0, 1 or 2", n, c.dir)
	}
	base, err := strconv.Atoi(fs[2])
	if err != nil || base < 0 || base > 1 {
		return c, fmt.Errorf("line %d: paragraph level %q; want 0 or 1", n, fs[2])
	}
	c.base = level(base)
	for _, s := range strings.Fields(fs[3]) {
		l := -1
		if s != "x" {
			if l, err = strconv.Atoi(s); err != nil {
				return c, fmt.Errorf("line %d: level %q: %v", n, s, err)
			}
		}
		c.levels = append(c.levels, l)
	}
	if len(c.levels) != len(c.text) {
		return c, fmt.Errorf("line %d: %d levels for %d code points", n, len(c.levels), len(c.text))
	}
	for _, s := range strings.Fields(fs[4]) {
		k, err := strconv.Atoi(s)
		if err != nil || k < 0 || k >= len(c.text) {
			return c, fmt.Errorf("line %d: visual index %q is not one of the %d code points", n, s, len(c.text))
		}
		c.order = append(c.order, k)
	}
	return c, nil
}

// bidiExclusion returns why bidiLevels is not meant to resolve case c, or
// "" and the left-to-right isolates to give it: for each LRI, the runes
// after it up to its PDI or the end of the paragraph.
func bidiExclusion(c bidiCase) (string, [][2]int) {
	embedding := func(r rune) bool {
		switch bidiClass(r) {
		case bidi.LRE, bidi.RLE, bidi.LRO, bidi.RLO, bidi.PDF:
			return true
		}
		return false
	}
	if slices.ContainsFunc(c.text, embedding) {
		return excludeEmbeddings, nil
	}
	var (
		isolates [][2]int
		start    = -1 // the first rune of the open isolate
	)
	for i, r := range c.text {
		switch bidiClass(r) {
		case bidi.RLI, bidi.FSI:
			return excludeIsolates, nil
		case bidi.LRI:
			if start >= 0 {
				return excludeIsolates, nil
			}
			start = i + 1
		case bidi.PDI:
			if start >= 0 {
				isolates = append(isolates, [2]int{start, i})
				start = -1
			}
		}
	}
	if start >= 0 {
		isolates = append(isolates, [2]int{start, len(c.text)})
	}
	for _, iso := range isolates {
		for _, r := range c.text[iso[0]:iso[1]] {
			if bidiClass(r) == bidi.AN {
				return excludeIsolatedAN, nil
			}
		}
	}
	return "", isolates
}

// bidiClass returns the bidi class of r as the Unicode Character Database
// gives it.
func bidiClass(r rune) bidi.Class {
	p, _ := bidi.LookupRune(r)
	return p.Class()
}

// checkBidiCase resolves case c, with the given isolates, as one line and
// returns what differs from the file, or "".
func checkBidiCase(c bidiCase, isolates [][2]int) string {
	got := bidiLevels(c.text, c.base, isolates)
	applyL1(c.text, got, c.base)
	levelsOK := true
	for i, want := range c.levels {
		if want >= 0 && int(got[i]) != want {
			levelsOK = false
		}
	}
	// rule L2 on the characters X9 keeps
	var kept []int
	var keptLevels []level
	for i, want := range c.levels {
		if want >= 0 {
			kept = append(kept, i)
			keptLevels = append(keptLevels, got[i])
		}
	}
	order := make([]int, len(kept))
	for k, v := range visualOrder(keptLevels) {
		order[k] = kept[v]
	}
	if levelsOK && slices.Equal(order, c.order) {
		return ""
	}
	return fmt.Sprintf("line %d: %s, paragraph %s\n\tlevels want %s\n\t       got  %s\n\torder  want %v\n\t       got  %v",
		c.line, codePoints(c.text), paragraphDirection(c), formatLevels(c.levels, nil), formatLevels(c.levels, got), c.order, order)
}

// applyL1 applies rule L1 to the levels of one line of text at paragraph
// level base: segment and paragraph separators, and any white space and
// isolate controls before them or at the end of the line, take the
// paragraph level. Characters X9 removes (BN) do not end such a stretch.
func applyL1(text []rune, levels []level, base level) {
	trailing := true // in white space before a separator or the line's end
	for i := len(text) - 1; i >= 0; i-- {
		switch bidiClass(text[i]) {
		case bidi.S, bidi.B:
			levels[i] = base
			trailing = true
		case bidi.WS, bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI, bidi.BN:
			if trailing {
				levels[i] = base
			}
		default:
			trailing = false
		}
	}
}

// codePoints returns text as the file writes it: hexadecimal code points.
func codePoints(text []rune) string {
	s := make([]string, len(text))
	for i, r := range text {
		s[i] = fmt.Sprintf("%04X", r)
	}
	return strings.Join(s, " ")
}

// paragraphDirection describes the paragraph direction of case c.
func paragraphDirection(c bidiCase) string {
	switch c.dir {
	case "0":
		return "left to right"
	case "1":
		return "right to left"
	}
	return fmt.Sprintf("of automatic direction (resolved to level %d)", c.base)
}

// formatLevels writes the levels the file gives (got nil) or the levels
// got, with x where the file has x.
func formatLevels(file []int, got []level) string {
	s := make([]string, len(file))
	for i, l := range file {
		switch {
		case l < 0:
			s[i] = "x"
		case got != nil:
			s[i] = strconv.Itoa(int(got[i]))
		default:
			s[i] = strconv.Itoa(l)
		}
	}
	return strings.Join(s, " ")
}
