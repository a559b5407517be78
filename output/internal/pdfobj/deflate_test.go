// SPDX-License-Identifier: MIT

package pdfobj

import (
	"bytes"
	"compress/zlib"
	"io"
	"testing"
)

// inflate reads data back with the standard library's zlib reader, a
// decoder other than the one that wrote it.
func inflate(t *testing.T, data []byte) []byte {
	t.Helper()
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDeflateMemo checks that a stream deflated again comes from the memo
// and reads back the same, that the memo tells different data apart
// however it was reached, and that what it hands out cannot be changed
// through an append.
func TestDeflateMemo(t *testing.T) {
	data := bytes.Repeat([]byte("glyf loca head hhea hmtx maxp "), 200)
	first := Deflate(data)
	if got := inflate(t, first); !bytes.Equal(got, data) {
		t.Fatal("a deflated stream does not read back as its data")
	}
	second := Deflate(bytes.Clone(data))
	if &first[0] != &second[0] {
		t.Error("the same data deflated again was deflated anew, not taken from the memo")
	}
	_ = append(second, "tail"...)
	if got := inflate(t, Deflate(data)); !bytes.Equal(got, data) {
		t.Error("an append to a memo's result changed the memo")
	}
	// the caller's buffer changed in place after the first call
	data[0] = 'G'
	if got := inflate(t, Deflate(data)); !bytes.Equal(got, data) {
		t.Error("changed data was given the deflated stream of what it was before")
	}
	small := []byte("BT /F1 11 Tf ET")
	if got := inflate(t, Deflate(small)); !bytes.Equal(got, small) {
		t.Error("a short stream does not read back as its data")
	}
}

// TestDeflateReproducible checks that a stream deflates to the same bytes
// each time, through the memo or not.
func TestDeflateReproducible(t *testing.T) {
	data := bytes.Repeat([]byte{0, 1, 2, 3, 250, 7, 7, 7}, 4096)
	want := deflate(data)
	for range 3 {
		if got := Deflate(data); !bytes.Equal(got, want) {
			t.Fatal("the same stream deflated to different bytes")
		}
		deflated = memo{seed: deflated.seed} // forget, as a new process would
	}
}
