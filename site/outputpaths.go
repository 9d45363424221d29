package site

import (
	"sort"
	"strings"
)

// checkOutputPaths reports to diags addresses that differ as URLs but clash as
// files: an alias /conditions/index.html is the file of the section list
// /conditions/, and a page /sitemap.xml/ needs a folder where the sitemap
// file goes. [Site.checkURLs] compares URLs; this compares the files they
// become, case-insensitively because macOS and Windows disks are. Without
// it the build would fail on disk with an error that depends on which page
// happened to be written first.
func (s *Site) checkOutputPaths(diags *Diagnostics) {
	type claim struct{ url, owner string }
	files := map[string]claim{"index.html": {"/", "the home page"}} // lower-cased output file → first claim
	for _, r := range reservedPaths {
		if !strings.HasSuffix(r, "/") {
			files[strings.ToLower(OutputPath(r))] = claim{r, "a page Bedside writes itself"}
		}
	}
	sectionFolders := map[string]string{} // lower-cased key → key
	for _, sec := range s.Sections {
		if prev, ok := sectionFolders[strings.ToLower(sec.Key)]; ok {
			diags.Errorf("content/"+sec.Key, 0, "rename one of the two folders so that their names differ in more than case",
				"folders content/%s and content/%s differ only in case; on macOS and Windows they are one folder", prev, sec.Key)
			continue
		}
		sectionFolders[strings.ToLower(sec.Key)] = sec.Key
		files[strings.ToLower(OutputPath(sec.URL))] = claim{sec.URL, "the " + sec.Key + " section list"}
	}
	for _, p := range s.People {
		out := strings.ToLower(OutputPath(p.URL))
		if c, ok := files[out]; ok {
			diags.Errorf(p.SourcePath, 0, "rename one of the two profile files so that their names differ in more than case",
				"profile page %s is written to the same file as %s (%s)", p.URL, c.owner, c.url)
			continue
		}
		files[out] = claim{p.URL, p.SourcePath}
	}
	type entry struct {
		a              *Article
		url, key, what string
	}
	pages := append(append([]*Article(nil), s.Pages...), s.Articles...)
	sort.Slice(pages, func(i, j int) bool { return pages[i].SourcePath < pages[j].SourcePath })
	var entries []entry
	for _, a := range pages {
		entries = append(entries, entry{a, a.URL, "slug", "URL"})
	}
	for _, a := range pages {
		for _, al := range a.Aliases {
			entries = append(entries, entry{a, al, "aliases", "alias"})
		}
	}
	hint := func(e entry) string {
		if e.what == "alias" {
			return "remove this alias, or give the old address it stands for"
		}
		return "change the slug or the file name so that each page has its own address"
	}
	clashed := map[int]bool{}
	for i, e := range entries {
		out := strings.ToLower(OutputPath(e.url))
		if c, ok := files[out]; ok {
			if !strings.EqualFold(c.url, e.url) { // equal URLs are checkURLs' to report
				diags.Errorf(e.a.SourcePath, e.a.Line(e.key), hint(e), "%s %s is written to the same file as %s (%s)", e.what, e.url, c.owner, c.url)
			}
			clashed[i] = true
			continue
		}
		files[out] = claim{e.url, e.a.SourcePath}
	}
	for i, e := range entries {
		if clashed[i] {
			continue
		}
		out := strings.ToLower(OutputPath(e.url))
		for j := strings.IndexByte(out, '/'); j >= 0; j = nextSlash(out, j) {
			if c, ok := files[out[:j]]; ok {
				diags.Errorf(e.a.SourcePath, e.a.Line(e.key), hint(e), "%s %s needs a folder where %s (%s) is a file", e.what, e.url, c.owner, c.url)
				break
			}
		}
	}
}

// nextSlash returns the index of the next '/' in s after index i, or -1.
func nextSlash(s string, i int) int {
	k := strings.IndexByte(s[i+1:], '/')
	if k < 0 {
		return -1
	}
	return i + 1 + k
}
