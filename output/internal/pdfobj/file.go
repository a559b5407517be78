// SPDX-License-Identifier: MIT

package pdfobj

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// File is a PDF read for editing. Object bodies are the bytes between
// "N 0 obj" and "endobj"; bodies passed to Add and Replace and values
// passed to SetTrailer are written verbatim and must be valid PDF syntax.
type File struct {
	doc      []byte         // the document as read; never modified
	offs     map[int]int    // where each object of doc starts
	trailer  []Entry        // the trailer's entries, in file order
	root     int            // the catalog's object number
	next     int            // the number of the next added object
	bodies   map[int][]byte // new and replaced object bodies
	trailerX map[string]string
}

// Read reads doc's cross-reference table and trailer. It understands what
// fpdf writes: one classic table, objects of generation 0, no encryption;
// anything else is an error.
func Read(doc []byte) (*File, error) {
	f := &File{doc: doc, offs: map[int]int{}, bodies: map[int][]byte{}}
	tail := doc[max(0, len(doc)-1024):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return nil, errors.New("no startxref")
	}
	i = SkipSpace(tail, i+len("startxref"))
	off, ok := Uint(tail[i:tokenEnd(tail, i)])
	if !ok {
		return nil, errors.New("startxref without offset")
	}
	if err := f.readXref(off); err != nil {
		return nil, err
	}
	for _, en := range f.trailer {
		switch en.Key {
		case "Prev", "XRefStm":
			return nil, fmt.Errorf("trailer: /%s: only one cross-reference table is supported", en.Key)
		case "Encrypt":
			return nil, errors.New("trailer: encrypted documents are not supported")
		case "Size":
			if f.next, ok = Uint(en.Val); !ok {
				return nil, fmt.Errorf("trailer: bad /Size %q", en.Val)
			}
		case "Root":
			if f.root, ok = ParseRef(en.Val); !ok {
				return nil, fmt.Errorf("trailer: bad /Root %q", en.Val)
			}
		}
	}
	if f.root == 0 {
		return nil, errors.New("trailer: no /Root")
	}
	for n := range f.offs {
		f.next = max(f.next, n+1)
	}
	return f, nil
}

// readXref reads the cross-reference table at off and the trailer after it.
func (f *File) readXref(off int) error {
	b := f.doc
	if off < 0 || off >= len(b) || !bytes.HasPrefix(b[off:], []byte("xref")) {
		return fmt.Errorf("no cross-reference table at offset %d", off)
	}
	i := off + len("xref")
	for {
		i = SkipSpace(b, i)
		if bytes.HasPrefix(b[i:], []byte("trailer")) {
			i = SkipSpace(b, i+len("trailer"))
			end, err := SkipValue(b, i)
			if err != nil {
				return fmt.Errorf("trailer at %d: %w", i, err)
			}
			f.trailer, err = DictEntries(b[i:end])
			if err != nil {
				return fmt.Errorf("trailer at %d: %w", i, err)
			}
			return nil
		}
		// A subsection: "first count", then count entries "offset gen n|f".
		var head [2]int
		for k := range head {
			j := tokenEnd(b, i)
			v, ok := Uint(b[i:j])
			if !ok {
				return fmt.Errorf("bad cross-reference subsection at offset %d", i)
			}
			head[k], i = v, SkipSpace(b, j)
		}
		for num := head[0]; num < head[0]+head[1]; num++ {
			fld, next := tokens3(b, i)
			i = next
			at, ok1 := Uint(fld[0])
			gen, ok2 := Uint(fld[1])
			if !ok1 || !ok2 || len(fld[2]) != 1 || (fld[2][0] != 'n' && fld[2][0] != 'f') {
				return fmt.Errorf("bad cross-reference entry for object %d", num)
			}
			switch {
			case fld[2][0] == 'f':
			case gen != 0:
				return fmt.Errorf("object %d has generation %d: not supported", num, gen)
			default:
				f.offs[num] = at
			}
		}
	}
}

// Root returns the catalog's object number.
func (f *File) Root() int { return f.root }

// Object returns object num's body: as added or replaced, else as read.
func (f *File) Object(num int) ([]byte, error) {
	if b, ok := f.bodies[num]; ok {
		return b, nil
	}
	off, ok := f.offs[num]
	if !ok {
		return nil, fmt.Errorf("object %d not found", num)
	}
	b := f.doc
	if off < 0 || off >= len(b) {
		return nil, fmt.Errorf("object %d: offset %d out of range", num, off)
	}
	head, i := tokens3(b, off) // "num 0 obj"
	if n, ok := Uint(head[0]); !ok || n != num || string(head[2]) != "obj" {
		return nil, fmt.Errorf("object %d: no \"%d 0 obj\" at offset %d", num, num, off)
	}
	start := i
	end, err := SkipValue(b, start)
	if err != nil {
		return nil, fmt.Errorf("object %d: %w", num, err)
	}
	if kw := SkipSpace(b, end); bytes.HasPrefix(b[kw:], []byte("stream")) {
		// fpdf's /Length is direct and right, so the data ends there
		_, _, _, dataEnd, err := streamSpan(b[start:])
		if err != nil {
			return nil, fmt.Errorf("object %d: %w", num, err)
		}
		end = SkipSpace(b, start+dataEnd)
		if !bytes.HasPrefix(b[end:], []byte("endstream")) {
			return nil, fmt.Errorf("object %d: no endstream", num)
		}
		end += len("endstream")
	}
	if e := SkipSpace(b, end); !bytes.HasPrefix(b[e:], []byte("endobj")) {
		return nil, fmt.Errorf("object %d: no endobj", num)
	}
	return b[start:end:end], nil
}

// Add adds an object and returns its number. A nil body reserves the
// number for a later Replace.
func (f *File) Add(body []byte) int {
	n := f.next
	f.next++
	f.bodies[n] = bytes.Clone(body)
	return n
}

// Replace replaces object num's body.
func (f *File) Replace(num int, body []byte) {
	f.bodies[num] = bytes.Clone(body)
	f.next = max(f.next, num+1)
}

// SetTrailer sets a trailer entry such as /ID (key without its slash); the
// value is written verbatim.
func (f *File) SetTrailer(key, value string) {
	if f.trailerX == nil {
		f.trailerX = map[string]string{}
	}
	f.trailerX[key] = value
}

// NewStream returns the body of a stream object: dict (nil for an empty
// one) with /Length set, and data. Write deflates it unless dict names a
// filter.
func NewStream(dict string, data []byte) []byte {
	if dict == "" {
		dict = "<<>>"
	}
	d, err := DictSet([]byte(dict), "Length", strconv.Itoa(len(data)))
	if err != nil {
		panic(fmt.Sprintf("pdfobj: stream dictionary %q: %v", dict, err))
	}
	body := make([]byte, 0, len(d)+len(data)+20)
	body = append(append(body, d...), "\nstream\n"...)
	body = append(body, data...)
	return append(body, "\nendstream"...)
}
