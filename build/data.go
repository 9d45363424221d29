package build

import (
	"github.com/yuin/goldmark/ast"
	"html"
	"html/template"
	"slices"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/bedside-health/bedside/build/markdown"
	"github.com/bedside-health/bedside/site"
)

// Page kinds, as PageData.Kind.
const (
	KindHome    = "home"
	KindSection = "section"
	KindTag     = "tag"
	KindTags    = "tags"
	KindPerson  = "person"
	KindPeople  = "people"
	KindArticle = "article"
	KindPage    = "page"
	Kind404     = "404"
)

// PageData is what a theme template receives as dot.
type PageData struct {
	Site *site.Site
	Kind string // one of the Kind constants
	// Title is the page's h1; HeadTitle the <title> element.
	Title       string
	HeadTitle   string
	Description string
	URL         string // site path, "/conditions/asthma/"
	Permalink   string // absolute URL
	Lang        string
	Now         time.Time
	CSS         string // site path of the stylesheet

	Article *ArticleData   // article and page pages
	Section *site.Section  // section lists
	Tag     *site.Tag      // tag pages
	Person  *site.Person   // profile pages
	Intro   template.HTML  // rendered body of _index.md or of a profile
	Items   []*ListItem    // this page's slice of a list
	Pager   *Pager         // nil when a list fits on one page
	Tags    []*site.Tag    // the tag index
	People  []*site.Person // the authors index

	// Extensions add to these.
	Alternates []Alternate    // <link rel="alternate"> (feeds)
	Meta       []Meta         // <meta> elements (Open Graph, Twitter)
	JSONLD     []template.JS  // application/ld+json blocks, already escaped
	Notices    []Notice       // notices shown above the content
	Extra      map[string]any // anything else an extension passes to its templates

	// scratch holds the text of AlternateLinks and MetaTags, which the
	// page needs only until it is written: renderPage then gives it back
	// to scratchBuffers. (A string of its own for each was 27 MB of
	// allocations for the 10,000-article corpus.)
	scratch []byte
	// afterWrite are the functions AfterWrite was given.
	afterWrite []func()
}

// AfterWrite has f called once the page is written, or its template has
// failed: then nothing reads the page's data any more. An extension whose
// strings in the page are read from a buffer of its own, rather than
// copied, gives the buffer back in f.
func (p *PageData) AfterWrite(f func()) { p.afterWrite = append(p.afterWrite, f) }

// written releases what the page held until it was written: its scratch,
// and whatever AfterWrite was given.
func (p *PageData) written() {
	p.releaseScratch()
	for _, f := range p.afterWrite {
		f()
	}
	p.afterWrite = nil
}

// scratchBuffers recycle PageData.scratch.
var scratchBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 4<<10); return &b }}

// growScratch makes room for n more bytes of scratch and returns where
// they start.
func (p *PageData) growScratch(n int) int {
	if p.scratch == nil {
		p.scratch = (*scratchBuffers.Get().(*[]byte))[:0]
	}
	// Growing may move the bytes: the strings made before keep the old
	// array, which is then no longer the one given back.
	p.scratch = slices.Grow(p.scratch, n)
	return len(p.scratch)
}

// scratchString is the scratch from start on, as a string.
func (p *PageData) scratchString(start int) template.HTML {
	if len(p.scratch) == start {
		return ""
	}
	return template.HTML(unsafe.String(&p.scratch[start], len(p.scratch)-start))
}

// releaseScratch gives the scratch back once the page is written.
func (p *PageData) releaseScratch() {
	if p.scratch != nil && cap(p.scratch) <= 64<<10 {
		b := p.scratch[:0]
		scratchBuffers.Put(&b)
	}
	p.scratch = nil
}

// ArticleData is an article with its rendered body. The article is a
// named field, not an embedded one: templates reach fields of embedded
// structs through reflect's slow path, which cost a third of the render
// time of a large site.
type ArticleData struct {
	Article *site.Article
	Content template.HTML
	// TOC lists the h2 and h3 headings when the article has three or more
	// h2 headings; it is nil otherwise.
	TOC []markdown.Heading
	// Doc is the body's syntax tree while the page is rendered, for the
	// decorators that read the text (the readability check); nil after,
	// and when the body came from a cache.
	Doc ast.Node
}

// ListItem is an article shown in a list, with the role a person had in it
// on profile pages ("Author", "Reviewer").
type ListItem struct {
	Article *site.Article
	Roles   []string
}

// Pager links the pages of a paginated list.
type Pager struct {
	Number, Total int
	Prev, Next    string // site paths; "" at either end
	Pages         []PagerLink
}

// PagerLink is one numbered link of a Pager.
type PagerLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool // stands for skipped page numbers ("…")
}

// Alternate is a <link rel="alternate"> to another format of the page.
type Alternate struct {
	Type  string // MIME type, application/rss+xml
	Title string
	URL   string // site path or absolute URL
}

// Meta is one <meta> element: Name for name=, Property for property=.
type Meta struct {
	Name, Property, Content string
}

// Notice is a highlighted message at the top of the page body.
type Notice struct {
	Class string // "draft", "overdue", "warning"
	Text  string
}

// AlternateLinks is the page's <link rel="alternate"> elements, one a line.
// It is written in Go rather than ranged over in the template because
// html/template runs several escapers per attribute through reflection,
// which on every page of a large site cost more than writing the feeds.
// The text is in the page's scratch buffer, good until the page is
// written: a template writes it out at once.
func (p *PageData) AlternateLinks() template.HTML {
	n := 0
	for _, a := range p.Alternates {
		n += len(a.Type) + len(a.Title) + len(a.URL) + 48
	}
	start := p.growScratch(n)
	b := p.scratch
	for _, a := range p.Alternates {
		u := a.URL
		if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "/") {
			u = "#ZgotmplZ"
		}
		b = append(b, "\n<link rel=\"alternate\" type=\""...)
		b = append(b, html.EscapeString(a.Type)...)
		b = append(b, "\" title=\""...)
		b = append(b, html.EscapeString(a.Title)...)
		b = append(b, "\" href=\""...)
		b = append(b, html.EscapeString(u)...)
		b = append(b, "\">"...)
	}
	p.scratch = b
	return p.scratchString(start)
}

// MetaTags is the page's <meta> elements (Open Graph, Twitter), one a
// line, written in Go for the same reason as AlternateLinks. Like
// AlternateLinks's, its text is good until the page is written.
func (p *PageData) MetaTags() template.HTML {
	n := 0
	for _, m := range p.Meta {
		n += len(m.Name) + len(m.Property) + len(m.Content) + 32
	}
	start := p.growScratch(n)
	b := p.scratch
	for _, m := range p.Meta {
		attr, name := "name", m.Name
		if m.Property != "" {
			attr, name = "property", m.Property
		}
		b = append(b, "\n<meta "...)
		b = append(b, attr...)
		b = append(b, "=\""...)
		b = append(b, html.EscapeString(name)...)
		b = append(b, "\" content=\""...)
		b = append(b, html.EscapeString(m.Content)...)
		b = append(b, "\">"...)
	}
	p.scratch = b
	return p.scratchString(start)
}
