// SPDX-License-Identifier: MIT

package content

import (
	"fmt"
	"io/fs"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestScanPositionsPinsKeysValuesAndStrings reads a file with each thing
// the scan must step over: comments, # and escaped quotes inside strings,
// literal strings, arrays and strings spanning lines, arrays of tables.
func TestScanPositionsPinsKeysValuesAndStrings(t *testing.T) {
	src := lines(
		`# a comment with "a string"`,    // 1
		`title = "a # b" # "comment"`,    // 2
		`[organisation]`,                 // 3
		`  name = "Say \"hi\""`,          // 4
		`logo = 'lit "x"'`,               // 5
		`address = [`,                    // 6
		`  "Town Hall",`,                 // 7
		`  "Riverside", "NN1 1ED"`,       // 8
		`]`,                              // 9
		`note = """`,                     // 10
		`"inside" a multi-line string`,   // 11
		`"""`,                            // 12
		`[[section]]`,                    // 13
		`  [[section.block]]`,            // 14
		`  title = "cover.title"`,        // 15
		`[[section]]`,                    // 16
		`heading =   "cover.title"`,      // 17
		`"quoted.key" = "Zażółć \u0041"`, // 18
		`open = "no end \"`,              // 19
	)
	p := scanPositions("f.toml", []byte(src))
	at := func(line, col int) Pos { return Pos{"f.toml", line, col} }
	for path, want := range map[string]Pos{
		"title":                     at(2, 1),
		"organisation":              at(3, 1),
		"organisation.name":         at(4, 3),
		"organisation.logo":         at(5, 1),
		"organisation.address":      at(6, 1),
		"organisation.note":         at(10, 1),
		"section[0]":                at(13, 1),
		"section[0].block[0]":       at(14, 3),
		"section[0].block[0].title": at(15, 3),
		"section[1].heading":        at(17, 1),
		"section[1].quoted.key":     at(18, 1),
	} {
		if got := p.keys[path]; got != want {
			t.Errorf("key %s: got %s; want %s", path, got, want)
		}
	}
	for path, want := range map[string]Pos{
		"title":              at(2, 9),
		"organisation.name":  at(4, 10),
		"organisation.logo":  at(5, 8),
		"section[1].heading": at(17, 13),
	} {
		if got := p.vals[path]; got != want {
			t.Errorf("value of %s: got %s; want %s", path, got, want)
		}
	}
	for s, want := range map[string][]Pos{
		"a # b":       {at(2, 9)},
		`Say "hi"`:    {at(4, 10)},
		"x":           {at(5, 13)}, // a basic string's quotes inside a literal one
		"Town Hall":   {at(7, 3)},
		"Riverside":   {at(8, 3)},
		"NN1 1ED":     {at(8, 16)},
		"cover.title": {at(15, 11), at(17, 13)},
		"quoted.key":  {at(18, 1)},
		"Zażółć A":    {at(18, 16)},
	} {
		if got := p.strs[s]; !reflect.DeepEqual(got, want) {
			t.Errorf("string %q: got %v; want %v", s, got, want)
		}
	}
	for _, s := range []string{"a string", "comment", "inside", "no end "} {
		if got, ok := p.strs[s]; ok {
			t.Errorf("string %q: got %v; want none: it is in a comment, a multi-line string or not closed", s, got)
		}
	}
}

// stringRe is the regular expression the position scan once found basic
// strings with: nextBasicString must find what it found.
var stringRe = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`)

// trickyLines are lines whose strings are easy to find wrongly.
var trickyLines = []string{
	``, `"`, `""`, `"""`, `x = "a"`, `x = "a" "b"`, `x = "a\"b"`, `x = "a\\"b"`, `x = "a\\\"b"`,
	`x = "\"`, `x = "\\"`, `x = "no end`, `x = "no end \"`, `x = "\"\"\"`, `x = "é\é"`, `x = "\` + "\xff" + `"`,
	`x = 'lit "a" \'`, `x = ["a", "b", 'c', "d\""]`, `"k" = "v\"" "w"`, "x = \"tab\tin\"\r", "\"\xff\" = \"\xfe\\\"\"",
}

// regexpStrings returns the basic strings of code as stringRe finds them,
// each as col:content.
func regexpStrings(code string) []string {
	var out []string
	for _, m := range stringRe.FindAllStringSubmatchIndex(code, -1) {
		out = append(out, fmt.Sprintf("%d:%s", m[0]+1, code[m[2]:m[3]]))
	}
	return out
}

// scannedStrings returns the basic strings of code as nextBasicString
// finds them, each as col:content.
func scannedStrings(code string) []string {
	var out []string
	for at := 0; ; {
		open, end := nextBasicString(code, at)
		if open < 0 {
			return out
		}
		out = append(out, fmt.Sprintf("%d:%s", open+1, code[open+1:end]))
		at = end + 1
	}
}

// TestBasicStringsAreFoundWhereTheRegexpFoundThem compares the scan with
// the regular expression on tricky lines and every line of the built-in
// sources.
func TestBasicStringsAreFoundWhereTheRegexpFoundThem(t *testing.T) {
	all := append([]string(nil), trickyLines...)
	for _, name := range BuiltinFiles() {
		src, err := fs.ReadFile(Builtin(), name)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, strings.Split(string(src), "\n")...)
	}
	for _, line := range all {
		if got, want := scannedStrings(line), regexpStrings(line); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got strings %q; want %q", line, got, want)
		}
	}
}

// FuzzBasicStrings compares the scan with the regular expression on any
// line, and the unquoting with strconv.Unquote's.
func FuzzBasicStrings(f *testing.F) {
	for _, line := range trickyLines {
		f.Add(line)
	}
	f.Fuzz(func(t *testing.T, line string) {
		line = strings.ReplaceAll(line, "\n", "")
		if got, want := scannedStrings(line), regexpStrings(line); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: got strings %q; want %q", line, got, want)
		}
		want := line
		if uq, err := strconv.Unquote(`"` + line + `"`); err == nil {
			want = uq
		}
		if got := unquoteBasic(line); got != want {
			t.Fatalf("unquoteBasic(%q) = %q; want %q", line, got, want)
		}
	})
}

// TestWithIndicesNamesTheCurrentEntries gives table names with and
// without arrays of tables before them, bare and quoted.
func TestWithIndicesNamesTheCurrentEntries(t *testing.T) {
	tests := []struct {
		name   string
		counts map[string]int
		want   string
	}{
		{"cover.title", nil, "cover.title"},
		{"a..b", nil, "a..b"},
		{".a", nil, "a"},
		{`cover."sub title"`, nil, "cover.sub title"},
		{"cover . title", nil, "cover.title"},
		{"'lit'.x", nil, "lit.x"},
		{"section.block", map[string]int{"section": 3}, "section[2].block"},
		{"section.block.x", map[string]int{"section": 1, "section[0].block": 2}, "section[0].block[1].x"},
		{"section", map[string]int{"section": 3}, "section"},
	}
	for _, tt := range tests {
		if got := withIndices(tt.name, tt.counts); got != tt.want {
			t.Errorf("withIndices(%q, %v) = %q; want %q", tt.name, tt.counts, got, tt.want)
		}
	}
}
