// SPDX-License-Identifier: MIT

// Package locales embeds the built-in leaflets' message bundles:
// locales/<leaflet>/active.<lang>.toml, in go-i18n v2 format.
//
// It imports no other package of the module; content reads the bundles.
package locales
