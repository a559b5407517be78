// SPDX-License-Identifier: MIT

package braille

import (
	"context"
	"strings"
	"sync"
	"unicode"
)

// fake is a Translator for tests that needs no liblouis: the letters a–z
// as the braille alphabet, a capital after the capital sign ⠠, a run of
// digits after the number sign ⠼, some punctuation, any other letter as a
// cell of its own, a space as a blank cell. A character it has no cell for
// (a symbol), or one its table lacks, is the undefined cell ⣿, as liblouis
// writes it with the table the Louis translator adds.
type fake struct {
	// lacks are the characters each table (by name) has no braille for;
	// joins are the tables that write no space after a comma, as
	// Russian and Ukrainian braille do.
	lacks map[string]string
	joins map[string]bool
	mu    sync.Mutex
	// calls counts the calls for each table.
	calls map[string]int
}

var (
	fakeLetters = []rune("⠁⠃⠉⠙⠑⠋⠛⠓⠊⠚⠅⠇⠍⠝⠕⠏⠟⠗⠎⠞⠥⠧⠺⠭⠽⠵")
	fakeDigits  = []rune("⠚⠁⠃⠉⠙⠑⠋⠛⠓⠊")
	fakePunct   = map[rune]rune{
		'.': '⠲', ',': '⠂', ';': '⠆', ':': '⠒', '?': '⠦', '!': '⠖', '-': '⠤', '\'': '⠄', '"': '⠶',
		'(': '⠣', ')': '⠜', '/': '⠌', '@': '⠈', '&': '⠯', '–': '⠠', '’': '⠄', '۔': '⠲',
	}
)

func (f *fake) Translate(_ context.Context, t Table, lines []string) ([]string, error) {
	f.mu.Lock()
	if f.calls == nil {
		f.calls = map[string]int{}
	}
	f.calls[t.Name]++
	lacks, joins := f.lacks[t.Name], f.joins[t.Name]
	f.mu.Unlock()
	out := make([]string, len(lines))
	for i, s := range lines {
		if joins {
			s = strings.ReplaceAll(s, ", ", ",")
		}
		var b strings.Builder
		digits := false
		for _, r := range s {
			switch {
			case strings.ContainsRune(lacks, r):
				b.WriteRune('⣿')
			case r == ' ':
				b.WriteRune(Blank)
			case r >= '0' && r <= '9':
				if !digits {
					b.WriteRune('⠼')
				}
				b.WriteRune(fakeDigits[r-'0'])
			case r >= 'a' && r <= 'z':
				b.WriteRune(fakeLetters[r-'a'])
			case r >= 'A' && r <= 'Z':
				b.WriteRune('⠠')
				b.WriteRune(fakeLetters[r-'A'])
			case fakePunct[r] != 0:
				b.WriteRune(fakePunct[r])
			case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
				b.WriteRune(rune(0x2801 + int(r)%62))
			default:
				b.WriteRune('⣿')
			}
			digits = r >= '0' && r <= '9'
		}
		out[i] = b.String()
	}
	return out, nil
}
