// SPDX-License-Identifier: MIT

// Package files writes files whole or not at all: through a temporary file
// beside the file's place, synced and renamed into place, so that a
// reader, a crash or an interrupt never sees a file half-written.
//
// It imports no other package of the module.
package files
