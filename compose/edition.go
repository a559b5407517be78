// SPDX-License-Identifier: MIT

package compose

import (
	"fmt"
	"strings"

	"leaflet/braille"
	"leaflet/content"
	"leaflet/fonts"
	"leaflet/layout"
	"leaflet/layout/text"
)

// Layout is an edition's layout: it sets a localised document with the
// embedded fonts, choosing its own text family.
type Layout interface {
	Layout(*content.Document, *fonts.Set, *text.Shaper) (*layout.Result, content.Diagnostics)
	// Family is the text family the edition sets Latin text in; other
	// scripts take their own faces.
	Family() string
}

// Settings are what a build asks of every edition: the tri-fold's paper
// and marks, the large-print and easy-read size.
type Settings struct {
	Paper layout.Paper
	// Size is the body size of the large-print and easy-read editions;
	// zero means each edition's default.
	Size float64
	// FoldMarks adds fold guides to the tri-fold.
	FoldMarks bool
	// PrintShop makes the tri-fold the print shop's file: bleed, crop
	// and fold marks outside the trim, trim and bleed boxes.
	PrintShop bool
	// Braille is the braille edition's page size and grade.
	Braille braille.Options
}

// Edition is a kind of edition the program makes of a leaflet. The
// editions are the values below; compare them as pointers.
type Edition struct {
	// Name is the edition's name on the command line and in file names;
	// Title is how a reader calls it ("large print").
	Name, Title string
	// Folded reports the folded sheet (its pages are the two sides of
	// one sheet, in panels); the other editions are a sequence of pages.
	Folded bool
	// OnRequest editions are built only when asked for.
	OnRequest bool
	// EasyRead reports an edition of the easy-read text, which a leaflet
	// may not have.
	EasyRead bool
	// Text reports an edition made from the localised document itself,
	// not laid out: its jobs have no layout, and its file is not a PDF.
	Text bool
	// layout makes the edition's layout for a build's settings; nil for
	// a text edition.
	layout func(Settings) Layout
	// suffix is what the file name adds after the edition's name.
	suffix func(Settings) string
	// file, when set, names the edition's file instead, and companion its
	// companion file's (see FileName and CompanionName).
	file, companion func(leaflet, lang string, s Settings) string
}

// The editions.
var (
	// TriFold is the folded leaflet, on A4 or US Letter.
	TriFold = &Edition{Name: "trifold", Title: "tri-fold", Folded: true,
		layout: func(s Settings) Layout {
			tf := layout.NewTriFold(s.Paper)
			tf.FoldMarks = s.FoldMarks && !s.PrintShop // the print shop's marks are outside the trim
			tf.PrintShop = s.PrintShop
			return tf
		},
		suffix: func(s Settings) string {
			var b strings.Builder
			if s.Paper.Name != layout.A4.Name {
				b.WriteString("-" + s.Paper.Name)
			}
			if s.PrintShop {
				b.WriteString("-print")
			}
			return b.String()
		},
	}
	// LargePrint is the large-print edition, at 18 pt or the size asked.
	LargePrint = &Edition{Name: "large-print", Title: "large print",
		layout: func(s Settings) Layout { return layout.NewLargePrint(sizeOr(s.Size, layout.LargePrintDefault)) },
		suffix: func(s Settings) string { return sizeSuffix(s.Size, layout.LargePrintDefault) },
	}
	// EasyRead is the easy-read edition, a picture beside every point.
	EasyRead = &Edition{Name: "easy-read", Title: "easy read", EasyRead: true,
		layout: func(s Settings) Layout { return layout.NewEasyRead(sizeOr(s.Size, layout.EasyReadDefault)) },
		suffix: func(s Settings) string { return sizeSuffix(s.Size, layout.EasyReadDefault) },
	}
	// Screen is the edition for phones and email: A6 pages on any paper.
	Screen = &Edition{Name: "screen", Title: "screen", OnRequest: true,
		layout: func(Settings) Layout { return layout.NewScreen() },
		suffix: func(Settings) string { return "" },
	}
	// Braille is the braille edition: a Braille Ready Format file, with
	// its text in Unicode braille beside it.
	Braille = &Edition{Name: "braille", Title: "braille", OnRequest: true, Text: true,
		file: func(leaflet, lang string, s Settings) string {
			return leaflet + "-" + lang + brailleSuffix(lang, s.Braille) + ".brf"
		},
		companion: func(leaflet, lang string, s Settings) string {
			return leaflet + "-" + lang + brailleSuffix(lang, s.Braille) + "-braille.txt"
		},
	}
	// HTML is the web page: one semantic HTML file, <leaflet>-<lang>.html.
	HTML = &Edition{Name: "html", Title: "web page", OnRequest: true, Text: true,
		file: func(leaflet, lang string, _ Settings) string { return leaflet + "-" + lang + ".html" },
	}
	// EasyReadHTML is the easy read's web page,
	// <leaflet>-<lang>-easy-read.html.
	EasyReadHTML = &Edition{Name: "easy-read-html", Title: "easy read web page", OnRequest: true, EasyRead: true, Text: true,
		file: func(leaflet, lang string, _ Settings) string { return leaflet + "-" + lang + "-easy-read.html" },
	}
	// EPUB is the e-book, the easy read its second part:
	// <leaflet>-<lang>.epub.
	EPUB = &Edition{Name: "epub", Title: "EPUB", OnRequest: true, Text: true,
		file: func(leaflet, lang string, _ Settings) string { return leaflet + "-" + lang + ".epub" },
	}
)

// Editions lists every edition, in the order builds report them.
var Editions = []*Edition{TriFold, LargePrint, EasyRead, Screen, Braille, HTML, EasyReadHTML, EPUB}

func (e *Edition) String() string { return e.Name }

// holdsEasyRead reports an edition that prints or shows the easy read's
// sections: an easy-read edition, or the EPUB, whose second part it is.
func (e *Edition) holdsEasyRead() bool { return e.EasyRead || e == EPUB }

// Layout returns the edition's layout for a build's settings; a text
// edition has none.
func (e *Edition) Layout(s Settings) Layout {
	if e.layout == nil {
		return nil
	}
	return e.layout(s)
}

// FileName returns the edition's file name. A PDF's is
// <leaflet>-<lang>-<edition>.pdf, with the tri-fold's paper when it is not
// A4 and "-print" for the print shop's file, and the large-print or
// easy-read size when it is not the default; the screen edition's pages
// are A6 on any paper: its name is always <leaflet>-<lang>-screen.pdf. The
// braille edition's is <leaflet>-<lang>.brf, with "-g1" for English
// uncontracted and the page's cells and lines when they are not 40 × 25:
// cse-en-g1-38x27.brf. The web and e-book editions' are
// <leaflet>-<lang>.html, <leaflet>-<lang>-easy-read.html and
// <leaflet>-<lang>.epub.
func (e *Edition) FileName(leaflet, lang string, s Settings) string {
	if e.file != nil {
		return e.file(leaflet, lang, s)
	}
	return leaflet + "-" + lang + "-" + e.Name + e.suffix(s) + ".pdf"
}

// CompanionName returns the name of the file written beside the
// edition's, or "" when there is none: the braille edition's text in
// Unicode braille, <leaflet>-<lang>-braille.txt (with the suffixes of its
// BRF).
func (e *Edition) CompanionName(leaflet, lang string, s Settings) string {
	if e.companion == nil {
		return ""
	}
	return e.companion(leaflet, lang, s)
}

// Lookup returns the edition of a name; an unknown name is an error that
// lists the editions.
func Lookup(name string) (*Edition, error) {
	for _, e := range Editions {
		if e.Name == name {
			return e, nil
		}
	}
	return nil, fmt.Errorf("no edition %q: want one of %s", name, Names(Editions))
}

// Names returns the editions' names, comma-separated.
func Names(eds []*Edition) string {
	names := make([]string, len(eds))
	for i, e := range eds {
		names[i] = e.Name
	}
	return strings.Join(names, ", ")
}

// Defaults returns the editions built when none is asked for: every one
// not built only on request, without the easy read when the leaflet has no
// easy-read text, which is a warning in diags (when diags is not nil).
func Defaults(l *content.Leaflet, diags *content.Diagnostics) []*Edition {
	var out []*Edition
	for _, e := range Editions {
		switch {
		case e.OnRequest:
		case e.EasyRead && l.EasyRead == nil:
			if diags != nil {
				d := diags.Warnf(content.Pos{File: l.File}, "leaflet %q has no easy-read text: no easy-read edition built", l.ID)
				d.Hint = "add an [easy_read] table; see docs/formats.md"
			}
		default:
			out = append(out, e)
		}
	}
	return out
}

// brailleSuffix is what a braille file's name adds: "-g1" for a language
// whose braille has grades built uncontracted, the cells and lines of a
// page other than 40 × 25.
func brailleSuffix(lang string, o braille.Options) string {
	o = o.WithDefaults()
	var b strings.Builder
	if o.Grade == 1 && braille.Graded(lang) {
		b.WriteString("-g1")
	}
	if o.Cells != braille.DefaultCells || o.Lines != braille.DefaultLines {
		fmt.Fprintf(&b, "-%dx%d", o.Cells, o.Lines)
	}
	return b.String()
}

func sizeOr(size, def float64) float64 {
	if size == 0 {
		return def
	}
	return size
}

func sizeSuffix(size, def float64) string {
	if size == 0 || size == def {
		return ""
	}
	return fmt.Sprintf("-%gpt", size)
}
