// SPDX-License-Identifier: MIT

// Package fonts holds the font files embedded in the leaflet binary, with their
// licences, and chooses which face sets which character.
//
// Every face is parsed once per process, on first use, and shared read-only by
// all builds running in parallel. A [Face] hands out its raw TrueType bytes (for
// the PDF writer) and its parsed [font.Font] (for shaping); callers that shape
// create their own [font.Face] per goroutine with [Face.NewShapingFace], because
// go-text's faces carry caches that are not safe for concurrent use.
//
// It imports leaflet/internal/sfnt, to read the fonts' tables.
package fonts
