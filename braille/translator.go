// SPDX-License-Identifier: MIT

package braille

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
)

// Translator puts text into braille: each line with a table, one line of
// Unicode braille (U+2800–U+28FF) for each line given, in order. A
// character the table does not know is the cell of all eight dots (U+28FF),
// so that it can be found; a line holds no newline.
type Translator interface {
	Translate(ctx context.Context, table Table, lines []string) ([]string, error)
}

// Install is how to install liblouis, for errors that say it is missing.
const Install = "install liblouis: apt-get install liblouis-bin liblouis-data (Debian, Ubuntu), dnf install liblouis-utils (Fedora), brew install liblouis (macOS)"

// ErrNoLiblouis is the error of a braille edition on a machine without
// liblouis's lou_translate.
var ErrNoLiblouis = errors.New("the braille edition needs liblouis's lou_translate, which is not installed: " + Install)

// Louis is the Translator of liblouis's lou_translate, one process for
// each call: a subprocess keeps liblouis out of the program (no cgo, and
// nothing to link to build leaflet) and is cancelled with its context.
type Louis struct {
	// Path is the lou_translate command.
	Path string
}

// FindLouis returns the lou_translate on the PATH, or ErrNoLiblouis.
func FindLouis() (*Louis, error) {
	p, err := exec.LookPath("lou_translate")
	if err != nil {
		return nil, ErrNoLiblouis
	}
	return &Louis{Path: p}, nil
}

// undefinedTable is the table added after every table: the cell of all
// eight dots for a character the table does not define, where liblouis
// would write its code ('\x1250') in braille.
const undefinedTable = "# a character no table defines: all eight dots\nundefined 12345678\n"

// Translate runs lou_translate --forward once for all the lines. A line is
// best kept under 1000 bytes: lou_translate breaks longer lines, and then
// the count of lines it writes is not the count given, an error.
func (l *Louis) Translate(ctx context.Context, table Table, lines []string) ([]string, error) {
	if len(lines) == 0 {
		return nil, nil
	}
	undef, err := os.CreateTemp("", "leaflet-undefined-*.cti")
	if err != nil {
		return nil, err
	}
	defer os.Remove(undef.Name())
	_, err = undef.WriteString(undefinedTable)
	if cerr := undef.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	if strings.Contains(undef.Name(), ",") {
		return nil, fmt.Errorf("the temporary folder %s has a comma in its name, which liblouis reads as a list of tables", os.TempDir())
	}
	var in bytes.Buffer
	for _, s := range lines {
		if strings.ContainsAny(s, "\r\n") {
			return nil, fmt.Errorf("a line to translate holds a line break: %q", s)
		}
		in.WriteString(s)
		in.WriteByte('\n')
	}
	cmd := exec.CommandContext(ctx, l.Path, "--forward", table.Display+","+table.Name+","+undef.Name())
	cmd.Stdin = &in
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	err = cmd.Run()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	// lou_translate exits 0 when a table cannot be compiled, saying so on
	// stderr
	msg := strings.Join(strings.Fields(stderr.String()), " ")
	switch {
	case strings.Contains(msg, "Cannot resolve table '"+table.Name+"'"):
		return nil, fmt.Errorf("liblouis has no table %s: install liblouis-data", table.Name)
	case strings.Contains(msg, "could not be compiled"):
		return nil, fmt.Errorf("liblouis cannot compile the table %s: %s", table.Name, msg)
	case err != nil:
		return nil, fmt.Errorf("lou_translate with %s: %v: %s", table.Name, err, msg)
	}
	got := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(got) != len(lines) {
		return nil, fmt.Errorf("lou_translate with %s wrote %d lines for %d", table.Name, len(got), len(lines))
	}
	return got, nil
}

// Cached returns a Translator that asks t for each line of a table once:
// the editions of every language share the lines of the languages offer,
// each in its own table. Lines another call is translating are waited
// for, not asked again. It is safe for concurrent use.
func Cached(t Translator) Translator {
	return &cache{t: t, lines: map[cacheKey]*cached{}}
}

type cache struct {
	t     Translator
	mu    sync.Mutex
	lines map[cacheKey]*cached
}

type cacheKey struct {
	table Table
	line  string
}

// cached is a line's braille, or its error, once done is closed.
type cached struct {
	done chan struct{}
	out  string
	err  error
}

func (c *cache) Translate(ctx context.Context, table Table, lines []string) ([]string, error) {
	entries := make([]*cached, len(lines))
	var mine []string
	var made []*cached
	c.mu.Lock()
	for i, s := range lines {
		k := cacheKey{table, s}
		e := c.lines[k]
		if e == nil {
			e = &cached{done: make(chan struct{})}
			c.lines[k] = e
			mine = append(mine, s)
			made = append(made, e)
		}
		entries[i] = e
	}
	c.mu.Unlock()
	if len(mine) > 0 {
		out, err := c.t.Translate(ctx, table, mine)
		if err != nil {
			// not kept: another call may succeed
			c.mu.Lock()
			for _, s := range mine {
				delete(c.lines, cacheKey{table, s})
			}
			c.mu.Unlock()
		}
		for i, e := range made {
			if err != nil {
				e.err = err
			} else {
				e.out = out[i]
			}
			close(e.done)
		}
	}
	out := make([]string, len(lines))
	for i, e := range entries {
		select {
		case <-e.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if e.err != nil {
			return nil, e.err
		}
		out[i] = e.out
	}
	return out, nil
}
