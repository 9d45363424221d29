package build

import (
	"bytes"
	"fmt"
	"html/template"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bedside-health/bedside/build/markdown"
	"github.com/bedside-health/bedside/site"
)

// An Extension adds a feature to the build. It implements one or more of
// [Planner], [PageDecorator], [PageObserver] and [Generator].
type Extension interface {
	Name() string
}

// Planner runs before any page is rendered, for example to ask for the
// rendered bodies it will need with [Build.KeepBody].
type Planner interface {
	Plan(b *Build) error
}

// PageDecorator adds to a page's data before its template runs. It is
// called from many goroutines at once and must only touch p.
type PageDecorator interface {
	DecoratePage(b *Build, p *PageData)
}

// PageObserver sees every finished HTML page. It is called from many
// goroutines at once, and must not keep html after it returns: the buffer
// is reused for the next page.
type PageObserver interface {
	ObservePage(b *Build, p *PageData, html []byte)
}

// Generator writes files of its own after all pages are rendered.
type Generator interface {
	Generate(b *Build) error
}

// Options tune a build.
type Options struct {
	Extensions []Extension
	// Progress, when set, is called now and then with the number of pages
	// rendered so far and the number planned.
	Progress func(done, total int)
	// Only, when set, limits the pages rendered to those whose site path
	// it accepts (a list is rendered when it accepts the path of its first
	// page, and then only the later pages, "/conditions/page/2/", that it
	// accepts too); aliases follow their article, and the sitemap is
	// "/sitemap.xml".
	// Assets, static files, robots.txt and generators always run. The dev
	// server uses it to re-render only what an edit touched.
	Only func(sitePath string) bool
	// Bodies, when set, keeps rendered article bodies between builds.
	Bodies *BodyCache
	// Loaded, when set, is called by [ToDir] once the site is loaded and
	// before it is built (bedside build sets its memory budget there).
	Loaded func(*site.Site)
	// Existing, with Only, reports the outputs of an earlier build that
	// stay in place because this one does not render them again, so that
	// [Build.Written] (and the link check) counts them.
	Existing func(name string) bool
	// PagesDone, when set, is called once every page is written and before
	// the sitemap and the generators, with the diagnostics so far; the dev
	// server shows the new pages then, without waiting for the sitemap,
	// feeds and checks.
	PagesDone func(site.Diagnostics)
	// PlainTemplates runs the theme with html/template alone, without
	// the compiled executor of package tmplexec, which gives the same
	// bytes faster; tests compare the two.
	PlainTemplates bool
}

// Result summarizes a build.
type Result struct {
	Pages    int            // HTML pages written
	Files    int            // all files written
	Counts   map[string]int // extension counts, such as "feeds"
	Duration time.Duration
}

// Build is the state of one build, shared with extensions.
type Build struct {
	Site     *site.Site
	Config   *site.Config
	Theme    *Theme
	Markdown *markdown.Renderer
	Out      Output
	// CSS is the site path of the fingerprinted stylesheet.
	CSS string

	opts    Options
	mu      sync.Mutex
	diags   site.Diagnostics
	written map[string]string // output path → what wrote it
	folders map[string]string // folder of the output → the first file written in it
	folded  map[string]string // output path with capitals, in lower case → as written (see claim)
	// asked holds the output paths that front matter asks for (an
	// article's address, its aliases), so that a clash of paths is
	// reported at the line that can fix it.
	asked   map[string]askedPath
	counts  map[string]int
	pages   atomic.Int64
	planned int
	keep    map[*site.Article]bool
	bodies  sync.Map        // *site.Article → *ArticleData, for kept articles
	failed  map[string]bool // output paths of pages an error kept from being written
	// toldClash holds the files already reported as standing where the
	// site needs a folder.
	toldClash map[string]bool
}

// Run builds the site s into out. Problems are returned as diagnostics;
// the output is complete only when none of them is an error.
func Run(s *site.Site, out Output, opts Options) (*Result, site.Diagnostics) {
	start := time.Now()
	b := &Build{
		Site:     s,
		Config:   s.Config,
		Out:      out,
		opts:     opts,
		written:  map[string]string{},
		folders:  map[string]string{},
		folded:   map[string]string{},
		counts:   map[string]int{},
		keep:     map[*site.Article]bool{},
		Markdown: markdown.ForSite(s.Config),
	}
	theme, diags := LoadTheme(s.Dir, s.Config, b.funcs())
	theme.plain = opts.PlainTemplates
	b.Theme = theme
	b.diags = append(b.diags, diags...)
	if diags.HasErrors() {
		return b.result(start), b.diagnostics()
	}
	b.planned = len(s.Articles) + len(s.Pages)
	b.asked = askedPaths(s)
	for _, u := range s.Unloaded {
		b.pageFailed(u) // its own error is reported: links to it are not broken too
	}
	steps := []func(){
		b.writeAssets,
		b.copyStatic,
		func() {
			for _, e := range opts.Extensions {
				if p, ok := e.(Planner); ok {
					if err := p.Plan(b); err != nil {
						b.Errorf("bedside ("+e.Name()+")", 0, "this is a fault in Bedside, not in the content: please report it", "%v", err)
					}
				}
			}
		},
		b.renderArticles,
		func() {
			// The sitemap is made from the site alone, in one goroutine:
			// it is written while the lists render rather than after them
			// with a core idle (15 to 50 ms on the 10,000-article corpus).
			var sitemap sync.WaitGroup
			sitemap.Go(b.writeSitemap)
			b.renderLists()
			sitemap.Wait()
		},
		b.renderSpecialPages,
		func() {
			if opts.PagesDone != nil {
				opts.PagesDone(b.diagnostics())
			}
		},
		func() {
			for _, e := range opts.Extensions {
				if g, ok := e.(Generator); ok {
					if err := g.Generate(b); err != nil {
						b.Errorf("bedside ("+e.Name()+")", 0, "this is a fault in Bedside, not in the content: please report it", "%v", err)
					}
				}
			}
		},
	}
	for _, step := range steps {
		step()
	}
	return b.result(start), b.diagnostics()
}

func (b *Build) result(start time.Time) *Result {
	b.mu.Lock()
	defer b.mu.Unlock()
	counts := make(map[string]int, len(b.counts))
	for k, v := range b.counts {
		counts[k] = v
	}
	return &Result{Pages: int(b.pages.Load()), Files: len(b.written), Counts: counts, Duration: time.Since(start)}
}

func (b *Build) diagnostics() site.Diagnostics {
	b.mu.Lock()
	defer b.mu.Unlock()
	all := append(append(site.Diagnostics(nil), b.Site.Diagnostics...), b.diags...)
	all.Sort()
	return all
}

// Errorf records a build error.
func (b *Build) Errorf(file string, line int, hint, format string, args ...any) {
	b.mu.Lock()
	b.diags.Errorf(file, line, hint, format, args...)
	b.mu.Unlock()
}

// Warnf records a build warning.
func (b *Build) Warnf(file string, line int, hint, format string, args ...any) {
	b.mu.Lock()
	b.diags.Warnf(file, line, hint, format, args...)
	b.mu.Unlock()
}

// Count adds n to a named count shown in the build summary ("feeds").
func (b *Build) Count(name string, n int) {
	b.mu.Lock()
	b.counts[name] += n
	b.mu.Unlock()
}

// WriteFile writes one output file, and reports whether it did. source
// names what produced it, for the error when two things want the same path.
func (b *Build) WriteFile(name string, data []byte, source string) (written bool) {
	if !b.claim(name, source) {
		b.outputFailed(name)
		return false
	}
	if err := b.Out.WriteFile(name, data); err != nil {
		b.Errorf(source, 0, "check that the destination folder is writable", "cannot write /%s: %v", name, err)
		b.outputFailed(name)
		return false
	}
	return true
}

// claim records that source writes the file name, and reports false (with
// an error) when another source wrote it first, or when one of them would
// need a folder where the other has a file (an alias /conditions/feed.json
// and the section's feed).
func (b *Build) claim(name, source string) bool {
	b.mu.Lock()
	other, dup := b.written[name]
	clash := ""
	if dup {
		clash = name
	} else if inside, ok := b.folders[name]; ok {
		clash, other = inside, b.written[inside]
	} else {
		for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
			if w, ok := b.written[dir]; ok {
				clash, other = dir, w
				break
			}
		}
	}
	if clash == "" && b.opts.Existing != nil {
		// A rebuild of part of the site (the dev server's) writes only
		// some pages: the others, kept from the build before, count too.
		const kept = "another page of the site"
		if b.opts.Existing(name) {
			clash, other, dup = name, kept, true
		} else {
			for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
				if b.opts.Existing(dir) {
					clash, other = dir, kept
					break
				}
			}
		}
	}
	// Names that differ only in case are one file on macOS and Windows,
	// where a site is often previewed, and on many web servers.
	// Only names with a capital can clash so: b.folded holds them, under
	// their lower-case spelling (a handful on most sites).
	lower := strings.ToLower(name)
	caseOnly := false
	if clash == "" {
		if w, ok := b.folded[lower]; ok && w != name {
			clash, other, caseOnly = w, b.written[w], true
		} else if w, ok := b.written[lower]; ok && lower != name {
			clash, other, caseOnly = lower, w, true
		}
	}
	if clash == "" {
		b.written[name] = source
		if lower != name {
			b.folded[lower] = name
		}
		for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
			if _, ok := b.folders[dir]; ok {
				break // and so are its parents
			}
			b.folders[dir] = name
		}
	}
	b.mu.Unlock()
	if clash == "" {
		return true
	}
	// Where front matter asked for one of the paths, the clash is
	// reported at its line: an alias's before an address's, so that the
	// report does not depend on which was written first. Not at all when
	// loading reported it already, at either line.
	var at askedPath
	atPath := ""
	for _, aliases := range []bool{true, false} {
		for _, p := range []string{name, clash} {
			a, ok := b.asked[p]
			if !ok || (a.alias != "") != aliases {
				continue
			}
			if a.twice || b.siteErrorAt(a.file, a.line) {
				return false
			}
			if atPath == "" {
				at, atPath = a, p
			}
		}
	}
	if atPath != "" {
		what, hint := "its page", "set another slug, or rename the file"
		if at.alias != "" {
			what, hint = "alias "+at.alias+": its redirect page", "remove this alias, or change it to an address nothing else uses"
		}
		if dup {
			b.Errorf(at.file, at.line, hint, "%s /%s is written by %s too", what, atPath, whoOf(atPath, name, source, other))
		} else {
			b.Errorf(at.file, at.line, hint, "%s /%s clashes with /%s, which %s writes", what, atPath, otherOf(atPath, name, clash), whoOf(atPath, name, source, other))
		}
		return false
	}
	// Rendering a site whose content has errors (into discardOutput)
	// finds again the clashes of pages that loading reported.
	if _, discarding := b.Out.(discardOutput); discarding && (dup || caseOnly) {
		return false
	}
	if dup {
		b.Errorf(source, 0, "rename one of them so that each has its own address", "writes /%s, which %s writes too", name, other)
		return false
	}
	if caseOnly {
		b.Errorf(source, 0, "rename one of them so that their addresses differ in more than case", "writes /%s, which differs only in case from /%s, written by %s: on macOS and Windows they are one file", name, clash, other)
		return false
	}
	// A file where the site has a folder (static/tags/asthma where the
	// tag's pages and feeds go) is one mistake, told once, at the file
	// when it was written first.
	b.mu.Lock()
	blocking := clash
	if _, isFolder := b.folders[name]; isFolder {
		blocking = name
	}
	told := b.toldClash[blocking]
	if b.toldClash == nil {
		b.toldClash = map[string]bool{}
	}
	b.toldClash[blocking] = true
	b.mu.Unlock()
	if told {
		return false
	}
	if blocking == clash {
		b.Errorf(other, 0, "move or rename it: "+source+" writes there", "writes the file /%s where the site needs a folder, for /%s", clash, name)
	} else {
		b.Errorf(source, 0, "move or rename it: "+other+" writes there", "writes the file /%s where the site needs a folder, for /%s", name, clash)
	}
	return false
}

// siteErrorAt reports whether loading the site found an error at file:line,
// or in a folder that holds file (a section that may not have its name).
func (b *Build) siteErrorAt(file string, line int) bool {
	for _, d := range b.Site.Diagnostics {
		if d.Severity != site.Error {
			continue
		}
		if (d.File == file && d.Line == line) || (strings.HasSuffix(d.File, "/") && strings.HasPrefix(file, d.File)) {
			return true
		}
	}
	return false
}

// otherOf returns, of the two clashing paths a and b, the one that is not p.
func otherOf(p, a, b string) string {
	if p == a {
		return b
	}
	return a
}

// whoOf names the writer of the path that is not p: source wrote name,
// other wrote the other one.
func whoOf(p, name, source, other string) string {
	if p == name {
		return other
	}
	return source
}

// askedPath is an output path that front matter asks for.
type askedPath struct {
	file  string
	line  int
	alias string // the alias as written, for an alias's redirect page
	// twice: two articles or aliases ask for the path, a clash that
	// loading reports.
	twice bool
}

// askedPaths lists the output paths of the site's articles and their
// aliases, with the front-matter line of each.
func askedPaths(s *site.Site) map[string]askedPath {
	asked := map[string]askedPath{}
	for _, a := range slices.Concat(s.Articles, s.Pages) {
		line := 1
		if _, ok := a.Lines["slug"]; ok {
			line = a.Line("slug")
		}
		add := func(name string, p askedPath) {
			if prev, ok := asked[name]; ok {
				if prev.file == p.file && prev.alias != "" && p.alias != "" {
					return // an alias listed twice: one page
				}
				p.twice = true
			}
			asked[name] = p
		}
		add(site.OutputPath(a.URL), askedPath{file: a.SourcePath, line: line})
		for _, al := range a.Aliases {
			add(site.OutputPath(al), askedPath{file: a.SourcePath, line: a.Line("aliases"), alias: al})
		}
	}
	return asked
}

// pageFailed records that the page at sitePath was not written because of
// an error already reported.
func (b *Build) pageFailed(sitePath string) { b.outputFailed(site.OutputPath(sitePath)) }

// outputFailed records that the output file name was not written because
// of an error already reported: links to it are not reported as broken.
func (b *Build) outputFailed(name string) {
	b.mu.Lock()
	if b.failed == nil {
		b.failed = map[string]bool{}
	}
	b.failed[name] = true
	b.mu.Unlock()
}

// Failed reports whether the page at an output path was not written
// because of an error already reported: a link to it is not broken twice
// over (the quality gate says nothing of it).
func (b *Build) Failed(name string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.failed[name]
}

// Written reports whether a file has been written at the output path.
func (b *Build) Written(name string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	_, ok := b.written[name]
	return ok || (b.opts.Existing != nil && b.opts.Existing(name))
}

// KeepBody asks the build to keep a's rendered body after its page is
// written, because a generator (a feed) will need it.
func (b *Build) KeepBody(a *site.Article) {
	b.mu.Lock()
	b.keep[a] = true
	b.mu.Unlock()
}

// Body returns a's rendered body: the kept copy when there is one, else a
// fresh render.
func (b *Build) Body(a *site.Article) (*ArticleData, error) {
	if v, ok := b.bodies.Load(a); ok {
		return v.(*ArticleData), nil
	}
	ad, _, err := b.renderBody(a, false)
	return ad, err
}

// renderBody renders a's body. With borrow, the HTML of the result may be
// in a buffer that is reused once release is called (see
// markdown.Renderer.RenderBorrowed); release is to be called in any case.
func (b *Build) renderBody(a *site.Article, borrow bool) (ad *ArticleData, release func(), err error) {
	var sum [32]byte
	if c := b.opts.Bodies; c != nil {
		var ok bool
		if ad, sum, ok = c.get(b, a); ok {
			return ad, func() {}, nil
		}
		borrow = false // the cache keeps the result
	}
	var res markdown.Result
	release = func() {}
	if borrow {
		res, release, err = b.Markdown.RenderBorrowed(a.Body)
	} else {
		res, err = b.Markdown.Render(a.Body)
	}
	if err != nil {
		return nil, release, err
	}
	ad = &ArticleData{Article: a, Content: template.HTML(res.HTML), Doc: res.Doc}
	if res.H2Count() >= 3 {
		ad.TOC = res.Headings
	}
	if c := b.opts.Bodies; c != nil {
		c.put(a, sum, ad)
	}
	return ad, release, nil
}

// NewPage returns the data common to every page at the given site path.
func (b *Build) NewPage(kind, sitePath, title, description string) *PageData {
	p := &PageData{
		Site:        b.Site,
		Kind:        kind,
		Title:       title,
		HeadTitle:   title,
		Description: description,
		URL:         sitePath,
		Permalink:   b.Config.AbsURL(sitePath),
		Lang:        b.Config.Language,
		Now:         b.Site.Now,
		CSS:         b.CSS,
	}
	switch {
	case title == "":
		p.HeadTitle = b.Config.Title
	case kind == KindHome:
		// The site's name, and past the first page "(page 2 of 9)": every
		// page's title tells it apart (WCAG 2.4.2).
		p.HeadTitle = title
	default:
		p.HeadTitle = title + " | " + b.Config.Title
	}
	if p.Description == "" {
		p.Description = b.Config.Description
	}
	return p
}

// renderPage runs the decorators, executes the kind's template and writes
// the page.
func (b *Build) renderPage(p *PageData, source string) {
	for _, e := range b.opts.Extensions {
		if d, ok := e.(PageDecorator); ok {
			d.DecoratePage(b, p)
		}
	}
	buf := pageBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer pageBuffers.Put(buf)
	defer p.written() // the page's text is in buf, or the page failed
	if err := b.Theme.Execute(buf, p.Kind, p); err != nil {
		b.Errorf(b.Theme.Origin["templates/"+p.Kind+".html"], 0, "fix the template", "rendering %s: %v", p.URL, err)
		b.pageFailed(p.URL)
		return
	}
	html := buf.Bytes()
	for _, e := range b.opts.Extensions {
		if o, ok := e.(PageObserver); ok {
			o.ObservePage(b, p, html)
		}
	}
	if !b.WriteFile(site.OutputPath(p.URL), html, source) {
		return // its error is reported; links to it are not broken links too
	}
	b.pages.Add(1)
}

// bodyBuffers recycles the buffers articles' texts are read into again
// (site.ReadBodyInto).
var bodyBuffers sync.Pool

// pageBuffers recycles page buffers: an Output does not keep the data it is
// given, so one buffer per worker serves every page.
var pageBuffers = sync.Pool{New: func() any { return bytes.NewBuffer(make([]byte, 0, 64<<10)) }}

// parallel runs fn(i) for i in [0, n) on every core.
func parallel(n int, fn func(i int)) { parallelWith(runtime.GOMAXPROCS(0), n, fn) }

// parallelWith runs fn(i) for i in [0, n) on the given number of goroutines.
func parallelWith(workers, n int, fn func(i int)) {
	if workers > n {
		workers = n
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// renderArticles renders every article and standalone page in parallel.
func (b *Build) renderArticles() {
	all := append(append([]*site.Article(nil), b.Site.Articles...), b.Site.Pages...)
	if b.opts.Only != nil {
		var chosen []*site.Article
		for _, a := range all {
			if b.selected(a.URL) {
				chosen = append(chosen, a)
			}
		}
		all = chosen
	}
	var done atomic.Int64
	stopProgress := b.startProgress(&done)
	defer stopProgress()
	parallel(len(all), func(i int) {
		a := all[i]
		defer done.Add(1)
		if a.Body == nil && a.BodyDeferred() {
			// Loaded without its text (site.LoadOptions.DeferBodies): read
			// it for this page and its decorators, and let it go after.
			var buf []byte
			if p, ok := bodyBuffers.Get().(*[]byte); ok {
				buf = *p
			}
			body, _, used, err := site.ReadBodyInto(b.Site.Dir, a.SourcePath, buf)
			// Once the page is written nothing holds the text: the page,
			// a body kept for the feeds and what the extensions keep are
			// copies, and the syntax tree is let go (below). A body cache
			// (the dev server's) keeps the tree's text, so then the buffer
			// is not reused.
			if b.opts.Bodies == nil {
				defer bodyBuffers.Put(&used)
			}
			if err != nil {
				b.Errorf(a.SourcePath, 0, "check that the file was not removed or changed during the build", "cannot read the article again: %v", err)
				b.pageFailed(a.URL)
				return
			}
			a.Body = body
			defer func() { a.Body = nil }()
		}
		b.mu.Lock()
		keep := b.keep[a]
		b.mu.Unlock()
		// The HTML of a body the feeds do not need is dropped once the
		// page is written: it may stay in the renderer's buffer till then.
		ad, release, err := b.renderBody(a, !keep)
		defer release()
		if err != nil {
			b.renderError(a.SourcePath, a.BodyLine, err)
			b.pageFailed(a.URL)
			return
		}
		if keep {
			b.bodies.Store(a, ad)
		}
		kind := KindArticle
		if a.Kind == site.KindPage {
			kind = KindPage
		}
		p := b.NewPage(kind, a.URL, a.Title, a.Description)
		p.Article = ad
		if a.Lang != "" {
			p.Lang = a.Lang
		}
		if a.Draft {
			p.Notices = append(p.Notices, Notice{Class: "draft", Text: "DRAFT: this article is not published yet."})
		}
		pub := a.PublishDate
		if pub.IsZero() {
			pub = a.Date
		}
		if pub.After(b.Site.Now) {
			p.Notices = append(p.Notices, Notice{Class: "scheduled", Text: "SCHEDULED: this article will be published on " + pub.Format(b.Config.DateFormat) + "."})
		}
		b.renderPage(p, a.SourcePath)
		ad.Doc = nil // a kept body must not hold the syntax tree
	})
}

func (b *Build) startProgress(done *atomic.Int64) func() {
	if b.opts.Progress == nil {
		return func() {}
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				b.opts.Progress(int(done.Load()), b.planned)
				return
			case <-t.C:
				b.opts.Progress(int(done.Load()), b.planned)
			}
		}
	}()
	return func() { close(stop); wg.Wait() }
}

// renderMarkdown renders a Markdown fragment such as a section intro or a bio.
func (b *Build) renderMarkdown(src []byte, file string, line int) template.HTML {
	if len(bytes.TrimSpace(src)) == 0 {
		return ""
	}
	res, err := b.Markdown.Render(src)
	if err != nil {
		b.renderError(file, line, err)
		return ""
	}
	return template.HTML(res.HTML)
}

// TOCEntry is a heading of the table of contents with the headings below it.
type TOCEntry struct {
	markdown.Heading
	Children []*TOCEntry
}

// tocTree nests h3 headings under the h2 before them, so that the table of
// contents is a list of lists that screen readers announce by level.
func tocTree(hs []markdown.Heading) []*TOCEntry {
	var out []*TOCEntry
	for _, h := range hs {
		e := &TOCEntry{Heading: h}
		if h.Level > 2 && len(out) > 0 {
			last := out[len(out)-1]
			last.Children = append(last.Children, e)
			continue
		}
		out = append(out, e)
	}
	return out
}

// navKey says where a page sits in the main navigation: the first segment
// of its path, and whether the page is that segment's own list. Two pages
// with the same key have the same header.
func navKey(sitePath string) string {
	seg, rest, _ := strings.Cut(strings.TrimPrefix(sitePath, "/"), "/")
	if rest == "" {
		return seg + "|list"
	}
	return seg + "|in"
}

// funcs are the functions theme templates can call.
func (b *Build) funcs() template.FuncMap {
	cfg := b.Site.Config
	return template.FuncMap{
		"url":       cfg.RelURL,
		"absURL":    cfg.AbsURL,
		"date":      func(t time.Time) string { return t.Format(cfg.DateFormat) },
		"isoDate":   func(t time.Time) string { return t.Format("2006-01-02") },
		"rfc3339":   func(t time.Time) string { return t.Format(time.RFC3339) },
		"join":      strings.Join,
		"add":       func(a, c int) int { return a + c },
		"lower":     strings.ToLower,
		"year":      func(t time.Time) int { return t.Year() },
		"hasPrefix": strings.HasPrefix,
		"partialCached": func(name string, data any, key ...any) (template.HTML, error) {
			return b.Theme.CachedPartial(name, data, key...)
		},
		"navKey":  navKey,
		"tocTree": tocTree,
		"sortedTags": func(tags []*site.Tag) []*site.Tag {
			out := append([]*site.Tag(nil), tags...)
			sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
			return out
		},
		// langAttr marks text in another language than the site's:
		// ` lang="es"` for a Spanish article's card on an English list
		// (WCAG 3.1.2), nothing for text in the site's language.
		"langAttr": func(lang string) template.HTMLAttr {
			if lang == "" || strings.EqualFold(lang, cfg.Language) || !site.IsLanguageTag(lang) {
				return ""
			}
			return template.HTMLAttr(` lang="` + lang + `"`)
		},
		// chromeLang marks the theme's own words (navigation, "Medically
		// reviewed by", "Page last reviewed") as the site's language on a
		// page in another language, whose <html lang> is the page's.
		"chromeLang": func(pageLang string) template.HTMLAttr {
			if pageLang == "" || strings.EqualFold(pageLang, cfg.Language) || !site.IsLanguageTag(cfg.Language) {
				return ""
			}
			return template.HTMLAttr(` lang="` + cfg.Language + `"`)
		},
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return fmt.Sprintf("%d %s", n, one)
			}
			return fmt.Sprintf("%d %s", n, many)
		},
	}
}
