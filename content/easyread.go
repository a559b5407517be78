// SPDX-License-Identifier: MIT

package content

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // leaflets' own pictures
	_ "image/png"
	"io/fs"
	"path"
	"sort"
	"strings"

	"golang.org/x/text/language"

	"leaflet/pictures"
)

// EasyRead is the easy-read edition's own structure: sections of points,
// each a picture beside a few short sentences (one message each).
type EasyRead struct {
	// Cover is the picture on the cover; Label the words "Easy read".
	Cover *PictureRef
	Label Ref
	// Sections are in reading order.
	Sections []ERSection
	Pos      Pos
}

// ERSection is an easy-read section: a heading and its points.
type ERSection struct {
	Heading *Ref
	Points  []Point
	Pos     Pos
}

// Point is one easy-read point: a picture and its sentences.
type Point struct {
	Picture PictureRef
	Msgs    []Ref
	// Offer, when set, makes the point the offer of the leaflet in other
	// languages: the names of the languages in Langs (empty: every
	// language with a bundle, most spoken first), each in its own language
	// and script, come after the point's first sentence.
	Offer bool
	Langs []string
	Pos   Pos
}

// PictureRef names a picture: a built-in one by name ("phone"), or an image
// file of the leaflet's own (PNG or JPEG) by a path relative to the content
// folder. Alt is the message that describes it.
type PictureRef struct {
	Name string
	// File is the path of the leaflet's own image, or "".
	File string
	Alt  Ref
	Pos  Pos
}

// Image is a leaflet's own picture, read when the leaflet is loaded.
type Image struct {
	Data          []byte
	Format        string // "png" or "jpeg"
	Width, Height int    // pixels
}

type easyReadFile struct {
	Cover    string `toml:"cover" kind:"picture"`
	CoverAlt string `toml:"cover_alt" kind:"message"`
	Label    string `toml:"label" kind:"message"`
	Sections []struct {
		Heading string `toml:"heading" kind:"message"`
		Points  []struct {
			Picture   string   `toml:"picture" kind:"picture"`
			Alt       string   `toml:"alt" kind:"message"`
			Text      []string `toml:"text" kind:"messages"`
			Languages []string `toml:"languages" kind:"tags"`
			Todo      bool     `toml:"todo"`
		} `toml:"point"`
	} `toml:"section"`
}

// closestPictures returns the n built-in picture names closest to name:
// those that contain it or that it contains first, then by how many
// letters differ.
func closestPictures(name string, n int) []string {
	q := strings.NewReplacer("_", "-", " ", "-").Replace(strings.ToLower(strings.TrimSpace(name)))
	names := pictures.Names()
	score := func(c string) int {
		d := editDistance(q, c)
		if len(q) >= 3 && (strings.Contains(c, q) || strings.Contains(q, c)) {
			d -= 100
		}
		return d
	}
	sort.SliceStable(names, func(i, j int) bool { return score(names[i]) < score(names[j]) })
	return names[:min(n, len(names))]
}

// pictureAltID is the message that describes a built-in picture.
func pictureAltID(name string) string { return "picture." + name }

// loadEasyRead checks the [easy_read] table and reads the leaflet's own
// pictures. ref records every message ID it meets.
func (l *Leaflet) loadEasyRead(f *easyReadFile, pos *positions, fsys fs.FS, root string, ref func(id, key string) Ref, wrong func(key string) bool) Diagnostics {
	var ds Diagnostics
	er := &EasyRead{Pos: pos.key("easy_read")}
	picture := func(name, alt, key string) *PictureRef {
		p := &PictureRef{Name: name, Pos: pos.str(name, key+".picture")}
		if strings.HasSuffix(key, "easy_read") {
			p.Pos = pos.str(name, key+".cover")
		}
		switch ext := strings.ToLower(path.Ext(name)); {
		case ext == ".png" || ext == ".jpg" || ext == ".jpeg":
			p.File = path.Clean(name)
			if err := l.loadImage(fsys, root, p); err != nil {
				d := ds.Errorf(p.Pos, "picture %q: %v", name, err)
				d.Source = pos.line(p.Pos.Line)
				d.Hint = "a picture is a built-in name or a PNG or JPEG file, relative to " + path.Join("content", l.ID)
			}
			if alt == "" {
				d := ds.Errorf(p.Pos, "picture %q has no alt text", name)
				d.Source, d.Hint = pos.line(p.Pos.Line), `say what it shows with alt = "<message ID>" beside it`
			}
		case ext != "":
			d := ds.Errorf(p.Pos, "picture %q is neither PNG nor JPEG", name)
			base := strings.TrimSuffix(path.Base(name), path.Ext(name))
			d.Source, d.Hint = pos.line(p.Pos.Line), fmt.Sprintf("convert it to PNG, or use a built-in picture by name; the closest to %q: %s (all %d are in pictures/README.md)",
				base, strings.Join(closestPictures(base, 5), ", "), len(pictures.Names()))
		default:
			// an unknown name is the one error: it has no alt text of
			// its own to report missing too
			if _, err := pictures.Lookup(name); err != nil {
				d := ds.Errorf(p.Pos, "unknown picture %q", name)
				d.Source = pos.line(p.Pos.Line)
				d.Hint = fmt.Sprintf("the built-in pictures closest to %q: %s (all %d are in pictures/README.md); or give a PNG or JPEG file of your own",
					name, strings.Join(closestPictures(name, 5), ", "), len(pictures.Names()))
			} else if alt == "" {
				alt = pictureAltID(name)
			}
		}
		if alt != "" {
			p.Alt = ref(alt, key+".alt")
		}
		return p
	}
	if f.Cover != "" {
		er.Cover = picture(f.Cover, f.CoverAlt, "easy_read")
	} else if !wrong("easy_read.cover") {
		// an easy-read cover has its title, a picture and the words
		// "easy read" (STANDARDS); without one its first page is bare
		d := ds.Warnf(er.Pos, "easy_read has no cover picture: the easy read's first page holds only its title and label")
		d.Source = pos.line(er.Pos.Line)
		d.Hint = `give it the picture of what the leaflet is about: cover = "<picture>" (the tri-fold's front cover draws it too)`
	}
	if f.Label == "" && !wrong("easy_read.label") {
		ds.Errorf(er.Pos, "easy_read has no label").Hint = `add label = "<message ID>": the words "Easy read" on the cover`
	} else if f.Label != "" {
		er.Label = ref(f.Label, "easy_read.label")
	}
	if len(f.Sections) == 0 && !wrong("easy_read.section") {
		ds.Errorf(er.Pos, "easy_read has no sections").Hint = "add [[easy_read.section]] tables with [[easy_read.section.point]]s"
	}
	for si, fsec := range f.Sections {
		key := fmt.Sprintf("easy_read.section[%d]", si)
		s := ERSection{Pos: pos.key(key)}
		if fsec.Heading != "" {
			h := ref(fsec.Heading, key+".heading")
			s.Heading = &h
		}
		if len(fsec.Points) == 0 && !wrong(key+".point") {
			ds.Errorf(s.Pos, "easy-read section %d has no points", si+1)
		}
		for pi, fp := range fsec.Points {
			pkey := fmt.Sprintf("%s.point[%d]", key, pi)
			pt := Point{Pos: pos.key(pkey)}
			if fp.Picture == "" && wrong(pkey+".picture") {
				// reported where it is written
			} else if fp.Picture == "" {
				d := ds.Errorf(pt.Pos, "point %d of easy-read section %d has no picture", pi+1, si+1)
				d.Source, d.Hint = pos.line(pt.Pos.Line), "every easy-read point has a picture: picture = \"phone\", or a PNG or JPEG file"
			} else {
				pt.Picture = *picture(fp.Picture, fp.Alt, pkey)
			}
			if len(fp.Text) == 0 && !wrong(pkey+".text") {
				d := ds.Errorf(pt.Pos, "point %d of easy-read section %d has no text", pi+1, si+1)
				d.Source, d.Hint = pos.line(pt.Pos.Line), `add text = ["<message ID>", …], one message per sentence`
			}
			for _, id := range fp.Text {
				pt.Msgs = append(pt.Msgs, ref(id, pkey+".text"))
			}
			if fp.Todo {
				// a point 'leaflet new' drafted from the leaflet's own text
				p := pos.key(pkey + ".todo")
				d := ds.Warnf(p, "easy-read point %d of section %d (%s) is still to be written: todo = true", pi+1, si+1, strings.Join(fp.Text, ", "))
				d.Source = pos.line(p.Line)
				d.Hint = "write it in short sentences, give it the picture of its idea, then remove todo = true"
			}
			if fp.Languages != nil {
				pt.Offer, pt.Langs = true, fp.Languages
				for _, tag := range fp.Languages {
					if t, err := language.Parse(tag); err != nil || t.String() != tag {
						p := pos.str(tag, pkey+".languages")
						d := ds.Errorf(p, "%q is not a valid BCP 47 language tag", tag)
						d.Source = pos.line(p.Line)
					}
				}
			}
			s.Points = append(s.Points, pt)
		}
		er.Sections = append(er.Sections, s)
	}
	l.EasyRead = er
	ds = append(ds, er.checkMeanings(pos)...)
	return ds
}

// checkMeanings warns when one picture stands for two things. In easy read
// a reader learns what a picture means; the same picture at two points
// must mean the same there, so the alt text that says what it means must
// be the same message at both (a built-in picture's own picture.<name>
// unless the point gives another). The cover counts as a use. A picture
// is the same when it is the same built-in name or the same image file.
func (er *EasyRead) checkMeanings(pos *positions) Diagnostics {
	var ds Diagnostics
	type use struct {
		alt string
		pos Pos
	}
	first := map[string]use{}
	see := func(p *PictureRef) {
		if p == nil || (p.Name == "" && p.File == "") {
			return
		}
		key, what := "name:"+p.Name, fmt.Sprintf("picture %q", p.Name)
		if p.File != "" {
			key, what = "file:"+p.File, fmt.Sprintf("picture file %q", p.File)
		}
		u, ok := first[key]
		if !ok {
			first[key] = use{p.Alt.ID, p.Pos}
			return
		}
		if u.alt == p.Alt.ID {
			return
		}
		at := u.pos.String()
		if u.pos.File == p.Pos.File && u.pos.Line > 0 {
			at = fmt.Sprintf("line %d", u.pos.Line)
		}
		d := ds.Warnf(p.Pos, "%s stands for two things: alt text %q here, %q at %s", what, p.Alt.ID, u.alt, at)
		d.Source = pos.line(p.Pos.Line)
		d.Hint = "in easy read one picture means one thing: choose another picture for one of the points (see pictures/README.md), or give both the same alt text if they mean the same"
	}
	see(er.Cover)
	for si := range er.Sections {
		for pi := range er.Sections[si].Points {
			see(&er.Sections[si].Points[pi].Picture)
		}
	}
	return ds
}

// OfferAt returns the point at pos when it is the easy read's offer of the
// leaflet in other languages.
func (l *Leaflet) OfferAt(pos Pos) (*Point, bool) {
	if l.EasyRead == nil {
		return nil, false
	}
	for si := range l.EasyRead.Sections {
		for pi, p := range l.EasyRead.Sections[si].Points {
			if p.Pos == pos && p.Offer {
				return &l.EasyRead.Sections[si].Points[pi], true
			}
		}
	}
	return nil, false
}

// LanguageNames returns the names of the languages the easy read's offer
// lists for a document in lang: the languages Offers gives, in its order,
// each Text only the bundle's language.name, in its own language
// (Text.Lang).
func (l *Leaflet) LanguageNames(lang string, langs []string) ([]Offer, Diagnostics) {
	offers, ds := l.Offers(lang, langs)
	return l.languageNames(offers), ds
}

// languageNames returns a copy of offers (Offers) with each Text only the
// language's name.
func (l *Leaflet) languageNames(offers []Offer) []Offer {
	if offers == nil {
		return nil
	}
	out := make([]Offer, len(offers))
	for i, o := range offers {
		// an offer's text opens with the language's name
		t := Text{ID: "language.name", Lang: o.Lang, Pos: l.Bundles[o.Lang].Pos("language.name")}
		if len(o.Text.Runs) > 0 {
			t.Runs = []Run{{Text: o.Text.Runs[0].Text}}
		}
		o.Text = t
		out[i] = o
	}
	return out
}

// loadImage reads one of the leaflet's own pictures.
func (l *Leaflet) loadImage(fsys fs.FS, root string, p *PictureRef) error {
	if _, ok := l.Images[p.File]; ok {
		return nil
	}
	data, err := fs.ReadFile(fsys, path.Join("content", l.ID, p.File))
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", displayPath(root, path.Join("content", l.ID, p.File)), unwrapPathError(err))
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("cannot read the image: %w", err)
	}
	if l.Images == nil {
		l.Images = map[string]*Image{}
	}
	l.Images[p.File] = &Image{Data: data, Format: format, Width: cfg.Width, Height: cfg.Height}
	return nil
}
