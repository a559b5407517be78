// SPDX-License-Identifier: MIT

package workers

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

func TestEachRunsEveryJobOnce(t *testing.T) {
	const n = 1000
	var ran [n]atomic.Int32
	if err := Each(context.Background(), n, func(_ context.Context, i int) { ran[i].Add(1) }); err != nil {
		t.Fatal(err)
	}
	for i := range ran {
		if got := ran[i].Load(); got != 1 {
			t.Fatalf("job %d ran %d times; want once", i, got)
		}
	}
}

func TestRunBoundsWorkersAndStatePerWorker(t *testing.T) {
	var states, busy, most atomic.Int32
	var mu sync.Mutex
	seen := map[*int]bool{}
	err := Run(context.Background(), 200, func() *int { states.Add(1); return new(int) }, func(_ context.Context, s *int, i int) {
		b := busy.Add(1)
		for {
			m := most.Load()
			if b <= m || most.CompareAndSwap(m, b) {
				break
			}
		}
		*s++ // a worker's state is never shared: the race detector would say
		mu.Lock()
		seen[s] = true
		mu.Unlock()
		busy.Add(-1)
	})
	if err != nil {
		t.Fatal(err)
	}
	limit := int32(runtime.GOMAXPROCS(0))
	if most.Load() > limit {
		t.Errorf("%d jobs ran at once; want at most GOMAXPROCS = %d", most.Load(), limit)
	}
	// a worker makes its state before its first job, even when the
	// others take every job
	if states.Load() > limit || len(seen) > int(states.Load()) || len(seen) == 0 {
		t.Errorf("%d states made, %d used; want one per worker, at most %d", states.Load(), len(seen), limit)
	}
}

func TestCancelStopsNewJobs(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var ran atomic.Int32
	err := Each(ctx, 10000, func(_ context.Context, i int) {
		if ran.Add(1) == 5 {
			cancel()
		}
	})
	if err != context.Canceled {
		t.Errorf("Each returned %v; want context.Canceled", err)
	}
	// the jobs already handed out may finish; no new one starts
	if got := ran.Load(); got > 5+int32(runtime.GOMAXPROCS(0)) {
		t.Errorf("%d jobs ran after cancelling at the 5th", got)
	}
}

func TestZeroJobs(t *testing.T) {
	if err := Each(context.Background(), 0, func(context.Context, int) { t.Error("a job ran") }); err != nil {
		t.Fatal(err)
	}
}
