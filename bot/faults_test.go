package bot

// Reliability tests: the bot on a real discordgo session against the fake Discord of package
// discordtest, with the gateway failing (dropped connections, op 7, op 9), the REST API
// refusing (429, 500, 502), many admins reindexing at once, and 1,000 concurrent /ask.
//
// The only time bounds asserted are protocol limits: Discord's 3 s for the first response
// (enforced by the fake, which answers a late callback with 404 code 10062) and the
// dispatcher's own deadlines (2.5 s for the first response, 10 s for every edit), with
// generous margins.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/bot/discordtest"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/internal/testrun"
	"github.com/reedesk/reedesk/knowledge"
)

// faultConfig is e2eConfig with the hooks these tests need.
type faultConfig struct {
	factDir  bool                            // serve, and reindex, from a copy of the fact files
	fewFacts bool                            // with factDir: only mechanicsFiles
	load     func(index.Loader) index.Loader // wraps the Loader /reindex uses (not the first load)
	quiet    bool                            // log at Info, not Debug (load tests)
	// deadlines are the dispatcher's; zero means testDeadlines.
	deadlines Deadlines
}

// faultE2E is an e2e whose bot reports every Dispatch that returned.
type faultE2E struct {
	*e2e
	obs *dispatches
}

// startFaultE2E is startE2E with faultConfig's hooks and an Observer that records when each
// Dispatch returns.
func startFaultE2E(tb testing.TB, c faultConfig) *faultE2E {
	tb.Helper()
	obs := newDispatches()
	e := startE2E(tb, e2eConfig{factDir: c.factDir, fewFacts: c.fewFacts, wrapLoad: c.load, observer: obs, quiet: c.quiet, deadlines: c.deadlines})
	return &faultE2E{e2e: e, obs: obs}
}

// jobsDone reports whether every gateway handler (Dispatch and the job after it) returned
// within d.
func (e *faultE2E) jobsDone(d time.Duration) bool {
	done := make(chan struct{})
	go func() { e.d.jobs.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

// dispatches is an Observer that records each Dispatch as it returns: Dispatch reports the
// command last, after the reply's job (see its deferred observe).
type dispatches struct {
	mu      sync.Mutex
	changed chan struct{}
	done    []dispatched
}

type dispatched struct {
	command, outcome string
	took             time.Duration // as Dispatch measured it: until the answer was sent
	at               time.Time     // when Dispatch returned
}

func newDispatches() *dispatches { return &dispatches{changed: make(chan struct{})} }

func (d *dispatches) Command(command, outcome string, took time.Duration) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.done = append(d.done, dispatched{command: command, outcome: outcome, took: took, at: time.Now()})
	close(d.changed)
	d.changed = make(chan struct{})
}

func (d *dispatches) Reindex(string, time.Duration) {}

// wait returns the dispatches that returned once there are at least n of them.
func (d *dispatches) wait(ctx context.Context, n int) ([]dispatched, error) {
	for {
		d.mu.Lock()
		got, changed := slices.Clone(d.done), d.changed
		d.mu.Unlock()
		if len(got) >= n {
			return got, nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return got, fmt.Errorf("%d of %d dispatches returned: %w", len(got), n, ctx.Err())
		}
	}
}

// eventually polls cond until it holds or d passes.
func eventually(d time.Duration, cond func() bool) bool {
	for deadline := time.Now().Add(d); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			return false
		}
	}
	return true
}

func lastLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// fixedInteraction names an interaction before it is sent, so a fault can target its paths.
func fixedInteraction(n int) discordtest.Interaction {
	id := strconv.FormatInt(1_200_000_000_000_000_000+int64(n), 10)
	return discordtest.Interaction{ID: id, AppID: "app1", Token: "fault-tok-" + id}
}

// withIdentity gives an interaction built by discordtest the id and token of in.
func withIdentity(in discordtest.Interaction) discordtest.InteractionOption {
	return func(m map[string]any) { m["id"], m["token"] = in.ID, in.Token }
}

// collect waits until want answered requests match and returns them in arrival order.
func collect(ctx context.Context, fake *discordtest.Server, want int, match func(discordtest.Request) bool) ([]discordtest.Request, error) {
	var got []discordtest.Request
	_, err := fake.Wait(ctx, func(r discordtest.Request) bool {
		if match(r) {
			got = append(got, r)
		}
		return len(got) >= want
	})
	if err != nil { // not Wait's error: it lists every request the fake received
		return got, fmt.Errorf("%d of %d requests: %w", len(got), want, ctx.Err())
	}
	return got, nil
}

// askDrill sends /ask drillQuestion and checks it is answered at once, correctly.
func askDrill(t *testing.T, e *faultE2E) {
	t.Helper()
	_, resp := e.send(t, discordtest.Command("ask", map[string]any{"question": drillQuestion}, discordtest.Member("user1", ordinaryMember)))
	checkDrillAnswer(t, "/ask "+drillQuestion, resp)
}

func checkDrillAnswer(t *testing.T, what string, resp sentResponse) {
	t.Helper()
	if resp.Data == nil {
		resp.Data = &sentMessage{}
	}
	if text := allEmbedText(firstEmbedOf(resp.Data)); resp.Type != 4 || !strings.Contains(text, "310") {
		t.Errorf("%s: callback type %d, first embed %q; want type 4 mentioning 310", what, resp.Type, text)
	}
}

// TestFaultGateway breaks the gateway connection in each way Discord does. The session must
// come back with exactly one handshake (RESUME after a drop or op 7, a new IDENTIFY after a
// non-resumable op 9, either after a resumable one: discordgo v0.29 re-identifies) and
// answer what follows; an interaction sent while a resumable session is away is replayed on
// RESUME and still answered within Discord's 3 s (discordgo waits about 1 s before
// reconnecting).
func TestFaultGateway(t *testing.T) {
	t.Parallel()
	const (
		resume   = "RESUME"
		identify = "IDENTIFY"
		either   = "RESUME or IDENTIFY"
	)
	tests := []struct {
		name                string
		fault               func(*discordtest.Server)
		want                string
		sendDuringTheOutage bool // only a resumed session gets missed dispatches
	}{
		{"drop", (*discordtest.Server).Drop, resume, true},
		{"op 7 reconnect", (*discordtest.Server).Reconnect, resume, true},
		{"op 9 resumable", func(s *discordtest.Server) { s.InvalidSession(true) }, either, false},
		{"op 9 not resumable", func(s *discordtest.Server) { s.InvalidSession(false) }, identify, false},
	}
	for k, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := startFaultE2E(t, faultConfig{})
			askDrill(t, e)

			tc.fault(e.fake)
			var missed discordtest.Interaction
			if tc.sendDuringTheOutage {
				missed = fixedInteraction(k)
				e.fake.SendInteraction(discordtest.Command("ask", map[string]any{"question": drillQuestion},
					discordtest.Member("user2", ordinaryMember), withIdentity(missed)))
			}

			// The first connection made one IDENTIFY and no RESUME.
			ctx := e2eTimeout(t, 20*time.Second)
			switch tc.want {
			case resume:
				d, err := e.fake.WaitResume(ctx, 1)
				if err != nil {
					t.Fatalf("no RESUME after the fault: %v", err)
				}
				var r struct {
					SessionID string `json:"session_id"`
					Seq       int64  `json:"seq"`
				}
				if err := json.Unmarshal(d, &r); err != nil || r.SessionID != "sess1" || r.Seq < 1 {
					t.Errorf("RESUME %s, want session sess1 and the last sequence number seen", d)
				}
			case identify:
				if _, err := e.fake.WaitIdentify(ctx, 2); err != nil {
					t.Fatalf("no new IDENTIFY after the fault: %v", err)
				}
			case either:
				if !eventually(20*time.Second, func() bool { return len(e.fake.Resumes())+len(e.fake.Identifies()) > 1 }) {
					t.Fatalf("neither RESUME nor a new IDENTIFY 20 s after the fault")
				}
			}
			if !eventually(5*time.Second, e.g.Ready) {
				t.Errorf("Gateway.Ready() = false 5 s after the session came back, want true")
			}

			if tc.sendDuringTheOutage {
				req, err := e.fake.Wait(ctx, discordtest.Match("POST", missed.CallbackPath()))
				if err != nil {
					t.Fatalf("the interaction sent during the outage got no callback: %v", err)
				}
				if req.Status != 204 {
					t.Errorf("the interaction sent during the outage: callback answered %d, want 204 (in time)", req.Status)
				}
				checkDrillAnswer(t, "the /ask sent during the outage", decodeRequest[sentResponse](t, req))
			}
			askDrill(t, e)

			resumes, identifies := len(e.fake.Resumes()), len(e.fake.Identifies())
			got := map[string]bool{resume: resumes == 1 && identifies == 1, identify: resumes == 0 && identifies == 2}
			if got[either] = got[resume] || got[identify]; !got[tc.want] {
				t.Errorf("%d RESUME and %d IDENTIFY in all, want one %s after the first IDENTIFY", resumes, identifies, tc.want)
			}
		})
	}
}

// callbackBound is how long Dispatch may take when the first response fails: its deadline
// (respondSoon's, 1 s) plus a margin for a machine loaded by the race detector and other
// tests (4.3 s was seen), still well under the 20 s a rate limit asks the bot to wait.
const callbackBound = 8 * time.Second

// TestFaultCallbackErrors refuses the first response of an /ask again and again, or never
// answers it. The bot must give up within its deadline (a rate-limited first response
// is not retried: the interaction would have expired by then) and answer the next
// interaction normally.
func TestFaultCallbackErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		fault       discordtest.Fault
		maxAttempts int
	}{
		// retry_after is longer than callbackBound, so waiting it out would fail the bound.
		{"429", discordtest.RateLimited(20*time.Second, false), 1},
		// A global limit must not hold the next interactions (see
		// TestFaultRateLimitsRespectDeadlines for a longer one).
		{"429 global", discordtest.RateLimited(time.Second, true), 1},
		{"500", discordtest.Fault{Status: 500}, 1},
		// A 502 is an answer too: no retry within the first response's 3 s.
		{"502", discordtest.Fault{Status: 502}, 1},
		// Discord takes the request and never answers in time: the deadline cuts it off, so
		// the fake records no status.
		{"no answer in time", discordtest.Fault{Delay: respondSoon.Respond + time.Second}, 1},
	}
	for k, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := startFaultE2E(t, faultConfig{deadlines: respondSoon})
			in := fixedInteraction(10 + k)
			f := tc.fault
			f.Path = in.CallbackPath()
			e.fake.FailNext(5, f)

			start := time.Now()
			e.fake.SendInteraction(discordtest.Command("ask", map[string]any{"question": drillQuestion},
				discordtest.Member("user1", ordinaryMember), withIdentity(in)))
			got, err := e.obs.wait(e2eTimeout(t, 30*time.Second), 1)
			took := time.Since(start)
			if err != nil {
				t.Fatalf("Dispatch did not return: %v", err)
			}
			if took > callbackBound {
				t.Errorf("Dispatch returned %s after the interaction was sent, want within %s", took.Round(time.Millisecond), callbackBound)
			}
			if got[0].outcome != OutcomeError {
				t.Errorf("outcome %q, want %q: the answer never reached the user", got[0].outcome, OutcomeError)
			}
			t.Logf("Dispatch gave up after %s", took.Round(time.Millisecond))

			var attempts int
			for _, r := range e.fake.Requests() {
				if !strings.Contains(r.Path, in.Token) {
					continue
				}
				if r.Method != "POST" || r.Path != in.CallbackPath() {
					t.Errorf("%s %s: want no request but the first response for a failed interaction", r.Method, r.Path)
					continue
				}
				attempts++
				if r.Status != tc.fault.Status {
					t.Errorf("callback attempt %d answered %d, want the fault's %d", attempts, r.Status, tc.fault.Status)
				}
			}
			if attempts < 1 || attempts > tc.maxAttempts {
				t.Errorf("%d callback attempts, want 1 to %d", attempts, tc.maxAttempts)
			}

			askDrill(t, e)
			if _, err := e.obs.wait(e2eTimeout(t, 5*time.Second), 2); err != nil {
				t.Errorf("the next interaction: %v", err)
			}
		})
	}
}

// TestFaultReindexEditsRateLimited rate-limits every edit of an admin's /reindex message.
// The build must still be swapped in, /ask keeps answering, the job gives up within its
// deadlines (by itself, or when the gateway stops), and no handler is left blocked.
func TestFaultReindexEditsRateLimited(t *testing.T) {
	t.Parallel()
	const retryAfter = time.Second
	tests := []struct {
		name     string
		shutdown bool // stop the gateway while the edits are being refused
	}{
		{"job gives up by itself", false},
		{"gateway stops meanwhile", true},
	}
	for k, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := startFaultE2E(t, faultConfig{factDir: true, fewFacts: true})
			before := e.idx.Base().Version
			e.editDrillText(t)

			in := fixedInteraction(20 + k)
			f := discordtest.RateLimited(retryAfter, false)
			f.Path = in.OriginalPath()
			e.fake.FailNext(100_000, f)

			start := time.Now()
			_, resp := e.send(t, discordtest.Command("reindex", nil,
				discordtest.Member("mod1", ordinaryMember|discordgo.PermissionManageGuild), withIdentity(in)))
			if resp.Type != 5 {
				t.Fatalf("callback type %d (content %q), want 5 (deferred)", resp.Type, resp.Data.Content)
			}
			refused := func(r discordtest.Request) bool {
				return r.Method == "PATCH" && r.Path == in.OriginalPath() && r.Status == 429
			}
			if _, err := e.fake.Wait(e2eTimeout(t, 10*time.Second), refused); err != nil {
				t.Fatalf("no edit was attempted: %v", err)
			}

			// The build does not wait for its messages, and the bot keeps answering.
			if !eventually(20*time.Second, func() bool { return e.idx.Base().Version != before }) {
				t.Fatalf("index version still %s 20 s after /reindex, want the edited files swapped in", before)
			}
			if text := e.ask(t); !strings.Contains(text, drillNewText) {
				t.Errorf("during the refused edits /ask says %q, want the new text %q", text, drillNewText)
			}

			var bound time.Duration
			if tc.shutdown {
				// Run waits Drain for running replies, then cancels them: the job's edit
				// then fails at its next attempt, after at most one retry_after.
				start, bound = time.Now(), testDeadlines.Drain+retryAfter+4*time.Second
				e.stop() // fails the test unless Run returns within 15 s
			} else {
				// A progress edit, at most one more when the build finishes, and the final
				// edit: each gives up at its deadline, after at most one more retry_after.
				bound = 3*(testDeadlines.REST+retryAfter) + 10*time.Second
			}
			got, err := e.obs.wait(e2eTimeout(t, bound+30*time.Second), 2)
			if err != nil {
				t.Fatalf("the /reindex job did not end: %v", err)
			}
			i := slices.IndexFunc(got, func(d dispatched) bool { return d.command == "reindex" })
			if i < 0 {
				t.Fatalf("dispatches %+v, want /reindex among them", got)
			}
			took := got[i].at.Sub(start)
			if took > bound {
				t.Errorf("the /reindex job ended %s after it started (or after the gateway stopped), want within %s", took.Round(time.Millisecond), bound)
			}
			if !tc.shutdown && !strings.Contains(e.logs.String(), "reindex result edit failed") {
				t.Errorf("the bot did not log that the final edit failed")
			}

			e.stop()
			if !e.jobsDone(5 * time.Second) {
				t.Errorf("gateway handlers still running 5 s after Run returned")
			}
			edits := e.edits(in)
			for _, r := range edits {
				if r.Status != 429 {
					t.Errorf("an edit was answered %d, want every one refused with 429", r.Status)
				}
			}
			// discordgo waits retry_after between attempts; a hot loop would make many more.
			elapsed := got[i].at.Sub(edits[0].Time)
			if max := int(elapsed/retryAfter) + 5; len(edits) > max {
				t.Errorf("%d edit attempts in %s, want at most %d: one per retry_after", len(edits), elapsed.Round(time.Millisecond), max)
			}
			t.Logf("/reindex job ended %s after %s, having tried %d edits, all refused", took.Round(time.Millisecond),
				map[bool]string{true: "the gateway began to stop", false: "its deferral"}[tc.shutdown], len(edits))
		})
	}
}

// TestConcurrentReindex has 50 admins run /reindex at once. The build is held at its loading
// step until all 50 are acknowledged, so all of them must share one build: every one gets a
// deferral and a final "Reindexed" edit, and all but the first say they joined.
func TestConcurrentReindex(t *testing.T) {
	t.Parallel()
	const n = 50
	var builds atomic.Int32
	gate := make(chan struct{})
	var once sync.Once
	release := func() { once.Do(func() { close(gate) }) }
	e := startFaultE2E(t, faultConfig{factDir: true, fewFacts: true, load: func(load index.Loader) index.Loader {
		return func(ctx context.Context) (*knowledge.Base, error) {
			builds.Add(1)
			select {
			case <-gate:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			return load(ctx)
		}
	}})
	t.Cleanup(release) // before the index closes: never leave the build waiting
	before := e.idx.Base().Version
	e.editDrillText(t)

	admins := []discordtest.InteractionOption{
		discordtest.Member("mod1", ordinaryMember|discordgo.PermissionManageGuild),
		discordtest.Member("boss1", ordinaryMember|discordgo.PermissionAdministrator),
		discordtest.Member("user2", ordinaryMember, "role-other", e2eAdminRole),
		discordtest.DM(e2eAdminUser),
	}
	ins := make([]discordtest.Interaction, n)
	byCallback, byOriginal := map[string]int{}, map[string]int{}
	for k := range ins {
		ins[k] = fixedInteraction(100 + k)
		byCallback[ins[k].CallbackPath()], byOriginal[ins[k].OriginalPath()] = k, k
	}
	startLine := make(chan struct{})
	var wg sync.WaitGroup
	for k, in := range ins {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-startLine
			e.fake.SendInteraction(discordtest.Command("reindex", nil, admins[k%len(admins)], withIdentity(in)))
		}()
	}
	close(startLine)
	wg.Wait()

	callbacks, err := collect(e2eTimeout(t, 20*time.Second), e.fake, n, func(r discordtest.Request) bool {
		_, ok := byCallback[r.Path]
		return ok && r.Method == "POST"
	})
	if err != nil {
		t.Fatalf("deferrals: %v", err)
	}
	for _, r := range callbacks {
		if resp := decodeRequest[sentResponse](t, r); r.Status != 204 || resp.Type != 5 {
			t.Errorf("interaction %d: callback type %d answered %d, want a deferral (5) answered 204", byCallback[r.Path], resp.Type, r.Status)
		}
	}
	if b := builds.Load(); b > 1 {
		t.Fatalf("%d builds started for %d concurrent /reindex, want 1", b, n)
	}
	release()

	isFinal := func(r discordtest.Request) bool {
		if _, ok := byOriginal[r.Path]; !ok || r.Method != "PATCH" {
			return false
		}
		var d sentMessage
		return json.Unmarshal(r.Body, &d) == nil && len(d.Embeds) > 0 && !isProgressEmbed(d.Embeds[0])
	}
	finals, err := collect(e2eTimeout(t, 30*time.Second), e.fake, n, isFinal)
	if err != nil {
		t.Fatalf("final edits: %v", err)
	}
	if _, err := e.obs.wait(e2eTimeout(t, 10*time.Second), n); err != nil {
		t.Errorf("dispatches: %v", err)
	}
	if b := builds.Load(); b != 1 {
		t.Errorf("%d builds ran for %d concurrent /reindex, want 1", b, n)
	}
	after := e.idx.Base().Version
	if after == before {
		t.Errorf("index version still %s, want the edited files swapped in", before)
	}

	finalOf := map[int]*discordgo.MessageEmbed{}
	for _, r := range finals {
		k := byOriginal[r.Path]
		if finalOf[k] != nil {
			t.Errorf("interaction %d: two final edits", k)
		}
		finalOf[k] = decodeRequest[sentMessage](t, r).Embeds[0]
	}
	want := []string{"Added (0)", "Changed (1)", "Removed (0)"}
	started, joined := 0, 0
	for k, in := range ins {
		final := finalOf[k]
		if final == nil {
			t.Errorf("interaction %d: no final edit", k)
			continue
		}
		var fields []string
		for _, f := range final.Fields {
			fields = append(fields, f.Name)
		}
		if final.Title != "Reindexed" || !slices.Equal(fields, want) || !strings.Contains(final.Description, after) {
			t.Errorf("interaction %d: final edit %q with fields %v, want Reindexed to %s with fields %v", k, allEmbedText(final), fields, after, want)
		}
		titles := map[string]bool{}
		for _, r := range e.edits(in) {
			if r.Status != 200 {
				t.Errorf("interaction %d: an edit answered %d, want 200", k, r.Status)
			}
			if d := decodeRequest[sentMessage](t, r); len(d.Embeds) == 1 && isProgressEmbed(d.Embeds[0]) {
				titles[d.Embeds[0].Title] = true
			}
		}
		switch {
		case len(titles) == 1 && titles["Reindexing"]:
			started++
		case len(titles) == 1 && titles["Reindexing (joined the build already running)"]:
			joined++
		default:
			t.Errorf("interaction %d: progress titles %v, want either Reindexing or the joined one", k, titles)
		}
	}
	if started != 1 || joined != n-1 {
		t.Errorf("%d interactions started the build and %d joined it, want 1 and %d", started, joined, n-1)
	}
	if text := e.ask(t); !strings.Contains(text, drillNewText) {
		t.Errorf("after the reindex /ask says %q, want the new text %q", text, drillNewText)
	}
}

// loadQuestions alternate in the load test; want is in the first embed of the answer.
var loadQuestions = []struct{ q, want string }{
	{drillQuestion, "310"},
	{"What is the grade of rare earth oxide in the Beylikova resource?", "1.80 %"},
	{"neodymum", "Neodymium"},
	{"How much ore does the pilot facility process per year?", "1,200"},
}

// loadInteractions builds n /ask interactions with known paths, from first on.
func loadInteractions(n, first int) (ins []discordtest.Interaction, msgs []map[string]any, byCallback, byOriginal map[string]int) {
	ins, msgs = make([]discordtest.Interaction, n), make([]map[string]any, n)
	byCallback, byOriginal = make(map[string]int, n), make(map[string]int, n)
	for k := range n {
		ins[k] = fixedInteraction(first + k)
		msgs[k] = discordtest.Command("ask", map[string]any{"question": loadQuestions[k%len(loadQuestions)].q},
			discordtest.Member(fmt.Sprintf("user%d", k%97), ordinaryMember), withIdentity(ins[k]))
		byCallback[ins[k].CallbackPath()], byOriginal[ins[k].OriginalPath()] = k, k
	}
	return ins, msgs, byCallback, byOriginal
}

// ms rounds a latency for the logs.
func ms(d time.Duration) string { return d.Round(100 * time.Microsecond).String() }

// percentile returns the p-th percentile of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p / 100 * float64(len(sorted)))
	if i >= len(sorted) {
		i = len(sorted) - 1
	}
	return sorted[i]
}

// TestLoadGatewayAsk sends 1,000 /ask interactions through the fake gateway from 8
// goroutines, at most 256 outstanding at once. Every one must be acknowledged within Discord's 3 s (the fake answers
// a late callback 404) and answered correctly, at once or by editing a deferral. The
// acknowledgement latency, from SendInteraction to the callback's arrival at the fake, is
// logged for RELIABILITY.md. It does not run in parallel, so the figures are its own.
//
// Under the race detector the bot runs several times slower on the same cores as the fake,
// so there 300 interactions are sent, at most raceInFlight at once: the test then checks
// concurrency and correctness, and its latencies say nothing about production.
func TestLoadGatewayAsk(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	// Discord hands a shard its interactions as users send them, not a thousand at once: at
	// most inFlight are outstanding, so each acknowledgement measures the bot, not a queue.
	const senders, inFlightMax, raceInFlight = 8, 256, 64
	n, inFlight := 1000, inFlightMax
	if testrun.Race() {
		// Several times slower: the test checks concurrency and correctness on fewer.
		n, inFlight = 300, raceInFlight
	}
	e := startFaultE2E(t, faultConfig{quiet: true, deadlines: DiscordDeadlines()})
	_, msgs, byCallback, byOriginal := loadInteractions(n, 1000)

	type answer struct {
		callback, edit discordtest.Request
		resp           sentResponse
	}
	answers := make([]answer, n)
	slots := make(chan struct{}, inFlight) // an interaction holds one until its callback
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		callbacks, edits, deferred := 0, 0, 0
		e.fake.Wait(ctx, func(r discordtest.Request) bool {
			if k, ok := byCallback[r.Path]; ok && r.Method == "POST" {
				callbacks++
				select {
				case <-slots:
				default: // a retried callback
				}
				answers[k].callback = r
				json.Unmarshal(r.Body, &answers[k].resp)
				if r.Status == 204 && answers[k].resp.Type == 5 {
					deferred++
				}
			} else if k, ok := byOriginal[r.Path]; ok && r.Method == "PATCH" {
				edits++
				answers[k].edit = r
			}
			return callbacks == n && edits == deferred
		})
	}()

	sent := make([]time.Time, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range senders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := int(next.Add(1)) - 1; k < n; k = int(next.Add(1)) - 1 {
				select {
				case slots <- struct{}{}:
				case <-ctx.Done():
					return
				}
				sent[k] = time.Now()
				e.fake.SendInteraction(msgs[k])
			}
		}()
	}
	wg.Wait()
	sending := time.Since(start)
	// Once every Dispatch has returned, every request the bot will make has been made: a
	// callback it gave up on before it reached the fake will never come.
	done, err := e.obs.wait(ctx, n)
	if err != nil {
		t.Errorf("dispatches: %v", err)
	}
	select {
	case <-watched:
	case <-time.After(2 * time.Second):
		cancel()
		<-watched
	}

	var (
		acks           []time.Duration
		last           time.Time
		deferred, late int
		wrong          []string
	)
	for k, a := range answers {
		want := loadQuestions[k%len(loadQuestions)]
		if a.callback.Path == "" {
			wrong = append(wrong, fmt.Sprintf("%d: no first response reached the fake (see the bot log)", k))
			continue
		}
		acks = append(acks, a.callback.Time.Sub(sent[k]))
		end := a.callback.Time
		if a.callback.Status < 200 || a.callback.Status > 299 {
			late++
			wrong = append(wrong, fmt.Sprintf("%d: callback answered %d, %s after it was sent", k, a.callback.Status, ms(acks[len(acks)-1])))
			continue
		}
		data := a.resp.Data
		switch a.resp.Type {
		case 4:
		case 5:
			deferred++
			if a.edit.Path == "" {
				wrong = append(wrong, fmt.Sprintf("%d: deferred, then never edited", k))
				continue
			}
			end = a.edit.Time
			d := decodeRequest[sentMessage](t, a.edit)
			data = &d
			if a.edit.Status != 200 {
				wrong = append(wrong, fmt.Sprintf("%d: deferred answer edit answered %d", k, a.edit.Status))
			}
		default:
			wrong = append(wrong, fmt.Sprintf("%d: callback type %d, want 4 or 5", k, a.resp.Type))
			continue
		}
		if data == nil {
			data = &sentMessage{}
		}
		if text := allEmbedText(firstEmbedOf(data)); !strings.Contains(text, want.want) {
			wrong = append(wrong, fmt.Sprintf("%d: %q answered %q, want it to mention %q", k, want.q, text, want.want))
		}
		if end.After(last) {
			last = end
		}
	}

	spec := "off"
	if os.Getenv(discordtest.SpecEnv) != "" {
		spec = "on"
	}
	t.Logf("LOAD gateway /ask: %d interactions, %d senders, at most %d in flight, one gateway session, GOMAXPROCS %d, race detector %v, OpenAPI validation in the fake %s",
		n, senders, inFlight, runtime.GOMAXPROCS(0), testrun.Race(), spec)
	if total := last.Sub(start); total > 0 {
		t.Logf("LOAD sent in %s; all answered %s after the first send: %.0f interactions/s", ms(sending), ms(total), float64(n)/total.Seconds())
	}
	if len(acks) > 0 {
		slices.Sort(acks)
		t.Logf("LOAD acknowledgement latency (SendInteraction → callback at the fake): p50 %s, p95 %s, p99 %s, max %s",
			ms(percentile(acks, 50)), ms(percentile(acks, 95)), ms(percentile(acks, 99)), ms(acks[len(acks)-1]))
	}
	var inside []time.Duration
	for _, d := range done {
		inside = append(inside, d.took)
	}
	if len(inside) > 0 {
		slices.Sort(inside)
		t.Logf("LOAD time inside Dispatch (handler start → response sent): p50 %s, p95 %s, p99 %s, max %s",
			ms(percentile(inside, 50)), ms(percentile(inside, 95)), ms(percentile(inside, 99)), ms(inside[len(inside)-1]))
	}
	t.Logf("LOAD deferred (answered by an edit): %d; callbacks refused as late (404 10062) or otherwise: %d", deferred, late)
	if len(wrong) > 0 {
		t.Errorf("%d of %d interactions not acknowledged in time or not answered correctly; first ones:\n%s",
			len(wrong), n, strings.Join(wrong[:min(len(wrong), 10)], "\n"))
	}
	e.stop()
	if !e.jobsDone(5 * time.Second) {
		t.Errorf("gateway handlers still running 5 s after Run returned")
	}
}

// BenchmarkGatewayAsk sends /ask through the fake gateway from 32 concurrent clients, each
// waiting for its callback before sending the next, and reports the acknowledgement latency
// (SendInteraction → callback at the fake) and throughput. Try -benchtime 2000x.
func BenchmarkGatewayAsk(b *testing.B) {
	e := startFaultE2E(b, faultConfig{quiet: true, deadlines: DiscordDeadlines()})
	n := b.N
	_, msgs, byCallback, _ := loadInteractions(n, 10_000_000)
	arrived := make([]chan discordtest.Request, n)
	for k := range arrived {
		arrived[k] = make(chan discordtest.Request, 1)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go e.fake.Wait(ctx, func(r discordtest.Request) bool {
		if k, ok := byCallback[r.Path]; ok && r.Method == "POST" {
			arrived[k] <- r
		}
		return false
	})

	const clients = 32
	acks := make([]time.Duration, n)
	var next, failed atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := int(next.Add(1)) - 1; k < n; k = int(next.Add(1)) - 1 {
				t0 := time.Now()
				e.fake.SendInteraction(msgs[k])
				select {
				case r := <-arrived[k]:
					acks[k] = r.Time.Sub(t0)
					var resp sentResponse
					json.Unmarshal(r.Body, &resp)
					if r.Status != 204 || (resp.Type != 4 && resp.Type != 5) {
						failed.Add(1)
					}
				case <-time.After(10 * time.Second):
					acks[k] = 10 * time.Second
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	slices.Sort(acks)
	b.ReportMetric(float64(n)/elapsed.Seconds(), "interactions/s")
	b.ReportMetric(float64(percentile(acks, 50).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(percentile(acks, 99).Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(failed.Load()), "failed")
}

// TestFaultRateLimitsRespectDeadlines covers two rate-limit faults that once held replies past
// their deadlines, when the bot used discordgo's request path, which sleeps with time.Sleep,
// deaf to the request's context: after a 429 (retry_after), and before any request once the
// global limit was hit.
func TestFaultRateLimitsRespectDeadlines(t *testing.T) {
	t.Parallel()

	// A retry_after longer than the REST deadline must not hold the job that long, past the
	// edit's deadline and past shutdown.
	t.Run("edit deadline holds against a long retry_after", func(t *testing.T) {
		t.Parallel()
		const retryAfter = 30 * time.Second
		e := startFaultE2E(t, faultConfig{factDir: true, fewFacts: true})
		in := fixedInteraction(900)
		f := discordtest.RateLimited(retryAfter, false)
		f.Path = in.OriginalPath()
		e.fake.FailNext(1, f)
		_, resp := e.send(t, discordtest.Command("reindex", nil,
			discordtest.Member("mod1", ordinaryMember|discordgo.PermissionManageGuild), withIdentity(in)))
		if resp.Type != 5 {
			t.Fatalf("callback type %d, want 5 (deferred)", resp.Type)
		}
		start := time.Now()
		// The first edit is refused; the next one can only start once the first gave up.
		accepted := func(r discordtest.Request) bool {
			return r.Method == "PATCH" && r.Path == in.OriginalPath() && r.Status == 200
		}
		if _, err := e.fake.Wait(e2eTimeout(t, retryAfter+10*time.Second), accepted); err != nil {
			t.Fatalf("no edit after the refused one: %v", err)
		}
		// The margin is for a machine loaded by the race detector; waiting out the 30 s
		// retry_after would still exceed it.
		if took, bound := time.Since(start), testDeadlines.REST+10*time.Second; took > bound {
			t.Errorf("the edit after a 429 came %s later, want within %s: the refused edit outlived its %s deadline", took.Round(time.Millisecond), bound, testDeadlines.REST)
		}
	})

	// A global 429 makes discordgo hold every later request until the limit resets, the
	// first responses included (interaction endpoints are exempt from the global limit on
	// Discord), whatever their 2.5 s deadline: they miss Discord's 3 s.
	t.Run("a global 429 does not hold the next interaction", func(t *testing.T) {
		t.Parallel()
		e := startFaultE2E(t, faultConfig{})
		in := fixedInteraction(901)
		f := discordtest.RateLimited(5*time.Second, true)
		f.Path = in.CallbackPath()
		e.fake.FailNext(1, f)
		e.fake.SendInteraction(discordtest.Command("ask", map[string]any{"question": drillQuestion},
			discordtest.Member("user1", ordinaryMember), withIdentity(in)))
		if _, err := e.obs.wait(e2eTimeout(t, 10*time.Second), 1); err != nil {
			t.Fatalf("the rate-limited interaction: %v", err)
		}
		next := e.fake.SendInteraction(discordtest.Command("ask", map[string]any{"question": drillQuestion},
			discordtest.Member("user2", ordinaryMember)))
		req, err := e.fake.Wait(e2eTimeout(t, 10*time.Second), discordtest.Match("POST", next.CallbackPath()))
		if err != nil {
			t.Fatalf("the next /ask got no first response within 10 s: discordgo held it until the global limit reset, past its deadline")
		}
		if req.Status != 204 {
			t.Errorf("the next /ask: callback answered %d, want 204 (within Discord's 3 s)", req.Status)
		}
	})
}
