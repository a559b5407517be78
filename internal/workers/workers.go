// SPDX-License-Identifier: MIT

package workers

import (
	"context"
	"runtime"
	"sync"
)

// Run calls job(ctx, i) for every i in [0, n) on at most
// runtime.GOMAXPROCS(0) goroutines and waits for them all. Each worker
// gets a value from state once, before its first job (a shaper, a cache:
// what one goroutine may reuse across jobs and must not share); state may
// be nil. Jobs start in index order. Once ctx is cancelled no further job
// starts; Run returns ctx.Err() then, and nil when every job ran.
func Run[S any](ctx context.Context, n int, state func() S, job func(ctx context.Context, s S, i int)) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var s S
			if state != nil {
				s = state()
			}
			for i := range next {
				job(ctx, s, i)
			}
		}()
	}
	var err error
feed:
	for i := range n {
		if err = ctx.Err(); err != nil {
			break
		}
		select {
		case next <- i:
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(next)
	wg.Wait()
	return err
}

// Each is Run without per-worker state.
func Each(ctx context.Context, n int, job func(ctx context.Context, i int)) error {
	return Run(ctx, n, nil, func(ctx context.Context, _ struct{}, i int) { job(ctx, i) })
}
