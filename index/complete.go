package index

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/reedesk/reedesk/knowledge"
)

// What slash-command options can complete.
const (
	CompleteTopics   = "topics"   // /stats topic
	CompleteElements = "elements" // /element name
	CompleteFacts    = "facts"    // /fact id
	CompleteFigures  = "figures"  // /compare a and b
	CompletePlaces   = "places"
)

// Choice is one autocomplete suggestion: what the user sees and what the option receives.
type Choice struct {
	Name, Value string
}

type candidate struct {
	Choice
	keys []string // folded: the whole name, the value, and each word
}

// completions are the candidates of each set, in their natural order (topics as filed,
// elements by atomic number), built once per generation on first use.
type completions struct {
	once sync.Once
	sets map[string][]candidate
}

func newCandidate(name, value string, extra ...string) candidate {
	c := candidate{Choice: Choice{Name: name, Value: value}}
	seen := map[string]bool{}
	add := func(s string) {
		k := foldString(s)
		if k != "" && !seen[k] {
			seen[k] = true
			c.keys = append(c.keys, k)
		}
	}
	add(name)
	add(value)
	for _, e := range extra {
		add(e)
	}
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '(' || r == ')' || r == ',' || r == ':' }) {
		add(w)
	}
	return c
}

func foldString(s string) string { return string(fold([]byte(strings.TrimSpace(s)))) }

func buildCompletions(b *knowledge.Base) map[string][]candidate {
	sets := map[string][]candidate{}
	for _, t := range b.Topics {
		sets[CompleteTopics] = append(sets[CompleteTopics], newCandidate(t.Title, t.ID))
	}
	for _, f := range b.Elements() {
		name := knowledge.ElementName(f)
		sets[CompleteElements] = append(sets[CompleteElements], newCandidate(fmt.Sprintf("%s (%s)", name, f.Element.Symbol), f.Element.Symbol, name))
	}
	places := map[string]bool{}
	for _, f := range b.Facts {
		sets[CompleteFacts] = append(sets[CompleteFacts], newCandidate(f.Title, f.ID))
		for _, p := range f.Places {
			if !places[p] {
				places[p] = true
				sets[CompletePlaces] = append(sets[CompletePlaces], newCandidate(p, p))
			}
		}
	}
	for _, f := range b.Facts {
		for _, g := range f.Figures {
			sets[CompleteFigures] = append(sets[CompleteFigures], newCandidate(g.Label+": "+g.String(), g.Name, g.Label))
		}
	}
	return sets
}

// Complete suggests up to max choices from a set for what the user has typed so far: exact
// matches first, then prefixes, then words that contain it, then near misses. An empty input
// lists the first choices in their natural order.
func (i *Index) Complete(set, input string, max int) []Choice {
	g := i.current()
	g.completions.once.Do(func() { g.completions.sets = buildCompletions(g.base) })
	cands := g.completions.sets[set]
	q := foldString(cleanQuery(input))
	type ranked struct {
		c    candidate
		tier int
		pos  int
	}
	var out []ranked
	for pos, c := range cands {
		tier := match(c.keys, q)
		if tier >= 0 {
			out = append(out, ranked{c, tier, pos})
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].tier != out[b].tier {
			return out[a].tier < out[b].tier
		}
		return out[a].pos < out[b].pos
	})
	if len(out) > max {
		out = out[:max]
	}
	choices := make([]Choice, len(out))
	for k, r := range out {
		choices[k] = r.c.Choice
	}
	return choices
}

// match ranks how well q matches a candidate's keys: 0 exact, 1 the name or value starts with
// it, 2 a word starts with it, 3 contains it, 4 within a typo of a word; -1 no match.
func match(keys []string, q string) int {
	if q == "" {
		return 0
	}
	best := -1
	better := func(t int) {
		if best < 0 || t < best {
			best = t
		}
	}
	for k, key := range keys {
		switch {
		case key == q:
			better(0)
		case strings.HasPrefix(key, q) && k < 2:
			better(1)
		case strings.HasPrefix(key, q):
			better(2)
		case strings.Contains(key, q):
			better(3)
		case len(q) >= 4:
			max := 1
			if len(q) >= 8 {
				max = 2
			}
			prefix := key
			if len(prefix) > len(q) {
				prefix = prefix[:len(q)]
			}
			if d, exceeded := search.LevenshteinDistanceMax(q, prefix, max); !exceeded && d <= max {
				better(4)
			}
		}
	}
	return best
}
