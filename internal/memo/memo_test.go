// SPDX-License-Identifier: MIT

package memo

import (
	"sync"
	"testing"
)

func TestAMapKeepsWhatItWasGivenUntilFull(t *testing.T) {
	var m Map[string, int]
	if _, ok := m.Get("a"); ok {
		t.Fatal("an empty map has a value")
	}
	m.Put("a", 1)
	if v, ok := m.Get("a"); !ok || v != 1 {
		t.Fatalf("Get(a) = %d, %v; want 1, true", v, ok)
	}
	small := Map[int, int]{Limit: 3}
	for i := range 3 {
		small.Put(i, i)
	}
	if small.Len() != 3 {
		t.Fatalf("%d entries; want 3", small.Len())
	}
	small.Put(3, 3) // full: forgets all first
	if _, ok := small.Get(0); ok || small.Len() != 1 {
		t.Errorf("a full map kept its entries: %d", small.Len())
	}
	if v, ok := small.Get(3); !ok || v != 3 {
		t.Errorf("the entry put when full is lost: %d, %v", v, ok)
	}
}

func TestAMapIsSafeForConcurrentUse(t *testing.T) {
	var m Map[int, int]
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 1000 {
				m.Put(i%100, i)
				m.Get((i + g) % 100)
			}
		})
	}
	wg.Wait()
	if m.Len() != 100 {
		t.Errorf("%d entries; want 100", m.Len())
	}
}
