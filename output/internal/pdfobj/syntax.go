// SPDX-License-Identifier: MIT

package pdfobj

import (
	"bytes"
	"errors"
	"fmt"
)

// Byte classes for the lexer; other bytes are regular characters.
const (
	classSpace = 1 + iota
	classDelim
)

// class maps each byte to its class.
var class = func() (c [256]uint8) {
	for _, b := range []byte("\x00\t\n\f\r ") {
		c[b] = classSpace
	}
	for _, b := range []byte("()<>[]{}/%") {
		c[b] = classDelim
	}
	return c
}()

// IsSpace reports whether c is PDF white space.
func IsSpace(c byte) bool { return class[c] == classSpace }

// isDelim reports whether c is a PDF delimiter.
func isDelim(c byte) bool { return class[c] == classDelim }

// SkipSpace returns the offset of the first byte at or after i that is
// neither white space nor in a comment.
func SkipSpace(b []byte, i int) int {
	for i < len(b) {
		switch {
		case IsSpace(b[i]):
			i++
		case b[i] == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// TrimSpace removes leading and trailing white space.
func TrimSpace(b []byte) []byte {
	i, j := 0, len(b)
	for i < j && IsSpace(b[i]) {
		i++
	}
	for j > i && IsSpace(b[j-1]) {
		j--
	}
	return b[i:j]
}

// tokenEnd returns the end of the regular characters starting at i.
func tokenEnd(b []byte, i int) int {
	for i < len(b) && class[b[i]] == 0 {
		i++
	}
	return i
}

// Uint parses a non-negative decimal integer that makes up all of b.
func Uint(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 15 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// tokens3 returns the three runs of regular characters at or after i
// (white space and comments skipped before each) and the offset after
// them: an object's "N G obj", a reference's "N G R", a cross-reference
// entry's "offset gen n".
func tokens3(b []byte, i int) ([3][]byte, int) {
	var f [3][]byte
	for k := range f {
		i = SkipSpace(b, i)
		j := tokenEnd(b, i)
		f[k], i = b[i:j], j
	}
	return f, i
}

// ParseRef parses an indirect reference "N G R" and returns N.
func ParseRef(b []byte) (int, bool) {
	b = TrimSpace(b)
	f, i := tokens3(b, 0)
	n, ok := Uint(f[0])
	_, okg := Uint(f[1])
	return n, ok && okg && string(f[2]) == "R" && i == len(b)
}

// SkipValue returns the offset just past the object that starts at or
// after i (leading white space is skipped). Dictionaries, arrays, literal
// strings (with escapes and balanced parentheses), hex strings, names,
// numbers and keywords are understood; an indirect reference "N G R"
// counts as one object.
func SkipValue(b []byte, i int) (int, error) { return skipValue(b, i, 0, nil) }

// skipValue is SkipValue, calling ref, if not nil, with the object number
// of every reference inside the value.
func skipValue(b []byte, i, depth int, ref func(int)) (int, error) {
	if depth > 100 {
		return 0, errors.New("objects nested too deeply")
	}
	i = SkipSpace(b, i)
	if i >= len(b) {
		return 0, errors.New("unexpected end of data")
	}
	switch c := b[i]; {
	case c == '/':
		return tokenEnd(b, i+1), nil
	case c == '(':
		for level := 0; i < len(b); i++ {
			switch b[i] {
			case '\\':
				i++
			case '(':
				level++
			case ')':
				if level--; level == 0 {
					return i + 1, nil
				}
			}
		}
		return 0, errors.New("unterminated string")
	case c == '<' && i+1 < len(b) && b[i+1] == '<', c == '[':
		closing := ">>"
		if c == '[' {
			closing = "]"
			i++
		} else {
			i += 2
		}
		for {
			i = SkipSpace(b, i)
			if bytes.HasPrefix(b[i:], []byte(closing)) {
				return i + len(closing), nil
			}
			var err error
			if i, err = skipValue(b, i, depth+1, ref); err != nil {
				return 0, err
			}
		}
	case c == '<':
		j := bytes.IndexByte(b[i:], '>')
		if j < 0 {
			return 0, errors.New("unterminated hex string")
		}
		return i + j + 1, nil
	case isDelim(c):
		return 0, fmt.Errorf("unexpected %q at offset %d", c, i)
	}
	end := tokenEnd(b, i)
	if n, ok := Uint(b[i:end]); ok { // maybe "N G R"
		j := SkipSpace(b, end)
		k := tokenEnd(b, j)
		if _, ok := Uint(b[j:k]); ok && k > j {
			l := SkipSpace(b, k)
			if l < len(b) && b[l] == 'R' && tokenEnd(b, l) == l+1 {
				if ref != nil {
					ref(n)
				}
				return l + 1, nil
			}
		}
	}
	return end, nil
}

// IsDict reports whether b (after white space) starts with a dictionary.
func IsDict(b []byte) bool {
	return bytes.HasPrefix(b[SkipSpace(b, 0):], []byte("<<"))
}

// dictScan parses the dictionary at the start of b (after white space;
// anything after it, such as stream data, is ignored). It calls fn, if not
// nil, for each top-level entry with the key (without slash), the offset of
// the key's slash and the span of its value, and returns the offset of the
// dictionary's closing ">>". If fn returns true, the scan stops there and
// the offset returned is -1.
func dictScan(b []byte, fn func(key []byte, ks, vs, ve int) (stop bool)) (int, error) {
	i := SkipSpace(b, 0)
	if !bytes.HasPrefix(b[i:], []byte("<<")) {
		return 0, errors.New("not a dictionary")
	}
	i += 2
	for {
		i = SkipSpace(b, i)
		if bytes.HasPrefix(b[i:], []byte(">>")) {
			return i, nil
		}
		if i >= len(b) || b[i] != '/' {
			return 0, fmt.Errorf("dictionary key expected at offset %d", i)
		}
		ke := tokenEnd(b, i+1)
		vs := SkipSpace(b, ke)
		ve, err := SkipValue(b, vs)
		if err != nil {
			return 0, err
		}
		if fn != nil && fn(b[i+1:ke], i, vs, ve) {
			return -1, nil
		}
		i = ve
	}
}

// Entry is one key and its value as raw bytes from a dictionary.
type Entry struct {
	Key string // without the slash
	Val []byte
}

// DictEntries returns the top-level entries of the dictionary at the start
// of b, in order.
func DictEntries(b []byte) ([]Entry, error) {
	var entries []Entry
	_, err := dictScan(b, func(key []byte, _, vs, ve int) bool {
		entries = append(entries, Entry{string(key), b[vs:ve:ve]})
		return false
	})
	return entries, err
}

// DictGet returns the raw value of key (given without slash, compared
// literally) in the top-level dictionary at the start of b, or nil if the
// key is absent. A reference is returned as "N G R". The dictionary is
// parsed only up to the key.
func DictGet(b []byte, key string) ([]byte, error) {
	var val []byte
	_, err := dictScan(b, func(k []byte, _, vs, ve int) bool {
		if string(k) == key {
			val = b[vs:ve:ve]
		}
		return val != nil
	})
	if err != nil {
		return nil, err
	}
	return val, nil
}

// DictSet returns a copy of b with key (without slash) set to value in the
// dictionary at the start of b: an existing value is replaced, otherwise
// the entry is added before the closing ">>". Bytes after the dictionary
// (a stream) are kept.
func DictSet(b []byte, key, value string) ([]byte, error) {
	if end, err := SkipValue([]byte(value), 0); err != nil || SkipSpace([]byte(value), end) != len(value) {
		return nil, fmt.Errorf("invalid value %q for /%s", value, key)
	}
	vs, ve := -1, -1
	closing, err := dictScan(b, func(k []byte, _, s, e int) bool {
		if string(k) == key {
			vs, ve = s, e
		}
		return vs >= 0
	})
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(b)+len(key)+len(value)+3)
	if vs >= 0 {
		out = append(out, b[:vs]...)
		if c := b[vs-1]; !IsSpace(c) && !isDelim(c) && !isDelim(value[0]) {
			out = append(out, ' ') // "/Key" directly followed by a value
		}
		out = append(out, value...)
		return append(out, b[ve:]...), nil
	}
	out = append(out, b[:closing]...)
	prev := b[closing-1]
	if !IsSpace(prev) && prev != '<' {
		out = append(out, ' ')
	}
	out = append(out, '/')
	out = append(out, key...)
	out = append(out, ' ')
	out = append(out, value...)
	if prev == '\n' {
		out = append(out, '\n') // keep one entry per line
	}
	return append(out, b[closing:]...), nil
}

// ArrayItems returns the raw items of the array at the start of b.
func ArrayItems(b []byte) ([][]byte, error) {
	i := SkipSpace(b, 0)
	if i >= len(b) || b[i] != '[' {
		return nil, errors.New("not an array")
	}
	end, err := SkipValue(b, i)
	if err != nil {
		return nil, err
	}
	var items [][]byte
	for i++; ; {
		i = SkipSpace(b, i)
		if i >= end-1 {
			return items, nil
		}
		j, _ := SkipValue(b, i) // cannot fail: the whole array parsed
		items = append(items, b[i:j:j])
		i = j
	}
}

// SplitStream splits an object body into its dictionary and, for a
// stream, its raw (still encoded) data; data is nil for an object that is
// not a stream.
func SplitStream(body []byte) (dict, data []byte, err error) {
	ds, de, start, end, err := streamSpan(body)
	if err != nil {
		return nil, nil, err
	}
	if start < 0 {
		return body[ds:de:de], nil, nil
	}
	return body[ds:de:de], body[start:end:end], nil
}

// streamSpan returns the span of the value that starts body and, if it is
// a stream's dictionary, the span of the stream's data (start is -1 for an
// object that is not a stream). A direct /Length is used when it is
// consistent; otherwise the data ends at the last "endstream".
func streamSpan(body []byte) (ds, de, start, end int, err error) {
	ds = SkipSpace(body, 0)
	if de, err = SkipValue(body, ds); err != nil {
		return 0, 0, 0, 0, err
	}
	kw := SkipSpace(body, de)
	if !bytes.HasPrefix(body[kw:], []byte("stream")) {
		return ds, de, -1, -1, nil
	}
	if !IsDict(body) {
		return 0, 0, 0, 0, errors.New("stream without dictionary")
	}
	start = kw + len("stream")
	if start < len(body) && body[start] == '\r' {
		start++
	}
	if start < len(body) && body[start] == '\n' {
		start++
	}
	if v, _ := DictGet(body[ds:de], "Length"); v != nil {
		if n, ok := Uint(v); ok && start+n <= len(body) &&
			bytes.HasPrefix(body[SkipSpace(body, start+n):], []byte("endstream")) {
			return ds, de, start, start + n, nil
		}
	}
	end = bytes.LastIndex(body, []byte("endstream"))
	if end < start {
		return 0, 0, 0, 0, errors.New("missing endstream")
	}
	// The end-of-line before "endstream" is not part of the data.
	if end > start && body[end-1] == '\n' {
		end--
	}
	if end > start && body[end-1] == '\r' {
		end--
	}
	return ds, de, start, end, nil
}
