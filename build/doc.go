// SPDX-License-Identifier: MIT

// Package build makes the PDFs of a set of languages and editions — each
// laid out by compose, in parallel, and written by output in the worker
// that laid it out — and writes them all or none. It is what the leaflet
// command calls; it holds no layout or PDF logic.
//
// It imports leaflet/compose, leaflet/content, leaflet/internal/files,
// leaflet/layout and leaflet/output.
package build
