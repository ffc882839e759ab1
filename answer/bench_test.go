package answer

import (
	"context"
	"sort"
	"testing"
	"time"
)

// benchQuestions mix every kind of question, Turkish ones and misses.
var benchQuestions = []string{
	"Which country mined the most rare earths in 2024?",
	"Where did Russia rank in rare earth mine production in 2024?",
	"Brazil vs Vietnam reserves (USGS 2025)",
	"How did Burma's rare earth output change from 2023 to 2024?",
	"What share of world reserves did Brazil hold in USGS 2025?",
	"How many locations were drilled at Beylikova?",
	"What is samarium used for?",
	"Çin'in nadir toprak üretimi ne kadar?",
	"What will the terbium oxide price be in 2028?",
	"What is the capital of France?",
	"How do I add an emoji to my Discord server?",
	"neodymum",
	"zzzz qqqq",
	"Who mines the most rare earths outside China?",
	"Which country's rare earth output grew fastest in percentage terms?",
	"How long would US rare earth reserves last at the 2024 mining rate?",
	"What will the lithium carbonate price be next year?",
	"Lynas or MP Materials: which produced more NdPr in 2024?",
	"how much rare erth did myanmr mine in 2024",
	"Who has the second-largest reserves after China?",
	"What share of Lynas's FY2024 REO output was NdPr?",
	"What exactly counts as a rare earth element?",
	"When will the industrial plant open and how much revenue will it make?",
}

// BenchmarkAsk measures reading and answering a question on the built-in knowledge base, the
// search included.
func BenchmarkAsk(b *testing.B) {
	idx := testIndex(b)
	ctx := context.Background()
	times := make([]time.Duration, 0, b.N)
	for k := 0; b.Loop(); k++ {
		start := time.Now()
		if _, err := Ask(ctx, idx, benchQuestions[k%len(benchQuestions)], Options{}); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
}
