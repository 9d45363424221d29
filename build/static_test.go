package build_test

import (
	"crypto/sha256"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
)

// A hospital's static/ holds videos and leaflets of tens or hundreds of
// megabytes: the build copies them without holding them in memory, keeps
// an unchanged copy on a rebuild, and copies a changed one again.
func TestLargeStaticFilesAreStreamed(t *testing.T) {
	dir := writeTxtar(t, "pages.txtar")
	// The video is written and compared in pieces, so that the memory
	// the build allocates is the build's.
	const size = 64 << 20
	src := filepath.Join(dir, "static", "video", "clinic-tour.mp4")
	if err := os.MkdirAll(filepath.Dir(src), 0o755); err != nil {
		t.Fatal(err)
	}
	writeVideo := func(seed byte) [sha256.Size]byte {
		t.Helper()
		f, err := os.Create(src)
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.New()
		rng := rand.NewChaCha8([32]byte{seed})
		chunk := make([]byte, 1<<20)
		for range size / len(chunk) {
			rng.Read(chunk)
			h.Write(chunk)
			if _, err := f.Write(chunk); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		return [sha256.Size]byte(h.Sum(nil))
	}
	video := writeVideo(1)
	dest := filepath.Join(t.TempDir(), "public")
	copied := filepath.Join(dest, "video", "clinic-tour.mp4")
	buildSite := func() (allocated uint64) {
		t.Helper()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, _, diags := build.ToDir(dir, dest, site.LoadOptions{Now: mustDate("2026-11-23")}, build.Options{})
		runtime.ReadMemStats(&after)
		if diags.HasErrors() {
			t.Fatalf("build failed:\n%s", diags.Error())
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	sameFile := func() {
		t.Helper()
		f, err := os.Open(copied)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		h := sha256.New()
		if n, err := io.Copy(h, f); err != nil || n != size || [sha256.Size]byte(h.Sum(nil)) != video {
			t.Fatalf("the copy of the video differs from static/ (%v, %d bytes)", err, n)
		}
	}

	if n := buildSite(); n > size/2 {
		t.Errorf("building a site with a %d MB video allocated %d MB: the video was read into memory", size>>20, n>>20)
	}
	sameFile()
	first, _ := os.Stat(copied)
	// A rebuild reuses the folder of the build before the last: the third
	// build finds the first one's copy there, unchanged, and keeps it.
	buildSite()
	buildSite()
	sameFile()
	if third, _ := os.Stat(copied); !os.SameFile(first, third) {
		t.Errorf("the unchanged video was copied again instead of kept")
	}
	// Changed, same size: copied again, even when the tool that changed
	// it set its modification time back (cp -p, rsync -t, tar).
	before, err := os.Stat(src)
	if err != nil {
		t.Fatal(err)
	}
	video = writeVideo(2)
	if err := os.Chtimes(src, before.ModTime(), before.ModTime()); err != nil {
		t.Fatal(err)
	}
	buildSite()
	sameFile()
	buildSite()
	sameFile()
}
