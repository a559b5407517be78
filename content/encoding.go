// SPDX-License-Identifier: MIT

package content

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// utf8Error is a file that is not UTF-8 text, as a diagnostic.
type utf8Error struct{ d Diagnostic }

func (e utf8Error) Error() string { return e.d.Error() }

// saveAsUTF8 is the hint for a file in another encoding.
const saveAsUTF8 = "save the file as UTF-8: in Notepad, File > Save As, Encoding: UTF-8; in Word, save as Plain Text and choose Unicode (UTF-8)"

// checkUTF8 returns an error when src is not UTF-8 text: saved as UTF-16
// (Windows' "Unicode"), or with bytes of another encoding (Windows-1252,
// Latin-1), pointing at the first such byte and its line.
func checkUTF8(file string, src []byte, pos *positions) error {
	if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
		return utf8Error{Diagnostic{Pos: Pos{File: file}, Severity: Error,
			Msg: "the file is saved as UTF-16 (\"Unicode\"), not UTF-8", Hint: saveAsUTF8}}
	}
	if utf8.Valid(src) {
		return nil
	}
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 {
			return utf8Error{Diagnostic{Pos: Pos{File: file, Line: line, Col: col}, Severity: Error,
				Msg: "the file is not UTF-8 text: this line has a character in another encoding", Source: strings.ToValidUTF8(pos.line(line), "\uFFFD"), Hint: saveAsUTF8}}
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col += n
		}
		i += n
	}
	return nil
}
