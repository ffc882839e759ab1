package discordtest

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"
)

// Paths as discordgo sends them.
const (
	callbackPath = "/api/v9/interactions/1/tok/callback"
	originalPath = "/api/v9/webhooks/app1/tok/messages/@original"
	followupPath = "/api/v9/webhooks/app1/tok?wait=true"
	commandsPath = "/api/v9/applications/app1/commands"
	guildCmdPath = "/api/v9/applications/app1/guilds/guild1/commands"
)

type payload struct {
	name   string
	method string
	path   string
	body   any // marshalled as discordgo does (json.Marshal of its structs)
}

func reply(d *discordgo.InteractionResponseData) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: d}
}

func embeds(n int, desc string) []*discordgo.MessageEmbed {
	var es []*discordgo.MessageEmbed
	for range n {
		es = append(es, &discordgo.MessageEmbed{Title: "t", Description: desc})
	}
	return es
}

func choices(n int, value string) []*discordgo.ApplicationCommandOptionChoice {
	var cs []*discordgo.ApplicationCommandOptionChoice
	for range n {
		cs = append(cs, &discordgo.ApplicationCommandOptionChoice{Name: "c", Value: value})
	}
	return cs
}

func command(name string) []*discordgo.ApplicationCommand {
	return []*discordgo.ApplicationCommand{{Name: name, Description: "d"}}
}

// good are payloads the bot is expected to send; both checkers must accept them.
func good() []payload {
	content := "Neodymium"
	perm := int64(discordgo.PermissionManageGuild)
	return []payload{
		{"reply with embed", "POST", callbackPath, reply(&discordgo.InteractionResponseData{
			Content: "x", AllowedMentions: noPings,
			Embeds: []*discordgo.MessageEmbed{{
				Title: "Nd", Description: "Neodymium", Color: 0x3366ff, URL: "https://example.com/nd",
				Footer: &discordgo.MessageEmbedFooter{Text: "source"}, Author: &discordgo.MessageEmbedAuthor{Name: "REE Desk"},
				Fields: []*discordgo.MessageEmbedField{{Name: "Symbol", Value: "Nd", Inline: true}},
			}},
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.Button{Label: "Next", CustomID: "page:2"},
			}}},
		})},
		{"embeds of exactly 6000 characters, Turkish, padded", "POST", callbackPath, reply(&discordgo.InteractionResponseData{
			AllowedMentions: noPings,
			Embeds: []*discordgo.MessageEmbed{
				{Description: "  " + strings.Repeat("ş", 3000) + "\n"},
				{Description: strings.Repeat("İ", 3000)},
			},
		})},
		{"deferred ephemeral", "POST", callbackPath, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral},
		}},
		{"deferred update", "POST", callbackPath, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}},
		{"update message", "POST", callbackPath, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseUpdateMessage,
			Data: &discordgo.InteractionResponseData{Content: "page 2", AllowedMentions: noPings},
		}},
		{"autocomplete, 25 choices of 100", "POST", callbackPath, &discordgo.InteractionResponse{
			Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: choices(25, strings.Repeat("é", 100))},
		}},
		{"edit original", "PATCH", originalPath, &discordgo.WebhookEdit{Content: &content, AllowedMentions: noPings}},
		{"followup", "POST", followupPath, &discordgo.WebhookParams{
			Content: "more", Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noPings}},
		{"commands", "PUT", commandsPath, []*discordgo.ApplicationCommand{{
			Name: "ask", Description: "Ask", NameLocalizations: &map[discordgo.Locale]string{discordgo.Turkish: "sor"},
			Options: []*discordgo.ApplicationCommandOption{{
				Type: discordgo.ApplicationCommandOptionString, Name: "element", Description: "Element",
				Choices: choices(2, "nd"),
			}},
		}, {
			Name: "reindex", Description: "Rebuild", DefaultMemberPermissions: &perm,
		}, {
			Type: discordgo.MessageApplicationCommand, Name: "Explain This",
		}}},
		{"guild commands, Hindi name", "PUT", guildCmdPath, command("खोज")},
		{"no commands", "PUT", commandsPath, []*discordgo.ApplicationCommand(nil)},
	}
}

// bad are payloads that break one rule each; wantSpec marks what only the schema catches.
func bad() []struct {
	payload
	pointer  string
	wantSpec bool
} {
	type tc = struct {
		payload
		pointer  string
		wantSpec bool
	}
	return []tc{
		{payload{"title of 300", "POST", callbackPath, reply(&discordgo.InteractionResponseData{
			AllowedMentions: noPings, Embeds: []*discordgo.MessageEmbed{{Title: strings.Repeat("a", 300)}}})},
			"/data/embeds/0/title", true},
		{payload{"content of 2001", "PATCH", originalPath, &discordgo.WebhookEdit{
			Content: ptr(strings.Repeat("a", 2001)), AllowedMentions: noPings}},
			"/content", true},
		{payload{"11 embeds", "POST", followupPath, &discordgo.WebhookParams{
			Embeds: embeds(11, "d"), AllowedMentions: noPings}},
			"/embeds", true},
		{payload{"26 choices", "POST", callbackPath, &discordgo.InteractionResponse{
			Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: choices(26, "v")}}},
			"/data/choices", true},
		{payload{"two embeds of 4000", "POST", callbackPath, reply(&discordgo.InteractionResponseData{
			AllowedMentions: noPings, Embeds: embeds(2, strings.Repeat("ğ", 4000))})},
			"/data/embeds", false},
		{payload{"6001 across fields, footer, author", "PATCH", originalPath, &discordgo.WebhookEdit{
			AllowedMentions: noPings, Embeds: &[]*discordgo.MessageEmbed{{
				Fields: []*discordgo.MessageEmbedField{{Name: "n", Value: strings.Repeat("v", 1000)}},
				Footer: &discordgo.MessageEmbedFooter{Text: strings.Repeat("f", 2000)},
				Author: &discordgo.MessageEmbedAuthor{Name: "a"},
			}, {Description: strings.Repeat("d", 2999)}}}},
			"/embeds", false},
		{payload{"uppercase command name", "PUT", commandsPath, command("Search")},
			"/0/name", false},
		{payload{"command name with a space", "POST", commandsPath, command("rare earth")[0]},
			"/name", false},
		{payload{"uppercase option name", "PUT", guildCmdPath, []*discordgo.ApplicationCommand{{
			Name: "ask", Description: "d", Options: []*discordgo.ApplicationCommandOption{{
				Type: discordgo.ApplicationCommandOptionString, Name: "Question", Description: "d"}}}}},
			"/0/options/0/name", false},
		{payload{"101-character choice value", "POST", callbackPath, &discordgo.InteractionResponse{
			Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: choices(1, strings.Repeat("ı", 101))}}},
			"/data/choices/0/value", false},
		{payload{"message without allowed_mentions", "POST", callbackPath, reply(&discordgo.InteractionResponseData{Content: "hi"})},
			"/data/allowed_mentions", false},
		{payload{"followup that may ping users", "POST", followupPath, &discordgo.WebhookParams{
			Content: "hi", AllowedMentions: &discordgo.MessageAllowedMentions{
				Parse: []discordgo.AllowedMentionType{discordgo.AllowedMentionTypeUsers}}}},
			"/allowed_mentions/parse", false},
	}
}

func ptr[T any](v T) *T { return &v }

func marshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// pointers returns where a *ValidationError found problems.
func pointers(t *testing.T, err error) []string {
	t.Helper()
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v, want a *ValidationError", err)
	}
	var ps []string
	for _, p := range ve.Problems {
		ps = append(ps, p.Pointer)
	}
	return ps
}

func TestCheckLimits(t *testing.T) {
	t.Parallel()
	for _, p := range good() {
		if err := CheckLimits(p.method, p.path, marshal(t, p.body)); err != nil {
			t.Errorf("%s: %v", p.name, err)
		}
	}
	for _, tc := range bad() {
		err := CheckLimits(tc.method, tc.path, marshal(t, tc.body))
		if tc.wantSpec {
			if err != nil {
				t.Errorf("%s: %v, want it left to the schema", tc.name, err)
			}
			continue
		}
		if d := cmp.Diff([]string{tc.pointer}, pointers(t, err)); d != "" {
			t.Errorf("%s: problems at (-want +got):\n%s\n%v", tc.name, d, err)
		}
	}
}

func TestCheckLimitsInputs(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, method, path, body string
		want                     error
	}{
		{"unknown route", "POST", "/api/v9/channels/1/messages", `{}`, ErrUnknownRoute},
		{"GET has no payload", "GET", commandsPath, ``, ErrUnknownRoute},
		{"without prefix", "POST", "/webhooks/app1/tok", `{"allowed_mentions":{"parse":[]}}`, nil},
	} {
		if err := CheckLimits(tc.method, tc.path, []byte(tc.body)); !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
		}
	}
	err := CheckLimits("POST", callbackPath, []byte(`{"type":4,`))
	if d := cmp.Diff([]string{""}, pointers(t, err)); d != "" || !strings.Contains(err.Error(), "not JSON") {
		t.Errorf("truncated body: %v", err)
	}
}

// specValidator skips tests that need Discord's OpenAPI description when it is not available.
func specValidator(t *testing.T) *Validator {
	t.Helper()
	v := ValidatorFromEnv(t)
	if v == nil {
		t.Skipf("skipping: set %s to Discord's openapi.json (../shared/discord-api-spec/openapi.json) to validate against the spec", SpecEnv)
	}
	return v
}

func TestValidator(t *testing.T) {
	t.Parallel()
	v := specValidator(t)
	for _, p := range good() {
		if err := v.Validate(p.method, p.path, marshal(t, p.body)); err != nil {
			t.Errorf("%s: %v", p.name, err)
		}
	}
	for _, tc := range bad() {
		err := v.Validate(tc.method, tc.path, marshal(t, tc.body))
		if d := cmp.Diff([]string{tc.pointer}, pointers(t, err)); d != "" {
			t.Errorf("%s: problems at (-want +got):\n%s\n%v", tc.name, d, err)
		}
	}
}

func TestValidatorMessages(t *testing.T) {
	t.Parallel()
	v := specValidator(t)
	for _, tc := range []struct {
		name, method, path, body string
		want                     []Problem
	}{
		{"unknown callback type", "POST", callbackPath, `{"type":3}`,
			[]Problem{{"/type", "unknown interaction callback type 3"}}},
		{"title too long", "POST", callbackPath,
			`{"type":4,"data":{"allowed_mentions":{"parse":[]},"embeds":[{"title":"` + strings.Repeat("x", 257) + `"}]}}`,
			[]Problem{{"/data/embeds/0/title", "maxLength: got 257, want 256"}}},
		{"wrong field type in a component", "PATCH", originalPath,
			`{"allowed_mentions":{"parse":[]},"components":[{"type":1,"components":[{"type":2,"style":1,"label":7,"custom_id":"a"}]}]}`,
			[]Problem{{"/components/0/components/0/label", "got number, want null or string"}}},
	} {
		err := v.Validate(tc.method, tc.path, []byte(tc.body))
		var ve *ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s: err = %v", tc.name, err)
			continue
		}
		if d := cmp.Diff(tc.want, ve.Problems); d != "" {
			t.Errorf("%s: problems (-want +got):\n%s", tc.name, d)
		}
	}
}
