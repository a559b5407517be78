// SPDX-License-Identifier: MIT

// Package web writes a leaflet's web editions from its localised document:
// the page of a language (Page), the easy read's page (EasyRead), each one
// self-contained semantic HTML file with its stylesheet inline and no
// script, and the index of a folder of built files (Index). Options.XHTML
// writes the pages as an EPUB's content documents instead. It takes a
// content.Document, which it only reads, and returns bytes and
// content.Diagnostics; it lays nothing out and writes no file.
//
// It imports leaflet/content and leaflet/pictures.
package web
