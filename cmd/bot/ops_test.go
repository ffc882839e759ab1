package main

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/metrics"
)

// TestReadyzFresh: /readyz?fresh=1 says 503 while the watched fact files cannot be reindexed
// and while the fact folder is not watched yet, since an edit then goes unnoticed; plain
// /readyz stays 200 in both, and a replica that watches nothing is always fresh.
func TestReadyzFresh(t *testing.T) {
	m := metrics.New(func() (int, string, time.Time) { return 0, "", time.Time{} })
	tests := []struct {
		name         string
		watch        func() index.WatchState
		plain, fresh int
	}{
		{"no watch", nil, 200, 200},
		{"watching", func() index.WatchState { return index.WatchState{Watching: true} }, 200, 200},
		{"not watching yet", func() index.WatchState { return index.WatchState{} }, 200, 503},
		{"failing", func() index.WatchState {
			return index.WatchState{Watching: true, Failing: true, Attempts: 1, Err: errors.New("beylikova.yaml:1: bad")}
		}, 200, 503},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mux := opsMux(m, func() bool { return true }, tt.watch)
			for path, want := range map[string]int{"/readyz": tt.plain, "/readyz?fresh=1": tt.fresh} {
				rec := httptest.NewRecorder()
				mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
				if rec.Code != want {
					t.Errorf("GET %s = %d %q, want %d", path, rec.Code, rec.Body.String(), want)
				}
			}
		})
	}
}
