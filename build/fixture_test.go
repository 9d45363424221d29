package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
	"github.com/bedside-health/bedside/site/sitetest"
)

// writeTxtar unpacks a txtar fixture (a whole site in one text file) into a
// new temporary folder and returns the folder.
func writeTxtar(t testing.TB, name string) string {
	t.Helper()
	return sitetest.UnpackFile(t, filepath.Join("testdata", name))
}

// buildMem loads the site in dir and builds it into memory.
func buildMem(t testing.TB, dir string, load site.LoadOptions) (*build.MemOutput, site.Diagnostics) {
	t.Helper()
	if load.Now.IsZero() {
		load.Now = mustDate("2026-11-23")
	}
	s := site.Load(dir, load)
	out := build.NewMemOutput()
	if s.Diagnostics.HasErrors() {
		return out, s.Diagnostics
	}
	_, diags := build.Run(s, out, build.Options{})
	return out, diags
}

// page returns an output file as text, failing the test when it is missing.
func page(t testing.TB, out *build.MemOutput, name string) string {
	t.Helper()
	b, ok := out.Files[name]
	if !ok {
		t.Fatalf("%s was not written; files: %s", name, strings.Join(out.Names(), " "))
	}
	return string(b)
}

func mustContain(t testing.TB, where, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s: missing %q", where, w)
		}
	}
}

func mustNotContain(t testing.TB, where, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if strings.Contains(text, w) {
			t.Errorf("%s: should not contain %q", where, w)
		}
	}
}

// writeFiles writes files (slash-separated paths → text) into the site
// folder dir, making their folders: a variation on a txtar fixture.
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for rel, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
