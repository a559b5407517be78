// SPDX-License-Identifier: MIT

package pictures

// Point is a point in picture units (the SVG's viewBox; y grows downwards).
type Point struct{ X, Y float64 }

// Segment is one path command in absolute coordinates: 'M' move (P[0]),
// 'L' line (P[0]), 'C' cubic Bézier (P[0], P[1] control points, P[2] end),
// 'Z' close.
//
// In a parsed [Path] every sub-path starts with an 'M', and a 'Z' is followed
// by an 'M' or ends the path, so a writer can replay the segments one to one
// (PDF m, l, c, h).
type Segment struct {
	Op byte
	P  [3]Point
}

// Path is one filled path. EvenOdd reports whether it is filled with the
// even-odd rule (SVG fill-rule="evenodd"); otherwise the nonzero rule applies.
// Open sub-paths are filled as if closed, as in SVG and PDF.
type Path struct {
	Segments []Segment
	EvenOdd  bool
}

// Vector is a parsed picture: its paths are filled in order, all in the same
// ink, inside the view box.
type Vector struct {
	Name    string
	ViewBox [4]float64 // minX, minY, width, height in picture units
	Paths   []Path
	// Fill is the picture's one fill colour as ParseSVG read it, "#rrggbb",
	// or "" or "currentColor" when the picture leaves it to the caller.
	Fill string
}
