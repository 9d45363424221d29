package structured

import (
	"strings"
	"time"

	"github.com/bedside-health/bedside/build"
)

// socialMeta returns the Open Graph and Twitter card elements of a page.
func socialMeta(b *build.Build, p *build.PageData) []build.Meta {
	cfg := b.Config
	og := func(prop, content string) build.Meta { return build.Meta{Property: prop, Content: content} }
	tw := func(name, content string) build.Meta { return build.Meta{Name: name, Content: content} }
	title := p.Title
	if title == "" || p.Kind == build.KindHome {
		title = cfg.Title
	}
	typ := "website"
	switch p.Kind {
	case build.KindArticle:
		typ = "article"
	case build.KindPerson:
		typ = "profile"
	}
	image := ""
	if p.Article != nil && p.Article.Article.Image != "" {
		image = absolute(b, p.Article.Article.Image)
	}
	meta := []build.Meta{
		og("og:type", typ),
		og("og:site_name", cfg.Title),
		og("og:title", title),
		og("og:description", p.Description),
		og("og:url", p.Permalink),
	}
	if loc := ogLocale(p.Lang); loc != "" {
		meta = append(meta, og("og:locale", loc))
	}
	if image != "" {
		meta = append(meta, og("og:image", image))
	}
	if p.Kind == build.KindArticle && p.Article != nil {
		a := p.Article.Article
		meta = append(meta, og("article:published_time", a.Date.Format(time.RFC3339)))
		meta = append(meta, og("article:modified_time", a.Updated().Format(time.RFC3339)))
		if sec := b.Site.Section(a.Section); sec != nil {
			meta = append(meta, og("article:section", sec.Title))
		}
		for _, t := range a.Tags {
			meta = append(meta, og("article:tag", t.Name))
		}
	}
	card := "summary"
	if image != "" {
		card = "summary_large_image"
	}
	meta = append(meta, tw("twitter:card", card), tw("twitter:title", title), tw("twitter:description", p.Description))
	if image != "" {
		meta = append(meta, tw("twitter:image", image))
	}
	return meta
}

// ogLocale turns a language tag with a region (en-US, es-MX) into Open
// Graph's language_TERRITORY form (en_US, es_MX). A bare language ("en")
// gives "": guessing the territory would be wrong for half the sites.
func ogLocale(lang string) string {
	l, region, ok := strings.Cut(strings.ReplaceAll(lang, "_", "-"), "-")
	if !ok || len(l) != 2 || len(region) != 2 {
		return ""
	}
	return strings.ToLower(l) + "_" + strings.ToUpper(region)
}

// absolute makes a site path or an address absolute.
func absolute(b *build.Build, ref string) string {
	if strings.HasPrefix(ref, "https://") || strings.HasPrefix(ref, "http://") {
		return ref
	}
	return b.Config.AbsURL(ref)
}
