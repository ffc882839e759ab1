package bot

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
	"github.com/reedesk/reedesk/questions"
)

// botText is one of the texts the bot writes, as its source gives it.
type botText struct {
	text string
	at   string // file:line
}

// botTexts finds every text the bot translates: the first argument of each call of a locale's t
// and f and of the userError constructors. Each must be a constant, so that the table can be
// checked; bad lists the calls whose text is not.
func botTexts(t *testing.T) (texts []botText, bad []string) {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var parsed []*ast.File
	consts := map[string]string{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, f)
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for k, id := range vs.Names {
					if k < len(vs.Values) {
						if s, ok := stringConstant(vs.Values[k], nil); ok {
							consts[id.Name] = s
						}
					}
				}
			}
		}
	}
	add := func(e ast.Expr, what string) {
		at := fset.Position(e.Pos())
		where := filepath.Base(at.Filename) + ":" + strconv.Itoa(at.Line)
		if s, ok := stringConstant(e, consts); ok {
			texts = append(texts, botText{s, where})
			return
		}
		bad = append(bad, where+": "+what+" of a text that is not a constant")
	}
	// The functions that translate take their text as a parameter.
	translators := map[string]bool{"t": true, "f": true, "in": true, "badInput": true, "refused": true, "missed": true}
	for _, f := range parsed {
		ast.Inspect(f, func(n ast.Node) bool {
			if fd, ok := n.(*ast.FuncDecl); ok && translators[fd.Name.Name] {
				return false
			}
			switch n := n.(type) {
			case *ast.CallExpr:
				if len(n.Args) == 0 {
					return true
				}
				switch fn := n.Fun.(type) {
				case *ast.SelectorExpr:
					if fn.Sel.Name == "t" || fn.Sel.Name == "f" {
						add(n.Args[0], fn.Sel.Name)
					}
				case *ast.Ident:
					if fn.Name == "badInput" || fn.Name == "refused" || fn.Name == "missed" {
						add(n.Args[0], fn.Name)
					}
				}
			case *ast.CompositeLit:
				if id, ok := n.Type.(*ast.Ident); ok && id.Name == "userError" && len(n.Elts) > 1 {
					add(n.Elts[1], "userError")
				}
			}
			return true
		})
	}
	return texts, bad
}

// stringConstant is the value of a string literal, a named constant or a sum of them.
func stringConstant(e ast.Expr, consts map[string]string) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind == token.STRING {
			s, err := strconv.Unquote(e.Value)
			return s, err == nil
		}
	case *ast.Ident:
		s, ok := consts[e.Name]
		return s, ok
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			a, ok1 := stringConstant(e.X, consts)
			b, ok2 := stringConstant(e.Y, consts)
			return a + b, ok1 && ok2
		}
	}
	return "", false
}

var verb = regexp.MustCompile(`%[-+# 0]*(\[\d+\])?(\d+|\*)?(\.(\d+|\*)?)?[a-zA-Z%]`)

// verbs lists the verbs of a format that take an argument, in order.
func verbs(format string) []string {
	var out []string
	for _, v := range verb.FindAllString(format, -1) {
		if v != "%%" {
			out = append(out, v)
		}
	}
	return out
}

// TestEveryTextHasATurkishTranslation: each text the bot writes through its locale has a
// Turkish entry with the same verbs in the same order, so that a text added without one fails
// here; and the table holds nothing the bot no longer writes.
func TestEveryTextHasATurkishTranslation(t *testing.T) {
	texts, bad := botTexts(t)
	for _, b := range bad {
		t.Errorf("%s: translate only constant texts (the test cannot check the others)", b)
	}
	if len(texts) < 100 {
		t.Fatalf("found %d texts, want the bot's hundred and more: is the scan still finding them?", len(texts))
	}
	used := map[string]bool{}
	for _, x := range texts {
		used[x.text] = true
		tr, ok := trTexts[x.text]
		if !ok {
			t.Errorf("%s: %q has no Turkish translation in trTexts", x.at, x.text)
			continue
		}
		if diff := cmp.Diff(verbs(x.text), verbs(tr)); diff != "" {
			t.Errorf("%s: the Turkish of %q is %q: its verbs differ (-English +Turkish):\n%s", x.at, x.text, tr, diff)
		}
	}
	for en := range trTexts {
		if !used[en] {
			t.Errorf("trTexts translates %q, which the bot no longer writes", en)
		}
	}
}

// TestTurkishTextsNameTheTurkishCommands: a Turkish text that names a command names it as a
// Turkish client shows it (/sor, not /ask), and the English text named it too.
func TestTurkishTextsNameTheTurkishCommands(t *testing.T) {
	tb := newTable()
	for en, tr := range trTexts {
		for _, c := range tb.commands {
			name := english.command(c.def)
			re := regexp.MustCompile(regexp.QuoteMeta(name) + `\b`)
			if !re.MatchString(en) {
				continue
			}
			if trName := turkish.command(c.def); !regexp.MustCompile(regexp.QuoteMeta(trName) + `\b`).MatchString(tr) {
				t.Errorf("%q names %s, but its Turkish %q does not name %s", en, name, tr, trName)
			}
		}
	}
}

// TestEveryPhaseHasATurkishName: the reindex phases that the progress message shows.
func TestEveryPhaseHasATurkishName(t *testing.T) {
	for _, p := range []string{index.PhaseLoading, index.PhaseIndexing, index.PhaseChecking, index.PhaseSwapping, index.PhaseDone, index.PhaseFailed} {
		if got := turkish.phase(p); got == p {
			t.Errorf("phase %q has no Turkish name", p)
		}
		if got := english.phase(p); got != p {
			t.Errorf("English phase %q written %q", p, got)
		}
	}
}

func TestTurkishNotation(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"tonnes", turkish.quantity("270,000 t"), "270.000 t"},
		{"decimals", turkish.quantity("12.5 Mt"), "12,5 Mt"},
		{"per cent", turkish.quantity("69.2 %"), "%69,2"},
		{"negative per cent", turkish.quantity("-31.9 %"), "−%31,9"},
		{"times", turkish.quantity("6.0×"), "6,0 kat"},
		{"rank", turkish.quantity("7th"), "7."},
		{"per year", turkish.quantity("570,000 t/yr"), "570.000 t/yıl"},
		{"qualified", turkish.quantity("about $12 billion"), "yaklaşık $12 milyar"},
		{"english", english.quantity("about 12.5 Mt"), "about 12.5 Mt"},
		{"equation", turkish.equation("12.5 Mt ÷ 694 Mt = 1.80 %"), "12,5 Mt ÷ 694 Mt = %1,80"},
		{"change", turkish.equation("$260 per kg ÷ $382 per kg − 1 = -31.9 %"), "$260/kg ÷ $382/kg − 1 = −%31,9"},
		{"rank equation", turkish.equation("1 + count([12 figures of usgs-mine-2024], # > 9,975 t/yr) = 7th"), "1 + count([usgs-mine-2024: 12 rakam], # > 9.975 t/yıl) = 7."},
		{"english equation", english.equation("12.5 Mt ÷ 694 Mt = 1.80 %"), "12.5 Mt ÷ 694 Mt = 1.80 %"},
		{"share", turkish.percent(0.173), "%17"},
		{"english share", english.percent(0.173), "17 %"},
		{"duration", turkish.duration(3723400 * time.Millisecond), "1 sa 2 dk 3,4 sn"},
		{"short month", cardDate(turkish, "2025-10-03"), "Eki\u00a02025"},
		{"year", cardDate(turkish, "2024"), "2024"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

// TestTurkishLapsedNote: the sentence that a fact has lapsed, in Turkish, with its date.
func TestTurkishLapsedNote(t *testing.T) {
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	var f *knowledge.Fact
	for _, x := range base.Facts {
		if x.ValidUntil != "" && slices.Contains(x.Tags, "suspension") {
			f = x
			break
		}
	}
	if f == nil {
		t.Skip("no suspension with an end date in the knowledge base")
	}
	p, err := knowledge.ParsePeriod(f.ValidUntil)
	if err != nil {
		t.Fatal(err)
	}
	after := p.Last.AddDate(0, 0, 2)
	got := turkish.lapsedNote(f, after)
	if !strings.HasPrefix(got, "Bu askıya alma ") || !strings.Contains(got, turkish.period(p)) {
		t.Errorf("got %q, want the suspension's end in Turkish (%s)", got, turkish.period(p))
	}
	if got := english.lapsedNote(f, after); got != f.LapsedNote(after) {
		t.Errorf("English note %q, want knowledge's %q", got, f.LapsedNote(after))
	}
	if got := turkish.lapsedNote(f, p.First.AddDate(0, 0, -1)); got != "" {
		t.Errorf("before the end: %q, want none", got)
	}
}

// englishFragments are the words of the bot's English texts: each text cut at its verbs and
// line breaks, keeping the pieces of more than three letters that its Turkish does not share
// ("REE Desk" and "/fact" stay in both).
func englishFragments() []string {
	var out []string
	seen := map[string]bool{}
	for en, tr := range trTexts {
		for _, piece := range verb.Split(en, -1) {
			for _, frag := range strings.Split(piece, "\n") {
				frag = strings.Trim(frag, " .,;:()“”`*•-#…←·")
				letters := 0
				for _, r := range frag {
					if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
						letters++
					}
				}
				if letters <= 3 || seen[frag] || strings.Contains(tr, frag) {
					continue
				}
				seen[frag] = true
				out = append(out, frag)
			}
		}
	}
	slices.Sort(out)
	return out
}

var codeBlock = regexp.MustCompile("(?s)```.*?```")

// knowledgeText is every string of the knowledge base (fact titles, texts, labels, notes,
// sources…): what a reply may quote in English.
func knowledgeText(t *testing.T) string {
	t.Helper()
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	seen := map[uintptr]bool{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			b.WriteString(v.String() + "\n")
		case reflect.Pointer:
			if v.IsNil() || seen[v.Pointer()] {
				return
			}
			seen[v.Pointer()] = true
			walk(v.Elem())
		case reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Struct:
			for k := range v.NumField() {
				walk(v.Field(k))
			}
		case reflect.Slice, reflect.Array:
			for k := range v.Len() {
				walk(v.Index(k))
			}
		case reflect.Map:
			it := v.MapRange()
			for it.Next() {
				walk(it.Key())
				walk(it.Value())
			}
		}
	}
	walk(reflect.ValueOf(base))
	return b.String()
}

// shownText is what a reader sees of a response: its content, embeds, buttons and modal.
func shownText(resp *discordgo.InteractionResponse) []string {
	d := resp.Data
	if d == nil {
		return nil
	}
	out := []string{d.Content, d.Title}
	for _, e := range d.Embeds {
		out = append(out, e.Title, e.Description)
		for _, f := range e.Fields {
			out = append(out, f.Name, f.Value)
		}
		if e.Footer != nil {
			out = append(out, e.Footer.Text)
		}
	}
	var components func(cs []discordgo.MessageComponent)
	components = func(cs []discordgo.MessageComponent) {
		for _, c := range cs {
			switch c := c.(type) {
			case discordgo.ActionsRow:
				components(c.Components)
			case *discordgo.ActionsRow:
				components(c.Components)
			case discordgo.Button:
				out = append(out, c.Label)
			case discordgo.TextInput:
				out = append(out, c.Label, c.Placeholder)
			}
		}
	}
	components(d.Components)
	return out
}

// englishIn lists the English fragments a Turkish reply shows that no passage of the
// knowledge base could have brought.
func englishIn(shown []string, kb string, frags []string) []string {
	var found []string
	for _, s := range shown {
		s = plain(s, false)
		for _, f := range frags {
			if strings.Contains(s, f) && !strings.Contains(kb, f) {
				found = append(found, f)
			}
		}
	}
	return found
}

// TestTurkishRepliesHaveNoEnglishText answers every Turkish interaction under testdata, and
// /reindex and /curate in Turkish: none shows a word of the bot's English texts, outside the
// fact passages, which stay as written.
func TestTurkishRepliesHaveNoEnglishText(t *testing.T) {
	t.Parallel()
	kb := knowledgeText(t)
	frags := englishFragments()
	if len(frags) < 100 {
		t.Fatalf("%d English fragments, want the table's words", len(frags))
	}
	// The check can fail: an English reply shows them.
	en := testBot(t, Options{}).Respond(context.Background(), Interaction("ask", map[string]any{"question": "How many locations were drilled at Beylikova?"}))
	if got := englishIn(shownText(en.Response), kb, frags); len(got) == 0 {
		t.Error("an English answer shows none of the English fragments: the check finds nothing")
	}

	b := testBot(t, Options{})
	files, err := filepath.Glob(filepath.Join("testdata", "interactions", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		i := readInteraction(t, f)
		if localeOf(i) != turkish {
			continue
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			reply := b.Respond(context.Background(), i)
			if got := englishIn(shownText(reply.Response), kb, frags); len(got) > 0 {
				t.Errorf("the Turkish reply shows English: %q", got)
			}
		})
	}
	if n < 10 {
		t.Errorf("%d Turkish interactions under testdata, want one of each kind of reply", n)
	}

	t.Run("reindex", func(t *testing.T) {
		// The reindex's words do not depend on the knowledge: the mechanics files will do.
		base, err := mechanicsBase()
		if err != nil {
			t.Fatal(err)
		}
		for _, load := range []index.Loader{
			func(context.Context) (*knowledge.Base, error) { return mechanicsBase() },
			func(context.Context) (*knowledge.Base, error) {
				return knowledge.LoadDir(filepath.Join("..", "knowledge", "testdata", "planted"))
			},
		} {
			idx, err := index.Open(context.Background(), base, index.Options{Load: load})
			if err != nil {
				t.Fatal(err)
			}
			b := testBot(t, Options{Index: idx, Reindexer: idx})
			i := Interaction("reindex", nil)
			i.Locale = discordgo.Turkish
			reply := b.Respond(context.Background(), i)
			var shown []string
			reply.Later(context.Background(), func(e *discordgo.WebhookEdit) error {
				for _, em := range *e.Embeds {
					shown = append(shown, em.Title, em.Description)
					for _, f := range em.Fields {
						shown = append(shown, f.Name, f.Value)
					}
				}
				return nil
			})
			idx.Close()
			if !slices.ContainsFunc(shown, func(s string) bool { return strings.HasPrefix(s, "Yeniden dizinle") }) {
				t.Errorf("reindex edits %q, want a Turkish title", shown)
			}
			// The problems of a broken fact file, in a code block, are the validator's: file,
			// line and field, not the bot's words.
			for k := range shown {
				shown[k] = codeBlock.ReplaceAllString(shown[k], "")
			}
			if got := englishIn(shown, kb, frags); len(got) > 0 {
				t.Errorf("the Turkish reindex shows English: %q", got)
			}
		}
	})

	t.Run("curate", func(t *testing.T) {
		day := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
		rep := &questions.Report{
			Since: day, Until: day.AddDate(0, 0, 30),
			Totals:     questions.Totals{Questions: 40, Misses: 6, Votes: 10, Helpful: 7},
			Unanswered: []questions.Gap{{Question: "lityum fiyatı?", Wordings: []string{"lityum"}, Count: 3, Users: 2}},
			Unhelpful:  []questions.FactVotes{{FactID: "beylikova-reo", NotHelpful: 2, Helpful: 1}},
			Comments:   []questions.Comment{{At: day, Question: "tenör?", FactID: "beylikova-reo", Text: "eski rakam"}},
			Weeks:      []questions.Week{{Start: day, Totals: questions.Totals{Questions: 40, Misses: 6, Votes: 10, Helpful: 7}}},
		}
		var shown []string
		for _, e := range curateEmbeds(turkish, rep, 30) {
			shown = append(shown, e.Title, e.Description, e.Footer.Text)
			for _, f := range e.Fields {
				shown = append(shown, f.Name, f.Value)
			}
		}
		if got := englishIn(shown, kb, frags); len(got) > 0 {
			t.Errorf("the Turkish /curate shows English: %q", got)
		}
		if all := strings.Join(shown, "\n"); !strings.Contains(all, "%15 yanıtsız") || !strings.Contains(all, "2 Kas") {
			t.Errorf("the Turkish /curate:\n%s\nwant shares and dates in Turkish (%%15, 2 Kas)", all)
		}
	})
}

// notWords are the texts of the bot's source that look like words but are no reply text of
// its own, and so have no translation.
var notWords = map[string]string{
	"REE Desk":      "the bot's name",
	"Bot ":          "the Authorization scheme of a token",
	"Beylikova":     "a place, matched in the facts",
	"Nos":           "an abbreviation read in fact notes",
	"Art":           "an abbreviation read in fact notes",
	"not shown yet": "a progress state that is never shown",
}

// TestNoTextEscapesTranslation looks for words in the bot's source that do not go through a
// locale: a label or sentence added as a plain string would reach a Turkish reader in
// English. Logs, errors for the log, HTTP errors and the command definitions (localized for
// Discord, checked by the register test) are not reply texts.
func TestNoTextEscapesTranslation(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	words := regexp.MustCompile(`[A-Za-z]{3,} [A-Za-z]{2,}|^[A-Z][a-z]{2,}`)
	notReplies := map[string]bool{
		"Errorf": true, "New": true, "Error": true, "MustCompile": true, "Set": true, "Get": true,
		"Debug": true, "Info": true, "Warn": true, "DebugContext": true, "InfoContext": true, "WarnContext": true, "ErrorContext": true,
		// translated, or checked by TestEveryTextHasATurkishTranslation
		"t": true, "f": true, "badInput": true, "refused": true, "missed": true,
		// command definitions, localized for Discord
		"stringOption": true, "withTurkish": true, "inTurkish": true,
	}
	found := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || strings.HasPrefix(name, "locale") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		var stack []ast.Node
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			stack = append(stack, n)
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil || !words.MatchString(s) {
				return true
			}
			found++
			for k := len(stack) - 2; k >= 0; k-- {
				switch p := stack[k].(type) {
				case *ast.CallExpr:
					fn := ""
					switch x := p.Fun.(type) {
					case *ast.SelectorExpr:
						fn = x.Sel.Name
					case *ast.Ident:
						fn = x.Name
					}
					if notReplies[fn] {
						return true
					}
				case *ast.CompositeLit:
					if sel, ok := p.Type.(*ast.SelectorExpr); ok && strings.HasPrefix(sel.Sel.Name, "ApplicationCommand") {
						return true
					}
					if id, ok := p.Type.(*ast.Ident); ok && id.Name == "userError" {
						return true
					}
				case *ast.ImportSpec, *ast.Field:
					return true
				}
			}
			if _, ok := trTexts[s]; ok {
				return true // a constant that is translated where it is used
			}
			if _, ok := notWords[s]; !ok {
				t.Errorf("%s: %q does not go through the locale: write it with l.t or l.f and translate it in trTexts (or list it in notWords if no reader sees it)", fset.Position(lit.Pos()), s)
			}
			return true
		})
	}
	if found < 100 {
		t.Errorf("found %d texts in the source, want the bot's hundred and more: is the scan still finding them?", found)
	}
}

// TestTurkishAnswerSaysWhenAFactHasLapsed: after China's suspension of its October 2025
// controls ended (valid_until 2026-11-10), a Turkish answer says so first, in Turkish.
func TestTurkishAnswerSaysWhenAFactHasLapsed(t *testing.T) {
	now := time.Date(2026, 11, 11, 8, 0, 0, 0, time.UTC)
	b := testBot(t, Options{Now: func() time.Time { return now }})
	i := Interaction("ask", map[string]any{"question": "Are China's October 2025 export controls in force?"})
	i.Locale = discordgo.Turkish
	content := b.Respond(context.Background(), i).Response.Data.Content
	const want = "**Bu askıya alma 10 Kasım 2026 tarihinde sona erecekti; bilgi tabanında daha yeni bir bilgi yok.** Bilginin söylediği: "
	if !strings.HasPrefix(content, want) {
		t.Errorf("content %q, want it to start with %q", content, want)
	}
}
