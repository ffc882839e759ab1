package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"github.com/reedesk/reedesk/bot/discordtest"
	"github.com/reedesk/reedesk/knowledge"
)

// replica is one `bot serve --http` process, run in-process through run().
type replica struct {
	url  string
	priv ed25519.PrivateKey
	stop context.CancelFunc
	done chan error
	fake *discordtest.Server // where its deferred answers are edited; nil to not follow them
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startReplica serves on a free loopback port with the given extra environment.
func startReplica(t *testing.T, extra map[string]string) *replica {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	fake := discordtest.New(t)
	addr := freeAddr(t)
	vars := map[string]string{
		"INTERACTIONS_ADDR":  addr,
		"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub),
		"DISCORD_API_URL":    fake.APIURL(),
		"SHUTDOWN_DRAIN":     "1s",
		"DATA_DIR":           t.TempDir(),
	}
	for k, v := range extra {
		vars[k] = v
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &replica{url: "http://" + addr, priv: priv, stop: cancel, done: make(chan error, 1), fake: fake}
	go func() { r.done <- run(ctx, []string{"serve"}, env(vars), io.Discard, io.Discard) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-r.done:
		case <-time.After(15 * time.Second):
			t.Error("serve did not stop within 15 s")
		}
	})
	return r
}

func get(url string) (int, string) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// waitFor polls until cond holds, or fails the test after timeout.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (r *replica) ask(t *testing.T, id, question string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{
		"id": id, "application_id": "app1", "type": 2, "token": "tok-" + id, "guild_id": "g1",
		"member": map[string]any{"user": map[string]any{"id": "u1", "username": "ayse"}, "permissions": "0"},
		"data":   map[string]any{"id": "c", "name": "ask", "type": 1, "options": []map[string]any{{"name": "question", "type": 3, "value": question}}},
	})
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, r.url+"/interactions", bytes.NewReader(body))
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(r.priv, append([]byte(ts), body...))))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("ask %q: status %d %s", question, resp.StatusCode, out)
	}
	// A busy machine may be slower than Discord's 1.5 s: the answer then comes as the edit of
	// a deferral, as Discord would show it.
	var typ struct{ Type int }
	if json.Unmarshal(out, &typ) == nil && typ.Type == 5 && r.fake != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		edit, err := r.fake.Wait(ctx, discordtest.Match("PATCH", "/api/v9/webhooks/app1/tok-"+id+"/messages/@original"))
		if err != nil {
			t.Fatalf("ask %q was deferred and never edited: %v", question, err)
		}
		t.Logf("ask %q was deferred (a busy machine); its edit is the answer", question)
		return string(edit.Body)
	}
	return string(out)
}

// metric reads one sample from /metrics: the value of name whose labels include want.
func (r *replica) metric(t *testing.T, name string, want map[string]string) (float64, map[string]string, bool) {
	t.Helper()
	status, body := get(r.url + "/metrics")
	if status != 200 {
		t.Fatalf("GET /metrics: %d %s", status, body)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse /metrics: %v", err)
	}
	f, ok := families[name]
	if !ok {
		return 0, nil, false
	}
	for _, m := range f.GetMetric() {
		labels := map[string]string{}
		for _, l := range m.GetLabel() {
			labels[l.GetName()] = l.GetValue()
		}
		match := true
		for k, v := range want {
			match = match && labels[k] == v
		}
		if !match {
			continue
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue(), labels, true
		case m.Gauge != nil:
			return m.Gauge.GetValue(), labels, true
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount()), labels, true
		}
	}
	return 0, nil, false
}

// TestServeHTTPHealthMetricsAndShutdown follows one replica from start-up to shutdown: ready
// only once it can answer, metrics that count what it answered, and not ready while it drains.
func TestServeHTTPHealthMetricsAndShutdown(t *testing.T) {
	t.Parallel()
	r := startReplica(t, nil)
	waitFor(t, time.Minute, "/healthz and /readyz", func() bool {
		h, _ := get(r.url + "/healthz")
		s, _ := get(r.url + "/readyz")
		return h == 200 && s == 200
	})
	if out := r.ask(t, "i1", "How many locations were drilled at Beylikova?"); !strings.Contains(out, "310") {
		t.Errorf("answer %s does not say 310", out)
	}
	r.ask(t, "i2", "What is the weather in Paris tomorrow?")
	// A reply is counted once sent, just after Discord (here the test) has it.
	waitFor(t, 10*time.Second, "both answers counted", func() bool {
		n, _, _ := r.metric(t, "reedesk_command_duration_seconds", map[string]string{"command": "ask"})
		return n == 2
	})

	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"reedesk_commands_total", map[string]string{"command": "ask", "outcome": "ok"}, 1},
		{"reedesk_commands_total", map[string]string{"command": "ask", "outcome": "miss"}, 1},
		{"reedesk_command_duration_seconds", map[string]string{"command": "ask"}, 2},
		{"reedesk_facts_indexed", nil, float64(len(base.Facts))},
		{"reedesk_knowledge_version_info", nil, 1},
	}
	for _, tt := range tests {
		got, labels, ok := r.metric(t, tt.name, tt.labels)
		if !ok || got != tt.want {
			t.Errorf("%s%v = %v (found %v, labels %v), want %v", tt.name, tt.labels, got, ok, labels, tt.want)
		}
	}
	if _, labels, _ := r.metric(t, "reedesk_knowledge_version_info", nil); len(labels["version"]) != 12 {
		t.Errorf("knowledge version label = %q, want a 12-digit hash", labels["version"])
	}

	r.stop()
	waitFor(t, 5*time.Second, "/readyz to say 503 while draining", func() bool {
		s, _ := get(r.url + "/readyz")
		return s == http.StatusServiceUnavailable
	})
	select {
	case err := <-r.done:
		if err != nil {
			t.Errorf("serve returned %v, want nil after SIGTERM", err)
		}
		r.done <- err // for the cleanup
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
	if s, _ := get(r.url + "/healthz"); s != 0 {
		t.Errorf("after shutdown /healthz answered %d, want no listener", s)
	}
}

// TestReplicasConverge runs two replicas watching one knowledge folder: after an edit both
// serve the same new knowledge version, with no coordinator.
func TestReplicasConverge(t *testing.T) {
	t.Parallel()
	dir := copyFacts(t, replicaFiles...)
	extra := map[string]string{"KNOWLEDGE_DIR": dir, "KNOWLEDGE_WATCH": "true", "KNOWLEDGE_SETTLE": "100ms"}
	a, b := startReplica(t, extra), startReplica(t, extra)
	version := func(r *replica) string {
		_, labels, _ := r.metric(t, "reedesk_knowledge_version_info", nil)
		return labels["version"]
	}
	waitFor(t, time.Minute, "both replicas ready", func() bool {
		sa, _ := get(a.url + "/readyz")
		sb, _ := get(b.url + "/readyz")
		return sa == 200 && sb == 200
	})
	before := version(a)
	if version(b) != before {
		t.Fatalf("replicas start on %s and %s", before, version(b))
	}

	path := filepath.Join(dir, "beylikova.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(data), "spread over 310 drilling locations", "spread over 310 drilling locations, a test edit", 1)
	if edited == string(data) {
		t.Fatal("the test's edit did not apply; update it to the current fact text")
	}
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, time.Minute, "both replicas to reindex", func() bool {
		va, vb := version(a), version(b)
		return va != before && va == vb
	})
	for name, r := range map[string]*replica{"a": a, "b": b} {
		if out := r.ask(t, "conv-"+name, "How many locations were drilled at Beylikova?"); !strings.Contains(out, "a test edit") {
			t.Errorf("replica %s still answers with the old text: %.300s", name, out)
		}
		if n, _, _ := r.metric(t, "reedesk_reindex_total", map[string]string{"outcome": "ok"}); n < 1 {
			t.Errorf("replica %s counted %v successful reindexes, want at least 1", name, n)
		}
	}
}

// TestServeReportsAFailingWatch: while the watched fact files cannot be reindexed, /readyz says
// the replica serves stale knowledge (and answers 503 when asked for fresh knowledge only) and
// reedesk_knowledge_stale is 1; once the files are fixed, both clear by themselves.
func TestServeReportsAFailingWatch(t *testing.T) {
	t.Parallel()
	dir := copyFacts(t, replicaFiles...)
	r := startReplica(t, map[string]string{"KNOWLEDGE_DIR": dir, "KNOWLEDGE_WATCH": "true", "KNOWLEDGE_SETTLE": "50ms"})
	waitFor(t, time.Minute, "the replica to be ready", func() bool { s, _ := get(r.url + "/readyz?fresh=1"); return s == 200 })
	stale := func() float64 { v, _, _ := r.metric(t, "reedesk_knowledge_stale", nil); return v }
	if v := stale(); v != 0 {
		t.Errorf("reedesk_knowledge_stale = %v at start, want 0", v)
	}

	path := filepath.Join(dir, "beylikova.yaml")
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append([]byte("facts: [\n"), good...), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 30*time.Second, "/readyz?fresh=1 to say 503", func() bool { s, _ := get(r.url + "/readyz?fresh=1"); return s == http.StatusServiceUnavailable })
	status, body := get(r.url + "/readyz")
	if status != 200 || !strings.Contains(body, "stale") || !strings.Contains(body, "beylikova.yaml") {
		t.Errorf("/readyz while failing: %d %q, want 200 naming the stale knowledge and the file", status, body)
	}
	if v := stale(); v != 1 {
		t.Errorf("reedesk_knowledge_stale = %v while failing, want 1", v)
	}

	if err := os.WriteFile(path, good, 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 30*time.Second, "/readyz?fresh=1 to say 200 again", func() bool { s, _ := get(r.url + "/readyz?fresh=1"); return s == 200 })
	if v := stale(); v != 0 {
		t.Errorf("reedesk_knowledge_stale = %v after the fix, want 0", v)
	}
}

// TestServeHTTPOpsOnlyOnOpsAddr: with OPS_ADDR set, health and metrics are served there and
// not on the public interactions port, which serves only /interactions.
func TestServeHTTPOpsOnlyOnOpsAddr(t *testing.T) {
	t.Parallel()
	ops := "http://" + freeAddr(t)
	r := startReplica(t, map[string]string{"OPS_ADDR": strings.TrimPrefix(ops, "http://")})
	waitFor(t, time.Minute, "/readyz on OPS_ADDR", func() bool { s, _ := get(ops + "/readyz"); return s == 200 })
	for _, path := range []string{"/healthz", "/readyz", "/metrics"} {
		if s, _ := get(ops + path); s != 200 {
			t.Errorf("GET %s on OPS_ADDR: %d, want 200", path, s)
		}
		if s, _ := get(r.url + path); s != http.StatusNotFound {
			t.Errorf("GET %s on the interactions port: %d, want 404", path, s)
		}
	}
	if out := r.ask(t, "ops1", "How many locations were drilled at Beylikova?"); !strings.Contains(out, "310") {
		t.Errorf("the interactions port answered %.200s, want the answer", out)
	}
}

// TestRegisterSendsWhereCommandsMayBeUsed: `reedesk register` sends every command with the
// contexts and installs it may be used in, in a payload the fake Discord checks against Discord's
// naming rules, and against its OpenAPI description when DISCORD_OPENAPI_SPEC is set.
func TestRegisterSendsWhereCommandsMayBeUsed(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	var out bytes.Buffer
	err := run(context.Background(), []string{"register"}, env(map[string]string{"DISCORD_TOKEN": "test-token", "DISCORD_API_URL": fake.APIURL(), "DISCORD_APP_ID": "1"}), &out, io.Discard)
	if err != nil {
		t.Fatalf("register: %v", err)
	}
	reqs := fake.Requests()
	if len(reqs) != 1 || reqs[0].Method != "PUT" {
		t.Fatalf("requests %v, want one PUT", reqs)
	}
	var cmds []struct {
		Name             string `json:"name"`
		Contexts         []int  `json:"contexts"`
		IntegrationTypes []int  `json:"integration_types"`
	}
	if err := json.Unmarshal(reqs[0].Body, &cmds); err != nil {
		t.Fatal(err)
	}
	for _, c := range cmds {
		contexts, installs := []int{0, 1, 2}, []int{0, 1} // servers, the bot's DMs, other DMs; guild and user installs
		if c.Name == "reindex" || c.Name == "curate" {
			contexts, installs = []int{0}, []int{0}
		}
		if !slices.Equal(c.Contexts, contexts) || !slices.Equal(c.IntegrationTypes, installs) {
			t.Errorf("/%s: contexts %v, integration types %v; want %v and %v", c.Name, c.Contexts, c.IntegrationTypes, contexts, installs)
		}
	}
	if len(cmds) == 0 || !strings.Contains(out.String(), "Registered") {
		t.Errorf("%d commands sent; output %q", len(cmds), out.String())
	}
	checkLocalizations(t, reqs[0].Body)
}

// localized is a command, option or choice as `register` sends it, with its localizations.
type localized struct {
	Name                     string            `json:"name"`
	NameLocalizations        map[string]string `json:"name_localizations"`
	Description              string            `json:"description"`
	DescriptionLocalizations map[string]string `json:"description_localizations"`
	Options                  []localized       `json:"options"`
	Choices                  []localized       `json:"choices"`
}

// discordName is Discord's rule for chat-input command and option names, in every locale
// (https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-naming);
// letters must also be lower case where they have a lower case.
var discordName = regexp.MustCompile(`^[-_'\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)

// checkLocalizations checks that every command, option and choice of a registration has a
// Turkish name and description, and that every name and description, in every locale, keeps
// Discord's rules: names match the naming rule in lower case and are unique among their
// siblings in each locale; descriptions and choice names have 1 to 100 characters.
func checkLocalizations(t *testing.T, body []byte) {
	t.Helper()
	var cmds []localized
	if err := json.Unmarshal(body, &cmds); err != nil {
		t.Fatal(err)
	}
	name := func(where, s string) {
		if !discordName.MatchString(s) || strings.ToLower(s) != s {
			t.Errorf("%s: name %q breaks Discord's naming rule (lower case, %s)", where, s, discordName)
		}
	}
	text := func(where, s string) {
		if n := utf8.RuneCountInString(s); n < 1 || n > 100 {
			t.Errorf("%s: %q has %d characters, want 1 to 100", where, s, n)
		}
	}
	// unique checks that siblings have distinct names in each locale, the default included.
	unique := func(where string, list []localized) {
		seen := map[string]string{}
		for _, x := range list {
			names := map[string]string{"default": x.Name}
			for loc, n := range x.NameLocalizations {
				names[loc] = n
			}
			for loc, n := range names {
				if other, ok := seen[loc+"/"+n]; ok {
					t.Errorf("%s: %s and %s are both named %q in %s", where, other, x.Name, n, loc)
				}
				seen[loc+"/"+n] = x.Name
			}
		}
	}
	var walk func(where string, x localized, choice bool)
	walk = func(where string, x localized, choice bool) {
		where += "/" + x.Name
		if x.NameLocalizations["tr"] == "" {
			t.Errorf("%s: no Turkish name", where)
		}
		if choice {
			text(where, x.Name)
			for loc, n := range x.NameLocalizations {
				text(where+" name in "+loc, n)
			}
			return
		}
		name(where, x.Name)
		for loc, n := range x.NameLocalizations {
			name(where+" in "+loc, n)
		}
		text(where, x.Description)
		if x.DescriptionLocalizations["tr"] == "" {
			t.Errorf("%s: no Turkish description", where)
		}
		for loc, d := range x.DescriptionLocalizations {
			text(where+" description in "+loc, d)
		}
		unique(where, x.Options)
		for _, o := range x.Options {
			walk(where, o, false)
		}
		for _, c := range x.Choices {
			walk(where, c, true)
		}
	}
	unique("commands", cmds)
	for _, c := range cmds {
		walk("", c, false)
	}
}
