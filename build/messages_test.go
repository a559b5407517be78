// SPDX-License-Identifier: MIT

package build

import (
	"strings"
	"testing"
	"unicode"

	"leaflet/content"
	"leaflet/internal/testtool"
	"leaflet/layout"
)

// squashText removes white space and direction marks, which line breaking
// and pdftotext add or move, and folds quotes and dashes as normalise does.
func squashText(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || (r >= 0x200B && r <= 0x200F) || (r >= 0x202A && r <= 0x202E) {
			return -1
		}
		return r
	}, normalise(s))
}

// bareWord removes combining marks (Arabic harakat), which pdftotext may
// move within a right-to-left word.
func bareWord(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, s)
}

func TestPDFTextGivesBackEveryMessageInEveryLanguage(t *testing.T) {
	pdftotext := testtool.Need(t, "pdftotext", "poppler-utils")
	l := builtin(t)
	imp := layout.NewTriFold(layout.A4)
	for _, lang := range l.Langs() {
		t.Run(lang, func(t *testing.T) {
			doc, ds := l.Localize(lang)
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			file := pdfFile(t, buildLang(t, lang, layout.A4))
			var parts []string
			for _, panel := range layout.Panels {
				p := imp.Imposition(doc.RTL)[panel]
				parts = append(parts, panelText(t, pdftotext, file, p.Page+1, p.Area))
			}
			got := squashText(strings.Join(parts, ""))
			bare := bareWord(got)
			var texts []content.Text
			for _, s := range doc.Sections {
				if s.Heading != nil {
					texts = append(texts, *s.Heading)
				}
				for _, b := range s.Blocks {
					texts = append(texts, b.Texts...)
				}
			}
			for _, txt := range texts {
				want := squashText(txt.String())
				if doc.RTL {
					// poppler rebuilds right-to-left lines word by word and
					// mirrors brackets its own way: every word must come
					// back
					words := strings.FieldsFunc(txt.String(), func(r rune) bool { return unicode.IsSpace(r) || r == '/' })
					for _, w := range splitDigits(words) {
						w = strings.Trim(w, "()[]«»\"\u201c\u201d.,:;\u060c\u061b!?\u061f\u2013\u2014-")
						if w != "" && !strings.Contains(bare, bareWord(squashText(w))) {
							t.Errorf("message %s: pdftotext lacks the word %q", txt.ID, w)
						}
					}
					continue
				}
				if !strings.Contains(got, want) {
					t.Errorf("message %s: pdftotext lacks %q", txt.ID, txt.String())
				}
			}
			t.Logf("%s: %d messages checked", lang, len(texts))
		})
	}
}

// splitDigits splits words where digits meet letters ("٢٢ی" is "٢٢" and
// "ی"): poppler orders a number and the letters after it as two runs.
func splitDigits(words []string) []string {
	var out []string
	for _, w := range words {
		start, digit := 0, false
		for i, r := range w {
			d := unicode.IsDigit(r)
			if i > 0 && d != digit {
				out = append(out, w[start:i])
				start = i
			}
			digit = d
		}
		out = append(out, w[start:])
	}
	return out
}
