package bot

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/bot/discordtest"
	"github.com/reedesk/reedesk/internal/evalset"
)

// devQuestions are the questions of ../shared/eval/dev.yaml when it is beside the
// repository, else benchQuestions.
func devQuestions(tb testing.TB) []string {
	items, err := evalset.Load(filepath.Join("..", "..", "shared", "eval", "dev.yaml"))
	if errors.Is(err, fs.ErrNotExist) {
		return benchQuestions
	}
	if err != nil {
		tb.Fatal(err)
	}
	qs := make([]string, len(items))
	for i, it := range items {
		qs[i] = it.Q
	}
	return qs
}

// floor is the least an interactions endpoint can do: read the body, check the timestamp and
// the signature, and send a fixed answer of the size of a real one.
func floor(key ed25519.PublicKey, answer []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxInteractionBody))
		if err != nil {
			http.Error(w, "bad body", http.StatusBadRequest)
			return
		}
		sec, err := strconv.ParseInt(r.Header.Get("X-Signature-Timestamp"), 10, 64)
		if err != nil || time.Since(time.Unix(sec, 0)).Abs() > MaxClockSkew {
			http.Error(w, "stale", http.StatusUnauthorized)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		if !discordgo.VerifyInteraction(r, key) {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(answer)
	})
}

// BenchmarkEndpointAgainstFloor serves the dev question mix from the bot's HTTP endpoint and
// from a bare verify-and-reply server on the same machine, side by side in one run (three
// rounds, alternating), 8 clients each, and reports both throughputs and their ratio. Try
// -benchtime 3000x.
func BenchmarkEndpointAgainstFloor(b *testing.B) {
	bot := testBot(b, Options{})
	// The fake stands for Discord, whose work (the edits that carry a comparison's chart)
	// is not the bot's: it checks no schema here, so it takes as little of the cores as it can.
	ep, sg, _ := newEndpoint(b, bot, DiscordDeadlines(), discordtest.WithValidator(nil))
	qs := devQuestions(b)
	sample, _ := json.Marshal(bot.Respond(b.Context(), Interaction("ask", map[string]any{"question": qs[0]})).Response)
	servers := []struct {
		name string
		srv  *httptest.Server
	}{
		{"floor", httptest.NewServer(floor(sg.pub, sample))},
		{"bot", httptest.NewServer(ep)},
	}
	for _, s := range servers {
		defer s.srv.Close()
	}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	const clients, rounds = 8, 3
	n := max(b.N, 200)
	var round atomic.Int64
	// bodies are signed before the clock starts: both servers get the same work.
	bodies := func() [][]byte {
		r := round.Add(1)
		out := make([][]byte, n)
		for k := range out {
			id := fmt.Sprintf("f%d-%d", r, k)
			out[k] = interactionJSON(b, askInteraction(id, qs[k%len(qs)]))
		}
		return out
	}
	run := func(url string) (perSecond float64, failed int64) {
		reqs := make([]*http.Request, n)
		for k, body := range bodies() {
			reqs[k] = sg.request(b, url+InteractionsPath, body, time.Now())
		}
		var next, bad atomic.Int64
		var wg sync.WaitGroup
		start := time.Now()
		for range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := next.Add(1) - 1; k < int64(n); k = next.Add(1) - 1 {
					resp, err := client.Do(reqs[k])
					if err != nil {
						bad.Add(1)
						continue
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != 200 {
						bad.Add(1)
					}
				}
			}()
		}
		wg.Wait()
		return float64(n) / time.Since(start).Seconds(), bad.Load()
	}
	b.ResetTimer()
	rates := map[string][]float64{}
	var ratios []float64
	for range rounds {
		var pair [2]float64
		for k, s := range servers {
			rate, failed := run(s.srv.URL)
			if failed > 0 {
				b.Fatalf("%s: %d of %d requests failed", s.name, failed, n)
			}
			rates[s.name] = append(rates[s.name], rate)
			pair[k] = rate
		}
		ratios = append(ratios, pair[1]/pair[0])
	}
	b.StopTimer()
	median := func(v []float64) float64 {
		sort.Float64s(v)
		return v[len(v)/2]
	}
	b.ReportMetric(median(rates["floor"]), "floor-req/s")
	b.ReportMetric(median(rates["bot"]), "bot-req/s")
	b.ReportMetric(median(ratios), "bot/floor")
}
