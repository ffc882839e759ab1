package chart

import (
	"container/list"
	"sync"

	"github.com/reedesk/reedesk/knowledge"
)

// Cache keeps drawn charts for one knowledge version, so that a topic's charts are drawn once:
// a base with another version (a reindex) empties it. It holds at most max entries (a topic's
// charts or one comparison), dropping the least recently used. Concurrent requests for the same
// entry wait for one drawing. It is safe for concurrent use.
type Cache struct {
	max int

	mu      sync.Mutex
	version string
	entries map[string]*list.Element // of *entry
	lru     list.List                // front: most recently used
}

type entry struct {
	key    string
	done   chan struct{} // closed when charts and err are set
	charts []*Chart
	err    error
}

// NewCache returns a cache of at most n entries (at least 1).
func NewCache(n int) *Cache {
	return &Cache{max: max(n, 1), entries: map[string]*list.Element{}}
}

// ForTopic returns the charts of a topic, drawn at most once per knowledge version.
func (c *Cache) ForTopic(base *knowledge.Base, topicID string) ([]*Chart, error) {
	return c.get(base, "topic\x00"+topicID, func() ([]*Chart, error) { return ForTopic(base, topicID) })
}

// Compare returns the chart of two figures, drawn at most once per knowledge version.
func (c *Cache) Compare(base *knowledge.Base, a, b *knowledge.Figure) (*Chart, error) {
	cs, err := c.get(base, "compare\x00"+a.Name+"\x00"+b.Name, func() ([]*Chart, error) {
		ch, err := Compare(base, a, b)
		if err != nil {
			return nil, err
		}
		return []*Chart{ch}, nil
	})
	if err != nil {
		return nil, err
	}
	return cs[0], nil
}

// Len is the number of entries held.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len()
}

func (c *Cache) get(base *knowledge.Base, key string, draw func() ([]*Chart, error)) ([]*Chart, error) {
	c.mu.Lock()
	if base.Version != c.version {
		// the newest base is the one asked for last: a reindex swaps bases, never back
		c.version = base.Version
		c.entries = map[string]*list.Element{}
		c.lru.Init()
	}
	if el, ok := c.entries[key]; ok {
		c.lru.MoveToFront(el)
		e := el.Value.(*entry)
		c.mu.Unlock()
		<-e.done
		return e.charts, e.err
	}
	e := &entry{key: key, done: make(chan struct{})}
	c.entries[key] = c.lru.PushFront(e)
	c.mu.Unlock()

	e.charts, e.err = draw()
	close(e.done)
	c.mu.Lock()
	defer c.mu.Unlock()
	if e.err != nil {
		// a failure is not kept, and evicts nothing: the next request tries again
		if el, ok := c.entries[key]; ok && el.Value == e {
			c.lru.Remove(el)
			delete(c.entries, key)
		}
		return nil, e.err
	}
	for c.lru.Len() > c.max {
		old := c.lru.Back()
		c.lru.Remove(old)
		delete(c.entries, old.Value.(*entry).key)
	}
	return e.charts, nil
}
