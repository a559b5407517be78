// SPDX-License-Identifier: MIT

package convert

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// slugWords is how many of a heading's words make its section's ID.
const slugWords = 3

// stopWords are left out of IDs: "Recognise the signs of CSE" gives
// recognise-signs-cse.
var stopWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "and": true, "or": true,
	"for": true, "in": true, "on": true, "at": true, "by": true, "with": true, "from": true,
	"as": true, "its": true, "this": true, "that": true, "these": true, "those": true,
}

// reserved are the first parts of IDs that a converted leaflet gives its
// own messages, and the keys go-i18n reads as a message's fields: a
// section whose heading makes one of them gets a number after it.
var reserved = []string{
	"cover", "contact", "languages", "language", "request", "notice", "page", "picture", "er",
	"id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other",
}

// slug returns the ID part made from a heading: its first words in lower
// case ASCII, without stop words, joined with hyphens, a phrase the
// document abbreviates replaced by its abbreviation (expand maps
// "child sexual exploitation" to "cse"). It returns "" for a heading
// without letters or digits.
func slug(heading string, expand map[string]string) string {
	s := strings.ToLower(stripMarkup(heading))
	// the longest phrase first, so that the same document always gives
	// the same IDs
	phrases := make([]string, 0, len(expand))
	for p := range expand {
		phrases = append(phrases, p)
	}
	sort.Slice(phrases, func(i, j int) bool {
		if len(phrases[i]) != len(phrases[j]) {
			return len(phrases[i]) > len(phrases[j])
		}
		return phrases[i] < phrases[j]
	})
	for _, phrase := range phrases {
		a := expand[phrase]
		s = strings.ReplaceAll(s, phrase+" ("+a+")", a)
		s = strings.ReplaceAll(s, phrase, a)
	}
	// letters without their accents, then ASCII letters and digits only
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		case r == '\'' || r == '’':
			// "it's" is one word
		default:
			b.WriteByte(' ')
		}
	}
	var words []string
	for _, w := range strings.Fields(b.String()) {
		if !stopWords[w] {
			words = append(words, w)
		}
		if len(words) == slugWords {
			break
		}
	}
	return strings.Join(words, "-")
}

// names hands out IDs, each once.
type names map[string]bool

func newNames() names {
	n := names{}
	for _, r := range reserved {
		n[r] = true
	}
	return n
}

// take returns base, or base-2, base-3… when it is taken, and takes it.
func (n names) take(base string) string {
	id := base
	for i := 2; n[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	n[id] = true
	return id
}
