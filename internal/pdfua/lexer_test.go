// SPDX-License-Identifier: MIT

package pdfua

import "testing"

// lexAll returns the tokens of b.
func lexAll(t *testing.T, b string) []token {
	t.Helper()
	l := &lexer{b: []byte(b)}
	var toks []token
	for {
		tok, err := l.next()
		if err != nil {
			t.Fatalf("%q: %v", b, err)
		}
		if tok.kind == 0 {
			return toks
		}
		toks = append(toks, tok)
	}
}

func TestLexerReadsContentStreamTokens(t *testing.T) {
	toks := lexAll(t, "% a comment\n/Span <</MCID 3 /Lang (en-GB) /ActualText <FEFF0041> /Alt [1 (a) <62>] /On true>> BDC\n"+
		"BT 1.5 -.25 Td [(x\\051\\)) -120 <00410042>] TJ ET BI /W 1 /H 1 ID \x00EI\x01 EI Q EMC")
	var ops []string
	for _, tk := range toks {
		if tk.kind == 'o' {
			ops = append(ops, tk.str)
		}
	}
	if got, want := len(ops), 8; got != want {
		t.Fatalf("operators %q, want %d (the inline image's data skipped)", ops, want)
	}
	if toks[0].kind != '/' || toks[0].str != "Span" {
		t.Errorf("first token %+v", toks[0])
	}
	d := toks[1].dict
	if d["MCID"].num != 3 || d["Lang"].str != "en-GB" || d["ActualText"].str != "\xfe\xff\x00A" || d["On"].kind != 'k' {
		t.Errorf("BDC properties %+v", d)
	}
	if a := d["Alt"].arr; len(a) != 3 || a[1].str != "a" || a[2].str != "b" {
		t.Errorf("array %+v", a)
	}
	if toks[4].num != 1.5 || toks[5].num != -0.25 {
		t.Errorf("numbers %v %v", toks[4].num, toks[5].num)
	}
	tj := toks[7].arr
	if len(tj) != 3 || tj[0].str != "x))" || tj[1].num != -120 || tj[2].str != "\x00A\x00B" {
		t.Errorf("TJ array %+v", tj)
	}
}

func TestLexerRefusesUnterminatedTokens(t *testing.T) {
	for _, s := range []string{"(abc", "<00", "[1 2", "<</A 1", "BI /W 1 ID xx"} {
		l := &lexer{b: []byte(s)}
		var err error
		for range 10 {
			var tok token
			if tok, err = l.next(); err != nil || tok.kind == 0 {
				break
			}
		}
		if err == nil {
			t.Errorf("%q: no error", s)
		}
	}
}

// TestTextStringsReadBack reads text strings written as output's
// pdfTextString writes them (literal, UTF-16BE with a byte order mark when
// not ASCII) back through the lexer.
func TestTextStringsReadBack(t *testing.T) {
	for want, in := range map[string]string{
		"en":           "(en)",
		"a (b) \\ c":   `(a \(b\) \\ c)`,
		"شكرا":         "(\xfe\xff\x064\x06C\x061\x06')",
		"x\u00e9":      "(\xfe\xff\x00x\x00\xe9)",
		"\U0001F600 a": "(\xfe\xff\xd8=\xde\x00\x00 \x00a)",
		"\u010d\u0a29": "(\xfe\xff\x01\\r\\n\\))",
		"caf\u00e9":    "<636166e9>",
	} {
		toks := lexAll(t, in)
		if len(toks) != 1 || toks[0].kind != 's' {
			t.Fatalf("%s: %+v", in, toks)
		}
		if got := decodeTextString([]byte(toks[0].str)); got != want {
			t.Errorf("%s reads back as %q, want %q", in, got, want)
		}
	}
}

func TestTextOfQpdfStrings(t *testing.T) {
	d := &document{}
	for in, want := range map[string]string{
		"u:Zoë":          "Zoë",
		"b:feff00410301": "A\u0301",
		"b:efbbbf41":     "A",
		"b:41e9":         "Aé",
		"/Name":          "",
		"3 0 R":          "", // refers to nothing
		"b:feff0633":     "س",
	} {
		if got := d.text(in); got != want {
			t.Errorf("%s: %q, want %q", in, got, want)
		}
	}
}

func TestToUnicodeMapsRangesAndChars(t *testing.T) {
	cmap := `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar
<0003> <0020>
<0104> <00660069>
endbfchar
2 beginbfrange
<0010> <0012> <0041>
<0020> <0021> [<0627> <D83DDE00>]
endbfrange
endcmap`
	m, err := parseToUnicode([]byte(cmap))
	if err != nil {
		t.Fatal(err)
	}
	for code, want := range map[uint32]string{3: " ", 0x104: "fi", 0x10: "A", 0x12: "C", 0x20: "ا", 0x21: "\U0001F600"} {
		if m[code] != want {
			t.Errorf("code %04x: %q, want %q", code, m[code], want)
		}
	}
	if len(m) != 7 {
		t.Errorf("%d codes mapped, want 7", len(m))
	}
}
