package site_test

import (
	"testing"
	"time"

	"github.com/bedside-health/bedside/site"
	"github.com/bedside-health/bedside/site/sitetest"
)

// BenchmarkLoadAndReadBodies10k loads the 10,000-article corpus as a build
// does (bodies deferred) and reads every article's body again, as
// rendering does: both reads of each file.
//
//	go test -run '^$' -bench LoadAndReadBodies -benchtime 5x ./site
func BenchmarkLoadAndReadBodies10k(b *testing.B) {
	dir := sitetest.Corpus(b, 10000)
	now, _ := time.Parse("2006-01-02", "2028-06-01")
	b.ResetTimer()
	cpu0 := sitetest.CPUTime()
	for i := 0; i < b.N; i++ {
		s := site.Load(dir, site.LoadOptions{Now: now, DeferBodies: true})
		for _, a := range s.Articles {
			if _, _, err := site.ReadBody(dir, a.SourcePath); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric((sitetest.CPUTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkLoad10k loads the 10,000-article corpus as a build does: its
// ns/op is the wall time before rendering can start, on all cores.
//
//	go test -run '^$' -bench 'Load10k' -benchtime 10x ./site
func BenchmarkLoad10k(b *testing.B) {
	dir := sitetest.Corpus(b, 10000)
	now, _ := time.Parse("2006-01-02", "2028-06-01")
	cpu0 := sitetest.CPUTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if s := site.Load(dir, site.LoadOptions{Now: now, DeferBodies: true}); len(s.Articles) != 10000 {
			b.Fatalf("loaded %d articles, want 10000", len(s.Articles))
		}
	}
	b.StopTimer()
	b.ReportMetric((sitetest.CPUTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
}
