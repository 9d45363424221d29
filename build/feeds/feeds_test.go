package feeds_test

import (
	"bytes"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/bedside-health/bedside/site"
)

// Every list a reader can follow has a feed in three formats that a feed
// reader reads, and that are well-formed XML and JSON; nothing else does.
func TestFeedsForSiteSectionsTagsAuthorsAndReviews(t *testing.T) {
	b := buildFixture(t, "library")
	dirs := []string{
		"",
		"conditions/", "treatments/",
		"tags/asthma/", "tags/lungs/", "tags/diabetes/",
		"authors/maria-lopez/", "authors/sam-patel/",
		"reviewed/",
	}
	var want []string
	for _, d := range dirs {
		for _, f := range threeFormats {
			want = append(want, d+f)
		}
	}
	got := b.feedPaths()
	wantSorted := append([]string(nil), want...)
	sort.Strings(wantSorted)
	if !reflect.DeepEqual(got, wantSorted) {
		t.Errorf("feeds written:\n got %q\nwant %q", got, wantSorted)
	}
	for _, p := range want {
		wellFormed(t, p, b.Files[p])
		f := b.feed(t, p)
		wantType := map[string]string{"index.xml": "rss", "atom.xml": "atom", "feed.json": "json"}[p[strings.LastIndex(p, "/")+1:]]
		if f.FeedType != wantType {
			t.Errorf("/%s is read as %s, want %s", p, f.FeedType, wantType)
		}
		if f.FeedLink != base+p {
			t.Errorf("/%s: self link %q, want %q", p, f.FeedLink, base+p)
		}
		if f.Language != "en-GB" {
			t.Errorf("/%s: language %q, want the config's en-GB", p, f.Language)
		}
	}
	if n := b.Result.Counts["feeds"]; n != len(want) {
		t.Errorf("build summary counts %d feeds, want %d", n, len(want))
	}
}

// Items are newest first (by date, not by the section's weights) and a
// feed keeps [feeds] limit of them; its updated time is its latest item's.
func TestItemsNewestFirstUpToTheLimit(t *testing.T) {
	b := buildFixture(t, "library")
	cases := []struct {
		dir     string
		titles  []string
		updated string
	}{
		{"", []string{"Using an inhaler", "Type 2 diabetes", "Seasonal flu"}, "2025-05-01"},
		{"conditions/", []string{"Type 2 diabetes", "Seasonal flu", "Asthma: the basics"}, "2025-06-01"},
		// insulin has weight 1 and leads the section page, but is older.
		{"treatments/", []string{"Using an inhaler", "Starting insulin"}, "2025-04-10"},
		{"tags/lungs/", []string{"Seasonal flu", "Asthma: the basics"}, "2025-06-01"},
		{"authors/maria-lopez/", []string{"Type 2 diabetes", "Seasonal flu", "Asthma: the basics"}, "2025-06-01"},
		{"authors/sam-patel/", []string{"Using an inhaler", "Type 2 diabetes", "Asthma: the basics"}, "2025-06-01"},
	}
	for _, c := range cases {
		for _, format := range threeFormats {
			f := b.feed(t, c.dir+format)
			if got := titles(f); !reflect.DeepEqual(got, c.titles) {
				t.Errorf("/%s%s items:\n got %q\nwant %q", c.dir, format, got, c.titles)
			}
			if format == "feed.json" {
				continue // JSON Feed has no updated time of its own
			}
			if f.UpdatedParsed == nil || !f.UpdatedParsed.Equal(date(c.updated)) {
				t.Errorf("/%s%s: feed updated %v, want its latest item's %s", c.dir, format, f.UpdatedParsed, c.updated)
			}
		}
	}
}

// An item is the article: its permalink as id and link, title, summary,
// dates, authors with credentials and tags, in each format.
func TestItemCarriesTheArticle(t *testing.T) {
	b := buildFixture(t, "library")
	permalink := base + "conditions/asthma/"
	for _, format := range threeFormats {
		f := b.feed(t, "conditions/"+format)
		if f.Title != "Conditions — Test Health Library" {
			t.Errorf("%s: feed title %q", format, f.Title)
		}
		if f.Link != base+"conditions/" {
			t.Errorf("%s: feed link %q, want the section page", format, f.Link)
		}
		it := item(t, f, "Asthma: the basics")
		if it.GUID != permalink || it.Link != permalink {
			t.Errorf("%s: guid %q link %q, want the permalink %q", format, it.GUID, it.Link, permalink)
		}
		summary := it.Description
		if format == "index.xml" {
			summary = html.UnescapeString(summary) // RSS descriptions are HTML
		}
		if summary != "What asthma is & how to control it." {
			t.Errorf("%s: summary %q, want the description", format, it.Description)
		}
		if it.PublishedParsed == nil || !it.PublishedParsed.Equal(date("2025-01-10")) {
			t.Errorf("%s: published %v, want the date 2025-01-10", format, it.PublishedParsed)
		}
		if it.UpdatedParsed == nil || !it.UpdatedParsed.Equal(date("2025-06-01")) {
			t.Errorf("%s: updated %v, want lastReviewed 2025-06-01 (later than lastmod)", format, it.UpdatedParsed)
		}
		if got := authorNames(it); !reflect.DeepEqual(got, []string{"Maria Lopez, MD, FACC"}) {
			t.Errorf("%s: authors %q", format, got)
		}
		if got := it.Categories; !reflect.DeepEqual(got, []string{"asthma", "lungs"}) {
			t.Errorf("%s: categories %q, want the tags", format, got)
		}
		flu := item(t, f, "Seasonal flu")
		if got := authorNames(flu); !reflect.DeepEqual(got, []string{"Maria Lopez, MD, FACC", "Ana Ruiz, RN"}) {
			t.Errorf("%s: authors of a two-author article %q", format, got)
		}
	}
	// RSS's <author> must be an e-mail address: bylines go in dc:creator.
	if bytes.Contains(b.Files["conditions/index.xml"], []byte("<author>")) {
		t.Error("RSS uses <author> for a name; it must hold an e-mail address")
	}
}

// Content is the whole article, with every address absolute: links,
// images and footnote references, resolved against baseURL and the
// article's own address.
func TestContentIsTheFullArticleWithAbsoluteAddresses(t *testing.T) {
	b := buildFixture(t, "library")
	want := []string{
		"The last sentence of the asthma article.",
		`href="` + base + `conditions/asthma/#fn:1"`,
		`href="` + base + `treatments/inhalers/"`,
		`href="` + base + `conditions/flu/"`,
		`src="` + base + `conditions/asthma/peak-flow.png"`,
		`srcset="` + base + `conditions/asthma/zones.png 1x, ` + base + `conditions/asthma/zones@2x.png 2x"`,
		`href="https://www.cdc.gov/asthma/"`,
		`href="mailto:library@example.org"`,
	}
	for _, format := range threeFormats {
		it := item(t, b.feed(t, "conditions/"+format), "Asthma: the basics")
		for _, w := range want {
			if !strings.Contains(it.Content, w) {
				t.Errorf("%s: content lacks %s:\n%s", format, w, it.Content)
			}
		}
		if strings.Contains(it.Content, `class="anchor"`) {
			t.Errorf("%s: content keeps the heading anchors, a stray # in readers", format)
		}
	}
	// No relative address anywhere in any item of any feed.
	for _, p := range b.feedPaths() {
		for _, it := range b.feed(t, p).Items {
			for _, u := range addresses(t, it.Content) {
				if pu, err := url.Parse(u); err != nil || !pu.IsAbs() {
					t.Errorf("/%s, %q: relative address %q in content", p, it.Title, u)
				}
			}
		}
	}
}

// The safety text the article page shows around the body travels with it:
// who reviewed it and when, the emergency notice and the disclaimer.
func TestContentKeepsReviewAndSafetyNotice(t *testing.T) {
	b := buildFixture(t, "library")
	want := []string{
		`<p>Medically reviewed by <a href="` + base + `authors/sam-patel/">Sam Patel, PharmD</a> on June 1, 2025.</p>`,
		`call <a href="tel:999">999</a> or go to the nearest emergency department.`,
		`Ask your own doctor about your health.`,
	}
	for _, format := range threeFormats {
		f := b.feed(t, "conditions/"+format)
		asthma := item(t, f, "Asthma: the basics")
		for _, w := range want {
			if !strings.Contains(asthma.Content, w) {
				t.Errorf("%s: content lacks %s:\n%s", format, w, asthma.Content)
			}
		}
		flu := item(t, f, "Seasonal flu")
		if strings.Contains(flu.Content, "Medically reviewed") {
			t.Errorf("%s: an article nobody reviewed says it was reviewed", format)
		}
		if !strings.Contains(flu.Content, "Ask your own doctor about your health.") {
			t.Errorf("%s: the disclaimer is missing from an unreviewed article", format)
		}
	}
}

// addresses returns every href and src in an HTML fragment.
func addresses(t *testing.T, fragment string) []string {
	nodes, err := html.ParseFragment(strings.NewReader(fragment), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for _, a := range n.Attr {
			if a.Key == "href" || a.Key == "src" {
				out = append(out, a.Val)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return out
}

// Editing an article changes its item but not its id, so readers update
// the item they have instead of showing it twice.
func TestIDStaysWhenTheArticleIsEdited(t *testing.T) {
	dir := extract(t, "library")
	before := buildDir(t, dir, site.LoadOptions{})
	edit(t, dir, "content/conditions/asthma.md", `title: "Asthma: the basics"`, `title: "Asthma: symptoms and treatment"`)
	edit(t, dir, "content/conditions/asthma.md", "lastmod: 2025-03-01", "lastmod: 2025-09-01")
	edit(t, dir, "content/conditions/asthma.md", "Asthma makes the airways swell.", "Asthma makes the airways swell and tighten.")
	after := buildDir(t, dir, site.LoadOptions{})
	for _, format := range threeFormats {
		old := item(t, before.feed(t, "conditions/"+format), "Asthma: the basics")
		new := item(t, after.feed(t, "conditions/"+format), "Asthma: symptoms and treatment")
		if old.GUID != new.GUID {
			t.Errorf("%s: id changed from %q to %q on an edit", format, old.GUID, new.GUID)
		}
		if !strings.Contains(new.Content, "swell and tighten") {
			t.Errorf("%s: the edited body is not in the item", format)
		}
		if !new.UpdatedParsed.Equal(date("2025-09-01")) {
			t.Errorf("%s: updated %v, want the new lastmod 2025-09-01", format, new.UpdatedParsed)
		}
	}
}

// The reviewed feed has an item per clinical review, latest first, saying
// who reviewed the article, when, and what changed; a new review date is a
// new item.
func TestReviewedFeedHasAnItemPerReview(t *testing.T) {
	dir := extract(t, "library")
	b := buildDir(t, dir, site.LoadOptions{})
	for _, format := range threeFormats {
		f := b.feed(t, "reviewed/"+format)
		want := []string{"Reviewed: Asthma: the basics", "Reviewed: Type 2 diabetes"}
		if got := titles(f); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: items %q, want %q", format, got, want)
		}
		asthma, diabetes := f.Items[0], f.Items[1]
		if asthma.GUID != base+"conditions/asthma/#reviewed-2025-06-01" {
			t.Errorf("%s: id %q", format, asthma.GUID)
		}
		if asthma.Link != base+"conditions/asthma/" {
			t.Errorf("%s: link %q, want the article", format, asthma.Link)
		}
		if !asthma.PublishedParsed.Equal(date("2025-06-01")) {
			t.Errorf("%s: published %v, want the review date", format, asthma.PublishedParsed)
		}
		for _, w := range []string{"Sam Patel, PharmD", "June 1, 2025", "Updated the advice on reliever inhalers."} {
			if !strings.Contains(asthma.Content, w) {
				t.Errorf("%s: review item lacks %q: %s", format, w, asthma.Content)
			}
		}
		if !strings.Contains(diabetes.Content, "Updated dosage guidance") || !strings.Contains(diabetes.Content, "Maria Lopez, MD, FACC") {
			t.Errorf("%s: review item lacks the reviewer or the changes note: %s", format, diabetes.Content)
		}
		if got := authorNames(asthma); !reflect.DeepEqual(got, []string{"Sam Patel, PharmD"}) {
			t.Errorf("%s: review item's authors %q, want the reviewer", format, got)
		}
	}

	edit(t, dir, "content/conditions/diabetes.md", "lastReviewed: 2025-05-01", "lastReviewed: 2025-11-20")
	again := buildDir(t, dir, site.LoadOptions{})
	for _, format := range threeFormats {
		f := again.feed(t, "reviewed/"+format)
		if len(f.Items) != 2 || f.Items[0].GUID != base+"conditions/diabetes/#reviewed-2025-11-20" {
			t.Errorf("%s: after a new review, first item %q, want the new review", format, f.Items[0].GUID)
		}
	}
}

// Drafts, future and expired articles never reach a feed, even in a build
// that shows them on the site: a feed reader keeps what it has seen.
func TestUnpublishedArticlesNeverInFeeds(t *testing.T) {
	b := buildDir(t, extract(t, "library"), site.LoadOptions{Drafts: true, Future: true, Expired: true})
	for _, page := range []string{"conditions/draft/index.html", "conditions/future/index.html", "conditions/expired/index.html"} {
		if _, ok := b.Files[page]; !ok {
			t.Fatalf("the build should include /%s with these flags", page)
		}
	}
	for _, p := range b.feedPaths() {
		for _, it := range b.feed(t, p).Items {
			for _, bad := range []string{"Draft article", "Future article", "Expired article"} {
				if strings.Contains(it.Title, bad) {
					t.Errorf("/%s carries %q", p, it.Title)
				}
			}
		}
	}
}

// A site without articles still has its site and reviewed feeds, empty,
// dated the build's today (never the clock).
func TestEmptySiteHasEmptyFeeds(t *testing.T) {
	b := buildFixture(t, "empty")
	want := []string{"atom.xml", "feed.json", "index.xml", "reviewed/atom.xml", "reviewed/feed.json", "reviewed/index.xml"}
	if got := b.feedPaths(); !reflect.DeepEqual(got, want) {
		t.Errorf("feeds written: %q, want %q", got, want)
	}
	for _, p := range want {
		wellFormed(t, p, b.Files[p])
		f := b.feed(t, p)
		if len(f.Items) != 0 {
			t.Errorf("/%s has %d items", p, len(f.Items))
		}
		if f.FeedType != "json" && (f.UpdatedParsed == nil || !f.UpdatedParsed.Equal(now)) {
			t.Errorf("/%s: updated %v, want the build's today %v", p, f.UpdatedParsed, now)
		}
	}
}

// The same content builds byte-identical feeds.
func TestRebuildIsByteIdentical(t *testing.T) {
	dir := extract(t, "library")
	one := buildDir(t, dir, site.LoadOptions{})
	two := buildDir(t, dir, site.LoadOptions{})
	for _, p := range one.feedPaths() {
		if !bytes.Equal(one.Files[p], two.Files[p]) {
			t.Errorf("/%s differs between two builds of the same content", p)
		}
	}
}

// Every page links the site feeds; list pages link their own first, and
// articles their section's; every link leads to a written feed.
func TestPagesLinkTheirFeeds(t *testing.T) {
	b := buildFixture(t, "library")
	site3 := []string{base + "index.xml", base + "atom.xml", base + "feed.json"}
	in := func(dir string) []string {
		return []string{base + dir + "index.xml", base + dir + "atom.xml", base + dir + "feed.json"}
	}
	cases := map[string][]string{
		"index.html":                     append(site3, in("reviewed/")...),
		"conditions/asthma/index.html":   append(site3, in("conditions/")...),
		"conditions/index.html":          append(in("conditions/"), site3...),
		"tags/asthma/index.html":         append(in("tags/asthma/"), site3...),
		"authors/maria-lopez/index.html": append(in("authors/maria-lopez/"), site3...),
		"tags/index.html":                site3,
		"404.html":                       site3,
	}
	for page, want := range cases {
		data, ok := b.Files[page]
		if !ok {
			t.Fatalf("no page /%s", page)
		}
		got, types := alternateLinks(t, data)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("/%s feed links:\n got %q\nwant %q", page, got, want)
		}
		for i, href := range got {
			path := strings.TrimPrefix(href, base)
			if _, ok := b.Files[path]; !ok {
				t.Errorf("/%s links %s, which the build did not write", page, href)
			}
			wantType := map[string]string{"index.xml": "application/rss+xml", "atom.xml": "application/atom+xml", "feed.json": "application/feed+json"}[path[strings.LastIndex(path, "/")+1:]]
			if types[i] != wantType {
				t.Errorf("/%s: %s has type %q, want %q", page, href, types[i], wantType)
			}
		}
	}
}

// alternateLinks returns the href and type of each <link rel="alternate">
// in a page's head.
func alternateLinks(t *testing.T, page []byte) (hrefs, types []string) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "link" {
			attrs := map[string]string{}
			for _, a := range n.Attr {
				attrs[a.Key] = a.Val
			}
			if attrs["rel"] == "alternate" {
				hrefs = append(hrefs, attrs["href"])
				types = append(types, attrs["type"])
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return hrefs, types
}
