// SPDX-License-Identifier: MIT

package build

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/go-text/typesetting/font"

	"leaflet/fonts"
	"leaflet/layout"
	"leaflet/layout/text"
)

// This file checks that each built PDF draws exactly the glyphs of its
// display list, where the layout put them. mutool trace (Debian
// mupdf-tools) lists every glyph a viewer draws. fpdf renumbers glyphs when
// it subsets a font, so a traced glyph number indexes the embedded subset,
// not the original font: identity is proved by outlines. Each embedded font
// program (FontFile2) is read back with mutool show and parsed with go-text,
// and the outline of each traced glyph is compared with the outline of the
// display list's glyph ID in the original font file fonts/<face>.ttf, as is
// the glyph's advance width (so that glyphs without an outline, spaces, are
// told apart too).
//
// Order: output/pdf.go draws pages in order, each page's items in order and
// each run's glyphs in order, so the traced glyphs of a page and the display
// list's glyphs are walked side by side. A run set in a face without a bold
// weight (FakeBold) is drawn in text rendering mode 2, fill and stroke, which
// mutool traces twice, as fill_text and stroke_text: the fill_text glyphs
// are the sequence checked; the stroke_text glyphs must be exactly those of
// the FakeBold runs, in order and at the same places.
//
// Positions: a glyph's pen position in the layout is x = run.X + the sum of
// the advances before it + its XOffset and y = run.Y - its YOffset (points,
// from the top left); mutool reports PDF user space, from the bottom left:
// y_pdf = page height - y. Both must agree within 0.01 pt. The size drawn
// (the text matrix) must be the run's size.
//
// A run whose size has more than two decimals would be drawn at the size
// rounded to two decimals, as fpdf writes it, and its glyphs would drift
// from their places: layout rounds sizes to 0.01 pt, and such glyphs are
// counted apart and reported as an error. Any other difference fails.

// posTolerance is the largest difference allowed between a traced glyph's
// position and the layout's, in points.
const posTolerance = 0.01

// tracedGlyph is one glyph drawn, as mutool trace reports it.
type tracedGlyph struct {
	font   string // "TAG+FaceName"
	size   float64
	glyph  int
	x, y   float64
	stroke bool // in a stroke_text element
	line   int  // line of the trace, for messages
}

type tracedPage struct {
	w, h   float64 // the media box's size
	glyphs []tracedGlyph
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

// parseTrace reads mutool trace's output: pages of glyphs.
func parseTrace(t *testing.T, out string) []tracedPage {
	t.Helper()
	var (
		pages  []tracedPage
		kind   string // the text element the lines are in
		font   string
		size   float64
		lineNo int
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
		case "fill_text", "stroke_text":
			kind = el
		case "clip_text", "clip_stroke_text", "ignore_text":
			t.Errorf("mutool trace line %d: unexpected %s: the writer draws text only filled, or filled and stroked", lineNo, el)
			kind = el
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
		case "g":
			if len(pages) == 0 || (kind != "fill_text" && kind != "stroke_text") {
				t.Fatalf("mutool trace line %d: a glyph outside fill_text or stroke_text: %s", lineNo, line)
			}
			a := attrs(line)
			if _, ok := a["glyph"]; !ok {
				// one glyph standing for several characters (a ligature,
				// a conjunct): mutool lists the characters after the
				// first as glyphs of no number and no advance
				continue
			}
			gid, err := strconv.Atoi(a["glyph"])
			if err != nil {
				t.Fatalf("mutool trace line %d: glyph %q: %v", lineNo, a["glyph"], err)
			}
			p := &pages[len(pages)-1]
			p.glyphs = append(p.glyphs, tracedGlyph{font: font, size: size, glyph: gid,
				x: parseFloat(t, a["x"]), y: parseFloat(t, a["y"]), stroke: kind == "stroke_text", line: lineNo})
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
		cmd := exec.Command(mutool, "show", "-b", file, p[1])
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

// sameGlyph reports how glyph a of face fa and glyph b of face fb differ in
// outline and advance, or "" when they are the same.
func sameGlyph(fa *font.Face, a font.GID, fb *font.Face, b font.GID) string {
	if wa, wb := fa.HorizontalAdvance(a), fb.HorizontalAdvance(b); wa != wb {
		return fmt.Sprintf("advance width %v≠%v", wa, wb)
	}
	oa, oka := fa.GlyphData(a).(font.GlyphOutline)
	ob, okb := fb.GlyphData(b).(font.GlyphOutline)
	if !oka || !okb {
		return fmt.Sprintf("not both outlines: %T, %T", fa.GlyphData(a), fb.GlyphData(b))
	}
	if len(oa.Segments) != len(ob.Segments) {
		return fmt.Sprintf("outline of %d segments≠%d", len(oa.Segments), len(ob.Segments))
	}
	for i := range oa.Segments {
		sa, sb := oa.Segments[i], ob.Segments[i]
		if sa.Op != sb.Op || sa.Args != sb.Args {
			return fmt.Sprintf("outline segment %d: %v≠%v", i, sa, sb)
		}
	}
	return ""
}

// listGlyph is one glyph of the display list, where the layout puts it.
type listGlyph struct {
	run  *layout.GlyphRun
	item int
	id   uint16
	x, y float64 // pen position, points from the top left
}

func displayGlyphs(p layout.Page) []listGlyph {
	var out []listGlyph
	for ii, it := range p.Items {
		run, ok := it.(*layout.GlyphRun)
		if !ok {
			continue
		}
		pen := run.X
		for _, g := range run.Glyphs {
			out = append(out, listGlyph{run: run, item: ii, id: g.ID, x: pen + g.XOffset, y: run.Y - g.YOffset})
			pen += g.Advance
		}
	}
	return out
}

// glyphCheck compares traced glyphs with the display list's glyphs.
type glyphCheck struct {
	t        *testing.T
	lang     string
	embedded map[string]*font.Face
	orig     *originalFaces
	same     map[string]string // memo of outline comparisons
	errs     int
	// rounded records the glyphs of runs whose size has more than two
	// decimals: fpdf writes the size with two (Tf "%.2f"), so the viewer
	// draws them at another size than the layout set, and advances
	// through them by other widths than output/pdf.go's pen expects.
	rounded rounding
}

type rounding struct {
	glyphs, off int // glyphs, and those placed more than posTolerance off
	runs        map[*layout.GlyphRun]bool
	maxD        float64
	example     string
}

// sizeWritten is the size fpdf writes for a font size: two decimals.
func sizeWritten(size float64) float64 { return math.Round(size*100) / 100 }

func (c *glyphCheck) errorf(format string, args ...any) {
	c.t.Helper()
	if c.errs++; c.errs <= 20 {
		c.t.Errorf(format, args...)
	} else if c.errs == 21 {
		c.t.Error("… more differences left out")
	}
}

// page compares the traced glyphs of one text kind (fill_text or
// stroke_text) with the display list's glyphs of one page; it returns the
// largest position differences, leaving out glyphs drawn at a rounded size.
func (c *glyphCheck) page(pi int, pageH float64, kind string, traced []tracedGlyph, list []listGlyph) (maxDX, maxDY float64) {
	c.t.Helper()
	if len(traced) != len(list) {
		c.errorf("%s page %d: the PDF draws %d glyphs (%s); the display list has %d", c.lang, pi+1, len(traced), kind, len(list))
	}
	for i := 0; i < len(traced) && i < len(list); i++ {
		tg, lg := traced[i], list[i]
		where := fmt.Sprintf("%s page %d %s glyph %d (trace line %d; item %d %s %q)", c.lang, pi+1, kind, i, tg.line, lg.item, lg.run.Face.Name, lg.run.Text)
		faceName := tg.font
		if _, rest, ok := strings.Cut(tg.font, "+"); ok {
			faceName = rest
		}
		if faceName != lg.run.Face.Name {
			c.errorf("%s: drawn in font %s; the layout set it in %s", where, tg.font, lg.run.Face.Name)
			continue
		}
		// the size as drawn: exact, or a size with more than two decimals
		// rounded as fpdf writes it (see rounding)
		roundedSize := false
		switch {
		case math.Abs(tg.size-lg.run.Size) < 1e-6:
		case math.Abs(tg.size-sizeWritten(lg.run.Size)) < 1e-6:
			roundedSize = true
		default:
			c.errorf("%s: drawn at %g pt; the layout set it at %g pt", where, tg.size, lg.run.Size)
		}
		emb, ok := c.embedded[tg.font]
		if !ok {
			c.errorf("%s: font %s is not embedded", where, tg.font)
			continue
		}
		key := fmt.Sprintf("%s/%d/%d", tg.font, tg.glyph, lg.id)
		diff, ok := c.same[key]
		if !ok {
			diff = sameGlyph(emb, font.GID(tg.glyph), c.orig.get(c.t, lg.run.Face.Name), font.GID(lg.id))
			c.same[key] = diff
		}
		if diff != "" {
			c.errorf("%s: embedded glyph %d is not glyph %d of %s: %s", where, tg.glyph, lg.id, lg.run.Face.Name, diff)
		}
		dx, dy := math.Abs(tg.x-lg.x), math.Abs((pageH-tg.y)-lg.y)
		off := fmt.Sprintf("%s: drawn at %.4f,%.4f (from the top); the layout puts it at %.4f,%.4f", where, tg.x, pageH-tg.y, lg.x, lg.y)
		if roundedSize {
			r := &c.rounded
			if r.runs == nil {
				r.runs = map[*layout.GlyphRun]bool{}
			}
			r.glyphs++
			r.runs[lg.run] = true
			if d := max(dx, dy); d > r.maxD {
				r.maxD, r.example = d, off+fmt.Sprintf(" at %g pt for %g pt", tg.size, lg.run.Size)
			}
			if dx > posTolerance || dy > posTolerance {
				r.off++
			}
			continue
		}
		maxDX, maxDY = max(maxDX, dx), max(maxDY, dy)
		if dx > posTolerance || dy > posTolerance {
			c.errorf("%s", off)
		}
	}
	return maxDX, maxDY
}

func TestPDFDrawsTheDisplayListsGlyphs(t *testing.T) {
	mutool := needTool(t, "mutool", "mupdf-tools")
	l := builtin(t)
	set, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	orig := &originalFaces{}
	for _, lang := range l.Langs() {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			outs, ds := Run(Request{Leaflet: l, Langs: []string{lang}, Editions: []string{"trifold"}, Paper: layout.A4})
			if ds.HasErrors() || len(outs) != 1 {
				t.Fatalf("got %d outputs, %v", len(outs), ds)
			}
			// the display list, laid out again as buildOne does
			doc, ds := l.Localize(lang)
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			res, ds := layout.NewTriFold(layout.A4).Layout(doc, set, text.NewShaper(set))
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
			c := &glyphCheck{t: t, lang: lang, embedded: embeddedFonts(t, mutool, file), orig: orig, same: map[string]string{}}
			var (
				maxDX, maxDY float64
				counts       []string
				total, bold  int
			)
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
				list := displayGlyphs(p)
				var boldList []listGlyph
				for _, g := range list {
					if g.run.FakeBold {
						boldList = append(boldList, g)
					}
				}
				dx, dy := c.page(pi, p.Size.H, "fill_text", fill, list)
				maxDX, maxDY = max(maxDX, dx), max(maxDY, dy)
				dx, dy = c.page(pi, p.Size.H, "stroke_text", stroke, boldList)
				maxDX, maxDY = max(maxDX, dx), max(maxDY, dy)
				counts = append(counts, fmt.Sprintf("page %d: %d", pi+1, len(list)))
				total += len(list)
				bold += len(boldList)
			}
			t.Logf("%s: compared %d glyphs (%s; %d of them also stroked, emboldened), %d distinct glyphs by outline in %d embedded fonts; largest position difference x %.4f pt, y %.4f pt",
				lang, total, strings.Join(counts, ", "), bold, len(c.same), len(c.embedded), maxDX, maxDY)
			if r := c.rounded; r.glyphs > 0 {
				t.Logf("largest difference in runs drawn at a rounded size: %s", r.example)
				t.Errorf("%d glyphs in %d runs are set at a size with more than two decimals: fpdf writes Tf with %%.2f, "+
					"so %d glyphs land more than %g pt from their layout position, up to %.4f pt",
					r.glyphs, len(r.runs), r.off, posTolerance, r.maxD)
			}
		})
	}
}
