package index

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultDebounce is how long the watched folder must be quiet before a reindex: editors save
// in several steps.
const DefaultDebounce = 500 * time.Millisecond

// Watch reindexes whenever a fact file in the folder of Options.Watch changes, once it has been
// quiet for Options.Debounce, and reports each outcome to done. Watch returns when ctx ends.
func (i *Index) Watch(ctx context.Context, done func(Last)) error {
	dir := i.opts.Watch
	if dir == "" || i.opts.Load == nil {
		return errors.New("watch: the index has no folder of fact files to watch")
	}
	debounce := i.opts.Debounce
	if debounce <= 0 {
		debounce = DefaultDebounce
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch %s: %w", dir, err)
	}
	defer w.Close()
	if err := w.Add(dir); err != nil {
		return fmt.Errorf("watch %s: %w", dir, err)
	}
	timer := time.NewTimer(debounce)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			name := filepath.Base(ev.Name)
			if strings.HasSuffix(name, ".yaml") && !strings.HasPrefix(name, ".") {
				timer.Reset(debounce)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			if i.opts.Log != nil {
				i.opts.Log.Warn("watching the fact files", "dir", dir, "err", err)
			}
		case <-timer.C:
			run, _ := i.Reindex("watch")
			report, err := run.Wait(ctx)
			if ctx.Err() != nil {
				return nil
			}
			done(Last{At: time.Now(), By: run.By, Report: report, Err: err})
		}
	}
}
