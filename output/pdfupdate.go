// SPDX-License-Identifier: MIT

package output

// This file finishes PDFs written by fpdf with an incremental update
// (ISO 32000-1, 7.5.6): fpdf's bytes stay as they are, and new or replaced
// objects, a cross-reference section for them and a new trailer whose /Prev
// points at the previous cross-reference section are appended.
//
// The update comes in one of two forms. The compressed form (the default,
// for PDF 1.5 and later) puts the objects that are not streams into one
// object stream (7.5.7) and writes the cross-reference section as a
// cross-reference stream (7.5.8) whose dictionary holds the trailer's
// entries; streams stay ordinary objects. The classic form writes every
// object as "N 0 obj ... endobj" with a cross-reference table and a trailer.
//
// The parser is deliberately small. It understands classic cross-reference
// tables, cross-reference streams and object streams (FlateDecode, with or
// without a PNG predictor, or no filter), objects written as
// "N 0 obj ... endobj", and enough object syntax (dictionaries, arrays,
// strings, names, references) to find and replace dictionary entries. That
// covers everything fpdf writes and everything we write ourselves; other
// files (hybrid cross-reference sections, other filters and predictors,
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
	doc      []byte             // the document as read; never modified
	xrefOff  int                // offset of the newest cross-reference section
	xref     map[int]pdfXref    // where each object is, from the cross-reference sections
	internal map[int]bool       // cross-reference streams and object streams read
	objStms  map[int]*pdfObjStm // object streams decoded so far
	trailer  []pdfEntry         // the newest trailer's entries, in file order
	root     int                // catalog object number
	next     int                // number of the next added object
	updates  map[int][]byte     // new and replaced object bodies
	trailerX map[string]string  // entries set with SetTrailer
	classic  bool               // write the classic form; see CompressObjects
}

// pdfXref says where an object is: at byte offset off of the document or,
// if stm is not 0, at index idx of object stream stm. An object with off < 0
// and stm 0 is free.
type pdfXref struct{ off, stm, idx int }

// free reports whether the entry is for a free object.
func (x pdfXref) free() bool { return x.stm == 0 && x.off < 0 }

// pdfObjStm is a decoded object stream.
type pdfObjStm struct {
	data []byte // the decoded stream data
	nums []int  // the object numbers, in the stream's order
	offs []int  // where each object starts in data
}

// pdfEntry is one key and its value as raw bytes from a dictionary.
type pdfEntry struct {
	key string // without the slash
	val []byte
}

// pdfXrefStreamKeys are the entries of a cross-reference stream's dictionary
// that describe the stream rather than the document: they are not carried
// over to the next trailer.
var pdfXrefStreamKeys = map[string]bool{
	"Type": true, "W": true, "Index": true, "Length": true, "Filter": true,
	"DecodeParms": true, "F": true, "FFilter": true, "FDecodeParms": true, "DL": true,
}

// newPDFEditor parses the cross-reference sections and trailer of doc:
// tables or streams. Sections chained with /Prev, as left by earlier
// incremental updates, are followed; newer entries win.
func newPDFEditor(doc []byte) (*pdfEditor, error) {
	e := &pdfEditor{doc: doc, xref: make(map[int]pdfXref), internal: make(map[int]bool), updates: make(map[int][]byte)}
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
		entries, err := e.readXref(off)
		if err != nil {
			return nil, err
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
	for n := range e.xref {
		e.next = max(e.next, n+1)
	}
	return e, nil
}

// readXref reads the cross-reference section at off, a table or a stream,
// into e.xref (keeping entries already read from newer sections) and returns
// its trailer's entries: for a stream, those of its dictionary that are not
// about the stream itself.
func (e *pdfEditor) readXref(off int) ([]pdfEntry, error) {
	b := e.doc
	if off < 0 || off >= len(b) {
		return nil, fmt.Errorf("cross-reference offset %d out of range", off)
	}
	if !bytes.HasPrefix(b[off:], []byte("xref")) {
		if _, ok := pdfUint(b[off:pdfTokenEnd(b, off)]); ok {
			return e.readXrefStream(off)
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
			entries, err := pdfDictEntries(b[i:end])
			if err != nil {
				return nil, fmt.Errorf("trailer at %d: %w", off, err)
			}
			return entries, nil
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
			if _, ok := e.xref[num]; ok {
				continue // superseded by a newer section
			}
			switch {
			case f[2][0] == 'f':
				e.xref[num] = pdfXref{off: -1}
			case gen != 0:
				return nil, fmt.Errorf("%w: object %d has generation %d", errUnsupportedPDF, num, gen)
			default:
				e.xref[num] = pdfXref{off: at}
			}
		}
	}
}

// readXrefStream reads the cross-reference stream at off (7.5.8) into
// e.xref and returns the entries of its dictionary that belong to the
// trailer.
func (e *pdfEditor) readXrefStream(off int) ([]pdfEntry, error) {
	num, body, err := e.objectAt(-1, off, false)
	if err != nil {
		return nil, fmt.Errorf("no cross-reference section at offset %d: %w", off, err)
	}
	dict, raw, err := pdfSplitStream(body)
	if err != nil {
		return nil, fmt.Errorf("cross-reference stream %d: %w", num, err)
	}
	entries, err := pdfDictEntries(dict)
	if err != nil {
		return nil, fmt.Errorf("cross-reference stream %d: %w", num, err)
	}
	get := func(key string) []byte {
		for _, en := range entries {
			if en.key == key {
				return en.val
			}
		}
		return nil
	}
	ints := func(key string) ([]int, bool) {
		items, err := pdfArrayItems(get(key))
		if err != nil {
			return nil, false
		}
		v := make([]int, len(items))
		for k, it := range items {
			var ok bool
			if v[k], ok = pdfUint(it); !ok {
				return nil, false
			}
		}
		return v, true
	}
	bad := func(what string, val []byte) error {
		return fmt.Errorf("cross-reference stream %d at offset %d: bad /%s %q", num, off, what, val)
	}
	if string(get("Type")) != "/XRef" {
		return nil, fmt.Errorf("object %d at offset %d is not a cross-reference stream", num, off)
	}
	size, ok := pdfUint(get("Size"))
	if !ok {
		return nil, bad("Size", get("Size"))
	}
	w, ok := ints("W")
	// The offset field is needed (and keeps rows from being empty); 8
	// bytes hold any offset.
	if !ok || len(w) != 3 || w[1] == 0 || slices.Max(w) > 8 {
		return nil, bad("W", get("W"))
	}
	index := []int{0, size}
	if get("Index") != nil {
		if index, ok = ints("Index"); !ok || len(index)%2 != 0 {
			return nil, bad("Index", get("Index"))
		}
	}
	data, err := pdfDecodeStream(dict, raw)
	if err != nil {
		return nil, fmt.Errorf("cross-reference stream %d: %w", num, err)
	}
	row := w[0] + w[1] + w[2]
	rows := 0
	for k := 1; k < len(index); k += 2 {
		rows += index[k]
	}
	if rows > len(data)/row {
		return nil, fmt.Errorf("cross-reference stream %d: %d bytes for %d entries of %d", num, len(data), rows, row)
	}
	field := func(p, width, def int) (int, int) {
		if width == 0 {
			return def, p
		}
		v := 0
		for _, c := range data[p : p+width] {
			v = v<<8 | int(c)
		}
		return v, p + width
	}
	p := 0
	for k := 0; k < len(index); k += 2 {
		for n := index[k]; n < index[k]+index[k+1]; n++ {
			var typ, f2, f3 int
			typ, p = field(p, w[0], 1)
			f2, p = field(p, w[1], 0)
			f3, p = field(p, w[2], 0)
			if typ == 2 {
				if f2 == 0 {
					return nil, fmt.Errorf("cross-reference stream %d: object %d in object stream 0", num, n)
				}
				e.internal[f2] = true // even if superseded: the stream is still there
			}
			if _, ok := e.xref[n]; ok {
				continue // superseded by a newer section
			}
			switch typ {
			case 1:
				if f3 != 0 {
					return nil, fmt.Errorf("%w: object %d has generation %d", errUnsupportedPDF, n, f3)
				}
				e.xref[n] = pdfXref{off: f2}
			case 2:
				e.xref[n] = pdfXref{off: -1, stm: f2, idx: f3}
			default: // 0, free; other types stand for the null object
				e.xref[n] = pdfXref{off: -1}
			}
		}
	}
	e.internal[num] = true
	trailer := entries[:0:0]
	for _, en := range entries {
		if !pdfXrefStreamKeys[en.key] {
			trailer = append(trailer, en)
		}
	}
	return trailer, nil
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
// ascending order. The cross-reference streams and object streams of the
// document are left out: they hold its structure, not its content.
func (e *pdfEditor) Objects() []int {
	nums := make([]int, 0, len(e.xref)+len(e.updates))
	for n, x := range e.xref {
		if _, upd := e.updates[n]; !x.free() && !upd && !e.internal[n] {
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
// bytes between "num 0 obj" and "endobj", or its bytes in its object stream
// (a sub-slice of the document or of the decoded object stream that must not
// be modified), for added or replaced objects their new body.
func (e *pdfEditor) Object(num int) ([]byte, error) {
	if body, ok := e.updates[num]; ok {
		return body, nil
	}
	return e.original(num, true)
}

// original reads object num from the document. If resolve is set, an
// indirect stream /Length may be looked up (one level deep).
func (e *pdfEditor) original(num int, resolve bool) ([]byte, error) {
	x, ok := e.xref[num]
	if !ok || x.free() {
		return nil, fmt.Errorf("object %d not found", num)
	}
	if x.stm != 0 {
		return e.compressed(num, x)
	}
	_, body, err := e.objectAt(num, x.off, resolve)
	return body, err
}

// objectAt reads the object at byte offset off: its number (which must be
// num unless num is negative) and its body, the bytes between "num 0 obj"
// and "endobj". If resolve is set, an indirect stream /Length may be looked
// up (one level deep).
func (e *pdfEditor) objectAt(num, off int, resolve bool) (int, []byte, error) {
	b := e.doc
	name := "object " + strconv.Itoa(num)
	if num < 0 {
		name = "object"
	}
	if off >= len(b) {
		return 0, nil, fmt.Errorf("%s: offset %d out of range", name, off)
	}
	// Header "num 0 obj".
	i := off
	var head [2]int
	for k := range head {
		i = pdfSkipSpace(b, i)
		j := pdfTokenEnd(b, i)
		v, ok := pdfUint(b[i:j])
		if !ok || k == 0 && num >= 0 && v != num || k == 1 && v != 0 {
			return 0, nil, fmt.Errorf("%s: no object header at offset %d", name, off)
		}
		head[k], i = v, j
	}
	i = pdfSkipSpace(b, i)
	j := pdfTokenEnd(b, i)
	if string(b[i:j]) != "obj" {
		return 0, nil, fmt.Errorf("%s: no object header at offset %d", name, off)
	}
	i = j
	num, name = head[0], "object "+strconv.Itoa(head[0])
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
		return 0, nil, fmt.Errorf("%s: %w", name, err)
	}
	i = pdfSkipSpace(b, i)
	if bytes.HasPrefix(b[i:], []byte("stream")) {
		i, err = e.streamEnd(b, i, length, resolve)
		if err != nil {
			return 0, nil, fmt.Errorf("%s: %w", name, err)
		}
		i = pdfSkipSpace(b, i)
	}
	if !bytes.HasPrefix(b[i:], []byte("endobj")) {
		return 0, nil, fmt.Errorf("%s: missing endobj", name)
	}
	return num, b[start:i:i], nil
}

// compressed returns the body of object num, which x places in an object
// stream.
func (e *pdfEditor) compressed(num int, x pdfXref) ([]byte, error) {
	s, err := e.objStm(x.stm)
	if err != nil {
		return nil, fmt.Errorf("object %d: %w", num, err)
	}
	if x.idx >= len(s.nums) || s.nums[x.idx] != num {
		return nil, fmt.Errorf("object %d is not at index %d of object stream %d", num, x.idx, x.stm)
	}
	start := s.offs[x.idx]
	end, err := pdfSkipValue(s.data, start)
	if err != nil {
		return nil, fmt.Errorf("object %d in object stream %d: %w", num, x.stm, err)
	}
	body := pdfTrimSpace(s.data[start:end])
	return body[:len(body):len(body)], nil
}

// objStm returns object stream num (7.5.7), decoding it on first use.
func (e *pdfEditor) objStm(num int) (*pdfObjStm, error) {
	if s, ok := e.objStms[num]; ok {
		return s, nil
	}
	x, ok := e.xref[num]
	if !ok || x.off < 0 {
		return nil, fmt.Errorf("object stream %d not found", num)
	}
	_, body, err := e.objectAt(num, x.off, true)
	if err != nil {
		return nil, err
	}
	dict, raw, err := pdfSplitStream(body)
	if err != nil {
		return nil, fmt.Errorf("object stream %d: %w", num, err)
	}
	if t, _ := pdfDictGet(dict, "Type"); string(t) != "/ObjStm" {
		return nil, fmt.Errorf("object %d is not an object stream", num)
	}
	nv, _ := pdfDictGet(dict, "N")
	fv, _ := pdfDictGet(dict, "First")
	n, ok1 := pdfUint(nv)
	first, ok2 := pdfUint(fv)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("object stream %d: bad /N %q or /First %q", num, nv, fv)
	}
	data, err := pdfDecodeStream(dict, raw)
	if err != nil {
		return nil, fmt.Errorf("object stream %d: %w", num, err)
	}
	if first > len(data) || n > first/4 { // a pair takes at least 4 bytes
		return nil, fmt.Errorf("object stream %d: /First %d and /N %d for %d bytes", num, first, n, len(data))
	}
	s := &pdfObjStm{data: data, nums: make([]int, n), offs: make([]int, n)}
	i := 0
	for k := range 2 * n {
		i = pdfSkipSpace(data[:first], i)
		j := pdfTokenEnd(data[:first], i)
		v, ok := pdfUint(data[i:j])
		if !ok || k%2 == 1 && first+v > len(data) {
			return nil, fmt.Errorf("object stream %d: bad header at offset %d", num, i)
		}
		if k%2 == 0 {
			s.nums[k/2] = v
		} else {
			s.offs[k/2] = first + v
		}
		i = j
	}
	if e.objStms == nil {
		e.objStms = make(map[int]*pdfObjStm)
	}
	e.objStms[num] = s
	return s, nil
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

// CompressObjects chooses the form of the update Bytes writes. On (the
// default), objects that are not streams go into an object stream and the
// cross-reference section is a cross-reference stream, which takes a
// fraction of the bytes of a table and of "N 0 obj ... endobj" for every
// object; readers need PDF 1.5, so the classic form is written anyway when
// neither the header nor the (updated) catalog's /Version says 1.5 or later.
// Off, the update is classic: every object on its own and a table.
func (e *pdfEditor) CompressObjects(on bool) { e.classic = !on }

// Bytes returns the document followed by the incremental update: the new and
// replaced objects in ascending order, a cross-reference section for them
// and a trailer with all previous entries, the changes made with SetTrailer,
// a new /Size and /Prev. See CompressObjects for the two forms. Without
// edits it returns the document unchanged.
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
	if e.classic || !e.version15() {
		return e.appendClassic(out, nums)
	}
	return e.appendCompressed(out, nums)
}

// appendObject appends object num with body as "num 0 obj ... endobj".
func appendObject(out []byte, num int, body []byte) []byte {
	out = strconv.AppendInt(out, int64(num), 10)
	out = append(out, " 0 obj\n"...)
	out = append(out, pdfTrimSpace(body)...)
	return append(out, "\nendobj\n"...)
}

// appendClassic appends the classic form of the update of objects nums to
// out: the objects, a cross-reference table and a trailer.
func (e *pdfEditor) appendClassic(out []byte, nums []int) []byte {
	offs := make([]int, len(nums))
	for k, num := range nums {
		offs[k] = len(out)
		out = appendObject(out, num, e.updates[num])
	}
	// The section starts with the head of the free list, object 0, as fpdf
	// writes it; this also keeps the section valid when only the trailer
	// changed (a section needs at least one subsection).
	xref := len(out)
	nums = append([]int{0}, nums...)
	offs = append([]int{-1}, offs...)
	out = append(out, "xref\n"...)
	for k := 0; k < len(nums); {
		j := k + pdfRun(nums[k:])
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
	out = e.appendTrailer(out, e.next)
	out = append(out, ">>\nstartxref\n"...)
	out = strconv.AppendInt(out, int64(xref), 10)
	return append(out, "\n%%EOF\n"...)
}

// appendCompressed appends the compressed form of the update of objects
// nums to out: the streams among them as ordinary objects, the others in an
// object stream, and a cross-reference stream.
func (e *pdfEditor) appendCompressed(out []byte, nums []int) []byte {
	type entry struct{ num, typ, f2, f3 int }
	entries := make([]entry, 0, len(nums)+2)
	var packed []int
	for _, num := range nums {
		if body := e.updates[num]; !pdfPackable(body) {
			entries = append(entries, entry{num, 1, len(out), 0})
			out = appendObject(out, num, body)
		} else {
			packed = append(packed, num)
		}
	}
	next := e.next
	if len(packed) > 0 {
		// The object stream: "num offset" pairs, then the objects, each
		// ended by a newline (which also ends a comment).
		stm := next
		next++
		var head, objs []byte
		for k, num := range packed {
			head = strconv.AppendInt(head, int64(num), 10)
			head = append(head, ' ')
			head = strconv.AppendInt(head, int64(len(objs)), 10)
			head = append(head, ' ')
			body := pdfTrimSpace(e.updates[num])
			if len(body) == 0 {
				body = []byte("null") // an object added but never given a body
			}
			objs = append(append(objs, body...), '\n')
			entries = append(entries, entry{num, 2, stm, k})
		}
		head[len(head)-1] = '\n'
		data := pdfDeflate(append(head, objs...))
		entries = append(entries, entry{stm, 1, len(out), 0})
		out = strconv.AppendInt(out, int64(stm), 10)
		out = fmt.Appendf(out, " 0 obj\n<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>\nstream\n", len(packed), len(head), len(data))
		out = append(out, data...)
		out = append(out, "\nendstream\nendobj\n"...)
	}
	// The cross-reference stream, with an entry for itself. Its fields are
	// as wide as their largest value needs.
	xs := next
	next++
	xref := len(out)
	entries = append(entries, entry{xs, 1, xref, 0})
	slices.SortFunc(entries, func(a, b entry) int { return a.num - b.num })
	w2, w3 := 1, 1
	for _, en := range entries {
		w2 = max(w2, (bits.Len(uint(en.f2))+7)/8)
		w3 = max(w3, (bits.Len(uint(en.f3))+7)/8)
	}
	// The rows, plain and with the PNG Up predictor: each row's
	// difference from the one above, mostly zeros and ones, which
	// compresses to a fraction for more than a few dozen rows.
	row := 1 + w2 + w3
	plain := make([]byte, 0, len(entries)*row)
	up := make([]byte, 0, len(entries)*(row+1))
	enums := make([]int, len(entries))
	for k, en := range entries {
		enums[k] = en.num
		plain = append(plain, byte(en.typ))
		for i := w2 - 1; i >= 0; i-- {
			plain = append(plain, byte(en.f2>>(8*i)))
		}
		for i := w3 - 1; i >= 0; i-- {
			plain = append(plain, byte(en.f3>>(8*i)))
		}
		up = append(up, 2) // PNG filter type Up
		for i := len(plain) - row; i < len(plain); i++ {
			c := plain[i]
			if i >= row {
				c -= plain[i-row]
			}
			up = append(up, c)
		}
	}
	parms := fmt.Sprintf("/DecodeParms <</Predictor 12 /Columns %d>>\n", row)
	data := pdfDeflate(plain)
	if d := pdfDeflate(up); len(d)+len(parms) < len(data) {
		data = d
	} else {
		parms = ""
	}
	out = strconv.AppendInt(out, int64(xs), 10)
	out = append(out, " 0 obj\n<</Type /XRef\n"...)
	out = e.appendTrailer(out, next)
	out = fmt.Appendf(out, "/W [1 %d %d]\n/Index [", w2, w3)
	for k := 0; k < len(enums); {
		j := k + pdfRun(enums[k:])
		if k > 0 {
			out = append(out, ' ')
		}
		out = fmt.Appendf(out, "%d %d", enums[k], j-k)
		k = j
	}
	out = fmt.Appendf(out, "]\n/Filter /FlateDecode\n%s/Length %d\n>>\nstream\n", parms, len(data))
	out = append(out, data...)
	out = append(out, "\nendstream\nendobj\nstartxref\n"...)
	out = strconv.AppendInt(out, int64(xref), 10)
	return append(out, "\n%%EOF\n"...)
}

// appendTrailer appends the new trailer's entries, one a line: the previous
// entries in their order, with the changes made with SetTrailer, /Size size
// and /Prev, then new entries sorted by key.
func (e *pdfEditor) appendTrailer(out []byte, size int) []byte {
	vals := map[string]string{"Size": strconv.Itoa(size), "Prev": strconv.Itoa(e.xrefOff)}
	for k, v := range e.trailerX {
		vals[k] = v
	}
	line := func(k, v string) {
		out = append(out, '/')
		out = append(out, k...)
		out = append(out, ' ')
		out = append(out, v...)
		out = append(out, '\n')
	}
	for _, en := range e.trailer { // keep the previous entries' order
		v, ok := vals[en.key]
		if !ok {
			v = string(en.val)
		}
		delete(vals, en.key)
		line(en.key, v)
	}
	keys := make([]string, 0, len(vals))
	for k := range vals {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		line(k, vals[k])
	}
	return out
}

// pdfRun returns the length of the run of consecutive numbers that nums
// starts with (at least 1).
func pdfRun(nums []int) int {
	j := 1
	for j < len(nums) && nums[j] == nums[j-1]+1 {
		j++
	}
	return j
}

// pdfPackable reports whether an object with body can go into an object
// stream: it is empty or one value that is not a stream. Anything else,
// including bodies this parser does not understand, is written as an
// ordinary object.
func pdfPackable(body []byte) bool {
	i := pdfSkipSpace(body, 0)
	if i == len(body) {
		return true
	}
	end, err := pdfSkipValue(body, i)
	return err == nil && pdfSkipSpace(body, end) == len(body)
}

// version15 reports whether the document, with its update, is PDF 1.5 or
// later by its header or its catalog's /Version.
func (e *pdfEditor) version15() bool {
	ok := func(v []byte) bool { // "1.5" and later
		major, minor, found := bytes.Cut(v, []byte("."))
		a, ok1 := pdfUint(major)
		b, ok2 := pdfUint(minor)
		return found && ok1 && ok2 && (a > 1 || a == 1 && b >= 5)
	}
	head := e.doc[:min(len(e.doc), 1024)]
	if i := bytes.Index(head, []byte("%PDF-")); i >= 0 && ok(head[i+5:pdfTokenEnd(head, i+5)]) {
		return true
	}
	cat, err := e.Object(e.root)
	if err != nil {
		return false
	}
	v, _ := pdfDictGet(cat, "Version")
	return len(v) > 1 && v[0] == '/' && ok(v[1:])
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
// none or FlateDecode, with or without a PNG predictor.
func pdfDecodeStream(dict, raw []byte) ([]byte, error) {
	f, err := pdfDictGet(dict, "Filter")
	if err != nil {
		return nil, err
	}
	switch string(bytes.Trim(pdfTrimSpace(f), "[] ")) {
	case "":
		return raw, nil
	case "/FlateDecode":
		zr, err := zlib.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("flate: %w", err)
		}
		data, err := io.ReadAll(zr)
		if err != nil {
			return nil, fmt.Errorf("flate: %w", err)
		}
		p, err := pdfDictGet(dict, "DecodeParms")
		if err != nil || p == nil {
			return data, err
		}
		return pdfUnpredict(p, data)
	}
	return nil, fmt.Errorf("%w: filter %s", errUnsupportedPDF, f)
}

// pdfUnpredict undoes the predictor that parms, FlateDecode's
// /DecodeParms, names: none or a PNG predictor on bytes (7.4.4.4).
func pdfUnpredict(parms, data []byte) ([]byte, error) {
	unsupported := fmt.Errorf("%w: /DecodeParms %s", errUnsupportedPDF, parms)
	p := pdfTrimSpace(parms)
	if len(p) > 0 && p[0] == '[' { // for a one-filter array
		items, err := pdfArrayItems(p)
		if err != nil || len(items) != 1 {
			return nil, unsupported
		}
		p = items[0]
	}
	if string(p) == "null" {
		return data, nil
	}
	get := func(key string, def int) int {
		v, err := pdfDictGet(p, key)
		if err != nil {
			return -1
		}
		if v == nil {
			return def
		}
		n, ok := pdfUint(v)
		if !ok {
			return -1
		}
		return n
	}
	pred, cols := get("Predictor", 1), get("Columns", 1)
	if pred == 1 {
		return data, nil
	}
	if pred < 10 || pred > 15 || get("Colors", 1) != 1 || get("BitsPerComponent", 8) != 8 || cols < 1 {
		return nil, unsupported
	}
	// Each row is a PNG filter type and cols bytes, one byte a pixel.
	if len(data)%(cols+1) != 0 {
		return nil, fmt.Errorf("predictor: %d bytes for rows of %d", len(data), cols+1)
	}
	out := make([]byte, 0, len(data)/(cols+1)*cols)
	prev := make([]byte, cols) // the row above the first is zeros
	for r := 0; r < len(data); r += cols + 1 {
		typ, in := data[r], data[r+1:r+1+cols]
		at := len(out)
		for k, c := range in {
			var left, upLeft byte
			if k > 0 {
				left, upLeft = out[at+k-1], prev[k-1]
			}
			up := prev[k]
			switch typ {
			case 0:
			case 1:
				c += left
			case 2:
				c += up
			case 3:
				c += byte((int(left) + int(up)) / 2)
			case 4:
				c += pdfPaeth(left, up, upLeft)
			default:
				return nil, fmt.Errorf("predictor: PNG filter type %d", typ)
			}
			out = append(out, c)
		}
		prev = out[at:]
	}
	return out, nil
}

// pdfPaeth is the PNG Paeth predictor.
func pdfPaeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

// abs returns the absolute value of v.
func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// pdfZlibWriters holds zlib writers for reuse. The level is fixed so that
// output is reproducible (Reset makes it independent of reuse too). BestSpeed
// because the other levels clear 640 KB of hash tables on every Reset, which
// costs more than the few percent of size they save on a CMap.
var pdfZlibWriters = sync.Pool{New: func() any {
	zw, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed) // valid level: no error
	return zw
}}

// pdfDeflate returns data compressed with zlib (for FlateDecode) at the
// fixed level.
func pdfDeflate(data []byte) []byte {
	var buf bytes.Buffer
	zw := pdfZlibWriters.Get().(*zlib.Writer)
	zw.Reset(&buf)
	zw.Write(data) // writes to a bytes.Buffer do not fail
	zw.Close()
	pdfZlibWriters.Put(zw)
	return buf.Bytes()
}

// pdfMakeStream returns a stream object body with the dictionary dict (nil
// for an empty one) and data, compressed with FlateDecode at a fixed level if
// compress is set. /Length (and /Filter) are set in the dictionary.
func pdfMakeStream(dict, data []byte, compress bool) ([]byte, error) {
	if dict == nil {
		dict = []byte("<<>>")
	}
	var err error
	if compress {
		data = pdfDeflate(data)
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

	// ClassicXref writes the update in the classic form, every object on
	// its own with a cross-reference table, instead of the compressed
	// form (see pdfEditor.CompressObjects).
	ClassicXref bool

	// PageBoxes holds each page's trim and bleed boxes (the print shop's
	// file); pages without them are left as they are.
	PageBoxes []pageBox
	// OutputIntent, when set, is an RGB ICC profile that the document
	// declares as its output intent (fpdf's own output intent misnumbers
	// the trailer's /Info).
	OutputIntent []byte
}

// finishPDF appends an incremental update to doc, a PDF written by fpdf,
// with what opt asks for and a document /ID: two identical strings holding
// the MD5 of doc (if doc already has an /ID, its first string is kept). The
// result depends only on doc and opt.
func finishPDF(doc []byte, opt finishOptions) ([]byte, error) {
	e, err := finishEditor(doc, opt)
	if err != nil {
		return nil, err
	}
	setDocumentID(e, doc)
	return e.Bytes(), nil
}

// finishEditor opens doc for its update and makes the changes every
// finished PDF gets: ToUnicode maps, font names, catalog entries, page
// boxes.
func finishEditor(doc []byte, opt finishOptions) (*pdfEditor, error) {
	e, err := newPDFEditor(doc)
	if err != nil {
		return nil, fmt.Errorf("finish pdf: %w", err)
	}
	e.CompressObjects(!opt.ClassicXref)
	if err := finishToUnicode(e, opt.ToUnicode); err != nil {
		return nil, fmt.Errorf("finish pdf: %w", err)
	}
	if err := finishFontNames(e, opt.FontNames); err != nil {
		return nil, fmt.Errorf("finish pdf: %w", err)
	}
	if err := finishCatalog(e, opt); err != nil {
		return nil, fmt.Errorf("finish pdf: %w", err)
	}
	if err := setPageBoxes(e, opt.PageBoxes); err != nil {
		return nil, fmt.Errorf("finish pdf: %w", err)
	}
	if err := setOutputIntent(e, opt.OutputIntent); err != nil {
		return nil, fmt.Errorf("finish pdf: %w", err)
	}
	return e, nil
}

// setDocumentID sets the trailer's /ID: two strings, the MD5 of doc (if doc
// already has an /ID, its first string is kept).
func setDocumentID(e *pdfEditor, doc []byte) {
	sum := md5.Sum(doc)
	id := "<" + hex.EncodeToString(sum[:]) + ">"
	first := id
	if old := e.trailerValue("ID"); old != nil {
		if items, err := pdfArrayItems(old); err == nil && len(items) == 2 {
			first = string(items[0])
		}
	}
	e.SetTrailer("ID", "["+first+" "+id+"]")
}

// finishToUnicode gives each Type0 font listed in maps a new ToUnicode CMap.
func finishToUnicode(e *pdfEditor, maps map[string]map[uint16]string) error {
	if len(maps) == 0 {
		return nil
	}
	done := make(map[string]bool, len(maps))
	var seen []string // BaseFont names of all Type0 fonts, for the error message
	err := type0Fonts(e, func(num int, body []byte, name string) error {
		seen = append(seen, name)
		m, ok := maps[name]
		if !ok {
			return nil
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
		return nil
	})
	if err != nil {
		return err
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
	return type0Fonts(e, func(num int, body []byte, base string) error {
		to, ok := names[base]
		if !ok {
			return nil
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
		_, err = set(fdNum, "FontName", name(to))
		return err
	})
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

// type0Fonts calls fn for every Type0 font dictionary of the document, with
// its object number, body and BaseFont name (without the slash).
func type0Fonts(e *pdfEditor, fn func(num int, body []byte, base string) error) error {
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
		if err := fn(num, body, string(base[1:])); err != nil {
			return err
		}
	}
	return nil
}
