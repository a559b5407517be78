// SPDX-License-Identifier: MIT

package build

import (
	"fmt"
	"leaflet/compose"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"leaflet/content"
	"leaflet/layout"
)

// longLeaflet returns a leaflet whose one inside section holds a paragraph
// of n bytes of English, sentence after sentence, one in four with a phone
// number and email and web addresses (each a run of its own, kept whole).
func longLeaflet(t testing.TB, n int) *content.Leaflet {
	t.Helper()
	sentence := "Children may be groomed online by people they have never met, who offer gifts and attention. " +
		"Parents and carers are urged to look out for the signs of exploitation, which can be hard to see. " +
		"A child may go missing from home, care or education, or be moved around the country by others. " +
		"Call 01604 364036, write to help@example.org or see www.example.org for advice at any time. "
	text := strings.TrimSpace(strings.Repeat(sentence, n/len(sentence)+1)[:n])
	leaflet := `published = 2026-11-27
[organisation]
name = "Riverside Safeguarding Partnership"
phone = "01234 567890"
[[section]]
place = "cover"
  [[section.block]]
  title = "cover.title"
[[section]]
heading = "long.heading"
  [[section.block]]
  paragraph = "long.body"
`
	var en strings.Builder
	for _, m := range [][2]string{
		{"cover.title", "Long"}, {"long.heading", "A long paragraph"}, {"long.body", text},
		{"language.name", "English"}, {"request.language", "Call {{.Phone}}"}, {"notice.draft", "Draft"},
		{"page.number", "Page {{.Page}} of {{.Pages}}"}, {"languages.heading", "Other languages"},
	} {
		fmt.Fprintf(&en, "[%s]\ndescription = \"x\"\nother = %q\n\n", m[0], m[1])
	}
	fsys := fstest.MapFS{
		"content/long/leaflet.toml":   {Data: []byte(leaflet)},
		"locales/long/active.en.toml": {Data: []byte(en.String())},
	}
	l, ds := content.Load(fsys, "", "long")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return l
}

// layOutLong lays out one edition of a leaflet with a long paragraph and
// returns how long it took.
func layOutLong(t testing.TB, l *content.Leaflet, name string) (time.Duration, []compose.Output, content.Diagnostics) {
	start := time.Now()
	outs, ds := compose.LayOut(t.Context(), Request{Leaflet: l, Editions: []*compose.Edition{edition(t, name)}, Paper: layout.A4})
	return time.Since(start), outs, ds
}

// TestLongParagraphCostsTimeInProportionToItsLength sets a paragraph of
// 10 KB and one of 100 KB in each edition and compares the times: ten
// times the text may take about ten times as long, not a hundred. The
// fastest of three runs is taken, as the machine may be busy.
func TestLongParagraphCostsTimeInProportionToItsLength(t *testing.T) {
	if testing.Short() {
		t.Skip("times paragraphs of 10 KB and 100 KB")
	}
	short, long := longLeaflet(t, 10_000), longLeaflet(t, 100_000)
	for _, ed := range []string{"trifold", "large-print"} {
		best := func(l *content.Leaflet) time.Duration {
			var b time.Duration
			for i := 0; i < 3; i++ {
				if d, _, _ := layOutLong(t, l, ed); i == 0 || d < b {
					b = d
				}
			}
			return b
		}
		a, b := best(short), best(long)
		ratio := float64(b) / float64(a)
		t.Logf("%s: 10 KB in %v, 100 KB in %v: %.1f times as long", ed, a, b, ratio)
		if ratio > 30 {
			t.Errorf("%s: got a 100 KB paragraph %.0f times as slow as a 10 KB one (%v, %v); want at most 30 (near-linear)", ed, ratio, b, a)
		}
	}
}

// TestLongParagraphFailsWithOneOverflowError checks that a paragraph far
// too long for the tri-fold is reported once, naming its message and by
// how much it overflows, not word by word.
func TestLongParagraphFailsWithOneOverflowError(t *testing.T) {
	_, outs, ds := layOutLong(t, longLeaflet(t, 100_000), "trifold")
	if len(outs) != 0 {
		t.Fatalf("got %d outputs; want none: 100 KB does not fit a tri-fold", len(outs))
	}
	var overflow []string
	for _, d := range ds {
		if d.Severity == content.Error && strings.Contains(d.Msg, "does not fit") {
			overflow = append(overflow, d.Error())
		}
	}
	if len(overflow) != 1 || !strings.Contains(overflow[0], `overflows from message "long.body"`) {
		t.Errorf("got %d overflow errors %q; want one naming long.body", len(overflow), overflow)
	}
	if len(ds) > 5 {
		t.Errorf("got %d diagnostics; want a handful:\n%v", len(ds), ds)
	}
}

// BenchmarkLongParagraph lays out paragraphs of 10 KB, 100 KB and 1 MB in
// the tri-fold (which fails: they do not fit) and in large print. 1 MB
// takes a couple of seconds an operation:
//
//	go test -run XXX -bench LongParagraph -benchtime 1x ./build
//
// The memory a whole build takes is the command's: /usr/bin/time -v
// leaflet build --source DIR with such a paragraph.
func BenchmarkLongParagraph(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		l := longLeaflet(b, n)
		for _, ed := range []string{"trifold", "large-print"} {
			b.Run(fmt.Sprintf("%s/%dKB", ed, n/1000), func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					layOutLong(b, l, ed)
				}
			})
		}
	}
}
