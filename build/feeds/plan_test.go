package feeds

import (
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/bedside-health/bedside/site"
	"github.com/bedside-health/bedside/site/sitetest"
)

// TestPlanIsEachListsNewest checks the one-pass plan against the plain
// definition: each feed holds the first `limit` published articles of its
// list, sorted newest first; the reviewed feed, latest review first.
func TestPlanIsEachListsNewest(t *testing.T) {
	dir := sitetest.Corpus(t, 300)
	for _, limit := range []int{1, 3, 20, 1000} {
		// Articles dated after this "today" are in the site but must stay
		// out of feeds. (Their reviews are in the future too: the site's
		// errors saying so do not matter here.)
		s := site.Load(dir, site.LoadOptions{Drafts: true, Future: true, Expired: true, Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
		if s.Excluded != 0 || len(refNewest(s, s.Articles, len(s.Articles))) == len(s.Articles) {
			t.Fatal("the site should include unpublished articles")
		}
		s.Config.Feeds.Limit = limit
		pl := makePlan(s)
		want := map[string][]*site.Article{"/": refNewest(s, s.Articles, limit)}
		for _, sec := range s.Sections {
			want[sec.URL] = refNewest(s, sec.Articles, limit)
		}
		for _, tag := range s.Tags {
			want[tag.URL] = refNewest(s, tag.Articles, limit)
		}
		for _, p := range s.People {
			union := slices.Clone(p.Authored)
			for _, a := range p.Reviewed {
				if !slices.Contains(union, a) {
					union = append(union, a)
				}
			}
			want[p.URL] = refNewest(s, union, limit)
		}
		checked := 0
		for page, list := range want {
			f := pl.ByPage[page]
			if len(list) == 0 && page != "/" {
				if f != nil {
					t.Errorf("limit %d: %s has a feed with no article", limit, page)
				}
				continue
			}
			if f == nil || !slices.Equal(f.Articles, list) {
				t.Fatalf("limit %d: feed of %s differs from the list's newest published articles", limit, page)
			}
			checked++
		}
		if checked < 10 {
			t.Fatalf("only %d feeds compared", checked)
		}
		var reviewed []*site.Article
		for _, a := range refNewest(s, s.Articles, len(s.Articles)) {
			if !a.LastReviewed.IsZero() {
				reviewed = append(reviewed, a)
			}
		}
		sort.SliceStable(reviewed, func(i, j int) bool { return reviewed[i].LastReviewed.After(reviewed[j].LastReviewed) })
		reviewed = reviewed[:min(limit, len(reviewed))]
		if !slices.Equal(pl.Reviewed.Articles, reviewed) {
			t.Errorf("limit %d: the reviewed feed differs", limit)
		}
	}
}

func refNewest(s *site.Site, list []*site.Article, limit int) []*site.Article {
	var out []*site.Article
	for _, a := range list {
		if published(s, a) {
			out = append(out, a)
		}
	}
	site.SortNewestFirst(out)
	return out[:min(limit, len(out))]
}
