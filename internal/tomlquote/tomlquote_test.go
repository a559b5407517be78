// SPDX-License-Identifier: MIT

package tomlquote

import (
	"testing"

	"github.com/BurntSushi/toml"
)

func TestQuoteReadsBackThroughTOML(t *testing.T) {
	for _, s := range []string{"", "plain", `a "quote" and \ back`, "line\nbreak\ttab\r", "\x01\x7f", "اردو 中文"} {
		var v struct{ K string }
		if _, err := toml.Decode("K = "+Quote(s), &v); err != nil || v.K != s {
			t.Errorf("Quote(%q) = %s reads back as %q, %v", s, Quote(s), v.K, err)
		}
	}
}
