package markdown_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bedside-health/bedside/build/markdown"
	"github.com/bedside-health/bedside/site"
	"github.com/bedside-health/bedside/site/sitetest"
)

// BenchmarkRenderCorpus renders the body of every article of a generated
// corpus (one op is the whole corpus), with the renderer a build uses:
//
//	python3 ../shared/bench/gencorpus.py 1000 /tmp/corpus-1000
//	BEDSIDE_BENCH_CORPUS=/tmp/corpus-1000 go test ./build/markdown -run '^$' -bench RenderCorpus -benchmem -cpuprofile cpu.out
//
// Without BEDSIDE_BENCH_CORPUS it renders the sample site's articles.
func BenchmarkRenderCorpus(b *testing.B) {
	dir := os.Getenv("BEDSIDE_BENCH_CORPUS")
	if dir == "" {
		dir = "../.."
	}
	bodies := corpusBodies(b, filepath.Join(dir, "content"))
	r := markdown.New(markdown.Options{BasePath: "/"})
	size := 0
	for _, body := range bodies {
		size += len(body)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, body := range bodies {
			if _, err := r.Render(body); err != nil {
				b.Fatal(err)
			}
		}
	}
	// CPU time (the GC's included) is steadier than wall time on a shared
	// machine.
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

func cpuTime() time.Duration { return sitetest.CPUTime() }

func corpusBodies(tb testing.TB, dir string) [][]byte {
	var bodies [][]byte
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		_, _, body, _, err := site.SplitFrontMatter(src)
		if err != nil {
			return nil // not an article; the build would report it
		}
		bodies = append(bodies, body)
		return nil
	})
	if err != nil || len(bodies) == 0 {
		tb.Skipf("no articles under %s: %v", dir, err)
	}
	return bodies
}
