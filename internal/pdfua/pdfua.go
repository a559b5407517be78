// SPDX-License-Identifier: MIT

package pdfua

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Report is what Check found.
type Report struct {
	// Problems are the conditions the document fails, one sentence each,
	// and what qpdf warned of while reading it.
	Problems []string
	// Elements are the block-level structure elements that hold content
	// (text or a picture), in the order of the structure tree.
	Elements []Element
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

// Element is a structure element holding content.
type Element struct {
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
func (el Element) String() string { return el.Role + ": " + el.Text }

// checker holds the state of one check.
type checker struct {
	d        *document
	rep      *Report
	pageOf   map[int]int          // page object number to index
	mcids    []map[int]*mcContent // per page
	fonts    map[int]*font        // by font object number
	owner    []map[int]int        // per page: MCID to the element that lists it
	objrs    map[int]int          // annotation object to the element that lists it
	roleMap  map[string]string
	elems    []*Element // block elements in structure order; nil for others
	lastHead int
	docLang  string
}

// problem adds a problem to the report.
func (c *checker) problem(format string, args ...any) {
	c.rep.Problems = append(c.rep.Problems, fmt.Sprintf(format, args...))
}

// Check checks pdf against the machine-checkable PDF/UA-1 conditions a
// generator controls, reading it through qpdf. It returns an error only
// when the file cannot be read (ErrNoQpdf when qpdf is not installed);
// what the file fails, and what qpdf warned of, is in the report's
// Problems. Cancelling ctx stops qpdf.
func Check(ctx context.Context, pdf []byte) (*Report, error) {
	d, warnings, err := readPDF(ctx, pdf)
	if err != nil {
		return nil, err
	}
	c := &checker{d: d, rep: &Report{Problems: warnings}, pageOf: map[int]int{}, fonts: map[int]*font{}, objrs: map[int]int{}}
	for i, p := range d.pages {
		c.pageOf[p] = i
	}
	c.mcids = make([]map[int]*mcContent, len(d.pages))
	c.owner = make([]map[int]int, len(d.pages))
	for i := range d.pages {
		c.mcids[i] = map[int]*mcContent{}
		c.owner[i] = map[int]int{}
	}
	cat := d.dict(d.trailer["/Root"])
	if cat == nil {
		return nil, fmt.Errorf("the trailer's /Root %s is not a dictionary", show(d.trailer["/Root"]))
	}
	c.checkDocument(cat)
	for i := range d.pages {
		if err := c.checkPage(i); err != nil {
			return nil, fmt.Errorf("page %d: %w", i+1, err)
		}
	}
	c.checkTree(cat)
	c.checkOwners()
	c.checkAnnotations()
	return c.rep, nil
}

// checkOwners checks that every marked-content sequence with an MCID
// belongs to a structure element.
func (c *checker) checkOwners() {
	for pi := range c.d.pages {
		for _, m := range slices.Sorted(maps.Keys(c.mcids[pi])) {
			if _, ok := c.owner[pi][m]; !ok {
				c.problem("page %d: marked content MCID %d belongs to no structure element", pi+1, m)
			}
		}
	}
}

// blank reports whether s is empty once white space is trimmed.
func blank(s string) bool { return strings.TrimSpace(s) == "" }
