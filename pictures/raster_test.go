// SPDX-License-Identifier: MIT

package pictures

import (
	"math"
	"slices"
	"testing"
)

// This file holds a small scanline rasteriser, used only by the tests to check
// that parsed pictures fill the right pixels: cubics are flattened into line
// edges, and each pixel is sampled at ss×ss points, each point inside or
// outside by the path's own fill rule (nonzero or even-odd). Paths are painted
// over each other in one ink, so a point is covered if any path covers it.

type edge struct{ a, b Point }

type crossing struct {
	x   float64
	dir int
}

// rasterise returns the coverage (0 to 1) of each of the w×h pixels that the
// view box of v is stretched over, row by row from the top.
func rasterise(v *Vector, w, h, ss int) []float64 {
	sw, sh := w*ss, h*ss
	covered := make([]bool, sw*sh)
	sx, sy := float64(sw)/v.ViewBox[2], float64(sh)/v.ViewBox[3]
	toSamples := func(p Point) Point {
		return Point{(p.X - v.ViewBox[0]) * sx, (p.Y - v.ViewBox[1]) * sy}
	}
	rows := make([][]crossing, sh)
	for _, p := range v.Paths {
		for j := range rows {
			rows[j] = rows[j][:0]
		}
		for _, e := range flatten(p, toSamples) {
			addCrossings(rows, e)
		}
		for j, row := range rows {
			fillRow(covered[j*sw:(j+1)*sw], row, p.EvenOdd)
		}
	}
	cov := make([]float64, w*h)
	for j := range sh {
		for i := range sw {
			if covered[j*sw+i] {
				cov[(j/ss)*w+i/ss]++
			}
		}
	}
	for k := range cov {
		cov[k] /= float64(ss * ss)
	}
	return cov
}

// flatten turns a path into line edges, closing every sub-path, with its
// points mapped by tf.
func flatten(p Path, tf func(Point) Point) []edge {
	var edges []edge
	var start, cur Point
	closeSub := func() {
		if cur != start {
			edges = append(edges, edge{cur, start})
		}
		cur = start
	}
	for _, s := range p.Segments {
		switch s.Op {
		case 'M':
			closeSub()
			start = tf(s.P[0])
			cur = start
		case 'L':
			q := tf(s.P[0])
			edges = append(edges, edge{cur, q})
			cur = q
		case 'C':
			p0, c1, c2, p3 := cur, tf(s.P[0]), tf(s.P[1]), tf(s.P[2])
			// Enough chords that none strays more than a few hundredths of a
			// sample from the curve.
			length := dist(p0, c1) + dist(c1, c2) + dist(c2, p3)
			n := min(1000, max(1, int(math.Ceil(math.Sqrt(10*length)))))
			for i := 1; i <= n; i++ {
				q := p3
				if i < n {
					q = cubicAt(p0, c1, c2, p3, float64(i)/float64(n))
				}
				edges = append(edges, edge{cur, q})
				cur = q
			}
		case 'Z':
			closeSub()
		}
	}
	closeSub()
	return edges
}

func dist(a, b Point) float64 { return math.Hypot(b.X-a.X, b.Y-a.Y) }

func cubicAt(p0, c1, c2, p3 Point, t float64) Point {
	u := 1 - t
	a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
	return Point{a*p0.X + b*c1.X + c*c2.X + d*p3.X, a*p0.Y + b*c1.Y + c*c2.Y + d*p3.Y}
}

// addCrossings records where edge e crosses the centre line of each sample
// row, with +1 for downward edges and -1 for upward ones. An edge covers the
// rows whose centre y is in [top, bottom), so a vertex shared by two edges is
// counted once.
func addCrossings(rows [][]crossing, e edge) {
	a, b, dir := e.a, e.b, 1
	if a.Y == b.Y {
		return
	}
	if a.Y > b.Y {
		a, b, dir = b, a, -1
	}
	first := max(0, int(math.Ceil(a.Y-0.5)))
	last := min(len(rows)-1, int(math.Ceil(b.Y-0.5))-1)
	for j := first; j <= last; j++ {
		y := float64(j) + 0.5
		x := a.X + (y-a.Y)*(b.X-a.X)/(b.Y-a.Y)
		rows[j] = append(rows[j], crossing{x, dir})
	}
}

// fillRow marks the samples of one row whose centres are inside by the fill
// rule: a nonzero winding number, or an odd number of crossings.
func fillRow(row []bool, cs []crossing, evenOdd bool) {
	slices.SortFunc(cs, func(p, q crossing) int {
		switch {
		case p.x < q.x:
			return -1
		case p.x > q.x:
			return 1
		}
		return 0
	})
	winding := 0
	for k := 0; k+1 < len(cs); k++ {
		winding += cs[k].dir
		inside := winding != 0
		if evenOdd {
			inside = winding%2 != 0
		}
		if !inside {
			continue
		}
		from := max(0, int(math.Ceil(cs[k].x-0.5)))
		to := min(len(row), int(math.Ceil(cs[k+1].x-0.5)))
		for i := from; i < to; i++ {
			row[i] = true
		}
	}
}

// overlap returns the intersection over union of two coverage maps of the
// same size, counting partial coverage: sum of minima over sum of maxima.
func overlap(a, b []float64) float64 {
	var inter, union float64
	for i := range a {
		inter += min(a[i], b[i])
		union += max(a[i], b[i])
	}
	if union == 0 {
		return 1
	}
	return inter / union
}

func area(cov []float64) float64 {
	s := 0.0
	for _, c := range cov {
		s += c
	}
	return s
}

// TestRasteriserFillsShapesByTheirRule checks the rasteriser itself on shapes
// whose areas are known, so that the comparisons with healthicons' PNGs mean
// something.
func TestRasteriserFillsShapesByTheirRule(t *testing.T) {
	square := func(x0, y0, x1, y1 float64) []Segment {
		return []Segment{
			{Op: 'M', P: [3]Point{{x0, y0}}}, {Op: 'L', P: [3]Point{{x1, y0}}},
			{Op: 'L', P: [3]Point{{x1, y1}}}, {Op: 'L', P: [3]Point{{x0, y1}}}, {Op: 'Z'},
		}
	}
	outer := square(2, 2, 38, 38)      // 36×36, clockwise on screen
	holeSame := square(12, 12, 28, 28) // 16×16, same direction
	holeOpposite := square(12, 28, 28, 12)
	open := outer[:4] // no Z: filled as if closed
	// A circle of radius 16 from four cubics (the usual 0.5523 handles).
	const k = 0.5522847498 * 16
	circle := []Segment{
		{Op: 'M', P: [3]Point{{36, 20}}},
		{Op: 'C', P: [3]Point{{36, 20 + k}, {20 + k, 36}, {20, 36}}},
		{Op: 'C', P: [3]Point{{20 - k, 36}, {4, 20 + k}, {4, 20}}},
		{Op: 'C', P: [3]Point{{4, 20 - k}, {20 - k, 4}, {20, 4}}},
		{Op: 'C', P: [3]Point{{20 + k, 4}, {36, 20 - k}, {36, 20}}},
		{Op: 'Z'},
	}
	tests := []struct {
		name  string
		paths []Path
		want  float64 // in square picture units
		tol   float64 // sampling error along slanted and curved edges
	}{
		{"square", []Path{{Segments: outer}}, 36 * 36, 0},
		{"open square is closed for filling", []Path{{Segments: open}}, 36 * 36, 0},
		{"hole in the same direction, nonzero, fills it", []Path{{Segments: slices.Concat(outer, holeSame)}}, 36 * 36, 0},
		{"hole in the same direction, even-odd, leaves it", []Path{{Segments: slices.Concat(outer, holeSame), EvenOdd: true}}, 36*36 - 16*16, 0},
		{"hole in the opposite direction, nonzero, leaves it", []Path{{Segments: slices.Concat(outer, holeOpposite)}}, 36*36 - 16*16, 0},
		{"hole in the opposite direction, even-odd, leaves it", []Path{{Segments: slices.Concat(outer, holeOpposite), EvenOdd: true}}, 36*36 - 16*16, 0},
		{"two paths paint the union", []Path{{Segments: square(0, 0, 20, 20)}, {Segments: square(10, 10, 30, 30)}}, 400 + 400 - 100, 0},
		{"path over a hole fills it", []Path{{Segments: slices.Concat(outer, holeSame), EvenOdd: true}, {Segments: holeSame}}, 36 * 36, 0},
		// Vertices off the sample grid, area by the shoelace formula.
		{"triangle", []Path{{Segments: []Segment{{Op: 'M', P: [3]Point{{0.3, 0.1}}}, {Op: 'L', P: [3]Point{{39.7, 0.2}}}, {Op: 'L', P: [3]Point{{0.1, 37.9}}}, {Op: 'Z'}}}}, 744.67, 1},
		{"circle from cubics", []Path{{Segments: circle}}, math.Pi * 16 * 16, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := &Vector{ViewBox: [4]float64{0, 0, 40, 40}, Paths: tt.paths}
			// 40×40 pixels of 8×8 samples: one sample is 1/64 square unit.
			got := area(rasterise(v, 40, 40, 8))
			if math.Abs(got-tt.want) > tt.tol {
				t.Errorf("got area %.3f; want %.3f ± %.1f", got, tt.want, tt.tol)
			}
		})
	}
}
