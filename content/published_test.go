// SPDX-License-Identifier: MIT

package content

import (
	"testing"
	"time"
)

func TestPublishedIsTheSameDayInEveryTimeZone(t *testing.T) {
	want := time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)
	// the TOML decoder reads a local date at the machine's offset
	for _, offset := range []int{-12, -5, 0, 5, 14} {
		local := time.Date(2026, 3, 14, 0, 0, 0, 0, time.FixedZone("date-local", offset*3600))
		if got := publishedUTC(local); !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("local date at UTC%+d: got %v; want %v", offset, got, want)
		}
	}
	// a date-time with an offset is that instant
	at := time.Date(2026, 3, 14, 9, 30, 0, 0, time.FixedZone("", 2*3600))
	if got := publishedUTC(at); !got.Equal(at) || got.Hour() != 7 {
		t.Errorf("offset date-time: got %v; want %v", got, at.UTC())
	}
}
