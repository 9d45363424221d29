package build

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/bedside-health/bedside/site"
)

// renderSpecialPages writes 404.html, alias redirects and robots.txt.
// (The sitemap comes after the pages: see Run.)
func (b *Build) renderSpecialPages() {
	nf := b.NewPage(Kind404, "/404.html", "Page not found", "The page you asked for is not here.")
	if b.selected(nf.URL) {
		b.renderPage(nf, "theme 404.html")
	}
	b.writeAliases()
	robots := fmt.Sprintf("User-agent: *\nAllow: /\n\nSitemap: %s\n", b.Config.AbsURL("/sitemap.xml"))
	b.WriteFile("robots.txt", []byte(robots), "robots.txt")
}

// writeAliases writes a small redirect page at each old URL.
func (b *Build) writeAliases() {
	all := append(append([]*site.Article(nil), b.Site.Articles...), b.Site.Pages...)
	for _, a := range all {
		if len(a.Aliases) == 0 || !b.selected(a.URL) {
			continue
		}
		for _, al := range a.Aliases {
			var buf bytes.Buffer
			data := map[string]any{"Target": b.Config.AbsURL(a.URL), "Title": a.Title, "Lang": b.Config.Language}
			if err := b.Theme.Execute(&buf, "alias", data); err != nil {
				b.Errorf(a.SourcePath, a.Line("aliases"), "fix the theme's alias.html", "alias %s: %v", al, err)
				continue
			}
			b.WriteFile(site.OutputPath(al), buf.Bytes(), a.SourcePath+" (alias)")
		}
	}
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

// writeSitemap lists every page for search engines. An article's lastmod is
// the later of its lastmod and lastReviewed, so that a clinical review tells
// crawlers the page is current; a list's is its newest article's.
func (b *Build) writeSitemap() {
	if !b.selected("/sitemap.xml") {
		return
	}
	var urls []sitemapURL
	add := func(path string, t time.Time) {
		u := sitemapURL{Loc: b.Config.AbsURL(path)}
		if !t.IsZero() {
			u.Lastmod = t.Format("2006-01-02")
		}
		urls = append(urls, u)
	}
	newest := func(list []*site.Article) time.Time {
		var t time.Time
		for _, a := range list {
			if u := a.Updated(); u.After(t) {
				t = u
			}
		}
		return t
	}
	add("/", newest(b.Site.Articles))
	for _, a := range b.Site.Articles {
		add(a.URL, a.Updated())
	}
	for _, a := range b.Site.Pages {
		add(a.URL, a.Updated())
	}
	for _, s := range b.Site.Sections {
		add(s.URL, newest(s.Articles))
	}
	add("/tags/", time.Time{})
	for _, t := range b.Site.Tags {
		add(t.URL, newest(t.Articles))
	}
	add("/authors/", time.Time{})
	for _, p := range b.Site.People {
		add(p.URL, newest(append(append([]*site.Article(nil), p.Authored...), p.Reviewed...)))
	}
	slices.SortStableFunc(urls, func(a, b sitemapURL) int { return strings.Compare(a.Loc, b.Loc) })
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, u := range urls {
		buf.WriteString("  <url><loc>")
		xml.EscapeText(&buf, []byte(u.Loc))
		buf.WriteString("</loc>")
		if u.Lastmod != "" {
			buf.WriteString("<lastmod>" + u.Lastmod + "</lastmod>")
		}
		buf.WriteString("</url>\n")
	}
	buf.WriteString("</urlset>\n")
	b.WriteFile("sitemap.xml", buf.Bytes(), "sitemap.xml")
}
