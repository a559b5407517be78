// SPDX-License-Identifier: MIT

// Package tomlquote writes strings as TOML basic strings, for the code
// that writes the sources people edit (leaflet new, translator packs).
//
// It imports no other package of the module.
package tomlquote
