package markdown

import (
	"sync"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Fenced code is highlighted by goldmark-highlighting (chroma, with CSS
// classes), and what it writes for a block is kept: articles repeat code
// blocks (the same JSON example, the same command), and lexing and
// formatting one costs far more than looking it up.
//
// What the highlighter writes for a block depends on nothing but the
// block's info string (its language and {attributes}) and its code, given
// the renderer's options, which are fixed for a Renderer; the cache is
// the Renderer's own, so that is the key.

const (
	// maxCachedCode is the longest code (with its info string) whose HTML
	// is kept; longer blocks are highlighted each time.
	maxCachedCode = 16 << 10
	// maxHighlightCache is how many bytes of keys and HTML a Renderer keeps.
	// When a new block would pass it, the cache starts again empty.
	maxHighlightCache = 4 << 20
)

// highlightExtension is highlighting.NewHighlighting with its renderer
// wrapped in a highlightCache, at the priority the extension gives it.
type highlightExtension struct {
	cache *highlightCache
}

func (e highlightExtension) Extend(m goldmark.Markdown) {
	inner := highlighting.NewHTMLRenderer(highlighting.WithFormatOptions(chromahtml.WithClasses(true))).(highlighter)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(&cachedHighlighter{inner: inner, cache: e.cache}, 200)))
}

type cachedHighlighter struct {
	inner highlighter
	cache *highlightCache
}

// highlighter is what highlighting.NewHTMLRenderer returns.
type highlighter interface {
	renderer.NodeRenderer
	renderer.SetOptioner
}

// SetOption passes the renderer's options (raw HTML, XHTML…) on to the
// highlighter, as goldmark does for the renderers it holds.
func (h *cachedHighlighter) SetOption(name renderer.OptionName, value any) {
	h.inner.SetOption(name, value)
}

func (h *cachedHighlighter) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	var render renderer.NodeRendererFunc
	h.inner.RegisterFuncs(registerFunc(func(kind ast.NodeKind, f renderer.NodeRendererFunc) {
		if kind == ast.KindFencedCodeBlock {
			render = f
		}
	}))
	reg.Register(ast.KindFencedCodeBlock, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return render(w, src, node, entering)
		}
		return h.cache.render(w, src, node.(*ast.FencedCodeBlock), render)
	})
}

type registerFunc func(ast.NodeKind, renderer.NodeRendererFunc)

func (f registerFunc) Register(kind ast.NodeKind, v renderer.NodeRendererFunc) { f(kind, v) }

// highlightCache maps a block's key to the HTML the highlighter wrote for
// it. It is safe for concurrent use. A nil cache keeps nothing.
type highlightCache struct {
	mu   sync.RWMutex
	html map[string]string
	size int // bytes of keys and values in html
}

func newHighlightCache() *highlightCache {
	return &highlightCache{html: map[string]string{}}
}

// keyBuffers hold the keys being looked up, so that a hit allocates nothing.
var keyBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// blockKey appends the key of n to b: 0 for a block without an info
// string, or 1 and the info string (a single line) and '\n'; then the code.
func blockKey(b []byte, src []byte, n *ast.FencedCodeBlock) []byte {
	if n.Info == nil {
		b = append(b, 0)
	} else {
		b = append(b, 1)
		b = append(b, n.Info.Segment.Value(src)...)
		b = append(b, '\n')
	}
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b = append(b, seg.Value(src)...)
	}
	return b
}

func (c *highlightCache) render(w util.BufWriter, src []byte, n *ast.FencedCodeBlock, render renderer.NodeRendererFunc) (ast.WalkStatus, error) {
	if c == nil {
		return render(w, src, n, true)
	}
	size := 0
	if n.Info != nil {
		size += n.Info.Segment.Len()
	}
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		size += seg.Len()
	}
	if size > maxCachedCode {
		return render(w, src, n, true)
	}
	kb := keyBuffers.Get().(*[]byte)
	defer keyBuffers.Put(kb)
	key := blockKey((*kb)[:0], src, n)
	*kb = key
	c.mu.RLock()
	html, ok := c.html[string(key)]
	c.mu.RUnlock()
	if ok {
		_, err := w.WriteString(html)
		return ast.WalkContinue, err
	}
	out := renderBuffers.Get().(*renderBuffer)
	defer renderBuffers.Put(out)
	out.Reset()
	status, err := render(out, src, n, true)
	if err != nil {
		return status, err
	}
	html = out.String()
	c.add(string(key), html)
	_, err = w.WriteString(html)
	return status, err
}

func (c *highlightCache) add(key, html string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.html[key]; ok {
		return
	}
	if c.size+len(key)+len(html) > maxHighlightCache {
		clear(c.html)
		c.size = 0
	}
	c.html[key] = html
	c.size += len(key) + len(html)
}
