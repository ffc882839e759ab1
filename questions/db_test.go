package questions

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"testing"
	"time"
)

// The store tests run against SQLite in a temporary directory, and against PostgreSQL when
// TEST_DATABASE_URL names a database they may create schemas in, e.g.
//
//	TEST_DATABASE_URL='postgres://reedesk:reedesk@127.0.0.1:5432/reedesk_test?sslmode=disable'
//
// Each test gets a schema of its own, dropped afterwards. Without the variable the
// PostgreSQL tests skip, saying so.
const testURLVar = "TEST_DATABASE_URL"

// backend opens stores on one kind of database. Stores opened with the same target share it,
// as replicas would.
type backend struct {
	name string
	// target returns the Options fields that select a fresh database for a test.
	target func(t testing.TB) Options
}

func backends() []backend {
	return []backend{
		{name: "sqlite", target: func(t testing.TB) Options { return Options{DataDir: t.TempDir()} }},
		{name: "postgres", target: postgresTarget},
	}
}

// forEachBackend runs a test on SQLite and on PostgreSQL.
func forEachBackend(t *testing.T, test func(t *testing.T, b backend)) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			test(t, b)
		})
	}
}

// postgresTarget makes a schema for the test and returns a URL whose connections use it.
func postgresTarget(t testing.TB) Options {
	base := os.Getenv(testURLVar)
	if base == "" {
		t.Skipf("PostgreSQL tests skipped: set %s to a PostgreSQL URL (see .ci/run) to run them", testURLVar)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open %s: %v", testURLVar, err)
	}
	defer admin.Close()
	schema := fmt.Sprintf("qtest_%d_%x", time.Now().UnixNano(), rand.Uint32())
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema (is PostgreSQL running and %s right?): %v", testURLVar, err)
	}
	t.Cleanup(func() {
		admin, err := sql.Open("pgx", base)
		if err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer admin.Close()
		if _, err := admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s is not a URL: %v", testURLVar, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return Options{DatabaseURL: u.String()}
}

// open opens a store on target with the other options given, closed when the test ends.
func open(t testing.TB, target, opts Options) *Store {
	t.Helper()
	opts.DatabaseURL, opts.DataDir = target.DatabaseURL, target.DataDir
	if opts.Linger == 0 {
		opts.Linger = 5 * time.Millisecond // tests wait for their rows
	}
	s, err := Open(context.Background(), opts)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		s.Close(ctx)
	})
	return s
}

// settle waits until every row queued so far is written or dropped.
func settle(t testing.TB, s *Store) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		st := s.Stats()
		if st.Pending == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("rows still unwritten after 20 s: %+v", st)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
