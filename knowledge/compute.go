package knowledge

import (
	"fmt"
	"strings"
)

// pendingComputed is a computed figure waiting for the figures its formula names.
type pendingComputed struct {
	raw  rawComputed
	fact *Fact
	file *yamlFile
	at   []string
}

// computed checks each formula's names and dimension, orders the formulas so that each runs
// after the computed figures it uses, reports cycles, and evaluates them.
func (l *loader) computed(b *Base, pending []*pendingComputed) {
	type node struct {
		p     *pendingComputed
		names []string
		ok    bool
	}
	byName := map[string]*node{}
	var nodes []*node
	for _, p := range pending {
		names, _, err := formulaNames(p.raw.Formula)
		n := &node{p: p, names: names, ok: err == nil}
		if err != nil {
			l.formulaProblem(p, "cannot be read: %v", err)
		}
		byName[p.raw.Name] = n
		nodes = append(nodes, n)
	}

	// Depth-first ordering; a grey node met again closes a cycle.
	const (
		white = iota
		grey
		black
	)
	color := map[*node]int{}
	var order []*node
	var stack []string
	var visit func(n *node)
	visit = func(n *node) {
		color[n] = grey
		stack = append(stack, n.p.raw.Name)
		for _, name := range n.names {
			m, ok := byName[name]
			if !ok {
				continue
			}
			switch color[m] {
			case grey:
				i := len(stack) - 1
				for i > 0 && stack[i] != name {
					i--
				}
				cycle := append(append([]string{}, stack[i:]...), name)
				l.formulaProblem(n.p, "formulas form a cycle: %s", strings.Join(cycle, " → "))
				n.ok = false
				m.ok = false
			case white:
				visit(m)
			}
		}
		stack = stack[:len(stack)-1]
		color[n] = black
		order = append(order, n)
	}
	for _, n := range nodes {
		if color[n] == white {
			visit(n)
		}
	}

	failed := map[string]bool{}
	for _, n := range order {
		p := n.p
		for _, name := range n.names {
			if failed[name] {
				n.ok = false
			}
		}
		if n.ok {
			n.ok = l.evaluate(b, p, n.names)
		}
		if !n.ok {
			failed[p.raw.Name] = true
		}
	}
	for _, p := range pending {
		b.Facts = append(b.Facts, p.fact)
	}
}

func (l *loader) formulaProblem(p *pendingComputed, format string, args ...any) {
	at := append(append([]string{}, p.at...), "formula")
	l.problem(p.file.name, p.file.line(at...), field(at), format, args...)
}

// evaluate computes one formula whose inputs are all known.
func (l *loader) evaluate(b *Base, p *pendingComputed, names []string) bool {
	operands := map[string]operand{}
	env := map[string]any{}
	for _, name := range names {
		if g, ok := b.figures[name]; ok {
			u, _ := LookupUnit(g.Unit)
			operands[name] = operand{dim: u.Dim}
			env[name] = g.Value * u.Scale
			continue
		}
		if list, ok := b.series[strings.ReplaceAll(name, "_", "-")]; ok {
			u, _ := LookupUnit(list[0].Unit)
			operands[name] = operand{dim: u.Dim, series: true}
			vals := make([]float64, len(list))
			for i, g := range list {
				gu, _ := LookupUnit(g.Unit)
				if gu.Dim != u.Dim {
					l.formulaProblem(p, "series %q mixes %s and %s", name, list[0].Unit, g.Unit)
					return false
				}
				vals[i] = g.Value * gu.Scale
			}
			env[name] = vals
			continue
		}
		if _, ok := builtins[name]; ok {
			continue
		}
		if !l.broken[name] {
			l.formulaProblem(p, "names %q, which is neither a figure nor a series", name)
		}
		return false
	}
	_, tree, err := formulaNames(p.raw.Formula)
	if err != nil {
		return false
	}
	if err := checkRestricted(tree); err != nil {
		l.formulaProblem(p, "%v", err)
		return false
	}
	dim, err := dimension(tree, operands)
	if err != nil {
		l.formulaProblem(p, "%v", err)
		return false
	}
	u, _ := LookupUnit(p.raw.Unit)
	if dim != u.Dim {
		l.formulaProblem(p, "gives %s, but unit %q is %s", dim, p.raw.Unit, u.Dim)
		return false
	}
	v, err := evaluate(p.raw.Formula, env)
	if err != nil {
		l.formulaProblem(p, "%v", err)
		return false
	}
	g := p.fact.Figures[0]
	g.Value = v / u.Scale
	f := p.fact.Formula
	asOf := ""
	for _, name := range names {
		if in, ok := b.figures[name]; ok {
			f.Inputs = append(f.Inputs, in)
			if in.AsOf > asOf {
				asOf = in.AsOf
			}
		} else if _, ok := operands[name]; ok {
			f.Series = append(f.Series, strings.ReplaceAll(name, "_", "-"))
		}
	}
	g.AsOf = asOf
	f.eq = equation(p.raw.Formula, func(name string) string {
		if in, ok := b.figures[name]; ok {
			return in.Quantity()
		}
		if list, ok := b.series[strings.ReplaceAll(name, "_", "-")]; ok {
			return fmt.Sprintf("[%d figures of %s]", len(list), strings.ReplaceAll(name, "_", "-"))
		}
		return name
	}) + " = " + g.Quantity()
	p.fact.Digest = digest(p.fact.Topic, p.raw, g.Value)
	return true
}
