// SPDX-License-Identifier: MIT

package content

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
)

// This file decodes a TOML file's tables, as BurntSushi/toml reads them
// into maps, into the structs of the file formats, checking each value's
// type itself: toml.Decode stops at the first value of the wrong type and
// names the line of the key's last occurrence in the file, where a reader
// needs every wrong value at its own place, in the words of the format.
//
// A field's toml tag gives its key; its kind tag says what its value is,
// for the messages: "message" (a message ID), "messages" (a list of them),
// "tags" (language tags), "lines" (lines of text), "place", "picture" or
// "file". A field without a kind is text, true or false, a date, a table
// or an array of tables, as its Go type says.

// schemaDecoder decodes one file, collecting its problems.
type schemaDecoder struct {
	pos *positions
	ds  *Diagnostics
	// what names the file's keys in hints, e.g. "leaflet.toml"
	what string
	// bad holds the key paths whose values were of the wrong type: they
	// are reported, so a check that the key is missing stays quiet
	bad map[string]bool
}

// wrong reports whether the key at path full was given a value of the
// wrong type.
func (dc *schemaDecoder) wrong(full string) bool { return dc.bad[full] }

// decode fills the struct v points to from the table raw, whose key path
// (with array indices, as positions records them) is path: "" for the
// file's top level. Unknown keys and values of the wrong type are
// reported at their place and left out.
func (dc *schemaDecoder) decode(raw map[string]any, v reflect.Value, path string) {
	v = reflect.Indirect(v)
	t := v.Type()
	fields := map[string]int{}
	var names []string
	for i := 0; i < t.NumField(); i++ {
		if key := tomlKey(t.Field(i)); key != "" {
			fields[key] = i
			names = append(names, key)
		}
	}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		full := joinKey(path, k)
		i, ok := fields[k]
		if !ok {
			dc.unknownKey(full, k, names)
			continue
		}
		dc.value(raw[k], v.Field(i), t.Field(i), full, k)
	}
}

// tomlKey returns the key of a struct field, or "" for a field without one.
func tomlKey(f reflect.StructField) string {
	key, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
	if key == "-" {
		return ""
	}
	return key
}

func joinKey(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

// value sets the field v from x, the value of key k at path full.
func (dc *schemaDecoder) value(x any, v reflect.Value, f reflect.StructField, full, k string) {
	kind := f.Tag.Get("kind")
	switch {
	case f.Type == reflect.TypeOf(time.Time{}):
		if tm, ok := x.(time.Time); ok {
			v.Set(reflect.ValueOf(tm))
			return
		}
		dc.wrongType(full, k, x, "a date such as 2026-11-27", fmt.Sprintf("write %s = 2026-11-27, without quotes", k))
	case f.Type.Kind() == reflect.String:
		if s, ok := x.(string); ok {
			v.SetString(s)
			return
		}
		dc.wrongType(full, k, x, describe(kind, false), fmt.Sprintf("write %s = %s", k, example(kind, false)))
	case f.Type.Kind() == reflect.Bool:
		if b, ok := x.(bool); ok {
			v.SetBool(b)
			return
		}
		dc.wrongType(full, k, x, "true or false", fmt.Sprintf("write %s = true or %s = false, without quotes", k, k))
	case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.String:
		xs, ok := x.([]any)
		if !ok {
			hint := fmt.Sprintf("write %s = %s, in brackets even for one", k, example(kind, true))
			if s, isStr := x.(string); isStr {
				hint = fmt.Sprintf("write %s = [%q], in brackets even for one", k, s)
			}
			dc.wrongType(full, k, x, describe(kind, true), hint)
			return
		}
		out := reflect.MakeSlice(f.Type, 0, len(xs))
		for n, e := range xs {
			s, ok := e.(string)
			if !ok {
				if dc.bad == nil {
					dc.bad = map[string]bool{}
				}
				dc.bad[full] = true
				p := dc.valuePos(full)
				d := dc.ds.Errorf(p, "%s must be %s: item %d is %s", k, describe(kind, true), n+1, describeValue(e))
				d.Source, d.Hint = dc.pos.line(p.Line), "put every item in quotes: "+example(kind, true)
				return
			}
			out = reflect.Append(out, reflect.ValueOf(s))
		}
		v.Set(out)
	case f.Type.Kind() == reflect.Struct:
		m, ok := x.(map[string]any)
		if !ok {
			dc.wrongType(full, k, x, "a table", fmt.Sprintf("write [%s] on a line of its own, its keys on the lines under it", stripIndices(full)))
			return
		}
		dc.decode(m, v, full)
	case f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct:
		m, ok := x.(map[string]any)
		if !ok {
			dc.wrongType(full, k, x, "a table", fmt.Sprintf("write [%s] on a line of its own, its keys on the lines under it", stripIndices(full)))
			return
		}
		nv := reflect.New(f.Type.Elem())
		dc.decode(m, nv, full)
		v.Set(nv)
	case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct:
		ms, ok := x.([]map[string]any)
		if !ok {
			name := stripIndices(full)
			dc.wrongType(full, k, x, fmt.Sprintf("one or more [[%s]] tables", name), fmt.Sprintf("write [[%s]], with two brackets, over each one's keys", name))
			return
		}
		out := reflect.MakeSlice(f.Type, len(ms), len(ms))
		for i, m := range ms {
			dc.decode(m, out.Index(i), full+"["+strconv.Itoa(i)+"]")
		}
		v.Set(out)
	default:
		panic(fmt.Sprintf("content: field %s of type %s has no decoding", f.Name, f.Type)) // a programmer's mistake
	}
}

// wrongType reports a value of the wrong type at the value.
func (dc *schemaDecoder) wrongType(full, k string, x any, want, hint string) {
	if dc.bad == nil {
		dc.bad = map[string]bool{}
	}
	dc.bad[full] = true
	p := dc.valuePos(full)
	d := dc.ds.Errorf(p, "%s must be %s, not %s", k, want, describeValue(x))
	d.Source, d.Hint = dc.pos.line(p.Line), hint
}

// valuePos returns the position of a key's value, or of the key.
func (dc *schemaDecoder) valuePos(full string) Pos {
	if p, ok := dc.pos.vals[full]; ok {
		return p
	}
	return dc.pos.key(full)
}

// unknownKey reports a key the format does not have, suggesting the
// known key it is most likely a slip for.
func (dc *schemaDecoder) unknownKey(full, k string, known []string) {
	p := dc.pos.key(full)
	if p.Line == 0 {
		p = Pos{File: dc.pos.file}
	}
	d := dc.ds.Errorf(p, "unknown key %q", stripIndices(full))
	d.Source = dc.pos.line(p.Line)
	table := "the top level"
	if i := strings.LastIndex(full, "."); i >= 0 {
		table = "[" + stripIndices(full[:i]) + "]"
	}
	sort.Strings(known)
	d.Hint = fmt.Sprintf("the keys of %s are %s; see docs/formats.md for the keys of %s", table, strings.Join(known, ", "), dc.what)
	if near := nearKey(k, known); near != "" {
		d.Hint = fmt.Sprintf("did you mean %s? (the keys of %s are %s)", near, table, strings.Join(known, ", "))
	}
}

// keySynonyms are words people write for a key of the formats.
var keySynonyms = map[string]string{
	"telephone": "phone", "tel": "phone", "phone_number": "phone", "mobile": "phone", "number": "phone",
	"mail": "email", "e-mail": "email", "e_mail": "email", "email_address": "email",
	"web": "website", "url": "website", "site": "website", "homepage": "website", "web_site": "website", "www": "website",
	"organization": "organisation", "org": "organisation", "sections": "section", "blocks": "block", "points": "point",
	"para": "paragraph", "text": "paragraph", "bullets": "list", "items": "list", "lang": "languages", "image": "picture",
	"date": "published", "language": "source_language", "postal_address": "address", "addr": "address",
}

// nearKey returns the known key that k most likely stands for: a word
// people write for it, a spelling a few letters away, or a key the one
// written contains or is part of; "" when none is close.
func nearKey(k string, known []string) string {
	low := strings.ToLower(strings.ReplaceAll(k, " ", "_"))
	has := func(s string) bool {
		for _, x := range known {
			if x == s {
				return true
			}
		}
		return false
	}
	if s, ok := keySynonyms[low]; ok && has(s) {
		return s
	}
	if has(low) {
		return low
	}
	best, bestD := "", max(3, len(low)/3+1)
	for _, c := range known {
		if d := editDistance(low, c); d < bestD {
			best, bestD = c, d
		}
	}
	if best != "" {
		return best
	}
	for _, c := range known {
		if len(c) >= 4 && (strings.Contains(low, c) || strings.Contains(c, low) && len(low) >= 4) {
			return c
		}
	}
	return ""
}

// describe says, for a message, what a value of a kind is.
func describe(kind string, list bool) string {
	switch kind {
	case "message":
		return `a message ID in quotes, such as "signs.intro"`
	case "messages":
		return `a list of message IDs, such as ["signs.item.1", "signs.item.2"]`
	case "tags":
		return `a list of language tags, such as ["pl", "ur"], or [] for every language`
	case "lines":
		return `a list of lines, such as ["Town Hall", "Riverside"]`
	case "place":
		return `one of "cover", "inside", "flap" or "back", in quotes`
	case "picture":
		return `a picture's name or file in quotes, such as "phone" or "photo.png"`
	case "file":
		return `a file name in quotes, such as "logo.png"`
	}
	if list {
		return "a list of texts in quotes"
	}
	return "text in quotes"
}

// example returns a value of a kind, as written in a file.
func example(kind string, list bool) string {
	switch kind {
	case "message":
		return `"signs.intro"`
	case "messages":
		return `["signs.item.1", "signs.item.2"]`
	case "tags":
		return `["pl", "ur"]`
	case "lines":
		return `["Town Hall", "Riverside"]`
	case "place":
		return `"inside"`
	case "picture":
		return `"phone"`
	case "file":
		return `"logo.png"`
	}
	if list {
		return `["…", "…"]`
	}
	return `"…"`
}

// describeValue says what a decoded TOML value is, in a reader's words.
func describeValue(x any) string {
	switch v := x.(type) {
	case string:
		if len(v) > 40 {
			v = v[:37] + "…"
		}
		return fmt.Sprintf("the text %q", v)
	case int64:
		return fmt.Sprintf("the number %d", v)
	case float64:
		return fmt.Sprintf("the number %g", v)
	case bool:
		return fmt.Sprintf("%v", v)
	case time.Time:
		return "a date"
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	case []map[string]any:
		return "an array of tables"
	}
	return fmt.Sprintf("a %T", x)
}
