// Package bot turns the knowledge base into Discord responses. Handlers are pure: an
// interaction in, a response out. The terminal and the Discord session share them.
package bot

import (
	"context"
	"log/slog"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// Searcher finds the passages that answer a question.
type Searcher interface {
	Search(ctx context.Context, q string, n int) (*index.Result, error)
	Base() *knowledge.Base
}

// Bot answers interactions.
type Bot struct {
	search Searcher
	log    *slog.Logger
}

// New returns a Bot that answers from s.
func New(s Searcher, log *slog.Logger) *Bot {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Bot{search: s, log: log}
}

// request is an application command interaction with its options by name.
type request struct {
	i    *discordgo.Interaction
	opts map[string]*discordgo.ApplicationCommandInteractionDataOption
}

func (r request) str(name string) string {
	if o, ok := r.opts[name]; ok && o.Type == discordgo.ApplicationCommandOptionString {
		if s, ok := o.Value.(string); ok {
			return s
		}
	}
	return ""
}

func (r request) flag(name string) bool {
	if o, ok := r.opts[name]; ok && o.Type == discordgo.ApplicationCommandOptionBoolean {
		if b, ok := o.Value.(bool); ok {
			return b
		}
	}
	return false
}

// command is one slash command: what Discord is told about it and how it is answered.
type command struct {
	def *discordgo.ApplicationCommand
	run func(b *Bot, ctx context.Context, r request) *discordgo.InteractionResponse
}

// commands lists every slash command. Registration, dispatch, help and the terminal all read
// this one table.
var commands = []command{
	{
		def: &discordgo.ApplicationCommand{
			Name:        "ask",
			Description: "Ask a question about rare earths; get sourced facts and computed figures",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "Your question, e.g. How much rare earth oxide is at Beylikova?", Required: true, MaxLength: 500},
				{Type: discordgo.ApplicationCommandOptionBoolean, Name: "hide", Description: "Show the answer only to you"},
			},
		},
		run: (*Bot).ask,
	},
}

func lookup(name string) (command, bool) {
	for _, c := range commands {
		if c.def.Name == name {
			return c, true
		}
	}
	return command{}, false
}

// Commands returns the definitions of every slash command, for registration.
func Commands() []*discordgo.ApplicationCommand {
	out := make([]*discordgo.ApplicationCommand, len(commands))
	for i, c := range commands {
		out[i] = c.def
	}
	return out
}

// Respond answers an interaction. It never returns nil: anything it cannot answer gets an
// ephemeral sentence saying why.
func (b *Bot) Respond(ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
	var resp *discordgo.InteractionResponse
	switch {
	case i == nil || i.Data == nil:
		resp = errorResponse("That interaction had no data, so there is nothing to answer.")
	case i.Type == discordgo.InteractionApplicationCommand:
		data := i.ApplicationCommandData()
		c, ok := lookup(data.Name)
		if !ok {
			resp = errorResponse("I don't know the command /" + escapeInput(data.Name) + ". Try " + commandList() + ".")
			break
		}
		opts := map[string]*discordgo.ApplicationCommandInteractionDataOption{}
		for _, o := range data.Options {
			opts[o.Name] = o
		}
		resp = c.run(b, ctx, request{i: i, opts: opts})
	default:
		resp = errorResponse("This kind of interaction is not supported.")
	}
	fit(resp.Data)
	return resp
}

func commandList() string {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = "/" + c.def.Name
	}
	return strings.Join(names, ", ")
}

// noMentions is set on every message: no fact or echoed input can ping anyone.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// errorResponse is a clear sentence that only the user who asked sees.
func errorResponse(msg string) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content:         msg,
			Flags:           discordgo.MessageFlagsEphemeral,
			AllowedMentions: noMentions(),
		},
	}
}

// Interaction builds the interaction Discord would send for a slash command with string or
// boolean options, so that the terminal runs commands through the same handlers.
func Interaction(name string, options map[string]any) *discordgo.Interaction {
	data := discordgo.ApplicationCommandInteractionData{ID: "terminal", Name: name, CommandType: discordgo.ChatApplicationCommand}
	if c, ok := lookup(name); ok {
		for _, def := range c.def.Options {
			v, ok := options[def.Name]
			if !ok {
				continue
			}
			data.Options = append(data.Options, &discordgo.ApplicationCommandInteractionDataOption{Name: def.Name, Type: def.Type, Value: v})
		}
	}
	return &discordgo.Interaction{ID: "terminal", AppID: "terminal", Type: discordgo.InteractionApplicationCommand, Data: data, Token: "terminal"}
}
