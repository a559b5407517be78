package build

import (
	"testing"

	"leaflet/content"
	"leaflet/fonts"
	"leaflet/layout"
	"leaflet/layout/text"
	"leaflet/output"
)

func BenchmarkZZLayout(b *testing.B) {
	l := builtin(b)
	doc, ds := l.LocalizeWith("en", content.LocalizeOptions{NoEasyRead: true})
	if ds.HasErrors() {
		b.Fatal(ds)
	}
	set, _ := fonts.Embedded()
	sh := text.NewShaper(set.WithText("NotoSans"))
	tf := layout.NewTriFold(layout.A4)
	res, _ := tf.Layout(doc, set, sh)
	b.Run("layout", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			tf.Layout(doc, set, sh)
		}
	})
	b.Run("pdf", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			output.PDF(res, output.Options{})
		}
	})
	b.Run("localize", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			l.LocalizeWith("en", content.LocalizeOptions{NoEasyRead: true})
		}
	})
}
