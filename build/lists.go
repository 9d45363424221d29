package build

import (
	"fmt"
	"html/template"
	"sort"

	"github.com/bedside-health/bedside/site"
)

// list is one paginated list page to render: home, a section, a tag or a person.
type list struct {
	kind  string
	url   string // site path of page 1
	title string
	desc  string
	// articles are the list's articles, newest first, made into the
	// items of a page when it renders: making them all up front was the
	// one part of the lists not shared between the cores (50,000 items
	// on the 10,000-article corpus). A person's list has its items made
	// already instead, with the roles the person had in each.
	articles []*site.Article
	items    []*ListItem
	source   string // file whose problems the page reports
	fill     func(p *PageData)
	// intro renders the introduction, which only the first page shows.
	intro func() template.HTML
}

// renderLists renders every list page in parallel.
func (b *Build) renderLists() {
	s := b.Site
	lists := []list{{
		kind: KindHome, url: "/", title: s.Config.Title, desc: s.Config.Description,
		articles: s.Articles, source: site.ConfigFile,
		intro: func() template.HTML {
			if s.Home == nil {
				return ""
			}
			return b.renderMarkdown(s.Home.Body, s.Home.SourcePath, s.Home.BodyLine)
		},
	}}
	for _, sec := range s.Sections {
		sec := sec
		if !b.selected(sec.URL) {
			continue
		}
		lists = append(lists, list{
			kind: KindSection, url: sec.URL, title: sec.Title, desc: sec.Description,
			articles: sec.Articles, source: firstNonEmpty(sec.SourcePath, "content/"+sec.Key),
			fill:  func(p *PageData) { p.Section = sec },
			intro: func() template.HTML { return b.renderMarkdown(sec.Body, sec.SourcePath, sec.BodyLine) },
		})
	}
	for _, t := range s.Tags {
		t := t
		if !b.selected(t.URL) {
			continue
		}
		lists = append(lists, list{
			kind: KindTag, url: t.URL, title: "Articles tagged “" + t.Name + "”",
			desc:     fmt.Sprintf("Health articles about %s from %s.", t.Name, s.Config.Title),
			articles: t.Articles, source: "tag " + t.Name,
			fill: func(p *PageData) { p.Tag = t },
		})
	}
	personLists := make([]list, len(s.People))
	parallel(len(s.People), func(i int) {
		person := s.People[i]
		if !b.selected(person.URL) {
			return
		}
		personLists[i] = list{
			kind: KindPerson, url: person.URL, title: person.NameWithCredentials(),
			desc:  firstNonEmpty(personDescription(person), s.Config.Description),
			items: personItems(person), source: person.SourcePath,
			fill:  func(p *PageData) { p.Person = person },
			intro: func() template.HTML { return b.renderMarkdown(person.Bio, person.SourcePath, person.BioLine) },
		}
	})
	for _, l := range personLists {
		if l.url != "" {
			lists = append(lists, l)
		}
	}
	type job struct {
		l      list
		number int
	}
	var jobs []job
	for _, l := range lists {
		if !b.selected(l.url) {
			continue
		}
		pages := (l.len() + b.Config.Paginate - 1) / b.Config.Paginate
		for n := 1; n <= max(pages, 1); n++ {
			if n > 1 && !b.selected(PageURL(l.url, n)) {
				continue
			}
			jobs = append(jobs, job{l, n})
		}
	}
	parallel(len(jobs), func(i int) {
		j := jobs[i]
		b.renderListPage(j.l, j.number)
	})

	// The tag and author indexes are single pages.
	tags := b.NewPage(KindTags, "/tags/", "Topics", "All topics of "+s.Config.Title+".")
	tags.Tags = append([]*site.Tag(nil), s.Tags...)
	sort.SliceStable(tags.Tags, func(i, j int) bool { return tags.Tags[i].Name < tags.Tags[j].Name })
	if b.selected(tags.URL) {
		b.renderPage(tags, "tag index")
	}
	people := b.NewPage(KindPeople, "/authors/", "Our clinicians and writers", "The clinicians who write and review "+s.Config.Title+".")
	people.People = s.People
	if b.selected(people.URL) {
		b.renderPage(people, "content/authors")
	}
}

func (b *Build) renderListPage(l list, number int) {
	size := b.Config.Paginate
	total := max((l.len()+size-1)/size, 1)
	url := PageURL(l.url, number)
	title := l.title
	if number > 1 {
		title = fmt.Sprintf("%s (page %d of %d)", l.title, number, total)
	}
	p := b.NewPage(l.kind, url, title, l.desc)
	lo, hi := (number-1)*size, min(number*size, l.len())
	p.Items = l.page(lo, hi)
	if total > 1 {
		pg := &Pager{Number: number, Total: total}
		if number > 1 {
			pg.Prev = PageURL(l.url, number-1)
		}
		if number < total {
			pg.Next = PageURL(l.url, number+1)
		}
		for _, n := range pagerWindow(number, total) {
			if n == 0 {
				pg.Pages = append(pg.Pages, PagerLink{Gap: true})
				continue
			}
			pg.Pages = append(pg.Pages, PagerLink{Number: n, URL: PageURL(l.url, n), Current: n == number})
		}
		p.Pager = pg
	}
	if l.fill != nil {
		l.fill(p)
	}
	if l.intro != nil && number == 1 {
		p.Intro = l.intro() // the introduction belongs to the first page only
	}
	b.renderPage(p, l.source)
}

// pagerWindow returns the page numbers a pager shows: the first, the last,
// and two either side of the current one, with 0 where numbers are skipped.
// Listing every page would make each page of a 1,000-page list carry 1,000
// links (and cost quadratic time to build).
func pagerWindow(current, total int) []int {
	var out []int
	last := 0
	for n := 1; n <= total; n++ {
		if n == 1 || n == total || (n >= current-2 && n <= current+2) {
			if last != 0 && n != last+1 {
				out = append(out, 0)
			}
			out = append(out, n)
			last = n
		}
	}
	return out
}

// PageURL is the site path of page n of a list: "/conditions/", "/conditions/page/2/".
func PageURL(first string, n int) string {
	if n <= 1 {
		return first
	}
	return fmt.Sprintf("%spage/%d/", first, n)
}

// len is the number of items of the list.
func (l *list) len() int {
	if l.items != nil {
		return len(l.items)
	}
	return len(l.articles)
}

// page returns the items from lo to hi.
func (l *list) page(lo, hi int) []*ListItem {
	if l.items != nil {
		return l.items[lo:hi]
	}
	out := make([]*ListItem, hi-lo)
	for i, a := range l.articles[lo:hi] {
		out[i] = &ListItem{Article: a}
	}
	return out
}

// personItems merges what a person wrote and reviewed, newest first, with
// the role they had in each.
func personItems(p *site.Person) []*ListItem {
	byArticle := map[*site.Article]*ListItem{}
	var out []*ListItem
	add := func(list []*site.Article, role string) {
		for _, a := range list {
			it := byArticle[a]
			if it == nil {
				it = &ListItem{Article: a}
				byArticle[a] = it
				out = append(out, it)
			}
			it.Roles = append(it.Roles, role)
		}
	}
	add(p.Authored, "Author")
	add(p.Reviewed, "Medical reviewer")
	arts := make([]*site.Article, len(out))
	for i, it := range out {
		arts[i] = it.Article
	}
	site.SortNewestFirst(arts)
	sorted := make([]*ListItem, len(arts))
	for i, a := range arts {
		sorted[i] = byArticle[a]
	}
	return sorted
}

func personDescription(p *site.Person) string {
	if p.Role == "" {
		return ""
	}
	d := p.NameWithCredentials() + ", " + p.Role
	if p.Affiliation != "" {
		d += " at " + p.Affiliation
	}
	return d + "."
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
