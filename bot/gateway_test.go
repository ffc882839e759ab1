package bot

// End-to-end tests: the bot on a real discordgo session, reaching the fake Discord of
// package discordtest through SessionConfig.APIURL (the bot's DISCORD_API_URL), so the
// gateway, the dispatcher and every REST call run as in production. The fake checks every
// payload against Discord's limits, and against the OpenAPI spec when
// $DISCORD_OPENAPI_SPEC names it.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"
	"github.com/reedesk/reedesk/bot/discordtest"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// ordinaryMember is what an ordinary member has: view channel, send messages, read history and
// use application commands; no Manage Server (32) or Administrator (8).
const ordinaryMember int64 = 1<<10 | 1<<11 | 1<<16 | 1<<31

const (
	drillQuestion = "How many locations were drilled at Beylikova?"
	drillFact     = "beylikova-drilling"
	// The text of drillFact in beylikova.yaml, and what editDrillText makes of it.
	drillOldText = "according to Anadolu Agency in"
	drillNewText = "as Anadolu Agency reported in"

	e2eProgress = 200 * time.Millisecond // how often /reindex shows its progress here

	e2eAdminRole = "role-admin"
	e2eAdminUser = "owner1"
)

// e2e is the bot running on a discordgo session connected to a fake Discord.
type e2e struct {
	fake *discordtest.Server
	idx  *index.Index
	g    *Gateway
	d    *Dispatcher
	dir  string // the fact files /reindex reads; "" when the bot serves the built-in knowledge
	stop func() // stops the gateway and waits for Run to return; safe to call twice
	logs *e2eLog
}

type e2eConfig struct {
	factDir bool // serve, and reindex, from a copy of knowledge/data in a temp dir
	// fewFacts (with factDir) copies only mechanicsFiles: for tests of the reindex's mechanics,
	// which edit beylikova.yaml and check no answer that needs the rest of the base.
	fewFacts bool
	wrapLoad func(index.Loader) index.Loader // wraps the Loader /reindex uses (not the first load)
	observer Observer                        // sees every Dispatch that returned
	quiet    bool                            // load tests: log at Info, not Debug, and skip the OpenAPI check in the fake
	// deadlines are the dispatcher's; zero means testDeadlines. Load tests use Discord's:
	// under the race detector an acknowledgement may take a second.
	deadlines  Deadlines
	questions  QuestionLog // nil: not recorded
	adminUsers []string    // ADMIN_USER_IDS besides e2eAdminUser
}

// startE2E starts a fake Discord and the bot the way cmd/bot serves it, connected through the
// gateway. Everything is torn down by Cleanup: the gateway first, then the index, then the
// fake. It takes a testing.TB so benchmarks can use it.
func startE2E(tb testing.TB, c e2eConfig) *e2e {
	tb.Helper()
	// The fake validates every payload (see package discordtest), but for load tests: checking
	// a thousand payloads against the OpenAPI description costs as much CPU as answering them,
	// and their shapes are the ones the other tests validate.
	var fopts []discordtest.Option
	if c.quiet {
		fopts = append(fopts, discordtest.WithValidator(nil))
	}
	fake := discordtest.New(tb, fopts...)
	e := &e2e{fake: fake, logs: &e2eLog{}}

	// discordgo runs handlers in their own goroutines, so the bot may log after the test
	// ends: log to a buffer and show it only when the test failed.
	level := slog.LevelDebug
	if c.quiet {
		level = slog.LevelInfo
	}
	log := slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: level}))
	tb.Cleanup(func() {
		if tb.Failed() {
			tb.Logf("bot log (last 200 lines):\n%s", lastLines(e.logs.String(), 200))
		}
	})

	var (
		base *knowledge.Base
		load index.Loader
		err  error
	)
	if c.factDir && c.fewFacts {
		e.dir = copyFactFiles(tb, mechanicsFiles...)
		base, err = mechanicsBase()
	} else {
		if c.factDir {
			e.dir = copyFactFiles(tb)
		}
		// The copy holds what the built-in knowledge base was read from: the bot starts on it
		// as it would on the copy, without reading the copy a second time.
		base, err = knowledge.Embedded()
	}
	if err != nil {
		tb.Fatalf("load knowledge: %v", err)
	}
	if c.factDir {
		dir := e.dir
		load = func(context.Context) (*knowledge.Base, error) { return knowledge.LoadDir(dir) }
	}
	if load != nil && c.wrapLoad != nil {
		load = c.wrapLoad(load)
	}
	if load == nil {
		// Nothing to reindex: the built-in index the handler tests share will do.
		e.idx, err = builtinIndex()
	} else {
		e.idx, err = index.Open(tb.Context(), base, index.Options{Load: load})
		if err == nil {
			tb.Cleanup(func() { e.idx.Close() })
		}
	}
	if err != nil {
		tb.Fatalf("build index: %v", err)
	}

	opts := Options{
		Index:        e.idx,
		AdminRoleIDs: []string{e2eAdminRole}, AdminUserIDs: append([]string{e2eAdminUser}, c.adminUsers...),
		Observer: c.observer, Log: log, // RatePerMinute 0: no per-user limit
		ProgressEvery: e2eProgress,
		Questions:     c.questions,
	}
	if load != nil {
		opts.Reindexer = e.idx
	}
	s, err := NewDiscord(SessionConfig{Token: "test", APIURL: fake.APIURL(), AppID: "app1"})
	if err != nil {
		tb.Fatalf("NewDiscord: %v", err)
	}
	if c.deadlines == (Deadlines{}) {
		c.deadlines = testDeadlines
	}
	e.d = NewDispatcher(New(opts), c.deadlines, log)
	e.g = NewGateway(e.d, s, log)

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	var runErr error
	go func() {
		runErr = e.g.Run(ctx)
		close(done)
	}()
	var once sync.Once
	e.stop = func() {
		once.Do(func() {
			cancel()
			select {
			case <-done: // Run waits for running replies, then discordgo's Close sleeps 1 s
			case <-time.After(15 * time.Second):
				tb.Errorf("Gateway.Run did not return within 15 s of its context ending")
				return
			}
			if runErr != nil {
				tb.Errorf("Gateway.Run returned %v, want nil", runErr)
			}
			if e.g.Ready() {
				tb.Errorf("Gateway.Ready() = true after Run returned, want false")
			}
		})
	}
	tb.Cleanup(e.stop)

	// Closing before discordgo's first heartbeat makes it reconnect by itself.
	hbCtx, hbCancel := context.WithTimeout(tb.Context(), 10*time.Second)
	defer hbCancel()
	beat := make(chan error, 1)
	go func() {
		_, err := fake.WaitHeartbeat(hbCtx, 1)
		beat <- err
	}()
	select {
	case err := <-beat:
		if err != nil {
			tb.Fatalf("no heartbeat from the bot: %v", err)
		}
	case <-done:
		tb.Fatalf("Gateway.Run returned before connecting: %v", runErr)
	}
	// READY reaches the gateway's handler in a goroutine of its own.
	if !eventually(5*time.Second, e.g.Ready) {
		tb.Fatal("Gateway.Ready() = false 5 s after the session opened, want true")
	}
	return e
}

// copyFactFiles copies the fact files (only names, if any are given) to a temp dir and returns it.
func copyFactFiles(t testing.TB, names ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "facts")
	src := os.DirFS(factsDir)
	if len(names) > 0 {
		m, err := readFactFiles(names)
		if err != nil {
			t.Fatal(err)
		}
		src = m
	}
	if err := os.CopyFS(dir, src); err != nil {
		t.Fatalf("copy the fact files: %v", err)
	}
	return dir
}

var factsDir = filepath.Join("..", "knowledge", "data")

// mechanicsFiles are the real fact files that the tests of the reindex's mechanics serve and
// edit: what those tests check does not depend on the other files, and an index of these
// facts builds in a fraction of the processor time of the whole base, which the race detector
// multiplies.
var mechanicsFiles = []string{"beylikova.yaml", "prices.yaml", "reserves.yaml", "sources.yaml", "synonyms.yaml"}

// mechanicsBase is the knowledge of mechanicsFiles, read once per test binary.
var mechanicsBase = sync.OnceValues(func() (*knowledge.Base, error) {
	m, err := readFactFiles(mechanicsFiles)
	if err != nil {
		return nil, err
	}
	return knowledge.Load(m, "")
})

func readFactFiles(names []string) (fstest.MapFS, error) {
	m := fstest.MapFS{}
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(factsDir, name))
		if err != nil {
			return nil, err
		}
		m[name] = &fstest.MapFile{Data: data}
	}
	return m, nil
}

// editFactFile replaces the first old in dir/name with new and returns the line it is on.
func editFactFile(t *testing.T, dir, name, old, new string) int {
	t.Helper()
	path := filepath.Join(dir, name)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	at := bytes.Index(b, []byte(old))
	if at < 0 {
		t.Fatalf("%s has no %q to edit; update the test", name, old)
	}
	b = slices.Concat(b[:at], []byte(new), b[at+len(old):])
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return bytes.Count(b[:at], []byte("\n")) + 1
}

// editDrillText rewords the text of drillFact in the fact files.
func (e *e2e) editDrillText(t *testing.T) {
	t.Helper()
	editFactFile(t, e.dir, "beylikova.yaml", drillOldText, drillNewText)
}

func e2eTimeout(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), d)
	t.Cleanup(cancel)
	return ctx
}

// sentResponse is an interaction callback as the fake received it.
type sentResponse struct {
	Type int          `json:"type"`
	Data *sentMessage `json:"data"`
}

// sentMessage is the message of a callback, or a webhook edit.
type sentMessage struct {
	Content         string                                      `json:"content"`
	Flags           int                                         `json:"flags"`
	Embeds          []*discordgo.MessageEmbed                   `json:"embeds"`
	Components      []sentRow                                   `json:"components"`
	AllowedMentions *sentMentions                               `json:"allowed_mentions"`
	Choices         []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
}

type sentRow struct {
	Type       int `json:"type"`
	Components []struct {
		Type     int    `json:"type"`
		Label    string `json:"label"`
		CustomID string `json:"custom_id"`
	} `json:"components"`
}

type sentMentions struct {
	Parse []string `json:"parse"`
}

// customIDs lists the custom ids of a message's buttons.
func (d *sentMessage) customIDs() []string {
	var ids []string
	for _, row := range d.Components {
		for _, c := range row.Components {
			ids = append(ids, c.CustomID)
		}
	}
	return ids
}

// pressButton presses, as who, the button of d whose custom id starts with prefix, and returns
// the response and the body of its callback as the fake Discord received it (a modal's has
// the modal).
func (e *e2e) pressButton(t *testing.T, d *sentMessage, prefix string, who discordtest.InteractionOption) (sentResponse, []byte) {
	t.Helper()
	var id string
	for _, c := range d.customIDs() {
		if strings.HasPrefix(c, prefix) {
			id = c
		}
	}
	if id == "" {
		t.Fatalf("buttons %v, want one starting with %q", d.customIDs(), prefix)
	}
	in, resp := e.send(t, discordtest.Button(id, who))
	req, err := e.fake.Wait(e2eTimeout(t, 5*time.Second), discordtest.Match("POST", in.CallbackPath()))
	if err != nil {
		t.Fatal(err)
	}
	return resp, req.Body
}

// checkNoPings reports a message whose allowed_mentions is not {"parse": []}.
func checkNoPings(t *testing.T, what string, d *sentMessage) {
	t.Helper()
	if d.AllowedMentions == nil || d.AllowedMentions.Parse == nil || len(d.AllowedMentions.Parse) != 0 {
		t.Errorf("%s: allowed_mentions = %+v, want {parse: []}", what, d.AllowedMentions)
	}
}

func decodeRequest[T any](t *testing.T, r discordtest.Request) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(r.Body, &v); err != nil {
		t.Fatalf("%s %s: body is not the JSON expected: %v: %s", r.Method, r.Path, err, r.Body)
	}
	return v
}

// send delivers an interaction through the gateway and returns it with the bot's callback.
func (e *e2e) send(t *testing.T, v map[string]any) (discordtest.Interaction, sentResponse) {
	t.Helper()
	in := e.fake.SendInteraction(v)
	req, err := e.fake.Wait(e2eTimeout(t, 10*time.Second), discordtest.Match("POST", in.CallbackPath()))
	if err != nil {
		t.Fatalf("no callback: %v", err)
	}
	if req.Status != 204 {
		t.Errorf("callback answered %d, want 204: %s", req.Status, req.Body)
	}
	resp := decodeRequest[sentResponse](t, req)
	if resp.Type == 5 && commandOf(v) != "reindex" {
		// Slower than Discord's 1.5 s on a busy machine (the race detector): the answer is the
		// edit of the deferral, as Discord would show it.
		edit, err := e.fake.Wait(e2eTimeout(t, 30*time.Second), discordtest.Match("PATCH", in.OriginalPath()))
		if err != nil {
			t.Fatalf("deferred, and never edited: %v", err)
		}
		t.Logf("%s was deferred on a busy machine; its edit is the answer", commandOf(v))
		d := decodeRequest[sentMessage](t, edit)
		d.Flags = 0
		if resp.Data != nil {
			d.Flags = resp.Data.Flags // a deferral fixes whether the answer is private
		}
		resp = sentResponse{Type: 4, Data: &d}
	}
	if resp.Data == nil {
		resp.Data = &sentMessage{}
	}
	return in, resp
}

// commandOf is the slash command an interaction built by discordtest runs, or "".
func commandOf(v map[string]any) string {
	if d, ok := v["data"].(map[string]any); ok {
		if n, ok := d["name"].(string); ok {
			return n
		}
	}
	return ""
}

// allEmbedText is everything an embed shows, for "mentions" checks.
func allEmbedText(e *discordgo.MessageEmbed) string {
	parts := []string{e.Title, e.Description}
	for _, f := range e.Fields {
		parts = append(parts, f.Name, f.Value)
	}
	if e.Footer != nil {
		parts = append(parts, e.Footer.Text)
	}
	return strings.Join(parts, "\n")
}

func firstEmbedOf(d *sentMessage) *discordgo.MessageEmbed {
	if len(d.Embeds) == 0 {
		return &discordgo.MessageEmbed{}
	}
	return d.Embeds[0]
}

// ask sends /ask drillQuestion and returns the description of the answer's first embed.
func (e *e2e) ask(t *testing.T) string {
	t.Helper()
	_, resp := e.send(t, discordtest.Command("ask", map[string]any{"question": drillQuestion}, discordtest.Member("user1", ordinaryMember)))
	first := firstEmbedOf(resp.Data)
	if resp.Type != 4 || first.Footer == nil || !strings.HasSuffix(first.Footer.Text, "/fact "+drillFact) {
		t.Fatalf("/ask %q: got type %d, first embed %q, want type 4 answered by %s", drillQuestion, resp.Type, allEmbedText(first), drillFact)
	}
	return first.Description
}

func TestRegister(t *testing.T) {
	t.Parallel()
	var names []string
	for _, c := range Commands() {
		names = append(names, c.Name)
	}
	if !slices.Contains(names, "ask") || !slices.Contains(names, "reindex") {
		t.Fatalf("Commands() = %v, want /ask and /reindex among them", names)
	}
	tests := []struct {
		name, guild, path string
	}{
		{"global", "", "/api/v9/applications/app1/commands"},
		{"guild", "guild1", "/api/v9/applications/app1/guilds/guild1/commands"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fake := discordtest.New(t)
			cfg := SessionConfig{Token: "test", APIURL: fake.APIURL(), AppID: "app1", GuildID: tc.guild}
			s, err := NewDiscord(cfg)
			if err != nil {
				t.Fatal(err)
			}
			cmds, err := Register(e2eTimeout(t, 10*time.Second), s, cfg)
			if err != nil {
				t.Fatalf("Register: %v", err)
			}

			reqs := fake.Requests()
			var got []string
			for _, r := range reqs {
				got = append(got, r.Method+" "+r.Path)
			}
			if d := cmp.Diff([]string{"PUT " + tc.path}, got); d != "" {
				t.Fatalf("requests (-want +got):\n%s", d)
			}
			if a := reqs[0].Header.Get("Authorization"); a != "Bot REDACTED" {
				t.Errorf("Authorization = %q, want a Bot token", a)
			}
			var body []map[string]json.RawMessage
			if err := json.Unmarshal(reqs[0].Body, &body); err != nil {
				t.Fatalf("body is not a JSON array of commands: %v: %s", err, reqs[0].Body)
			}
			var sent []string
			perms := map[string]string{}
			where := map[string]string{} // contexts and integration types, as sent
			for _, c := range body {
				var name string
				json.Unmarshal(c["name"], &name)
				sent = append(sent, name)
				if p, ok := c["default_member_permissions"]; ok && string(p) != "null" {
					perms[name] = string(p)
				}
				if c["contexts"] != nil || c["integration_types"] != nil {
					where[name] = string(c["contexts"]) + " " + string(c["integration_types"])
				}
			}
			// Global commands say where they may be used: the admin commands only in servers
			// that installed the bot, the others also in DMs and as a user's own app. Guild
			// commands exist in their guild only, and Discord takes no such fields for them.
			wantWhere := map[string]string{}
			if tc.guild == "" {
				for _, n := range names {
					wantWhere[n] = "[0,1,2] [0,1]"
				}
				wantWhere["reindex"], wantWhere["curate"] = "[0] [0]", "[0] [0]"
			}
			if d := cmp.Diff(wantWhere, where); d != "" {
				t.Errorf("contexts and integration_types by command (-want +got):\n%s", d)
			}
			if d := cmp.Diff(names, sent); d != "" {
				t.Errorf("command names sent (-Commands() +sent):\n%s", d)
			}
			if d := cmp.Diff(map[string]string{"reindex": `"32"`, "curate": `"32"`}, perms); d != "" {
				t.Errorf("default_member_permissions by command (-want +got):\n%s", d)
			}

			if len(cmds) != len(names) {
				t.Fatalf("Register returned %d commands, want %d", len(cmds), len(names))
			}
			for _, c := range cmds {
				if c.ID == "" || c.GuildID != tc.guild {
					t.Errorf("returned command /%s has id %q and guild %q, want an id and guild %q", c.Name, c.ID, c.GuildID, tc.guild)
				}
			}
		})
	}
}

func TestGatewayAsk(t *testing.T) {
	t.Parallel()
	e := startE2E(t, e2eConfig{})
	tests := []struct {
		name        string
		options     map[string]any
		wantFlags   int
		wantTitle   string // of the first embed; "" for any
		wantText    string // somewhere in the first embed
		wantButtons []string
	}{
		{
			name:        "answer",
			options:     map[string]any{"question": drillQuestion},
			wantText:    "310",
			wantButtons: []string{"more:" + drillQuestion, "sources:" + drillQuestion, "follow:" + drillQuestion},
		},
		{
			name:        "hidden answer",
			options:     map[string]any{"question": drillQuestion, "hide": true},
			wantFlags:   64,
			wantText:    "310",
			wantButtons: []string{"more:" + drillQuestion, "sources:" + drillQuestion, "follow:" + drillQuestion},
		},
		{
			name:      "no match",
			options:   map[string]any{"question": "qzxv wplk"},
			wantTitle: "No match",
			wantText:  "qzxv wplk",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, resp := e.send(t, discordtest.Command("ask", tc.options, discordtest.Member("user1", ordinaryMember)))
			if resp.Type != 4 {
				t.Errorf("callback type = %d, want 4 (a message)", resp.Type)
			}
			if resp.Data.Flags != tc.wantFlags {
				t.Errorf("flags = %d, want %d", resp.Data.Flags, tc.wantFlags)
			}
			if len(resp.Data.Embeds) == 0 {
				t.Fatalf("no embeds; content %q", resp.Data.Content)
			}
			first := allEmbedText(resp.Data.Embeds[0])
			if tc.wantTitle != "" && resp.Data.Embeds[0].Title != tc.wantTitle {
				t.Errorf("first embed title = %q, want %q", resp.Data.Embeds[0].Title, tc.wantTitle)
			}
			if !strings.Contains(first, tc.wantText) {
				t.Errorf("first embed = %q, want it to mention %q", first, tc.wantText)
			}
			checkNoPings(t, "answer", resp.Data)
			if d := cmp.Diff(tc.wantButtons, resp.Data.customIDs()); d != "" {
				t.Errorf("button custom ids (-want +got):\n%s", d)
			}
		})
	}
}

func TestGatewayAutocomplete(t *testing.T) {
	t.Parallel()
	e := startE2E(t, e2eConfig{})
	tests := []struct {
		command, focused string
		options          map[string]any
		wantValue        string // among the choices; "" for none expected
		wantCount        int    // -1 for any
	}{
		{"element", "name", map[string]any{"name": "neo"}, "Nd", -1},
		{"element", "name", map[string]any{"name": "Nd"}, "Nd", -1},
		{"stats", "topic", map[string]any{"topic": "beyl"}, "beylikova", -1},
		{"fact", "id", map[string]any{"id": "beylikova-drill"}, drillFact, -1},
		{"compare", "b", map[string]any{"a": "beylikova_reo", "b": "drilling loc"}, "beylikova_drill_locations", -1},
		{"fact", "id", map[string]any{"id": ""}, "", 25}, // every fact matches: cut to Discord's 25
		{"element", "name", map[string]any{"name": "qzxv"}, "", 0},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s %s=%v", tc.command, tc.focused, tc.options[tc.focused]), func(t *testing.T) {
			_, resp := e.send(t, discordtest.Autocomplete(tc.command, tc.focused, tc.options, discordtest.Member("user1", ordinaryMember)))
			if resp.Type != 8 {
				t.Errorf("callback type = %d, want 8 (autocomplete result)", resp.Type)
			}
			var values []string
			for _, c := range resp.Data.Choices {
				v, _ := c.Value.(string)
				values = append(values, v)
			}
			if len(values) > 25 {
				t.Errorf("%d choices, want at most 25", len(values))
			}
			if tc.wantCount >= 0 && len(values) != tc.wantCount {
				t.Errorf("%d choices %v, want %d", len(values), values, tc.wantCount)
			}
			if tc.wantValue != "" && !slices.Contains(values, tc.wantValue) {
				t.Errorf("choice values = %v, want %q among them", values, tc.wantValue)
			}
		})
	}
}

func TestGatewayButtons(t *testing.T) {
	t.Parallel()
	e := startE2E(t, e2eConfig{})
	tests := []struct {
		customID    string
		wantTitle   string // of the first embed; "" for any
		wantText    string // in the first embed, or in the content when there is no embed
		wantEmbeds  bool
		notFirstHit bool // the embeds must not repeat the best answer
	}{
		{customID: "more:" + drillQuestion, wantEmbeds: true, notFirstHit: true},
		{customID: "sources:" + drillQuestion, wantTitle: "Sources", wantText: "Anadolu Agency", wantEmbeds: true},
		{customID: "page:2", wantText: "no longer supported"},
	}
	for _, tc := range tests {
		t.Run(tc.customID, func(t *testing.T) {
			_, resp := e.send(t, discordtest.Button(tc.customID, discordtest.Member("user2", ordinaryMember)))
			if resp.Type != 4 || resp.Data.Flags != 64 {
				t.Errorf("callback type %d with flags %d, want type 4 with flags 64 (only the clicker sees it)", resp.Type, resp.Data.Flags)
			}
			checkNoPings(t, "button answer", resp.Data)
			if !tc.wantEmbeds {
				if len(resp.Data.Embeds) != 0 || !strings.Contains(resp.Data.Content, tc.wantText) {
					t.Errorf("got content %q and %d embeds, want no embed and content mentioning %q", resp.Data.Content, len(resp.Data.Embeds), tc.wantText)
				}
				return
			}
			if len(resp.Data.Embeds) == 0 {
				t.Fatalf("no embeds; content %q", resp.Data.Content)
			}
			first := resp.Data.Embeds[0]
			if tc.wantTitle != "" && first.Title != tc.wantTitle {
				t.Errorf("first embed title = %q, want %q", first.Title, tc.wantTitle)
			}
			if !strings.Contains(allEmbedText(first), tc.wantText) {
				t.Errorf("first embed = %q, want it to mention %q", allEmbedText(first), tc.wantText)
			}
			if tc.notFirstHit {
				for _, em := range resp.Data.Embeds {
					if strings.HasSuffix(allEmbedText(em), "/fact "+drillFact) {
						t.Errorf("more results repeat the best answer %s: %q", drillFact, allEmbedText(em))
					}
				}
			}
		})
	}
}

// edits returns the webhook edits of an interaction's original message received so far.
func (e *e2e) edits(in discordtest.Interaction) []discordtest.Request {
	var out []discordtest.Request
	for _, r := range e.fake.Requests() {
		if r.Method == "PATCH" && r.Path == in.OriginalPath() {
			out = append(out, r)
		}
	}
	return out
}

// isProgressEmbed reports an edit that shows a reindex still running.
func isProgressEmbed(em *discordgo.MessageEmbed) bool {
	return strings.HasPrefix(em.Title, "Reindexing")
}

// reindexed is a /reindex as the fake saw it.
type reindexed struct {
	in    discordtest.Interaction
	final *discordgo.MessageEmbed // of the last edit
	edits int                     // progress edits and the final one
}

// reindex sends /reindex as who, checks the deferral and the progress edits, and returns
// the final edit.
func (e *e2e) reindex(t *testing.T, who discordtest.InteractionOption) reindexed {
	t.Helper()
	start := time.Now()
	in, resp := e.send(t, discordtest.Command("reindex", nil, who))
	if resp.Type != 5 {
		t.Fatalf("callback type = %d (content %q), want 5 (deferred)", resp.Type, resp.Data.Content)
	}
	isFinal := func(r discordtest.Request) bool {
		if r.Method != "PATCH" || r.Path != in.OriginalPath() {
			return false
		}
		var d sentMessage
		return json.Unmarshal(r.Body, &d) == nil && len(d.Embeds) > 0 && !isProgressEmbed(d.Embeds[0])
	}
	final, err := e.fake.Wait(e2eTimeout(t, 30*time.Second), isFinal)
	if err != nil {
		t.Fatalf("no final reindex edit: %v", err)
	}
	took := time.Since(start)

	edits := e.edits(in)
	for k, r := range edits {
		d := decodeRequest[sentMessage](t, r)
		if r.Status != 200 {
			t.Errorf("edit %d answered %d, want 200", k+1, r.Status)
		}
		checkNoPings(t, fmt.Sprintf("edit %d", k+1), &d)
		if len(d.Embeds) != 1 {
			t.Errorf("edit %d has %d embeds, want 1", k+1, len(d.Embeds))
			continue
		}
		if last := k == len(edits)-1; last != !isProgressEmbed(d.Embeds[0]) {
			t.Errorf("edit %d of %d titled %q: want progress before the final edit and the final edit last", k+1, len(edits), d.Embeds[0].Title)
		}
	}
	// One progress edit at once, then one every progress interval at most (1.5 s in
	// production: Discord allows about five edits in two seconds).
	if limit := 2 + int(took/e2eProgress); len(edits) > limit {
		t.Errorf("%d edits in %s, want at most %d", len(edits), took.Round(time.Millisecond), limit)
	}
	t.Logf("/reindex: %d edit(s) in %s", len(edits), took.Round(time.Millisecond))
	d := decodeRequest[sentMessage](t, final)
	return reindexed{in: in, final: d.Embeds[0], edits: len(edits)}
}

// noEditsAfter stops the gateway, which waits for running replies, and reports edits that
// came after the final one.
func (e *e2e) noEditsAfter(t *testing.T, r reindexed) {
	t.Helper()
	e.stop()
	if n := len(e.edits(r.in)); n != r.edits {
		t.Errorf("%d edits once the gateway stopped, want %d: none after the final one", n, r.edits)
	}
}

func TestGatewayReindexByAdmin(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		who  discordtest.InteractionOption
	}{
		// The whole matrix of who may reindex is TestReindexAccess; here one admin of each
		// kind of context goes through the gateway.
		{"Manage Server permission", discordtest.Member("mod1", ordinaryMember|discordgo.PermissionManageGuild)},
		{"admin user in a DM", discordtest.DM(e2eAdminUser)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := startE2E(t, e2eConfig{factDir: true, fewFacts: true})
			if old := e.ask(t); !strings.Contains(old, drillOldText) {
				t.Fatalf("before the edit /ask says %q, want it to contain %q", old, drillOldText)
			}
			before := e.idx.Base().Version
			e.editDrillText(t)

			r := e.reindex(t, tc.who)
			final := r.final
			if final.Title != "Reindexed" {
				t.Fatalf("final edit: %q, want the title Reindexed", allEmbedText(final))
			}
			type field struct{ Name, Value string }
			var got []field
			for _, f := range final.Fields {
				got = append(got, field{f.Name, f.Value})
			}
			want := []field{{"Added (0)", "none"}, {"Changed (1)", "`" + drillFact + "`"}, {"Removed (0)", "none"}}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("final edit fields (-want +got):\n%s", d)
			}
			after := e.idx.Base().Version
			if after == before || !strings.Contains(final.Description, after) {
				t.Errorf("version %s → %s, final edit %q: want a new version, named in the edit", before, after, final.Description)
			}

			if text := e.ask(t); !strings.Contains(text, drillNewText) || strings.Contains(text, drillOldText) {
				t.Errorf("after the reindex /ask says %q, want the new text %q", text, drillNewText)
			}
			e.noEditsAfter(t, r)
		})
	}
}

func TestGatewayReindexRefused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		who      discordtest.InteractionOption
		wantText string
	}{
		{"member without permission or admin role", discordtest.Member("user3", ordinaryMember, "role-other"), "Manage Server"},
		{"non-admin user in a DM", discordtest.DM("user3"), "ADMIN_USER_IDS"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := startE2E(t, e2eConfig{factDir: true, fewFacts: true})
			e.editDrillText(t) // so a reindex, if it ran, would change the version
			before := e.idx.Base().Version

			in, resp := e.send(t, discordtest.Command("reindex", nil, tc.who))
			if resp.Type != 4 || resp.Data.Flags != 64 {
				t.Errorf("callback type %d with flags %d, want type 4 with flags 64 (ephemeral refusal)", resp.Type, resp.Data.Flags)
			}
			if !strings.Contains(resp.Data.Content, tc.wantText) {
				t.Errorf("refusal = %q, want it to mention %q", resp.Data.Content, tc.wantText)
			}
			checkNoPings(t, "refusal", resp.Data)

			e.stop() // waits for every reply to finish, so any edit has arrived by now
			var later []string
			for _, r := range e.fake.Requests() {
				if strings.HasPrefix(r.Path, in.FollowupPath()) {
					later = append(later, r.Method+" "+r.Path)
				}
			}
			if len(later) > 0 {
				t.Errorf("webhook requests after the refusal: %v, want none", later)
			}
			if after := e.idx.Base().Version; after != before {
				t.Errorf("index version %s → %s, want it unchanged", before, after)
			}
		})
	}
}

func TestGatewayReindexFails(t *testing.T) {
	t.Parallel()
	e := startE2E(t, e2eConfig{factDir: true, fewFacts: true})
	before := e.idx.Base().Version
	e.editDrillText(t)
	// The drilling locations figure, right below the edited text.
	line := editFactFile(t, e.dir, "beylikova.yaml", "unit: count", "unit: tonnes")

	r := e.reindex(t, discordtest.Member("mod1", ordinaryMember|discordgo.PermissionManageGuild))
	final := r.final
	if !strings.HasPrefix(final.Title, "Reindex failed") {
		t.Errorf("final edit title = %q, want it to say the reindex failed", final.Title)
	}
	for _, want := range []string{fmt.Sprintf("beylikova.yaml:%d:", line), "unit", `"tonnes"`} {
		if !strings.Contains(final.Description, want) {
			t.Errorf("final edit = %q, want it to mention %q", final.Description, want)
		}
	}
	if after := e.idx.Base().Version; after != before {
		t.Errorf("index version %s → %s, want it unchanged", before, after)
	}
	if text := e.ask(t); !strings.Contains(text, drillOldText) || strings.Contains(text, drillNewText) {
		t.Errorf("after the failed reindex /ask says %q, want the old text %q", text, drillOldText)
	}
	e.noEditsAfter(t, r)
}

// e2eLog is a bytes.Buffer safe for concurrent writes.
type e2eLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *e2eLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *e2eLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestGatewayFollowUp asks, clicks Follow up, and submits the modal: the follow-up is read in
// the context of the first question ("and Burma?" after China's 2024 production), and every
// payload, the modal included, is valid.
func TestGatewayFollowUp(t *testing.T) {
	t.Parallel()
	e := startE2E(t, e2eConfig{})
	const first = "How much did China mine in 2024?"
	_, resp := e.send(t, discordtest.Command("ask", map[string]any{"question": first}, discordtest.Member("user2", ordinaryMember)))
	if resp.Type != 4 || !strings.Contains(resp.Data.Content, "270,000") {
		t.Fatalf("/ask %q: type %d, content %q; want the answer 270,000 t", first, resp.Type, resp.Data.Content)
	}
	resp, body := e.pressButton(t, resp.Data, followUpButton, discordtest.Member("user3", ordinaryMember))
	var modal struct {
		Type int `json:"type"`
		Data struct {
			CustomID   string `json:"custom_id"`
			Title      string `json:"title"`
			Components []struct {
				Components []struct {
					Type     int    `json:"type"`
					CustomID string `json:"custom_id"`
				} `json:"components"`
			} `json:"components"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &modal); err != nil {
		t.Fatal(err)
	}
	if resp.Type != 9 || modal.Data.CustomID != followUpModal+first || len(modal.Data.Components) != 1 || modal.Data.Components[0].Components[0].Type != 4 {
		t.Fatalf("Follow up answered %s, want a modal (type 9) with one text input, carrying the question", body)
	}

	_, resp = e.send(t, discordtest.ModalSubmit(modal.Data.CustomID, map[string]string{followUpField: "and Burma?"}, discordtest.Member("user3", ordinaryMember)))
	if resp.Type != 4 || resp.Data.Flags&64 != 0 {
		t.Fatalf("modal submit: type %d, flags %d; want a public message (type 4)", resp.Type, resp.Data.Flags)
	}
	if !strings.Contains(resp.Data.Content, "31,000") || !strings.Contains(resp.Data.Content, "Burma") {
		t.Errorf("follow-up answer %q, want Burma's 31,000 t", resp.Data.Content)
	}
	checkNoPings(t, "follow-up answer", resp.Data)
}
