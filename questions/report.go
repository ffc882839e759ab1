package questions

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Report is what curators read: what was asked and how answers were rated, since a time.
type Report struct {
	Since, Until time.Time
	Totals       Totals
	// Unanswered are the questions that found nothing, most asked first, wordings of the same
	// question together.
	Unanswered []Gap
	// Unhelpful are the facts whose answers were voted "not helpful" most.
	Unhelpful []FactVotes
	// Comments are the latest comments on votes, newest first.
	Comments []Comment
	// Weeks are the counts by week (Monday 00:00 UTC), oldest first, empty weeks included;
	// the first and last may be partial.
	Weeks []Week
}

// Totals count questions and votes.
type Totals struct {
	Questions, Misses int64
	Votes, Helpful    int64
}

// MissRate is the share of questions that found nothing, 0 when there were none.
func (t Totals) MissRate() float64 { return ratio(t.Misses, t.Questions) }

// HelpfulRate is the share of votes that said "helpful", 0 when there were none.
func (t Totals) HelpfulRate() float64 { return ratio(t.Helpful, t.Votes) }

func ratio(n, of int64) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// Gap is a question that found nothing, with how often it was asked.
type Gap struct {
	Question string    // the wording asked most, the latest of equals
	Wordings []string  // other wordings, most asked first, at most 3
	Count    int64     // times asked, all wordings
	Users    int64     // distinct users who asked
	Last     time.Time // when it was last asked
}

// FactVotes are the votes on answers that showed a fact first.
type FactVotes struct {
	FactID              string
	NotHelpful, Helpful int64
	Last                time.Time // the latest vote
}

// Comment is a vote's comment, with the question it was about when that is still kept.
type Comment struct {
	At       time.Time
	AnswerID string
	Question string // empty when the question was not recorded or is past retention
	FactID   string // the fact the answer showed first; empty for a miss
	Helpful  bool
	Text     string
}

// Week counts the questions asked and the votes cast in a week.
type Week struct {
	Start time.Time
	Totals
}

const (
	weekMillis = 7 * 24 * 3600 * 1000
	// mondayMillis is 1970-01-05, the first Monday of Unix time: weeks are counted from it.
	mondayMillis = 4 * 24 * 3600 * 1000
	maxWordings  = 3
)

// Report reports on what was asked since a time, up to limit items a list (10 when limit
// is not positive).
func (s *Store) Report(ctx context.Context, since time.Time, limit int) (*Report, error) {
	if limit <= 0 {
		limit = 10
	}
	r := &Report{Since: since, Until: s.now()}
	var err error
	if r.Totals, err = s.Totals(ctx, since); err != nil {
		return nil, err
	}
	if r.Unanswered, err = s.unanswered(ctx, since, limit); err != nil {
		return nil, fmt.Errorf("unanswered questions: %w", err)
	}
	if r.Unhelpful, err = s.unhelpful(ctx, since, limit); err != nil {
		return nil, fmt.Errorf("unhelpful facts: %w", err)
	}
	if r.Comments, err = s.comments(ctx, since, limit); err != nil {
		return nil, fmt.Errorf("comments: %w", err)
	}
	if r.Weeks, err = s.weeks(ctx, since, r.Until); err != nil {
		return nil, fmt.Errorf("weeks: %w", err)
	}
	return r, nil
}

// Totals counts the questions asked and votes cast since a time (all kept rows for the zero
// time), for /about and /metrics.
func (s *Store) Totals(ctx context.Context, since time.Time) (Totals, error) {
	var t Totals
	from := millis(since)
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(*) FILTER (WHERE NOT answered) FROM questions WHERE asked_at >= $1`, from).Scan(&t.Questions, &t.Misses)
	if err != nil {
		return Totals{}, fmt.Errorf("count questions: %w", err)
	}
	err = s.db.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(*) FILTER (WHERE helpful) FROM question_votes WHERE voted_at >= $1`, from).Scan(&t.Votes, &t.Helpful)
	if err != nil {
		return Totals{}, fmt.Errorf("count votes: %w", err)
	}
	return t, nil
}

// millis is a time in Unix milliseconds, 0 for the zero time.
func millis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func unmillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// msTime scans a time stored in Unix milliseconds.
type msTime struct{ t *time.Time }

func (m msTime) Scan(v any) error {
	var ms sql.NullInt64
	if err := ms.Scan(v); err != nil {
		return err
	}
	*m.t = unmillis(ms.Int64)
	return nil
}

// unanswered groups the misses by groupKey in the database, then picks each group's wordings.
func (s *Store) unanswered(ctx context.Context, since time.Time, limit int) ([]Gap, error) {
	from := millis(since)
	type group struct {
		Gap
		grp string
	}
	found, err := query(ctx, s.db, func(rows *sql.Rows) (g group, err error) {
		err = rows.Scan(&g.grp, &g.Count, &g.Users, msTime{&g.Last})
		return g, err
	}, `SELECT grp, COUNT(*), COUNT(DISTINCT user_hash), MAX(asked_at)
		FROM questions WHERE NOT answered AND asked_at >= $1
		GROUP BY grp ORDER BY 2 DESC, 4 DESC, 1 LIMIT $2`, from, limit)
	if err != nil || len(found) == 0 {
		return nil, err
	}
	gaps := make([]Gap, len(found))
	groups := make([]string, len(found))
	for i, g := range found {
		gaps[i], groups[i] = g.Gap, g.grp
	}

	args := []any{from}
	marks := make([]string, len(groups))
	for i, g := range groups {
		args = append(args, g)
		marks[i] = "$" + strconv.Itoa(i+2)
	}
	wrows, err := s.db.QueryContext(ctx, `SELECT grp, question, COUNT(*), MAX(asked_at)
		FROM questions WHERE NOT answered AND asked_at >= $1 AND grp IN (`+strings.Join(marks, ", ")+`)
		GROUP BY grp, question`, args...)
	if err != nil {
		return nil, err
	}
	defer wrows.Close()
	// Wordings that differ only in case or punctuation are one wording, shown as asked last.
	type wording struct {
		text  string
		count int64
		last  int64
	}
	byGroup := map[string]map[string]*wording{}
	for wrows.Next() {
		var (
			grp, text string
			n, last   int64
		)
		if err := wrows.Scan(&grp, &text, &n, &last); err != nil {
			return nil, err
		}
		if byGroup[grp] == nil {
			byGroup[grp] = map[string]*wording{}
		}
		key := Normalize(text)
		w := byGroup[grp][key]
		if w == nil {
			w = &wording{}
			byGroup[grp][key] = w
		}
		w.count += n
		if last >= w.last {
			w.text, w.last = text, last
		}
	}
	if err := wrows.Err(); err != nil {
		return nil, err
	}
	for i, grp := range groups {
		var ws []*wording
		for _, w := range byGroup[grp] {
			ws = append(ws, w)
		}
		slices.SortFunc(ws, func(a, b *wording) int {
			return cmp.Or(cmp.Compare(b.count, a.count), cmp.Compare(b.last, a.last), strings.Compare(a.text, b.text))
		})
		for j, w := range ws {
			switch {
			case j == 0:
				gaps[i].Question = w.text
			case j <= maxWordings:
				gaps[i].Wordings = append(gaps[i].Wordings, w.text)
			}
		}
	}
	return gaps, nil
}

// unhelpful ranks the facts answers showed first by their "not helpful" votes.
func (s *Store) unhelpful(ctx context.Context, since time.Time, limit int) ([]FactVotes, error) {
	return query(ctx, s.db, func(rows *sql.Rows) (f FactVotes, err error) {
		err = rows.Scan(&f.FactID, &f.NotHelpful, &f.Helpful, msTime{&f.Last})
		return f, err
	}, `SELECT q.top_fact,
			COUNT(*) FILTER (WHERE NOT v.helpful), COUNT(*) FILTER (WHERE v.helpful), MAX(v.voted_at)
		FROM question_votes v JOIN questions q ON q.id = v.answer_id
		WHERE v.voted_at >= $1 AND q.top_fact <> ''
		GROUP BY q.top_fact
		HAVING COUNT(*) FILTER (WHERE NOT v.helpful) > 0
		ORDER BY 2 DESC, 3, 4 DESC, 1 LIMIT $2`, millis(since), limit)
}

func (s *Store) comments(ctx context.Context, since time.Time, limit int) ([]Comment, error) {
	return query(ctx, s.db, func(rows *sql.Rows) (c Comment, err error) {
		err = rows.Scan(msTime{&c.At}, &c.AnswerID, &c.Question, &c.FactID, &c.Helpful, &c.Text)
		return c, err
	}, `SELECT v.voted_at, v.answer_id, COALESCE(q.question, ''), COALESCE(q.top_fact, ''), v.helpful, v.comment
		FROM question_votes v LEFT JOIN questions q ON q.id = v.answer_id
		WHERE v.voted_at >= $1 AND v.comment <> ''
		ORDER BY v.voted_at DESC, v.answer_id LIMIT $2`, millis(since), limit)
}

// query runs a query and scans each row of its result.
func query[T any](ctx context.Context, db *sql.DB, scan func(*sql.Rows) (T, error), q string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// weeks counts by week in the database, then lays the weeks out from since to until.
func (s *Store) weeks(ctx context.Context, since, until time.Time) ([]Week, error) {
	from := max(millis(since), mondayMillis)
	first, last := weekOf(from), weekOf(until.UnixMilli())
	if last < first {
		return nil, nil
	}
	if last-first > 520 {
		// Retention keeps far less; this only bounds a report asked for "since ever".
		first = last - 520
		from = max(from, mondayMillis+first*weekMillis)
	}
	weeks := make([]Week, last-first+1)
	for i := range weeks {
		weeks[i].Start = unmillis(mondayMillis + (first+int64(i))*weekMillis)
	}
	add := func(query string, set func(w *Week, n, m int64)) error {
		rows, err := s.db.QueryContext(ctx, query, from, mondayMillis, weekMillis)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var wk, n, m int64
			if err := rows.Scan(&wk, &n, &m); err != nil {
				return err
			}
			if i := wk - first; i >= 0 && i < int64(len(weeks)) {
				set(&weeks[i], n, m)
			}
		}
		return rows.Err()
	}
	err := add(`SELECT (asked_at - $2) / $3, COUNT(*), COUNT(*) FILTER (WHERE NOT answered)
		FROM questions WHERE asked_at >= $1 GROUP BY 1`,
		func(w *Week, n, m int64) { w.Questions, w.Misses = n, m })
	if err != nil {
		return nil, err
	}
	err = add(`SELECT (voted_at - $2) / $3, COUNT(*), COUNT(*) FILTER (WHERE helpful)
		FROM question_votes WHERE voted_at >= $1 GROUP BY 1`,
		func(w *Week, n, m int64) { w.Votes, w.Helpful = n, m })
	if err != nil {
		return nil, err
	}
	return weeks, nil
}

// weekOf numbers the week holding a Unix millisecond time after the first Monday of 1970.
func weekOf(ms int64) int64 { return (ms - mondayMillis) / weekMillis }
