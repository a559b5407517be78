// SPDX-License-Identifier: MIT

//go:build race

package translate

const raceEnabled = true
