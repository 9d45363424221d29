package build_test

import (
	"bytes"
	"testing"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/build/check"
	"github.com/bedside-health/bedside/build/feeds"
	"github.com/bedside-health/bedside/build/structured"
	"github.com/bedside-health/bedside/site"
	"github.com/bedside-health/bedside/site/sitetest"
)

// TestCompiledTemplatesMatchHTMLTemplate builds sites with the theme run
// by the compiled executor (package tmplexec) and by html/template alone,
// with every extension of bedside build, and compares every file byte for
// byte: the executor is only a faster way to the same site.
func TestCompiledTemplatesMatchHTMLTemplate(t *testing.T) {
	type testSite struct {
		name string
		dir  string
		load site.LoadOptions
		// fallbacks is how many executions the compiled executor may
		// leave to html/template.
		fallbacks int64
	}
	sites := []testSite{
		{"sample site", "..", site.LoadOptions{Now: mustDate("2026-12-01")}, 0},
		// Drafts and scheduled articles carry notices; the fixture has
		// inline people, references, footnotes and a table of contents.
		{"pages.txtar with drafts and future", writeTxtar(t, "pages.txtar"), site.LoadOptions{Now: mustDate("2026-11-23"), Drafts: true, Future: true, Expired: true}, 0},
		{"hostile strings", writeTxtar(t, "escaping.txtar"), site.LoadOptions{Now: mustDate("2026-11-23")}, 0},
		// lang attributes written between a tag's attributes.
		{"an article in another language", writeTxtar(t, "languages.txtar"), site.LoadOptions{Now: mustDate("2026-11-23")}, 0},
	}
	if !testing.Short() {
		sites = append(sites, testSite{"300-article corpus", sitetest.Corpus(t, 300), site.LoadOptions{Now: mustDate("2028-06-01")}, 0})
	}
	for _, c := range sites {
		t.Run(c.name, func(t *testing.T) {
			compiled, byCompiled, fallbacks := buildWithAll(t, c.dir, c.load, false)
			plain, _, _ := buildWithAll(t, c.dir, c.load, true)
			// html/template runs each template the first time (that is
			// when it escapes it); after that the compiled executor must
			// do the work, or the test compares html/template with itself.
			if byCompiled == 0 || fallbacks > c.fallbacks {
				t.Errorf("compiled executor ran %d templates and left %d to html/template, want at most %d", byCompiled, fallbacks, c.fallbacks)
			}
			if len(compiled.Files) != len(plain.Files) || len(plain.Files) == 0 {
				t.Fatalf("compiled wrote %d files, html/template %d", len(compiled.Files), len(plain.Files))
			}
			for name, want := range plain.Files {
				if got := compiled.Files[name]; !bytes.Equal(got, want) {
					t.Errorf("%s differs:\n%s", name, firstDifference(got, want))
				}
			}
		})
	}
}

func buildWithAll(t *testing.T, dir string, load site.LoadOptions, plain bool) (out *build.MemOutput, byCompiled, byPlain int64) {
	t.Helper()
	s := site.Load(dir, load)
	if s.Diagnostics.HasErrors() {
		t.Fatal(s.Diagnostics)
	}
	out = build.NewMemOutput()
	theme := &themeOf{}
	exts := []build.Extension{feeds.New(), structured.New(), check.New(), theme}
	if _, diags := build.Run(s, out, build.Options{Extensions: exts, PlainTemplates: plain}); diags.HasErrors() {
		t.Fatal(diags)
	}
	byCompiled, byPlain = theme.t.Executions()
	return out, byCompiled, byPlain
}

// themeOf is an extension that keeps the build's theme.
type themeOf struct{ t *build.Theme }

func (*themeOf) Name() string                    { return "theme of the build" }
func (e *themeOf) Generate(b *build.Build) error { e.t = b.Theme; return nil }

// firstDifference shows where two outputs part, with some context.
func firstDifference(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	return "compiled:      …" + string(got[from:min(len(got), i+80)]) + "\nhtml/template: …" + string(want[from:min(len(want), i+80)])
}
