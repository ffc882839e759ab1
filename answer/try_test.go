package answer

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestTry(t *testing.T) {
	idx := testIndex(t)
	for _, q := range strings.Split(os.Getenv("QS"), "|") {
		a, _ := Ask(context.Background(), idx, q, Options{Lang: os.Getenv("LANG_"), Previous: os.Getenv("PREV")})
		fmt.Printf("%-55q %-11s %s | %s\n", q, a.Kind(), a.Direct, passageID(a))
	}
}
