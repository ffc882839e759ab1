package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata")

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestRunExitCodes(t *testing.T) {
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
	tests := []struct {
		name string
		args []string
	}{
		{"ask_reo.txt", []string{"ask", "How much rare earth oxide is at Beylikova?"}},
		{"ask_grade.json", []string{"ask", "--json", "What is the ore grade at Beylikova?"}},
		{"ask_miss.txt", []string{"ask", "What is the weather in Paris tomorrow?"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := run(context.Background(), tt.args, env(nil), &out, io.Discard); err != nil {
				t.Fatalf("run(%q): %v", tt.args, err)
			}
			golden(t, tt.name, out.String())
		})
	}
}
