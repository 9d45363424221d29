package feeds

import (
	"fmt"
	"sort"
	"time"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
)

// A feed is one subscribable list, written in the three formats.
type feed struct {
	// Dir is the site path the three files are written in: "/",
	// "/conditions/", "/tags/diabetes/", "/reviewed/".
	Dir string
	// Page is the site path of the HTML page the feed follows, its <link>.
	Page        string
	Title       string
	Description string
	// Articles are the feed's articles, newest first, at most the limit.
	Articles []*site.Article
	// Reviews makes the items clinical reviews rather than articles.
	Reviews bool
	// Alternates link the three files from a page's head.
	Alternates []build.Alternate
}

// The file names of the three formats, in each feed's folder.
const (
	rssFile  = "index.xml"
	atomFile = "atom.xml"
	jsonFile = "feed.json"
)

// formats are the three formats with their MIME types and names, in the
// order pages list them.
var formats = []struct{ File, Type, Name string }{
	{rssFile, "application/rss+xml", "RSS"},
	{atomFile, "application/atom+xml", "Atom"},
	{jsonFile, "application/feed+json", "JSON Feed"},
}

// plan is the feeds of one build, decided before pages are rendered so
// that pages can link them.
type plan struct {
	Site     *feed
	Reviewed *feed
	// All lists every feed in the order they are written.
	All []*feed
	// ByPage finds a list page's own feed by the page's site path.
	ByPage map[string]*feed
}

// makePlan decides which feeds the site has and what is in them.
func makePlan(s *site.Site) *plan {
	cfg := s.Config
	limit := cfg.Feeds.Limit
	pl := &plan{ByPage: map[string]*feed{}}
	add := func(f *feed) {
		f.Alternates = alternates(cfg, f)
		pl.All = append(pl.All, f)
		pl.ByPage[f.Page] = f
	}
	siteDesc := cfg.Description
	if siteDesc == "" {
		siteDesc = "New and updated articles from " + cfg.Title + "."
	}
	pl.Site = &feed{Dir: "/", Page: "/", Title: cfg.Title, Description: siteDesc,
		Articles: newest(s, s.Articles, limit)}
	add(pl.Site)

	for _, sec := range s.Sections {
		list := newest(s, sec.Articles, limit)
		if len(list) == 0 {
			continue
		}
		desc := sec.Description
		if desc == "" {
			desc = fmt.Sprintf("New and updated articles in %s from %s.", sec.Title, cfg.Title)
		}
		add(&feed{Dir: sec.URL, Page: sec.URL, Title: sec.Title + " — " + cfg.Title, Description: desc, Articles: list})
	}
	for _, t := range s.Tags {
		list := newest(s, t.Articles, limit)
		if len(list) == 0 {
			continue
		}
		add(&feed{Dir: t.URL, Page: t.URL, Title: "Articles tagged “" + t.Name + "” — " + cfg.Title,
			Description: fmt.Sprintf("Health articles about %s from %s.", t.Name, cfg.Title), Articles: list})
	}
	for _, p := range s.People {
		list := newest(s, authoredOrReviewed(p), limit)
		if len(list) == 0 || p.URL == "" {
			continue
		}
		add(&feed{Dir: p.URL, Page: p.URL, Title: p.NameWithCredentials() + " — " + cfg.Title,
			Description: fmt.Sprintf("Articles written or reviewed by %s for %s.", p.NameWithCredentials(), cfg.Title), Articles: list})
	}

	pl.Reviewed = &feed{Dir: "/reviewed/", Page: "/", Title: "Recently reviewed — " + cfg.Title,
		Description: "Articles our clinicians have checked again, newest review first, with what changed.",
		Articles:    newestReviews(s, limit), Reviews: true}
	pl.Reviewed.Alternates = alternates(cfg, pl.Reviewed)
	pl.All = append(pl.All, pl.Reviewed) // its page is the home page, which links it
	return pl
}

// alternates are the <link rel="alternate"> of f's three files.
func alternates(cfg *site.Config, f *feed) []build.Alternate {
	out := make([]build.Alternate, len(formats))
	for i, fm := range formats {
		out[i] = build.Alternate{Type: fm.Type, Title: f.Title + " (" + fm.Name + ")", URL: cfg.AbsURL(f.Dir + fm.File)}
	}
	return out
}

// published reports whether a may appear in a feed. The site holds the
// articles the build includes, which with --drafts, --future or --expired
// is more than readers may be sent: a feed reader keeps what it has seen.
func published(s *site.Site, a *site.Article) bool {
	if a.Draft || a.Kind != site.KindArticle {
		return false
	}
	pub := a.PublishDate
	if pub.IsZero() {
		pub = a.Date
	}
	if pub.After(s.Now) {
		return false
	}
	return a.ExpiryDate.IsZero() || a.ExpiryDate.After(s.Now)
}

// newest returns the published articles of list, newest first (by date,
// like every list of the site), at most limit of them.
func newest(s *site.Site, list []*site.Article, limit int) []*site.Article {
	var out []*site.Article
	for _, a := range list {
		if published(s, a) {
			out = append(out, a)
		}
	}
	site.SortNewestFirst(out)
	if len(out) > limit {
		out = out[:limit:limit]
	}
	return out
}

// authoredOrReviewed lists what a person wrote or reviewed, once each, as
// their profile page does.
func authoredOrReviewed(p *site.Person) []*site.Article {
	out := append([]*site.Article(nil), p.Authored...)
	seen := make(map[*site.Article]bool, len(out))
	for _, a := range out {
		seen[a] = true
	}
	for _, a := range p.Reviewed {
		if !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}

// newestReviews returns the published articles with a clinical review
// date, latest review first.
func newestReviews(s *site.Site, limit int) []*site.Article {
	var out []*site.Article
	for _, a := range s.Articles {
		if !a.LastReviewed.IsZero() && published(s, a) {
			out = append(out, a)
		}
	}
	site.SortNewestFirst(out) // ties on the review date: newest article first
	sort.SliceStable(out, func(i, j int) bool { return out[i].LastReviewed.After(out[j].LastReviewed) })
	if len(out) > limit {
		out = out[:limit:limit]
	}
	return out
}

// updated is the feed's own updated time: the latest of its items', or
// the build's today for a feed with no items.
func (f *feed) updated(now time.Time) time.Time {
	var t time.Time
	for _, a := range f.Articles {
		u := a.Updated()
		if f.Reviews {
			u = a.LastReviewed
		}
		if u.After(t) {
			t = u
		}
	}
	if t.IsZero() {
		return now
	}
	return t
}

// path is the output path of one of the feed's files, "conditions/atom.xml".
func (f *feed) path(file string) string {
	return f.Dir[1:] + file
}
