// SPDX-License-Identifier: MIT

package pictures

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// summary describes a parsed picture on one line: view box, then each path
// as its fill rule and segments.
func summary(v *Vector) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%g %g %g %g", v.ViewBox[0], v.ViewBox[1], v.ViewBox[2], v.ViewBox[3])
	for _, p := range v.Paths {
		rule := "nonzero"
		if p.EvenOdd {
			rule = "evenodd"
		}
		fmt.Fprintf(&b, " | %s: %s", rule, dump(p.Segments))
	}
	return b.String()
}

const svgOpen = `<svg width="48" height="48" viewBox="0 0 48 48" fill="none" xmlns="http://www.w3.org/2000/svg">`

func TestParseSVGReadsFilledPaths(t *testing.T) {
	tests := []struct {
		name, svg, want string
	}{
		{"healthicons style",
			svgOpen + `<path d="M0 0H10V10Z" fill="currentColor"/><path fill-rule="evenodd" clip-rule="evenodd" d="M1 1h2v2z" fill="currentColor"/></svg>`,
			"0 0 48 48 | nonzero: M 0 0 L 10 0 L 10 10 Z | evenodd: M 1 1 L 3 1 L 3 3 Z"},
		{"viewBox with commas and an offset",
			`<svg viewBox="-2,-2, 24,24" xmlns="http://www.w3.org/2000/svg"><path d="M0 0L1 1"/></svg>`,
			"-2 -2 24 24 | nonzero: M 0 0 L 1 1"},
		{"no viewBox: width and height in px",
			`<svg width="32px" height="16" xmlns="http://www.w3.org/2000/svg"><path d="M0 0L1 1"/></svg>`,
			"0 0 32 16 | nonzero: M 0 0 L 1 1"},
		{"no viewBox: width and height in inches",
			`<svg width="1in" height="0.5in" xmlns="http://www.w3.org/2000/svg"><path d="M0 0L1 1"/></svg>`,
			"0 0 96 48 | nonzero: M 0 0 L 1 1"},
		{"no namespace",
			`<svg viewBox="0 0 8 8"><path d="M0 0L1 1"/></svg>`,
			"0 0 8 8 | nonzero: M 0 0 L 1 1"},
		{"paths in nested groups inherit fill and fill-rule",
			svgOpen + `<g fill="currentColor"><g fill-rule="evenodd"><path d="M0 0L1 1"/></g><path d="M2 2L3 3"/></g></svg>`,
			"0 0 48 48 | evenodd: M 0 0 L 1 1 | nonzero: M 2 2 L 3 3"},
		{"fill-rule in style",
			svgOpen + `<path style="fill: currentColor; fill-rule : evenodd" d="M0 0L1 1"/></svg>`,
			"0 0 48 48 | evenodd: M 0 0 L 1 1"},
		{"style overrides the attribute",
			svgOpen + `<path fill="none" fill-rule="evenodd" style="fill:#000;fill-rule:nonzero" d="M0 0L1 1"/></svg>`,
			"0 0 48 48 | nonzero: M 0 0 L 1 1"},
		{"a path can say nonzero inside an evenodd group",
			svgOpen + `<g fill="#000" fill-rule="evenodd"><path fill-rule="nonzero" d="M0 0L1 1"/><path fill-rule="inherit" d="M2 2L3 3"/></g></svg>`,
			"0 0 48 48 | nonzero: M 0 0 L 1 1 | evenodd: M 2 2 L 3 3"},
		{"clip-rule alone does not change the fill rule",
			svgOpen + `<path clip-rule="evenodd" fill="currentColor" d="M0 0L1 1"/></svg>`,
			"0 0 48 48 | nonzero: M 0 0 L 1 1"},
		{"fill none, inherited fill none, transparent, display none and hidden draw nothing",
			svgOpen + `<path d="M9 9L9 8"/><path fill="none" d="M9 9L9 8"/>` +
				`<path fill="transparent" d="M9 9L9 8"/><g fill="currentColor"><path display="none" d="M9 9L9 8"/><path style="visibility:hidden" d="M9 9L9 8"/>` +
				`<g style="display:none"><path d="M9 9L9 8"/></g><path d="M0 0L1 1"/></g></svg>`,
			"0 0 48 48 | nonzero: M 0 0 L 1 1"},
		{"a visible path inside a hidden group is drawn",
			svgOpen + `<g fill="#000" visibility="hidden"><path d="M9 9L9 8"/><path visibility="visible" d="M0 0L1 1"/></g></svg>`,
			"0 0 48 48 | nonzero: M 0 0 L 1 1"},
		{"empty and missing d draw nothing",
			svgOpen + `<g fill="#000"><path d=""/><path/><path d="M0 0L1 1"/></g></svg>`,
			"0 0 48 48 | nonzero: M 0 0 L 1 1"},
		{"black spelt three ways is one colour",
			svgOpen + `<path fill="black" d="M0 0L1 1"/><path fill="#000" d="M2 2L3 3"/><path fill="#000000" d="M4 4L5 5"/></svg>`,
			"0 0 48 48 | nonzero: M 0 0 L 1 1 | nonzero: M 2 2 L 3 3 | nonzero: M 4 4 L 5 5"},
		{"titles, definitions and editor data are ignored",
			`<?xml version="1.0"?><!DOCTYPE svg><svg viewBox="0 0 8 8" xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape">` +
				`<title>t</title><desc>d</desc><metadata><x/></metadata><defs><circle r="3"/></defs><inkscape:grid/><!-- c -->` +
				`<path d="M0 0L1 1" stroke="none" stroke-width="2" opacity="1" fill-opacity="100%"><title>p</title></path></svg>`,
			"0 0 8 8 | nonzero: M 0 0 L 1 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := ParseSVG("t.svg", []byte(tt.svg))
			if err != nil {
				t.Fatalf("ParseSVG: %v", err)
			}
			if got := summary(v); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if v.Name != "t.svg" {
				t.Errorf("got Name %q; want %q", v.Name, "t.svg")
			}
		})
	}
}

func TestParseSVGRejectsWhatItCannotDrawExactly(t *testing.T) {
	tests := []struct {
		name, svg   string
		want        string // the whole message, or its start when it ends in "…"
		unsupported bool
	}{
		{"arc",
			svgOpen + "\n" + `<path d="M0 0 A5 5 0 0 1 10 10" fill="currentColor"/></svg>`,
			`t.svg:2:1: <path> d, byte 5 near "A5 5 0 0 1 10 10": arc command "A" is not supported (convert arcs to curves first)`, true},
		{"transform on a group",
			svgOpen + "\n  " + `<g transform="translate(1 1)"><path d="M0 0L1 1"/></g></svg>`,
			"t.svg:2:3: <g> has a transform, which is not supported (apply it to the path data first)", true},
		{"transform on a path",
			svgOpen + `<path transform="scale(2)" d="M0 0L1 1"/></svg>`,
			"t.svg:1:96: <path> has a transform…", true},
		{"transform in style",
			svgOpen + `<path style="transform: rotate(45deg)" d="M0 0L1 1"/></svg>`,
			"t.svg:1:96: <path> has a transform…", true},
		{"circle", svgOpen + `<circle cx="5" cy="5" r="5"/></svg>`,
			"t.svg:1:96: <circle> elements are not supported (convert them to paths first)", true},
		{"rect", svgOpen + `<g><rect width="5" height="5"/></g></svg>`, "t.svg:1:99: <rect> elements are not supported…", true},
		{"use", svgOpen + `<use href="#a"/></svg>`, "t.svg:1:96: <use> elements are not supported…", true},
		{"text", svgOpen + `<text>Hi</text></svg>`, "t.svg:1:96: <text> elements are not supported…", true},
		{"nested svg", svgOpen + `<svg viewBox="0 0 1 1"/></svg>`, "t.svg:1:96: nested <svg> elements are not supported", true},
		{"style sheet", svgOpen + `<style>path{fill:red}</style></svg>`, "t.svg:1:96: <style> sheets are not supported…", true},
		{"stroke", svgOpen + `<path stroke="#000" d="M0 0L1 1"/></svg>`,
			`t.svg:1:96: <path> has stroke="#000": strokes are not supported (outline them first)`, true},
		{"inherited stroke on an unfilled path",
			`<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" xmlns="http://www.w3.org/2000/svg"><path d="M0 0L1 1"/></svg>`,
			`t.svg:1:95: <path> has stroke="currentcolor"…`, true},
		{"clip path", svgOpen + `<path clip-path="url(#c)" d="M0 0L1 1"/></svg>`, `t.svg:1:96: <path> has clip-path="url(#c)", which is not supported`, true},
		{"mask", svgOpen + `<g mask="url(#m)"/></svg>`, `t.svg:1:96: <g> has mask="url(#m)"…`, true},
		{"filter", svgOpen + `<g style="filter:url(#f)"/></svg>`, `t.svg:1:96: <g> has filter="url(#f)"…`, true},
		{"gradient", svgOpen + `<path fill="url(#g)" d="M0 0L1 1"/></svg>`, `t.svg:1:96: <path> has fill="url(#g)": gradients and patterns are not supported`, true},
		{"half opacity", svgOpen + `<g opacity="0.5"/></svg>`, `t.svg:1:96: <g> has opacity="0.5": only opaque pictures are supported`, true},
		{"fill opacity in percent", svgOpen + `<path fill-opacity="50%" d="M0 0L1 1"/></svg>`, `t.svg:1:96: <path> has fill-opacity="50%"…`, true},
		{"two colours",
			svgOpen + "\n" + `<path fill="#000" d="M0 0L1 1"/>` + "\n" + `<path fill="#fff" d="M0 0L1 1"/></svg>`,
			"t.svg:3:1: <path> is filled with #ffffff but an earlier path with #000000: only one-colour pictures are supported", true},
		{"percent size without a viewBox", `<svg width="100%" height="100%"><path d="M0 0L1 1"/></svg>`,
			`t.svg:1:1: width="100%" without a viewBox: unit "%" is not supported (add a viewBox)`, true},

		{"malformed XML", svgOpen + "\n" + `<path d="M0 0L1 1"></svg>`, "t.svg:2: malformed XML: element <path> closed by </svg>", false},
		{"not SVG", `<html><path d="M0 0L1 1"/></html>`, "t.svg:1:1: root element is <html>, not <svg>", false},
		{"no root", `<?xml version="1.0"?>`, "t.svg: no <svg> root element", false},
		{"nothing to draw", svgOpen + `<path fill="none" d="M0 0L1 1"/></svg>`, "t.svg: no filled path to draw", false},
		{"bad path data", svgOpen + `<path fill="#000" d="M0 0 L1"/></svg>`, `t.svg:1:96: <path> d, byte 7 near "": expected a number, found end of data`, false},
		{"bad viewBox", `<svg viewBox="0 0 48"><path d="M0 0L1 1"/></svg>`, `t.svg:1:1: viewBox="0 0 48"; want four numbers: min-x, min-y, width, height`, false},
		{"empty viewBox", `<svg viewBox="0 0 0 48"><path d="M0 0L1 1"/></svg>`, `t.svg:1:1: viewBox="0 0 0 48" has no area`, false},
		{"no size at all", `<svg><path d="M0 0L1 1"/></svg>`, "t.svg:1:1: <svg> has no viewBox and no width and height", false},
		{"bad fill-rule", svgOpen + `<path fill-rule="odd" d="M0 0L1 1"/></svg>`, `t.svg:1:96: <path> has fill-rule="odd"; want nonzero or evenodd`, false},
		{"two roots", `<svg viewBox="0 0 1 1"><path d="M0 0L1 1"/></svg><svg/>`, "t.svg:1:50: element <svg> after the root element", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := ParseSVG("t.svg", []byte(tt.svg))
			if err == nil {
				t.Fatalf("got %s, no error; want error %q", summary(v), tt.want)
			}
			got := err.Error()
			if prefix, ok := strings.CutSuffix(tt.want, "…"); ok {
				if !strings.HasPrefix(got, prefix) {
					t.Errorf("got error %q; want one starting %q", got, prefix)
				}
			} else if got != tt.want {
				t.Errorf("got error  %q\nwant error %q", got, tt.want)
			}
			if errors.Is(err, ErrUnsupported) != tt.unsupported {
				t.Errorf("got errors.Is(err, ErrUnsupported) = %v; want %v", !tt.unsupported, tt.unsupported)
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Name != "t.svg" {
				t.Errorf("got error %#v; want a *ParseError naming t.svg", err)
			}
		})
	}
}
