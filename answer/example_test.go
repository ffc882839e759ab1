package answer_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/reedesk/reedesk/answer"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// The bot reads a question, renders the direct answer with its bold parts, then the passage,
// the working and the related passages; a follow-up carries the previous question.
func ExampleAsk() {
	ctx := context.Background()
	base, _ := knowledge.Embedded()
	idx, _ := index.New(ctx, base)
	defer idx.Close()

	a, _ := answer.Ask(ctx, idx, "How much did China mine in 2024?", answer.Options{})
	fmt.Println(a.Kind(), a.Direct.Markdown(func(s string) string { return s }))
	fmt.Println(a.Passage.Fact.ID)

	a, _ = answer.Ask(ctx, idx, "and Burma?", answer.Options{Previous: "How much did China mine in 2024?"})
	fmt.Println(a.Direct)

	a, _ = answer.Ask(ctx, idx, "Çin'in nadir toprak rezervleri ne kadar?", answer.Options{Lang: "tr"})
	fmt.Println(a.Direct)

	a, _ = answer.Ask(ctx, idx, "What is the gold price per ounce?", answer.Options{})
	fmt.Println(a.Kind(), a.Miss.Reason, "|", a.Direct)
	fmt.Println(strings.Join(a.Miss.Examples, " | "))
	// Output:
	// value **China** — rare earth mine production in 2024: **270,000 t** (USGS MCS 2025).
	// usgs-mine-china
	// Burma (Myanmar) — rare earth mine production in 2024: 31,000 t (USGS MCS 2025).
	// Çin — nadir toprak rezervleri, 2024: 44 Mt (USGS MCS 2025).
	// miss no match | No match: the knowledge base has no answer to this question.
	// How did rare earth oxide prices change from 2023 to 2024 for Terbium oxide? | China vs Brazil: rare earth reserves | Which country has the highest rare earth mine production?
}
