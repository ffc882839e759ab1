package index

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func values(cs []Choice) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Value)
	}
	return out
}

func TestCompleteRanksExactThenPrefixThenFuzzy(t *testing.T) {
	t.Parallel()
	idx := testIndex(t)
	tests := []struct {
		name, set, input string
		wantFirst        []string
	}{
		{"symbol exact", CompleteElements, "Nd", []string{"Nd"}},
		{"symbol lowercase", CompleteElements, "dy", []string{"Dy"}},
		{"name prefix", CompleteElements, "neo", []string{"Nd"}},
		{"prefix shared by several", CompleteElements, "t", []string{"Tb", "Tm"}},
		{"typo", CompleteElements, "gadolinum", []string{"Gd"}},
		{"topic by id", CompleteTopics, "beylikova", []string{"beylikova"}},
		{"topic by word", CompleteTopics, "value", []string{"value-chain"}},
		{"fact by id prefix", CompleteFacts, "beylikova-reo", []string{"beylikova-reo"}},
		{"figure", CompleteFigures, "beylikova_implied", []string{"beylikova_implied_grade"}},
		{"folded place", CompletePlaces, "eskisehir", []string{"Eskişehir"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := values(idx.Complete(tt.set, tt.input, 25))
			if len(got) < len(tt.wantFirst) {
				t.Fatalf("Complete(%s, %q) = %v, want it to start with %v", tt.set, tt.input, got, tt.wantFirst)
			}
			if diff := cmp.Diff(tt.wantFirst, got[:len(tt.wantFirst)]); diff != "" {
				t.Errorf("Complete(%s, %q) starts differently (-want +got):\n%s", tt.set, tt.input, diff)
			}
		})
	}
}

func TestCompleteGivesAtMostMax(t *testing.T) {
	t.Parallel()
	idx := testIndex(t)
	for _, set := range []string{CompleteTopics, CompleteElements, CompleteFacts, CompleteFigures, CompletePlaces} {
		for _, input := range []string{"", "e", "rare earth", strings.Repeat("ş", 300), "\x00\xff"} {
			got := idx.Complete(set, input, 7)
			if len(got) > 7 {
				t.Errorf("Complete(%s, %q, 7) gave %d choices, want at most 7", set, input, len(got))
			}
			for _, c := range got {
				if c.Name == "" || c.Value == "" {
					t.Errorf("Complete(%s, %q): choice %+v has an empty name or value", set, input, c)
				}
			}
		}
	}
}

func TestCompleteEmptyInputListsUsefulChoices(t *testing.T) {
	t.Parallel()
	idx := testIndex(t)
	elements := values(idx.Complete(CompleteElements, "", 25))
	if len(elements) != 17 || elements[0] != "Sc" || elements[16] != "Lu" {
		t.Errorf("Complete(elements, \"\") = %v, want the 17 elements by atomic number", elements)
	}
	if topics := idx.Complete(CompleteTopics, "", 25); len(topics) < 5 {
		t.Errorf("Complete(topics, \"\") = %v, want every topic", topics)
	}
	if facts := idx.Complete(CompleteFacts, "", 25); len(facts) != 25 {
		t.Errorf("Complete(facts, \"\") gave %d choices, want %d", len(facts), 25)
	}
}
