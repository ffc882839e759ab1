// Package evalset reads eval sets (questions by kind with the figures a correct answer must
// contain, in the shape of ../shared/eval/dev.yaml) and scores answers by their rules, for the
// eval tests of package answer and of the command, which read answers in different forms.
package evalset

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"testing"

	"go.yaml.in/yaml/v3"
)

// Item is one question of an eval set.
type Item struct {
	Q      string   `yaml:"q"`
	Kind   string   `yaml:"kind"`
	Expect []string `yaml:"expect"` // regular expressions, matched without regard to case
}

// Load reads the eval set at path.
func Load(path string) ([]Item, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read eval set: %w", err)
	}
	var items []Item
	if err := yaml.Unmarshal(data, &items); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return items, nil
}

// Answer is an answer as an eval reads it.
type Answer struct {
	Miss bool // it says plainly that the knowledge base has no answer
	// All is the text a reader sees, First what they see first.
	All, First string
	// Class, when not "", is how the answer was classed, logged before the question; Shown is
	// what the log shows after the question's arrow.
	Class, Shown string
}

// Score counts the questions of a set, those answered with every expected figure, and those
// with every expected figure in what the reader sees first.
type Score struct{ N, All, First int }

func (s *Score) add(all, first bool) {
	s.N++
	if all {
		s.All++
	}
	if first {
		s.First++
	}
}

// Run asks every question of the eval set at path and scores the answers by the rules of
// dev.yaml: a question of kind miss counts only when the answer says plainly that it has no
// answer; any other counts when the answer's text has every expected figure, and counts as
// first when what the reader sees first has them. It logs a line per question, the score by
// kind and the total, whose "first" is in firstIn (where the reader looks first).
func Run(t testing.TB, path, firstIn string, ask func(question string) Answer) Score {
	t.Helper()
	items, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	var total Score
	byKind := map[string]*Score{}
	for _, it := range items {
		a := ask(it.Q)
		var all, first bool
		if it.Kind == "miss" {
			all, first = a.Miss, a.Miss
		} else {
			all = !a.Miss && matches(a.All, it.Expect)
			first = all && matches(a.First, it.Expect)
		}
		k := byKind[it.Kind]
		if k == nil {
			k = &Score{}
			byKind[it.Kind] = k
		}
		k.add(all, first)
		total.add(all, first)
		class := ""
		if a.Class != "" {
			class = fmt.Sprintf("%-11s ", a.Class)
		}
		t.Logf("%-5v %-5v %-11s %s%q → %s", all, first, it.Kind, class, it.Q, a.Shown)
	}
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		s := byKind[k]
		t.Logf("score %-11s %2d/%-2d answered, %2d/%-2d first", k, s.All, s.N, s.First, s.N)
	}
	t.Logf("score: %d/%d answered with every expected figure, %d/%d in %s", total.All, total.N, total.First, total.N, firstIn)
	return total
}

// matches reports whether text matches every expected pattern.
func matches(text string, expect []string) bool {
	for _, e := range expect {
		if !regexp.MustCompile("(?i)" + e).MatchString(text) {
			return false
		}
	}
	return true
}
