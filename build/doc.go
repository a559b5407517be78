// SPDX-License-Identifier: MIT

// Package build makes the files of a set of languages and editions — each
// PDF laid out by compose, in parallel, and written by output in the
// worker that laid it out; each braille edition made by braille, each web
// page by web and each e-book by epub, from the localised document — and
// writes them all or none, with the site's index when asked: a Stager
// writes each file beside its place as its job finishes, and puts them in
// place together at the end. It is what
// the leaflet command calls; it holds no layout, PDF, braille or HTML
// logic.
//
// It imports leaflet/braille, leaflet/compose, leaflet/content,
// leaflet/epub, leaflet/internal/files, leaflet/layout, leaflet/output and
// leaflet/web.
package build
