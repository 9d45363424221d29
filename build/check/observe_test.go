package check

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
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
// built corpus, as the build calls it, garbage included. An op is one
// page; cpu-ns/page is the CPU time of the whole process, which counts the
// collector's work too and is steadier on a busy machine:
//
//	go test -run '^$' -bench ObservePage -benchtime 30000x -count 6 ./build/check
//
// Each round of the corpus's pages starts the checker afresh (Plan, not
// timed), so that the link table fills as in a build: give -benchtime
// several rounds.
func BenchmarkObservePage(b *testing.B) {
	pages := builtCorpus(b)
	var size int64
	for _, pg := range pages {
		size += int64(len(pg.html))
	}
	c := New()
	serial := func(b *testing.B) {
		b.SetBytes(size / int64(len(pages)))
		b.ReportAllocs()
		b.ResetTimer()
		// The process's CPU time counts the collector's work on the other
		// cores too, which the time of this goroutine does not.
		cpu := processCPU()
		for i := 0; i < b.N; i++ {
			k := i % len(pages)
			if k == 0 {
				b.StopTimer()
				plan := processCPU()
				if err := c.Plan(pages[0].b); err != nil {
					b.Fatal(err)
				}
				cpu += processCPU() - plan
				b.StartTimer()
			}
			pg := pages[k]
			c.ObservePage(pg.b, pg.p, pg.html)
		}
		b.ReportMetric(float64((processCPU()-cpu).Nanoseconds())/float64(b.N), "cpu-ns/page")
	}
	b.Run("serial", serial)
	// In a build the heap holds the site, and each collection that the
	// checker's garbage brings about marks all of it: the same with a
	// heap of a few hundred megabytes of small objects.
	b.Run("serial-live-heap", func(b *testing.B) {
		heap := liveHeap(3 << 20)
		serial(b)
		runtime.KeepAlive(heap)
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

// TestScanPageMatchesReferenceOnCorpus compares scanPage with the
// reference on every page of the built corpus, with a new scanner and with
// one that ObservePage would reuse.
func TestScanPageMatchesReferenceOnCorpus(t *testing.T) {
	for _, pg := range builtCorpus(t) {
		want := referenceScanPage(pg.html)
		if got := scanPage(pg.html); !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", pg.p.URL, got, want)
		}
		sc := getScanner()
		if got := sc.scanPage(pg.html); !reflect.DeepEqual(got, want) {
			t.Errorf("%s, reused scanner:\n got %+v\nwant %+v", pg.p.URL, got, want)
		}
		sc.release()
	}
}

func TestIsGenericLinkText(t *testing.T) {
	for _, s := range append([]string{"", "here", "HERE", "Click Here", "clic\u212a here", "read more", "Read More", "more\u0130", "LINK", "this link!",
		"a text longer than twenty-four bytes", "CLICK HERE CLICK HERE CLI", "l\u0130nk", "go", "Go", "\u212a"}, relCases...) {
		if got, want := isGenericLinkText(s), genericLinkText[strings.ToLower(s)]; got != want {
			t.Errorf("isGenericLinkText(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestTrimLinkText(t *testing.T) {
	for _, s := range append([]string{"", ".", "a", "a.", ".a", "…a…", "→ more »", "more!", ": x :", "é", "a é", "\xff", "a\xe2", "\xe2\x80a", "x\u2192"}, relCases...) {
		if got, want := trimLinkText(s), strings.Trim(s, ".…:!→» "); got != want {
			t.Errorf("trimLinkText(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestJoinIDs(t *testing.T) {
	for _, ids := range [][]string{nil, {}, {"a"}, {"a", "b"}, {"", "x", ""}} {
		if got, want := joinIDs(ids), "\x00"+strings.Join(ids, "\x00")+"\x00"; got != want {
			t.Errorf("joinIDs(%q) = %q, want %q", ids, got, want)
		}
	}
}

// checkerSummary observes every page with a new Checker, then lists what
// it keeps of each page (ids, links in order) and every finding, so that
// two versions of ObservePage can be compared on the same pages.
func checkerSummary(t *testing.T, pages []observedPage) string {
	c := New()
	if err := c.Plan(pages[0].b); err != nil {
		t.Fatal(err)
	}
	for _, pg := range pages {
		c.ObservePage(pg.b, pg.p, pg.html)
	}
	var out strings.Builder
	paths := make([]string, 0, len(c.pages))
	for p := range c.pages {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		r := c.pages[p]
		fmt.Fprintf(&out, "page %s %s %+v\n ids %q\n", p, r.url, r.src, r.ids)
		for _, id := range r.links {
			l := c.linkAt(id)
			fmt.Fprintf(&out, " link %s %q\n", l.tag, l.href)
		}
	}
	var fs []string
	for k, f := range c.findings {
		fs = append(fs, fmt.Sprintf("finding %+v %v %q", k, f.fromTheme, f.pages))
	}
	sort.Strings(fs)
	out.WriteString(strings.Join(fs, "\n"))
	return out.String()
}

// findingPages are pages with something for each check to find.
var findingPages = []string{
	`<h1>One</h1><h3>Three</h3><h1>Again &amp; <a href="#x" aria-label="Link">#</a></h1><h2 id=x>Two</h2>`,
	"<a href=\"/a/\">Click HERE</a><a href=\"/b/\">  read   more… </a><a href=\"/c/\"></a><a href=\"/d/\"><img src=\"/i.png\"></a><a href=/e/>clic\u212a here</a><a href=/f/>Mehr</a><a href=/g/>LEARN\tMORE!</a><a href=/h/>\u00a0Here\u2003</a>",
	`<img src="https://cdn.example/x.png"><img src="/y.png" alt=""><img src=z.png alt=" "><picture><source srcset="https://a.example/1.webp 1x, /2.webp 2x"></picture>`,
	`<link rel="STYLESHEET" href="https://fonts.example/css"><link rel="preconnect dns-prefetch" href="//fonts.example"><link rel="Icon" href="https://i.example/f.ico"><link rel=" alternate\u00a0stylesheet" href="https://alt.example/a.css">`,
	`<iframe src="https://www.youtube.com/embed/x"></iframe><video src="https://v.example/v.mp4" poster="https://v.example/p.png"></video><form action="https://forms.example/send"></form><object data="https://o.example/o.swf"></object>`,
	`<style>@font-face{font-family:x;src:url("https://fonts.example/x.woff2")} body{background:url(https://bg.example/b.png)} @import "https://imp.example/i.css";</style><div style="background:url('https://st.example/s.png')">x</div>`,
	`<table><tr><td>1</td></tr></table><table role=presentation><tr><td>2</td></tr></table><a href="/x/#nope">x</a><a href="../../../../../..">up</a><a href="/missing/">m</a><a href="https://other.example/">o</a><a href="mailto:a@b.c">mail</a>`,
}

// TestObservePageSummary writes or compares checkerSummary for the corpus
// with the file $BEDSIDE_CHECK_SUMMARY: made with one version of the
// checker and compared with another, it shows they keep and find the same.
func TestObservePageSummary(t *testing.T) {
	file := os.Getenv("BEDSIDE_CHECK_SUMMARY")
	if file == "" {
		t.Skip("BEDSIDE_CHECK_SUMMARY is not set")
	}
	pages := builtCorpus(t)
	got := checkerSummary(t, pages)
	// The corpus has no problem to find: give the checker the tricky pages
	// of scanCases and the sample site's, as if they were corpus pages.
	var odd []observedPage
	for _, page := range scanCases {
		odd = append(odd, observedPage{html: []byte(page)})
	}
	for _, page := range findingPages {
		odd = append(odd, observedPage{html: []byte(page)})
	}
	names, files := sitePages(t)
	for _, name := range names {
		odd = append(odd, observedPage{html: files[name]})
	}
	for i := range odd {
		odd[i].b, odd[i].p = pages[i].b, pages[i].p
	}
	got += "\n" + checkerSummary(t, odd)
	want, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Skipf("wrote %s", file)
	}
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("the summary differs from %s", file)
		os.WriteFile(file+".got", []byte(got), 0o644)
	}
}

// processCPU is the CPU time the process has used, user and system.
func processCPU() time.Duration { return sitetest.CPUTime() }

// heapNode is a small object with pointers, as most of a build's heap.
type heapNode struct {
	next *heapNode
	name string
	n    [4]int
}

// liveHeap returns n linked heapNodes.
func liveHeap(n int) *heapNode {
	var head *heapNode
	for i := range n {
		head = &heapNode{next: head, name: "node", n: [4]int{i}}
	}
	return head
}
