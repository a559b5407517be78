// SPDX-License-Identifier: MIT

package build

import (
	"bufio"
	"bytes"
	"fmt"
	"html"
	"leaflet/compose"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/go-text/typesetting/font"

	"leaflet/fonts"
	"leaflet/internal/testtool"
	"leaflet/layout"
	"leaflet/layout/text"
)

// This file checks that each built PDF draws exactly the glyphs of its
// display list, where the layout put them. mutool trace (Debian
// mupdf-tools) lists every glyph a viewer draws. fpdf renumbers glyphs when
// it subsets a font, so a traced glyph number indexes the embedded subset,
// not the original font: identity is proved by outlines. Each embedded font
// program (FontFile2) is read back with mutool show and parsed with go-text.
//
// Drawing units: output/pdf.go does not draw a run glyph by glyph. It splits
// the run's glyphs (in visual order) into units, runs of glyphs with the
// same Cluster index, and joins a unit whose glyphs advance by nothing in
// total to the next unit (to the previous one when it is the run's last),
// until no unit but a run's only one advances by nothing. A unit is drawn as
// ONE glyph of the embedded font:
//
//   - a plain unit (one glyph, no XOffset or YOffset, whatever its
//     advance: a kerned glyph is the font's own, the pen moved by the
//     kerning) as that glyph of the font: the embedded glyph's outline and
//     advance width must be those of the display list's glyph ID in the
//     original font file fonts/<face>.ttf (the advance tells glyphs
//     without an outline, spaces, apart), and its place the unit's;
//   - any other unit (several glyphs: a vowel sign with its consonant, a
//     letter with its marks; or one glyph moved by an offset) as a
//     composite glyph added to the font: its outline (go-text resolves the
//     components) must be the concatenation of the outlines of the unit's
//     glyphs in the original font, each moved to its place in the unit
//     (x = the advances of the unit's glyphs before it + its XOffset,
//     y = its YOffset, converted to font units, value*upem/size, rounded;
//     y grows upwards), within fontUnitTolerance; and its advance width
//     must be the unit's total advance in font units, within the same.
//
// The test builds the units itself from the display list (the grouping is
// written out again here, not taken from package output), so a change in
// how output groups or draws them shows up as a difference.
//
// Line ends: the blanks that end a left-to-right run's line, which the
// layout does not draw, are drawn as a unit of their own after the run's
// last: the face's space glyph, standing for them, at the pen after the
// run's glyphs.
//
// Characters: a drawn glyph stands for the text of its unit (ToUnicode), and
// mutool trace lists one <g> per character of that text: the first with the
// glyph number, the others (a ligature's, a conjunct's or a cluster's extra
// characters) without one, or with the same number at the same place and no
// advance. They are grouped into the glyph they belong to, and the
// characters of each drawn glyph must be the unit's text (the runes of its
// clusters, reversed in a right-to-left run, as output/pdf.go maps them).
//
// Order: output/pdf.go draws pages in order, each page's items in order and
// each run's units in order, so the traced glyphs of a page and the display
// list's units are walked side by side. A run set in a face without a bold
// weight (FakeBold) is drawn in text rendering mode 2, fill and stroke,
// which mutool traces twice, as fill_text and stroke_text: the fill_text
// glyphs are the sequence checked; the stroke_text glyphs must be exactly
// those of the FakeBold runs' units, in order and at the same places.
//
// Positions: a unit's pen position in the layout is x = run.X + the sum of
// the advances of the run's glyphs before the unit and y = run.Y (points,
// from the top left; offsets live inside the composite glyphs); mutool
// reports PDF user space, from the bottom left: y_pdf = page height - y.
// Both must agree within posTolerance. The size drawn (the text matrix)
// must be the run's size (output.PDF refuses a size it cannot write
// exactly).

// posTolerance is the largest difference allowed between a traced glyph's
// position and the layout's, in points.
const posTolerance = 0.01

// fontUnitTolerance is the largest difference allowed between a composite
// glyph's outline points or advance and the unit's, in font units.
const fontUnitTolerance = 1.0

// tracedGlyph is one glyph drawn, as mutool trace reports it, with the
// characters it stands for.
type tracedGlyph struct {
	font   string // "TAG+FaceName"
	size   float64
	glyph  int
	x, y   float64
	text   string // the characters of its <g> elements, in order
	chars  int    // how many <g> elements it was listed as
	stroke bool   // in a stroke_text element
	line   int    // line of the trace, for messages
}

type tracedPage struct {
	w, h   float64 // the media box's size
	glyphs []tracedGlyph
	extra  int // <g> elements grouped into the glyph before them
}

var (
	traceAttr  = regexp.MustCompile(`(\w+)="([^"]*)"`)
	traceStart = regexp.MustCompile(`^<(\w+)`)
)

func attrs(line string) map[string]string {
	m := map[string]string{}
	for _, a := range traceAttr.FindAllStringSubmatch(line, -1) {
		m[a[1]] = a[2]
	}
	return m
}

func parseFloat(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("mutool trace: number %q: %v", s, err)
	}
	return v
}

// parseTrace reads mutool trace's output: pages of glyphs, each <g> of a
// character after a glyph's first grouped into that glyph.
func parseTrace(t *testing.T, out string) []tracedPage {
	t.Helper()
	var (
		pages  []tracedPage
		kind   string // the text element the lines are in
		font   string
		size   float64
		lineNo int
		// the glyph the next character may belong to: the last one of
		// the current span, nil at a span's start
		last *tracedGlyph
	)
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		lineNo++
		line := strings.TrimSpace(sc.Text())
		m := traceStart.FindStringSubmatch(line)
		if m == nil {
			if strings.HasPrefix(line, "</") && strings.HasSuffix(line, "_text>") {
				kind = ""
			}
			last = nil
			continue
		}
		switch el := m[1]; el {
		case "page":
			box := strings.Fields(attrs(line)["mediabox"])
			if len(box) != 4 {
				t.Fatalf("mutool trace line %d: media box %q", lineNo, line)
			}
			pages = append(pages, tracedPage{
				w: parseFloat(t, box[2]) - parseFloat(t, box[0]),
				h: parseFloat(t, box[3]) - parseFloat(t, box[1])})
			last = nil
		case "fill_text", "stroke_text":
			kind = el
			last = nil
		case "clip_text", "clip_stroke_text", "ignore_text":
			t.Errorf("mutool trace line %d: unexpected %s: the writer draws text only filled, or filled and stroked", lineNo, el)
			kind = el
			last = nil
		case "span":
			a := attrs(line)
			font = a["font"]
			trm := strings.Fields(a["trm"])
			if len(trm) != 4 || trm[1] != "0" || trm[2] != "0" || trm[0] != trm[3] {
				t.Errorf("mutool trace line %d: text matrix %q is not an upright, unscaled size", lineNo, a["trm"])
			}
			if len(trm) > 0 {
				size = parseFloat(t, trm[0])
			}
			last = nil
		case "g":
			if len(pages) == 0 || (kind != "fill_text" && kind != "stroke_text") {
				t.Fatalf("mutool trace line %d: a glyph outside fill_text or stroke_text: %s", lineNo, line)
			}
			a := attrs(line)
			gid := -1
			if s, ok := a["glyph"]; ok {
				n, err := strconv.Atoi(s)
				if err != nil {
					t.Fatalf("mutool trace line %d: glyph %q: %v", lineNo, s, err)
				}
				gid = n
			}
			x, y := parseFloat(t, a["x"]), parseFloat(t, a["y"])
			adv := 1.0
			if s, ok := a["adv"]; ok {
				adv = parseFloat(t, s)
			}
			ch := html.UnescapeString(a["unicode"])
			p := &pages[len(pages)-1]
			// one glyph standing for several characters (a ligature, a
			// conjunct, a cluster): mutool lists the characters after the
			// first as glyphs of no number, or of the same number at the
			// same place, without advancing
			samePlace := last != nil && math.Abs(x-last.x) < 1e-3 && math.Abs(y-last.y) < 1e-3
			if last != nil && (gid < 0 || (gid == last.glyph && (adv == 0 || samePlace))) {
				last.text += ch
				last.chars++
				p.extra++
				continue
			}
			if gid < 0 {
				t.Errorf("mutool trace line %d: a character without a glyph that follows none: %s", lineNo, line)
				continue
			}
			p.glyphs = append(p.glyphs, tracedGlyph{font: font, size: size, glyph: gid, x: x, y: y,
				text: ch, chars: 1, stroke: kind == "stroke_text", line: lineNo})
			last = &p.glyphs[len(p.glyphs)-1]
		}
	}
	return pages
}

// embeddedFonts returns the font programs embedded in the PDF by their
// name, "TAG+FaceName", parsed.
func embeddedFonts(t *testing.T, mutool, file string) map[string]*font.Face {
	t.Helper()
	objs := runTool(t, mutool, "show", file, "grep")
	name := regexp.MustCompile(`/FontName\s*/([^\s/<>\[\]()]+)`)
	prog := regexp.MustCompile(`/FontFile2\s+(\d+)\s+0\s+R`)
	descriptor := regexp.MustCompile(`/Type\s*/FontDescriptor\b`)
	out := map[string]*font.Face{}
	for _, line := range strings.Split(objs, "\n") {
		if !descriptor.MatchString(line) {
			continue
		}
		n, p := name.FindStringSubmatch(line), prog.FindStringSubmatch(line)
		if n == nil || p == nil {
			t.Errorf("font descriptor without a FontName and a FontFile2: %s", line)
			continue
		}
		cmd := exec.CommandContext(t.Context(), mutool, "show", "-b", file, p[1])
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		data, err := cmd.Output()
		if err != nil {
			t.Fatalf("mutool show -b %s %s: %v\n%s", file, p[1], err, stderr.String())
		}
		face, err := font.ParseTTF(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("embedded font %s (object %s): %v", n[1], p[1], err)
		}
		out[n[1]] = face
	}
	if len(out) == 0 {
		t.Fatal("no embedded TrueType font programs found")
	}
	return out
}

// originalFaces parses the original font files, fonts/<name>.ttf, once.
type originalFaces struct {
	mu    sync.Mutex
	faces map[string]*font.Face
}

func (o *originalFaces) get(t *testing.T, name string) *font.Face {
	t.Helper()
	o.mu.Lock()
	defer o.mu.Unlock()
	if f, ok := o.faces[name]; ok {
		return f
	}
	data, err := os.ReadFile(filepath.Join("..", "fonts", name+".ttf"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := font.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("fonts/%s.ttf: %v", name, err)
	}
	if o.faces == nil {
		o.faces = map[string]*font.Face{}
	}
	o.faces[name] = f
	return f
}

// outline returns a glyph's outline, or an error when it has none.
func outline(f *font.Face, gid font.GID) ([]font.Segment, error) {
	o, ok := f.GlyphData(gid).(font.GlyphOutline)
	if !ok {
		return nil, fmt.Errorf("glyph %d is not an outline: %T", gid, f.GlyphData(gid))
	}
	return o.Segments, nil
}

// sameGlyph reports how glyph a of face fa and glyph b of face fb differ in
// outline and advance, or "" when they are the same.
func sameGlyph(fa *font.Face, a font.GID, fb *font.Face, b font.GID) string {
	if wa, wb := fa.HorizontalAdvance(a), fb.HorizontalAdvance(b); wa != wb {
		return fmt.Sprintf("advance width %v≠%v", wa, wb)
	}
	oa, erra := outline(fa, a)
	ob, errb := outline(fb, b)
	if erra != nil || errb != nil {
		return fmt.Sprintf("not both outlines: %v, %v", erra, errb)
	}
	return sameOutline(oa, ob, 0)
}

// sameOutline reports how two outlines differ by more than tol font units
// in any point, or "" when they do not.
func sameOutline(a, b []font.Segment, tol float64) string {
	if len(a) != len(b) {
		return fmt.Sprintf("outline of %d segments≠%d", len(a), len(b))
	}
	for i := range a {
		sa, sb := a[i], b[i]
		if sa.Op != sb.Op {
			return fmt.Sprintf("outline segment %d: %v≠%v", i, sa, sb)
		}
		pa, pb := sa.ArgsSlice(), sb.ArgsSlice()
		for j := range pa {
			if math.Abs(float64(pa[j].X-pb[j].X)) > tol || math.Abs(float64(pa[j].Y-pb[j].Y)) > tol {
				return fmt.Sprintf("outline segment %d: %v≠%v", i, sa, sb)
			}
		}
	}
	return ""
}

// component is one glyph of a drawing unit, placed in font units from the
// unit's origin (y up).
type component struct {
	id     uint16
	dx, dy int
}

// unit is one drawing unit of the display list: glyphs of a run that the PDF
// draws as one glyph, where the layout puts it.
type unit struct {
	run   *layout.GlyphRun
	item  int
	comps []component
	adv   int     // the unit's advance, font units
	plain bool    // drawn as the font's own glyph comps[0].id
	text  string  // the text the drawn glyph stands for
	x, y  float64 // pen position, points from the top left
}

// key identifies what a unit draws, for the memo of comparisons.
func (u unit) key() string {
	if u.plain {
		return strconv.Itoa(int(u.comps[0].id))
	}
	var b strings.Builder
	for _, c := range u.comps {
		fmt.Fprintf(&b, "%d@%d,%d;", c.id, c.dx, c.dy)
	}
	fmt.Fprintf(&b, "+%d", u.adv)
	return b.String()
}

func (u unit) String() string {
	if u.plain {
		return fmt.Sprintf("glyph %d", u.comps[0].id)
	}
	return "composite " + u.key()
}

func advanceOf(gs []text.Glyph) (a float64) {
	for _, g := range gs {
		a += g.Advance
	}
	return a
}

// groupUnits splits a run's glyphs into drawing units: runs of glyphs with
// the same Cluster, a unit that advances by nothing joined to the next one,
// or to the one before when it is the last.
func groupUnits(gs []text.Glyph) [][]text.Glyph {
	var us [][]text.Glyph
	for i := 0; i < len(gs); {
		j := i + 1
		for j < len(gs) && gs[j].Cluster == gs[i].Cluster {
			j++
		}
		us = append(us, gs[i:j:j])
		i = j
	}
	for i := 0; i < len(us) && len(us) > 1; {
		switch {
		case advanceOf(us[i]) != 0:
			i++
		case i+1 < len(us):
			us[i] = append(us[i][:len(us[i]):len(us[i])], us[i+1]...)
			us = append(us[:i+1], us[i+2:]...)
		default:
			us[i-1] = append(us[i-1][:len(us[i-1]):len(us[i-1])], us[i]...)
			us = us[:i]
		}
	}
	return us
}

// unitText returns the text a unit's drawn glyph stands for: the runes from
// its first cluster to the end of its last — for the unit that ends what
// the run draws, to the end of the run's text when only white space (a
// line's final space, not drawn) follows — reversed in a right-to-left run.
func unitText(gs []text.Glyph, runes []rune, rtl bool, drawn int) string {
	lo, hi := len(runes), 0
	for _, g := range gs {
		lo, hi = min(lo, g.Cluster), max(hi, g.Cluster+g.Runes)
	}
	if lo >= hi || hi > len(runes) {
		return ""
	}
	if rest := string(runes[hi:]); hi == drawn && strings.TrimSpace(rest) == "" && !strings.Contains(rest, "\n") {
		hi = len(runes)
	}
	r := append([]rune(nil), runes[lo:hi]...)
	if rtl {
		for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
			r[i], r[j] = r[j], r[i]
		}
	}
	return string(r)
}

// displayUnits returns the drawing units of a page's glyph runs, in order.
func displayUnits(p layout.Page) (units []unit, glyphs int) {
	for ii, it := range p.Items {
		run, ok := it.(*layout.GlyphRun)
		if !ok {
			continue
		}
		runes := []rune(run.Text)
		fu := func(v float64) int { return int(math.Round(v * run.Face.Upem() / run.Size)) }
		pen := run.X
		drawn := -1 // right-to-left runs: no line-end space
		for _, g := range run.Glyphs {
			if !run.RTL {
				drawn = max(drawn, g.Cluster+g.Runes)
			}
		}
		// a left-to-right run's line-end blanks are drawn as the face's
		// space after its last unit, which then stands for its own text
		var blanks string
		space, hasSpace := run.Face.Glyph(' ')
		if rest := string(runes[max(0, drawn):]); drawn >= 0 && hasSpace && rest != "" && strings.TrimSpace(rest) == "" && !strings.Contains(rest, "\n") {
			blanks, drawn = rest, -1
		}
		for _, gs := range groupUnits(run.Glyphs) {
			u := unit{run: run, item: ii, x: pen, y: run.Y, text: unitText(gs, runes, run.RTL, drawn)}
			at := 0.0
			for _, g := range gs {
				u.comps = append(u.comps, component{id: g.ID, dx: fu(at + g.XOffset), dy: fu(g.YOffset)})
				at += g.Advance
			}
			u.adv = max(0, fu(at))
			c := u.comps[0]
			u.plain = len(u.comps) == 1 && c.dx == 0 && c.dy == 0
			units = append(units, u)
			glyphs += len(gs)
			pen += at
		}
		if blanks != "" {
			units = append(units, unit{run: run, item: ii, x: pen, y: run.Y, text: blanks,
				comps: []component{{id: space}}, adv: run.Face.Advance(space), plain: true})
		}
	}
	return units, glyphs
}

// glyphCheck compares traced glyphs with the display list's units.
type glyphCheck struct {
	t        *testing.T
	name     string
	embedded map[string]*font.Face
	orig     *originalFaces
	same     map[string]string // memo of outline comparisons
	errs     int
	maxD     float64 // the largest position difference
	maxWhere string
}

func (c *glyphCheck) errorf(format string, args ...any) {
	c.t.Helper()
	if c.errs++; c.errs <= 20 {
		c.t.Errorf(format, args...)
	} else if c.errs == 21 {
		c.t.Error("… more differences left out")
	}
}

// mutoolNameLen is the longest font name mutool trace prints: MuPDF keeps a
// font's name in a buffer of 32 bytes, so "ABCDEF+AtkinsonHyperlegibleNext-Bold"
// is traced as "ABCDEF+AtkinsonHyperlegibleNext".
const mutoolNameLen = 31

// fontName returns the name of the embedded font a traced name stands for:
// the same name, or the only one it is a prefix of when mutool cut it.
func (c *glyphCheck) fontName(traced string) (string, error) {
	if _, ok := c.embedded[traced]; ok {
		return traced, nil
	}
	var found []string
	if len(traced) >= mutoolNameLen {
		for name := range c.embedded {
			if strings.HasPrefix(name, traced) {
				found = append(found, name)
			}
		}
	}
	if len(found) != 1 {
		return "", fmt.Errorf("font %s is not one embedded font (%d match)", traced, len(found))
	}
	return found[0], nil
}

// compare reports how the embedded glyph gid of emb differs from what unit
// u draws, or "" when it does not.
func (c *glyphCheck) compare(emb *font.Face, gid font.GID, u unit) string {
	orig := c.orig.get(c.t, u.run.Face.Name)
	if u.plain {
		return sameGlyph(emb, gid, orig, font.GID(u.comps[0].id))
	}
	if w := float64(emb.HorizontalAdvance(gid)); math.Abs(w-float64(u.adv)) > fontUnitTolerance {
		return fmt.Sprintf("advance width %v≠%d", w, u.adv)
	}
	got, err := outline(emb, gid)
	if err != nil {
		return err.Error()
	}
	var want []font.Segment
	for _, cp := range u.comps {
		segs, err := outline(orig, font.GID(cp.id))
		if err != nil {
			return "component " + err.Error()
		}
		for _, s := range segs {
			for i := range s.ArgsSlice() {
				s.Args[i].X += float32(cp.dx)
				s.Args[i].Y += float32(cp.dy)
			}
			want = append(want, s)
		}
	}
	return sameOutline(got, want, fontUnitTolerance)
}

// page compares the traced glyphs of one text kind (fill_text or
// stroke_text) with the display list's units of one page.
func (c *glyphCheck) page(pi int, pageH float64, kind string, traced []tracedGlyph, list []unit) {
	c.t.Helper()
	if len(traced) != len(list) {
		c.errorf("%s page %d: the PDF draws %d glyphs (%s); the display list has %d drawing units", c.name, pi+1, len(traced), kind, len(list))
	}
	for i := 0; i < len(traced) && i < len(list); i++ {
		tg, u := traced[i], list[i]
		where := fmt.Sprintf("%s page %d %s unit %d (trace line %d; item %d %s %q, %s)", c.name, pi+1, kind, i, tg.line, u.item, u.run.Face.Name, u.run.Text, u)
		fontName, err := c.fontName(tg.font)
		if err != nil {
			c.errorf("%s: %v", where, err)
			continue
		}
		emb := c.embedded[fontName]
		faceName := fontName
		if _, rest, ok := strings.Cut(fontName, "+"); ok {
			faceName = rest
		}
		// a merged font holds the faces of one units per em and is named
		// "Merged-<first face>": its glyphs are told apart by outline below
		if faceName != u.run.Face.Name && !strings.HasPrefix(faceName, "Merged-") {
			c.errorf("%s: drawn in font %s; the layout set it in %s", where, fontName, u.run.Face.Name)
			continue
		}
		if math.Abs(tg.size-u.run.Size) > 1e-6 {
			c.errorf("%s: drawn at %g pt; the layout set it at %g pt", where, tg.size, u.run.Size)
		}
		if u.text != "" && tg.text != u.text {
			c.errorf("%s: drawn glyph stands for %q (%d characters traced); the unit's text is %q", where, tg.text, tg.chars, u.text)
		}
		key := fmt.Sprintf("%s/%d/%s", fontName, tg.glyph, u.key())
		diff, ok := c.same[key]
		if !ok {
			diff = c.compare(emb, font.GID(tg.glyph), u)
			c.same[key] = diff
		}
		if diff != "" {
			c.errorf("%s: embedded glyph %d is not what the unit draws: %s", where, tg.glyph, diff)
		}
		dx, dy := math.Abs(tg.x-u.x), math.Abs((pageH-tg.y)-u.y)
		off := fmt.Sprintf("%s: drawn at %.4f,%.4f (from the top); the layout puts it at %.4f,%.4f", where, tg.x, pageH-tg.y, u.x, u.y)
		if d := max(dx, dy); d > c.maxD {
			c.maxD, c.maxWhere = d, off
		}
		if dx > posTolerance || dy > posTolerance {
			c.errorf("%s", off)
		}
	}
}

// glyphJob is one PDF to check.
type glyphJob struct {
	lang    string
	edition *compose.Edition
}

func TestPDFDrawsTheDisplayListsGlyphs(t *testing.T) {
	mutool := testtool.Need(t, "mutool", "mupdf-tools")
	l := builtin(t)
	set, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	var jobs []glyphJob
	for _, lang := range l.Langs() {
		jobs = append(jobs, glyphJob{lang, compose.TriFold})
	}
	// the large-print and easy-read editions: Latin, right to left, Indic
	for _, ed := range []*compose.Edition{compose.LargePrint, compose.EasyRead} {
		for _, lang := range []string{"en", "ur", "bn"} {
			jobs = append(jobs, glyphJob{lang, ed})
		}
	}
	orig := &originalFaces{}
	var (
		mu      sync.Mutex
		summary = map[glyphJob]string{}
		maxD    float64
		maxAt   string
	)
	t.Cleanup(func() {
		if len(summary) == 0 {
			return
		}
		lines := make([]string, 0, len(summary))
		for _, s := range summary {
			lines = append(lines, s)
		}
		sort.Strings(lines)
		t.Logf("checked %d PDFs:\n%s\nlargest position difference %.4f pt: %s", len(lines), strings.Join(lines, "\n"), maxD, maxAt)
	})
	for _, job := range jobs {
		t.Run(job.edition.Name+"/"+job.lang, func(t *testing.T) {
			t.Parallel()
			req := Request{Leaflet: l, Langs: []string{job.lang}, Editions: []*compose.Edition{job.edition}, Paper: layout.A4}
			outs, ds := Run(t.Context(), req)
			if ds.HasErrors() || len(outs) != 1 {
				t.Fatalf("got %d outputs, %v", len(outs), ds)
			}
			// the display list, laid out again as compose does
			doc, ds := l.Localize(job.lang)
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			ed := job.edition.Layout(req.Settings())
			family := ed.Family()
			res, ds := ed.Layout(doc, set.WithText(family), text.NewShaper(set.WithText(family)))
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			if len(res.Pages) != outs[0].Pages || res.BodySize != outs[0].BodySize {
				t.Fatalf("the layout again has %d pages at %g pt; the build %d at %g pt", len(res.Pages), res.BodySize, outs[0].Pages, outs[0].BodySize)
			}

			file := pdfFile(t, outs[0])
			pages := parseTrace(t, runTool(t, mutool, "trace", file))
			if len(pages) != len(res.Pages) {
				t.Fatalf("the PDF has %d pages; the display list %d", len(pages), len(res.Pages))
			}
			name := job.lang + " " + job.edition.Name
			c := &glyphCheck{t: t, name: name, embedded: embeddedFonts(t, mutool, file), orig: orig, same: map[string]string{}}
			var glyphs, units, plain, bold, extra int
			for pi, p := range res.Pages {
				tp := pages[pi]
				if math.Abs(tp.w-p.Size.W) > posTolerance || math.Abs(tp.h-p.Size.H) > posTolerance {
					t.Errorf("page %d: media box %gx%g; the layout's page is %.4fx%.4f", pi+1, tp.w, tp.h, p.Size.W, p.Size.H)
				}
				var fill, stroke []tracedGlyph
				for _, g := range tp.glyphs {
					if g.stroke {
						stroke = append(stroke, g)
					} else {
						fill = append(fill, g)
					}
				}
				list, n := displayUnits(p)
				var boldList []unit
				for _, u := range list {
					if u.run.FakeBold {
						boldList = append(boldList, u)
					}
					if u.plain {
						plain++
					}
				}
				c.page(pi, p.Size.H, "fill_text", fill, list)
				c.page(pi, p.Size.H, "stroke_text", stroke, boldList)
				glyphs += n
				units += len(list)
				bold += len(boldList)
				extra += tp.extra
			}
			s := fmt.Sprintf("%-12s %-8s %d pages: %5d glyphs in %5d units (%5d plain, %4d composite; %4d also stroked, emboldened), "+
				"%4d extra characters grouped, %4d distinct comparisons in %d fonts; largest position difference %.4f pt",
				job.edition, job.lang, len(res.Pages), glyphs, units, plain, units-plain, bold, extra, len(c.same), len(c.embedded), c.maxD)
			t.Log(s)
			mu.Lock()
			summary[job] = s
			if c.maxD > maxD {
				maxD, maxAt = c.maxD, c.maxWhere
			}
			mu.Unlock()
		})
	}
}
