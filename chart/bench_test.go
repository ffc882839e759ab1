package chart

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"
	"io"
	"testing"
)

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
				data, err := c.PNG()
				if err != nil {
					b.Fatal(err)
				}
				size = len(data)
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

// BenchmarkEncode compares the chart's PNG writer with image/png at its fastest setting, on
// the largest chart; png-bytes is the file size.
func BenchmarkEncode(b *testing.B) {
	spec := kindCases(b)[0].spec
	c, err := Draw(spec)
	if err != nil {
		b.Fatal(err)
	}
	data, err := c.PNG()
	if err != nil {
		b.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	rgba := image.NewRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, image.Point{}, draw.Src)
	for _, enc := range []struct {
		name string
		fn   func(io.Writer, *image.RGBA) error
	}{
		{"up-filter", encodePNG},
		{"image-png", func(w io.Writer, m *image.RGBA) error {
			return (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(w, m)
		}},
	} {
		b.Run(enc.name, func(b *testing.B) {
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				if err := enc.fn(&buf, rgba); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len()), "png-bytes")
		})
	}
}
