package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/reedesk/reedesk/knowledge"
)

// mechanicsFiles are the real fact files that the tests of the index's mechanics (reindex,
// swaps, disk failures, restarts, a killed build) start from and edit: what those tests check
// does not depend on the other files, and an index of these facts builds in a fraction of the
// processor time of the whole base, which the race detector multiplies. The tests that check
// answers on the whole base use the built-in index.
var mechanicsFiles = []string{"beylikova.yaml", "prices.yaml", "reserves.yaml", "sources.yaml", "synonyms.yaml"}

// dataFS is a writable copy of the built-in fact files the mechanics tests use.
func dataFS(t testing.TB) fstest.MapFS {
	t.Helper()
	m, err := readFacts(mechanicsFiles)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// allDataFS is a writable copy of every built-in fact file.
func allDataFS(t testing.TB) fstest.MapFS {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join("..", "knowledge", "data"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	m, err := readFacts(names)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func readFacts(names []string) (fstest.MapFS, error) {
	m := fstest.MapFS{}
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join("..", "knowledge", "data", name))
		if err != nil {
			return nil, err
		}
		m[name] = &fstest.MapFile{Data: data}
	}
	return m, nil
}

// smallBases is the knowledge of dataFS, read once per test binary.
var smallBases = sync.OnceValues(func() (*knowledge.Base, error) {
	m, err := readFacts(mechanicsFiles)
	if err != nil {
		return nil, err
	}
	return knowledge.Load(m, "")
})

// smallBase is the knowledge the mechanics tests start from: that of dataFS.
func smallBase(t testing.TB) *knowledge.Base {
	t.Helper()
	b, err := smallBases()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func loadBase(t testing.TB, fsys fs.FS) *knowledge.Base {
	t.Helper()
	b, err := knowledge.Load(fsys, "")
	if err != nil {
		t.Fatalf("load knowledge: %v", err)
	}
	return b
}

// edited returns the fact files of dataFS with one fact changed, one added and one removed.
func edited(t testing.TB) fstest.MapFS {
	t.Helper()
	return edit(dataFS(t))
}

// edit changes one fact of m, adds one and removes one.
func edit(m fstest.MapFS) fstest.MapFS {
	s := string(m["beylikova.yaml"].Data)
	s = strings.Replace(s, "spread over 310 drilling locations", "spread over 310 drill sites", 1)
	s = strings.Replace(s, "facts:\n", `facts:
  - id: test-added-fact
    kind: background
    title: A fact added by the reindex test
    text: Zanzibarite is a word that appears in no other fact.
    source: aa-beylikova-2025
`, 1)
	m["beylikova.yaml"] = &fstest.MapFile{Data: []byte(s)}
	p := string(m["prices.yaml"].Data)
	i := strings.Index(p, "  - id: prices-source")
	j := strings.Index(p[i+1:], "  - id: ") + i + 1
	m["prices.yaml"] = &fstest.MapFile{Data: []byte(p[:i] + p[j:])}
	return m
}

func loader(fsys fs.FS) Loader {
	return func(context.Context) (*knowledge.Base, error) { return knowledge.Load(fsys, "") }
}

// source is fact files that a test replaces between reindexes.
type source struct {
	mu   sync.Mutex
	fsys fs.FS
}

func (s *source) set(fsys fs.FS) {
	s.mu.Lock()
	s.fsys = fsys
	s.mu.Unlock()
}

func (s *source) load(ctx context.Context) (*knowledge.Base, error) {
	s.mu.Lock()
	fsys := s.fsys
	s.mu.Unlock()
	return knowledge.Load(fsys, "")
}

// mustOpen opens an index of base, or fails the test.
func mustOpen(t testing.TB, base *knowledge.Base, opts Options) *Index {
	t.Helper()
	idx, err := Open(context.Background(), base, opts)
	if err != nil {
		t.Fatal(err)
	}
	return idx
}

// reindexable opens an in-memory index of the built-in fact files that reindexes from load.
func reindexable(t testing.TB, load Loader) *Index {
	t.Helper()
	idx := mustOpen(t, smallBase(t), Options{Load: load})
	t.Cleanup(func() { idx.Close() })
	return idx
}

func TestReindexReportsWhatChanged(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	idx := reindexable(t, loader(edited(t)))
	run, joined := idx.Reindex("test")
	if joined {
		t.Error("first Reindex joined a run, want a new one")
	}
	report, err := run.Wait(ctx)
	if err != nil {
		t.Fatalf("reindex: %v", err)
	}
	got := [][]string{report.Added, report.Changed, report.Removed}
	want := [][]string{{"test-added-fact"}, {"beylikova-drilling"}, {"prices-source"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("added, changed, removed differ (-want +got):\n%s", diff)
	}
	if p := run.Progress(); p.Phase != PhaseDone || p.Done != p.Total || p.Total != report.Facts {
		t.Errorf("final progress = %+v, want done with %d of %d", p, report.Facts, report.Facts)
	}
	if top := topID(t, idx, "zanzibarite"); top != "test-added-fact" {
		t.Errorf("after reindex, search for the new word found %q, want test-added-fact", top)
	}
	again, _ := idx.Reindex("test")
	if r, err := again.Wait(ctx); err != nil || !r.Unchanged() {
		t.Errorf("reindex of unchanged files = %+v, %v; want no change", r, err)
	}
}

func TestFailedReindexKeepsServing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	broken := dataFS(t)
	broken["beylikova.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(broken["beylikova.yaml"].Data), "unit: Mt", "unit: megatonnes", 1))}
	idx := reindexable(t, loader(broken))
	before := idx.Base().Version
	run, _ := idx.Reindex("test")
	_, err := run.Wait(ctx)
	var ve *knowledge.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("reindex of a broken file: error %v, want a *knowledge.ValidationError", err)
	}
	if p := ve.Problems[0]; p.File != "beylikova.yaml" || p.Line == 0 || !strings.HasSuffix(p.Field, ".unit") {
		t.Errorf("problem = %+v, want beylikova.yaml, a line and the unit field", p)
	}
	if got := idx.Base().Version; got != before {
		t.Errorf("after a failed reindex the index serves %s, want %s", got, before)
	}
	if top := topID(t, idx, "How many locations were drilled at Beylikova?"); top != "beylikova-drilling" {
		t.Errorf("after a failed reindex, search found %q", top)
	}
}

func TestConcurrentReindexRequestsShareOneBuild(t *testing.T) {
	t.Parallel()
	var loads atomic.Int32
	release := make(chan struct{})
	slow := func(ctx context.Context) (*knowledge.Base, error) {
		loads.Add(1)
		<-release
		return knowledge.Load(edited(t), "")
	}
	idx := reindexable(t, slow)
	var runs []*Run
	joined := 0
	for range 50 {
		r, j := idx.Reindex("test")
		runs = append(runs, r)
		if j {
			joined++
		}
	}
	close(release)
	for _, r := range runs {
		if r != runs[0] {
			t.Fatal("Reindex returned different runs while one was running")
		}
	}
	if _, err := runs[0].Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if loads.Load() != 1 || joined != 49 {
		t.Errorf("50 requests ran %d builds with %d joins, want 1 build and 49 joins", loads.Load(), joined)
	}
}

// TestSearchDuringReindex searches without pause from two goroutines while the index is
// rebuilt and swapped back and forth; no search may fail or come back empty.
func TestSearchDuringReindex(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b := dataFS(t), edited(t)
	src := &source{fsys: a}
	idx := reindexable(t, src.load)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var searches, failures atomic.Int64
	questions := []string{"How many locations were drilled at Beylikova?", "neodymium oxide price", "China's rare earth reserves", "Beylikova total resources"}
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := w; ; k++ {
				select {
				case <-stop:
					return
				default:
				}
				res, err := idx.Search(ctx, questions[k%len(questions)], 5)
				searches.Add(1)
				if err != nil || res.Miss || len(res.Hits) == 0 {
					failures.Add(1)
					t.Errorf("search during reindex: err %v, miss %v, %d hits", err, res != nil && res.Miss, len(res.Hits))
				}
				// A steady stream of questions, not a busy loop that takes the cores the
				// reindex and the other tests need.
				time.Sleep(time.Millisecond)
			}
		}()
	}
	versions := map[string]bool{}
	for k := range 2 {
		src.set(a)
		if k%2 == 0 {
			src.set(b)
		}
		run, _ := idx.Reindex("test")
		if _, err := run.Wait(ctx); err != nil {
			t.Fatalf("reindex %d: %v", k, err)
		}
		versions[idx.Base().Version] = true
	}
	close(stop)
	wg.Wait()
	if len(versions) != 2 {
		t.Errorf("served %d knowledge versions, want 2", len(versions))
	}
	if n := searches.Load(); n < 20 {
		t.Errorf("%d searches during 2 reindexes, want at least 20", n)
	}
	t.Logf("%d searches during 2 reindexes, %d failed", searches.Load(), failures.Load())
}

func TestOpenReusesMatchingIndexOnDisk(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	base := smallBase(t)
	idx := mustOpen(t, base, Options{Dir: dir})
	first := idx.Dir()
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	// A half-built generation left by a killed process.
	if err := os.MkdirAll(filepath.Join(dir, "gen-halfbuilt"), 0o755); err != nil {
		t.Fatal(err)
	}

	idx = mustOpen(t, base, Options{Dir: dir})
	if idx.Dir() != first {
		t.Errorf("second Open serves %s, want the reused %s", idx.Dir(), first)
	}
	if top := topID(t, idx, "beylikva total resources"); top != "beylikova-total-resource" {
		t.Errorf("reused index found %q", top)
	}
	if _, err := os.Stat(filepath.Join(dir, "gen-halfbuilt")); !os.IsNotExist(err) {
		t.Errorf("half-built generation still there: %v", err)
	}
	idx.Close()

	changed := loadBase(t, edited(t))
	idx = mustOpen(t, changed, Options{Dir: dir})
	defer idx.Close()
	if idx.Dir() == first {
		t.Errorf("Open with changed knowledge reused %s, want a rebuild", first)
	}
	if _, err := os.Stat(first); !os.IsNotExist(err) {
		t.Errorf("stale generation %s still there: %v", first, err)
	}
	if top := topID(t, idx, "zanzibarite"); top != "test-added-fact" {
		t.Errorf("rebuilt index found %q", top)
	}
}

func TestOpenFailsFastWhenAnotherProcessHoldsTheDir(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	base := smallBase(t)
	idx := mustOpen(t, base, Options{Dir: dir})
	defer idx.Close()
	start := time.Now()
	_, err := Open(ctx, base, Options{Dir: dir, LockTimeout: 300 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open error = %v, want ErrLocked", err)
	}
	if waited := time.Since(start); waited > 5*time.Second {
		t.Errorf("second Open took %s to fail", waited)
	}
}

func TestReindexOnDiskSurvivesRestart(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	idx := mustOpen(t, smallBase(t), Options{Dir: dir, Load: loader(edited(t))})
	run, _ := idx.Reindex("test")
	if _, err := run.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	serving := idx.Dir()
	idx.Close()
	gens, _ := filepath.Glob(filepath.Join(dir, genPrefix+"*"))
	if len(gens) != 1 || gens[0] != serving {
		t.Errorf("generations on disk after reindex: %v, want only %s", gens, serving)
	}
	idx = mustOpen(t, loadBase(t, edited(t)), Options{Dir: dir})
	defer idx.Close()
	if idx.Dir() != serving {
		t.Errorf("restart serves %s, want the reindexed %s", idx.Dir(), serving)
	}
}

// TestReindexDiskFailureKeepsServing breaks INDEX_DIR under a serving index (root ignores
// permissions, so the directory is replaced by a file): the reindex fails with a clear error and
// the old index keeps answering.
func TestReindexDiskFailureKeepsServing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "index")
	idx := mustOpen(t, smallBase(t), Options{Dir: dir, Load: loader(edited(t))})
	defer idx.Close()
	before := idx.Base().Version
	moved := dir + ".moved"
	if err := os.Rename(dir, moved); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir, []byte("not a directory"), 0o644); err != nil {
		t.Fatal(err)
	}
	run, _ := idx.Reindex("test")
	_, err := run.Wait(ctx)
	if err == nil || !strings.Contains(err.Error(), "build index") {
		t.Fatalf("reindex into a broken INDEX_DIR: error %v, want a build error", err)
	}
	if idx.Base().Version != before {
		t.Error("a failed reindex changed what the index serves")
	}
	if top := topID(t, idx, "beylikva total resources"); top != "beylikova-total-resource" {
		t.Errorf("after a failed reindex, search found %q", top)
	}
}

// TestReindexComparesWithTheBaseline: an index opened with a baseline (what INDEX_DIR or the
// built-in knowledge holds) reports the first reindex against it, not against what it was
// opened with; later reindexes compare with what they replaced.
func TestReindexComparesWithTheBaseline(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	old := smallBase(t)
	idx := mustOpen(t, old, Options{Dir: dir})
	idx.Close()
	onDisk, err := OnDisk(dir)
	if err != nil {
		t.Fatalf("OnDisk: %v", err)
	}
	if onDisk.Version != old.Version || len(onDisk.Digests) != len(old.Facts) {
		t.Fatalf("OnDisk = version %s with %d digests, want %s with %d", onDisk.Version, len(onDisk.Digests), old.Version, len(old.Facts))
	}

	// Opened on the edited files, as a terminal /reindex does, with what the disk held as
	// the baseline.
	edit := loader(edited(t))
	now, err := edit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	idx = mustOpen(t, now, Options{Dir: dir, Load: edit, Baseline: onDisk})
	defer idx.Close()
	for k, want := range [][]string{{"beylikova-drilling"}, nil} {
		run, _ := idx.Reindex("terminal")
		report, err := run.Wait(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, report.Changed); diff != "" {
			t.Errorf("reindex %d: changed ids differ (-want +got):\n%s", k+1, diff)
		}
	}
	last, ok := idx.Last()
	if !ok || last.By != "terminal" || last.Err != nil || last.Report == nil || !last.Report.Unchanged() {
		t.Errorf("Last() = %+v, %v; want the second, unchanged reindex by terminal", last, ok)
	}
}

func TestReindexWithoutFactFilesFails(t *testing.T) {
	t.Parallel()
	idx, err := New(context.Background(), smallBase(t))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	run, _ := idx.Reindex("test")
	if _, err := run.Wait(context.Background()); !errors.Is(err, ErrNoSource) {
		t.Errorf("reindex of the built-in knowledge: error %v, want ErrNoSource", err)
	}
	if idx.Reindexable() {
		t.Error("Reindexable() = true for an index with no loader")
	}
}

// sharedTitles is a valid knowledge base of n facts that all have one title, as 481 of the
// 100,000 synthetic facts do.
func sharedTitles(n int) fstest.MapFS {
	var b strings.Builder
	b.WriteString("topic: shared\ntitle: Shared titles\nfacts:\n")
	for k := range n {
		fmt.Fprintf(&b, "  - id: shared-%04d\n    kind: production\n    title: World mine production of rare earths\n    text: Fact number %d of a long list, about quantity %d.\n    source: s1\n", k, k, k*7)
	}
	return fstest.MapFS{
		"sources.yaml": {Data: []byte("sources:\n  - id: s1\n    publisher: REE Desk tests\n    title: Shared titles\n    date: 2026-11\n")},
		"shared.yaml":  {Data: []byte(b.String())},
	}
}

// TestReindexAcceptsFactsThatShareATitle: the check before a new index is swapped in never
// refuses a valid knowledge base, however many facts share a title.
func TestReindexAcceptsFactsThatShareATitle(t *testing.T) {
	t.Parallel()
	idx := reindexable(t, loader(sharedTitles(300)))
	run, _ := idx.Reindex("test")
	report, err := run.Wait(context.Background())
	if err != nil {
		t.Fatalf("reindex of 300 facts sharing a title: %v", err)
	}
	if report.Facts != 300 || idx.Base().Version != report.Version {
		t.Errorf("report %+v, serving %s; want the 300 facts swapped in", report, idx.Base().Version)
	}
}

// TestReindexAt100k reindexes into 100,000 synthetic facts, among which hundreds share a title:
// the build is checked and swapped in, and searches find the new facts. It takes about a
// minute and a half on two cores, so it runs only with BENCH_100K=1 (and never with -short).
func TestReindexAt100k(t *testing.T) {
	t.Parallel()
	if testing.Short() || os.Getenv("BENCH_100K") == "" {
		t.Skip("set BENCH_100K=1 to reindex 100,000 synthetic facts (about 90 s on 2 cores)")
	}
	fsys := syntheticFS(100_000, 7)
	big := loadBase(t, fsys)
	titles := map[string]int{}
	most := 0
	for _, f := range big.Facts {
		titles[f.Title]++
		most = max(most, titles[f.Title])
	}
	if most < 50 {
		t.Fatalf("the most shared title has %d facts; the test needs more than the 50 the old check looked at", most)
	}
	idx := reindexable(t, func(context.Context) (*knowledge.Base, error) { return big, nil })
	start := time.Now()
	run, _ := idx.Reindex("test")
	report, err := run.Wait(context.Background())
	if err != nil {
		t.Fatalf("reindex of 100,000 facts (%d share one title): %v", most, err)
	}
	t.Logf("reindex of %d facts (%d share one title) took %s", report.Facts, most, time.Since(start).Round(time.Millisecond))
	if report.Facts != 100_000 || idx.Base().Version != big.Version {
		t.Errorf("report %d facts, serving %s; want the 100,000 facts swapped in", report.Facts, idx.Base().Version)
	}
	res, err := idx.Search(context.Background(), big.Facts[99_999].Title, 5)
	if err != nil || len(res.Hits) == 0 {
		t.Errorf("search after the swap: %v, %d hits", err, len(res.Hits))
	}
}

// TestRebuildsShareConcepts: a rebuild of knowledge with the same synonyms, glossary and names
// (a fact reworded) reuses the concept groups of the first build; a new synonym group gives
// new ones. It does not run in parallel: other tests' builds could fill the cache meanwhile.
func TestRebuildsShareConcepts(t *testing.T) {
	first := mustOpen(t, smallBase(t), Options{})
	defer first.Close()
	reworded := dataFS(t)
	reworded["beylikova.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(reworded["beylikova.yaml"].Data), "spread over 310 drilling locations", "spread over 310 drill sites", 1))}
	again := mustOpen(t, loadBase(t, reworded), Options{})
	defer again.Close()
	if first.current().concepts != again.current().concepts {
		t.Error("a build after an edit of facts grouped the synonyms again, want the first build's groups")
	}
	files := dataFS(t)
	files["synonyms.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(files["synonyms.yaml"].Data), "synonyms:\n", "synonyms:\n  - [zanzibarite, zanzibar ore]\n", 1))}
	other := mustOpen(t, loadBase(t, files), Options{})
	defer other.Close()
	if other.current().concepts == first.current().concepts {
		t.Error("a build with a new synonym group reused the old groups")
	}
}
