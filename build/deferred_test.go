package build_test

import (
	"path/filepath"
	"testing"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
)

// TestDeferredBodiesBuildTheSameSite: bedside build loads articles without
// their text and reads each again when it renders it
// (site.LoadOptions.DeferBodies); the site must be byte for byte the one
// built from a site loaded whole, as the dev server and tests load it.
func TestDeferredBodiesBuildTheSameSite(t *testing.T) {
	load := site.LoadOptions{Now: mustDate("2026-11-23")}
	dest := filepath.Join(t.TempDir(), "public")
	s, _, diags := build.ToDir("..", dest, load, build.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, a := range s.Articles {
		if !a.BodyDeferred() || a.Body != nil {
			t.Fatalf("%s: ToDir kept the body (deferred %v, %d bytes)", a.SourcePath, a.BodyDeferred(), len(a.Body))
		}
	}

	whole := site.Load("..", load)
	mem := build.NewMemOutput()
	if _, diags := build.Run(whole, mem, build.Options{}); diags.HasErrors() {
		t.Fatal(diags)
	}
	want := map[string][]byte{}
	for _, name := range mem.Names() {
		want[name] = mem.Files[name]
	}
	if d := diffTrees(want, readTree(t, dest)); d != "" {
		t.Errorf("the site built with deferred bodies differs from the one built whole:\n%s", d)
	}
}
