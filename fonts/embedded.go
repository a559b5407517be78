// SPDX-License-Identifier: MIT

package fonts

import _ "embed" // the font files, as byte slices: no copy at start-up

// embedded lists the font files with their names (without extension),
// in name order. TestEmbeddedListsEveryFont keeps it complete.
var embedded = []struct {
	name string
	data []byte
}{
	{"AtkinsonHyperlegibleNext-Bold", ttfAtkinsonHyperlegibleNextBold},
	{"AtkinsonHyperlegibleNext-Regular", ttfAtkinsonHyperlegibleNextRegular},
	{"DroidSansFallbackFull", ttfDroidSansFallbackFull},
	{"NotoNaskhArabic-Bold", ttfNotoNaskhArabicBold},
	{"NotoNaskhArabic-Regular", ttfNotoNaskhArabicRegular},
	{"NotoSans-Bold", ttfNotoSansBold},
	{"NotoSans-Regular", ttfNotoSansRegular},
	{"NotoSansBengali-Bold", ttfNotoSansBengaliBold},
	{"NotoSansBengali-Regular", ttfNotoSansBengaliRegular},
	{"NotoSansDevanagari-Bold", ttfNotoSansDevanagariBold},
	{"NotoSansDevanagari-Regular", ttfNotoSansDevanagariRegular},
	{"NotoSansEthiopic-Bold", ttfNotoSansEthiopicBold},
	{"NotoSansEthiopic-Regular", ttfNotoSansEthiopicRegular},
	{"NotoSansGujarati-Bold", ttfNotoSansGujaratiBold},
	{"NotoSansGujarati-Regular", ttfNotoSansGujaratiRegular},
	{"NotoSansGurmukhi-Bold", ttfNotoSansGurmukhiBold},
	{"NotoSansGurmukhi-Regular", ttfNotoSansGurmukhiRegular},
	{"NotoSansHebrew-Bold", ttfNotoSansHebrewBold},
	{"NotoSansHebrew-Regular", ttfNotoSansHebrewRegular},
	{"NotoSansTamil-Bold", ttfNotoSansTamilBold},
	{"NotoSansTamil-Regular", ttfNotoSansTamilRegular},
	{"NotoSansThai-Bold", ttfNotoSansThaiBold},
	{"NotoSansThai-Regular", ttfNotoSansThaiRegular},
}

//go:embed AtkinsonHyperlegibleNext-Bold.ttf
var ttfAtkinsonHyperlegibleNextBold []byte

//go:embed AtkinsonHyperlegibleNext-Regular.ttf
var ttfAtkinsonHyperlegibleNextRegular []byte

//go:embed DroidSansFallbackFull.ttf
var ttfDroidSansFallbackFull []byte

//go:embed NotoNaskhArabic-Bold.ttf
var ttfNotoNaskhArabicBold []byte

//go:embed NotoNaskhArabic-Regular.ttf
var ttfNotoNaskhArabicRegular []byte

//go:embed NotoSans-Bold.ttf
var ttfNotoSansBold []byte

//go:embed NotoSans-Regular.ttf
var ttfNotoSansRegular []byte

//go:embed NotoSansBengali-Bold.ttf
var ttfNotoSansBengaliBold []byte

//go:embed NotoSansBengali-Regular.ttf
var ttfNotoSansBengaliRegular []byte

//go:embed NotoSansDevanagari-Bold.ttf
var ttfNotoSansDevanagariBold []byte

//go:embed NotoSansDevanagari-Regular.ttf
var ttfNotoSansDevanagariRegular []byte

//go:embed NotoSansEthiopic-Bold.ttf
var ttfNotoSansEthiopicBold []byte

//go:embed NotoSansEthiopic-Regular.ttf
var ttfNotoSansEthiopicRegular []byte

//go:embed NotoSansGujarati-Bold.ttf
var ttfNotoSansGujaratiBold []byte

//go:embed NotoSansGujarati-Regular.ttf
var ttfNotoSansGujaratiRegular []byte

//go:embed NotoSansGurmukhi-Bold.ttf
var ttfNotoSansGurmukhiBold []byte

//go:embed NotoSansGurmukhi-Regular.ttf
var ttfNotoSansGurmukhiRegular []byte

//go:embed NotoSansHebrew-Bold.ttf
var ttfNotoSansHebrewBold []byte

//go:embed NotoSansHebrew-Regular.ttf
var ttfNotoSansHebrewRegular []byte

//go:embed NotoSansTamil-Bold.ttf
var ttfNotoSansTamilBold []byte

//go:embed NotoSansTamil-Regular.ttf
var ttfNotoSansTamilRegular []byte

//go:embed NotoSansThai-Bold.ttf
var ttfNotoSansThaiBold []byte

//go:embed NotoSansThai-Regular.ttf
var ttfNotoSansThaiRegular []byte
