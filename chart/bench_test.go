package chart

import "testing"

// BenchmarkDraw draws one chart of each kind from the real fact files, PNG encoding included;
// the target is at most 50 ms a chart on the 2-core machine.
func BenchmarkDraw(b *testing.B) {
	for _, tc := range kindCases(b) {
		b.Run(tc.name, func(b *testing.B) {
			var size int
			for b.Loop() {
				c, err := Draw(tc.spec)
				if err != nil {
					b.Fatal(err)
				}
				size = len(c.PNG)
			}
			b.ReportMetric(float64(size), "png-bytes")
		})
	}
}

// BenchmarkCachedTopic is a /stats topic's charts once drawn: what every request after the
// first costs.
func BenchmarkCachedTopic(b *testing.B) {
	base := builtin(b)
	c := NewCache(64)
	if _, err := c.ForTopic(base, "world-production"); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := c.ForTopic(base, "world-production"); err != nil {
			b.Fatal(err)
		}
	}
}
