package structured

import (
	"html/template"
	"slices"
	"sync"
	"time"
	"unsafe"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
)

// Extension adds structured data, social meta and review notices to a
// build. One value can serve many builds, one after another or at once
// (the dev server rebuilds).
type Extension struct {
	caches sync.Map // *build.Build → *buildCache, from Plan to Generate
}

// New returns the extension.
func New() *Extension { return &Extension{} }

// Name names the extension in build errors.
func (*Extension) Name() string { return "structured" }

// Plan applies [review] overdue: a warning or an error for each overdue
// article. It also writes, once for the build, what every page's JSON-LD
// shares: the publisher, the site, and the Person node of every profile.
func (e *Extension) Plan(b *build.Build) error {
	for _, d := range b.Site.OverdueDiagnostics() {
		if d.Severity == site.Error {
			b.Errorf(d.File, d.Line, d.Hint, "%s", d.Message)
		} else {
			b.Warnf(d.File, d.Line, d.Hint, "%s", d.Message)
		}
	}
	e.caches.Store(b, newBuildCache(b, true))
	return nil
}

// Generate writes nothing: every page is written by then, and the build's
// cache is dropped.
func (e *Extension) Generate(b *build.Build) error {
	e.caches.Delete(b)
	return nil
}

// cache returns the build's cache: Plan's, or for a page decorated without
// it a new one, without the people.
func (e *Extension) cache(b *build.Build) *buildCache {
	if v, ok := e.caches.Load(b); ok {
		return v.(*buildCache)
	}
	return newBuildCache(b, false)
}

// span is where a piece of a page's text is in its buffer.
type span struct{ start, end int }

func (s span) of(text string) string { return text[s.start:s.end] }

// pageText is the text DecoratePage writes for one page: the article
// dates, the JSON-LD blocks and the notice, one after another in buf, which
// becomes one string; the meta elements, blocks and notice are parts of it.
type pageText struct {
	p   *build.PageData
	a   *site.Article // for article pages (of any kind), else nil
	sec *site.Section // a's section, if it has one
	// image is the absolute address of the article's image, "" for none.
	image string

	buf                 []byte
	published, modified span // a's dates, RFC 3339
	blocks              [2]span
	nblocks             int
	notice              span
}

// buffers are reused page after page; one page needs about 3 kB.
var buffers = sync.Pool{New: func() any { b := make([]byte, 0, 8<<10); return &b }}

// DecoratePage adds the meta elements, JSON-LD and notices of one page.
func (e *Extension) DecoratePage(b *build.Build, p *build.PageData) {
	c := e.cache(b)
	bp := buffers.Get().(*[]byte)
	pg := pageText{p: p, buf: (*bp)[:0]}
	if p.Article != nil && p.Article.Article.Image != "" {
		pg.image = absolute(b, p.Article.Article.Image)
	}
	if p.Kind == build.KindArticle && p.Article != nil {
		pg.a = p.Article.Article
		pg.sec = b.Site.Section(pg.a.Section)
		pg.published.start = len(pg.buf)
		pg.buf = pg.a.Date.AppendFormat(pg.buf, time.RFC3339)
		pg.published.end = len(pg.buf)
		pg.modified.start = len(pg.buf)
		pg.buf = pg.a.Updated().AppendFormat(pg.buf, time.RFC3339)
		pg.modified.end = len(pg.buf)
	}
	switch {
	case pg.a != nil && pg.a.Kind == site.KindArticle:
		pg.appendArticle(b, c)
	case p.Kind == build.KindPerson && p.Person != nil:
		pg.appendProfile(b, c)
	case p.Kind == build.KindHome && p.URL == "/":
		pg.appendHome(b)
	}
	hasNotice := pg.appendOverdueNotice(b)

	// The page's strings are read from the buffer they were made in:
	// the page needs them only until it is written, and then the buffer
	// goes back to the pool. A copy for every page was 22 MB of
	// allocations for the 10,000-article corpus.
	var text string
	if len(pg.buf) > 0 {
		text = unsafe.String(&pg.buf[0], len(pg.buf))
	}
	*bp = pg.buf
	p.AfterWrite(func() {
		if cap(*bp) <= 64<<10 {
			buffers.Put(bp)
		}
	})

	pg.appendSocialMeta(b, c, text)
	if pg.nblocks > 0 {
		p.JSONLD = slices.Grow(p.JSONLD, pg.nblocks)
		for _, s := range pg.blocks[:pg.nblocks] {
			// appendJSONString escapes <, >, &, U+2028 and U+2029 as
			// json.Marshal does, so the text cannot end the script element
			// it is written in.
			p.JSONLD = append(p.JSONLD, template.JS(s.of(text)))
		}
	}
	if hasNotice {
		p.Notices = append(p.Notices, build.Notice{Class: "overdue", Text: pg.notice.of(text)})
	}
}
