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
	elems := res.Elems
	n := len(elems)
	artifactElem := func(e int) bool { return elems[e].Role == layout.RoleArtifact }
	for i, el := range elems {
		if el.Parent < -1 || el.Parent >= i {
			return nil, fmt.Errorf("structure element %d (%s) has parent %d: parents must come before their children", i, el.Role, el.Parent)
		}
		if artifactElem(i) {
			continue
		}
		if !standardRoles[string(el.Role)] {
			return nil, fmt.Errorf("structure element %d has role %q, which is not a standard PDF 1.7 structure type", i, el.Role)
		}
		if el.Parent >= 0 && artifactElem(el.Parent) {
			return nil, fmt.Errorf("structure element %d (%s) is inside an artifact", i, el.Role)
		}
	}

	// Which element each item belongs to; -1 for artifacts.
	p := &tagPlan{marks: make([][]mark, len(res.Pages)), parents: make([][]int, len(res.Pages))}
	elemOf := make([][]int, len(res.Pages))
	owned := make([][]itemRef, n)
	for pi, page := range res.Pages {
		elemOf[pi] = make([]int, len(page.Items))
		for ii, it := range page.Items {
			e := -1
			switch it := it.(type) {
			case *layout.GlyphRun:
				if it.Role != layout.RoleArtifact {
					if it.Elem < 0 || it.Elem >= n {
						return nil, fmt.Errorf("page %d: run %q has role %s but no structure element", pi+1, it.Text, it.Role)
					}
					if !artifactElem(it.Elem) {
						e = it.Elem
					}
				}
				if e < 0 && it.Link != "" {
					return nil, fmt.Errorf("page %d: run %q is an artifact with a link: its annotation could not be tagged", pi+1, it.Text)
				}
			case *layout.Picture:
				// a picture without alternate text is decoration
				if it.Role != layout.RoleArtifact && it.Alt != "" {
					if it.Elem < 0 || it.Elem >= n {
						return nil, fmt.Errorf("page %d: picture %q has role %s but no structure element", pi+1, it.Alt, it.Role)
					}
					if !artifactElem(it.Elem) {
						e = it.Elem
					}
				}
			}
			elemOf[pi][ii] = e
			if e >= 0 {
				owned[e] = append(owned[e], itemRef{pi, ii})
			}
		}
	}

	// Marked-content sequences in drawing order, which is layout's logical
	// order: an item continues the sequence of the item drawn before it
	// when both belong to the same element and have the same link.
	link := func(pi, ii int) string {
		if run, ok := res.Pages[pi].Items[ii].(*layout.GlyphRun); ok {
			return run.Link
		}
		return ""
	}
	for pi, page := range res.Pages {
		p.marks[pi] = make([]mark, len(page.Items))
		next := 0
		for ii := range page.Items {
			e := elemOf[pi][ii]
			switch {
			case e < 0:
				p.marks[pi][ii] = mark{artifact: true, mcid: -1}
			case ii > 0 && elemOf[pi][ii-1] == e && link(pi, ii-1) == link(pi, ii):
				p.marks[pi][ii] = p.marks[pi][ii-1]
			default:
				p.marks[pi][ii] = mark{mcid: next}
				next++
			}
		}
		p.parents[pi] = make([]int, next)
	}

	// Elements that hold content, directly or through their children.
	keep := make([]bool, n)
	for e := n - 1; e >= 0; e-- {
		if len(owned[e]) > 0 {
			keep[e] = true
		}
		if keep[e] && elems[e].Parent >= 0 {
			keep[elems[e].Parent] = true
		}
	}

	// The nodes: the document, then the elements in order. A node's kids
	// are its own content, then its child elements.
	p.nodes = []*tagNode{{role: "Document", parent: -1}}
	nodeOf := make([]int, n)
	annotsOnPage := make([]int, len(res.Pages))
	for e, el := range elems {
		if !keep[e] {
			continue
		}
		parent := 0
		if el.Parent >= 0 {
			parent = nodeOf[el.Parent]
		}
		node := p.addNode(&tagNode{role: string(el.Role), parent: parent, lang: el.Lang})
		nodeOf[e] = node
		curLink, curURL := -1, ""
		for _, r := range owned[e] {
			m := p.marks[r.page][r.item]
			target := node
			url := link(r.page, r.item)
			if url != "" {
				if curLink < 0 || url != curURL {
					curLink, curURL = p.addNode(&tagNode{role: "Link", parent: node}), url
				}
				target = curLink
			} else {
				curLink = -1
			}
			p.nodes[target].addContent(r.page, m.mcid)
			p.parents[r.page][m.mcid] = target
			switch it := res.Pages[r.page].Items[r.item].(type) {
			case *layout.GlyphRun:
				if url != "" {
					p.nodes[target].text.WriteString(it.Text)
				}
			case *layout.Picture:
				t := p.nodes[target]
				if t.alt == "" {
					t.alt = it.Alt
				}
				h := res.Pages[r.page].Size.H
				box := [4]float64{it.X, h - it.Y - it.H, it.X + it.W, h - it.Y}
				if t.hasBox {
					box = [4]float64{min(box[0], t.box[0]), min(box[1], t.box[1]), max(box[2], t.box[2]), max(box[3], t.box[3])}
				}
				t.box, t.hasBox = box, true
			}
		}
	}
	// Link annotations: one for each run with a link, per page in drawing
	// order.
	for pi, page := range res.Pages {
		for ii := range page.Items {
			if elemOf[pi][ii] < 0 || link(pi, ii) == "" {
				continue
			}
			node := p.parents[pi][p.marks[pi][ii].mcid]
			p.nodes[node].annots = append(p.nodes[node].annots, len(p.annots))
			b, h := page.Items[ii].Bounds(), page.Size.H
			p.annots = append(p.annots, tagAnnot{page: pi, index: annotsOnPage[pi], node: node,
				rect: [4]float64{b.X, h - b.Y - b.H, b.X + b.W, h - b.Y}, uri: link(pi, ii)})
			annotsOnPage[pi]++
		}
	}
	p.normaliseLists()
	for pi := range p.marks {
		for ii, m := range p.marks[pi] {
			if !m.artifact {
				p.marks[pi][ii].tag = p.nodes[p.parents[pi][m.mcid]].role
			}
		}
	}
	return p, nil
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
	wrap := func(kid int, roles ...string) {
		// kid moves under a chain of new nodes taking its place
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
					wrap(k.node, "LI")
				default:
					wrap(k.node, "LI", "LBody")
				}
			case "LI":
				switch kid.role {
				case "Lbl", "LBody":
				case "P":
					kid.role = "LBody"
				default:
					wrap(k.node, "LBody")
				}
			}
		}
		if t.role == "LI" {
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
	}
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
	ref := func(num int) string { return strconv.Itoa(num) + " 0 R" }

	// Object numbers, in a fixed order: the tree root, the parent tree,
	// the nodes, the annotations.
	treeRoot := e.Add(nil)
	parentTree := e.Add(nil)
	nums := make([]int, len(plan.nodes))
	for i := range plan.nodes {
		nums[i] = e.Add(nil)
	}

	// The link annotations, written here rather than by fpdf, so that the
	// file does not keep fpdf's untagged copies: indirect objects with
	// /StructParent and /Contents.
	annotNums := make([]int, len(plan.annots))
	byPage := make([][]int, len(pages))
	for i, a := range plan.annots {
		byPage[a.page] = append(byPage[a.page], i)
	}
	nextKey := len(pages)
	annotKey := make([]int, len(plan.annots))
	for pi, num := range pages {
		body, err := e.Object(num)
		if err != nil {
			return err
		}
		if v, err := pdfobj.DictGet(body, "Annots"); err != nil || v != nil {
			return fmt.Errorf("page %d already has annotations, which the tagging does not know", pi+1)
		}
		if len(plan.parents[pi]) > 0 {
			if body, err = pdfobj.DictSet(body, "StructParents", strconv.Itoa(pi)); err != nil {
				return fmt.Errorf("page %d: %w", pi+1, err)
			}
		}
		if len(byPage[pi]) > 0 {
			refs := make([]string, len(byPage[pi]))
			for k, a := range byPage[pi] {
				an := plan.annots[a]
				annotKey[a] = nextKey
				annotNums[a] = e.Add([]byte(fmt.Sprintf("<</Subtype /Link /Rect [%s %s %s %s] /Border [0 0 0] /A <</S /URI /URI %s>> /StructParent %d /Contents %s>>",
					pdfNum(an.rect[0]), pdfNum(an.rect[1]), pdfNum(an.rect[2]), pdfNum(an.rect[3]),
					pdfURI(an.uri), nextKey, pdfTextString(linkContents(plan.nodes[an.node])))))
				nextKey++
				refs[k] = ref(annotNums[a])
			}
			if body, err = pdfobj.DictSet(body, "Annots", "["+strings.Join(refs, " ")+"]"); err != nil {
				return fmt.Errorf("page %d: %w", pi+1, err)
			}
			if body, err = pdfobj.DictSet(body, "Tabs", "/S"); err != nil {
				return fmt.Errorf("page %d: %w", pi+1, err)
			}
		}
		e.Replace(num, body)
	}

	// The structure elements.
	var b bytes.Buffer
	for i, t := range plan.nodes {
		b.Reset()
		b.WriteString("<</S /") // /Type /StructElem is optional
		b.WriteString(t.role)
		b.WriteString(" /P ")
		if t.parent < 0 {
			b.WriteString(ref(treeRoot))
		} else {
			b.WriteString(ref(nums[t.parent]))
		}
		page := -1 // the page of the node's first content: its /Pg
		for _, k := range t.kids {
			if k.node < 0 {
				page = k.page
				break
			}
		}
		if page < 0 && len(t.annots) > 0 {
			page = plan.annots[t.annots[0]].page
		}
		if page >= 0 {
			b.WriteString(" /Pg ")
			b.WriteString(ref(pages[page]))
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
		var kids []string
		for _, k := range t.kids {
			switch {
			case k.node >= 0:
				kids = append(kids, ref(nums[k.node]))
			case k.page == page:
				kids = append(kids, strconv.Itoa(k.mcid))
			default:
				kids = append(kids, "<</Type /MCR /Pg "+ref(pages[k.page])+" /MCID "+strconv.Itoa(k.mcid)+">>")
			}
		}
		for _, a := range t.annots {
			s := "<</Type /OBJR /Obj " + ref(annotNums[a])
			if ap := plan.annots[a].page; ap != page {
				s += " /Pg " + ref(pages[ap])
			}
			kids = append(kids, s+">>")
		}
		switch len(kids) {
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
		e.Replace(nums[i], b.Bytes())
	}

	// The parent tree: for each page, the element of each MCID; for each
	// annotation, its Link element. One flat /Nums array: a leaflet has a
	// few hundred entries at most.
	b.Reset()
	b.WriteString("<</Nums [")
	for pi, parents := range plan.parents {
		if len(parents) == 0 {
			continue
		}
		fmt.Fprintf(&b, "%d [", pi)
		for k, node := range parents {
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(ref(nums[node]))
		}
		b.WriteString("]\n")
	}
	for a, an := range plan.annots {
		fmt.Fprintf(&b, "%d %s\n", annotKey[a], ref(nums[an.node]))
	}
	b.WriteString("]>>")
	e.Replace(parentTree, b.Bytes())
	e.Replace(treeRoot, []byte(fmt.Sprintf("<</Type /StructTreeRoot /K %s /ParentTree %s /ParentTreeNextKey %d>>",
		ref(nums[0]), ref(parentTree), nextKey)))

	cat, err := e.Object(e.Root())
	if err != nil {
		return fmt.Errorf("catalog: %w", err)
	}
	if cat, err = pdfobj.DictSet(cat, "MarkInfo", "<</Marked true>>"); err == nil {
		cat, err = pdfobj.DictSet(cat, "StructTreeRoot", ref(treeRoot))
	}
	if err != nil {
		return fmt.Errorf("catalog: %w", err)
	}
	e.Replace(e.Root(), cat)
	return nil
}

// linkContents returns the alternate description of a link annotation: the
// link's text as shown.
func linkContents(t *tagNode) string {
	return strings.Join(strings.Fields(t.text.String()), " ")
}

// pdfNum formats a coordinate with at most two decimals.
func pdfNum(v float64) string {
	s := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
	if s == "-0" {
		s = "0"
	}
	return s
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
