package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/reedesk/reedesk/bot"
)

func registerCommand() subcommand {
	return subcommand{
		name:    "register",
		summary: "Replace the bot's slash commands on Discord: in DISCORD_GUILD_ID when set, else globally.",
		run: func(ctx context.Context, s stdio, args []string) error {
			if len(args) > 0 {
				return usageError{cmd: "register", msg: "takes no arguments"}
			}
			c, err := loadConfig(s.getenv, needToken)
			if err != nil {
				return err
			}
			sc := sessionConfig(c)
			session, err := bot.NewDiscord(sc)
			if err != nil {
				return err
			}
			cmds, err := bot.Register(ctx, session, sc)
			if err != nil {
				return err
			}
			where := "globally (Discord may take up to an hour to show them everywhere)"
			if c.GuildID != "" {
				where = "in guild " + c.GuildID
			}
			var names []string
			for _, cmd := range cmds {
				names = append(names, "/"+cmd.Name)
			}
			fmt.Fprintf(s.stdout, "Registered %d commands %s: %s\n", len(cmds), where, strings.Join(names, " "))
			return nil
		},
	}
}

// slashNames lists the slash commands, for the help text.
func slashNames() []string {
	var names []string
	for _, c := range bot.Commands() {
		names = append(names, "/"+c.Name)
	}
	return names
}
