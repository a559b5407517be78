// SPDX-License-Identifier: MIT

package content

import "strings"

// Linear is a document read in one column from its title to its end, as
// the editions of pages, the web page, the e-book and braille read it.
// Its sections have lost their languages blocks, and a section left with
// nothing is dropped.
type Linear struct {
	// Cover holds the cover's blocks: the title and what goes with it.
	Cover []DocBlock
	// Text holds the sections of text in reading order: the inside's,
	// then the flap's.
	Text []DocSection
	// Back holds how to get in touch: the back's sections, the web
	// address among the contact details (a line of the contact block, or
	// a block of its own after the last section) when no text of theirs
	// gives it. Contact is the index of the section with the contact
	// block, or -1.
	Back    []DocSection
	Contact int
	// Languages holds every languages block, which comes last under
	// LanguagesHeading: the heading of a section that held nothing but
	// languages blocks, or nil.
	Languages        []DocBlock
	LanguagesHeading *Text
}

// Linear returns the document read in one column (see Linear). The
// document is not changed: the sections changed are copies.
func (d *Document) Linear() Linear {
	out := Linear{Contact: -1}
	for _, place := range []Place{Cover, Inside, Flap, Back} {
		for _, s := range d.Sections {
			if s.Place != place {
				continue
			}
			if place == Cover {
				out.Cover = append(out.Cover, s.Blocks...)
				continue
			}
			c := s
			c.Blocks = nil
			langs := 0
			for _, b := range s.Blocks {
				if b.Kind == Languages {
					out.Languages = append(out.Languages, b)
					langs++
				} else {
					c.Blocks = append(c.Blocks, b)
				}
			}
			switch {
			case len(c.Blocks) == 0:
				if langs > 0 && s.Heading != nil && out.LanguagesHeading == nil {
					out.LanguagesHeading = s.Heading
				}
			case place == Back:
				out.Back = append(out.Back, c)
			default:
				out.Text = append(out.Text, c)
			}
		}
	}
	out.Back, out.Contact = withWebsite(d.Org.Website, out.Back)
	return out
}

// withWebsite returns the sections that say how to get in touch with the
// web address among the contact details when no text of theirs gives it —
// a line of the contact block, or a contact block of its own after the
// last section — and the index of the section with the contact block (-1
// for none). The address is a link and never broken.
func withWebsite(site string, secs []DocSection) ([]DocSection, int) {
	contact, mentioned := -1, false
	for si, s := range secs {
		for _, b := range s.Blocks {
			for _, t := range b.Texts {
				mentioned = mentioned || (site != "" && strings.Contains(t.String(), site))
			}
			if b.Kind == Contact && contact < 0 {
				contact = si
			}
		}
	}
	if site == "" || mentioned || len(secs) == 0 {
		return secs, contact
	}
	secs = append([]DocSection(nil), secs...)
	web := Text{Runs: []Run{{Text: site, Link: normaliseLink(site), NoBreak: true}}}
	if contact < 0 { // no contact block: the address is one
		contact = len(secs) - 1
		s := secs[contact]
		web.Pos = s.Pos
		s.Blocks = append(append([]DocBlock(nil), s.Blocks...), DocBlock{Kind: Contact, Texts: []Text{web}, Pos: s.Pos})
		secs[contact] = s
		return secs, contact
	}
	s := secs[contact]
	s.Blocks = append([]DocBlock(nil), s.Blocks...)
	for bi, b := range s.Blocks {
		if b.Kind == Contact {
			web.Pos = b.Pos
			b.Texts = append(append([]Text(nil), b.Texts...), web)
			s.Blocks[bi] = b
			break
		}
	}
	secs[contact] = s
	return secs, contact
}
