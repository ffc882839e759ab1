package answer

import (
	"context"
	"sync"
	"testing"

	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// builtin is one in-memory index of the built-in knowledge base, shared by the tests.
var builtin = sync.OnceValues(func() (*index.Index, error) {
	b, err := knowledge.Embedded()
	if err != nil {
		return nil, err
	}
	return index.New(context.Background(), b)
})

func testIndex(t testing.TB) *index.Index {
	t.Helper()
	idx, err := builtin()
	if err != nil {
		t.Fatalf("build index: %v", err)
	}
	return idx
}
