// SPDX-License-Identifier: MIT

package pdfua

// This file reads a PDF through qpdf: one run of `qpdf --json=2` gives
// every object with its stream data decoded, and the pages in order. The
// values are kept as encoding/json gives them; the functions below read
// them as PDF objects.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// ErrNoQpdf is returned by Check when qpdf is not on the PATH.
var ErrNoQpdf = errors.New("pdfua: qpdf is not installed (Debian package qpdf)")

// qpdfArgs are qpdf's arguments before the file: the objects (the "qpdf"
// key) and the pages in order, with every stream's data inline and
// decoded where the filter is a general-purpose one (Flate, LZW, ASCII).
var qpdfArgs = []string{"--json=2", "--json-key=qpdf", "--json-key=pages", "--json-stream-data=inline", "--decode-level=generalized"}

// document is a PDF as qpdf read it.
type document struct {
	// version is the version in the file's header.
	version string
	// objects are the indirect objects by object number.
	objects map[int]object
	trailer map[string]any
	// pages are the pages' object numbers in order.
	pages []int
}

// object is an indirect object: a value (see [document.resolve]) or a
// stream.
type object struct {
	value  any
	stream *stream
}

// stream is a stream's dictionary and its data in base64, as decoded as
// qpdf could (the dictionary keeps /Filter when qpdf could not).
type stream struct {
	dict map[string]any
	data string
}

// qpdfOutput is the part of qpdf's JSON the checker reads.
type qpdfOutput struct {
	Pages []struct {
		Object string `json:"object"`
	} `json:"pages"`
	QPDF []json.RawMessage `json:"qpdf"`
}

// qpdfObject is one entry of qpdf's objects.
type qpdfObject struct {
	Value  any `json:"value"`
	Stream *struct {
		Dict map[string]any `json:"dict"`
		Data *string        `json:"data"`
	} `json:"stream"`
}

// readPDF runs qpdf on pdf and returns the document and what qpdf warned
// of, one sentence each.
func readPDF(ctx context.Context, pdf []byte) (*document, []string, error) {
	path, err := exec.LookPath("qpdf")
	if err != nil {
		return nil, nil, ErrNoQpdf
	}
	f, err := os.CreateTemp("", "pdfua-*.pdf")
	if err != nil {
		return nil, nil, err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(pdf); err != nil {
		f.Close()
		return nil, nil, err
	}
	if err := f.Close(); err != nil {
		return nil, nil, err
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, path, append(qpdfArgs, f.Name())...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	var warnings []string
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 3 { // 3: succeeded with warnings
			return nil, nil, fmt.Errorf("qpdf: %v: %s", err, strings.TrimSpace(strings.ReplaceAll(stderr.String(), f.Name(), "the file")))
		}
		warnings = qpdfWarnings(stderr.String(), f.Name())
	}
	d, err := parseQpdf(stdout.Bytes())
	if err != nil {
		return nil, nil, fmt.Errorf("qpdf's JSON: %w", err)
	}
	return d, warnings, nil
}

// qpdfWarnings returns the warnings in qpdf's standard error, without the
// name of the temporary file.
func qpdfWarnings(stderr, file string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(stderr))
	for sc.Scan() {
		line, ok := strings.CutPrefix(sc.Text(), "WARNING: ")
		if !ok {
			continue // "qpdf: operation succeeded with warnings"
		}
		line = strings.TrimLeft(strings.TrimPrefix(line, file), ": ")
		out = append(out, "qpdf warns: "+line)
	}
	return out
}

// parseQpdf reads qpdf's JSON output.
func parseQpdf(b []byte) (*document, error) {
	var out qpdfOutput
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, err
	}
	if len(out.QPDF) != 2 {
		return nil, fmt.Errorf("the qpdf key has %d entries, not the header and the objects", len(out.QPDF))
	}
	var head struct {
		PDFVersion string `json:"pdfversion"`
	}
	if err := json.Unmarshal(out.QPDF[0], &head); err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	var objs map[string]qpdfObject
	dec := json.NewDecoder(bytes.NewReader(out.QPDF[1]))
	dec.UseNumber() // integers stay apart from reals
	if err := dec.Decode(&objs); err != nil {
		return nil, fmt.Errorf("objects: %w", err)
	}
	d := &document{version: head.PDFVersion, objects: map[int]object{}}
	for key, o := range objs {
		if key == "trailer" {
			d.trailer, _ = o.Value.(map[string]any)
			continue
		}
		num, ok := ref(strings.TrimPrefix(key, "obj:"))
		if !ok {
			return nil, fmt.Errorf("object key %q", key)
		}
		if o.Stream != nil {
			s := &stream{dict: o.Stream.Dict}
			if o.Stream.Data != nil {
				s.data = *o.Stream.Data
			}
			d.objects[num] = object{stream: s}
		} else {
			d.objects[num] = object{value: o.Value}
		}
	}
	if d.trailer == nil {
		return nil, errors.New("no trailer")
	}
	for i, p := range out.Pages {
		num, ok := ref(p.Object)
		if !ok {
			return nil, fmt.Errorf("page %d is %q, not a reference", i+1, p.Object)
		}
		d.pages = append(d.pages, num)
	}
	return d, nil
}

// refPattern is an indirect reference as qpdf writes it.
var refPattern = regexp.MustCompile(`^(\d+) (\d+) R$`)

// ref returns the object number a value refers to. Values are as qpdf's
// JSON gives them: nil (null), bool, json.Number, string — a name
// ("/Name"), a reference ("3 0 R"), a string ("u:text" or "b:hex") — a
// []any array or a map[string]any dictionary with "/Key" keys.
func ref(v any) (int, bool) {
	s, ok := v.(string)
	if !ok {
		return 0, false
	}
	m := refPattern.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil
}

// resolve returns the value a reference refers to (a stream's dictionary
// for a stream, nil for a missing object), or the value itself.
func (d *document) resolve(v any) any {
	for range 8 { // a reference to a reference is followed, a few times
		n, ok := ref(v)
		if !ok {
			return v
		}
		o, ok := d.objects[n]
		switch {
		case !ok:
			return nil
		case o.stream != nil:
			return o.stream.dict
		}
		v = o.value
	}
	return nil
}

// object returns the dictionary of object num, nil when it is missing or
// not a dictionary.
func (d *document) object(num int) map[string]any {
	return d.dict(strconv.Itoa(num) + " 0 R")
}

// dict returns the dictionary a value is or refers to, nil for any other.
func (d *document) dict(v any) map[string]any {
	m, _ := d.resolve(v).(map[string]any)
	return m
}

// array returns the array a value is or refers to, nil for any other.
func (d *document) array(v any) []any {
	a, _ := d.resolve(v).([]any)
	return a
}

// get returns the resolved value of key in dict, nil when absent.
func (d *document) get(dict map[string]any, key string) any {
	return d.resolve(dict["/"+key])
}

// name returns the name a value is or refers to, without its slash; "" for
// any other value.
func (d *document) name(v any) string {
	s, ok := d.resolve(v).(string)
	if !ok || !strings.HasPrefix(s, "/") {
		return ""
	}
	return s[1:]
}

// integer returns the non-negative integer a value is or refers to.
func (d *document) integer(v any) (int, bool) {
	n, ok := d.resolve(v).(json.Number)
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(string(n))
	return i, err == nil && i >= 0
}

// boolean reports whether a value is or refers to true.
func (d *document) boolean(v any) bool {
	b, _ := d.resolve(v).(bool)
	return b
}

// text returns the text of a text string value, "" for any other value.
// qpdf gives the text of a string that is Unicode (UTF-16, UTF-8 or
// PDFDocEncoding) without loss after "u:", and any other string's bytes in
// hex after "b:".
func (d *document) text(v any) string {
	s, ok := d.resolve(v).(string)
	if !ok {
		return ""
	}
	if t, ok := strings.CutPrefix(s, "u:"); ok {
		return t
	}
	h, ok := strings.CutPrefix(s, "b:")
	if !ok {
		return ""
	}
	b, err := hex.DecodeString(h)
	if err != nil {
		return ""
	}
	return decodeTextString(b)
}

// decodeTextString decodes the bytes of a PDF text string: UTF-16BE or
// UTF-8 with a byte order mark, else PDFDocEncoding, taken as Latin-1.
func decodeTextString(b []byte) string {
	if len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF {
		return utf16BE(b[2:])
	}
	if s, ok := bytes.CutPrefix(b, []byte("\xEF\xBB\xBF")); ok && utf8.Valid(s) {
		return string(s)
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// utf16BE decodes UTF-16 big-endian bytes; an odd last byte is dropped.
func utf16BE(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(u))
}

// stream returns the decoded data of the stream a value refers to.
func (d *document) stream(v any) ([]byte, error) {
	n, ok := ref(v)
	if !ok {
		return nil, fmt.Errorf("%s is not a reference to a stream", show(v))
	}
	o, ok := d.objects[n]
	switch {
	case !ok:
		return nil, fmt.Errorf("object %d does not exist", n)
	case o.stream == nil:
		return nil, fmt.Errorf("object %d is not a stream", n)
	}
	if f := o.stream.dict["/Filter"]; f != nil {
		return nil, fmt.Errorf("qpdf could not decode stream %d (filter %s)", n, show(f))
	}
	data, err := base64.StdEncoding.DecodeString(o.stream.data)
	if err != nil {
		return nil, fmt.Errorf("stream %d: %w", n, err)
	}
	return data, nil
}

// show returns a value as qpdf's JSON writes it, for problem sentences.
func show(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
