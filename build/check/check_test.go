package check_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/build/check"
	"github.com/bedside-health/bedside/site"
	"golang.org/x/tools/txtar"
)

// unpack writes a txtar fixture (a whole site in one file) into a new
// folder, leaving out its "want" file, and returns the folder and the
// expected diagnostics.
func unpack(t testing.TB, name string) (dir string, want []string) {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	for _, f := range ar.Files {
		if f.Name == "want" {
			for _, l := range strings.Split(strings.TrimSpace(string(f.Data)), "\n") {
				if l != "" {
					want = append(want, l)
				}
			}
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, want
}

var today = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// buildChecked builds the site in dir into memory with the checker.
func buildChecked(t testing.TB, dir string) (*build.MemOutput, *check.Checker, site.Diagnostics) {
	t.Helper()
	s := site.Load(dir, site.LoadOptions{Now: today})
	if s.Diagnostics.HasErrors() {
		t.Fatalf("the fixture does not load:\n%v", s.Diagnostics)
	}
	c := check.New()
	out := build.NewMemOutput()
	_, diags := build.Run(s, out, build.Options{Extensions: []build.Extension{c}})
	return out, c, diags
}

// TestFixtures builds each fixture of testdata/ and compares every
// diagnostic, word for word, with the fixture's want file.
func TestFixtures(t *testing.T) {
	names, _ := filepath.Glob("testdata/*.txtar")
	if len(names) == 0 {
		t.Fatal("no fixtures")
	}
	for _, path := range names {
		name := filepath.Base(path)
		t.Run(strings.TrimSuffix(name, ".txtar"), func(t *testing.T) {
			dir, want := unpack(t, name)
			_, _, diags := buildChecked(t, dir)
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("diagnostics:\n%s\n\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}
