// SPDX-License-Identifier: MIT

package content

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestMarkupParsesStrongLinksAndEscapes(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Run
	}{
		{name: "plain text is one run", in: "Information leaflet",
			want: []Run{{Text: "Information leaflet"}}},
		{name: "double asterisks make strong text", in: "Read **this** first",
			want: []Run{{Text: "Read "}, {Text: "this", Strong: true}, {Text: " first"}}},
		{name: "a whole message can be strong", in: "**This leaflet can be made available.**",
			want: []Run{{Text: "This leaflet can be made available.", Strong: true}}},
		{name: "a link keeps its words and a full https target", in: "See [the toolkit](www.example.org/toolkit) now",
			want: []Run{{Text: "See "}, {Text: "the toolkit", Link: "https://www.example.org/toolkit", NoBreak: true}, {Text: " now"}}},
		{name: "a link with a scheme keeps its target", in: "[site](https://example.org/a)",
			want: []Run{{Text: "site", Link: "https://example.org/a", NoBreak: true}}},
		{name: "a link to an address becomes mailto", in: "[write to us](help@example.org)",
			want: []Run{{Text: "write to us", Link: "mailto:help@example.org", NoBreak: true}}},
		{name: "a tel link keeps its target", in: "[call us](tel:+441604364036)",
			want: []Run{{Text: "call us", Link: "tel:+441604364036", NoBreak: true}}},
		{name: "a link inside strong text is strong", in: "**see [site](example.org)**",
			want: []Run{{Text: "see ", Strong: true}, {Text: "site", Strong: true, Link: "https://example.org", NoBreak: true}}},
		{name: "an escaped asterisk is literal", in: `5 \* 3`,
			want: []Run{{Text: "5 * 3"}}},
		{name: "escaped double asterisks are literal", in: `\*\*not strong\*\*`,
			want: []Run{{Text: "**not strong**"}}},
		{name: "an escaped bracket is not a link", in: `\[sic] text`,
			want: []Run{{Text: "[sic] text"}}},
		{name: "an escaped backslash is one backslash", in: `a\\b`,
			want: []Run{{Text: `a\b`}}},
		{name: "a trailing backslash is kept", in: `end\`,
			want: []Run{{Text: `end\`}}},
		{name: "an escaped non-ASCII letter is kept whole", in: `\ż`,
			want: []Run{{Text: "ż"}}},
		{name: "typographic quotes and dashes pass through", in: "CSE – ‘Toolkit’ “quoted”",
			want: []Run{{Text: "CSE – ‘Toolkit’ “quoted”"}}},
		{name: "the empty message has no runs", in: "", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseMarkup(tt.in)
			if err != nil {
				t.Fatalf("parseMarkup(%q): got error %v; want none", tt.in, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseMarkup(%q):\ngot  %+v;\nwant %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestMarkupRejectsUnclosedStrongAndLinks(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "unclosed strong", in: "**Important", want: "unclosed **"},
		{name: "three asterisk pairs leave one open", in: "**a** **b", want: "unclosed **"},
		{name: "a link without its target", in: "see [the site]", want: "unclosed link"},
		{name: "a link without its closing parenthesis", in: "see [the site](example.org", want: "unclosed link"},
		{name: "a bracket with no link", in: "[sic]", want: "unclosed link"},
		{name: "a link with an empty target", in: "[the site]()", want: `link "the site" has no target`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runs, err := parseMarkup(tt.in)
			if err == nil {
				t.Fatalf("parseMarkup(%q): got %+v and no error; want %q", tt.in, runs, tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("parseMarkup(%q): got error %q; want it to contain %q", tt.in, err, tt.want)
			}
		})
	}
}

// TestNoBreakMarksAddressesPhonesPostcodesAndDates checks markNoBreak
// through parseMarkup, as messages reach it.
func TestNoBreakMarksAddressesPhonesPostcodesAndDates(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Run
	}{
		{name: "an email address becomes a mailto link kept on one line", in: "Email: nscb@northamptonshire.gcsx.gov.uk",
			want: []Run{{Text: "Email: "}, {Text: "nscb@northamptonshire.gcsx.gov.uk", Link: "mailto:nscb@northamptonshire.gcsx.gov.uk", NoBreak: true}}},
		{name: "an email address leaves a full stop after it", in: "Write to help@example.org.",
			want: []Run{{Text: "Write to "}, {Text: "help@example.org", Link: "mailto:help@example.org", NoBreak: true}, {Text: "."}}},
		{name: "a www address becomes an https link without the full stop", in: "the website: www.northamptonshirescb.org.uk.",
			want: []Run{{Text: "the website: "}, {Text: "www.northamptonshirescb.org.uk", Link: "https://www.northamptonshirescb.org.uk", NoBreak: true}, {Text: "."}}},
		{name: "a www address at the end of a message", in: "website: www.northamptonshirescb.org.uk",
			want: []Run{{Text: "website: "}, {Text: "www.northamptonshirescb.org.uk", Link: "https://www.northamptonshirescb.org.uk", NoBreak: true}}},
		{name: "a web address leaves a comma and closing parenthesis", in: "(see https://example.org/a?b=c), then",
			want: []Run{{Text: "(see "}, {Text: "https://example.org/a?b=c", Link: "https://example.org/a?b=c", NoBreak: true}, {Text: "), then"}}},
		{name: "a web address leaves a closing typographic quote", in: "“www.example.org”",
			want: []Run{{Text: "“"}, {Text: "www.example.org", Link: "https://www.example.org", NoBreak: true}, {Text: "”"}}},
		{name: "a UK phone number is kept on one line, a tel: link in international form", in: "Tel: 01604 364036",
			want: []Run{{Text: "Tel: "}, {Text: "01604 364036", Link: "tel:+441604364036", NoBreak: true}}},
		{name: "a phone number with hyphens", in: "Call 01604-364-036 today",
			want: []Run{{Text: "Call "}, {Text: "01604-364-036", Link: "tel:+441604364036", NoBreak: true}, {Text: " today"}}},
		{name: "a phone number with a country code", in: "+44 1604 364036",
			want: []Run{{Text: "+44 1604 364036", Link: "tel:+441604364036", NoBreak: true}}},
		{name: "a phone number with the area code in brackets", in: "(01604) 364036",
			want: []Run{{Text: "(01604) 364036", Link: "tel:+441604364036", NoBreak: true}}},
		{name: "a phone number with a no-break space", in: "01604\u00a0364036",
			want: []Run{{Text: "01604\u00a0364036", Link: "tel:+441604364036", NoBreak: true}}},
		{name: "a phone number in Arabic-Indic digits", in: "٠١٦٠٤ ٣٦٤٠٣٦",
			want: []Run{{Text: "٠١٦٠٤ ٣٦٤٠٣٦", Link: "tel:+441604364036", NoBreak: true}}},
		{name: "a phone number in strong text stays strong", in: "**Tel: 01604 364036**",
			want: []Run{{Text: "Tel: ", Strong: true}, {Text: "01604 364036", Strong: true, Link: "tel:+441604364036", NoBreak: true}}},
		{name: "a postcode", in: "Northampton NN4 7YD",
			want: []Run{{Text: "Northampton "}, {Text: "NN4 7YD", NoBreak: true}}},
		{name: "a postcode on the last address line", in: "Northampton\nNN4 7YD",
			want: []Run{{Text: "Northampton\n"}, {Text: "NN4 7YD", NoBreak: true}}},
		{name: "a London postcode", in: "London SW1A 2AA.",
			want: []Run{{Text: "London "}, {Text: "SW1A 2AA", NoBreak: true}, {Text: "."}}},
		{name: "a date with an ordinal", in: "held on 22nd May 2015 can be viewed",
			want: []Run{{Text: "held on "}, {Text: "22nd May 2015", NoBreak: true}, {Text: " can be viewed"}}},
		{name: "a date without an ordinal", in: "from 1 January 2020",
			want: []Run{{Text: "from "}, {Text: "1 January 2020", NoBreak: true}}},
		{name: "a numeric date", in: "on 22/05/2015.",
			want: []Run{{Text: "on "}, {Text: "22/05/2015", NoBreak: true}, {Text: "."}}},
		{name: "everything in one message, in order", in: "Call 01604 364036 or email a@b.org, NN4 7YD",
			want: []Run{{Text: "Call "}, {Text: "01604 364036", Link: "tel:+441604364036", NoBreak: true}, {Text: " or email "}, {Text: "a@b.org", Link: "mailto:a@b.org", NoBreak: true}, {Text: ", "}, {Text: "NN4 7YD", NoBreak: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseMarkup(tt.in)
			if err != nil {
				t.Fatalf("parseMarkup(%q): got error %v", tt.in, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseMarkup(%q):\ngot  %+v;\nwant %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestNoBreakLeavesOrdinaryNumbersAlone(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{name: "an age", in: "children and young people under 18 involves"},
		{name: "a street number range", in: "8-10 The Lakes"},
		{name: "paragraph numbers", in: "paragraph 2 of 4"},
		{name: "a year alone", in: "since 2015"},
		{name: "a year range", in: "in 2014-2015"},
		{name: "a month and year without a day", in: "in May 2015"},
		{name: "a number too short to be a phone number", in: "call 101 or 999"},
		{name: "a lower-case postcode look-alike", in: "nn4 7yd"},
		{name: "a word with digits", in: "version A4 paper"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := markNoBreak([]Run{{Text: tt.in}})
			want := []Run{{Text: tt.in}}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("markNoBreak(%q): got %+v; want it unchanged", tt.in, got)
			}
		})
	}
}

func TestNoBreakKeepsLinkRunsWholeAndMarksThem(t *testing.T) {
	in := []Run{{Text: "call 01604 364036 now", Link: "tel:01604364036"}}
	got := markNoBreak(in)
	want := []Run{{Text: "call 01604 364036 now", Link: "tel:01604364036", NoBreak: true}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v; want %+v", got, want)
	}
}

func TestNoBreakNeverLosesOrReordersText(t *testing.T) {
	inputs := []string{
		"Call 01604 364036 or email nscb@northamptonshire.gcsx.gov.uk, www.x.org. NN4 7YD on 22nd May 2015.",
		"John Dryden House\n8-10 The Lakes\nNorthampton\nNN4 7YD",
		"٠١٦٠٤ ٣٦٤٠٣٦ اردو",
	}
	for _, in := range inputs {
		var b strings.Builder
		for _, r := range markNoBreak([]Run{{Text: in, Strong: true}}) {
			b.WriteString(r.Text)
			if !r.Strong {
				t.Errorf("markNoBreak(%q): run %q lost its strong style", in, r.Text)
			}
			if r.Text == "" {
				t.Errorf("markNoBreak(%q): got an empty run", in)
			}
		}
		if got := b.String(); got != in {
			t.Errorf("markNoBreak: got text %q; want %q", got, in)
		}
	}
}

func TestNoBreakKeepsWholePhoneNumbersTogether(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Run
	}{
		{name: "Childline's eight-digit number", in: "Childline 0800 1111",
			want: []Run{{Text: "Childline "}, {Text: "0800 1111", Link: "tel:+448001111", NoBreak: true}}},
		{name: "a country code with the trunk zero in brackets", in: "+44 (0)1604 364036",
			want: []Run{{Text: "+44 (0)1604 364036", Link: "tel:+441604364036", NoBreak: true}}},
		{name: "a date just before a phone number keeps its year", in: "on 22nd May 2015 01604 364036",
			want: []Run{{Text: "on "}, {Text: "22nd May 2015", NoBreak: true}, {Text: " "}, {Text: "01604 364036", Link: "tel:+441604364036", NoBreak: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseMarkup(tt.in)
			if err != nil {
				t.Fatalf("parseMarkup(%q): got error %v", tt.in, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseMarkup(%q):\ngot  %+v;\nwant %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormaliseLinkCompletesWebAddresses(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{name: "a bare host gets https", in: "example.org", want: "https://example.org"},
		{name: "a www address gets https", in: "www.example.org/a", want: "https://www.example.org/a"},
		{name: "http is kept", in: "http://example.org", want: "http://example.org"},
		{name: "https is kept", in: "https://example.org", want: "https://example.org"},
		{name: "mailto is kept", in: "mailto:a@b.org", want: "mailto:a@b.org"},
		{name: "tel is kept", in: "tel:+441604364036", want: "tel:+441604364036"},
		{name: "an address gets mailto", in: "a@b.org", want: "mailto:a@b.org"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := normaliseLink(tt.in); got != tt.want {
				t.Errorf("normaliseLink(%q): got %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestAddressesInTextWithoutSpacesStopAtTheAddress(t *testing.T) {
	runs, err := parseMarkup("请发送电子邮件至nscb@example.gov.uk。或访问www.example.org.uk了解")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range runs {
		if r.NoBreak {
			got = append(got, r.Text)
		}
	}
	want := []string{"nscb@example.gov.uk", "www.example.org.uk"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got no-break runs %q; want %q", got, want)
	}
}

func TestNumbersAreWrittenInTheTranslationsDigits(t *testing.T) {
	l, ds := Load(Builtin(), "", DefaultLeaflet)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	for _, tc := range []struct{ lang, want string }{
		{"en", "12"}, {"fa", "۱۲"}, {"ckb", "١٢"}, {"ar", "12"}, {"bn", "12"},
	} {
		if got := l.FormatNumber(tc.lang, 12); got != tc.want {
			t.Errorf("%s: got %q; want %q", tc.lang, got, tc.want)
		}
	}
}

func TestTelLinksAreInInternationalForm(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"01604 364036", "tel:+441604364036"},
		{"(01604) 364036", "tel:+441604364036"},
		{"+44 1604 364036", "tel:+441604364036"},
		{"+44 (0)1604 364036", "tel:+441604364036"},
		{"0044 1604 364036", "tel:+441604364036"},
		{"+353 1 234 5678", "tel:+35312345678"},
		{"0800 1111", "tel:+448001111"},
		{"۰۱۶۰۴ ۳۶۴۰۳۶", "tel:+441604364036"}, // Persian digits
		{"০১৬০৪ ৩৬৪০৩৬", "tel:+441604364036"}, // Bengali digits
		{"116 123 456", "tel:116123456"},
	} {
		if got := TelLink(tc.in); got != tc.want {
			t.Errorf("TelLink(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseMarkupGivesEachCallerItsOwnRuns(t *testing.T) {
	const msg = "Call **0300 126 1000** or see www.example.org.uk"
	first, err := parseMarkup(msg)
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Clone(first)
	for i := range first {
		first[i].Text, first[i].NoBreak, first[i].Link = "changed", !first[i].NoBreak, "changed"
	}
	again, err := parseMarkup(msg)
	if err != nil || !reflect.DeepEqual(again, want) {
		t.Errorf("after the first caller changed its runs, parseMarkup gives %+v, %v; want %+v", again, err, want)
	}
	if _, err := parseMarkup("**unclosed"); err == nil || !strings.Contains(err.Error(), "unclosed **") {
		t.Errorf("a message read again lost its error: %v", err)
	}
	if _, err := parseMarkup("**unclosed"); err == nil {
		t.Error("a bad message read a second time has no error")
	}
}
