package readability

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// proseParser knows the syntax that is not prose: blocks (code, HTML,
// tables, footnote definitions) and the inlines that hide words or add some
// (code spans, link destinations, autolinks, raw HTML, footnote marks). It
// leaves out emphasis, whose * and _ change no word count, and GFM's slow
// linkify.
var proseParser = parser.NewParser(
	parser.WithBlockParsers(append(parser.DefaultBlockParsers(),
		util.Prioritized(extension.NewFootnoteBlockParser(), 999))...),
	parser.WithInlineParsers(
		util.Prioritized(parser.NewCodeSpanParser(), 100),
		util.Prioritized(extension.NewFootnoteParser(), 101),
		util.Prioritized(parser.NewLinkParser(), 200),
		util.Prioritized(parser.NewAutoLinkParser(), 300),
		util.Prioritized(parser.NewRawHTMLParser(), 400),
	),
	parser.WithParagraphTransformers(append(parser.DefaultParagraphTransformers(),
		util.Prioritized(extension.NewTableParagraphTransformer(), 200))...),
)

// Prose returns the blocks of prose of a Markdown document (the body after
// its front matter): the text of each paragraph and list item, with link
// text kept and the markup dropped. Headings, code (blocks and inline),
// tables, raw HTML, images and footnote definitions are left out: they are
// not read as running text.
func Prose(src []byte) []string {
	return ProseOf(proseParser.Parse(text.NewReader(src)), src)
}

// ProseOf returns the blocks of prose of a document already parsed (by
// Bedside's Markdown renderer, whose typographer turns quotes and dashes
// into entities: they are read back as the characters written), so that a
// build does not parse each article twice. src is the text doc was parsed
// from.
func ProseOf(doc ast.Node, src []byte) []string {
	var blocks []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindHeading, ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindHTMLBlock,
			east.KindTable, east.KindFootnoteList, east.KindFootnote:
			return ast.WalkSkipChildren, nil
		case ast.KindParagraph, ast.KindTextBlock:
			var b strings.Builder
			inlineText(&b, n, src)
			if t := strings.TrimSpace(b.String()); t != "" {
				blocks = append(blocks, t)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return blocks
}

// inlineText writes the readable text of an inline subtree.
func inlineText(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if w, ok := typographed[string(t.Value)]; ok {
				b.WriteString(w)
			} else {
				b.Write(t.Value)
			}
		case *ast.CodeSpan, *ast.RawHTML, *ast.Image, *ast.AutoLink, *east.FootnoteLink, *east.TaskCheckBox:
			// Not prose; a word of code or an address would skew the counts.
		default:
			inlineText(b, c, src)
		}
	}
}

// typographed maps what goldmark's typographer writes back to what the
// author typed, so that "don't" stays one word of one syllable.
var typographed = map[string]string{
	"&lsquo;": "'", "&rsquo;": "'", "&ldquo;": `"`, "&rdquo;": `"`,
	"&ndash;": "--", "&mdash;": "---", "&hellip;": "...", "&laquo;": "<<", "&raquo;": ">>",
}
