// SPDX-License-Identifier: MIT

package layout

import (
	"strings"
	"testing"
)

func TestScreenEditionIsOneColumnOnA6PagesForEveryLanguage(t *testing.T) {
	set, _ := tools(t)
	set = set.WithText(NewScreen().Family())
	sh := newShaperFor(set)
	for _, lang := range builtinLangs(t) {
		t.Run(lang, func(t *testing.T) {
			doc := builtinDoc(t, lang)
			res, ds := NewScreen().Layout(doc, set, sh)
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			if res.Duplex {
				t.Error("the screen edition is marked duplex")
			}
			checkPageEdition(t, doc, res)
			tel := 0
			for pi, p := range res.Pages {
				if p.Size != A6Portrait {
					t.Errorf("page %d is %.2f x %.2f pt; want A6 %.2f x %.2f", pi+1, p.Size.W, p.Size.H, A6Portrait.W, A6Portrait.H)
				}
				f := p.Regions[0].Frame
				for _, it := range p.Items {
					switch it := it.(type) {
					case *GlyphRun:
						if it.Size < 12 {
							t.Errorf("page %d: %q is set at %g pt; want the body's 12 pt or more", pi+1, it.Text, it.Size)
						}
						if strings.HasPrefix(it.Link, "tel:+44") {
							tel++
						}
						if it.Role == RoleArtifact {
							continue
						}
					case *Picture:
						if it.Vector != nil && it.Vector.Name == "qr" {
							t.Errorf("page %d has a QR code", pi+1)
						}
					}
					b := it.Bounds()
					if g, ok := it.(*GlyphRun); ok {
						// a face's ascent and descent may exceed the line
						// (Arabic's Naskh): the baseline is in the column
						b.Y, b.H = g.Y-g.Size*0.7, g.Size
					}
					if eps := 0.5; b.X < f.X-eps || b.X+b.W > f.X+f.W+eps || b.Y < f.Y-eps || b.Y+b.H > f.Y+f.H+eps {
						t.Errorf("page %d: %T %+v leaves the column %+v", pi+1, it, b, f)
					}
				}
			}
			if tel == 0 {
				t.Error("no phone number is a tel: link")
			}
		})
	}
}

func TestScreenEditionOpensWithTheTitleAndBookmarksEverySection(t *testing.T) {
	res := layoutPages(t, "en", NewScreen())
	var first []string
	for _, it := range res.Pages[0].Items {
		if g, ok := it.(*GlyphRun); ok && g.Role != RoleArtifact && (len(first) == 0 || first[len(first)-1] != g.MsgID) {
			first = append(first, g.MsgID)
		}
	}
	want := []string{"cover.title", "cover.subtitle", "cover.audience", "cover.action", ""}
	if len(first) < len(want) || strings.Join(first[:len(want)], "|") != strings.Join(want, "|") {
		t.Errorf("page 1 opens with %q; want %q (the organisation's name has no message)", first, want)
	}
	var got []string
	for _, p := range res.Pages {
		for _, b := range p.Bookmarks {
			got = append(got, b.Title)
		}
	}
	wantB := []string{"Child Sexual Exploitation (CSE)", "What is Child Sexual Exploitation (CSE)?", "Recognise the signs of Child Sexual Exploitation",
		"CSE Assessment", "CSE – Toolkit for Professionals", "Tackling CSE Toolkit – how to use it", "Contact us", "Other languages"}
	if strings.Join(got, "|") != strings.Join(wantB, "|") {
		t.Errorf("got bookmarks %q; want %q", got, wantB)
	}
}

func TestScreenLinksStandOutInTheAccentColour(t *testing.T) {
	res := layoutPages(t, "en", NewScreen())
	n := 0
	for _, p := range res.Pages {
		for _, it := range p.Items {
			if g, ok := it.(*GlyphRun); ok && g.Link != "" {
				n++
				if g.Color != NewScreen().Style.Accent {
					t.Errorf("link %q is %v; want the accent colour", g.Text, g.Color)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no links")
	}
}
