package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/bot/discordtest"
)

// FuzzAsk sends any text to /ask: the answer is always a message within Discord's limits that
// pings no one.
func FuzzAsk(f *testing.F) {
	for _, s := range []string{"How many locations were drilled at Beylikova?", "neodymum", "+-:(", `"unterminated`, "*", "@everyone <@&1>", strings.Repeat("ş", 3000), "\x00\x1b[31m", "🧲", "ثوريوم"} {
		f.Add(s)
	}
	b := testBot(f, Options{})
	f.Fuzz(func(t *testing.T, q string) {
		reply := b.Respond(context.Background(), Interaction("ask", map[string]any{"question": q}))
		if reply.Response == nil || reply.Response.Data == nil {
			t.Fatalf("ask %q: no message", q)
		}
		checkReplyLimits(t, fmt.Sprintf("ask %q", q), reply.Response)
	})
}

// FuzzInteraction decodes any bytes as an interaction, as the HTTP endpoint and the gateway do,
// and answers it: a clear reply or a decoding error, never a panic, and every reply within
// Discord's limits.
func FuzzInteraction(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "interactions", "*.json"))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"type":2,"data":{"name":"ask","options":[{"name":"question","type":5,"value":"x"}]}}`))
	f.Add([]byte(`{"type":3,"data":{"custom_id":"more:"}}`))
	f.Add([]byte(`{"type":4,"data":{"name":"compare","options":[{"name":"a","type":3,"value":"x","focused":true}]}}`))
	f.Add([]byte(`{"type":2}`))
	// nulls where discordgo decodes nil pointers, and component types newer than discordgo
	f.Add([]byte(`{"type":4,"data":{"name":"stats","options":[null,{"name":"topic","type":3,"value":"bey","focused":true}]}}`))
	f.Add([]byte(`{"type":2,"data":{"name":"ask","options":[null,{"name":"hide","type":5,"value":true},{"name":"question","type":3,"value":null}]},"member":{"user":null,"permissions":"32"},"guild_id":"1"}`))
	f.Add([]byte(`{"type":2,"data":{"name":"reindex","options":[{"name":"x","type":1,"options":[null]}]},"member":null,"user":null,"authorizing_integration_owners":null}`))
	f.Add([]byte(`{"type":5,"data":{"custom_id":"x","components":[null,{"type":18,"label":"Q","component":{"type":4,"custom_id":"q","value":"Nd"}},{"type":1,"components":[null,{"type":99}]}]}}`))
	f.Add([]byte(`{"type":3,"data":{"custom_id":"more:neodymium","component_type":2,"values":[null]},"message":{"id":"1","flags":"222","components":[{"type":1000000000},null]}}`))
	f.Add([]byte(`{"type":2,"context":1,"data":{"name":"about"},"authorizing_integration_owners":{"0":0,"1":null}}`))
	b := testBot(f, Options{})
	f.Fuzz(func(t *testing.T, data []byte) {
		i, err := DecodeInteraction(data)
		if err != nil {
			return
		}
		reply := b.Respond(context.Background(), i)
		if reply.Response == nil {
			t.Fatalf("no response to %s", data)
		}
		checkReplyLimits(t, fmt.Sprintf("reply to %s", data), reply.Response)
	})
}

// checkReplyLimits fails the test when a first response breaks one of Discord's limits.
func checkReplyLimits(t *testing.T, what string, resp *discordgo.InteractionResponse) {
	t.Helper()
	body, err := json.Marshal(resp)
	if err != nil {
		t.Fatal(err)
	}
	if err := discordtest.CheckLimits("POST", "/interactions/x/y/callback", body); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}
