package answer

import (
	"context"
	"strings"
	"sync"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/reedesk/reedesk/knowledge"
)

// Cache keeps recent answers: a team's channel asks the same questions again and again, and
// an Answer is not changed once made, so one may serve every later asker of its question.
// Entries are keyed by the knowledge version, so a reindex never serves an old answer, and
// the first question on a new version empties the cache, so old answers do not keep the
// knowledge they were made from in memory.
type Cache struct {
	lru *lru.Cache[cacheKey, *Answer]

	mu      sync.Mutex
	version string
}

type cacheKey struct {
	version, q, lang, previous string
	// year is the asker's year: "next year" is another year after New Year.
	year int
}

// VersionedSearcher is a Searcher that says which knowledge it serves; *index.Index is one.
type VersionedSearcher interface {
	Searcher
	Base() *knowledge.Base
}

// NewCache returns a cache of the last n answers.
func NewCache(n int) *Cache {
	c, err := lru.New[cacheKey, *Answer](max(n, 1))
	if err != nil {
		panic(err) // only for a size below 1, ruled out above
	}
	return &Cache{lru: c}
}

// Ask answers q as Ask does, from the cache when the same question was answered on the same
// knowledge with the same options.
func (c *Cache) Ask(ctx context.Context, s VersionedSearcher, q string, opt Options) (*Answer, error) {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	k := cacheKey{s.Base().Version, strings.Join(strings.Fields(q), " "), opt.Lang, opt.Previous, opt.Now.Year()}
	c.mu.Lock()
	if k.version != c.version {
		c.lru.Purge()
		c.version = k.version
	}
	c.mu.Unlock()
	if opt.Passages == 0 {
		if a, ok := c.lru.Get(k); ok {
			return a, nil
		}
	}
	a, err := Ask(ctx, s, q, opt)
	if err != nil {
		return nil, err
	}
	if opt.Passages == 0 && a.Result.Base.Version == k.version {
		c.lru.Add(k, a)
	}
	return a, nil
}
