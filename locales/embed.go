// SPDX-License-Identifier: MIT

package locales

import "embed"

// FS holds <leaflet>/active.<lang>.toml for each built-in leaflet.
//
//go:embed */*.toml
var FS embed.FS
