package bot

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// followUpField is the custom id of the follow-up modal's text box.
const followUpField = "question"

// followUp opens a modal for the next question; its custom id carries the question answered,
// so that any replica reads the follow-up in its context.
func (b *Bot) followUp(_ context.Context, r request, previous string) (Reply, error) {
	l := localeOf(r.i)
	return Reply{Response: &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseModal,
		Data: &discordgo.InteractionResponseData{
			CustomID: customID(followUpModal, previous),
			Title:    l.t("Follow up"),
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.TextInput{
					CustomID:    followUpField,
					Label:       l.t("Your next question"),
					Style:       discordgo.TextInputShort,
					Placeholder: l.t("and Burma? how did it change since 2023?"),
					Required:    true,
					MaxLength:   300,
				},
			}}},
		},
	}}, nil
}

// followUpAnswer answers what was typed in the follow-up modal, read after the previous
// question.
func (b *Bot) followUpAnswer(ctx context.Context, r request, previous string) (Reply, error) {
	q := strings.TrimSpace(modalValue(r.i, followUpField))
	if q == "" {
		return Reply{}, badInput("Type a question in the box, such as “and Burma?”.")
	}
	return b.answer(ctx, r, q, previous)
}

// modalValue is what was typed in a modal's text input, "" if it has none of that id.
func modalValue(i *discordgo.Interaction, id string) string {
	for _, c := range i.ModalSubmitData().Components {
		row, ok := c.(*discordgo.ActionsRow)
		if !ok || row == nil {
			continue
		}
		for _, in := range row.Components {
			if t, ok := in.(*discordgo.TextInput); ok && t != nil && t.CustomID == id {
				return t.Value
			}
		}
	}
	return ""
}
