package answer

import (
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// after reads r in the context of the previous question: what r does not say (the table, the
// rows, the years, the kind) it takes from prev. "and Burma?" after "How much did China mine
// in 2024?" is Burma's 2024 production.
func (r *Reading) after(prev *Reading) {
	if prev.Table == nil {
		return
	}
	t := prev.Table
	switch {
	case r.Table == nil && (len(r.rowsBy[t]) > 0 || len(r.Years) > 0 || r.cues[cueTotal]):
		// "and Burma?", "and in 2023?", "what about the world?"
		r.Table = t
		r.Rows = r.rowsBy[t]
		r.Total = r.cues[cueTotal]
		r.FollowUp = true
	case r.Table == nil && len(r.others) == 0 && (r.cues[cueMost] || r.cues[cueLeast] || r.Nth > 0 || r.Top > 0 || r.cues[cueRank]):
		// "and which fell most?", "and the cheapest?": the same table
		r.Table = t
		r.Rows = r.rowsBy[t]
		r.FollowUp = true
	case r.Table == t && len(r.Rows) == 0 && len(prev.Rows) > 0 && !r.cues[cueMost] && !r.cues[cueLeast] && r.Nth == 0:
		// "and in 2023, how much did it mine?"
		r.FollowUp = true
	case r.Table != nil && r.Table != t && len(r.Rows) == 0 && len(prev.Rows) > 0:
		// "and its reserves?": the same rows, in the other table.
		for _, row := range prev.Rows {
			if o, ok := r.Table.Row(row.Label); ok {
				r.Rows = append(r.Rows, o)
			}
		}
		r.FollowUp = len(r.Rows) > 0
	case r.Table != nil && r.Table != t && len(r.Rows) == 0 && len(prev.Rows) == 0 && prev.Kind == KindSuperlative &&
		!r.asksKind() && !r.cues[cueTotal]:
		// "and in reserves?" after "Who mines the most outside China?": the same ranking in
		// the other table, over its rows of the same names
		r.excluded, r.ranksAfter = sameRows(r.Table, prev.excluded), sameRows(r.Table, prev.ranksAfter)
		r.group, r.exclGroup = prev.group, prev.exclGroup
		r.FollowUp = true
	default:
		return
	}
	if !r.FollowUp {
		return
	}
	if len(r.Rows) == 0 && !r.Total && r.Table == t {
		r.Rows = prev.Rows
		r.Total = prev.Total
	}
	if len(r.Years) == 0 {
		for _, y := range prev.Years {
			if r.Table.HasYear(y) {
				r.Years = append(r.Years, y)
			}
		}
	}
	r.others = nil
	if !r.asksKind() && prev.Kind != KindLookup && prev.Kind != KindDefine && prev.Kind != KindWhy && prev.Kind != KindMiss {
		// "and in 2023?" asks the previous question of another year, row or table, over the
		// same rows: "outside China", "in Africa".
		r.Nth, r.Least = prev.Nth, prev.Least
		r.Kind = prev.Kind
		if r.Table == t {
			r.excluded, r.group, r.exclGroup = prev.excluded, prev.group, prev.exclGroup
			r.Direction, r.Relative, r.Top = prev.Direction, prev.Relative, prev.Top
			r.ranksAfter = prev.ranksAfter
		}
		r.OverYears = prev.OverYears
		switch {
		case prev.OverYears:
			// "and dysprosium oxide?" after "In which year was terbium oxide dearest?"
		case prev.Kind == KindSuperlative && len(r.Rows) > 0:
			r.Kind = KindRank
		case prev.Kind == KindCompare && len(r.Rows) < 2:
			r.Kind = KindValue
		case (prev.Kind == KindRank || prev.Kind == KindShare || prev.Kind == KindChange || prev.Kind == KindValue) && len(r.Rows) == 0 && !r.Total:
			r.Kind = r.kind()
		}
		return
	}
	r.Kind = r.kind()
}

// asksKind reports whether a question says itself what kind of answer it wants.
func (r *Reading) asksKind() bool {
	for _, c := range []cue{cueMost, cueLeast, cueRank, cueCompare, cueTimes, cueChange, cueSince, cueShare, cuePercent, cueSum} {
		if r.cues[c] {
			return true
		}
	}
	return r.Nth > 0 || len(r.Rows) >= 2
}

// standAlone gives a question that only makes sense as a follow-up ("what about Nigeria?")
// its most sensible reading alone: the value of the named rows in the table whose passage the
// search ranks highest, or else the first table that has them.
func (r *Reading) standAlone(res *index.Result) {
	var best *knowledge.Table
	bestAt := len(res.Hits) + 1
	for t, rows := range r.rowsBy {
		at := len(res.Hits)
		for i, h := range res.Hits {
			for _, row := range rows {
				for _, y := range t.Years {
					if g := row.Cell(y); g != nil && g.Fact == h.Fact && i < at {
						at = i
					}
				}
			}
		}
		if at < bestAt || (at == bestAt && best != nil && tableOrder(res.Base, t) < tableOrder(res.Base, best)) {
			best, bestAt = t, at
		}
	}
	if best == nil {
		return
	}
	r.Table = best
	r.Rows = r.rowsBy[best]
	r.others = nil
	r.FollowUp = true
	r.Kind = r.kind()
}

func tableOrder(b *knowledge.Base, t *knowledge.Table) int {
	for i, o := range b.Tables() {
		if o == t {
			return i
		}
	}
	return len(b.Tables())
}

// sameRows are the rows of table t with the labels of rows of another table.
func sameRows(t *knowledge.Table, rows []*knowledge.Row) []*knowledge.Row {
	var out []*knowledge.Row
	for _, row := range rows {
		if o, ok := t.Row(row.Label); ok {
			out = append(out, o)
		}
	}
	return out
}
