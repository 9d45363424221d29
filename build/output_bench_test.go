package build_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/bedside-health/bedside/build"
)

// BenchmarkRewriteKept measures the output side of a rebuild alone: the
// 16,900 files of a 10,000-article site (each page in its own folder)
// written through a DirOutput into the folder kept from the build before,
// where they already are, and swapped in. This is the file system work
// of the common rebuild: listing the kept folder, opening and comparing
// each file, pruning, swapping.
//
// Making the two sites it starts from takes longer than the runs measured.
//
//	go test -run '^$' -bench RewriteKept -benchtime 5x ./build
func BenchmarkRewriteKept(b *testing.B) {
	const sections, perSection = 50, 338
	names := make([]string, 0, sections*perSection)
	for s := 0; s < sections; s++ {
		for p := 0; p < perSection; p++ {
			names = append(names, fmt.Sprintf("section-%d/page-%d/index.html", s, p))
		}
	}
	page := bytes.Repeat([]byte("<p>A paragraph of a health article.</p>\n"), 400) // 16 KB
	dest := filepath.Join(b.TempDir(), "public")
	build1 := func() {
		out, err := build.NewDirOutput(dest)
		if err != nil {
			b.Fatal(err)
		}
		for _, n := range names {
			if err := out.WriteFile(n, page); err != nil {
				b.Fatal(err)
			}
		}
		if err := out.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	build1() // public/
	build1() // and the kept folder beside it
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		build1()
	}
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
}
