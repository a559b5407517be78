// SPDX-License-Identifier: MIT

package pictures

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// dump writes segments as "M 1 2 L 3 4 C 1 2 3 4 5 6 Z", numbers rounded to
// 1e-9, so that tests compare short readable strings.
func dump(segs []Segment) string {
	var b strings.Builder
	num := func(f float64) string {
		f = math.Round(f*1e9) / 1e9
		if f == 0 {
			f = 0 // no "-0"
		}
		return fmt.Sprint(f)
	}
	for i, s := range segs {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte(s.Op)
		n := map[byte]int{'M': 1, 'L': 1, 'C': 3}[s.Op]
		for _, p := range s.P[:n] {
			b.WriteString(" " + num(p.X) + " " + num(p.Y))
		}
	}
	return b.String()
}

func TestPathDataBecomesAbsoluteMoveLineCubicClose(t *testing.T) {
	tests := []struct {
		name, d, want string
	}{
		{"empty", "", ""},
		{"only white space", " \t\r\n", ""},
		{"absolute lines", "M1 2 L3 4 H5 V6 Z", "M 1 2 L 3 4 L 5 4 L 5 6 Z"},
		{"relative lines", "m1 2 l3 4 h5 v6 z", "M 1 2 L 4 6 L 9 6 L 9 12 Z"},
		{"relative after absolute", "M10 10 l-5 0 L0 0 l1 1", "M 10 10 L 5 10 L 0 0 L 1 1"},
		{"implicit lineto after M", "M1 1 2 2 3 3", "M 1 1 L 2 2 L 3 3"},
		{"implicit relative lineto after m", "m1 1 2 2 3 3", "M 1 1 L 3 3 L 6 6"},
		{"implicit repeat of L, H, V", "M0 0 L1 1 2 2 H3 4 V5 6", "M 0 0 L 1 1 L 2 2 L 3 2 L 4 2 L 4 5 L 4 6"},
		{"implicit repeat of c", "m0 0 c1 0 1 1 2 1 1 0 1 1 2 1", "M 0 0 C 1 0 1 1 2 1 C 3 1 3 2 4 2"},
		{"commas and no spaces", "M1,2L3,4,5,6", "M 1 2 L 3 4 L 5 6"},
		{"second m is relative to the current point", "M5 5 L6 6 m1 1 l1 0", "M 5 5 L 6 6 M 7 7 L 8 7"},
		{"m after z is relative to the sub-path start", "M10 10 L20 10 L20 20 z m1 1 l1 0", "M 10 10 L 20 10 L 20 20 Z M 11 11 L 12 11"},
		{"lineto after z starts a new sub-path at the old start", "M10 10 L20 10 L20 20 Z L0 0", "M 10 10 L 20 10 L 20 20 Z M 10 10 L 0 0"},
		{"relative lineto after z is relative to the old start", "M10 10 L20 10 L20 20 z l1 2", "M 10 10 L 20 10 L 20 20 Z M 10 10 L 11 12"},
		{"two z in a row close once", "M0 0 L1 0 L1 1 ZZ", "M 0 0 L 1 0 L 1 1 Z"},
		{"cubic absolute", "M0 0 C1 2 3 4 5 6", "M 0 0 C 1 2 3 4 5 6"},
		{"cubic relative", "M1 1 c1 2 3 4 5 6", "M 1 1 C 2 3 4 5 6 7"},
		{"S reflects the previous C control point", "M0 0 C0 10 10 10 10 0 S20 -10 20 0", "M 0 0 C 0 10 10 10 10 0 C 10 -10 20 -10 20 0"},
		{"s relative reflects too", "M0 0 c0 10 10 10 10 0 s10 -10 10 0", "M 0 0 C 0 10 10 10 10 0 C 10 -10 20 -10 20 0"},
		{"S after S reflects the S control point", "M0 0 C0 1 1 1 1 0 S2 -1 2 0 S3 1 3 0", "M 0 0 C 0 1 1 1 1 0 C 1 -1 2 -1 2 0 C 2 1 3 1 3 0"},
		{"S after a line uses the current point", "M0 0 L1 0 S2 1 3 0", "M 0 0 L 1 0 C 1 0 2 1 3 0"},
		{"S after Q does not reflect", "M0 0 Q1 1 2 0 S3 1 4 0", "M 0 0 C 0.666666667 0.666666667 1.333333333 0.666666667 2 0 C 2 0 3 1 4 0"},
		{"Q becomes a cubic", "M0 0 Q3 3 6 0", "M 0 0 C 2 2 4 2 6 0"},
		{"q relative", "M1 1 q3 3 6 0", "M 1 1 C 3 3 5 3 7 1"},
		{"T reflects the previous Q control point", "M0 0 Q3 3 6 0 T12 0", "M 0 0 C 2 2 4 2 6 0 C 8 -2 10 -2 12 0"},
		{"t relative after T", "M0 0 Q3 3 6 0 T12 0 t6 0", "M 0 0 C 2 2 4 2 6 0 C 8 -2 10 -2 12 0 C 14 2 16 2 18 0"},
		{"T after a line is a straight cubic", "M0 0 L3 0 T9 0", "M 0 0 L 3 0 C 3 0 5 0 9 0"},
		{"T after C does not reflect", "M0 0 C0 1 1 1 1 0 T4 0", "M 0 0 C 0 1 1 1 1 0 C 1 0 2 0 4 0"},
		{"numbers run together", "M1.5.5L-1-2", "M 1.5 0.5 L -1 -2"},
		{"exponents", "M1e-3 2E2 L1.5e+1-1e1", "M 0.001 200 L 15 -10"},
		{"leading dot and sign", "M.5-.5L+1 +.25", "M 0.5 -0.5 L 1 0.25"},
		{"trailing dot", "M1. 2.", "M 1 2"},
		{"dot after exponent starts a number", "M1e2.5 0 1", "M 100 0.5 L 0 1"},
		{"white space everywhere", "\n M 1 , 2\tL\r3 4 \n", "M 1 2 L 3 4"},
		{"lower-case letters after numbers", "M0 0l1 1h1v1z", "M 0 0 L 1 1 L 2 1 L 2 2 Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			segs, err := parsePathData(tt.d)
			if err != nil {
				t.Fatalf("parsePathData(%q): %v", tt.d, err)
			}
			if got := dump(segs); got != tt.want {
				t.Errorf("parsePathData(%q)\n got %s\nwant %s", tt.d, got, tt.want)
			}
		})
	}
}

func TestPathDataErrorsSayWhereAndWhat(t *testing.T) {
	tests := []struct {
		name, d     string
		off         int
		msg         string // part of the message
		unsupported bool
	}{
		{"absolute arc", "M0 0 A5 5 0 0 1 10 10", 5, `arc command "A" is not supported`, true},
		{"relative arc", "M0 0 L1 1 a5 5 0 0 1 10 10", 10, `arc command "a" is not supported`, true},
		{"no moveto first", "L1 1", 0, "must start with a moveto", false},
		{"number first", "1 1", 0, "must start with a moveto", false},
		{"unknown letter", "M0 0 X1 1", 5, `unknown path command "X"`, false},
		{"missing coordinate", "M0 0 L1", 7, "expected a number, found end of data", false},
		{"odd number of coordinates", "M0 0 L1 2 3", 11, "expected a number, found end of data", false},
		{"number after z", "M0 0 L1 1 Z 2 2", 12, "expected a command after closepath", false},
		{"comma before a command", "M0 0, L1 1", 4, "unexpected comma", false},
		{"trailing comma", "M0 0 1 1,", 8, "unexpected comma", false},
		{"comma after a command letter", "M,0 0", 1, "expected a number", false},
		{"bare sign", "M- 1", 1, "expected a number", false},
		{"bare dot", "M. 1", 1, "expected a number", false},
		{"exponent without digits", "M1e 2", 2, "malformed exponent", false},
		{"exponent sign without digits", "M1e+ 2", 2, "malformed exponent", false},
		{"number too large", "M1e999 0", 1, "out of range", false},
		{"non-ASCII character", "M0 0 L1 1 ×", 10, `unexpected '×'`, false},
		{"coordinates overflow", "M1e308 0 l1e308 0", 9, "out of range", false},
		{"stray character", "M0 0 L1 1 #", 10, "unexpected '#'", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parsePathData(tt.d)
			pe, ok := err.(*pathError)
			if !ok {
				t.Fatalf("parsePathData(%q): got error %v; want a *pathError", tt.d, err)
			}
			if pe.Off != tt.off || !strings.Contains(pe.Msg, tt.msg) || pe.Unsupported != tt.unsupported {
				t.Errorf("parsePathData(%q): got byte %d %q (unsupported %v); want byte %d containing %q (unsupported %v)",
					tt.d, pe.Off, pe.Msg, pe.Unsupported, tt.off, tt.msg, tt.unsupported)
			}
		})
	}
}

// TestQuadraticToCubicIsExact checks that each raised quadratic traces the
// same points as the quadratic for the same parameter t.
func TestQuadraticToCubicIsExact(t *testing.T) {
	tests := []struct {
		name     string
		p0, q, p Point
	}{
		{"symmetric", Point{0, 0}, Point{3, 3}, Point{6, 0}},
		{"skewed", Point{1, 7}, Point{-4, 2.5}, Point{9, -3}},
		{"degenerate, control on the start", Point{2, 2}, Point{2, 2}, Point{8, 5}},
		{"large coordinates", Point{1e4, -3e3}, Point{2.5e4, 7e3}, Point{-1e4, 1e3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := quadToCubic(tt.p0, tt.q, tt.p)
			scale := 1 + math.Max(math.Abs(tt.q.X), math.Abs(tt.q.Y))
			for i := 0; i <= 16; i++ {
				ti := float64(i) / 16
				u := 1 - ti
				want := Point{
					u*u*tt.p0.X + 2*u*ti*tt.q.X + ti*ti*tt.p.X,
					u*u*tt.p0.Y + 2*u*ti*tt.q.Y + ti*ti*tt.p.Y,
				}
				got := cubicAt(tt.p0, c.P[0], c.P[1], c.P[2], ti)
				if dist(got, want) > 1e-12*scale {
					t.Errorf("t=%g: got %v; want %v", ti, got, want)
				}
			}
		})
	}
}

// FuzzPathData checks that any path data either fails cleanly or gives
// finite segments in which every sub-path starts with M and every Z is
// followed by M or the end.
func FuzzPathData(f *testing.F) {
	for _, d := range []string{
		"M1 2 L3 4 H5 V6 Z", "m1 2 l3 4 h5 v6 z", "M0 0 C0 10 10 10 10 0 S20 -10 20 0",
		"M0 0 Q3 3 6 0 T12 0 t6 0", "M1.5.5L-1-2", "M10 10 L20 10 z l1 2", "M0 0 A5 5 0 0 1 1 1",
	} {
		f.Add(d)
	}
	f.Fuzz(func(t *testing.T, d string) {
		segs, err := parsePathData(d)
		if err != nil {
			if _, ok := err.(*pathError); !ok {
				t.Fatalf("got error of type %T; want *pathError", err)
			}
			return
		}
		for i, s := range segs {
			if i == 0 && s.Op != 'M' {
				t.Fatalf("%q: segment 0 is %c; want M", d, s.Op)
			}
			if i > 0 && segs[i-1].Op == 'Z' && s.Op != 'M' {
				t.Fatalf("%q: segment %d after Z is %c; want M", d, i, s.Op)
			}
			for _, p := range s.P {
				if !finite(p) {
					t.Fatalf("%q: segment %d has %v", d, i, p)
				}
			}
		}
	})
}
