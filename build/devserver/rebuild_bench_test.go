package devserver

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bedside-health/bedside/site"
)

// BenchmarkBodyRebuild measures the rebuild alone (no watcher, no HTTP)
// after an edit to one article's body, with the real extensions:
//
//	BEDSIDE_BENCH_CORPUS=DIR go test ./build/devserver -run '^$' -bench BodyRebuild -cpuprofile cpu.out
func BenchmarkBodyRebuild(b *testing.B) {
	dir := benchCorpus(b)
	articles := corpusArticles(b, dir)
	bl := newBuilder(dir, site.LoadOptions{Drafts: true, Future: true, Now: time.Date(2028, 6, 1, 0, 0, 0, 0, time.UTC)}, testExtensions)
	bl.early = func(*snapshot) {}
	if out := bl.initial(); out.snap == nil {
		b.Fatalf("initial build failed: %v", out.diags)
	}
	bl.early = func(*snapshot) {}
	var toPages []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a := articles[(i*7919)%len(articles)]
		path := filepath.Join(dir, a.SourcePath)
		src, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		saveAtomically(b, path, append(src, fmt.Sprintf("\n\nRebuild %d.\n", i)...))
		out := bl.rebuild([]string{a.SourcePath})
		if out.snap == nil || out.how != "body" {
			b.Fatalf("rebuild: %s, %v", out.how, out.diags)
		}
		toPages = append(toPages, out.pagesTook)
	}
	b.StopTimer()
	slices.Sort(toPages)
	b.ReportMetric(float64(toPages[len(toPages)/2].Microseconds())/1000, "ms-to-page-median")
}

// BenchmarkFieldRebuild is BenchmarkBodyRebuild for an edit to a field
// (the description), which reloads the content model.
func BenchmarkFieldRebuild(b *testing.B) {
	dir := benchCorpus(b)
	articles := corpusArticles(b, dir)
	bl := newBuilder(dir, site.LoadOptions{Drafts: true, Future: true, Now: time.Date(2028, 6, 1, 0, 0, 0, 0, time.UTC)}, testExtensions)
	if out := bl.initial(); out.snap == nil {
		b.Fatalf("initial build failed: %v", out.diags)
	}
	bl.early = func(*snapshot) {}
	var toPages []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a := articles[(i*7919)%len(articles)]
		path := filepath.Join(dir, a.SourcePath)
		src, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		saveAtomically(b, path, []byte(strings.Replace(string(src), "description: \"", fmt.Sprintf("description: \"Edit %d. ", i), 1)))
		out := bl.rebuild([]string{a.SourcePath})
		if out.snap == nil || out.how != "fields" {
			b.Fatalf("rebuild: %s, %v", out.how, out.diags)
		}
		toPages = append(toPages, out.pagesTook)
	}
	b.StopTimer()
	slices.Sort(toPages)
	b.ReportMetric(float64(toPages[len(toPages)/2].Microseconds())/1000, "ms-to-page-median")
}
