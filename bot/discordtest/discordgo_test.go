package discordtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"
)

// connect opens a real discordgo session against srv and closes it at cleanup (1 s).
func connect(t *testing.T, srv *Server, handler any, setup ...func(*discordgo.Session)) *discordgo.Session {
	t.Helper()
	s, err := discordgo.New("Bot test")
	if err != nil {
		t.Fatal(err)
	}
	s.Client = srv.Client()
	s.Identify.Intents = discordgo.IntentsNone
	if handler != nil {
		s.AddHandler(handler)
	}
	for _, f := range setup {
		f(s)
	}
	if err := s.Open(); err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	// Closing before the first heartbeat makes discordgo reconnect (see WaitHeartbeat).
	if _, err := srv.WaitHeartbeat(timeout(t), 1); err != nil {
		t.Fatal(err)
	}
	return s
}

func timeout(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// jsonEqual compares a recorded body with the JSON expected, ignoring key order.
func jsonEqual(t *testing.T, what string, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("%s: body is not JSON: %v: %s", what, err, got)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("%s: bad expectation: %v", what, err)
	}
	if d := cmp.Diff(w, g); d != "" {
		t.Errorf("%s body mismatch (-want +got):\n%s", what, d)
	}
}

var noPings = &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}

// handled returns an interaction handler that runs f and reports its result on a channel, so
// the test, not a stray goroutine, owns every failure.
func handled(f func(*discordgo.Session, *discordgo.InteractionCreate) error) (func(*discordgo.Session, *discordgo.InteractionCreate), <-chan error) {
	done := make(chan error, 1)
	return func(s *discordgo.Session, i *discordgo.InteractionCreate) { done <- f(s, i) }, done
}

func TestInteractions(t *testing.T) {
	t.Parallel()
	type want struct {
		method string
		path   func(Interaction) string
		status int
		body   string
	}
	original := func(i Interaction) string { return i.OriginalPath() }
	callback := func(i Interaction) string { return i.CallbackPath() }
	followup := func(i Interaction) string { return i.FollowupPath() }

	tests := []struct {
		name   string
		send   map[string]any
		handle func(*discordgo.Session, *discordgo.InteractionCreate) error
		want   []want
	}{
		{
			name: "reply with an embed",
			send: Command("ask", map[string]any{"question": "What is Nd?"}),
			handle: func(s *discordgo.Session, i *discordgo.InteractionCreate) error {
				d := i.ApplicationCommandData()
				if d.Name != "ask" || d.Options[0].StringValue() != "What is Nd?" {
					return fmt.Errorf("got command %q %v", d.Name, d.Options)
				}
				return s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
					Type: discordgo.InteractionResponseChannelMessageWithSource,
					Data: &discordgo.InteractionResponseData{
						Embeds: []*discordgo.MessageEmbed{{
							Title: "Neodymium", Description: "A rare earth element.",
							Fields: []*discordgo.MessageEmbedField{{Name: "Symbol", Value: "Nd", Inline: true}},
						}},
						AllowedMentions: noPings,
					},
				})
			},
			want: []want{{"POST", callback, 204, `{"type":4,"data":{"tts":false,"content":"","components":null,
				"embeds":[{"title":"Neodymium","description":"A rare earth element.",
				"fields":[{"name":"Symbol","value":"Nd","inline":true}]}],"allowed_mentions":{"parse":[],"replied_user":false}}}`}},
		},
		{
			name: "defer, edit the original, follow up",
			send: Command("ask", map[string]any{"question": "Nd"}),
			handle: func(s *discordgo.Session, i *discordgo.InteractionCreate) error {
				err := s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
					Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
					Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral},
				})
				if err != nil {
					return err
				}
				content := "Neodymium"
				orig, err := s.InteractionResponseEdit(i.Interaction, &discordgo.WebhookEdit{
					Content: &content,
					Components: &[]discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
						discordgo.Button{Label: "Next", CustomID: "page:2"},
					}}},
					AllowedMentions: noPings,
				})
				if err != nil {
					return err
				}
				if orig.ID == "" || orig.Content != content {
					return fmt.Errorf("edit returned %+v", orig)
				}
				msg, err := s.FollowupMessageCreate(i.Interaction, true, &discordgo.WebhookParams{
					Content: "followup", Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noPings,
				})
				if err != nil {
					return err
				}
				if msg.ID == "" || msg.ID == orig.ID || msg.Content != "followup" {
					return fmt.Errorf("followup returned %+v", msg)
				}
				return nil
			},
			want: []want{
				{"POST", callback, 204, `{"type":5,"data":{"tts":false,"content":"","components":null,"embeds":null,"flags":64}}`},
				{"PATCH", original, 200, `{"content":"Neodymium","allowed_mentions":{"parse":[],"replied_user":false},
					"components":[{"type":1,"components":[{"type":2,"label":"Next","style":1,"disabled":false,"custom_id":"page:2"}]}]}`},
				{"POST", followup, 200, `{"content":"followup","components":null,"flags":64,
					"allowed_mentions":{"parse":[],"replied_user":false}}`},
			},
		},
		{
			name: "autocomplete",
			send: Autocomplete("ask", "element", map[string]any{"element": "neo"}),
			handle: func(s *discordgo.Session, i *discordgo.InteractionCreate) error {
				o := i.ApplicationCommandData().Options[0]
				if i.Type != discordgo.InteractionApplicationCommandAutocomplete || !o.Focused || o.StringValue() != "neo" {
					return fmt.Errorf("got type %v option %+v", i.Type, o)
				}
				return s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
					Type: discordgo.InteractionApplicationCommandAutocompleteResult,
					Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{
						{Name: "neodymium", Value: "neodymium"},
					}},
				})
			},
			want: []want{{"POST", callback, 204, `{"type":8,"data":{"tts":false,"content":"","components":null,"embeds":null,
				"choices":[{"name":"neodymium","value":"neodymium"}]}}`}},
		},
		{
			name: "button click updates the message",
			send: Button("page:2"),
			handle: func(s *discordgo.Session, i *discordgo.InteractionCreate) error {
				if id := i.MessageComponentData().CustomID; id != "page:2" || i.Message == nil {
					return fmt.Errorf("got custom id %q, message %v", id, i.Message)
				}
				return s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
					Type: discordgo.InteractionResponseUpdateMessage,
					Data: &discordgo.InteractionResponseData{Content: "page 2", AllowedMentions: noPings},
				})
			},
			want: []want{{"POST", callback, 204, `{"type":7,"data":{"tts":false,"content":"page 2","components":null,
				"embeds":null,"allowed_mentions":{"parse":[],"replied_user":false}}}`}},
		},
		{
			name: "direct message",
			send: Command("help", nil, DM("user9")),
			handle: func(s *discordgo.Session, i *discordgo.InteractionCreate) error {
				if i.GuildID != "" || i.Member != nil || i.User == nil || i.User.ID != "user9" {
					return fmt.Errorf("got guild %q member %v user %v", i.GuildID, i.Member, i.User)
				}
				return s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
					Type: discordgo.InteractionResponseChannelMessageWithSource,
					Data: &discordgo.InteractionResponseData{Content: "hi", AllowedMentions: noPings},
				})
			},
			want: []want{{"POST", callback, 204, `{"type":4,"data":{"tts":false,"content":"hi","components":null,
				"embeds":null,"allowed_mentions":{"parse":[],"replied_user":false}}}`}},
		},
		{
			name: "member permissions, roles and a subcommand",
			send: Command("kb reload", map[string]any{"force": true}, Member("mod1", discordgo.PermissionManageGuild, "role1"), With("locale", "tr")),
			handle: func(s *discordgo.Session, i *discordgo.InteractionCreate) error {
				m, d := i.Member, i.ApplicationCommandData()
				if m == nil || m.User.ID != "mod1" || m.Permissions != discordgo.PermissionManageGuild ||
					!cmp.Equal(m.Roles, []string{"role1"}) || i.GuildID != "guild1" || i.Locale != discordgo.Turkish {
					return fmt.Errorf("got member %+v, guild %q, locale %q", m, i.GuildID, i.Locale)
				}
				sub := d.Options[0]
				if d.Name != "kb" || sub.Type != discordgo.ApplicationCommandOptionSubCommand || sub.Name != "reload" ||
					!sub.Options[0].BoolValue() {
					return fmt.Errorf("got command %q %+v", d.Name, sub)
				}
				return s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
					Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
				})
			},
			want: []want{{"POST", callback, 204, `{"type":5}`}},
		},
	}
	// One session serves every case (closing one takes 1 s); the handler routes by interaction id.
	srv := New(t)
	var handlers sync.Map // interaction id → handler
	connect(t, srv, func(s *discordgo.Session, i *discordgo.InteractionCreate) {
		h, _ := handlers.Load(i.ID)
		h.(func(*discordgo.Session, *discordgo.InteractionCreate))(s, i)
	})
	for n, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			handler, done := handled(tc.handle)
			tc.send["id"] = fmt.Sprint("int", n)
			handlers.Store(tc.send["id"], handler)
			ctx := timeout(t)

			in := srv.SendInteraction(tc.send)
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("handler: %v", err)
				}
			case <-ctx.Done():
				t.Fatal("handler never ran")
			}
			for _, w := range tc.want {
				r, err := srv.Wait(ctx, Match(w.method, w.path(in)))
				if err != nil {
					t.Fatal(err)
				}
				if r.Status != w.status {
					t.Errorf("%s %s: status %d, want %d", r.Method, r.Path, r.Status, w.status)
				}
				jsonEqual(t, r.Method+" "+r.Path, r.Body, w.body)
			}
			var mine []string
			for _, r := range srv.Requests() {
				if strings.Contains(r.Path, "/"+in.Token) {
					mine = append(mine, r.Method+" "+r.Path)
				}
			}
			if len(mine) != len(tc.want) {
				t.Errorf("requests %v, want %d", mine, len(tc.want))
			}
		})
	}
}

func TestIdentify(t *testing.T) {
	t.Parallel()
	srv := New(t, WithAppID("42"))
	ready := make(chan *discordgo.Ready, 1)
	s := connect(t, srv, func(_ *discordgo.Session, r *discordgo.Ready) { ready <- r },
		func(s *discordgo.Session) { s.ShardID, s.ShardCount = 1, 2 })

	ids := srv.Identifies()
	if len(ids) != 1 {
		t.Fatalf("%d IDENTIFYs, want 1", len(ids))
	}
	var id struct {
		Token   string `json:"token"`
		Intents int    `json:"intents"`
		Shard   [2]int `json:"shard"`
	}
	if err := json.Unmarshal(ids[0], &id); err != nil {
		t.Fatal(err)
	}
	if want := (struct {
		Token   string `json:"token"`
		Intents int    `json:"intents"`
		Shard   [2]int `json:"shard"`
	}{"Bot test", 0, [2]int{1, 2}}); id != want {
		t.Errorf("IDENTIFY %+v, want %+v", id, want)
	}
	r := <-ready
	if r.SessionID != "sess1" || r.Application.ID != "42" || r.Shard == nil || *r.Shard != [2]int{1, 2} {
		t.Errorf("READY session %q application %+v shard %v", r.SessionID, r.Application, r.Shard)
	}
	if hb, err := srv.WaitHeartbeat(timeout(t), 1); err != nil || string(hb) != "1" {
		t.Errorf("first heartbeat %s, %v; want the READY sequence number 1", hb, err)
	}
	if s.State.Application == nil || s.State.Application.ID != "42" {
		t.Errorf("state application %+v", s.State.Application)
	}
	req := srv.Requests()[0]
	if req.Method != "GET" || req.Path != "/api/v9/gateway" || req.Header.Get("Authorization") != "Bot REDACTED" {
		t.Errorf("first request %s %s, Authorization %q", req.Method, req.Path, req.Header.Get("Authorization"))
	}
}

// TestGatewayFaults checks that discordgo survives each fault and still gets interactions,
// including one sent while it was disconnected (replayed on RESUME).
func TestGatewayFaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		fault  func(*Server)
		resume bool // else a new IDENTIFY
	}{
		{"reconnect request", (*Server).Reconnect, true},
		{"dropped connection", (*Server).Drop, true},
		{"invalid session", func(s *Server) { s.InvalidSession(false) }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := New(t)
			got := make(chan string, 4)
			connect(t, srv, func(_ *discordgo.Session, i *discordgo.InteractionCreate) { got <- i.ID })
			ctx := timeout(t)

			first := srv.SendInteraction(Command("ask", nil))
			if id := <-got; id != first.ID {
				t.Fatalf("got interaction %s, want %s", id, first.ID)
			}
			tc.fault(srv)
			var want []string
			if tc.resume {
				// Probably sent before the client is back: RESUME must replay it.
				want = append(want, srv.SendInteraction(Command("ask", nil)).ID)
				d, err := srv.WaitResume(ctx, 1)
				if err != nil {
					t.Fatal(err)
				}
				jsonEqual(t, "RESUME", d, `{"token":"Bot test","session_id":"sess1","seq":2}`)
			} else if _, err := srv.WaitIdentify(ctx, 2); err != nil {
				t.Fatal(err)
			}
			want = append(want, srv.SendInteraction(Command("ask", nil)).ID)
			var ids []string
			for len(ids) < len(want) {
				select {
				case id := <-got:
					ids = append(ids, id)
				case <-ctx.Done():
					t.Fatalf("got interactions %v after the fault, want %v", ids, want)
				}
			}
			// discordgo runs each handler in its own goroutine, so arrival order is not kept.
			slices.Sort(want)
			slices.Sort(ids)
			if d := cmp.Diff(want, ids); d != "" {
				t.Errorf("interactions after the fault (-want +got):\n%s", d)
			}
			if tc.resume { // a new connection: let its first heartbeat go before Close
				if _, err := srv.WaitHeartbeat(ctx, 2); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func TestBulkOverwrite(t *testing.T) {
	t.Parallel()
	srv := New(t)
	s, err := discordgo.New("Bot test")
	if err != nil {
		t.Fatal(err)
	}
	s.Client = srv.Client() // REST only: no gateway needed
	perm := int64(discordgo.PermissionManageGuild)
	cmds := []*discordgo.ApplicationCommand{{
		Name: "ask", Description: "Ask about rare earth elements",
		Options: []*discordgo.ApplicationCommandOption{{
			Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "Your question",
			Required: true, Autocomplete: true,
		}},
	}, {
		Name: "reindex", Description: "Rebuild the index", DefaultMemberPermissions: &perm,
	}}
	for _, guild := range []string{"", "guild1"} {
		got, err := s.ApplicationCommandBulkOverwrite("app1", guild, cmds)
		if err != nil {
			t.Fatalf("guild %q: %v", guild, err)
		}
		if len(got) != 2 || got[0].ID == "" || got[0].ID == got[1].ID || got[1].GuildID != guild || got[0].Name != "ask" {
			t.Errorf("guild %q: returned %+v %+v", guild, got[0], got[1])
		}
	}
	reqs := srv.Requests()
	if len(reqs) != 2 || reqs[0].Path != "/api/v9/applications/app1/commands" ||
		reqs[1].Path != "/api/v9/applications/app1/guilds/guild1/commands" || reqs[0].Method != "PUT" {
		t.Fatalf("requests %v", reqs)
	}
	jsonEqual(t, "PUT commands", reqs[0].Body, `[
		{"name":"ask","description":"Ask about rare earth elements","options":[{"type":3,"name":"question",
		 "description":"Your question","channel_types":null,"required":true,"options":null,"autocomplete":true,"choices":null}]},
		{"name":"reindex","description":"Rebuild the index","default_member_permissions":"32","options":null}]`)
}

func TestRESTFaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		fault    Fault
		n        int
		statuses []int
		wantErr  bool
	}{
		{"rate limited then retried", RateLimited(50*time.Millisecond, false), 1, []int{429, 204}, false},
		{"global rate limit", RateLimited(20*time.Millisecond, true), 2, []int{429, 429, 204}, false},
		{"bad gateway retried", Fault{Status: 502}, 2, []int{502, 502, 204}, false},
		{"server error not retried", Fault{Status: 500}, 1, []int{500}, true},
		{"slow answer", Fault{Delay: 100 * time.Millisecond}, 1, []int{204}, false},
		{"fault for another path", Fault{Status: 500, Path: "/api/v9/webhooks/"}, 1, []int{204}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := New(t)
			s, err := discordgo.New("Bot test")
			if err != nil {
				t.Fatal(err)
			}
			s.Client = srv.Client()
			srv.FailNext(tc.n, tc.fault)
			start := time.Now()
			err = s.InteractionRespond(&discordgo.Interaction{ID: "1", Token: "tok"}, &discordgo.InteractionResponse{
				Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
			})
			if (err != nil) != tc.wantErr {
				t.Errorf("err = %v, want error: %v", err, tc.wantErr)
			}
			var statuses []int
			for _, r := range srv.Requests() {
				statuses = append(statuses, r.Status)
			}
			if d := cmp.Diff(tc.statuses, statuses); d != "" {
				t.Errorf("statuses (-want +got):\n%s", d)
			}
			if el := time.Since(start); el < tc.fault.Delay {
				t.Errorf("answered after %v, want at least %v", el, tc.fault.Delay)
			}
		})
	}
}

func TestCallbackRules(t *testing.T) {
	t.Parallel()
	deferred := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	tests := []struct {
		name     string
		deadline time.Duration
		handle   func(*discordgo.Session, *discordgo.InteractionCreate) error
		code     int
	}{
		{"second callback", callbackDeadline, func(s *discordgo.Session, i *discordgo.InteractionCreate) error {
			if err := s.InteractionRespond(i.Interaction, deferred); err != nil {
				return fmt.Errorf("first callback: %w", err)
			}
			return s.InteractionRespond(i.Interaction, deferred)
		}, 40060},
		{"callback after the deadline", 300 * time.Millisecond, func(s *discordgo.Session, i *discordgo.InteractionCreate) error {
			time.Sleep(400 * time.Millisecond)
			return s.InteractionRespond(i.Interaction, deferred)
		}, 10062},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := New(t, withDeadline(tc.deadline))
			handler, done := handled(tc.handle)
			connect(t, srv, handler)
			srv.SendInteraction(Command("ask", nil))
			var err error
			select {
			case err = <-done:
			case <-timeout(t).Done():
				t.Fatal("handler never ran")
			}
			var rest *discordgo.RESTError
			if !errors.As(err, &rest) || rest.Message == nil || rest.Message.Code != tc.code {
				t.Errorf("err = %v, want Discord error %d", err, tc.code)
			}
		})
	}
}

func TestTransport(t *testing.T) {
	t.Parallel()
	srv := New(t)
	c := srv.Client()
	for _, tc := range []struct {
		url     string
		status  int
		refused bool
	}{
		{"https://discord.com/api/v9/gateway", 200, false},
		{srv.APIURL() + "gateway/bot", 200, false},
		{"https://discord.com/api/v9/users/@me", 404, false},
		{"https://example.com/", 0, true},
	} {
		resp, err := c.Get(tc.url)
		if tc.refused {
			if err == nil || !strings.Contains(err.Error(), "refusing") {
				t.Errorf("GET %s: err = %v, want refusal", tc.url, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("GET %s: %v", tc.url, err)
			continue
		}
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("GET %s: status %d, want %d", tc.url, resp.StatusCode, tc.status)
		}
	}
	var gw struct{ URL string }
	resp, err := c.Get("https://discord.com/api/v9/gateway")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&gw); err != nil || !strings.HasPrefix(gw.URL, "ws://127.0.0.1:") {
		t.Errorf("gateway url %q, err %v", gw.URL, err)
	}
}

func TestWait(t *testing.T) {
	t.Parallel()
	srv := New(t)
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	if _, err := srv.Client().Get("https://discord.com/api/v9/nowhere"); err != nil {
		t.Fatal(err)
	}
	_, err := srv.Wait(ctx, Match("POST", "/api/v9/nowhere"))
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "GET /api/v9/nowhere → 404") {
		t.Errorf("err = %v, want a deadline listing the request seen", err)
	}

	// A request arriving while Wait blocks wakes it once answered; match sees each request once.
	srv.FailNext(1, Fault{Delay: 100 * time.Millisecond, Path: "/api/v9/webhooks/"})
	go func() {
		resp, err := srv.Client().Post(srv.APIURL()+"webhooks/app1/tok?wait=true", "application/json",
			strings.NewReader(`{"content":"x","allowed_mentions":{"parse":[]}}`))
		if err == nil {
			resp.Body.Close()
		}
	}()
	for ctx := timeout(t); len(srv.Requests()) < 2 && ctx.Err() == nil; {
		time.Sleep(time.Millisecond)
	}
	if reqs := srv.Requests(); len(reqs) != 2 || reqs[1].Status != 0 {
		t.Fatalf("requests %v, want the delayed POST pending (status 0)", reqs)
	}
	var calls int
	r, err := srv.Wait(timeout(t), func(r Request) bool { calls++; return r.Method == "POST" })
	if err != nil || r.Path != "/api/v9/webhooks/app1/tok" || r.Status != 200 || calls != 2 ||
		r.Query.Get("wait") != "true" {
		t.Errorf("Wait = %s %s %v → %d, %v after %d calls", r.Method, r.Path, r.Query, r.Status, err, calls)
	}
}

// recordingTB captures what the fake reports instead of failing the test.
type recordingTB struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recordingTB) Helper() {}

func TestServerReportsBadPayloads(t *testing.T) {
	t.Parallel()
	rec := &recordingTB{TB: t}
	srv := New(rec, WithValidator(nil)) // limits only, so the test runs without the spec
	post := func(path, body string) {
		req, _ := http.NewRequest("POST", srv.APIURL()+path, strings.NewReader(body))
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	post("interactions/1/tok/callback", `{"type":4,"data":{"content":"hi <@&1>"}}`)
	post("interactions/2/tok/callback", `{"type":4,"data":{"content":"hi","allowed_mentions":{"parse":[]}}}`)
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.errs) != 1 || !strings.Contains(rec.errs[0], "POST /api/v9/interactions/1/tok/callback") ||
		!strings.Contains(rec.errs[0], "at /data/allowed_mentions: missing") {
		t.Errorf("reported %q, want one missing allowed_mentions", rec.errs)
	}
}
