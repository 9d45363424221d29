package site

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// copySample copies the repository's sample site into a new folder.
func copySample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, root := range []string{"content", ConfigFile} {
		err := filepath.WalkDir(filepath.Join("..", root), func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel("..", p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dir, rel), 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestPatchIsLoad edits one file at a time and checks that Patch either
// gives exactly the site a full Load gives, or declines and leaves the
// site exactly as it was.
func TestPatchIsLoad(t *testing.T) {
	const asthma = "content/conditions/asthma.md"
	const about = "content/about.md"
	cases := []struct {
		name, file string
		edit       func(src string) string
		patched    bool // whether Patch may apply the edit in place
	}{
		{"description", asthma, replace(`description: "Asthma makes`, `description: "Asthma often makes`), true},
		{"body", asthma, func(s string) string { return s + "\nOne more sentence.\n" }, true},
		{"front matter lines shift", asthma, replace("title:", "# a comment for the editor\ntitle:"), true},
		{"unknown key warns", asthma, replace("specialty:", "last_reviewed: 2025-10-14\nspecialty:"), true},
		{"review dates", asthma, replace("nextReview: 2027-10-14", "nextReview: 2030-10-14"), true},
		{"reference key warns", asthma, replace("url: https://ginasthma.org/", "url: https://ginasthma.org/\n    note: x"), true},
		{"an error of the article's own", asthma, replace("nextReview: 2027-10-14", "nextReview: 2020-01-01"), true},
		{"page summary", about, replace("title:", "summary: \"Who we are.\"\ntitle:"), true},
		{"page tags", about, replace("title:", "tags: [\"??\"]\ntitle:"), false},
		{"article tag no address can be made of", asthma, replace("tags: [asthma, lungs, children]", "tags: [asthma, lungs, children, \"??\"]"), false},

		{"title", asthma, replace(`title: "Asthma:`, `title: "Asthma, explained:`), true},
		{"date that keeps the article's place", asthma, replace("date: 2024-03-12", "date: 2024-03-13"), true},
		{"date that moves the article", asthma, replace("date: 2024-03-12", "date: 2023-01-01"), false},
		{"date after today", asthma, replace("date: 2024-03-12", "date: 2030-03-12"), false},
		{"tags", asthma, replace("tags: [asthma, lungs, children]", "tags: [asthma, lungs]"), false},
		{"author", asthma, replace("author: james-okafor", "author: helen-ward"), false},
		{"reviewer", asthma, replace("reviewedBy: helen-ward", "reviewedBy: nobody-known"), false},
		{"slug", asthma, replace("title:", "slug: asthma-guide\ntitle:"), false},
		{"alias", asthma, replace("title:", "aliases: [/old/asthma/]\ntitle:"), false},
		{"draft", asthma, replace("title:", "draft: true\ntitle:"), false},
		{"malformed YAML", asthma, replace("title:", "title: [\n"), false},
		{"page title", about, replace("title: ", "title: About this site, "), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copySample(t)
			opts := LoadOptions{Cache: &ParseCache{}, Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}
			s := Load(dir, opts)
			if s.Diagnostics.HasErrors() {
				t.Fatalf("the sample site has errors: %v", s.Diagnostics)
			}
			before := Load(dir, opts)
			editFile(t, dir, c.file, c.edit)
			checkPatch(t, s, before, []string{c.file}, c.patched)
		})
	}
}

// TestPatchDeclines covers what Patch must leave to a full Load: files
// that are new, gone, profiles and section introductions, and a site that
// already has errors.
func TestPatchDeclines(t *testing.T) {
	dir := copySample(t)
	opts := LoadOptions{Cache: &ParseCache{}, Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}
	s := Load(dir, opts)
	for _, rel := range []string{"content/conditions/new-one.md", "content/authors/helen-ward.md", "content/conditions/_index.md", "bedside.toml", ""} {
		if s.Patch([]string{rel}) {
			t.Errorf("Patch(%q) = true, want false", rel)
		}
	}
	if !s.Patch([]string{"content/conditions/asthma.md"}) {
		t.Fatal("Patch of an unchanged article = false, want true")
	}
	s.Diagnostics.Errorf("content/conditions/asthma.md", 1, "", "an error")
	if s.Patch([]string{"content/conditions/asthma.md"}) {
		t.Error("Patch of a site with errors = true, want false")
	}
	noCache := Load(dir, LoadOptions{Now: opts.Now})
	if noCache.Patch([]string{"content/conditions/asthma.md"}) {
		t.Error("Patch of a site loaded without a cache = true, want false")
	}
}

func replace(old, new string) func(string) string {
	return func(s string) string { return strings.Replace(s, old, new, 1) }
}

// TestPatchBatch edits several files at once, as a git pull or a
// find-and-replace does: two neighbours whose new dates each keep the old
// neighbour's order but swap the two must not be patched; a batch that
// keeps every place must give Load's site.
func TestPatchBatch(t *testing.T) {
	const inhaler = "content/treatments/inhaler-technique.md" // 2024-04-02, just newer than asthma
	const asthma = "content/conditions/asthma.md"             // 2024-03-12
	cases := []struct {
		name         string
		asthmaDate   string
		inhalerDate  string
		inhalerTitle string
		patched      bool
	}{
		{"swapped neighbours", "2024-03-25", "2024-03-20", "", false},
		{"both keep their places", "2024-03-13", "2024-04-01", "", true},
		{"a date and a title", "2024-03-14", "", "Using your inhaler the right way", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copySample(t)
			opts := LoadOptions{Cache: &ParseCache{}, Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}
			s := Load(dir, opts)
			before := Load(dir, opts)
			editFile(t, dir, asthma, replace("date: 2024-03-12", "date: "+c.asthmaDate))
			if c.inhalerDate != "" {
				editFile(t, dir, inhaler, replace("date: 2024-04-02", "date: "+c.inhalerDate))
			}
			if c.inhalerTitle != "" {
				editFile(t, dir, inhaler, func(src string) string {
					i := strings.Index(src, "title: ")
					j := strings.Index(src[i:], "\n")
					return src[:i] + "title: " + c.inhalerTitle + src[i+j:]
				})
			}
			checkPatch(t, s, before, []string{asthma, inhaler}, c.patched)
		})
	}
}

// TestPatchKeepsPeopleAndTagWarnings starts from an article that already
// has warnings of its people (an inline author with an unknown key and no
// clinical credential) and its tags, then shifts its lines: the warnings
// must move with them, as Load reports them.
func TestPatchKeepsPeopleAndTagWarnings(t *testing.T) {
	dir := copySample(t)
	const asthma = "content/conditions/asthma.md"
	editFile(t, dir, asthma, replace("author: james-okafor", "author: [james-okafor, {name: Pat Doe, credentials: [Xyz], foo: 1}]"))
	editFile(t, dir, asthma, replace("tags: [asthma, lungs, children]", "tags: [asthma, lungs, children, \"??\", Asthma]"))
	opts := LoadOptions{Cache: &ParseCache{}, Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}
	s := Load(dir, opts)
	if s.Diagnostics.HasErrors() {
		t.Fatal(s.Diagnostics)
	}
	var warned int
	for _, d := range s.Diagnostics {
		if d.File == asthma {
			warned++
		}
	}
	if warned < 3 {
		t.Fatalf("the fixture should warn about the inline author and the tag, got %v", s.Diagnostics)
	}
	editFile(t, dir, asthma, replace("title:", "# a note\n# another\ntitle:"))
	if !s.Patch([]string{asthma}) {
		t.Fatal("Patch declined an edit of comments")
	}
	if want := Load(dir, opts); !reflect.DeepEqual(s, want) {
		t.Errorf("patched diagnostics %v\nLoad's %v", s.Diagnostics, want.Diagnostics)
	}
}

// TestPatchDeclinesForLinkedFilesAndAStaleToday: a file linked under a
// second name has two pages, and an event names one; a site loaded for
// "today" (no fixed Now) before midnight is a day behind.
func TestPatchDeclinesForLinkedFilesAndAStaleToday(t *testing.T) {
	const asthma = "content/conditions/asthma.md"
	dir := copySample(t)
	if err := os.Symlink("asthma.md", filepath.Join(dir, "content/conditions/asthma-again.md")); err != nil {
		t.Skip(err)
	}
	s := Load(dir, LoadOptions{Cache: &ParseCache{}, Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	editFile(t, dir, asthma, replace(`description: "Asthma makes`, `description: "Asthma often makes`))
	if s.Patch([]string{asthma}) {
		t.Error("Patch of a site that reads a file through a link = true, want false")
	}

	dir = copySample(t)
	s = Load(dir, LoadOptions{Cache: &ParseCache{}})
	s.Now = s.Now.AddDate(0, 0, -1) // as if loaded yesterday
	editFile(t, dir, asthma, replace(`description: "Asthma makes`, `description: "Asthma often makes`))
	if s.Patch([]string{asthma}) {
		t.Error("Patch of a site loaded for yesterday = true, want false")
	}
	s.Now = s.Now.AddDate(0, 0, 1)
	if !s.Patch([]string{asthma}) {
		t.Error("Patch of a site loaded today = false, want true")
	}
}

// checkPatch patches s, loaded as before was, for the edited files, and
// checks that Patch applies or declines as patched says, and that the site
// is then exactly what Load gives now, or before when Patch declines.
func checkPatch(t *testing.T, s, before *Site, files []string, patched bool) {
	t.Helper()
	ok := s.Patch(files)
	if ok != patched {
		t.Fatalf("Patch = %v, want %v", ok, patched)
	}
	want := before
	if ok {
		want = Load(s.Dir, s.Opts)
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("the site after Patch = %v differs from Load's\ngot diagnostics:  %v\nwant diagnostics: %v", ok, s.Diagnostics, want.Diagnostics)
		for i := range want.Articles {
			if i < len(s.Articles) && !reflect.DeepEqual(s.Articles[i], want.Articles[i]) {
				t.Errorf("first differing article: %s\ngot  %+v\nwant %+v", want.Articles[i].SourcePath, *s.Articles[i], *want.Articles[i])
				break
			}
		}
	}
}

func editFile(t *testing.T, dir, rel string, edit func(string) string) {
	t.Helper()
	full := filepath.Join(dir, rel)
	src, err := os.ReadFile(full)
	if err != nil {
		t.Fatal(err)
	}
	out := edit(string(src))
	if out == string(src) {
		t.Fatalf("the edit of %s changed nothing", rel)
	}
	if err := os.WriteFile(full, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
}
