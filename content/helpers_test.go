// SPDX-License-Identifier: MIT

package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

// testID is the leaflet ID of the small source trees the tests build.
const testID = "demo"

const (
	testLeafletFile = "content/demo/leaflet.toml"
	testBundleFile  = "locales/demo/active.en.toml"
)

// lines joins its arguments as the lines of a file, so that the Nth
// argument is line N: tests can then state positions by reading the call.
func lines(ls ...string) string {
	return strings.Join(ls, "\n") + "\n"
}

// tree builds a source tree for leaflet testID: content/demo/leaflet.toml
// holds leaflet, and each entry of bundles (file name, e.g. "active.en.toml",
// to text) goes in locales/demo/. An empty leaflet leaves the file out.
func tree(leaflet string, bundles map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	if leaflet != "" {
		fsys[testLeafletFile] = &fstest.MapFile{Data: []byte(leaflet)}
	}
	for name, text := range bundles {
		fsys["locales/"+testID+"/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// validLeaflet is a small leaflet without problems, for validBundle.
var validLeaflet = lines(
	`[organisation]`,            // 1
	`name = "Demo Board"`,       // 2
	`phone = "01604 364036"`,    // 3
	``,                          // 4
	`[[section]]`,               // 5
	`place = "cover"`,           // 6
	``,                          // 7
	`  [[section.block]]`,       // 8
	`  title = "cover.title"`,   // 9
	``,                          // 10
	`[[section]]`,               // 11
	`heading = "body.heading"`,  // 12
	``,                          // 13
	`  [[section.block]]`,       // 14
	`  paragraph = "body.text"`, // 15
)

// validBundle holds exactly the messages validLeaflet uses.
var validBundle = lines(
	`[cover.title]`,              // 1
	`description = "The title."`, // 2
	`other = "Demo leaflet"`,     // 3
	``,                           // 4
	`[body.heading]`,             // 5
	`other = "What to do"`,       // 6
	``,                           // 7
	`[body.text]`,                // 8
	`other = "Call {{.Phone}}."`, // 9
)

// wantDiag describes an expected diagnostic: its position as
// "file:line:col" (or "file" for a whole-file problem), severity, and key
// parts of its message, hint and source line ("" means any).
type wantDiag struct {
	pos      string
	severity Severity
	msg      string
	hint     string
	source   string
}

// checkDiags reports whether got holds exactly the diagnostics of want, in
// order: the count must match, so every problem of an input must be reported
// together and none reported twice.
func checkDiags(t *testing.T, got Diagnostics, want []wantDiag) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d diagnostics; want %d:\n%s", len(got), len(want), dump(got))
	}
	for i := 0; i < len(got) && i < len(want); i++ {
		g, w := got[i], want[i]
		if p := g.Pos.String(); p != w.pos {
			t.Errorf("diagnostic %d (%q): got position %s; want %s", i, g.Msg, p, w.pos)
		}
		if g.Severity != w.severity {
			t.Errorf("diagnostic %d (%q): got severity %v; want %v", i, g.Msg, g.Severity, w.severity)
		}
		if !strings.Contains(g.Msg, w.msg) {
			t.Errorf("diagnostic %d: got message %q; want it to contain %q", i, g.Msg, w.msg)
		}
		if !strings.Contains(g.Hint, w.hint) {
			t.Errorf("diagnostic %d (%q): got hint %q; want it to contain %q", i, g.Msg, g.Hint, w.hint)
		}
		if w.source != "" && g.Source != w.source {
			t.Errorf("diagnostic %d (%q): got source line %q; want %q", i, g.Msg, g.Source, w.source)
		}
	}
}

func dump(ds Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString("\t")
		b.WriteString(strings.ReplaceAll(d.Error(), "\n", "\n\t"))
		b.WriteString("\n")
	}
	return b.String()
}

// docText returns the document's text in reading order: every heading,
// block text and quotation source, joined by spaces.
func docText(doc *Document) string {
	var parts []string
	for _, s := range doc.Sections {
		if s.Heading != nil {
			parts = append(parts, s.Heading.String())
		}
		for _, b := range s.Blocks {
			for _, t := range b.Texts {
				parts = append(parts, t.String())
			}
			if b.Source != nil {
				parts = append(parts, b.Source.String())
			}
		}
	}
	return strings.Join(parts, " ")
}

// findText returns the localised text of message id in doc.
func findText(doc *Document, id string) (Text, bool) {
	for _, s := range doc.Sections {
		if s.Heading != nil && s.Heading.ID == id {
			return *s.Heading, true
		}
		for _, b := range s.Blocks {
			for _, t := range b.Texts {
				if t.ID == id {
					return t, true
				}
			}
			if b.Source != nil && b.Source.ID == id {
				return *b.Source, true
			}
		}
	}
	return Text{}, false
}

// allRefs returns every message reference of the leaflet's structure, in
// reading order.
func allRefs(l *Leaflet) []Ref {
	var out []Ref
	for _, s := range l.Sections {
		if s.Heading != nil {
			out = append(out, *s.Heading)
		}
		for _, b := range s.Blocks {
			out = append(out, b.Msgs...)
			if b.Source != nil {
				out = append(out, *b.Source)
			}
		}
	}
	return out
}
