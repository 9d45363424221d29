package check

import (
	"bytes"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/build/feeds"
	"github.com/bedside-health/bedside/build/structured"
	"github.com/bedside-health/bedside/site"
	"github.com/bedside-health/bedside/site/sitetest"
)

// observedPage is one page as a PageObserver saw it during a build.
type observedPage struct {
	b    *build.Build
	p    *build.PageData
	html []byte
}

// pageRecorder is a build extension that keeps a copy of every page it
// observes, so that benchmarks and tests can give them to a Checker again.
type pageRecorder struct {
	mu    sync.Mutex
	pages []observedPage
}

func (r *pageRecorder) Name() string { return "recorder" }

func (r *pageRecorder) ObservePage(b *build.Build, p *build.PageData, html []byte) {
	r.mu.Lock()
	r.pages = append(r.pages, observedPage{b: b, p: p, html: bytes.Clone(html)})
	r.mu.Unlock()
}

// corpusSize is the number of articles of the corpus the tests and
// benchmarks of ObservePage build: the standard benchmark corpus, small.
const corpusSize = 300

// builtCorpus builds sitetest.Corpus(tb, corpusSize) to disk as bedside
// build does (with the feeds and the JSON-LD, without the checker) and
// returns its pages as the checker would see them, sorted by address.
// The build is made once per test binary.
func builtCorpus(tb testing.TB) []observedPage {
	tb.Helper()
	dir := sitetest.Corpus(tb, corpusSize) // skips when the generator is missing
	corpusOnce.Do(func() {
		rec := &pageRecorder{}
		load := site.LoadOptions{Now: time.Date(2028, 6, 1, 0, 0, 0, 0, time.UTC)} // after every date in the corpus
		dest := filepath.Join(tb.TempDir(), "public")
		_, _, diags := build.ToDir(dir, dest, load, build.Options{Extensions: []build.Extension{feeds.New(), structured.New(), rec}})
		if diags.HasErrors() {
			corpusErr = diags
			return
		}
		sort.Slice(rec.pages, func(i, j int) bool { return rec.pages[i].p.URL < rec.pages[j].p.URL })
		corpus = rec.pages
	})
	if corpusErr != nil {
		tb.Fatal(corpusErr)
	}
	if len(corpus) < corpusSize {
		tb.Fatalf("the corpus has %d pages", len(corpus))
	}
	return corpus
}

var (
	corpusOnce sync.Once
	corpus     []observedPage
	corpusErr  error
)

// BenchmarkObservePage measures the checker's reading of every page of the
// built corpus, as the build calls it, garbage included:
//
//	go test -run '^$' -bench ObservePage -count 6 ./build/check
//
// Each round starts the checker afresh (Plan, not timed), so that the
// link table fills as in a build.
func BenchmarkObservePage(b *testing.B) {
	pages := builtCorpus(b)
	var size int64
	for _, pg := range pages {
		size += int64(len(pg.html))
	}
	c := New()
	b.Run("serial", func(b *testing.B) {
		b.SetBytes(size / int64(len(pages)))
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			k := i % len(pages)
			if k == 0 {
				b.StopTimer()
				if err := c.Plan(pages[0].b); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			pg := pages[k]
			c.ObservePage(pg.b, pg.p, pg.html)
		}
	})
	b.Run("parallel", func(b *testing.B) {
		// As in a build, every core observes pages at once.
		b.SetBytes(size / int64(len(pages)))
		b.ReportAllocs()
		if err := c.Plan(pages[0].b); err != nil {
			b.Fatal(err)
		}
		var mu sync.Mutex
		next := 0
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				mu.Lock()
				k := next % len(pages)
				next++
				mu.Unlock()
				pg := pages[k]
				c.ObservePage(pg.b, pg.p, pg.html)
			}
		})
	})
}
