package questions

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// clock is a settable time for Options.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

var testNow = time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC) // a Wednesday

func day(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }

func TestReport(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		s := open(t, b.target(t), Options{Now: func() time.Time { return testNow }})
		ask := func(ago time.Duration, user, text string, facts ...string) string {
			return s.Record(ctx, Question{
				At: testNow.Add(-ago), GuildID: "g1", ChannelID: "c1", UserID: user,
				Text: text, Locale: "en-US", Kind: "figure", FactIDs: facts, Latency: 3 * time.Millisecond,
			})
		}
		vote := func(ago time.Duration, answer, user string, helpful bool, comment string) {
			t.Helper()
			if err := s.Vote(ctx, Vote{At: testNow.Add(-ago), AnswerID: answer, UserID: user, Helpful: helpful, Comment: comment}); err != nil {
				t.Fatalf("vote: %v", err)
			}
		}
		reo := ask(time.Hour, "u1", "How much REO is at Beylikova?", "beylikova-reo", "beylikova-grade")
		most := ask(2*time.Hour, "u2", "Who mines the most rare earths?", "china-share")
		ask(3*time.Hour, "u1", "What is the price of dysprosium?")
		ask(4*time.Hour, "u2", "dysprosium price — what is it")
		ask(5*time.Hour, "u3", "What is the PRICE of dysprosium")
		ask(6*time.Hour, "u1", "Is there lithium in Turkey?")
		ask(day(10), "u1", "What is the price of dysprosium?")
		old := ask(day(10), "u2", "Who mines the most?", "china-share")

		vote(50*time.Minute, reo, "u1", true, "")
		vote(40*time.Minute, reo, "u2", false, "wrong year")
		vote(30*time.Minute, most, "u2", false, "")
		vote(20*time.Minute, most, "u2", false, "Myanmar is missing") // the modal after the click
		vote(10*time.Minute, most, "u3", true, "")
		vote(day(10), old, "u1", false, "outdated")
		unknown := newID() // an answer whose question was never recorded
		vote(5*time.Minute, unknown, "u4", false, "no answer at all")
		settle(t, s)

		lastWeek := []Comment{ // newest first
			{At: testNow.Add(-5 * time.Minute), AnswerID: unknown, Text: "no answer at all"},
			{At: testNow.Add(-20 * time.Minute), AnswerID: most, Question: "Who mines the most rare earths?", FactID: "china-share", Text: "Myanmar is missing"},
			{At: testNow.Add(-40 * time.Minute), AnswerID: reo, Question: "How much REO is at Beylikova?", FactID: "beylikova-reo", Text: "wrong year"},
		}
		week := func(y int, m time.Month, d int, q, miss, v, h int64) Week {
			return Week{Start: time.Date(y, m, d, 0, 0, 0, 0, time.UTC), Totals: Totals{q, miss, v, h}}
		}
		tests := []struct {
			name  string
			since time.Duration
			want  *Report
		}{
			{
				name:  "7 days",
				since: day(7),
				want: &Report{
					Since:  testNow.Add(-day(7)),
					Until:  testNow,
					Totals: Totals{Questions: 6, Misses: 4, Votes: 5, Helpful: 2},
					Unanswered: []Gap{
						{Question: "What is the price of dysprosium?", Wordings: []string{"dysprosium price — what is it"}, Count: 3, Users: 3, Last: testNow.Add(-3 * time.Hour)},
						{Question: "Is there lithium in Turkey?", Count: 1, Users: 1, Last: testNow.Add(-6 * time.Hour)},
					},
					Unhelpful: []FactVotes{
						{FactID: "china-share", NotHelpful: 1, Helpful: 1, Last: testNow.Add(-10 * time.Minute)},
						{FactID: "beylikova-reo", NotHelpful: 1, Helpful: 1, Last: testNow.Add(-40 * time.Minute)},
					},
					Comments: lastWeek,
					Weeks: []Week{
						week(2026, 11, 23, 0, 0, 0, 0),
						week(2026, 11, 30, 6, 4, 5, 2),
					},
				},
			},
			{
				name:  "30 days",
				since: day(30),
				want: &Report{
					Since:  testNow.Add(-day(30)),
					Until:  testNow,
					Totals: Totals{Questions: 8, Misses: 5, Votes: 6, Helpful: 2},
					Unanswered: []Gap{
						{Question: "What is the price of dysprosium?", Wordings: []string{"dysprosium price — what is it"}, Count: 4, Users: 3, Last: testNow.Add(-3 * time.Hour)},
						{Question: "Is there lithium in Turkey?", Count: 1, Users: 1, Last: testNow.Add(-6 * time.Hour)},
					},
					Unhelpful: []FactVotes{
						{FactID: "china-share", NotHelpful: 2, Helpful: 1, Last: testNow.Add(-10 * time.Minute)},
						{FactID: "beylikova-reo", NotHelpful: 1, Helpful: 1, Last: testNow.Add(-40 * time.Minute)},
					},
					Comments: append(slices.Clone(lastWeek), Comment{At: testNow.Add(-day(10)), AnswerID: old, Question: "Who mines the most?", FactID: "china-share", Text: "outdated"}),
					Weeks: []Week{
						week(2026, 11, 2, 0, 0, 0, 0),
						week(2026, 11, 9, 0, 0, 0, 0),
						week(2026, 11, 16, 2, 1, 1, 0),
						week(2026, 11, 23, 0, 0, 0, 0),
						week(2026, 11, 30, 6, 4, 5, 2),
					},
				},
			},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := s.Report(ctx, testNow.Add(-tt.since), 10)
				if err != nil {
					t.Fatalf("report: %v", err)
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("report (-want +got):\n%s", diff)
				}
			})
		}

		t.Run("limit", func(t *testing.T) {
			got, err := s.Report(ctx, testNow.Add(-day(30)), 1)
			if err != nil {
				t.Fatalf("report: %v", err)
			}
			if len(got.Unanswered) != 1 || len(got.Unhelpful) != 1 || len(got.Comments) != 1 {
				t.Errorf("got %d unanswered, %d unhelpful, %d comments, want 1 of each", len(got.Unanswered), len(got.Unhelpful), len(got.Comments))
			}
		})
		t.Run("totals since ever", func(t *testing.T) {
			got, err := s.Totals(ctx, time.Time{})
			if err != nil {
				t.Fatalf("totals: %v", err)
			}
			want := Totals{Questions: 8, Misses: 5, Votes: 6, Helpful: 2}
			if got != want {
				t.Errorf("got %+v, want %+v", got, want)
			}
			if got, want := got.MissRate(), 5.0/8; got != want {
				t.Errorf("miss rate: got %v, want %v", got, want)
			}
			if got, want := got.HelpfulRate(), 2.0/6; got != want {
				t.Errorf("helpful rate: got %v, want %v", got, want)
			}
		})
	})
}

func TestEmptyReport(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, b backend) {
		s := open(t, b.target(t), Options{Now: func() time.Time { return testNow }})
		got, err := s.Report(context.Background(), testNow.Add(-day(3)), 10)
		if err != nil {
			t.Fatalf("report: %v", err)
		}
		want := &Report{
			Since: testNow.Add(-day(3)), Until: testNow,
			Weeks: []Week{{Start: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}, {Start: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)}},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("report (-want +got):\n%s", diff)
		}
		if got.Totals.MissRate() != 0 || got.Totals.HelpfulRate() != 0 {
			t.Errorf("got rates %v and %v with nothing asked, want 0", got.Totals.MissRate(), got.Totals.HelpfulRate())
		}
	})
}

// TestVoteChanges follows one user's votes on one answer.
func TestVoteChanges(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		s := open(t, b.target(t), Options{})
		id := s.Record(ctx, Question{UserID: "u1", Text: "Who mines the most?", FactIDs: []string{"china-share"}})
		steps := []struct {
			name        string
			helpful     bool
			comment     string
			wantHelpful bool
			wantComment string
		}{
			{"not helpful, clicked", false, "", false, ""},
			{"the modal's comment", false, "no year", false, "no year"},
			{"clicked again", false, "", false, "no year"},
			{"a new comment", false, "wrong source", false, "wrong source"},
			{"changed to helpful", true, "", true, ""},
			{"back to not helpful", false, "", false, ""},
		}
		for _, st := range steps {
			if err := s.Vote(ctx, Vote{AnswerID: id, UserID: "u2", Helpful: st.helpful, Comment: st.comment}); err != nil {
				t.Fatalf("%s: vote: %v", st.name, err)
			}
			settle(t, s)
			var (
				n       int
				helpful bool
				comment string
			)
			if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM question_votes`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if err := s.db.QueryRowContext(ctx, `SELECT helpful, comment FROM question_votes WHERE answer_id = $1`, id).Scan(&helpful, &comment); err != nil {
				t.Fatal(err)
			}
			if n != 1 || helpful != st.wantHelpful || comment != st.wantComment {
				t.Errorf("%s: got %d votes, helpful %v, comment %q; want 1, %v, %q", st.name, n, helpful, comment, st.wantHelpful, st.wantComment)
			}
		}
	})
}

func TestVoteRejectsForeignIDs(t *testing.T) {
	t.Parallel()
	s := open(t, Options{DataDir: t.TempDir()}, Options{})
	for _, id := range []string{"", "abc", "more:How much", strings.Repeat("z", 14), "0123456789abu"} {
		if err := s.Vote(context.Background(), Vote{AnswerID: id, UserID: "u"}); !errors.Is(err, ErrAnswerID) {
			t.Errorf("vote on %q: got %v, want ErrAnswerID", id, err)
		}
	}
	if got := s.Stats().Queued; got != 0 {
		t.Errorf("got %d rows queued, want 0", got)
	}
}

func TestAnswerIDs(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 10000 {
		id := newID()
		if len(id) > 20 || !ValidID(id) {
			t.Fatalf("got id %q: want at most 20 characters that ValidID accepts", id)
		}
		for _, r := range id {
			if r > 0x7e || r < '0' {
				t.Fatalf("got id %q with %q, want ASCII letters and digits", id, r)
			}
		}
		if seen[id] {
			t.Fatalf("got id %q twice", id)
		}
		seen[id] = true
	}
}

// TestUserHash checks that user ids are never stored, and that a user hashes the same way in
// every store on one database (replicas, restarts) unless a key is given.
func TestUserHash(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		target := b.target(t)
		const user = "302050872383242240"
		hashes := map[string]string{}
		for _, name := range []string{"first", "replica"} {
			s := open(t, target, Options{})
			s.Record(ctx, Question{UserID: user, GuildID: "g", Text: "how much REO at " + name})
			settle(t, s)
			hashes[name] = s.hashUser(user)
		}
		keyed := open(t, target, Options{Key: []byte("a key from the environment")})
		hashes["keyed"] = keyed.hashUser(user)
		if hashes["first"] != hashes["replica"] {
			t.Errorf("got hashes %q and %q in two stores on one database, want one", hashes["first"], hashes["replica"])
		}
		if hashes["keyed"] == hashes["first"] {
			t.Errorf("got hash %q with and without a key, want different", hashes["keyed"])
		}
		if len(hashes["first"]) != 32 || strings.Contains(hashes["first"], user) {
			t.Errorf("got hash %q, want 32 hex digits", hashes["first"])
		}

		rows, err := keyed.db.QueryContext(ctx, `SELECT id, guild_id, channel_id, user_hash, question, grp, locale, kind, top_fact, fact_ids FROM questions`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		n := 0
		for rows.Next() {
			cols := make([]string, 10)
			ptrs := make([]any, len(cols))
			for i := range cols {
				ptrs[i] = &cols[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, c := range cols {
				if strings.Contains(c, user) {
					t.Errorf("got the user id in a stored row: %q", cols)
				}
			}
			if cols[3] != hashes["first"] {
				t.Errorf("got stored hash %q, want %q", cols[3], hashes["first"])
			}
			n++
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if n != 2 {
			t.Errorf("got %d rows, want 2", n)
		}
	})
}

// TestReplicas writes from two stores on one database, as HTTP replicas do: one log, one vote
// per user and answer whichever replica took the click.
func TestReplicas(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		target := b.target(t)
		// Both start together: migrations must not trip over each other.
		var (
			stores [2]*Store
			wg     sync.WaitGroup
			errs   [2]error
		)
		for i := range stores {
			wg.Go(func() {
				opts := Options{DatabaseURL: target.DatabaseURL, DataDir: target.DataDir}
				stores[i], errs[i] = Open(ctx, opts)
			})
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("open replica %d: %v", i, err)
			}
			s := stores[i]
			t.Cleanup(func() { s.Close(context.Background()) })
		}
		a, bb := stores[0], stores[1]
		id := a.Record(ctx, Question{UserID: "u1", Text: "Who mines the most?", FactIDs: []string{"china-share"}})
		bb.Record(ctx, Question{UserID: "u2", Text: "price of terbium"})
		settle(t, a)
		settle(t, bb)
		for _, s := range []*Store{a, bb, a} {
			if err := s.Vote(ctx, Vote{AnswerID: id, UserID: "u3", Helpful: s == bb}); err != nil {
				t.Fatal(err)
			}
			settle(t, s)
		}
		for i, s := range stores {
			got, err := s.Totals(ctx, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			if want := (Totals{Questions: 2, Misses: 1, Votes: 1, Helpful: 0}); got != want {
				t.Errorf("replica %d: got %+v, want %+v", i, got, want)
			}
		}
	})
}

func TestRetention(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		target := b.target(t)
		c := &clock{t: testNow}
		s := open(t, target, Options{Now: c.Now, Retention: day(30)})
		for _, age := range []int{40, 31, 29, 1} {
			id := s.Record(ctx, Question{At: testNow.Add(-day(age)), UserID: "u", Text: "q"})
			if err := s.Vote(ctx, Vote{At: testNow.Add(-day(age)), AnswerID: id, UserID: "u", Helpful: true}); err != nil {
				t.Fatal(err)
			}
		}
		settle(t, s)
		s.prune(ctx)
		got, err := s.Totals(ctx, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if want := (Totals{Questions: 2, Misses: 2, Votes: 2, Helpful: 2}); got != want {
			t.Errorf("after pruning at 30 days: got %+v, want %+v", got, want)
		}

		// The default is 90 days, and a store prunes when it opens.
		c.Set(testNow.Add(day(89)))
		open(t, target, Options{Now: c.Now})
		got, err = s.Totals(ctx, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if want := (Totals{Questions: 1, Misses: 1, Votes: 1, Helpful: 1}); got != want {
			t.Errorf("after opening 89 days later: got %+v, want %+v", got, want)
		}
	})
}

// TestStoredText checks what reaches the database from text neither database takes as is.
func TestStoredText(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		s := open(t, b.target(t), Options{})
		long := strings.Repeat("ğ", maxQuestion) // 2 bytes a letter: cut on a letter
		tests := []struct {
			name, text, want string
			facts            []string
			wantFacts        string
		}{
			{"NUL and invalid UTF-8", "ceri\x00um \xff price", "cerium \uFFFD price", nil, ""},
			{"too long", long, long[:maxQuestion], nil, ""},
			{"facts trimmed", "Beylikova grade", "Beylikova grade", []string{" beylikova-grade ", "", "beylikova-reo"}, "beylikova-grade beylikova-reo"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				id := s.Record(ctx, Question{Text: tt.text, FactIDs: tt.facts})
				settle(t, s)
				var text, facts, top string
				if err := s.db.QueryRowContext(ctx, `SELECT question, fact_ids, top_fact FROM questions WHERE id = $1`, id).Scan(&text, &facts, &top); err != nil {
					t.Fatalf("read back: %v (stats %+v)", err, s.Stats())
				}
				if text != tt.want || facts != tt.wantFacts {
					t.Errorf("got %q with facts %q, want %q with %q", text, facts, tt.want, tt.wantFacts)
				}
				if want, _, _ := strings.Cut(tt.wantFacts, " "); top != want {
					t.Errorf("got top fact %q, want %q", top, want)
				}
			})
		}
	})
}

// TestCloseFlushes closes right after queueing: every row is written before Close returns.
func TestCloseFlushes(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		target := b.target(t)
		opts := Options{DatabaseURL: target.DatabaseURL, DataDir: target.DataDir, BatchSize: 64}
		s, err := Open(ctx, opts)
		if err != nil {
			t.Fatal(err)
		}
		const n = 1000
		for i := range n {
			s.Record(ctx, Question{Text: "question", FactIDs: []string{"f"}, Latency: time.Duration(i)})
		}
		if err := s.Close(ctx); err != nil {
			t.Fatalf("close: %v", err)
		}
		if st := s.Stats(); st.Written != n || st.Dropped != 0 {
			t.Errorf("got %+v after close, want %d written and none dropped", st, n)
		}
		s.Record(ctx, Question{Text: "after close"})
		if st := s.Stats(); st.Dropped != 1 {
			t.Errorf("got %d dropped after recording on a closed store, want 1", st.Dropped)
		}
		if err := s.Close(ctx); err == nil {
			t.Error("got no error closing twice, want one")
		}
		again := open(t, target, Options{})
		got, err := again.Totals(ctx, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if got.Questions != n {
			t.Errorf("got %d questions in the database, want %d", got.Questions, n)
		}
	})
}

func TestOpenErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	if _, err := Open(ctx, Options{}); err == nil {
		t.Error("got no error without a data directory or URL, want one")
	}
	// Nothing listens on port 1 of the loopback address.
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if _, err := Open(ctx, Options{DatabaseURL: "postgres://u:p@127.0.0.1:1/db?sslmode=disable&connect_timeout=2"}); err == nil {
		t.Error("got no error with no database listening, want one")
	}
}
