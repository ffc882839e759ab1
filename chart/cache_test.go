package chart

import (
	"sync"
	"testing"
)

// TestCache: a topic's charts are drawn once per knowledge version, a new version replaces
// them, and the cache holds no more than its bound, dropping the least recently used.
func TestCache(t *testing.T) {
	base := builtin(t)
	c := NewCache(2)
	first, err := c.ForTopic(base, "china")
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.ForTopic(base, "china")
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != 1 || len(again) != 1 || first[0] != again[0] {
		t.Fatalf("got %v then %v, want the same drawn chart twice", first, again)
	}

	reindexed := *base
	reindexed.Version = base.Version + "-new"
	redrawn, err := c.ForTopic(&reindexed, "china")
	if err != nil {
		t.Fatal(err)
	}
	if redrawn[0] == first[0] {
		t.Error("a new knowledge version got the old version's chart")
	}
	if got := c.Len(); got != 1 {
		t.Errorf("after a new version the cache holds %d entries, want 1", got)
	}

	china, us := figure(t, base, "usgs_mine_2024_china"), figure(t, base, "usgs_mine_2024_us")
	p1, err := c.Compare(&reindexed, china, us)
	if err != nil {
		t.Fatal(err)
	}
	if p2, _ := c.Compare(&reindexed, china, us); p1 != p2 {
		t.Error("a comparison was drawn twice")
	}
	if _, err := c.Compare(&reindexed, china, figure(t, base, "usgs_mine_2024_burma")); err != nil {
		t.Fatal(err)
	}
	if got := c.Len(); got != 2 {
		t.Errorf("cache of 2 holds %d entries, want 2", got)
	}
	if p3, _ := c.Compare(&reindexed, china, us); p3 != p1 {
		t.Error("the comparison used before the last one was evicted instead of the topic")
	}
	if _, err := c.Compare(&reindexed, china, figure(t, base, "price_tb_oxide_2024")); err == nil {
		t.Error("got no error comparing tonnes with a price")
	}
	if got := c.Len(); got != 2 {
		t.Errorf("after a failed comparison the cache holds %d entries, want 2 (failures are not kept)", got)
	}
}

// TestCacheConcurrent: requests that arrive together share one drawing.
func TestCacheConcurrent(t *testing.T) {
	base := builtin(t)
	c := NewCache(8)
	const n = 8
	got := make([]*Chart, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cs, err := c.ForTopic(base, "world-production")
			if err != nil {
				t.Error(err)
				return
			}
			got[i] = cs[0]
		}()
	}
	wg.Wait()
	for i := range got {
		if got[i] != got[0] {
			t.Fatalf("request %d got another drawing than request 0", i)
		}
	}
}
