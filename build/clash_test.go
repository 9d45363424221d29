package build_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/build/check"
	"github.com/bedside-health/bedside/build/feeds"
	"github.com/bedside-health/bedside/site"
)

// An alias or slug that lands on a file the build writes (a feed, a static
// file), or that needs a folder where the build writes a file, is an error
// at the front-matter line that asked for it, saying what else writes there:
// in memory (bedside check, serve) as on disk, where it used to fail with
// "is a directory" in a temporary folder and no line.
func TestAddressClashesAreReportedAtTheFrontMatter(t *testing.T) {
	want := []string{
		"content/news/feed.md:6: its page /news/index.xml/index.html clashes with /news/index.xml, which the feed generator writes — set another slug, or rename the file",
		"content/news/portal.md:7: alias /news/feed.json/: its redirect page /news/feed.json/index.html clashes with /news/feed.json, which the feed generator writes — remove this alias, or change it to an address nothing else uses",
		"content/news/portal.md:7: alias /leaflets/asthma.pdf/: its redirect page /leaflets/asthma.pdf/index.html clashes with /leaflets/asthma.pdf, which static/leaflets/asthma.pdf writes — remove this alias, or change it to an address nothing else uses",
		"content/news/portal.md:7: alias /tags/portal/: its redirect page /tags/portal/index.html is written by tag portal too — remove this alias, or change it to an address nothing else uses",
	}
	check := func(how string, diags site.Diagnostics) {
		t.Helper()
		got := diags.Error()
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: missing\n  %s\nin:\n%s", how, w, got)
			}
		}
		if n := diags.Count(site.Error); n != len(want) {
			t.Errorf("%s: %d errors, want %d:\n%s", how, n, len(want), got)
		}
	}
	dir := writeTxtar(t, "clashes.txtar")
	load := site.LoadOptions{Now: mustDate("2026-11-23")}
	opts := build.Options{Extensions: []build.Extension{feeds.New()}}
	_, diags := build.Run(site.Load(dir, load), build.NewMemOutput(), opts)
	check("in memory", diags)
	dest := filepath.Join(t.TempDir(), "public")
	_, _, diags = build.ToDir(dir, dest, load, opts)
	check("on disk", diags)

	// Another article's content error does not hide them: the build
	// that reports it renders into nothing, and must still find them.
	writeFiles(t, dir, map[string]string{
		"content/news/undescribed.md": "---\ntitle: No description\ndate: 2025-01-03\nauthor: {name: Sam Lee}\n---\nText.\n",
	})
	want = append(want, "content/news/undescribed.md:1: description is missing")
	_, _, diags = build.ToDir(dir, dest, load, opts)
	check("with a content error elsewhere", diags)
}

// Two aliases where one needs a folder at the other's file: loading
// reports it at one of them; the build must not report it again at the
// other, with the opposite advice.
func TestAliasClashReportedOnce(t *testing.T) {
	dir := writeTxtar(t, "clashes.txtar")
	writeFiles(t, dir, map[string]string{
		"content/news/feed.md":   "---\ntitle: One\ndescription: d\ndate: 2025-01-01\nauthor: {name: Sam Lee}\naliases: [/a.html]\n---\nText.\n",
		"content/news/portal.md": "---\ntitle: Two\ndescription: d\ndate: 2025-01-02\nauthor: {name: Sam Lee}\naliases: [/a.html/b/]\n---\nText.\n",
	})
	load := site.LoadOptions{Now: mustDate("2026-11-23")}
	_, _, diags := build.ToDir(dir, filepath.Join(t.TempDir(), "public"), load, build.Options{Extensions: []build.Extension{feeds.New()}})
	if diags.Count(site.Error) != 1 || !strings.Contains(diags.Error(), "content/news/portal.md:6: alias /a.html/b/ needs a folder where content/news/feed.md (/a.html) is a file") {
		t.Errorf("the clash of /a.html and /a.html/b/ is not reported once:\n%s", diags.Error())
	}
}

// An alias that differs from a tag page's address only in case is the
// same file on macOS and Windows (and on many servers): an error, as two
// pages whose addresses differ only in case are.
func TestAliasDifferingOnlyInCase(t *testing.T) {
	dir := writeTxtar(t, "clashes.txtar")
	writeFiles(t, dir, map[string]string{
		"content/news/feed.md":   "---\ntitle: One\ndescription: d\ndate: 2025-01-01\nauthor: {name: Sam Lee}\ntags: [portal]\n---\nText.\n",
		"content/news/portal.md": "---\ntitle: Two\ndescription: d\ndate: 2025-01-02\nauthor: {name: Sam Lee}\naliases: [/Tags/Portal/]\n---\nText.\n",
	})
	_, _, diags := build.ToDir(dir, filepath.Join(t.TempDir(), "public"), site.LoadOptions{Now: mustDate("2026-11-23")}, build.Options{})
	want := "content/news/portal.md:6: alias /Tags/Portal/: its redirect page /Tags/Portal/index.html clashes with /tags/portal/index.html, which tag portal writes"
	if diags.Count(site.Error) != 1 || !strings.Contains(diags.Error(), want) {
		t.Errorf("want the one error\n  %s\ngot:\n%s", want, diags.Error())
	}
}

// A static file where the site has a folder of pages (static/tags/portal
// where tag portal's page and feeds go) is one error, at the file, not one
// per page and feed plus their broken links.
func TestStaticFileWhereTheSiteNeedsAFolder(t *testing.T) {
	dir := writeTxtar(t, "clashes.txtar")
	writeFiles(t, dir, map[string]string{
		"content/news/feed.md":   "---\ntitle: One\ndescription: d\ndate: 2025-01-01\nauthor: {name: Sam Lee}\ntags: [portal]\n---\nText.\n",
		"content/news/portal.md": "---\ntitle: Two\ndescription: d\ndate: 2025-01-02\nauthor: {name: Sam Lee}\n---\nSee [the portal topic](/tags/portal/).\n",
		"static/tags/portal":     "not a folder\n",
	})
	opts := build.Options{Extensions: []build.Extension{feeds.New(), check.New()}}
	_, _, diags := build.ToDir(dir, filepath.Join(t.TempDir(), "public"), site.LoadOptions{Now: mustDate("2026-11-23")}, opts)
	want := "static/tags/portal: writes the file /tags/portal where the site needs a folder, for /tags/portal/index.html — move or rename it: tag portal writes there"
	if diags.Count(site.Error) != 1 || !strings.Contains(diags.Error(), want) {
		t.Errorf("want the one error\n  %s\ngot:\n%s", want, diags.Error())
	}
}
