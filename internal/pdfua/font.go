// SPDX-License-Identifier: MIT

package pdfua

import "fmt"

// font is what the checker knows of a font resource.
type font struct {
	name      string
	twoByte   bool              // Type0 with 2-byte codes (Identity-H)
	cidToGID  []byte            // 2 bytes per CID; nil for /Identity
	identity  bool              // CIDToGIDMap /Identity
	toUnicode map[uint32]string // nil without a ToUnicode CMap
}

// font returns what the checker knows of the font object num, checking it
// the first time.
func (c *checker) font(num int) *font {
	if f, ok := c.fonts[num]; ok {
		return f
	}
	f := &font{name: fmt.Sprintf("object %d", num)}
	c.fonts[num] = f
	body := c.d.object(num)
	if body == nil {
		c.problem("font %s is not a dictionary", f.name)
		return f
	}
	if base := c.d.name(body["/BaseFont"]); base != "" {
		f.name = base
	}
	desc := body
	if c.d.name(body["/Subtype"]) == "Type0" {
		if desc = c.descendant(f, body); desc == nil {
			return f
		}
	}
	fd := c.d.dict(desc["/FontDescriptor"])
	if fd == nil || (fd["/FontFile2"] == nil && fd["/FontFile"] == nil && fd["/FontFile3"] == nil) {
		c.problem("font %s is not embedded", f.name)
	}
	c.readToUnicode(f, body)
	return f
}

// descendant reads a Type0 font's encoding and its descendant font's
// CIDToGIDMap, and returns the descendant font.
func (c *checker) descendant(f *font, body map[string]any) map[string]any {
	f.twoByte = true
	if enc := c.d.name(body["/Encoding"]); enc != "Identity-H" && enc != "Identity-V" {
		c.problem("font %s: encoding %s is not Identity: the checker cannot map its codes", f.name, show(c.d.resolve(body["/Encoding"])))
	}
	kids := c.d.array(body["/DescendantFonts"])
	if len(kids) != 1 || c.d.dict(kids[0]) == nil {
		c.problem("font %s: no descendant font", f.name)
		return nil
	}
	desc := c.d.dict(kids[0])
	switch m := desc["/CIDToGIDMap"]; {
	case m == nil || c.d.name(m) == "Identity":
		f.identity = true
	default:
		if _, ok := ref(m); !ok {
			c.problem("font %s: bad /CIDToGIDMap", f.name)
			break
		}
		data, err := c.d.stream(m)
		if err != nil {
			c.problem("font %s: CIDToGIDMap: %v", f.name, err)
			break
		}
		f.cidToGID = data
	}
	return desc
}

// readToUnicode reads the font's ToUnicode CMap.
func (c *checker) readToUnicode(f *font, body map[string]any) {
	tu := body["/ToUnicode"]
	if tu == nil {
		c.problem("font %s has no ToUnicode map", f.name)
		return
	}
	if _, ok := ref(tu); !ok {
		c.problem("font %s: bad /ToUnicode", f.name)
		return
	}
	cmap, err := c.d.stream(tu)
	if err != nil {
		c.problem("font %s: ToUnicode: %v", f.name, err)
		return
	}
	if f.toUnicode, err = parseToUnicode(cmap); err != nil {
		c.problem("font %s: ToUnicode: %v", f.name, err)
	}
}

// codes returns the character codes of a shown string.
func (f *font) codes(s string) []uint32 {
	step := 1
	if f.twoByte {
		step = 2
	}
	codes := make([]uint32, 0, len(s)/step)
	for i := 0; i+step <= len(s); i += step {
		code := uint32(s[i])
		if step == 2 {
			code = code<<8 | uint32(s[i+1])
		}
		codes = append(codes, code)
	}
	return codes
}

// notdef reports whether a code draws the .notdef glyph (glyph 0) of a
// Type0 font.
func (f *font) notdef(code uint32) bool {
	switch {
	case !f.twoByte:
		return false
	case f.identity:
		return code == 0
	}
	i := int(code) * 2
	return i+1 >= len(f.cidToGID) || f.cidToGID[i] == 0 && f.cidToGID[i+1] == 0
}

// text returns the text of a code, and whether the ToUnicode map gives any;
// a font without a ToUnicode map (a problem of its own) gives no text and
// is not counted.
func (f *font) text(code uint32) (string, bool) {
	if f.toUnicode == nil {
		return "", true
	}
	t, ok := f.toUnicode[code]
	return t, ok && t != ""
}
