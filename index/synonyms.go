package index

import (
	"strings"

	"github.com/reedesk/reedesk/knowledge"
)

// Bleve's own synonym support drops multi-word entries ("rare earth elements") silently, so
// synonyms are expanded here, in the query: a phrase of the question that one entry of a group
// matches becomes one concept that any entry of the group satisfies. Names of places,
// organisations, people and elements are concepts too, so that "Bayan Obo" is one concept and
// a passage about the place a question names ranks above one about another place.

// synEntry is one word or phrase of a concept, with its analyzed terms.
type synEntry struct {
	text  string
	terms []string
}

// concept is a group of ways to write one thing.
type concept struct {
	entries []synEntry
	entity  bool // a name of a place, organisation, person or element
}

type concepts struct {
	groups []concept
	// byFirst lists, for a first term, the entries that start with it: group and entry index.
	byFirst map[string][][2]int
}

// entityNames lists the names of every place, organisation, person and element in base.
func entityNames(base *knowledge.Base) []string {
	seen := map[string]bool{}
	var out []string
	add := func(names ...string) {
		for _, n := range names {
			if n != "" && !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	for _, f := range base.Facts {
		add(f.Places...)
		add(f.Orgs...)
		add(f.People...)
		if f.Element != nil {
			add(f.Element.Symbol, knowledge.ElementName(f))
		}
		if f.Quote != nil {
			add(f.Quote.By)
		}
	}
	return out
}

func newConcepts(synonyms [][]string, entities []string, analyze func(string) []string) *concepts {
	c := &concepts{byFirst: map[string][][2]int{}}
	entity := map[string]bool{}
	for _, e := range entities {
		entity[strings.Join(analyze(e), " ")] = true
	}
	covered := map[string]bool{}
	add := func(texts []string, min int) {
		var g concept
		for _, text := range texts {
			terms := analyze(text)
			if len(terms) == 0 {
				continue
			}
			key := strings.Join(terms, " ")
			g.entries = append(g.entries, synEntry{text: text, terms: terms})
			g.entity = g.entity || entity[key]
			covered[key] = true
		}
		if len(g.entries) < min {
			return
		}
		gi := len(c.groups)
		c.groups = append(c.groups, g)
		for ei, e := range g.entries {
			c.byFirst[e.terms[0]] = append(c.byFirst[e.terms[0]], [2]int{gi, ei})
		}
	}
	for _, group := range synonyms {
		add(group, 2)
	}
	for _, e := range entities {
		if !covered[strings.Join(analyze(e), " ")] {
			add([]string{e}, 1)
		}
	}
	return c
}

// match returns the concept of the longest entry that matches terms from position i, and how
// many terms it covers; n is 0 when none does.
func (c *concepts) match(terms []string, i int) (group, n int) {
	for _, ref := range c.byFirst[terms[i]] {
		e := c.groups[ref[0]].entries[ref[1]]
		if len(e.terms) <= n || i+len(e.terms) > len(terms) {
			continue
		}
		ok := true
		for k, t := range e.terms {
			if terms[i+k] != t {
				ok = false
				break
			}
		}
		if ok {
			group, n = ref[0], len(e.terms)
		}
	}
	return group, n
}
