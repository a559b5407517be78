// SPDX-License-Identifier: MIT

// Package braille makes the braille edition of a localised document: its
// text put into braille by liblouis ([Louis], lou_translate in a
// subprocess, behind the [Translator] interface), in each language's
// table ([TableFor]: Unified English Braille, contracted or not, and the
// national code of each other language), then set on pages as UKAAF's
// "Guiding principles for the presentation of braille" ask — a title
// page, centred headings kept with their text, indented paragraphs, lists
// and quoted material, the contact details together, page numbers at the
// top right, no word divided — and written as a Braille Ready Format file
// of braille ASCII ([Edition.BRF]) and as Unicode braille
// ([Edition.Text]). The setting on pages works on cells alone, whatever
// the translator.
//
// It imports leaflet/content.
package braille
