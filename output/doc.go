// SPDX-License-Identifier: MIT

// Package output is the last stage: it replays a layout.Result into a PDF.
// It is the only package that imports fpdf. It never measures or wraps
// text; it places every glyph where layout put it.
//
// fpdf draws the pages, the pictures, the links of an untagged document
// and the outline, uncompressed; it never sees a font. The text is drawn
// by output's own operators through fonts built for the document
// (internal/sfnt): the faces that share their units per em are
// merged into one TrueType font, any other face gets one of its own. Each drawn
// cluster is one glyph with one code, its glyph ID (/CIDToGIDMap
// /Identity) — a glyph of a face, or a composite glyph added for a
// cluster of several glyphs, an offset mark or the same glyph standing
// for other text — so that each code stands for exactly its cluster's
// text; the glyphs drawn as the face has them for one character are
// numbered in character order, which the ToUnicode map and widths give as
// ranges. A kerned glyph is the face's own, the pen moved by the kerning
// in the TJ array, so that every glyph sits exactly where layout put it;
// the blanks that end a line are drawn as the face's space after its last
// glyph, for text extraction.
//
// The finished file is written once (output/internal/pdfobj): fpdf's
// objects with the fonts and their ToUnicode maps, the structure tree of a
// tagged PDF (PDF/UA-1), viewer preferences, the page boxes and output
// intent of the print shop's file and a document ID, every object once,
// the objects that are not streams in an object stream, streams deflated,
// a cross-reference stream.
//
// It imports leaflet/fonts, leaflet/layout, leaflet/layout/text,
// leaflet/output/internal/pdfobj, leaflet/internal/sfnt and
// leaflet/pictures, never content (TestArchitecture in build holds this);
// nothing imports output but build.
package output
