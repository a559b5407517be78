// SPDX-License-Identifier: MIT

// Package convert starts a new leaflet. It stands before the pipeline: it
// takes a document a person already has — Markdown, or plain text read as
// Markdown with short lines standing alone taken for headings — and returns
// the text of the two files a leaflet is made of, content/<id>/leaflet.toml
// and locales/<id>/active.en.toml, commented for the person who edits them
// next. [Document] converts a document; [Example] returns the example
// leaflet that 'leaflet new' writes when it is given none.
//
// The document's headings, paragraphs, bulleted lists, block quotes, strong
// text and links become sections, blocks and messages with IDs made from
// the headings' words (what-is-cse.intro, signs.list.1); the organisation's
// name, address, phone number, email and web addresses are recognised and
// moved into [organisation], the messages using them as template data; the
// title goes on the front cover, the contact section on the back, the offer
// of other languages and formats last in it, and the easy read is drafted
// one point per paragraph, each marked todo. docs/new.md gives the mapping.
//
// Markdown is read with goldmark (CommonMark). It imports
// leaflet/internal/tomlquote. convert returns text, not a loaded leaflet: it
// must not import content, layout, output or build; the leaflet command
// loads what it returns before writing it.
package convert
