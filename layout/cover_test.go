// SPDX-License-Identifier: MIT

package layout

import (
	"bytes"
	"image"
	"image/png"
	"math"
	"strings"
	"testing"

	"leaflet/content"
)

func TestFrontCoverInformsAndAttracts(t *testing.T) {
	set, sh := tools(t)
	// the colour field and band, by language: every language's cover has
	// the same design
	shapes := map[string][]Rect{}
	for _, lang := range builtinLangs(t) {
		doc := builtinDoc(t, lang)
		res, ds := NewTriFold(A4).Layout(doc, set, sh)
		if ds.HasErrors() {
			t.Fatalf("%s: %v", lang, ds)
		}
		cover := NewTriFold(A4).Imposition(doc.RTL)[FrontCover]
		page := res.Pages[cover.Page]
		var title, audience, action float64
		field := 0.0
		for _, it := range page.Items {
			b := it.Bounds()
			if b.X < cover.Area.X-1 || b.X >= cover.Area.X+cover.Area.W {
				continue
			}
			switch it := it.(type) {
			case *GlyphRun:
				switch it.MsgID {
				case "cover.title":
					title = max(title, it.Size)
				case "cover.audience":
					audience = it.Size
				case "cover.action":
					action = it.Size
					if strings.Contains(it.Text, doc.Org.Phone) && it.Link != "tel:+441604364036" {
						t.Errorf("%s: the phone number on the cover links to %q", lang, it.Link)
					}
				}
			case *Box:
				if it.W >= cover.Area.W*0.8 {
					field += it.W * it.H
					// office printers print no nearer the edge than 5 mm
					if it.X < MM(5)-0.01 || it.Y < MM(5)-0.01 || it.X+it.W > res.Pages[0].Size.W-MM(5)+0.01 || it.Y+it.H > cover.Area.H-MM(5)+0.01 {
						t.Errorf("%s: the cover's colour %+v comes within 5 mm of the sheet's edge", lang, it.Rect)
					}
					shapes[lang] = append(shapes[lang], it.Rect)
				}
			}
		}
		// display size: 32-40 pt, smaller only where a long word must fit
		// the column unbroken ("Wykorzystywanie")
		if least := map[bool]float64{true: 32, false: 24}[lang == "en"]; title < least || title > 40 {
			t.Errorf("%s: the title is set at %.0f pt; want display size, %.0f-40 pt", lang, title, least)
		}
		if audience < 12 || action < 12 {
			t.Errorf("%s: the audience line is %.0f pt and the call to action %.0f pt; want both, at 12 pt or more", lang, audience, action)
		}
		if share := field / (cover.Area.W * cover.Area.H); share < 0.4 {
			t.Errorf("%s: colour covers %.0f%% of the cover; want a strong field, at least 40%%", lang, 100*share)
		}
	}
	for lang, s := range shapes {
		en := shapes["en"]
		for i := range s {
			if i >= len(en) || math.Abs(s[i].Y-en[i].Y) > 0.01 || math.Abs(s[i].H-en[i].H) > 0.01 {
				t.Errorf("%s: the cover's colour %v differs from the English cover's %v", lang, s, en)
				break
			}
		}
	}
}

func TestPrintShopCoverRunsIntoTheBleed(t *testing.T) {
	set, sh := tools(t)
	tf := NewTriFold(A4)
	tf.PrintShop = true
	res, ds := tf.Layout(builtinDoc(t, "en"), set, sh)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	p := res.Pages[0]
	var top, side, foot bool
	for _, it := range p.Items {
		if b, ok := it.(*Box); ok && b.Fill == tf.Style.Accent && b.W > MM(90) {
			top = top || b.Y <= p.Bleed.Y+0.01
			side = side || b.X+b.W >= p.Bleed.X+p.Bleed.W-0.01
			foot = foot || b.Y+b.H >= p.Bleed.Y+p.Bleed.H-0.01
		}
	}
	if !top || !side || !foot {
		t.Errorf("the cover's colour reaches the bleed at the top %v, the side %v, the foot %v; want all three", top, side, foot)
	}
}

func TestFrontCoverPrintsTheLogo(t *testing.T) {
	set, sh := tools(t)
	for _, tc := range []struct {
		name  string
		width int
		warn  string
	}{
		{"sharp", 600, ""},
		{"too small for print", 120, "prints at 76 dpi"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, tc.width, tc.width/3))); err != nil {
				t.Fatal(err)
			}
			doc := builtinDoc(t, "en")
			org := doc.Org
			org.Logo = &content.Logo{File: "logo.png", Image: &content.Image{Data: b.Bytes(), Format: "png", Width: tc.width, Height: tc.width / 3}}
			doc.Org = org
			res, ds := NewTriFold(A4).Layout(doc, set, sh)
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			var logo *Picture
			for _, it := range res.Pages[0].Items {
				if p, ok := it.(*Picture); ok && p.Image != nil {
					logo = p
				}
			}
			if logo == nil || logo.Alt != doc.Org.Name || ToMM(logo.W) < 30 || ToMM(logo.W) > 41 {
				t.Fatalf("got logo %+v; want it about 40 mm wide, its alt text the organisation's name", logo)
			}
			warned := strings.Contains(ds.Error(), "logo \"logo.png\" "+tc.warn)
			if tc.warn != "" && !warned || tc.warn == "" && strings.Contains(ds.Error(), "dpi") {
				t.Errorf("got %q; want a warning %q", ds.Error(), tc.warn)
			}
		})
	}
}

func TestFlapSectionThatDoesNotFitSaysWhichAndHowMuch(t *testing.T) {
	set, sh := tools(t)
	doc := leafletOf(t, 2)
	// the flap's own section, far too long for one panel
	for i := range doc.Sections {
		if doc.Sections[i].Place == content.Flap {
			h := content.Text{ID: "flap.heading", Runs: []content.Run{{Text: "On the flap"}}}
			doc.Sections[i].Heading = &h
			for j := 0; j < 6; j++ {
				doc.Sections[i].Blocks = append(doc.Sections[i].Blocks, doc.Sections[1].Blocks...)
			}
		}
	}
	_, ds := NewTriFold(A4).Layout(doc, set, sh)
	msg := ds.Error()
	for _, want := range []string{"panel flap", "does not fit", "section \"On the flap\"", " mm)"} {
		if !strings.Contains(msg, want) {
			t.Errorf("got %q; want it to contain %q", msg, want)
		}
	}
}

func TestFrontCoverFitsWhateverTheBodySize(t *testing.T) {
	set, sh := tools(t)
	for _, lang := range builtinLangs(t) {
		doc := builtinDoc(t, lang)
		// a short leaflet, set at 14 pt: the cover (with its draft
		// notice) is the same as at 10 pt
		var secs []content.DocSection
		for _, s := range doc.Sections {
			if s.Place != content.Inside || len(secs) < 3 {
				secs = append(secs, s)
			}
		}
		doc.Sections = secs
		res, ds := NewTriFold(A4).Layout(doc, set, sh)
		if ds.HasErrors() {
			t.Errorf("%s: %v", lang, ds)
			continue
		}
		if res.BodySize < 12 {
			t.Errorf("%s: a short leaflet is set at %.1f pt; want it larger", lang, res.BodySize)
		}
	}
}

func TestCallToActionBreaksAfterItsQuestion(t *testing.T) {
	for _, tc := range []struct{ in, question, call string }{
		{"Questions or concerns? Call 01604 364036", "Questions or concerns?", "Call 01604 364036"},
		{"سوالات یا خدشات ہیں؟ 01604 364036 پر کال کریں", "سوالات یا خدشات ہیں؟", "01604 364036 پر کال کریں"},
		{"有疑问或担忧？请致电 01604 364036", "有疑问或担忧？", "请致电 01604 364036"},
		{"Call 01604 364036", "", "Call 01604 364036"},
	} {
		q, c := splitQuestion(content.Text{Runs: []content.Run{{Text: tc.in}}})
		if q.String() != tc.question || c.String() != tc.call {
			t.Errorf("splitQuestion(%q) = %q, %q; want %q, %q", tc.in, q.String(), c.String(), tc.question, tc.call)
		}
	}
}

func TestCallToActionKeepsTheNumberWithItsVerb(t *testing.T) {
	set, sh := tools(t)
	for _, lang := range builtinLangs(t) {
		res, ds := NewTriFold(A4).Layout(builtinDoc(t, lang), set, sh)
		if ds.HasErrors() {
			t.Fatalf("%s: %v", lang, ds)
		}
		lines := map[float64]bool{}
		for _, p := range res.Pages {
			for _, it := range p.Items {
				if g, ok := it.(*GlyphRun); ok && g.MsgID == "cover.action" {
					lines[g.Y] = true
				}
			}
		}
		if len(lines) != 2 {
			t.Errorf("%s: the call to action takes %d lines; want 2, the question and the call", lang, len(lines))
		}
	}
}

func TestBackCoverSetsTheQRCodeAtItsFoot(t *testing.T) {
	set, sh := tools(t)
	for _, lang := range []string{"en", "ur"} {
		doc := builtinDoc(t, lang)
		res, ds := NewTriFold(A4).Layout(doc, set, sh)
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		back := NewTriFold(A4).Imposition(doc.RTL)[BackCover]
		frame := NewTriFold(A4).frame(back.Area)
		var site *GlyphRun
		for _, it := range res.Pages[back.Page].Items {
			if g, ok := it.(*GlyphRun); ok && g.Text == doc.Org.Website && g.X >= back.Area.X && g.X < back.Area.X+back.Area.W {
				site = g
			}
		}
		if site == nil {
			t.Fatalf("%s: no web address on the back cover", lang)
		}
		if gap := frame.Y + frame.H - site.Y; gap > res.BodySize*2 {
			t.Errorf("%s: the web address under the QR code sits %.0f pt above the panel's foot; want it at the foot", lang, gap)
		}
	}
}
