// SPDX-License-Identifier: MIT

package testtool

import (
	"os"
	"os/exec"
	"testing"
)

// Need returns the path of the command name, from Debian package pkg,
// skipping the test with a message when a developer's machine lacks it; in
// CI (CI set) a missing command fails the test, since .ci/run installs
// them all.
func Need(t testing.TB, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		missing(t, name, pkg)
	}
	return p
}

// Python returns the path of a python3 that can import module, from
// Debian package pkg, skipping or failing the test as Need does when there
// is none. The python3 on the PATH is tried first, then /usr/bin/python3,
// where Debian's Python modules are.
func Python(t testing.TB, module, pkg string) string {
	t.Helper()
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		p, err := exec.LookPath(py)
		if err == nil && exec.CommandContext(t.Context(), p, "-c", "import "+module).Run() == nil {
			return p
		}
	}
	missing(t, "python3 with "+module, pkg)
	return ""
}

// missing fails the test in CI and skips it elsewhere, saying which Debian
// package provides what is missing.
func missing(t testing.TB, what, pkg string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is missing in CI: .ci/run must install Debian package %s", what, pkg)
	}
	t.Skipf("%s not installed (Debian package %s): skipping the check with a real client", what, pkg)
}
