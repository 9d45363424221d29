package feeds_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/build/feeds"
	"github.com/bedside-health/bedside/site"
	"github.com/bedside-health/bedside/site/sitetest"
)

// BenchmarkBuild10k measures what feeds add to a build of the standard
// 10,000-article corpus. Each iteration builds the corpus without and then
// with the extension, so that both see the same load on a shared machine,
// and reports the wall and CPU time of each (CPU time, user and system, is
// disturbed less by other work) and the overhead of feeds in percent.
// Output is dropped, so the difference is not hidden behind disk writes.
//
//	go test -run '^$' -bench Build10k -benchtime 3x ./build/feeds
func BenchmarkBuild10k(b *testing.B) {
	dir := corpus(b, 10000)
	load := site.LoadOptions{Now: date("2028-06-01")} // after every date in the corpus
	var wall, cpu [2]time.Duration
	feedCount := 0
	for i := 0; i < b.N; i++ {
		for k, ext := range [][]build.Extension{nil, {feeds.New()}} {
			b.StopTimer()
			runtime.GC() // each build pays for its own garbage only
			b.StartTimer()
			start, startCPU := time.Now(), cpuTime()
			s := site.Load(dir, load)
			res, diags := build.Run(s, discard{}, build.Options{Extensions: ext})
			if diags.HasErrors() {
				b.Fatal(diags)
			}
			wall[k] += time.Since(start)
			cpu[k] += cpuTime() - startCPU
			feedCount = res.Counts["feeds"]
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(wall[0].Milliseconds())/n, "ms-without")
	b.ReportMetric(float64(wall[1].Milliseconds())/n, "ms-with")
	b.ReportMetric(float64(cpu[0].Milliseconds())/n, "cpu-ms-without")
	b.ReportMetric(float64(cpu[1].Milliseconds())/n, "cpu-ms-with")
	b.ReportMetric(100*(wall[1].Seconds()/wall[0].Seconds()-1), "%wall-overhead")
	b.ReportMetric(100*(cpu[1].Seconds()/cpu[0].Seconds()-1), "%cpu-overhead")
	b.ReportMetric(float64(feedCount), "feeds")
}

// corpus returns the standard benchmark corpus of n articles, shared with
// the other packages' benchmarks.
func corpus(b *testing.B, n int) string { return sitetest.Corpus(b, n) }

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration { return sitetest.CPUTime() }

// discard drops the built files.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }
