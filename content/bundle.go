// SPDX-License-Identifier: MIT

package content

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"leaflet/internal/workers"
)

// Message is one message of a bundle, as the translator sees it.
type Message struct {
	ID          string
	Description string
	Hash        string
	Other       string
	Pos         Pos
}

// Bundle is one language's message file.
type Bundle struct {
	Lang     string
	File     string
	Messages map[string]*Message
	pos      *positions
	// broken holds the messages whose templates cannot be used, reported
	// when the bundle is read (checkTemplates) and not again
	broken map[string]bool
	// ids are the message IDs in file order and zero the zero of the
	// bundle's digits (see LocalDigits), set once the bundle is read: a
	// bundle is read-only after, and shared by the builds of every edition
	ids  []string
	zero rune
	// offerOnly reports a bundle read only for the languages offer
	// (LoadOptions.Langs): its name and offer line
	offerOnly bool
}

// OfferOnly reports that the bundle holds only what the languages offer
// shows of its language (LoadOptions.Langs), not its translation.
func (b *Bundle) OfferOnly() bool { return b.offerOnly }

// IDs returns the bundle's message IDs in file order. The slice is the
// bundle's own, shared by every caller: read it, do not change it.
func (b *Bundle) IDs() []string { return b.ids }

// sortedIDs returns the message IDs of b.Messages in file order: by line,
// then by ID for messages on one line.
func (b *Bundle) sortedIDs() []string {
	ids := make([]string, 0, len(b.Messages))
	for id := range b.Messages {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		pi, pj := b.Messages[ids[i]].Pos, b.Messages[ids[j]].Pos
		if pi.Line != pj.Line {
			return pi.Line < pj.Line
		}
		return ids[i] < ids[j]
	})
	return slices.Clip(ids)
}

// digitZero returns the zero of the digits the bundle's text is written
// in: that of the first digit of another system than ASCII, in file
// order, or '0' when there is none.
func (b *Bundle) digitZero() rune {
	for _, id := range b.ids {
		if z, ok := nativeZero(b.Messages[id].Other); ok {
			return z
		}
	}
	return '0'
}

// Pos returns the position of a message's table in the file.
func (b *Bundle) Pos(id string) Pos { return b.pos.key(id) }

// parsed is one bundle file being read.
type parsed struct {
	tag, display string
	src          []byte
	b            *Bundle
	ds           Diagnostics
}

// loadBundles reads every locales/<id>/active.<lang>.toml: whole those of
// the languages built (all, when langs is empty) and of the source
// language; of the others, what the languages offer needs.
func (l *Leaflet) loadBundles(fsys fs.FS, root string, langs []string) Diagnostics {
	var ds Diagnostics
	dir := path.Join("locales", l.ID)
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		d := ds.Errorf(Pos{File: displayPath(root, dir)}, "cannot read the message bundles: %v", unwrapPathError(err))
		d.Hint = fmt.Sprintf("the leaflet's messages go in %s/active.%s.toml", dir, l.Source)
		return ds
	}
	sourceFailed := false // the source bundle is there but broken
	// Bundles are read in order and parsed in parallel: each language's
	// file is independent, and parsing is most of loading a leaflet.
	var jobs []*parsed
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasPrefix(name, "active.") || !strings.HasSuffix(name, ".toml") {
			continue
		}
		tag := strings.TrimSuffix(strings.TrimPrefix(name, "active."), ".toml")
		display := displayPath(root, path.Join(dir, name))
		canon, err := language.Parse(tag)
		if err != nil || canon.String() != tag {
			d := ds.Errorf(Pos{File: display}, "%q is not a valid BCP 47 language tag", tag)
			if err == nil {
				d.Hint = fmt.Sprintf("name the file active.%s.toml", canon)
			} else {
				d.Hint = "name bundles active.<tag>.toml, e.g. active.pl.toml or active.zh-Hans.toml"
			}
			continue
		}
		src, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			ds.Errorf(Pos{File: display}, "cannot read: %v", unwrapPathError(err))
			continue
		}
		jobs = append(jobs, &parsed{tag: tag, display: display, src: src})
	}
	whole := wholeBundles(l.ID, l.Source, jobs, langs)
	// content has no context of its own: loading is not cancelled
	workers.Each(context.Background(), len(jobs), func(_ context.Context, i int) {
		job := jobs[i]
		if !whole[job.tag] {
			if src, ok := offerSource(job.src); ok {
				if b, ds := parseBundle(job.display, job.tag, src); b != nil && !ds.HasErrors() && hasOffer(b) {
					b.offerOnly, b.zero = true, fileDigitZero(job.src)
					job.b = b
					return
				}
			}
		}
		job.b, job.ds = parseBundle(job.display, job.tag, job.src)
	})
	for _, job := range jobs {
		ds = append(ds, job.ds...)
		if job.b != nil {
			l.Bundles[job.tag] = job.b
		} else if job.tag == l.Source {
			sourceFailed = true
		}
	}
	if _, ok := l.Bundles[l.Source]; !ok && !sourceFailed {
		ds.Errorf(Pos{File: displayPath(root, dir)}, "no bundle for the source language %q", l.Source).Hint =
			fmt.Sprintf("add %s/active.%s.toml", dir, l.Source)
	}
	return ds
}

// parseBundle reads one go-i18n v2 TOML message file: [id] tables (nested
// tables join their names with dots) with description, hash and other.
func parseBundle(file, tag string, src []byte) (*Bundle, Diagnostics) {
	var ds Diagnostics
	pos := scanPositions(file, src)
	var raw map[string]any
	err := checkUTF8(file, src, pos)
	if err == nil {
		_, err = toml.Decode(string(src), &raw)
	}
	if err != nil {
		ds = append(ds, tomlDiagnostic(file, string(src), pos, err))
		return nil, ds
	}
	b := &Bundle{Lang: tag, File: file, Messages: map[string]*Message{}, pos: pos}
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			id := k
			if prefix != "" {
				id = prefix + "." + k
			}
			t, ok := v.(map[string]any)
			if !ok {
				p := pos.key(id)
				d := ds.Errorf(p, "%q is not a message table", id)
				d.Source, d.Hint = pos.line(p.Line), fmt.Sprintf("write [%s] with other = \"…\" and description = \"…\"", id)
				continue
			}
			if !isMessage(t) {
				walk(id, t)
				continue
			}
			msg := &Message{ID: id, Pos: pos.key(id)}
			wrongOther := false
			for field, fv := range t {
				s, isStr := fv.(string)
				switch {
				case !isStr && isField(field):
					p, ok := pos.vals[id+"."+field]
					if !ok {
						p = pos.key(id + "." + field)
					}
					d := ds.Errorf(p, "%s of message %q must be text in quotes, not %s", field, id, describeValue(fv))
					d.Source, d.Hint = pos.line(p.Line), fmt.Sprintf(`write %s = "…"`, field)
					wrongOther = wrongOther || field == "other"
				case !isStr:
					p := pos.key(id + "." + field)
					d := ds.Errorf(p, "unknown field %q in message %q", field, id)
					d.Source, d.Hint = pos.line(p.Line), "a message has description, hash and other"
				case field == "description":
					msg.Description = s
				case field == "hash":
					msg.Hash = s
				case field == "other":
					msg.Other = s
				case field == "zero" || field == "one" || field == "two" || field == "few" || field == "many":
					// plural forms are accepted; the leaflet uses "other"
				default:
					p := pos.key(id + "." + field)
					d := ds.Errorf(p, "unknown field %q in message %q", field, id)
					d.Source, d.Hint = pos.line(p.Line), "a message has description, hash and other"
				}
			}
			if strings.TrimSpace(msg.Other) == "" && !wrongOther {
				ds.Errorf(msg.Pos, "message %q has no text", id).Hint = `add other = "…"`
			}
			b.Messages[id] = msg
		}
	}
	walk("", raw)
	b.ids = b.sortedIDs()
	b.zero = b.digitZero()
	b.broken = checkTemplates(b, &ds)
	// go-i18n itself must accept the file, since translators' tools use
	// it; what it refuses that the checks above let pass, it says
	if !ds.HasErrors() {
		goI18nCheck(raw, pos, &ds)
	}
	return b, ds
}

// isField reports whether a key is one of go-i18n's message fields.
func isField(k string) bool {
	switch k {
	case "other", "description", "hash", "zero", "one", "two", "few", "many":
		return true
	}
	return false
}

// Broken reports whether message id's template has a mistake (a field
// that does not exist or is not closed), reported when the bundle was read.
func (b *Bundle) Broken(id string) bool { return b.broken[id] }

// BrokenIDs returns the messages whose templates have mistakes, sorted.
func (b *Bundle) BrokenIDs() []string {
	var out []string
	for id := range b.broken {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// Empty reports whether the bundle has no messages: a file made for a
// translation and not yet filled in.
func (b *Bundle) Empty() bool { return len(b.Messages) == 0 }

// isMessage reports whether a table is a message rather than a group of
// nested messages: it has one of go-i18n's message fields.
func isMessage(t map[string]any) bool {
	for _, k := range []string{"other", "description", "hash", "one", "few", "many", "zero", "two"} {
		if v, ok := t[k]; ok {
			if _, nested := v.(map[string]any); !nested {
				return true
			}
		}
	}
	return false
}

// i18nBundle returns the go-i18n bundle with every language's messages,
// built once and shared by the builds of all languages.
func (l *Leaflet) i18nBundle() (*i18n.Bundle, error) {
	l.i18nOnce.Do(func() { l.i18n, l.i18nErr = l.newI18nBundle() })
	return l.i18n, l.i18nErr
}

func (l *Leaflet) newI18nBundle() (*i18n.Bundle, error) {
	src, err := language.Parse(l.Source)
	if err != nil {
		return nil, fmt.Errorf("source language: %w", err)
	}
	b := i18n.NewBundle(src)
	for _, tag := range l.Langs() {
		bu := l.Bundles[tag]
		t, err := language.Parse(tag)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", bu.File, err)
		}
		for _, id := range bu.IDs() {
			m := bu.Messages[id]
			if err := b.AddMessages(t, &i18n.Message{ID: id, Description: m.Description, Hash: m.Hash, Other: m.Other}); err != nil {
				return nil, fmt.Errorf("%s: %w", bu.File, err)
			}
		}
	}
	return b, nil
}

// offerMessages are what the languages offer shows of a language.
var offerMessages = []string{"language.name", "request.language"}

// wholeBundles returns the languages whose bundles are read whole: every
// one when langs is empty; else the source language and those langs
// match (as MatchLang matches a tag).
func wholeBundles(id, source string, jobs []*parsed, langs []string) map[string]bool {
	whole := map[string]bool{source: true}
	var have []string
	for _, j := range jobs {
		have = append(have, j.tag)
		if len(langs) == 0 {
			whole[j.tag] = true
		}
	}
	for _, tag := range langs {
		if lang, _, err := matchLang(id, have, tag); err == nil {
			whole[lang] = true
		}
	}
	return whole
}

// hasOffer reports whether a bundle holds the messages of the offer.
func hasOffer(b *Bundle) bool {
	for _, id := range offerMessages {
		if b.Messages[id] == nil {
			return false
		}
	}
	return true
}

// offerSource returns a bundle file with every line but those of the offer
// messages' tables left blank, so that parsing it reads those messages at
// their own lines and columns; ok is false for a file it cannot cut so
// (multi-line strings, which may hold a line that looks like a table's
// header), which is then read whole.
func offerSource(src []byte) (out []byte, ok bool) {
	if bytes.Contains(src, []byte(`"""`)) || bytes.Contains(src, []byte(`'''`)) {
		return nil, false
	}
	out = make([]byte, 0, len(src))
	keep := false
	for line := range bytes.Lines(src) {
		if t := bytes.TrimSpace(line); len(t) > 0 && t[0] == '[' {
			name := strings.Trim(string(bytes.TrimSpace(bytes.Trim(stripTOMLComment(t), "[]"))), `"`)
			keep = slices.Contains(offerMessages, name)
		}
		if keep {
			out = append(out, line...)
		} else if bytes.HasSuffix(line, []byte("\n")) {
			out = append(out, '\n')
		}
	}
	return out, true
}

// stripTOMLComment returns a table header line without a comment after it.
func stripTOMLComment(line []byte) []byte {
	if i := bytes.LastIndexByte(line, ']'); i >= 0 {
		return line[:i+1]
	}
	return line
}

// fileDigitZero returns the zero of the digits a bundle file's texts are
// written in, as digitZero does for a bundle read whole: that of the first
// digit of another system than ASCII in an other = "…" line, in file order.
func fileDigitZero(src []byte) rune {
	for line := range bytes.Lines(src) {
		if t := bytes.TrimSpace(line); bytes.HasPrefix(t, []byte("other")) {
			if z, ok := nativeZero(string(t)); ok {
				return z
			}
		}
	}
	return '0'
}
