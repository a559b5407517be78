// SPDX-License-Identifier: MIT

package translate

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"leaflet/content"
)

// shape is what a message must keep in translation: its template fields,
// links and addresses, strong text and forced line breaks.
type shape struct {
	fields    []string // template actions, normalised: "{{.Phone}}"
	links     []string // link targets of [words](target)
	addresses []string // email and web addresses written out
	strong    int      // **strong** spans
	breaks    int      // forced line breaks
	words     bool     // has letters outside fields and markup
}

var (
	actionRe  = regexp.MustCompile(`\{\{-?\s*(.*?)\s*-?\}\}`)
	addressRe = regexp.MustCompile(`[\p{Latin}0-9._%+-]+@[\p{Latin}0-9-]+(?:\.[\p{Latin}0-9-]+)+|(?:https?://|www\.)[\x21-\x7E]*[A-Za-z0-9/#=_-]`)
)

// shapeOf reads a message's text. It fails on markup content would reject:
// an unclosed ** or link, or a link without a target.
func shapeOf(s string) (shape, error) {
	var sh shape
	for _, m := range actionRe.FindAllStringSubmatch(s, -1) {
		sh.fields = append(sh.fields, "{{"+strings.Join(strings.Fields(m[1]), " ")+"}}")
	}
	// each action becomes "\x00N\x00", N its index, so that links keep
	// theirs and the words around them can be told apart
	acts := actionRe.FindAllString(s, -1)
	n := 0
	plain := actionRe.ReplaceAllStringFunc(s, func(string) string {
		n++
		return fmt.Sprintf("\x00%d\x00", n-1)
	})
	var text strings.Builder
	strong := false
	for i := 0; i < len(plain); {
		switch {
		case plain[i] == '\\' && i+1 < len(plain):
			text.WriteByte(plain[i+1])
			i += 2
		case strings.HasPrefix(plain[i:], "**"):
			if !strong {
				sh.strong++
			}
			strong = !strong
			i += 2
		case plain[i] == '[':
			end := strings.Index(plain[i:], "](")
			close := -1
			if end >= 0 {
				close = strings.IndexByte(plain[i+end:], ')')
			}
			if end < 0 || close < 0 {
				return sh, fmt.Errorf("unclosed link: %q", s[min(i, len(s)):])
			}
			target := plain[i+end+2 : i+end+close]
			if target == "" {
				return sh, fmt.Errorf("link %q has no target", plain[i+1:i+end])
			}
			sh.links = append(sh.links, restoreFields(target, acts))
			text.WriteString(plain[i+1 : i+end])
			i += end + close + 1
		default:
			text.WriteByte(plain[i])
			i++
		}
	}
	if strong {
		return sh, errors.New("unclosed **")
	}
	t := placeholderRe.ReplaceAllString(text.String(), " ")
	sh.addresses = addressRe.FindAllString(t, -1)
	sh.breaks = strings.Count(t, "\n")
	sh.words = strings.IndexFunc(t, unicode.IsLetter) >= 0
	sort.Strings(sh.fields)
	sort.Strings(sh.links)
	sort.Strings(sh.addresses)
	return sh, nil
}

// restoreFields puts back the template actions that shapeOf replaced in
// a link target, so that [us]({{.Website}}) keeps its field.
func restoreFields(target string, acts []string) string {
	return placeholderRe.ReplaceAllStringFunc(target, func(p string) string {
		var i int
		fmt.Sscanf(strings.Trim(p, "\x00"), "%d", &i)
		if i < len(acts) {
			return acts[i]
		}
		return p
	})
}

var placeholderRe = regexp.MustCompile("\x00[0-9]+\x00")

// hasWords reports whether a message has text to translate: letters
// outside its template fields and markup. "{{.Address}}" has none.
func hasWords(s string) bool {
	sh, err := shapeOf(s)
	return err != nil || sh.words
}

// mismatch is one way a translation's shape differs from the source's.
type mismatch struct {
	severity content.Severity
	msg      string
}

// compareShape returns how a translation differs from its source text in
// what it must keep. Errors are fields, links and addresses lost or added
// and markup content rejects; warnings are strong text and line breaks
// that differ, which a translation may have reason to change.
func compareShape(source, target string) []mismatch {
	var out []mismatch
	src, err := shapeOf(source)
	if err != nil {
		return nil // the source's own problem, reported by content
	}
	tr, err := shapeOf(target)
	if err != nil {
		return []mismatch{{content.Error, fmt.Sprintf("invalid markup: %v", err)}}
	}
	diff := func(what string, a, b []string) {
		lost, added := multisetDiff(a, b)
		for _, x := range lost {
			out = append(out, mismatch{content.Error, fmt.Sprintf("%s %s is missing", what, x)})
		}
		for _, x := range added {
			out = append(out, mismatch{content.Error, fmt.Sprintf("%s %s is not in the source text", what, x)})
		}
	}
	diff("template field", src.fields, tr.fields)
	diff("link to", src.links, tr.links)
	diff("address", src.addresses, tr.addresses)
	switch {
	case src.strong > 0 && tr.strong == 0:
		out = append(out, mismatch{content.Error, "the bold text (**…**) is lost"})
	case src.strong == 0 && tr.strong > 0:
		out = append(out, mismatch{content.Warning, "it has bold text (**…**) that the source text has not"})
	case src.strong != tr.strong:
		out = append(out, mismatch{content.Warning, fmt.Sprintf("it has %d bold passages (**…**); the source text has %d", tr.strong, src.strong)})
	}
	if src.breaks != tr.breaks {
		out = append(out, mismatch{content.Warning, fmt.Sprintf("it has %d line breaks; the source text has %d", tr.breaks, src.breaks)})
	}
	return out
}

// multisetDiff returns the items of a missing from b and those of b not in
// a, counting repeats; both must be sorted.
func multisetDiff(a, b []string) (lost, added []string) {
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			lost = append(lost, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			added = append(added, b[j])
			j++
		default:
			i++
			j++
		}
	}
	return lost, added
}
