package bot

// Tests of what real Discord traffic and a hostile server bring (issue 12): panics in a
// handler, interactions discordgo cannot decode, untrusted guild permissions, rate limits on
// every kind of interaction, replays and the paths /reindex shows.

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/bot/discordtest"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// panicIndex panics in every search and completion, as a bug in a handler would.
type panicIndex struct{ Index }

func (panicIndex) Search(context.Context, string, int) (*index.Result, error) {
	panic("search exploded")
}

func (panicIndex) Complete(string, string, int) []index.Choice { panic("completion exploded") }

// TestDispatchRecoversPanics: a panicking handler costs its own reply an apology (or an empty
// autocomplete), is logged with the interaction id and counted as outcome "panic"; the
// process, and the next interaction, carry on.
func TestDispatchRecoversPanics(t *testing.T) {
	t.Parallel()
	idx := testIndex(t)
	tests := []struct {
		name     string
		i        *discordgo.Interaction
		wantType discordgo.InteractionResponseType
	}{
		{"command", Interaction("ask", map[string]any{"question": "neodymium"}), discordgo.InteractionResponseChannelMessageWithSource},
		{"button", &discordgo.Interaction{ID: "b1", Type: discordgo.InteractionMessageComponent, Data: discordgo.MessageComponentInteractionData{CustomID: "more:neodymium"}}, discordgo.InteractionResponseChannelMessageWithSource},
		{"autocomplete", autocompleteInteraction("element", "name", "neo"), discordgo.InteractionApplicationCommandAutocompleteResult},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs e2eLog
			obs := newDispatches()
			b := testBot(t, Options{Index: panicIndex{idx}, Observer: obs})
			tt.i.ID = "int-" + tt.name
			rec := &recorder{}
			NewDispatcher(b, testDeadlines, slog.New(slog.NewTextHandler(&logs, nil))).Dispatch(context.Background(), tt.i, rec)
			if len(rec.responses) != 1 {
				t.Fatalf("%d responses, want 1", len(rec.responses))
			}
			resp := rec.responses[0]
			validateSent(t, "POST", "/interactions/1/t/callback", resp)
			if resp.Type != tt.wantType {
				t.Errorf("response type %d, want %d", resp.Type, tt.wantType)
			}
			if tt.wantType == discordgo.InteractionResponseChannelMessageWithSource &&
				(resp.Data == nil || resp.Data.Content != apology || resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0) {
				t.Errorf("response %+v, want the private apology", resp.Data)
			}
			got, _ := obs.wait(context.Background(), 1)
			if got[0].outcome != OutcomePanic {
				t.Errorf("outcome %q, want %q", got[0].outcome, OutcomePanic)
			}
			if l := logs.String(); !strings.Contains(l, "interaction=int-"+tt.name) || !strings.Contains(l, "exploded") {
				t.Errorf("log %q, want the panic with the interaction id", l)
			}
		})
	}
	// A job that panics after its deferral: the deferred message becomes the apology.
	t.Run("job", func(t *testing.T) {
		obs := newDispatches()
		b := testBot(t, Options{Reindexer: nilRunReindexer{}, Observer: obs})
		rec := &recorder{}
		NewDispatcher(b, testDeadlines, nil).Dispatch(context.Background(), Interaction("reindex", nil), rec)
		if len(rec.responses) != 1 || rec.responses[0].Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
			t.Fatalf("responses %+v, want one deferral", rec.responses)
		}
		if n := len(rec.edits); n == 0 || rec.edits[n-1].Content == nil || *rec.edits[n-1].Content != apology {
			t.Fatalf("edits %+v, want the last one to be the apology", rec.edits)
		}
		validateSent(t, "PATCH", "/webhooks/1/t/messages/@original", rec.edits[len(rec.edits)-1])
		if got, _ := obs.wait(context.Background(), 1); got[0].outcome != OutcomePanic {
			t.Errorf("outcome %q, want %q", got[0].outcome, OutcomePanic)
		}
	})
}

// nilRunReindexer starts no run, so the job that follows the run dereferences nil: a stand-in
// for any bug in a job.
type nilRunReindexer struct{}

func (nilRunReindexer) Reindex(string) (*index.Run, bool) { return nil, false }
func (nilRunReindexer) Last() (index.Last, bool)          { return index.Last{}, false }

// validateSent checks a payload the bot would send against Discord's limits, and against its
// OpenAPI description when DISCORD_OPENAPI_SPEC names it.
func validateSent(t *testing.T, method, path string, v any) {
	t.Helper()
	body, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := discordtest.CheckLimits(method, path, body); err != nil {
		t.Error(err)
	}
	if val := discordtest.ValidatorFromEnv(t); val != nil {
		if err := val.Validate(method, path, body); err != nil {
			t.Error(err)
		}
	}
}

// autocompleteInteraction is what Discord sends while a user types value into option.
func autocompleteInteraction(command, option, value string) *discordgo.Interaction {
	i := Interaction(command, map[string]any{option: value})
	i.Type = discordgo.InteractionApplicationCommandAutocomplete
	data := i.ApplicationCommandData()
	for _, o := range data.Options {
		o.Focused = o.Name == option
	}
	i.Data = data
	return i
}

// httpAnswer posts a signed interaction body to the endpoint and returns the status and the
// response it got.
func httpAnswer(t *testing.T, srv *httptest.Server, sg signer, body []byte) (int, sentResponse) {
	t.Helper()
	status, resp, _ := httpAnswerRaw(t, srv, sg, body)
	return status, resp
}

// httpAnswerRaw is httpAnswer with the response body as the endpoint wrote it.
func httpAnswerRaw(t *testing.T, srv *httptest.Server, sg signer, body []byte) (int, sentResponse, []byte) {
	t.Helper()
	resp, err := http.DefaultClient.Do(sg.request(t, srv.URL+InteractionsPath, body, time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out sentResponse
	if resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(raw, &out); err != nil {
			t.Fatalf("response %s: %v", raw, err)
		}
	}
	if out.Data == nil {
		out.Data = &sentMessage{}
	}
	return resp.StatusCode, out, raw
}

// TestUndecodableInteractionsAgree sends interactions discordgo v0.29.0 cannot decode as they
// are through the HTTP endpoint and the gateway: both answer the same ones, the same way, and
// both refuse (400, or no answer and a log line) the one whose ids are not strings.
func TestUndecodableInteractionsAgree(t *testing.T) {
	t.Parallel()
	modal := func(components ...any) map[string]any {
		return map[string]any{"type": 5, "data": map[string]any{"custom_id": "feedback", "components": components}}
	}
	tests := []struct {
		name       string
		v          map[string]any
		wantType   int // 0: refused
		wantFlags  int
		wantEmbeds bool
	}{
		{"modal with a Label", modal(map[string]any{"type": 18, "label": "Question", "component": map[string]any{"type": 4, "custom_id": "q", "value": "Nd?"}}), 4, 64, false},
		{"modal with a null component", modal(nil, map[string]any{"type": 1, "components": []any{nil, map[string]any{"type": 4, "custom_id": "q", "value": "x"}}}), 4, 64, false},
		{"modal with an unknown component", modal(map[string]any{"type": 1000000000}), 4, 64, false},
		{"button on a message with an unknown component", func() map[string]any {
			m := discordtest.Button("sources:"+drillQuestion, discordtest.Member("u1", ordinaryMember))
			m["message"] = map[string]any{"id": "m1", "channel_id": "c1", "flags": "222", "components": []any{map[string]any{"type": 1000000000}}}
			return m
		}(), 4, 64, true},
		{"owner sent as the number 0 in the bot's DM", func() map[string]any {
			m := discordtest.Command("about", nil, discordtest.DM("u2"))
			m["authorizing_integration_owners"] = map[string]any{"0": 0}
			return m
		}(), 4, 0, true},
		{"options with nulls", func() map[string]any {
			m := discordtest.Command("ask", map[string]any{"question": drillQuestion}, discordtest.Member("u3", ordinaryMember))
			data := m["data"].(map[string]any)
			data["options"] = append([]any{nil}, data["options"].([]any)...)
			return m
		}(), 4, 0, true},
		{"ids that are numbers", map[string]any{"type": 2, "id": 7, "application_id": 8, "token": "t", "data": map[string]any{"id": 9, "name": "about", "type": 1}}, 0, 0, false},
	}
	srv, sg, _ := endpoint(t, Options{}, testDeadlines)
	e := startE2E(t, e2eConfig{})
	// A bot's first answer builds what later ones reuse; on a loaded machine under the race
	// detector it may come late enough to be deferred, and this test compares answers.
	warm := discordtest.Command("ask", map[string]any{"question": drillQuestion}, discordtest.Member("u3", ordinaryMember))
	warm["id"], warm["token"], warm["application_id"] = "1299999999999999999", "tok-warm", "app1"
	httpAnswer(t, srv, sg, interactionJSON(t, warm))
	e.send(t, warm)
	for k, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := maps.Clone(tt.v)
			if _, ok := v["id"]; !ok {
				v["id"], v["token"], v["application_id"] = fmt.Sprintf("%d", 1_300_000_000_000_000_000+k), fmt.Sprintf("tok-%d", k), "app1"
			}
			status, resp := httpAnswer(t, srv, sg, interactionJSON(t, v))
			wantStatus := http.StatusOK
			if tt.wantType == 0 {
				wantStatus = http.StatusBadRequest
			}
			if status != wantStatus || resp.Type != tt.wantType || resp.Data.Flags != tt.wantFlags || (len(resp.Data.Embeds) > 0) != tt.wantEmbeds {
				t.Errorf("HTTP: status %d, type %d, flags %d, %d embeds (content %q); want status %d, type %d, flags %d, embeds %v",
					status, resp.Type, resp.Data.Flags, len(resp.Data.Embeds), resp.Data.Content, wantStatus, tt.wantType, tt.wantFlags, tt.wantEmbeds)
			}

			if tt.wantType == 0 {
				in := e.fake.SendInteraction(v)
				if !eventually(5*time.Second, func() bool { return strings.Contains(e.logs.String(), "interaction="+in.ID) }) {
					t.Fatalf("gateway: no log line about interaction %s", in.ID)
				}
				for _, r := range e.fake.Requests() {
					if r.Path == in.CallbackPath() {
						t.Errorf("gateway: answered %s, want no answer", r.Body)
					}
				}
				return
			}
			_, gresp := e.send(t, v)
			if gresp.Type != resp.Type || gresp.Data.Flags != resp.Data.Flags || len(gresp.Data.Embeds) != len(resp.Data.Embeds) || gresp.Data.Content != resp.Data.Content {
				t.Errorf("gateway answered type %d, flags %d, %d embeds, %q; HTTP type %d, flags %d, %d embeds, %q",
					gresp.Type, gresp.Data.Flags, len(gresp.Data.Embeds), gresp.Data.Content, resp.Type, resp.Data.Flags, len(resp.Data.Embeds), resp.Data.Content)
			}
		})
	}
}

// TestAboutNamesNoUntrustedUser: a member with Manage Server in a server where only they
// installed the app is refused /reindex, so /about, which every server and DM can ask, never
// shows their name.
func TestAboutNamesNoUntrustedUser(t *testing.T) {
	t.Parallel()
	idx := reindexableIndex(t)
	b := testBot(t, Options{Index: idx, Reindexer: idx})
	i := Interaction("reindex", nil)
	i.GuildID = "g2"
	i.Member = &discordgo.Member{User: &discordgo.User{ID: "u9", Username: "stranger"}, Permissions: discordgo.PermissionManageGuild | discordgo.PermissionAdministrator}
	i.AuthorizingIntegrationOwners = map[discordgo.ApplicationIntegrationType]string{discordgo.ApplicationIntegrationUserInstall: "u9"}
	reply := b.Respond(context.Background(), i)
	if reply.Later != nil {
		reply.Later(context.Background(), func(*discordgo.WebhookEdit) error { return nil })
	}
	if reply.Outcome != OutcomeRefused {
		t.Errorf("/reindex outcome %q, want %q", reply.Outcome, OutcomeRefused)
	}
	about := b.Respond(context.Background(), Interaction("about", nil))
	text, _ := json.Marshal(about.Response.Data.Embeds)
	if strings.Contains(string(text), "stranger") {
		t.Errorf("/about shows the untrusted user: %s", text)
	}
}

// TestAutocompleteHasItsOwnLimit: autocomplete, sent at every keystroke, has a bucket of its
// own, ten times the commands' one; past it a user gets no choices, and their commands are not
// held back by their typing.
func TestAutocompleteHasItsOwnLimit(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	b := testBot(t, Options{RatePerMinute: 6, RateBurst: 2, Now: func() time.Time { return now }})
	complete := func(user string) Reply {
		i := autocompleteInteraction("element", "name", "neo")
		i.Member.User.ID = user
		return b.Respond(context.Background(), i)
	}
	for k := range 20 {
		if r := complete("a"); r.Outcome != OutcomeOK || len(r.Response.Data.Choices) == 0 {
			t.Fatalf("autocomplete %d within the burst: outcome %q, %d choices", k+1, r.Outcome, len(r.Response.Data.Choices))
		}
	}
	r := complete("a")
	validateSent(t, "POST", "/interactions/1/t/callback", r.Response)
	if r.Outcome != OutcomeRateLimited || r.Response.Type != discordgo.InteractionApplicationCommandAutocompleteResult || len(r.Response.Data.Choices) != 0 {
		t.Errorf("autocomplete past the burst: outcome %q, type %d, %d choices; want rate_limited, an empty autocomplete result", r.Outcome, r.Response.Type, len(r.Response.Data.Choices))
	}
	if r := complete("b"); r.Outcome != OutcomeOK {
		t.Errorf("another user's autocomplete: outcome %q, want ok", r.Outcome)
	}
	ask := Interaction("ask", map[string]any{"question": "neodymium"})
	ask.Member.User.ID = "a"
	if r := b.Respond(context.Background(), ask); r.Outcome == OutcomeRateLimited {
		t.Error("typing used up the user's commands")
	}
	now = now.Add(time.Second) // 60 autocompletes a minute: one more
	if r := complete("a"); r.Outcome != OutcomeOK {
		t.Errorf("a second later: outcome %q, want ok", r.Outcome)
	}
}

// TestReindexShowsOnlyTheAdminRelativePaths: /reindex answers privately (its deferral is
// ephemeral, so every progress and result edit is too) and names fact files relative to
// KNOWLEDGE_DIR, in its result and in /about, which everyone sees.
func TestReindexShowsOnlyTheAdminRelativePaths(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "secret-server-layout", "facts")
	files, err := readFactFiles(mechanicsFiles)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(dir, files); err != nil {
		t.Fatal(err)
	}
	base, err := knowledge.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := index.Open(context.Background(), base, index.Options{Load: func(context.Context) (*knowledge.Base, error) { return knowledge.LoadDir(dir) }})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	line := editFactFile(t, dir, "beylikova.yaml", "unit: count", "unit: tonnes")
	b := testBot(t, Options{Index: idx, Reindexer: idx, KnowledgeDir: dir})

	rec := &recorder{}
	NewDispatcher(b, testDeadlines, nil).Dispatch(context.Background(), Interaction("reindex", nil), rec)
	if len(rec.responses) != 1 || rec.responses[0].Type != discordgo.InteractionResponseDeferredChannelMessageWithSource ||
		rec.responses[0].Data == nil || rec.responses[0].Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Fatalf("responses %+v, want one private deferral", rec.responses)
	}
	validateSent(t, "POST", "/interactions/1/t/callback", rec.responses[0])
	for _, e := range rec.edits {
		validateSent(t, "PATCH", "/webhooks/1/t/messages/@original", e)
	}
	final, _ := json.Marshal(rec.edits[len(rec.edits)-1])
	about, _ := json.Marshal(b.Respond(context.Background(), Interaction("about", nil)).Response)
	for what, text := range map[string]string{"the result": string(final), "/about": string(about)} {
		if strings.Contains(text, "secret-server-layout") {
			t.Errorf("%s shows the server's path: %s", what, text)
		}
	}
	if want := fmt.Sprintf("beylikova.yaml:%d:", line); !strings.Contains(string(final), want) {
		t.Errorf("the result %s does not name %s", final, want)
	}
}

// TestEndpointRefusesAReplay: a signed request sent again within the 5-minute window Discord's
// signature allows is refused, and its command does not run again; another interaction is
// answered.
func TestEndpointRefusesAReplay(t *testing.T) {
	t.Parallel()
	obs := newDispatches()
	srv, sg, _ := endpoint(t, Options{Observer: obs}, testDeadlines)
	body := interactionJSON(t, askInteraction("r1", drillQuestion))
	at := time.Now()
	send := func(body []byte) int {
		resp, err := http.DefaultClient.Do(sg.request(t, srv.URL+InteractionsPath, body, at))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if s := send(body); s != http.StatusOK {
		t.Fatalf("first request: %d, want 200", s)
	}
	at = at.Add(2 * time.Minute) // resent later, still within the window, signed anew
	if s := send(body); s != http.StatusConflict {
		t.Errorf("the same interaction again: %d, want 409", s)
	}
	if s := send(interactionJSON(t, askInteraction("r2", drillQuestion))); s != http.StatusOK {
		t.Errorf("another interaction: %d, want 200", s)
	}
	if got, _ := obs.wait(context.Background(), 2); len(got) != 2 {
		t.Errorf("%d commands ran, want 2", len(got))
	}
}

// TestReplayGuardForgetsAfterTheWindow: ids are kept for the window and at most twice it, so
// memory follows the traffic of the last few minutes.
func TestReplayGuardForgetsAfterTheWindow(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	g := newReplayGuard(MaxClockSkew)
	if !g.first("a", now) || g.first("a", now.Add(time.Minute)) {
		t.Fatal("want a new id accepted once, then refused")
	}
	if g.first("a", now.Add(MaxClockSkew+time.Second)) {
		t.Error("an id was forgotten within its window")
	}
	now = now.Add(2*MaxClockSkew + time.Second)
	g.first("b", now)
	if n := g.size(); n != 1 {
		t.Errorf("%d ids kept two windows later, want 1", n)
	}
}

// TestDeferredEditsFindTheApplication: an interaction without application_id (Discord's docs
// examples have none) still gets its deferred answer: edits go to the configured
// DISCORD_APP_ID, else to the id an earlier interaction carried.
func TestDeferredEditsFindTheApplication(t *testing.T) {
	t.Parallel()
	idx := testIndex(t)
	tests := []struct {
		name, configured, earlier, want string
	}{
		{"configured", "app9", "", "app9"},
		{"told by an earlier interaction", "", "appL", "appL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := discordtest.New(t)
			s, err := NewDiscord(SessionConfig{APIURL: fake.APIURL(), AppID: tt.configured})
			if err != nil {
				t.Fatal(err)
			}
			sg := newSigner(t)
			d := deferSoon
			slow := slowIndex{Index: idx, delay: d.Defer + 100*time.Millisecond}
			ep := NewEndpoint(NewDispatcher(testBot(t, Options{Index: slow}), d, nil), sg.pub, s, nil)
			srv := httptest.NewServer(ep)
			defer srv.Close()
			defer ep.Close(context.Background())
			if tt.earlier != "" {
				in := askInteraction("e1", drillQuestion)
				in["application_id"] = tt.earlier
				httpAnswer(t, srv, sg, interactionJSON(t, in))
			}
			// Another question: the answer cache would answer the same one at once.
			in := askInteraction("e2", "How much rare earth oxide is at Beylikova?")
			delete(in, "application_id")
			if status, resp := httpAnswer(t, srv, sg, interactionJSON(t, in)); status != 200 || resp.Type != 5 {
				t.Fatalf("status %d, type %d; want a deferral", status, resp.Type)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if _, err := fake.Wait(ctx, discordtest.Match("PATCH", "/api/v9/webhooks/"+tt.want+"/tok-e2/messages/@original")); err != nil {
				t.Errorf("no edit for application %s: %v", tt.want, err)
			}
		})
	}
}

// TestUnknownCommandNameIsLoggedShort: a 10,000-character command name is logged cut, with its
// length, and answered with a short sentence.
func TestUnknownCommandNameIsLoggedShort(t *testing.T) {
	t.Parallel()
	var logs e2eLog
	b := testBot(t, Options{Log: slog.New(slog.NewTextHandler(&logs, nil))})
	name := strings.Repeat("x", 10_000)
	reply := b.Respond(context.Background(), Interaction(name, nil))
	if reply.Outcome != OutcomeBadInput || len(reply.Response.Data.Content) > 300 {
		t.Errorf("reply %q (%s), want a short bad_input sentence", reply.Response.Data.Content, reply.Outcome)
	}
	if l := logs.String(); len(l) > 500 || !strings.Contains(l, "command_length=10000") {
		t.Errorf("log of %d bytes: %.300s…; want the name cut, with its length", len(l), l)
	}
}
