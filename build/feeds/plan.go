package feeds

import (
	"fmt"
	"slices"
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
//
// The site's articles are sorted newest first, and every other list
// (section, tag, person) holds some of them; the newest of such a list are
// its first articles in the site's order, so one pass over the site's
// articles fills every feed. (Copying and sorting each list, as the pages
// do, cost the dev server 25 ms on every save on a 10,000-article site.)
func makePlan(s *site.Site) *plan {
	cfg := s.Config
	limit := cfg.Feeds.Limit
	siteDesc := cfg.Description
	if siteDesc == "" {
		siteDesc = "New and updated articles from " + cfg.Title + "."
	}
	siteFeed := &feed{Dir: "/", Page: "/", Title: cfg.Title, Description: siteDesc}
	candidates := []*feed{siteFeed}
	bySection := make(map[string]*feed, len(s.Sections))
	for _, sec := range s.Sections {
		desc := sec.Description
		if desc == "" {
			desc = fmt.Sprintf("New and updated articles in %s from %s.", sec.Title, cfg.Title)
		}
		f := &feed{Dir: sec.URL, Page: sec.URL, Title: sec.Title + " — " + cfg.Title, Description: desc}
		bySection[sec.Key] = f
		candidates = append(candidates, f)
	}
	byTag := make(map[*site.Tag]*feed, len(s.Tags))
	for _, t := range s.Tags {
		f := &feed{Dir: t.URL, Page: t.URL, Title: "Articles tagged “" + t.Name + "” — " + cfg.Title,
			Description: fmt.Sprintf("Health articles about %s from %s.", t.Name, cfg.Title)}
		byTag[t] = f
		candidates = append(candidates, f)
	}
	byPerson := make(map[*site.Person]*feed, len(s.People))
	for _, p := range s.People {
		if p.URL == "" {
			continue
		}
		f := &feed{Dir: p.URL, Page: p.URL, Title: p.NameWithCredentials() + " — " + cfg.Title,
			Description: fmt.Sprintf("Articles written or reviewed by %s for %s.", p.NameWithCredentials(), cfg.Title)}
		byPerson[p] = f
		candidates = append(candidates, f)
	}
	put := func(f *feed, a *site.Article) {
		// A person can be listed twice on one article only with an
		// error; the check keeps a feed from showing an article twice.
		if f != nil && len(f.Articles) < limit && (len(f.Articles) == 0 || f.Articles[len(f.Articles)-1] != a) {
			f.Articles = append(f.Articles, a)
		}
	}
	var reviewed []reviewedArticle
	for i, a := range s.Articles {
		if !published(s, a) {
			continue
		}
		put(siteFeed, a)
		put(bySection[a.Section], a)
		for _, t := range a.Tags {
			put(byTag[t], a)
		}
		for _, p := range a.Authors {
			put(byPerson[p], a)
		}
		for _, p := range a.Reviewers {
			put(byPerson[p], a)
		}
		if !a.LastReviewed.IsZero() {
			reviewed = append(reviewed, reviewedArticle{a, i})
		}
	}

	pl := &plan{Site: siteFeed, ByPage: map[string]*feed{}}
	for _, f := range candidates {
		if len(f.Articles) == 0 && f != siteFeed {
			continue
		}
		f.Alternates = alternates(cfg, f)
		pl.All = append(pl.All, f)
		pl.ByPage[f.Page] = f
	}
	pl.Reviewed = &feed{Dir: "/reviewed/", Page: "/", Title: "Recently reviewed — " + cfg.Title,
		Description: "Articles our clinicians have checked again, newest review first, with what changed.",
		Articles:    newestReviews(reviewed, limit), Reviews: true}
	pl.Reviewed.Alternates = alternates(cfg, pl.Reviewed)
	pl.All = append(pl.All, pl.Reviewed) // its page is the home page, which links it
	return pl
}

// reviewedArticle is a published article with a review date, and its place
// in the site's newest-first order.
type reviewedArticle struct {
	a     *site.Article
	order int
}

// newestReviews returns at most limit of the articles, latest review
// first; among reviews of one day, newest article first. It keeps only the
// best limit seen so far, so that most articles cost one comparison rather
// than a place in a sort of the whole site.
func newestReviews(list []reviewedArticle, limit int) []*site.Article {
	before := func(x, y reviewedArticle) bool {
		if c := x.a.LastReviewed.Compare(y.a.LastReviewed); c != 0 {
			return c > 0
		}
		return x.order < y.order
	}
	if limit <= 0 {
		return nil
	}
	best := make([]reviewedArticle, 0, min(limit, len(list)))
	for _, r := range list {
		if len(best) == limit && !before(r, best[limit-1]) {
			continue
		}
		i, _ := slices.BinarySearchFunc(best, r, func(x, y reviewedArticle) int {
			if before(x, y) {
				return -1
			}
			return 1
		})
		if len(best) < limit {
			best = append(best, reviewedArticle{})
		}
		copy(best[i+1:], best[i:len(best)-1])
		best[i] = r
	}
	out := make([]*site.Article, len(best))
	for i, r := range best {
		out[i] = r.a
	}
	return out
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
