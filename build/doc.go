// SPDX-License-Identifier: MIT

// Package build runs the pipeline for a set of languages and editions in
// parallel — content, layout, output — and writes the PDFs atomically. It
// is what the leaflet command calls; it holds no layout or PDF logic.
//
// It imports leaflet/content, leaflet/fonts, leaflet/layout,
// leaflet/layout/text and leaflet/output.
package build
