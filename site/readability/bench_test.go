package readability

import (
	"os"
	"testing"
)

// BenchmarkMeasureMarkdown scores one sample article (about 600 words).
func BenchmarkMeasureMarkdown(b *testing.B) {
	src, err := os.ReadFile("../../content/conditions/asthma.md")
	if err != nil {
		b.Skip(err)
	}
	b.SetBytes(int64(len(src)))
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			MeasureMarkdown(src, "en")
		}
	})
}
