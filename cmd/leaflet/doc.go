// SPDX-License-Identifier: MIT

// Command leaflet builds printable information leaflets in every language
// and format from one source: go-i18n message bundles and a content file.
//
//	leaflet build [--source DIR] [--leaflet ID] [--lang TAGS] [--edition NAMES] [--paper a4|letter]
//	              [--size N] [--fold-marks] [--print-shop] [--braille-cells N] [--braille-lines N]
//	              [--braille-grade 1|2] [--allow-incomplete] [--keep-going] [--out DIR]
//	leaflet check [--source DIR] [--leaflet ID] [--lang TAGS] [--json]
//	leaflet translate --lang TAG [--format toml|xliff] [--out FILE]
//	leaflet translate --import FILE --source DIR
//	leaflet new ID [--from FILE] [--source DIR]
//	leaflet init DIR
//
// Exit status: 0 success, 1 build problems, 2 usage.
//
// It imports leaflet/braille, leaflet/build, leaflet/compose, leaflet/content,
// leaflet/convert, leaflet/internal/files, leaflet/layout and
// leaflet/translate: it parses the flags, wires the stages together and
// turns problems into exit codes; an interrupt cancels a build, which then
// writes nothing.
package main
