package answer

import (
	"path/filepath"
	"runtime"
	"testing"
	"time"
	"weak"

	"github.com/reedesk/reedesk/knowledge"
)

// TestLexiconsFollowTheirBase: a base's lexicon is built once, and dropped once nothing holds
// the base (a reindex replaced it), so a long-running bot keeps no stale lexicons.
func TestLexiconsFollowTheirBase(t *testing.T) {
	b, err := knowledge.LoadDir(filepath.Join("..", "knowledge", "data"))
	if err != nil {
		t.Fatal(err)
	}
	if first, again := lexiconFor(b), lexiconFor(b); first != again {
		t.Errorf("lexiconFor built a second lexicon for the same base")
	}
	key := weak.Make(b)
	b = nil
	kept := true
	for deadline := time.Now().Add(10 * time.Second); kept && time.Now().Before(deadline); {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
		lexMu.Lock()
		_, kept = lexicons[key]
		lexMu.Unlock()
	}
	if kept {
		t.Errorf("the lexicon of a base nothing holds is still kept")
	}
}
