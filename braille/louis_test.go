// SPDX-License-Identifier: MIT

package braille

import (
	"bytes"
	"errors"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"leaflet/content"
	"leaflet/internal/testtool"
)

// louis returns liblouis's translator, skipping the test without it (in
// CI failing it).
func louis(t testing.TB) *Louis {
	t.Helper()
	return &Louis{Path: testtool.Need(t, "lou_translate", "liblouis-bin")}
}

// builtinDoc returns the built-in leaflet localised in lang.
func builtinDoc(t testing.TB, lang string) *content.Document {
	t.Helper()
	l, ds := content.Load(content.Builtin(), "", content.DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	doc, ds := l.Localize(lang)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return doc
}

// lou runs lou_translate with args on lines, one output line for each.
func lou(t testing.TB, args []string, lines []string) []string {
	t.Helper()
	path := testtool.Need(t, "lou_translate", "liblouis-bin")
	cmd := exec.CommandContext(t.Context(), path, args...)
	cmd.Stdin = strings.NewReader(strings.Join(lines, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("lou_translate %v: %v", args, err)
	}
	got := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(got) != len(lines) {
		t.Fatalf("lou_translate %v: %d lines for %d", args, len(got), len(lines))
	}
	return got
}

// brfPages reads a BRF file as a reader's software does: pages between
// form feeds, lines ended by CR LF, each line in Unicode braille.
func brfPages(t testing.TB, brf []byte) [][]string {
	t.Helper()
	var pages [][]string
	for _, p := range bytes.Split(brf, []byte("\f")) {
		s := string(p)
		if !strings.HasSuffix(s, "\r\n") {
			t.Fatalf("a page does not end with CR LF: %q", s[max(0, len(s)-20):])
		}
		var lines []string
		for _, l := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
			if strings.ContainsAny(l, "\r\n") {
				t.Fatalf("a line with a lone CR or LF: %q", l)
			}
			u, err := Unicode(l)
			if err != nil {
				t.Fatal(err)
			}
			lines = append(lines, u)
		}
		pages = append(pages, lines)
	}
	return pages
}

func TestLouisTranslatesInUnicodeBrailleAndMarksWhatATableLacks(t *testing.T) {
	got, err := louis(t).Translate(t.Context(), tables["en"], []string{"Child Sexual Exploitation", "", "a ☃ b"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"⠠⠡⠀⠠⠎⠑⠭⠥⠁⠇⠀⠠⠑⠭⠏⠇⠕⠊⠞⠁⠰⠝", "", "⠁⠀⣿⠀⠰⠃"}; !slices.Equal(got, want) {
		t.Errorf("got %q; want %q", got, want)
	}
}

func TestLouisSaysWhichTableIsMissing(t *testing.T) {
	_, err := louis(t).Translate(t.Context(), Table{Name: "xx-none-g1.utb", Display: "unicode.dis"}, []string{"a"})
	if err == nil || !strings.Contains(err.Error(), "liblouis has no table xx-none-g1.utb: install liblouis-data") {
		t.Errorf("got %v; want an error naming the table and liblouis-data", err)
	}
}

func TestWithoutLiblouisTheErrorSaysHowToInstallIt(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := FindLouis()
	if !errors.Is(err, ErrNoLiblouis) || !strings.Contains(err.Error(), "apt-get install liblouis-bin liblouis-data") {
		t.Errorf("got %v; want ErrNoLiblouis saying how to install it", err)
	}
}

// TestASCIIAgreesWithLiblouisBRF writes the English leaflet's braille in
// braille ASCII and compares it with liblouis's own en-us-brf.dis, cell
// by cell.
func TestASCIIAgreesWithLiblouisBRF(t *testing.T) {
	doc := builtinDoc(t, "en")
	var lines []string
	for _, s := range doc.Sections {
		for _, b := range s.Blocks {
			for _, x := range b.Texts {
				lines = append(lines, strings.ReplaceAll(x.String(), "\n", " "))
			}
		}
	}
	uni := lou(t, []string{"--forward", "unicode.dis,en-ueb-g2.ctb"}, lines)
	brf := lou(t, []string{"--forward", "en-us-brf.dis,en-ueb-g2.ctb"}, lines)
	for i := range lines {
		got, err := ASCII(uni[i])
		if err != nil || got != brf[i] {
			t.Errorf("%q: got %q, %v; liblouis writes %q", lines[i], got, err, brf[i])
		}
	}
}

// words returns a text's words as the measure of back-translation reads
// them: NFC, lower case, punctuation and symbols as spaces, digits of any
// script as ASCII digits, and in Arabic script without the vowel marks
// (harakat, which Arabic braille writes or leaves out) and with one form
// of the letters Arabic, Persian and Urdu write differently (ي for ی and
// ى, ه for ہ and ھ, ك for ک).
func words(s string) []string {
	// the Urdu table reads the cell of ھ back as «: one after a letter
	// of Arabic script is the letter
	s = urduHeh.ReplaceAllString(s, "${1}ه")
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsPunct(r) || unicode.IsSymbol(r):
			return ' '
		case unicode.IsDigit(r):
			if d := digitValue(r); d >= 0 {
				return '0' + rune(d)
			}
		case r >= 0x064B && r <= 0x065F, r == 0x0670, r >= 0x06D6 && r <= 0x06ED:
			return -1
		case r == 'ی' || r == 'ى':
			return 'ي'
		case r == 'ہ' || r == 'ھ':
			return 'ه'
		case r == 'ک':
			return 'ك'
		}
		return r
	}, norm.NFC.String(strings.ToLower(s)))
	return strings.Fields(s)
}

var urduHeh = regexp.MustCompile(`(\p{Arabic})«`)

// digitValue returns a decimal digit's value, of any script.
func digitValue(r rune) int {
	for _, zero := range []rune{'0', 0x0660, 0x06F0, 0x0966, 0x09E6, 0x0A66, 0x0AE6} {
		if r >= zero && r <= zero+9 {
			return int(r - zero)
		}
	}
	return -1
}

// lcs returns the length of the longest common subsequence of a and b.
func lcs(a, b []string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// roundTrip returns the standard edition's words after one trip through
// liblouis and back, each word as the braille edition gives it to the
// table (prepared: a letter with a nukta as one character); a word in
// Latin letters, put into English braille, as it is.
func roundTrip(t *testing.T, doc *content.Document, table Table) []string {
	ws := strings.Fields(louisText(prepare(strings.Join(standardTexts(doc), "\n"))))
	var script []string
	for _, w := range ws {
		if !latinishWord(w) {
			script = append(script, w)
		}
	}
	fwd := lou(t, []string{"--forward", table.Display + "," + table.Name}, script)
	back := lou(t, []string{"--backward", table.Display + "," + table.Name}, fwd)
	var out []string
	for _, w := range ws {
		if latinishWord(w) {
			out = append(out, words(w)...)
		} else {
			out = append(out, words(back[0])...)
			back = back[1:]
		}
	}
	return out
}

// standardWords returns the words of the standard edition's text of a
// document, in reading order as the braille edition sets them: the
// cover's, the sections', the contact details'. The languages offer,
// in other languages, is not among them.
func standardWords(doc *content.Document) []string {
	return words(strings.Join(standardTexts(doc), "\n"))
}

// standardTexts returns the texts standardWords reads.
func standardTexts(doc *content.Document) []string {
	var texts []string
	add := func(t content.Text) { texts = append(texts, t.String()) }
	var body []content.DocSection
	for _, place := range []content.Place{content.Cover, content.Inside, content.Flap, content.Back} {
		for _, s := range doc.Sections {
			if s.Place == place {
				body = append(body, s)
			}
		}
	}
	for _, s := range body {
		if s.Heading != nil && !slices.ContainsFunc(s.Blocks, func(b content.DocBlock) bool { return b.Kind == content.Languages }) {
			add(*s.Heading)
		}
		for _, b := range s.Blocks {
			for _, t := range b.Texts {
				add(t)
			}
			if b.Source != nil {
				add(*b.Source)
			}
		}
	}
	return words(strings.Join(texts, "\n"))
}

// backWords back-translates a BRF's pages with a table, the page numbers
// left out, and returns the words. Without a table for Latin letters each
// line is back-translated by itself (no word is divided between lines);
// with one, each braille word by itself, with both tables, and the
// reading of English braille's table is taken where the table's own does
// not give a word of want and it does: a word in Latin letters was put
// into English braille.
func backWords(t *testing.T, brf []byte, table Table, want []string) []string {
	t.Helper()
	var lines []string
	for _, p := range brfPages(t, brf) {
		for _, l := range p[1:] {
			if l = strings.Trim(l, string(Blank)); l != "" {
				lines = append(lines, l)
			}
		}
	}
	if table.Latin == nil {
		return words(strings.Join(lou(t, []string{"--backward", table.Display + "," + table.Name}, lines), "\n"))
	}
	var cells []string
	for _, l := range lines {
		cells = append(cells, strings.FieldsFunc(l, func(r rune) bool { return r == Blank })...)
	}
	own := lou(t, []string{"--backward", table.Display + "," + table.Name}, cells)
	latin := lou(t, []string{"--backward", table.Latin.Display + "," + table.Latin.Name}, cells)
	known := map[string]bool{}
	for _, w := range want {
		known[w] = true
	}
	var out []string
	for i := range cells {
		o, l := words(own[i]), words(latin[i])
		if !allKnown(o, known) && allKnown(l, known) {
			o = l
		}
		out = append(out, o...)
	}
	return out
}

func allKnown(ws []string, known map[string]bool) bool {
	for _, w := range ws {
		if !known[w] {
			return false
		}
	}
	return len(ws) > 0
}

// TestBackTranslationGivesBackTheWords puts the built-in leaflet into
// braille in English, Polish, Arabic, Urdu and Bengali, reads the BRF back
// as a reader's software does (braille ASCII to Unicode braille), and
// back-translates it with liblouis (lou_translate --backward, the same
// table): the standard edition's words must come back in order, at least
// 98 % of them, measured as the longest common subsequence of the two
// lists of words (see words) over the standard edition's. English,
// Polish, Arabic and Urdu are compared with the standard edition's words
// themselves (the Urdu table reads ھ's cell back as «, which words reads
// as the letter); Bengali, whose table drops vowel signs on the way back,
// with its words after one trip through liblouis and back, each word
// alone (roundTrip). A word in Latin letters, in English braille, is read
// back with English braille's table (backWords).
func TestBackTranslationGivesBackTheWords(t *testing.T) {
	tr := Cached(louis(t))
	for _, lang := range []string{"en", "pl", "ar", "ur", "bn"} {
		t.Run(lang, func(t *testing.T) {
			doc := builtinDoc(t, lang)
			ed, ds := Make(t.Context(), doc, tr, Options{})
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			table, _ := TableFor(lang, 2)
			want, trip := standardWords(doc), "the standard edition's words"
			if lang == "bn" {
				want, trip = roundTrip(t, doc, table), "the standard edition's words after a trip there and back"
			}
			got := backWords(t, ed.BRF(), table, want)
			n := lcs(want, got)
			cover := 100 * float64(n) / float64(len(want))
			t.Logf("%s (%s): %d of %s, %d, back in order: %.1f %%; not back: %q", lang, table, n, trip, len(want), cover, missingWords(want, got))
			if cover < 98 {
				t.Errorf("%s: %.1f %% of the words back; want at least 98 %%", lang, cover)
			}
		})
	}
}

// missingWords returns the words of want that got lacks, counted.
func missingWords(want, got []string) []string {
	have := map[string]int{}
	for _, w := range got {
		have[w]++
	}
	var out []string
	for _, w := range want {
		if have[w] > 0 {
			have[w]--
		} else {
			out = append(out, w)
		}
	}
	return out
}

// TestGeometryReadFromTheBRF makes the braille edition of every language
// that has it and reads each BRF as an embosser does: only braille ASCII
// (0x20–0x5F), CR LF and form feeds; no line over 40 cells, no page over
// 25 lines; on each page's first line its number, right-aligned; each
// section heading, put into braille alone, found on its lines centred
// (the blank cells either side differing by one at most), with a blank
// line and a line of text under it on its page; and the phone number,
// email and web address, put into braille alone, never divided between
// lines.
func TestGeometryReadFromTheBRF(t *testing.T) {
	lv := louis(t)
	tr := Cached(lv)
	for _, lang := range []string{"en", "pl", "lt", "uk", "ar", "fa", "ur", "ckb", "bn", "pa"} {
		t.Run(lang, func(t *testing.T) {
			doc := builtinDoc(t, lang)
			ed, ds := Make(t.Context(), doc, tr, Options{})
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			brf := ed.BRF()
			for i, c := range brf {
				if (c < 0x20 || c > 0x5F) && c != '\r' && c != '\n' && c != '\f' {
					t.Fatalf("byte %d of the BRF is %#x, not braille ASCII", i, c)
				}
			}
			pages := brfPages(t, brf)
			table, _ := TableFor(lang, 2)
			var nums []string
			for i := range pages {
				nums = append(nums, doc.Leaflet.FormatNumber(lang, i+1))
			}
			numbers := lou(t, []string{"--forward", table.Display + "," + table.Name}, nums)
			for i, p := range pages {
				if len(p) > DefaultLines {
					t.Errorf("page %d has %d lines", i+1, len(p))
				}
				for j, l := range p {
					if n := len([]rune(l)); n > DefaultCells {
						t.Errorf("page %d line %d has %d cells", i+1, j+1, n)
					}
				}
				num := strings.TrimLeft(p[0], string(Blank))
				if len([]rune(p[0])) != DefaultCells || num == "" || strings.ContainsRune(num, Blank) {
					t.Errorf("page %d: its first line %q is not a number at the right", i+1, p[0])
				}
				if num != numbers[i] {
					t.Errorf("page %d: its number is %s; the table writes %s as %s", i+1, num, nums[i], numbers[i])
				}
			}
			var heads []string
			for _, s := range doc.Sections {
				if s.Heading != nil {
					heads = append(heads, louisText(prepare(s.Heading.String())))
				}
			}
			if h, err := doc.LanguagesHeading(); err == nil {
				heads = append(heads, louisText(prepare(h.String())))
			}
			keeps := []string{doc.Org.Phone, doc.Org.Email, doc.Org.Website}
			hb := headingsInBraille(t, heads, table)
			found := 0
			for hi, h := range hb {
				before := found
				hw := strings.Fields(strings.ReplaceAll(h, string(Blank), " "))
				for pi, p := range pages {
					for li := 1; li < len(p); li++ {
						n := headingAt(p, li, hw)
						if n == 0 {
							continue
						}
						found++
						for k := li; k < li+n; k++ {
							left := len([]rune(p[k])) - len([]rune(strings.TrimLeft(p[k], string(Blank))))
							right := DefaultCells - len([]rune(p[k]))
							if left-right > 1 || right-left > 1 {
								t.Errorf("page %d line %d: the heading %q is not centred: %d cells left, %d right", pi+1, k+1, heads[hi], left, right)
							}
						}
						if end := li + n; end+1 >= len(p) || p[end] != "" || p[end+1] == "" {
							t.Errorf("page %d line %d: the heading %q has no blank line and text under it on its page", pi+1, li+1, heads[hi])
						}
					}
				}
				if found == before {
					t.Errorf("the heading %q, %s, is not found on lines of its own", heads[hi], h)
				}
			}
			if found < len(heads) {
				t.Errorf("%d of the %d headings found centred on their lines", found, len(heads))
			}
			kb := lou(t, []string{"--forward", table.Display + "," + table.Name}, keeps)
			if table.Latin != nil {
				kb = append(kb, lou(t, []string{"--forward", table.Latin.Display + "," + table.Latin.Name}, keeps)...)
			}
			var all []string
			for _, p := range pages {
				all = append(all, p[1:]...)
			}
			joined := strings.Join(all, string(Blank))
			for _, k := range kb {
				if !sixDot(k) {
					continue
				}
				inLines := 0
				for _, l := range all {
					inLines += strings.Count(l, k)
				}
				if n := strings.Count(joined, k); n != inLines {
					t.Errorf("%q is divided between lines %d of %d times", k, n-inLines, n)
				}
			}
		})
	}
}

// headingsInBraille returns headings in a table's braille. Of a heading
// the table cannot put into 6-dot braille, a word with a cell of 8 dots
// is "*", which headingAt takes for any word: the edition puts it into
// English braille.
func headingsInBraille(t *testing.T, heads []string, table Table) []string {
	own := lou(t, []string{"--forward", table.Display + "," + table.Name}, heads)
	for i, h := range own {
		if sixDot(h) {
			continue
		}
		ws := strings.Split(h, string(Blank))
		for k, w := range ws {
			if !sixDot(w) {
				ws[k] = "*"
			}
		}
		own[i] = strings.Join(ws, string(Blank))
	}
	return own
}

// headingAt returns how many lines from line i of a page hold a heading's
// words, or 0.
func headingAt(p []string, i int, words []string) int {
	var got []string
	for k := i; k < len(p) && len(got) < len(words); k++ {
		ws := strings.Fields(strings.ReplaceAll(p[k], string(Blank), " "))
		if len(ws) == 0 || !slices.EqualFunc(ws, words[len(got):min(len(words), len(got)+len(ws))], func(a, b string) bool { return a == b || b == "*" }) {
			return 0
		}
		got = append(got, ws...)
		if len(got) == len(words) {
			return k - i + 1
		}
	}
	return 0
}

// TestACharacterATableLacksIsNamedWithItsMessage puts a leaflet with a
// snowman (U+2603) in English through liblouis: an error names the
// character, the message, the language and the table, at the message in
// the bundle.
func TestACharacterATableLacksIsNamedWithItsMessage(t *testing.T) {
	c := brailleCase{Leaflet: `
published = 2026-11-27
[organisation]
name = "Riverside"
[[section]]
place = "cover"
  [[section.block]]
  title = "cover.title"
[[section]]
  [[section.block]]
  paragraph = "about.body"
`, Bundle: map[string]string{"en": `
[cover.title]
description = "The title."
other = "Safe"

[about.body]
description = "A paragraph."
other = "Stay warm ☃ this winter."
`}}
	doc, _ := caseDocument(t, c)
	_, ds := Make(t.Context(), doc, louis(t), Options{})
	want := `locales/case/active.en.toml:6:1: error: en braille: language en: message "about.body": U+2603 "☃" cannot be put into braille: en-ueb-g2.ctb has no braille for it`
	if !ds.HasErrors() || !strings.HasPrefix(ds.Error(), want) {
		t.Errorf("got %v; want %s", ds, want)
	}
}
