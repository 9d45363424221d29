package site

import (
	"reflect"
	"slices"
	"time"
)

// Patch reads the given content files again (paths relative to the site
// folder, with forward slashes, as in [Article.SourcePath]) and updates s
// in place, when every edit changes only what shows on the file's own
// page and in its entries on lists: the description, the summary, the
// references, the review dates, the body. It returns true when it did; s
// is then what [Load] would return for the files as they are now.
//
// It returns false, and leaves s as it was, when an edit may change
// anything beyond its own page: the set of files, an address or alias,
// the section, whether the article is published, its place in a list
// (a title or date that moves it, the weight), its tags or people, a
// standalone page's title (the navigation shows it). Then only a full Load gives
// the right site. It returns false too when s has errors, was loaded
// without a [ParseCache] (its Articles would lack their source sums), reads
// a file through a link, or was loaded for a today that is past.
//
// Why: the dev server reloads after every save, and a full Load of a
// 10,000-article site reads and interprets every file again (about 300 ms),
// six times the whole budget from saving a file to serving the new page.
func (s *Site) Patch(changed []string) bool {
	if s.Opts.Cache == nil || s.Diagnostics.HasErrors() || len(changed) == 0 || s.readsLinks {
		// A file linked under two names is one file with two pages: an
		// event names only one of them.
		return false
	}
	if s.Opts.Now.IsZero() && !s.Now.Equal(midnight(time.Now().UTC())) {
		// Loaded before midnight: what is published, overdue or in the
		// future depends on the day, for every article.
		return false
	}
	type edit struct {
		old, new *Article
		diags    Diagnostics
		sf       *sourceFile
	}
	edits := make([]edit, 0, len(changed))
	renewed := map[*Article]*Article{} // old → new reading
	for _, rel := range changed {
		old := s.contentAt(rel)
		if old == nil || renewed[old] != nil {
			return false // new, deleted, excluded, a profile, a section introduction; named twice
		}
		sf := readSource(s.Dir, rel, s.Opts.Cache, old.bodyDeferred)
		if sf.fm == nil {
			return false
		}
		a := s.readContent(sf)
		if a == nil || !sameStructure(old, a) {
			return false
		}
		edits = append(edits, edit{old, a, sf.diags, sf})
		renewed[old] = a
	}
	// Places are checked once every edit is read: two neighbours edited
	// together must stay in order with each other's new reading.
	for _, e := range edits {
		if !s.keepsPlace(e.old, e.new, renewed) {
			return false
		}
	}
	cs := s.Config.Review.credentialSet()
	for _, e := range edits {
		// What Load reports of the file, in Load's order: reading it,
		// its people, its tags, then its clinical governance. Addresses
		// and aliases are as before, so their checks say what they said
		// (nothing: s has no errors).
		diags := e.diags
		s.resolvePeople(e.new, &diags)
		if e.new.Kind == KindArticle { // pages have no tags (index reads articles')
			for _, name := range stringList(e.new.Params["tags"]) {
				tagKey(e.new, name, &diags)
			}
		}
		// The people and tags are the same, and the lists of the site
		// hold the old article: keep its pointers, take the new fields.
		e.new.Authors, e.new.Reviewers, e.new.Tags = e.old.Authors, e.old.Reviewers, e.old.Tags
		*e.old = *e.new
		if e.old.Kind == KindArticle {
			s.checkArticleGovernance(e.old, cs, &diags)
		}
		kept := s.Diagnostics[:0]
		for _, d := range s.Diagnostics {
			if d.File != e.old.SourcePath {
				kept = append(kept, d)
			}
		}
		s.Diagnostics = append(kept, diags...)
		s.Opts.Cache.put(e.sf)
	}
	s.Diagnostics.Sort()
	return true
}

// contentAt returns the included article or page read from the source
// path rel, or nil.
func (s *Site) contentAt(rel string) *Article {
	for _, list := range [][]*Article{s.Articles, s.Pages} {
		for _, a := range list {
			if a.SourcePath == rel {
				return a
			}
		}
	}
	return nil
}

// sameStructure reports whether b, a new reading of a's file, leaves
// everything outside a's own page as it was, but for the article's place
// in lists (see keepsPlace): the addresses the site claims, whether it is
// published, its weight, and the people and tags Load resolves.
func sameStructure(a, b *Article) bool {
	return a.Kind == b.Kind && a.SourcePath == b.SourcePath && a.Section == b.Section &&
		a.Slug == b.Slug && a.URL == b.URL && slices.Equal(a.Aliases, b.Aliases) &&
		a.PublishDate.Equal(b.PublishDate) && a.ExpiryDate.Equal(b.ExpiryDate) &&
		a.Draft == b.Draft && a.Weight == b.Weight &&
		reflect.DeepEqual(a.Params["tags"], b.Params["tags"]) &&
		reflect.DeepEqual(a.Params["author"], b.Params["author"]) &&
		reflect.DeepEqual(a.Params["reviewedBy"], b.Params["reviewedBy"])
}

// keepsPlace reports whether b, the new reading of a, keeps a's place in
// every list, and the navigation (which shows pages' titles) as it was.
// renewed gives the new reading of every article edited with a.
//
// An article's title and date may change when the article stays in order
// with its neighbours in the site's newest-first order (their new
// readings, when they are edited too), and so in every list, since each
// list is that order (sections: by weight, then that order). Fixing a typo
// in a title is the most common edit of a field.
func (s *Site) keepsPlace(a, b *Article, renewed map[*Article]*Article) bool {
	if a.Title == b.Title && a.Date.Equal(b.Date) {
		return true
	}
	if a.Kind != KindArticle || !s.Included(b) {
		return false
	}
	i := slices.Index(s.Articles, a)
	if i < 0 {
		return false
	}
	at := func(j int) *Article {
		if n := renewed[s.Articles[j]]; n != nil {
			return n
		}
		return s.Articles[j]
	}
	return (i == 0 || compareNewestFirst(at(i-1), b) < 0) &&
		(i == len(s.Articles)-1 || compareNewestFirst(b, at(i+1)) < 0)
}
