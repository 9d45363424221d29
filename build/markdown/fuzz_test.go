package markdown_test

import (
	"bytes"
	"errors"
	"testing"
	"unicode/utf8"

	"github.com/bedside-health/bedside/build/markdown"
)

// FuzzRender: rendering any Markdown never panics; the only errors are the
// limits of limits.go; raw HTML stays escaped (the site does not turn it on);
// heading ids are unique; valid UTF-8 in gives valid UTF-8 out. The seed
// corpus is in testdata/fuzz/FuzzRender.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"# Title\n\n## Signs\n\n- a\n- b\n\n## Signs\n",
		"| a | b |\n|---|---|\n| 1 | 2 |\n",
		"Text[^1].\n\n[^1]: A note.\n",
		"```go\nfunc main() {}\n```\n",
		"<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>",
		"[link](/conditions/asthma/) and ![img](/images/x.png)",
		"> > > - - - deep",
	} {
		f.Add([]byte(s))
	}
	r := markdown.New(markdown.Options{BasePath: "/health/"})
	f.Fuzz(func(t *testing.T, src []byte) {
		res, err := r.Render(src)
		if err != nil {
			var limit *markdown.LimitError
			if !errors.As(err, &limit) || limit.Line < 0 || limit.Line > bytes.Count(src, []byte("\n"))+1 || limit.Message == "" || limit.Hint == "" {
				t.Fatalf("Render: %v", err)
			}
			return
		}
		lower := bytes.ToLower([]byte(res.HTML))
		for _, tag := range []string{"<script", "<iframe", "<img src=x", "<style"} {
			if bytes.Contains(lower, []byte(tag)) {
				t.Fatalf("raw HTML %s came through:\n%s", tag, res.HTML)
			}
		}
		seen := map[string]bool{}
		for _, h := range res.Headings {
			if h.ID == "" || seen[h.ID] {
				t.Fatalf("heading id %q empty or repeated in %v", h.ID, res.Headings)
			}
			seen[h.ID] = true
		}
		if utf8.Valid(src) && !utf8.ValidString(res.HTML) {
			t.Fatalf("valid UTF-8 in, invalid UTF-8 out: %q", res.HTML)
		}
	})
}
