package bot

import (
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Discord's message limits, in characters (runes). discordgo checks none of them, and the
// OpenAPI description misses the 6,000 total, so every response passes through fit.
const (
	MaxContent          = 2000
	MaxEmbeds           = 10
	MaxEmbedTitle       = 256
	MaxEmbedDescription = 4096
	MaxEmbedFields      = 25
	MaxFieldName        = 256
	MaxFieldValue       = 1024
	MaxFooter           = 2048
	MaxAuthor           = 256
	MaxEmbedsTotal      = 6000
	MaxChoices          = 25
	MaxChoiceLength     = 100
)

// cutMark ends any text that was shortened, so a reader knows something is missing.
const cutMark = "… (cut)"

// truncate shortens s to at most max runes on a rune boundary, ending it with cutMark.
func truncate(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	keep := max - utf8.RuneCountInString(cutMark)
	if keep < 0 {
		return string([]rune(s)[:max])
	}
	r := []rune(s)[:keep]
	return strings.TrimRight(string(r), " \n") + cutMark
}

// fits reports whether s is at most max runes.
func fits(s string, max int) bool { return utf8.RuneCountInString(s) <= max }

// clip shortens s to at most max runes, ending it with an ellipsis: for short labels such as
// autocomplete choices, where "… (cut)" would take too much room.
func clip(s string, max int) string {
	if fits(s, max) {
		return s
	}
	return string([]rune(s)[:max-1]) + "…"
}

// fit makes a response respect every Discord limit, cutting the least important text first:
// later embeds before earlier ones, fields before descriptions.
func fit(d *discordgo.InteractionResponseData) {
	if d == nil {
		return
	}
	d.Content = truncate(d.Content, MaxContent)
	if len(d.Embeds) > MaxEmbeds {
		d.Embeds = d.Embeds[:MaxEmbeds]
	}
	for _, e := range d.Embeds {
		fitEmbed(e)
	}
	for total := embedsLength(d.Embeds); total > MaxEmbedsTotal; total = embedsLength(d.Embeds) {
		over := total - MaxEmbedsTotal
		last := d.Embeds[len(d.Embeds)-1]
		switch {
		case len(d.Embeds) > 1:
			d.Embeds = d.Embeds[:len(d.Embeds)-1]
		case len(last.Fields) > 0:
			last.Fields = last.Fields[:len(last.Fields)-1]
		default:
			n := utf8.RuneCountInString(last.Description) - over
			if n < 0 {
				n = 0
			}
			last.Description = truncate(last.Description, n)
			if over > 0 && n == 0 {
				last.Title = truncate(last.Title, MaxEmbedTitle/4)
				if last.Footer != nil {
					last.Footer.Text = truncate(last.Footer.Text, 100)
				}
			}
		}
	}
}

func fitEmbed(e *discordgo.MessageEmbed) {
	e.Title = truncate(e.Title, MaxEmbedTitle)
	e.Description = truncate(e.Description, MaxEmbedDescription)
	if len(e.Fields) > MaxEmbedFields {
		e.Fields = e.Fields[:MaxEmbedFields]
	}
	for _, f := range e.Fields {
		f.Name = truncate(f.Name, MaxFieldName)
		f.Value = truncate(f.Value, MaxFieldValue)
	}
	if e.Footer != nil {
		e.Footer.Text = truncate(e.Footer.Text, MaxFooter)
	}
	if e.Author != nil {
		e.Author.Name = truncate(e.Author.Name, MaxAuthor)
	}
}

// embedsLength counts the characters Discord counts toward the 6,000 limit.
func embedsLength(embeds []*discordgo.MessageEmbed) int {
	n := 0
	count := func(s string) { n += utf8.RuneCountInString(strings.TrimSpace(s)) }
	for _, e := range embeds {
		count(e.Title)
		count(e.Description)
		for _, f := range e.Fields {
			count(f.Name)
			count(f.Value)
		}
		if e.Footer != nil {
			count(e.Footer.Text)
		}
		if e.Author != nil {
			count(e.Author.Name)
		}
	}
	return n
}

// EmbedLength is the number of characters of an embed that count toward Discord's limits.
func EmbedLength(e *discordgo.MessageEmbed) int { return embedsLength([]*discordgo.MessageEmbed{e}) }

// noMentions is set on every message: no fact or echoed input can ping anyone.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// finish makes a response safe to send: within Discord's limits, pinging no one.
func finish(resp *discordgo.InteractionResponse) {
	d := resp.Data
	if d == nil {
		return
	}
	fit(d)
	switch resp.Type {
	case discordgo.InteractionResponseChannelMessageWithSource, discordgo.InteractionResponseUpdateMessage:
		d.AllowedMentions = noMentions()
	}
}

// fitEdit is finish for an edit of a message.
func fitEdit(e *discordgo.WebhookEdit) {
	d := &discordgo.InteractionResponseData{}
	if e.Content != nil {
		d.Content = *e.Content
	}
	if e.Embeds != nil {
		d.Embeds = *e.Embeds
	}
	fit(d)
	if e.Content != nil {
		e.Content = &d.Content
	}
	if e.Embeds != nil {
		e.Embeds = &d.Embeds
	}
	e.AllowedMentions = noMentions()
}
