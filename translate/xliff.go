// SPDX-License-Identifier: MIT

package translate

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"leaflet/content"
)

// The XLIFF 1.2 namespace, and the namespace of leaflet's own attributes:
// leaflet:hash on a trans-unit (go-i18n's hash of the source message) and
// leaflet:leaflet on the file (the leaflet's ID). XLIFF 1.2 allows
// attributes of other namespaces on both; CAT tools keep them.
const (
	xliffNS   = "urn:oasis:names:tc:xliff:document:1.2"
	leafletNS = "urn:x-leaflet:xliff"
)

// xliff writes the pack as XLIFF 1.2: one file element, source and target
// languages, one trans-unit per message, named by its ID (id and resname),
// with the description as a note and the hash in leaflet:hash. A message
// with nothing to translate ({{.Address}}) comes with its target filled
// in and marked final.
func (p *Pack) xliff() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	fmt.Fprintf(&b, "<xliff version=\"1.2\" xmlns=\"%s\" xmlns:leaflet=\"%s\">\n", xliffNS, leafletNS)
	fmt.Fprintf(&b, "  <file original=\"%s\" datatype=\"plaintext\" source-language=\"%s\" target-language=\"%s\" product-name=\"leaflet\" leaflet:leaflet=\"%s\">\n",
		escAttr("locales/"+p.Leaflet+"/active."+p.Source+".toml"), escAttr(p.Source), escAttr(p.Lang), escAttr(p.Leaflet))
	b.WriteString("    <header>\n")
	fmt.Fprintf(&b, "      <note>%s</note>\n", escText(fmt.Sprintf("Translator pack for the leaflet %q, from %s into %s. Translate each source into the target. "+
		"Keep template fields such as {{.Phone}} exactly as they are; keep **bold** markers around the words that match; "+
		"keep [words](link) links with their link. Each unit's note says what the text is for.", p.Leaflet, p.Source, p.Lang)))
	b.WriteString("    </header>\n    <body>\n")
	for _, u := range p.Units {
		for _, s := range []string{u.ID, u.Source, u.Description, u.Previous} {
			if err := xmlText(s); err != nil {
				return nil, fmt.Errorf("message %q: %w", u.ID, err)
			}
		}
		fmt.Fprintf(&b, "      <trans-unit id=\"%s\" resname=\"%s\" xml:space=\"preserve\" leaflet:hash=\"%s\">\n", escAttr(u.ID), escAttr(u.ID), escAttr(u.Hash))
		fmt.Fprintf(&b, "        <source>%s</source>\n", escText(u.Source))
		if !hasWords(u.Source) {
			fmt.Fprintf(&b, "        <target state=\"final\">%s</target>\n", escText(u.Source))
		}
		if u.Description != "" {
			fmt.Fprintf(&b, "        <note from=\"developer\">%s</note>\n", escText(u.Description))
		}
		if !hasWords(u.Source) {
			b.WriteString("        <note from=\"developer\">Nothing to translate: keep it as it is.</note>\n")
		}
		if u.SameAsSource {
			b.WriteString("        <note from=\"developer\">The bundle has this message still in the source language: translate it.</note>\n")
		}
		if u.Stale {
			fmt.Fprintf(&b, "        <note from=\"developer\">%s</note>\n", escText("Out of date: the text changed since the last translation, which was: "+u.Previous))
		}
		b.WriteString("      </trans-unit>\n")
	}
	b.WriteString("    </body>\n  </file>\n</xliff>\n")
	return b.Bytes(), nil
}

// text escapes character data, keeping line breaks as they are.
func escText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#xD;").Replace(s)
}

// attr escapes an attribute value.
func escAttr(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "\n", "&#xA;", "\r", "&#xD;", "\t", "&#x9;").Replace(s)
}

// xmlText reports characters XML 1.0 cannot hold.
func xmlText(s string) error {
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return fmt.Errorf("U+%04X cannot be written in XML", r)
		}
	}
	return nil
}

// The parts of XLIFF 1.2 (and 1.1, which translate-toolkit's po2xliff
// writes) that a returned pack is read for. Element names match in any
// namespace.
type xliffUnit struct {
	ID        string      `xml:"id,attr"`
	Resname   string      `xml:"resname,attr"`
	Restype   string      `xml:"restype,attr"`
	Translate string      `xml:"translate,attr"`
	Attrs     []xml.Attr  `xml:",any,attr"`
	Source    xliffText   `xml:"source"`
	Target    *xliffText  `xml:"target"`
	Notes     []xliffText `xml:"note"`
	Contexts  []struct {
		Name     string `xml:"name,attr"`
		Purpose  string `xml:"purpose,attr"`
		Contexts []struct {
			Type  string `xml:"context-type,attr"`
			Value string `xml:",chardata"`
		} `xml:"context"`
	} `xml:"context-group"`
}

type xliffText struct {
	Inner string `xml:",innerxml"`
	State string `xml:"state,attr"`
	From  string `xml:"from,attr"`
}

// plain returns the text of a source or target: its character data, with
// the text of <g> and <mrk> elements. Other inline elements (<x/>, <ph>,
// <bpt>…) stand for codes the leaflet never has: they are an error.
func (t xliffText) plain() (string, error) {
	d := xml.NewDecoder(strings.NewReader("<t>" + t.Inner + "</t>"))
	d.Strict = false
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return b.String(), nil
		}
		if err != nil {
			return b.String(), err
		}
		switch tok := tok.(type) {
		case xml.CharData:
			b.Write(tok)
		case xml.StartElement:
			switch tok.Name.Local {
			case "t", "g", "mrk":
			default:
				return "", fmt.Errorf("it holds the inline element <%s>: write plain text", tok.Name.Local)
			}
		}
	}
}

// readXLIFF reads a returned XLIFF 1.2 (or 1.1) pack. A unit is named by
// its resname, else by the message ID translate-toolkit keeps as a
// location (po2xliff), else by its id.
func readXLIFF(file string, data []byte) (*Pack, content.Diagnostics) {
	var ds content.Diagnostics
	if bad := invalidUTF8Line(data); bad > 0 {
		d := ds.Errorf(content.Pos{File: file, Line: bad}, "the file is not UTF-8 text")
		d.Hint = "save it as UTF-8, or export it from the CAT tool again with UTF-8 encoding"
		return nil, ds
	}
	lines := strings.Split(string(data), "\n")
	source := func(line int) string {
		if line > 0 && line <= len(lines) {
			return strings.TrimRight(lines[line-1], "\r")
		}
		return ""
	}
	d := xml.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	p := &Pack{}
	sawRoot := false
	seen := map[string]int{}
	fileLangLine := 0
	for {
		line, _ := d.InputPos()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			ds = append(ds, xmlError(file, lines, d, err))
			return nil, ds
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "xliff":
			sawRoot = true
			switch v := attrValue(se, "version"); v {
			case "1.2", "1.1", "1.0":
			case "":
				ds.Errorf(content.Pos{File: file, Line: line}, "the xliff element has no version").Hint = "leaflet reads XLIFF 1.2"
				return nil, ds
			default:
				d := ds.Errorf(content.Pos{File: file, Line: line}, "this is XLIFF %s; leaflet reads XLIFF 1.2", v)
				d.Hint, d.Source = "export the file from the CAT tool as XLIFF 1.2", source(line)
				return nil, ds
			}
		case "file":
			if !sawRoot {
				break
			}
			src, tgt := attrValue(se, "source-language"), attrValue(se, "target-language")
			if p.Source == "" {
				p.Source = src
			}
			if tgt != "" {
				canon, err := ParseLang(tgt)
				if err != nil {
					ds.Errorf(content.Pos{File: file, Line: line}, "target-language: %v", err).Source = source(line)
					return nil, ds
				}
				if p.Lang != "" && p.Lang != canon {
					ds.Errorf(content.Pos{File: file, Line: line}, "the pack has files in two target languages, %s and %s", p.Lang, canon).Source = source(line)
					return nil, ds
				}
				p.Lang, fileLangLine = canon, line
			}
			for _, a := range se.Attr {
				if a.Name.Space == leafletNS && a.Name.Local == "leaflet" {
					p.Leaflet = a.Value
				}
			}
		case "trans-unit":
			if !sawRoot {
				break
			}
			var x xliffUnit
			if err := d.DecodeElement(&x, &se); err != nil {
				ds = append(ds, xmlError(file, lines, d, err))
				return nil, ds
			}
			if x.Restype == "x-gettext-domain-header" || x.Translate == "no" {
				continue
			}
			u := Unit{ID: x.ID, Line: line}
			if x.Resname != "" {
				u.ID = x.Resname
			} else if loc := x.location(); loc != "" {
				u.ID = loc
			}
			for _, a := range x.Attrs {
				if a.Name.Space == leafletNS && a.Name.Local == "hash" {
					u.Hash = a.Value
				}
			}
			var err error
			if u.Source, err = x.Source.plain(); err != nil {
				u.Problem = "its source: " + err.Error()
			}
			if x.Target != nil && x.Target.State != "new" && x.Target.State != "needs-translation" {
				u.HasTarget, u.State = true, x.Target.State
				if u.Target, err = x.Target.plain(); err != nil {
					u.Problem = "its target: " + err.Error()
				}
				if strings.TrimSpace(u.Target) == "" {
					switch u.State {
					case "translated", "final", "signed-off", "needs-review-translation", "needs-review-l10n", "needs-review-adaptation":
						d := ds.Errorf(content.Pos{File: file, Line: line}, "message %q has an empty translation marked %s", u.ID, u.State)
						d.Source, d.Hint = source(line), "translate it, or mark it as not translated"
					default:
						u.HasTarget = false // an untranslated unit, as tools write it
					}
				}
			}
			if u.ID == "" {
				ds.Errorf(content.Pos{File: file, Line: line}, "a trans-unit has no id").Source = source(line)
				continue
			}
			if first, dup := seen[u.ID]; dup {
				d := ds.Errorf(content.Pos{File: file, Line: line}, "message ID %q is given twice, at lines %d and %d", u.ID, first, line)
				d.Source, d.Hint = source(line), "keep one of them"
				continue
			}
			seen[u.ID] = line
			p.Units = append(p.Units, u)
		}
	}
	if !sawRoot {
		d := ds.Errorf(content.Pos{File: file, Line: 1}, "this is not an XLIFF file: it has no <xliff> element")
		d.Hint = "export the translation as XLIFF 1.2"
		return nil, ds
	}
	if named := langFromName(file); named != "" {
		switch {
		case p.Lang == "":
			p.Lang = named
		case named != p.Lang:
			d := ds.Errorf(content.Pos{File: file, Line: fileLangLine}, "the pack's target-language is %s, but its file name says %s", p.Lang, named)
			d.Source, d.Hint = source(fileLangLine), fmt.Sprintf("name the file %s, or correct target-language", PackName(p.Lang, XLIFF))
		}
	}
	if ds.HasErrors() {
		return nil, ds
	}
	return p, ds
}

// location returns the message ID that translate-toolkit keeps as a
// unit's location when it converts from PO (po2xliff).
func (x xliffUnit) location() string {
	for _, g := range x.Contexts {
		if g.Purpose != "location" {
			continue
		}
		for _, c := range g.Contexts {
			if c.Type == "sourcefile" {
				return strings.TrimSpace(c.Value)
			}
		}
	}
	return ""
}

func attrValue(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name && (a.Name.Space == "" || a.Name.Space == xliffNS) {
			return a.Value
		}
	}
	return ""
}

// xmlError turns a decoding error into a diagnostic at its line.
func xmlError(file string, lines []string, d *xml.Decoder, err error) content.Diagnostic {
	line, _ := d.InputPos()
	msg := err.Error()
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		line, msg = se.Line, se.Msg
	}
	if strings.Contains(msg, "unexpected EOF") {
		// the file ends here: name its last line with text
		for line > 1 && (line > len(lines) || strings.TrimSpace(lines[line-1]) == "") {
			line--
		}
	}
	diag := content.Diagnostic{Pos: content.Pos{File: file, Line: line}, Severity: content.Error, Msg: "invalid XML: " + msg}
	if line > 0 && line <= len(lines) {
		diag.Source = strings.TrimRight(lines[line-1], "\r")
	}
	if strings.Contains(msg, "unexpected EOF") {
		diag.Hint = "the file seems cut short: ask for the whole file again"
	}
	return diag
}
