// SPDX-License-Identifier: MIT

// Package output is the last stage: it replays a layout.Result into a PDF.
// It is the only package that imports fpdf. It never measures or wraps
// text; it places every glyph where layout put it.
//
// Shaped glyphs reach fpdf through derived fonts: the faces of a document
// that share their units per em are merged into one font ([MergeFonts]),
// any other face gets a font of its own ([DeriveFont]). Each drawn cluster
// is one glyph with one code — a glyph of the font, or a composite glyph
// added for a cluster of several glyphs, an offset mark or a kerned
// advance — so that the PDF's widths place every glyph exactly and each
// code stands for exactly its cluster's text.
//
// After fpdf has written the document, one incremental update (in an object
// stream with a cross-reference stream) replaces each font's ToUnicode map,
// names the fonts as subsets, adds the structure tree of a tagged PDF
// (PDF/UA-1), viewer preferences, page boxes and output intent of the print
// shop's file, and a document ID.
//
// output imports layout, fonts and pictures; nothing imports output but
// build.
package output
