package feeds_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/build/feeds"
	"github.com/bedside-health/bedside/site"
)

// BenchmarkBuild10k measures what feeds add to a build of the standard
// 10,000-article corpus: the same build without and with the extension.
// Output is dropped, so the difference is not hidden behind disk writes.
// Besides wall time it reports the process's CPU time per build, which
// other work on a shared machine disturbs less.
//
//	go test -run '^$' -bench Build10k -benchtime 3x -count 3 ./build/feeds
func BenchmarkBuild10k(b *testing.B) {
	dir := corpus(b, 10000)
	load := site.LoadOptions{Now: date("2028-06-01")} // after every date in the corpus
	for _, c := range []struct {
		name string
		ext  []build.Extension
	}{
		{"without-feeds", nil},
		{"with-feeds", []build.Extension{feeds.New()}},
	} {
		b.Run(c.name, func(b *testing.B) {
			cpu := cpuTime()
			for i := 0; i < b.N; i++ {
				s := site.Load(dir, load)
				res, diags := build.Run(s, discard{}, build.Options{Extensions: c.ext})
				if diags.HasErrors() {
					b.Fatal(diags)
				}
				b.ReportMetric(float64(res.Counts["feeds"]), "feeds")
			}
			b.ReportMetric(float64((cpuTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}

// corpus returns a folder with the standard benchmark corpus of n articles,
// generated once by ../shared/bench/gencorpus.py into the temporary folder
// the build package's benchmarks use too (BEDSIDE_BENCH_DIR overrides it).
func corpus(b *testing.B, n int) string {
	b.Helper()
	root := os.Getenv("BEDSIDE_BENCH_DIR")
	if root == "" {
		root = filepath.Join(os.TempDir(), "bedside-bench")
	}
	dir := filepath.Join(root, fmt.Sprintf("corpus-%d", n))
	if _, err := os.Stat(filepath.Join(dir, "content")); err == nil {
		return dir
	}
	if _, err := exec.LookPath("python3"); err != nil {
		b.Skip("python3 is needed to generate the benchmark corpus")
	}
	script, _ := filepath.Abs("../../../shared/bench/gencorpus.py")
	if _, err := os.Stat(script); err != nil {
		b.Skipf("no corpus generator at %s", script)
	}
	if out, err := exec.Command("python3", script, fmt.Sprint(n), dir, "--hugo").CombinedOutput(); err != nil {
		b.Fatalf("gencorpus.py: %v\n%s", err, out)
	}
	return dir
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// discard drops the built files.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }
