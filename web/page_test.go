// SPDX-License-Identifier: MIT

package web

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

func TestPageEscapesWhatMessagesSay(t *testing.T) {
	l := load(t, `
[organisation]
name = "Smith & Jones <Partners>"
phone = "01604 364036"

[[section]]
place = "cover"
  [[section.block]]
  title = "title"

[[section]]
heading = "h"
  [[section.block]]
  paragraph = "p"
  [[section.block]]
  quote = ["q"]
  source = "src"
`, map[string]string{"en": `
[title]
other = "Fish & <chips> \"now\""
[h]
other = "It's <b>bold</b>?"
[p]
other = "A < B && C > D, 'quoted' and \"double\" [a link](https://example.org/?a=1&b=\"2\")"
[q]
other = "</blockquote><script>alert(1)</script>"
[src]
other = "O'Brien & Co"
`}, nil)
	page, ds := Page(localize(t, l, "en"))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	s := string(page)
	for _, want := range []string{
		"<title>Fish &amp; &lt;chips&gt; &#34;now&#34; – Smith &amp; Jones &lt;Partners&gt;</title>",
		`<h1 id="title">Fish &amp; &lt;chips&gt; &#34;now&#34;</h1>`,
		`It&#39;s &lt;b&gt;bold&lt;/b&gt;?`,
		`A &lt; B &amp;&amp; C &gt; D, &#39;quoted&#39; and &#34;double&#34; <a href="https://example.org/?a=1&amp;b=&#34;2&#34;">a link</a>`,
		`<p>&lt;/blockquote&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>`,
		`<cite>O&#39;Brien &amp; Co</cite>`,
		`<p class="org">Smith &amp; Jones &lt;Partners&gt;</p>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if strings.Contains(s, "<script") || strings.Contains(s, "<b>") {
		t.Errorf("markup from a message reached the page:\n%s", s)
	}
	// the same page as XHTML is well-formed XML
	x, _ := PageWith(localize(t, l, "en"), Options{XHTML: true})
	wellFormed(t, x)
}

// wellFormed fails the test when data is not well-formed XML.
func wellFormed(t *testing.T, data []byte) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(string(data)))
	d.Strict = true
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
	}
}

func TestEnglishPageIsUnder40KB(t *testing.T) {
	l := builtin(t)
	for _, lang := range l.Langs() {
		page, ds := Page(localize(t, l, lang))
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		t.Logf("%s: %d bytes", lang, len(page))
		if lang == "en" && len(page) >= 40<<10 {
			t.Errorf("the English page is %d bytes; want under 40 KB", len(page))
		}
	}
}

func TestPageHasLangDirTitleAndNoScript(t *testing.T) {
	l := builtin(t)
	for _, c := range []struct{ lang, root string }{
		{"en", `<html lang="en" dir="ltr">`},
		{"ur", `<html lang="ur" dir="rtl">`},
		{"zh-Hans", `<html lang="zh-Hans" dir="ltr">`},
	} {
		page, _ := Page(localize(t, l, c.lang))
		s := string(page)
		if !strings.Contains(s, c.root) {
			t.Errorf("%s: no %s", c.lang, c.root)
		}
		if strings.Count(s, "<h1") != 1 || strings.Contains(s, "<script") || strings.Contains(s, "<link") {
			t.Errorf("%s: want one h1, no script and nothing linked", c.lang)
		}
	}
}

func TestDraftNoticeOnlyOnDrafts(t *testing.T) {
	l := builtin(t)
	en, _ := Page(localize(t, l, "en"))
	ur, _ := Page(localize(t, l, "ur"))
	if strings.Contains(string(en), `class="notice"`) {
		t.Error("the English page has a draft notice")
	}
	want := `<div class="notice" role="note"><p><strong>`
	if !strings.Contains(string(ur), want) || !strings.Contains(string(ur), `<p lang="en" dir="ltr">Draft translation: not yet checked by a qualified translator.</p>`) {
		t.Errorf("the Urdu draft's page lacks the notice in Urdu and in English")
	}
}

func TestPhoneNumbersReadLeftToRightInArabicDigits(t *testing.T) {
	l := builtin(t)
	page, _ := Page(localize(t, l, "ckb"))
	if !strings.Contains(string(page), `<a href="tel:+441604364036" class="nb" dir="ltr"><bdo dir="ltr">٠١٦٠٤ ٣٦٤٠٣٦</bdo></a>`) {
		t.Error("the Sorani page's phone number is not overridden to read left to right")
	}
}
