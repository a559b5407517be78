// SPDX-License-Identifier: MIT

// Package build runs the pipeline for a set of languages and editions in
// parallel — content, layout, output — and writes the PDFs atomically. It
// is what the leaflet command calls; it holds no layout or PDF logic.
package build
