package build_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
	"github.com/bedside-health/bedside/site/sitetest"
)

// benchCorpus returns the standard benchmark corpus of n articles.
func benchCorpus(b *testing.B, n int) string { return sitetest.Corpus(b, n) }

// cpuTime is the user and system CPU time of this process so far.
func cpuTime() time.Duration { return sitetest.CPUTime() }

// discard is an Output that drops files, to measure rendering alone.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

func benchmarkBuild(b *testing.B, n int, toDisk bool) { benchmarkBuildWith(b, n, toDisk, false) }

func benchmarkBuildWith(b *testing.B, n int, toDisk, plainTemplates bool) {
	dir := benchCorpus(b, n)
	load := site.LoadOptions{Now: mustDate("2028-06-01")} // after every date in the corpus
	b.ResetTimer()
	cpu0 := cpuTime()
	defer func() {
		// CPU time is steadier than wall time on a shared machine.
		b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
		if mb, ok := sitetest.PeakRSSMB(); ok {
			b.ReportMetric(mb, "peak-RSS-MB")
		}
	}()
	for i := 0; i < b.N; i++ {
		if toDisk {
			_, res, diags := build.ToDir(dir, filepath.Join(b.TempDir(), "public"), load, build.Options{})
			if diags.HasErrors() {
				b.Fatal(diags)
			}
			b.ReportMetric(float64(res.Pages), "pages")
			continue
		}
		s := site.Load(dir, load)
		_, diags := build.Run(s, discard{}, build.Options{PlainTemplates: plainTemplates})
		if diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}

// BenchmarkBuild1k and BenchmarkBuild10k measure a full build of the
// standard corpus to disk (go test -bench Build -benchtime 3x ./build).
func BenchmarkBuild1k(b *testing.B)  { benchmarkBuild(b, 1000, true) }
func BenchmarkBuild10k(b *testing.B) { benchmarkBuild(b, 10000, true) }

// BenchmarkRender10k is the same build without disk writes.
func BenchmarkRender10k(b *testing.B) { benchmarkBuild(b, 10000, false) }

// BenchmarkRender10kPlainTemplates is BenchmarkRender10k with the theme run
// by html/template alone instead of the compiled executor (package
// tmplexec): the difference is what the executor saves.
//
//	go test -run '^$' -bench 'Render10k' -benchtime 3x ./build
func BenchmarkRender10kPlainTemplates(b *testing.B) { benchmarkBuildWith(b, 10000, false, true) }
