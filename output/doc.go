// SPDX-License-Identifier: MIT

// Package output is the last stage: it replays a layout.Result into a PDF.
// It is the only package that imports fpdf. It never measures or wraps
// text; it places every glyph where layout put it.
//
// Shaped glyphs reach fpdf through a derived font per face ([DeriveFont]):
// each glyph used is given its real code point where the font maps one, and
// a Private Use Area code point otherwise. After fpdf has written the
// document, an incremental update replaces each font's ToUnicode map so that
// copying and searching give back the source text, and adds what fpdf cannot
// write (viewer preferences, a document ID).
//
// output imports layout and fonts; nothing imports output but cmd.
package output
