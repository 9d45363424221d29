package site_test

// Fuzz tests of everything that reads clinicians' bytes: front matter, a
// whole one-article site through Load and build.Run, and the slug and alias
// rules that decide where files are written. The invariants are those of
// the product: no panic, every problem a one-line diagnostic with a place,
// and no output file outside the destination. Seed corpora live in
// testdata/fuzz/<FuzzName>/; .ci/fuzz runs each target for a bounded time.

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/build/check"
	"github.com/bedside-health/bedside/build/feeds"
	"github.com/bedside-health/bedside/build/structured"
	"github.com/bedside-health/bedside/site"
)

// FuzzFrontMatter: splitting and parsing front matter never panics, and
// every error and every key carries a line inside the file.
func FuzzFrontMatter(f *testing.F) {
	f.Add([]byte(article))
	f.Add([]byte("+++\ntitle = \"x\"\ndate = 2025-01-10\n+++\nbody\n"))
	f.Add([]byte("---\ntitle: [\n---\n"))
	f.Add([]byte("---\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		// SplitFrontMatter's contract: no BOM, LF line endings (Load does this).
		src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
		src = bytes.ReplaceAll(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
		nLines := bytes.Count(src, []byte("\n")) + 1
		raw, format, _, bodyLine, err := site.SplitFrontMatter(src)
		if err != nil {
			fe, ok := err.(*site.FrontMatterError)
			if !ok {
				t.Fatalf("SplitFrontMatter returned %T, not a *FrontMatterError: %v", err, err)
			}
			if fe.Line < 1 || fe.Line > nLines || fe.Message == "" {
				t.Fatalf("error on line %d of a %d-line file: %q", fe.Line, nLines, fe.Message)
			}
			return
		}
		if format == "" {
			return
		}
		if bodyLine < 2 || bodyLine > nLines+1 {
			t.Fatalf("body starts on line %d of a %d-line file", bodyLine, nLines)
		}
		fm, err := site.ParseFrontMatter(raw, format, 2)
		if err != nil {
			fe, ok := err.(*site.FrontMatterError)
			if !ok {
				t.Fatalf("ParseFrontMatter returned %T, not a *FrontMatterError: %v", err, err)
			}
			if fe.Line < 1 || fe.Line > nLines || fe.Message == "" {
				t.Fatalf("error on line %d of a %d-line file: %q", fe.Line, nLines, fe.Message)
			}
			return
		}
		for _, k := range fm.Keys {
			if l := fm.Lines[k]; l < 1 || l >= bodyLine {
				t.Fatalf("key %q on line %d, outside the front matter (lines 1–%d)", k, l, bodyLine-1)
			}
		}
	})
}

// oneArticleSite writes a site of the base config and profiles plus one
// article with the given bytes.
func oneArticleSite(t *testing.T, files map[string][]byte, src []byte) string {
	dir := t.TempDir()
	for name, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	full := filepath.Join(dir, "content", "conditions", "fuzz.md")
	os.MkdirAll(filepath.Dir(full), 0o755)
	if err := os.WriteFile(full, src, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// FuzzLoadAndBuild loads a one-article site from the fuzzed bytes and, when
// it loads without error, builds it in memory with the extensions of
// "bedside build" (feeds, structured data, quality checks). Every diagnostic
// must be one line with a file, and every output name must stay inside the
// site.
func FuzzLoadAndBuild(f *testing.F) {
	base := baseFiles(f)
	delete(base, "content/conditions/asthma.md") // the site is the fuzzed article alone
	f.Add([]byte(article))
	f.Add([]byte(strings.Replace(article, "tags: [flu]", "aliases: [../../x, /old/flu/]\nslug: flu-2", 1)))
	f.Fuzz(func(t *testing.T, src []byte) { loadAndBuild(t, base, src) })
}

// loadAndBuild is one run of FuzzLoadAndBuild.
func loadAndBuild(t *testing.T, base map[string][]byte, src []byte) {
	dir := oneArticleSite(t, base, src)
	s := site.Load(dir, site.LoadOptions{Now: hostileNow})
	checkFuzzDiagnostics(t, s.Diagnostics)
	if s.Diagnostics.HasErrors() {
		return
	}
	out := &namesOutput{}
	_, diags := build.Run(s, out, build.Options{Extensions: []build.Extension{feeds.New(), structured.New(), check.New()}})
	checkFuzzDiagnostics(t, diags)
	for _, n := range out.names {
		if !cleanOutputName(n) {
			t.Fatalf("wrote %q, outside the output folder", n)
		}
	}
}

// namesOutput records the names a build writes, without the check that
// MemOutput and DirOutput make, so that the fuzz test sees what the
// pipeline asks for rather than what the last line of defence lets through.
type namesOutput struct {
	mu    sync.Mutex
	names []string
}

func (o *namesOutput) WriteFile(name string, data []byte) error {
	o.mu.Lock()
	o.names = append(o.names, name)
	o.mu.Unlock()
	return nil
}

func checkFuzzDiagnostics(t *testing.T, diags site.Diagnostics) {
	t.Helper()
	for _, d := range diags {
		line := d.String()
		if d.File == "" || d.Line < 0 || d.Message == "" || strings.ContainsAny(line, "\n\r") {
			t.Fatalf("diagnostic is not one line with a place: %q", line)
		}
	}
}

// FuzzSlugAndAlias: Slugify always gives a usable URL segment, and an alias
// CleanAlias accepts always becomes an output file inside the site.
func FuzzSlugAndAlias(f *testing.F) {
	for _, s := range []string{
		"Heart Health", "naïve café", "../../etc/passwd", "%2e%2e/%2e%2e/x", "%252e", `C:\Windows`, "D:/x",
		"//evil.example/x", "https://evil.example/", "/old/asthma/", "/old/asthma.html", "/a/./b/", "/", "",
		"/tags/../../x/", "\x00", "/a\x00b/", "/%00/", "/ü/", "/a b/", "/index.html",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		slug := site.Slugify(s)
		if slug != "" {
			if strings.HasPrefix(slug, "-") || strings.HasSuffix(slug, "-") || strings.Contains(slug, "--") {
				t.Fatalf("Slugify(%q) = %q: stray hyphens", s, slug)
			}
			for _, r := range slug {
				if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					t.Fatalf("Slugify(%q) = %q: contains %q", s, slug, r)
				}
			}
			if again := site.Slugify(slug); again != slug {
				t.Fatalf("Slugify is not stable: %q → %q → %q", s, slug, again)
			}
			if !cleanOutputName(site.OutputPath("/tags/" + slug + "/")) {
				t.Fatalf("tag %q would be written to %q", slug, site.OutputPath("/tags/"+slug+"/"))
			}
		}
		clean, err := site.CleanAlias(s)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("CleanAlias(%q) error is not one line: %q", s, err)
			}
			return
		}
		if !strings.HasPrefix(clean, "/") || clean == "/" || strings.Contains(clean, "//") || path.Clean(clean) != strings.TrimSuffix(clean, "/") {
			t.Fatalf("CleanAlias(%q) = %q: not a clean site path", s, clean)
		}
		out := site.OutputPath(clean)
		if !cleanOutputName(out) {
			t.Fatalf("CleanAlias(%q) = %q is written to %q, outside the site", s, clean, out)
		}
		if !utf8.ValidString(clean) && utf8.ValidString(s) {
			t.Fatalf("CleanAlias(%q) = %q: invalid UTF-8 from valid input", s, clean)
		}
	})
}

// FuzzLoadConfig: reading any bedside.toml never panics; every problem is
// a one-line diagnostic in bedside.toml at a line of the file (or 0), and
// a configuration without errors is usable (a page size, an interval).
func FuzzLoadConfig(f *testing.F) {
	for _, seed := range []string{
		"title = \"T\"\nbaseURL = \"https://x.org/\"\n",
		"paginate = \"ten\"\n[feeds]\nlimit = \"x\"\n[review]\ninterval = \"3 years\"\n",
		"[organization]\nname = 1\nlogo = [1, 2]\n[review]\nclinicalSections = [\n  \"a\",\n  2,\n]\n",
		"language = \"english!\"\npaginate = 0\n[quality.readability]\nmaxGrade = \"x\"\n",
		"title = \"T\n",
		"[review] interval = \"x\"\n",
		"a = {b = \"c\", paginate = \"x\"}\n",
	} {
		f.Add([]byte(seed))
	}
	dir := f.TempDir()
	var mu sync.Mutex
	f.Fuzz(func(t *testing.T, data []byte) {
		mu.Lock() // one bedside.toml in dir
		defer mu.Unlock()
		if err := os.WriteFile(filepath.Join(dir, site.ConfigFile), data, 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, diags := site.LoadConfig(dir)
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, d := range diags {
			if d.File != site.ConfigFile || d.Line < 0 || d.Line > lines || strings.ContainsAny(d.String(), "\n\r") {
				t.Errorf("%q: diagnostic %q", data, d.String())
			}
		}
		if !diags.HasErrors() && (cfg.Paginate < 1 || cfg.Review.Interval.IsZero()) {
			t.Errorf("%q: no error, but paginate %d, interval %v", data, cfg.Paginate, cfg.Review.Interval)
		}
	})
}
