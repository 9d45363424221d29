package structured

import (
	"slices"
	"strings"

	"github.com/bedside-health/bedside/build"
)

// appendSocialMeta adds the Open Graph and Twitter card elements of a page.
func (pg *pageText) appendSocialMeta(b *build.Build, c *buildCache, text string) {
	p, cfg := pg.p, b.Config
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
	loc := c.locale
	if p.Lang != c.lang {
		loc = ogLocale(p.Lang)
	}
	n := 8
	if loc != "" {
		n++
	}
	if pg.image != "" {
		n += 2
	}
	if pg.a != nil {
		n += 2 + len(pg.a.Tags)
		if pg.sec != nil {
			n++
		}
	}
	meta := slices.Grow(p.Meta, n)
	meta = append(meta,
		og("og:type", typ),
		og("og:site_name", cfg.Title),
		og("og:title", title),
		og("og:description", p.Description),
		og("og:url", p.Permalink),
	)
	if loc != "" {
		meta = append(meta, og("og:locale", loc))
	}
	if pg.image != "" {
		meta = append(meta, og("og:image", pg.image))
	}
	if a := pg.a; a != nil {
		meta = append(meta, og("article:published_time", pg.published.of(text)))
		meta = append(meta, og("article:modified_time", pg.modified.of(text)))
		if pg.sec != nil {
			meta = append(meta, og("article:section", pg.sec.Title))
		}
		for _, t := range a.Tags {
			meta = append(meta, og("article:tag", t.Name))
		}
	}
	card := "summary"
	if pg.image != "" {
		card = "summary_large_image"
	}
	meta = append(meta, tw("twitter:card", card), tw("twitter:title", title), tw("twitter:description", p.Description))
	if pg.image != "" {
		meta = append(meta, tw("twitter:image", pg.image))
	}
	p.Meta = meta
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
