// SPDX-License-Identifier: MIT

package pdfua

import (
	"fmt"
	"strings"
)

// standardRoles are the standard structure types of PDF 1.7 (ISO 32000-1,
// 14.8.4).
var standardRoles = map[string]bool{
	"Document": true, "Part": true, "Art": true, "Sect": true, "Div": true,
	"BlockQuote": true, "Caption": true, "TOC": true, "TOCI": true, "Index": true,
	"NonStruct": true, "Private": true,
	"P": true, "H": true, "H1": true, "H2": true, "H3": true, "H4": true, "H5": true, "H6": true,
	"L": true, "LI": true, "Lbl": true, "LBody": true,
	"Table": true, "TR": true, "TH": true, "TD": true, "THead": true, "TBody": true, "TFoot": true,
	"Span": true, "Quote": true, "Note": true, "Reference": true, "BibEntry": true, "Code": true,
	"Link": true, "Annot": true,
	"Ruby": true, "RB": true, "RT": true, "RP": true, "Warichu": true, "WT": true, "WP": true,
	"Figure": true, "Formula": true, "Form": true,
}

// inlineRoles are the roles whose text the checker reports as part of the
// enclosing block element.
var inlineRoles = map[string]bool{"Link": true, "Span": true, "Quote": true, "Reference": true, "Note": true, "Code": true, "Annot": true}

// walk is the state of one structure element being read.
type walk struct {
	num      int
	role     string // as the element gives it
	std      string // the standard role it maps to
	page     int    // its /Pg, -1 without
	out      *Element
	own      strings.Builder // the text of the element's own content
	direct   bool            // it holds content
	kidRoles []string
	hasOBJR  bool
}

// checkTree walks the structure tree and checks it against the content and
// the parent tree.
func (c *checker) checkTree(cat map[string]any) {
	rootRef := cat["/StructTreeRoot"]
	rootNum, ok := ref(rootRef)
	if !ok {
		c.problem("the catalog has no /StructTreeRoot")
		return
	}
	root := c.d.dict(rootRef)
	if root == nil {
		c.problem("the structure tree root %d is not a dictionary", rootNum)
		return
	}
	c.roleMap = map[string]string{}
	for k, v := range c.d.dict(root["/RoleMap"]) {
		c.roleMap[strings.TrimPrefix(k, "/")] = c.d.name(v)
	}
	kids := c.kids(root["/K"])
	if len(kids) == 0 {
		c.problem("the structure tree is empty")
	}
	seen := map[int]bool{}
	for _, k := range kids {
		n, ok := ref(k)
		if !ok {
			c.problem("the structure tree root's kid %s is not a reference", show(k))
			continue
		}
		c.walk(seen, n, rootNum, c.docLang, 0)
	}
	for _, el := range c.elems {
		if el != nil {
			c.rep.Elements = append(c.rep.Elements, *el)
		}
	}
	c.checkParentTree(root)
}

// kids returns the kids in a /K value: its items when it is an array, else
// the value itself.
func (c *checker) kids(k any) []any {
	if k == nil {
		return nil
	}
	if items, ok := c.d.resolve(k).([]any); ok {
		return items
	}
	return []any{k}
}

// standard returns the standard role a role maps to through the role map,
// or the role itself.
func (c *checker) standard(role string) string {
	std := role
	for i := 0; i < 8 && !standardRoles[std]; i++ {
		m, ok := c.roleMap[std]
		if !ok {
			break
		}
		std = m
	}
	return std
}

// walk checks structure element num, whose parent is parent, and its
// descendants. It returns the element — for an inline element with its
// text and place — or nil when it is reached twice.
func (c *checker) walk(seen map[int]bool, num, parent int, lang string, depth int) *Element {
	if seen[num] || depth > 64 {
		c.problem("structure element %d is reached twice or nested too deeply", num)
		return nil
	}
	seen[num] = true
	c.rep.StructElems++
	slot := len(c.elems)
	c.elems = append(c.elems, nil)
	el := c.d.object(num)
	if el == nil {
		c.problem("structure element %d is not a dictionary", num)
		return nil
	}
	w := &walk{num: num, role: c.d.name(el["/S"]), page: -1}
	w.std = c.standard(w.role)
	if !standardRoles[w.std] {
		c.problem("structure element %d has role %q, which is neither standard nor mapped to a standard type", num, w.role)
	}
	if p, ok := ref(el["/P"]); !ok || p != parent {
		c.problem("structure element %d (%s) has /P %s; its parent is object %d", num, w.role, show(el["/P"]), parent)
	}
	if l := el["/Lang"]; l != nil {
		if s := c.d.text(l); !validLang(s) {
			c.problem("structure element %d (%s) has /Lang %q, not a language tag", num, w.role, s)
		} else {
			lang = s
		}
	}
	c.heading(w.std)
	if v := el["/Pg"]; v != nil {
		if w.page = c.pageIndex(v); w.page < 0 {
			c.problem("structure element %d (%s): /Pg is not a page", num, w.role)
		}
	}
	alt := c.d.text(el["/Alt"])
	if alt == "" {
		alt = c.d.text(el["/ActualText"])
	}
	w.out = &Element{Role: w.std, Lang: lang, Alt: alt, Page: -1}
	for _, k := range c.kids(el["/K"]) {
		c.kid(seen, w, k, lang, depth)
	}
	c.checkRole(w, el, alt)
	if m := scriptMismatch(w.own.String(), lang); m != "" && !inlineRoles[w.std] { // addresses are in no language
		c.rep.LangMismatches = append(c.rep.LangMismatches, fmt.Sprintf("%s %q is tagged %s but written in %s", w.std, w.own.String(), lang, m))
	}
	if inlineRoles[w.std] {
		return w.out
	}
	if w.direct || w.std == "Figure" {
		c.elems[slot] = w.out
	}
	return &Element{Role: w.std}
}

// pageIndex returns the index of the page a value refers to, -1 when it
// refers to none.
func (c *checker) pageIndex(v any) int {
	n, ok := ref(v)
	if i, isPage := c.pageOf[n]; ok && isPage {
		return i
	}
	return -1
}

// heading checks a heading's level against the heading before it.
func (c *checker) heading(std string) {
	if len(std) == 2 && std[0] == 'H' && std[1] >= '1' && std[1] <= '6' {
		level := int(std[1] - '0')
		c.rep.Headings = append(c.rep.Headings, std)
		switch {
		case c.lastHead == 0 && level != 1:
			c.problem("the first heading is %s, not H1", std)
		case c.lastHead > 0 && level > c.lastHead+1:
			c.problem("heading %s follows H%d: a level is skipped", std, c.lastHead)
		}
		c.lastHead = level
	} else if std == "H" && c.lastHead > 0 {
		c.problem("unnumbered heading H mixed with numbered headings")
	}
}

// kid reads one kid of a structure element: an MCID, a marked-content
// reference, an object reference or a structure element.
func (c *checker) kid(seen map[int]bool, w *walk, k any, lang string, depth int) {
	if n, ok := c.mcid(k); ok {
		c.content(w, w.page, n)
		return
	}
	n, isRef := ref(k)
	d := c.d.dict(k)
	if d == nil {
		c.problem("structure element %d (%s): kid %s is not an MCID, a reference or a dictionary", w.num, w.role, show(k))
		return
	}
	switch c.d.name(d["/Type"]) {
	case "MCR":
		page := w.page
		if v := d["/Pg"]; v != nil {
			page = c.pageIndex(v)
		}
		m, _ := c.d.integer(d["/MCID"])
		c.content(w, page, m)
	case "OBJR":
		c.objr(w, d)
	default:
		if !isRef {
			c.problem("structure element %d (%s): a kid element is not an indirect object", w.num, w.role)
			return
		}
		sub := c.walk(seen, n, w.num, lang, depth+1)
		if sub == nil {
			return
		}
		w.kidRoles = append(w.kidRoles, sub.Role)
		if inlineRoles[sub.Role] {
			w.out.Text += sub.Text
			w.direct = w.direct || sub.Text != ""
			if w.out.Page < 0 {
				w.out.Page, w.out.X, w.out.Y = sub.Page, sub.X, sub.Y
			}
		}
	}
}

// mcid returns the MCID a kid is, when it is an integer written as a
// direct object.
func (c *checker) mcid(k any) (int, bool) {
	if _, isRef := ref(k); isRef {
		return 0, false
	}
	return c.d.integer(k)
}

// content adds the marked content MCID mcid of a page to an element.
func (c *checker) content(w *walk, page, mcid int) {
	w.direct = true
	if page < 0 {
		c.problem("structure element %d (%s) lists MCID %d without a page", w.num, w.role, mcid)
		return
	}
	mc, ok := c.mcids[page][mcid]
	if !ok {
		c.problem("structure element %d (%s) lists MCID %d, which page %d does not have", w.num, w.role, mcid, page+1)
		return
	}
	if o, dup := c.owner[page][mcid]; dup {
		c.problem("page %d: MCID %d is listed by structure elements %d and %d", page+1, mcid, o, w.num)
		return
	}
	c.owner[page][mcid] = w.num
	w.out.Text += mc.text.String()
	w.own.WriteString(mc.text.String())
	if w.out.Page < 0 && mc.placed {
		w.out.Page, w.out.X, w.out.Y = page, mc.x, mc.y
	}
}

// objr reads an object reference kid: the annotation it ties to the
// element, which for a Link must describe itself.
func (c *checker) objr(w *walk, d map[string]any) {
	w.hasOBJR = true
	an, ok := ref(d["/Obj"])
	if !ok {
		c.problem("structure element %d (%s): OBJR without /Obj", w.num, w.role)
		return
	}
	if o, dup := c.objrs[an]; dup {
		c.problem("annotation %d is referred to by structure elements %d and %d", an, o, w.num)
	}
	c.objrs[an] = w.num
	if w.std == "Link" && blank(c.d.text(c.d.object(an)["/Contents"])) {
		c.problem("link annotation %d has no /Contents describing it", an)
	}
}

// checkRole checks what the element's role asks of it: alternate text and
// a bounding box for a figure, an annotation for a link, list items in a
// list, a label before the body in a list item.
func (c *checker) checkRole(w *walk, el map[string]any, alt string) {
	switch w.std {
	case "Figure":
		c.rep.Figures++
		if blank(alt) {
			c.problem("Figure %d has no /Alt text", w.num)
		}
		if !c.hasBBox(el) {
			c.problem("Figure %d has no /BBox layout attribute", w.num)
		}
	case "Link":
		c.rep.Links++
		if !w.hasOBJR {
			c.problem("Link %d has no OBJR kid tying it to its annotation", w.num)
		}
	case "L":
		for _, r := range w.kidRoles {
			if r != "LI" && r != "L" && r != "Caption" {
				c.problem("list %d has a %s kid; a list holds LI elements", w.num, r)
			}
		}
	case "LI":
		body := false
		for _, r := range w.kidRoles {
			switch r {
			case "Lbl":
				if body {
					c.problem("list item %d has its Lbl after its LBody", w.num)
				}
			case "LBody":
				body = true
			default:
				c.problem("list item %d has a %s kid; a list item holds Lbl and LBody", w.num, r)
			}
		}
	}
}

// hasBBox reports whether a structure element has a /BBox in its layout
// attributes.
func (c *checker) hasBBox(el map[string]any) bool {
	a := c.d.resolve(el["/A"])
	if a == nil {
		return false
	}
	for _, it := range c.kids(a) {
		if d := c.d.dict(it); d != nil && c.d.name(d["/O"]) == "Layout" && c.d.resolve(d["/BBox"]) != nil {
			return true
		}
	}
	return false
}
