// SPDX-License-Identifier: MIT

// Package sfnt builds the TrueType fonts a PDF embeds: MergeFonts copies
// the glyphs a document draws of one or more faces into one font,
// renumbered, with composite glyphs added for shaped clusters, and the
// tables a PDF consumer and a font sanitiser read; ReadMetrics reads what a
// font descriptor says of a font.
//
// It imports no other package of the module, only the standard library;
// only output imports it.
package sfnt
