package feeds

import (
	"bytes"
	"html"
	"net/url"
	"sync"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
)

// articleText is what the feeds carry of an article: its content as HTML
// and the same as a JSON string, each made once however many feeds carry
// the article.
type articleText struct {
	HTML, JSON string
}

// articleContents makes the content of every article in a feed, once per
// article however many feeds carry it, on every core.
func articleContents(b *build.Build, pl *plan) func(*site.Article) articleText {
	index := map[*site.Article]int{}
	var list []*site.Article
	for _, f := range pl.All {
		if f.Reviews {
			continue
		}
		for _, a := range f.Articles {
			if _, ok := index[a]; !ok {
				index[a] = len(list)
				list = append(list, a)
			}
		}
	}
	texts := make([]articleText, len(list))
	var buffers sync.Pool
	each(len(list), func(i int) {
		buf, ok := buffers.Get().(*bytes.Buffer)
		if !ok {
			buf = new(bytes.Buffer)
		}
		buf.Reset()
		if articleContent(buf, b, list[i]) {
			html := buf.String()
			texts[i] = articleText{HTML: html, JSON: string(appendJSONString(buf.Bytes()[:0], html))}
		}
		buffers.Put(buf)
	})
	return func(a *site.Article) articleText { return texts[index[a]] }
}

// articleContent writes to out what a reader sees of a in a feed: the
// whole body with absolute addresses, then what the article page shows
// around the body and a reader must not lose when the text leaves the
// site: who reviewed it and when, the emergency notice and the medical
// disclaimer. It reports false, having written nothing, when the body
// could not be rendered (the article's page already reported it).
func articleContent(out *bytes.Buffer, b *build.Build, a *site.Article) bool {
	ad, err := b.Body(a)
	if err != nil {
		return false
	}
	cfg := b.Config
	base, err := url.Parse(cfg.AbsURL(a.URL))
	if err != nil {
		return false
	}
	absoluteHTML(out, string(ad.Content), base)
	if len(a.Reviewers) > 0 {
		links := make([]string, len(a.Reviewers))
		for i, p := range a.Reviewers {
			links[i] = personHTML(cfg, p)
		}
		out.WriteString("\n<p>Medically reviewed by " + andList(links))
		if !a.LastReviewed.IsZero() {
			out.WriteString(" on " + html.EscapeString(a.LastReviewed.Format(cfg.DateFormat)))
		}
		out.WriteString(".</p>")
	}
	if e := cfg.Review.Emergency(); e.Before != "" || e.Number != "" {
		out.WriteString("\n<p>" + html.EscapeString(e.Before))
		if e.Number != "" {
			out.WriteString(`<a href="tel:` + html.EscapeString(e.Number) + `">` + html.EscapeString(e.Number) + "</a>")
		}
		out.WriteString(html.EscapeString(e.After) + "</p>")
	}
	if cfg.Review.Disclaimer != "" {
		out.WriteString("\n<p><em>" + html.EscapeString(cfg.Review.Disclaimer) + "</em></p>")
	}
	out.WriteByte('\n')
	return true
}

// personHTML is a person's name with credentials, linked to their profile
// when they have one.
func personHTML(cfg *site.Config, p *site.Person) string {
	name := html.EscapeString(p.NameWithCredentials())
	if p.URL == "" {
		return name
	}
	return `<a href="` + html.EscapeString(cfg.AbsURL(p.URL)) + `">` + name + "</a>"
}
