package structured_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/build/structured"
	"github.com/bedside-health/bedside/site"
)

// benchSite returns a generated corpus of n articles (reused across runs).
func benchSite(b *testing.B, n int) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "bedside-bench-structured", fmt.Sprintf("corpus-%d", n))
	if _, err := os.Stat(filepath.Join(dir, "content")); err == nil {
		return dir
	}
	script, _ := filepath.Abs("../../../shared/bench/gencorpus.py")
	if _, err := os.Stat(script); err != nil {
		b.Skipf("no corpus generator at %s", script)
	}
	if out, err := exec.Command("python3", script, fmt.Sprint(n), dir).CombinedOutput(); err != nil {
		b.Skipf("gencorpus.py: %v\n%s", err, out)
	}
	return dir
}

// BenchmarkBuild compares a build of 1,000 articles without and with the
// structured-data extension: the difference is what JSON-LD, social meta
// and review notices cost.
func BenchmarkBuild(b *testing.B) {
	dir := benchSite(b, 1000)
	s := site.Load(dir, site.LoadOptions{Now: time.Date(2028, 6, 1, 0, 0, 0, 0, time.UTC)})
	if s.Diagnostics.HasErrors() {
		b.Fatalf("corpus has errors:\n%v", s.Diagnostics)
	}
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
