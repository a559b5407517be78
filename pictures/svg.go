// SPDX-License-Identifier: MIT

package pictures

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ErrUnsupported is wrapped by every error of [ParseSVG] about an SVG feature
// that the parser cannot draw exactly, so callers can tell "this picture
// needs converting" from "this file is broken" with errors.Is.
var ErrUnsupported = errors.New("unsupported SVG feature")

// ParseError is an error in an SVG file. Its message starts with
// name:line:col, the position of the element's start tag (1-based; the column
// counts bytes), or name:line or just name where the position is unknown.
type ParseError struct {
	Name      string // the name given to ParseSVG, usually the file path
	Line, Col int
	Msg       string
	Err       error // ErrUnsupported, the XML error, or nil
}

func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.Name)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

func (e *ParseError) Unwrap() error { return e.Err }

const svgNamespace = "http://www.w3.org/2000/svg"

// skipped are SVG elements that draw nothing by themselves; their content is
// ignored. Anything that would use them (clip-path, mask, filter, fill="url(…)",
// <use>) is reported as unsupported where it is used.
var skipped = map[string]bool{
	"title": true, "desc": true, "metadata": true, "defs": true,
	"linearGradient": true, "radialGradient": true, "pattern": true,
	"clipPath": true, "mask": true, "filter": true, "symbol": true, "marker": true,
}

// paint is the inherited painting state of an element.
type paint struct {
	fill       string // "none" or a normalised colour
	fillRule   string // "nonzero" or "evenodd"
	clipRule   string // "nonzero" or "evenodd"; read but only clips use it
	stroke     string // "none" or a colour
	visibility string // "visible", "hidden" or "collapse"
}

// initialPaint is SVG's initial value of each property.
var initialPaint = paint{fill: "#000000", fillRule: "nonzero", clipRule: "nonzero", stroke: "none", visibility: "visible"}

// ParseSVG parses an SVG picture made of filled <path> elements, possibly in
// <g> groups. The view box comes from the root viewBox attribute, or else
// from its width and height (px, or absolute units at 96 px to the inch).
// Paths with fill="none", visibility="hidden" or display="none" draw nothing
// and are left out; each other path keeps its fill rule (fill-rule, as an
// attribute or in style). The picture must use one fill colour, which the
// caller chooses when drawing.
//
// Arcs, transforms, strokes, other shapes (<circle>, <rect>…), <use>, <text>,
// <image>, nested <svg>, <style> sheets, clips, masks, filters, gradients and
// opacity below 1 are errors that wrap [ErrUnsupported]. name is used in
// error messages and as the Vector's Name.
func ParseSVG(name string, data []byte) (*Vector, error) {
	p := &svgParser{name: name, dec: xml.NewDecoder(bytes.NewReader(data)), v: &Vector{Name: name}}
	if err := p.parse(); err != nil {
		return nil, err
	}
	p.v.Fill = p.colour
	return p.v, nil
}

type svgParser struct {
	name      string
	dec       *xml.Decoder
	v         *Vector
	line, col int     // start of the element being read
	stack     []paint // painting state of the open elements
	rootSeen  bool
	colour    string // the fill colour of the first path drawn
}

func (p *svgParser) errorf(format string, args ...any) *ParseError {
	return &ParseError{Name: p.name, Line: p.line, Col: p.col, Msg: fmt.Sprintf(format, args...)}
}

func (p *svgParser) unsupported(format string, args ...any) *ParseError {
	e := p.errorf(format, args...)
	e.Err = ErrUnsupported
	return e
}

func (p *svgParser) parse() error {
	for {
		p.line, p.col = p.dec.InputPos()
		tok, err := p.dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return p.xmlError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := p.start(t); err != nil {
				return err
			}
		case xml.EndElement:
			p.stack = p.stack[:len(p.stack)-1]
		}
	}
	if !p.rootSeen {
		return &ParseError{Name: p.name, Msg: "no <svg> root element"}
	}
	if len(p.v.Paths) == 0 {
		return &ParseError{Name: p.name, Msg: "no filled path to draw"}
	}
	return nil
}

func (p *svgParser) start(el xml.StartElement) error {
	local := el.Name.Local
	if el.Name.Space != svgNamespace && el.Name.Space != "" {
		if len(p.stack) == 0 {
			return p.errorf("root element is <%s>, not <svg>", local)
		}
		// Editor data (Inkscape, Sodipodi…) draws nothing.
		return p.skip()
	}
	if len(p.stack) == 0 {
		if p.rootSeen {
			return p.errorf("element <%s> after the root element", local)
		}
		if local != "svg" {
			return p.errorf("root element is <%s>, not <svg>", local)
		}
		p.rootSeen = true
		if err := p.viewBox(el); err != nil {
			return err
		}
	} else {
		switch {
		case local == "g" || local == "path":
		case local == "svg":
			return p.unsupported("nested <svg> elements are not supported")
		case local == "style":
			return p.unsupported("<style> sheets are not supported (use attributes or style attributes)")
		case skipped[local]:
			return p.skip()
		default:
			return p.unsupported("<%s> elements are not supported (convert them to paths first)", local)
		}
	}

	props := properties(el)
	if props["display"] == "none" {
		return p.skip()
	}
	st := initialPaint
	if len(p.stack) > 0 {
		st = p.stack[len(p.stack)-1]
	}
	st, err := p.inherit(st, props, local)
	if err != nil {
		return err
	}
	if local != "path" {
		p.stack = append(p.stack, st)
		return nil
	}
	if err := p.path(el, st); err != nil {
		return err
	}
	// Whatever a path contains (<title>, <desc>) draws nothing.
	return p.skip()
}

// skip consumes the rest of the element just started.
func (p *svgParser) skip() error {
	if err := p.dec.Skip(); err != nil {
		return p.xmlError(err)
	}
	return nil
}

// xmlError reports an error of the XML decoder, at the line it gives.
func (p *svgParser) xmlError(err error) *ParseError {
	e := &ParseError{Name: p.name, Msg: err.Error(), Err: err}
	if se := (*xml.SyntaxError)(nil); errors.As(err, &se) {
		e.Line, e.Msg = se.Line, "malformed XML: "+se.Msg
	}
	return e
}

// properties returns the presentation properties of an element from its
// attributes, overridden by its style attribute, with lower-case values.
func properties(el xml.StartElement) map[string]string {
	props := map[string]string{}
	style := ""
	for _, a := range el.Attr {
		if a.Name.Space != "" {
			continue
		}
		switch a.Name.Local {
		case "style":
			style = a.Value
		case "d", "viewBox", "width", "height", "x", "y", "id", "class", "version", "xmlns",
			"preserveAspectRatio", "color", "stroke-width", "stroke-linecap", "stroke-linejoin",
			"stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "stroke-opacity":
			// Not painting properties, or ones without effect when there is no stroke.
		default:
			props[a.Name.Local] = normalise(a.Value)
		}
	}
	for decl := range strings.SplitSeq(style, ";") {
		prop, value, ok := strings.Cut(decl, ":")
		if !ok {
			continue // CSS ignores what it cannot read, and so does SVG
		}
		value = strings.TrimSpace(value)
		if v, found := strings.CutSuffix(strings.ToLower(value), "!important"); found {
			value = v
		}
		props[strings.ToLower(strings.TrimSpace(prop))] = normalise(value)
	}
	return props
}

func normalise(v string) string { return strings.ToLower(strings.TrimSpace(v)) }

// inherit applies an element's properties to its parent's painting state,
// reporting the ones that cannot be drawn exactly.
func (p *svgParser) inherit(st paint, props map[string]string, element string) (paint, error) {
	for _, prop := range []string{"transform", "clip-path", "mask", "filter"} {
		if v, ok := props[prop]; ok && v != "" && v != "none" {
			if prop == "transform" {
				return st, p.unsupported("<%s> has a transform, which is not supported (apply it to the path data first)", element)
			}
			return st, p.unsupported("<%s> has %s=%q, which is not supported", element, prop, v)
		}
	}
	for _, prop := range []string{"opacity", "fill-opacity"} {
		v, ok := props[prop]
		if !ok || v == "inherit" {
			continue
		}
		if !isOpaque(v) {
			return st, p.unsupported("<%s> has %s=%q: only opaque pictures are supported", element, prop, v)
		}
	}
	if v, ok := props["fill"]; ok && v != "inherit" && v != "" {
		if strings.HasPrefix(v, "url(") {
			return st, p.unsupported("<%s> has fill=%q: gradients and patterns are not supported", element, v)
		}
		st.fill = normaliseColour(v)
		if v == "transparent" {
			st.fill = "none"
		}
	}
	if v, ok := props["stroke"]; ok && v != "inherit" && v != "" {
		st.stroke = v
	}
	for _, r := range []struct {
		prop string
		dst  *string
	}{{"fill-rule", &st.fillRule}, {"clip-rule", &st.clipRule}} {
		switch v := props[r.prop]; v {
		case "", "inherit":
		case "nonzero", "evenodd":
			*r.dst = v
		default:
			return st, p.errorf("<%s> has %s=%q; want nonzero or evenodd", element, r.prop, v)
		}
	}
	switch v := props["visibility"]; v {
	case "", "inherit":
	case "visible", "hidden", "collapse":
		st.visibility = v
	default:
		return st, p.errorf("<%s> has visibility=%q; want visible, hidden or collapse", element, v)
	}
	return st, nil
}

// isOpaque reports whether an opacity value ("1", "1.0", "100%") is 1 or more.
func isOpaque(v string) bool {
	scale := 1.0
	if s, ok := strings.CutSuffix(v, "%"); ok {
		v, scale = s, 100
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	return err == nil && f >= scale
}

// normaliseColour spells black, white and #rgb colours as #rrggbb so that
// the one-colour check does not trip over spelling.
func normaliseColour(v string) string {
	switch v {
	case "black":
		return "#000000"
	case "white":
		return "#ffffff"
	}
	if len(v) == 4 && v[0] == '#' {
		return string([]byte{'#', v[1], v[1], v[2], v[2], v[3], v[3]})
	}
	return strings.ReplaceAll(v, " ", "")
}

// path adds one <path> element to the picture.
func (p *svgParser) path(el xml.StartElement, st paint) error {
	if st.stroke != "none" {
		return p.unsupported("<path> has stroke=%q: strokes are not supported (outline them first)", st.stroke)
	}
	if st.fill == "none" || st.visibility != "visible" {
		return nil
	}
	d := ""
	for _, a := range el.Attr {
		if a.Name.Space == "" && a.Name.Local == "d" {
			d = a.Value
		}
	}
	segs, err := parsePathData(d)
	if err != nil {
		var pe *pathError
		if !errors.As(err, &pe) {
			return p.errorf("<path> d: %v", err)
		}
		e := p.errorf("<path> d, byte %d near %q: %s", pe.Off, excerpt(d, pe.Off), pe.Msg)
		if pe.Unsupported {
			e.Err = ErrUnsupported
		}
		return e
	}
	if len(segs) == 0 {
		return nil // no d, or an empty one, draws nothing
	}
	if p.colour == "" {
		p.colour = st.fill
	} else if st.fill != p.colour {
		return p.unsupported("<path> is filled with %s but an earlier path with %s: only one-colour pictures are supported", st.fill, p.colour)
	}
	p.v.Paths = append(p.v.Paths, Path{Segments: segs, EvenOdd: st.fillRule == "evenodd"})
	return nil
}

// excerpt returns up to 16 bytes of d from off, for error messages.
func excerpt(d string, off int) string {
	off = min(off, len(d))
	end := min(off+16, len(d))
	return d[off:end]
}

// viewBox sets the picture's view box from the root element.
func (p *svgParser) viewBox(el xml.StartElement) error {
	var vb, width, height string
	var hasVB bool
	for _, a := range el.Attr {
		if a.Name.Space != "" {
			continue
		}
		switch a.Name.Local {
		case "viewBox":
			vb, hasVB = a.Value, true
		case "width":
			width = a.Value
		case "height":
			height = a.Value
		}
	}
	if hasVB {
		s := &pathScanner{d: vb}
		s.skipSpace()
		var box [4]float64
		err := s.numbers(box[:])
		s.skipSpace()
		if err != nil || !s.eof() {
			return p.errorf("viewBox=%q; want four numbers: min-x, min-y, width, height", vb)
		}
		if box[2] <= 0 || box[3] <= 0 {
			return p.errorf("viewBox=%q has no area", vb)
		}
		p.v.ViewBox = box
		return nil
	}
	if width == "" || height == "" {
		return p.errorf("<svg> has no viewBox and no width and height")
	}
	w, err := p.length("width", width)
	if err != nil {
		return err
	}
	h, err := p.length("height", height)
	if err != nil {
		return err
	}
	p.v.ViewBox = [4]float64{0, 0, w, h}
	return nil
}

// pxPerUnit gives the absolute CSS units in px (96 to the inch).
var pxPerUnit = map[string]float64{"": 1, "px": 1, "pt": 96.0 / 72, "pc": 16, "in": 96, "cm": 96 / 2.54, "mm": 96 / 25.4}

// length reads the root width or height in px.
func (p *svgParser) length(attr, v string) (float64, error) {
	v = normalise(v)
	num := strings.TrimRight(v, "abcdefghijklmnopqrstuvwxyz%")
	unit := v[len(num):]
	f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	scale, known := pxPerUnit[unit]
	switch {
	case err != nil:
		return 0, p.errorf("%s=%q is not a length", attr, v)
	case !known:
		return 0, p.unsupported("%s=%q without a viewBox: unit %q is not supported (add a viewBox)", attr, v, unit)
	case f <= 0:
		return 0, p.errorf("%s=%q; want a positive length", attr, v)
	}
	return f * scale, nil
}
