package index

// Warm builds, ahead of the first question that needs them, what the current generation
// otherwise builds on first use: the words suggested for a miss, and the autocomplete lists.
// A server calls it at start-up, so that no early question waits for them.
func (i *Index) Warm() {
	g := i.current()
	g.words()
	g.completions.once.Do(func() { g.completions.sets = buildCompletions(g.base) })
}
