package bot

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/index"
)

// recorder is a responder that keeps what the dispatcher sends.
type recorder struct {
	mu        sync.Mutex
	responses []*discordgo.InteractionResponse
	edits     []*discordgo.WebhookEdit
}

func (r *recorder) respond(_ context.Context, _ *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.responses = append(r.responses, resp)
	return nil
}

func (r *recorder) edit(_ context.Context, _ *discordgo.Interaction, e *discordgo.WebhookEdit) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.edits = append(r.edits, e)
	return nil
}

// slowIndex takes its time to search, like an overloaded process.
type slowIndex struct {
	Index
	delay time.Duration
}

func (s slowIndex) Search(ctx context.Context, q string, n int) (*index.Result, error) {
	time.Sleep(s.delay)
	return s.Index.Search(ctx, q, n)
}

func TestDispatchDefersSlowAnswers(t *testing.T) {
	idx, err := builtinIndex()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		delay     time.Duration
		wantTypes []discordgo.InteractionResponseType
		wantEdits int
	}{
		{"fast answer", 0, []discordgo.InteractionResponseType{discordgo.InteractionResponseChannelMessageWithSource}, 0},
		{"slow answer", deferAfter + 500*time.Millisecond, []discordgo.InteractionResponseType{discordgo.InteractionResponseDeferredChannelMessageWithSource}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := testBot(t, Options{Index: slowIndex{idx, tt.delay}})
			rec := &recorder{}
			Dispatch(context.Background(), b, Interaction("ask", map[string]any{"question": "How many locations were drilled at Beylikova?"}), rec, slog.New(slog.DiscardHandler))
			var types []discordgo.InteractionResponseType
			for _, r := range rec.responses {
				types = append(types, r.Type)
			}
			if len(types) != len(tt.wantTypes) || types[0] != tt.wantTypes[0] {
				t.Fatalf("responses %v, want %v", types, tt.wantTypes)
			}
			if len(rec.edits) != tt.wantEdits {
				t.Fatalf("%d edits, want %d", len(rec.edits), tt.wantEdits)
			}
			if tt.wantEdits > 0 {
				e := rec.edits[0]
				if e.Embeds == nil || len(*e.Embeds) == 0 || e.AllowedMentions == nil || len(e.AllowedMentions.Parse) != 0 {
					t.Errorf("deferred answer edit = %+v, want the answer's embeds and no mentions", e)
				}
			}
		})
	}
}
