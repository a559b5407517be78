// SPDX-License-Identifier: MIT

// Package testtool is test support: it finds the real clients the tests
// check the output with. The leaflet program never links it.
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
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing in CI: .ci/run must install Debian package %s", name, pkg)
		}
		t.Skipf("%s not installed (Debian package %s): skipping the check with a real client", name, pkg)
	}
	return p
}
