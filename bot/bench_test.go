package bot

import (
	"context"
	"encoding/json"
	"sort"
	"testing"
	"time"

	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// BenchmarkAsk measures /ask end to end on the built-in knowledge base: the question in, the
// Discord payload out as JSON, the way the dispatcher sends it.
func BenchmarkAsk(b *testing.B) {
	base, err := knowledge.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	idx, err := index.New(context.Background(), base)
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	bot := New(Options{Index: idx})
	questions := []string{
		"How much rare earth oxide is at Beylikova?",
		"What is the grade of rare earth oxide in the Beylikova resource?",
		"REE output share china",
		"neodymum",
		"How much does the value multiply from magnets to electric motors?",
		"When did China ban the export of rare earth separation technology?",
	}
	ctx := context.Background()
	times := make([]time.Duration, 0, b.N)
	for k := 0; b.Loop(); k++ {
		start := time.Now()
		reply := bot.Respond(ctx, Interaction("ask", map[string]any{"question": questions[k%len(questions)]}))
		if _, err := json.Marshal(reply.Response); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
}
