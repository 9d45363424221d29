package structured_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/build/structured"
	"github.com/bedside-health/bedside/site"
	"github.com/bedside-health/bedside/site/sitetest"
)

// loadCorpus loads the standard benchmark corpus of n articles (made once
// in $BEDSIDE_BENCH_DIR) as of 2028-06-01.
func loadCorpus(b *testing.B, n int) *site.Site {
	b.Helper()
	s := site.Load(sitetest.Corpus(b, n), site.LoadOptions{Now: time.Date(2028, 6, 1, 0, 0, 0, 0, time.UTC)})
	if s.Diagnostics.HasErrors() {
		b.Fatalf("corpus has errors:\n%v", s.Diagnostics)
	}
	return s
}

// BenchmarkBuild compares a build of 1,000 articles without and with the
// structured-data extension: the difference is what JSON-LD, social meta
// and review notices cost.
func BenchmarkBuild(b *testing.B) {
	s := loadCorpus(b, 1000)
	for _, tc := range []struct {
		name string
		ext  []build.Extension
	}{{"without", nil}, {"with", []build.Extension{structured.New()}}} {
		b.Run(tc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, diags := build.Run(s, build.NewMemOutput(), build.Options{Extensions: tc.ext}); diags.HasErrors() {
					b.Fatal(diags)
				}
			}
		})
	}
}

// recorder keeps a copy of every page's data as the build hands it to the
// decorators, before any of them has added to it.
type recorder struct {
	mu    sync.Mutex
	b     *build.Build
	pages []build.PageData
}

func (*recorder) Name() string { return "recorder" }

func (r *recorder) DecoratePage(b *build.Build, p *build.PageData) {
	r.mu.Lock()
	r.b = b
	r.pages = append(r.pages, *p)
	r.mu.Unlock()
}

// BenchmarkDecoratePage is the extension alone: one iteration decorates
// every page of the corpus (about 16,000 for 10,000 articles) in turn, with
// the extension's per-build steps around them as a build runs them.
func BenchmarkDecoratePage(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			s := loadCorpus(b, n)
			rec := &recorder{}
			if _, diags := build.Run(s, build.NewMemOutput(), build.Options{Extensions: []build.Extension{rec}}); diags.HasErrors() {
				b.Fatal(diags)
			}
			ext := structured.New()
			var e build.Extension = ext
			pages := make([]build.PageData, len(rec.pages))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				copy(pages, rec.pages)
				if pl, ok := e.(build.Planner); ok {
					if err := pl.Plan(rec.b); err != nil {
						b.Fatal(err)
					}
				}
				for j := range pages {
					ext.DecoratePage(rec.b, &pages[j])
				}
				if g, ok := e.(build.Generator); ok {
					if err := g.Generate(rec.b); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages)), "ns/page")
		})
	}
}
