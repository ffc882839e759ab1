package bot

import (
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"
)

func TestParseCommand(t *testing.T) {
	tests := []struct {
		line     string
		complete bool
		name     string
		options  map[string]any
		focused  string
		wantErr  bool
	}{
		{line: "/stats topic:beylikova", name: "stats", options: map[string]any{"topic": "beylikova"}},
		{line: "/stats topic:world production", name: "stats", options: map[string]any{"topic": "world production"}},
		{line: "/ask question:grade at Beylikova: is it 1.8? hide:true", name: "ask", options: map[string]any{"question": "grade at Beylikova: is it 1.8?", "hide": true}},
		{line: "/compare a:beylikova_reo b:usgs_reserves_china", name: "compare", options: map[string]any{"a": "beylikova_reo", "b": "usgs_reserves_china"}},
		{line: "/about", name: "about", options: map[string]any{}},
		{line: "/element name:neo", complete: true, name: "element", options: map[string]any{"name": "neo"}, focused: "name"},
		{line: "stats topic:x", wantErr: true},
		{line: "/nope", wantErr: true},
		{line: "/stats beylikova", wantErr: true},
		{line: "/ask question:x hide:maybe", wantErr: true},
		{line: "/about extra:1", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			i, err := ParseCommand(tt.line, tt.complete)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseCommand(%q) error = %v, want error %v", tt.line, err, tt.wantErr)
			}
			if err != nil {
				return
			}
			data := i.ApplicationCommandData()
			got := map[string]any{}
			focused := ""
			for _, o := range data.Options {
				got[o.Name] = o.Value
				if o.Focused {
					focused = o.Name
				}
			}
			if data.Name != tt.name {
				t.Errorf("command = %q, want %q", data.Name, tt.name)
			}
			if diff := cmp.Diff(tt.options, got); diff != "" {
				t.Errorf("options differ (-want +got):\n%s", diff)
			}
			if focused != tt.focused {
				t.Errorf("focused = %q, want %q", focused, tt.focused)
			}
			wantType := discordgo.InteractionApplicationCommand
			if tt.complete {
				wantType = discordgo.InteractionApplicationCommandAutocomplete
			}
			if i.Type != wantType {
				t.Errorf("type = %v, want %v", i.Type, wantType)
			}
		})
	}
}
