// SPDX-License-Identifier: MIT

// Package pictures holds the pictures of the easy-read edition, one beside
// every point, and the SVG parser that reads them.
//
// It is an asset package, like fonts: it takes SVG files (the embedded
// healthicons set, or a leaflet's own file given to [ParseSVG]) and returns
// [Vector] values, filled outlines in picture units with the even-odd or
// nonzero rule each path asks for. Layout scales a Vector into its box and the
// output stage fills each [Path] with one fill operator, so holes survive.
//
// The parser is strict on purpose: anything it cannot draw exactly (arcs,
// transforms, strokes, shapes other than <path>, clips, masks, gradients,
// opacity, more than one colour) is an error that wraps [ErrUnsupported] and
// names the file, line and column, never a silently missing piece.
//
// Every embedded picture is parsed once per process, on first use, and shared
// read-only by all builds running in parallel.
//
// It imports no other package of the module, only the standard library; in
// particular it must not import fpdf.
package pictures
