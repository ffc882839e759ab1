package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/bot/discordtest"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/internal/golden"
	"github.com/reedesk/reedesk/knowledge"
)

// builtinIndex is one index of the built-in knowledge base for the handler tests.
var builtinIndex = sync.OnceValues(func() (*index.Index, error) {
	base, err := knowledge.Embedded()
	if err != nil {
		return nil, err
	}
	return index.New(context.Background(), base)
})

// testIndex is builtinIndex, or fails the test.
func testIndex(tb testing.TB) *index.Index {
	tb.Helper()
	idx, err := builtinIndex()
	if err != nil {
		tb.Fatal(err)
	}
	return idx
}

// testBot answers from the built-in knowledge base, at a fixed time, with no rate limit.
func testBot(tb testing.TB, opts Options) *Bot {
	tb.Helper()
	if opts.Index == nil {
		opts.Index = testIndex(tb)
	}
	opts.Version = "test"
	start := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	if opts.Now == nil {
		opts.Now = func() time.Time { return start }
	}
	return New(opts)
}

func readInteraction(t *testing.T, path string) *discordgo.Interaction {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(data, &i); err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	return &i
}

func goldenJSON(t *testing.T, path string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, path, string(got)+"\n")
}

// TestHandlersGolden answers every interaction under testdata/interactions and compares the
// response with testdata/responses. Each response is also checked against Discord's limits,
// and against its OpenAPI description when DISCORD_OPENAPI_SPEC is set.
func TestHandlersGolden(t *testing.T) {
	t.Parallel()
	b := testBot(t, Options{})
	v := discordtest.ValidatorFromEnv(t)
	files, err := filepath.Glob(filepath.Join("testdata", "interactions", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no interactions under testdata: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			i := readInteraction(t, f)
			reply := b.Respond(context.Background(), i)
			if reply.Response == nil {
				t.Fatal("Respond returned no response")
			}
			body, err := PayloadJSON(reply.Response) // with files, the payload_json part
			if err != nil {
				t.Fatal(err)
			}
			path := "/interactions/" + i.ID + "/" + i.Token + "/callback"
			if err := discordtest.CheckLimits("POST", path, body); err != nil {
				t.Errorf("response breaks Discord's limits: %v", err)
			}
			if v != nil {
				if err := v.Validate("POST", path, body); err != nil {
					t.Errorf("response does not match Discord's OpenAPI description: %v", err)
				}
			}
			goldenJSON(t, filepath.Join("testdata", "responses", name+".json"), withAttachments(reply.Response))
		})
	}
}

// TestEchoedInputCannotPingOrFormat checks the escaping of a question that tries to ping and
// format: nothing of it reaches Discord as markdown or a mention.
func TestEchoedInputCannotPingOrFormat(t *testing.T) {
	b := testBot(t, Options{})
	for _, q := range []string{"@everyone **bold** <@&123> xyzzyplugh", "@here `code` <#42> [link](http://x) xyzzyplugh"} {
		reply := b.Respond(context.Background(), Interaction("ask", map[string]any{"question": q}))
		// What Discord renders: content and embeds (custom ids are never shown).
		body, _ := json.Marshal([]any{reply.Response.Data.Content, reply.Response.Data.Embeds})
		s := string(body)
		for _, bad := range []string{"@everyone", "@here", "<@&123>", "<#42>", "**bold**", "](http"} {
			if strings.Contains(s, bad) {
				t.Errorf("answer to %q contains %q unescaped:\n%s", q, bad, s)
			}
		}
		if m := reply.Response.Data.AllowedMentions; m == nil || len(m.Parse) != 0 {
			t.Errorf("answer to %q has allowed_mentions %+v, want parse empty", q, m)
		}
	}
}

// TestReindexAccess is the matrix of who may run /reindex. A refused run must not start a
// build.
func TestReindexAccess(t *testing.T) {
	guildInstall := map[discordgo.ApplicationIntegrationType]string{discordgo.ApplicationIntegrationGuildInstall: "g", discordgo.ApplicationIntegrationUserInstall: "5"}
	userInstall := map[discordgo.ApplicationIntegrationType]string{discordgo.ApplicationIntegrationUserInstall: "5"}
	otherGuild := map[discordgo.ApplicationIntegrationType]string{discordgo.ApplicationIntegrationGuildInstall: "h"}
	noOwner := map[discordgo.ApplicationIntegrationType]string{}
	tests := []struct {
		name      string
		member    *discordgo.Member
		user      *discordgo.User
		guild     string
		owners    map[discordgo.ApplicationIntegrationType]string // nil: as the terminal builds it
		homeGuild string                                          // DISCORD_GUILD_ID
		allowed   bool
	}{
		// The app used as a member's own (user-installed) app in a server it is not installed
		// in: that server's permissions and roles say nothing about the bot.
		{"manage server where only the user installed the app", &discordgo.Member{User: &discordgo.User{ID: "1"}, Permissions: discordgo.PermissionManageGuild}, nil, "g", userInstall, "", false},
		{"administrator with no authorizing owner", &discordgo.Member{User: &discordgo.User{ID: "1"}, Permissions: discordgo.PermissionAdministrator}, nil, "g", noOwner, "", false},
		{"admin role where only the user installed the app", &discordgo.Member{User: &discordgo.User{ID: "1"}, Roles: []string{"900"}}, nil, "g", userInstall, "", false},
		{"admin user where only the user installed the app", &discordgo.Member{User: &discordgo.User{ID: "700"}}, nil, "g", userInstall, "", true},
		{"manage server in a server the app is installed in", &discordgo.Member{User: &discordgo.User{ID: "1"}, Permissions: discordgo.PermissionManageGuild}, nil, "g", guildInstall, "", true},
		// DISCORD_GUILD_ID: only the home server's permissions count.
		{"manage server outside the home server", &discordgo.Member{User: &discordgo.User{ID: "1"}, Permissions: discordgo.PermissionManageGuild}, nil, "h", otherGuild, "g", false},
		{"manage server in the home server", &discordgo.Member{User: &discordgo.User{ID: "1"}, Permissions: discordgo.PermissionManageGuild}, nil, "g", guildInstall, "g", true},
		{"admin user outside the home server", &discordgo.Member{User: &discordgo.User{ID: "700"}}, nil, "h", otherGuild, "g", true},
		{"manage server", &discordgo.Member{User: &discordgo.User{ID: "1"}, Permissions: discordgo.PermissionManageGuild}, nil, "g", nil, "", true},
		{"administrator", &discordgo.Member{User: &discordgo.User{ID: "1"}, Permissions: discordgo.PermissionAdministrator}, nil, "g", nil, "", true},
		{"plain member", &discordgo.Member{User: &discordgo.User{ID: "1"}, Permissions: discordgo.PermissionSendMessages}, nil, "g", nil, "", false},
		{"admin role", &discordgo.Member{User: &discordgo.User{ID: "1"}, Roles: []string{"900"}}, nil, "g", nil, "", true},
		{"other role", &discordgo.Member{User: &discordgo.User{ID: "1"}, Roles: []string{"901"}}, nil, "g", nil, "", false},
		{"admin user in a guild", &discordgo.Member{User: &discordgo.User{ID: "700"}}, nil, "g", nil, "", true},
		{"admin user in a DM", nil, &discordgo.User{ID: "700"}, "", nil, "", true},
		{"other user in a DM", nil, &discordgo.User{ID: "1"}, "", nil, "", false},
		{"DM with a forged member permission", &discordgo.Member{User: &discordgo.User{ID: "1"}, Permissions: discordgo.PermissionAdministrator}, nil, "", nil, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &countingReindexer{}
			b := testBot(t, Options{Reindexer: r, AdminRoleIDs: []string{"900"}, AdminUserIDs: []string{"700"}, GuildID: tt.homeGuild})
			i := Interaction("reindex", nil)
			i.Member, i.User, i.GuildID = tt.member, tt.user, tt.guild
			if tt.owners != nil {
				i.AuthorizingIntegrationOwners = tt.owners
			} else if tt.guild != "" {
				i.AuthorizingIntegrationOwners = map[discordgo.ApplicationIntegrationType]string{discordgo.ApplicationIntegrationGuildInstall: tt.guild}
			}
			reply := b.Respond(context.Background(), i)
			started := r.calls > 0
			if started != tt.allowed {
				t.Errorf("reindex started = %v, want %v", started, tt.allowed)
			}
			refused := reply.Response.Type == discordgo.InteractionResponseChannelMessageWithSource && reply.Response.Data.Flags&discordgo.MessageFlagsEphemeral != 0
			if refused == tt.allowed {
				t.Errorf("response %+v: refused = %v, want %v", reply.Response, refused, !tt.allowed)
			}
		})
	}
}

// countingReindexer counts the reindexes started; each fails at once, as the built-in
// knowledge base cannot be reloaded.
type countingReindexer struct{ calls int }

func (c *countingReindexer) Reindex(by string) (*index.Run, bool) {
	c.calls++
	idx, err := builtinIndex()
	if err != nil {
		panic(err)
	}
	return idx.Reindex(by)
}

func (c *countingReindexer) Last() (index.Last, bool) { return index.Last{}, false }

// TestReindexReportsProgressAndResult runs /reindex's job against a real index: the edits end
// with the summary, or with the fact-file problems when the files are broken. It serves the
// mechanicsFiles: what it checks does not need the whole base.
func TestReindexReportsProgressAndResult(t *testing.T) {
	t.Parallel()
	base, err := mechanicsBase()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		load  index.Loader
		want  []string
		fails bool
	}{
		{"unchanged", func(context.Context) (*knowledge.Base, error) { return mechanicsBase() }, []string{"Reindexed", "Nothing changed"}, false},
		{"broken files", func(context.Context) (*knowledge.Base, error) {
			return knowledge.LoadDir(filepath.Join("..", "knowledge", "testdata", "planted"))
		}, []string{"Reindex failed: the old index keeps answering", "facts.yaml:31: facts[3].figures[0].unit"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			idx, err := index.Open(context.Background(), base, index.Options{Load: tt.load})
			if err != nil {
				t.Fatal(err)
			}
			defer idx.Close()
			b := testBot(t, Options{Index: idx, Reindexer: idx})
			reply := b.Respond(context.Background(), Interaction("reindex", nil))
			if reply.Response.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || reply.Later == nil {
				t.Fatalf("reindex answered %+v, want a deferral and a job", reply.Response)
			}
			var edits []string
			jobErr := reply.Later(context.Background(), func(e *discordgo.WebhookEdit) error {
				body, _ := json.Marshal(e)
				if err := discordtest.CheckLimits("PATCH", "/webhooks/app1/tok/messages/@original", body); err != nil {
					t.Errorf("edit breaks Discord's limits: %v", err)
				}
				var buf bytes.Buffer
				for _, em := range *e.Embeds {
					buf.WriteString(em.Title + "\n" + em.Description + "\n")
				}
				edits = append(edits, buf.String())
				return nil
			})
			if len(edits) == 0 {
				t.Fatal("the job made no edit")
			}
			if failed := jobErr != nil; failed != tt.fails {
				t.Errorf("job error %v, want an error: %v", jobErr, tt.fails)
			}
			last := edits[len(edits)-1]
			for _, w := range tt.want {
				if !strings.Contains(last, w) {
					t.Errorf("final edit %q does not contain %q", last, w)
				}
			}
			if idx.Base().Version != base.Version {
				t.Error("the served knowledge changed")
			}
		})
	}
}

func TestRateLimit(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	b := testBot(t, Options{RatePerMinute: 6, RateBurst: 2, Now: func() time.Time { return now }})
	ask := func(user string) *discordgo.InteractionResponse {
		i := Interaction("ask", map[string]any{"question": "neodymium"})
		i.Member.User.ID = user
		return b.Respond(context.Background(), i).Response
	}
	limited := func(r *discordgo.InteractionResponse) bool {
		return r.Data.Flags&discordgo.MessageFlagsEphemeral != 0 && strings.Contains(r.Data.Content, "try again in")
	}
	for k := range 2 {
		if r := ask("a"); limited(r) {
			t.Fatalf("request %d within the burst was limited: %q", k+1, r.Data.Content)
		}
	}
	r := ask("a")
	if !limited(r) || !strings.Contains(r.Data.Content, "10 seconds") {
		t.Errorf("third request = %q, want a limit saying to retry in 10 seconds", r.Data.Content)
	}
	if r := ask("b"); limited(r) {
		t.Error("another user was limited")
	}
	now = now.Add(10 * time.Second)
	if r := ask("a"); limited(r) {
		t.Errorf("after 10 s the user is still limited: %q", r.Data.Content)
	}
}

// TestAnswerSaysWhenAFactHasLapsed sets the clock on either side of the end of China's
// suspension of its October 2025 controls (valid_until 2026-11-10): after it, the answer says
// the suspension was due to end and that nothing later is known, before anything else.
func TestAnswerSaysWhenAFactHasLapsed(t *testing.T) {
	const q = "Are China's October 2025 export controls in force?"
	const note = "This suspension was due to end on 10 November 2026; the knowledge base has nothing later."
	tests := []struct {
		now    time.Time
		lapsed bool
	}{
		{time.Date(2026, 11, 10, 22, 0, 0, 0, time.UTC), false},
		{time.Date(2026, 11, 11, 8, 0, 0, 0, time.UTC), true},
	}
	for _, tt := range tests {
		t.Run(tt.now.Format(time.DateOnly), func(t *testing.T) {
			now := tt.now
			b := testBot(t, Options{Now: func() time.Time { return now }})
			content := b.Respond(context.Background(), Interaction("ask", map[string]any{"question": q})).Response.Data.Content
			if got := strings.HasPrefix(content, "**"+note+"**"); got != tt.lapsed {
				t.Errorf("content %q: starts with the lapse note = %v, want %v", content, got, tt.lapsed)
			}
		})
	}
}
