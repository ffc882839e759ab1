package index

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/reedesk/reedesk/knowledge"
)

// An index directory (INDEX_DIR) holds one finished generation per build, a file naming the
// current one, and a lock file:
//
//	INDEX_DIR/lock                  held by the process that serves from the directory
//	INDEX_DIR/current               name of the generation being served
//	INDEX_DIR/gen-…/                a bleve index
//	INDEX_DIR/gen-…/manifest.json   written last: a generation without it is half-built
//
// Builds go to a fresh directory; only a finished, checked build becomes current, so a process
// killed mid-build restarts on the last good index.

const (
	currentFile  = "current"
	lockFile     = "lock"
	manifestFile = "manifest.json"
	genPrefix    = "gen-"
)

// DefaultLockTimeout is how long Open waits for another process to release INDEX_DIR.
const DefaultLockTimeout = 5 * time.Second

// Options configure Open.
type Options struct {
	Dir         string        // where to keep the index; "" keeps it in memory
	LockTimeout time.Duration // how long to wait for another process; 0 means DefaultLockTimeout
	Log         *slog.Logger

	// Load reads the fact files a reindex builds from; nil when the index serves knowledge
	// that never changes (the built-in knowledge base).
	Load Loader
	// Watch is the folder of fact files that Watch reindexes on. Debounce is how long it must
	// be quiet first (0 means DefaultDebounce), Settle how long its fact files must have been
	// left unchanged (0 means DefaultSettle). A failed reindex is retried after RetryMin,
	// doubling up to RetryMax (0 means DefaultRetryMin and DefaultRetryMax).
	Watch              string
	Debounce, Settle   time.Duration
	RetryMin, RetryMax time.Duration
	// Baseline is what the first reindex compares with, when not the knowledge Open was given
	// (the terminal compares the fact files with what INDEX_DIR or the built-in knowledge
	// base holds).
	Baseline *Snapshot
}

// manifest says what a generation on disk was built from, so it is reused only when nothing
// changed.
type manifest struct {
	Snapshot           // the knowledge version (every fact and synonym file) and fact digests
	Mapping  string    `json:"mapping"`
	Facts    int       `json:"facts"`
	Built    time.Time `json:"built"`
}

// ErrLocked is returned when another process serves from the same index directory.
var ErrLocked = errors.New("another process is using the index directory")

// Open returns an index of base. With opts.Dir set, an index on disk whose manifest matches base
// is reused; otherwise one is built there. Stale and half-built generations are removed.
func Open(ctx context.Context, base *knowledge.Base, opts Options) (*Index, error) {
	if opts.Dir == "" {
		g, err := build(ctx, base, "", nil)
		if err != nil {
			return nil, err
		}
		return newIndex(g, opts), nil
	}
	if opts.LockTimeout == 0 {
		opts.LockTimeout = DefaultLockTimeout
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("create index directory: %w", err)
	}
	lock, err := acquireLock(filepath.Join(opts.Dir, lockFile), opts.LockTimeout)
	if err != nil {
		return nil, err
	}
	s := &store{dir: opts.Dir, lock: lock, timeout: opts.LockTimeout}
	g, err := s.reuse(base)
	if err != nil && opts.Log != nil {
		opts.Log.Info("index on disk not reused; rebuilding", "dir", opts.Dir, "reason", err)
	}
	if g == nil {
		if g, err = s.build(ctx, base, nil); err == nil {
			if err = s.commit(g); err != nil {
				g.idx.Close()
			}
		}
		if err != nil {
			lock.Close()
			return nil, err
		}
	}
	s.removeStale(g.dir)
	i := newIndex(g, opts)
	i.store = s
	return i, nil
}

// store is the on-disk side of an Index.
type store struct {
	dir     string
	lock    *os.File
	timeout time.Duration
}

// acquireLock takes an exclusive lock on path, failing with ErrLocked after timeout rather than
// waiting forever for a process that may never stop.
func acquireLock(path string, timeout time.Duration) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open index lock: %w", err)
	}
	deadline := time.Now().Add(timeout)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, fmt.Errorf("lock index directory: %w", err)
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, fmt.Errorf("%w %s (waited %s); stop the other bot or give this one its own INDEX_DIR", ErrLocked, filepath.Dir(path), timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// reuse opens the current generation when its manifest matches base.
func (s *store) reuse(base *knowledge.Base) (*generation, error) {
	name, err := os.ReadFile(filepath.Join(s.dir, currentFile))
	if err != nil {
		return nil, fmt.Errorf("no current index: %w", err)
	}
	dir := filepath.Join(s.dir, strings.TrimSpace(string(name)))
	m, err := readManifest(dir)
	if err != nil {
		return nil, err
	}
	if m.Version != base.Version || m.Mapping != mappingVersion || m.Facts != len(base.Facts) {
		return nil, fmt.Errorf("index built from knowledge %s (mapping %s), serving %s (mapping %s)", m.Version, m.Mapping, base.Version, mappingVersion)
	}
	idx, err := bleve.OpenUsing(dir, map[string]interface{}{"bolt_timeout": s.timeout.String()})
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	g := &generation{idx: idx, base: base, dir: dir, built: time.Now()}
	if err := g.load(); err != nil {
		idx.Close()
		return nil, err
	}
	if g.docs != uint64(len(base.Facts)) {
		idx.Close()
		return nil, fmt.Errorf("index on disk holds %d passages, want %d", g.docs, len(base.Facts))
	}
	return g, nil
}

// OnDisk returns the snapshot of the knowledge the index in dir was last built from: what a
// process opening dir would serve.
func OnDisk(dir string) (*Snapshot, error) {
	name, err := os.ReadFile(filepath.Join(dir, currentFile))
	if err != nil {
		return nil, fmt.Errorf("no current index in %s: %w", dir, err)
	}
	m, err := readManifest(filepath.Join(dir, strings.TrimSpace(string(name))))
	if err != nil {
		return nil, err
	}
	if m.Digests == nil {
		return nil, fmt.Errorf("the index in %s was built by an older version that recorded no fact digests", dir)
	}
	return &m.Snapshot, nil
}

func readManifest(dir string) (manifest, error) {
	var m manifest
	data, err := os.ReadFile(filepath.Join(dir, manifestFile))
	if err != nil {
		return m, fmt.Errorf("read manifest: %w", err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return m, fmt.Errorf("read manifest %s: %w", dir, err)
	}
	return m, nil
}

// build makes a new generation in a fresh directory. It serves only once commit names it.
func (s *store) build(ctx context.Context, base *knowledge.Base, progress func(done, total int)) (*generation, error) {
	dir := filepath.Join(s.dir, genPrefix+time.Now().UTC().Format("20060102T150405")+"-"+randomHex(4))
	g, err := build(ctx, base, dir, progress)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return g, nil
}

// commit writes the manifest of a finished generation and points current at it, each by an
// atomic rename.
func (s *store) commit(g *generation) error {
	data, _ := json.MarshalIndent(manifest{Snapshot: *SnapshotOf(g.base), Mapping: mappingVersion, Facts: len(g.base.Facts), Built: time.Now().UTC()}, "", "  ")
	if err := writeAtomic(filepath.Join(g.dir, manifestFile), data); err != nil {
		return fmt.Errorf("write index manifest: %w", err)
	}
	if err := writeAtomic(filepath.Join(s.dir, currentFile), []byte(filepath.Base(g.dir)+"\n")); err != nil {
		return fmt.Errorf("point to the new index: %w", err)
	}
	return nil
}

func writeAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}

// removeStale deletes every generation other than keep: older ones and half-built ones.
func (s *store) removeStale(keep string) {
	entries, _ := os.ReadDir(s.dir)
	for _, e := range entries {
		p := filepath.Join(s.dir, e.Name())
		if strings.HasPrefix(e.Name(), genPrefix) && p != keep {
			os.RemoveAll(p)
		}
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
