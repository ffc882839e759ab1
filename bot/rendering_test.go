package bot

import (
	"encoding/json"
	"testing"
)

// TestRepeatedQuestionsRenderAlike: a repeated question is rendered from a copy of the first
// rendering, so what one reply changes (cut marks, a chart, the hide flag, a follow-up line)
// never reaches the next.
func TestRepeatedQuestionsRenderAlike(t *testing.T) {
	b := testBot(t, Options{})
	for _, q := range []string{"Brazil vs Vietnam reserves", "How much rare earth oxide is at Beylikova?", "What is the capital of France?"} {
		t.Run(q, func(t *testing.T) {
			ask := func(hide bool) []byte {
				opts := map[string]any{"question": q}
				if hide {
					opts["hide"] = true
				}
				r := b.Respond(t.Context(), Interaction("ask", opts))
				d := r.Response.Data
				d.Flags = 0
				d.Files = nil // a reader, read once
				out, err := json.Marshal(d)
				if err != nil {
					t.Fatal(err)
				}
				return out
			}
			first := ask(false)
			r := b.Respond(t.Context(), Interaction("ask", map[string]any{"question": q}))
			for _, e := range r.Response.Data.Embeds {
				e.Title, e.Description = "changed", "changed"
				for _, f := range e.Fields {
					f.Value = "changed"
				}
			}
			r.Response.Data.Content = "changed"
			if got := ask(true); string(got) != string(first) {
				t.Errorf("got %s after changing an earlier reply, want %s", got, first)
			}
		})
	}
}
