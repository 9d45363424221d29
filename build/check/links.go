package check

import (
	"fmt"
	"io/fs"
	"net/url"
	"runtime"
	"sync"
	"sync/atomic"

	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
)

// target is where a link leads, once resolved against its page.
type target struct {
	sitePath string // "/conditions/asthma/", for links inside the site
	fragment string
	external string // the absolute address, for links to other sites
	skip     bool   // mailto:, tel:, data: … and bare "#"
}

// resolve turns an href written on the page at pageURL into a target.
func (c *Checker) resolve(pageURL, href string) (target, error) {
	href = strings.TrimSpace(href)
	if href == "" || href == "#" {
		return target{skip: true}, nil
	}
	if plainFragment(href) && strings.HasPrefix(pageURL, "/") {
		// The skip link and a table of contents on every page: what
		// url.Parse and ResolveReference would make of them, without
		// their cost.
		return target{sitePath: pageURL, fragment: href[1:]}, nil
	}
	return c.resolveURL(pageURL, href)
}

// asBrowsersRead returns a web address as a browser reads it (the WHATWG
// URL standard): tabs and line breaks dropped, and, in an http(s) address
// or one without a scheme, each backslash read as a slash. So
// `https:\\tracker.example\px.gif` and `/\tracker.example/px.gif` load
// from tracker.example, where url.Parse sees no host at all.
func asBrowsersRead(raw string) string {
	raw = strings.TrimSpace(raw)
	if !strings.ContainsAny(raw, "\\\t\n\r") {
		return raw
	}
	raw = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(raw)
	scheme, _, hasColon := strings.Cut(raw, ":")
	if hasColon && hasScheme(raw) {
		if s := strings.ToLower(scheme); s != "http" && s != "https" {
			return raw
		}
	}
	return strings.ReplaceAll(raw, "\\", "/")
}

// plainFragment reports whether href is "#" and an id of letters, digits,
// "-", "_", "." or ":", which no URL parsing changes.
func plainFragment(href string) bool {
	if len(href) < 2 || href[0] != '#' {
		return false
	}
	for i := 1; i < len(href); i++ {
		c := href[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == ':') {
			return false
		}
	}
	return true
}

// resolveURL is resolve for any href, through net/url.
func (c *Checker) resolveURL(pageURL, href string) (target, error) {
	u, err := url.Parse(asBrowsersRead(href))
	if err != nil {
		return target{}, fmt.Errorf("%q is not a valid address", href)
	}
	switch u.Scheme {
	case "", "http", "https":
	default:
		return target{skip: true}, nil // mailto:, tel:, data:, javascript:
	}
	if u.Host != "" {
		origin := strings.ToLower(u.Scheme + "://" + u.Host)
		if u.Scheme == "" {
			origin = strings.ToLower(strings.SplitN(c.origin, ":", 2)[0] + "://" + u.Host)
		}
		if origin != c.origin {
			abs := *u
			if abs.Scheme == "" {
				abs.Scheme = "https"
			}
			return target{external: abs.String()}, nil
		}
	}
	// Resolve against the page's own address under the base path.
	base := &url.URL{Path: c.basePath + strings.TrimPrefix(pageURL, "/")}
	ref := &url.URL{Path: u.Path, RawPath: u.RawPath}
	p := base.ResolveReference(ref).Path
	if u.Path == "" {
		p = base.Path // "#id", "?q": this page
		if u.Host != "" {
			p = c.basePath // "https://this.site#id": the home page, on every page
		}
	}
	if !strings.HasPrefix(p, c.basePath) && p+"/" != c.basePath {
		return target{}, fmt.Errorf("%s is outside the site (its addresses start with %s)", href, c.basePath)
	}
	return target{sitePath: "/" + strings.TrimPrefix(p, c.basePath), fragment: u.Fragment}, nil
}

// checkLinks verifies every link of every page, now that all exist, with
// the pages shared out among the cores.
func (c *Checker) checkLinks(b *build.Build) {
	// Generate runs after every page is observed: the records no longer
	// change, and report takes the lock it needs.
	pages := make([]*pageRecord, 0, len(c.pages))
	for _, r := range c.pages {
		pages = append(pages, r)
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].url < pages[j].url })

	var indexOnce sync.Once
	var candidates *urlIndex // built on the first broken link
	nearest := func(sitePath string) string {
		indexOnce.Do(func() { candidates = c.index(b) })
		return candidates.nearest(sitePath)
	}
	workers := min(runtime.GOMAXPROCS(0), max(1, len(pages)))
	externals := make([][]externalRef, workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Most links are root-relative or absolute and resolve the same
			// on every page: each worker remembers them.
			// Sized once: grown from empty, the two maps were a sixth of
			// the link check's time on the 10,000-article corpus.
			lc := linkCache{
				resolved: make(map[string]target, len(c.hrefs)),
				exists:   make(map[string]string, len(c.pages)),
				fine:     make([]bool, len(c.hrefs)),
			}
			for i := int(next.Add(1) - 1); i < len(pages); i = int(next.Add(1) - 1) {
				c.checkPageLinks(b, pages[i], &lc, nearest, &externals[w])
			}
		}()
	}
	wg.Wait()
	for _, e := range externals {
		c.externalRefs = append(c.externalRefs, e...)
	}
}

// linkCache is what one worker of checkLinks has resolved so far.
type linkCache struct {
	resolved map[string]target // href → where it leads, for page-independent hrefs
	exists   map[string]string // site path → output file, "" when missing
	// fine marks, by href number, the page-independent hrefs found to
	// lead where they should: most links of a page (navigation, cards,
	// tags) are then passed over without hashing their href twice.
	fine []bool
}

// checkPageLinks verifies the links of one page.
func (c *Checker) checkPageLinks(b *build.Build, rec *pageRecord, lc *linkCache, nearest func(string) string, externals *[]externalRef) {
	resolved, exists := lc.resolved, lc.exists
	for _, id := range rec.links {
		if lc.fine[id>>4] {
			continue
		}
		l := c.linkAt(id)
		// A link to an element of the page itself (the skip link, the
		// table of contents, each heading's self-link): a dozen on every
		// article, and none can be cached for another page. Its target is
		// rec, whatever resolve, existing and c.pages would find; only a
		// missing id goes the long way, for its message.
		if plainFragment(l.href) && strings.HasPrefix(rec.url, "/") && rec.hasID(l.href[1:]) {
			continue
		}
		fine := func() {
			if pageIndependent(l.href) {
				lc.fine[id>>4] = true
			}
		}
		t, ok := resolved[l.href]
		if !ok {
			var err error
			t, err = c.resolve(rec.url, l.href)
			if err != nil {
				place, fromContent := rec.src.locate(linkNeedles(l.href, c.basePath)...)
				c.report(place, !fromContent, site.Error, rec.url, "write an address inside the site, like /conditions/asthma/", "broken link: %v", err)
				continue
			}
			if pageIndependent(l.href) {
				resolved[l.href] = t
			}
		}
		if t.skip {
			fine()
			continue
		}
		if t.external != "" {
			if l.tag == "a" || l.tag == "area" {
				*externals = append(*externals, externalRef{url: t.external, href: l.href, page: rec})
			}
			continue
		}
		file, seen := exists[t.sitePath]
		if !seen {
			if f, ok := c.existing(b, t.sitePath); ok {
				file = f
			}
			exists[t.sitePath] = file
		}
		if file == "" && b.Failed(site.OutputPath(t.sitePath)) {
			continue // a page whose own error is reported
		}
		if file == "" {
			hint := "check the address"
			if s := nearest(t.sitePath); s != "" {
				hint = "did you mean " + s + "?"
			}
			what := "page"
			if path.Ext(t.sitePath) != "" {
				what = "file"
			}
			place, fromContent := rec.src.locate(linkNeedles(l.href, c.basePath)...)
			if !fromContent && c.logo != "" && l.href == c.logo {
				// The theme shows the logo bedside.toml names: the
				// fix is there, once, not in every template.
				logo := b.Config.Organization.Logo
				c.report(Place{File: site.ConfigFile, Line: c.logoLine}, false, site.Error, rec.url,
					"add the image as static"+logo+", or change logo in the [organization] table",
					"organization.logo: %s: no such file", logo)
				continue
			}
			c.report(place, !fromContent, site.Error, rec.url, hint, "broken link to %s: no such %s", c.asWritten(l.href), what)
			continue
		}
		if t.fragment == "" {
			fine()
			continue
		}
		dest := c.pages[file]
		if dest == nil || dest.hasID(t.fragment) {
			fine()
			continue // not a page (a file or a redirect), or the id exists
		}
		hint := "link to a heading that exists on " + t.sitePath
		if s := nearestString(t.fragment, dest.idList()); s != "" {
			hint = "did you mean #" + s + "?"
		}
		place, fromContent := rec.src.locate(linkNeedles(l.href, c.basePath)...)
		c.report(place, !fromContent, site.Error, rec.url, hint, "broken link to %s: %s has no heading or element with id %q", c.asWritten(l.href), t.sitePath, t.fragment)
	}
}

// pageIndependent reports whether an href resolves the same on every page:
// a root-relative path or an absolute address.
func pageIndependent(href string) bool {
	return strings.HasPrefix(href, "/") || hasScheme(href)
}

// hasScheme reports whether href starts with a URL scheme and its colon
// ("https:", "tel:", "mailto:"): such an address is absolute, the same on
// every page. (The theme's "tel:911" is on every article.)
func hasScheme(href string) bool {
	for i := 0; i < len(href); i++ {
		c := href[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.':
			if i == 0 {
				return false
			}
		case c == ':':
			return i > 0
		default:
			return false
		}
	}
	return false
}

// linkNeedles are the ways a link can be written in Markdown: as rendered,
// or without the base path the renderer adds.
func linkNeedles(href, basePath string) []string {
	needles := []string{"(" + href, "<" + href, "]: " + href, `"` + href + `"`, href}
	if basePath != "/" && strings.HasPrefix(href, basePath) {
		short := "/" + strings.TrimPrefix(href, basePath)
		needles = append([]string{"(" + short, "<" + short, "]: " + short, `"` + short + `"`}, needles...)
	}
	return needles
}

// existing returns the output file a site path leads to, if the build
// wrote it: the path itself, or its index.html.
func (c *Checker) existing(b *build.Build, sitePath string) (string, bool) {
	name := site.OutputPath(sitePath)
	if b.Written(name) {
		return name, true
	}
	if !strings.HasSuffix(sitePath, "/") {
		if alt := site.OutputPath(sitePath + "/"); b.Written(alt) {
			return alt, true
		}
	}
	return name, false
}

// urlIndex is every address a link could lead to, for suggestions.
type urlIndex struct {
	paths        []string
	files, pages []string // paths with an extension, and the others
}

func (c *Checker) index(b *build.Build) *urlIndex {
	idx := &urlIndex{}
	c.mu.Lock()
	for _, r := range c.pages {
		if r.url != "/404.html" {
			idx.paths = append(idx.paths, r.url)
		}
	}
	c.mu.Unlock()
	for _, name := range b.Theme.Static {
		// Only what the build wrote as it is: the theme's stylesheet is
		// published under a fingerprinted name, not as css/site.css.
		if out := strings.TrimPrefix(name, "static/"); b.Written(out) {
			idx.paths = append(idx.paths, "/"+out)
		}
	}
	root := filepath.Join(b.Site.Dir, "static")
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(root, p)
			idx.paths = append(idx.paths, "/"+filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(idx.paths)
	for _, p := range idx.paths {
		if path.Ext(p) != "" {
			idx.files = append(idx.files, p)
		} else {
			idx.pages = append(idx.pages, p)
		}
	}
	return idx
}

// nearest returns the existing address closest to a broken one: a file of
// the same kind for a file (an address with an extension), a page for a
// page.
func (idx *urlIndex) nearest(broken string) string {
	ext := strings.ToLower(path.Ext(broken))
	if ext == "" {
		return nearestString(broken, idx.pages)
	}
	var same []string
	if ext == ".html" || ext == ".htm" {
		// An old site's page (/conditions/asthma.html, left over from a
		// move) is most likely one of this site's pages now.
		same = append(same, idx.pages...)
	}
	for _, f := range idx.files {
		if strings.EqualFold(path.Ext(f), ext) {
			same = append(same, f)
		}
	}
	return nearestString(broken, same)
}

// asWritten returns a root-relative href of a page as its source wrote it:
// without the folder of a site below its host's root, which the build adds
// (Markdown's /conditions/asthma/ is /health/conditions/asthma/ in the page).
func (c *Checker) asWritten(href string) string {
	if c.basePath != "/" && strings.HasPrefix(href, c.basePath) {
		return "/" + strings.TrimPrefix(href, c.basePath)
	}
	return href
}

// nearestString returns the candidate with the smallest edit distance to
// s (the first such, candidates being sorted), or "" when there is none.
func nearestString(s string, candidates []string) string {
	if len(s) > 300 {
		return "" // no address that long is a typo of a real one
	}
	best, bestD := "", 1<<30
	for _, cand := range candidates {
		if d := abs(len(cand) - len(s)); d >= bestD {
			continue
		}
		if d := editDistance(s, cand, bestD); d < bestD {
			best, bestD = cand, d
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// editDistance is the Levenshtein distance between a and b by bytes; it
// stops early and returns limit when the distance is at least limit.
func editDistance(a, b string, limit int) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
