package questions

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"net"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// outage takes a store's database away and brings it back.
type outage struct {
	target   Options // where the store connects
	down, up func(t *testing.T)
}

// newOutage makes the database of a backend unavailable on demand. SQLite: another process's
// connection holds the write lock (as a backup or the sqlite3 shell would), so every write
// times out. PostgreSQL: the store connects through a loopback proxy that, when down, resets
// every connection and refuses new ones, which is what a client sees of a stopped server.
func newOutage(t *testing.T, b backend) outage {
	target := b.target(t)
	if b.name == "sqlite" {
		var (
			locker *sql.DB
			conn   *sql.Conn
		)
		return outage{
			target: target,
			down: func(t *testing.T) {
				var err error
				locker, err = sql.Open("sqlite", filepath.Join(target.DataDir, sqliteFile)+"?_busy_timeout=5000")
				if err != nil {
					t.Fatal(err)
				}
				if conn, err = locker.Conn(context.Background()); err != nil {
					t.Fatal(err)
				}
				if _, err := conn.ExecContext(context.Background(), "BEGIN EXCLUSIVE"); err != nil {
					t.Fatalf("lock the database: %v", err)
				}
			},
			up: func(t *testing.T) {
				if _, err := conn.ExecContext(context.Background(), "ROLLBACK"); err != nil {
					t.Fatalf("unlock the database: %v", err)
				}
				conn.Close()
				locker.Close()
			},
		}
	}
	u, err := url.Parse(target.DatabaseURL)
	if err != nil {
		t.Fatal(err)
	}
	if ip := net.ParseIP(u.Hostname()); u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
		t.Skipf("the outage test only cuts loopback connections; %s names host %q", testURLVar, u.Hostname())
	}
	p := startProxy(t, u.Host)
	u.Host = p.addr
	target.DatabaseURL = u.String()
	return outage{target: target, down: p.stop, up: p.start}
}

// proxy forwards loopback connections to the database while it is up.
type proxy struct {
	addr, to string
	mu       sync.Mutex
	ln       net.Listener
	conns    []net.Conn
}

func startProxy(t *testing.T, to string) *proxy {
	p := &proxy{addr: "127.0.0.1:0", to: to}
	p.start(t)
	p.addr = p.ln.Addr().String()
	t.Cleanup(func() { p.stop(t) })
	return p
}

func (p *proxy) start(t *testing.T) {
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		t.Fatalf("proxy: %v", err)
	}
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			d, err := net.Dial("tcp", p.to)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, d)
			p.mu.Unlock()
			go func() { io.Copy(d, c); d.Close() }()
			go func() { io.Copy(c, d); c.Close() }()
		}
	}()
}

func (p *proxy) stop(*testing.T) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// TestDatabaseOutage takes the database away while questions keep coming: every Record
// returns, every row is written or counted as dropped, failures are counted, and writing
// resumes when the database is back.
func TestDatabaseOutage(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		o := newOutage(t, b)
		s := open(t, o.target, Options{QueueSize: 64, BatchSize: 16})

		// The load: questions at a steady pace until told to stop.
		var (
			produced atomic.Int64
			halt     = make(chan struct{})
			done     = make(chan struct{})
		)
		go func() {
			defer close(done)
			for {
				select {
				case <-halt:
					return
				case <-time.After(200 * time.Microsecond):
				}
				s.Record(ctx, Question{UserID: "u", Text: "How much REO is at Beylikova?", FactIDs: []string{"beylikova-reo"}})
				produced.Add(1)
			}
		}()
		waitFor(t, "rows written before the outage", func() bool { return s.Stats().Written >= 50 })

		o.down(t)
		waitFor(t, "a failed write counted", func() bool { return s.Stats().Errors >= 1 })
		waitFor(t, "rows dropped on a full queue", func() bool { return s.Stats().Dropped >= 1 })
		during := produced.Load()
		waitFor(t, "questions still recorded during the outage", func() bool { return produced.Load() >= during+100 })

		o.up(t)
		resumed := s.Stats().Written
		waitFor(t, "writing resumed", func() bool { return s.Stats().Written >= resumed+100 })
		close(halt)
		<-done
		settle(t, s)

		st := s.Stats()
		if got, want := int64(st.Written+st.Dropped), produced.Load(); got != want {
			t.Errorf("got %d rows written and %d dropped, want all %d recorded accounted for", st.Written, st.Dropped, want)
		}
		got, err := s.Totals(ctx, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if got.Questions != int64(st.Written) {
			t.Errorf("got %d questions in the database, want the %d counted written", got.Questions, st.Written)
		}
	})
}

// TestCloseDuringOutage: Close gives up when its context ends, and says how many rows were
// lost.
func TestCloseDuringOutage(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		o := newOutage(t, b)
		target := o.target
		s, err := Open(ctx, Options{DatabaseURL: target.DatabaseURL, DataDir: target.DataDir})
		if err != nil {
			t.Fatal(err)
		}
		o.down(t)
		for range 10 {
			s.Record(ctx, Question{Text: "q"})
		}
		waitFor(t, "a failed write counted", func() bool { return s.Stats().Errors >= 1 })
		cctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
		defer cancel()
		err = s.Close(cctx)
		if err == nil || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "10 rows unwritten") {
			t.Errorf("got %v, want 10 rows unwritten and the deadline", err)
		}
		if st := s.Stats(); st.Dropped != 10 || st.Written != 0 {
			t.Errorf("got %+v, want 10 dropped and none written", st)
		}
		o.up(t)
	})
}

// TestRefusedRows: a row the database refuses is dropped and counted; the rows batched with
// it are written, and so is what comes after.
func TestRefusedRows(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		target := b.target(t)
		s := open(t, target, Options{})
		refuse := `ALTER TABLE questions ADD CONSTRAINT refuse_poison CHECK (question <> 'poison')`
		if b.name == "sqlite" {
			refuse = `CREATE TRIGGER refuse_poison BEFORE INSERT ON questions WHEN NEW.question = 'poison'
				BEGIN SELECT RAISE(ABORT, 'poison'); END`
		}
		if _, err := s.db.ExecContext(ctx, refuse); err != nil {
			t.Fatal(err)
		}
		for _, text := range []string{"a", "poison", "b", "c", "d"} {
			s.Record(ctx, Question{Text: text})
		}
		settle(t, s)
		if st := s.Stats(); st.Written != 4 || st.Dropped != 1 || st.Errors < 1 {
			t.Errorf("got %+v, want 4 written, 1 dropped, errors counted", st)
		}
		var texts []string
		rows, err := s.db.QueryContext(ctx, `SELECT question FROM questions ORDER BY question`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var q string
			if err := rows.Scan(&q); err != nil {
				t.Fatal(err)
			}
			texts = append(texts, q)
		}
		if got, want := strings.Join(texts, " "), "a b c d"; got != want {
			t.Errorf("got questions %q, want %q", got, want)
		}
	})
}

// waitFor polls cond until it holds, failing the test after 20 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited 20 s for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}
