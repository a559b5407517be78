// SPDX-License-Identifier: MIT

// Package epub packages a leaflet's localised document as an accessible
// EPUB 3 book (Book): the leaflet's web page and, when the leaflet has one,
// the easy read as its second part, as XHTML content documents (web), with
// a navigation document, the language and direction of the text, and the
// accessibility metadata of EPUB Accessibility 1.1. The bytes depend only
// on the document and the date: the files in a fixed order at a fixed
// time, the mimetype first and stored. It takes a content.Document, which
// it only reads, and returns bytes and content.Diagnostics.
//
// It imports leaflet/content and leaflet/web.
package epub
