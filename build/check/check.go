package check

import (
	"fmt"
	"hash/maphash"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
)

// Checker is the quality-gate build extension. List it after the
// extensions whose files pages link to (feeds): it checks links once every
// generator before it has written its files.
type Checker struct {
	mu           sync.Mutex
	pages        map[string]*pageRecord // output path → what the page holds
	findings     map[findingKey]*finding
	scores       []ArticleScores
	externalRefs []externalRef // links to other sites, for --external

	// Most links (navigation, footer, tags, cards) stand on thousands of
	// pages: the checker keeps one copy of each href and gives the pages
	// their numbers (see linkNumber), so that the records of a
	// 10,000-article site stay small. The table has a lock of its own,
	// which pages take to read it together: after the first pages, their
	// links are all in it.
	linkMu  sync.RWMutex
	hrefIDs map[string]uint32 // each distinct href of the site, numbered
	hrefs   []string          // by number
	// table names this build's numbering, for the scanners' caches of
	// recent hrefs (see numberLinks), which outlive a build in their pool.
	table uint64

	// set in Plan
	origin    string // scheme://host of baseURL
	basePath  string
	allowed   map[string]bool
	templates []themeTemplate
	logo      string // the href of organization.logo in pages, if the site sets one
	logoLine  int    // its line in bedside.toml
	// faulty holds the hrefs of articles whose source has an error: the
	// theme's links to them (a card with no title) repeat that error.
	faulty map[string]bool
}

// themeTemplate is one template of the theme, to find the line a problem
// that comes from the theme is written on.
type themeTemplate struct {
	name   string // templates/_footer.html
	origin string // as the build names it in diagnostics
	text   string
}

// New returns a Checker.
func New() *Checker {
	return &Checker{
		pages:    map[string]*pageRecord{},
		hrefIDs:  map[string]uint32{},
		findings: map[findingKey]*finding{},
		table:    linkTables.Add(1), // Plan numbers it again
	}
}

// Name implements build.Extension.
func (c *Checker) Name() string { return "check" }

// pageRecord keeps what the link check needs once all pages exist.
type pageRecord struct {
	url   string
	src   source
	ids   string   // the page's element ids, each followed by a NUL: cheap to keep for every page
	links []uint32 // see linkNumber and Checker.linkAt
}

// Place is where something is written: a file and line.
type Place struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
}

// Plan implements build.Planner. It starts the checker afresh, so that a
// Checker given to several builds in turn reports each build on its own.
func (c *Checker) Plan(b *build.Build) error {
	// Sized for the site at once (a page is a record and about one or
	// two distinct hrefs): grown from empty, rehashing cost as much as
	// the look-ups on a large site.
	pages := len(b.Site.Articles) + len(b.Site.Pages)
	c.mu.Lock()
	c.pages = make(map[string]*pageRecord, pages)
	c.findings = map[findingKey]*finding{}
	c.scores = nil
	c.externalRefs = nil
	c.mu.Unlock()
	c.linkMu.Lock()
	c.hrefIDs = make(map[string]uint32, 2*pages)
	c.hrefs = nil
	c.table = linkTables.Add(1)
	c.linkMu.Unlock()
	u, err := url.Parse(b.Config.BaseURL)
	if err == nil {
		c.origin = strings.ToLower(u.Scheme + "://" + u.Host)
	}
	c.basePath = b.Config.BasePath()
	c.logo, c.logoLine = "", 0
	if l := b.Config.Organization.Logo; strings.HasPrefix(l, "/") {
		c.logo = b.Config.RelURL(l)
		c.logoLine = site.ConfigKeyLine(b.Site.Dir, "organization", "logo")
	}
	c.faulty = map[string]bool{}
	if b.Site.Diagnostics.HasErrors() {
		bad := map[string]bool{}
		for _, d := range b.Site.Diagnostics {
			if d.Severity == site.Error {
				bad[d.File] = true
			}
		}
		for _, a := range slices.Concat(b.Site.Articles, b.Site.Pages) {
			if bad[a.SourcePath] {
				c.faulty[b.Config.RelURL(a.URL)] = true
			}
		}
	}
	c.allowed = map[string]bool{}
	for _, o := range b.Config.Quality.AllowOrigins {
		c.allowed[strings.ToLower(strings.TrimSuffix(o, "/"))] = true
	}
	c.templates = nil
	for name, origin := range b.Theme.Origin {
		if strings.HasPrefix(name, "templates/") && strings.HasSuffix(name, ".html") {
			if data, err := b.Theme.ReadFile(name); err == nil {
				c.templates = append(c.templates, themeTemplate{name: name, origin: origin, text: string(data)})
			}
		}
	}
	sort.Slice(c.templates, func(i, j int) bool { return c.templates[i].name < c.templates[j].name })
	return nil
}

// ObservePage implements build.PageObserver: it reads the page once and
// runs the checks that need only this page.
func (c *Checker) ObservePage(b *build.Build, p *build.PageData, html []byte) {
	sc := getScanner()
	defer sc.release()
	// The strings of scan borrow html and sc (see scanner): what the
	// checker keeps of them is copied.
	scan := sc.scanPage(html)
	src := sourceOf(b, p)
	src.templates = c.templates
	c.checkPrivacy(p, src, scan)
	c.checkAccessibility(p, src, scan)
	// The record outlives the page: it must not hold the page's Markdown,
	// which locate reads again in the rare case it needs it.
	kept := src
	kept.body = nil
	rec := &pageRecord{url: p.URL, src: kept, ids: joinIDs(scan.ids), links: c.numberLinks(sc, scan.links)}
	name := site.OutputPath(p.URL)
	c.mu.Lock()
	c.pages[name] = rec
	c.mu.Unlock()
}

// joinIDs returns "\x00" + strings.Join(ids, "\x00") + "\x00" (see
// pageRecord.ids) in one allocation.
func joinIDs(ids []string) string {
	if len(ids) == 0 {
		return "\x00\x00"
	}
	n := 1
	for _, id := range ids {
		n += len(id) + 1
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteByte(0)
	for _, id := range ids {
		b.WriteString(id)
		b.WriteByte(0)
	}
	return b.String()
}

// linkTags are the tags of links (pageScan.links), numbered for
// linkNumber.
var linkTags = [...]string{"a", "area", "link", "script", "img", "iframe", "source", "video", "audio", "track", "embed"}

// linkNumber is the number of a link in a pageRecord: that of its href
// in the checker's table, and 4 bits for its tag. 2^28 hrefs are more
// than a site has.
func linkNumber(hrefID uint32, tag string) uint32 {
	if tag == "a" { // most links
		return hrefID << 4
	}
	for i, t := range linkTags {
		if t == tag {
			return hrefID<<4 | uint32(i)
		}
	}
	panic("check: the tag of a link is not in linkTags: " + tag)
}

// linkAt returns the link numbered id (see linkNumber).
func (c *Checker) linkAt(id uint32) link {
	return link{href: c.hrefs[id>>4], tag: linkTags[id&15]}
}

// numberLinks returns the numbers of a page's links, the first of each
// href only, adding the hrefs the table does not have yet.
func (c *Checker) numberLinks(sc *scanner, links []link) []uint32 {
	const missing = ^uint32(0)
	ids := sc.hrefIDs[:0]
	misses := false
	// The scanner's small cache first: the table of a large site is
	// megabytes, and a look-up in it a cache miss or two, while most of
	// a page's hrefs (navigation, feeds, tags, people) were on the page
	// this scanner read before.
	if sc.recentTable != c.table {
		clear(sc.recent[:])
		sc.recentTable = c.table
	}
	uncached := false
	for _, l := range links {
		id := missing
		if e := &sc.recent[recentSlot(l.href)]; e.id1 != 0 && e.href == l.href {
			id = e.id1 - 1
		} else {
			uncached = true
		}
		ids = append(ids, id)
	}
	if uncached {
		c.linkMu.RLock()
		for i, l := range links {
			if ids[i] != missing {
				continue
			}
			if id, ok := c.hrefIDs[l.href]; ok {
				ids[i] = id
				sc.recent[recentSlot(l.href)] = recentHref{href: c.hrefs[id], id1: id + 1}
			} else {
				misses = true
			}
		}
		c.linkMu.RUnlock()
	}
	if misses {
		c.linkMu.Lock()
		for i, l := range links {
			if ids[i] != missing {
				continue
			}
			id, ok := c.hrefIDs[l.href] // another page may have added it since
			if !ok {
				if len(c.hrefs) >= 1<<28 {
					panic("check: more than 2^28 distinct links") // see linkNumber
				}
				id = uint32(len(c.hrefs))
				href := strings.Clone(l.href) // l.href borrows the page
				c.hrefIDs[href] = id
				c.hrefs = append(c.hrefs, href)
			}
			ids[i] = id
			sc.recent[recentSlot(l.href)] = recentHref{href: c.hrefs[id], id1: id + 1}
		}
		c.linkMu.Unlock()
	}
	sc.hrefIDs = ids
	// Keep the first link of each href, as a map of the hrefs seen would,
	// but with the scanner's array of the numbers seen on this page.
	sc.gen++
	if sc.gen == 0 { // wrapped: numbers marked long ago would look seen
		clear(sc.seen)
		sc.gen = 1
	}
	out := ids[:0]
	for i, id := range ids {
		if int(id) >= len(sc.seen) {
			sc.seen = append(sc.seen, make([]uint32, int(id)+1-len(sc.seen)+len(sc.seen)/2)...)
		}
		if sc.seen[id] == sc.gen {
			continue
		}
		sc.seen[id] = sc.gen
		out = append(out, linkNumber(id, links[i].tag))
	}
	if len(out) == 0 {
		return nil
	}
	return slices.Clone(out)
}

// linkTables numbers the link tables of all builds (Checker.table).
var linkTables atomic.Uint64

// recentHref is a slot of a scanner's cache of hrefs: an href as the
// table holds it, and its number plus one (0: empty).
type recentHref struct {
	href string
	id1  uint32
}

// recentSlots is the size of a scanner's cache of hrefs (a power of 2).
const recentSlots = 1024

var recentSeed = maphash.MakeSeed()

// recentSlot is the slot of href in a scanner's cache.
func recentSlot(href string) uint32 {
	return uint32(maphash.String(recentSeed, href)) & (recentSlots - 1)
}

// Generate implements build.Generator: it checks links once every page
// and file exists, checks stylesheets, and reports everything found.
func (c *Checker) Generate(b *build.Build) error {
	c.checkLinks(b)
	c.checkImages(b)
	c.checkStylesheets(b)
	c.flush(b)
	return nil
}

// checkImages checks the image of each article's front matter, which no
// page links to but every share of it shows (og:image, twitter:image and
// the JSON-LD name it): one on this site must be a file the build wrote.
func (c *Checker) checkImages(b *build.Build) {
	for _, list := range [][]*site.Article{b.Site.Articles, b.Site.Pages} {
		for _, a := range list {
			img := strings.TrimSpace(a.Image)
			if img == "" || hasScheme(img) || strings.HasPrefix(img, "//") {
				continue // none, or on another site (the privacy check's concern)
			}
			// As a browser asks for it: without ?query or #fragment,
			// %-escapes decoded.
			u, err := url.Parse(asBrowsersRead(img))
			if err != nil {
				continue // not an address at all: the JSON-LD check's concern
			}
			sitePath := "/" + strings.TrimPrefix(u.Path, "/")
			if _, ok := c.existing(b, sitePath); ok {
				continue
			}
			c.report(Place{File: a.SourcePath, Line: a.Line("image")}, false, site.Error, a.URL,
				"put the image in static"+sitePath+", or write the path of one that is there",
				"image: %s: no such file; shared links would show no picture", img)
		}
	}
}

// source is the text a page was made from, to point problems at a line.
type source struct {
	file     string // Markdown file, "" when the page has none
	body     []byte // nil once the build dropped it: read again from siteDir
	bodyLine int
	siteDir  string
	template string // the theme template of the page kind, as the build names it
	kind     string
	// templates are the theme's templates, searched when a problem is not
	// in the page's Markdown.
	templates []themeTemplate
}

func sourceOf(b *build.Build, p *build.PageData) source {
	s := source{template: b.Theme.Origin["templates/"+p.Kind+".html"], kind: p.Kind, siteDir: b.Site.Dir}
	switch {
	case p.Article != nil && p.Article.Article != nil:
		a := p.Article.Article
		s.file, s.body, s.bodyLine = a.SourcePath, a.Body, a.BodyLine
	case p.Section != nil:
		s.file, s.body, s.bodyLine = p.Section.SourcePath, p.Section.Body, p.Section.BodyLine
	case p.Person != nil:
		s.file, s.body, s.bodyLine = p.Person.SourcePath, p.Person.Bio, p.Person.BioLine
	case p.Kind == build.KindHome && b.Site.Home != nil:
		s.file, s.body, s.bodyLine = b.Site.Home.SourcePath, b.Site.Home.Body, b.Site.Home.BodyLine
	}
	if s.template == "" {
		s.template = "theme " + p.Kind + ".html"
	}
	return s
}

// locate returns the place where the first of needles is written in the
// page's Markdown, with fromContent true; else the theme template that
// writes it (the page kind's own template first, then partials, then the
// others), or the page kind's template when none does.
func (s source) locate(needles ...string) (place Place, fromContent bool) {
	if s.body == nil && s.file != "" && s.siteDir != "" {
		s.body, s.bodyLine, _ = site.ReadBody(s.siteDir, s.file) // on failure: no line
	}
	if len(s.body) > 0 {
		body := string(s.body)
		for _, n := range needles {
			if n == "" {
				continue
			}
			if i := strings.Index(body, n); i >= 0 {
				return Place{File: s.file, Line: s.bodyLine + strings.Count(body[:i], "\n")}, true
			}
		}
	}
	own := "templates/" + s.kind + ".html"
	rank := func(name string) int {
		switch {
		case name == own:
			return 0
		case strings.HasPrefix(path.Base(name), "_"):
			return 1
		case path.Base(name) == "baseof.html":
			return 2
		}
		return 3
	}
	best, bestRank := Place{File: s.template}, 4
	for _, n := range needles {
		if n == "" {
			continue
		}
		for _, t := range s.templates {
			if r := rank(t.name); r < bestRank {
				if i := strings.Index(t.text, n); i >= 0 {
					best, bestRank = Place{File: t.origin, Line: 1 + strings.Count(t.text[:i], "\n")}, r
				}
			}
		}
		if bestRank < 4 {
			break
		}
	}
	return best, false
}

// finding is one problem, reported once however many pages show it.
type findingKey struct {
	place    Place
	severity site.Severity
	message  string
	hint     string
}

type finding struct {
	fromTheme bool
	pages     []string
}

// report records a problem seen on page url. Problems that come from the
// theme repeat on many pages; they are reported once with a count.
func (c *Checker) report(place Place, fromTheme bool, sev site.Severity, pageURL, hint, format string, args ...any) {
	k := findingKey{place: place, severity: sev, message: fmt.Sprintf(format, args...), hint: hint}
	c.mu.Lock()
	f := c.findings[k]
	if f == nil {
		f = &finding{fromTheme: fromTheme}
		c.findings[k] = f
	}
	f.pages = append(f.pages, pageURL)
	c.mu.Unlock()
}

func (c *Checker) flush(b *build.Build) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, f := range c.findings {
		msg := k.message
		if f.fromTheme {
			sort.Strings(f.pages)
			msg += " on " + f.pages[0]
			if n := len(f.pages) - 1; n > 0 {
				msg += fmt.Sprintf(" and %d other pages", n)
			}
		}
		if k.severity == site.Error {
			b.Errorf(k.place.File, k.place.Line, k.hint, "%s", msg)
		} else {
			b.Warnf(k.place.File, k.place.Line, k.hint, "%s", msg)
		}
	}
	c.findings = map[findingKey]*finding{}
}

// hasID reports whether the page has an element with the id.
func (r *pageRecord) hasID(id string) bool {
	return strings.Contains(r.ids, "\x00"+id+"\x00")
}

// idList returns the page's ids, sorted.
func (r *pageRecord) idList() []string {
	ids := strings.FieldsFunc(r.ids, func(c rune) bool { return c == 0 })
	sort.Strings(ids)
	return ids
}
