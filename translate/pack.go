// SPDX-License-Identifier: MIT

package translate

import (
	"fmt"
	"path/filepath"
	"strings"

	"golang.org/x/text/language"

	"leaflet/content"
)

// Pack is a translator pack: the messages of a leaflet that one language
// lacks or has out of date, each with the source text, what it is for and
// the hash of the source message it translates.
type Pack struct {
	// Leaflet is the leaflet's ID; empty when a returned pack does not
	// say.
	Leaflet string
	// Source and Lang are the source and target language tags.
	Source, Lang string
	Units        []Unit
	// File is the pack's file name, for diagnostics.
	File string
}

// Unit is one message of a pack.
type Unit struct {
	ID          string
	Description string
	// Hash is go-i18n's hash of the source message (content.Hash).
	Hash string
	// Source is the source-language text; Target the translation.
	Source, Target string
	// HasTarget is false when a returned XLIFF unit has no translation.
	HasTarget bool
	// State is an XLIFF target's state ("translated", "final", …).
	State string
	// Previous is the out-of-date translation, shown for context; Stale
	// says the unit is out of date rather than missing.
	Previous string
	Stale    bool
	// SameAsSource says the language has the message, but still in the
	// source language.
	SameAsSource bool
	// Line is where the unit starts in a returned file, from 1.
	Line int
	// Problem is set when a returned unit cannot be read as text, e.g. an
	// XLIFF target with inline codes.
	Problem string
}

// Format is the file format of a pack.
type Format string

const (
	// TOML is a go-i18n v2 translate.<tag>.toml, as goi18n merge writes.
	TOML Format = "toml"
	// XLIFF is XLIFF 1.2, which translators' CAT tools read.
	XLIFF Format = "xliff"
)

// Ext returns the file extension of a format, with its dot.
func (f Format) Ext() string {
	if f == XLIFF {
		return ".xlf"
	}
	return ".toml"
}

// PackName returns the conventional file name of a pack:
// translate.<tag>.toml, as goi18n merge names it, or translate.<tag>.xlf.
func PackName(lang string, f Format) string { return "translate." + lang + f.Ext() }

// ParseLang reads a BCP 47 language tag as a bundle is named, in its
// canonical form ("zh-hans" becomes "zh-Hans").
func ParseLang(s string) (string, error) {
	t, err := language.Parse(s)
	if err != nil {
		return "", fmt.Errorf("%q is not a BCP 47 language tag (e.g. so, pl, zh-Hans): %v", s, err)
	}
	if t == language.Und {
		return "", fmt.Errorf("%q is not a language: give one such as so, pl or zh-Hans", s)
	}
	return t.String(), nil
}

// Export makes the pack of every message that lang lacks, has out of date
// or has still in the source language, in the source bundle's order. A
// language without a bundle yet is a new language: its pack holds every
// message the leaflet needs.
func Export(l *content.Leaflet, lang string) (*Pack, error) {
	canon, err := ParseLang(lang)
	if err != nil {
		return nil, err
	}
	if canon == l.Source {
		return nil, fmt.Errorf("%s is the leaflet's source language: there is nothing to translate", canon)
	}
	src := l.Bundles[l.Source]
	if src == nil {
		return nil, fmt.Errorf("leaflet %q has no %s bundle to translate from", l.ID, l.Source)
	}
	missing, stale := l.Gaps(canon)
	gap := map[string]bool{}
	for _, id := range missing {
		gap[id] = true
	}
	for _, id := range stale {
		gap[id] = true
	}
	p := &Pack{Leaflet: l.ID, Source: l.Source, Lang: canon}
	bu := l.Bundles[canon]
	for _, id := range l.Needed() {
		m := src.Messages[id]
		var tr *content.Message
		if bu != nil {
			tr = bu.Messages[id]
		}
		// a message still in the source language is the placeholder
		// goi18n merge leaves: it needs translating too
		same := tr != nil && tr.Other == m.Other && hasWords(m.Other)
		if !gap[id] && !same {
			continue
		}
		u := Unit{ID: id, Description: m.Description, Hash: content.Hash(m.Description, m.Other), Source: m.Other, SameAsSource: same}
		if tr != nil && !same {
			u.Stale, u.Previous = true, tr.Other
		}
		p.Units = append(p.Units, u)
	}
	return p, nil
}

// Encode returns the pack as a file in the format.
func (p *Pack) Encode(f Format) ([]byte, error) {
	if f == XLIFF {
		return p.xliff()
	}
	return p.toml(), nil
}

// Read reads a returned pack, TOML or XLIFF by its extension (.toml, or
// .xlf, .xliff, .xml) or else by its first characters. It returns every
// problem that makes the file unusable as a whole: invalid TOML or XML, a
// file that is not UTF-8, a message ID given twice, an empty translation.
func Read(file string, data []byte) (*Pack, content.Diagnostics) {
	var p *Pack
	var ds content.Diagnostics
	switch ext := strings.ToLower(filepath.Ext(file)); {
	case ext == ".toml":
		p, ds = readTOMLPack(file, data)
	case ext == ".xlf" || ext == ".xliff" || ext == ".xml":
		p, ds = readXLIFF(file, data)
	case ext == ".po" || ext == ".pot":
		d := ds.Errorf(content.Pos{File: file}, "a PO file cannot be imported as it is")
		d.Hint = "turn it into XLIFF with translate-toolkit's po2xliff, then import that (see docs/translation.md)"
	case strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(string(data), "\uFEFF")), "<"):
		p, ds = readXLIFF(file, data)
	default:
		p, ds = readTOMLPack(file, data)
	}
	if p != nil {
		p.File = file
	}
	return p, ds
}

// langFromName returns the language tag in a pack's file name as go-i18n
// names files, <name>.<tag>.<ext> (translate.pl.toml, cse.so.xlf), or ""
// when the name has no such part or it is not a language tag.
func langFromName(file string) string {
	base := filepath.Base(file)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	i := strings.LastIndexByte(base, '.')
	if i < 0 {
		return ""
	}
	t, err := language.Parse(base[i+1:])
	if err != nil || t == language.Und {
		return ""
	}
	return t.String()
}

// sameBase reports whether two language tags name the same language,
// whatever their regions: a CAT tool may write en-US for en.
func sameBase(a, b string) bool {
	ta, err1 := language.Parse(a)
	tb, err2 := language.Parse(b)
	if err1 != nil || err2 != nil {
		return a == b
	}
	ba, _ := ta.Base()
	bb, _ := tb.Base()
	sa, _ := ta.Script()
	sb, _ := tb.Script()
	return ba == bb && sa == sb
}
