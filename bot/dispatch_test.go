package bot

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/index"
)

// testDeadlines are Discord's deadlines, with the ones a fault test waits out shrunk: a
// test that sees a call to Discord give up, or a shutdown drain, does not wait seconds. The
// first response keeps Discord's deferral and response deadlines, so that a loaded machine
// (the race detector on two cores) answers as Discord would.
var testDeadlines = Deadlines{
	Defer:   DiscordDeadlines().Defer,
	Respond: DiscordDeadlines().Respond,
	REST:    2 * time.Second,
	Later:   time.Minute,
	Drain:   2 * time.Second,
}

// deferSoon defers any handler slower than 100 ms: tests of the deferral path.
var deferSoon = func() Deadlines {
	d := testDeadlines
	d.Defer = 100 * time.Millisecond
	return d
}()

// respondSoon gives up a first response after one second: tests of a Discord that does not
// answer.
var respondSoon = func() Deadlines {
	d := testDeadlines
	d.Respond = time.Second
	return d
}()

// recorder is a responder that keeps what the dispatcher sends.
type recorder struct {
	mu        sync.Mutex
	responses []*discordgo.InteractionResponse
	edits     []*discordgo.WebhookEdit
	removed   int
	followups []*discordgo.WebhookParams
	noUploads bool // like the HTTP endpoint: files go in an edit
}

func (r *recorder) respond(_ context.Context, _ *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	return record(&r.mu, &r.responses, resp)
}

func (r *recorder) edit(_ context.Context, _ *discordgo.Interaction, e *discordgo.WebhookEdit) error {
	return record(&r.mu, &r.edits, e)
}

func (r *recorder) uploads() bool { return !r.noUploads }

func (r *recorder) remove(context.Context, *discordgo.Interaction) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.removed++
	return nil
}

func (r *recorder) followup(_ context.Context, _ *discordgo.Interaction, p *discordgo.WebhookParams) error {
	return record(&r.mu, &r.followups, p)
}

// record appends v to what a recorder holds.
func record[T any](mu *sync.Mutex, list *[]T, v T) error {
	mu.Lock()
	defer mu.Unlock()
	*list = append(*list, v)
	return nil
}

// slowIndex takes its time to search, like an overloaded process, and may then fail.
type slowIndex struct {
	Index
	delay time.Duration
	err   error
}

func (s slowIndex) Search(ctx context.Context, q string, n int) (*index.Result, error) {
	time.Sleep(s.delay)
	if s.err != nil {
		return nil, s.err
	}
	return s.Index.Search(ctx, q, n)
}

func TestDispatchDefersSlowAnswers(t *testing.T) {
	t.Parallel()
	idx := testIndex(t)
	tests := []struct {
		name      string
		deadlines Deadlines
		delay     time.Duration
		wantTypes []discordgo.InteractionResponseType
		wantEdits int
	}{
		// Discord's 1.5 s: an answer that is not slow is never deferred, even on a busy machine.
		{"fast answer", testDeadlines, 0, []discordgo.InteractionResponseType{discordgo.InteractionResponseChannelMessageWithSource}, 0},
		{"slow answer", deferSoon, deferSoon.Defer + 200*time.Millisecond, []discordgo.InteractionResponseType{discordgo.InteractionResponseDeferredChannelMessageWithSource}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := testBot(t, Options{Index: slowIndex{Index: idx, delay: tt.delay}})
			rec := &recorder{}
			NewDispatcher(b, tt.deadlines, nil).Dispatch(context.Background(), Interaction("ask", map[string]any{"question": "How many locations were drilled at Beylikova?"}), rec)
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

// TestDispatchKeepsPrivateAnswersPrivate: a slow answer that only its sender may see stays
// private, whether the deferral could know it (hide:true) or not (an error sentence).
func TestDispatchKeepsPrivateAnswersPrivate(t *testing.T) {
	t.Parallel()
	idx := testIndex(t)
	slow := deferSoon.Defer + 200*time.Millisecond
	t.Run("hide:true", func(t *testing.T) {
		b := testBot(t, Options{Index: slowIndex{Index: idx, delay: slow}})
		rec := &recorder{}
		NewDispatcher(b, deferSoon, nil).Dispatch(context.Background(), Interaction("ask", map[string]any{"question": "neodymium", "hide": true}), rec)
		if len(rec.responses) != 1 || rec.responses[0].Data == nil || rec.responses[0].Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
			t.Fatalf("deferral %+v, want a private one", rec.responses)
		}
		if len(rec.edits) != 1 || rec.removed != 0 || len(rec.followups) != 0 {
			t.Errorf("%d edits, %d removals, %d followups; want the private deferral edited", len(rec.edits), rec.removed, len(rec.followups))
		}
	})
	t.Run("slow error on a public command", func(t *testing.T) {
		b := testBot(t, Options{Index: slowIndex{Index: idx, delay: slow, err: errors.New("disk on fire")}})
		rec := &recorder{}
		NewDispatcher(b, deferSoon, nil).Dispatch(context.Background(), Interaction("ask", map[string]any{"question": "neodymium"}), rec)
		if rec.removed != 1 || len(rec.followups) != 1 || len(rec.edits) != 0 {
			t.Fatalf("%d removals, %d followups, %d edits; want the public deferral replaced by a private followup", rec.removed, len(rec.followups), len(rec.edits))
		}
		if f := rec.followups[0]; f.Flags&discordgo.MessageFlagsEphemeral == 0 || f.Content != apology {
			t.Errorf("followup %+v, want the private apology", f)
		}
	})
}

// TestDispatchAnswersACommandWithoutData: an application command that carries no data (a
// malformed payload) still gets a reply; working out whether its deferral would be private
// must not stop the dispatch first.
func TestDispatchAnswersACommandWithoutData(t *testing.T) {
	t.Parallel()
	rec := &recorder{}
	i := &discordgo.Interaction{ID: "1", Type: discordgo.InteractionApplicationCommand, Token: "t"}
	NewDispatcher(testBot(t, Options{}), testDeadlines, nil).Dispatch(context.Background(), i, rec)
	if len(rec.responses) != 1 || rec.responses[0].Data == nil || rec.responses[0].Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("got %d responses, want one private sentence", len(rec.responses))
	}
}
