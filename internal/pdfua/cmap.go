// SPDX-License-Identifier: MIT

package pdfua

import "fmt"

// parseToUnicode reads the bfchar and bfrange entries of a ToUnicode CMap
// into a map from character codes to text.
func parseToUnicode(cmap []byte) (map[uint32]string, error) {
	m := map[uint32]string{}
	l := &lexer{b: cmap}
	var operands []token
	for {
		tok, err := l.next()
		if err != nil {
			return m, err
		}
		if tok.kind == 0 {
			return m, nil
		}
		if tok.kind != 'o' {
			operands = append(operands, tok)
			continue
		}
		switch tok.str {
		case "endbfchar":
			bfChars(m, operands)
		case "endbfrange":
			if err := bfRanges(m, operands); err != nil {
				return m, err
			}
		}
		operands = operands[:0]
	}
}

// cmapCode returns the character code a CMap string stands for.
func cmapCode(s string) uint32 {
	var v uint32
	for i := 0; i < len(s); i++ {
		v = v<<8 | uint32(s[i])
	}
	return v
}

// bfChars adds the pairs of a bfchar section: a code, then its text in
// UTF-16BE.
func bfChars(m map[uint32]string, ops []token) {
	for i := 0; i+1 < len(ops); i += 2 {
		if ops[i].kind == 's' && ops[i+1].kind == 's' {
			m[cmapCode(ops[i].str)] = utf16BE([]byte(ops[i+1].str))
		}
	}
}

// bfRanges adds the triples of a bfrange section: the first and last code,
// then the first code's text, whose last UTF-16 unit counts up through the
// range, or an array of each code's text.
func bfRanges(m map[uint32]string, ops []token) error {
	for i := 0; i+2 < len(ops); i += 3 {
		lo, hi, dst := ops[i], ops[i+1], ops[i+2]
		if lo.kind != 's' || hi.kind != 's' {
			continue
		}
		a, b := cmapCode(lo.str), cmapCode(hi.str)
		if b < a || b-a > 0xFFFF {
			return fmt.Errorf("bad range <%x> <%x>", lo.str, hi.str)
		}
		for k := a; k <= b; k++ {
			switch dst.kind {
			case 's':
				d := []byte(dst.str)
				if n := len(d); n >= 2 {
					v := (uint16(d[n-2])<<8 | uint16(d[n-1])) + uint16(k-a)
					d = append(d[:n-2:n-2], byte(v>>8), byte(v))
				}
				m[k] = utf16BE(d)
			case '[':
				if int(k-a) < len(dst.arr) && dst.arr[k-a].kind == 's' {
					m[k] = utf16BE([]byte(dst.arr[k-a].str))
				}
			}
		}
	}
	return nil
}
