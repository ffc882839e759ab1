package knowledge

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in, first, last, shown string
	}{
		{"2026-11-10", "2026-11-10", "2026-11-10", "10 November 2026"},
		{"2026-02", "2026-02-01", "2026-02-28", "February 2026"},
		{"2024-02", "2024-02-01", "2024-02-29", "February 2024"},
		{"2026", "2026-01-01", "2026-12-31", "2026"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, err := ParsePeriod(tt.in)
			if err != nil {
				t.Fatalf("ParsePeriod(%q) error = %v", tt.in, err)
			}
			if got := p.First.Format("2006-01-02"); got != tt.first {
				t.Errorf("first day = %s, want %s", got, tt.first)
			}
			if got := p.Last.Format("2006-01-02"); got != tt.last {
				t.Errorf("last day = %s, want %s", got, tt.last)
			}
			if got := p.String(); got != tt.shown {
				t.Errorf("shown as %q, want %q", got, tt.shown)
			}
		})
	}
	for _, bad := range []string{"", "2026-13", "2026-02-30", "26-11-10", "2026/11/10"} {
		if _, err := ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q) = nil error, want one", bad)
		}
	}
}

func TestLapsedAndDueForReview(t *testing.T) {
	f := &Fact{ID: "x", Kind: "export-control", ValidUntil: "2026-11-10", ReviewBy: "2026-06"}
	tests := []struct {
		now            string
		lapsed, review bool
	}{
		{"2026-05-31 23:59", false, false},
		{"2026-06-01 00:00", false, true},
		{"2026-11-10 23:59", false, true}, // the last day it holds
		{"2026-11-11 00:00", true, true},
		{"2026-12-03 12:00", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.now, func(t *testing.T) {
			now := day(tt.now)
			if got := f.Lapsed(now); got != tt.lapsed {
				t.Errorf("Lapsed(%s) = %v, want %v", tt.now, got, tt.lapsed)
			}
			if got := f.DueForReview(now); got != tt.review {
				t.Errorf("DueForReview(%s) = %v, want %v", tt.now, got, tt.review)
			}
		})
	}
	// A clock in another zone counts the UTC day: 01:00 on 11 November in Istanbul is still
	// 10 November in UTC.
	ist := time.FixedZone("TRT", 3*3600)
	if f.Lapsed(time.Date(2026, 11, 11, 1, 0, 0, 0, ist)) {
		t.Error("Lapsed at 01:00 TRT on 11 November = true, want false (still 10 November UTC)")
	}
	undated := &Fact{ID: "y"}
	if undated.Lapsed(day("2099-01-01 00:00")) || undated.DueForReview(day("2099-01-01 00:00")) {
		t.Error("a fact without dates lapsed or fell due")
	}
}

func TestLapsedNote(t *testing.T) {
	tests := []struct {
		name string
		fact Fact
		now  string
		want string
	}{
		{"holds", Fact{Kind: "export-control", ValidUntil: "2026-11-10"}, "2026-11-10 12:00", ""},
		{"suspension", Fact{Kind: "export-control", ValidUntil: "2026-11-10", Tags: []string{"pause", "suspension"}}, "2026-12-03 09:00",
			"This suspension was due to end on 10 November 2026; the knowledge base has nothing later."},
		{"measure", Fact{Kind: "export-control", ValidUntil: "2026-11-27"}, "2026-12-03 09:00",
			"This measure was due to end on 27 November 2026; the knowledge base has nothing later."},
		{"month", Fact{Kind: "price", ValidUntil: "2026-01"}, "2026-02-01 00:00",
			"This price was due to end in January 2026; the knowledge base has nothing later."},
		{"other kind", Fact{Kind: "background", ValidUntil: "2025"}, "2026-01-01 00:00",
			"This fact was due to end in 2025; the knowledge base has nothing later."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.fact.LapsedNote(day(tt.now)); got != tt.want {
				t.Errorf("LapsedNote = %q, want %q", got, tt.want)
			}
		})
	}
}

// staleBase loads a small knowledge base whose facts carry dates, through the real loader.
func staleBase(t *testing.T) *Base {
	t.Helper()
	fsys := fstest.MapFS{
		"sources.yaml": {Data: []byte(`sources:
  - id: s
    publisher: P
    title: T
    date: 2025-11-07
`)},
		"t.yaml": {Data: []byte(`topic: t
title: T
facts:
  - id: suspension
    kind: export-control
    title: Suspended until 10 November 2026
    text: A suspension that ends.
    source: s
    valid_until: 2026-11-10
    review_by: 2026-10
  - id: price
    kind: price
    title: A price
    text: A price to check again.
    source: s
    review_by: 2026-03
  - id: timeless
    kind: background
    title: Timeless
    text: Nothing to check.
    source: s
`)},
	}
	b, err := Load(fsys, "")
	if err != nil {
		t.Fatalf("Load() error = %v", err)
	}
	return b
}

func TestStale(t *testing.T) {
	b := staleBase(t)
	type row struct{ ID, Field, Since string }
	tests := []struct {
		now  string
		want []row
	}{
		{"2026-01-15 10:00", nil},
		{"2026-03-01 00:00", []row{{"price", FieldReviewBy, "2026-03-01"}}},
		{"2026-12-03 10:00", []row{
			{"suspension", FieldValidUntil, "2026-11-11"},
			{"suspension", FieldReviewBy, "2026-10-01"},
			{"price", FieldReviewBy, "2026-03-01"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.now, func(t *testing.T) {
			var got []row
			for _, s := range b.Stale(day(tt.now)) {
				got = append(got, row{s.Fact.ID, s.Field, s.Since.Format("2006-01-02")})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Stale(%s) differs (-want +got):\n%s", tt.now, diff)
			}
		})
	}
}

func TestStalenessString(t *testing.T) {
	b := staleBase(t)
	var got []string
	for _, s := range b.Stale(day("2026-12-03 10:00")) {
		got = append(got, s.String())
	}
	want := []string{
		"t.yaml:4: valid_until: lapsed since 11 November 2026 (held until 10 November 2026)",
		"t.yaml:4: review_by: due for review since 1 October 2026",
		"t.yaml:11: review_by: due for review since 1 March 2026",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("warnings differ (-want +got):\n%s", diff)
	}
}

// TestEmbeddedSuspensionLapses checks the real fact files: the suspension of the October 2025
// controls holds until 10 November 2026 and has lapsed by the day this was written.
func TestEmbeddedSuspensionLapses(t *testing.T) {
	b := builtin(t)
	f, ok := b.Fact("export-controls-suspension-nov-2025")
	if !ok {
		t.Fatal("fact export-controls-suspension-nov-2025 does not exist")
	}
	if f.Lapsed(day("2026-11-10 12:00")) {
		t.Error("the suspension has lapsed on 10 November 2026, want it to hold that day")
	}
	now := day("2026-12-03 09:00")
	want := "This suspension was due to end on 10 November 2026; the knowledge base has nothing later."
	if got := f.LapsedNote(now); got != want {
		t.Errorf("LapsedNote = %q, want %q", got, want)
	}
	found := false
	for _, s := range b.Stale(now) {
		if s.Fact == f && s.Field == FieldValidUntil {
			found = true
		}
	}
	if !found {
		t.Error("Stale(3 December 2026) does not list the lapsed suspension")
	}
}
