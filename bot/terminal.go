package bot

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// ParseCommand reads a slash command as it is typed in Discord, such as
// "/stats topic:world production" or "/ask question:grade at Beylikova hide:true", into the
// interaction Discord would send. Commands and options may also be named as a Turkish client
// shows them: "/istatistik konu:beylikova". With complete, the last option given is the one
// being typed, and the interaction asks for autocomplete.
func ParseCommand(line string, complete bool) (*discordgo.Interaction, error) {
	line = strings.TrimSpace(line)
	t := newTable()
	if !strings.HasPrefix(line, "/") {
		return nil, fmt.Errorf("a command starts with /, as in /stats topic:beylikova; commands: %s", t.list(english))
	}
	typed, rest, _ := strings.Cut(line[1:], " ")
	c, ok := t.typed(typed)
	if !ok {
		return nil, fmt.Errorf("unknown command /%s; commands: %s", typed, t.list(english))
	}
	name := c.def.Name
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

// parseOptions splits "a:1 b:two words" at the command's own option names (or their Turkish
// names), and returns the values by option name.
func parseOptions(c command, rest string) (map[string]any, []string, error) {
	values := map[string]any{}
	var order []string
	if strings.TrimSpace(rest) == "" {
		return values, nil, nil
	}
	var names []string
	defs := map[string]*discordgo.ApplicationCommandOption{}
	for _, o := range c.def.Options {
		for _, n := range []string{o.Name, turkish.option(o)} {
			if defs[n] == nil {
				defs[n] = o
				names = append(names, regexp.QuoteMeta(n))
			}
		}
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
		def := defs[rest[m[2]:m[3]]]
		name := def.Name
		end := len(rest)
		if k+1 < len(marks) {
			end = marks[k+1][0]
		}
		raw := strings.TrimSpace(rest[m[1]:end])
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

// TerminalOptions say how RunTerminal writes: as the JSON payloads Discord receives, or as
// text for a reader, bold with ANSI escapes and wrapped at Width columns.
type TerminalOptions struct {
	JSON  bool
	ANSI  bool
	Width int // 0 means 80
	// Out is a folder to write the files a reply uploads (charts) into; their paths are
	// printed after the text, or to Paths with JSON, which keeps the output one JSON
	// document per line.
	Out   string
	Paths io.Writer
}

// RunTerminal answers an interaction the way the Discord session would, and writes the
// response and each later edit to w: as text for a reader, or as the payloads Discord
// receives, one JSON document per line (the response, then each edit). failed says whether
// the command could not be done (an unknown topic, a missing option, a failed reindex).
func RunTerminal(ctx context.Context, b *Bot, i *discordgo.Interaction, w io.Writer, opts TerminalOptions) (failed bool, err error) {
	reply := b.Respond(ctx, i)
	l := localeOf(i)
	write := func(v any, resp *discordgo.InteractionResponse) error {
		if opts.JSON {
			data, err := PayloadJSON(v)
			if err != nil {
				return err
			}
			_, err = w.Write(append(data, '\n'))
			return err
		}
		_, err := io.WriteString(w, textIn(l, resp, opts.ANSI, opts.Width))
		return err
	}
	if err := write(reply.Response, reply.Response); err != nil {
		return false, err
	}
	if err := saveFiles(l, reply.Response, w, opts); err != nil {
		return false, err
	}
	if reply.Later == nil {
		return reply.Failed(), nil
	}
	var werr error
	jobErr := reply.Later(ctx, func(e *discordgo.WebhookEdit) error {
		resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: &discordgo.InteractionResponseData{}}
		if e.Content != nil {
			resp.Data.Content = *e.Content
		}
		if e.Embeds != nil {
			resp.Data.Embeds = *e.Embeds
		}
		if !opts.JSON {
			io.WriteString(w, "\n")
		}
		if err := write(e, resp); err != nil && werr == nil {
			werr = err
		}
		return werr
	})
	return reply.Failed() || jobErr != nil, werr
}

// saveFiles writes the files a response uploads into opts.Out and prints their paths; without
// Out, the text says how to get them.
func saveFiles(l locale, resp *discordgo.InteractionResponse, w io.Writer, opts TerminalOptions) error {
	files := filesOf(resp)
	if len(files) == 0 {
		return nil
	}
	paths := w
	if opts.JSON {
		paths = opts.Paths
	}
	if opts.Out == "" {
		if !opts.JSON {
			var names []string
			for _, f := range files {
				names = append(names, f.Name)
			}
			_, err := fmt.Fprintf(w, "\n%s\n", wrap(l.f("Charts: %s (--out DIR writes them)", strings.Join(names, ", ")), opts.width(), 2))
			return err
		}
		return nil
	}
	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return fmt.Errorf("write the charts: %w", err)
	}
	if paths != nil && !opts.JSON {
		io.WriteString(paths, "\n")
	}
	for _, f := range files {
		data, err := fileData(f)
		if err != nil {
			return err
		}
		path := filepath.Join(opts.Out, filepath.Base(f.Name))
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return fmt.Errorf("write the charts: %w", err)
		}
		if paths != nil {
			fmt.Fprintf(paths, "  %s\n", path)
		}
	}
	return nil
}

func (o TerminalOptions) width() int {
	if o.Width <= 0 {
		return 80
	}
	return o.Width
}

// Text renders a response for a terminal: the same content, embeds and fields, without
// Discord markdown, wrapped at width columns (80 when 0) between words. With ansi, bold text
// stays bold.
func Text(resp *discordgo.InteractionResponse, ansi bool, width int) string {
	return textIn(english, resp, ansi, width)
}

// textIn is Text with the terminal's own words in l.
func textIn(l locale, resp *discordgo.InteractionResponse, ansi bool, width int) string {
	if width <= 0 {
		width = 80
	}
	var b strings.Builder
	d := resp.Data
	if d == nil {
		switch resp.Type {
		case discordgo.InteractionResponseDeferredChannelMessageWithSource:
			return l.t("(thinking…)") + "\n"
		}
		return ""
	}
	para := func(s string, indent int) {
		b.WriteString(wrap(s, width, indent) + "\n")
	}
	if d.Flags&discordgo.MessageFlagsEphemeral != 0 {
		b.WriteString(l.t("(only you can see this)") + "\n")
	}
	if d.Content != "" {
		para(plain(d.Content, ansi), 0)
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
			b.WriteString(wrap("▌ "+title, width, 0) + "\n")
		}
		if e.Description != "" {
			para(plain(e.Description, ansi), 2)
		}
		for _, f := range e.Fields {
			b.WriteString("\n")
			para(plain(f.Name, false), 2)
			para(plain(f.Value, ansi), 4)
		}
		if e.Image != nil {
			b.WriteString("\n  " + l.f("[image: %s]", strings.TrimPrefix(e.Image.URL, "attachment://")) + "\n")
		}
		if e.URL != "" {
			b.WriteString("\n  " + e.URL + "\n")
		}
		if e.Footer != nil && e.Footer.Text != "" {
			b.WriteString(wrap("— "+plain(e.Footer.Text, false), width, 2) + "\n")
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
			b.WriteString("\n" + wrap(strings.Join(labels, " "), width, 2) + "\n")
		}
	}
	for _, c := range d.Choices {
		// The value is what the option takes: show it when the name does not say it.
		line := c.Name
		if v := fmt.Sprint(c.Value); v != c.Name {
			line = v + ": " + c.Name
		}
		b.WriteString(wrap("• "+line, width, 0) + "\n")
	}
	return b.String()
}

// Wrap is wrap for the terminal's other text (its help).
func Wrap(s string, width, indent int) string { return wrap(s, width, indent) }

// wrap breaks each line of s between words so that no line is wider than width columns,
// indenting every line by indent spaces. A word longer than a line (a URL) stands alone on
// its line, whole.
func wrap(s string, width, indent int) string {
	pad := strings.Repeat(" ", indent)
	var out []string
	for _, line := range strings.Split(s, "\n") {
		line = pad + line
		// A list item's continuation lines line up with its text.
		lead := len(line) - len(strings.TrimLeft(line, " "))
		hang := lead
		if rest := line[lead:]; strings.HasPrefix(rest, "• ") || strings.HasPrefix(rest, "▌ ") || strings.HasPrefix(rest, "— ") {
			hang = lead + 2
		}
		words := strings.Fields(line)
		if len(words) == 0 {
			out = append(out, "")
			continue
		}
		cur := line[:lead] + words[0]
		for _, w := range words[1:] {
			if visibleWidth(cur)+1+visibleWidth(w) > width {
				out = append(out, cur)
				cur = strings.Repeat(" ", hang) + w
				continue
			}
			cur += " " + w
		}
		out = append(out, cur)
	}
	return strings.Join(out, "\n")
}

// visibleWidth counts the columns a string takes, leaving out ANSI escapes.
func visibleWidth(s string) int {
	n, esc := 0, false
	for _, r := range s {
		switch {
		case esc:
			esc = r != 'm'
		case r == '\x1b':
			esc = true
		default:
			n++
		}
	}
	return n
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
