// SPDX-License-Identifier: MIT

package content

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// Pos is a position in a source file; Line and Col count from 1. A zero Line
// means the whole file.
type Pos struct {
	File      string
	Line, Col int
}

func (p Pos) String() string {
	switch {
	case p.File == "":
		return ""
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Severity tells errors, which stop a build, from warnings, which do not.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Code names the kind of a diagnostic, for code that treats some kinds
// apart from the rest: a program tests the code, never the message, whose
// words are for people and may change. Most diagnostics have none ("").
type Code string

const (
	// CodeIncomplete: a language has messages missing or out of date, and
	// is refused, or built with the source language's text for them
	// (AllowIncomplete).
	CodeIncomplete Code = "incomplete"
	// CodeOverflow: text does not fit its panel, page or column, or an
	// edition runs to more pages than it may have.
	CodeOverflow Code = "overflow"
	// CodeNoTranslation: a message the leaflet prints has no translation
	// in a language.
	CodeNoTranslation Code = "no-translation"
	// CodeStale: a translation was made from a source text that has
	// changed since.
	CodeStale Code = "stale"
	// CodeUnknownMessage: leaflet.toml places a message ID that the
	// source language's bundle does not have.
	CodeUnknownMessage Code = "unknown-message"
	// CodeUnusedMessage: a bundle has a message that nothing prints.
	CodeUnusedMessage Code = "unused-message"
	// CodeBraille: a text cannot be put into braille: a language without
	// a braille table, or a character its table cannot translate.
	CodeBraille Code = "braille"
)

// Diagnostic is one problem found in the sources or while building.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	// Code names the kind of problem, for code that tells kinds apart;
	// empty for most. Error does not print it.
	Code Code
	// Where names the language, edition and place of a build problem,
	// e.g. "pl trifold, panel fold-in"; empty for source problems.
	Where string
	Msg   string
	// Hint says what would be valid or how to fix it.
	Hint string
	// Source is the offending source line, shown with a caret under Pos.Col.
	Source string
}

func (d Diagnostic) Error() string {
	var b strings.Builder
	if s := d.Pos.String(); s != "" {
		b.WriteString(s)
		b.WriteString(": ")
	}
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	if d.Where != "" {
		b.WriteString(d.Where)
		b.WriteString(": ")
	}
	b.WriteString(d.Msg)
	if d.Source != "" {
		fmt.Fprintf(&b, "\n\t%s", strings.ReplaceAll(d.Source, "\t", " "))
		if d.Pos.Col > 0 {
			// columns count bytes; the caret is indented by characters
			indent := utf8.RuneCountInString(d.Source[:min(d.Pos.Col-1, len(d.Source))])
			fmt.Fprintf(&b, "\n\t%s^", strings.Repeat(" ", indent))
		}
	}
	if d.Hint != "" {
		fmt.Fprintf(&b, "\n\thint: %s", d.Hint)
	}
	return b.String()
}

// Key identifies the problem a diagnostic reports, whatever its hint and
// source line: jobs that meet the same problem (every edition of a
// language, a bundle's mistake) report it once.
type Key struct {
	Pos        Pos
	Severity   Severity
	Code       Code
	Where, Msg string
}

// Key returns the diagnostic's key.
func (d Diagnostic) Key() Key { return Key{d.Pos, d.Severity, d.Code, d.Where, d.Msg} }

// Diagnostics is a list of problems.
type Diagnostics []Diagnostic

// AddNew appends the diagnostics of from whose key is not in seen, and
// adds their keys to seen.
func (ds *Diagnostics) AddNew(seen map[Key]bool, from Diagnostics) {
	for _, d := range from {
		if k := d.Key(); !seen[k] {
			seen[k] = true
			*ds = append(*ds, d)
		}
	}
}

// Errorf adds an error at pos.
func (ds *Diagnostics) Errorf(pos Pos, format string, args ...any) *Diagnostic {
	*ds = append(*ds, Diagnostic{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)})
	return &(*ds)[len(*ds)-1]
}

// Warnf adds a warning at pos.
func (ds *Diagnostics) Warnf(pos Pos, format string, args ...any) *Diagnostic {
	*ds = append(*ds, Diagnostic{Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
	return &(*ds)[len(*ds)-1]
}

// HasErrors reports whether the list holds an error, not only warnings.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Err returns the list as an error when it holds an error, and nil otherwise.
func (ds Diagnostics) Err() error {
	if !ds.HasErrors() {
		return nil
	}
	return ds
}

func (ds Diagnostics) Error() string {
	var b strings.Builder
	for i, d := range ds {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Error())
	}
	return b.String()
}

// Sort orders the list by file, line and column, keeping the order of
// problems at the same place.
func (ds Diagnostics) Sort() {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i].Pos, ds[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// kindRe matches what varies between problems of one kind: quoted text
// and numbers.
var kindRe = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|\b\d+(?:\.\d+)?\b`)

// kind returns what a diagnostic says without its particulars: its
// severity and message with quoted text and numbers left out (not digits
// inside a word or a path).
func (d Diagnostic) kind() string {
	var b strings.Builder
	at := 0
	for _, m := range kindRe.FindAllStringIndex(d.Msg, -1) {
		s := d.Msg[m[0]:m[1]]
		if s[0] != '"' && ((m[0] > 0 && strings.ContainsRune("/._-", rune(d.Msg[m[0]-1]))) || (m[1] < len(d.Msg) && strings.ContainsRune("/_-", rune(d.Msg[m[1]])))) {
			continue
		}
		b.WriteString(d.Msg[at:m[0]])
		if s[0] == '"' {
			b.WriteString(`"…"`)
		} else {
			b.WriteString("N")
		}
		at = m[1]
	}
	b.WriteString(d.Msg[at:])
	return d.Severity.String() + "\x00" + d.Where + "\x00" + b.String()
}

// Capped returns the list with at most n warnings of each kind (the same
// message but for its quoted text and numbers), the first n in order, and
// after the list, for each kind with more, one warning that counts the
// rest. Errors are all kept.
func (ds Diagnostics) Capped(n int) Diagnostics {
	count := map[string]int{}
	var kinds []string
	first := map[string]Diagnostic{}
	var out Diagnostics
	for _, d := range ds {
		if d.Severity == Error {
			out = append(out, d)
			continue
		}
		k := d.kind()
		if count[k] == 0 {
			kinds = append(kinds, k)
			first[k] = d
		}
		count[k]++
		if count[k] <= n {
			out = append(out, d)
		}
	}
	for _, k := range kinds {
		if more := count[k] - n; more > 0 {
			f := first[k]
			like := strings.SplitN(k, "\x00", 3)[2]
			out = append(out, Diagnostic{Pos: Pos{File: f.Pos.File}, Severity: Warning,
				Msg: fmt.Sprintf("%d more warnings of this kind, not shown (%d in all): %s", more, count[k], like)})
		}
	}
	return out
}
