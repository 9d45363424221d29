package build

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"html/template"
	"io"
	"strconv"
	"sync"

	"github.com/bedside-health/bedside/build/markdown"
	"github.com/bedside-health/bedside/site"
)

// This file holds what lets a long-running process (the dev server) rebuild
// a site in part: [Options.Only] limits which pages are rendered, and a
// [BodyCache] keeps rendered Markdown bodies between builds.

// selected reports whether the page at sitePath is to be rendered.
func (b *Build) selected(sitePath string) bool {
	return b.opts.Only == nil || b.opts.Only(sitePath)
}

// BodyCache keeps the rendered HTML of article bodies between builds, keyed
// by the article's source path and a hash of its Markdown and of the
// renderer's options, so that a rebuild renders only the bodies that
// changed. Bodies are stored compressed. It is safe for concurrent use.
type BodyCache struct {
	mu      sync.Mutex
	entries map[string]cachedBody // source path → last render
	hits    int
}

type cachedBody struct {
	sum  [sha256.Size]byte
	html []byte // deflated
	toc  []markdown.Heading
}

// NewBodyCache returns an empty cache.
func NewBodyCache() *BodyCache { return &BodyCache{entries: map[string]cachedBody{}} }

// Hits reports how many bodies were served from the cache so far.
func (c *BodyCache) Hits() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits
}

// Forget drops the entries of source paths that keep reports false, so
// that deleted files do not hold memory.
func (c *BodyCache) Forget(keep func(sourcePath string) bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.entries {
		if !keep(k) {
			delete(c.entries, k)
		}
	}
}

func bodySum(b *Build, a *site.Article) [sha256.Size]byte {
	h := sha256.New()
	h.Write([]byte(b.Config.BasePath() + "\x00" + strconv.FormatBool(b.Config.Markdown.UnsafeHTML) + "\x00"))
	h.Write(a.Body)
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

func (c *BodyCache) get(b *Build, a *site.Article) (*ArticleData, [sha256.Size]byte, bool) {
	sum := bodySum(b, a)
	c.mu.Lock()
	e, ok := c.entries[a.SourcePath]
	if ok && e.sum == sum {
		c.hits++
	}
	c.mu.Unlock()
	if !ok || e.sum != sum {
		return nil, sum, false
	}
	html, err := io.ReadAll(flate.NewReader(bytes.NewReader(e.html)))
	if err != nil {
		return nil, sum, false
	}
	return &ArticleData{Article: a, Content: template.HTML(html), TOC: e.toc}, sum, true
}

// flateWriters are reused: a new compressor allocates about a megabyte.
var flateWriters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(io.Discard, flate.BestSpeed)
	return w
}}

func (c *BodyCache) put(a *site.Article, sum [sha256.Size]byte, ad *ArticleData) {
	var buf bytes.Buffer
	w := flateWriters.Get().(*flate.Writer)
	w.Reset(&buf)
	w.Write([]byte(ad.Content))
	w.Close()
	flateWriters.Put(w)
	c.mu.Lock()
	c.entries[a.SourcePath] = cachedBody{sum: sum, html: buf.Bytes(), toc: ad.TOC}
	c.mu.Unlock()
}
