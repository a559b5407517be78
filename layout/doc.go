// SPDX-License-Identifier: MIT

// Package layout is the stage that makes every typographic decision. It
// takes a localised content.Document and an edition's Format and returns a
// display list: pages of positioned glyph runs, rectangles and lines, each
// carrying its structure role and its place in the reading order. The PDF
// writer only replays it.
//
// Coordinates are PDF points (1/72 in) with the origin at the top-left corner
// of the page and y growing downwards; a glyph run's Y is its baseline.
//
// It imports leaflet/content, leaflet/fonts, leaflet/layout/text and
// leaflet/pictures (and boombuler/barcode for the QR code); it must not
// import output or fpdf.
package layout
