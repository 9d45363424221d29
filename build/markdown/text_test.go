package markdown

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// textRenderer must write what goldmark's own renderText writes: each
// document is rendered by a Renderer and by one whose text nodes go back
// to goldmark, with each parser, and the HTML compared byte for byte.

var textSeeds = []string{
	"plain words\nsoft break  \nhard break\\\nvisible break\n",
	"\"quotes\" <b>raw</b> a < b > c & d && e &; &x &#; &#x; &#xZ;\n",
	"&amp; &copy; &AElig; &nosuchentity; &#40; &#x29; &#0; &#x110000; &#99999999; &#x1234567;\n",
	"\\* \\\\ \\& \\a \\ \\\" \\< end\\\n",
	"nul \x00 byte, \x00&amp;\x00\\\x00\n",
	"`code \\| <span>` | and `a|b`\n\n| `x \\| y` | b |\n|---|---|\n| `<&>` | \\| |\n",
	"[link *text* & \"more\"](/a/ \"ti&tle\") ![alt <b> & \\* \"x\"](/i.png)\n",
	"[a](/p?q=1&r=<2> \"t \\\" &quot; <x>\") [b](#frag 'ün') [c](/ä%20b\\[) [d](<> \"e\") [e]() [f](#)\n",
	"[j](javascript:x) [d](data:x) [D](DATA:x) [v](vbscript:x) [r](relative/) [s](//host/) [m](mailto:a@b)\n",
	"[a](/p?q=1&r=2 \"t &quot; \\\\ \\\" <x>\") [b](/ü/\\*/ (p&amp;))\n",
	"[ref][] [Ref] [x][ref]\n\n[ref]: /ref/ \"Ref & title\"\n",
	"<https://example.com/?a=1&b=2> www.example.com/a&b help@example.com\n",
	"Text[^1] \"quoted\" -- dash ... 'single' <<angle>>\n\n[^1]: A note & <more>.\n",
	"# Heading & \"Quotes\" <x>\n\nSetext \\> title\n---\n",
	"line\r\nwith CRLF \"ends\"\r\nand a lone\rCR\n",
	"tab\tseparated\t\"text\"\n\n    indented <code> & \\x\n",
	"Ünïcödé «x» — “y” 日本語 &eacute; &#12354;\n",
	"trailing \\",
	"&",
	"\\",
}

// stockText registers goldmark's own text and link functions over
// textRenderer's and linkRenderer's.
type stockText struct{ html renderer.NodeRenderer }

func (s stockText) SetOption(name renderer.OptionName, value any) {
	s.html.(renderer.SetOptioner).SetOption(name, value)
}

func (s stockText) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	s.html.RegisterFuncs(registerFunc(func(kind ast.NodeKind, f renderer.NodeRendererFunc) {
		if kind == ast.KindText || kind == ast.KindLink {
			reg.Register(kind, f)
		}
	}))
}

// withStockText returns a Renderer with goldmark's text and link functions
// back in place.
func withStockText(opts Options) *Renderer {
	r := New(opts)
	r.md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(stockText{html.NewRenderer()}, 1)))
	return r
}

func compareText(t *testing.T, fast, stock *Renderer, src []byte) {
	t.Helper()
	got, err1 := fast.Render(src)
	want, err2 := stock.Render(src)
	if fmt.Sprint(err1) != fmt.Sprint(err2) {
		t.Fatalf("%q: errors %v and %v", src, err1, err2)
	}
	if err1 != nil {
		return
	}
	if got.HTML != want.HTML {
		t.Fatalf("%q: HTML differs from goldmark's:\n%s\n--- goldmark:\n%s", src, got.HTML, want.HTML)
	}
	// The full parser, with linkify, cuts text nodes elsewhere.
	got, _ = fast.render(fast.md.Parser(), src)
	want, _ = stock.render(stock.md.Parser(), src)
	if got.HTML != want.HTML {
		t.Fatalf("%q: HTML with linkify differs from goldmark's:\n%s\n--- goldmark:\n%s", src, got.HTML, want.HTML)
	}
}

func TestTextRendererMatchesGoldmark(t *testing.T) {
	paths, _ := filepath.Glob("../../content/*/*.md")
	if len(paths) == 0 {
		t.Fatal("no articles in ../../content")
	}
	var docs [][]byte
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, src) // the front matter is Markdown too
	}
	for _, s := range append(textSeeds, linkifySeeds...) {
		docs = append(docs, []byte(s))
	}
	for _, opts := range []Options{{}, {BasePath: "/health/", UnsafeHTML: true}} {
		fast, stock := New(opts), withStockText(opts)
		for _, src := range docs {
			compareText(t, fast, stock, src)
		}
	}
}

func FuzzTextRenderer(f *testing.F) {
	for _, s := range append(textSeeds, linkifySeeds...) {
		f.Add([]byte(s))
	}
	fast, stock := New(Options{}), withStockText(Options{})
	f.Fuzz(func(t *testing.T, src []byte) {
		compareText(t, fast, stock, src)
	})
}
