// SPDX-License-Identifier: MIT

package content

import (
	"io/fs"
	"strings"
	"testing"
)

// BenchmarkLoadBuiltin loads the built-in leaflet with all its bundles,
// as every run of the builder does before anything else.
func BenchmarkLoadBuiltin(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, ds := Load(Builtin(), "", DefaultLeaflet); ds.HasErrors() {
			b.Fatal(ds)
		}
	}
}

// BenchmarkParseBundle reads the built-in English bundle alone: the
// position scan, the TOML decoding and the checks of one file.
func BenchmarkParseBundle(b *testing.B) {
	src, err := fs.ReadFile(Builtin(), "locales/cse/active.en.toml")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, ds := parseBundle("active.en.toml", "en", src); ds.HasErrors() {
			b.Fatal(ds)
		}
	}
}

// BenchmarkLocalize localises the loaded built-in leaflet in one language
// as the layout asks for it: the document, its languages block and the
// numbers of its pages. Farsi writes its own digits, English does not.
func BenchmarkLocalize(b *testing.B) {
	l, ds := Load(Builtin(), "", DefaultLeaflet)
	if ds.HasErrors() {
		b.Fatal(ds)
	}
	for _, lang := range []string{"en", "fa"} {
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, ds := l.Localize(lang); ds.HasErrors() {
					b.Fatal(ds)
				}
				if _, ds := l.Offers(lang, nil); ds.HasErrors() {
					b.Fatal(ds)
				}
				for n := 1; n <= 8; n++ {
					l.FormatNumber(lang, n)
				}
			}
		})
	}
}

// BenchmarkScanPositions reads the positions of every built-in bundle.
func BenchmarkScanPositions(b *testing.B) {
	var srcs [][]byte
	for _, name := range BuiltinFiles() {
		if src, err := fs.ReadFile(Builtin(), name); err == nil && strings.HasPrefix(name, "locales/") {
			srcs = append(srcs, src)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range srcs {
			scanPositions("bundle.toml", src)
		}
	}
}
