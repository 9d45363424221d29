package markdown

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// codeDocs are documents of fenced code that differ in one thing each: the
// language, the code, the attributes, no info string, an unknown language.
var codeDocs = []string{
	"```go\nfunc main() {}\n```\n",
	"~~~go\nfunc main() {}\n~~~\n", // renders as the block above, from the same key
	"```python\nfunc main() {}\n```\n",
	"```go\nfunc main() { }\n```\n",
	"```go {hl_lines=[1]}\nfunc main() {}\n```\n",
	"```go {linenos=true}\nfunc main() {}\n```\n",
	"```\nfunc main() {}\n```\n",
	"```nosuchlang\nfunc main() {}\n```\n",
	"```json\n{\"a\": 1}\n```\n",
	"```json\n{\"a\": 1}\n\n```\n",
	"- item\n\n  ```go\n  func main() {}\n  ```\n",
	"```go\n```\n",
	"```go\n\tx := 1 // <b>&amp;</b>\n```\n",
	"```html\n<script>alert(1)</script>\n```\n",
	"Some *text*.\n\n```go\nfunc main() {}\n```\n\n```json\n{\"a\": 1}\n```\n",
}

// uncached renders src with a Renderer that highlights every block.
func uncached(t testing.TB, opts Options, src string) string {
	t.Helper()
	res, err := newRenderer(opts, nil).Render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return res.HTML
}

// TestHighlightCacheSameHTML: with the cache, every document renders as
// without it, the first time and when its blocks come from the cache, and
// documents that differ in their code or its info string keep differing.
func TestHighlightCacheSameHTML(t *testing.T) {
	for _, opts := range []Options{{}, {UnsafeHTML: true}} {
		r := New(opts)
		seen := map[string]string{}
		for round := 0; round < 3; round++ {
			for _, src := range codeDocs {
				want := uncached(t, opts, src)
				res, err := r.Render([]byte(src))
				if err != nil {
					t.Fatal(err)
				}
				if res.HTML != want {
					t.Fatalf("round %d, %q:\ncached:   %q\nuncached: %q", round, src, res.HTML, want)
				}
				if strings.HasPrefix(src, "~~~") {
					continue
				}
				if other, ok := seen[want]; ok && other != src {
					t.Fatalf("%q and %q render the same: %q", src, other, want)
				}
				seen[want] = src
			}
		}
		if len(r.highlight.html) == 0 {
			t.Fatal("nothing was cached")
		}
	}
}

// TestHighlightCacheConcurrent renders the same and different blocks from
// many goroutines at once (run with -race).
func TestHighlightCacheConcurrent(t *testing.T) {
	r := New(Options{})
	want := make([]string, len(codeDocs))
	for i, src := range codeDocs {
		want[i] = uncached(t, Options{}, src)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				k := (i + g) % len(codeDocs)
				res, err := r.Render([]byte(codeDocs[k]))
				if err == nil && res.HTML != want[k] {
					err = fmt.Errorf("%q: got %q, want %q", codeDocs[k], res.HTML, want[k])
				}
				if err != nil {
					errs <- err
					return
				}
				if i%50 == 0 { // and a block no one else renders
					src := fmt.Sprintf("```go\nvar x%d_%d = 1\n```\n", g, i)
					if res, err := r.Render([]byte(src)); err != nil || !strings.Contains(res.HTML, fmt.Sprintf("x%d_%d", g, i)) {
						errs <- fmt.Errorf("%q: %v %q", src, err, res.HTML)
						return
					}
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// TestHighlightCacheBounded: distinct blocks are kept, yet never more than
// maxHighlightCache bytes of them, and a block longer than maxCachedCode is not
// kept (and still renders as without the cache).
func TestHighlightCacheBounded(t *testing.T) {
	r := New(Options{})
	c := r.highlight
	line := strings.Repeat("x := 1 + 2 // padding padding padding\n", 20)
	for i := 0; i < 20; i++ {
		if _, err := r.Render([]byte(fmt.Sprintf("```go\n// %d\n%s```\n", i, line))); err != nil {
			t.Fatal(err)
		}
	}
	if len(c.html) != 20 {
		t.Fatalf("%d blocks cached, want 20", len(c.html))
	}
	html := strings.Repeat("<span>", 2000)
	most := 0
	for i := 0; i < 3*maxHighlightCache/len(html); i++ {
		c.add(fmt.Sprintf("\x01go\n// %d\n", i), html)
		if c.size > maxHighlightCache {
			t.Fatalf("cache holds %d bytes, more than %d", c.size, maxHighlightCache)
		}
		most = max(most, c.size)
	}
	if most < maxHighlightCache*9/10 {
		t.Fatalf("the cache held at most %d bytes", most)
	}
	total := 0
	for k, v := range c.html {
		total += len(k) + len(v)
	}
	if total != c.size {
		t.Fatalf("size %d, counted %d", c.size, total)
	}
	clear(c.html)
	c.size = 0
	long := "```go\n" + strings.Repeat("y := 2\n", maxCachedCode/7+1) + "```\n"
	res, err := r.Render([]byte(long))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.html) != 0 {
		t.Fatalf("a block of %d bytes was cached", len(long))
	}
	if res.HTML != uncached(t, Options{}, long) {
		t.Fatal("a long block renders differently")
	}
}
