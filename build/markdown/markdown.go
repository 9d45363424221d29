// Package markdown turns an article's Markdown into HTML for Bedside.
//
// It is goldmark configured for health content: CommonMark plus GitHub
// Flavored Markdown (tables, strikethrough, autolinks, task lists),
// footnotes, typographic quotes and dashes, and fenced code highlighted by
// chroma with CSS classes (the stylesheet comes from [StyleSheet], so pages
// carry no inline styles). Raw HTML is dropped unless the site turns it on.
//
// Heading anchors and the table of contents are written here rather than
// taken from a goldmark extension (the usual anchor and TOC modules cannot be
// installed in Bedside's build environment, and they are small): an AST
// transformer gives each heading a stable id made by [site.Slugify] — which,
// unlike goldmark's default, keeps accented letters so Spanish headings get
// readable anchors — records the h2 and h3 headings for the table of
// contents, and a node renderer adds a visible "#" link to each h2–h4.
//
// Links are adjusted in the same pass: a site path ("/conditions/asthma/")
// is prefixed with the site's base path, so a site published below a folder
// of its host keeps working.
//
// Text, most of every page, is written by a node renderer of this package
// rather than goldmark's: it gives goldmark's bytes exactly, in about a
// quarter of the instructions, by copying plain runs whole (see text.go).
package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"unsafe"

	"github.com/bedside-health/bedside/site"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configure a Renderer.
type Options struct {
	// BasePath is the path of the site on its host, "/" or "/health/".
	BasePath string
	// UnsafeHTML lets raw HTML through. Off by default.
	UnsafeHTML bool
}

// Heading is one entry of a table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Result is a rendered Markdown document.
type Result struct {
	HTML     string
	Headings []Heading // h2 and h3, in order
	// Doc is the parsed document; its text segments point into the
	// source given to Render. The readability check reads its prose from
	// it rather than parsing the source a second time.
	Doc ast.Node
}

// H2Count returns how many second-level headings the document has.
func (r Result) H2Count() int {
	n := 0
	for _, h := range r.Headings {
		if h.Level == 2 {
			n++
		}
	}
	return n
}

// Renderer converts Markdown to HTML. It is safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
	// noLinkify is md without GFM's autolinks of bare addresses
	// ("www.…", "https://…", "name@host"), for the documents that hold
	// none: see [Renderer.parser].
	noLinkify goldmark.Markdown
	// highlight is the HTML of the fenced code blocks highlighted so far.
	highlight *highlightCache
}

// New returns a Renderer with Bedside's Markdown dialect.
func New(opts Options) *Renderer {
	return newRenderer(opts, newHighlightCache())
}

// newRenderer is New with the given cache of highlighted code; nil
// highlights every block.
func newRenderer(opts Options, cache *highlightCache) *Renderer {
	if opts.BasePath == "" {
		opts.BasePath = "/"
	}
	var htmlOpts []renderer.Option
	if opts.UnsafeHTML {
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	}
	highlight := highlightExtension{cache: cache}
	dialect := func(gfm ...goldmark.Extender) goldmark.Markdown {
		return goldmark.New(
			goldmark.WithExtensions(gfm...),
			goldmark.WithExtensions(
				extension.Footnote,
				extension.Typographer,
				highlight,
				videoExtension{basePath: opts.BasePath},
			),
			goldmark.WithParserOptions(
				parser.WithASTTransformers(util.Prioritized(&transformer{basePath: opts.BasePath}, 100)),
			),
			goldmark.WithRendererOptions(htmlOpts...),
			goldmark.WithRendererOptions(renderer.WithNodeRenderers(
				util.Prioritized(&headingRenderer{}, 100),
				util.Prioritized(textRenderer{}, 100),
				util.Prioritized(linkRenderer{html.NewRenderer()}, 100),
			)),
		)
	}
	return &Renderer{
		md: dialect(extension.GFM),
		// extension.GFM is Linkify, Table, Strikethrough and TaskList, in
		// this order.
		noLinkify: dialect(extension.Table, extension.Strikethrough, extension.TaskList),
		highlight: cache,
	}
}

// parser returns the parser for src. GFM's linkify parser is tried at every
// space of every line (and at '*', '_', '~' and '('), and each try also
// ends the text node before it, so it costs about a fifth of parsing an
// article and most of the text nodes of its tree, while almost no article
// body has a bare address. It can only make a link where "://" (after
// http, https or ftp), "www." or '@' is: without any of these in the
// document, the parser without it gives the same HTML, and a tree that
// differs only in where a run of text is cut into text nodes (their
// concatenation, and the line breaks after them, are the same).
func (r *Renderer) parser(src []byte) parser.Parser {
	if bytes.IndexByte(src, '@') >= 0 || bytes.Contains(src, []byte("://")) || bytes.Contains(src, []byte("www.")) ||
		hasTrailingBlanks(src) {
		return r.md.Parser()
	}
	return r.noLinkify.Parser()
}

// hasTrailingBlanks reports whether a line of src ends in two or more
// spaces or tabs, or src has a carriage return that is not followed by a
// line feed. goldmark trims blanks before a line break differently when
// linkify's parser has cut the run of text at one of them ("a    \nb" keeps
// a space before <br> with linkify, none without), and a lone '\r' before
// blanks stays in the text with linkify only ("a\r \nb"); both found by
// FuzzNoLinkify. Such documents keep the full parser, so that their HTML
// stays as it was. Files saved with Windows line ends (CRLF) do not.
func hasTrailingBlanks(src []byte) bool {
	// Look only at the bytes before each line end (found with the
	// vectorized IndexByte), not at every byte of the document.
	blanksBefore := func(end int) bool {
		if end > 0 && src[end-1] == '\r' {
			end--
		}
		return end >= 2 && isBlank(src[end-1]) && isBlank(src[end-2])
	}
	for rest := 0; ; {
		i := bytes.IndexByte(src[rest:], '\n')
		if i < 0 {
			break
		}
		if blanksBefore(rest + i) {
			return true
		}
		rest += i + 1
	}
	if blanksBefore(len(src)) {
		return true
	}
	for rest := 0; ; {
		i := bytes.IndexByte(src[rest:], '\r')
		if i < 0 {
			return false
		}
		rest += i + 1
		// A lone CR ends a line too; one that ends the file keeps the
		// full parser, as any other lone CR.
		if rest >= len(src) || src[rest] != '\n' {
			return true
		}
	}
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

var (
	headingsKey   = parser.NewContextKey() // []Heading: h2 and h3
	headingIDsKey = parser.NewContextKey() // []headingID: every heading's
)

// Render converts one document.
func (r *Renderer) Render(src []byte) (Result, error) {
	if err := checkLimits(src); err != nil {
		return Result{}, err
	}
	return r.render(r.parser(src), src)
}

// render is Render with the parser p.
func (r *Renderer) render(p parser.Parser, src []byte) (Result, error) {
	res, out, err := r.renderInto(p, src)
	if err == nil {
		res.HTML = out.String()
	}
	out.release()
	return res, err
}

// RenderBorrowed is Render with the HTML left in a buffer the Renderer
// reuses: res.HTML is good until release is called, and nothing may keep
// it, or a part of it, after that. A build needs most articles' HTML only
// until their page is written; copying it out, as Render does, was 60 MB
// of allocations for the 10,000-article corpus.
func (r *Renderer) RenderBorrowed(src []byte) (res Result, release func(), err error) {
	if err := checkLimits(src); err != nil {
		return Result{}, func() {}, err
	}
	res, out, err := r.renderInto(r.parser(src), src)
	if err != nil {
		out.release()
		return Result{}, func() {}, err
	}
	if out.Len() > 0 {
		res.HTML = unsafe.String(&out.Bytes()[0], out.Len())
	}
	return res, out.release, nil
}

// renderInto renders src into a buffer of renderBuffers, which the caller
// releases; res has everything but the HTML.
func (r *Renderer) renderInto(p parser.Parser, src []byte) (res Result, out *renderBuffer, err error) {
	ctx := parser.NewContext(parser.WithIDs(newSlugIDs()))
	doc := p.Parse(text.NewReader(src), parser.WithContext(ctx))
	out = renderBuffers.Get().(*renderBuffer)
	out.Reset()
	out.headingIDs, _ = ctx.Get(headingIDsKey).([]headingID)
	out.heading = 0
	if err := r.md.Renderer().Render(out, src, doc); err != nil {
		return Result{}, out, err
	}
	if out.Len() > MaxHTMLSize {
		return Result{}, out, sizeError(out.Len())
	}
	res = Result{Doc: doc}
	if hs, ok := ctx.Get(headingsKey).([]Heading); ok {
		res.Headings = hs
	}
	return res, out, nil
}

// renderBuffers recycle the buffers documents are rendered into: the
// result is copied out once, at its exact size, instead of growing a new
// buffer for every article.
var renderBuffers = sync.Pool{New: func() any { return new(renderBuffer) }}

// renderBuffer is the util.BufWriter goldmark renders into. A bytes.Buffer
// has all of its methods but these two; written to directly, it spares
// the copy of every byte that a bufio.Writer in front of it would make.
type renderBuffer struct {
	bytes.Buffer
	// headingIDs are the ids of the document's headings, from the
	// transformer, and heading is where the next is likely: headings are
	// mostly rendered in the order of the tree, but not all (the footnote
	// extension moves its notes to the end). goldmark's own ids
	// (parser.WithAutoHeadingID) are node attributes, and the first
	// attribute of a node allocates room for ten: 25 MB for the
	// 10,000-article corpus.
	headingIDs []headingID
	heading    int
}

// headingID is the id of a heading, and its text for the headings that
// have a self-link (h2 to h4), made once for the table of contents and
// the link's label.
type headingID struct {
	node *ast.Heading
	id   string
	text string
}

// idOf returns the id and text of heading n.
func (b *renderBuffer) idOf(n *ast.Heading) headingID {
	for k := range b.headingIDs {
		i := (b.heading + k) % len(b.headingIDs)
		if b.headingIDs[i].node == n {
			b.heading = i
			return b.headingIDs[i]
		}
	}
	return headingID{}
}

// release puts b back into renderBuffers, without the tree its heading
// ids point into.
func (b *renderBuffer) release() {
	b.headingIDs = nil
	renderBuffers.Put(b)
}

// Buffered is 0: nothing waits for Flush.
func (b *renderBuffer) Buffered() int { return 0 }

func (b *renderBuffer) Flush() error { return nil }

// Parse parses one document as Render does, without rendering it.
func (r *Renderer) Parse(src []byte) (ast.Node, error) {
	if err := checkLimits(src); err != nil {
		return nil, err
	}
	ctx := parser.NewContext(parser.WithIDs(newSlugIDs()))
	return r.parser(src).Parse(text.NewReader(src), parser.WithContext(ctx)), nil
}

// ForSite returns the Renderer of a site's configuration (base path, raw
// HTML switch), as a build uses it.
func ForSite(cfg *site.Config) *Renderer {
	return New(Options{BasePath: cfg.BasePath(), UnsafeHTML: cfg.Markdown.UnsafeHTML})
}

// PageIDs are the ids the default theme gives elements around an
// article's body: the skip link's target and the headings of the table of
// contents, the references and the disclosures. A heading never takes one
// ("## Main" gets main-1), or the skip link would land on it and the page
// would hold an id twice.
var PageIDs = []string{"main", "toc-heading", "references-heading", "disclosures-heading"}

// newSlugIDs returns the heading ids of one document, with PageIDs taken.
func newSlugIDs() *slugIDs {
	s := &slugIDs{seen: make(map[string]bool, len(PageIDs)+16), next: map[string]int{}}
	for _, id := range PageIDs {
		s.seen[id] = true
	}
	return s
}

// slugIDs gives headings ids made by site.Slugify, unique within a document.
type slugIDs struct {
	seen map[string]bool
	next map[string]int // base → the suffix to try next, so that k headings with one text cost O(k), not O(k²)
}

func (s *slugIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	return []byte(s.generate(string(value)))
}

// generate returns the id of a heading whose text is text.
func (s *slugIDs) generate(text string) string {
	base := site.Slugify(text)
	if base == "" {
		base = "section"
	}
	id := base
	for n := max(s.next[base], 1); s.seen[id]; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
		s.next[base] = n + 1
	}
	s.seen[id] = true
	return id
}

func (s *slugIDs) Put(value []byte) { s.seen[string(value)] = true }

// transformer records headings and rewrites site-absolute links.
type transformer struct {
	basePath string
}

func (t *transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	ids, _ := pc.IDs().(*slugIDs)
	var headings []Heading
	var headingIDs []headingID
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch node := n.(type) {
		case *ast.Heading:
			// The id is made from the heading's text without markup, as
			// Hugo's are, in the order of the document: a link in a
			// heading gives its words to the id, not its address.
			text := PlainText(node, src)
			id := ""
			if ids != nil {
				id = ids.generate(text)
			}
			h := headingID{node: node, id: id}
			if node.Level >= 2 && node.Level <= 4 {
				h.text = text
			}
			headingIDs = append(headingIDs, h)
			if node.Level == 2 || node.Level == 3 {
				headings = append(headings, Heading{Level: node.Level, ID: id, Text: h.text})
			}
		case *ast.Link:
			node.Destination = t.rewrite(node.Destination)
		case *ast.Image:
			node.Destination = t.rewrite(node.Destination)
		}
		// A site at the root of its host has no link to rewrite, and a
		// heading is never inside a block of inline content (a paragraph,
		// a heading, a table cell): the inline nodes, most of the tree,
		// need not be visited.
		if t.basePath == "/" && n.FirstChild() != nil && n.FirstChild().Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	pc.Set(headingsKey, headings)
	pc.Set(headingIDsKey, headingIDs)
}

func (t *transformer) rewrite(dest []byte) []byte {
	if t.basePath == "/" || len(dest) == 0 || dest[0] != '/' || bytes.HasPrefix(dest, []byte("//")) {
		return dest
	}
	return append([]byte(t.basePath), dest[1:]...)
}

// PlainText returns the text of a node and its children, without markup.
func PlainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			for ch := t.FirstChild(); ch != nil; ch = ch.NextSibling() {
				if tx, ok := ch.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// writeEscaped writes s escaped for HTML. An id made by site.Slugify
// needs no escaping, and is written without a copy.
func writeEscaped(w util.BufWriter, s string) {
	if strings.ContainsAny(s, `&<>"'`) {
		_, _ = w.Write(util.EscapeHTML([]byte(s)))
		return
	}
	_, _ = w.WriteString(s)
}

// headingRenderer writes headings with their id and, for h2 to h4, a
// self-link that readers can copy to share a section.
type headingRenderer struct{}

func (r *headingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.render)
}

func (r *headingRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	var h headingID
	if rb, ok := w.(*renderBuffer); ok {
		h = rb.idOf(n)
	}
	id := h.id
	level := byte('0' + n.Level) // 1 to 6
	if entering {
		_, _ = w.WriteString("<h")
		_ = w.WriteByte(level)
		if len(id) > 0 {
			_, _ = w.WriteString(` id="`)
			writeEscaped(w, id)
			_ = w.WriteByte('"')
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if len(id) > 0 && n.Level >= 2 && n.Level <= 4 {
		_, _ = w.WriteString(` <a class="anchor" href="#`)
		writeEscaped(w, id)
		_, _ = w.WriteString(`" aria-label="Link to this section: `)
		_, _ = w.Write(util.EscapeHTML([]byte(h.text)))
		_, _ = w.WriteString(`">#</a>`)
	}
	_, _ = w.WriteString("</h")
	_ = w.WriteByte(level)
	_, _ = w.WriteString(">\n")
	return ast.WalkContinue, nil
}
