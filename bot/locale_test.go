package bot

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
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
