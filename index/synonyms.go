package index

// Bleve's own synonym support drops multi-word entries ("rare earth elements") silently, so
// synonyms are expanded here, in the query: a phrase of the question that one entry of a group
// matches becomes one clause that any entry of the group satisfies.

// synEntry is one word or phrase of a synonym group, with its analyzed terms.
type synEntry struct {
	text  string
	terms []string
}

type synonyms struct {
	groups [][]synEntry
	// byFirst lists, for a first term, the entries that start with it: group and entry index.
	byFirst map[string][][2]int
}

func newSynonyms(groups [][]string, analyze func(string) []string) *synonyms {
	s := &synonyms{byFirst: map[string][][2]int{}}
	for _, group := range groups {
		var entries []synEntry
		for _, text := range group {
			terms := analyze(text)
			if len(terms) == 0 {
				continue
			}
			entries = append(entries, synEntry{text: text, terms: terms})
		}
		if len(entries) < 2 {
			continue
		}
		gi := len(s.groups)
		s.groups = append(s.groups, entries)
		for ei, e := range entries {
			s.byFirst[e.terms[0]] = append(s.byFirst[e.terms[0]], [2]int{gi, ei})
		}
	}
	return s
}

// match returns the group of the longest entry that matches terms from position i, and how
// many terms it covers; n is 0 when none does.
func (s *synonyms) match(terms []string, i int) (group, n int) {
	for _, ref := range s.byFirst[terms[i]] {
		e := s.groups[ref[0]][ref[1]]
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
