// SPDX-License-Identifier: MIT

package translate

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"leaflet/content"
)

// tomlTable is a table of a TOML file as written: its header and the keys
// under it. Lines count from 0.
type tomlTable struct {
	path   []string // the header's key path; nil for the keys before any header
	header int      // the header's line, or -1
	keys   []tomlKey
}

// tomlKey is a key = value line, with the lines its value spans.
type tomlKey struct {
	path       []string // relative to its table
	start, end int      // first and last line of the key and value
}

// id returns a table's path as a go-i18n message ID.
func (t tomlTable) id() string { return strings.Join(t.path, ".") }

// last returns the last line of the table's keys, or its header.
func (t tomlTable) last() int {
	if n := len(t.keys); n > 0 {
		return t.keys[n-1].end
	}
	return t.header
}

// key returns the key of a table with the one-part name, or nil.
func (t *tomlTable) key(name string) *tomlKey {
	for i := range t.keys {
		if len(t.keys[i].path) == 1 && t.keys[i].path[0] == name {
			return &t.keys[i]
		}
	}
	return nil
}

// scanTOML reads the layout of a TOML file that the decoder has accepted:
// its tables and keys, and the lines of each. It understands what message
// files use: [table] and [[array]] headers with bare, quoted and dotted
// keys, key = value lines, and values over several lines (multi-line
// strings, arrays, inline tables).
func scanTOML(lines []string) []tomlTable {
	tables := []tomlTable{{header: -1}}
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(strings.TrimSuffix(lines[i], "\r"))
		if line == "" || line[0] == '#' {
			continue
		}
		if line[0] == '[' {
			inner := strings.TrimPrefix(line, "[")
			inner = strings.TrimPrefix(inner, "[")
			path, _ := parseKey(inner)
			tables = append(tables, tomlTable{path: path, header: i})
			continue
		}
		path, rest := parseKey(line)
		rest = strings.TrimSpace(rest)
		if !strings.HasPrefix(rest, "=") {
			continue
		}
		end := valueEnd(lines, i, strings.TrimSpace(rest[1:]))
		t := &tables[len(tables)-1]
		t.keys = append(t.keys, tomlKey{path: path, start: i, end: end})
		i = end
	}
	return tables
}

// parseKey reads a dotted key from the start of s and returns its parts
// and the rest of s.
func parseKey(s string) ([]string, string) {
	var parts []string
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return parts, s
		}
		var part string
		switch s[0] {
		case '"':
			end := 1
			for end < len(s) && s[end] != '"' {
				if s[end] == '\\' {
					end++
				}
				end++
			}
			if end >= len(s) {
				return parts, ""
			}
			part, _ = strconv.Unquote(s[:end+1])
			s = s[end+1:]
		case '\'':
			end := strings.IndexByte(s[1:], '\'')
			if end < 0 {
				return parts, ""
			}
			part, s = s[1:end+1], s[end+2:]
		default:
			end := 0
			for end < len(s) && (isBareKeyByte(s[end])) {
				end++
			}
			part, s = s[:end], s[end:]
		}
		parts = append(parts, part)
		s = strings.TrimLeft(s, " \t")
		if !strings.HasPrefix(s, ".") {
			return parts, s
		}
		s = s[1:]
	}
}

func isBareKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// valueEnd returns the last line of the value that starts at line i with
// v: a multi-line string runs to its closing quotes, an array or inline
// table to its closing bracket.
func valueEnd(lines []string, i int, v string) int {
	for _, q := range []string{`"""`, `'''`} {
		if strings.HasPrefix(v, q) {
			rest := v[3:]
			for j := i; j < len(lines); j++ {
				if closesMultiline(rest, q) {
					return j
				}
				if j+1 < len(lines) {
					rest = lines[j+1]
				}
			}
			return len(lines) - 1
		}
	}
	depth := brackets(v)
	j := i
	for depth > 0 && j+1 < len(lines) {
		j++
		depth += brackets(lines[j])
	}
	return j
}

// closesMultiline reports whether a line of a multi-line string holds its
// closing quotes q (for basic strings, not escaped).
func closesMultiline(s, q string) bool {
	for i := 0; i+3 <= len(s); i++ {
		if q == `"""` && s[i] == '\\' {
			i++
			continue
		}
		if s[i:i+3] == q {
			return true
		}
	}
	return false
}

// brackets counts [ and { minus ] and } outside strings and comments.
func brackets(s string) int {
	d := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote == '"' && c == '\\':
			i++
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return d
		case c == '[' || c == '{':
			d++
		case c == ']' || c == '}':
			d--
		}
	}
	return d
}

// messageFields are the fields of a go-i18n message, in the order a
// message table is written.
var messageFields = []string{"description", "hash", "zero", "one", "two", "few", "many", "other"}

// tomlMessage is a message as a TOML file holds it.
type tomlMessage struct {
	ID     string
	Fields map[string]string
	Line   int // the line of its table or key, from 1
	// OtherLine is the line of its other key, or Line.
	OtherLine int
}

// readTOMLMessages decodes a go-i18n TOML message file: tables named by
// message IDs (nested tables join their names with dots) with string
// fields. It returns the messages in file order and every problem: TOML
// that does not decode, a file that is not UTF-8, a message ID given
// twice, fields that are not strings or not go-i18n's.
func readTOMLMessages(file string, src []byte) ([]tomlMessage, []string, content.Diagnostics) {
	var ds content.Diagnostics
	lines := strings.Split(string(src), "\n")
	if bad := invalidUTF8Line(src); bad > 0 {
		d := ds.Errorf(content.Pos{File: file, Line: bad}, "the file is not UTF-8 text")
		d.Hint = "save it as UTF-8 (in most editors: Save as… → Encoding: UTF-8)"
		return nil, lines, ds
	}
	text := strings.TrimPrefix(string(src), "\uFEFF")
	var raw map[string]any
	if _, err := toml.Decode(text, &raw); err != nil {
		ds = append(ds, tomlError(file, lines, err))
		return nil, lines, ds
	}
	tables := scanTOML(lines)
	lineOf := func(id string) int {
		for _, t := range tables {
			if t.header >= 0 && t.id() == id {
				return t.header + 1
			}
			for _, k := range t.keys {
				full := strings.Join(append(append([]string{}, t.path...), k.path...), ".")
				if full == id || strings.HasPrefix(full, id+".") {
					return k.start + 1
				}
			}
		}
		return 0
	}
	var msgs []tomlMessage
	seen := map[string]int{}
	var dups []string
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			id := k
			if prefix != "" {
				id = prefix + "." + k
			}
			t, ok := v.(map[string]any)
			if !ok {
				p := content.Pos{File: file, Line: lineOf(id)}
				ds.Errorf(p, "%q is not a message table", id).Hint = fmt.Sprintf("write [%s] with other = \"…\"", id)
				continue
			}
			if !isMessageTable(t) {
				walk(id, t)
				continue
			}
			msg := tomlMessage{ID: id, Fields: map[string]string{}, Line: lineOf(id)}
			msg.OtherLine = msg.Line
			if l := lineOf(id + ".other"); l > 0 {
				msg.OtherLine = l
			}
			if _, dup := seen[id]; dup {
				dups = append(dups, id) // reported below, from the file's lines
				continue
			}
			seen[id] = msg.Line
			for f, fv := range t {
				s, isStr := fv.(string)
				switch {
				case !isStr:
					ds.Errorf(content.Pos{File: file, Line: msg.Line}, "%s.%s must be a string", id, f)
				case !contains(messageFields, f):
					d := ds.Errorf(content.Pos{File: file, Line: msg.Line}, "unknown field %q in message %q", f, id)
					d.Hint = "a message has description, hash and other"
				default:
					msg.Fields[f] = s
				}
			}
			msgs = append(msgs, msg)
		}
	}
	walk("", raw)
	// one ID written twice in different spellings: [a.b] and ["a.b"]
	byID := map[string][]int{}
	for _, t := range tables {
		if t.header >= 0 && len(t.keys) > 0 {
			byID[t.id()] = append(byID[t.id()], t.header+1)
		}
	}
	sort.Strings(dups)
	for _, id := range dups {
		ls := byID[id]
		if len(ls) < 2 {
			ls = []int{seen[id], seen[id]}
		}
		p := content.Pos{File: file, Line: ls[1]}
		d := ds.Errorf(p, "message ID %q is given twice, at lines %d and %d", id, ls[0], ls[1])
		d.Hint = "keep one of them"
		if p.Line > 0 {
			d.Source = strings.TrimRight(lines[p.Line-1], "\r")
		}
	}
	sort.SliceStable(msgs, func(i, j int) bool { return msgs[i].Line < msgs[j].Line })
	ds.Sort()
	return msgs, lines, ds
}

// isMessageTable reports whether a table is a message rather than a group
// of nested messages: it has one of go-i18n's fields as a value.
func isMessageTable(t map[string]any) bool {
	for _, k := range messageFields {
		if v, ok := t[k]; ok {
			if _, nested := v.(map[string]any); !nested {
				return true
			}
		}
	}
	return false
}

// tomlError turns a decoding error into a diagnostic at its line.
func tomlError(file string, lines []string, err error) content.Diagnostic {
	d := content.Diagnostic{Pos: content.Pos{File: file}, Severity: content.Error, Msg: "invalid TOML: " + err.Error()}
	var pe toml.ParseError
	if errors.As(err, &pe) {
		d.Pos.Line, d.Pos.Col = pe.Position.Line, pe.Position.Col
		if start := pe.Position.Start; start > 0 {
			// count from the byte offset: at a line's end the parser's
			// own line and column point past it
			src := strings.Join(lines, "\n")
			if start <= len(src) {
				d.Pos.Line = 1 + strings.Count(src[:start], "\n")
				d.Pos.Col = start - strings.LastIndex(src[:start], "\n")
			}
		}
		d.Msg = "invalid TOML: " + pe.Message
		if d.Pos.Line > 0 && d.Pos.Line <= len(lines) {
			d.Source = strings.TrimRight(lines[d.Pos.Line-1], "\r")
		}
		if strings.Contains(pe.Message, "EOF") || strings.Contains(pe.Message, "unexpected end") {
			d.Hint = "the file seems cut short: ask for the whole file again"
		}
		if strings.Contains(pe.Message, "already been defined") || strings.Contains(pe.Message, "has already been") {
			d.Hint = "a message ID is given twice: keep one of them"
		}
	}
	return d
}

// invalidUTF8Line returns the line (from 1) of the first byte that is not
// UTF-8, or 0 when the text is valid.
func invalidUTF8Line(src []byte) int {
	if utf8.Valid(src) {
		return 0
	}
	line := 1
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		i += n
	}
	return line
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}
