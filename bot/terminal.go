package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// ParseCommand reads a slash command as it is typed in Discord, such as
// "/stats topic:world production" or "/ask question:grade at Beylikova hide:true", into the
// interaction Discord would send. With complete, the last option given is the one being typed,
// and the interaction asks for autocomplete.
func ParseCommand(line string, complete bool) (*discordgo.Interaction, error) {
	line = strings.TrimSpace(line)
	if !strings.HasPrefix(line, "/") {
		return nil, fmt.Errorf("a command starts with /, as in /stats topic:beylikova; commands: %s", commandList())
	}
	name, rest, _ := strings.Cut(line[1:], " ")
	c, ok := lookup(name)
	if !ok {
		return nil, fmt.Errorf("unknown command /%s; commands: %s", name, commandList())
	}
	values, order, err := parseOptions(c, rest)
	if err != nil {
		return nil, err
	}
	i := Interaction(name, values)
	if complete {
		if len(order) == 0 {
			return nil, fmt.Errorf("give the option being typed, as in /%s %s:", name, firstOption(c))
		}
		i.Type = discordgo.InteractionApplicationCommandAutocomplete
		data := i.ApplicationCommandData()
		for _, o := range data.Options {
			o.Focused = o.Name == order[len(order)-1]
		}
		i.Data = data
	}
	return i, nil
}

func firstOption(c command) string {
	if len(c.def.Options) == 0 {
		return "option"
	}
	return c.def.Options[0].Name
}

// parseOptions splits "a:1 b:two words" at the command's own option names.
func parseOptions(c command, rest string) (map[string]any, []string, error) {
	values := map[string]any{}
	var order []string
	if strings.TrimSpace(rest) == "" {
		return values, nil, nil
	}
	var names []string
	for _, o := range c.def.Options {
		names = append(names, regexp.QuoteMeta(o.Name))
	}
	if len(names) == 0 {
		return nil, nil, fmt.Errorf("/%s takes no options", c.def.Name)
	}
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	re := regexp.MustCompile(`(?:^|\s)(` + strings.Join(names, "|") + `):`)
	marks := re.FindAllStringSubmatchIndex(rest, -1)
	if len(marks) == 0 || strings.TrimSpace(rest[:marks[0][0]]) != "" {
		return nil, nil, fmt.Errorf("options are written name:value; /%s takes %s", c.def.Name, strings.Join(names, ", "))
	}
	for k, m := range marks {
		name := rest[m[2]:m[3]]
		end := len(rest)
		if k+1 < len(marks) {
			end = marks[k+1][0]
		}
		raw := strings.TrimSpace(rest[m[1]:end])
		var def *discordgo.ApplicationCommandOption
		for _, o := range c.def.Options {
			if o.Name == name {
				def = o
			}
		}
		switch def.Type {
		case discordgo.ApplicationCommandOptionBoolean:
			v, err := strconv.ParseBool(raw)
			if err != nil {
				return nil, nil, fmt.Errorf("%s takes true or false, not %q", name, raw)
			}
			values[name] = v
		default:
			values[name] = raw
		}
		order = append(order, name)
	}
	return values, order, nil
}

// RunTerminal answers an interaction the way the Discord session would, and writes the
// response and each later edit to w: as text for a reader, or with asJSON as the payloads
// Discord receives, one JSON document per line (the response, then each edit).
func RunTerminal(ctx context.Context, b *Bot, i *discordgo.Interaction, w io.Writer, asJSON, ansi bool) error {
	reply := b.Respond(ctx, i)
	write := func(v any, text string) error {
		if asJSON {
			enc := json.NewEncoder(w)
			enc.SetEscapeHTML(false)
			return enc.Encode(v)
		}
		_, err := io.WriteString(w, text)
		return err
	}
	if err := write(reply.Response, Text(reply.Response, ansi)); err != nil {
		return err
	}
	if reply.Later == nil {
		return nil
	}
	var werr error
	reply.Later(ctx, func(e *discordgo.WebhookEdit) error {
		resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: &discordgo.InteractionResponseData{}}
		if e.Content != nil {
			resp.Data.Content = *e.Content
		}
		if e.Embeds != nil {
			resp.Data.Embeds = *e.Embeds
		}
		if err := write(e, "\n"+Text(resp, ansi)); err != nil && werr == nil {
			werr = err
		}
		return werr
	})
	return werr
}
