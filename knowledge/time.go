package knowledge

import (
	"fmt"
	"slices"
	"sort"
	"time"
)

// A fact's dates are calendar days written as YYYY, YYYY-MM or YYYY-MM-DD. They are read as
// UTC days, so the same knowledge base gives the same answer on every server. The clock is
// always passed in: nothing here reads the time itself, so tests can set it.

// Names of the two date fields of a fact, as written in the YAML files.
const (
	FieldValidUntil = "valid_until"
	FieldReviewBy   = "review_by"
)

// Period is the span of days a written date covers: "2026" covers the whole year,
// "2026-11" the month, "2026-11-10" one day.
type Period struct {
	First, Last time.Time // midnight UTC of the first and last day
	Precision   string    // "year", "month" or "day"
}

// ParsePeriod reads a date as the fact files write it.
func ParsePeriod(s string) (Period, error) {
	for _, p := range []struct{ layout, precision string }{
		{"2006-01-02", "day"}, {"2006-01", "month"}, {"2006", "year"},
	} {
		if len(s) != len(p.layout) {
			continue
		}
		first, err := time.Parse(p.layout, s)
		if err != nil {
			break
		}
		end := first.AddDate(0, 0, 1)
		switch p.precision {
		case "month":
			end = first.AddDate(0, 1, 0)
		case "year":
			end = first.AddDate(1, 0, 0)
		}
		return Period{First: first, Last: end.AddDate(0, 0, -1), Precision: p.precision}, nil
	}
	return Period{}, fmt.Errorf("%q is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD", s)
}

// String writes the period as a reader expects it: "10 November 2026", "November 2026", "2026".
func (p Period) String() string {
	switch p.Precision {
	case "day":
		return p.First.Format("2 January 2006")
	case "month":
		return p.First.Format("January 2006")
	}
	return p.First.Format("2006")
}

// today is the UTC midnight of the day now falls on.
func today(now time.Time) time.Time {
	y, m, d := now.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Lapsed reports whether the fact no longer holds as stated on the day of now: its
// valid_until is the last day it holds, so it has lapsed from the next day on.
func (f *Fact) Lapsed(now time.Time) bool {
	_, ok := f.lapsedSince(now)
	return ok
}

func (f *Fact) lapsedSince(now time.Time) (time.Time, bool) {
	// Lapsed from the day after the last day it holds.
	return pastFrom(f.ValidUntil, now, func(p Period) time.Time { return p.Last.AddDate(0, 0, 1) })
}

// pastFrom reports whether now is on or after the day that from picks in a date's period,
// and which day that is; false for no date.
func pastFrom(date string, now time.Time, from func(Period) time.Time) (time.Time, bool) {
	if date == "" {
		return time.Time{}, false
	}
	p, err := ParsePeriod(date)
	if err != nil {
		return time.Time{}, false
	}
	since := from(p)
	return since, !today(now).Before(since)
}

// DueForReview reports whether a curator should have checked the fact by now: review_by
// names the period in which to check it, so it is due from the first day of that period.
func (f *Fact) DueForReview(now time.Time) bool {
	_, ok := f.reviewSince(now)
	return ok
}

func (f *Fact) reviewSince(now time.Time) (time.Time, bool) {
	// Due from the first day of the period named.
	return pastFrom(f.ReviewBy, now, func(p Period) time.Time { return p.First })
}

// Staleness is one fact that is past one of its dates.
type Staleness struct {
	Fact  *Fact
	Field string    // FieldValidUntil or FieldReviewBy
	Date  string    // the date as written in the file
	Since time.Time // the first day the fact has been past it
}

// String is a warning for `reedesk validate`, located like a Problem:
// "export-controls.yaml:54: valid_until: lapsed since 11 November 2026 (held until 10 November 2026)".
func (s Staleness) String() string {
	loc := s.Fact.File
	if s.Fact.Line > 0 {
		loc = fmt.Sprintf("%s:%d", loc, s.Fact.Line)
	}
	p, _ := ParsePeriod(s.Date)
	since := s.Since.Format("2 January 2006")
	if s.Field == FieldValidUntil {
		return fmt.Sprintf("%s: %s: lapsed since %s (held until %s)", loc, s.Field, since, p)
	}
	return fmt.Sprintf("%s: %s: due for review since %s", loc, s.Field, since)
}

// Stale lists every fact past its valid_until or its review_by on the day of now, one entry
// per date passed, lapsed facts first, then by file and line.
func (b *Base) Stale(now time.Time) []Staleness {
	var out []Staleness
	for _, f := range b.Facts {
		if since, ok := f.lapsedSince(now); ok {
			out = append(out, Staleness{Fact: f, Field: FieldValidUntil, Date: f.ValidUntil, Since: since})
		}
		if since, ok := f.reviewSince(now); ok {
			out = append(out, Staleness{Fact: f, Field: FieldReviewBy, Date: f.ReviewBy, Since: since})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if (out[i].Field == FieldValidUntil) != (out[j].Field == FieldValidUntil) {
			return out[i].Field == FieldValidUntil
		}
		if out[i].Fact.File != out[j].Fact.File {
			return out[i].Fact.File < out[j].Fact.File
		}
		return out[i].Fact.Line < out[j].Fact.Line
	})
	return out
}

// lapseNoun names what a fact of each kind describes, for the lapse sentence.
var lapseNoun = map[string]string{
	"export-control": "measure",
	"policy":         "policy",
	"partnership":    "arrangement",
	"price":          "price",
	"plant":          "plan",
	"goal":           "goal",
	"market":         "figure",
	"production":     "figure",
}

// Suspends reports whether the fact is a suspension of a measure (tagged "suspension").
func (f *Fact) Suspends() bool { return slices.Contains(f.Tags, "suspension") }

// LapsedNote is the sentence an answer shows with a fact that has lapsed, so that the fact is
// not presented as still holding: "This measure was due to end on 10 November 2026; the
// knowledge base has nothing later." It is "" while the fact holds.
func (f *Fact) LapsedNote(now time.Time) string {
	if !f.Lapsed(now) {
		return ""
	}
	p, _ := ParsePeriod(f.ValidUntil)
	noun, ok := lapseNoun[f.Kind]
	if !ok {
		noun = "fact"
	}
	// A suspension ends; it is not the measure it suspends that ends.
	if f.Suspends() {
		noun = "suspension"
	}
	on := "on "
	if p.Precision != "day" {
		on = "in "
	}
	return fmt.Sprintf("This %s was due to end %s%s; the knowledge base has nothing later.", noun, on, p)
}

// CountStale says how many of stale are lapsed facts and how many are due for review.
func CountStale(stale []Staleness) (lapsed, review int) {
	for _, st := range stale {
		if st.Field == FieldValidUntil {
			lapsed++
		} else {
			review++
		}
	}
	return lapsed, review
}
