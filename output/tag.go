// SPDX-License-Identifier: MIT

package output

// This file makes the PDF a tagged PDF (ISO 32000-1, 14.7-14.8; PDF/UA-1,
// ISO 14289-1). Tagging happens in two places:
//
//   - while fpdf writes the pages, every item of the display list is put in
//     a marked-content sequence: real content as "/Role <</MCID n>> BDC …
//     EMC", everything else as "/Artifact BMC … EMC" (planTags decides
//     which, and the numbers);
//   - after fpdf, the incremental update adds the structure tree that the
//     marked content belongs to (writeTags): the elements of the layout in
//     their logical reading order, Link elements tied to link annotations,
//     Figures with their alternate text and bounding box, the parent tree,
//     and the catalog and page entries that say the document is tagged.

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"

	"leaflet/layout"
	"leaflet/output/internal/pdfobj"
)

// standardRoles are the standard structure types of PDF 1.7 (ISO 32000-1,
// 14.8.4). Roles outside this set would need a RoleMap; the writer refuses
// them instead, so that every role it writes means what readers expect.
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

// mark is how one item of a page is marked: as an artifact, or as the
// marked-content sequence with an MCID. Consecutive items with equal marks
// share one sequence.
type mark struct {
	artifact bool
	mcid     int
	tag      string // the structure role, written as the sequence's tag
}

// begin returns the operator that opens the mark's sequence.
func (m mark) begin() string {
	if m.artifact {
		return "/Artifact BMC"
	}
	return "/" + m.tag + " <</MCID " + strconv.Itoa(m.mcid) + ">> BDC"
}

// tagKid is one kid of a structure node: marked content on a page, or
// another node.
type tagKid struct {
	node       int // the kid node, or -1 for marked content
	page, mcid int
}

// tagNode is a structure element to write.
type tagNode struct {
	role   string
	parent int // -1 for the document node, whose parent is the tree root
	lang   string
	kids   []tagKid
	annots []int // link annotations (indexes into tagPlan.annots), as OBJR kids
	// Figures: alternate text and the union of the pictures' rectangles in
	// PDF coordinates (x0, y0, x1, y1); hasBox reports that box is set.
	alt    string
	box    [4]float64
	hasBox bool
	text   strings.Builder // Links: the text of their runs, for /Contents
}

// tagAnnot is a link annotation: the index-th entry of its page's /Annots,
// belonging to a Link node, with its rectangle in PDF coordinates and its
// target.
type tagAnnot struct {
	page, index, node int
	rect              [4]float64
	uri               string
}

// tagPlan is the tagging of a document: how each page item is marked, the
// structure tree and the link annotations.
type tagPlan struct {
	marks [][]mark // per page, per item
	nodes []*tagNode
	// parents lists, per page, the node each MCID belongs to, by MCID
	parents [][]int
	annots  []tagAnnot
}

// itemRef names an item of the display list.
type itemRef struct{ page, item int }

// planTags decides how every item of res is marked and builds the structure
// tree from res.Elems: a Document node holding the elements in their order,
// each element's content in logical reading order, link runs in Link
// elements. Elements without content are left out.
func planTags(res *layout.Result) (*tagPlan, error) {
	if err := checkElems(res.Elems); err != nil {
		return nil, err
	}
	elemOf, owned, err := itemElems(res)
	if err != nil {
		return nil, err
	}
	p := &tagPlan{}
	p.markSequences(res, elemOf)
	p.addElems(res, owned, withContent(res.Elems, owned))
	p.addAnnots(res)
	p.normaliseLists()
	p.tagMarks()
	return p, nil
}

// artifactElem reports whether element e of elems is an artifact.
func artifactElem(elems []layout.Elem, e int) bool {
	return elems[e].Role == layout.RoleArtifact
}

// checkElems checks that each element comes after its parent and that every
// element that is not an artifact has a standard role and is not inside an
// artifact.
func checkElems(elems []layout.Elem) error {
	for i, el := range elems {
		if el.Parent < -1 || el.Parent >= i {
			return fmt.Errorf("structure element %d (%s) has parent %d: parents must come before their children", i, el.Role, el.Parent)
		}
		if artifactElem(elems, i) {
			continue
		}
		if !standardRoles[string(el.Role)] {
			return fmt.Errorf("structure element %d has role %q, which is not a standard PDF 1.7 structure type", i, el.Role)
		}
		if el.Parent >= 0 && artifactElem(elems, el.Parent) {
			return fmt.Errorf("structure element %d (%s) is inside an artifact", i, el.Role)
		}
	}
	return nil
}

// itemElems returns which element each item of res belongs to, per page and
// item (-1 for artifacts), and the items each element owns, in drawing
// order.
func itemElems(res *layout.Result) ([][]int, [][]itemRef, error) {
	elemOf := make([][]int, len(res.Pages))
	owned := make([][]itemRef, len(res.Elems))
	for pi, page := range res.Pages {
		elemOf[pi] = make([]int, len(page.Items))
		for ii, it := range page.Items {
			e, err := itemElem(res.Elems, it)
			if err != nil {
				return nil, nil, fmt.Errorf("page %d: %w", pi+1, err)
			}
			elemOf[pi][ii] = e
			if e >= 0 {
				owned[e] = append(owned[e], itemRef{pi, ii})
			}
		}
	}
	return elemOf, owned, nil
}

// itemElem returns the element of elems that it belongs to, or -1 when it
// is an artifact: a box, an item with the artifact role or in an artifact
// element, a picture without alternate text. A run with a link must belong
// to an element.
func itemElem(elems []layout.Elem, it layout.Item) (int, error) {
	e := -1
	switch it := it.(type) {
	case *layout.GlyphRun:
		if it.Role != layout.RoleArtifact {
			if it.Elem < 0 || it.Elem >= len(elems) {
				return -1, fmt.Errorf("run %q has role %s but no structure element", it.Text, it.Role)
			}
			if !artifactElem(elems, it.Elem) {
				e = it.Elem
			}
		}
		if e < 0 && it.Link != "" {
			return -1, fmt.Errorf("run %q is an artifact with a link: its annotation could not be tagged", it.Text)
		}
	case *layout.Picture:
		// a picture without alternate text is decoration
		if it.Role != layout.RoleArtifact && it.Alt != "" {
			if it.Elem < 0 || it.Elem >= len(elems) {
				return -1, fmt.Errorf("picture %q has role %s but no structure element", it.Alt, it.Role)
			}
			if !artifactElem(elems, it.Elem) {
				e = it.Elem
			}
		}
	}
	return e, nil
}

// itemLink returns the link of an item: a run's target, or "".
func itemLink(it layout.Item) string {
	if run, ok := it.(*layout.GlyphRun); ok {
		return run.Link
	}
	return ""
}

// markSequences marks every item of res, whose elements are elemOf: items
// of no element as artifacts, the others in marked-content sequences
// numbered per page in drawing order, which is layout's logical order. An
// item continues the sequence of the item drawn before it when both belong
// to the same element and have the same link. p.parents gets room for the
// element of each sequence.
func (p *tagPlan) markSequences(res *layout.Result, elemOf [][]int) {
	p.marks = make([][]mark, len(res.Pages))
	p.parents = make([][]int, len(res.Pages))
	for pi, page := range res.Pages {
		p.marks[pi] = make([]mark, len(page.Items))
		next := 0
		for ii, it := range page.Items {
			e := elemOf[pi][ii]
			switch {
			case e < 0:
				p.marks[pi][ii] = mark{artifact: true, mcid: -1}
			case ii > 0 && elemOf[pi][ii-1] == e && itemLink(page.Items[ii-1]) == itemLink(it):
				p.marks[pi][ii] = p.marks[pi][ii-1]
			default:
				p.marks[pi][ii] = mark{mcid: next}
				next++
			}
		}
		p.parents[pi] = make([]int, next)
	}
}

// withContent reports, per element, whether it holds content: items of its
// own (owned) or through its children.
func withContent(elems []layout.Elem, owned [][]itemRef) []bool {
	keep := make([]bool, len(elems))
	for e := len(elems) - 1; e >= 0; e-- {
		if len(owned[e]) > 0 {
			keep[e] = true
		}
		if keep[e] && elems[e].Parent >= 0 {
			keep[elems[e].Parent] = true
		}
	}
	return keep
}

// addElems adds the nodes: the document, then the elements that keep holds,
// in order, each under its parent's node or the document's. A node's kids
// are its own content (owned), then its child elements.
func (p *tagPlan) addElems(res *layout.Result, owned [][]itemRef, keep []bool) {
	p.nodes = []*tagNode{{role: "Document", parent: -1}}
	nodeOf := make([]int, len(res.Elems))
	for e, el := range res.Elems {
		if !keep[e] {
			continue
		}
		parent := 0
		if el.Parent >= 0 {
			parent = nodeOf[el.Parent]
		}
		nodeOf[e] = p.addNode(&tagNode{role: string(el.Role), parent: parent, lang: el.Lang})
		p.addItems(res, nodeOf[e], owned[e])
	}
}

// addItems adds the items refs of an element to its node as marked
// content, and the node each item's MCID goes to to p.parents. Consecutive
// runs with the same link go into a Link node of their own, added as the
// element's next kid, which holds their text; a picture's alternate text
// and rectangle go to the node it is in.
func (p *tagPlan) addItems(res *layout.Result, node int, refs []itemRef) {
	curLink, curURL := -1, ""
	for _, r := range refs {
		m := p.marks[r.page][r.item]
		it := res.Pages[r.page].Items[r.item]
		target := node
		url := itemLink(it)
		if url != "" {
			if curLink < 0 || url != curURL {
				curLink, curURL = p.addNode(&tagNode{role: "Link", parent: node}), url
			}
			target = curLink
		} else {
			curLink = -1
		}
		t := p.nodes[target]
		t.addContent(r.page, m.mcid)
		p.parents[r.page][m.mcid] = target
		switch it := it.(type) {
		case *layout.GlyphRun:
			if url != "" {
				t.text.WriteString(it.Text)
			}
		case *layout.Picture:
			t.addPicture(it, res.Pages[r.page].Size.H)
		}
	}
}

// addPicture adds a picture on a page of height pageH to a Figure: its
// alternate text, unless the node has one already, and its rectangle in
// PDF coordinates, joined to the node's box.
func (t *tagNode) addPicture(pic *layout.Picture, pageH float64) {
	if t.alt == "" {
		t.alt = pic.Alt
	}
	box := [4]float64{pic.X, pageH - pic.Y - pic.H, pic.X + pic.W, pageH - pic.Y}
	if t.hasBox {
		box = [4]float64{min(box[0], t.box[0]), min(box[1], t.box[1]), max(box[2], t.box[2]), max(box[3], t.box[3])}
	}
	t.box, t.hasBox = box, true
}

// addAnnots adds the link annotations: one for each run with a link, per
// page in drawing order, belonging to the Link node of the run's content.
func (p *tagPlan) addAnnots(res *layout.Result) {
	for pi, page := range res.Pages {
		index := 0 // the annotation's place in the page's /Annots
		for ii, it := range page.Items {
			m, uri := p.marks[pi][ii], itemLink(it)
			if m.artifact || uri == "" {
				continue
			}
			node := p.parents[pi][m.mcid]
			p.nodes[node].annots = append(p.nodes[node].annots, len(p.annots))
			b, h := it.Bounds(), page.Size.H
			p.annots = append(p.annots, tagAnnot{page: pi, index: index, node: node,
				rect: [4]float64{b.X, h - b.Y - b.H, b.X + b.W, h - b.Y}, uri: uri})
			index++
		}
	}
}

// tagMarks gives each marked-content sequence the role of its node as its
// tag, once the lists are normalised.
func (p *tagPlan) tagMarks() {
	for pi := range p.marks {
		for ii, m := range p.marks[pi] {
			if !m.artifact {
				p.marks[pi][ii].tag = p.nodes[p.parents[pi][m.mcid]].role
			}
		}
	}
}

// addNode adds a node as the last kid of its parent and returns its index.
func (p *tagPlan) addNode(t *tagNode) int {
	p.nodes = append(p.nodes, t)
	i := len(p.nodes) - 1
	if t.parent >= 0 {
		p.nodes[t.parent].kids = append(p.nodes[t.parent].kids, tagKid{node: i})
	}
	return i
}

// normaliseLists gives lists the structure PDF defines (ISO 32000-1, Table
// 336): an L holds LI (or nested L, or a Caption), an LI holds Lbl and then
// LBody. A paragraph directly in a list becomes the LBody of a new LI (in a
// list item, its LBody); another element there is wrapped in LI and LBody
// (in LBody). A list item's label is put before its body whatever order
// the layout gave them in.
func (p *tagPlan) normaliseLists() {
	for i := 0; i < len(p.nodes); i++ { // wrapping adds nodes: checked too
		t := p.nodes[i]
		for _, k := range append([]tagKid(nil), t.kids...) {
			if k.node < 0 {
				continue
			}
			kid := p.nodes[k.node]
			switch t.role {
			case "L":
				switch kid.role {
				case "LI", "L", "Caption":
				case "P":
					kid.role = "LBody"
					p.wrap(k.node, "LI")
				default:
					p.wrap(k.node, "LI", "LBody")
				}
			case "LI":
				switch kid.role {
				case "Lbl", "LBody":
				case "P":
					kid.role = "LBody"
				default:
					p.wrap(k.node, "LBody")
				}
			}
		}
		if t.role == "LI" {
			p.labelFirst(t)
		}
	}
}

// wrap moves node kid under a chain of new nodes with roles, outermost
// first, which takes its place among its parent's kids.
func (p *tagPlan) wrap(kid int, roles ...string) {
	parent := p.nodes[kid].parent
	at := -1
	for i, k := range p.nodes[parent].kids {
		if k.node == kid {
			at = i
		}
	}
	outer := -1
	for _, role := range roles {
		p.nodes = append(p.nodes, &tagNode{role: role, parent: parent})
		n := len(p.nodes) - 1
		if outer < 0 {
			outer = n
		} else {
			p.nodes[parent].kids = append(p.nodes[parent].kids, tagKid{node: n})
		}
		parent = n
	}
	p.nodes[kid].parent = parent
	p.nodes[parent].kids = append(p.nodes[parent].kids, tagKid{node: kid})
	up := p.nodes[outer].parent
	p.nodes[up].kids[at] = tagKid{node: outer}
}

// labelFirst puts the Lbl kids of list item t before its other kids, each
// group in its order.
func (p *tagPlan) labelFirst(t *tagNode) {
	var lbl, rest []tagKid
	for _, k := range t.kids {
		if k.node >= 0 && p.nodes[k.node].role == "Lbl" {
			lbl = append(lbl, k)
		} else {
			rest = append(rest, k)
		}
	}
	t.kids = append(lbl, rest...)
}

// addContent adds marked content as the node's next kid, unless it is the
// kid already last.
func (t *tagNode) addContent(page, mcid int) {
	if k := len(t.kids); k > 0 && t.kids[k-1].node < 0 && t.kids[k-1].page == page && t.kids[k-1].mcid == mcid {
		return
	}
	t.kids = append(t.kids, tagKid{node: -1, page: page, mcid: mcid})
}

// pdfPages returns the object numbers of the document's pages in order.
func pdfPages(e *pdfobj.File) ([]int, error) {
	cat, err := e.Object(e.Root())
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	v, err := pdfobj.DictGet(cat, "Pages")
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	root, ok := pdfobj.ParseRef(v)
	if !ok {
		return nil, fmt.Errorf("catalog: bad /Pages %q", v)
	}
	var pages []int
	seen := map[int]bool{}
	var walk func(num, depth int) error
	walk = func(num, depth int) error {
		if seen[num] || depth > 32 {
			return fmt.Errorf("page tree loops at object %d", num)
		}
		seen[num] = true
		body, err := e.Object(num)
		if err != nil {
			return err
		}
		t, err := pdfobj.DictGet(body, "Type")
		if err != nil {
			return fmt.Errorf("object %d: %w", num, err)
		}
		if string(t) == "/Page" {
			pages = append(pages, num)
			return nil
		}
		kids, err := pdfobj.DictGet(body, "Kids")
		if err != nil || kids == nil {
			return fmt.Errorf("page tree node %d has no /Kids", num)
		}
		items, err := pdfobj.ArrayItems(kids)
		if err != nil {
			return fmt.Errorf("page tree node %d: %w", num, err)
		}
		for _, it := range items {
			kid, ok := pdfobj.ParseRef(it)
			if !ok {
				return fmt.Errorf("page tree node %d: kid %q is not a reference", num, it)
			}
			if err := walk(kid, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(root, 0); err != nil {
		return nil, err
	}
	return pages, nil
}

// writeTags adds plan's structure tree to the file whose page objects are
// pages: the structure elements, the parent tree and the tree root, link
// annotations as indirect objects tied to their Link elements,
// /StructParents and /Tabs on the pages and /MarkInfo and /StructTreeRoot
// in the catalog.
func writeTags(e *pdfobj.File, pages []int, plan *tagPlan) error {
	if len(pages) != len(plan.marks) {
		return fmt.Errorf("the document has %d pages; the layout %d", len(pages), len(plan.marks))
	}
	w := newTagWriter(e, pages, plan)
	if err := w.writePages(); err != nil {
		return err
	}
	w.writeNodes()
	w.writeParentTree()
	return w.writeRoot()
}

// tagWriter writes a tag plan into a file whose page objects are pages.
type tagWriter struct {
	f     *pdfobj.File
	pages []int
	plan  *tagPlan
	// the objects of the tree root, the parent tree, each node and each
	// link annotation
	treeRoot, parentTree int
	nodes, annots        []int
	// annotKeys holds each annotation's key in the parent tree, after the
	// pages' keys; nextKey is the first key not used.
	annotKeys []int
	nextKey   int
}

// newTagWriter returns a writer of plan into f with the objects numbered in
// a fixed order: the tree root, the parent tree, the nodes, and then, as
// writePages adds them, the annotations.
func newTagWriter(f *pdfobj.File, pages []int, plan *tagPlan) *tagWriter {
	w := &tagWriter{f: f, pages: pages, plan: plan, nextKey: len(pages)}
	w.treeRoot = f.Add(nil)
	w.parentTree = f.Add(nil)
	w.nodes = make([]int, len(plan.nodes))
	for i := range plan.nodes {
		w.nodes[i] = f.Add(nil)
	}
	w.annots = make([]int, len(plan.annots))
	w.annotKeys = make([]int, len(plan.annots))
	return w
}

// pdfRef returns a reference to object num.
func pdfRef(num int) string { return strconv.Itoa(num) + " 0 R" }

// writePages writes the link annotations, here rather than by fpdf so that
// the file does not keep fpdf's untagged copies, and sets the entries of
// each page.
func (w *tagWriter) writePages() error {
	byPage := make([][]int, len(w.pages))
	for i, a := range w.plan.annots {
		byPage[a.page] = append(byPage[a.page], i)
	}
	for pi := range w.pages {
		if err := w.writePage(pi, byPage[pi]); err != nil {
			return err
		}
	}
	return nil
}

// writePage writes the link annotations annots (indexes into plan.annots)
// of page pi and sets the page's entries: /StructParents when it has
// marked content, /Annots and /Tabs /S when it has annotations.
func (w *tagWriter) writePage(pi int, annots []int) error {
	num := w.pages[pi]
	body, err := w.f.Object(num)
	if err != nil {
		return err
	}
	if v, err := pdfobj.DictGet(body, "Annots"); err != nil || v != nil {
		return fmt.Errorf("page %d already has annotations, which the tagging does not know", pi+1)
	}
	if len(w.plan.parents[pi]) > 0 {
		if body, err = pdfobj.DictSet(body, "StructParents", strconv.Itoa(pi)); err != nil {
			return fmt.Errorf("page %d: %w", pi+1, err)
		}
	}
	if len(annots) > 0 {
		refs := make([]string, len(annots))
		for k, a := range annots {
			refs[k] = pdfRef(w.writeAnnot(a))
		}
		if body, err = pdfobj.DictSet(body, "Annots", "["+strings.Join(refs, " ")+"]"); err != nil {
			return fmt.Errorf("page %d: %w", pi+1, err)
		}
		if body, err = pdfobj.DictSet(body, "Tabs", "/S"); err != nil {
			return fmt.Errorf("page %d: %w", pi+1, err)
		}
	}
	w.f.Replace(num, body)
	return nil
}

// writeAnnot writes link annotation a as an indirect object with the next
// parent tree key as its /StructParent and its link's text as /Contents,
// and returns its object number.
func (w *tagWriter) writeAnnot(a int) int {
	an := w.plan.annots[a]
	w.annotKeys[a] = w.nextKey
	w.annots[a] = w.f.Add([]byte(fmt.Sprintf("<</Subtype /Link /Rect [%s %s %s %s] /Border [0 0 0] /A <</S /URI /URI %s>> /StructParent %d /Contents %s>>",
		pdfNum(an.rect[0]), pdfNum(an.rect[1]), pdfNum(an.rect[2]), pdfNum(an.rect[3]),
		pdfURI(an.uri), w.nextKey, pdfTextString(linkContents(w.plan.nodes[an.node])))))
	w.nextKey++
	return w.annots[a]
}

// writeNodes writes the structure elements.
func (w *tagWriter) writeNodes() {
	for i, t := range w.plan.nodes {
		w.f.Replace(w.nodes[i], w.node(t))
	}
}

// node returns the structure element of t: its role, parent, page, language,
// alternate text, bounding box and kids.
func (w *tagWriter) node(t *tagNode) []byte {
	var b bytes.Buffer
	b.WriteString("<</S /") // /Type /StructElem is optional
	b.WriteString(t.role)
	b.WriteString(" /P ")
	if t.parent < 0 {
		b.WriteString(pdfRef(w.treeRoot))
	} else {
		b.WriteString(pdfRef(w.nodes[t.parent]))
	}
	page := w.plan.nodePage(t)
	if page >= 0 {
		b.WriteString(" /Pg ")
		b.WriteString(pdfRef(w.pages[page]))
	}
	if t.lang != "" {
		b.WriteString(" /Lang ")
		b.WriteString(pdfTextString(t.lang))
	}
	if t.alt != "" {
		b.WriteString(" /Alt ")
		b.WriteString(pdfTextString(t.alt))
	}
	if t.hasBox {
		fmt.Fprintf(&b, " /A <</O /Layout /BBox [%s %s %s %s]>>",
			pdfNum(t.box[0]), pdfNum(t.box[1]), pdfNum(t.box[2]), pdfNum(t.box[3]))
	}
	switch kids := w.kids(t, page); len(kids) {
	case 0:
	case 1:
		b.WriteString(" /K ")
		b.WriteString(kids[0])
	default:
		b.WriteString(" /K [")
		b.WriteString(strings.Join(kids, " "))
		b.WriteString("]")
	}
	b.WriteString(">>")
	return b.Bytes()
}

// nodePage returns the page of t's first marked content, or failing that of
// its first annotation: the node's /Pg; -1 when it has neither.
func (p *tagPlan) nodePage(t *tagNode) int {
	for _, k := range t.kids {
		if k.node < 0 {
			return k.page
		}
	}
	if len(t.annots) > 0 {
		return p.annots[t.annots[0]].page
	}
	return -1
}

// kids returns the kids of t, a node whose /Pg is page, as written in its
// /K: child nodes as references and marked content as MCIDs, or as
// marked-content references when on another page, in order; then its
// annotations as object references.
func (w *tagWriter) kids(t *tagNode, page int) []string {
	var kids []string
	for _, k := range t.kids {
		switch {
		case k.node >= 0:
			kids = append(kids, pdfRef(w.nodes[k.node]))
		case k.page == page:
			kids = append(kids, strconv.Itoa(k.mcid))
		default:
			kids = append(kids, "<</Type /MCR /Pg "+pdfRef(w.pages[k.page])+" /MCID "+strconv.Itoa(k.mcid)+">>")
		}
	}
	for _, a := range t.annots {
		s := "<</Type /OBJR /Obj " + pdfRef(w.annots[a])
		if ap := w.plan.annots[a].page; ap != page {
			s += " /Pg " + pdfRef(w.pages[ap])
		}
		kids = append(kids, s+">>")
	}
	return kids
}

// writeParentTree writes the parent tree: for each page, the element of
// each MCID; for each annotation, its Link element. One flat /Nums array:
// a leaflet has a few hundred entries at most.
func (w *tagWriter) writeParentTree() {
	var b bytes.Buffer
	b.WriteString("<</Nums [")
	for pi, parents := range w.plan.parents {
		if len(parents) == 0 {
			continue
		}
		fmt.Fprintf(&b, "%d [", pi)
		for k, node := range parents {
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(pdfRef(w.nodes[node]))
		}
		b.WriteString("]\n")
	}
	for a, an := range w.plan.annots {
		fmt.Fprintf(&b, "%d %s\n", w.annotKeys[a], pdfRef(w.nodes[an.node]))
	}
	b.WriteString("]>>")
	w.f.Replace(w.parentTree, b.Bytes())
}

// writeRoot writes the structure tree root and says in the catalog that
// the document is tagged: /MarkInfo and /StructTreeRoot.
func (w *tagWriter) writeRoot() error {
	w.f.Replace(w.treeRoot, []byte(fmt.Sprintf("<</Type /StructTreeRoot /K %s /ParentTree %s /ParentTreeNextKey %d>>",
		pdfRef(w.nodes[0]), pdfRef(w.parentTree), w.nextKey)))
	cat, err := w.f.Object(w.f.Root())
	if err != nil {
		return fmt.Errorf("catalog: %w", err)
	}
	if cat, err = pdfobj.DictSet(cat, "MarkInfo", "<</Marked true>>"); err == nil {
		cat, err = pdfobj.DictSet(cat, "StructTreeRoot", pdfRef(w.treeRoot))
	}
	if err != nil {
		return fmt.Errorf("catalog: %w", err)
	}
	w.f.Replace(w.f.Root(), cat)
	return nil
}

// linkContents returns the alternate description of a link annotation: the
// link's text as shown.
func linkContents(t *tagNode) string {
	return strings.Join(strings.Fields(t.text.String()), " ")
}

// pdfNum formats a coordinate with at most two decimals.
func pdfNum(v float64) string {
	return string(appendNum(nil, v))
}

// appendNum appends pdfNum(v) to b.
func appendNum(b []byte, v float64) []byte {
	c := math.Round(v * 100) // hundredths
	if math.Abs(c) >= 1<<53 || math.IsNaN(c) {
		return strconv.AppendFloat(b, c/100, 'f', -1, 64)
	}
	n := int64(c)
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/100, 10)
	switch f := n % 100; {
	case f == 0:
	case f%10 == 0:
		b = append(b, '.', byte('0'+f/10))
	default:
		b = append(b, '.', byte('0'+f/10), byte('0'+f%10))
	}
	return b
}

// pdfURI returns a URI as a PDF string: ASCII, with other bytes, spaces
// and the string's delimiters percent-encoded.
func pdfURI(uri string) string {
	var b strings.Builder
	b.WriteByte('(')
	for i := 0; i < len(uri); i++ {
		c := uri[i]
		if c <= 0x20 || c >= 0x7f || c == '(' || c == ')' || c == '\\' {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	b.WriteByte(')')
	return b.String()
}

// pdfTextString returns s as a PDF literal string: its bytes when s is
// printable ASCII, otherwise UTF-16BE with a byte order mark (half the size
// of hex). Parentheses, backslashes and line ends are escaped: a raw CR
// would be read back as LF.
func pdfTextString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			ascii = false
			break
		}
	}
	raw := []byte(s)
	if !ascii {
		raw = []byte{0xFE, 0xFF}
		for _, u := range utf16.Encode([]rune(s)) {
			raw = append(raw, byte(u>>8), byte(u))
		}
	}
	out := make([]byte, 0, len(raw)+8)
	out = append(out, '(')
	for _, c := range raw {
		switch c {
		case '(', ')', '\\':
			out = append(out, '\\', c)
		case '\r':
			out = append(out, '\\', 'r')
		case '\n':
			out = append(out, '\\', 'n')
		default:
			out = append(out, c)
		}
	}
	return string(append(out, ')'))
}
