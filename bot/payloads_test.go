package bot

// The real interaction payloads of issue 12 (shared/discord-payloads: Discord's docs, its
// libraries' fixtures and captured traffic), each given to the bot through the HTTP endpoint
// and through the gateway: each must get the outcome the folder's manifest.json says. The
// folder is read where it is, never copied into the repository.

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reedesk/reedesk/bot/discordtest"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// PayloadsEnv names the folder of real payloads; by default it is shared/discord-payloads
// beside the checkout.
const PayloadsEnv = "DISCORD_PAYLOADS"

// payloadAdmin is the user the manifest's "admin" run has in ADMIN_USER_IDS.
const payloadAdmin = "1034315047838687264"

// payloadAppID is DISCORD_APP_ID in the HTTP runs: deferred edits of a payload without
// application_id go there.
const payloadAppID = "1100000000000000099"

type payloadCase struct {
	ID     string `json:"id"`
	File   string `json:"file"`
	Run    string `json:"run"` // "main": no admin configured; "admin": payloadAdmin is one
	Shape  string `json:"shape"`
	Expect struct {
		Status    int   `json:"status"`
		Type      int   `json:"type"`
		Ephemeral *bool `json:"ephemeral"`
		Embeds    *bool `json:"embeds"`
		Choices   *bool `json:"choices"`
		Refused   *bool `json:"refused"`
	} `json:"expect"`
	body []byte
}

// payloadCases reads the manifest and the payloads, or skips the test when the folder is absent.
func payloadCases(t *testing.T) []payloadCase {
	t.Helper()
	dir := os.Getenv(PayloadsEnv)
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "discord-payloads")
	}
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if os.IsNotExist(err) {
		t.Skipf("no real payloads at %s (set %s to the discord-payloads folder to run this test)", dir, PayloadsEnv)
	}
	if err != nil {
		t.Fatal(err)
	}
	var cases []payloadCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatalf("manifest.json: %v", err)
	}
	for k := range cases {
		if cases[k].body, err = os.ReadFile(filepath.Join(dir, cases[k].File)); err != nil {
			t.Fatal(err)
		}
	}
	if len(cases) == 0 {
		t.Fatalf("%s lists no payloads", dir)
	}
	return cases
}

// check compares an answer with the manifest's expectation; status is the HTTP status, or 200
// for a gateway answer.
func (c payloadCase) check(t *testing.T, how string, status int, resp sentResponse, outcome string) {
	t.Helper()
	e := c.Expect
	if status != e.Status {
		t.Errorf("%s: status %d, want %d (%s)", how, status, e.Status, c.Shape)
		return
	}
	if status != 200 {
		return
	}
	if resp.Type != e.Type {
		t.Errorf("%s: type %d (content %q), want %d", how, resp.Type, resp.Data.Content, e.Type)
	}
	if e.Ephemeral != nil && (resp.Data.Flags&64 != 0) != *e.Ephemeral {
		t.Errorf("%s: flags %d, want ephemeral %v", how, resp.Data.Flags, *e.Ephemeral)
	}
	if e.Embeds != nil && (len(resp.Data.Embeds) > 0) != *e.Embeds {
		t.Errorf("%s: %d embeds (content %q), want embeds %v", how, len(resp.Data.Embeds), resp.Data.Content, *e.Embeds)
	}
	if e.Choices != nil && (len(resp.Data.Choices) > 0) != *e.Choices {
		t.Errorf("%s: %d choices, want choices %v", how, len(resp.Data.Choices), *e.Choices)
	}
	if e.Refused != nil && outcome != "" && (outcome == OutcomeRefused) != *e.Refused {
		t.Errorf("%s: outcome %q (content %q), want refused %v", how, outcome, resp.Data.Content, *e.Refused)
	}
}

// reindexableIndex serves the built-in knowledge and reindexes from it: a /reindex (such as
// one the payloads' manifest expects to run) finishes at once with "Nothing changed".
func reindexableIndex(t *testing.T) *index.Index {
	t.Helper()
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	idx, err := index.Open(context.Background(), base, index.Options{Load: func(context.Context) (*knowledge.Base, error) { return knowledge.Embedded() }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	return idx
}

// TestDiscordPayloadsOverHTTP posts each payload, signed, to a fresh endpoint (the folder's
// payloads reuse ids, which a replica would refuse as replays). A deferred answer must then be
// delivered by an edit addressed to the interaction's application, or DISCORD_APP_ID.
func TestDiscordPayloadsOverHTTP(t *testing.T) {
	t.Parallel()
	cases := payloadCases(t)
	idx := reindexableIndex(t)
	v := discordtest.ValidatorFromEnv(t)
	for _, c := range cases {
		t.Run(c.ID, func(t *testing.T) {
			fake := discordtest.New(t)
			s, err := NewDiscord(SessionConfig{APIURL: fake.APIURL(), AppID: payloadAppID})
			if err != nil {
				t.Fatal(err)
			}
			obs := newDispatches()
			opts := Options{Index: idx, Reindexer: idx, Observer: obs}
			if c.Run == "admin" {
				opts.AdminUserIDs = []string{payloadAdmin}
			}
			sg := newSigner(t)
			// Only a reply with files may be deferred here: a slow first answer on a loaded
			// machine is not what this test checks, so no deadline makes one.
			d := testDeadlines
			d.Defer, d.Respond = time.Minute, time.Minute
			ep := NewEndpoint(NewDispatcher(testBot(t, opts), d, nil), sg.pub, s, nil)
			srv := httptest.NewServer(ep)
			t.Cleanup(func() { srv.Close(); ep.Close(context.Background()) })

			status, resp, body := httpAnswerRaw(t, srv, sg, c.body)
			var in struct {
				AppID string `json:"application_id"`
				Token string `json:"token"`
			}
			json.Unmarshal(c.body, &in)
			if in.AppID == "" {
				in.AppID = payloadAppID
			}
			original := "/api/v9/webhooks/" + in.AppID + "/" + in.Token + "/messages/@original"
			outcome := ""
			if status == 200 && resp.Type != 1 {
				got, err := obs.wait(e2eTimeout(t, 30*time.Second), 1)
				if err != nil {
					t.Fatalf("the reply was not counted: %v", err)
				}
				outcome = got[0].outcome
			}
			checked := resp
			if status == 200 && resp.Type == 5 && c.Expect.Type == 4 {
				// A reply with a chart: Discord's HTTP response cannot carry files, so the
				// endpoint defers (publicly, like the reply) and edits in the message with its
				// files. The message the user sees is then what the manifest describes.
				// The edit draws the charts: seconds on a loaded machine under the race detector.
				edit, err := fake.Wait(e2eTimeout(t, 30*time.Second), discordtest.Match("PATCH", original))
				if err != nil {
					t.Fatalf("a deferral, and no edit with the message: %v", err)
				}
				if len(edit.Files) == 0 {
					t.Errorf("HTTP: a deferral for a message without files (type 4 expected)")
				}
				checked = sentResponse{Type: 4, Data: &sentMessage{Flags: resp.Data.Flags}}
				json.Unmarshal(edit.Body, checked.Data)
				checked.Data.Flags = resp.Data.Flags // an edit keeps the deferral's flags
				t.Logf("HTTP: deferred, then the message with %d file(s) as an edit", len(edit.Files))
			}
			c.check(t, "HTTP", status, checked, outcome)
			if status == 200 {
				if err := discordtest.CheckLimits("POST", "/interactions/1/t/callback", body); err != nil {
					t.Errorf("HTTP answer: %v", err)
				}
				if v != nil {
					if err := v.Validate("POST", "/interactions/1/t/callback", body); err != nil {
						t.Errorf("HTTP answer does not match Discord's OpenAPI description: %v", err)
					}
				}
			}
			if resp.Type == 5 && c.Expect.Type == 5 {
				if _, err := fake.Wait(e2eTimeout(t, 30*time.Second), discordtest.Match("PATCH", original)); err != nil {
					t.Errorf("no edit of the deferred answer at %s: %v", original, err)
				}
			}
		})
	}
}

// TestDiscordPayloadsOverTheGateway sends each payload as an INTERACTION_CREATE to a bot on
// the gateway; the fake fills in the id, application id and token a payload lacks (or has as
// numbers) and gives a payload whose id an earlier one used a new id. A payload the HTTP
// endpoint refuses with 400 gets no answer and a log line.
func TestDiscordPayloadsOverTheGateway(t *testing.T) {
	t.Parallel()
	cases := payloadCases(t)
	for _, run := range []string{"main", "admin"} {
		t.Run(run, func(t *testing.T) {
			t.Parallel()
			cfg := e2eConfig{factDir: true}
			if run == "admin" {
				cfg.adminUsers = []string{payloadAdmin}
			}
			e := startE2E(t, cfg)
			used := map[string]bool{}
			for _, c := range cases {
				if c.Run != run {
					continue
				}
				t.Run(c.ID, func(t *testing.T) {
					var m map[string]any
					dec := json.NewDecoder(strings.NewReader(string(c.body)))
					dec.UseNumber()
					if err := dec.Decode(&m); err != nil {
						t.Fatal(err)
					}
					if id, ok := m["id"].(string); ok && used[id] {
						m["id"] = strconv.FormatInt(time.Now().UnixNano(), 10)
					}
					if id, ok := m["id"].(string); ok {
						used[id] = true
					}
					if c.Expect.Status != 200 {
						in := e.fake.SendInteraction(m)
						if !eventually(5*time.Second, func() bool { return strings.Contains(e.logs.String(), "interaction="+in.ID) }) {
							t.Fatalf("gateway: no log line about the refused interaction %s", in.ID)
						}
						for _, r := range e.fake.Requests() {
							if r.Path == in.CallbackPath() {
								t.Errorf("gateway: answered %s, want no answer (HTTP gives %d)", r.Body, c.Expect.Status)
							}
						}
						return
					}
					in, resp := e.send(t, m)
					refusal := ""
					if resp.Type == 4 && resp.Data.Flags&64 != 0 && strings.Contains(resp.Data.Content, "can run /") {
						refusal = OutcomeRefused
					} else if resp.Type == 4 {
						refusal = OutcomeOK
					}
					c.check(t, "gateway", 200, resp, refusal)
					if resp.Type == 5 {
						if _, err := e.fake.Wait(e2eTimeout(t, 30*time.Second), discordtest.Match("PATCH", in.OriginalPath())); err != nil {
							t.Errorf("no edit of the deferred answer: %v", err)
						}
					}
				})
			}
		})
	}
}
