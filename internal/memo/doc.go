// SPDX-License-Identifier: MIT

// Package memo keeps values computed before, by their keys, so that a
// build, or a process that builds again, computes each once: a Map is safe
// for concurrent use and, bounded, forgets everything when full.
//
// It imports no other package of the module, only the standard library.
package memo
