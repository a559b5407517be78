// SPDX-License-Identifier: MIT

package content

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// positions records where keys, tables and string values stand in a TOML
// file, so that problems found after decoding point at file:line:col.
// BurntSushi/toml keeps key positions private, so this reads the file's
// lines itself; it understands the subset of TOML that leaflet files use:
// [table] and [[array]] headers, key = value lines, values spanning lines
// (arrays, multi-line strings) and comments.
type positions struct {
	file  string
	lines []string
	// keys maps a full key path with array indices, e.g.
	// "section[2].block[0].paragraph", to the position of the key.
	keys map[string]Pos
	// vals maps a key path, as keys does, to the position of its value.
	vals map[string]Pos
	// strs maps the content of each basic string value to its positions
	// (the opening quote), in file order.
	strs map[string][]Pos
	// claimed holds the string positions claim has given out
	claimed map[Pos]bool
}

// scanPositions reads the positions of src's keys, tables and basic
// strings, line by line.
func scanPositions(file string, src []byte) *positions {
	p := &positions{file: file, lines: strings.Split(string(src), "\n"), keys: map[string]Pos{}, vals: map[string]Pos{}, strs: map[string][]Pos{}}
	counts := map[string]int{} // array-of-tables path → entries so far
	table := ""                // current table path with indices
	var inMulti string         // closing delimiter of a multi-line string
	depth := 0                 // open brackets of a value spanning lines
	for i, line := range p.lines {
		ln := i + 1
		if inMulti != "" {
			if strings.Contains(line, inMulti) {
				inMulti = ""
			}
			continue
		}
		code := stripComment(line)
		for at := 0; ; {
			open, end := nextBasicString(code, at)
			if open < 0 {
				break
			}
			s := unquoteBasic(code[open+1 : end])
			p.strs[s] = append(p.strs[s], Pos{file, ln, open + 1})
			at = end + 1
		}
		if depth > 0 {
			depth += bracketDepth(code)
			continue
		}
		t := strings.TrimSpace(code)
		col := strings.Index(code, t) + 1
		switch {
		case t == "":
		case strings.HasPrefix(t, "[["):
			name := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(t, "[["), "]]"))
			parent := withIndices(name, counts)
			n := counts[parent]
			counts[parent] = n + 1
			table = parent + "[" + strconv.Itoa(n) + "]"
			p.keys[table] = Pos{file, ln, col}
		case strings.HasPrefix(t, "["):
			name := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(t, "["), "]"))
			table = withIndices(name, counts)
			p.keys[table] = Pos{file, ln, col}
		default:
			eq := strings.Index(t, "=")
			if eq < 0 {
				continue
			}
			key := unquoteKey(strings.TrimSpace(t[:eq]))
			full := key
			if table != "" {
				full = table + "." + key
			}
			rest := t[eq+1:]
			val := strings.TrimSpace(rest)
			if _, ok := p.keys[full]; !ok {
				p.keys[full] = Pos{file, ln, col}
				p.vals[full] = Pos{file, ln, col + eq + 1 + len(rest) - len(strings.TrimLeft(rest, " \t"))}
			}
			for _, d := range []string{`"""`, `'''`} {
				if strings.HasPrefix(val, d) && !strings.Contains(val[3:], d) {
					inMulti = d
				}
			}
			depth = bracketDepth(val)
		}
	}
	return p
}

// nextBasicString finds the first basic string ("…") in code at or after
// byte at: the offsets of its opening and closing quotes, or -1, -1. A
// backslash escapes the character after it, so \" does not close the
// string. A quote that no quote closes opens no string, and no later
// quote can open one either: each later quote is the escaped character
// of a \" that the scan from the first has passed, and the scan from
// it would pass the same characters to the line's end.
func nextBasicString(code string, at int) (open, end int) {
	i := strings.IndexByte(code[at:], '"')
	if i < 0 {
		return -1, -1
	}
	open = at + i
	if end = closingQuote(code, open+1); end < 0 {
		return -1, -1
	}
	return open, end
}

// closingQuote returns the offset of the quote that closes a basic string
// whose text starts at byte i of code, or -1 when none does.
func closingQuote(code string, i int) int {
	for ; i < len(code); i++ {
		switch code[i] {
		case '"':
			return i
		case '\\':
			i++ // the escaped character, whatever it is
		}
	}
	return -1
}

// unquoteBasic returns the text of a basic string's content s with its
// escapes read as Go reads them, or s itself when they do not read.
func unquoteBasic(s string) string {
	if strings.IndexByte(s, '\\') < 0 && utf8.ValidString(s) {
		return s // nothing to unquote: strconv.Unquote would return s
	}
	if uq, err := strconv.Unquote(`"` + s + `"`); err == nil {
		return uq
	}
	return s
}

// withIndices gives a dotted table name the index of the current entry of
// each array of tables it passes through: "section.block" becomes
// "section[2].block" inside the third [[section]].
func withIndices(name string, counts map[string]int) string {
	if len(counts) == 0 && isBareDotted(name) {
		return name // no arrays of tables yet, no part to unquote or trim
	}
	parts := strings.Split(name, ".")
	path := ""
	for i, part := range parts {
		part = unquoteKey(strings.TrimSpace(part))
		if path != "" {
			path += "."
		}
		path += part
		if n, ok := counts[path]; ok && i < len(parts)-1 {
			path += "[" + strconv.Itoa(n-1) + "]"
		}
	}
	return path
}

// isBareDotted reports whether name is bare keys joined by dots, without
// a leading dot: letters, digits, _, - and dots only.
func isBareDotted(name string) bool {
	for i := 0; i < len(name); i++ {
		c := name[i]
		bare := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
		if !bare && (c != '.' || i == 0) {
			return false
		}
	}
	return true
}

// unquoteKey returns a key without its quotes.
func unquoteKey(k string) string {
	if uq, err := strconv.Unquote(k); err == nil {
		return uq
	}
	return strings.Trim(k, "'")
}

// stripComment removes a trailing comment, leaving # inside strings alone.
func stripComment(line string) string {
	var quote byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0 && c == '\\' && quote == '"':
			i++
		case quote != 0 && c == quote:
			quote = 0
		case quote == 0 && (c == '"' || c == '\''):
			quote = c
		case quote == 0 && c == '#':
			return line[:i]
		}
	}
	return line
}

// bracketDepth counts [ and { minus ] and } outside strings.
func bracketDepth(s string) int {
	d := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == '\\' && quote == '"':
			i++
		case quote != 0 && c == quote:
			quote = 0
		case quote == 0 && (c == '"' || c == '\''):
			quote = c
		case quote == 0 && (c == '[' || c == '{'):
			d++
		case quote == 0 && (c == ']' || c == '}'):
			d--
		}
	}
	return d
}

// key returns the position of a key path with indices, falling back to the
// nearest enclosing table that was found, and to the file.
func (p *positions) key(path string) Pos {
	for path != "" {
		if pos, ok := p.keys[path]; ok {
			return pos
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return Pos{File: p.file}
}

// table returns the position of the table at path: its header or, for a
// table that only dotted names make ([a.b] makes a), its first key in the
// file; else what key gives.
func (p *positions) table(path string) Pos {
	if _, ok := p.keys[path]; !ok && path != "" {
		if first, ok := p.firstUnder(path); ok {
			return first
		}
	}
	return p.key(path)
}

// firstUnder returns the first position in the file of a key inside the
// table at path.
func (p *positions) firstUnder(path string) (Pos, bool) {
	var first Pos
	found := false
	for k, pos := range p.keys {
		inside := strings.HasPrefix(k, path) && len(k) > len(path) && (k[len(path)] == '.' || k[len(path)] == '[')
		if inside && (!found || pos.Line < first.Line || pos.Line == first.Line && pos.Col < first.Col) {
			first, found = pos, true
		}
	}
	return first, found
}

// str returns the position of the string value s of the key fallback: its
// first occurrence at or after the key, or the key's position.
func (p *positions) str(s, fallback string) Pos {
	kp := p.key(fallback)
	for _, pos := range p.strs[s] {
		if pos.Line > kp.Line || (pos.Line == kp.Line && pos.Col >= kp.Col) {
			return pos
		}
	}
	return kp
}

// claim is str, but gives each position once: called again for the same
// string, it returns the string's next occurrence, so that an ID written
// twice in one list is found at each place.
func (p *positions) claim(s, fallback string) Pos {
	kp := p.key(fallback)
	for _, pos := range p.strs[s] {
		if (pos.Line > kp.Line || (pos.Line == kp.Line && pos.Col >= kp.Col)) && !p.claimed[pos] {
			if p.claimed == nil {
				p.claimed = map[Pos]bool{}
			}
			p.claimed[pos] = true
			return pos
		}
	}
	return p.str(s, fallback)
}

var indexRe = regexp.MustCompile(`\[\d+\]`)

func stripIndices(k string) string { return indexRe.ReplaceAllString(k, "") }

// line returns the text of line n (from 1), for diagnostics.
func (p *positions) line(n int) string {
	if n < 1 || n > len(p.lines) {
		return ""
	}
	return strings.TrimRight(p.lines[n-1], "\r")
}
