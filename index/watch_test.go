package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/reedesk/reedesk/knowledge"
)

// Watch tests run on real folders with the watch's waits shrunk: 20 ms of quiet, files
// settled for 300 ms, retries after 20 ms doubling to 160 ms.
var watchTimes = Options{Debounce: 20 * time.Millisecond, Settle: 300 * time.Millisecond, RetryMin: 20 * time.Millisecond, RetryMax: 160 * time.Millisecond}

const watchSources = "sources:\n  - id: s1\n    publisher: REE Desk tests\n    title: Watch tests\n    date: 2026-11\n"

// watchFact is one small, valid fact.
func watchFact(n int, text string) string {
	return fmt.Sprintf("  - id: watch-%d\n    kind: background\n    title: Watched fact %d\n    text: %s\n    source: s1\n", n, n, text)
}

// writeWatchFacts writes a folder of n facts whose texts say word.
func writeWatchFacts(t *testing.T, dir string, n int, word string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("topic: watch\ntitle: Watch\nfacts:\n")
	for k := 1; k <= n; k++ {
		b.WriteString(watchFact(k, fmt.Sprintf("Fact %d says %s.", k, word)))
	}
	for name, data := range map[string]string{"sources.yaml": watchSources, "facts.yaml": b.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// watched is an index watching a folder, with every outcome the watch reported.
type watched struct {
	idx  *Index
	dir  string
	mu   sync.Mutex
	runs []Last
}

func (w *watched) outcomes() []Last {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]Last(nil), w.runs...)
}

// startWatch opens an index of dir, reindexed through load, and watches dir until the test
// ends.
func startWatch(t *testing.T, dir string, load Loader) *watched {
	t.Helper()
	base, err := load(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	opts := watchTimes
	opts.Load, opts.Watch = load, dir
	idx, err := Open(t.Context(), base, opts)
	if err != nil {
		t.Fatal(err)
	}
	w := &watched{idx: idx, dir: dir}
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		if err := idx.Watch(ctx, func(l Last) { w.mu.Lock(); w.runs = append(w.runs, l); w.mu.Unlock() }); err != nil {
			t.Errorf("Watch: %v", err)
		}
	}()
	t.Cleanup(func() { cancel(); <-stopped; idx.Close() })
	// Let the watch set up before the test changes anything.
	if !waitUntil(2*time.Second, func() bool { return idx.WatchState().Watching }) {
		t.Fatal("the watch did not start")
	}
	return w
}

// waitUntil polls cond until it holds or d passes.
func waitUntil(d time.Duration, cond func() bool) bool {
	for deadline := time.Now().Add(d); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			return false
		}
	}
	return true
}

// serves reports whether the index answers with a text that says word.
func (w *watched) serves(word string) bool {
	f, ok := w.idx.Base().Fact("watch-1")
	return ok && strings.Contains(f.Text, word)
}

// TestWatchRetriesUntilItSucceeds: a reindex the watch started fails for a reason outside the
// fact files (the loader refuses, as a full disk or a lost mount would); once the cause is gone
// the watch's own retries bring the new facts in, with no further file change, and the state it
// exposes says failing, then recovered.
func TestWatchRetriesUntilItSucceeds(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "facts")
	writeWatchFacts(t, dir, 2, "alpha")
	var broken atomic.Bool
	w := startWatch(t, dir, func(context.Context) (*knowledge.Base, error) {
		if broken.Load() {
			return nil, errors.New("disk unavailable")
		}
		return knowledge.LoadDir(dir)
	})
	broken.Store(true)
	writeWatchFacts(t, dir, 2, "beta")
	if !waitUntil(3*time.Second, func() bool { s := w.idx.WatchState(); return s.Failing && s.Attempts >= 2 }) {
		t.Fatalf("watch state %+v, want failing after two attempts", w.idx.WatchState())
	}
	if s := w.idx.WatchState(); s.Err == nil || !strings.Contains(s.Err.Error(), "disk unavailable") || !s.Retry.After(s.Since) {
		t.Errorf("failing state %+v, want the error and when it tries again", s)
	}
	broken.Store(false) // the cause is fixed; no file changes
	// The new index serves as soon as it is swapped in; the watch updates its state and
	// reports the outcome once the reindex has returned, a moment later.
	succeeded := func() bool { runs := w.outcomes(); return len(runs) > 0 && runs[len(runs)-1].Err == nil }
	if !waitUntil(3*time.Second, func() bool { return w.serves("beta") && succeeded() }) {
		t.Fatalf("the index still serves the old facts, or the watch reported no success; watch state %+v", w.idx.WatchState())
	}
	if s := w.idx.WatchState(); s.Failing || s.Err != nil {
		t.Errorf("after recovering, watch state %+v, want not failing", s)
	}
	runs := w.outcomes()
	if last := runs[len(runs)-1]; last.Err != nil || len(runs) < 3 {
		t.Errorf("%d outcomes reported, last %+v; want failures, then a success", len(runs), last)
	}
}

// TestWatchFollowsAReplacedFolder: the folder is replaced by a rename (a deploy swapping in a
// new copy); the watch picks up the new folder's facts, and later edits in it.
func TestWatchFollowsAReplacedFolder(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := filepath.Join(root, "facts")
	writeWatchFacts(t, dir, 2, "alpha")
	w := startWatch(t, dir, func(context.Context) (*knowledge.Base, error) { return knowledge.LoadDir(dir) })

	next := filepath.Join(root, "facts.new")
	writeWatchFacts(t, next, 2, "beta")
	if err := os.Rename(dir, filepath.Join(root, "facts.old")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(next, dir); err != nil {
		t.Fatal(err)
	}
	if !waitUntil(3*time.Second, func() bool { return w.serves("beta") }) {
		t.Fatalf("after the folder was replaced the index serves %q; want the new facts", w.idx.Base().Facts[0].Text)
	}
	writeWatchFacts(t, dir, 2, "gamma") // an edit in the new folder
	if !waitUntil(3*time.Second, func() bool { return w.serves("gamma") }) {
		t.Fatalf("an edit in the new folder was not picked up: the index serves %q", w.idx.Base().Facts[0].Text)
	}
}

// TestWatchWaitsForFilesToSettle: a fact file written in two parts with a pause longer than the
// debounce (the first part is valid YAML on its own) is indexed once, whole.
func TestWatchWaitsForFilesToSettle(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "facts")
	writeWatchFacts(t, dir, 2, "alpha")
	w := startWatch(t, dir, func(context.Context) (*knowledge.Base, error) { return knowledge.LoadDir(dir) })

	f, err := os.OpenFile(filepath.Join(dir, "facts.yaml"), os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	head := "topic: watch\ntitle: Watch\nfacts:\n" + watchFact(1, "Fact 1 says beta.") + watchFact(2, "Fact 2 says beta.")
	if _, err := f.WriteString(head); err != nil {
		t.Fatal(err)
	}
	time.Sleep(8 * watchTimes.Debounce) // the writer pauses longer than the debounce
	if _, err := f.WriteString(watchFact(3, "Fact 3 says beta.")); err != nil {
		t.Fatal(err)
	}
	if !waitUntil(3*time.Second, func() bool { return len(w.idx.Base().Facts) == 3 }) {
		t.Fatalf("the index serves %d facts, want the 3 of the whole file", len(w.idx.Base().Facts))
	}
	for _, l := range w.outcomes() {
		if l.Err == nil && l.Report.Facts != 3 {
			t.Errorf("a reindex swapped in %d facts: the file half-written", l.Report.Facts)
		}
	}
}
