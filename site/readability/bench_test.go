package readability

import (
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/bedside-health/bedside/build/markdown"
)

// BenchmarkMeasureMarkdown scores one sample article (about 600 words).
func BenchmarkMeasureMarkdown(b *testing.B) {
	src, err := os.ReadFile("../../content/conditions/asthma.md")
	if err != nil {
		b.Skip(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	cpu := cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			MeasureMarkdown(src, "en")
		}
	})
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/float64(b.N), "cpu-µs/op")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkMeasure scores already extracted prose on every core at once,
// as a build does (the syllable cache is shared between them).
func BenchmarkMeasure(b *testing.B) {
	src, err := os.ReadFile("../../content/conditions/asthma.md")
	if err != nil {
		b.Skip(err)
	}
	blocks := Prose(src)
	b.ReportAllocs()
	cpu := cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			Measure(blocks, "en")
		}
	})
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/float64(b.N), "cpu-µs/op")
}

// BenchmarkProseOfMeasure is the quality gate's per-article work: the prose
// of an article the build has already parsed (with its own renderer, front
// matter cut off), then its scores, on every core at once.
func BenchmarkProseOfMeasure(b *testing.B) {
	src, err := os.ReadFile("../../content/conditions/asthma.md")
	if err != nil {
		b.Skip(err)
	}
	body := bodyOf(src)
	doc, err := markdown.New(markdown.Options{}).Parse(body)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	cpu := cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			Measure(ProseOf(doc, body), "en")
		}
	})
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/float64(b.N), "cpu-µs/op")
}

// BenchmarkMeasureDoc is BenchmarkProseOfMeasure's work as the quality
// gate does it, with MeasureDoc, which makes no strings of the prose.
func BenchmarkMeasureDoc(b *testing.B) {
	src, err := os.ReadFile("../../content/conditions/asthma.md")
	if err != nil {
		b.Skip(err)
	}
	body := bodyOf(src)
	doc, err := markdown.New(markdown.Options{}).Parse(body)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	cpu := cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			MeasureDoc(doc, body, "en")
		}
	})
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/float64(b.N), "cpu-µs/op")
}
