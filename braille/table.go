// SPDX-License-Identifier: MIT

package braille

import (
	"fmt"
	"slices"
	"strings"
)

// Table is a liblouis translation table with the display table that writes
// its dots as Unicode braille.
type Table struct {
	// Name is the translation table's file, e.g. "en-ueb-g2.ctb".
	Name string
	// Display is the display table: "unicode.dis", or one that also drops
	// the virtual dots a table uses to tell letters apart.
	Display string
	// Latin is the table for words the table cannot translate into 6-dot
	// braille that English braille can (Latin letters, addresses), or nil
	// for a table of Latin letters.
	Latin *Table
}

func (t Table) String() string { return t.Name }

// uncontracted is English uncontracted braille: grade 1, and the table of
// words in Latin letters in the other scripts' braille.
var uncontracted = Table{Name: "en-ueb-g1.ctb", Display: "unicode.dis"}

// tables are the braille tables of the languages, by language tag: each
// language's literary braille in 6 dots as liblouis 3.24 has it.
var tables = map[string]Table{
	"en": {Name: "en-ueb-g2.ctb", Display: "unicode.dis"},
	"pl": {Name: "Pl-Pl-g1.utb", Display: "unicode.dis"},
	// lt.ctb is 8-dot computer braille
	"lt": {Name: "lt-6dot.utb", Display: "unicode.dis"},
	// uk.utb marks the letters Ukrainian adds to Russian with virtual dot
	// 9, which ru-unicode.dis leaves out
	"uk":      {Name: "uk.utb", Display: "ru-unicode.dis"},
	"ar":      {Name: "ar-ar-g1.utb", Display: "unicode.dis", Latin: &uncontracted},
	"fa":      {Name: "fa-ir-g1.utb", Display: "unicode.dis", Latin: &uncontracted},
	"ur":      {Name: "ur-pk-g1.utb", Display: "unicode.dis", Latin: &uncontracted},
	"ckb":     {Name: "ckb-g1.ctb", Display: "unicode.dis", Latin: &uncontracted},
	"bn":      {Name: "bn.tbl", Display: "unicode.dis", Latin: &uncontracted},
	"pa":      {Name: "pa.tbl", Display: "unicode.dis", Latin: &uncontracted},
	"gu":      {Name: "gu-in-g1.utb", Display: "unicode.dis", Latin: &uncontracted},
	"ti":      {Name: "ethio-g1.ctb", Display: "unicode.dis", Latin: &uncontracted},
	"am":      {Name: "ethio-g1.ctb", Display: "unicode.dis", Latin: &uncontracted},
	"zh-Hans": {Name: "zhcn-g1.ctb", Display: "unicode.dis", Latin: &uncontracted},
}

// noTable says why a language liblouis has a table for has none here.
var noTable = map[string]string{
	"ro": "liblouis's only Romanian table, ro.ctb, is 8-dot computer braille (capitals and digits in dots 7 and 8), which a BRF's 6-dot cells cannot carry",
}

// TableFor returns the braille table of a language: for English, Unified
// English Braille contracted (grade 2) or, with grade 1, uncontracted. A
// language without one is an error naming it and the languages there are.
func TableFor(lang string, grade int) (Table, error) {
	if lang == "en" && grade == 1 {
		return uncontracted, nil
	}
	if t, ok := tables[lang]; ok {
		return t, nil
	}
	if why, ok := noTable[lang]; ok {
		return Table{}, fmt.Errorf("no braille table for language %s: %s", lang, why)
	}
	return Table{}, fmt.Errorf("no braille table for language %s: the braille edition has tables for %s", lang, strings.Join(Languages(), ", "))
}

// Languages returns the languages with a braille table, sorted.
func Languages() []string {
	var out []string
	for lang := range tables {
		out = append(out, lang)
	}
	slices.Sort(out)
	return out
}

// Graded reports whether a language's braille depends on the grade asked
// for: English alone has contracted braille here.
func Graded(lang string) bool { return lang == "en" }
