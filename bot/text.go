package bot

import (
	"strings"

	"github.com/bwmarrin/discordgo"
)

// Text renders a response for a terminal: the same content, embeds and fields, without
// Discord markdown. With ansi, bold text stays bold.
func Text(resp *discordgo.InteractionResponse, ansi bool) string {
	var b strings.Builder
	d := resp.Data
	if d == nil {
		switch resp.Type {
		case discordgo.InteractionResponseDeferredChannelMessageWithSource:
			return "(thinking…)\n"
		}
		return ""
	}
	if d.Flags&discordgo.MessageFlagsEphemeral != 0 {
		b.WriteString("(only you can see this)\n")
	}
	if d.Content != "" {
		b.WriteString(plain(d.Content, ansi) + "\n")
	}
	for i, e := range d.Embeds {
		if i > 0 || d.Content != "" {
			b.WriteString("\n")
		}
		if e.Title != "" {
			title := plain(e.Title, false)
			if ansi {
				title = "\x1b[1m" + title + "\x1b[0m"
			}
			b.WriteString("▌ " + title + "\n")
		}
		if e.Description != "" {
			b.WriteString(indent(plain(e.Description, ansi)) + "\n")
		}
		for _, f := range e.Fields {
			b.WriteString("\n  " + plain(f.Name, false) + "\n")
			b.WriteString(indent(indent(plain(f.Value, ansi))) + "\n")
		}
		if e.URL != "" {
			b.WriteString("\n  " + e.URL + "\n")
		}
		if e.Footer != nil && e.Footer.Text != "" {
			b.WriteString("  — " + plain(e.Footer.Text, false) + "\n")
		}
	}
	for _, row := range d.Components {
		r, ok := row.(discordgo.ActionsRow)
		if !ok {
			if p, ok := row.(*discordgo.ActionsRow); ok {
				r = *p
			} else {
				continue
			}
		}
		var labels []string
		for _, c := range r.Components {
			if btn, ok := c.(discordgo.Button); ok {
				labels = append(labels, "["+btn.Label+"]")
			}
		}
		if len(labels) > 0 {
			b.WriteString("\n  " + strings.Join(labels, " ") + "\n")
		}
	}
	for _, c := range d.Choices {
		b.WriteString("• " + c.Name + "\n")
	}
	return b.String()
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(s, "\n", "\n  ")
}

// plain drops Discord markdown: escapes, bold markers and code ticks.
func plain(s string, ansi bool) string {
	var b strings.Builder
	bold := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && strings.IndexByte("\\*_~`|", s[i+1]) >= 0:
			i++
			b.WriteByte(s[i])
		case c == '*' && i+1 < len(s) && s[i+1] == '*':
			i++
			bold = !bold
			if ansi {
				if bold {
					b.WriteString("\x1b[1m")
				} else {
					b.WriteString("\x1b[0m")
				}
			}
		case c == '`':
		default:
			b.WriteByte(c)
		}
	}
	if bold && ansi {
		b.WriteString("\x1b[0m")
	}
	return strings.ReplaceAll(b.String(), "\u200b", "")
}
