package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/reedesk/reedesk/knowledge"
)

// Loader returns the knowledge a reindex builds from, such as knowledge.LoadDir on
// KNOWLEDGE_DIR.
type Loader func(ctx context.Context) (*knowledge.Base, error)

// Phases of a reindex, in order.
const (
	PhaseLoading  = "loading fact files"
	PhaseIndexing = "indexing"
	PhaseChecking = "checking the new index"
	PhaseSwapping = "swapping it in"
	PhaseDone     = "done"
	PhaseFailed   = "failed"
)

// Progress is how far a reindex has got: Done of Total passages indexed.
type Progress struct {
	Phase       string
	Done, Total int
}

// Report says what a reindex changed.
type Report struct {
	Added, Changed, Removed []string // fact ids
	Facts                   int
	Version, Previous       string // knowledge versions after and before
	Started                 time.Time
	Took                    time.Duration
}

// Unchanged reports whether the reindex found nothing to change.
func (r *Report) Unchanged() bool {
	return len(r.Added)+len(r.Changed)+len(r.Removed) == 0 && r.Version == r.Previous
}

// Snapshot is what a reindex compares new fact files with: a knowledge version and the digest
// of each of its facts, by id.
type Snapshot struct {
	Version string            `json:"knowledge"`
	Digests map[string]string `json:"digests"`
}

// SnapshotOf returns the snapshot of a knowledge base.
func SnapshotOf(b *knowledge.Base) *Snapshot {
	s := &Snapshot{Version: b.Version, Digests: make(map[string]string, len(b.Facts))}
	for _, f := range b.Facts {
		s.Digests[f.ID] = f.Digest
	}
	return s
}

// Last is the outcome of the last reindex that finished.
type Last struct {
	At     time.Time
	By     string // who asked: a user name, or "watch"
	Report *Report
	Err    error
}

// Run is one reindex. Every request that arrives while it runs shares it.
type Run struct {
	By   string // who started it
	done chan struct{}

	mu       sync.Mutex
	progress Progress
	report   *Report
	err      error
}

// Progress returns how far the run has got.
func (r *Run) Progress() Progress {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.progress
}

func (r *Run) set(p Progress) {
	r.mu.Lock()
	r.progress = p
	r.mu.Unlock()
}

// Done is closed when the run has finished.
func (r *Run) Done() <-chan struct{} { return r.done }

// Wait waits for the run to finish, or for ctx, and returns its result. On an error the
// index still serves what it served before; a *knowledge.ValidationError names each file, line
// and field at fault.
func (r *Run) Wait(ctx context.Context) (*Report, error) {
	select {
	case <-r.done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.report, r.err
}

// Errors of a reindex that could not start.
var (
	ErrClosed   = errors.New("index is closed")
	ErrNoSource = errors.New("the index serves the built-in knowledge base: there are no fact files to reload (set KNOWLEDGE_DIR)")
)

// Reindexable reports whether the index has fact files to rebuild from.
func (i *Index) Reindexable() bool { return i.opts.Load != nil }

// Reindex starts rebuilding the index from its fact files in the background, or joins the
// rebuild that is already running (joined is then true). by says who asked, for Last. Only a
// complete, checked index is swapped in; searches never wait for the build and never see an
// empty or closed index.
func (i *Index) Reindex(by string) (run *Run, joined bool) {
	i.mu.Lock()
	defer i.mu.Unlock()
	if i.running != nil {
		return i.running, true
	}
	run = &Run{By: by, done: make(chan struct{})}
	if i.closed || i.opts.Load == nil {
		run.err = ErrClosed
		if !i.closed {
			run.err = ErrNoSource
		}
		run.progress.Phase = PhaseFailed
		close(run.done)
		return run, false
	}
	ctx, cancel := context.WithCancel(context.Background())
	i.running, i.cancelBuild = run, cancel
	i.builds.Add(1)
	go i.reindex(ctx, run)
	return run, false
}

// Last returns the outcome of the last reindex, if one has finished.
func (i *Index) Last() (Last, bool) {
	i.mu.Lock()
	defer i.mu.Unlock()
	if i.last == nil {
		return Last{}, false
	}
	return *i.last, true
}

func (i *Index) reindex(ctx context.Context, run *Run) {
	defer i.builds.Done()
	started := time.Now()
	report, err := i.rebuild(ctx, run)
	if report != nil {
		report.Started, report.Took = started, time.Since(started)
	}
	phase := PhaseDone
	if err != nil {
		phase = PhaseFailed
	}
	last := &Last{At: time.Now(), By: run.By, Report: report, Err: err}
	i.mu.Lock()
	i.running = nil
	i.cancelBuild()
	i.cancelBuild = nil
	if !i.closed || err == nil {
		i.last = last
	}
	i.mu.Unlock()
	run.mu.Lock()
	run.report, run.err = report, err
	run.progress.Phase = phase
	run.mu.Unlock()
	close(run.done)
}

func (i *Index) rebuild(ctx context.Context, run *Run) (*Report, error) {
	run.set(Progress{Phase: PhaseLoading})
	base, err := i.opts.Load(ctx)
	if err != nil {
		return nil, err
	}
	before := i.before()
	if cur := i.current(); cur.base.Version == base.Version {
		// Same files, same index: nothing to build (a file saved unchanged, or a
		// /reindex with nothing edited).
		run.set(Progress{Phase: PhaseSwapping, Done: len(base.Facts), Total: len(base.Facts)})
		i.mu.Lock()
		i.baseline = nil
		i.mu.Unlock()
		return diff(before, base), nil
	}
	progress := func(done, total int) { run.set(Progress{Phase: PhaseIndexing, Done: done, Total: total}) }
	progress(0, len(base.Facts))
	var g *generation
	if i.store != nil {
		g, err = i.store.build(ctx, base, progress)
	} else {
		g, err = build(ctx, base, "", progress)
	}
	if err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	run.set(Progress{Phase: PhaseChecking, Done: len(base.Facts), Total: len(base.Facts)})
	if err := g.check(ctx); err != nil {
		g.discard()
		return nil, fmt.Errorf("check new index: %w", err)
	}
	run.set(Progress{Phase: PhaseSwapping, Done: len(base.Facts), Total: len(base.Facts)})
	if i.store != nil {
		if err := i.store.commit(g); err != nil {
			g.discard()
			return nil, err
		}
	}
	if err := i.swap(g); err != nil {
		g.discard()
		return nil, err
	}
	return diff(before, base), nil
}

// before is what a reindex compares with: the baseline the index was opened with, until a
// reindex replaces it, else the knowledge being served.
func (i *Index) before() *Snapshot {
	i.mu.Lock()
	b := i.baseline
	i.mu.Unlock()
	if b != nil {
		return b
	}
	return SnapshotOf(i.current().base)
}

// check searches a new generation before it serves: every passage is there, and a few
// passages are found by their own titles. The title search is limited to the passage itself,
// so that other passages ranking above it (any number may share a title) cannot fail a valid
// knowledge base; what it proves is that the passage's words were indexed and are found.
func (g *generation) check(ctx context.Context) error {
	if g.docs != uint64(len(g.base.Facts)) {
		return fmt.Errorf("it holds %d passages, want %d", g.docs, len(g.base.Facts))
	}
	facts := g.base.Facts
	if len(facts) == 0 {
		return nil
	}
	for _, f := range []*knowledge.Fact{facts[0], facts[len(facts)/2], facts[len(facts)-1]} {
		p := g.plan(f.Title)
		if len(p.clauses) == 0 {
			continue
		}
		qs := query.NewConjunctionQuery([]query.Query{query.NewDocIDQuery([]string{f.ID}), p.query()})
		res, err := g.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(qs, 1, 0, false))
		if err != nil {
			return fmt.Errorf("smoke search %q: %w", f.Title, err)
		}
		found := false
		for _, h := range res.Hits {
			found = found || h.ID == f.ID
		}
		if !found {
			return fmt.Errorf("smoke search for %q did not find %s", f.Title, f.ID)
		}
	}
	return nil
}

// swap makes g the generation that searches use. It waits for the searches running on the old
// generation, which is then closed: nothing reads it any more.
func (i *Index) swap(g *generation) error {
	i.mu.Lock()
	defer i.mu.Unlock()
	if i.closed {
		return ErrClosed
	}
	i.gen.Lock()
	old := i.cur
	i.cur = g
	i.gen.Unlock()
	i.baseline = nil
	old.idx.Close()
	if old.dir != "" && old.dir != g.dir {
		os.RemoveAll(old.dir)
	}
	return nil
}

// discard closes and deletes a generation that will not serve.
func (g *generation) discard() {
	g.idx.Close()
	if g.dir != "" {
		os.RemoveAll(g.dir)
	}
}

// diff lists the facts added, changed and removed between a snapshot and a knowledge base.
func diff(before *Snapshot, after *knowledge.Base) *Report {
	r := &Report{Facts: len(after.Facts), Version: after.Version, Previous: before.Version}
	for _, f := range after.Facts {
		old, ok := before.Digests[f.ID]
		switch {
		case !ok:
			r.Added = append(r.Added, f.ID)
		case old != f.Digest:
			r.Changed = append(r.Changed, f.ID)
		}
	}
	for id := range before.Digests {
		if _, ok := after.Fact(id); !ok {
			r.Removed = append(r.Removed, id)
		}
	}
	sort.Strings(r.Added)
	sort.Strings(r.Changed)
	sort.Strings(r.Removed)
	return r
}
