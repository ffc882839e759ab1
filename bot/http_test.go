package bot

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reedesk/reedesk/bot/discordtest"
	"github.com/reedesk/reedesk/internal/testrun"
)

// signer signs requests as Discord does: Ed25519 over the timestamp and the body.
type signer struct {
	pub  ed25519.PublicKey
	priv ed25519.PrivateKey
}

func newSigner(t testing.TB) signer {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return signer{pub, priv}
}

func (s signer) request(t testing.TB, url string, body []byte, at time.Time) *http.Request {
	ts := strconv.FormatInt(at.Unix(), 10)
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(s.priv, append([]byte(ts), body...))))
	return req
}

// endpoint serves a bot on an httptest server, with the given deadlines; edits go to a fake
// Discord.
func endpoint(t *testing.T, opts Options, d Deadlines) (*httptest.Server, signer, *discordtest.Server) {
	t.Helper()
	ep, sg, fake := newEndpoint(t, testBot(t, opts), d)
	srv := httptest.NewServer(ep)
	t.Cleanup(func() {
		srv.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		ep.Close(ctx)
	})
	return srv, sg, fake
}

// newEndpoint is an interactions endpoint for b with deadlines d and a new key; its edits go
// to a fake Discord.
func newEndpoint(tb testing.TB, b *Bot, d Deadlines, fakeOpts ...discordtest.Option) (*Endpoint, signer, *discordtest.Server) {
	tb.Helper()
	fake := discordtest.New(tb, fakeOpts...)
	s, err := NewDiscord(SessionConfig{APIURL: fake.APIURL()})
	if err != nil {
		tb.Fatal(err)
	}
	sg := newSigner(tb)
	return NewEndpoint(NewDispatcher(b, d, nil), sg.pub, s, nil), sg, fake
}

func interactionJSON(t testing.TB, v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func askInteraction(id, question string) map[string]any {
	return map[string]any{
		"id": id, "application_id": "app1", "type": 2, "token": "tok-" + id, "guild_id": "g1", "channel_id": "c1",
		"member": map[string]any{"user": map[string]any{"id": "u-" + id, "username": "ayse"}, "roles": []string{}, "permissions": "0"},
		"data":   map[string]any{"id": "cmd-ask", "name": "ask", "type": 1, "options": []map[string]any{{"name": "question", "type": 3, "value": question}}},
	}
}

func TestEndpointChecksEveryRequest(t *testing.T) {
	t.Parallel()
	srv, sg, _ := endpoint(t, Options{}, testDeadlines)
	url := srv.URL + InteractionsPath
	now := time.Now()
	ping := interactionJSON(t, map[string]any{"id": "p1", "application_id": "app1", "type": 1, "token": "tok-p1"})
	ask := interactionJSON(t, askInteraction("a1", "How many locations were drilled at Beylikova?"))
	other := newSigner(t)

	tests := []struct {
		name       string
		req        func() *http.Request
		wantStatus int
		wantBody   string
	}{
		{"signed ping", func() *http.Request { return sg.request(t, url, ping, now) }, 200, `{"type":1}`},
		{"signed ask", func() *http.Request { return sg.request(t, url, ask, now) }, 200, "310"},
		{"unsigned", func() *http.Request {
			r, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(ask))
			r.Header.Set("X-Signature-Timestamp", strconv.FormatInt(now.Unix(), 10))
			return r
		}, 401, ""},
		{"signed by another key", func() *http.Request { return other.request(t, url, ask, now) }, 401, ""},
		{"tampered body", func() *http.Request {
			r := sg.request(t, url, ask, now)
			r.Body = io.NopCloser(bytes.NewReader(bytes.Replace(ask, []byte("Beylikova"), []byte("Bayan Obo"), 1)))
			return r
		}, 401, ""},
		{"replayed: signed ten minutes ago", func() *http.Request { return sg.request(t, url, ask, now.Add(-10*time.Minute)) }, 401, ""},
		{"signed in the future", func() *http.Request { return sg.request(t, url, ask, now.Add(10*time.Minute)) }, 401, ""},
		{"oversized", func() *http.Request {
			return sg.request(t, url, append(ask, bytes.Repeat([]byte(" "), MaxInteractionBody)...), now)
		}, 413, ""},
		{"GET", func() *http.Request { r, _ := http.NewRequest(http.MethodGet, url, nil); return r }, 405, ""},
		{"other path", func() *http.Request { return sg.request(t, srv.URL+"/other", ping, now) }, 404, ""},
		{"signed garbage", func() *http.Request { return sg.request(t, url, []byte("{not json"), now) }, 400, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.DefaultClient.Do(tt.req())
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status %d (%s), want %d", resp.StatusCode, body, tt.wantStatus)
			}
			if !strings.Contains(string(body), tt.wantBody) {
				t.Errorf("body %s, want it to contain %q", body, tt.wantBody)
			}
			if resp.StatusCode == 200 && tt.name == "signed ask" {
				if err := discordtest.CheckLimits("POST", "/interactions/a1/tok-a1/callback", body); err != nil {
					t.Errorf("answer breaks Discord's limits: %v", err)
				}
				if v := discordtest.ValidatorFromEnv(t); v != nil {
					if err := v.Validate("POST", "/interactions/a1/tok-a1/callback", body); err != nil {
						t.Errorf("answer does not match Discord's OpenAPI description: %v", err)
					}
				}
			}
		})
	}
}

// TestEndpointDefersSlowWork checks that a slow answer is deferred in the HTTP response and
// then delivered by editing the original message through the webhook API.
func TestEndpointDefersSlowWork(t *testing.T) {
	t.Parallel()
	idx := testIndex(t)
	srv, sg, fake := endpoint(t, Options{Index: slowIndex{Index: idx, delay: deferSoon.Defer + 200*time.Millisecond}}, deferSoon)
	resp, err := http.DefaultClient.Do(sg.request(t, srv.URL+InteractionsPath, interactionJSON(t, askInteraction("slow1", "How many locations were drilled at Beylikova?")), time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"type":5`) {
		t.Fatalf("slow answer: status %d body %s, want a deferral (type 5)", resp.StatusCode, body)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	edit, err := fake.Wait(ctx, discordtest.Match("PATCH", "/api/v9/webhooks/app1/tok-slow1/messages/@original"))
	if err != nil {
		t.Fatalf("no edit of the deferred message: %v", err)
	}
	if !strings.Contains(string(edit.Body), "310") {
		t.Errorf("the edit %s does not carry the answer", edit.Body)
	}
}

// TestEndpointUnderLoad sends 1,000 signed interactions from 50 concurrent clients on
// loopback (300 under the race detector, where each costs several times as much: enough for
// 50 clients at once): every one must be answered correctly. Throughput and latency are
// measured by BenchmarkInteractionsEndpoint, not asserted here.
func TestEndpointUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	// Discord's deadlines: under load a handler may take longer than the tests' Defer.
	srv, sg, _ := endpoint(t, Options{}, DiscordDeadlines())
	questions := []struct{ q, want string }{
		{"How many locations were drilled at Beylikova?", "310"},
		{"What is the grade of rare earth oxide in the Beylikova resource?", "1.80 %"},
		{"neodymum", "Neodymium"},
		{"How much ore does the pilot facility process per year?", "1,200"},
	}
	total, clients := 1000, 50
	if testrun.Race() {
		total = 300
	}
	jobs := make(chan int)
	var mu sync.Mutex
	var failures []string
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range jobs {
				qa := questions[k%len(questions)]
				req := sg.request(t, srv.URL+InteractionsPath, interactionJSON(t, askInteraction(fmt.Sprintf("load%d", k), qa.q)), time.Now())
				resp, err := client.Do(req)
				if err != nil {
					mu.Lock()
					failures = append(failures, err.Error())
					mu.Unlock()
					continue
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 || !strings.Contains(string(body), qa.want) {
					mu.Lock()
					failures = append(failures, fmt.Sprintf("%q: status %d, body %.200s", qa.q, resp.StatusCode, body))
					mu.Unlock()
				}
			}
		}()
	}
	for k := range total {
		jobs <- k
	}
	close(jobs)
	wg.Wait()
	if len(failures) > 0 {
		t.Errorf("%d of %d interactions failed; first: %s", len(failures), total, failures[0])
	}
}

// BenchmarkInteractionsEndpoint measures signed /ask interactions answered over loopback HTTP
// by concurrent clients: throughput (interactions/s) and latency percentiles.
func BenchmarkInteractionsEndpoint(b *testing.B) {
	ep, sg, _ := newEndpoint(b, testBot(b, Options{}), DiscordDeadlines())
	srv := httptest.NewServer(ep)
	defer srv.Close()
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	var mu sync.Mutex
	var times []time.Duration
	var failed int
	var n int
	b.SetParallelism(16) // 16 × GOMAXPROCS concurrent clients
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			mu.Lock()
			n++
			id := n
			mu.Unlock()
			req := sg.request(b, srv.URL+InteractionsPath, interactionJSON(b, askInteraction(fmt.Sprintf("b%d", id), "How many locations were drilled at Beylikova?")), time.Now())
			t0 := time.Now()
			resp, err := client.Do(req)
			d := time.Since(t0)
			ok := err == nil && resp.StatusCode == 200
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			mu.Lock()
			times = append(times, d)
			if !ok {
				failed++
			}
			mu.Unlock()
		}
	})
	elapsed := time.Since(start)
	b.StopTimer()
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(len(times))/elapsed.Seconds(), "interactions/s")
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(failed), "failed")
}
