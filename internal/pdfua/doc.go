// SPDX-License-Identifier: MIT

// Package pdfua is the tests' PDF/UA-1 checker. It checks a PDF against
// the PDF/UA-1 conditions (ISO 14289-1, as listed by the Matterhorn
// Protocol) that a generator controls and a program can decide: all
// content tagged or an artifact, a structure tree of standard types with a
// parent tree that matches it, headings without skipped levels, lists of
// list items, figures with alternate text, links tied to their annotations
// with a description, languages, the title shown as the window title,
// embedded fonts that map every drawn glyph to text and draw no .notdef,
// and the PDF/UA identification in the XMP metadata.
//
// It reads the file through qpdf (`qpdf --json=2`), a parser independent
// of the writer's own: objects, references and decoded stream data all
// come from qpdf's JSON, and the package parses only the content streams
// and ToUnicode CMaps that qpdf hands it decoded. It needs qpdf on the
// PATH ([ErrNoQpdf] without it).
//
// It is test support: the tests of output and build import it, and the
// leaflet program never links it. It imports no other package of the
// module.
package pdfua
