// SPDX-License-Identifier: MIT

// Package testtool is test support: it finds the real clients the tests
// check the output with ([Need], [Python]). Without one, a test skips with
// a message on a developer's machine and fails in CI (the environment
// variable CI set), since .ci/run installs them all. The leaflet program
// never links it.
//
// It imports no other package of the module.
package testtool
