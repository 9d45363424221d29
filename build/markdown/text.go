package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Text is most of an article, and goldmark's html renderer writes each text
// node through its Writer, which reads every byte twice (once for entity
// references and backslash escapes, once more to escape it for HTML) and
// writes it in pieces. textRenderer writes the same bytes: it copies the
// runs of text that need nothing, escapes '"', '<' and '>' itself, and
// hands the rest of a node to goldmark's writer from the first byte whose
// meaning depends on what follows it ('&' may start an entity reference,
// '\\' a backslash escape) or that it replaces ('\x00'). Up to that byte
// goldmark's writer would only have escaped, so what it writes for the rest
// follows on exactly. TestTextRendererMatchesGoldmark and FuzzTextRenderer
// compare the two.
//
// It assumes what New configures: goldmark's default Writer, no hard wraps,
// HTML rather than XHTML, and no East Asian line-break rules.
type textRenderer struct{}

func (textRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindText, renderText)
}

func renderText(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Text)
	writeText(w, n.Segment.Value(src), n.IsRaw())
	if n.IsRaw() {
		return ast.WalkContinue, nil
	}
	if n.HardLineBreak() {
		_, _ = w.WriteString("<br>\n")
	} else if n.SoftLineBreak() {
		_ = w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

// textSpecial marks the bytes that goldmark's writers do not copy as they
// are: util.EscapeHTMLByte's, and the backslash.
var textSpecial = [256]bool{0: true, '"': true, '&': true, '<': true, '>': true, '\\': true}

// writeText writes s as goldmark's writer does: its RawWrite if raw, else
// its Write.
func writeText(w util.BufWriter, s []byte, raw bool) {
	for {
		i := 0
		for i < len(s) && !textSpecial[s[i]] {
			i++
		}
		_, _ = w.Write(s[:i])
		if i == len(s) {
			return
		}
		switch c := s[i]; c {
		case '"', '<', '>':
			_, _ = w.Write(util.EscapeHTMLByte(c))
			s = s[i+1:]
		default:
			if raw {
				html.DefaultWriter.RawWrite(w, s[i:])
			} else {
				html.DefaultWriter.Write(w, s[i:])
			}
			return
		}
	}
}

// linkRenderer writes a link to a site path or a fragment ("/conditions/",
// "#signs") as goldmark's html renderer does, without its check for a
// dangerous address ("javascript:", "data:"…), which lower-cases a copy of
// the address for each prefix it knows, while one that starts with '/' or
// '#' can be none of them. Other links, and links with attributes, are left
// to goldmark's own function.
type linkRenderer struct {
	html renderer.NodeRenderer // goldmark's html renderer
}

// SetOption passes the renderer's options (raw HTML…) on to goldmark's.
func (r linkRenderer) SetOption(name renderer.OptionName, value any) {
	r.html.(renderer.SetOptioner).SetOption(name, value)
}

func (r linkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	var goldmarkLink renderer.NodeRendererFunc
	r.html.RegisterFuncs(registerFunc(func(kind ast.NodeKind, f renderer.NodeRendererFunc) {
		if kind == ast.KindLink {
			goldmarkLink = f
		}
	}))
	reg.Register(ast.KindLink, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*ast.Link)
		dest := n.Destination
		if !entering || len(dest) == 0 || (dest[0] != '/' && dest[0] != '#') || n.Attributes() != nil {
			return goldmarkLink(w, src, node, entering)
		}
		_, _ = w.WriteString(`<a href="`)
		_, _ = w.Write(util.EscapeHTML(util.URLEscape(dest, true)))
		_ = w.WriteByte('"')
		if n.Title != nil {
			_, _ = w.WriteString(` title="`)
			writeText(w, n.Title, false)
			_ = w.WriteByte('"')
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	})
}
