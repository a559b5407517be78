// SPDX-License-Identifier: MIT

package content

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"io/fs"
	"path"
	"reflect"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"leaflet/pictures"
)

// Place says where a section goes on the tri-fold.
type Place string

const (
	// Cover is the front cover (and the start of the page editions).
	Cover Place = "cover"
	// Inside sections flow through the inside left, middle and fold-in
	// panels, in order.
	Inside Place = "inside"
	// Flap is the panel seen beside the inside left on opening the cover.
	Flap Place = "flap"
	// Back is the back cover: contact details and the formats statement.
	Back Place = "back"
)

var places = []Place{Cover, Inside, Flap, Back}

// BlockKind is the kind of a block.
type BlockKind string

const (
	Title    BlockKind = "title"
	Subtitle BlockKind = "subtitle"
	// Audience says who the leaflet is for; Action is a call to action
	// (on the front cover: what to do, with the phone number).
	Audience  BlockKind = "audience"
	Action    BlockKind = "action"
	Paragraph BlockKind = "paragraph"
	List      BlockKind = "list"
	Quote     BlockKind = "quote"
	Contact   BlockKind = "contact"
	// Languages is the offer of the leaflet in other languages, one line
	// in each language that has a bundle.
	Languages BlockKind = "languages"
)

var blockKinds = []BlockKind{Title, Subtitle, Audience, Action, Paragraph, List, Quote, Contact, Languages}

// SystemMessages are the messages the builder itself sets, beside those
// the content file places: the language's own name, the offer of the
// leaflet in that language, the notice on draft translations, the page
// number and the heading over the languages offer of the page editions,
// and the words "Braille edition" on the braille edition's title page
// (docs/formats.md lists them).
var SystemMessages = []string{"language.name", "request.language", "notice.draft", PageMessage, LanguagesHeadingMessage, BrailleEditionMessage}

// BrailleEditionMessage is the message of the words "Braille edition" on
// the braille edition's title page.
const BrailleEditionMessage = "braille.edition"

// Ref is a message ID as written in leaflet.toml, with its position.
type Ref struct {
	ID  string
	Pos Pos
}

// Organisation holds the facts that are never translated. Messages use
// them as template data: {{.Name}}, {{.Phone}} and so on.
type Organisation struct {
	Name      string
	ShortName string
	Address   []string
	Phone     string
	Email     string
	Website   string
	// Logo is the organisation's logo, printed on the front cover, or nil.
	Logo *Logo
}

// Logo is an organisation's logo: a PNG or JPEG image, or a one-colour SVG
// picture, read when the leaflet is loaded.
type Logo struct {
	File   string // relative to content/<id>/
	Pos    Pos
	Image  *Image
	Vector *pictures.Vector
}

// Block is one block of a section: one message for a title, subtitle or
// paragraph; one per item, paragraph or line for a list, quote or contact.
type Block struct {
	Kind BlockKind
	Msgs []Ref
	// Source is the quotation's source, for a quote.
	Source *Ref
	// Langs are the languages a languages block lists, in order; empty
	// means every language with a bundle, in the default order.
	Langs []string
	Pos   Pos
}

// Section is a heading (optional) and its blocks.
type Section struct {
	Place   Place
	Heading *Ref
	Blocks  []Block
	Pos     Pos
}

// Leaflet is a loaded, validated leaflet in all its languages.
type Leaflet struct {
	ID        string
	Published time.Time
	Org       Organisation
	Sections  []Section
	// Source is the language the leaflet is written in ("en").
	Source string
	// Bundles are the message bundles by language tag.
	Bundles map[string]*Bundle
	// Reviews holds each language's review status; a language missing
	// from it is a draft.
	Reviews map[string]Review
	// EasyRead is the easy-read edition's structure, or nil when the
	// leaflet has none.
	EasyRead *EasyRead
	// QR asks for a QR code of the website on the tri-fold's back cover.
	QR bool
	// Images are the leaflet's own pictures by path.
	Images map[string]*Image
	// File is the display path of leaflet.toml.
	File string

	i18nOnce sync.Once
	i18n     *i18n.Bundle
	i18nErr  error
}

// Langs returns the languages with a bundle, the source language first and
// the others sorted.
func (l *Leaflet) Langs() []string {
	out := []string{l.Source}
	var rest []string
	for tag := range l.Bundles {
		if tag != l.Source {
			rest = append(rest, tag)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// Title returns the ref of the cover's title block, if any.
func (l *Leaflet) Title() *Ref {
	for _, s := range l.Sections {
		for _, b := range s.Blocks {
			if b.Kind == Title {
				return &b.Msgs[0]
			}
		}
	}
	return nil
}

// The file formats, decoded strictly (schema.go): an unknown key or a
// value of the wrong type is an error at its place.
type leafletFile struct {
	Published time.Time `toml:"published"`
	QR        bool      `toml:"qr"`
	Source    string    `toml:"source_language"`
	Org       struct {
		Name      string   `toml:"name"`
		ShortName string   `toml:"short_name"`
		Address   []string `toml:"address" kind:"lines"`
		Phone     string   `toml:"phone"`
		Email     string   `toml:"email"`
		Website   string   `toml:"website"`
		Logo      string   `toml:"logo" kind:"file"`
	} `toml:"organisation"`
	Sections []sectionFile `toml:"section"`
	EasyRead *easyReadFile `toml:"easy_read"`
}

// sectionFile is one [[section]] table of leaflet.toml.
type sectionFile struct {
	Place   string      `toml:"place" kind:"place"`
	Heading string      `toml:"heading" kind:"message"`
	Blocks  []blockFile `toml:"block"`
}

// blockFile is one [[section.block]] table: one key of its kind, and a
// quote's source.
type blockFile struct {
	Title     string   `toml:"title" kind:"message"`
	Subtitle  string   `toml:"subtitle" kind:"message"`
	Audience  string   `toml:"audience" kind:"message"`
	Action    string   `toml:"action" kind:"message"`
	Paragraph string   `toml:"paragraph" kind:"message"`
	List      []string `toml:"list" kind:"messages"`
	Quote     []string `toml:"quote" kind:"messages"`
	Source    string   `toml:"source" kind:"message"`
	Contact   []string `toml:"contact" kind:"messages"`
	Languages []string `toml:"languages" kind:"tags"`
}

// Load reads and validates the leaflet id from fsys, which holds
// content/<id>/leaflet.toml and locales/<id>/active.<lang>.toml. root is
// prefixed to file names in diagnostics. It returns the leaflet (nil when
// it cannot be used) and every problem found.
func Load(fsys fs.FS, root, id string) (*Leaflet, Diagnostics) {
	return LoadWith(fsys, root, id, LoadOptions{})
}

// LoadOptions changes what LoadWith reads.
type LoadOptions struct {
	// Langs, when not empty, are the languages a build sets (tags as a
	// reader gives them, matched as MatchLang does): the other languages'
	// bundles are read only for what the languages offer shows of them —
	// their name and their line of the offer — so that a build of one
	// language does not parse every translation, and a mistake elsewhere
	// in a language it does not build does not stop it. The source
	// language is always read whole.
	Langs []string
}

// LoadWith is Load with options.
func LoadWith(fsys fs.FS, root, id string, opt LoadOptions) (*Leaflet, Diagnostics) {
	ld := &loader{fsys: fsys, root: root, id: id, placed: map[string]Pos{}, opt: opt}
	f, ok := ld.decode()
	if !ok {
		return nil, ld.ds
	}
	l := ld.leaflet(f)
	for si, s := range f.Sections {
		ld.section(si, s)
	}
	if f.EasyRead != nil {
		ld.easyRead(f.EasyRead)
	}
	ld.ds = append(ld.ds, l.loadBundles(fsys, root, opt.Langs)...)
	ld.ds = append(ld.ds, l.loadReviews(fsys, root)...)
	ld.messageUse()
	ld.ds = append(ld.ds, l.checkCopies()...)
	ld.ds.Sort()
	return l, ld.ds
}

// loader holds what Load gathers while it reads a leaflet: the problems
// found, the positions of leaflet.toml's keys, and the message IDs the
// file writes and places.
type loader struct {
	fsys     fs.FS
	root, id string
	// display is leaflet.toml's path in diagnostics
	display string
	ds      Diagnostics
	pos     *positions
	dec     schemaDecoder
	l       *Leaflet
	// mentioned holds every message ID written, in blocks valid or not,
	// so that one mistake does not also make its messages look unused
	mentioned []Ref
	// placed holds the messages placed so far, in the tri-fold's sections
	// and then in the easy read: a second placing prints the words twice,
	// and is kept in twices
	placed map[string]Pos
	twices []placing
	opt    LoadOptions
}

// placing is a message placed again, at r, after its first place.
type placing struct {
	r     Ref
	first Pos
}

// decode reads leaflet.toml and decodes it strictly. It returns false
// when the file cannot be read or is not valid TOML; for a file that is
// not TOML, the bundles' own problems are reported as well, so that one
// run reports every problem.
func (ld *loader) decode() (*leafletFile, bool) {
	name := path.Join("content", ld.id, "leaflet.toml")
	ld.display = displayPath(ld.root, name)
	src, err := fs.ReadFile(ld.fsys, name)
	if err != nil {
		d := ld.ds.Errorf(Pos{File: ld.display}, "cannot read the leaflet: %v", unwrapPathError(err))
		if errors.Is(err, fs.ErrNotExist) {
			d.Hint = fmt.Sprintf("a leaflet %q needs %s; 'leaflet init DIR' writes a starting point", ld.id, name)
		}
		return nil, false
	}
	ld.pos = scanPositions(ld.display, src)
	var raw map[string]any
	err = checkUTF8(ld.display, src, ld.pos)
	if err == nil {
		_, err = toml.Decode(string(src), &raw)
	}
	if err != nil {
		ld.ds = append(ld.ds, tomlDiagnostic(ld.display, string(src), ld.pos, err))
		// still check the bundles, so that one run reports every problem
		stub := &Leaflet{ID: ld.id, Source: "en", Bundles: map[string]*Bundle{}}
		for _, d := range stub.loadBundles(ld.fsys, ld.root, ld.opt.Langs) {
			if d.Pos.Line > 0 {
				ld.ds = append(ld.ds, d)
			}
		}
		ld.ds.Sort()
		return nil, false
	}
	var f leafletFile
	ld.dec = schemaDecoder{pos: ld.pos, ds: &ld.ds, what: "leaflet.toml"}
	ld.dec.decode(raw, reflect.ValueOf(&f), "")
	return &f, true
}

// leaflet makes the leaflet from leaflet.toml's own facts: its source
// language, date, QR code and organisation, with the logo read.
func (ld *loader) leaflet(f *leafletFile) *Leaflet {
	pos := ld.pos
	l := &Leaflet{ID: ld.id, File: ld.display, Source: f.Source, Bundles: map[string]*Bundle{}}
	ld.l = l
	if l.Source == "" {
		l.Source = "en"
	}
	l.Published = publishedUTC(f.Published)
	l.QR = f.QR
	if f.QR && f.Org.Website == "" {
		d := ld.ds.Errorf(pos.key("qr"), "qr = true needs the organisation's website")
		d.Source, d.Hint = pos.line(pos.key("qr").Line), `add website = "…" under [organisation], or remove qr`
	}
	o := f.Org
	l.Org = Organisation{Name: o.Name, ShortName: o.ShortName, Address: o.Address, Phone: o.Phone, Email: o.Email, Website: o.Website}
	if o.Name == "" && !ld.dec.wrong("organisation.name") {
		ld.ds.Errorf(pos.key("organisation"), "the organisation has no name").Hint = `add name = "…" under [organisation]`
	}
	if o.Logo != "" {
		p := pos.str(o.Logo, "organisation.logo")
		logo, err := loadLogo(ld.fsys, ld.root, ld.id, o.Logo)
		if err != nil {
			d := ld.ds.Errorf(p, "logo %q: %v", o.Logo, err)
			d.Source = pos.line(p.Line)
			d.Hint = "give a PNG or JPEG (300 dpi at about 40 mm wide: 470 pixels) or a one-colour SVG, by a path relative to " + path.Join("content", ld.id) + "/"
		} else {
			logo.Pos = p
			l.Org.Logo = logo
		}
	}
	if len(f.Sections) == 0 && !ld.dec.wrong("section") {
		ld.ds.Errorf(Pos{File: ld.display}, "the leaflet has no sections").Hint = "add [[section]] tables; see docs/formats.md"
	}
	return l
}

// ref records a message ID written at key (a key path with indices, as
// positions records them) and returns it with its position.
func (ld *loader) ref(id, key string) Ref {
	r := Ref{id, ld.pos.claim(id, key)}
	ld.mentioned = append(ld.mentioned, r)
	return r
}

// twice records that message r is placed, and when it was placed before,
// the second placing.
func (ld *loader) twice(r Ref) {
	if first, ok := ld.placed[r.ID]; ok {
		ld.twices = append(ld.twices, placing{r, first})
		return
	}
	ld.placed[r.ID] = r.Pos
}

// section reads the [[section]] table at index si and its blocks, and
// adds the section to the leaflet.
func (ld *loader) section(si int, fsec sectionFile) {
	pos := ld.pos
	key := fmt.Sprintf("section[%d]", si)
	s := Section{Place: Place(fsec.Place), Pos: pos.key(key)}
	if s.Place == "" {
		s.Place = Inside
	}
	if !validPlace(s.Place) {
		p := pos.str(fsec.Place, key+".place")
		d := ld.ds.Errorf(p, "unknown place %q", fsec.Place)
		d.Source, d.Hint = pos.line(p.Line), "a place is one of "+joinQuoted(places)
	}
	if fsec.Heading != "" {
		s.Heading = &Ref{fsec.Heading, pos.claim(fsec.Heading, key+".heading")}
		ld.mentioned = append(ld.mentioned, *s.Heading)
		ld.twice(*s.Heading)
	}
	if len(fsec.Blocks) == 0 && s.Heading == nil && !ld.dec.wrong(key+".heading") && !ld.dec.wrong(key+".block") {
		ld.ds.Errorf(s.Pos, "section %d is empty", si+1).Hint = "give it a heading or [[section.block]] tables"
	}
	for bi, fb := range fsec.Blocks {
		if b, ok := ld.block(si, bi, fb); ok {
			s.Blocks = append(s.Blocks, b)
		}
	}
	ld.l.Sections = append(ld.l.Sections, s)
}

// block reads block bi of section si. It returns false for a block that
// cannot be used: one without a kind, or with two, reported.
func (ld *loader) block(si, bi int, fb blockFile) (Block, bool) {
	pos := ld.pos
	bkey := fmt.Sprintf("section[%d].block[%d]", si, bi)
	b := Block{Pos: pos.key(bkey)}
	var kinds []BlockKind
	one := func(k BlockKind, id string) {
		if id != "" {
			kinds = append(kinds, k)
			b.Kind, b.Msgs = k, []Ref{ld.ref(id, bkey+"."+string(k))}
		}
	}
	many := func(k BlockKind, ids []string) {
		if ids != nil {
			kinds = append(kinds, k)
			b.Kind, b.Msgs = k, nil
			for _, id := range ids {
				b.Msgs = append(b.Msgs, ld.ref(id, bkey+"."+string(k)))
			}
			if len(ids) == 0 {
				ld.ds.Errorf(pos.key(bkey+"."+string(k)), "the %s is empty", k).Hint = "list at least one message ID"
			}
		}
	}
	one(Title, fb.Title)
	one(Subtitle, fb.Subtitle)
	one(Audience, fb.Audience)
	one(Action, fb.Action)
	one(Paragraph, fb.Paragraph)
	many(List, fb.List)
	many(Quote, fb.Quote)
	many(Contact, fb.Contact)
	if fb.Languages != nil {
		kinds = append(kinds, Languages)
		b.Kind, b.Msgs, b.Langs = Languages, nil, fb.Languages
		for _, tag := range fb.Languages {
			if t, err := language.Parse(tag); err != nil || t.String() != tag {
				p := pos.str(tag, bkey+".languages")
				d := ld.ds.Errorf(p, "%q is not a valid BCP 47 language tag", tag)
				d.Source = pos.line(p.Line)
			}
		}
	}
	wrongKind := false // a kind's key with a value of the wrong type, reported
	for _, k := range blockKinds {
		wrongKind = wrongKind || ld.dec.wrong(bkey+"."+string(k))
	}
	switch {
	case len(kinds) == 0 && wrongKind:
		return Block{}, false
	case len(kinds) == 0:
		d := ld.ds.Errorf(b.Pos, "block %d of section %d has no kind", bi+1, si+1)
		d.Source, d.Hint = pos.line(b.Pos.Line), "a block has exactly one of "+joinQuoted(blockKinds)
		return Block{}, false
	case len(kinds) > 1:
		d := ld.ds.Errorf(b.Pos, "block %d of section %d has two kinds: %s", bi+1, si+1, joinQuoted(kinds))
		d.Source, d.Hint = pos.line(b.Pos.Line), "split it into one [[section.block]] per kind"
		return Block{}, false
	}
	if fb.Source != "" {
		if b.Kind != Quote {
			ld.ds.Errorf(pos.key(bkey+".source"), "source belongs to a quote, not a %s", b.Kind)
		} else {
			r := ld.ref(fb.Source, bkey+".source")
			b.Source = &r
		}
	}
	for _, r := range b.Msgs {
		ld.twice(r)
	}
	if b.Source != nil {
		ld.twice(*b.Source)
	}
	return b, true
}

// easyRead reads the [easy_read] table, and records the easy read's own
// words placed twice in it.
func (ld *loader) easyRead(f *easyReadFile) {
	l := ld.l
	ld.ds = append(ld.ds, l.loadEasyRead(f, ld.pos, ld.fsys, ld.root, ld.ref, ld.dec.wrong)...)
	// the easy read's own words, placed twice
	ld.placed = map[string]Pos{}
	for _, s := range l.EasyRead.Sections {
		if s.Heading != nil {
			ld.twice(*s.Heading)
		}
		for _, p := range s.Points {
			for _, m := range p.Msgs {
				ld.twice(m)
			}
		}
	}
}

// messageUse checks the message IDs leaflet.toml writes against the
// source language's bundle: each must be in it, each of its messages
// should be used, and one placed twice is reported.
func (ld *loader) messageUse() {
	l, pos := ld.l, ld.pos
	en := l.Bundles[l.Source]
	switch {
	case en != nil && en.Empty():
		d := ld.ds.Errorf(Pos{File: en.File}, "the %s bundle has no messages: the %d message IDs of %s have no text", l.Source, len(distinctIDs(ld.mentioned)), ld.display)
		d.Hint = "write a table for each, [<message ID>] with other = \"…\" and description = \"…\": see docs/formats.md, part 2"
		return
	case en == nil:
		return
	}
	ids := en.IDs()
	used := map[string]bool{}
	for _, id := range SystemMessages {
		used[id] = true
	}
	for _, r := range ld.mentioned {
		used[r.ID] = true
		if _, ok := en.Messages[r.ID]; !ok {
			d := ld.ds.Errorf(r.Pos, "unknown message ID %q", r.ID)
			d.Source, d.Code = pos.line(r.Pos.Line), CodeUnknownMessage
			d.Hint = fmt.Sprintf("add [%s] to %s, or correct the ID", r.ID, en.File)
			if near := nearest(r.ID, ids); near != "" {
				d.Hint = fmt.Sprintf("did you mean %q? (or add [%s] to %s)", near, r.ID, en.File)
			}
		}
	}
	for _, a := range ld.twices {
		if en.Messages[a.r.ID] != nil { // an unknown ID is reported as such
			ld.ds.placedTwice(a.r, a.first, pos)
		}
	}
	for _, id := range ids {
		if !used[id] {
			d := ld.ds.Warnf(en.Pos(id), "message %q is not used by %s", id, ld.display)
			d.Hint, d.Code = "remove it, or place it in a section", CodeUnusedMessage
		}
	}
}

// distinctIDs returns the message IDs of refs, each once.
func distinctIDs(refs []Ref) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range refs {
		if !seen[r.ID] {
			seen[r.ID] = true
			out = append(out, r.ID)
		}
	}
	return out
}

// placedTwice warns that a message is placed a second time, at r.
func (ds *Diagnostics) placedTwice(r Ref, first Pos, pos *positions) {
	at := first.String()
	if first.File == r.Pos.File && first.Line > 0 {
		at = fmt.Sprintf("line %d", first.Line)
	}
	d := ds.Warnf(r.Pos, "message %q is placed twice: its words are printed here and at %s", r.ID, at)
	d.Source = pos.line(r.Pos.Line)
	d.Hint = "remove one, or give this place a message of its own"
}

func validPlace(p Place) bool {
	for _, q := range places {
		if p == q {
			return true
		}
	}
	return false
}

func joinQuoted[T ~string](xs []T) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}

func displayPath(root, name string) string {
	if root == "" {
		return name
	}
	return path.Join(root, name)
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// tomlDiagnostic turns a TOML decoding error into a diagnostic with the
// position and the offending line.
func tomlDiagnostic(file, src string, pos *positions, err error) Diagnostic {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		p := Pos{File: file, Line: pe.Position.Line, Col: pe.Position.Col}
		if start := pe.Position.Start; start > 0 && start <= len(src) {
			// count from the byte offset: at a line's end the parser's
			// own line and column point past it
			p.Line = 1 + strings.Count(src[:start], "\n")
			p.Col = start - strings.LastIndex(src[:start], "\n")
		}
		d := Diagnostic{Pos: p, Severity: Error, Msg: "invalid TOML: " + pe.Message, Source: pos.line(p.Line)}
		if pe.Usage != "" {
			d.Hint = strings.TrimSpace(pe.Usage)
		}
		return d
	}
	var ue utf8Error
	if errors.As(err, &ue) {
		return ue.d
	}
	return Diagnostic{Pos: Pos{File: file}, Severity: Error, Msg: "invalid TOML: " + err.Error()}
}

// nearest returns the candidate closest to s by edit distance, when it is
// close enough to be a likely typo.
func nearest(s string, candidates []string) string {
	best, bestD := "", len(s)/3+1
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// loadLogo reads an organisation's logo file.
func loadLogo(fsys fs.FS, root, id, file string) (*Logo, error) {
	name := path.Join("content", id, file)
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", displayPath(root, name), unwrapPathError(err))
	}
	switch strings.ToLower(path.Ext(file)) {
	case ".svg":
		v, err := pictures.ParseSVG(file, data)
		if err != nil {
			return nil, err
		}
		return &Logo{File: file, Vector: v}, nil
	case ".png", ".jpg", ".jpeg":
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("cannot read the image: %w", err)
		}
		return &Logo{File: file, Image: &Image{Data: data, Format: format, Width: cfg.Width, Height: cfg.Height}}, nil
	}
	return nil, errors.New("a logo is a .png, .jpg or .svg file")
}

// publishedUTC returns the leaflet's date in UTC. A TOML local date or
// date-time (no offset: published = 2026-03-14) is read as that day and
// time in UTC, whatever the machine's time zone, so that the PDFs are the
// same wherever they are built; a date-time with an offset is that instant.
func publishedUTC(t time.Time) time.Time {
	if zone, _ := t.Zone(); strings.HasSuffix(zone, "-local") {
		y, m, d := t.Date()
		return time.Date(y, m, d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	}
	return t.UTC()
}
