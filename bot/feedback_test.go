package bot

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/bot/discordtest"
	"github.com/reedesk/reedesk/questions"
)

// TestGatewayCuratorLoop runs the curator's loop end to end against the fake Discord, with a
// real question log (SQLite): a question, a "Not helpful" vote with a comment through its
// modal, a question that finds nothing, then /curate shows the miss, the fact voted down and
// the comment. Every payload is checked by the fake, against the OpenAPI description when it
// is set.
func TestGatewayCuratorLoop(t *testing.T) {
	t.Parallel()
	store, err := questions.Open(context.Background(), questions.Options{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close(context.Background()) })
	e := startE2E(t, e2eConfig{questions: store})

	_, resp := e.send(t, discordtest.Command("ask", map[string]any{"question": drillQuestion}, discordtest.Member("user1", ordinaryMember)))
	resp, body := e.pressButton(t, resp.Data, notHelpfulButton, discordtest.Member("user2", ordinaryMember))
	var modal struct {
		Data struct {
			CustomID string `json:"custom_id"`
		} `json:"data"`
	}
	json.Unmarshal(body, &modal)
	if resp.Type != 9 || !strings.HasPrefix(modal.Data.CustomID, commentModal) {
		t.Fatalf("Not helpful answered %s, want the comment modal", body)
	}
	const comment = "The drilling figure is from 2025; is there anything newer?"
	_, resp = e.send(t, discordtest.ModalSubmit(modal.Data.CustomID, map[string]string{commentField: comment}, discordtest.Member("user2", ordinaryMember)))
	if resp.Type != 4 || resp.Data.Flags&64 == 0 || !strings.Contains(resp.Data.Content, "Thanks") {
		t.Errorf("comment submitted: type %d, flags %d, content %q; want private thanks", resp.Type, resp.Data.Flags, resp.Data.Content)
	}

	const miss = "What is the gold price per ounce?"
	_, resp = e.send(t, discordtest.Command("ask", map[string]any{"question": miss}, discordtest.Member("user3", ordinaryMember)))
	if len(resp.Data.Embeds) == 0 || resp.Data.Embeds[0].Title != "No match" {
		t.Fatalf("%q: %q, want No match", miss, resp.Data.Content)
	}

	// The log is written in the background: wait until it has nothing pending.
	if !eventually(10*time.Second, func() bool { s := store.Stats(); return s.Pending == 0 && s.Written >= 4 }) {
		t.Fatalf("the question log did not write its rows: %+v", store.Stats())
	}
	_, resp = e.send(t, discordtest.Command("curate", map[string]any{"since": "30d"}, discordtest.Member("mod1", ordinaryMember|discordgo.PermissionManageGuild)))
	if resp.Type != 4 || resp.Data.Flags&64 == 0 || len(resp.Data.Embeds) != 1 {
		t.Fatalf("/curate: type %d, flags %d, %d embeds; want one private embed", resp.Type, resp.Data.Flags, len(resp.Data.Embeds))
	}
	text := allEmbedText(resp.Data.Embeds[0])
	for _, want := range []string{"**2** questions", "**50 %** found nothing", "1× “" + miss + "”", "`" + drillFact + "`: 1 not helpful", comment} {
		if !strings.Contains(text, want) {
			t.Errorf("/curate shows %q, want it to contain %q", text, want)
		}
	}

	_, resp = e.send(t, discordtest.Command("curate", nil, discordtest.Member("user3", ordinaryMember)))
	if resp.Data.Flags&64 == 0 || !strings.Contains(resp.Data.Content, "Only members with the Manage Server permission") {
		t.Errorf("/curate by an ordinary member: %q, want a private refusal", resp.Data.Content)
	}
}
