package questions

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Waits between failed writes: short at first, so that a blip costs nothing, and bounded, so
// that writing resumes within seconds of the database coming back.
const (
	minBackoff = 100 * time.Millisecond
	maxBackoff = 5 * time.Second
)

// run is the writer: it takes what is queued, writes it in batches, and keeps a failed batch
// to retry it, with more rows, once the database answers again. It prunes old rows hourly.
// It returns when Close has been called and the queue is written, or when ctx is canceled.
func (s *Store) run(ctx context.Context) {
	defer close(s.finished)
	prune := time.NewTicker(pruneEvery)
	defer prune.Stop()

	stop := s.stop
	var (
		batch    []entry
		backoff  time.Duration
		failures int
		since    time.Time // first failure of the current outage
		logged   time.Time // last warning of it
	)
	for {
		if len(batch) == 0 {
			if stop == nil { // closing: return once the queue is empty
				select {
				case e := <-s.queue:
					batch = append(batch, e)
				default:
					return
				}
			} else {
				select {
				case e := <-s.queue:
					batch = append(batch, e)
				case <-prune.C:
					s.prune(ctx)
					continue
				case <-stop:
					stop = nil
					continue
				}
			}
		}
		batch = s.gather(ctx, batch, stop)
		err := s.flush(ctx, batch)
		if err == nil {
			clear(batch)
			batch = batch[:0]
			if failures > 0 {
				s.log.InfoContext(ctx, "question log: writing again", "failed_attempts", failures, "down_for", time.Since(since).Round(time.Millisecond))
			}
			backoff, failures = 0, 0
			continue
		}
		if failures == 0 {
			since = time.Now()
		}
		failures++
		// One line when an outage starts, then one a minute at most.
		if failures == 1 || time.Since(logged) >= time.Minute {
			logged = time.Now()
			s.log.WarnContext(ctx, "question log: write failed, will retry", "err", err, "rows", len(batch), "pending", s.pending.Load(), "attempt", failures)
		}
		backoff = min(max(2*backoff, minBackoff), maxBackoff)
		t := time.NewTimer(backoff)
		select {
		case <-t.C:
		case <-stop:
			stop = nil
			t.Stop()
		case <-ctx.Done():
			t.Stop()
		}
		if ctx.Err() != nil {
			s.abandon(batch)
			return
		}
	}
}

// abandon drops a batch and what is queued, when Close can wait no longer.
func (s *Store) abandon(batch []entry) {
	n := len(batch)
	for len(s.queue) > 0 { // nothing is queued any more once Close has begun
		<-s.queue
		n++
	}
	s.abandoned = n
	s.count(EventDropped, n)
	s.pending.Add(-int64(n))
}

// gather fills the batch, waiting up to Options.Linger for it to fill unless the store is
// closing: a steady stream of questions is then written in a few transactions a second
// instead of one each, which leaves the cores to the answers.
func (s *Store) gather(ctx context.Context, batch []entry, stop <-chan struct{}) []entry {
	batch = s.fill(batch)
	if len(batch) >= s.batch || stop == nil {
		return batch
	}
	t := time.NewTimer(s.linger)
	defer t.Stop()
	for len(batch) < s.batch {
		select {
		case e := <-s.queue:
			batch = append(batch, e)
		case <-t.C:
			return batch
		case <-stop:
			return s.fill(batch)
		case <-ctx.Done():
			return batch
		}
	}
	return batch
}

// fill tops a batch up with what is queued, without waiting.
func (s *Store) fill(batch []entry) []entry {
	for len(batch) < s.batch {
		select {
		case e := <-s.queue:
			batch = append(batch, e)
		default:
			return batch
		}
	}
	return batch
}

// flush writes a batch in one transaction. When that fails but the database answers, it
// writes the rows one by one, to tell rows the database refuses from a database that refuses
// everything: refused rows are dropped. It returns an error, and the batch is to be retried,
// only when nothing could be written; a lone row is retried as it is until others join it.
func (s *Store) flush(ctx context.Context, batch []entry) error {
	err := s.write(ctx, batch)
	if err == nil {
		s.count(EventWritten, len(batch))
		return nil
	}
	s.count(EventError, 1)
	if len(batch) == 1 || ctx.Err() != nil || busy(err) || s.db.PingContext(ctx) != nil {
		return err
	}
	refused, written := 0, 0
	for i := range batch {
		if s.write(ctx, batch[i:i+1]) != nil {
			refused++
			// Three refusals before any success: the database, not the rows, is the problem.
			if written == 0 && refused == 3 {
				return err
			}
			continue
		}
		written++
	}
	s.count(EventWritten, written)
	if written == 0 {
		return err
	}
	if refused > 0 {
		s.count(EventDropped, refused)
		s.pending.Add(-int64(refused))
		s.log.ErrorContext(ctx, "question log: rows refused by the database, dropped", "rows", refused, "err", err)
	}
	return nil
}

// Columns of a question row, in the order write gives them.
const questionColumns = "id, asked_at, guild_id, channel_id, user_hash, question, grp, locale, kind, answered, top_fact, fact_ids, latency_us"

const nQuestionColumns = 13

// upsertVote keeps one vote per user and answer; see Vote for the comment.
const upsertVote = `INSERT INTO question_votes (answer_id, user_hash, helpful, comment, voted_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (answer_id, user_hash) DO UPDATE SET
	comment = CASE
		WHEN excluded.comment <> '' THEN excluded.comment
		WHEN excluded.helpful = question_votes.helpful THEN question_votes.comment
		ELSE '' END,
	helpful = excluded.helpful,
	voted_at = excluded.voted_at`

// write stores a batch in one transaction: questions in multi-row inserts, then votes in
// order, so that a user's later vote wins. Both are idempotent, so a batch whose commit was
// lost with its connection can be written again.
func (s *Store) write(ctx context.Context, batch []entry) (err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	var (
		args  []any
		votes []*Vote
	)
	for _, e := range batch {
		if e.vote != nil {
			votes = append(votes, e.vote)
			continue
		}
		args = append(args, s.questionRow(e)...)
		if len(args) == maxInsertRows*nQuestionColumns {
			if err := insertQuestions(ctx, tx, s.dialect, args); err != nil {
				return err
			}
			args = args[:0]
		}
	}
	if len(args) > 0 {
		if err := insertQuestions(ctx, tx, s.dialect, args); err != nil {
			return err
		}
	}
	if len(votes) > 0 {
		stmt, err := tx.PrepareContext(ctx, upsertVote)
		if err != nil {
			return fmt.Errorf("prepare vote: %w", err)
		}
		defer stmt.Close()
		for _, v := range votes {
			if _, err := stmt.ExecContext(ctx, v.AnswerID, s.hashUser(v.UserID), v.Helpful, clean(v.Comment, maxComment), v.At.UnixMilli()); err != nil {
				return fmt.Errorf("store vote: %w", err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// maxInsertRows keeps an insert's parameters (13 a row) under both databases' limits.
const maxInsertRows = 256

// insertQuestions inserts rows of question columns in one statement. SQLite gets anonymous
// parameters: it looks numbered ones up by name in a list, which made long inserts quadratic.
func insertQuestions(ctx context.Context, tx *sql.Tx, dialect string, args []any) error {
	rows := len(args) / nQuestionColumns
	b := make([]byte, 0, 64+rows*nQuestionColumns*6)
	b = append(b, "INSERT INTO questions ("+questionColumns+") VALUES "...)
	for r := range rows {
		if r > 0 {
			b = append(b, ", "...)
		}
		b = append(b, '(')
		for c := range nQuestionColumns {
			if c > 0 {
				b = append(b, ", "...)
			}
			if dialect == dialectSQLite {
				b = append(b, '?')
			} else {
				b = append(b, '$')
				b = strconv.AppendInt(b, int64(r*nQuestionColumns+c+1), 10)
			}
		}
		b = append(b, ')')
	}
	b = append(b, " ON CONFLICT (id) DO NOTHING"...)
	if _, err := tx.ExecContext(ctx, string(b), args...); err != nil {
		return fmt.Errorf("insert %d questions: %w", rows, err)
	}
	return nil
}

// questionRow is a question's column values, in questionColumns' order. Hashing and
// normalizing happen here, in the writer, to keep Record cheap.
func (s *Store) questionRow(e entry) []any {
	q := e.q
	text := clean(q.Text, maxQuestion)
	facts := make([]string, 0, len(q.FactIDs))
	for _, f := range q.FactIDs {
		if f = clean(strings.TrimSpace(f), maxID); f != "" {
			facts = append(facts, f)
		}
	}
	top := ""
	if len(facts) > 0 {
		top = facts[0]
	}
	return []any{
		e.id, q.At.UnixMilli(), clean(q.GuildID, maxID), clean(q.ChannelID, maxID), s.hashUser(q.UserID),
		text, groupKey(text), clean(q.Locale, maxID), clean(q.Kind, maxID), len(facts) > 0,
		top, strings.Join(facts, " "), q.Latency.Microseconds(),
	}
}

// prune deletes rows older than the retention period.
func (s *Store) prune(ctx context.Context) {
	cutoff := s.now().Add(-s.keep).UnixMilli()
	var deleted int64
	for _, table := range []string{"questions WHERE asked_at", "question_votes WHERE voted_at"} {
		res, err := s.db.ExecContext(ctx, "DELETE FROM "+table+" < $1", cutoff)
		if err != nil {
			s.count(EventError, 1)
			s.log.WarnContext(ctx, "question log: retention failed, will retry in an hour", "err", err)
			return
		}
		n, _ := res.RowsAffected()
		deleted += n
	}
	if deleted > 0 {
		s.log.InfoContext(ctx, "question log: old rows deleted", "rows", deleted, "older_than", s.keep)
	}
}
