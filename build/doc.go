// SPDX-License-Identifier: MIT

// Package build makes the files of a set of languages and editions — each
// PDF laid out by compose, in parallel, and written by output in the
// worker that laid it out, each braille edition made by braille from the
// localised document — and writes them all or none. It is what the
// leaflet command calls; it holds no layout, PDF or braille logic.
//
// It imports leaflet/braille, leaflet/compose, leaflet/content,
// leaflet/internal/files, leaflet/layout and leaflet/output.
package build
