// SPDX-License-Identifier: MIT

// Package translate is the translation workflow around the pipeline. It
// takes a loaded content.Leaflet and
//
//   - checks every language at once ([Check]): missing and out-of-date
//     messages (go-i18n's hash), template fields and markup that differ from
//     the source language, and — through build.Run, without writing files —
//     whether each edition fits, which characters no font covers and
//     easy-read sentences that are too long, and what of each language
//     cannot be put into braille;
//   - exports a translator pack of the messages a language lacks or has out
//     of date ([Export]): a go-i18n translate.<tag>.toml that goi18n merge
//     accepts, or XLIFF 1.2 for translators' CAT tools;
//   - imports a returned pack into locales/<id>/active.<tag>.toml ([Import]),
//     refusing what would make the leaflet wrong, and writing atomically.
//
// It imports leaflet/braille, leaflet/compose, leaflet/content,
// leaflet/internal/files, leaflet/internal/tomlquote and leaflet/layout —
// it lays out without linking the PDF writer; nothing in the pipeline
// imports translate.
package translate
