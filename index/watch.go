package index

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watch reindexes from load whenever a fact file in dir changes, once the directory has been
// quiet for debounce (editors save in several steps). Each result goes to done. Watch returns
// when ctx ends.
func (i *Index) Watch(ctx context.Context, dir string, debounce time.Duration, load Loader, done func(*Report, error)) error {
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
			done(nil, fmt.Errorf("watch %s: %w", dir, err))
		case <-timer.C:
			run, _ := i.Reindex(load)
			report, err := run.Wait(ctx)
			if ctx.Err() != nil {
				return nil
			}
			done(report, err)
		}
	}
}
