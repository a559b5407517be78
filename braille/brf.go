// SPDX-License-Identifier: MIT

package braille

import (
	"bytes"
	"fmt"
)

// asciiBraille is North American braille ASCII, the characters of a BRF
// file: the character of each 6-dot cell, indexed by its dots (dot 1 the
// lowest bit), as liblouis's en-us-brf.dis writes them.
const asciiBraille = " A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)="

// Blank is the empty cell, a space between words.
const Blank = '\u2800'

// ASCII returns a line of Unicode braille in braille ASCII (0x20–0x5F). A
// rune that is not a 6-dot cell is an error.
func ASCII(line string) (string, error) {
	b := make([]byte, 0, len(line)/3)
	for _, r := range line {
		if r < 0x2800 || r > 0x283F {
			return "", fmt.Errorf("%U is not a 6-dot braille cell", r)
		}
		b = append(b, asciiBraille[r-0x2800])
	}
	return string(b), nil
}

// Unicode returns a line of braille ASCII in Unicode braille; lower-case
// letters stand for the upper-case ones, as in the files liblouis writes.
// A character outside braille ASCII is an error.
func Unicode(line string) (string, error) {
	var b []rune
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c >= 0x60 && c <= 0x7E {
			c -= 0x20
		}
		k := bytes.IndexByte([]byte(asciiBraille), c)
		if k < 0 {
			return "", fmt.Errorf("%q is not braille ASCII", line[i])
		}
		b = append(b, rune(0x2800+k))
	}
	return string(b), nil
}

// BRF returns the edition as a Braille Ready Format file: braille ASCII,
// each line ended by CR LF, a form feed between pages.
func (e *Edition) BRF() []byte {
	var b bytes.Buffer
	for i, p := range e.Pages {
		if i > 0 {
			b.WriteByte('\f')
		}
		for _, line := range p {
			s, err := ASCII(line)
			if err != nil {
				panic("braille: a page holds what is not a 6-dot cell: " + err.Error())
			}
			b.WriteString(s)
			b.WriteString("\r\n")
		}
	}
	return b.Bytes()
}

// Text returns the edition's pages in Unicode braille, UTF-8 text: each
// line ended by LF, a form feed between pages, as the BRF.
func (e *Edition) Text() []byte {
	var b bytes.Buffer
	for i, p := range e.Pages {
		if i > 0 {
			b.WriteByte('\f')
		}
		for _, line := range p {
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}
