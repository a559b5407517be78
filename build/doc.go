// SPDX-License-Identifier: MIT

// Package build makes the PDFs of a set of languages and editions — each
// laid out by compose, in parallel, and written by output in the worker
// that laid it out — and the text editions' files (web, epub), and
// writes them all or none. It is what the leaflet command calls; it holds
// no layout, PDF or HTML logic.
//
// It imports leaflet/compose, leaflet/content, leaflet/epub,
// leaflet/internal/files, leaflet/layout, leaflet/output and leaflet/web.
package build
