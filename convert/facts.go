// SPDX-License-Identifier: MIT

package convert

import (
	"regexp"
	"strings"
	"unicode"
)

// facts are the organisation's, as recognised in the document.
type facts struct {
	name, short           string
	address               []string
	phone, email, website string
	// guessed is the one line the address lines were guessed from, or "".
	guessed string
}

var (
	emailRe = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+`)
	webRe   = regexp.MustCompile(`(?i)(?:https?://|www\.)[a-z0-9][-a-z0-9.]*\.[a-z]{2,}(?:/[^\s)\]]*)?`)
	// phone numbers: a country code (+44, +44 (0)) or a leading 0, then
	// 9 to 13 digits in groups
	phoneRe    = regexp.MustCompile(`(?:\+\d{1,3}[ -]?(?:\(0\)[ -]?)?|\(?\b0)\d{2,5}\)?(?:[ -]?\d){5,8}\b`)
	postcodeRe = regexp.MustCompile(`\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b`)
	// an abbreviation: two to six capitals
	abbrRe = regexp.MustCompile(`\b[A-Z]{2,6}\b`)
	// the offer of the leaflet in other languages and formats
	offerRe = regexp.MustCompile(`(?i)\b(?:other|different|alternative)\s+(?:languages|formats)\b|\b(?:large print|braille|easy read) (?:version|copy|format)`)
)

// orgWords end an organisation's name: "… Safeguarding Children Board".
var orgWords = map[string]bool{
	"board": true, "council": true, "partnership": true, "trust": true, "service": true,
	"services": true, "team": true, "office": true, "agency": true, "authority": true,
	"centre": true, "center": true, "foundation": true, "charity": true, "association": true,
	"society": true, "network": true, "school": true, "college": true, "academy": true,
	"hospital": true, "practice": true, "surgery": true, "clinic": true, "police": true,
	"department": true, "unit": true, "hub": true, "project": true, "alliance": true,
	"nhs": true, "ltd": true, "limited": true, "cic": true, "organisation": true,
}

// lineKind is what one line of a paragraph is.
type lineKind int

const (
	lineText lineKind = iota
	linePhone
	lineEmail
	lineWebsite
	lineAddress
)

// contactLine says what one line of plain text is: a contact detail with
// at most a short label ("Tel: 01604 364036", "E-Mail: …", "www.…"), an
// address (a line with a UK postcode that is not a sentence), or text.
func contactLine(s string) lineKind {
	s = strings.TrimSpace(s)
	label := func(re *regexp.Regexp) bool {
		if !re.MatchString(s) {
			return false
		}
		rest := re.ReplaceAllString(s, " ")
		rest = strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}
			return ' '
		}, rest)
		return len(strings.Fields(rest)) <= 3
	}
	switch {
	case label(emailRe):
		return lineEmail
	case label(webRe):
		return lineWebsite
	case label(phoneRe):
		return linePhone
	case postcodeRe.MatchString(s) && len(strings.Fields(s)) <= 30 && !strings.HasSuffix(s, "."):
		return lineAddress
	}
	return lineText
}

// lines returns a paragraph's lines in plain text.
func lines(markup string) []string {
	var out []string
	for _, l := range strings.Split(markup, "\n") {
		if l = strings.TrimSpace(stripMarkup(l)); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// contactParagraph reports whether every line of a paragraph is a contact
// detail or an address, or it holds an address on lines of its own.
func contactParagraph(markup string) bool {
	ls := lines(markup)
	if len(ls) == 0 {
		return false
	}
	address := false
	for _, l := range ls {
		switch contactLine(l) {
		case lineText:
			if !strings.HasSuffix(l, ":") && len(ls) == 1 {
				return false
			}
		case lineAddress:
			address = true
		}
	}
	if address && len(ls) > 1 {
		return true
	}
	for _, l := range ls {
		if contactLine(l) == lineText {
			return false
		}
	}
	return true
}

// findFacts recognises the organisation's contact details: first on the
// contact lines of the document, then in its sentences. abbrs are the
// document's abbreviations, candidates for the organisation's short name.
func findFacts(secs []section, abbrs []string) facts {
	var f facts
	var paras []string
	for _, s := range secs {
		for _, b := range s.blocks {
			if b.kind == para {
				paras = append(paras, b.items[0])
			}
		}
	}
	for _, p := range paras {
		ls := lines(p)
		for i, l := range ls {
			switch contactLine(l) {
			case linePhone:
				if f.phone == "" {
					f.phone = phoneRe.FindString(l)
				}
			case lineEmail:
				if f.email == "" {
					f.email = emailRe.FindString(l)
				}
			case lineWebsite:
				if f.website == "" {
					f.website = trimURL(webRe.FindString(l))
				}
			case lineAddress:
				if f.address == nil {
					f.readAddress(ls, i, abbrs)
				}
			}
		}
	}
	// then in sentences
	for _, p := range paras {
		plain := stripMarkup(p)
		if f.phone == "" {
			f.phone = phoneRe.FindString(plain)
		}
		if f.email == "" {
			f.email = emailRe.FindString(plain)
		}
		if f.website == "" {
			// a web address in a sentence is the organisation's when it
			// is a site's, not a page's
			for _, u := range webRe.FindAllString(plain, -1) {
				u = trimURL(u)
				if rest := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://"), "/"); !strings.Contains(rest, "/") {
					f.website = u
					break
				}
			}
		}
	}
	return f
}

func trimURL(s string) string {
	return strings.TrimRight(s, ".,;:!?")
}

// readAddress reads the address whose postcode is on ls[at], and the
// organisation's name when it comes first.
func (f *facts) readAddress(ls []string, at int, abbrs []string) {
	// after any label ("Write to us at:")
	start := 0
	for start < at && strings.HasSuffix(ls[start], ":") {
		start++
	}
	if start < at {
		// the address on lines of its own, the organisation's name first
		if short, n := orgName(strings.Fields(ls[start]), abbrs); n == len(strings.Fields(ls[start])) {
			f.name, f.short = ls[start], short
			start++
		}
		f.address = append([]string(nil), ls[start:at+1]...)
		return
	}
	line := ls[at]
	if strings.Contains(line, ",") {
		var parts []string
		for _, p := range strings.Split(line, ",") {
			if p = strings.TrimSpace(p); p != "" {
				parts = append(parts, p)
			}
		}
		if short, n := orgName(strings.Fields(parts[0]), abbrs); n == len(strings.Fields(parts[0])) && len(parts) > 1 {
			f.name, f.short = parts[0], short
			parts = parts[1:]
		}
		f.address = parts
		return
	}
	// one line without commas: the name, the house and street, the town
	// and the postcode run together, lines guessed
	f.guessed = line
	loc := postcodeRe.FindStringIndex(line)
	pc := line[loc[0]:loc[1]]
	words := strings.Fields(line[:loc[0]])
	short, n := orgName(words, abbrs)
	if n > 0 && n < len(words) {
		f.name, f.short = strings.Join(words[:n], " "), short
		words = words[n:]
	}
	var out []string
	if len(words) > 1 {
		town := words[len(words)-1]
		var cur []string
		for _, w := range words[:len(words)-1] {
			if len(cur) > 0 && unicode.IsDigit([]rune(w)[0]) {
				out = append(out, strings.Join(cur, " "))
				cur = nil
			}
			cur = append(cur, w)
		}
		out = append(out, strings.Join(cur, " "), town)
	} else if len(words) == 1 {
		out = append(out, words[0])
	}
	f.address = append(out, pc)
}

// smallWords may stand inside an organisation's name without counting in
// its initials: "Council for Voluntary Service".
var smallWords = map[string]bool{"of": true, "and": true, "for": true, "the": true, "&": true, "in": true, "on": true}

// orgName returns how many of the first words name an organisation: words
// whose initials spell one of the document's abbreviations (which is then
// its short name), or words up to one that ends a name ("Board"). It
// returns 0 when they name none.
func orgName(words []string, abbrs []string) (short string, n int) {
	for _, a := range abbrs {
		if k := initialsMatch(words, a); k > 0 {
			return a, k
		}
	}
	for i, w := range words {
		if !startsUpper(w) && !smallWords[strings.ToLower(w)] {
			break
		}
		if orgWords[strings.ToLower(strings.Trim(w, ".,"))] {
			return "", i + 1
		}
	}
	return "", 0
}

// initialsMatch returns how many of the first words have a's letters as
// their initials (small words between them allowed), or 0.
func initialsMatch(words []string, a string) int {
	i := 0
	for n, w := range words {
		if i == len(a) {
			return n
		}
		if smallWords[strings.ToLower(w)] && i > 0 {
			continue
		}
		if !startsUpper(w) || unicode.ToUpper([]rune(w)[0]) != rune(a[i]) {
			return 0
		}
		i++
	}
	if i == len(a) {
		return len(words)
	}
	return 0
}

func startsUpper(w string) bool {
	r := []rune(w)
	return len(r) > 0 && unicode.IsUpper(r[0])
}

// abbreviations returns the document's abbreviations in capitals ("NSCB",
// "CSE"), each once, in order, leaving out postcodes' letters.
func abbreviations(secs []section) []string {
	seen := map[string]bool{}
	var out []string
	each(secs, func(s string) {
		for _, a := range abbrRe.FindAllString(stripMarkup(s), -1) {
			if !seen[a] {
				seen[a] = true
				out = append(out, a)
			}
		}
	})
	return out
}

// expansions returns what the document's abbreviations stand for, from
// the places it spells them out: "Child Sexual Exploitation (CSE)" gives
// "child sexual exploitation" → "cse".
func expansions(secs []section) map[string]string {
	out := map[string]string{}
	re := regexp.MustCompile(`\(([A-Z]{2,6})\)`)
	each(secs, func(s string) {
		s = stripMarkup(s)
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			a := s[m[2]:m[3]]
			words := strings.Fields(s[:m[0]])
			// the words before, read back to the abbreviation's first letter
			i, k := len(a)-1, len(words)-1
			for ; k >= 0 && i >= 0; k-- {
				w := strings.Trim(words[k], `"“‘'`)
				if smallWords[strings.ToLower(w)] {
					continue
				}
				if !startsUpper(w) || unicode.ToUpper([]rune(w)[0]) != rune(a[i]) {
					break
				}
				i--
			}
			if i < 0 {
				phrase := strings.ToLower(strings.Join(words[k+1:], " "))
				out[strings.Trim(phrase, `"“‘'`)] = strings.ToLower(a)
			}
		}
	})
	return out
}

// each calls f with every text of the document.
func each(secs []section, f func(string)) {
	for _, s := range secs {
		if s.heading != "" {
			f(s.heading)
		}
		for _, b := range s.blocks {
			for _, it := range b.items {
				f(it)
			}
			if b.source != "" {
				f(b.source)
			}
		}
	}
}

// stripMarkup returns the plain text of a text in the bundles' markup.
func stripMarkup(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case strings.HasPrefix(s[i:], "**"):
			i++
		case s[i] == ']' && strings.HasPrefix(s[i:], "]("):
			if end := strings.IndexByte(s[i:], ')'); end > 0 {
				i += end
			}
		case s[i] == '[':
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// digits returns the digits of a phone number.
func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// templated returns a text with the organisation's facts as template data:
// its phone number, email address and web address wherever they appear
// (outside link targets), and, unless facts is for a heading, its name and
// short name as whole words.
func (f *facts) templated(s string, names bool) string {
	return outsideTargets(s, func(t string) string {
		if f.phone != "" {
			want := digits(f.phone)
			t = phoneRe.ReplaceAllStringFunc(t, func(m string) string {
				if digits(m) == want {
					return "{{.Phone}}"
				}
				return m
			})
		}
		if f.email != "" {
			t = strings.ReplaceAll(t, f.email, "{{.Email}}")
		}
		if f.website != "" {
			want := siteKey(f.website)
			t = webRe.ReplaceAllStringFunc(t, func(m string) string {
				u := trimURL(m)
				if siteKey(u) == want {
					return "{{.Website}}" + m[len(u):]
				}
				return m
			})
		}
		if names {
			if f.name != "" {
				t = wholeWord(t, f.name, "{{.Name}}")
			}
			if f.short != "" {
				t = wholeWord(t, f.short, "{{.ShortName}}")
			}
		}
		return t
	})
}

func siteKey(u string) string {
	u = strings.ToLower(u)
	u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	return strings.TrimSuffix(u, "/")
}

func wholeWord(s, word, repl string) string {
	re := regexp.MustCompile(`\b` + regexp.QuoteMeta(word) + `\b`)
	return re.ReplaceAllLiteralString(s, repl)
}

// outsideTargets applies f to the parts of a text in the bundles' markup
// that are not link targets.
func outsideTargets(s string, f func(string) string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "](")
		if i < 0 {
			break
		}
		end := strings.IndexByte(s[i:], ')')
		if end < 0 {
			break
		}
		b.WriteString(f(s[:i]))
		b.WriteString(s[i : i+end+1])
		s = s[i+end+1:]
	}
	b.WriteString(f(s))
	return b.String()
}
