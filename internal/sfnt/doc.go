// SPDX-License-Identifier: MIT

// Package sfnt is the program's one reader and writer of font files: Table
// reads a table of any font (fonts reads coverage and metrics with it);
// MergeFonts builds the TrueType fonts a PDF embeds, copying the glyphs a
// document draws of one or more faces into one font, renumbered, with
// composite glyphs added for shaped clusters, and the tables a PDF consumer
// and a font sanitiser read; ReadMetrics reads what a font descriptor says
// of a font.
//
// It imports no other package of the module, only the standard library.
package sfnt
