package structured

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
	"github.com/bedside-health/bedside/site/sitetest"
)

// recorder keeps a copy of every page's data as the build hands it to the
// decorators, before any of them has added to it.
type recorder struct {
	mu    sync.Mutex
	b     *build.Build
	pages []build.PageData
}

func (*recorder) Name() string { return "recorder" }

func (r *recorder) DecoratePage(b *build.Build, p *build.PageData) {
	r.mu.Lock()
	r.b = b
	r.pages = append(r.pages, *p)
	r.mu.Unlock()
}

// record builds s with the recorder alone.
func record(t testing.TB, s *site.Site) *recorder {
	t.Helper()
	if s.Diagnostics.HasErrors() {
		t.Fatalf("site has errors:\n%v", s.Diagnostics)
	}
	rec := &recorder{}
	if _, diags := build.Run(s, build.NewMemOutput(), build.Options{Extensions: []build.Extension{rec}}); diags.HasErrors() {
		t.Fatal(diags)
	}
	if len(rec.pages) == 0 {
		t.Fatal("no pages")
	}
	return rec
}

func loadFixture(t testing.TB) *site.Site {
	t.Helper()
	return site.Load(sitetest.UnpackFile(t, filepath.Join("testdata", "site.txtar")),
		site.LoadOptions{Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
}

// compareDecorations decorates every recorded page with the extension and
// with the reference implementation, and fails on any difference in what
// they add. planned says whether Plan runs first, as in a build.
func compareDecorations(t testing.TB, rec *recorder, planned bool) {
	t.Helper()
	e := New()
	if planned {
		if err := e.Plan(rec.b); err != nil {
			t.Fatal(err)
		}
		defer e.Generate(rec.b)
	}
	failed := 0
	for i := range rec.pages {
		got, want := rec.pages[i], rec.pages[i]
		e.DecoratePage(rec.b, &got)
		refDecoratePage(rec.b, &want)
		if !reflect.DeepEqual(got.Meta, want.Meta) || !reflect.DeepEqual(got.JSONLD, want.JSONLD) || !reflect.DeepEqual(got.Notices, want.Notices) {
			t.Errorf("%s (%s): decorations differ\n got meta %q\nwant meta %q\n got JSON-LD %q\nwant JSON-LD %q\n got notices %q\nwant notices %q",
				got.URL, got.Kind, got.Meta, want.Meta, got.JSONLD, want.JSONLD, got.Notices, want.Notices)
			if failed++; failed == 2 {
				t.FailNow()
			}
		}
	}
}

// TestSameAsReference: on the fixture, the project's own site and the
// 1,000-article corpus (when $BEDSIDE_BENCH_DIR holds it), every page gets
// exactly the meta elements, JSON-LD and notices the reference
// implementation gives it, with Plan's cache and without.
func TestSameAsReference(t *testing.T) {
	sites := map[string]func() *site.Site{
		"fixture": func() *site.Site { return loadFixture(t) },
		"project": func() *site.Site {
			return site.Load(filepath.Join("..", ".."), site.LoadOptions{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
		},
	}
	if root := os.Getenv("BEDSIDE_BENCH_DIR"); root != "" {
		dir := filepath.Join(root, "corpus-1000")
		if _, err := os.Stat(filepath.Join(dir, "content")); err == nil {
			sites["corpus-1000"] = func() *site.Site {
				return site.Load(dir, site.LoadOptions{Now: time.Date(2028, 6, 1, 0, 0, 0, 0, time.UTC)})
			}
		}
	}
	for name, load := range sites {
		t.Run(name, func(t *testing.T) {
			rec := record(t, load())
			compareDecorations(t, rec, true)
			compareDecorations(t, rec, false)
		})
	}
}

// hostile are texts that try to end the script element or a JSON string,
// or that encoding/json rewrites: all must come out as the reference
// implementation writes them.
var hostile = []string{
	`</script><script>alert("x")</script>`,
	"<!-- <script> -->",
	"line\u2028separator\u2029paragraph",
	"invalid \xff utf-8 \xe2\x80",
	"\xe2\x80",
	"\x80continuation",
	`a "quoted" \ back & <b>`,
	"control \x00\x01\x1f\x7f\b\f\n\r\t",
	"café \U0001F600",
	"",
	"  ",
	"Example Hospital",
	"EXAMPLE HOSPITAL",
	"https://example.org/?a=1&b=<2>",
	"/images/x.png",
	"en-us",
	"es_MX",
	"patients",
	"Cardio vascular",
	"1234567893",
	"0000-0002-1825-0097",
}

// spoil writes the texts into every string of the site the extension reads,
// and into the recorded page data.
func spoil(s *site.Site, rec *recorder, x, y string) {
	cfg := s.Config
	cfg.Title, cfg.Description = x, y
	cfg.Organization.Name, cfg.Organization.URL, cfg.Organization.Logo = y, x, x+y
	for _, sec := range s.Sections {
		sec.Title = x + y
	}
	for _, tag := range s.Tags {
		tag.Name = y + x
	}
	abouts := []any{x, map[string]any{"name": x, "code": y, "codingSystem": x, "url": y, "type": y},
		[]any{x, 3, map[string]any{"@type": x, "code": x}, " ", nil, y}, []any{}, map[string]any{}, 7}
	for i, a := range s.Articles {
		a.Title, a.Description, a.Lang = x, y, x
		a.Audience, a.Specialty, a.Sponsor, a.Funding, a.Image = y, x, x, y, y
		a.Params["about"] = abouts[(i+len(x))%len(abouts)]
		for j := range a.References {
			r := &a.References[j]
			r.Title, r.DOI, r.PMID = x, y, x
			if j%2 == 0 {
				r.URL = y
			}
		}
	}
	for i, p := range s.People {
		p.Name, p.Role, p.Photo = x, y, y
		p.Credentials = []string{x, y, x}
		p.SameAs = []string{"https://www.linkedin.com/in/" + x, y}
		if i%2 == 0 {
			p.Affiliation, p.NPI = x, y
		}
	}
	for i := range rec.pages {
		p := &rec.pages[i]
		p.Title, p.Description = y, x
		if i%2 == 0 {
			p.Lang = y
		}
	}
}

// TestHostileText: hostile text in every field, and in the site's
// configuration, is escaped as the reference implementation escapes it.
func TestHostileText(t *testing.T) {
	for i, x := range hostile {
		y := hostile[(i*7+3)%len(hostile)]
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			s := loadFixture(t)
			rec := record(t, s)
			spoil(s, rec, x, y)
			compareDecorations(t, rec, true)
			compareDecorations(t, rec, false)
		})
	}
}

// FuzzDecoratePage is TestHostileText for any two texts.
func FuzzDecoratePage(f *testing.F) {
	for i, x := range hostile {
		f.Add(x, hostile[(i*5+1)%len(hostile)])
	}
	s := loadFixture(f)
	rec := record(f, s)
	pages := append([]build.PageData(nil), rec.pages...)
	f.Fuzz(func(t *testing.T, x, y string) {
		copy(rec.pages, pages)
		spoil(s, rec, x, y)
		compareDecorations(t, rec, true)
	})
}

// TestCachePerBuild: one extension value serving builds of two different
// sites, one after the other and at once, gives each the JSON-LD of its
// own site (the publisher, the people), as a new extension per build does,
// and keeps nothing once they are done.
func TestCachePerBuild(t *testing.T) {
	sites := func() []*site.Site {
		a, b := loadFixture(t), loadFixture(t)
		b.Config.BaseURL = "https://other.example.net/"
		b.Config.Organization.Name = "Other Hospital"
		b.Config.Title = "Other Library"
		for _, p := range b.People {
			p.Name += " (other)"
			p.Role = "Other " + p.Role
		}
		return []*site.Site{a, b}
	}
	run := func(s *site.Site, e *Extension) *build.MemOutput {
		out := build.NewMemOutput()
		if _, diags := build.Run(s, out, build.Options{Extensions: []build.Extension{e}}); diags.HasErrors() {
			t.Error(diags)
		}
		return out
	}
	ss := sites()
	want := []*build.MemOutput{run(ss[0], New()), run(ss[1], New())}
	if !strings.Contains(string(want[1].Files["conditions/heart-failure/index.html"]), `"name":"Maria Lopez (other)"`) ||
		!strings.Contains(string(want[1].Files["conditions/heart-failure/index.html"]), `"@id":"https://other.example.net/#organization","@type":"Organization","name":"Other Hospital"`) {
		t.Fatal("the second site's JSON-LD does not show its own people and publisher")
	}
	check := func(how string, got []*build.MemOutput) {
		t.Helper()
		for i := range got {
			for name, data := range want[i].Files {
				if string(got[i].Files[name]) != string(data) {
					t.Errorf("%s: site %d: %s differs from a build with its own extension", how, i, name)
				}
			}
		}
	}

	e := New()
	check("one after the other", []*build.MemOutput{run(ss[0], e), run(ss[1], e)})
	got := make([]*build.MemOutput, 2)
	var wg sync.WaitGroup
	for i := range ss {
		wg.Add(1)
		go func() { defer wg.Done(); got[i] = run(ss[i], e) }()
	}
	wg.Wait()
	check("at once", got)
	e.caches.Range(func(k, _ any) bool {
		t.Errorf("the cache of a finished build is kept")
		return false
	})
}
