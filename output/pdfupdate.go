// SPDX-License-Identifier: MIT

package output

// This file finishes PDFs written by fpdf with an incremental update
// (ISO 32000-1, 7.5.6): fpdf's bytes stay as they are, and new or replaced
// objects, a cross-reference section for them and a new trailer whose /Prev
// points at the previous cross-reference section are appended.
//
// The parser is deliberately small. It understands classic cross-reference
// tables, objects written as "N 0 obj ... endobj", and enough object syntax
// (dictionaries, arrays, strings, names, references) to find and replace
// dictionary entries. That covers everything fpdf writes and everything we
// write ourselves; other files (cross-reference streams, object streams,
// encryption) are rejected with errUnsupportedPDF.

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"slices"
	"strconv"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// errUnsupportedPDF is wrapped by errors for PDF features the editor does not
// handle.
var errUnsupportedPDF = errors.New("unsupported pdf")

// pdfEditor reads a PDF written by fpdf and collects an incremental update.
//
// Object bodies are the bytes between "N 0 obj" and "endobj". Bodies passed to
// Add and Replace, and values passed to SetTrailer, are written verbatim and
// must be valid PDF syntax.
type pdfEditor struct {
	doc      []byte         // the document as read; never modified
	xrefOff  int            // offset of the newest cross-reference section
	offsets  map[int]int    // object number to byte offset; -1 for free entries
	trailer  []pdfEntry     // the newest trailer's entries, in file order
	root     int            // catalog object number
	next     int            // number of the next added object
	updates  map[int][]byte // new and replaced object bodies
	trailerX map[string]string
}

// pdfEntry is one key and its value as raw bytes from a dictionary.
type pdfEntry struct {
	key string // without the slash
	val []byte
}

// newPDFEditor parses the cross-reference table(s) and trailer of doc.
// Sections chained with /Prev, as left by earlier incremental updates, are
// followed; newer entries win.
func newPDFEditor(doc []byte) (*pdfEditor, error) {
	e := &pdfEditor{doc: doc, offsets: make(map[int]int), updates: make(map[int][]byte)}
	tail := doc[max(0, len(doc)-1024):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return nil, errors.New("no startxref")
	}
	i = pdfSkipSpace(tail, i+len("startxref"))
	off, ok := pdfUint(tail[i:pdfTokenEnd(tail, i)])
	if !ok {
		return nil, errors.New("startxref without offset")
	}
	e.xrefOff = off
	size := 0
	seen := make(map[int]bool)
	for first := true; ; first = false {
		if seen[off] {
			return nil, fmt.Errorf("cross-reference sections loop at offset %d", off)
		}
		seen[off] = true
		trailer, err := e.readXref(off)
		if err != nil {
			return nil, err
		}
		entries, err := pdfDictEntries(trailer)
		if err != nil {
			return nil, fmt.Errorf("trailer at %d: %w", off, err)
		}
		prev := -1
		for _, en := range entries {
			switch en.key {
			case "XRefStm":
				return nil, fmt.Errorf("%w: hybrid cross-reference stream", errUnsupportedPDF)
			case "Encrypt":
				return nil, fmt.Errorf("%w: encrypted document", errUnsupportedPDF)
			case "Prev":
				if prev, ok = pdfUint(en.val); !ok {
					return nil, fmt.Errorf("trailer at %d: bad /Prev %q", off, en.val)
				}
			case "Size":
				if first {
					if size, ok = pdfUint(en.val); !ok {
						return nil, fmt.Errorf("trailer at %d: bad /Size %q", off, en.val)
					}
				}
			}
		}
		if first {
			e.trailer = entries
		}
		if prev < 0 {
			break
		}
		off = prev
	}
	rootRef := e.trailerValue("Root")
	if e.root, ok = pdfParseRef(rootRef); !ok {
		return nil, fmt.Errorf("trailer: bad /Root %q", rootRef)
	}
	if size == 0 {
		return nil, errors.New("trailer: missing /Size")
	}
	e.next = size
	for n := range e.offsets {
		e.next = max(e.next, n+1)
	}
	return e, nil
}

// readXref reads the cross-reference section at off into e.offsets (keeping
// entries already read from newer sections) and returns its trailer dictionary.
func (e *pdfEditor) readXref(off int) ([]byte, error) {
	b := e.doc
	if off < 0 || off >= len(b) {
		return nil, fmt.Errorf("cross-reference offset %d out of range", off)
	}
	if !bytes.HasPrefix(b[off:], []byte("xref")) {
		if _, ok := pdfUint(b[off:pdfTokenEnd(b, off)]); ok {
			return nil, fmt.Errorf("%w: cross-reference stream at offset %d", errUnsupportedPDF, off)
		}
		return nil, fmt.Errorf("no cross-reference table at offset %d", off)
	}
	i := off + len("xref")
	for {
		i = pdfSkipSpace(b, i)
		if bytes.HasPrefix(b[i:], []byte("trailer")) {
			i = pdfSkipSpace(b, i+len("trailer"))
			end, err := pdfSkipValue(b, i)
			if err != nil {
				return nil, fmt.Errorf("trailer at %d: %w", i, err)
			}
			return b[i:end], nil
		}
		// A subsection: "first count", then count entries "offset gen n|f".
		var tok [2]int
		for k := range tok {
			j := pdfTokenEnd(b, i)
			v, ok := pdfUint(b[i:j])
			if !ok {
				return nil, fmt.Errorf("bad cross-reference subsection at offset %d", i)
			}
			tok[k], i = v, pdfSkipSpace(b, j)
		}
		for num := tok[0]; num < tok[0]+tok[1]; num++ {
			var f [3][]byte
			for k := range f {
				i = pdfSkipSpace(b, i)
				j := pdfTokenEnd(b, i)
				f[k], i = b[i:j], j
			}
			at, ok1 := pdfUint(f[0])
			gen, ok2 := pdfUint(f[1])
			if !ok1 || !ok2 || len(f[2]) != 1 || (f[2][0] != 'n' && f[2][0] != 'f') {
				return nil, fmt.Errorf("bad cross-reference entry for object %d", num)
			}
			if _, ok := e.offsets[num]; ok {
				continue // superseded by a newer section
			}
			switch {
			case f[2][0] == 'f':
				e.offsets[num] = -1
			case gen != 0:
				return nil, fmt.Errorf("%w: object %d has generation %d", errUnsupportedPDF, num, gen)
			default:
				e.offsets[num] = at
			}
		}
	}
}

// trailerValue returns the value of key in the newest trailer, or nil.
func (e *pdfEditor) trailerValue(key string) []byte {
	for _, en := range e.trailer {
		if en.key == key {
			return en.val
		}
	}
	return nil
}

// Root returns the catalog's object number.
func (e *pdfEditor) Root() int { return e.root }

// Objects returns the numbers of all objects in use, original and added, in
// ascending order.
func (e *pdfEditor) Objects() []int {
	nums := make([]int, 0, len(e.offsets)+len(e.updates))
	for n, off := range e.offsets {
		if _, upd := e.updates[n]; off >= 0 && !upd {
			nums = append(nums, n)
		}
	}
	for n := range e.updates {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	return nums
}

// Object returns the body of object num: for objects from the document the
// bytes between "num 0 obj" and "endobj" (a sub-slice of the document that
// must not be modified), for added or replaced objects their new body.
func (e *pdfEditor) Object(num int) ([]byte, error) {
	if body, ok := e.updates[num]; ok {
		return body, nil
	}
	return e.original(num, true)
}

// original reads object num from the document. If resolve is set, an
// indirect stream /Length may be looked up (one level deep).
func (e *pdfEditor) original(num int, resolve bool) ([]byte, error) {
	off, ok := e.offsets[num]
	if !ok || off < 0 {
		return nil, fmt.Errorf("object %d not found", num)
	}
	b := e.doc
	if off >= len(b) {
		return nil, fmt.Errorf("object %d: offset %d out of range", num, off)
	}
	// Header "num 0 obj".
	i := off
	for k, want := range [3]string{strconv.Itoa(num), "0", "obj"} {
		if k > 0 {
			i = pdfSkipSpace(b, i)
		}
		j := pdfTokenEnd(b, i)
		if string(b[i:j]) != want {
			return nil, fmt.Errorf("object %d: no object header at offset %d", num, off)
		}
		i = j
	}
	start := i
	var length []byte // a stream's /Length, found while skipping the dictionary
	var err error
	if pdfIsDict(b[start:]) {
		i, err = pdfDictScan(b[start:], func(k []byte, _, vs, ve int) bool {
			if length == nil && string(k) == "Length" {
				length = b[start+vs : start+ve]
			}
			return false
		})
		i += start + len(">>")
	} else {
		i, err = pdfSkipValue(b, start)
	}
	if err != nil {
		return nil, fmt.Errorf("object %d: %w", num, err)
	}
	i = pdfSkipSpace(b, i)
	if bytes.HasPrefix(b[i:], []byte("stream")) {
		i, err = e.streamEnd(b, i, length, resolve)
		if err != nil {
			return nil, fmt.Errorf("object %d: %w", num, err)
		}
		i = pdfSkipSpace(b, i)
	}
	if !bytes.HasPrefix(b[i:], []byte("endobj")) {
		return nil, fmt.Errorf("object %d: missing endobj", num)
	}
	return b[start:i:i], nil
}

// streamEnd returns the offset just past "endstream" for the stream whose
// "stream" keyword is at kw and whose dictionary has /Length lengthVal.
func (e *pdfEditor) streamEnd(b []byte, kw int, lengthVal []byte, resolve bool) (int, error) {
	data := pdfStreamDataStart(b, kw)
	length := -1
	if v := lengthVal; v != nil {
		if n, ok := pdfUint(v); ok {
			length = n
		} else if ref, ok := pdfParseRef(v); ok && resolve {
			if lb, err := e.original(ref, false); err == nil {
				if n, ok := pdfUint(bytes.TrimSpace(lb)); ok {
					length = n
				}
			}
		}
	}
	if length >= 0 && data+length <= len(b) {
		j := pdfSkipSpace(b, data+length)
		if bytes.HasPrefix(b[j:], []byte("endstream")) {
			return j + len("endstream"), nil
		}
	}
	// /Length missing or wrong: fall back to the first "endstream".
	j := bytes.Index(b[data:], []byte("endstream"))
	if j < 0 {
		return 0, errors.New("missing endstream")
	}
	return data + j + len("endstream"), nil
}

// Add adds a new object and returns its number. Numbers continue after the
// trailer's /Size.
func (e *pdfEditor) Add(body []byte) int {
	n := e.next
	e.next++
	e.updates[n] = bytes.Clone(body)
	return n
}

// Replace replaces object num's body in the update.
func (e *pdfEditor) Replace(num int, body []byte) {
	e.updates[num] = bytes.Clone(body)
	e.next = max(e.next, num+1)
}

// SetTrailer sets a trailer entry such as /ID. The key may be given with or
// without its slash; the value is written verbatim.
func (e *pdfEditor) SetTrailer(key, value string) {
	if e.trailerX == nil {
		e.trailerX = make(map[string]string)
	}
	if len(key) > 0 && key[0] == '/' {
		key = key[1:]
	}
	e.trailerX[key] = value
}

// Bytes returns the document followed by the incremental update: the new and
// replaced objects in ascending order, a cross-reference section for them
// (and for object 0, the head of the free list), and
// a trailer with all previous entries, the changes made with SetTrailer, a
// new /Size and /Prev. Without edits it returns the document unchanged.
func (e *pdfEditor) Bytes() []byte {
	if len(e.updates) == 0 && len(e.trailerX) == 0 {
		return e.doc
	}
	nums := make([]int, 0, len(e.updates))
	n := len(e.doc) + 256
	for num, body := range e.updates {
		nums = append(nums, num)
		n += len(body) + 64
	}
	slices.Sort(nums)
	out := slices.Grow(e.doc[:len(e.doc):len(e.doc)], n-len(e.doc)) // a copy; clears only the new part
	if len(out) > 0 && out[len(out)-1] != '\n' && out[len(out)-1] != '\r' {
		out = append(out, '\n')
	}
	offs := make([]int, len(nums))
	for k, num := range nums {
		offs[k] = len(out)
		out = strconv.AppendInt(out, int64(num), 10)
		out = append(out, " 0 obj\n"...)
		out = append(out, pdfTrimSpace(e.updates[num])...)
		out = append(out, "\nendobj\n"...)
	}
	// The section starts with the head of the free list, object 0, as fpdf
	// writes it; this also keeps the section valid when only the trailer
	// changed (a section needs at least one subsection).
	xref := len(out)
	nums = append([]int{0}, nums...)
	offs = append([]int{-1}, offs...)
	out = append(out, "xref\n"...)
	for k := 0; k < len(nums); {
		// One subsection per run of consecutive numbers.
		j := k + 1
		for j < len(nums) && nums[j] == nums[j-1]+1 {
			j++
		}
		out = fmt.Appendf(out, "%d %d\n", nums[k], j-k)
		for ; k < j; k++ { // 20 bytes per entry
			if nums[k] == 0 {
				out = append(out, "0000000000 65535 f \n"...)
			} else {
				out = fmt.Appendf(out, "%010d 00000 n \n", offs[k])
			}
		}
	}
	out = append(out, "trailer\n<<\n"...)
	vals := map[string]string{"Size": strconv.Itoa(e.next), "Prev": strconv.Itoa(e.xrefOff)}
	for k, v := range e.trailerX {
		vals[k] = v
	}
	for _, en := range e.trailer { // keep the previous entries' order
		v, ok := vals[en.key]
		if !ok {
			v = string(en.val)
		}
		delete(vals, en.key)
		out = append(out, '/')
		out = append(out, en.key...)
		out = append(out, ' ')
		out = append(out, v...)
		out = append(out, '\n')
	}
	keys := make([]string, 0, len(vals))
	for k := range vals {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		out = append(out, '/')
		out = append(out, k...)
		out = append(out, ' ')
		out = append(out, vals[k]...)
		out = append(out, '\n')
	}
	out = append(out, ">>\nstartxref\n"...)
	out = strconv.AppendInt(out, int64(xref), 10)
	out = append(out, "\n%%EOF\n"...)
	return out
}

// Stream returns the dictionary and the decoded data of stream object num.
func (e *pdfEditor) Stream(num int) (dict, data []byte, err error) {
	body, err := e.Object(num)
	if err != nil {
		return nil, nil, err
	}
	dict, raw, err := pdfSplitStream(body)
	if err != nil {
		return nil, nil, fmt.Errorf("object %d: %w", num, err)
	}
	data, err = pdfDecodeStream(dict, raw)
	if err != nil {
		return nil, nil, fmt.Errorf("object %d: %w", num, err)
	}
	return dict, data, nil
}

// Syntax helpers. They work on raw bytes and return sub-slices or new slices;
// none modifies its input.

// Byte classes for the lexer; other bytes are regular characters.
const (
	pdfSpace = 1 + iota
	pdfDelim
)

// pdfClass maps each byte to its class.
var pdfClass = func() (class [256]uint8) {
	for _, c := range []byte("\x00\t\n\f\r ") {
		class[c] = pdfSpace
	}
	for _, c := range []byte("()<>[]{}/%") {
		class[c] = pdfDelim
	}
	return class
}()

// pdfIsSpace reports whether c is PDF white space.
func pdfIsSpace(c byte) bool { return pdfClass[c] == pdfSpace }

// pdfIsDelim reports whether c is a PDF delimiter.
func pdfIsDelim(c byte) bool { return pdfClass[c] == pdfDelim }

// pdfSkipSpace returns the offset of the first byte at or after i that is
// neither white space nor in a comment.
func pdfSkipSpace(b []byte, i int) int {
	for i < len(b) {
		switch {
		case pdfIsSpace(b[i]):
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

// pdfTrimSpace removes leading and trailing white space.
func pdfTrimSpace(b []byte) []byte {
	i, j := 0, len(b)
	for i < j && pdfIsSpace(b[i]) {
		i++
	}
	for j > i && pdfIsSpace(b[j-1]) {
		j--
	}
	return b[i:j]
}

// pdfTokenEnd returns the end of the regular characters starting at i.
func pdfTokenEnd(b []byte, i int) int {
	for i < len(b) && pdfClass[b[i]] == 0 {
		i++
	}
	return i
}

// pdfUint parses a non-negative decimal integer that makes up all of b.
func pdfUint(b []byte) (int, bool) {
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

// pdfParseRef parses an indirect reference "N G R" and returns N.
func pdfParseRef(b []byte) (int, bool) {
	b = pdfTrimSpace(b)
	var f [3][]byte
	i := 0
	for k := range f {
		i = pdfSkipSpace(b, i)
		j := pdfTokenEnd(b, i)
		f[k], i = b[i:j], j
	}
	n, ok := pdfUint(f[0])
	_, okg := pdfUint(f[1])
	return n, ok && okg && string(f[2]) == "R" && i == len(b)
}

// pdfSkipValue returns the offset just past the object that starts at or
// after i (leading white space is skipped). Dictionaries, arrays, literal
// strings (with escapes and balanced parentheses), hex strings, names,
// numbers and keywords are understood; an indirect reference "N G R" counts
// as one object.
func pdfSkipValue(b []byte, i int) (int, error) {
	return pdfSkipValueDepth(b, i, 0)
}

func pdfSkipValueDepth(b []byte, i, depth int) (int, error) {
	if depth > 100 {
		return 0, errors.New("objects nested too deeply")
	}
	i = pdfSkipSpace(b, i)
	if i >= len(b) {
		return 0, errors.New("unexpected end of data")
	}
	switch c := b[i]; {
	case c == '/':
		return pdfTokenEnd(b, i+1), nil
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
			i = pdfSkipSpace(b, i)
			if bytes.HasPrefix(b[i:], []byte(closing)) {
				return i + len(closing), nil
			}
			var err error
			if i, err = pdfSkipValueDepth(b, i, depth+1); err != nil {
				return 0, err
			}
		}
	case c == '<':
		j := bytes.IndexByte(b[i:], '>')
		if j < 0 {
			return 0, errors.New("unterminated hex string")
		}
		return i + j + 1, nil
	case pdfIsDelim(c):
		return 0, fmt.Errorf("unexpected %q at offset %d", c, i)
	}
	end := pdfTokenEnd(b, i)
	if _, ok := pdfUint(b[i:end]); ok { // maybe "N G R"
		j := pdfSkipSpace(b, end)
		k := pdfTokenEnd(b, j)
		if _, ok := pdfUint(b[j:k]); ok && k > j {
			l := pdfSkipSpace(b, k)
			if l < len(b) && b[l] == 'R' && pdfTokenEnd(b, l) == l+1 {
				return l + 1, nil
			}
		}
	}
	return end, nil
}

// pdfIsDict reports whether b (after white space) starts with a dictionary.
func pdfIsDict(b []byte) bool {
	return bytes.HasPrefix(b[pdfSkipSpace(b, 0):], []byte("<<"))
}

// pdfDictScan parses the dictionary at the start of b (after white space;
// anything after it, such as stream data, is ignored). It calls fn, if not
// nil, for each top-level entry with the key (without slash), the offset of
// the key's slash and the span of its value, and returns the offset of the
// dictionary's closing ">>". If fn returns true, the scan stops there and the
// offset returned is -1.
func pdfDictScan(b []byte, fn func(key []byte, ks, vs, ve int) (stop bool)) (int, error) {
	i := pdfSkipSpace(b, 0)
	if !bytes.HasPrefix(b[i:], []byte("<<")) {
		return 0, errors.New("not a dictionary")
	}
	i += 2
	for {
		i = pdfSkipSpace(b, i)
		if bytes.HasPrefix(b[i:], []byte(">>")) {
			return i, nil
		}
		if i >= len(b) || b[i] != '/' {
			return 0, fmt.Errorf("dictionary key expected at offset %d", i)
		}
		ke := pdfTokenEnd(b, i+1)
		vs := pdfSkipSpace(b, ke)
		ve, err := pdfSkipValue(b, vs)
		if err != nil {
			return 0, err
		}
		if fn != nil && fn(b[i+1:ke], i, vs, ve) {
			return -1, nil
		}
		i = ve
	}
}

// pdfDictEntries returns the top-level entries of the dictionary at the start
// of b.
func pdfDictEntries(b []byte) ([]pdfEntry, error) {
	var entries []pdfEntry
	_, err := pdfDictScan(b, func(key []byte, _, vs, ve int) bool {
		entries = append(entries, pdfEntry{string(key), b[vs:ve:ve]})
		return false
	})
	return entries, err
}

// pdfDictGet returns the raw value of key (given without slash, compared
// literally) in the top-level dictionary at the start of b, or nil if the key
// is absent. A reference is returned as "N G R". The dictionary is parsed
// only up to the key.
func pdfDictGet(b []byte, key string) ([]byte, error) {
	var val []byte
	_, err := pdfDictScan(b, func(k []byte, _, vs, ve int) bool {
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

// pdfDictSet returns a copy of b with key (without slash) set to value in
// the dictionary at the start of b: an existing value is replaced, otherwise
// the entry is added before the closing ">>". Bytes after the dictionary
// (a stream) are kept.
func pdfDictSet(b []byte, key, value string) ([]byte, error) {
	if end, err := pdfSkipValue([]byte(value), 0); err != nil || pdfSkipSpace([]byte(value), end) != len(value) {
		return nil, fmt.Errorf("invalid value %q for /%s", value, key)
	}
	vs, ve := -1, -1
	closing, err := pdfDictScan(b, func(k []byte, _, s, e int) bool {
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
		if c := b[vs-1]; !pdfIsSpace(c) && !pdfIsDelim(c) && !pdfIsDelim(value[0]) {
			out = append(out, ' ') // "/Key" directly followed by a value
		}
		out = append(out, value...)
		return append(out, b[ve:]...), nil
	}
	out = append(out, b[:closing]...)
	prev := b[closing-1]
	if !pdfIsSpace(prev) && prev != '<' {
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

// pdfDictDelete returns a copy of b without key in the dictionary at the
// start of b; b itself if the key is absent.
func pdfDictDelete(b []byte, key string) ([]byte, error) {
	ks, ve := -1, -1
	_, err := pdfDictScan(b, func(k []byte, s, _, e int) bool {
		if string(k) == key {
			ks, ve = s, e
		}
		return ks >= 0
	})
	if err != nil || ks < 0 {
		return b, err
	}
	return append(bytes.Clone(b[:ks]), b[ve:]...), nil
}

// pdfArrayItems returns the raw items of the array at the start of b.
func pdfArrayItems(b []byte) ([][]byte, error) {
	i := pdfSkipSpace(b, 0)
	if i >= len(b) || b[i] != '[' {
		return nil, errors.New("not an array")
	}
	end, err := pdfSkipValue(b, i)
	if err != nil {
		return nil, err
	}
	var items [][]byte
	for i++; ; {
		i = pdfSkipSpace(b, i)
		if i >= end-1 {
			return items, nil
		}
		j, _ := pdfSkipValue(b, i) // cannot fail: the whole array parsed
		items = append(items, b[i:j:j])
		i = j
	}
}

// pdfStreamDataStart returns the offset of the data after the "stream"
// keyword at kw and its end-of-line marker.
func pdfStreamDataStart(b []byte, kw int) int {
	i := kw + len("stream")
	if i < len(b) && b[i] == '\r' {
		i++
	}
	if i < len(b) && b[i] == '\n' {
		i++
	}
	return i
}

// pdfSplitStream splits an object body holding a stream into the stream's
// dictionary and its raw (still encoded) data. A direct /Length is used when
// it is consistent; otherwise the data ends at the last "endstream".
func pdfSplitStream(body []byte) (dict, raw []byte, err error) {
	ds := pdfSkipSpace(body, 0)
	if !pdfIsDict(body) {
		return nil, nil, errors.New("stream without dictionary")
	}
	de, err := pdfSkipValue(body, ds)
	if err != nil {
		return nil, nil, err
	}
	kw := pdfSkipSpace(body, de)
	if !bytes.HasPrefix(body[kw:], []byte("stream")) {
		return nil, nil, errors.New("not a stream")
	}
	dict = body[ds:de:de]
	data := pdfStreamDataStart(body, kw)
	if v, _ := pdfDictGet(dict, "Length"); v != nil {
		if n, ok := pdfUint(v); ok && data+n <= len(body) &&
			bytes.HasPrefix(body[pdfSkipSpace(body, data+n):], []byte("endstream")) {
			return dict, body[data : data+n : data+n], nil
		}
	}
	end := bytes.LastIndex(body, []byte("endstream"))
	if end < data {
		return nil, nil, errors.New("missing endstream")
	}
	// The end-of-line before "endstream" is not part of the data.
	if end > data && body[end-1] == '\n' {
		end--
	}
	if end > data && body[end-1] == '\r' {
		end--
	}
	return dict, body[data:end:end], nil
}

// pdfDecodeStream decodes raw stream data according to dict's /Filter:
// none or FlateDecode (without predictors).
func pdfDecodeStream(dict, raw []byte) ([]byte, error) {
	f, err := pdfDictGet(dict, "Filter")
	if err != nil {
		return nil, err
	}
	switch string(bytes.Trim(pdfTrimSpace(f), "[] ")) {
	case "":
		return raw, nil
	case "/FlateDecode":
		if p, _ := pdfDictGet(dict, "DecodeParms"); p != nil {
			return nil, fmt.Errorf("%w: /DecodeParms %s", errUnsupportedPDF, p)
		}
		zr, err := zlib.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("flate: %w", err)
		}
		data, err := io.ReadAll(zr)
		if err != nil {
			return nil, fmt.Errorf("flate: %w", err)
		}
		return data, nil
	}
	return nil, fmt.Errorf("%w: filter %s", errUnsupportedPDF, f)
}

// pdfZlibWriters holds zlib writers for reuse. The level is fixed so that
// output is reproducible (Reset makes it independent of reuse too). BestSpeed
// because the other levels clear 640 KB of hash tables on every Reset, which
// costs more than the few percent of size they save on a CMap.
var pdfZlibWriters = sync.Pool{New: func() any {
	zw, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed) // valid level: no error
	return zw
}}

// pdfMakeStream returns a stream object body with the dictionary dict (nil
// for an empty one) and data, compressed with FlateDecode at a fixed level if
// compress is set. /Length (and /Filter) are set in the dictionary.
func pdfMakeStream(dict, data []byte, compress bool) ([]byte, error) {
	if dict == nil {
		dict = []byte("<<>>")
	}
	var err error
	if compress {
		var buf bytes.Buffer
		zw := pdfZlibWriters.Get().(*zlib.Writer)
		zw.Reset(&buf)
		zw.Write(data) // writes to a bytes.Buffer do not fail
		zw.Close()
		pdfZlibWriters.Put(zw)
		data = buf.Bytes()
		if dict, err = pdfDictSet(dict, "Filter", "/FlateDecode"); err != nil {
			return nil, err
		}
	}
	if dict, err = pdfDictSet(dict, "Length", strconv.Itoa(len(data))); err != nil {
		return nil, err
	}
	body := make([]byte, 0, len(dict)+len(data)+20)
	body = append(body, dict...)
	body = append(body, "\nstream\n"...)
	body = append(body, data...)
	return append(body, "\nendstream"...), nil
}

// finishOptions says what finishPDF adds to a document written by fpdf.
type finishOptions struct {
	// ToUnicode maps a Type0 font's BaseFont name (without the slash, as
	// fpdf writes it: "utf8" + font key) to the text each 2-byte code (CID)
	// stands for. Each listed font's /ToUnicode is replaced by a new CMap
	// stream built from it; unlisted fonts keep fpdf's. Listing a font the
	// document does not have is an error; codes mapped to "" are left out.
	ToUnicode map[string]map[uint16]string

	// FontNames renames Type0 fonts: fpdf's BaseFont name (as in
	// ToUnicode) to the name to write, e.g. "ABCDEF+NotoSans-Regular", in
	// the font, its descendant CIDFont and its font descriptor.
	FontNames map[string]string

	DisplayDocTitle     bool // /ViewerPreferences /DisplayDocTitle true
	DuplexFlipShortEdge bool // /ViewerPreferences /Duplex /DuplexFlipShortEdge
	Version17           bool // catalog /Version /1.7
}

// finishPDF appends an incremental update to doc, a PDF written by fpdf,
// with what opt asks for and a document /ID: two identical strings holding
// the MD5 of doc (if doc already has an /ID, its first string is kept). The
// result depends only on doc and opt.
func finishPDF(doc []byte, opt finishOptions) ([]byte, error) {
	e, err := newPDFEditor(doc)
	if err != nil {
		return nil, fmt.Errorf("finish pdf: %w", err)
	}
	if err := finishToUnicode(e, opt.ToUnicode); err != nil {
		return nil, fmt.Errorf("finish pdf: %w", err)
	}
	if err := finishFontNames(e, opt.FontNames); err != nil {
		return nil, fmt.Errorf("finish pdf: %w", err)
	}
	if err := finishCatalog(e, opt); err != nil {
		return nil, fmt.Errorf("finish pdf: %w", err)
	}
	sum := md5.Sum(doc)
	id := "<" + hex.EncodeToString(sum[:]) + ">"
	first := id
	if old := e.trailerValue("ID"); old != nil {
		if items, err := pdfArrayItems(old); err == nil && len(items) == 2 {
			first = string(items[0])
		}
	}
	e.SetTrailer("ID", "["+first+" "+id+"]")
	return e.Bytes(), nil
}

// finishToUnicode gives each Type0 font listed in maps a new ToUnicode CMap.
func finishToUnicode(e *pdfEditor, maps map[string]map[uint16]string) error {
	if len(maps) == 0 {
		return nil
	}
	done := make(map[string]bool, len(maps))
	var seen []string // BaseFont names of all Type0 fonts, for the error message
	for _, num := range e.Objects() {
		body, err := e.Object(num)
		if err != nil {
			return err
		}
		if !pdfIsDict(body) {
			continue
		}
		if st, err := pdfDictGet(body, "Subtype"); err != nil || string(st) != "/Type0" {
			continue
		}
		base, err := pdfDictGet(body, "BaseFont")
		if err != nil || len(base) < 2 {
			return fmt.Errorf("font object %d: no /BaseFont", num)
		}
		name := string(base[1:])
		seen = append(seen, name)
		m, ok := maps[name]
		if !ok {
			continue
		}
		stream, err := pdfMakeStream(nil, toUnicodeCMap(m), true)
		if err != nil {
			return err
		}
		cmap := e.Add(stream)
		if body, err = pdfDictSet(body, "ToUnicode", strconv.Itoa(cmap)+" 0 R"); err != nil {
			return fmt.Errorf("font object %d: %w", num, err)
		}
		e.Replace(num, body)
		done[name] = true
	}
	for name := range maps {
		if !done[name] {
			// fpdf lower-cases family names in font keys: "utf8" + "F0" is
			// written as /utf8f0.
			return fmt.Errorf("no Type0 font with /BaseFont /%s (the document has %q)", name, seen)
		}
	}
	return nil
}

// finishFontNames renames the Type0 fonts listed in names.
func finishFontNames(e *pdfEditor, names map[string]string) error {
	if len(names) == 0 {
		return nil
	}
	name := func(s string) string { return "/" + s }
	set := func(num int, key, value string) ([]byte, error) {
		body, err := e.Object(num)
		if err != nil {
			return nil, err
		}
		if body, err = pdfDictSet(body, key, value); err != nil {
			return nil, fmt.Errorf("object %d: %w", num, err)
		}
		e.Replace(num, body)
		return body, nil
	}
	for _, num := range e.Objects() {
		body, err := e.Object(num)
		if err != nil {
			return err
		}
		if !pdfIsDict(body) {
			continue
		}
		if st, err := pdfDictGet(body, "Subtype"); err != nil || string(st) != "/Type0" {
			continue
		}
		base, err := pdfDictGet(body, "BaseFont")
		if err != nil || len(base) < 2 {
			return fmt.Errorf("font object %d: no /BaseFont", num)
		}
		to, ok := names[string(base[1:])]
		if !ok {
			continue
		}
		if _, err := set(num, "BaseFont", name(to)); err != nil {
			return err
		}
		desc, err := pdfDictGet(body, "DescendantFonts")
		if err != nil {
			return fmt.Errorf("font object %d: %w", num, err)
		}
		items, err := pdfArrayItems(desc)
		if err != nil || len(items) != 1 {
			return fmt.Errorf("font object %d: want one descendant font", num)
		}
		cid, ok := pdfParseRef(items[0])
		if !ok {
			return fmt.Errorf("font object %d: the descendant font is not a reference", num)
		}
		cidBody, err := set(cid, "BaseFont", name(to))
		if err != nil {
			return err
		}
		fd, err := pdfDictGet(cidBody, "FontDescriptor")
		if err != nil {
			return fmt.Errorf("font object %d: %w", cid, err)
		}
		fdNum, ok := pdfParseRef(fd)
		if !ok {
			return fmt.Errorf("font object %d: no font descriptor", cid)
		}
		if _, err := set(fdNum, "FontName", name(to)); err != nil {
			return err
		}
	}
	return nil
}

// finishCatalog makes the catalog changes opt asks for.
func finishCatalog(e *pdfEditor, opt finishOptions) error {
	var prefs [][2]string
	if opt.DisplayDocTitle {
		prefs = append(prefs, [2]string{"DisplayDocTitle", "true"})
	}
	if opt.DuplexFlipShortEdge {
		prefs = append(prefs, [2]string{"Duplex", "/DuplexFlipShortEdge"})
	}
	if len(prefs) == 0 && !opt.Version17 {
		return nil
	}
	cat, err := e.Object(e.Root())
	if err != nil {
		return fmt.Errorf("catalog: %w", err)
	}
	if len(prefs) > 0 {
		vp, err := pdfDictGet(cat, "ViewerPreferences")
		if err != nil {
			return fmt.Errorf("catalog: %w", err)
		}
		ref, isRef := pdfParseRef(vp)
		switch {
		case vp == nil:
			vp = []byte("<<>>")
		case isRef:
			if vp, err = e.Object(ref); err != nil {
				return fmt.Errorf("viewer preferences: %w", err)
			}
		}
		for _, p := range prefs {
			if vp, err = pdfDictSet(vp, p[0], p[1]); err != nil {
				return fmt.Errorf("viewer preferences: %w", err)
			}
		}
		if isRef {
			e.Replace(ref, vp)
		} else if cat, err = pdfDictSet(cat, "ViewerPreferences", string(pdfTrimSpace(vp))); err != nil {
			return fmt.Errorf("catalog: %w", err)
		}
	}
	if opt.Version17 {
		if cat, err = pdfDictSet(cat, "Version", "/1.7"); err != nil {
			return fmt.Errorf("catalog: %w", err)
		}
	}
	e.Replace(e.Root(), cat)
	return nil
}

// toUnicodeCMap returns a ToUnicode CMap for 2-byte codes mapping each code
// in m to its text, as UTF-16BE. Runs of at least two consecutive codes within
// one 256-code block that map to consecutive single BMP characters (also
// within one 256 block) become bfrange entries, everything else bfchar
// entries; blocks hold at most 100 entries and codes are ascending.
func toUnicodeCMap(m map[uint16]string) []byte {
	// Sort the codes with a bit set: faster than sorting for CMap sizes.
	var set [1 << 16 / 64]uint64
	for c, s := range m {
		if s != "" {
			set[c/64] |= 1 << (c % 64)
		}
	}
	codes := make([]int, 0, len(m))
	texts := make([]string, 0, len(m))
	for w, word := range set {
		for ; word != 0; word &= word - 1 {
			c := w*64 + bits.TrailingZeros64(word)
			codes = append(codes, c)
			texts = append(texts, m[uint16(c)])
		}
	}
	// single returns the text's only character if it is in the BMP.
	single := func(s string) (rune, bool) {
		r, n := utf8.DecodeRuneInString(s)
		return r, n == len(s) && r != utf8.RuneError && r < 0x10000
	}
	var chars, ranges []int // indexes into codes; ranges: first and last of each run
	for i := 0; i < len(codes); {
		c := codes[i]
		j := i + 1
		if r, ok := single(texts[i]); ok {
			for j < len(codes) && codes[j] == codes[j-1]+1 && codes[j]>>8 == c>>8 {
				r2, ok := single(texts[j])
				if !ok || r2 != r+rune(j-i) || r2>>8 != r>>8 {
					break
				}
				j++
			}
		}
		if j-i >= 2 {
			ranges = append(ranges, i, j-1)
		} else {
			chars = append(chars, i)
		}
		i = j
	}

	out := make([]byte, 0, 400+len(chars)*16+len(ranges)*11)
	out = append(out, "/CIDInit /ProcSet findresource begin\n"+
		"12 dict begin\n"+
		"begincmap\n"+
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"+
		"/CMapName /Adobe-Identity-UCS def\n"+
		"/CMapType 2 def\n"+
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"...)
	for k := 0; k < len(chars); k += 100 {
		block := chars[k:min(k+100, len(chars))]
		out = strconv.AppendInt(out, int64(len(block)), 10)
		out = append(out, " beginbfchar\n"...)
		for _, i := range block {
			out = pdfAppendHex16(append(out, '<'), uint16(codes[i]))
			out = append(out, "> <"...)
			for _, r := range texts[i] { // invalid UTF-8 becomes U+FFFD
				if r > 0xFFFF { // a surrogate pair
					r1, r2 := utf16.EncodeRune(r)
					out = pdfAppendHex16(pdfAppendHex16(out, uint16(r1)), uint16(r2))
				} else {
					out = pdfAppendHex16(out, uint16(r))
				}
			}
			out = append(out, ">\n"...)
		}
		out = append(out, "endbfchar\n"...)
	}
	for k := 0; k < len(ranges); k += 200 {
		block := ranges[k:min(k+200, len(ranges))]
		out = strconv.AppendInt(out, int64(len(block)/2), 10)
		out = append(out, " beginbfrange\n"...)
		for p := 0; p < len(block); p += 2 {
			r, _ := single(texts[block[p]])
			out = pdfAppendHex16(append(out, '<'), uint16(codes[block[p]]))
			out = pdfAppendHex16(append(out, "> <"...), uint16(codes[block[p+1]]))
			out = pdfAppendHex16(append(out, "> <"...), uint16(r))
			out = append(out, ">\n"...)
		}
		out = append(out, "endbfrange\n"...)
	}
	return append(out, "endcmap\n"+
		"CMapName currentdict /CMap defineresource pop\n"+
		"end\n"+
		"end\n"...)
}

// pdfAppendHex16 appends v as four upper-case hex digits.
func pdfAppendHex16(b []byte, v uint16) []byte {
	const digits = "0123456789ABCDEF"
	return append(b, digits[v>>12], digits[v>>8&15], digits[v>>4&15], digits[v&15])
}
