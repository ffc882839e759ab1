package bot

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/index"
)

// handler answers a slash command. A *userError becomes an ephemeral sentence; any other
// error is logged and answered with an apology (see Respond).
type handler func(b *Bot, ctx context.Context, r request) (Reply, error)

// command is one slash command: what Discord is told about it and how it is answered.
type command struct {
	def      *discordgo.ApplicationCommand
	run      handler
	complete map[string]string // option name → index completion set
	admin    bool              // only admins may run it (see admins.allowed)
}

// component answers the buttons (and modals) whose custom id starts with prefix; the rest of
// the custom id is the state it carries, so that any replica can answer a click.
type component struct {
	prefix string
	run    func(b *Bot, ctx context.Context, r request, state string) (Reply, error)
}

// table is every slash command and every component the bot answers. Registration, dispatch,
// autocomplete, the terminal and the help text all read it.
type table struct {
	commands   []command
	components []component
}

var manageServer = int64(discordgo.PermissionManageGuild)

// stringOption is a string option, with its Turkish name and description.
func stringOption(name, desc, trName, trDesc string, required bool, autocomplete bool) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{
		Type: discordgo.ApplicationCommandOptionString, Name: name, Description: desc, Required: required, Autocomplete: autocomplete, MaxLength: 500,
		NameLocalizations: inTurkish(trName), DescriptionLocalizations: inTurkish(trDesc),
	}
}

// inTurkish is a localization for Turkish clients, as Discord takes it.
func inTurkish(s string) map[discordgo.Locale]string {
	return map[discordgo.Locale]string{discordgo.Turkish: s}
}

// withTurkish gives a command its name and description for Turkish clients.
func withTurkish(c *discordgo.ApplicationCommand, name, desc string) *discordgo.ApplicationCommand {
	n, d := inTurkish(name), inTurkish(desc)
	c.NameLocalizations, c.DescriptionLocalizations = &n, &d
	return c
}

func newTable() table {
	t := table{
		commands: []command{
			{
				def: withTurkish(&discordgo.ApplicationCommand{
					Name:        "ask",
					Description: "Ask a question about rare earths; get sourced facts and computed figures",
					Options: []*discordgo.ApplicationCommandOption{
						stringOption("question", "Your question, e.g. How much rare earth oxide is at Beylikova?",
							"soru", "Sorunuz, ör. Beylikova'da ne kadar nadir toprak oksidi var?", true, false),
						{
							Type: discordgo.ApplicationCommandOptionBoolean, Name: "hide", Description: "Show the answer only to you",
							NameLocalizations: inTurkish("gizle"), DescriptionLocalizations: inTurkish("Yanıtı yalnızca siz görün"),
						},
					},
				}, "sor", "Nadir toprak elementleri hakkında soru sorun; kaynaklı bilgiler ve hesaplanmış rakamlar alın"),
				run: (*Bot).ask,
			},
			{
				def: withTurkish(&discordgo.ApplicationCommand{
					Name:        "stats",
					Description: "Key figures of a topic: Beylikova, world production, reserves, China, value chain …",
					Options: []*discordgo.ApplicationCommandOption{stringOption("topic", "The topic, e.g. beylikova",
						"konu", "Konu, ör. beylikova", true, true)},
				}, "istatistik", "Bir konunun temel rakamları: Beylikova, dünya üretimi, rezervler, Çin, değer zinciri …"),
				run:      (*Bot).stats,
				complete: map[string]string{"topic": index.CompleteTopics},
			},
			{
				def: withTurkish(&discordgo.ApplicationCommand{
					Name:        "element",
					Description: "One of the 17 rare earth elements, by name or symbol",
					Options: []*discordgo.ApplicationCommandOption{stringOption("name", "Name or symbol, e.g. neodymium or Nd",
						"ad", "Adı ya da simgesi, ör. neodimyum ya da Nd", true, true)},
				}, "element", "17 nadir toprak elementinden biri, adıyla ya da simgesiyle"),
				run:      (*Bot).element,
				complete: map[string]string{"name": index.CompleteElements},
			},
			{
				def: withTurkish(&discordgo.ApplicationCommand{
					Name:        "fact",
					Description: "One fact or computed figure, in full, by its id",
					Options: []*discordgo.ApplicationCommandOption{stringOption("id", "The fact id, e.g. beylikova-reo",
						"kimlik", "Bilginin kimliği, ör. beylikova-reo", true, true)},
				}, "bilgi", "Bir bilgi ya da hesaplanmış rakam, kimliğiyle ve eksiksiz"),
				run:      (*Bot).fact,
				complete: map[string]string{"id": index.CompleteFacts},
			},
			{
				def: withTurkish(&discordgo.ApplicationCommand{
					Name:        "compare",
					Description: "Compare two figures: ratio and difference, units checked",
					Options: []*discordgo.ApplicationCommandOption{
						stringOption("a", "The first figure", "a", "Birinci rakam", true, true),
						stringOption("b", "The second figure", "b", "İkinci rakam", true, true),
					},
				}, "karşılaştır", "İki rakamı karşılaştırın: oran ve fark, birimleri denetlenerek"),
				run:      (*Bot).compare,
				complete: map[string]string{"a": index.CompleteFigures, "b": index.CompleteFigures},
			},
			{
				def: withTurkish(&discordgo.ApplicationCommand{
					Name:                     "reindex",
					Description:              "Reload the fact files and rebuild the index (admins)",
					DefaultMemberPermissions: &manageServer,
				}, "yeniden-dizinle", "Bilgi dosyalarını yeniden yükleyin ve dizini yeniden oluşturun (yöneticiler)"),
				run:   (*Bot).reindexCommand,
				admin: true,
			},
			{
				def: withTurkish(&discordgo.ApplicationCommand{
					Name:                     "curate",
					Description:              "What the team asked, what found nothing, and how answers were rated (admins)",
					DefaultMemberPermissions: &manageServer,
					Options: []*discordgo.ApplicationCommandOption{{
						Type: discordgo.ApplicationCommandOptionString, Name: "since", Description: "How far back: 7 days (the default) or 30",
						NameLocalizations: inTurkish("dönem"), DescriptionLocalizations: inTurkish("Ne kadar geriye: 7 gün (varsayılan) ya da 30 gün"),
						Choices: []*discordgo.ApplicationCommandOptionChoice{
							{Name: "Last 7 days", Value: "7d", NameLocalizations: inTurkish("Son 7 gün")},
							{Name: "Last 30 days", Value: "30d", NameLocalizations: inTurkish("Son 30 gün")},
						},
					}},
				}, "inceleme", "Ekibin neler sorduğu, nelerin yanıtsız kaldığı ve yanıtların nasıl oylandığı (yöneticiler)"),
				run:   (*Bot).curate,
				admin: true,
			},
			{
				def: withTurkish(&discordgo.ApplicationCommand{
					Name:        "about",
					Description: "What the bot serves: facts, knowledge version, last reindex, uptime",
				}, "hakkında", "Botun sundukları: bilgiler, bilgi sürümü, son yeniden dizinleme, çalışma süresi"),
				run: (*Bot).about,
			},
		},
		components: []component{
			{prefix: moreButton, run: (*Bot).more},
			{prefix: sourcesButton, run: (*Bot).sources},
			{prefix: followUpButton, run: (*Bot).followUp},
			{prefix: followUpModal, run: (*Bot).followUpAnswer},
			{prefix: helpfulButton, run: (*Bot).helpful},
			{prefix: notHelpfulButton, run: (*Bot).notHelpful},
			{prefix: commentModal, run: (*Bot).comment},
		},
	}
	for _, c := range t.commands {
		c.def.Contexts, c.def.IntegrationTypes = where(c.admin)
	}
	return t
}

// where says where a command may be used: an admin command only in servers that installed the
// bot, so Discord offers it nowhere else (not in DMs, not through a user's own install); the
// others also in DMs and group DMs, and as an app a member installs for themselves.
func where(admin bool) (*[]discordgo.InteractionContextType, *[]discordgo.ApplicationIntegrationType) {
	if admin {
		return &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild},
			&[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}
	}
	return &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM, discordgo.InteractionContextPrivateChannel},
		&[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall, discordgo.ApplicationIntegrationUserInstall}
}

// Commands returns the definitions of every slash command, for registration.
func Commands() []*discordgo.ApplicationCommand {
	t := newTable()
	out := make([]*discordgo.ApplicationCommand, len(t.commands))
	for i, c := range t.commands {
		out[i] = c.def
	}
	return out
}

func (t table) command(name string) (command, bool) {
	for _, c := range t.commands {
		if c.def.Name == name {
			return c, true
		}
	}
	return command{}, false
}

// typed finds a command by its name or by its name in a Turkish client.
func (t table) typed(name string) (command, bool) {
	for _, c := range t.commands {
		if c.def.Name == name || turkish.command(c.def) == "/"+name {
			return c, true
		}
	}
	return command{}, false
}

func (t table) component(customID string) (component, string, bool) {
	for _, c := range t.components {
		if state, ok := strings.CutPrefix(customID, c.prefix); ok {
			return c, state, true
		}
	}
	return component{}, "", false
}

// list names every command as l's clients show it: "/ask, /stats, …".
func (t table) list(l locale) string {
	names := make([]string, len(t.commands))
	for i, c := range t.commands {
		names[i] = l.command(c.def)
	}
	return strings.Join(names, ", ")
}

// name labels an interaction for metrics and logs: the command ("ask", "ask_autocomplete"),
// "button", "modal" or "other".
func (t table) name(i *discordgo.Interaction) string {
	if i == nil || i.Data == nil {
		return "other"
	}
	switch i.Type {
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
		if c, ok := t.command(i.ApplicationCommandData().Name); ok {
			if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
				return c.def.Name + "_autocomplete"
			}
			return c.def.Name
		}
		return "unknown"
	case discordgo.InteractionMessageComponent:
		return "button"
	case discordgo.InteractionModalSubmit:
		return "modal"
	}
	return "other"
}

// route finds the handler of an interaction and runs it.
func (b *Bot) route(ctx context.Context, i *discordgo.Interaction) (Reply, error) {
	if i != nil && i.Type == discordgo.InteractionPing {
		// Discord sends PINGs to the HTTP endpoint only, but a PING is answered alike anywhere.
		return Reply{Response: &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}}, nil
	}
	if i == nil || i.Data == nil {
		return Reply{}, badInput("That interaction carried no data, so there is nothing to answer.")
	}
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		data := i.ApplicationCommandData()
		c, ok := b.table.command(data.Name)
		if !ok {
			// The name is the sender's: logged cut, so a huge one cannot flood the log.
			b.log.WarnContext(ctx, "unknown command", "command", truncate(data.Name, 64), "command_length", utf8.RuneCountInString(data.Name))
			return Reply{}, badInput("I don't know the command /%s. I know %s.", escapeInput(truncate(data.Name, 40)), text(b.table.list))
		}
		r := request{i: i, opts: options(data.Options)}
		if err := checkOptions(c, r); err != nil {
			return Reply{}, err
		}
		if err := b.allow(ctx, r); err != nil {
			return Reply{}, err
		}
		if c.admin && !b.admins.allowed(i) {
			b.log.WarnContext(ctx, "admin command refused", "command", c.def.Name, "user", userID(r), "guild", i.GuildID)
			name := commandName(c)
			if i.GuildID == "" {
				return Reply{}, refused("In direct messages only the bot's admins (ADMIN_USER_IDS) can run %s.", name)
			}
			if !b.admins.trusted(i) {
				return Reply{}, refused("Only the bot's admins can run %s here: the bot is not installed in this server (or this is not its home server), so permissions here do not count.", name)
			}
			return Reply{}, refused("Only members with the Manage Server permission, or the bot's admins, can run %s.", name)
		}
		return c.run(b, ctx, r)
	case discordgo.InteractionApplicationCommandAutocomplete:
		if _, ok := b.completeLimit.allow(userID(request{i: i})); !ok {
			// Nothing to say while the user types: no choices, until the bucket refills.
			return Reply{Response: &discordgo.InteractionResponse{
				Type: discordgo.InteractionApplicationCommandAutocompleteResult,
				Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{}},
			}, Outcome: OutcomeRateLimited}, nil
		}
		return Reply{Response: b.autocomplete(i)}, nil
	case discordgo.InteractionMessageComponent, discordgo.InteractionModalSubmit:
		id := ""
		if i.Type == discordgo.InteractionMessageComponent {
			id = i.MessageComponentData().CustomID
		} else {
			id = i.ModalSubmitData().CustomID
		}
		c, state, ok := b.table.component(id)
		if !ok {
			return Reply{}, badInput("That button is no longer supported; ask again with /ask.")
		}
		r := request{i: i}
		if err := b.allow(ctx, r); err != nil {
			return Reply{}, err
		}
		return c.run(b, ctx, r, state)
	}
	return Reply{}, badInput("This kind of interaction is not supported.")
}

// allow applies the per-user rate limit.
func (b *Bot) allow(ctx context.Context, r request) error {
	wait, ok := b.limit.allow(userID(r))
	if ok {
		return nil
	}
	b.log.InfoContext(ctx, "rate limited", "user", userID(r))
	return &userError{OutcomeRateLimited, "You are asking faster than I answer. Please try again in %d seconds.", []any{int(wait.Seconds() + 0.999)}}
}

// request is an interaction with its command options by name.
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

// user is who sent an interaction, in a guild or in a DM.
func (r request) user() *discordgo.User {
	if r.i.Member != nil && r.i.Member.User != nil {
		return r.i.Member.User
	}
	return r.i.User
}

func userID(r request) string {
	if u := r.user(); u != nil {
		return u.ID
	}
	return ""
}

func options(opts []*discordgo.ApplicationCommandInteractionDataOption) map[string]*discordgo.ApplicationCommandInteractionDataOption {
	m := map[string]*discordgo.ApplicationCommandInteractionDataOption{}
	for _, o := range opts {
		if o != nil {
			m[o.Name] = o
		}
	}
	return m
}

// checkOptions reports a missing, unknown or wrongly typed option with a sentence.
func checkOptions(c command, r request) error {
	defs := map[string]*discordgo.ApplicationCommandOption{}
	for _, d := range c.def.Options {
		defs[d.Name] = d
	}
	for name, o := range r.opts {
		d, ok := defs[name]
		if !ok {
			return badInput("%s has no option %q.", commandName(c), escapeInput(truncate(name, 40)))
		}
		okType := false
		switch d.Type {
		case discordgo.ApplicationCommandOptionString:
			_, okType = o.Value.(string)
		case discordgo.ApplicationCommandOptionBoolean:
			_, okType = o.Value.(bool)
		}
		if !okType || o.Type != d.Type {
			return badInput("The option %s of %s has the wrong type.", optionName(d), commandName(c))
		}
	}
	for _, d := range c.def.Options {
		if d.Required && (r.opts[d.Name] == nil || (d.Type == discordgo.ApplicationCommandOptionString && strings.TrimSpace(r.str(d.Name)) == "")) {
			desc := text(func(l locale) string { return strings.TrimRight(l.description(d), ".?!") })
			return badInput("%s needs the option %s (%s).", commandName(c), optionName(d), desc)
		}
	}
	return nil
}

// commandName is c's name with its slash, as the reader's client shows it.
func commandName(c command) text {
	return func(l locale) string { return l.command(c.def) }
}

// optionName is an option's name, as the reader's client shows it.
func optionName(o *discordgo.ApplicationCommandOption) text {
	return func(l locale) string { return l.option(o) }
}

// autocomplete suggests values for the option being typed, within Discord's limits: a choice
// whose value would be cut is left out, since a cut id names nothing.
func (b *Bot) autocomplete(i *discordgo.Interaction) *discordgo.InteractionResponse {
	data := i.ApplicationCommandData()
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	if c, ok := b.table.command(data.Name); ok {
		for _, o := range data.Options {
			if o == nil || !o.Focused {
				continue
			}
			set, ok := c.complete[o.Name]
			if !ok {
				continue
			}
			typed, _ := o.Value.(string)
			for _, ch := range b.idx.Complete(set, typed, MaxChoices) {
				if fits(ch.Value, MaxChoiceLength) {
					name := ch.Name
					if set == index.CompleteFigures {
						name = b.figureChoice(localeOf(i), ch)
					}
					choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: clip(name, MaxChoiceLength), Value: ch.Value})
				}
			}
		}
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	}
}

// figureChoice names a figure's choice ("China: 270,000 t") with the figure in l's notation.
func (b *Bot) figureChoice(l locale, ch index.Choice) string {
	if l == english {
		return ch.Name
	}
	if g, ok := b.idx.Base().Figure(ch.Value); ok {
		if label, found := strings.CutSuffix(ch.Name, g.String()); found {
			return label + l.figure(g)
		}
	}
	return ch.Name
}

// Interaction builds the interaction Discord would send for a slash command, so that the
// terminal runs commands through the same handlers. The terminal user is an administrator.
func Interaction(name string, options map[string]any) *discordgo.Interaction {
	data := discordgo.ApplicationCommandInteractionData{ID: "terminal", Name: name, CommandType: discordgo.ChatApplicationCommand}
	if c, ok := newTable().command(name); ok {
		for _, def := range c.def.Options {
			if v, ok := options[def.Name]; ok {
				data.Options = append(data.Options, &discordgo.ApplicationCommandInteractionDataOption{Name: def.Name, Type: def.Type, Value: v})
			}
		}
	}
	return &discordgo.Interaction{
		ID: "terminal", AppID: "terminal", Type: discordgo.InteractionApplicationCommand, Data: data, Token: "terminal",
		Member:  &discordgo.Member{User: &discordgo.User{ID: "terminal", Username: "terminal"}, Permissions: discordgo.PermissionAdministrator},
		GuildID: "terminal",
		// As if the bot were installed in the terminal's server.
		AuthorizingIntegrationOwners: map[discordgo.ApplicationIntegrationType]string{discordgo.ApplicationIntegrationGuildInstall: "terminal"},
	}
}
