// SPDX-License-Identifier: MIT

package content

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// goI18nParse is what translators' tools do with a bundle: go-i18n parses
// the file itself. parseBundle must refuse what it refuses.
func goI18nParse(src []byte) error {
	_, err := i18n.ParseMessageFileBytes(src, "active.en.toml", map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal})
	return err
}

// goI18nBundles are bundles that go-i18n refuses (or, the last, reads)
// though every other check passes: a table with a key "translation",
// which go-i18n takes for a message of its old format.
var goI18nBundles = []struct {
	name string
	src  string
	want []wantDiag
}{
	{
		name: "a translation table beside a message is refused at the translation table",
		src: lines(
			`[help.call]`,          // 1
			`other = "Call us"`,    // 2
			``,                     // 3
			`[help.translation]`,   // 4
			`other = "Translated"`, // 5
		),
		want: []wantDiag{{pos: "active.en.toml:4:1", severity: Error,
			msg:    "go-i18n cannot read the bundle: reserved keys [translation] mixed with unreserved keys [call]",
			hint:   `give that key another name`,
			source: `[help.translation]`}},
	},
	{
		name: "a translation holding tables is refused at the table that holds it, its first key when it has no header",
		src: lines(
			`# greetings`,                   // 1
			`[greeting.translation.formal]`, // 2
			`other = "Good day"`,            // 3
		),
		want: []wantDiag{{pos: "active.en.toml:2:1", severity: Error,
			msg: `go-i18n cannot read the bundle: expected value for key "formal" be a string but got map[string]interface {}{"other":"Good day"}`}},
	},
	{
		name: "a translation table beside the messages at the top is refused at it",
		src: lines(
			`[cover.title]`,   // 1
			`other = "Title"`, // 2
			`[translation]`,   // 3
			`other = "x"`,     // 4
		),
		want: []wantDiag{{pos: "active.en.toml:3:1", severity: Error,
			msg: "go-i18n cannot read the bundle: reserved keys [translation] mixed with unreserved keys [cover]"}},
	},
	{
		name: "a file that is one translation holding tables is refused at its first key",
		src: lines(
			`# the whole file`,   // 1
			`[translation.call]`, // 2
			`other = "Call us"`,  // 3
		),
		want: []wantDiag{{pos: "active.en.toml:2:1", severity: Error,
			msg: `go-i18n cannot read the bundle: expected value for key "call" be a string but got map[string]interface {}{"other":"Call us"}`}},
	},
	{
		name: "another problem comes first, as go-i18n's is often the same",
		src: lines(
			`[help.call]`,        // 1
			`description = "No"`, // 2
			`[help.translation]`, // 3
			`other = "x"`,        // 4
		),
		want: []wantDiag{{pos: "active.en.toml:1:1", severity: Error, msg: `message "help.call" has no text`}},
	},
	{
		name: "a translation table alone in its table is read by both",
		src: lines(
			`[help.translation]`, // 1
			`other = "x"`,        // 2
		),
	},
}

// TestBundleIsRefusedWhereGoI18nRefusesIt reads each of goI18nBundles: the
// diagnostics are go-i18n's own message, at the table it refuses.
func TestBundleIsRefusedWhereGoI18nRefusesIt(t *testing.T) {
	for _, tt := range goI18nBundles {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := parseBundle("active.en.toml", "en", []byte(tt.src))
			checkDiags(t, ds, tt.want)
			err := goI18nParse([]byte(tt.src))
			if (err != nil) != ds.HasErrors() {
				t.Errorf("go-i18n's parse gave %v; parseBundle's errors: %v", err, ds.HasErrors())
			}
			for _, d := range ds {
				if msg, ok := strings.CutPrefix(d.Msg, "go-i18n cannot read the bundle: "); ok && (err == nil || msg != err.Error()) {
					t.Errorf("got %q; want go-i18n's own message %v", msg, err)
				}
			}
		})
	}
}

// FuzzBundleAsGoI18nReadsIt reads a bundle made by the fuzzer: when
// go-i18n's own parse of the file fails, parseBundle reports an error, and
// when parseBundle says go-i18n cannot read it, go-i18n's parse fails.
func FuzzBundleAsGoI18nReadsIt(f *testing.F) {
	for _, tt := range goI18nBundles {
		f.Add([]byte(tt.src))
	}
	en, err := fs.ReadFile(Builtin(), "locales/cse/active.en.toml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(en)
	f.Fuzz(func(t *testing.T, src []byte) {
		_, ds := parseBundle("active.en.toml", "en", src)
		err := goI18nParse(src)
		if err != nil && !ds.HasErrors() {
			t.Fatalf("go-i18n cannot read the bundle (%v); parseBundle reported no error", err)
		}
		for _, d := range ds {
			if strings.HasPrefix(d.Msg, "go-i18n cannot read") && err == nil {
				t.Fatalf("parseBundle says %q; go-i18n reads the bundle", d.Msg)
			}
		}
	})
}
