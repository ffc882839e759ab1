package questions

import (
	"context"
	"slices"
	"testing"
	"time"
)

// benchQuestion is a typical row: a question of ordinary length answered with two facts.
var benchQuestion = Question{
	GuildID: "1234567890123456789", ChannelID: "1234567890123456790", UserID: "302050872383242240",
	Text: "How much rare earth oxide is in the Beylikova deposit?", Locale: "en-US", Kind: "figure",
	FactIDs: []string{"beylikova-reo-tonnage", "beylikova-ore-tonnage"}, Latency: 320 * time.Microsecond,
}

// BenchmarkRecord measures Record as the answering goroutine sees it, with the writer
// running beside it. Millions of calls a second outrun any database, so with the timer
// stopped the benchmark empties the queue itself now and then: every call takes the queued
// path, not the (as cheap) dropping one.
func BenchmarkRecord(b *testing.B) {
	for _, be := range backends() {
		b.Run(be.name, func(b *testing.B) {
			s := open(b, be.target(b), Options{})
			ctx := context.Background()
			times := make([]time.Duration, 0, 1<<20)
			for b.Loop() {
				if len(s.queue) > cap(s.queue)/2 {
					b.StopTimer()
					for len(s.queue) > 0 {
						select {
						case <-s.queue:
							s.pending.Add(-1)
						default:
						}
					}
					b.StartTimer()
				}
				start := time.Now()
				s.Record(ctx, benchQuestion)
				if len(times) < cap(times) {
					times = append(times, time.Since(start))
				}
			}
			if st := s.Stats(); st.Dropped > 0 {
				b.Fatalf("got %d rows dropped, want the queued path only", st.Dropped)
			}
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)/2].Nanoseconds()), "p50-ns")
			b.ReportMetric(float64(times[len(times)*99/100].Nanoseconds()), "p99-ns")
		})
	}
}

// BenchmarkWriter measures the writer's throughput: rows queued as fast as they are taken,
// timed until the last is committed.
func BenchmarkWriter(b *testing.B) {
	for _, be := range backends() {
		b.Run(be.name, func(b *testing.B) {
			s := open(b, be.target(b), Options{})
			start := time.Now()
			for b.Loop() {
				// Blocking, unlike Record: the point is to keep the writer busy.
				s.queue <- entry{id: newID(), q: benchQuestion}
				s.count(EventQueued, 1)
			}
			for s.Stats().Pending > 0 {
				time.Sleep(100 * time.Microsecond)
			}
			took := time.Since(start)
			b.ReportMetric(float64(b.N)/took.Seconds(), "rows/s")
			if st := s.Stats(); st.Written != uint64(b.N) {
				b.Fatalf("got %d rows written, want %d", st.Written, b.N)
			}
		})
	}
}
