package discordtest

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Interaction types and option types, as Discord numbers them.
const (
	typeCommand      = 2
	typeComponent    = 3
	typeAutocomplete = 4
	typeModalSubmit  = 5

	optSubcommand      = 1
	optSubcommandGroup = 2
	optString          = 3
	optInteger         = 4
	optBoolean         = 5
	optNumber          = 10

	componentActionRow = 1
	componentButton    = 2
	componentTextInput = 4
)

// memberPermissions is what an ordinary member has: view channel, send messages, read
// history and use application commands; no moderation or admin bits.
const memberPermissions = 1<<10 | 1<<11 | 1<<16 | 1<<31

// InteractionOption adjusts an interaction built by Command, Autocomplete or Button.
type InteractionOption func(map[string]any)

// Member makes the interaction come from a guild member with these permission bits and roles.
func Member(userID string, permissions int64, roles ...string) InteractionOption {
	return func(m map[string]any) {
		if m["guild_id"] == nil {
			m["guild_id"] = "guild1"
		}
		delete(m, "user")
		m["context"] = 0
		m["member"] = member(userID, permissions, roles)
	}
}

// DM makes the interaction come from a direct message with the bot: a user and no guild.
func DM(userID string) InteractionOption {
	return func(m map[string]any) {
		for _, k := range []string{"guild_id", "guild_locale", "member"} {
			delete(m, k)
		}
		m["user"] = user(userID)
		m["channel_id"] = "dm-" + userID
		m["channel"] = map[string]any{"id": "dm-" + userID, "type": 1}
		m["context"] = 1
	}
}

// With sets a top-level field, for anything the other options do not cover
// (e.g. With("locale", "tr")).
func With(key string, value any) InteractionOption {
	return func(m map[string]any) { m[key] = value }
}

// Command builds a slash command interaction (type 2). A name with spaces addresses a
// subcommand ("kb reload") or a subcommand in a group ("kb admin reload"). Option values may be
// string, int, int64, float64 or bool; any other type panics. By default the user is "user1",
// a member of "guild1" without special permissions, in channel "chan1".
func Command(name string, options map[string]any, opts ...InteractionOption) map[string]any {
	return build(typeCommand, commandData(name, options, ""), opts)
}

// Autocomplete builds an autocomplete interaction (type 4) for the option named focused,
// whose value is what the user has typed so far.
func Autocomplete(name, focused string, options map[string]any, opts ...InteractionOption) map[string]any {
	if _, ok := options[focused]; !ok {
		options = maps.Clone(options)
		if options == nil {
			options = map[string]any{}
		}
		options[focused] = ""
	}
	return build(typeAutocomplete, commandData(name, options, focused), opts)
}

// Button builds a button click (type 3) on a message the bot sent.
func Button(customID string, opts ...InteractionOption) map[string]any {
	data := map[string]any{"custom_id": customID, "component_type": componentButton}
	m := build(typeComponent, data, opts)
	m["message"] = map[string]any{
		"id": "msg1", "channel_id": m["channel_id"], "type": 0, "content": "",
	}
	return m
}

// ModalSubmit builds the submission (type 5) of a modal the bot opened, with the values typed
// in its text inputs by custom id.
func ModalSubmit(customID string, values map[string]string, opts ...InteractionOption) map[string]any {
	var rows []any
	for id, v := range values {
		rows = append(rows, map[string]any{"type": componentActionRow, "components": []any{
			map[string]any{"type": componentTextInput, "custom_id": id, "value": v},
		}})
	}
	m := build(typeModalSubmit, map[string]any{"custom_id": customID, "components": rows}, opts)
	m["message"] = map[string]any{
		"id": "msg1", "channel_id": m["channel_id"], "type": 0, "content": "",
	}
	return m
}

func build(typ int, data map[string]any, opts []InteractionOption) map[string]any {
	m := map[string]any{
		"type":         typ,
		"data":         data,
		"guild_id":     "guild1",
		"channel_id":   "chan1",
		"member":       member("user1", memberPermissions, nil),
		"locale":       "en-US",
		"guild_locale": "en-US",
		"context":      0,
	}
	for _, o := range opts {
		o(m)
	}
	return m
}

func user(id string) map[string]any {
	return map[string]any{"id": id, "username": id, "global_name": id, "discriminator": "0"}
}

func member(userID string, permissions int64, roles []string) map[string]any {
	if roles == nil {
		roles = []string{}
	}
	return map[string]any{
		"user":        user(userID),
		"roles":       roles,
		"permissions": strconv.FormatInt(permissions, 10), // Discord sends bits as a string
		"joined_at":   "2024-01-01T00:00:00Z",
	}
}

func commandData(name string, options map[string]any, focused string) map[string]any {
	words := strings.Fields(name)
	if len(words) == 0 {
		panic("discordtest: empty command name")
	}
	opts := leafOptions(options, focused)
	// Wrap the options in the subcommand and group, innermost first.
	for i := len(words) - 1; i >= 1; i-- {
		typ := optSubcommand
		if i < len(words)-1 {
			typ = optSubcommandGroup
		}
		opts = []any{map[string]any{"name": words[i], "type": typ, "options": opts}}
	}
	return map[string]any{"id": "cmd-" + words[0], "name": words[0], "type": 1, "options": opts}
}

func leafOptions(options map[string]any, focused string) []any {
	out := []any{}
	for _, name := range slices.Sorted(maps.Keys(options)) {
		o := map[string]any{"name": name, "value": options[name], "type": optionType(name, options[name])}
		if name == focused {
			o["focused"] = true
		}
		out = append(out, o)
	}
	return out
}

func optionType(name string, v any) int {
	switch v.(type) {
	case string:
		return optString
	case int, int64:
		return optInteger
	case float64:
		return optNumber
	case bool:
		return optBoolean
	}
	panic(fmt.Sprintf("discordtest: option %q has unsupported type %T (use string, int, int64, float64 or bool)", name, v))
}
