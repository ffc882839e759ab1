package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/reedesk/reedesk/internal/golden"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestRunExitCodes(t *testing.T) {
	t.Parallel()
	planted := filepath.Join("..", "..", "knowledge", "testdata", "planted")
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		wantCode int // 0 for success
		wantOut  []string
	}{
		{"no command", nil, nil, 2, nil},
		{"unknown command", []string{"frobnicate"}, nil, 2, nil},
		{"help", []string{"help"}, nil, 0, []string{"reedesk ask", "reedesk validate"}},
		{"ask without question", []string{"ask"}, nil, 2, nil},
		{"validate built-in", []string{"validate"}, nil, 0, []string{"is valid"}},
		{"validate planted errors", []string{"validate", planted}, nil, 1, []string{
			"facts.yaml:16: facts[1].id: id \"good\" is already used",
			"facts.yaml:31: facts[3].figures[0].unit: \"tonnes\" is not allowed",
			"facts.yaml:86: computed[2].formula: formulas form a cycle",
		}},
		{"validate missing dir", []string{"validate", "no/such/dir"}, nil, 1, nil},
		{"validate two dirs", []string{"validate", "a", "b"}, nil, 2, nil},
		{"ask from a broken KNOWLEDGE_DIR", []string{"ask", "grade"}, map[string]string{"KNOWLEDGE_DIR": planted}, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := run(context.Background(), tt.args, env(tt.env), &out, &errOut)
			code := report(&errOut, err)
			if code != tt.wantCode {
				t.Errorf("run(%q) exit code = %d (err %v), want %d", tt.args, code, err, tt.wantCode)
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(out.String(), w) {
					t.Errorf("run(%q) printed %q, want it to contain %q", tt.args, out.String(), w)
				}
			}
		})
	}
}

// TestAskGolden pins the terminal rendering and the JSON payload of a few answers, so a change
// in what users see shows up in review.
func TestAskGolden(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
	}{
		{"ask_reo.txt", []string{"ask", "How much rare earth oxide is at Beylikova?"}},
		{"ask_grade.json", []string{"ask", "--json", "What is the ore grade at Beylikova?"}},
		{"ask_miss.txt", []string{"ask", "What is the weather in Paris tomorrow?"}},
		{"ask_reo_tr.txt", []string{"ask", "--locale", "tr", "Beylikova'da ne kadar nadir toprak oksidi var?"}},
		{"stats_tr.txt", []string{"run", "--locale", "tr", "/stats topic:beylikova"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := run(context.Background(), tt.args, env(nil), &out, io.Discard); err != nil {
				t.Fatalf("run(%q): %v", tt.args, err)
			}
			golden.Check(t, filepath.Join("testdata", tt.name), out.String())
		})
	}
}

// runCmd runs the program with args and environment, returning its output, its standard
// error and its exit status.
func runCmd(t *testing.T, vars map[string]string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, env(vars), &out, &errOut)
	code = report(&errOut, err)
	return out.String(), errOut.String(), code
}

// TestCommandLineMistakes: a mistake prints one line and one hint, never the whole usage, and
// exits with 2; --help prints a command's usage and succeeds.
func TestCommandLineMistakes(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  []string // each on a line of standard error, which has exactly these lines
		wantOut  string
	}{
		{"unknown flag", []string{"ask", "--nope", "grade"}, 2, []string{"reedesk: ask: flag provided but not defined: -nope", "Run 'reedesk ask --help' for its usage."}, ""},
		{"flag after the question", []string{"ask", "grade at Beylikova", "--jsn"}, 2, []string{"reedesk: ask: flag provided but not defined: -jsn", "Run 'reedesk ask --help' for its usage."}, ""},
		{"unknown command", []string{"frobnicate"}, 2, []string{`reedesk: unknown command "frobnicate"`, "Run 'reedesk help' for the commands."}, ""},
		{"no command", nil, 2, []string{"reedesk: no command given", "Run 'reedesk help' for the commands."}, ""},
		{"bad slash command", []string{"run", "stats topic:x"}, 2, nil, ""},
		{"ask --help", []string{"ask", "--help"}, 0, nil, "Usage: reedesk ask [--json] [--locale tr] QUESTION"},
		{"unknown locale", []string{"ask", "--locale", "xx", "grade"}, 2, []string{`reedesk: ask: --locale: "xx" is not a Discord locale, such as tr or en-US`, "Run 'reedesk ask --help' for its usage."}, ""},
		{"run -h", []string{"run", "-h"}, 0, nil, "--complete"},
		{"help serve", []string{"help", "serve"}, 0, nil, "Usage: reedesk serve"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCmd(t, nil, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit status %d (stderr %q), want %d", code, errOut, tt.wantCode)
			}
			if tt.wantErr != nil {
				if got := strings.Split(strings.TrimSpace(errOut), "\n"); !cmp.Equal(got, tt.wantErr) {
					t.Errorf("stderr lines %q, want %q", got, tt.wantErr)
				}
			}
			if code == 2 && len(strings.Split(strings.TrimSpace(errOut), "\n")) > 2 {
				t.Errorf("stderr has %d lines, want the error and one hint:\n%s", len(strings.Split(errOut, "\n")), errOut)
			}
			if !strings.Contains(out, tt.wantOut) {
				t.Errorf("stdout %q, want it to contain %q", out, tt.wantOut)
			}
		})
	}
}

// TestFailedCommandsExitWithOne: a slash command that cannot be done says why in its answer
// and exits with 1; a miss is an answer.
func TestFailedCommandsExitWithOne(t *testing.T) {
	t.Parallel()
	tests := []struct {
		line     string
		wantCode int
		wantOut  string
	}{
		{"/stats topic:no such topic", 1, "I have no topic called"},
		{"/stats", 1, "/stats needs the option topic"},
		{"/element name:zz", 1, "is not one of the 17 rare earth elements"},
		{"/fact id:nope-nope", 1, "I have no fact with the id"},
		{"/compare a:usgs_mine_2024_china b:price_nd_oxide_2024", 1, "measure different things"},
		{"/reindex", 1, "Reindexing is not available here"},
		{"/ask question:What is the weather in Paris tomorrow?", 0, "No match"},
		{"/stats topic:beylikova", 0, "Beylikova"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			out, errOut, code := runCmd(t, nil, "run", tt.line)
			if code != tt.wantCode {
				t.Errorf("exit status %d (stderr %q), want %d", code, errOut, tt.wantCode)
			}
			if !strings.Contains(out, tt.wantOut) {
				t.Errorf("output %q, want it to contain %q", out, tt.wantOut)
			}
			if code == 1 && errOut != "" {
				t.Errorf("stderr %q, want nothing: the answer says why", errOut)
			}
		})
	}
}

// TestTerminalInTurkish: with --locale tr the terminal answers as to a Turkish client, whose
// commands and options may be typed in Turkish; a command that cannot be done still exits
// with 1.
func TestTerminalInTurkish(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args     []string
		wantCode int
		wantOut  []string
	}{
		{[]string{"run", "--locale", "tr", "/istatistik konu:world production"}, 0, []string{"390.000 t", "Tamamı: /bilgi kimlik", "Grafikler: "}},
		{[]string{"run", "--locale", "tr", "/stats topic:no such topic"}, 1, []string{"“no such topic” adında bir konu yok."}},
		{[]string{"run", "--locale", "tr", "/sor"}, 1, []string{"/sor komutu için soru seçeneği gerekli"}},
		{[]string{"run", "--locale", "tr", "/karşılaştır a:beylikova_reo b:usgs_reserves_china"}, 0, []string{"12,5 Mt ÷ 44 Mt = 0,28 kat", "Fark"}},
		{[]string{"run", "--locale", "tr", "--complete", "/compare a:usgs_reserves_ind"}, 0, []string{"India: 6,9 Mt"}},
		{[]string{"ask", "--locale", "tr", "Yarın Paris'te hava nasıl olacak?"}, 0, []string{"Eşleşme yok", "/sor soru:"}},
		{[]string{"run", "--locale", "en-US", "/stats topic:beylikova"}, 0, []string{"Total resource (ore)", "Topic beylikova"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out, errOut, code := runCmd(t, nil, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit status %d (stderr %q), want %d", code, errOut, tt.wantCode)
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(out, w) {
					t.Errorf("output %q, want it to contain %q", out, w)
				}
			}
		})
	}
}

// TestCompleteShowsValues: --complete shows what an option takes (an id) beside its name.
func TestCompleteShowsValues(t *testing.T) {
	t.Parallel()
	out, _, code := runCmd(t, nil, "run", "--complete", "/fact id:implied")
	if code != 0 || !strings.Contains(out, "• beylikova-implied-grade: ") {
		t.Errorf("exit %d, output %q; want a choice line starting with the fact id", code, out)
	}
	out, _, _ = runCmd(t, nil, "run", "--complete", "/compare a:usgs_mine_2024_ch")
	if !strings.Contains(out, "• usgs_mine_2024_china: ") {
		t.Errorf("output %q, want the figure name usgs_mine_2024_china", out)
	}
}

// TestTerminalWraps: text output fits 80 columns when it is not a terminal, broken between
// words; only a word longer than a line (a URL) stands alone, whole.
func TestTerminalWraps(t *testing.T) {
	t.Parallel()
	out, _, _ := runCmd(t, nil, "ask", "How much does the value multiply from magnets to electric motors?")
	for _, line := range strings.Split(out, "\n") {
		if n := utf8.RuneCountInString(line); n > 80 && len(strings.Fields(line)) > 1 {
			t.Errorf("line of %d columns: %q", n, line)
		}
	}
	if !strings.Contains(out, "\n") || strings.Count(out, "\n") < 5 {
		t.Errorf("output %q has too few lines", out)
	}
}

// copyFacts copies the built-in fact files (only names, if any are given) into a folder of the
// test's and returns it.
func copyFacts(t *testing.T, names ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "facts")
	data := filepath.Join("..", "..", "knowledge", "data")
	if len(names) == 0 {
		if err := os.CopyFS(dir, os.DirFS(data)); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		b, err := os.ReadFile(filepath.Join(data, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// replicaFiles are the real fact files that the replica tests which serve a KNOWLEDGE_DIR
// (watching, converging, keeping secrets out of logs) serve and edit: what they check does not
// depend on the rest of the base, and every replica and every reindex builds an index of them
// in a fraction of the processor time of all 250 facts, which the race detector multiplies.
var replicaFiles = []string{"beylikova.yaml", "prices.yaml", "reserves.yaml", "sources.yaml", "synonyms.yaml"}

// TestTerminalReindexComparesWithWhatWasServed: /reindex in the terminal compares the fact
// files with the built-in knowledge base, or with what INDEX_DIR holds, not with themselves.
func TestTerminalReindexComparesWithWhatWasServed(t *testing.T) {
	t.Parallel()
	facts := copyFacts(t)
	edit := func(old, new string) {
		t.Helper()
		path := filepath.Join(facts, "beylikova.yaml")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		edited := strings.Replace(string(data), old, new, 1)
		if edited == string(data) {
			t.Fatalf("beylikova.yaml has no %q; update the test", old)
		}
		if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("spread over 310 drilling locations", "spread over 310 drill sites")

	vars := map[string]string{"KNOWLEDGE_DIR": facts}
	out, _, code := runCmd(t, vars, "run", "/reindex")
	if code != 0 || !strings.Contains(out, "Changed (1)") || !strings.Contains(out, "beylikova-drilling") {
		t.Errorf("without INDEX_DIR: exit %d, output %q; want beylikova-drilling changed from the built-in facts", code, out)
	}

	vars["INDEX_DIR"] = filepath.Join(t.TempDir(), "index")
	for k, want := range []string{"Changed (1)", "Nothing changed"} {
		out, _, code = runCmd(t, vars, "run", "/reindex")
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("INDEX_DIR, run %d: exit %d, output %q; want %q", k+1, code, out, want)
		}
	}
	edit("spread over 310 drill sites", "spread over 310 sites")
	out, _, _ = runCmd(t, vars, "run", "/reindex")
	if !strings.Contains(out, "Changed (1)") || !strings.Contains(out, "beylikova-drilling") {
		t.Errorf("after another edit: output %q, want beylikova-drilling changed from what INDEX_DIR held", out)
	}
}

// TestErrorsNameTheURLInUse: when DISCORD_API_URL sends calls elsewhere, errors name that
// address, not discord.com.
func TestErrorsNameTheURLInUse(t *testing.T) {
	t.Parallel()
	_, errOut, code := runCmd(t, map[string]string{"DISCORD_TOKEN": "x", "DISCORD_APP_ID": "1", "DISCORD_API_URL": "http://127.0.0.1:1/api/v9/"}, "register")
	if code != 1 || !strings.Contains(errOut, "http://127.0.0.1:1/api/v9/") || strings.Contains(errOut, "discord.com") {
		t.Errorf("exit %d, stderr %q; want an error naming http://127.0.0.1:1/api/v9/ and not discord.com", code, errOut)
	}
}

// TestValidateWarnsOnLapsedFacts sets the clock on either side of a fact's valid_until:
// validate warns once it has lapsed (an error only with --strict).
func TestValidateWarnsOnLapsedFacts(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("sources.yaml", "sources:\n  - id: mofcom\n    publisher: MOFCOM\n    title: Announcement No. 70\n    date: 2025-11-07\n")
	write("controls.yaml", `topic: controls
title: Controls
summary: A suspension that ends.
facts:
  - id: suspension
    kind: export-control
    title: A suspension until 10 November 2026
    text: The controls were suspended until 10 November 2026.
    source: mofcom
    valid_until: 2026-11-10
    tags: [suspension]
`)
	tests := []struct {
		now      time.Time
		args     []string
		wantCode int
		want     string
	}{
		{time.Date(2026, 11, 10, 23, 0, 0, 0, time.UTC), []string{"validate", dir}, 0, "is valid"},
		{time.Date(2026, 11, 11, 9, 0, 0, 0, time.UTC), []string{"validate", dir}, 0, "warning: " + filepath.Join(dir, "controls.yaml") + ":5: valid_until: lapsed since 11 November 2026 (held until 10 November 2026)"},
		{time.Date(2026, 11, 11, 9, 0, 0, 0, time.UTC), []string{"validate", "--strict", dir}, 1, "1 fact(s) have lapsed and 0 are due for review, as of 11 November 2026."},
	}
	for _, tt := range tests {
		t.Run(tt.now.Format("2006-01-02")+" "+strings.Join(tt.args[:len(tt.args)-1], " "), func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := runWith(context.Background(), stdio{getenv: env(nil), stdout: &out, stderr: &errOut, now: func() time.Time { return tt.now }}, tt.args)
			if code := report(&errOut, err); code != tt.wantCode {
				t.Errorf("exit status %d (stderr %q), want %d", code, errOut.String(), tt.wantCode)
			}
			if !strings.Contains(out.String(), tt.want) {
				t.Errorf("output %q, want it to contain %q", out.String(), tt.want)
			}
			if tt.now.Day() == 10 && strings.Contains(out.String(), "warning") {
				t.Errorf("output %q warns on the fact's last valid day", out.String())
			}
		})
	}
}

// TestHelpFitsTheTerminal: the help wraps every description at 80 columns (not a terminal),
// indented under its command, with no trailing spaces (the flags' defaults are the flag
// package's).
func TestHelpFitsTheTerminal(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"help", "validate"}, {"curate", "--help"}} {
		out, _, code := runCmd(t, nil, args...)
		if code != 0 {
			t.Fatalf("%q: exit status %d, want 0", args, code)
		}
		text, _, _ := strings.Cut(out, "\nFlags:")
		for i, line := range strings.Split(text, "\n") {
			if n := utf8.RuneCountInString(line); n > 80 && !strings.Contains(line, "'/COMMAND") {
				t.Errorf("%q: line %d has %d columns, want at most 80: %q", args, i+1, n, line)
			}
			if strings.TrimRight(line, " ") != line {
				t.Errorf("%q: line %d ends in a space: %q", args, i+1, line)
			}
		}
	}
}
