// SPDX-License-Identifier: MIT

package pdfua

// This file reads the tokens of content streams and ToUnicode CMaps, the
// only PDF syntax the checker reads itself: qpdf gives their data decoded
// but not parsed.

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// token is a token of a content stream or CMap: kind 'n' number, '/' name,
// 's' string, '[' array, '<' dictionary, 'k' true, false or null, 'o'
// operator; 0 at the end.
type token struct {
	kind byte
	num  float64
	str  string // name without slash, string bytes, keyword, operator
	arr  []token
	dict map[string]token
}

// lexer reads tokens from a content stream or CMap.
type lexer struct {
	b     []byte
	i     int
	depth int // of nested arrays and dictionaries
}

// isSpace reports whether c is PDF white space.
func isSpace(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

// isDelim reports whether c is a PDF delimiter.
func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// skipSpace moves past white space and comments.
func (l *lexer) skipSpace() {
	for l.i < len(l.b) {
		switch c := l.b[l.i]; {
		case isSpace(c):
			l.i++
		case c == '%':
			for l.i < len(l.b) && l.b[l.i] != '\n' && l.b[l.i] != '\r' {
				l.i++
			}
		default:
			return
		}
	}
}

// wordEnd returns the offset of the end of the regular characters from i.
func (l *lexer) wordEnd(i int) int {
	for i < len(l.b) && !isSpace(l.b[i]) && !isDelim(l.b[i]) {
		i++
	}
	return i
}

// next returns the next token.
func (l *lexer) next() (token, error) {
	l.skipSpace()
	if l.i >= len(l.b) {
		return token{}, nil
	}
	switch c := l.b[l.i]; {
	case c == '/':
		j := l.wordEnd(l.i + 1)
		t := token{kind: '/', str: string(l.b[l.i+1 : j])}
		l.i = j
		return t, nil
	case c == '(':
		return l.literal()
	case c == '<' && l.i+1 < len(l.b) && l.b[l.i+1] == '<':
		return l.dictionary()
	case c == '<':
		return l.hexString()
	case c == '[':
		return l.array()
	case c == '{' || c == '}' || c == ']' || c == '>' || c == ')':
		l.i++
		return token{kind: 'o', str: string(c)}, nil
	}
	return l.word()
}

// literal reads a literal string, "(" to its ")".
func (l *lexer) literal() (token, error) {
	var s []byte
	level := 0
	b := l.b
	for i := l.i; i < len(b); i++ {
		switch ch := b[i]; ch {
		case '\\':
			i++
			if i >= len(b) {
				return token{}, errors.New("unterminated string")
			}
			var n int
			s, n = unescape(s, b[i:])
			i += n - 1
		case '(':
			if level > 0 {
				s = append(s, ch)
			}
			level++
		case ')':
			if level--; level == 0 {
				l.i = i + 1
				return token{kind: 's', str: string(s)}, nil
			}
			s = append(s, ch)
		default:
			s = append(s, ch)
		}
	}
	return token{}, errors.New("unterminated string")
}

// unescape appends what the escape sequence at the start of b (after its
// backslash) stands for and returns how many bytes it took.
func unescape(s, b []byte) ([]byte, int) {
	switch e := b[0]; e {
	case 'n':
		return append(s, '\n'), 1
	case 'r':
		return append(s, '\r'), 1
	case 't':
		return append(s, '\t'), 1
	case 'b':
		return append(s, '\b'), 1
	case 'f':
		return append(s, '\f'), 1
	case '\r': // a line continuation
		if len(b) > 1 && b[1] == '\n' {
			return s, 2
		}
		return s, 1
	case '\n':
		return s, 1
	default:
		if e < '0' || e > '7' {
			return append(s, e), 1
		}
		v, n := 0, 0
		for n < 3 && n < len(b) && b[n] >= '0' && b[n] <= '7' {
			v = v*8 + int(b[n]-'0')
			n++
		}
		return append(s, byte(v)), n
	}
}

// hexString reads a hexadecimal string, "<" to ">".
func (l *lexer) hexString() (token, error) {
	j := bytes.IndexByte(l.b[l.i:], '>')
	if j < 0 {
		return token{}, errors.New("unterminated hex string")
	}
	var digits []byte
	for _, ch := range l.b[l.i+1 : l.i+j] {
		if !isSpace(ch) {
			digits = append(digits, ch)
		}
	}
	if len(digits)%2 == 1 {
		digits = append(digits, '0')
	}
	s := make([]byte, len(digits)/2)
	for k := range s {
		v, err := strconv.ParseUint(string(digits[2*k:2*k+2]), 16, 8)
		if err != nil {
			return token{}, fmt.Errorf("bad hex string at %d", l.i)
		}
		s[k] = byte(v)
	}
	l.i += j + 1
	return token{kind: 's', str: string(s)}, nil
}

// nest counts one more level of arrays and dictionaries.
func (l *lexer) nest() error {
	if l.depth >= 32 {
		return errors.New("arrays and dictionaries nested too deeply")
	}
	l.depth++
	return nil
}

// array reads an array, "[" to "]".
func (l *lexer) array() (token, error) {
	if err := l.nest(); err != nil {
		return token{}, err
	}
	defer func() { l.depth-- }()
	l.i++
	t := token{kind: '['}
	for {
		l.skipSpace()
		if l.i < len(l.b) && l.b[l.i] == ']' {
			l.i++
			return t, nil
		}
		v, err := l.next()
		if err != nil {
			return token{}, err
		}
		if v.kind == 0 {
			return token{}, errors.New("unterminated array")
		}
		t.arr = append(t.arr, v)
	}
}

// dictionary reads a dictionary, "<<" to ">>".
func (l *lexer) dictionary() (token, error) {
	if err := l.nest(); err != nil {
		return token{}, err
	}
	defer func() { l.depth-- }()
	l.i += 2
	t := token{kind: '<', dict: map[string]token{}}
	for {
		l.skipSpace()
		if bytes.HasPrefix(l.b[l.i:], []byte(">>")) {
			l.i += 2
			return t, nil
		}
		k, err := l.next()
		if err != nil {
			return token{}, err
		}
		if k.kind != '/' {
			return token{}, fmt.Errorf("dictionary key expected at %d", l.i)
		}
		v, err := l.next()
		if err != nil {
			return token{}, err
		}
		if v.kind == 0 {
			return token{}, errors.New("unterminated dictionary")
		}
		t.dict[k.str] = v
	}
}

// word reads a number, a keyword or an operator; an inline image's
// operator BI is returned once its data, up to EI, is skipped.
func (l *lexer) word() (token, error) {
	j := l.wordEnd(l.i)
	if j == l.i {
		return token{}, fmt.Errorf("unexpected %q at %d", l.b[l.i], l.i)
	}
	w := string(l.b[l.i:j])
	l.i = j
	if v, err := strconv.ParseFloat(w, 64); err == nil {
		return token{kind: 'n', num: v}, nil
	}
	switch w {
	case "true", "false", "null":
		return token{kind: 'k', str: w}, nil
	case "BI":
		if err := l.skipInlineImage(); err != nil {
			return token{}, err
		}
	}
	return token{kind: 'o', str: w}, nil
}

// skipInlineImage moves past an inline image's dictionary and data, to
// after its EI.
func (l *lexer) skipInlineImage() error {
	k := bytes.Index(l.b[l.i:], []byte("ID"))
	if k < 0 {
		return errors.New("inline image without ID")
	}
	end := l.i + k + 2
	for {
		e := bytes.Index(l.b[end:], []byte("EI"))
		if e < 0 {
			return errors.New("inline image without EI")
		}
		end += e
		if isSpace(l.b[end-1]) && (end+2 >= len(l.b) || isSpace(l.b[end+2])) {
			break
		}
		end += 2
	}
	l.i = end + 2
	return nil
}
