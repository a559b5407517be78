// SPDX-License-Identifier: MIT

package pdfua

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// mcContent is what a marked-content sequence with an MCID holds.
type mcContent struct {
	text   strings.Builder
	placed bool
	x, y   float64
}

// frame is an open marked-content sequence.
type frame struct {
	tag      string
	mcid     int // -1 without one
	artifact bool
}

// pageScan is the state of reading one page's content.
type pageScan struct {
	c        *checker
	pi       int
	fontRes  map[string]int // resource name to font object
	stack    []frame
	font     *font
	tx, ty   float64 // the text line matrix's translation
	q        int
	cur      *mcContent // the innermost sequence with an MCID
	notdef   map[string]int
	noText   map[string]int
	unmarked map[string]int
}

// checkPage reads the page's content and checks that everything drawn is
// marked, that marked content nests properly and that every glyph drawn
// has a glyph and text.
func (c *checker) checkPage(pi int) error {
	page := c.d.object(c.d.pages[pi])
	if page == nil {
		return fmt.Errorf("object %d is not a dictionary", c.d.pages[pi])
	}
	data, err := c.contents(page)
	if err != nil {
		return err
	}
	s := &pageScan{c: c, pi: pi, fontRes: c.fontResources(page),
		notdef: map[string]int{}, noText: map[string]int{}, unmarked: map[string]int{}}
	l := &lexer{b: data}
	var operands []token
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
		s.operator(tok.str, operands)
		operands = operands[:0]
	}
	s.report()
	return nil
}

// contents returns the page's content streams' data, joined.
func (c *checker) contents(page map[string]any) ([]byte, error) {
	cv := page["/Contents"]
	var refs []any
	if items := c.d.array(cv); items != nil {
		refs = items
	} else if cv != nil {
		refs = []any{cv}
	}
	var data []byte
	for _, r := range refs {
		if _, ok := ref(r); !ok {
			return nil, fmt.Errorf("content %s is not a reference", show(r))
		}
		d, err := c.d.stream(r)
		if err != nil {
			return nil, err
		}
		data = append(append(data, d...), '\n')
	}
	return data, nil
}

// fontResources returns the page's font resources (its own or inherited
// from the page tree) by name.
func (c *checker) fontResources(page map[string]any) map[string]int {
	res := c.d.dict(page["/Resources"])
	for p, n := page, 0; res == nil && p != nil && n < 32; n++ {
		p = c.d.dict(p["/Parent"])
		if p != nil {
			res = c.d.dict(p["/Resources"])
		}
	}
	out := map[string]int{}
	for key, v := range c.d.dict(res["/Font"]) {
		if n, ok := ref(v); ok {
			out[strings.TrimPrefix(key, "/")] = n
		}
	}
	return out
}

// arg returns operand i, or a zero token.
func arg(operands []token, i int) token {
	if i < len(operands) {
		return operands[i]
	}
	return token{}
}

// operator applies one operator of the content stream.
func (s *pageScan) operator(op string, operands []token) {
	a := func(i int) token { return arg(operands, i) }
	switch op {
	case "BMC", "BDC":
		s.begin(op, operands)
	case "EMC":
		if len(s.stack) == 0 {
			s.c.problem("page %d: EMC without a marked-content sequence to end", s.pi+1)
		} else {
			s.stack = s.stack[:len(s.stack)-1]
		}
		s.cur = s.inMCID()
	case "q":
		s.q++
	case "Q":
		if s.q--; s.q < 0 {
			s.c.problem("page %d: Q without q", s.pi+1)
			s.q = 0
		}
	case "BT":
		s.tx, s.ty = 0, 0
	case "Tf":
		if n, ok := s.fontRes[a(0).str]; ok && a(0).kind == '/' {
			s.font = s.c.font(n)
		} else {
			s.c.problem("page %d: font /%s is not in the page's resources", s.pi+1, a(0).str)
			s.font = nil
		}
	case "Td", "TD":
		s.tx, s.ty = s.tx+a(0).num, s.ty+a(1).num
	case "Tm":
		s.tx, s.ty = a(4).num, a(5).num
	case "Tj", "'", "\"":
		if len(operands) > 0 {
			s.show(operands[len(operands)-1].str)
		}
	case "TJ":
		for _, t := range a(0).arr {
			if t.kind == 's' {
				s.show(t.str)
			}
		}
	case "m", "re":
		if s.cur = s.inMCID(); s.cur != nil && !s.cur.placed {
			s.cur.placed, s.cur.x, s.cur.y = true, a(0).num, a(1).num
		}
	case "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI":
		s.paint(op)
	}
}

// begin opens a marked-content sequence (BMC or BDC) and checks how it
// nests in the open ones.
func (s *pageScan) begin(op string, operands []token) {
	tag := arg(operands, 0).str
	f := frame{tag: tag, mcid: -1, artifact: tag == "Artifact"}
	if p := arg(operands, 1); op == "BDC" && p.kind == '<' {
		if m, ok := p.dict["MCID"]; ok && m.kind == 'n' {
			f.mcid = int(m.num)
		}
	}
	for _, outer := range s.stack {
		switch {
		case f.mcid >= 0 && outer.mcid >= 0:
			s.c.problem("page %d: MCID %d is nested in MCID %d", s.pi+1, f.mcid, outer.mcid)
		case f.mcid >= 0 && outer.artifact:
			s.c.problem("page %d: tagged content (MCID %d) inside an artifact", s.pi+1, f.mcid)
		case f.artifact && outer.mcid >= 0:
			s.c.problem("page %d: an artifact inside tagged content (MCID %d)", s.pi+1, outer.mcid)
		}
	}
	if f.mcid >= 0 {
		if _, dup := s.c.mcids[s.pi][f.mcid]; dup {
			s.c.problem("page %d: MCID %d is used twice", s.pi+1, f.mcid)
		} else {
			s.c.mcids[s.pi][f.mcid] = &mcContent{}
		}
		s.c.rep.MCIDs++
	}
	if f.artifact {
		s.c.rep.Artifacts++
	}
	s.stack = append(s.stack, f)
	s.cur = s.inMCID()
}

// inMCID returns the content of the innermost open sequence with an MCID.
func (s *pageScan) inMCID() *mcContent {
	for i := len(s.stack) - 1; i >= 0; i-- {
		if s.stack[i].mcid >= 0 {
			return s.c.mcids[s.pi][s.stack[i].mcid]
		}
	}
	return nil
}

// marked reports whether what is drawn now is in tagged content or an
// artifact.
func (s *pageScan) marked() bool {
	for _, f := range s.stack {
		if f.artifact || f.mcid >= 0 {
			return true
		}
	}
	return false
}

// paint counts a painting operation outside marked content and places the
// open sequence where the text position is.
func (s *pageScan) paint(op string) {
	if !s.marked() {
		s.unmarked[op]++
	}
	if s.cur = s.inMCID(); s.cur != nil && !s.cur.placed {
		s.cur.placed, s.cur.x, s.cur.y = true, s.tx, s.ty
	}
}

// show reads the codes of a shown string: each must draw a glyph and have
// text, which goes to the open sequence.
func (s *pageScan) show(str string) {
	s.paint("text")
	f := s.font
	if f == nil {
		s.c.problem("page %d: text shown without a font", s.pi+1)
		return
	}
	for _, code := range f.codes(str) {
		if f.notdef(code) {
			s.notdef[f.name]++
		}
		t, ok := f.text(code)
		if !ok {
			s.noText[f.name]++
		}
		if s.cur != nil {
			s.cur.text.WriteString(t)
		}
	}
}

// report adds the page's problems found at the end of its content.
func (s *pageScan) report() {
	pg := s.pi + 1
	if len(s.stack) > 0 {
		s.c.problem("page %d: %d marked-content sequences are not ended", pg, len(s.stack))
	}
	if s.q != 0 {
		s.c.problem("page %d: %d q without Q", pg, s.q)
	}
	for _, m := range slices.Sorted(maps.Keys(s.unmarked)) {
		s.c.problem("page %d: %d %s operations are neither tagged content nor an artifact", pg, s.unmarked[m], m)
	}
	for _, f := range slices.Sorted(maps.Keys(s.notdef)) {
		s.c.problem("page %d: font %s draws .notdef (glyph 0) %d times", pg, f, s.notdef[f])
	}
	for _, f := range slices.Sorted(maps.Keys(s.noText)) {
		s.c.problem("page %d: font %s draws %d codes its ToUnicode map gives no text for", pg, f, s.noText[f])
	}
}
