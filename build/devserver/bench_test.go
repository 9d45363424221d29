package devserver

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bedside-health/bedside/site"
)

// BenchmarkSaveToServe measures what a writer feels: the time from saving
// one article (written to a temporary file and renamed over the original,
// as editors do) to the server answering with the new content. It runs on
// the benchmark corpus:
//
//	BEDSIDE_BENCH_N=10000 go test ./build/devserver -run '^$' -bench SaveToServe -benchtime 40x
//
// BEDSIDE_BENCH_CORPUS=DIR uses an existing corpus instead of generating
// one with shared/bench/gencorpus.py. Metrics: median and p90 of save to
// served, time to the first page served, and the process's peak RSS. Each
// save waits for the previous rebuild's feeds and checks to finish, and
// 0.3 s more.
func BenchmarkSaveToServe(b *testing.B) {
	dir := benchCorpus(b)
	start := time.Now()
	// The corpus has reviews dated up to 2027; its "today" must come after.
	now := time.Date(2028, 6, 1, 0, 0, 0, 0, time.UTC)
	rebuilt := make(chan bool, 64)
	srv := startServer(b, dir, func(c *Config) {
		c.Load.Now = now
		c.MemoryLimit = 350 << 20 // as bedside serve sets it
		c.Rebuilt = func(_ []string, ok bool) { rebuilt <- ok }
	})
	firstPage := time.Since(start)
	articles := corpusArticles(b, dir)
	// Wait the way a page does: for the server's message that a new build
	// is served, then load the page.
	events := openEvents(b, srv.url)
	defer events.resp.Body.Close()
	lastBuild := events.next(b).Build
	edits := 0
	// edit saves one article changed by change and waits until its page
	// shows marker; it returns how long that took.
	run := func(b *testing.B, change func(src []byte, marker string) []byte) {
		var took, toEvent []time.Duration
		for i := 0; i < b.N; i++ {
			edits++
			a := articles[(edits*7919)%len(articles)]
			marker := fmt.Sprintf("bench-edit-%d-%d", edits, time.Now().UnixNano())
			src, err := os.ReadFile(filepath.Join(dir, a.SourcePath))
			if err != nil {
				b.Fatal(err)
			}
			t0 := time.Now()
			saveAtomically(b, filepath.Join(dir, a.SourcePath), change(src, marker))
			for {
				st := events.next(b)
				if len(st.Errors) > 0 {
					b.Fatalf("the save broke the site: %+v", st.Errors)
				}
				if st.Build != lastBuild && len(toEvent) < len(took)+1 {
					toEvent = append(toEvent, time.Since(t0))
				}
				lastBuild = st.Build
				if body, _ := get(srv.url + strings.TrimPrefix(a.URL, "/")); strings.Contains(body, marker) {
					break
				}
			}
			took = append(took, time.Since(t0))
			// Let feeds and checks finish before the next save, as they
			// would while the writer reads the page.
			b.StopTimer()
			select {
			case ok := <-rebuilt:
				if !ok {
					b.Fatalf("the rebuild failed:\n%s", srv.log)
				}
			case <-time.After(time.Minute):
				b.Fatal("the rebuild did not finish within a minute")
			}
			time.Sleep(300 * time.Millisecond) // nobody saves faster
			b.StartTimer()
		}
		sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
		sort.Slice(toEvent, func(i, j int) bool { return toEvent[i] < toEvent[j] })
		b.ReportMetric(float64(toEvent[len(toEvent)/2].Microseconds())/1000, "ms-to-event-median")
		b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-median")
		b.ReportMetric(float64(took[len(took)*9/10].Microseconds())/1000, "ms-p90")
		b.ReportMetric(float64(firstPage.Milliseconds()), "ms-first-page")
		b.ReportMetric(float64(peakRSS())/1024, "MB-peak-RSS")
	}
	// The usual save: a sentence added to the text.
	b.Run("body", func(b *testing.B) {
		run(b, func(src []byte, marker string) []byte {
			return append(src, "\n\nEdited: "+marker+"\n"...)
		})
	})
	// A changed description: the article's lists, feeds and sitemap too.
	b.Run("frontmatter", func(b *testing.B) {
		run(b, func(src []byte, marker string) []byte {
			return []byte(strings.Replace(string(src), "description: \"", "description: \""+marker+" ", 1))
		})
	})
	if os.Getenv("BEDSIDE_BENCH_LOG") != "" {
		b.Log(srv.log.String())
	}
}

// corpusArticle is one article of the corpus: its file and its address.
type corpusArticle struct{ SourcePath, URL string }

// corpusArticles lists the corpus's articles without loading the site (the
// corpus sets no slugs, so the address follows from the file name).
func corpusArticles(b *testing.B, dir string) []corpusArticle {
	var out []corpusArticle
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		parts := strings.Split(rel, "/")
		if err != nil || d.IsDir() || len(parts) != 3 || parts[1] == "authors" || !strings.HasSuffix(rel, ".md") || strings.HasPrefix(parts[2], "_") {
			return nil
		}
		out = append(out, corpusArticle{rel, "/" + parts[1] + "/" + strings.TrimSuffix(parts[2], ".md") + "/"})
		return nil
	})
	if len(out) == 0 {
		b.Fatal("the corpus has no articles")
	}
	return out
}

// benchCorpus returns the corpus folder, generating it when needed.
func benchCorpus(b *testing.B) string {
	if dir := os.Getenv("BEDSIDE_BENCH_CORPUS"); dir != "" {
		return dir
	}
	n := 1000
	if v := os.Getenv("BEDSIDE_BENCH_N"); v != "" {
		n, _ = strconv.Atoi(v)
	}
	gen := ""
	for _, p := range []string{"../../../shared/bench/gencorpus.py", "/work/shared/bench/gencorpus.py"} {
		if _, err := os.Stat(p); err == nil {
			gen = p
			break
		}
	}
	if gen == "" {
		b.Skip("shared/bench/gencorpus.py not found; set BEDSIDE_BENCH_CORPUS")
	}
	dir := b.TempDir()
	if out, err := exec.Command("python3", gen, strconv.Itoa(n), dir).CombinedOutput(); err != nil {
		b.Fatalf("gencorpus: %v\n%s", err, out)
	}
	return dir
}

// peakRSS is the process's peak resident set size in KiB (VmHWM).
func peakRSS() int {
	data, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				n, _ := strconv.Atoi(f[1])
				return n
			}
		}
	}
	return 0
}

// testServer is a dev server running in the test process.
type testServer struct {
	url    string
	log    *syncBuffer
	cancel context.CancelFunc
	done   chan error
}

// startServer runs the dev server on a free loopback port until the test ends.
func startServer(tb testing.TB, dir string, tune func(*Config)) *testServer {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	urls := make(chan string, 1)
	ts := &testServer{log: &syncBuffer{}, cancel: cancel, done: make(chan error, 1)}
	cfg := Config{
		Dir:        dir,
		Load:       site.LoadOptions{Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)},
		Addr:       "127.0.0.1:0",
		Extensions: testExtensions,
		Log:        ts.log,
		Listening:  func(u string) { urls <- u },
	}
	if tune != nil {
		tune(&cfg)
	}
	go func() { ts.done <- Run(ctx, cfg) }()
	select {
	case ts.url = <-urls:
	case err := <-ts.done:
		tb.Fatalf("server stopped: %v\n%s", err, ts.log)
	case <-time.After(5 * time.Minute):
		tb.Fatal("server did not start")
	}
	tb.Cleanup(func() {
		cancel()
		select {
		case err := <-ts.done:
			if err != nil {
				tb.Errorf("shutdown: %v", err)
			}
		case <-time.After(10 * time.Second):
			tb.Error("server did not shut down within 10s")
		}
	})
	return ts
}

// saveAtomically writes data the way most editors save: to a temporary
// file in the same folder, then renamed over the original.
func saveAtomically(tb testing.TB, path string, data []byte) {
	tb.Helper()
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
}

// waitFor polls url until its body contains want.
func waitFor(tb testing.TB, url, want string, limit time.Duration) string {
	tb.Helper()
	deadline := time.Now().Add(limit)
	for {
		body, _ := get(url)
		if strings.Contains(body, want) {
			return body
		}
		if time.Now().After(deadline) {
			tb.Fatalf("%s did not show %q within %s; got:\n%.300s", url, want, limit, body)
		}
		time.Sleep(500 * time.Microsecond)
	}
}

func get(url string) (string, int) {
	resp, err := http.Get(url)
	if err != nil {
		return "", 0
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return string(data), resp.StatusCode
}
