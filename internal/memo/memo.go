// SPDX-License-Identifier: MIT

package memo

import "sync"

// Map is a bounded map safe for concurrent use. Its zero value is empty
// and holds up to DefaultLimit entries.
type Map[K comparable, V any] struct {
	// Limit is the number of entries at which Put forgets every entry
	// first; DefaultLimit when 0.
	Limit int

	mu sync.Mutex
	m  map[K]V
}

// DefaultLimit is a Map's limit when it sets none.
const DefaultLimit = 8192

// Get returns the value kept for k.
func (c *Map[K, V]) Get(k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

// Put keeps v for k: callers do not change v after, since others may
// read it.
func (c *Map[K, V]) Put(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	limit := c.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	if c.m == nil || len(c.m) >= limit {
		c.m = map[K]V{}
	}
	c.m[k] = v
}

// Len returns the number of entries kept.
func (c *Map[K, V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}
