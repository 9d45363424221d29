package feeds

import (
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
	"github.com/bedside-health/bedside/site/sitetest"
)

// BenchmarkGenerate10k measures the feeds alone: planning them and
// encoding every feed of the 10,000-article corpus in the three formats,
// from bodies a build has already rendered and kept. Output is dropped.
// It reports the CPU time of all cores per operation, which a busy
// machine disturbs less than wall time.
//
//	go test -run '^$' -bench Generate10k -benchtime 20x ./build/feeds
func BenchmarkGenerate10k(b *testing.B) {
	bld := builtCorpus(b, 10000)
	b.ReportAllocs()
	runtime.GC()
	b.ResetTimer()
	startCPU := cpuSeconds()
	for i := 0; i < b.N; i++ {
		pl := makePlan(bld.Site)
		if err := generate(bld, pl, func(string, []byte) {}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuSeconds()-startCPU)/float64(b.N), "cpu-s/op")
}

var built struct {
	once sync.Once
	b    *build.Build
}

// builtCorpus builds the standard corpus of n articles once, with the
// feeds planned, and returns the build, which keeps the bodies the feeds
// need.
func builtCorpus(tb testing.TB, n int) *build.Build {
	built.once.Do(func() {
		dir := sitetest.Corpus(tb, n)
		s := site.Load(dir, site.LoadOptions{Now: time.Date(2028, 6, 1, 0, 0, 0, 0, time.UTC)})
		c := &capture{Extension: New()}
		if _, diags := build.Run(s, nowhere{}, build.Options{Extensions: []build.Extension{c}}); diags.HasErrors() {
			tb.Fatal(diags)
		}
		built.b = c.b
	})
	if built.b == nil {
		tb.Fatal("corpus build failed")
	}
	return built.b
}

// capture plans the feeds, so that the build keeps the bodies, and keeps
// the build instead of generating them.
type capture struct {
	*Extension
	b *build.Build
}

func (c *capture) Generate(b *build.Build) error {
	c.Extension.plans.Delete(b)
	c.b = b
	return nil
}

type nowhere struct{}

func (nowhere) WriteFile(string, []byte) error { return nil }

func cpuSeconds() float64 { return sitetest.CPUTime().Seconds() }
