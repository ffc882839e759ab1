package bot

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/answer"
	"github.com/reedesk/reedesk/questions"
)

// QuestionLog records what was asked and how answers were rated, and reports on it for
// curators (package questions). Record and Vote never block an answer.
type QuestionLog interface {
	Record(ctx context.Context, q questions.Question) (answerID string)
	Vote(ctx context.Context, v questions.Vote) error
	Report(ctx context.Context, since time.Time, limit int) (*questions.Report, error)
	Totals(ctx context.Context, since time.Time) (questions.Totals, error)
}

// Vote buttons carry the answer id; the comment modal too.
const (
	helpfulButton    = "vote:y:"
	notHelpfulButton = "vote:n:"
	commentModal     = "votec:"
	commentField     = "comment"
)

// record logs a question and what it was answered, and returns the answer's id ("" when the
// log is off).
func (b *Bot) record(ctx context.Context, r request, q string, a *answer.Answer, took time.Duration) string {
	if b.questions == nil {
		return ""
	}
	var facts []string
	switch {
	case a.Miss != nil:
	case a.Working != nil:
		for _, in := range a.Working.Inputs {
			facts = append(facts, in.Fact.ID)
		}
	case a.Passage != nil:
		facts = append(facts, a.Passage.Fact.ID)
	}
	if a.Miss == nil {
		for _, rel := range a.Related {
			facts = append(facts, rel.Fact.ID)
		}
	}
	return b.questions.Record(ctx, questions.Question{
		At:        b.now(),
		GuildID:   r.i.GuildID,
		ChannelID: r.i.ChannelID,
		UserID:    userID(r),
		Text:      q,
		Locale:    string(r.i.Locale),
		Kind:      string(a.Kind()),
		FactIDs:   facts,
		Latency:   took,
	})
}

func voteButtons(l locale, id string) discordgo.ActionsRow {
	return discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: l.t("Helpful"), Style: discordgo.SuccessButton, CustomID: helpfulButton + id},
		discordgo.Button{Label: l.t("Not helpful"), Style: discordgo.DangerButton, CustomID: notHelpfulButton + id},
	}}
}

// helpful records a "helpful" vote and thanks the voter, privately.
func (b *Bot) helpful(ctx context.Context, r request, id string) (Reply, error) {
	if err := b.vote(ctx, r, id, true, ""); err != nil {
		return Reply{}, err
	}
	return Reply{Response: ephemeral(localeOf(r.i).t("Thanks: noted as helpful. You can change your vote at any time."))}, nil
}

// notHelpful records a "not helpful" vote at once, then asks what was wrong or missing.
func (b *Bot) notHelpful(ctx context.Context, r request, id string) (Reply, error) {
	if err := b.vote(ctx, r, id, false, ""); err != nil {
		return Reply{}, err
	}
	l := localeOf(r.i)
	return Reply{Response: &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseModal,
		Data: &discordgo.InteractionResponseData{
			CustomID: commentModal + id,
			Title:    l.t("What was wrong or missing?"),
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.TextInput{
					CustomID:    commentField,
					Label:       l.t("Tell the curators (optional)"),
					Style:       discordgo.TextInputParagraph,
					Placeholder: l.t("The figure is out of date; the answer is about the wrong deposit…"),
					Required:    false,
					MaxLength:   1000,
				},
			}}},
		},
	}}, nil
}

// comment records what a "not helpful" voter wrote.
func (b *Bot) comment(ctx context.Context, r request, id string) (Reply, error) {
	text := strings.TrimSpace(modalValue(r.i, commentField))
	if err := b.vote(ctx, r, id, false, text); err != nil {
		return Reply{}, err
	}
	l := localeOf(r.i)
	if text == "" {
		return Reply{Response: ephemeral(l.t("Thanks: noted as not helpful."))}, nil
	}
	return Reply{Response: ephemeral(l.t("Thanks: noted as not helpful, with your comment. The curators read every one."))}, nil
}

func (b *Bot) vote(ctx context.Context, r request, id string, helpful bool, comment string) error {
	if b.questions == nil {
		return refused("Feedback is not recorded on this bot (QUESTION_LOG is off).")
	}
	err := b.questions.Vote(ctx, questions.Vote{At: b.now(), AnswerID: id, UserID: userID(r), Helpful: helpful, Comment: comment})
	if errors.Is(err, questions.ErrAnswerID) {
		return badInput("That button does not belong to an answer I gave.")
	}
	return err
}
