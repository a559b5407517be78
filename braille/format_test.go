// SPDX-License-Identifier: MIT

package braille

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

// cells returns a word of braille for tests, of n cells (at least 3),
// the same for no two i: i in three letters, then full cells.
func cells(i, n int) string {
	return string([]rune{fakeLetters[i/676%26], fakeLetters[i/26%26], fakeLetters[i%26]}) + strings.Repeat("⠿", max(n-3, 0))
}

func TestWrapNeverDividesAWord(t *testing.T) {
	B, K, S := string(Blank), string(keepBlank), string(softBreak)
	for _, c := range []struct {
		name        string
		text        string
		first, rest int
		want        []string
		long        int
	}{
		{"words fill the lines", "⠁⠁" + B + "⠃⠃" + B + "⠉⠉" + B + "⠙⠙", 5, 5, []string{"⠁⠁⠀⠃⠃", "⠉⠉⠀⠙⠙"}, 0},
		{"the first line is shorter", "⠁⠁" + B + "⠃⠃" + B + "⠉⠉", 3, 5, []string{"⠁⠁", "⠃⠃⠀⠉⠉"}, 0},
		{"a kept blank joins words", "⠁⠁" + B + "⠃⠃" + K + "⠉⠉", 5, 5, []string{"⠁⠁", "⠃⠃" + K + "⠉⠉"}, 0},
		{"a soft break breaks without a blank", "⠁⠁⠂" + S + "⠃⠃⠂" + S + "⠉⠉", 6, 6, []string{"⠁⠁⠂⠃⠃⠂", "⠉⠉"}, 0},
		{"a word longer than its measure takes a line of its own", "⠁" + B + "⠃⠃⠃⠃⠃⠃" + B + "⠉", 4, 4, []string{"⠁", "⠃⠃⠃⠃⠃⠃", "⠉"}, 0},
		{"a word longer than the page is cut", "⠁" + B + "⠃⠃⠃⠃⠃⠃⠃⠃⠃" + B + "⠉", 4, 4, []string{"⠁", "⠃⠃⠃⠃⠃⠃", "⠃⠃⠃", "⠉"}, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, long := wrap(c.text, c.first, c.rest, 6)
			if !slices.Equal(got, c.want) || len(long) != c.long {
				t.Errorf("got %q, %d overlong; want %q, %d", got, len(long), c.want, c.long)
			}
		})
	}
}

// TestPagesKeepHeadingsWithTheirText sets a document of headings,
// paragraphs, lists and contact details on pages of every height from 10
// to 30 lines and 20 to 40 cells, and checks every page: no line over the
// cells, no page over the lines, its number at the top right, no heading
// on a page's last line nor without its blank line and text under it on
// its page, every word whole, a heading centred, the contact details on
// one page.
func TestPagesKeepHeadingsWithTheirText(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var blocks []block
	headings := map[string]bool{}
	contact := map[string]bool{}
	words := map[string]bool{}
	n := 0
	text := func(count int) string {
		var ws []string
		for range count {
			n++
			w := cells(n, 1+rng.IntN(8))
			ws = append(ws, w)
			words[w] = true
		}
		return strings.Join(ws, string(Blank))
	}
	blocks = append(blocks, block{text(3), centredStyle}, block{text(2), style{centre: true, before: 1, pageBreak: true}})
	for s := range 12 {
		h := text(1 + rng.IntN(6))
		blocks = append(blocks, block{h, headingStyle})
		headings[h] = true
		for p := range 1 + rng.IntN(3) {
			blocks = append(blocks, block{text(2 + rng.IntN(40)), paragraphStyle})
			if p == 0 && s%3 == 1 {
				items := 2 + rng.IntN(4)
				for i := range items {
					st := itemStyle
					if i == 0 {
						st.before = 1
					}
					if i == items-1 {
						st.after = 1
					}
					blocks = append(blocks, block{text(1 + rng.IntN(12)), st})
				}
			}
		}
	}
	for i := range 6 {
		st := lineStyle
		if i == 0 {
			st.before = 1
		}
		if i == 5 {
			st.after, st.keep = 1, false
		}
		c := text(2)
		contact[c] = true
		blocks = append(blocks, block{c, st})
	}
	for lines := 10; lines <= 30; lines++ {
		for _, width := range []int{20, 30, 40} {
			g := geometry{width, lines}
			pages, long := format(blocks, g, numberOf)
			if len(long) > 0 {
				t.Fatalf("%d × %d: overlong words %v", width, lines, long)
			}
			where := func(p, l int) string { return fmt.Sprintf("%d × %d page %d line %d", width, lines, p+1, l+1) }
			contactPages := map[int]bool{}
			for pi, p := range pages {
				if len(p) > lines {
					t.Errorf("%s: %d lines", where(pi, 0), len(p))
				}
				if p[0] != strings.Repeat(string(Blank), width-len([]rune(numberOf(pi+1))))+numberOf(pi+1) {
					t.Errorf("%s: %q is not the page number at the right", where(pi, 0), p[0])
				}
				for li, l := range p[1:] {
					li++
					if len([]rune(l)) > width {
						t.Errorf("%s: %d cells", where(pi, li), len([]rune(l)))
					}
					trimmed := strings.Trim(l, string(Blank))
					for _, w := range strings.Split(trimmed, string(Blank)) {
						if w != "" && !words[w] {
							t.Errorf("%s: %q is not a whole word", where(pi, li), w)
						}
					}
					if contact[trimmed] {
						contactPages[pi] = true
					}
					if !isHeadingLine(trimmed, headings) {
						continue
					}
					left := len([]rune(l)) - len([]rune(strings.TrimLeft(l, string(Blank))))
					right := width - len([]rune(l))
					if left-right > 1 || right-left > 1 || left < centreMargin {
						t.Errorf("%s: a heading line not centred: %d cells left, %d right", where(pi, li), left, right)
					}
					if li == len(p)-1 {
						t.Errorf("%s: a heading on the page's last line", where(pi, li))
						continue
					}
					if li+2 < len(p) && p[li+1] == "" && p[li+2] != "" && !isHeadingLine(strings.Trim(p[li+2], string(Blank)), headings) {
						continue // its blank line and text follow
					}
					if li+1 < len(p) && isHeadingLine(strings.Trim(p[li+1], string(Blank)), headings) {
						continue // its next line
					}
					t.Errorf("%s: a heading without its blank line and text under it", where(pi, li))
				}
			}
			if len(contactPages) != 1 {
				t.Errorf("%d × %d: the contact details are on pages %v", width, lines, contactPages)
			}
		}
	}
}

// isHeadingLine reports whether a line is a heading's, or part of one.
func isHeadingLine(s string, headings map[string]bool) bool {
	if s == "" {
		return false
	}
	for h := range headings {
		if h == s || strings.Contains(string(Blank)+h+string(Blank), string(Blank)+s+string(Blank)) {
			return true
		}
	}
	return false
}

func TestASCIIIsNorthAmericanBrailleASCII(t *testing.T) {
	got, err := ASCII("⠠⠡⠀⠼⠁⠃⠉⠀⠈⠁⠿")
	if want := ",* #ABC @A="; err != nil || got != want {
		t.Errorf("got %q, %v; want %q", got, err, want)
	}
	for r := rune(0x2800); r <= 0x283F; r++ {
		a, err := ASCII(string(r))
		if err != nil || a[0] < 0x20 || a[0] > 0x5F {
			t.Errorf("%U: %q, %v", r, a, err)
		}
		u, err := Unicode(strings.ToLower(a))
		if err != nil || u != string(r) {
			t.Errorf("%U back from %q: %q, %v", r, strings.ToLower(a), u, err)
		}
	}
	if _, err := ASCII("⣿"); err == nil {
		t.Error("an 8-dot cell was written in braille ASCII")
	}
}

func TestBRFIsCRLFLinesAndAFormFeedBetweenPages(t *testing.T) {
	ed := &Edition{Pages: []Page{{"⠀⠼⠁", "⠠⠁"}, {"⠀⠼⠃", "", "⠃"}}}
	if got, want := string(ed.BRF()), " #A\r\n,A\r\n\f #B\r\n\r\nB\r\n"; got != want {
		t.Errorf("BRF %q; want %q", got, want)
	}
	if got, want := string(ed.Text()), "⠀⠼⠁\n⠠⠁\n\f⠀⠼⠃\n\n⠃\n"; got != want {
		t.Errorf("text %q; want %q", got, want)
	}
}

func TestPrepare(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"call 01604\u00a0364036 now", "call 01604" + string(keepBlank) + "364036 now"},
		{"儿童\u200b性剥削", "儿童 性剥削"},
		{"بهره\u200cکشی", "بهرهکشی"},
		{"বিষয়ক", "বিষ\u09dfক"},
		{"  two\tspaces  \n", "two spaces"},
		{"\u202bRTL\u202c text", "RTL text"},
	} {
		if got := prepare(c.in); got != c.want {
			t.Errorf("prepare(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

func TestChunksCutAtSpacesUnderTheLimit(t *testing.T) {
	s := strings.Repeat("word ", 400) + "end"
	cs := chunks(s)
	if len(cs) < 3 || strings.Join(cs, " ") != s {
		t.Fatalf("%d chunks do not give the text back", len(cs))
	}
	for _, c := range cs {
		if len(c) > maxLine {
			t.Errorf("a chunk of %d bytes", len(c))
		}
	}
}

// counting is a Translator that counts the lines it is asked for.
type counting struct {
	mu    sync.Mutex
	lines map[string]int
	f     fake
}

func (c *counting) Translate(ctx context.Context, t Table, lines []string) ([]string, error) {
	c.mu.Lock()
	for _, s := range lines {
		c.lines[s]++
	}
	c.mu.Unlock()
	return c.f.Translate(ctx, t, lines)
}

func TestCachedTranslatesEachLineOfATableOnce(t *testing.T) {
	c := &counting{lines: map[string]int{}}
	tr := Cached(c)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			lines := []string{"shared", "shared", fmt.Sprint("own ", i)}
			out, err := tr.Translate(t.Context(), tables["pl"], lines)
			if err != nil || len(out) != 3 || out[0] != out[1] {
				t.Errorf("got %q, %v", out, err)
			}
		})
	}
	wg.Wait()
	if c.lines["shared"] != 1 || len(c.lines) != 9 {
		t.Errorf("lines asked for %v; want each once", c.lines)
	}
	if _, err := tr.Translate(t.Context(), tables["ar"], []string{"shared"}); err != nil || c.lines["shared"] != 2 {
		t.Errorf("another table's line: asked %d times, %v; want it asked again", c.lines["shared"], err)
	}
}
