package answer

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZDebug(t *testing.T) {
	qs := os.Getenv("QS")
	if qs == "" {
		t.Skip()
	}
	idx := testIndex(t)
	for _, q := range strings.Split(qs, "|") {
		lang := ""
		if strings.HasPrefix(q, "tr:") {
			lang, q = "tr", q[3:]
		}
		a := ask(t, idx, q, Options{Now: today, Lang: lang})
		res := a.Result
		fmt.Printf("Q: %s\n corr=%v unknown=%v miss=%v\n", q, res.Corrections, res.Unknown, res.Miss)
		for _, tm := range res.Terms {
			fmt.Printf("  term %q ent=%v df=%d corr=%v\n", tm.Words, tm.Entity, tm.Passages, tm.Corrected)
		}
		for i, h := range res.Hits {
			fmt.Printf("  hit %d %s %.3f ev=%.2f\n", i, h.Fact.ID, h.Score, evidence(res, &res.Hits[i], q))
		}
		r := a.Reading
		tbl := ""
		if r.Table != nil {
			tbl = r.Table.ID
		}
		var rows []string
		for _, row := range r.Rows {
			rows = append(rows, row.Label)
		}
		fmt.Printf(" kind=%s table=%s rows=%v years=%v named=%v cues=%v required=%v missing=%q\n direct=%s\n", a.Kind(), tbl, rows, r.Years, r.named, r.cues, r.required, r.missing, a.Direct)
	}
}
