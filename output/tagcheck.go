// SPDX-License-Identifier: MIT

package output

// This file checks a PDF against the PDF/UA-1 conditions (ISO 14289-1, as
// listed by the Matterhorn Protocol) that a generator controls and a
// program can decide: all content tagged or an artifact, a structure tree
// of standard types with a parent tree that matches it, headings without
// skipped levels, lists of list items, figures with alternate text, links
// tied to their annotations with a description, languages, the title shown
// as the window title, embedded fonts that map every drawn glyph to text and
// draw no .notdef, and the PDF/UA identification in the XMP metadata. The
// tests run it on every language and edition; it reads any PDF the editor
// reads.

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"

	"golang.org/x/text/language"
)

// TagReport is what CheckTagged found.
type TagReport struct {
	// Problems are the conditions the document fails, one sentence each.
	Problems []string
	// Elements are the block-level structure elements that hold content
	// (text or a picture), in the order of the structure tree.
	Elements []TaggedElement
	// Headings are the heading roles in structure order: "H1", "H2", ….
	Headings []string
	// LangMismatches lists elements whose own text is mostly in another
	// script than the one their language is written in: most likely a
	// passage in another language without a /Lang of its own. These are
	// not in Problems: only the layout knows a run's language.
	LangMismatches []string
	// Counts: marked-content sequences with an MCID, artifact sequences,
	// Link elements, Figure elements, structure elements in all.
	MCIDs, Artifacts, Links, Figures, StructElems int
}

// TaggedElement is a structure element holding content.
type TaggedElement struct {
	Role string
	// Lang is the element's language: its own /Lang or the nearest
	// ancestor's, else the document's.
	Lang string
	// Text is the text of the element's marked content and of the inline
	// elements (Link, Span) inside it, in structure order, as the fonts'
	// ToUnicode maps give it.
	Text string
	// Alt is the element's alternate text.
	Alt string
	// Page (from 0) and X, Y (PDF user space, origin bottom left) are where
	// the element's first content is drawn.
	Page int
	X, Y float64
}

// String returns the element as "Role: text".
func (el TaggedElement) String() string { return el.Role + ": " + el.Text }

// checkFont is what the checker knows of a font resource.
type checkFont struct {
	name      string
	twoByte   bool              // Type0 with 2-byte codes (Identity-H)
	cidToGID  []byte            // 2 bytes per CID; nil for /Identity
	identity  bool              // CIDToGIDMap /Identity
	toUnicode map[uint32]string // nil without a ToUnicode CMap
}

// mcContent is what a marked-content sequence with an MCID holds.
type mcContent struct {
	text   strings.Builder
	placed bool
	x, y   float64
}

// checker holds the state of one check.
type checker struct {
	e        *pdfEditor
	rep      *TagReport
	pages    []int                // page object numbers
	pageOf   map[int]int          // page object number to index
	mcids    []map[int]*mcContent // per page
	fonts    map[int]*checkFont   // by font object number
	owner    []map[int]int        // per page: MCID to the element that lists it
	objrs    map[int]int          // annotation object to the Link element that lists it
	roleMap  map[string]string
	elems    []*TaggedElement // block elements in structure order; nil for others
	lastHead int
	docLang  string
}

func (c *checker) problem(format string, args ...any) {
	c.rep.Problems = append(c.rep.Problems, fmt.Sprintf(format, args...))
}

// CheckTagged checks pdf against the machine-checkable PDF/UA-1 conditions
// a generator controls. It returns an error only when the file cannot be
// read; what the file fails is in the report's Problems.
func CheckTagged(pdf []byte) (*TagReport, error) {
	e, err := newPDFEditor(pdf)
	if err != nil {
		return nil, err
	}
	c := &checker{e: e, rep: &TagReport{}, pageOf: map[int]int{}, fonts: map[int]*checkFont{}, objrs: map[int]int{}}
	if c.pages, err = pdfPages(e); err != nil {
		return nil, err
	}
	for i, p := range c.pages {
		c.pageOf[p] = i
	}
	c.mcids = make([]map[int]*mcContent, len(c.pages))
	c.owner = make([]map[int]int, len(c.pages))
	for i := range c.pages {
		c.mcids[i] = map[int]*mcContent{}
		c.owner[i] = map[int]int{}
	}
	cat, err := e.Object(e.Root())
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	c.checkDocument(pdf, cat)
	for i := range c.pages {
		if err := c.checkPage(i); err != nil {
			return nil, fmt.Errorf("page %d: %w", i+1, err)
		}
	}
	if err := c.checkTree(cat); err != nil {
		return nil, err
	}
	for pi := range c.pages {
		var missing []int
		for mcid := range c.mcids[pi] {
			if _, ok := c.owner[pi][mcid]; !ok {
				missing = append(missing, mcid)
			}
		}
		sort.Ints(missing)
		for _, m := range missing {
			c.problem("page %d: marked content MCID %d belongs to no structure element", pi+1, m)
		}
	}
	if err := c.checkAnnotations(); err != nil {
		return nil, err
	}
	return c.rep, nil
}

// resolve returns the object a value refers to, or the value itself.
func (c *checker) resolve(v []byte) []byte {
	if n, ok := pdfParseRef(v); ok {
		if b, err := c.e.Object(n); err == nil {
			return b
		}
		return nil
	}
	return v
}

// get returns the resolved value of key in dict, nil when absent.
func (c *checker) get(dict []byte, key string) []byte {
	v, err := pdfDictGet(dict, key)
	if err != nil || v == nil {
		return nil
	}
	return c.resolve(v)
}

// checkDocument checks the catalog, info dictionary and metadata.
func (c *checker) checkDocument(pdf, cat []byte) {
	version := ""
	if m := regexp.MustCompile(`^%PDF-(\d\.\d)`).FindSubmatch(pdf); m != nil {
		version = string(m[1])
	}
	if v := c.get(cat, "Version"); v != nil {
		version = strings.TrimPrefix(string(pdfTrimSpace(v)), "/")
	}
	if version < "1.7" {
		c.problem("PDF version is %q; tagged PDF/UA-1 documents are PDF 1.7", version)
	}
	if mi := c.get(cat, "MarkInfo"); mi == nil || string(pdfTrimSpace(c.get(mi, "Marked"))) != "true" {
		c.problem("the catalog has no /MarkInfo <</Marked true>>")
	} else if s := c.get(mi, "Suspects"); s != nil && string(pdfTrimSpace(s)) == "true" {
		c.problem("/MarkInfo /Suspects is true")
	}
	c.docLang = c.textString(c.get(cat, "Lang"))
	if c.docLang == "" {
		c.problem("the catalog has no /Lang")
	} else if !validLang(c.docLang) {
		c.problem("the catalog's /Lang %q is not a language tag", c.docLang)
	}
	if vp := c.get(cat, "ViewerPreferences"); vp == nil || string(pdfTrimSpace(c.get(vp, "DisplayDocTitle"))) != "true" {
		c.problem("/ViewerPreferences has no /DisplayDocTitle true: viewers show the file name, not the title")
	}
	title := ""
	if info := c.resolve(c.e.trailerValue("Info")); info != nil {
		title = c.textString(c.get(info, "Title"))
	}
	if strings.TrimSpace(title) == "" {
		c.problem("the document information has no /Title")
	}
	md := c.get(cat, "Metadata")
	if md == nil {
		c.problem("the catalog has no XMP /Metadata")
		return
	}
	mn, _ := pdfParseRef(rawGet(cat, "Metadata"))
	_, xmp, err := c.e.Stream(mn)
	if err != nil {
		c.problem("XMP metadata: %v", err)
		return
	}
	if !regexp.MustCompile(`pdfuaid:part(>\s*1\s*<|\s*=\s*["']1["'])`).Match(xmp) {
		c.problem("the XMP metadata has no pdfuaid:part 1")
	}
	if m := regexp.MustCompile(`(?s)<dc:title>.*?<rdf:li[^>]*>([^<]*)</rdf:li>`).FindSubmatch(xmp); m == nil || strings.TrimSpace(string(m[1])) == "" {
		c.problem("the XMP metadata has no dc:title")
	}
}

// scripts maps ISO 15924 codes to Go's script tables, for the scripts of
// the shipped languages and a few more.
var scripts = map[string]*unicode.RangeTable{
	"Latn": unicode.Latin, "Arab": unicode.Arabic, "Beng": unicode.Bengali, "Guru": unicode.Gurmukhi,
	"Ethi": unicode.Ethiopic, "Hans": unicode.Han, "Hant": unicode.Han, "Cyrl": unicode.Cyrillic,
	"Grek": unicode.Greek, "Hebr": unicode.Hebrew, "Deva": unicode.Devanagari, "Thai": unicode.Thai,
	"Taml": unicode.Tamil, "Gujr": unicode.Gujarati,
}

// scriptMismatch returns the script most of text's letters are in when it
// is not the script lang is written in, or "". Short texts are not judged.
func scriptMismatch(text, lang string) string {
	t, err := language.Parse(lang)
	if err != nil {
		return ""
	}
	sc, _ := t.Script()
	want := scripts[sc.String()]
	if want == nil {
		return ""
	}
	letters, in := 0, 0
	count := map[string]int{}
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if unicode.Is(want, r) {
			in++
			continue
		}
		for name, tab := range scripts {
			if unicode.Is(tab, r) {
				count[name]++
				break
			}
		}
	}
	if letters < 4 || 2*in >= letters {
		return ""
	}
	best := ""
	for _, name := range sortedKeys(count) {
		if best == "" || count[name] > count[best] {
			best = name
		}
	}
	if best == "" {
		return "another script"
	}
	return best
}

// rawGet returns the raw (unresolved) value of key, nil when absent.
func rawGet(dict []byte, key string) []byte {
	v, _ := pdfDictGet(dict, key)
	return v
}

var langTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

func validLang(s string) bool { return langTag.MatchString(s) }

// textString decodes a PDF text string value (literal or hex, PDFDocEncoding
// taken as Latin-1, or UTF-16BE with a byte order mark).
func (c *checker) textString(v []byte) string {
	if v == nil {
		return ""
	}
	l := &csLexer{b: v}
	tok, err := l.next()
	if err != nil || tok.kind != 's' {
		return ""
	}
	return decodeTextString(tok.str)
}

func decodeTextString(s string) string {
	b := []byte(s)
	if len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF {
		u := make([]uint16, 0, len(b)/2)
		for i := 2; i+1 < len(b); i += 2 {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
		return string(utf16.Decode(u))
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// font returns what the checker knows of the font object num.
func (c *checker) font(num int) *checkFont {
	if f, ok := c.fonts[num]; ok {
		return f
	}
	f := &checkFont{name: fmt.Sprintf("object %d", num)}
	c.fonts[num] = f
	body, err := c.e.Object(num)
	if err != nil {
		c.problem("font %s: %v", f.name, err)
		return f
	}
	if base := c.get(body, "BaseFont"); base != nil {
		f.name = strings.TrimPrefix(string(pdfTrimSpace(base)), "/")
	}
	desc := body
	if st := string(pdfTrimSpace(c.get(body, "Subtype"))); st == "/Type0" {
		f.twoByte = true
		if enc := string(pdfTrimSpace(c.get(body, "Encoding"))); enc != "/Identity-H" && enc != "/Identity-V" {
			c.problem("font %s: encoding %s is not Identity: the checker cannot map its codes", f.name, enc)
		}
		items, err := pdfArrayItems(c.get(body, "DescendantFonts"))
		if err != nil || len(items) != 1 {
			c.problem("font %s: no descendant font", f.name)
			return f
		}
		desc = c.resolve(items[0])
		switch m := rawGet(desc, "CIDToGIDMap"); {
		case m == nil || string(pdfTrimSpace(m)) == "/Identity":
			f.identity = true
		default:
			n, ok := pdfParseRef(m)
			if !ok {
				c.problem("font %s: bad /CIDToGIDMap", f.name)
				break
			}
			if _, data, err := c.e.Stream(n); err != nil {
				c.problem("font %s: CIDToGIDMap: %v", f.name, err)
			} else {
				f.cidToGID = data
			}
		}
	}
	fd := c.get(desc, "FontDescriptor")
	if fd == nil || (c.get(fd, "FontFile2") == nil && c.get(fd, "FontFile") == nil && c.get(fd, "FontFile3") == nil) {
		c.problem("font %s is not embedded", f.name)
	}
	tu := rawGet(body, "ToUnicode")
	if tu == nil {
		c.problem("font %s has no ToUnicode map", f.name)
		return f
	}
	n, ok := pdfParseRef(tu)
	if !ok {
		c.problem("font %s: bad /ToUnicode", f.name)
		return f
	}
	_, cmap, err := c.e.Stream(n)
	if err != nil {
		c.problem("font %s: ToUnicode: %v", f.name, err)
		return f
	}
	if f.toUnicode, err = parseToUnicode(cmap); err != nil {
		c.problem("font %s: ToUnicode: %v", f.name, err)
	}
	return f
}

// parseToUnicode reads the bfchar and bfrange entries of a ToUnicode CMap.
func parseToUnicode(cmap []byte) (map[uint32]string, error) {
	m := map[uint32]string{}
	l := &csLexer{b: cmap}
	code := func(s string) uint32 {
		var v uint32
		for i := 0; i < len(s); i++ {
			v = v<<8 | uint32(s[i])
		}
		return v
	}
	utf := func(s string) string {
		u := make([]uint16, 0, len(s)/2)
		for i := 0; i+1 < len(s); i += 2 {
			u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
		}
		return string(utf16.Decode(u))
	}
	var ops []csToken
	for {
		tok, err := l.next()
		if err != nil {
			return m, err
		}
		if tok.kind == 0 {
			return m, nil
		}
		if tok.kind != 'o' {
			ops = append(ops, tok)
			continue
		}
		switch tok.str {
		case "endbfchar":
			for i := 0; i+1 < len(ops); i += 2 {
				if ops[i].kind == 's' && ops[i+1].kind == 's' {
					m[code(ops[i].str)] = utf(ops[i+1].str)
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(ops); i += 3 {
				lo, hi, dst := ops[i], ops[i+1], ops[i+2]
				if lo.kind != 's' || hi.kind != 's' {
					continue
				}
				a, b := code(lo.str), code(hi.str)
				if b < a || b-a > 0xFFFF {
					return m, fmt.Errorf("bad range <%x> <%x>", lo.str, hi.str)
				}
				for k := a; k <= b; k++ {
					switch dst.kind {
					case 's':
						d := []byte(dst.str)
						if len(d) >= 2 {
							v := uint16(d[len(d)-2])<<8 | uint16(d[len(d)-1])
							v += uint16(k - a)
							d = append(d[:len(d)-2:len(d)-2], byte(v>>8), byte(v))
						}
						m[k] = utf(string(d))
					case '[':
						if int(k-a) < len(dst.arr) && dst.arr[k-a].kind == 's' {
							m[k] = utf(dst.arr[k-a].str)
						}
					}
				}
			}
		}
		ops = ops[:0]
	}
}

// checkPage parses the page's content and checks that everything drawn is
// marked, that marked content nests properly and that every glyph drawn
// has a glyph and text.
func (c *checker) checkPage(pi int) error {
	page, err := c.e.Object(c.pages[pi])
	if err != nil {
		return err
	}
	res := c.get(page, "Resources")
	fontRes := map[string]int{}
	if fd := c.get(res, "Font"); fd != nil {
		entries, err := pdfDictEntries(fd)
		if err != nil {
			return fmt.Errorf("font resources: %w", err)
		}
		for _, en := range entries {
			if n, ok := pdfParseRef(en.val); ok {
				fontRes[en.key] = n
			}
		}
	}
	var data []byte
	cv := rawGet(page, "Contents")
	var refs [][]byte
	if items, err := pdfArrayItems(c.resolve(cv)); err == nil && !pdfIsDict(c.resolve(cv)) {
		refs = items
	} else if cv != nil {
		refs = [][]byte{cv}
	}
	for _, r := range refs {
		n, ok := pdfParseRef(r)
		if !ok {
			return fmt.Errorf("content %q is not a reference", r)
		}
		_, d, err := c.e.Stream(n)
		if err != nil {
			return err
		}
		data = append(append(data, d...), '\n')
	}
	type frame struct {
		tag      string
		mcid     int
		artifact bool
	}
	var (
		stack    []frame
		operands []csToken
		font     *checkFont
		tx, ty   float64 // the text line matrix's translation
		q        int
		cur      *mcContent
		notdef   = map[string]int{}
		noText   = map[string]int{}
		unmarked = map[string]int{}
	)
	inMCID := func() *mcContent {
		for i := len(stack) - 1; i >= 0; i-- {
			if stack[i].mcid >= 0 {
				return c.mcids[pi][stack[i].mcid]
			}
		}
		return nil
	}
	marked := func() bool {
		for _, f := range stack {
			if f.artifact || f.mcid >= 0 {
				return true
			}
		}
		return false
	}
	paint := func(op string) {
		if !marked() {
			unmarked[op]++
		}
		if cur = inMCID(); cur != nil && !cur.placed {
			cur.placed, cur.x, cur.y = true, tx, ty
		}
	}
	show := func(s string) {
		paint("text")
		if font == nil {
			c.problem("page %d: text shown without a font", pi+1)
			return
		}
		step := 1
		if font.twoByte {
			step = 2
		}
		for i := 0; i+step <= len(s); i += step {
			code := uint32(s[i])
			if step == 2 {
				code = code<<8 | uint32(s[i+1])
			}
			if font.twoByte && !font.identity {
				gid := 0
				if int(code)*2+1 < len(font.cidToGID) {
					gid = int(font.cidToGID[code*2])<<8 | int(font.cidToGID[code*2+1])
				}
				if gid == 0 {
					notdef[font.name]++
				}
			} else if font.twoByte && code == 0 {
				notdef[font.name]++
			}
			t, ok := font.toUnicode[code]
			if font.toUnicode != nil && (!ok || t == "") {
				noText[font.name]++
			}
			if cur != nil {
				cur.text.WriteString(t)
			}
		}
	}
	l := &csLexer{b: data}
	for {
		tok, err := l.next()
		if err != nil {
			return fmt.Errorf("content stream: %w", err)
		}
		if tok.kind == 0 {
			break
		}
		if tok.kind != 'o' {
			operands = append(operands, tok)
			continue
		}
		arg := func(i int) csToken {
			if i < len(operands) {
				return operands[i]
			}
			return csToken{}
		}
		switch op := tok.str; op {
		case "BMC", "BDC":
			f := frame{tag: arg(0).str, mcid: -1, artifact: arg(0).str == "Artifact"}
			if op == "BDC" {
				if p := arg(1); p.kind == '<' {
					if m, ok := p.dict["MCID"]; ok && m.kind == 'n' {
						f.mcid = int(m.num)
					}
				}
			}
			for _, outer := range stack {
				switch {
				case f.mcid >= 0 && outer.mcid >= 0:
					c.problem("page %d: MCID %d is nested in MCID %d", pi+1, f.mcid, outer.mcid)
				case f.mcid >= 0 && outer.artifact:
					c.problem("page %d: tagged content (MCID %d) inside an artifact", pi+1, f.mcid)
				case f.artifact && outer.mcid >= 0:
					c.problem("page %d: an artifact inside tagged content (MCID %d)", pi+1, outer.mcid)
				}
			}
			if f.mcid >= 0 {
				if _, dup := c.mcids[pi][f.mcid]; dup {
					c.problem("page %d: MCID %d is used twice", pi+1, f.mcid)
				} else {
					c.mcids[pi][f.mcid] = &mcContent{}
				}
				c.rep.MCIDs++
			}
			if f.artifact {
				c.rep.Artifacts++
			}
			stack = append(stack, f)
			cur = inMCID()
		case "EMC":
			if len(stack) == 0 {
				c.problem("page %d: EMC without a marked-content sequence to end", pi+1)
			} else {
				stack = stack[:len(stack)-1]
			}
			cur = inMCID()
		case "q":
			q++
		case "Q":
			if q--; q < 0 {
				c.problem("page %d: Q without q", pi+1)
				q = 0
			}
		case "BT":
			tx, ty = 0, 0
		case "Tf":
			if n, ok := fontRes[arg(0).str]; ok {
				font = c.font(n)
			} else {
				c.problem("page %d: font /%s is not in the page's resources", pi+1, arg(0).str)
				font = nil
			}
		case "Td", "TD":
			tx, ty = tx+arg(0).num, ty+arg(1).num
		case "Tm":
			tx, ty = arg(4).num, arg(5).num
		case "Tj", "'", "\"":
			if len(operands) > 0 {
				show(operands[len(operands)-1].str)
			}
		case "TJ":
			for _, t := range arg(0).arr {
				if t.kind == 's' {
					show(t.str)
				}
			}
		case "m", "re":
			if cur = inMCID(); cur != nil && !cur.placed {
				cur.placed, cur.x, cur.y = true, arg(0).num, arg(1).num
			}
		case "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI":
			paint(op)
		}
		operands = operands[:0]
	}
	if len(stack) > 0 {
		c.problem("page %d: %d marked-content sequences are not ended", pi+1, len(stack))
	}
	if q != 0 {
		c.problem("page %d: %d q without Q", pi+1, q)
	}
	for _, m := range sortedKeys(unmarked) {
		c.problem("page %d: %d %s operations are neither tagged content nor an artifact", pi+1, unmarked[m], m)
	}
	for _, f := range sortedKeys(notdef) {
		c.problem("page %d: font %s draws .notdef (glyph 0) %d times", pi+1, f, notdef[f])
	}
	for _, f := range sortedKeys(noText) {
		c.problem("page %d: font %s draws %d codes its ToUnicode map gives no text for", pi+1, f, noText[f])
	}
	return nil
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// inlineRoles are the roles whose text the checker reports as part of the
// enclosing block element.
var inlineRoles = map[string]bool{"Link": true, "Span": true, "Quote": true, "Reference": true, "Note": true, "Code": true, "Annot": true}

// checkTree walks the structure tree and checks it against the content and
// the parent tree.
func (c *checker) checkTree(cat []byte) error {
	rootRef := rawGet(cat, "StructTreeRoot")
	rootNum, ok := pdfParseRef(rootRef)
	if !ok {
		c.problem("the catalog has no /StructTreeRoot")
		return nil
	}
	root, err := c.e.Object(rootNum)
	if err != nil {
		return fmt.Errorf("structure tree root: %w", err)
	}
	c.roleMap = map[string]string{}
	if rm := c.get(root, "RoleMap"); rm != nil {
		entries, _ := pdfDictEntries(rm)
		for _, en := range entries {
			c.roleMap[en.key] = strings.TrimPrefix(string(pdfTrimSpace(en.val)), "/")
		}
	}
	seen := map[int]bool{}
	var walk func(num, parent int, lang string, depth int) (*TaggedElement, error)
	walk = func(num, parent int, lang string, depth int) (*TaggedElement, error) {
		if seen[num] || depth > 64 {
			c.problem("structure element %d is reached twice or nested too deeply", num)
			return nil, nil
		}
		seen[num] = true
		c.rep.StructElems++
		slot := len(c.elems)
		c.elems = append(c.elems, nil)
		el, err := c.e.Object(num)
		if err != nil {
			return nil, err
		}
		role := strings.TrimPrefix(string(pdfTrimSpace(c.get(el, "S"))), "/")
		std := role
		for i := 0; i < 8 && !standardRoles[std]; i++ {
			m, ok := c.roleMap[std]
			if !ok {
				break
			}
			std = m
		}
		if !standardRoles[std] {
			c.problem("structure element %d has role %q, which is neither standard nor mapped to a standard type", num, role)
		}
		if p, ok := pdfParseRef(rawGet(el, "P")); !ok || p != parent {
			c.problem("structure element %d (%s) has /P %q; its parent is object %d", num, role, rawGet(el, "P"), parent)
		}
		if l := c.get(el, "Lang"); l != nil {
			s := c.textString(l)
			if !validLang(s) {
				c.problem("structure element %d (%s) has /Lang %q, not a language tag", num, role, s)
			} else {
				lang = s
			}
		}
		// headings
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
		pg := -1
		if v := rawGet(el, "Pg"); v != nil {
			n, _ := pdfParseRef(v)
			if i, ok := c.pageOf[n]; ok {
				pg = i
			} else {
				c.problem("structure element %d (%s): /Pg is not a page", num, role)
			}
		}
		alt := c.textString(c.get(el, "Alt"))
		if alt == "" {
			alt = c.textString(c.get(el, "ActualText"))
		}
		out := &TaggedElement{Role: std, Lang: lang, Alt: alt, Page: -1}
		var own strings.Builder // the text of the element's own content
		direct := false
		var kidRoles []string
		hasOBJR := false
		addContent := func(page, mcid int) {
			direct = true
			if page < 0 {
				c.problem("structure element %d (%s) lists MCID %d without a page", num, role, mcid)
				return
			}
			mc, ok := c.mcids[page][mcid]
			if !ok {
				c.problem("structure element %d (%s) lists MCID %d, which page %d does not have", num, role, mcid, page+1)
				return
			}
			if o, dup := c.owner[page][mcid]; dup {
				c.problem("page %d: MCID %d is listed by structure elements %d and %d", page+1, mcid, o, num)
				return
			}
			c.owner[page][mcid] = num
			out.Text += mc.text.String()
			own.WriteString(mc.text.String())
			if out.Page < 0 && mc.placed {
				out.Page, out.X, out.Y = page, mc.x, mc.y
			}
		}
		var kids [][]byte
		if k := rawGet(el, "K"); k != nil {
			if items, err := pdfArrayItems(k); err == nil {
				kids = items
			} else {
				kids = [][]byte{k}
			}
		}
		for _, k := range kids {
			if n, ok := pdfUint(pdfTrimSpace(k)); ok {
				addContent(pg, n)
				continue
			}
			ref, isRef := pdfParseRef(k)
			d := c.resolve(k)
			if !pdfIsDict(d) {
				c.problem("structure element %d (%s): kid %q is not an MCID, a reference or a dictionary", num, role, k)
				continue
			}
			switch string(pdfTrimSpace(c.get(d, "Type"))) {
			case "/MCR":
				page := pg
				if v := rawGet(d, "Pg"); v != nil {
					n, _ := pdfParseRef(v)
					page = -1
					if i, ok := c.pageOf[n]; ok {
						page = i
					}
				}
				m, _ := pdfUint(pdfTrimSpace(c.get(d, "MCID")))
				addContent(page, m)
			case "/OBJR":
				hasOBJR = true
				an, ok := pdfParseRef(rawGet(d, "Obj"))
				if !ok {
					c.problem("structure element %d (%s): OBJR without /Obj", num, role)
					continue
				}
				if o, dup := c.objrs[an]; dup {
					c.problem("annotation %d is referred to by structure elements %d and %d", an, o, num)
				}
				c.objrs[an] = num
				if std == "Link" {
					annot, err := c.e.Object(an)
					if err != nil {
						return nil, err
					}
					if strings.TrimSpace(c.textString(c.get(annot, "Contents"))) == "" {
						c.problem("link annotation %d has no /Contents describing it", an)
					}
				}
			default:
				if !isRef {
					c.problem("structure element %d (%s): a kid element is not an indirect object", num, role)
					continue
				}
				sub, err := walk(ref, num, lang, depth+1)
				if err != nil {
					return nil, err
				}
				if sub == nil {
					continue
				}
				kidRoles = append(kidRoles, sub.Role)
				if inlineRoles[sub.Role] {
					out.Text += sub.Text
					direct = direct || sub.Text != ""
					if out.Page < 0 {
						out.Page, out.X, out.Y = sub.Page, sub.X, sub.Y
					}
				}
			}
		}
		switch std {
		case "Figure":
			c.rep.Figures++
			if strings.TrimSpace(alt) == "" {
				c.problem("Figure %d has no /Alt text", num)
			}
			if !hasBBox(c, el) {
				c.problem("Figure %d has no /BBox layout attribute", num)
			}
		case "Link":
			c.rep.Links++
			if !hasOBJR {
				c.problem("Link %d has no OBJR kid tying it to its annotation", num)
			}
		case "L":
			for _, r := range kidRoles {
				if r != "LI" && r != "L" && r != "Caption" {
					c.problem("list %d has a %s kid; a list holds LI elements", num, r)
				}
			}
		case "LI":
			body := false
			for _, r := range kidRoles {
				switch r {
				case "Lbl":
					if body {
						c.problem("list item %d has its Lbl after its LBody", num)
					}
				case "LBody":
					body = true
				default:
					c.problem("list item %d has a %s kid; a list item holds Lbl and LBody", num, r)
				}
			}
		}
		if m := scriptMismatch(own.String(), lang); m != "" && !inlineRoles[std] { // addresses are in no language
			c.rep.LangMismatches = append(c.rep.LangMismatches, fmt.Sprintf("%s %q is tagged %s but written in %s", std, own.String(), lang, m))
		}
		if inlineRoles[std] {
			return out, nil
		}
		if direct || std == "Figure" {
			c.elems[slot] = out
		}
		return &TaggedElement{Role: std}, nil
	}
	var kids [][]byte
	if k := rawGet(root, "K"); k != nil {
		if items, err := pdfArrayItems(k); err == nil {
			kids = items
		} else {
			kids = [][]byte{k}
		}
	}
	if len(kids) == 0 {
		c.problem("the structure tree is empty")
	}
	for _, k := range kids {
		n, ok := pdfParseRef(k)
		if !ok {
			c.problem("the structure tree root's kid %q is not a reference", k)
			continue
		}
		if _, err := walk(n, rootNum, c.docLang, 0); err != nil {
			return err
		}
	}
	for _, el := range c.elems {
		if el != nil {
			c.rep.Elements = append(c.rep.Elements, *el)
		}
	}
	return c.checkParentTree(root)
}

// hasBBox reports whether a structure element has a /BBox in its layout
// attributes.
func hasBBox(c *checker, el []byte) bool {
	a := c.get(el, "A")
	if a == nil {
		return false
	}
	var dicts [][]byte
	if items, err := pdfArrayItems(a); err == nil {
		for _, it := range items {
			dicts = append(dicts, c.resolve(it))
		}
	} else {
		dicts = [][]byte{a}
	}
	for _, d := range dicts {
		if pdfIsDict(d) && string(pdfTrimSpace(c.get(d, "O"))) == "/Layout" && c.get(d, "BBox") != nil {
			return true
		}
	}
	return false
}

// numberTree reads a number tree into a map from keys to raw values.
func (c *checker) numberTree(node []byte, out map[int][]byte, depth int) error {
	if depth > 32 {
		return errors.New("number tree nested too deeply")
	}
	if nums := c.get(node, "Nums"); nums != nil {
		items, err := pdfArrayItems(nums)
		if err != nil {
			return err
		}
		for i := 0; i+1 < len(items); i += 2 {
			k, ok := pdfUint(pdfTrimSpace(items[i]))
			if !ok {
				return fmt.Errorf("number tree key %q", items[i])
			}
			out[k] = items[i+1]
		}
	}
	if kids := c.get(node, "Kids"); kids != nil {
		items, err := pdfArrayItems(kids)
		if err != nil {
			return err
		}
		for _, it := range items {
			if err := c.numberTree(c.resolve(it), out, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkParentTree checks that the parent tree maps every MCID and every
// annotation to the element that lists it.
func (c *checker) checkParentTree(root []byte) error {
	pt := c.get(root, "ParentTree")
	if pt == nil {
		c.problem("the structure tree has no /ParentTree")
		return nil
	}
	tree := map[int][]byte{}
	if err := c.numberTree(pt, tree, 0); err != nil {
		c.problem("parent tree: %v", err)
		return nil
	}
	maxKey := -1
	for k := range tree {
		maxKey = max(maxKey, k)
	}
	if next, ok := pdfUint(pdfTrimSpace(c.get(root, "ParentTreeNextKey"))); ok && next <= maxKey {
		c.problem("/ParentTreeNextKey %d is not above the parent tree's keys (%d)", next, maxKey)
	}
	for pi, num := range c.pages {
		page, err := c.e.Object(num)
		if err != nil {
			return err
		}
		if len(c.mcids[pi]) == 0 {
			continue
		}
		key, ok := pdfUint(pdfTrimSpace(c.get(page, "StructParents")))
		if !ok {
			c.problem("page %d has marked content but no /StructParents", pi+1)
			continue
		}
		items, err := pdfArrayItems(c.resolve(tree[key]))
		if err != nil {
			c.problem("page %d: the parent tree has no array for key %d", pi+1, key)
			continue
		}
		for mcid, owner := range c.owner[pi] {
			if mcid >= len(items) {
				c.problem("page %d: the parent tree has no entry for MCID %d", pi+1, mcid)
				continue
			}
			if n, ok := pdfParseRef(items[mcid]); !ok || n != owner {
				c.problem("page %d: the parent tree gives MCID %d to %q; element %d lists it", pi+1, mcid, items[mcid], owner)
			}
		}
	}
	for an, owner := range c.objrs {
		annot, err := c.e.Object(an)
		if err != nil {
			return err
		}
		key, ok := pdfUint(pdfTrimSpace(c.get(annot, "StructParent")))
		if !ok {
			c.problem("annotation %d has no /StructParent", an)
			continue
		}
		if n, ok := pdfParseRef(tree[key]); !ok || n != owner {
			c.problem("annotation %d: the parent tree gives key %d to %q; element %d lists it", an, key, tree[key], owner)
		}
	}
	return nil
}

// checkAnnotations checks that every annotation is tagged and that pages
// with annotations set the tab order to the structure.
func (c *checker) checkAnnotations() error {
	for pi, num := range c.pages {
		page, err := c.e.Object(num)
		if err != nil {
			return err
		}
		annots := c.get(page, "Annots")
		if annots == nil {
			continue
		}
		items, err := pdfArrayItems(annots)
		if err != nil {
			return fmt.Errorf("page %d: /Annots: %w", pi+1, err)
		}
		if len(items) == 0 {
			continue
		}
		if string(pdfTrimSpace(c.get(page, "Tabs"))) != "/S" {
			c.problem("page %d has annotations but no /Tabs /S", pi+1)
		}
		for k, it := range items {
			n, ok := pdfParseRef(it)
			if !ok {
				c.problem("page %d: annotation %d is a direct object, so no structure element can refer to it", pi+1, k)
				continue
			}
			a, err := c.e.Object(n)
			if err != nil {
				return err
			}
			st := string(pdfTrimSpace(c.get(a, "Subtype")))
			if st == "/Popup" {
				continue
			}
			if _, ok := c.objrs[n]; !ok {
				c.problem("page %d: annotation %d (%s) is in no structure element", pi+1, n, st)
			}
		}
	}
	return nil
}

// csToken is a token of a content stream or CMap: kind 'n' number, '/'
// name, 's' string, '[' array, '<' dictionary, 'o' operator; 0 at the end.
type csToken struct {
	kind byte
	num  float64
	str  string // name without slash, string bytes, operator
	arr  []csToken
	dict map[string]csToken
}

// csLexer reads tokens from a content stream.
type csLexer struct {
	b     []byte
	i     int
	depth int
}

func (l *csLexer) next() (csToken, error) {
	b := l.b
	l.i = pdfSkipSpace(b, l.i)
	if l.i >= len(b) {
		return csToken{}, nil
	}
	c := b[l.i]
	switch {
	case c == '/':
		j := pdfTokenEnd(b, l.i+1)
		t := csToken{kind: '/', str: string(b[l.i+1 : j])}
		l.i = j
		return t, nil
	case c == '(':
		var s []byte
		level := 0
		for i := l.i; i < len(b); i++ {
			switch ch := b[i]; ch {
			case '\\':
				i++
				if i >= len(b) {
					return csToken{}, errors.New("unterminated string")
				}
				switch e := b[i]; e {
				case 'n':
					s = append(s, '\n')
				case 'r':
					s = append(s, '\r')
				case 't':
					s = append(s, '\t')
				case 'b':
					s = append(s, '\b')
				case 'f':
					s = append(s, '\f')
				case '\r', '\n':
					if e == '\r' && i+1 < len(b) && b[i+1] == '\n' {
						i++
					}
				default:
					if e >= '0' && e <= '7' {
						v := 0
						for k := 0; k < 3 && i < len(b) && b[i] >= '0' && b[i] <= '7'; k++ {
							v = v*8 + int(b[i]-'0')
							i++
						}
						i--
						s = append(s, byte(v))
					} else {
						s = append(s, e)
					}
				}
			case '(':
				if level > 0 {
					s = append(s, ch)
				}
				level++
			case ')':
				level--
				if level == 0 {
					l.i = i + 1
					return csToken{kind: 's', str: string(s)}, nil
				}
				s = append(s, ch)
			default:
				s = append(s, ch)
			}
		}
		return csToken{}, errors.New("unterminated string")
	case c == '<' && l.i+1 < len(b) && b[l.i+1] == '<':
		l.i += 2
		t := csToken{kind: '<', dict: map[string]csToken{}}
		for {
			l.i = pdfSkipSpace(b, l.i)
			if bytes.HasPrefix(b[l.i:], []byte(">>")) {
				l.i += 2
				return t, nil
			}
			k, err := l.next()
			if err != nil {
				return csToken{}, err
			}
			if k.kind != '/' {
				return csToken{}, fmt.Errorf("dictionary key expected at %d", l.i)
			}
			v, err := l.next()
			if err != nil {
				return csToken{}, err
			}
			if v.kind == 0 {
				return csToken{}, errors.New("unterminated dictionary")
			}
			t.dict[k.str] = v
		}
	case c == '<':
		j := bytes.IndexByte(b[l.i:], '>')
		if j < 0 {
			return csToken{}, errors.New("unterminated hex string")
		}
		var hexd []byte
		for _, ch := range b[l.i+1 : l.i+j] {
			if !pdfIsSpace(ch) {
				hexd = append(hexd, ch)
			}
		}
		if len(hexd)%2 == 1 {
			hexd = append(hexd, '0')
		}
		s := make([]byte, len(hexd)/2)
		for k := range s {
			v, err := strconv.ParseUint(string(hexd[2*k:2*k+2]), 16, 8)
			if err != nil {
				return csToken{}, fmt.Errorf("bad hex string at %d", l.i)
			}
			s[k] = byte(v)
		}
		l.i += j + 1
		return csToken{kind: 's', str: string(s)}, nil
	case c == '[':
		if l.depth > 32 {
			return csToken{}, errors.New("arrays nested too deeply")
		}
		l.i++
		l.depth++
		defer func() { l.depth-- }()
		t := csToken{kind: '['}
		for {
			l.i = pdfSkipSpace(b, l.i)
			if l.i < len(b) && b[l.i] == ']' {
				l.i++
				return t, nil
			}
			v, err := l.next()
			if err != nil {
				return csToken{}, err
			}
			if v.kind == 0 {
				return csToken{}, errors.New("unterminated array")
			}
			t.arr = append(t.arr, v)
		}
	case c == '{' || c == '}' || c == ']' || c == '>' || c == ')':
		l.i++
		return csToken{kind: 'o', str: string(c)}, nil
	}
	j := pdfTokenEnd(b, l.i)
	if j == l.i {
		return csToken{}, fmt.Errorf("unexpected %q at %d", c, l.i)
	}
	word := string(b[l.i:j])
	l.i = j
	if v, err := strconv.ParseFloat(word, 64); err == nil {
		return csToken{kind: 'n', num: v}, nil
	}
	if word == "BI" { // an inline image: skip its data up to EI
		k := bytes.Index(b[l.i:], []byte("ID"))
		if k < 0 {
			return csToken{}, errors.New("inline image without ID")
		}
		end := l.i + k + 2
		for {
			e := bytes.Index(b[end:], []byte("EI"))
			if e < 0 {
				return csToken{}, errors.New("inline image without EI")
			}
			end += e
			if pdfIsSpace(b[end-1]) && (end+2 >= len(b) || pdfIsSpace(b[end+2])) {
				break
			}
			end += 2
		}
		l.i = end + 2
	}
	return csToken{kind: 'o', str: word}, nil
}
