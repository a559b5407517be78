// SPDX-License-Identifier: MIT

// Package compose lays out a leaflet's editions in its languages: the
// editions there are (Edition, with their layout and file name), what a
// build asks for (Request), and the jobs, each localised and laid out in
// parallel (Run). It stops at the display list: build turns each job's
// layout into a PDF, and leaflet check reads the problems and the fit. The
// braille edition is a text edition: its jobs are localised and not laid
// out, and build makes its files from the document.
//
// It imports leaflet/braille, leaflet/content, leaflet/fonts,
// leaflet/internal/workers, leaflet/layout and leaflet/layout/text.
package compose
