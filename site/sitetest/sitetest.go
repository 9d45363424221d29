// Package sitetest makes test sites for Bedside's tests. A whole site is
// kept in one txtar text (golang.org/x/tools/txtar), the way Hugo's
// integration tests keep theirs: a readable, self-contained fixture per
// behaviour. Unpack writes it into a temporary folder that the test can
// build. Corpus generates the standard benchmark corpus once and reuses it;
// CPUTime and PeakRSSMB are what benchmarks report beside wall time.
//
// Only tests import this package.
package sitetest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"golang.org/x/tools/txtar"
)

// Unpack writes every file of the archive into a new temporary folder and
// returns the folder.
func Unpack(t testing.TB, ar *txtar.Archive) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range ar.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// UnpackFile unpacks the txtar file at path (testdata/site.txtar).
func UnpackFile(t testing.TB, path string) string {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return Unpack(t, ar)
}

// Corpus returns a folder holding the standard benchmark corpus of n
// articles, made by ../shared/bench/gencorpus.py (beside the repository)
// the first time and kept in $BEDSIDE_BENCH_DIR (default: the system's
// temporary folder) for later runs. It skips the benchmark when the
// generator or python3 is missing.
func Corpus(tb testing.TB, n int) string {
	tb.Helper()
	root := os.Getenv("BEDSIDE_BENCH_DIR")
	if root == "" {
		root = filepath.Join(os.TempDir(), "bedside-bench")
	}
	dir := filepath.Join(root, fmt.Sprintf("corpus-%d", n))
	if _, err := os.Stat(filepath.Join(dir, "content")); err == nil {
		return dir
	}
	_, file, _, _ := runtime.Caller(0)
	script := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "bench", "gencorpus.py")
	if _, err := os.Stat(script); err != nil {
		tb.Skipf("no corpus generator at %s", script)
	}
	out, err := exec.Command("python3", script, fmt.Sprint(n), dir, "--hugo").CombinedOutput()
	if err != nil {
		tb.Skipf("gencorpus.py: %v\n%s", err, out)
	}
	return dir
}
