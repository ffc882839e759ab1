package answer

import (
	"context"
	"testing"
	"time"

	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// countingSearcher counts searches, and can claim to serve another knowledge version.
type countingSearcher struct {
	*index.Index
	searches int
	version  string
}

func (c *countingSearcher) Search(ctx context.Context, q string, n int) (*index.Result, error) {
	c.searches++
	res, err := c.Index.Search(ctx, q, n)
	if err == nil && c.version != "" {
		b := *res.Base
		b.Version = c.version
		res.Base = &b
	}
	return res, err
}

func (c *countingSearcher) Base() *knowledge.Base {
	b := *c.Index.Base()
	if c.version != "" {
		b.Version = c.version
	}
	return &b
}

func TestCacheServesRepeatedQuestions(t *testing.T) {
	s := &countingSearcher{Index: testIndex(t)}
	c := NewCache(8)
	ctx := context.Background()
	first, err := c.Ask(ctx, s, "Who produces the most rare earths?", Options{})
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name     string
		q        string
		opt      Options
		version  string
		same     bool // the cached answer comes back
		searches int  // in all, after the step
	}{
		{"same question", "Who produces the most rare earths?", Options{}, "", true, 1},
		{"spacing differs", "Who  produces the most rare earths? ", Options{}, "", true, 1},
		{"in Turkish", "Who produces the most rare earths?", Options{Lang: "tr"}, "", false, 2},
		{"as a follow-up", "Who produces the most rare earths?", Options{Previous: "How much did Burma mine?"}, "", false, 3},
		{"after a reindex", "Who produces the most rare earths?", Options{}, "v2", false, 4},
		{"again after it", "Who produces the most rare earths?", Options{}, "v2", false, 4},
		{"in another year", "Who produces the most rare earths?", Options{Now: time.Now().AddDate(1, 0, 0)}, "v2", false, 5},
	}
	var afterReindex *Answer
	for _, st := range steps {
		s.version = st.version
		a, err := c.Ask(ctx, s, st.q, st.opt)
		if err != nil {
			t.Fatal(err)
		}
		if got := a == first; got != st.same {
			t.Errorf("%s: got the first answer = %v, want %v", st.name, got, st.same)
		}
		if st.name == "after a reindex" {
			afterReindex = a
		}
		if st.name == "again after it" && a != afterReindex {
			t.Errorf("%s: the answer on the new knowledge was not kept", st.name)
		}
		if st.name == "after a reindex" && c.lru.Len() != 1 {
			t.Errorf("%s: %d answers kept, want only the new one: the old ones hold the old knowledge", st.name, c.lru.Len())
		}
		if s.searches != st.searches {
			t.Errorf("%s: %d searches in all, want %d", st.name, s.searches, st.searches)
		}
	}
}
