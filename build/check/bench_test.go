package check_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/build/check"
	"github.com/bedside-health/bedside/build/feeds"
	"github.com/bedside-health/bedside/build/structured"
	"github.com/bedside-health/bedside/site"
	"github.com/bedside-health/bedside/site/sitetest"
)

// benchCorpus returns the standard benchmark corpus of n articles.
func benchCorpus(b *testing.B, n int) string { return sitetest.Corpus(b, n) }

// benchmarkBuild builds the corpus with the extensions of bedside build,
// with or without the quality gate.
func benchmarkBuild(b *testing.B, n int, withChecks bool) {
	dir := benchCorpus(b, n)
	load := site.LoadOptions{Now: time.Date(2028, 6, 1, 0, 0, 0, 0, time.UTC)} // after every date in the corpus
	dest := filepath.Join(b.TempDir(), "public")
	run := func() {
		exts := []build.Extension{feeds.New(), structured.New()}
		if withChecks {
			exts = append(exts, check.New())
		}
		// What bedside build does: load, build into the folder kept from
		// the build before last, swap it in.
		_, res, diags := build.ToDir(dir, dest, load, build.Options{Extensions: exts})
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		b.ReportMetric(float64(res.Pages), "pages")
	}
	// Two builds first, so that every timed build rewrites a kept site as
	// a rebuild does: otherwise the file system's cost of creating tens of
	// thousands of files (which depends on what was deleted just before,
	// such as the other benchmark's folder) swamps what is measured.
	run()
	run()
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		run()
	}
	// CPU time is steadier than wall time on a shared machine.
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration { return sitetest.CPUTime() }

// The quality gate's cost is the difference between these two:
//
//	go test -run '^$' -bench 'Build10k' -benchtime 3x ./build/check
func BenchmarkBuild10kWithoutChecks(b *testing.B) { benchmarkBuild(b, 10000, false) }
func BenchmarkBuild10kWithChecks(b *testing.B)    { benchmarkBuild(b, 10000, true) }
func BenchmarkBuild1kWithoutChecks(b *testing.B)  { benchmarkBuild(b, 1000, false) }
func BenchmarkBuild1kWithChecks(b *testing.B)     { benchmarkBuild(b, 1000, true) }

// BenchmarkCheckOverhead10k builds the 10k corpus to disk with and without
// the quality gate in turn (which goes first alternates), so that a busy
// machine slows both alike, and reports the gate's cost as a percentage of
// the build without it, in wall and in CPU time:
//
//	go test -run '^$' -bench CheckOverhead10k -benchtime 4x ./build/check
func BenchmarkCheckOverhead10k(b *testing.B) {
	dir := benchCorpus(b, 10000)
	load := site.LoadOptions{Now: time.Date(2028, 6, 1, 0, 0, 0, 0, time.UTC)}
	dest := filepath.Join(b.TempDir(), "public")
	var wall, cpu [2]time.Duration // [without, with]
	run := func(with int) {
		exts := []build.Extension{feeds.New(), structured.New()}
		if with == 1 {
			exts = append(exts, check.New())
		}
		w0, c0 := time.Now(), cpuTime()
		_, _, diags := build.ToDir(dir, dest, load, build.Options{Extensions: exts})
		wall[with] += time.Since(w0)
		cpu[with] += cpuTime() - c0
		if diags.HasErrors() {
			b.Fatal(diags)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		first := i % 2
		run(first)
		run(1 - first)
	}
	n := float64(b.N)
	b.ReportMetric(wall[0].Seconds()/n, "build-s")
	b.ReportMetric(wall[1].Seconds()/n, "build+check-s")
	b.ReportMetric(100*(wall[1]-wall[0]).Seconds()/wall[0].Seconds(), "wall-overhead-%")
	b.ReportMetric(100*(cpu[1]-cpu[0]).Seconds()/cpu[0].Seconds(), "cpu-overhead-%")
}
