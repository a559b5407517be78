// SPDX-License-Identifier: MIT

// Package content is the first stage of the pipeline. It loads a leaflet's
// sources — content/<id>/leaflet.toml (structure, organisation facts, message
// IDs) and locales/<id>/active.<lang>.toml (go-i18n v2 message bundles) — from
// any fs.FS, validates them, and localises them into a [Document] per
// language: sections of blocks of styled runs, each knowing its message ID.
//
// Every problem is a [Diagnostic] with file:line:col; all problems of a run are
// reported together, as go/scanner's ErrorList does.
//
// It imports leaflet/internal/memo (the markup read, kept),
// leaflet/internal/workers (bundles are parsed in parallel),
// leaflet/locales (the built-in bundles) and leaflet/pictures (the easy
// read's pictures); it must not import layout, output or fpdf.
package content
