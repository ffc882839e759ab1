package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Defaults of the watch of a fact folder (see Options).
const (
	// DefaultDebounce is how long the watched folder must be quiet before a reindex: editors
	// save in several steps.
	DefaultDebounce = 500 * time.Millisecond
	// DefaultSettle is how long every fact file must have gone unchanged: a file still being
	// written (a copy over a slow link, a writer that pauses) is not indexed half-written.
	DefaultSettle = 2 * time.Second
	// DefaultRetryMin and DefaultRetryMax bound the wait before a failed reindex is tried
	// again, doubling each time.
	DefaultRetryMin = time.Second
	DefaultRetryMax = 2 * time.Minute
)

// WatchState is how the watch of the fact folder is doing, for health checks and metrics.
type WatchState struct {
	Watching bool      // the folder is being watched
	Failing  bool      // the fact files changed and reindexing them keeps failing
	Since    time.Time // when the failing started
	Attempts int       // failed attempts since then
	Err      error     // the last attempt's error
	Retry    time.Time // when the next attempt is due
}

// WatchState returns how the watch is doing; the zero value when there is no watch.
func (i *Index) WatchState() WatchState {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.watch
}

func (i *Index) setWatch(f func(*WatchState)) {
	i.mu.Lock()
	f(&i.watch)
	i.mu.Unlock()
}

// Watch reindexes whenever the folder of Options.Watch changes, once it has been quiet for
// Options.Debounce and its fact files unchanged for Options.Settle, and reports each outcome to
// done. A failed reindex is tried again with backoff until one succeeds, even if nothing
// changes: the cause may be outside the files (a full disk, a lost mount). The folder is
// followed when it is replaced by a rename or recreated. Watch returns when ctx ends.
func (i *Index) Watch(ctx context.Context, done func(Last)) error {
	dir := filepath.Clean(i.opts.Watch)
	if i.opts.Watch == "" || i.opts.Load == nil {
		return errors.New("watch: the index has no folder of fact files to watch")
	}
	debounce := orDefault(i.opts.Debounce, DefaultDebounce)
	retryMin := orDefault(i.opts.RetryMin, DefaultRetryMin)
	retryMax := max(orDefault(i.opts.RetryMax, DefaultRetryMax), retryMin)
	w, err := fsnotify.NewWatcher()
	if err != nil {
		err = fmt.Errorf("watch %s: %w", dir, err)
		i.setWatch(func(s *WatchState) { *s = WatchState{Failing: true, Since: time.Now(), Err: err} })
		return err
	}
	defer w.Close()
	defer i.setWatch(func(s *WatchState) { s.Watching = false })

	// The parent tells when the folder itself is renamed, removed or created.
	if err := w.Add(filepath.Dir(dir)); err != nil {
		i.logWarn("cannot watch the folder holding the fact folder: a replaced fact folder will not be followed", "dir", filepath.Dir(dir), "err", err)
	}
	follow := func() bool {
		w.Remove(dir) // the watch of a folder renamed away, if any
		err := w.Add(dir)
		if err != nil {
			i.logWarn("cannot watch the fact folder; waiting for it to come back", "dir", dir, "err", err)
		}
		i.setWatch(func(s *WatchState) { s.Watching = err == nil })
		return err == nil
	}
	if !follow() && len(w.WatchList()) == 0 {
		return fmt.Errorf("watch %s: nothing to watch", dir)
	}

	timer := time.NewTimer(debounce)
	timer.Stop()
	backoff := retryMin
	settling := false // logged once per wait
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			switch {
			case filepath.Clean(ev.Name) == dir:
				if ev.Has(fsnotify.Create) {
					i.logInfo("the fact folder was replaced; watching the new one", "dir", dir)
					follow()
				} else if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
					i.logWarn("the fact folder was moved or removed; the index keeps serving what it has", "dir", dir)
					i.setWatch(func(s *WatchState) { s.Watching = false })
				}
			case filepath.Dir(filepath.Clean(ev.Name)) != dir:
				continue // another entry of the parent folder
			}
			backoff = retryMin // a change may be the fix
			timer.Reset(debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			i.logWarn("watching the fact files", "dir", dir, "err", err)
		case <-timer.C:
			if wait := i.unsettled(dir, time.Now()); wait > 0 {
				if !settling {
					i.logInfo("waiting for the fact files to stay unchanged", "dir", dir, "for", wait.Round(time.Millisecond))
				}
				settling = true
				timer.Reset(wait)
				continue
			}
			settling = false
			run, _ := i.Reindex("watch")
			report, err := run.Wait(ctx)
			if ctx.Err() != nil {
				return nil
			}
			now := time.Now()
			if err != nil {
				var attempts int
				i.setWatch(func(s *WatchState) {
					if !s.Failing {
						s.Failing, s.Since, s.Attempts = true, now, 0
					}
					s.Attempts++
					s.Err, s.Retry = err, now.Add(backoff)
					attempts = s.Attempts
				})
				i.logWarn("reindex of the changed fact files failed; trying again", "attempt", attempts, "in", backoff, "err", err)
				timer.Reset(backoff)
				backoff = min(2*backoff, retryMax)
			} else {
				var was WatchState
				i.setWatch(func(s *WatchState) {
					was = *s
					s.Failing, s.Since, s.Attempts, s.Err, s.Retry = false, time.Time{}, 0, nil, time.Time{}
				})
				if was.Failing {
					i.logInfo("reindex of the changed fact files succeeded again", "failed_attempts", was.Attempts, "failing_for", now.Sub(was.Since).Round(time.Millisecond))
				}
				backoff = retryMin
			}
			done(Last{At: now, By: run.By, Report: report, Err: err})
		}
	}
}

// unsettled returns how much longer to wait until every fact file in dir, and the folder
// itself, have gone unchanged for Options.Settle; 0 when they have (or cannot be read: the
// reindex then says why).
func (i *Index) unsettled(dir string, now time.Time) time.Duration {
	settle := orDefault(i.opts.Settle, DefaultSettle)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	var newest time.Time
	if st, err := os.Stat(dir); err == nil {
		newest = st.ModTime()
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		if info, err := e.Info(); err == nil && info.ModTime().After(newest) {
			newest = info.ModTime()
		}
	}
	age := now.Sub(newest)
	if age < 0 || age >= settle { // a clock ahead of ours cannot be waited out
		return 0
	}
	return settle - age
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

func (i *Index) logInfo(msg string, args ...any) {
	if i.opts.Log != nil {
		i.opts.Log.Info(msg, args...)
	}
}

func (i *Index) logWarn(msg string, args ...any) {
	if i.opts.Log != nil {
		i.opts.Log.Warn(msg, args...)
	}
}
