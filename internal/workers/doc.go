// SPDX-License-Identifier: MIT

// Package workers runs independent jobs on a bounded number of goroutines,
// stopping early when its context is cancelled. It is the one worker pool of
// the program: loading bundles, building editions and checking languages
// all go through it.
//
// It imports no other package of the module, only the standard library.
package workers
