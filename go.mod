module leaflet

go 1.26.0

require (
	codeberg.org/go-pdf/fpdf v0.12.0
	github.com/BurntSushi/toml v1.6.0
	github.com/boombuler/barcode v1.1.0
	github.com/go-text/typesetting v0.3.5
	github.com/nicksnyder/go-i18n/v2 v2.7.0
	github.com/yuin/goldmark v1.8.7
	golang.org/x/image v0.40.0
	golang.org/x/text v0.44.0
)

require github.com/klauspost/compress v1.20.4
