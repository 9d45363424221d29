package build

import (
	"os"
	"path/filepath"
	"testing"
)

// TestTagsSpareReadingBack builds a small site again and again into one
// destination: a file of the reused folder is read back to compare it only
// when it carries no tag of the new bytes, and the site is right whatever
// happened to the reused folder in between.
func TestTagsSpareReadingBack(t *testing.T) {
	if !canTag {
		t.Skip("files carry no tags on this system")
	}
	dest := filepath.Join(t.TempDir(), "public")
	site := map[string]string{"index.html": "home", "a/index.html": "page a", "b.txt": "bee"}
	build := func(files map[string]string) (readBack, unchanged int) {
		t.Helper()
		d, err := NewDirOutput(dest)
		if err != nil {
			t.Fatal(err)
		}
		for name, data := range files {
			if err := d.WriteFile(name, []byte(data)); err != nil {
				t.Fatal(err)
			}
		}
		if d.noTags.Load() {
			t.Skip("this file system keeps no extended attributes")
		}
		readBack, unchanged = d.ReadBack(), d.Unchanged()
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
		for name, want := range files {
			got, err := os.ReadFile(filepath.Join(dest, name))
			if err != nil || string(got) != want {
				t.Fatalf("%s holds %q (%v), want %q", name, got, err, want)
			}
		}
		return readBack, unchanged
	}
	// The first build (nothing was built here) tags nothing, the second
	// tags all; the third reuses the first's folder and reads it back.
	build(site)
	build(site)
	if r, u := build(site); r != 3 || u != 3 {
		t.Fatalf("third build read back %d files and found %d unchanged, want 3 and 3", r, u)
	}
	// The fourth reuses the second's tagged folder, the fifth the first's,
	// tagged when the third read it back.
	for i := 4; i <= 5; i++ {
		if r, u := build(site); r != 0 || u != 3 {
			t.Fatalf("build %d read back %d files and found %d unchanged, want 0 and 3", i, r, u)
		}
	}
	// Someone writes into the kept folder (bytes of the same length): the
	// tag no longer matches, and the file is read back and put right.
	if err := os.WriteFile(filepath.Join(scratchDir(dest), "b.txt"), []byte("bug"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r, u := build(site); r != 1 || u != 2 {
		t.Fatalf("after an outside write: read back %d, unchanged %d, want 1 and 2", r, u)
	}
	// New bytes of the same length are written without reading the old
	// ones back (their tag says they are others) and tagged: the
	// folder's next reuse reads nothing back either.
	changed := map[string]string{"index.html": "HOME", "a/index.html": "page a", "b.txt": "bee"}
	if r, u := build(changed); r != 0 || u != 2 {
		t.Fatalf("a change: read back %d, unchanged %d, want 0 and 2", r, u)
	}
	build(changed)
	if r, u := build(changed); r != 0 || u != 3 {
		t.Fatalf("after a change: read back %d, unchanged %d, want 0 and 3", r, u)
	}
}
