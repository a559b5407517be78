// SPDX-License-Identifier: MIT

package pictures

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
)

// pathError is a problem in path data at byte offset Off of the d attribute.
type pathError struct {
	Off         int
	Msg         string
	Unsupported bool
}

func (e *pathError) Error() string { return fmt.Sprintf("byte %d: %s", e.Off, e.Msg) }

// pathScanner reads the tokens of SVG path data: command letters and numbers
// separated by white space and commas.
type pathScanner struct {
	d   string
	pos int
}

func isPathSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func (s *pathScanner) eof() bool { return s.pos >= len(s.d) }

func (s *pathScanner) skipSpace() {
	for s.pos < len(s.d) && isPathSpace(s.d[s.pos]) {
		s.pos++
	}
}

// skipCommaSpace skips white space with at most one comma in it and reports
// whether it skipped a comma.
func (s *pathScanner) skipCommaSpace() bool {
	s.skipSpace()
	if s.pos < len(s.d) && s.d[s.pos] == ',' {
		s.pos++
		s.skipSpace()
		return true
	}
	return false
}

// startsNumber reports whether a number starts at the scanner's position.
func (s *pathScanner) startsNumber() bool {
	if s.eof() {
		return false
	}
	c := s.d[s.pos]
	return isDigit(c) || c == '.' || c == '-' || c == '+'
}

// number reads one number: an optional sign, digits with an optional
// fraction ("1", "1.5", ".5", "1."), and an optional exponent ("1e-3").
// It stops where the number ends, so "1.5.5" is 1.5 then .5 and "-1-2" is
// -1 then -2.
func (s *pathScanner) number() (float64, error) {
	start, i := s.pos, s.pos
	d := s.d
	if i < len(d) && (d[i] == '+' || d[i] == '-') {
		i++
	}
	digits := 0
	for i < len(d) && isDigit(d[i]) {
		i++
		digits++
	}
	if i < len(d) && d[i] == '.' {
		i++
		for i < len(d) && isDigit(d[i]) {
			i++
			digits++
		}
	}
	if digits == 0 {
		return 0, s.errorf(start, "expected a number, found %s", s.describe(start))
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		j := i + 1
		if j < len(d) && (d[j] == '+' || d[j] == '-') {
			j++
		}
		if j >= len(d) || !isDigit(d[j]) {
			return 0, s.errorf(i, "malformed exponent in %q", d[start:j])
		}
		for j < len(d) && isDigit(d[j]) {
			j++
		}
		i = j
	}
	v, err := strconv.ParseFloat(d[start:i], 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, s.errorf(start, "number %q is out of range", d[start:i])
	}
	s.pos = i
	return v, nil
}

// describe names what is at offset off, for error messages.
func (s *pathScanner) describe(off int) string {
	if off >= len(s.d) {
		return "end of data"
	}
	r, _ := utf8.DecodeRuneInString(s.d[off:])
	return strconv.QuoteRune(r)
}

func (s *pathScanner) errorf(off int, format string, args ...any) *pathError {
	return &pathError{Off: off, Msg: fmt.Sprintf(format, args...)}
}

// numbers reads len(dst) numbers separated by comma-wsp into dst.
func (s *pathScanner) numbers(dst []float64) error {
	for i := range dst {
		if i > 0 {
			s.skipCommaSpace()
		}
		v, err := s.number()
		if err != nil {
			return err
		}
		dst[i] = v
	}
	return nil
}

// argCount is the number of numbers each command takes; 0 for Z, -1 for
// letters that are not path commands.
func argCount(cmd byte) int {
	switch cmd {
	case 'M', 'm', 'L', 'l', 'T', 't':
		return 2
	case 'H', 'h', 'V', 'v':
		return 1
	case 'C', 'c':
		return 6
	case 'S', 's', 'Q', 'q':
		return 4
	case 'A', 'a':
		return 7
	case 'Z', 'z':
		return 0
	}
	return -1
}

func isCommandLetter(c byte) bool {
	return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

// parsePathData turns the d attribute of an SVG <path> into absolute M, L, C
// and Z segments: H and V become L, quadratic curves are raised to the
// equivalent cubics, smooth curves (S, T) get their reflected control point,
// and a drawing command straight after a Z starts a new sub-path with an
// explicit M at the closed sub-path's start. Empty data gives no segments.
// Arcs are reported as unsupported.
func parsePathData(d string) ([]Segment, error) {
	s := &pathScanner{d: d}
	var (
		segs      []Segment
		cur       Point // current point
		start     Point // start of the current sub-path
		ctrl      Point // last control point, for S and T reflection
		lastCurve byte  // 'C' after C or S, 'Q' after Q or T, else 0
		cmd       byte  // command in force, repeated implicitly
		closed    bool  // the last segment is a Z
		args      [7]float64
	)
	s.skipSpace()
	for !s.eof() {
		cmdOff := s.pos
		c := s.d[s.pos]
		if isCommandLetter(c) {
			n := argCount(c)
			if n < 0 {
				return nil, s.errorf(cmdOff, "unknown path command %q", string(c))
			}
			if n == 7 {
				return nil, &pathError{Off: cmdOff, Unsupported: true,
					Msg: fmt.Sprintf("arc command %q is not supported (convert arcs to curves first)", string(c))}
			}
			if cmd == 0 && c != 'M' && c != 'm' {
				return nil, s.errorf(cmdOff, "path data must start with a moveto (M or m), not %q", string(c))
			}
			cmd = c
			s.pos++
			s.skipSpace()
		} else {
			// Numbers without a letter repeat the command in force.
			switch {
			case cmd == 0:
				return nil, s.errorf(cmdOff, "path data must start with a moveto (M or m), found %s", s.describe(cmdOff))
			case cmd == 'Z' || cmd == 'z':
				return nil, s.errorf(cmdOff, "expected a command after closepath, found %s", s.describe(cmdOff))
			case !s.startsNumber():
				return nil, s.errorf(cmdOff, "unexpected %s", s.describe(cmdOff))
			}
		}

		n := argCount(cmd)
		if err := s.numbers(args[:n]); err != nil {
			return nil, err
		}
		rel := 'a' <= cmd && cmd <= 'z'
		abs := func(x, y float64) Point {
			if rel {
				return Point{cur.X + x, cur.Y + y}
			}
			return Point{x, y}
		}
		// A drawing command after Z starts a new sub-path where the closed
		// one started.
		if closed && cmd != 'M' && cmd != 'm' && cmd != 'Z' && cmd != 'z' {
			segs = append(segs, Segment{Op: 'M', P: [3]Point{start}})
			closed = false
		}
		curve := byte(0)
		switch cmd {
		case 'M', 'm':
			p := abs(args[0], args[1])
			segs = append(segs, Segment{Op: 'M', P: [3]Point{p}})
			cur, start, closed = p, p, false
			// Further coordinate pairs are implicit linetos.
			if rel {
				cmd = 'l'
			} else {
				cmd = 'L'
			}
		case 'L', 'l':
			cur = abs(args[0], args[1])
			segs = append(segs, Segment{Op: 'L', P: [3]Point{cur}})
		case 'H', 'h':
			if rel {
				cur.X += args[0]
			} else {
				cur.X = args[0]
			}
			segs = append(segs, Segment{Op: 'L', P: [3]Point{cur}})
		case 'V', 'v':
			if rel {
				cur.Y += args[0]
			} else {
				cur.Y = args[0]
			}
			segs = append(segs, Segment{Op: 'L', P: [3]Point{cur}})
		case 'C', 'c':
			c1, c2, p := abs(args[0], args[1]), abs(args[2], args[3]), abs(args[4], args[5])
			segs = append(segs, Segment{Op: 'C', P: [3]Point{c1, c2, p}})
			cur, ctrl, curve = p, c2, 'C'
		case 'S', 's':
			c1 := cur
			if lastCurve == 'C' {
				c1 = reflect(ctrl, cur)
			}
			c2, p := abs(args[0], args[1]), abs(args[2], args[3])
			segs = append(segs, Segment{Op: 'C', P: [3]Point{c1, c2, p}})
			cur, ctrl, curve = p, c2, 'C'
		case 'Q', 'q':
			q, p := abs(args[0], args[1]), abs(args[2], args[3])
			segs = append(segs, quadToCubic(cur, q, p))
			cur, ctrl, curve = p, q, 'Q'
		case 'T', 't':
			q := cur
			if lastCurve == 'Q' {
				q = reflect(ctrl, cur)
			}
			p := abs(args[0], args[1])
			segs = append(segs, quadToCubic(cur, q, p))
			cur, ctrl, curve = p, q, 'Q'
		case 'Z', 'z':
			// A second Z in a row closes nothing new.
			if !closed {
				segs = append(segs, Segment{Op: 'Z'})
			}
			cur, closed = start, true
		}
		lastCurve = curve
		// Sums of huge numbers can overflow; the first command is always an M,
		// so there is a last segment.
		if last := segs[len(segs)-1]; !finite(last.P[0]) || !finite(last.P[1]) || !finite(last.P[2]) {
			return nil, s.errorf(cmdOff, "coordinates out of range")
		}

		// A comma may separate repeated argument groups, but must then be
		// followed by numbers.
		commaOff := s.pos
		if s.skipCommaSpace() && !s.startsNumber() {
			return nil, s.errorf(commaOff, "unexpected comma before %s", s.describe(s.pos))
		}
	}
	return segs, nil
}

// finite reports whether both coordinates of p are finite numbers.
func finite(p Point) bool {
	return !math.IsInf(p.X, 0) && !math.IsNaN(p.X) && !math.IsInf(p.Y, 0) && !math.IsNaN(p.Y)
}

// reflect returns the reflection of control point c about point p.
func reflect(c, p Point) Point { return Point{2*p.X - c.X, 2*p.Y - c.Y} }

// quadToCubic returns the cubic segment that draws exactly the quadratic
// Bézier from p0 with control point q to p.
func quadToCubic(p0, q, p Point) Segment {
	const k = 2.0 / 3.0
	c1 := Point{p0.X + k*(q.X-p0.X), p0.Y + k*(q.Y-p0.Y)}
	c2 := Point{p.X + k*(q.X-p.X), p.Y + k*(q.Y-p.Y)}
	return Segment{Op: 'C', P: [3]Point{c1, c2, p}}
}
