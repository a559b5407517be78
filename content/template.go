// SPDX-License-Identifier: MIT

package content

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"text/template"
	"text/template/parse"
)

// orgFields are the template fields every message may use: the
// organisation's facts (templateData).
var orgFields = []string{"Name", "ShortName", "Address", "Phone", "Email", "Website"}

// pageFields are the page number's own fields, beside the organisation's.
var pageFields = []string{"Page", "Pages"}

// fieldsOf returns the template fields message id may use.
func fieldsOf(id string) []string {
	if id == PageMessage {
		return append(append([]string(nil), orgFields...), pageFields...)
	}
	return orgFields
}

// fieldList writes fields as a reader writes them: {{.Name}}, {{.Phone}}…
func fieldList(fields []string) string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = "{{." + f + "}}"
	}
	return strings.Join(out, ", ")
}

// fieldWords are words a writer may mean by a field, written without
// spaces, hyphens or underscores.
var fieldWords = map[string]string{
	"telephone": "Phone", "tel": "Phone", "phonenumber": "Phone", "telephonenumber": "Phone", "number": "Phone",
	"mail": "Email", "emailaddress": "Email", "web": "Website", "url": "Website", "site": "Website", "www": "Website",
	"webaddress": "Website", "websiteaddress": "Website", "organisation": "Name", "organization": "Name", "org": "Name",
	"organisationname": "Name", "short": "ShortName", "abbreviation": "ShortName", "postaladdress": "Address",
	"page": "Page", "pages": "Pages", "pagenumber": "Page", "numberofpages": "Pages",
}

// fieldFor returns the field a word most likely means ("phone", "Phon",
// "telephone", "email address": Phone, Phone, Phone, Email), or "".
func fieldFor(word string, fields []string) string {
	w := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(word), "."))
	w = strings.NewReplacer(" ", "", "-", "", "_", "").Replace(w)
	if f, ok := fieldWords[w]; ok && slices.Contains(fields, f) {
		return f
	}
	best, bestD := "", max(2, len(w)/3+1)
	for _, f := range fields {
		if d := editDistance(w, strings.ToLower(f)); d < bestD {
			best, bestD = f, d
		}
	}
	return best
}

// singleBraceRe finds a field written with one brace on each side,
// {phone} or {.Phone}, as people write placeholders elsewhere.
var singleBraceRe = regexp.MustCompile(`\{\s*\.?([A-Za-z][A-Za-z_ -]{0,30}?)\s*\}`)

// checkTemplates finds the template mistakes of a bundle's messages, once
// each, at the message's text: a field that is not closed ({{.Phone}), a
// field that does not exist ({{.Phon}}), a field without its dot
// ({{phone}}), and, as a warning, a field written with single braces
// ({phone}), which is printed as it is. It returns the IDs of the messages
// whose templates cannot be used.
func checkTemplates(b *Bundle, ds *Diagnostics) map[string]bool {
	broken := map[string]bool{}
	for _, id := range b.IDs() {
		m := b.Messages[id]
		fields := fieldsOf(id)
		at := func(snippet string) (Pos, string) {
			return b.textPos(id, snippet)
		}
		for _, loc := range singleBraceRe.FindAllStringSubmatchIndex(m.Other, -1) {
			a, e := loc[0], loc[1]
			if (a > 0 && m.Other[a-1] == '{') || (e < len(m.Other) && m.Other[e] == '}') {
				continue // part of {{…}}
			}
			snippet := m.Other[a:e]
			p, src := at(snippet)
			d := ds.Warnf(p, "message %q: %s is printed as it is, braces and all", id, snippet)
			d.Source = src
			if f := fieldFor(m.Other[loc[2]:loc[3]], fields); f != "" {
				d.Hint = fmt.Sprintf("write {{.%s}}, with two braces on each side and a dot, for the %s", f, fieldMeaning(f))
			} else {
				d.Hint = "a field is written with two braces on each side and a dot: " + fieldList(fields)
			}
		}
		if !strings.Contains(m.Other, "{{") {
			continue
		}
		tm, err := template.New(id).Parse(m.Other)
		if err != nil {
			broken[id] = true
			msg, snippet, hint := templateProblem(m.Other, err, fields)
			p, src := at(snippet)
			d := ds.Errorf(p, "message %q: %s", id, msg)
			d.Source, d.Hint = src, hint
			continue
		}
		seen := map[string]bool{}
		for _, f := range templateFields(tm.Tree.Root) {
			if seen[f] || slices.Contains(fields, f) {
				continue
			}
			seen[f] = true
			broken[id] = true
			snippet := "{{." + f
			p, src := at(snippet)
			d := ds.Errorf(p, "message %q: {{.%s}} is not a field", id, f)
			d.Source = src
			d.Hint = "the fields are " + fieldList(fields)
			if g := fieldFor(f, fields); g != "" {
				d.Hint = fmt.Sprintf("did you mean {{.%s}}? (the fields are %s)", g, fieldList(fields))
			}
		}
	}
	return broken
}

// fieldMeaning says what a field prints.
func fieldMeaning(f string) string {
	switch f {
	case "Name":
		return "organisation's name"
	case "ShortName":
		return "organisation's short name"
	case "Address":
		return "organisation's address"
	case "Phone":
		return "organisation's phone number"
	case "Email":
		return "organisation's email address"
	case "Website":
		return "organisation's website"
	case "Page":
		return "page's number"
	case "Pages":
		return "number of pages"
	}
	return f
}

// templateProblem says in a writer's words what is wrong with a template
// that does not parse, which part of the text it is, and how to mend it.
func templateProblem(text string, err error, fields []string) (msg, snippet, hint string) {
	e := err.Error()
	if i := strings.Index(e, ": "); i >= 0 && strings.HasPrefix(e, "template: ") {
		e = e[i+2:] // "template: id:1: …"
		if j := strings.Index(e, ": "); j >= 0 {
			e = e[j+2:]
		}
	}
	if m := regexp.MustCompile(`function "([^"]*)" not defined`).FindStringSubmatch(e); m != nil {
		snippet = "{{" + m[1]
		if i := strings.Index(text, "{{"); i >= 0 {
			if j := strings.Index(text[i:], m[1]); j >= 0 {
				snippet = text[i : i+j+len(m[1])]
			}
		}
		msg = fmt.Sprintf("{{%s}} is not a field: a field's name follows a dot", m[1])
		if f := fieldFor(m[1], fields); f != "" {
			return msg, snippet, fmt.Sprintf("write {{.%s}} for the %s (the fields are %s)", f, fieldMeaning(f), fieldList(fields))
		}
		return msg, snippet, "the fields are " + fieldList(fields)
	}
	// an action not closed: the first {{ without its }}
	for i := 0; i < len(text); {
		a := strings.Index(text[i:], "{{")
		if a < 0 {
			break
		}
		a += i
		end := strings.Index(text[a+2:], "}}")
		next := strings.Index(text[a+2:], "{{")
		if end < 0 || (next >= 0 && next < end) {
			snippet = text[a:]
			if k := strings.IndexAny(snippet[2:], "{ "); k >= 0 {
				snippet = snippet[:k+2]
			}
			if k := strings.Index(snippet, "}"); k >= 0 {
				snippet = snippet[:k+1]
			}
			return fmt.Sprintf("%s is not closed", snippet), snippet,
				fmt.Sprintf("a field has two braces on each side: %s", fieldList(fields))
		}
		i = a + 2 + end + 2
	}
	return fmt.Sprintf("the {{…}} in it cannot be read: %s", e), "{{", "a field is written with two braces on each side and a dot: " + fieldList(fields)
}

// templateFields returns the first name of every field a template uses
// ({{.Phone}} gives Phone), in order.
func templateFields(n parse.Node) []string {
	var out []string
	var walk func(parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			if n != nil {
				for _, c := range n.Cmds {
					walk(c)
				}
			}
		case *parse.CommandNode:
			for _, a := range n.Args {
				walk(a)
			}
		case *parse.FieldNode:
			out = append(out, n.Ident[0])
		case *parse.ChainNode:
			walk(n.Node)
		case *parse.IfNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			walk(n.Pipe)
		}
	}
	walk(n)
	return out
}

// textPos returns the position of snippet in message id's text, and the
// source line: where it stands on the other = line when it can be found
// there, else the text's start.
func (b *Bundle) textPos(id, snippet string) (Pos, string) {
	p, ok := b.pos.vals[id+".other"]
	if !ok {
		p = b.pos.key(id + ".other")
	}
	line := b.pos.line(p.Line)
	if p.Col >= 1 && p.Col-1 <= len(line) {
		if i := strings.Index(line[p.Col-1:], snippet); i >= 0 && snippet != "" {
			p.Col += i
		}
	}
	return p, line
}
