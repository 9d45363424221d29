package build_test

// The same input builds to byte-identical files, whatever the number of
// cores the build runs on and however its goroutines are scheduled. The
// test runs the real bedside binary with different GOMAXPROCS and compares
// the trees file by file.

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// readTree returns every file under dir by its slash-separated path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// diffTrees describes the first differences between two trees, or "".
func diffTrees(a, b map[string][]byte) string {
	var names []string
	for n := range a {
		names = append(names, n)
	}
	for n := range b {
		if _, ok := a[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	var out bytes.Buffer
	shown := 0
	for _, n := range names {
		x, inA := a[n]
		y, inB := b[n]
		switch {
		case !inA:
			fmt.Fprintf(&out, "only in the second: %s\n", n)
		case !inB:
			fmt.Fprintf(&out, "only in the first: %s\n", n)
		case !bytes.Equal(x, y):
			i := 0
			for i < len(x) && i < len(y) && x[i] == y[i] {
				i++
			}
			from := max(0, i-60)
			fmt.Fprintf(&out, "%s differs at byte %d:\n  first:  %q\n  second: %q\n", n, i, x[from:min(len(x), i+60)], y[from:min(len(y), i+60)])
		default:
			continue
		}
		if shown++; shown == 5 {
			fmt.Fprintf(&out, "…\n")
			break
		}
	}
	return out.String()
}

// TestByteIdenticalBuilds builds the sample site (the repository root) and
// a generated corpus three times each — on one core, on two, and on two
// again — and requires byte-identical trees.
func TestByteIdenticalBuilds(t *testing.T) {
	bin := bedsideBinary(t)
	corpus := filepath.Join(t.TempDir(), "corpus")
	writeCorpus(t, corpus, 300, "old")
	for _, src := range []struct{ name, dir string }{{"sample site", ".."}, {"generated corpus", corpus}} {
		t.Run(src.name, func(t *testing.T) {
			var first map[string][]byte
			var firstRun string
			for i, procs := range []string{"1", "2", "2"} {
				dest := filepath.Join(t.TempDir(), "public")
				runBedside(t, bin, []string{"GOMAXPROCS=" + procs}, "build", "--source", src.dir, "--dest", dest, "--now", "2026-11-23")
				tree := readTree(t, dest)
				run := fmt.Sprintf("run %d (GOMAXPROCS=%s)", i+1, procs)
				if first == nil {
					if len(tree) < 10 {
						t.Fatalf("%s wrote only %d files", run, len(tree))
					}
					first, firstRun = tree, run
					t.Logf("%s: %d files", run, len(tree))
					continue
				}
				if d := diffTrees(first, tree); d != "" {
					t.Errorf("%s and %s differ:\n%s", firstRun, run, d)
				}
			}
		})
	}
}
