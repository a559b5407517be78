// SPDX-License-Identifier: MIT

package build

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"leaflet/compose"
	"leaflet/layout"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// hashesFile is the golden list of the SHA-256 hashes of the PDFs that
// TestPDFHashes builds, one "hash  name" line per file, as sha256sum
// writes them.
var hashesFile = filepath.Join("testdata", "hashes.txt")

// hashChildEnv, when set, makes TestPDFHashes the child process that
// builds the PDFs and prints their hashes.
const hashChildEnv = "LEAFLET_PDF_HASHES_CHILD"

// hashChildPrefix starts each line of a child's standard output that
// holds a hash, apart from what the test binary prints.
const hashChildPrefix = "pdf-sha256 "

// hashedPDFs builds what TestPDFHashes hashes: the English and Arabic
// (right to left) tri-folds and easy reads of the built-in leaflet, on
// A4, dated by the leaflet, in one Run so that its workers share the
// fonts and shapers as in a real build. It returns "hash  name" lines
// sorted by name.
func hashedPDFs(t *testing.T) []string {
	t.Helper()
	outs, ds := Run(t.Context(), Request{Leaflet: builtin(t), Langs: []string{"en", "ar"}, Editions: []*compose.Edition{compose.TriFold, compose.EasyRead}, Paper: layout.A4})
	if ds.HasErrors() || len(outs) != 4 {
		t.Fatalf("got %d PDFs, want 4: %v", len(outs), ds)
	}
	var lines []string
	for _, o := range outs {
		sum := sha256.Sum256(o.Data)
		lines = append(lines, hex.EncodeToString(sum[:])+"  "+o.Name)
	}
	slices.SortFunc(lines, func(a, b string) int { return strings.Compare(a[sha256.Size*2:], b[sha256.Size*2:]) })
	return lines
}

// hashChild runs the test binary again as a child process that builds
// the hashed PDFs with env added to its environment, and returns the
// lines it printed.
func hashChild(t *testing.T, env ...string) ([]string, error) {
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestPDFHashes$", "-test.count=1")
	cmd.Env = append(append(os.Environ(), hashChildEnv+"=1"), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("the child process (%s) failed: %v\n%s%s", strings.Join(env, " "), err, out, stderr.Bytes())
	}
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if line, ok := strings.CutPrefix(sc.Text(), hashChildPrefix); ok {
			lines = append(lines, line)
		}
	}
	if len(lines) == 0 {
		return nil, fmt.Errorf("the child process (%s) printed no hashes:\n%s%s", strings.Join(env, " "), out, stderr.Bytes())
	}
	return lines, nil
}

// TestPDFHashes builds the English and Arabic tri-folds and easy reads in
// two separate processes, with different numbers of processors and
// garbage collector settings, and checks that both wrote the same
// bytes, and that these are the bytes of testdata/hashes.txt: a change to
// any PDF's bytes shows here, naming the files. After an intended change,
// go test ./build -run TestPDFHashes -update rewrites the list.
func TestPDFHashes(t *testing.T) {
	if os.Getenv(hashChildEnv) != "" {
		for _, line := range hashedPDFs(t) {
			fmt.Println(hashChildPrefix + line)
		}
		return
	}
	// other processors, collectors and time zones: the bytes are the same
	envs := [][]string{
		{"GOMAXPROCS=1", "GOGC=400", "TZ=UTC"},
		{"GOMAXPROCS=2", "GOGC=10", "TZ=Pacific/Kiritimati"},
	}
	got := make([][]string, len(envs))
	errs := make([]error, len(envs))
	var wg sync.WaitGroup
	for i, env := range envs {
		wg.Go(func() { got[i], errs[i] = hashChild(t, env...) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if d := hashDiff(got[0], got[1], "the first", "the second"); d != "" {
		t.Fatalf("two processes built different bytes from the same sources (%s and %s), which a build must never do:\n%s",
			strings.Join(envs[0], " "), strings.Join(envs[1], " "), d)
	}
	text := strings.Join(got[0], "\n") + "\n"
	if *update {
		if err := os.WriteFile(hashesFile, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(hashesFile)
	if err != nil {
		t.Fatalf("%v (run go test ./build -run TestPDFHashes -update to create it)", err)
	}
	want := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if d := hashDiff(want, got[0], hashesFile, "this build"); d != "" {
		t.Errorf("the PDFs' bytes are not those of %s:\n%s"+
			"If the change is intended (a change to layout, output or the fonts, or to the built-in leaflet), update the list:\n"+
			"\tgo test ./build -run TestPDFHashes -update", hashesFile, d)
	}
}

// hashDiff describes how two lists of "hash  name" lines, which say and
// nowSays name, differ, one line per file, or returns "" if they are the
// same.
func hashDiff(was, now []string, wasSays, nowSays string) string {
	parse := func(lines []string) map[string]string {
		m := map[string]string{}
		for _, l := range lines {
			if hash, name, ok := strings.Cut(l, "  "); ok {
				m[name] = hash
			}
		}
		return m
	}
	a, b := parse(was), parse(now)
	var names []string
	for n := range a {
		names = append(names, n)
	}
	for n := range b {
		if _, ok := a[n]; !ok {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	var d strings.Builder
	for _, n := range names {
		switch ha, hb := a[n], b[n]; {
		case ha == "":
			fmt.Fprintf(&d, "\t%s: only in %s (%s)\n", n, nowSays, hb)
		case hb == "":
			fmt.Fprintf(&d, "\t%s: only in %s (%s)\n", n, wasSays, ha)
		case ha != hb:
			fmt.Fprintf(&d, "\t%s: %s in %s, %s in %s\n", n, hb, nowSays, ha, wasSays)
		}
	}
	return d.String()
}
