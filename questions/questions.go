// Package questions records what people asked, what they were answered and how they rated
// the answers, and reports it to curators: the questions that found nothing, the facts that
// did not help, comments, and counts by week.
//
// Writes go through a bounded queue to a background writer that batches them, so recording
// never blocks or fails an answer: a full queue or a database error is logged and counted.
// The store is SQLite in a data directory by default, or PostgreSQL when a database URL is
// given, so that replicas share one log. It knows nothing of Discord: ids are opaque strings.
package questions

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base32"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	mrand "math/rand/v2"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"golang.org/x/time/rate"
)

// DefaultRetention is how long rows are kept when Options.Retention is not set.
const DefaultRetention = 90 * 24 * time.Hour

const (
	defaultQueue  = 4096
	defaultBatch  = 256
	defaultLinger = 100 * time.Millisecond
	pruneEvery    = time.Hour
	// Longest stored texts, in bytes: a question as Discord allows it is shorter; a comment
	// comes from a modal the bot bounds.
	maxQuestion = 2000
	maxComment  = 2000
	maxID       = 64
)

// Options configure a Store.
type Options struct {
	// DatabaseURL selects PostgreSQL (postgres://user:pass@host/db?sslmode=disable). When it
	// is empty, the store is the SQLite file questions.db in DataDir.
	DatabaseURL string
	DataDir     string
	// Retention is how long questions and votes are kept; older rows are deleted at start-up
	// and every hour. Zero means DefaultRetention.
	Retention time.Duration
	// Key keys the hash of user ids. When it is empty, a random key is made once and kept in
	// the database, so that every replica and restart hashes a user the same way.
	Key []byte
	// QueueSize bounds the rows waiting to be written (default 4096); BatchSize bounds the
	// rows written in one transaction (default 256).
	QueueSize, BatchSize int
	// Linger is how long a batch waits for more rows before it is written (default 100 ms):
	// rows reach the database at most this late.
	Linger   time.Duration
	Observer Observer
	Log      *slog.Logger
	Now      func() time.Time
}

// Observer counts what happens to rows, for metrics.
type Observer interface {
	// QuestionLog is called with EventQueued, EventWritten and EventDropped and a number of
	// rows, or with EventError and 1 for each failed database operation.
	QuestionLog(event string, n int)
}

// Events passed to an Observer.
const (
	EventQueued  = "queued"  // accepted by Record or Vote
	EventWritten = "written" // committed to the database
	EventDropped = "dropped" // lost: the queue was full, the store closed, or the database refused the row
	EventError   = "error"   // a write or a retention run failed; the rows are retried
)

// Stats are the counts since Open, and the rows queued but not yet written or dropped (in
// the queue, or in a batch being written or retried).
type Stats struct {
	Queued, Written, Dropped, Errors uint64
	Pending                          int64
}

// Question is one question and what it was answered.
type Question struct {
	At                 time.Time // zero: now
	GuildID, ChannelID string    // empty in direct messages and the terminal
	UserID             string    // hashed before it is stored; never stored
	Text               string
	Locale             string
	Kind               string   // the kind of question, as the caller names it
	FactIDs            []string // the facts the answer shows, best first; none is a miss
	Latency            time.Duration
}

// Vote is a user's rating of an answer. A user has one vote per answer: a new vote replaces
// the last. An empty comment keeps the last comment when the rating is unchanged (a
// "Not helpful" click, then its modal) and clears it when the rating changes.
type Vote struct {
	At       time.Time // zero: now
	AnswerID string    // as Record returned it
	UserID   string    // hashed before it is stored; never stored
	Helpful  bool
	Comment  string
}

// ErrAnswerID is returned by Vote for an answer id that Record cannot have returned.
var ErrAnswerID = errors.New("not an answer id")

// Store records questions and votes, and reports on them. Its methods are safe for
// concurrent use.
type Store struct {
	db      *sql.DB
	dialect string
	key     []byte
	keep    time.Duration
	batch   int
	linger  time.Duration
	observe Observer
	log     *slog.Logger
	now     func() time.Time

	queue chan entry
	// mu orders Record and Vote against Close, so that no row is queued after the writer has
	// drained the queue.
	mu     sync.RWMutex
	closed bool

	stop     chan struct{} // closed by Close: write what is queued, then return
	cancel   context.CancelFunc
	finished chan struct{} // closed when the writer has returned
	// abandoned counts the rows the writer gave up on when Close's context ended; it is set
	// before finished is closed.
	abandoned int

	queued, written, dropped, errs atomic.Uint64
	pending                        atomic.Int64
	dropLog                        rate.Sometimes
}

// entry is a queued row: a question, or a vote when vote is set.
type entry struct {
	id   string
	q    Question
	vote *Vote
}

// Open connects to the database, migrates its schema and starts the writer. Close it.
func Open(ctx context.Context, opts Options) (*Store, error) {
	s := &Store{
		keep:    opts.Retention,
		batch:   opts.BatchSize,
		linger:  opts.Linger,
		observe: opts.Observer,
		log:     opts.Log,
		now:     opts.Now,
		stop:    make(chan struct{}),
		dropLog: rate.Sometimes{First: 1, Interval: 10 * time.Second},
	}
	if s.keep <= 0 {
		s.keep = DefaultRetention
	}
	if s.batch <= 0 {
		s.batch = defaultBatch
	}
	if s.linger <= 0 {
		s.linger = defaultLinger
	}
	if opts.QueueSize <= 0 {
		opts.QueueSize = defaultQueue
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	var err error
	s.db, s.dialect, err = openDB(ctx, opts.DatabaseURL, opts.DataDir)
	if err != nil {
		return nil, err
	}
	if err := migrate(ctx, s.db, s.dialect, s.log); err != nil {
		s.db.Close()
		return nil, err
	}
	s.key = opts.Key
	if len(s.key) == 0 {
		if s.key, err = storedKey(ctx, s.db); err != nil {
			s.db.Close()
			return nil, err
		}
	}
	// Before the writer starts, so that a restarted store never reports on expired rows.
	s.prune(ctx)
	s.queue = make(chan entry, opts.QueueSize)
	s.finished = make(chan struct{})
	// The writer's context outlives Open's; Close cancels it when its own deadline passes.
	wctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	s.cancel = cancel
	go s.run(wctx)
	return s, nil
}

// storedKey returns the key kept in the database, making it on first use. Replicas starting
// together agree: the first insert wins and all read it back.
func storedKey(ctx context.Context, db *sql.DB) ([]byte, error) {
	fresh := make([]byte, 32)
	rand.Read(fresh)
	if _, err := db.ExecContext(ctx, `INSERT INTO question_settings (name, value) VALUES ('user_hash_key', $1) ON CONFLICT (name) DO NOTHING`, hex.EncodeToString(fresh)); err != nil {
		return nil, fmt.Errorf("store the user hash key: %w", err)
	}
	var v string
	if err := db.QueryRowContext(ctx, `SELECT value FROM question_settings WHERE name = 'user_hash_key'`).Scan(&v); err != nil {
		return nil, fmt.Errorf("read the user hash key: %w", err)
	}
	key, err := hex.DecodeString(v)
	if err != nil || len(key) == 0 {
		return nil, fmt.Errorf("the stored user hash key is not hex: %q", v)
	}
	return key, nil
}

// Answer ids are 64 random bits in 13 lower-case base32 characters: short enough for a
// button's custom id beside a prefix, and unique for any number of questions a team asks.
var idEncoding = base32.NewEncoding("0123456789abcdefghjkmnpqrstvwxyz").WithPadding(base32.NoPadding)

const idLen = 13

func newID() string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], mrand.Uint64())
	return idEncoding.EncodeToString(b[:])
}

// ValidID reports whether id has the form of an answer id Record returns.
func ValidID(id string) bool {
	if len(id) != idLen {
		return false
	}
	_, err := idEncoding.DecodeString(id)
	return err == nil
}

// Record queues a question and returns its answer id, for votes. It never blocks: when the
// queue is full or the store is closed, the row is dropped, logged and counted.
func (s *Store) Record(ctx context.Context, q Question) string {
	id := newID()
	if q.At.IsZero() {
		q.At = s.now() // now, not when the writer gets to it
	}
	q.FactIDs = slices.Clone(q.FactIDs)
	s.enqueue(ctx, entry{id: id, q: q})
	return id
}

// Vote queues a user's vote on an answer. It never blocks; it fails only for an answer id
// Record cannot have returned.
func (s *Store) Vote(ctx context.Context, v Vote) error {
	if !ValidID(v.AnswerID) {
		return fmt.Errorf("vote on %q: %w", truncate(v.AnswerID, maxID), ErrAnswerID)
	}
	if v.At.IsZero() {
		v.At = s.now()
	}
	s.enqueue(ctx, entry{vote: &v})
	return nil
}

func (s *Store) enqueue(ctx context.Context, e entry) {
	s.mu.RLock()
	ok := !s.closed
	if ok {
		select {
		case s.queue <- e:
		default:
			ok = false
		}
	}
	s.mu.RUnlock()
	if ok {
		s.count(EventQueued, 1)
		return
	}
	s.count(EventDropped, 1)
	s.dropLog.Do(func() {
		s.log.WarnContext(ctx, "question log: row dropped (queue full or store closed)", "dropped_total", s.dropped.Load(), "queue", cap(s.queue))
	})
}

func (s *Store) count(event string, n int) {
	if n == 0 {
		return
	}
	switch event {
	case EventQueued:
		s.queued.Add(uint64(n))
		s.pending.Add(int64(n))
	case EventWritten:
		s.written.Add(uint64(n))
		s.pending.Add(-int64(n))
	case EventDropped:
		s.dropped.Add(uint64(n))
	case EventError:
		s.errs.Add(uint64(n))
	}
	if s.observe != nil {
		s.observe.QuestionLog(event, n)
	}
}

// Stats returns the counts since Open.
func (s *Store) Stats() Stats {
	return Stats{
		Queued:  s.queued.Load(),
		Written: s.written.Load(),
		Dropped: s.dropped.Load(),
		Errors:  s.errs.Load(),
		Pending: s.pending.Load(),
	}
}

// Close stops accepting rows, writes those queued until ctx is done, then drops the rest and
// closes the database. It returns an error when rows were left unwritten.
func (s *Store) Close(ctx context.Context) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return errors.New("question log already closed")
	}
	s.closed = true
	s.mu.Unlock()
	close(s.stop)
	select {
	case <-s.finished:
	case <-ctx.Done():
		s.cancel()
		<-s.finished
	}
	s.cancel()
	err := s.db.Close()
	if s.abandoned > 0 {
		err = errors.Join(fmt.Errorf("question log closed with %d rows unwritten: %w", s.abandoned, context.Cause(ctx)), err)
	}
	return err
}

// hashUser keys a user id, so that the log can tell users apart without naming them.
func (s *Store) hashUser(id string) string {
	if id == "" {
		return ""
	}
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(id))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// clean makes text storable in both databases: valid UTF-8 without NUL, at most max bytes.
func clean(s string, max int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\x00", "")
	return truncate(s, max)
}

func truncate(s string, max int) string {
	if len(s) <= max {
		return s
	}
	for max > 0 && !utf8.RuneStart(s[max]) {
		max--
	}
	return s[:max]
}
