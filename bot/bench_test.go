package bot

import (
	"context"
	"encoding/json"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
	"github.com/reedesk/reedesk/questions"
)

// benchQuestions mix the kinds of question the bot is asked, misses included.
var benchQuestions = []string{
	"How much rare earth oxide is at Beylikova?",
	"What is the grade of rare earth oxide in the Beylikova resource?",
	"REE output share china",
	"neodymum",
	"Who produces the most rare earths?",
	"Brazil vs Vietnam reserves",
	"How did Burma's rare earth output change from 2023 to 2024?",
	"Çin'in nadir toprak üretimi ne kadar?",
	"What is the capital of France?",
	"What will the terbium oxide price be in 2028?",
}

// BenchmarkAsk measures /ask end to end on the built-in knowledge base: the question in, the
// Discord payload out as JSON, the way the dispatcher sends it. Every answer is made afresh
// (cache=off) or repeated questions come from the answer cache (cache=on), with the question
// log off, on SQLite, and on PostgreSQL when TEST_DATABASE_URL names one.
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
	logs := []struct {
		name string
		opts *questions.Options
	}{
		{"log=off", nil},
		{"log=sqlite", &questions.Options{DataDir: b.TempDir()}},
	}
	if url := os.Getenv("TEST_DATABASE_URL"); url != "" {
		logs = append(logs, struct {
			name string
			opts *questions.Options
		}{"log=postgres", &questions.Options{DatabaseURL: url}})
	}
	// paced asks one question a millisecond, answered afresh: a busy channel, not a machine
	// saturated by back-to-back questions, where the log's writer competes for both cores.
	modes := []struct {
		name          string
		cached, paced bool
	}{{"cache=off", false, false}, {"cache=on", true, false}, {"paced", false, true}}
	for _, m := range modes {
		for _, l := range logs {
			b.Run(m.name+"/"+l.name, func(b *testing.B) {
				opts := Options{Index: idx}
				if l.opts != nil {
					store, err := questions.Open(context.Background(), *l.opts)
					if err != nil {
						b.Fatal(err)
					}
					defer store.Close(context.Background())
					opts.Questions = store
				}
				bot := New(opts)
				if !m.cached {
					bot.answers = nil // every question answered afresh
				}
				benchAsk(b, bot, m.paced)
			})
		}
	}
}

func benchAsk(b *testing.B, bot *Bot, paced bool) {
	ctx := context.Background()
	times := make([]time.Duration, 0, b.N)
	for k := 0; b.Loop(); k++ {
		start := time.Now()
		reply := bot.Respond(ctx, Interaction("ask", map[string]any{"question": benchQuestions[k%len(benchQuestions)]}))
		if _, err := json.Marshal(reply.Response); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
		if paced {
			time.Sleep(time.Millisecond)
		}
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
}
