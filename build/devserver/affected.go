package devserver

import (
	"fmt"
	"hash/maphash"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
)

// A unit is a part of the site that renders to pages of its own: an
// article or standalone page (with its aliases), a list (with every page
// of its pagination), or a single page such as /tags/ or /404.html. A unit
// is named by its site path, which is what build.Options.Only selects.

// model is a loaded site with what a rebuild compares: the units and their
// output paths, and a fingerprint of every input that a page shows.
type model struct {
	site      *site.Site
	units     map[string][]string // unit site path → output paths of its pages
	pageNames map[string]bool     // every output path that belongs to a unit
	articles  map[string]*articleInfo
	people    map[string]uint64 // profile key → fingerprint
	personURL map[string]string // profile key → site path
	sections  map[string]uint64 // section key → fingerprint of its list's own content
	tags      map[string]string // tag key → name as shown
	// lists gives the articles of the home, section and tag lists in the
	// order shown, as source paths: when an edit leaves that order as it
	// was, only the pages of the list that show an edited article change.
	lists map[string][]string
	nav   uint64 // what every page shows: section titles, page titles
	home  uint64 // content/_index.md
}

// articleInfo is what a rebuild needs to know of one article or page.
type articleInfo struct {
	// article is the article in the model's site; nil once a reload
	// lets that site go.
	article *site.Article
	src     string // source path
	sum     uint64 // of the source's bytes (site.Article.SourceSum)
	fp      uint64
	url     string
	page    bool     // a standalone page, listed nowhere
	lists   []string // site paths of the lists that show it
}

var fpSeed = maphash.MakeSeed()

func fingerprint(parts ...any) uint64 {
	var h maphash.Hash
	h.SetSeed(fpSeed)
	for _, p := range parts {
		hashValue(&h, p)
		h.WriteByte(0)
	}
	return h.Sum64()
}

// hashValue writes v into h: the types front matter decodes to directly,
// anything else as fmt prints it. (Printing every article's front matter
// with fmt, which sorts map keys by reflection, took 20 ms per 1,000
// articles on every rebuild.)
func hashValue(h *maphash.Hash, v any) {
	switch v := v.(type) {
	case nil:
		h.WriteString("\x01nil")
	case string:
		h.WriteString(v)
	case []byte:
		h.Write(v)
	case bool:
		h.WriteString(strconv.FormatBool(v))
	case int:
		h.WriteString(strconv.Itoa(v))
	case int64:
		h.WriteString(strconv.FormatInt(v, 10))
	case uint64:
		h.WriteString(strconv.FormatUint(v, 10))
	case float64:
		h.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
	case time.Time:
		b, _ := v.MarshalBinary()
		h.Write(b)
	case []string:
		h.WriteString("\x01[")
		for _, e := range v {
			h.WriteString(e)
			h.WriteByte(0)
		}
		h.WriteString("]")
	case []any:
		h.WriteString("\x01[")
		for _, e := range v {
			hashValue(h, e)
			h.WriteByte(0)
		}
		h.WriteString("]")
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		h.WriteString("\x01{")
		for _, k := range keys {
			h.WriteString(k)
			h.WriteByte(':')
			hashValue(h, v[k])
			h.WriteByte(0)
		}
		h.WriteString("}")
	default:
		fmt.Fprintf(h, "%T:%v", v, v)
	}
}

// articleFingerprint covers everything of a that a page can show: the
// front matter as written (extensions read fields the core does not
// model), what Load made of it, and the body.
func articleFingerprint(a *site.Article) uint64 {
	return fingerprint(a.Kind, a.URL, a.Section, a.BodyLine, a.Params, a.Body)
}

// newModel makes the model of s. Fingerprints of articles whose source
// bytes are those prev saw are taken from prev rather than computed again
// (hashing every article's text on every rebuild was a third of a
// front-matter edit's rebuild); prev is nil when the configuration changed.
func newModel(s *site.Site, prev *model) *model {
	m := &model{
		site:      s,
		units:     map[string][]string{},
		pageNames: map[string]bool{},
		articles:  map[string]*articleInfo{},
		people:    map[string]uint64{},
		personURL: map[string]string{},
		sections:  map[string]uint64{},
		tags:      map[string]string{},
		lists:     map[string][]string{},
	}
	size := s.Config.Paginate
	list := func(url string, n int) {
		pages := max((n+size-1)/size, 1)
		paths := make([]string, pages)
		for i := range paths {
			paths[i] = build.PageURL(url, i+1)
		}
		m.unit(url, paths...)
	}
	order := func(url string, articles []*site.Article) {
		srcs := make([]string, len(articles))
		for i, a := range articles {
			srcs[i] = a.SourcePath
		}
		m.lists[url] = srcs
	}
	list("/", len(s.Articles))
	order("/", s.Articles)
	for _, a := range s.Articles {
		m.article(a, false, prev)
	}
	for _, a := range s.Pages {
		m.article(a, true, prev)
	}
	var nav []any
	for _, sec := range s.Sections {
		list(sec.URL, len(sec.Articles))
		order(sec.URL, sec.Articles)
		m.sections[sec.Key] = fingerprint(sec.Description, sec.Body, sec.BodyLine)
		nav = append(nav, sec.Key, sec.Title, sec.URL)
	}
	for _, a := range s.Pages {
		nav = append(nav, a.URL, a.Title)
	}
	m.nav = fingerprint(nav...)
	for _, t := range s.Tags {
		list(t.URL, len(t.Articles))
		order(t.URL, t.Articles)
		m.tags[t.Key] = t.Name
	}
	for _, p := range s.People {
		// A profile lists what the person wrote or reviewed, newest first.
		var shown []*site.Article
		seen := map[*site.Article]bool{}
		for _, a := range append(append([]*site.Article(nil), p.Authored...), p.Reviewed...) {
			if !seen[a] {
				seen[a] = true
				shown = append(shown, a)
			}
		}
		site.SortNewestFirst(shown)
		list(p.URL, len(shown))
		order(p.URL, shown)
		m.people[p.Key] = fingerprint(p.Name, p.Credentials, p.Role, p.Affiliation, p.NPI, p.ORCID, p.SameAs, p.Photo, p.COI, p.URL, p.Bio, p.BioLine)
		m.personURL[p.Key] = p.URL
	}
	if s.Home != nil {
		m.home = fingerprint(s.Home.Body, s.Home.BodyLine)
	}
	m.unit("/tags/", "/tags/")
	m.unit("/authors/", "/authors/")
	m.unit("/404.html", "/404.html")
	m.unit("/sitemap.xml", "/sitemap.xml")
	return m
}

func (m *model) unit(url string, sitePaths ...string) {
	names := outputPaths(sitePaths)
	m.units[url] = append(m.units[url], names...)
	for _, n := range names {
		m.pageNames[n] = true
	}
}

func (m *model) article(a *site.Article, page bool, prev *model) {
	info := &articleInfo{article: a, src: a.SourcePath, sum: a.SourceSum(), url: a.URL, page: page}
	var old *articleInfo
	if prev != nil {
		old = prev.articles[a.SourcePath]
	}
	if old != nil && old.sum == info.sum && info.sum != 0 {
		info.fp = old.fp
	} else {
		info.fp = articleFingerprint(a)
	}
	m.unit(a.URL, append([]string{a.URL}, a.Aliases...)...)
	if !page {
		info.lists = append(info.lists, "/", "/tags/", "/authors/")
		if sec := m.site.Section(a.Section); sec != nil {
			info.lists = append(info.lists, sec.URL)
		}
		for _, t := range a.Tags {
			info.lists = append(info.lists, t.URL)
		}
		for _, p := range append(append([]*site.Person(nil), a.Authors...), a.Reviewers...) {
			if p.URL != "" {
				info.lists = append(info.lists, p.URL)
			}
		}
	}
	m.articles[a.SourcePath] = info
}

// refreshArticle updates the model after the body of a changed in place
// (same front matter, so the same units and lists).
func (m *model) refreshArticle(a *site.Article) {
	if info := m.articles[a.SourcePath]; info != nil {
		info.fp = articleFingerprint(a)
		// The fingerprint is no longer the one of the bytes info.sum was
		// taken of: forget the sum, so that the next model computes the
		// fingerprint again instead of reusing this one for those bytes.
		info.sum = 0
	}
}

// A selection says what a rebuild renders: whole units, and single pages
// of lists ("/conditions/page/3/") whose order did not change. A nil
// selection means every page.
type selection struct {
	units map[string]bool
	pages map[string]bool
}

// only is the selection as build.Options.Only.
func (sel *selection) only(sitePath string) bool {
	if sel.units[sitePath] || sel.pages[sitePath] {
		return true
	}
	// A later page of a list chosen whole.
	if i := strings.LastIndex(strings.TrimSuffix(sitePath, "/"), "/page/"); i >= 0 {
		if _, err := strconv.Atoi(strings.TrimSuffix(sitePath[i+len("/page/"):], "/")); err == nil {
			return sel.units[sitePath[:i+1]]
		}
	}
	return false
}

// affected says which units and list pages of next must be rendered again
// after old; nil means every page.
func affected(old, next *model) *selection {
	if old == nil || old.nav != next.nav {
		return nil
	}
	units := map[string]bool{}
	touched := map[string][]string{} // list → edited articles on it
	touch := func(info *articleInfo) {
		if info == nil {
			return
		}
		units[info.url] = true
		for _, l := range info.lists {
			touched[l] = append(touched[l], info.src)
		}
	}
	for src, info := range next.articles {
		if prev := old.articles[src]; prev == nil || prev.fp != info.fp {
			touch(prev)
			touch(info)
		}
	}
	for src, prev := range old.articles {
		if next.articles[src] == nil {
			touch(prev)
		}
	}
	// A profile's page, and every page that shows the person's name.
	for key, fp := range next.people {
		if prev, ok := old.people[key]; !ok || prev != fp {
			units[next.personURL[key]] = true
			units["/authors/"] = true
			for _, info := range next.articles {
				for _, l := range info.lists {
					if l == next.personURL[key] {
						touch(info)
					}
				}
			}
		}
	}
	for key := range old.people {
		if _, ok := next.people[key]; !ok {
			units[old.personURL[key]] = true
			units["/authors/"] = true
		}
	}
	// A tag whose shown name changed: its page, the index, its articles.
	for key, name := range next.tags {
		if prev, ok := old.tags[key]; ok && prev != name {
			tagURL := ""
			for _, t := range next.site.Tags {
				if t.Key == key {
					tagURL = t.URL
					for _, a := range t.Articles {
						touch(next.articles[a.SourcePath])
					}
				}
			}
			units[tagURL] = true
			units["/tags/"] = true
		}
	}
	for key, fp := range next.sections {
		if prev, ok := old.sections[key]; !ok || prev != fp {
			units[next.site.Section(key).URL] = true
		}
	}
	if old.home != next.home {
		units["/"] = true
	}
	// A list whose order is as it was needs only its pages that show an
	// edited article (and its first page, which the build enters by).
	pages := map[string]bool{}
	for l, srcs := range touched {
		if units[l] {
			continue
		}
		before, after := old.lists[l], next.lists[l]
		if before == nil || after == nil || !slices.Equal(before, after) {
			units[l] = true
			continue
		}
		next.listPages(l, srcs, pages)
	}
	delete(units, "")
	if len(units) > 0 || len(pages) > 0 {
		// Any change to what is listed may change an entry's lastmod.
		units["/sitemap.xml"] = true
	}
	return &selection{units: units, pages: pages}
}

// listPages adds to pages the pages of the list l that show the articles
// srcs, and its first page, which the build enters the list by.
func (m *model) listPages(l string, srcs []string, pages map[string]bool) {
	pages[l] = true
	order := m.lists[l]
	for _, src := range srcs {
		if i := slices.Index(order, src); i >= 0 {
			pages[build.PageURL(l, i/m.site.Config.Paginate+1)] = true
		}
	}
}

// dropped lists the output paths of old that the rebuild replaces or
// removes: the pages of units re-rendered whole (their number may change)
// and of units that no longer exist.
func dropped(old, next *model, sel *selection) []string {
	var out []string
	if old == next && sel != nil {
		// The same model (an edit of bodies or fields): every unit still
		// exists, and only those chosen are rendered again. (Going
		// through all units cost 2 ms on a 10,000-article site.)
		for u := range sel.units {
			out = append(out, old.units[u]...)
		}
	} else {
		for u, names := range old.units {
			if sel == nil || sel.units[u] || next.units[u] == nil {
				out = append(out, names...)
			}
		}
	}
	sort.Strings(out)
	return out
}
