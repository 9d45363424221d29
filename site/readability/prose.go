package readability

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// proseParser knows the block syntax that is not prose (tables, footnotes);
// it leaves out GFM's linkify, which is slow and changes no word count.
var proseParser = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Footnote)).Parser()

// Prose returns the blocks of prose of a Markdown document (the body after
// its front matter): the text of each paragraph and list item, with link
// text kept and the markup dropped. Headings, code (blocks and inline),
// tables, raw HTML, images and footnote definitions are left out: they are
// not read as running text.
func Prose(src []byte) []string {
	doc := proseParser.Parse(text.NewReader(src))
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
			b.Write(t.Value)
		case *ast.CodeSpan, *ast.RawHTML, *ast.Image, *ast.AutoLink, *east.FootnoteLink, *east.TaskCheckBox:
			// Not prose; a word of code or an address would skew the counts.
		default:
			inlineText(b, c, src)
		}
	}
}
