// SPDX-License-Identifier: MIT

package content

import (
	"maps"
	"slices"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// goI18nCheck reports, at its table, a bundle that go-i18n cannot read,
// though parseBundle's own checks passed: translators' tools read the file
// with go-i18n. go-i18n judges the tables the one TOML decoding gave
// (raw), not the file parsed again. It takes a table with a key
// "translation" for a message of its version 1 format, so such a table
// beside message IDs, or holding tables, is refused: the one thing it
// refuses that the checks accept (FuzzBundleAsGoI18nReadsIt tests it).
func goI18nCheck(raw map[string]any, pos *positions, ds *Diagnostics) {
	err := goI18nReads(raw)
	if err == nil {
		return
	}
	t, p := goI18nPlace(raw, "", pos)
	terr := goI18nReads(t)
	if terr == nil {
		ds.Errorf(Pos{File: pos.file}, "go-i18n cannot read the bundle: %v", err)
		return
	}
	// the located table's own problem, of the same kind as the file's
	d := ds.Errorf(p, "go-i18n cannot read the bundle: %v", terr)
	d.Source = pos.line(p.Line)
	d.Hint = `go-i18n takes a table with a key "translation" for one message of its old format: give that key another name`
}

// goI18nReads returns go-i18n's error for the message file whose decoded
// tables are raw, as i18n.ParseMessageFileBytes would return it for the
// file, or nil when go-i18n reads it.
func goI18nReads(raw map[string]any) error {
	decoded := func(_ []byte, v any) error {
		*v.(*any) = raw
		return nil
	}
	// any bytes but none: go-i18n reads an empty file as no messages
	// without unmarshalling it, and raw is then empty too
	_, err := i18n.ParseMessageBytes([]byte{'#'}, decoded)
	return err
}

// goI18nPlace returns the table go-i18n refuses in t (at path), and its
// position: t itself, at its first message field, when go-i18n reads t as
// one message or t mixes message fields with other keys (the field is then
// the odd one out); else the first of its tables, by key, that go-i18n
// refuses.
func goI18nPlace(t map[string]any, path string, pos *positions) (map[string]any, Pos) {
	if fields := goI18nFields(t); len(fields) > 0 {
		return t, pos.table(joinKey(path, fields[0]))
	}
	for _, k := range slices.Sorted(maps.Keys(t)) {
		if sub, ok := t[k].(map[string]any); ok && goI18nReads(sub) != nil {
			return goI18nPlace(sub, joinKey(path, k), pos)
		}
	}
	return t, pos.table(path)
}

// goI18nFields returns the keys of t that go-i18n takes for message
// fields, sorted: "translation" whatever its value, and a field's name in
// any case with text as its value.
func goI18nFields(t map[string]any) []string {
	var out []string
	for k, v := range t {
		_, isText := v.(string)
		switch strings.ToLower(k) {
		case "id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other", "translation":
			if k == "translation" || isText {
				out = append(out, k)
			}
		}
	}
	slices.Sort(out)
	return out
}
