package markdown

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
)

// The parser without linkify must give the documents it is used for (no
// "://", "www." or '@') the HTML, headings and tree of the full parser; the
// trees may differ only in where a run of text is cut into text nodes.

var linkifySeeds = []string{
	"plain words, and more words\nsecond line  \nhard break\\\nvisible break\n",
	"a *b* _c_ ~~d~~ (e) *(f)* _(g_ ~h~ ***i*** __j__ **k\n",
	"- [ ] todo\n- [x] done\n  [ ] not a box\n\n1. (one) two\n",
	"| a | b |\n|---|:-:|\n| *x* (y) | ~~z~~ |\n",
	"Text[^1] and [link](/a/ \"t\") ![img](/i.png) [ref] <b>raw</b>\n\n[ref]: /r/\n[^1]: A (note).\n",
	"\"Quotes\" and 'single' -- dash --- em... <<a>> don't\n",
	"# H (1)\n\n## H *two*\n\n### H `code` three\n\nSetext\n---\n",
	"```go\nfunc (x) *y\n```\n\n    code (indented)\n\n> quote (with) *em*\n> > nested\n",
	"tabs\tand\t(tabs)\n\n-\tlist\twith tab\n\n\tindented\ttab\n",
	"trailing space \nnext\\ line \\\\\nend \\*not em\\* \\(p\\)\n",
	"ftp:/x http:x https:/ ww.x w.ww.x mailto:x x:y\n",
	"&amp; &copy; &#40; &#x29; (&nbsp;)\n",
	"<div>\n*block* (html)\n</div>\n\n<!-- c (x) -->\n",
	"* a\n* b\n\n+ (c)\n\n***\n\n_ _ _\n",
	"Ünïcödé (ß) «x» — “y” 日本語 (テスト)\n",
}

func FuzzNoLinkify(f *testing.F) {
	for _, s := range linkifySeeds {
		f.Add([]byte(s))
	}
	r := New(Options{BasePath: "/health/"})
	f.Fuzz(func(t *testing.T, src []byte) {
		if checkLimits(src) != nil || r.parser(src) != r.noLinkify.Parser() {
			return
		}
		compareParsers(t, r, src)
	})
}

// TestNoLinkifyArticles: the sample site's articles and the seeds.
func TestNoLinkifyArticles(t *testing.T) {
	paths, _ := filepath.Glob("../../content/*/*.md")
	var docs [][]byte
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, src) // the front matter is Markdown too
	}
	for _, s := range linkifySeeds {
		docs = append(docs, []byte(s))
	}
	n := 0
	for _, opts := range []Options{{}, {BasePath: "/health/", UnsafeHTML: true}} {
		r := New(opts)
		for _, src := range docs {
			if r.parser(src) == r.noLinkify.Parser() {
				compareParsers(t, r, src)
				n++
			}
		}
	}
	if n < len(linkifySeeds) {
		t.Fatalf("only %d documents went without linkify", n)
	}
}

func TestParserChoice(t *testing.T) {
	r := New(Options{})
	for src, full := range map[string]bool{
		"no address here":                false,
		"see www.example.com":            true,
		"see https://example.com":        true,
		"see ftp://example.com":          true,
		"write to help@example.com":      true,
		"an @ alone still takes linkify": true,
		"WWW.EXAMPLE.COM is not linked":  false,
		"<https://example.com>":          true,
		"one trailing space \nbreak":     false,
		"a hard break    \nwith four":    true, // linkify keeps a space before <br>
		"tabs at the end\t\t\nof a line": true,
		"blanks at the very end  ":       true,
		"a lone CR\r \nbefore blanks":    true, // linkify keeps the \r
		"a lone CR\rends a line":         true,
		"Windows \r\nline ends\r\n":      false,
	} {
		if got := r.parser([]byte(src)) == r.md.Parser(); got != full {
			t.Errorf("%q: full parser %v, want %v", src, got, full)
		}
		// The choice never changes the HTML.
		if htmlOf(t, r, r.md, src) != htmlOf(t, r, r.noLinkify, src) && !full {
			t.Errorf("%q renders differently without linkify", src)
		}
	}
}

func htmlOf(t *testing.T, r *Renderer, md goldmark.Markdown, src string) string {
	t.Helper()
	res, err := r.render(md.Parser(), []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return res.HTML
}

func compareParsers(t *testing.T, r *Renderer, src []byte) {
	t.Helper()
	full, err1 := r.render(r.md.Parser(), src)
	fast, err2 := r.render(r.noLinkify.Parser(), src)
	if fmt.Sprint(err1) != fmt.Sprint(err2) {
		t.Fatalf("%q: errors %v and %v", src, err1, err2)
	}
	if err1 != nil {
		return
	}
	if full.HTML != fast.HTML {
		t.Fatalf("%q: HTML differs without linkify:\n%s\n---\n%s", src, full.HTML, fast.HTML)
	}
	if fmt.Sprint(full.Headings) != fmt.Sprint(fast.Headings) {
		t.Fatalf("%q: headings differ without linkify: %v, %v", src, full.Headings, fast.Headings)
	}
	if a, b := dumpTree(full.Doc, src), dumpTree(fast.Doc, src); a != b {
		t.Fatalf("%q: trees differ without linkify:\n%s\n---\n%s", src, a, b)
	}
}

// dumpTree writes the tree with each run of sibling text nodes joined up to
// its line break.
func dumpTree(doc ast.Node, src []byte) string {
	var b bytes.Buffer
	var dump func(n ast.Node, depth int)
	dump = func(n ast.Node, depth int) {
		fmt.Fprintf(&b, "%*s%s", depth, "", n.Kind())
		if n.Type() == ast.TypeBlock {
			for i := 0; i < n.Lines().Len(); i++ {
				fmt.Fprintf(&b, " %v", n.Lines().At(i))
			}
		}
		b.WriteByte('\n')
		var run []byte
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			t, ok := c.(*ast.Text)
			if !ok {
				dump(c, depth+1)
				continue
			}
			run = append(run, t.Segment.Value(src)...)
			next, ok := c.NextSibling().(*ast.Text)
			if t.SoftLineBreak() || t.HardLineBreak() || !ok || next.IsRaw() != t.IsRaw() {
				fmt.Fprintf(&b, "%*sText %q soft=%v hard=%v raw=%v\n", depth+1, "", run, t.SoftLineBreak(), t.HardLineBreak(), t.IsRaw())
				run = nil
			}
		}
	}
	dump(doc, 0)
	return b.String()
}

// TestHasTrailingBlanksMatchesByteLoop checks the line-end scan against the
// plain loop over every byte that it replaced, on every string of up to 7
// bytes made of a letter, blanks and line ends.
func TestHasTrailingBlanksMatchesByteLoop(t *testing.T) {
	reference := func(src []byte) bool {
		blanks := 0
		for i, c := range src {
			switch c {
			case ' ', '\t':
				blanks++
			case '\r':
				if i+1 >= len(src) || src[i+1] != '\n' || blanks >= 2 {
					return true
				}
				blanks = 0
			case '\n':
				if blanks >= 2 {
					return true
				}
				blanks = 0
			default:
				blanks = 0
			}
		}
		return blanks >= 2
	}
	alphabet := []byte("a \t\r\n")
	var gen func(prefix []byte)
	gen = func(prefix []byte) {
		if got, want := hasTrailingBlanks(prefix), reference(prefix); got != want {
			t.Fatalf("%q: %v, want %v", prefix, got, want)
		}
		if len(prefix) == 7 {
			return
		}
		for _, c := range alphabet {
			gen(append(prefix, c))
		}
	}
	gen(nil)
}
