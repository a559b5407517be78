// SPDX-License-Identifier: MIT

// Package text turns a paragraph of styled Unicode text into shaped, broken
// lines. It is the only adapter to go-text/typesetting: itemisation (face,
// script, style), shaping with go-text's HarfBuzz port, and line breaking at
// UAX #14 opportunities, never inside a no-break range (phone numbers, email
// and web addresses, postcodes, dates) and never with hyphenation.
//
// Lengths are in PDF points. Glyph advances and offsets are scaled from font
// units exactly: text is shaped at the font's units per em and scaled here.
//
// It imports leaflet/fonts and leaflet/internal/memo (its caches), and of
// other modules go-text and golang.org/x's bidi and fixed-point packages;
// it knows nothing of pages or PDF.
package text
