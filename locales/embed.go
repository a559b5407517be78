// SPDX-License-Identifier: MIT

// Package locales embeds the built-in leaflets' message bundles:
// locales/<leaflet>/active.<lang>.toml, in go-i18n v2 format.
package locales

import "embed"

// FS holds <leaflet>/active.<lang>.toml for each built-in leaflet.
//
//go:embed */*.toml
var FS embed.FS
