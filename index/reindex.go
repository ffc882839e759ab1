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

// Run is one reindex. Every request that arrives while it runs shares it.
type Run struct {
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

// ErrClosed is returned by a reindex asked of a closed index.
var ErrClosed = errors.New("index is closed")

// Reindex starts rebuilding the index from load in the background, or joins the rebuild that is
// already running (joined is then true). Only a complete, checked index is swapped in; searches
// never wait for the build and never see an empty or closed index.
func (i *Index) Reindex(load Loader) (run *Run, joined bool) {
	i.mu.Lock()
	defer i.mu.Unlock()
	if i.running != nil {
		return i.running, true
	}
	run = &Run{done: make(chan struct{})}
	if i.closed {
		run.err = ErrClosed
		run.progress.Phase = PhaseFailed
		close(run.done)
		return run, false
	}
	i.running = run
	i.builds.Add(1)
	go i.reindex(run, load)
	return run, false
}

func (i *Index) reindex(run *Run, load Loader) {
	defer i.builds.Done()
	started := time.Now()
	report, err := i.rebuild(i.life, run, load)
	if report != nil {
		report.Started, report.Took = started, time.Since(started)
	}
	phase := PhaseDone
	if err != nil {
		phase = PhaseFailed
	}
	i.mu.Lock()
	i.running = nil
	i.mu.Unlock()
	run.mu.Lock()
	run.report, run.err = report, err
	run.progress.Phase = phase
	run.mu.Unlock()
	close(run.done)
}

func (i *Index) rebuild(ctx context.Context, run *Run, load Loader) (*Report, error) {
	run.set(Progress{Phase: PhaseLoading})
	base, err := load(ctx)
	if err != nil {
		return nil, err
	}
	if cur := i.cur.Load(); cur.base.Version == base.Version {
		// Same files, same index: nothing to build (a file saved unchanged, or a
		// /reindex with nothing edited).
		run.set(Progress{Phase: PhaseSwapping, Done: len(base.Facts), Total: len(base.Facts)})
		return diff(cur.base, base), nil
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
		i.discard(g)
		return nil, fmt.Errorf("check new index: %w", err)
	}
	run.set(Progress{Phase: PhaseSwapping, Done: len(base.Facts), Total: len(base.Facts)})
	if i.store != nil {
		if err := i.store.commit(g); err != nil {
			i.discard(g)
			return nil, err
		}
	}
	old, err := i.swap(g)
	if err != nil {
		i.discard(g)
		return nil, err
	}
	return diff(old.base, base), nil
}

// check searches a new generation before it serves: every passage is there, and a few
// passages are found by their own titles.
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
		qs := p.query()
		res, err := g.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(qs, 50, 0, false))
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

// swap makes g the generation that searches use. The alias waits for searches running on the
// old generation, so the old index is closed only when nothing reads it.
func (i *Index) swap(g *generation) (*generation, error) {
	i.mu.Lock()
	defer i.mu.Unlock()
	if i.closed {
		return nil, ErrClosed
	}
	old := i.cur.Load()
	i.liveMu.Lock()
	// Keep the old base for hits already returned by the old index; drop older ones.
	i.live = map[string]*generation{g.name: g, old.name: old}
	i.liveMu.Unlock()
	i.alias.Swap([]bleve.Index{g.idx}, []bleve.Index{old.idx})
	i.cur.Store(g)
	old.idx.Close()
	if old.dir != "" && old.dir != g.dir {
		os.RemoveAll(old.dir)
	}
	return old, nil
}

// discard closes and deletes a generation that will not serve.
func (i *Index) discard(g *generation) {
	g.idx.Close()
	if g.dir != "" {
		os.RemoveAll(g.dir)
	}
}

// diff lists the facts added, changed and removed between two knowledge bases.
func diff(before, after *knowledge.Base) *Report {
	r := &Report{Facts: len(after.Facts), Version: after.Version, Previous: before.Version}
	for _, f := range after.Facts {
		old, ok := before.Fact(f.ID)
		switch {
		case !ok:
			r.Added = append(r.Added, f.ID)
		case old.Digest != f.Digest:
			r.Changed = append(r.Changed, f.ID)
		}
	}
	for _, f := range before.Facts {
		if _, ok := after.Fact(f.ID); !ok {
			r.Removed = append(r.Removed, f.ID)
		}
	}
	sort.Strings(r.Added)
	sort.Strings(r.Changed)
	sort.Strings(r.Removed)
	return r
}
