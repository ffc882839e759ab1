package bot

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/answer"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// locale is the language the bot writes a reply in: Turkish for a Turkish client, else
// English. Only the bot's own words change with it (labels, buttons, errors, number formats);
// fact passages (titles, texts, notes, sources) stay as the knowledge base writes them.
type locale string

const (
	english locale = "en"
	turkish locale = "tr"
)

// localeOf is the locale of an interaction's sender.
func localeOf(i *discordgo.Interaction) locale {
	if i != nil && strings.HasPrefix(string(i.Locale), "tr") {
		return turkish
	}
	return english
}

// text is a text written when its locale is known: an argument of a userError, which is
// translated only when Respond answers with it.
type text func(locale) string

// t translates one of the bot's texts that takes no arguments. A text with no translation
// stays English (a test checks that every one has one).
func (l locale) t(s string) string {
	if l == turkish {
		if tr, ok := trTexts[s]; ok {
			return tr
		}
	}
	return s
}

// f is fmt.Sprintf with the format translated; text arguments are written in l. The Turkish
// format takes the same verbs in the same order.
func (l locale) f(format string, args ...any) string {
	if len(args) == 0 {
		return l.t(format)
	}
	in := make([]any, len(args))
	for k, a := range args {
		if lt, ok := a.(text); ok {
			a = lt(l)
		}
		in[k] = a
	}
	return fmt.Sprintf(l.t(format), in...)
}

// command is a command's name as the sender's client shows it, with its slash: "/ask", or
// "/sor" in Turkish.
func (l locale) command(c *discordgo.ApplicationCommand) string {
	if c.NameLocalizations != nil {
		if n, ok := (*c.NameLocalizations)[discordgo.Locale(l)]; ok {
			return "/" + n
		}
	}
	return "/" + c.Name
}

// option is an option's name as the sender's client shows it.
func (l locale) option(o *discordgo.ApplicationCommandOption) string {
	if n, ok := o.NameLocalizations[discordgo.Locale(l)]; ok {
		return n
	}
	return o.Name
}

// description is an option's description as the sender's client shows it.
func (l locale) description(o *discordgo.ApplicationCommandOption) string {
	if d, ok := o.DescriptionLocalizations[discordgo.Locale(l)]; ok {
		return d
	}
	return o.Description
}

// figure writes a figure, qualifier included: "about 12.5 Mt", "yaklaşık 12,5 Mt".
func (l locale) figure(g *knowledge.Figure) string { return l.quantity(g.String()) }

// amount writes a figure's value and unit without its qualifier: "12.5 Mt", "12,5 Mt".
func (l locale) amount(g *knowledge.Figure) string { return l.quantity(g.Quantity()) }

// format writes a value in a unit, as knowledge.FormatQuantity does in English.
func (l locale) format(v float64, unit string, decimals int) string {
	return l.quantity(knowledge.FormatQuantity(v, unit, decimals))
}

var (
	ordinalSuffix = regexp.MustCompile(`^(\d+)(st|nd|rd|th)$`)
	englishNumber = regexp.MustCompile(`\d[\d,]*(\.\d+)?`)
	figuresOf     = regexp.MustCompile(`\[(\d+) figures of ([^\]]+)\]`)
	operators     = regexp.MustCompile(` [÷×−+] `)
)

// quantity writes an English quantity as written by package knowledge in l's notation:
// "270,000 t", "69.2 %", "-31.9 %", "6.0×", "7th", "570,000 t/yr" are "270.000 t", "%69,2",
// "−%31,9", "6,0 kat", "7.", "570.000 t/yıl" in Turkish, as the direct answer writes them.
func (l locale) quantity(s string) string {
	if l != turkish {
		return s
	}
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		s = "−" + rest // a minus sign, which the Turkish notation keeps before the %
	}
	if m := ordinalSuffix.FindStringSubmatch(s); m != nil {
		return m[1] + "."
	}
	return strings.ReplaceAll(answer.Localize(string(l), s), "/yr", "/yıl")
}

// number writes an English number (or the numbers in a text) in l's notation: "12.5" is
// "12,5", "270,000" is "270.000" in Turkish.
func (l locale) number(s string) string {
	if l != turkish {
		return s
	}
	return englishNumber.ReplaceAllStringFunc(s, func(n string) string {
		return strings.NewReplacer(",", ".", ".", ",").Replace(n)
	})
}

// equation writes a formula with its values, "12.5 Mt ÷ 694 Mt = 1.80 %", in l's notation:
// each term as a quantity; a term that ranks or sums a series, "count([12 figures of
// usgs-mine-2024], # > 9,975 t/yr)", with its numbers and words translated.
func (l locale) equation(s string) string {
	if l != turkish {
		return s
	}
	var sides []string
	for _, side := range strings.Split(s, " = ") {
		var b strings.Builder
		at := 0
		for _, op := range operators.FindAllStringIndex(side, -1) {
			b.WriteString(l.term(side[at:op[0]]) + side[op[0]:op[1]])
			at = op[1]
		}
		b.WriteString(l.term(side[at:]))
		sides = append(sides, b.String())
	}
	return strings.Join(sides, " = ")
}

func (l locale) term(s string) string {
	if !strings.ContainsAny(s, "([") {
		return l.quantity(s)
	}
	s = figuresOf.ReplaceAllString(s, "[$2: $1 rakam]")
	return strings.ReplaceAll(l.number(s), "/yr", "/yıl")
}

// percent writes a share as a whole per cent: 0.173 is "17 %", or "%17" in Turkish.
func (l locale) percent(share float64) string {
	return l.quantity(fmt.Sprintf("%.0f %%", share*100))
}

var (
	trMonths      = []string{"Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"}
	trMonthsShort = []string{"Oca", "Şub", "Mar", "Nis", "May", "Haz", "Tem", "Ağu", "Eyl", "Eki", "Kas", "Ara"}
)

// month is a month's short name: "Oct", "Eki".
func (l locale) month(t time.Time) string {
	if l == turkish {
		return trMonthsShort[t.Month()-1]
	}
	return t.Format("Jan")
}

// period writes a date as a reader expects it: "10 November 2026", "10 Kasım 2026".
func (l locale) period(p knowledge.Period) string {
	if l != turkish {
		return p.String()
	}
	switch p.Precision {
	case "day":
		return fmt.Sprintf("%d %s %d", p.First.Day(), trMonths[p.First.Month()-1], p.First.Year())
	case "month":
		return fmt.Sprintf("%s %d", trMonths[p.First.Month()-1], p.First.Year())
	}
	return p.First.Format("2006")
}

// dayMonth is a day and short month: "2 Jan", "2 Oca".
func (l locale) dayMonth(t time.Time) string {
	return fmt.Sprintf("%d %s", t.Day(), l.month(t))
}

var durationPart = regexp.MustCompile(`([\d.]+)(h|ms|µs|ns|m|s)`)

// duration writes a rounded duration: "1h2m3s", "1 sa 2 dk 3 sn" in Turkish.
func (l locale) duration(d time.Duration) string {
	s := d.String()
	if l != turkish {
		return s
	}
	units := map[string]string{"h": "sa", "m": "dk", "s": "sn", "ms": "ms", "µs": "µs", "ns": "ns"}
	var parts []string
	for _, m := range durationPart.FindAllStringSubmatch(s, -1) {
		parts = append(parts, strings.ReplaceAll(m[1], ".", ",")+" "+units[m[2]])
	}
	return strings.Join(parts, " ")
}

// trLapseNouns name what a fact of each kind describes, for the Turkish lapse sentence (the
// English one is knowledge.Fact.LapsedNote's).
var trLapseNouns = map[string]string{
	"export-control": "önlem",
	"policy":         "politika",
	"partnership":    "düzenleme",
	"price":          "fiyat",
	"plant":          "plan",
	"goal":           "hedef",
	"market":         "rakam",
	"production":     "rakam",
}

// lapsedNote says that a fact no longer holds as stated, or is "".
func (l locale) lapsedNote(f *knowledge.Fact, now time.Time) string {
	note := f.LapsedNote(now)
	if note == "" || l != turkish {
		return note
	}
	noun, ok := trLapseNouns[f.Kind]
	if !ok {
		noun = "bilgi"
	}
	if f.Suspends() {
		noun = "askıya alma"
	}
	p, err := knowledge.ParsePeriod(f.ValidUntil)
	if err != nil {
		return note
	}
	when := l.period(p) + " tarihinde"
	if p.Precision != "day" {
		when = l.period(p) + " içinde"
	}
	return "Bu " + noun + " " + when + " sona erecekti; bilgi tabanında daha yeni bir bilgi yok."
}

// trPhases name the phases of a reindex (index.Phase…) in Turkish.
var trPhases = map[string]string{
	index.PhaseLoading:  "bilgi dosyaları yükleniyor",
	index.PhaseIndexing: "dizinleniyor",
	index.PhaseChecking: "yeni dizin denetleniyor",
	index.PhaseSwapping: "yeni dizine geçiliyor",
	index.PhaseDone:     "tamamlandı",
	index.PhaseFailed:   "başarısız",
}

// phase names a reindex phase.
func (l locale) phase(p string) string {
	if tr, ok := trPhases[p]; ok && l == turkish {
		return tr
	}
	return p
}

// markCuts writes the mark that ends a shortened text (cutMark) in l. Turkish marks an
// omission with "[…]", shorter than the English mark, so the message still fits its limits.
func (l locale) markCuts(content *string, embeds []*discordgo.MessageEmbed) {
	if l == english {
		return
	}
	mark := l.t(cutMark)
	cut := func(s *string) {
		if s != nil && strings.Contains(*s, cutMark) {
			*s = strings.ReplaceAll(*s, cutMark, mark)
		}
	}
	cut(content)
	for _, e := range embeds {
		if e == nil {
			continue
		}
		cut(&e.Title)
		cut(&e.Description)
		for _, f := range e.Fields {
			if f != nil {
				cut(&f.Name)
				cut(&f.Value)
			}
		}
		if e.Footer != nil {
			cut(&e.Footer.Text)
		}
		if e.Author != nil {
			cut(&e.Author.Name)
		}
	}
}
