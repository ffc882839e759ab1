package bot

// Tests of what real Discord traffic and a hostile server bring (issue 12): panics in a
// handler, interactions discordgo cannot decode, untrusted guild permissions, rate limits on
// every kind of interaction, replays and the paths /reindex shows.

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/index"
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
	idx, err := builtinIndex()
	if err != nil {
		t.Fatal(err)
	}
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
			t.Errorf("edits %+v, want the last one to be the apology", rec.edits)
		}
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
