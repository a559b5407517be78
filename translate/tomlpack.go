// SPDX-License-Identifier: MIT

package translate

import (
	"fmt"
	"regexp"
	"strings"

	"leaflet/content"
	"leaflet/internal/tomlquote"
)

// toml writes the pack as go-i18n's translate.<tag>.toml: a table per
// message with its description, the hash of the source message, and the
// source text in other, for the translator to replace. Comments at the top
// say which leaflet and languages it is for, and how to translate it.
func (p *Pack) toml() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# Translator pack for the leaflet %q: the messages to translate from %s into %s.\n", p.Leaflet, p.Source, p.Lang)
	fmt.Fprintf(&b, "# leaflet: %s\n# language: %s\n# source language: %s\n", p.Leaflet, p.Lang, p.Source)
	b.WriteString(`#
# How to translate: in each [message] below, replace the text of "other"
# with your translation, and change nothing else. Keep template fields such
# as {{.Phone}} exactly as they are; keep **bold** markers around the words
# that match; keep [words](link) links with their link. "description" says
# what the text is for. "hash" records which text you translated: leave it
# as it is. Then send the whole file back.
#
# This is a go-i18n v2 translate file: goi18n merge accepts it too.
`)
	for _, u := range p.Units {
		b.WriteByte('\n')
		if u.SameAsSource {
			b.WriteString("# Still in the source language: translate it.\n")
		}
		if u.Stale {
			b.WriteString("# Out of date: the text changed since the last translation, which was:\n")
			for _, line := range strings.Split(u.Previous, "\n") {
				fmt.Fprintf(&b, "#   %s\n", line)
			}
		}
		fmt.Fprintf(&b, "[%s]\n", tomlKeyPath(u.ID))
		if u.Description != "" {
			fmt.Fprintf(&b, "description = %s\n", tomlquote.Quote(u.Description))
		}
		fmt.Fprintf(&b, "hash = %s\n", tomlquote.Quote(u.Hash))
		fmt.Fprintf(&b, "other = %s\n", tomlquote.Quote(u.Source))
	}
	return []byte(b.String())
}

// tomlKeyPath writes a message ID as a table name: its dotted parts bare
// where TOML allows, so that go-i18n reads the same ID back.
func tomlKeyPath(id string) string {
	parts := strings.Split(id, ".")
	for i, part := range parts {
		bare := part != ""
		for j := 0; j < len(part); j++ {
			bare = bare && isBareKeyByte(part[j])
		}
		if !bare {
			parts[i] = tomlquote.Quote(part)
		}
	}
	return strings.Join(parts, ".")
}

var headerRe = regexp.MustCompile(`^#\s*(leaflet|language|source language):\s*(\S+)\s*$`)

// readTOMLPack reads a returned TOML pack: go-i18n messages whose other is
// the translation, with the header comments Encode writes when they are
// still there.
func readTOMLPack(file string, data []byte) (*Pack, content.Diagnostics) {
	msgs, lines, ds := readTOMLMessages(file, data)
	if ds.HasErrors() {
		return nil, ds
	}
	p := &Pack{}
	langLine := 0
	for i, line := range lines {
		line = strings.TrimSpace(strings.TrimPrefix(line, "\uFEFF"))
		if line != "" && !strings.HasPrefix(line, "#") {
			break
		}
		if m := headerRe.FindStringSubmatch(line); m != nil {
			switch m[1] {
			case "leaflet":
				p.Leaflet = m[2]
			case "language":
				p.Lang, langLine = m[2], i+1
			case "source language":
				p.Source = m[2]
			}
		}
	}
	if p.Lang != "" {
		canon, err := ParseLang(p.Lang)
		if err != nil {
			ds.Errorf(content.Pos{File: file, Line: langLine}, "%v", err).Source = lines[langLine-1]
			return nil, ds
		}
		p.Lang = canon
	}
	if named := langFromName(file); named != "" {
		switch {
		case p.Lang == "":
			p.Lang = named
		case named != p.Lang:
			d := ds.Errorf(content.Pos{File: file, Line: langLine}, "the pack says it is in %s, but its file name says %s", p.Lang, named)
			d.Source = lines[langLine-1]
			d.Hint = fmt.Sprintf("name the file %s, or correct the language line", PackName(p.Lang, TOML))
		}
	}
	for _, m := range msgs {
		u := Unit{ID: m.ID, Description: m.Fields["description"], Hash: m.Fields["hash"], Line: m.Line}
		u.Target, u.HasTarget = m.Fields["other"]
		if strings.TrimSpace(u.Target) == "" {
			d := ds.Errorf(content.Pos{File: file, Line: m.OtherLine}, "message %q has an empty translation", m.ID)
			d.Hint = `write the translation in other = "…", or remove the message from the pack to leave it for later`
			if m.OtherLine > 0 {
				d.Source = strings.TrimRight(lines[m.OtherLine-1], "\r")
			}
		}
		for _, f := range []string{"zero", "one", "two", "few", "many"} {
			if _, ok := m.Fields[f]; ok {
				d := ds.Warnf(content.Pos{File: file, Line: m.Line}, "message %q: the plural form %q is not used: the leaflet sets only other", m.ID, f)
				d.Hint = "put the whole translation in other"
			}
		}
		p.Units = append(p.Units, u)
	}
	if ds.HasErrors() {
		return nil, ds
	}
	return p, ds
}
