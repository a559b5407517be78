// SPDX-License-Identifier: MIT

package translate

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"

	"leaflet/content"
	"leaflet/internal/files"
	"leaflet/internal/tomlquote"
)

// Refusal is a message of a pack that was not merged, and why.
type Refusal struct {
	ID     string
	Line   int // in the pack, from 1
	Reason string
}

// Result is what Import did.
type Result struct {
	Pack *Pack
	// Bundle is the path of the language's active.<tag>.toml; Created
	// says the language had none.
	Bundle  string
	Created bool
	// Merged are the messages written into the bundle, in pack order;
	// Unchanged those it already held as the pack has them.
	Merged, Unchanged []string
	// Refused are the messages not merged, with the reason.
	Refused []Refusal
	// Untranslated are the units of an XLIFF pack without a translation:
	// left for later, not refused.
	Untranslated []Refusal
}

// Import merges a returned pack (file, holding data) into the bundle of its
// language in the source folder dir, from which l was loaded:
// dir/locales/<id>/active.<tag>.toml, created for a new language. lang,
// when set, is the language the pack must be in.
//
// A pack that cannot be used as a whole — for another leaflet, a language
// tag that disagrees with its file name, invalid TOML or XML, a file that
// is not UTF-8, a message ID given twice, an empty translation — is an
// error and nothing is written. Otherwise each message is merged or
// refused: refused when it is still the source text, when its template
// fields or markup differ from the source's, when its ID is unknown, and
// when the source text has changed since the pack was made (its hash). The
// bundle keeps its order, comments and descriptions; new messages go after
// the message that precedes them in the source bundle. The file is written
// atomically.
func Import(l *content.Leaflet, dir, file string, data []byte, lang string) (*Result, content.Diagnostics) {
	p, ds := Read(file, data)
	if ds.HasErrors() {
		return nil, ds
	}
	at := content.Pos{File: file}
	if p.Leaflet != "" && p.Leaflet != l.ID {
		d := ds.Errorf(at, "this pack is for the leaflet %q, not %q", p.Leaflet, l.ID)
		d.Hint = fmt.Sprintf("import it with --leaflet %s, into the sources of that leaflet", p.Leaflet)
		return nil, ds
	}
	if lang != "" {
		canon, err := ParseLang(lang)
		if err != nil {
			ds.Errorf(at, "%v", err)
			return nil, ds
		}
		switch {
		case p.Lang == "":
			p.Lang = canon
		case p.Lang != canon:
			d := ds.Errorf(at, "the pack is in %s, not %s", p.Lang, canon)
			d.Hint = fmt.Sprintf("leave out --lang, or give --lang %s", p.Lang)
			return nil, ds
		}
	}
	switch {
	case p.Lang == "":
		d := ds.Errorf(at, "cannot tell which language the pack is in")
		d.Hint = "name the file translate.<tag>.toml or .xlf (e.g. translate.so.xlf), or give --lang"
		return nil, ds
	case p.Lang == l.Source:
		ds.Errorf(at, "the pack is in %s, the leaflet's source language: there is nothing to merge", p.Lang)
		return nil, ds
	case p.Source != "" && !sameBase(p.Source, l.Source):
		ds.Errorf(at, "the pack translates from %s, but the leaflet is written in %s", p.Source, l.Source)
		return nil, ds
	}
	en := l.Bundles[l.Source]
	if en == nil {
		ds.Errorf(content.Pos{File: l.File}, "the leaflet has no %s bundle to check the pack against", l.Source)
		return nil, ds
	}
	known := 0
	for _, u := range p.Units {
		if en.Messages[u.ID] != nil {
			known++
		}
	}
	if len(p.Units) > 0 && known == 0 {
		d := ds.Errorf(at, "none of the pack's %d messages is in the leaflet %q: is the pack for another leaflet?", len(p.Units), l.ID)
		d.Hint = "import it with --leaflet <id> into the sources of its leaflet"
		return nil, ds
	}

	res := &Result{Pack: p, Bundle: filepath.Join(dir, "locales", l.ID, "active."+p.Lang+".toml")}
	cur := l.Bundles[p.Lang]
	res.Created = cur == nil
	updates := map[string]string{}
	for _, u := range p.Units {
		refuse := func(format string, args ...any) {
			res.Refused = append(res.Refused, Refusal{ID: u.ID, Line: u.Line, Reason: fmt.Sprintf(format, args...)})
		}
		m := en.Messages[u.ID]
		if u.Problem != "" {
			refuse("%s", u.Problem)
			continue
		}
		if m == nil {
			refuse("the leaflet %q has no message %q", l.ID, u.ID)
			continue
		}
		target := u.Target
		if !u.HasTarget {
			if hasWords(m.Other) {
				res.Untranslated = append(res.Untranslated, Refusal{ID: u.ID, Line: u.Line, Reason: "not translated yet"})
				continue
			}
			target = m.Other // nothing to translate: {{.Address}}
		}
		hash := content.Hash(m.Description, m.Other)
		switch {
		case u.Hash != "" && u.Hash != hash:
			refuse("out of date: the %s text changed since the pack was made; make a new pack with 'leaflet translate --lang %s'", l.Source, p.Lang)
			continue
		case u.Hash == "" && u.Source != "" && u.Source != m.Other:
			refuse("out of date: its source text is not the leaflet's %s text now; make a new pack with 'leaflet translate --lang %s'", l.Source, p.Lang)
			continue
		case u.Hash == "" && u.Source == "":
			refuse("it has no hash, so which %s text it translates is unknown; translate a pack made by 'leaflet translate'", l.Source)
			continue
		}
		if strings.TrimSpace(m.Other) == m.Other {
			target = strings.TrimSpace(target) // tools add line breaks
		}
		if target == m.Other && hasWords(m.Other) {
			refuse("it is still the %s text: not translated", l.Source)
			continue
		}
		var problems []string
		for _, mm := range compareShape(m.Other, target) {
			if mm.severity == content.Error {
				problems = append(problems, mm.msg)
			} else {
				d := ds.Warnf(content.Pos{File: file, Line: u.Line}, "message %q: %s", u.ID, mm.msg)
				d.Hint = fmt.Sprintf("the %s is %q", l.Source, m.Other)
			}
		}
		if len(problems) > 0 {
			refuse("%s (the %s is %q)", strings.Join(problems, "; "), l.Source, m.Other)
			continue
		}
		if cur != nil {
			if old := cur.Messages[u.ID]; old != nil && old.Other == target && old.Hash == hash {
				res.Unchanged = append(res.Unchanged, u.ID)
				continue
			}
		}
		updates[u.ID] = target
		res.Merged = append(res.Merged, u.ID)
	}
	if len(updates) == 0 {
		return res, ds
	}
	var old []byte
	if !res.Created {
		var err error
		if old, err = os.ReadFile(res.Bundle); err != nil {
			ds.Errorf(content.Pos{File: res.Bundle}, "cannot read the bundle: %v", unwrapPath(err))
			return nil, ds
		}
	}
	out, err := mergeBundle(res.Bundle, old, l, p.Lang, updates)
	if err != nil {
		ds.Errorf(content.Pos{File: res.Bundle}, "%v", err)
		return nil, ds
	}
	if err := files.WriteAtomic(res.Bundle, out); err != nil {
		ds.Errorf(content.Pos{File: res.Bundle}, "%v", err)
		return nil, ds
	}
	return res, ds
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// mergeBundle returns the bundle old (nil for a new language) with the
// translations in updates, by message ID, each with the source message's
// description and hash. It edits the file's text, so that its order,
// comments and layout stay; when the file is not laid out as go-i18n
// bundles usually are, it writes the messages afresh. Either way it reads
// the result back and checks that it holds exactly what it should.
func mergeBundle(path string, old []byte, l *content.Leaflet, lang string, updates map[string]string) ([]byte, error) {
	en := l.Bundles[l.Source]
	var before []tomlMessage
	if old != nil {
		var ds content.Diagnostics
		if before, _, ds = readTOMLMessages(path, old); ds.HasErrors() {
			return nil, ds
		}
	}
	out, ok := editBundle(old, l, updates)
	if !ok || verifyBundle(path, out, before, en, lang, updates) != nil {
		out = rewriteBundle(old, before, l, lang, updates)
		if err := verifyBundle(path, out, before, en, lang, updates); err != nil {
			return nil, fmt.Errorf("merging into the bundle went wrong, so it is left as it was: %v", err)
		}
	}
	return out, nil
}

// messageLines returns the lines of a message table with the source's
// description and hash and the translation.
func messageLines(id string, m *content.Message, target string) []string {
	out := []string{"[" + tomlKeyPath(id) + "]"}
	if m.Description != "" {
		out = append(out, "description = "+tomlquote.Quote(m.Description))
	}
	return append(out, "hash = "+tomlquote.Quote(content.Hash(m.Description, m.Other)), "other = "+tomlquote.Quote(target))
}

// editBundle applies the updates to the bundle's text line by line: a
// message that is a [table] with its own other key is edited in place, and
// any other is added after its neighbour. It reports false when there is
// no text to edit; a message written another way (dotted keys, an inline
// table) makes a result that verifyBundle rejects.
func editBundle(old []byte, l *content.Leaflet, updates map[string]string) ([]byte, bool) {
	en := l.Bundles[l.Source]
	if old == nil {
		return nil, false
	}
	nl := "\n"
	if bytes.Contains(old, []byte("\r\n")) {
		nl = "\r\n"
	}
	lines := strings.Split(strings.TrimSuffix(string(old), "\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimSuffix(lines[i], "\r")
	}
	tables := scanTOML(lines)
	byID := map[string]*tomlTable{}
	first := -1 // the first message table's header
	for i := range tables {
		t := &tables[i]
		if t.header < 0 || t.key("other") == nil {
			continue
		}
		if _, dup := byID[t.id()]; !dup {
			byID[t.id()] = t
		}
		if first < 0 {
			first = t.header
		}
	}
	replace := map[int][]string{} // first line of a key → its new lines
	drop := map[int]bool{}        // the other lines of a replaced key
	after := map[int][]string{}   // lines to add after a line
	var atStart []string          // lines to add before the first message
	set := func(k *tomlKey, with []string) {
		replace[k.start] = append(replace[k.start], with...)
		for i := k.start + 1; i <= k.end; i++ {
			drop[i] = true
		}
	}
	anchor := map[string]int{} // message ID → the line new messages follow
	for id, t := range byID {
		anchor[id] = t.last()
	}
	for _, id := range en.IDs() {
		target, ok := updates[id]
		if !ok {
			continue
		}
		m := en.Messages[id]
		if t := byID[id]; t != nil {
			other := t.key("other")
			var head []string
			if d := t.key("description"); d != nil {
				if m.Description != "" {
					set(d, []string{"description = " + tomlquote.Quote(m.Description)})
				}
			} else if m.Description != "" {
				head = append(head, "description = "+tomlquote.Quote(m.Description))
			}
			hash := "hash = " + tomlquote.Quote(content.Hash(m.Description, m.Other))
			if h := t.key("hash"); h != nil {
				set(h, []string{hash})
			} else {
				head = append(head, hash)
			}
			set(other, append(head, "other = "+tomlquote.Quote(target)))
			continue
		}
		// a new message goes after the nearest message before it in the
		// source bundle that the file has
		block := append([]string{""}, messageLines(id, m, target)...)
		placed := false
		ids := en.IDs()
		for i := indexOf(ids, id) - 1; i >= 0; i-- {
			if line, ok := anchor[ids[i]]; ok {
				after[line] = append(after[line], block...)
				anchor[id] = line
				placed = true
				break
			}
		}
		if !placed {
			if first < 0 {
				after[len(lines)-1] = append(after[len(lines)-1], block...)
				anchor[id] = len(lines) - 1
			} else {
				atStart = append(atStart, block[1:]...)
				atStart = append(atStart, "")
			}
		}
	}
	var b strings.Builder
	for i, line := range lines {
		if i == first {
			for _, s := range atStart {
				b.WriteString(s + nl)
			}
		}
		switch {
		case replace[i] != nil:
			for _, s := range replace[i] {
				b.WriteString(s + nl)
			}
		case drop[i]:
		default:
			b.WriteString(line + nl)
		}
		for _, s := range after[i] {
			b.WriteString(s + nl)
		}
	}
	return []byte(b.String()), true
}

func indexOf(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}

// rewriteBundle writes the bundle afresh: its leading comments, then its
// messages in file order with the updates, then the new messages in the
// source bundle's order. A new language's bundle starts with a comment
// saying what it is.
func rewriteBundle(old []byte, before []tomlMessage, l *content.Leaflet, lang string, updates map[string]string) []byte {
	en := l.Bundles[l.Source]
	var b strings.Builder
	if old == nil {
		fmt.Fprintf(&b, "# Messages of the %s leaflet in %s, merged from translator packs by 'leaflet translate --import'.\n", l.ID, lang)
		fmt.Fprintf(&b, "# A draft until a qualified translator has checked it: see locales/%s/review.toml.\n", l.ID)
	} else {
		for _, line := range strings.Split(string(old), "\n") {
			t := strings.TrimSpace(line)
			if t != "" && !strings.HasPrefix(t, "#") {
				break
			}
			b.WriteString(strings.TrimRight(line, "\r") + "\n")
		}
	}
	write := func(lines []string) {
		if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n\n") {
			b.WriteString("\n")
		}
		for _, s := range lines {
			b.WriteString(s + "\n")
		}
	}
	done := map[string]bool{}
	for _, m := range before {
		if target, ok := updates[m.ID]; ok {
			write(messageLines(m.ID, en.Messages[m.ID], target))
			done[m.ID] = true
			continue
		}
		lines := []string{"[" + tomlKeyPath(m.ID) + "]"}
		for _, f := range messageFields {
			if v, ok := m.Fields[f]; ok {
				lines = append(lines, f+" = "+tomlquote.Quote(v))
			}
		}
		write(lines)
	}
	for _, id := range en.IDs() {
		if target, ok := updates[id]; ok && !done[id] {
			write(messageLines(id, en.Messages[id], target))
		}
	}
	return []byte(b.String())
}

// verifyBundle reads a merged bundle back and checks it: every message it
// had, unchanged unless updated; every update with the source's
// description and hash; nothing else; and go-i18n reads it.
func verifyBundle(path string, out []byte, before []tomlMessage, en *content.Bundle, lang string, updates map[string]string) error {
	after, _, ds := readTOMLMessages(path, out)
	if ds.HasErrors() {
		return ds
	}
	got := map[string]map[string]string{}
	for _, m := range after {
		got[m.ID] = m.Fields
	}
	want := map[string]map[string]string{}
	for _, m := range before {
		want[m.ID] = m.Fields
	}
	for id, target := range updates {
		m := en.Messages[id]
		f := map[string]string{"hash": content.Hash(m.Description, m.Other), "other": target}
		if m.Description != "" {
			f["description"] = m.Description
		} else if old, ok := want[id]["description"]; ok {
			f["description"] = old
		}
		for _, plural := range []string{"zero", "one", "two", "few", "many"} {
			if v, ok := want[id][plural]; ok {
				f[plural] = v
			}
		}
		want[id] = f
	}
	if len(got) != len(want) {
		return fmt.Errorf("it would hold %d messages, not %d", len(got), len(want))
	}
	for id, w := range want {
		g, ok := got[id]
		if !ok {
			return fmt.Errorf("message %q would be lost", id)
		}
		if len(g) != len(w) {
			return fmt.Errorf("message %q would have fields %v, not %v", id, g, w)
		}
		for k, v := range w {
			if g[k] != v {
				return fmt.Errorf("message %q: %s would be %q, not %q", id, k, g[k], v)
			}
		}
	}
	if _, err := i18n.ParseMessageFileBytes(out, "active."+lang+".toml", map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal}); err != nil {
		return fmt.Errorf("go-i18n cannot read it: %w", err)
	}
	return nil
}
