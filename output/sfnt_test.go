// SPDX-License-Identifier: MIT

package output

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"io/fs"
	"math"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-text/typesetting/font"
)

// sfntTestDirs hold test fonts: the project's embedded fonts, then the
// Noto fonts of Debian's fonts-noto-core package.
var sfntTestDirs = []string{"../fonts/", "/usr/share/fonts/truetype/noto/"}

// sfntTestFont reads and parses a font from sfntTestDirs, skipping the test
// when it is not installed.
func sfntTestFont(tb testing.TB, name string) ([]byte, *font.Face) {
	tb.Helper()
	var (
		b   []byte
		err error
	)
	for _, dir := range sfntTestDirs {
		if b, err = os.ReadFile(dir + name); err == nil {
			break
		}
	}
	if errors.Is(err, fs.ErrNotExist) {
		tb.Skipf("font %s not installed (Debian package fonts-noto-core): %v", name, err)
	}
	if err != nil {
		tb.Fatal(err)
	}
	face, err := font.ParseTTF(bytes.NewReader(b))
	if err != nil {
		tb.Fatalf("parse %s: %v", name, err)
	}
	return b, face
}

// sfntTestGID returns the glyph the font's own cmap gives r.
func sfntTestGID(tb testing.TB, face *font.Face, r rune) uint16 {
	tb.Helper()
	gid, ok := face.NominalGlyph(r)
	if !ok {
		tb.Fatalf("font has no glyph for %U", r)
	}
	return uint16(gid)
}

// sfntTestUnmapped returns n glyph IDs (other than .notdef) that no code point
// of the font's cmap reaches: ligatures, contextual forms and the like.
func sfntTestUnmapped(tb testing.TB, face *font.Face, n int) []uint16 {
	tb.Helper()
	mapped := map[font.GID]bool{0: true}
	for it := face.Cmap.Iter(); it.Next(); {
		_, gid := it.Char()
		mapped[gid] = true
	}
	var out []uint16
	for gid := font.GID(1); len(out) < n && gid < 0xFFFF; gid++ {
		if !mapped[gid] && face.HorizontalAdvance(gid) > 0 {
			if _, ok := face.GlyphDataOutline(gid); ok {
				out = append(out, uint16(gid))
			}
		}
	}
	if len(out) < n {
		tb.Fatalf("font has only %d unmapped glyphs, want %d", len(out), n)
	}
	return out
}

// sfntTestTables checks the sfnt structure of b independently of the code
// under test (header, sorted and aligned directory, every table checksum and
// the whole-font checksum) and returns its tables by tag.
func sfntTestTables(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	u16 := func(p []byte) int { return int(p[0])<<8 | int(p[1]) }
	u32 := func(p []byte) uint32 { return uint32(p[0])<<24 | uint32(p[1])<<16 | uint32(p[2])<<8 | uint32(p[3]) }
	sum := func(p []byte) uint32 {
		var s uint32
		for i := 0; i < len(p); i += 4 {
			var w [4]byte
			copy(w[:], p[i:])
			s += u32(w[:])
		}
		return s
	}
	if len(b)%4 != 0 {
		t.Errorf("font length %d is not a multiple of 4", len(b))
	}
	if v := u32(b); v != 0x00010000 {
		t.Errorf("sfnt version %#x, want 0x00010000", v)
	}
	n := u16(b[4:])
	pow := 1
	for pow*2 <= n {
		pow *= 2
	}
	if sr, es, rs := u16(b[6:]), u16(b[8:]), u16(b[10:]); sr != 16*pow || 1<<es != pow || rs != 16*n-16*pow {
		t.Errorf("directory searchRange/entrySelector/rangeShift = %d/%d/%d for %d tables", sr, es, rs, n)
	}
	tables := make(map[string][]byte, n)
	prevTag, end := "", 12+16*n
	for i := range n {
		rec := b[12+16*i:]
		tag, check, off, length := string(rec[:4]), u32(rec[4:]), int(u32(rec[8:])), int(u32(rec[12:]))
		if tag <= prevTag {
			t.Errorf("table %q after %q: directory not sorted", tag, prevTag)
		}
		if off%4 != 0 || off < end || off+length > len(b) {
			t.Errorf("table %q at %d+%d: misaligned, overlapping or out of range", tag, off, length)
			continue
		}
		data := b[off : off+length]
		want := sum(data)
		if tag == "head" {
			want -= u32(data[8:]) // checkSumAdjustment counts as zero
		}
		if check != want {
			t.Errorf("table %q checksum %#08x, want %#08x", tag, check, want)
		}
		tables[tag] = data
		prevTag, end = tag, off+length
	}
	if s := sum(b); s != 0xB1B0AFBA {
		t.Errorf("whole-font checksum %#08x, want 0xB1B0AFBA", s)
	}
	return tables
}

// sfntTestSourceTables returns the tables of an input font by tag, without
// any checks.
func sfntTestSourceTables(b []byte) map[string][]byte {
	tables := map[string][]byte{}
	for i := range int(b[4])<<8 | int(b[5]) {
		rec := b[12+16*i:]
		off := int(rec[8])<<24 | int(rec[9])<<16 | int(rec[10])<<8 | int(rec[11])
		length := int(rec[12])<<24 | int(rec[13])<<16 | int(rec[14])<<8 | int(rec[15])
		tables[string(rec[:4])] = b[off : off+length]
	}
	return tables
}

func TestDeriveFont(t *testing.T) {
	src, face := sfntTestFont(t, "NotoSans-Regular.ttf")
	orig := bytes.Clone(src)
	srcTables := sfntTestSourceTables(src)
	numGlyphs := uint16(int(srcTables["maxp"][4])<<8 | int(srcTables["maxp"][5]))
	gidA, gidF := sfntTestGID(t, face, 'A'), sfntTestGID(t, face, 'f')
	un := sfntTestUnmapped(t, face, 1)

	run := map[rune]uint16{}
	for i := range rune(10) {
		run[0xE010+i] = gidA + uint16(i)
	}

	tests := []struct {
		name     string
		cmap     map[rune]uint16
		wantSegs int    // including the final 0xFFFF segment
		absent   []rune // code points that must not be mapped
	}{
		{
			name:     "letters and a glyph without code point",
			cmap:     map[rune]uint16{'A': gidA, 'f': gidF, 0xE000: un[0]},
			wantSegs: 4,
			absent:   []rune{'B', 'e', 'g', 0xE001, 0xDFFF, 0x20},
		},
		{
			name:     "consecutive glyphs make one segment",
			cmap:     run,
			wantSegs: 2,
			absent:   []rune{'A', 0xE00F, 0xE01A},
		},
		{
			name:     "consecutive code points, scattered glyphs",
			cmap:     map[rune]uint16{0xE000: gidF, 0xE001: gidA, 0xE002: un[0]},
			wantSegs: 4,
			absent:   []rune{0xE003},
		},
		{
			name:     "idDelta wraps and BMP edges",
			cmap:     map[rune]uint16{0x0001: numGlyphs - 1, 0xFFFE: un[0], 0xE000: 1},
			wantSegs: 4,
			absent:   []rune{0x0002, 0xFFFD},
		},
		{
			name:     "empty",
			cmap:     map[rune]uint16{},
			wantSegs: 1,
			absent:   []rune{'A', 'f', 0xE000},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := DeriveFont(src, tc.cmap)
			if err != nil {
				t.Fatal(err)
			}
			if again, _ := DeriveFont(src, tc.cmap); !bytes.Equal(b, again) {
				t.Error("output is not deterministic")
			}
			if !bytes.Equal(src, orig) {
				t.Fatal("DeriveFont modified its input")
			}
			tables := sfntTestTables(t, b)

			// Every table but cmap is copied unchanged (head up to its
			// checkSumAdjustment); DSIG is dropped.
			for tag, data := range srcTables {
				got, ok := tables[tag]
				switch {
				case tag == "DSIG" || tag == "cmap":
				case !ok:
					t.Errorf("table %q dropped", tag)
				case tag == "head":
					if !bytes.Equal(got[:8], data[:8]) || !bytes.Equal(got[12:], data[12:]) {
						t.Error("table head changed beyond checkSumAdjustment")
					}
				case !bytes.Equal(got, data):
					t.Errorf("table %q changed", tag)
				}
			}
			if _, ok := tables["DSIG"]; ok {
				t.Error("DSIG table kept")
			}
			if len(tables) != len(srcTables)-1 {
				t.Errorf("%d tables, want %d", len(tables), len(srcTables)-1)
			}

			// The cmap holds exactly one (3,1) format-4 subtable of the
			// expected size.
			cm := tables["cmap"]
			want := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12, 0, 4}
			if !bytes.HasPrefix(cm, want) {
				t.Fatalf("cmap starts % x, want % x", cm[:min(len(cm), len(want))], want)
			}
			if segs := (int(cm[18])<<8 | int(cm[19])) / 2; segs != tc.wantSegs {
				t.Errorf("%d cmap segments, want %d", segs, tc.wantSegs)
			}
			if l := int(cm[14])<<8 | int(cm[15]); l != len(cm)-12 || l != 16+8*tc.wantSegs {
				t.Errorf("format-4 length %d for a %d-byte cmap", l, len(cm))
			}

			got, err := font.ParseTTF(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("go-text cannot parse derived font: %v", err)
			}
			for r, gid := range tc.cmap {
				if g, ok := got.NominalGlyph(r); !ok || uint16(g) != gid {
					t.Errorf("NominalGlyph(%U) = %d, %v; want %d", r, g, ok, gid)
				}
			}
			for _, r := range tc.absent {
				if g, ok := got.NominalGlyph(r); ok {
					t.Errorf("NominalGlyph(%U) = %d, want unmapped", r, g)
				}
			}
		})
	}
}

func TestDeriveFontErrors(t *testing.T) {
	src, face := sfntTestFont(t, "NotoSans-Regular.ttf")
	maxp := sfntTestSourceTables(src)["maxp"]
	numGlyphs := uint16(maxp[4])<<8 | uint16(maxp[5])
	ok := map[rune]uint16{'A': sfntTestGID(t, face, 'A')}

	// withHeader returns a copy of src starting with the given 4 bytes.
	withHeader := func(tag string) []byte {
		b := bytes.Clone(src)
		copy(b, tag)
		return b
	}
	// withRenamed returns a copy of src in which the directory entry of
	// table from is renamed to.
	withRenamed := func(from, to string) []byte {
		b := bytes.Clone(src)
		for i := range int(b[4])<<8 | int(b[5]) {
			if rec := b[12+16*i:]; string(rec[:4]) == from {
				copy(rec, to)
			}
		}
		return b
	}

	tests := []struct {
		name string
		src  []byte
		cmap map[rune]uint16
		is   error // sentinel the error must wrap, if any
	}{
		{"empty input", nil, ok, errSFNTMalformed},
		{"short header", src[:8], ok, errSFNTMalformed},
		{"CFF font", withHeader("OTTO"), ok, errSFNTUnsupported},
		{"font collection", withHeader("ttcf"), ok, errSFNTUnsupported},
		{"WOFF", withHeader("wOFF"), ok, errSFNTUnsupported},
		{"truncated directory", src[:12+16*3], ok, errSFNTMalformed},
		{"truncated tables", src[:len(src)/2], ok, errSFNTMalformed},
		{"missing glyf", withRenamed("glyf", "glyX"), ok, errSFNTMalformed},
		{"duplicate table", withRenamed("gasp", "glyf"), ok, errSFNTMalformed},
		{"glyph ID out of range", src, map[rune]uint16{'A': numGlyphs}, nil},
		{"glyph ID 0xFFFF", src, map[rune]uint16{'A': 0xFFFF}, nil},
		{"non-BMP code point", src, map[rune]uint16{0x1F600: 1}, nil},
		{"U+FFFF", src, map[rune]uint16{0xFFFF: 1}, nil},
		{"negative code point", src, map[rune]uint16{-1: 1}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := DeriveFont(tc.src, tc.cmap)
			if err == nil {
				t.Fatalf("no error, %d bytes of output", len(b))
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %q does not wrap %q", err, tc.is)
			}
			t.Log(err)
		})
	}
}

// TestDeriveFontFpdf checks that fpdf parses the derived font, draws the
// mapped glyphs (including those without a code point) with the right
// widths, and embeds a subset containing exactly those outlines.
func TestDeriveFontFpdf(t *testing.T) {
	fonts := []struct {
		file    string
		letters string // characters drawn through their own code points
	}{
		{"NotoSans-Regular.ttf", "Af"},
		{"NotoSansBengali-Regular.ttf", "কষ"},
		{"NotoNaskhArabic-Regular.ttf", "بت"},
		{"NotoSansArabic-Regular.ttf", "لا"},
	}
	for _, tf := range fonts {
		t.Run(tf.file, func(t *testing.T) {
			src, face := sfntTestFont(t, tf.file)
			cmap := map[rune]uint16{}
			for _, r := range tf.letters {
				cmap[r] = sfntTestGID(t, face, r)
			}
			for i, gid := range sfntTestUnmapped(t, face, 3) {
				cmap[0xE000+rune(i)] = gid
			}
			b, err := DeriveFont(src, cmap)
			if err != nil {
				t.Fatal(err)
			}

			const size = 12.0
			text := tf.letters + "\uE000\uE001\uE002"
			pdf := fpdf.New("P", "pt", "A4", "")
			pdf.AddPage()
			pdf.AddUTF8FontFromBytes("x", "", b)
			pdf.SetFont("x", "", size) // fails if fpdf rejected the font
			pdf.Text(10, 20, text)
			for _, r := range text {
				want := float64(face.HorizontalAdvance(font.GID(cmap[r]))) * size / float64(face.Upem())
				if got := pdf.GetStringWidth(string(r)); math.Abs(got-want) > 0.05 {
					t.Errorf("width of %U = %.2f, want %.2f", r, got, want)
				}
			}
			var buf bytes.Buffer
			if err := pdf.Output(&buf); err != nil {
				t.Fatal(err)
			}
			if pdf.Err() {
				t.Fatal(pdf.Error())
			}

			// The page draws CIDs (the code points); the embedded subset
			// must hold, at the glyph the CIDToGIDMap names, the outline of
			// the glyph we mapped.
			subset, cidToGID := sfntTestEmbedded(t, buf.Bytes())
			sub, err := font.ParseTTF(bytes.NewReader(subset))
			if err != nil {
				t.Fatalf("go-text cannot parse fpdf's subset: %v", err)
			}
			for _, r := range text {
				subGID := font.GID(cidToGID[2*r])<<8 | font.GID(cidToGID[2*r+1])
				if subGID == 0 {
					t.Errorf("CIDToGIDMap maps %U to .notdef", r)
					continue
				}
				want, _ := face.GlyphDataOutline(font.GID(cmap[r]))
				got, _ := sub.GlyphDataOutline(subGID)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("embedded glyph %d for %U differs from glyph %d of the source", subGID, r, cmap[r])
				}
			}
		})
	}
}

// sfntTestStream matches the dictionary of a PDF stream object whose /Length
// comes first, as fpdf writes them.
var sfntTestStream = regexp.MustCompile(`<</Length (\d+)([^>]*)>>\nstream\n`)

// sfntTestEmbedded returns the embedded TrueType font program (the stream
// with a /Length1) and the CIDToGIDMap (a 131072-byte stream) of the only
// UTF-8 font of a PDF written by fpdf.
func sfntTestEmbedded(t *testing.T, pdf []byte) (fontFile, cidToGID []byte) {
	t.Helper()
	for _, m := range sfntTestStream.FindAllSubmatchIndex(pdf, -1) {
		n, _ := strconv.Atoi(string(pdf[m[2]:m[3]]))
		dict := string(pdf[m[4]:m[5]])
		if !strings.Contains(dict, "/Filter /FlateDecode") {
			continue
		}
		zr, err := zlib.NewReader(bytes.NewReader(pdf[m[1] : m[1]+n]))
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.Contains(dict, "/Length1 "):
			fontFile = data
		case len(data) == 2*65536:
			cidToGID = data
		}
	}
	if fontFile == nil || cidToGID == nil {
		t.Fatal("font file or CIDToGIDMap stream not found in PDF")
	}
	return fontFile, cidToGID
}

// BenchmarkDeriveFont derives fonts mapping 80 glyphs: 62 letters and
// digits and 18 glyphs without code point.
func BenchmarkDeriveFont(b *testing.B) {
	for _, name := range []string{"NotoSans-Regular.ttf", "NotoSansSignWriting-Regular.ttf"} {
		b.Run(name, func(b *testing.B) {
			src, face := sfntTestFont(b, name)
			cmap := map[rune]uint16{}
			for _, r := range "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" {
				if gid, ok := face.NominalGlyph(r); ok {
					cmap[r] = uint16(gid)
				}
			}
			for i, gid := range sfntTestUnmapped(b, face, 80-len(cmap)) {
				cmap[0xE000+rune(i)] = gid
			}
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := DeriveFont(src, cmap); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
