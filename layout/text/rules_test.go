// SPDX-License-Identifier: MIT

package text

import (
	"strings"
	"testing"
	"unicode"
)

// linesAt sets text at every width from the widest word to the whole
// paragraph, in steps, and calls check with the lines' texts.
func linesAt(t *testing.T, s *Shaper, p Paragraph, check func(width float64, lines []string)) {
	t.Helper()
	full := s.Measure(p)
	for w := full / 6; w <= full+1; w += full / 97 {
		lines, missing := s.Lines(p, w, nil)
		if len(missing) > 0 {
			t.Fatalf("missing %v", missing)
		}
		check(w, lineTexts(p, lines))
	}
}

func TestOneLetterWordsEndNoLineInPolishButMayInEnglish(t *testing.T) {
	s := newShaper(t)
	pl := Paragraph{Text: []rune("Wykorzystywanie seksualne dzieci może mieć miejsce w sieci i w szkole, a także z udziałem osób w każdym wieku i o różnym statusie."), Lang: "pl", Size: 12}
	linesAt(t, s, pl, func(w float64, lines []string) {
		for _, l := range lines[:len(lines)-1] {
			f := strings.Fields(l)
			if last := f[len(f)-1]; len([]rune(last)) == 1 && unicode.IsLetter([]rune(last)[0]) {
				t.Fatalf("width %.0f: Polish line ends with the one-letter word %q: %q", w, last, lines)
			}
		}
	})
	en := Paragraph{Text: []rune("It can happen to a boy or a girl of any age and in a place that is a home, a school or a park."), Lang: "en", Size: 12}
	ends := 0
	linesAt(t, s, en, func(w float64, lines []string) {
		for _, l := range lines[:len(lines)-1] {
			if strings.HasSuffix(l, " a ") {
				ends++
			}
		}
	})
	if ends == 0 {
		t.Error("no English line ends with \"a\" at any width: the one-letter rule is applied to English, which does not ask for it")
	}
}

func TestShortHyphenatedCompoundsAreNeverBroken(t *testing.T) {
	s := newShaper(t)
	for _, tc := range []struct {
		lang, text string
		whole      []string // never broken
		breakable  string   // may break after its hyphen
	}{
		{"en", "Please send us an e-mail or a text message and a mother-in-law can call us too.", []string{"e-mail", "mother-in-law"}, "online-presentation"},
		{"bn", "আপনার উদ্বেগের কথা জানাতে CSE-র বিষয়ে আমাদের ফোন করুন অথবা ই-মেইল পাঠান এবং CSE-এর তথ্য দেখুন।", []string{"CSE-র", "ই-মেইল", "CSE-এর"}, ""},
		{"uk", "Перегляньте відео на вебсайті разом з колегами.", nil, "онлайн-відеопрезентацію"},
	} {
		p := Paragraph{Text: []rune(tc.text), Lang: tc.lang, Size: 12}
		linesAt(t, s, p, func(w float64, lines []string) {
			for i, l := range lines[:len(lines)-1] {
				for _, c := range tc.whole {
					cut := strings.IndexAny(c, "-/") + 1
					if strings.HasSuffix(l, c[:cut]) && strings.HasPrefix(lines[i+1], c[cut:]) {
						t.Fatalf("%s at width %.0f: %q is broken: %q", tc.lang, w, c, lines)
					}
				}
			}
		})
		if tc.breakable == "" {
			continue
		}
		// a compound of long parts may break at its hyphen, when it must
		c := Paragraph{Text: []rune(tc.breakable), Lang: tc.lang, Size: 12}
		cut := strings.IndexAny(tc.breakable, "-/") + 1
		head := s.Measure(Paragraph{Text: []rune(tc.breakable[:cut]), Lang: tc.lang, Size: 12})
		lines, _ := s.Lines(c, head+1, nil)
		if got := lineTexts(c, lines); len(got) != 2 || got[0] != tc.breakable[:cut] {
			t.Errorf("%s: %q in a line just wider than %q is set as %q; want it broken at its hyphen", tc.lang, tc.breakable, tc.breakable[:cut], got)
		}
	}
}

func TestChineseHeadingsBreakOnlyBetweenWords(t *testing.T) {
	s := newShaper(t)
	// unmarked: the heading breaks before the bracket, not inside the word
	title := Paragraph{Text: []rune("儿童性剥削（CSE）"), Lang: "zh-Hans", Size: 36, Balance: true}
	for _, w := range []float64{190, 224, 260} {
		lines, _ := s.Lines(title, w, nil)
		if got := strings.Join(lineTexts(title, lines), "|"); got != "儿童性剥削|（CSE）" {
			t.Errorf("width %.0f: title set as %q; want 儿童性剥削|（CSE）", w, got)
		}
	}
	// marked by the translator: it breaks at the marks only
	marked := Paragraph{Text: []rune("识别\u200b儿童性剥削\u200b的\u200b迹象"), Lang: "zh-Hans", Size: 20, Balance: true}
	words := map[string]bool{"识别": true, "儿童性剥削": true, "的": true, "迹象": true}
	for _, w := range []float64{110, 130, 150, 170} {
		lines, _ := s.Lines(marked, w, nil)
		for _, l := range lineTexts(marked, lines) {
			for _, word := range strings.Split(strings.Trim(l, "\u200b"), "\u200b") {
				if !words[word] {
					t.Errorf("width %.0f: heading broken inside a word: %q", w, lineTexts(marked, lines))
				}
			}
		}
	}
	// a run wider than the line is broken all the same
	lines, _ := s.Lines(title, 150, nil)
	for _, l := range lines {
		if l.Width > 150 {
			t.Errorf("a heading wider than its line is not broken: %q", lineTexts(title, lines))
		}
	}
	// body text breaks between any two ideographs, as Chinese does
	body := Paragraph{Text: []rune("儿童性剥削是一种儿童性虐待形式。"), Lang: "zh-Hans", Size: 12}
	lines, _ = s.Lines(body, 12*7.5, nil)
	got := lineTexts(body, lines)
	if len(got) < 2 || !ideograph([]rune(got[0])[len([]rune(got[0]))-1]) || !ideograph([]rune(got[1])[0]) {
		t.Errorf("body set as %q; want a line broken between two ideographs", got)
	}
}

func TestEnglishNameInBracketsStaysOnOneLineInUrdu(t *testing.T) {
	s := newShaper(t)
	name := "(Tackling CSE Toolkit)"
	p := Paragraph{Text: []rune("«بچوں کے جنسی استحصال سے نمٹنے کی ٹول کٹ» " + name + " اس مقصد سے تیار کی گئی ہے کہ تمام پیشہ ور افراد کو رہنمائی فراہم کی جائے۔"), Lang: "ur", Size: 12, RTL: true}
	nameWidth := s.Measure(Paragraph{Text: []rune(name), Lang: "ur", Size: 12, RTL: true})
	linesAt(t, s, p, func(w float64, lines []string) {
		if w < nameWidth {
			return
		}
		for _, l := range lines {
			if strings.Contains(l, "(") != strings.Contains(l, ")") {
				t.Fatalf("width %.0f: the name in brackets is broken: %q", w, lines)
			}
		}
	})
	// the same words in brackets in English text may break
	en := Paragraph{Text: []rune("The toolkit " + name + " is for every professional."), Lang: "en", Size: 12}
	lines, _ := s.Lines(en, nameWidth*0.9, nil)
	if len(lines) < 3 {
		t.Errorf("got %q; want the English text broken inside the brackets", lineTexts(en, lines))
	}
}

// TestLatinAcronymAndNumberReadInOrderInUrdu checks the one rule added to
// UAX #9 against fribidi: a number after a Latin word that leads into
// right-to-left text is ordered as fribidi orders it with a right-to-left
// mark before the number, and otherwise as fribidi orders the text as is.
func TestLatinAcronymAndNumberReadInOrderInUrdu(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		rlmAt      int // rune index of the number fribidi gets a mark before; -1 for none
	}{
		{"acronym, number, years", "CSE 18 سال سے کم عمر بچوں اور نوجوانوں کے ساتھ ہوتا ہے۔", 4},
		{"a Latin phrase with a number in it", "یہ Tackling CSE 2015 Toolkit ہے", -1},
		{"a number joined to its Latin word", "کاغذ A4 پر", -1},
		{"a number at the end", "دیکھیں CSE 18", -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := []rune(tc.text)
			ask := tc.text
			if tc.rlmAt >= 0 {
				ask = string(text[:tc.rlmAt]) + "\u200f" + string(text[tc.rlmAt:])
			}
			want := fribidiLevels(t, ask, true)
			if tc.rlmAt >= 0 {
				want = append(want[:tc.rlmAt], want[tc.rlmAt+1:]...)
			}
			got := bidiLevels(text, 1, nil)
			if len(got) != len(want) {
				t.Fatalf("got %d levels; fribidi gives %d", len(got), len(want))
			}
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("level of %q (rune %d) is %d; fribidi says %d\ngot  %v\nwant %v", text[i], i, got[i], want[i], got, want)
				}
			}
		})
	}
	// and as drawn: from the right, CSE, then 18, then سال
	text := []rune("CSE 18 سال")
	if got, want := visual(text, bidiLevels(text, 1, nil)), "لاس 18 CSE"; got != want {
		t.Errorf("visual order %q; want %q", got, want)
	}
}

func TestPhoneNumberInArabicIndicDigitsReadsLeftToRight(t *testing.T) {
	text := []rune("تەلەفۆن بکە بۆ ٠١٦٠٤ ٣٦٤٠٣٦ ئێستا")
	a := strings.Index(string(text), "٠")
	a = len([]rune(string(text)[:a]))
	iso := [][2]int{{a, a + len([]rune("٠١٦٠٤ ٣٦٤٠٣٦"))}}
	if got, want := visual(text, bidiLevels(text, 1, iso)), "اتسێئ ٠١٦٠٤ ٣٦٤٠٣٦ ۆب ەکب نۆفەلەت"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestDigitsTakeTheFaceOfTheirLine(t *testing.T) {
	s := newShaper(t)
	// the phone number is a span of its own, as layout sets it
	words := "ফোন করুন "
	phone := "01604 364036"
	text := []rune(words + phone)
	n := len([]rune(words))
	p := Paragraph{Text: text, Lang: "bn", Size: 12, Spans: []Span{{Start: 0, End: n}, {Start: n, End: len(text)}}, Isolates: [][2]int{{n, len(text)}}}
	lines, _ := s.Lines(p, 1000, nil)
	for _, r := range lines[0].Runs {
		if r.Face.Name != "NotoSansBengali-Regular" {
			t.Errorf("%q is set in %s; want the Bengali face of the line", string(text[r.Start:r.End]), r.Face.Name)
		}
	}
	// a number read with the Urdu words after it is set in their face; in
	// a Latin phrase, in the Latin face
	for _, tc := range []struct{ text, number, face string }{
		{"CSE 18 سال سے کم عمر", "18", "NotoNaskhArabic-Regular"},
		{"یہ Tackling CSE 2015 Toolkit ہے", "2015", "NotoSans-Regular"},
	} {
		p := Paragraph{Text: []rune(tc.text), Lang: "ur", Size: 12, RTL: true}
		lines, _ := s.Lines(p, 1000, nil)
		for _, r := range lines[0].Runs {
			if strings.Contains(string(p.Text[r.Start:r.End]), tc.number) && r.Face.Name != tc.face {
				t.Errorf("%q: %q is set in %s; want %s", tc.text, string(p.Text[r.Start:r.End]), r.Face.Name, tc.face)
			}
		}
	}
	// Latin text keeps the text face
	en := Paragraph{Text: []rune("Call 01604 364036"), Lang: "en", Size: 12, Spans: []Span{{Start: 0, End: 5}, {Start: 5, End: 17}}}
	lines, _ = s.Lines(en, 1000, nil)
	for _, r := range lines[0].Runs {
		if r.Face.Name != "NotoSans-Regular" {
			t.Errorf("%q is set in %s; want NotoSans-Regular", string(en.Text[r.Start:r.End]), r.Face.Name)
		}
	}
}

func TestZeroWidthSpaceDrawsNothingAndSplitsNoRun(t *testing.T) {
	s := newShaper(t)
	p := Paragraph{Text: []rune("儿童\u200b性剥削"), Lang: "zh-Hans", Size: 20}
	lines, missing := s.Lines(p, 1000, nil)
	if len(missing) > 0 {
		t.Fatalf("missing %v", missing)
	}
	if n := len(lines[0].Runs); n != 1 {
		t.Errorf("got %d runs; want 1 in the Chinese face", n)
	}
	plain := s.Measure(Paragraph{Text: []rune("儿童性剥削"), Lang: "zh-Hans", Size: 20})
	if w := lines[0].Width; w != plain {
		t.Errorf("with U+200B the words are %.2f pt wide; want %.2f as without", w, plain)
	}
}

func TestShortPairsWithASlashAreNeverBroken(t *testing.T) {
	s := newShaper(t)
	// the CSE definition in Polish, where "jego/jej" (his/her) was once
	// broken after its slash
	text := "Przemoc, przymus i zastraszanie są powszechne, a uwikłanie w relacje oparte na wyzysku cechuje przede wszystkim ograniczona możliwość wyboru, jaką ma dziecko lub młoda osoba, wynikająca z\u00a0jego/jej bezbronności społecznej/ekonomicznej i/lub emocjonalnej."
	p := Paragraph{Text: []rune(text), Lang: "pl", Size: 10}
	for w := 150.0; w < 260; w += 3 {
		lines, _ := s.Lines(p, w, nil)
		for _, l := range lineTexts(p, lines) {
			if l := strings.TrimSpace(l); strings.HasSuffix(l, "jego/") || strings.HasSuffix(l, "i/") {
				t.Errorf("width %.0f: a line ends %q, dividing a pair written with a slash", w, l)
			}
		}
	}
}
