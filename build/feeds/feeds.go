package feeds

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
)

// Extension is the feeds feature of a build. One value can serve many
// builds, one after another or at once (the dev server rebuilds).
type Extension struct {
	plans sync.Map // *build.Build → *plan, from Plan to the end of Generate
}

// New returns the feeds extension.
func New() *Extension { return &Extension{} }

// Name implements [build.Extension].
func (e *Extension) Name() string { return "feeds" }

// Plan decides the feeds and asks the build to keep the rendered body of
// every article that appears in one, so that bodies are rendered once.
func (e *Extension) Plan(b *build.Build) error {
	pl := makePlan(b.Site)
	e.plans.Store(b, pl)
	for _, f := range pl.All {
		if f.Reviews {
			continue // review items say who reviewed what, without the body
		}
		for _, a := range f.Articles {
			b.KeepBody(a)
		}
	}
	return nil
}

// DecoratePage links the feeds that follow the page, for browsers and feed
// readers to discover: the page's own (a section, tag or person list), the
// site's, and for an article its section's; the home page adds the
// reviewed feed.
func (e *Extension) DecoratePage(b *build.Build, p *build.PageData) {
	v, ok := e.plans.Load(b)
	if !ok {
		return
	}
	pl := v.(*plan)
	var own *feed
	switch {
	case p.Kind == build.KindSection && p.Section != nil:
		own = pl.ByPage[p.Section.URL]
	case p.Kind == build.KindTag && p.Tag != nil:
		own = pl.ByPage[p.Tag.URL]
	case p.Kind == build.KindPerson && p.Person != nil:
		own = pl.ByPage[p.Person.URL]
	}
	if own != nil {
		p.Alternates = append(p.Alternates, own.Alternates...)
	}
	p.Alternates = append(p.Alternates, pl.Site.Alternates...)
	switch {
	case p.Kind == build.KindHome:
		p.Alternates = append(p.Alternates, pl.Reviewed.Alternates...)
	case p.Kind == build.KindArticle && p.Article != nil && p.Article.Article.Section != "":
		if sec := pl.ByPage["/"+p.Article.Article.Section+"/"]; sec != nil {
			p.Alternates = append(p.Alternates, sec.Alternates...)
		}
	}
}

// Generate writes every planned feed in the three formats. Each feed is
// written as soon as it is encoded, so that no more than a few feeds are
// held in memory at once.
func (e *Extension) Generate(b *build.Build) error {
	v, ok := e.plans.LoadAndDelete(b)
	if !ok {
		return fmt.Errorf("Generate called without Plan")
	}
	return generate(b, v.(*plan), func(path string, data []byte) { b.WriteFile(path, data, "the feed generator") })
}

// generate writes the feeds of pl with write, which must not keep data
// after it returns.
func generate(b *build.Build, pl *plan, write func(path string, data []byte)) error {
	content := articleContents(b, pl)
	errs := make([]error, len(pl.All))
	// The three files of a feed are written one after another into one
	// buffer, which the next feed reuses.
	var buffers sync.Pool
	each(len(pl.All), func(i int) {
		var buf []byte
		if p, ok := buffers.Get().(*[]byte); ok {
			buf = *p
		}
		files, buf, err := writeFeed(b.Site, pl.All[i], content, buf[:0])
		if err != nil {
			errs[i] = fmt.Errorf("%s: %w", b.Config.AbsURL(pl.All[i].Dir), err)
			return
		}
		for _, f := range files {
			write(f.Path, f.Data)
		}
		buffers.Put(&buf)
		b.Count("feeds", len(files))
	})
	return errors.Join(errs...)
}

type outputFile struct {
	Path string
	Data []byte
}

// writeFeed encodes one feed in the three formats, appended to buf one
// after another, and returns them and the grown buffer.
func writeFeed(s *site.Site, f *feed, content func(*site.Article) articleText, buf []byte) ([]outputFile, []byte, error) {
	cfg := s.Config
	items := feedItems(cfg, f, content)
	g := genericFeed(cfg, f, items, f.updated(s.Now))
	self := func(file string) string { return cfg.AbsURL(f.Dir + file) }
	buf, err := writeRSS(buf, g, items, self(rssFile), cfg.Language)
	if err != nil {
		return nil, buf, err
	}
	rss := len(buf)
	buf, err = writeAtom(buf, cfg, g, items, self(atomFile), cfg.AbsURL(f.Page))
	if err != nil {
		return nil, buf, err
	}
	atom := len(buf)
	buf, err = writeJSON(buf, cfg, g, items, self(jsonFile))
	if err != nil {
		return nil, buf, err
	}
	return []outputFile{
		{f.path(rssFile), buf[:rss:rss]},
		{f.path(atomFile), buf[rss:atom:atom]},
		{f.path(jsonFile), buf[atom:]},
	}, buf, nil
}

// each runs fn(i) for i in [0, n) on every core.
func each(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := min(runtime.GOMAXPROCS(0), n); w > 0; w-- {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		}()
	}
	wg.Wait()
}
