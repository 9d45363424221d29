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

// TestPlantedKeptFolderIsNeverFollowed: a symlink or a file put under the
// kept folder's name (or under a temporary folder's name) is removed, never
// followed: nothing outside the destination changes.
func TestPlantedKeptFolderIsNeverFollowed(t *testing.T) {
	for _, name := range []string{".bedside-prev-public", ".bedside-new-public-1-1700000000000000000", ".bedside-old-public-1700000000000000000"} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			dest := filepath.Join(root, "public")
			precious := filepath.Join(root, "precious")
			if err := os.MkdirAll(filepath.Join(precious, "sub"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(precious, "notes.txt"), []byte("mine"), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(precious, 0o700); err != nil {
				t.Fatal(err)
			}
			writeSite(t, dest, map[string]string{"index.html": "one", "notes.txt": "site"})
			if err := os.Symlink(precious, filepath.Join(root, name)); err != nil {
				t.Fatal(err)
			}
			writeSite(t, dest, map[string]string{"index.html": "two"})
			writeSite(t, dest, map[string]string{"index.html": "three"})
			if got := tree(t, precious); !reflect.DeepEqual(got, map[string]string{"notes.txt": "mine", "sub/": ""}) {
				t.Errorf("the folder the link pointed to changed: %v", got)
			}
			if fi, err := os.Stat(precious); err != nil || fi.Mode().Perm() != 0o700 {
				t.Errorf("the folder the link pointed to was chmodded: %v %v", fi.Mode(), err)
			}
			if fi, err := os.Lstat(dest); err != nil || !fi.IsDir() {
				t.Fatalf("public/ is not a folder: %v %v", fi, err)
			}
			if got := tree(t, dest); !reflect.DeepEqual(got, map[string]string{"index.html": "three"}) {
				t.Errorf("public/ holds %v", got)
			}
		})
	}
	t.Run("a file under the kept folder's name", func(t *testing.T) {
		root := t.TempDir()
		dest := filepath.Join(root, "public")
		if err := os.WriteFile(filepath.Join(root, ".bedside-prev-public"), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		writeSite(t, dest, map[string]string{"a/index.html": "one"})
		writeSite(t, dest, map[string]string{"a/index.html": "two"})
		if got := tree(t, dest); !reflect.DeepEqual(got, map[string]string{"a/": "", "a/index.html": "two"}) {
			t.Errorf("public/ holds %v", got)
		}
	})
}

// TestFileAndFolderOfOneNameInOneBuildIsAnError: a build that writes both
// "about" and "about/index.html" fails, as it did before folders were
// reused, whichever comes first and whether or not the name is in the
// kept site.
func TestFileAndFolderOfOneNameInOneBuildIsAnError(t *testing.T) {
	for _, kept := range []bool{false, true} {
		for _, order := range [][]string{{"about", "about/index.html"}, {"about/index.html", "about"}} {
			root := t.TempDir()
			dest := filepath.Join(root, "public")
			if kept {
				writeSite(t, dest, map[string]string{"about/index.html": "old", "x": "old"})
				writeSite(t, dest, map[string]string{"y": "between"})
			}
			out, err := build.NewDirOutput(dest)
			if err != nil {
				t.Fatal(err)
			}
			var errs []error
			for _, n := range order {
				if err := out.WriteFile(n, []byte(n)); err != nil {
					errs = append(errs, err)
				}
			}
			if len(errs) == 0 {
				t.Errorf("kept site %v, order %v: both writes succeeded", kept, order)
			}
			out.Abort()
		}
	}
}

// TestHardLinkedKeptFileIsNotChanged: a file of the kept site that has
// another name (a release copy made with cp -al) is replaced, not written
// into.
func TestHardLinkedKeptFileIsNotChanged(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	writeSite(t, dest, map[string]string{"index.html": "release one"})
	release := filepath.Join(root, "release-1.html")
	if err := os.Link(filepath.Join(dest, "index.html"), release); err != nil {
		t.Skip("no hard links here:", err)
	}
	writeSite(t, dest, map[string]string{"index.html": "release two"})
	writeSite(t, dest, map[string]string{"index.html": "release three"}) // writes into the kept release one
	if data, _ := os.ReadFile(release); string(data) != "release one" {
		t.Errorf("the hard-linked copy changed to %q", data)
	}
}

// TestOtherDestinationsLeftoversAreNotTouched: the leftovers of a build into
// public-2 are not those of public.
func TestOtherDestinationsLeftoversAreNotTouched(t *testing.T) {
	root := t.TempDir()
	other := filepath.Join(root, ".bedside-new-public-2-12-1700000000000000000")
	if err := os.MkdirAll(other, 0o755); err != nil {
		t.Fatal(err)
	}
	writeSite(t, filepath.Join(root, "public"), map[string]string{"index.html": "one"})
	if _, err := os.Stat(other); err != nil {
		t.Errorf("a build into public removed public-2's temporary folder: %v", err)
	}
}
