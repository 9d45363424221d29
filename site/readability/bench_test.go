package readability

import (
	"os"
	"testing"
	"time"

	"github.com/yuin/goldmark/ast"

	"github.com/bedside-health/bedside/build/markdown"
	"github.com/bedside-health/bedside/site/sitetest"
)

// sampleArticle is the sample site's asthma article (about 600 words); the
// benchmark is skipped outside the repository.
func sampleArticle(b *testing.B) []byte {
	src, err := os.ReadFile("../../content/conditions/asthma.md")
	if err != nil {
		b.Skip(err)
	}
	return src
}

// parsedSample is the sample article as the build holds it: its body,
// front matter cut off, and the syntax tree of the build's renderer.
func parsedSample(b *testing.B) ([]byte, ast.Node) {
	body := bodyOf(sampleArticle(b))
	doc, err := markdown.New(markdown.Options{}).Parse(body)
	if err != nil {
		b.Fatal(err)
	}
	return body, doc
}

// onEveryCore runs op on every core at once, as a build does (the syllable
// cache is shared between them), and reports the CPU time per op, which is
// steadier than wall time on a shared machine.
func onEveryCore(b *testing.B, op func()) {
	b.ReportAllocs()
	cpu := cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			op()
		}
	})
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/float64(b.N), "cpu-µs/op")
}

func cpuTime() time.Duration { return sitetest.CPUTime() }

// BenchmarkMeasureMarkdown scores one sample article (about 600 words).
func BenchmarkMeasureMarkdown(b *testing.B) {
	src := sampleArticle(b)
	b.SetBytes(int64(len(src)))
	onEveryCore(b, func() { MeasureMarkdown(src, "en") })
}

// BenchmarkMeasure scores already extracted prose.
func BenchmarkMeasure(b *testing.B) {
	blocks := Prose(sampleArticle(b))
	onEveryCore(b, func() { Measure(blocks, "en") })
}

// BenchmarkProseOfMeasure is the quality gate's per-article work: the prose
// of an article the build has already parsed, then its scores.
func BenchmarkProseOfMeasure(b *testing.B) {
	body, doc := parsedSample(b)
	onEveryCore(b, func() { Measure(ProseOf(doc, body), "en") })
}

// BenchmarkMeasureDoc is BenchmarkProseOfMeasure's work as the quality
// gate does it, with MeasureDoc, which makes no strings of the prose.
func BenchmarkMeasureDoc(b *testing.B) {
	body, doc := parsedSample(b)
	onEveryCore(b, func() { MeasureDoc(doc, body, "en") })
}
