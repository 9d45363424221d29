package build_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/bedside-health/bedside/build"
)

// writeSite writes files through a DirOutput into dest and swaps them in.
func writeSite(t *testing.T, dest string, files map[string]string) *build.DirOutput {
	t.Helper()
	out, err := build.NewDirOutput(dest)
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := out.WriteFile(n, []byte(files[n])); err != nil {
			t.Fatalf("WriteFile(%s): %v", n, err)
		}
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
	return out
}

// tree returns every file of dir with its content, and every folder with a
// trailing slash.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			got[rel+"/"] = ""
		case d.Type()&fs.ModeSymlink != 0:
			got[rel] = "symlink"
		default:
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			got[rel] = string(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestReusedFolderGivesExactSite: a build writes into the site before last
// (kept beside public/), so public/ must end up exactly as if it had been
// written into an empty folder: stale files and folders gone, files and
// folders that swapped kinds replaced, unchanged files kept, and a symlink
// planted in the kept folder never followed.
func TestReusedFolderGivesExactSite(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	outside := filepath.Join(root, "outside.txt")
	if err := os.WriteFile(outside, []byte("not the site's"), 0o644); err != nil {
		t.Fatal(err)
	}

	writeSite(t, dest, map[string]string{
		"index.html":            "home v1",
		"same/index.html":       "unchanged page",
		"longer/index.html":     "short",
		"shorter/index.html":    "a much longer page",
		"was-file":              "a file that becomes a folder",
		"was-dir/inner.html":    "a folder that becomes a file",
		"gone/deep/index.html":  "a page the next site does not have",
		"tags/old/index.html":   "an old tag",
		"tags/kept/index.html":  "a kept tag",
		"feeds/evil-target.xml": "x",
	})
	writeSite(t, dest, map[string]string{"index.html": "an unrelated site in between"})

	// Someone plants a symlink in the kept folder: writing must not follow it.
	kept := filepath.Join(root, ".bedside-prev-public")
	if err := os.Symlink(outside, filepath.Join(kept, "feeds", "index.xml")); err != nil {
		t.Fatal(err)
	}

	want := map[string]string{
		"index.html":           "home v3",
		"same/index.html":      "unchanged page",
		"longer/index.html":    "a longer page than before",
		"shorter/index.html":   "short",
		"was-file/index.html":  "now a folder",
		"was-dir":              "now a file",
		"tags/kept/index.html": "a kept tag",
		"feeds/index.xml":      "the real feed",
	}
	out := writeSite(t, dest, want)

	got := tree(t, dest)
	wantTree := map[string]string{}
	for name, data := range want {
		wantTree[name] = data
		for d := filepath.Dir(name); d != "."; d = filepath.Dir(d) {
			wantTree[filepath.ToSlash(d)+"/"] = ""
		}
	}
	if !reflect.DeepEqual(got, wantTree) {
		t.Errorf("public/ after a build into the reused folder:\n got %v\nwant %v", got, wantTree)
	}
	if data, _ := os.ReadFile(outside); string(data) != "not the site's" {
		t.Errorf("a write followed the planted symlink: the file outside holds %q", data)
	}
	if n := out.Unchanged(); n != 2 { // same/index.html and tags/kept/index.html
		t.Errorf("Unchanged() = %d, want 2", n)
	}
	// The site that was replaced is kept for the next build, and nothing else.
	if rest := leftovers(t, root, "public", "outside.txt"); !reflect.DeepEqual(rest, []string{".bedside-prev-public"}) {
		t.Errorf("beside public/: %v, want only .bedside-prev-public", rest)
	}
}
