package readability

import (
	"bytes"
	"sync"
	"unsafe"

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
	p := getProse(doc, src)
	defer proseBuffers.Put(p)
	if len(p.ends) == 0 {
		return nil
	}
	// One string holds every block, sliced: two allocations in all,
	// rather than a builder, its growth and a string for each block.
	// (Keeping one block keeps the others' text too: they are small.)
	all := string(p.text)
	blocks := make([]string, len(p.ends))
	start := 0
	for i, end := range p.ends {
		blocks[i] = all[start:end]
		start = end
	}
	return blocks
}

// MeasureDoc scores the prose of a document already parsed, as
// Measure(ProseOf(doc, src), lang) does, without making strings of the
// prose: the quality gate of a build scores every article this way.
func MeasureDoc(doc ast.Node, src []byte, lang string) Scores {
	p := getProse(doc, src)
	defer proseBuffers.Put(p)
	t := newTally(lang)
	start := 0
	for _, end := range p.ends {
		// The block is read in place. No string made from it outlives
		// this loop: the syllable cache keeps copies of the words.
		t.add(unsafe.String(&p.text[start], end-start))
		start = end
	}
	return t.scores()
}

// proseBuffer holds the prose of a document: the text of its blocks one
// after another, and where each block ends.
type proseBuffer struct {
	text []byte
	ends []int
}

// proseBuffers recycle the buffers the prose of documents is gathered in,
// so that scoring an article allocates nothing but its result.
var proseBuffers = sync.Pool{New: func() any { return new(proseBuffer) }}

// getProse gathers the prose of doc into a buffer from proseBuffers.
func getProse(doc ast.Node, src []byte) *proseBuffer {
	p := proseBuffers.Get().(*proseBuffer)
	p.text, p.ends = p.text[:0], p.ends[:0]
	p.gather(doc, src)
	return p
}

// gather appends the prose blocks of the tree at n, in document order: a
// depth-first walk that does not go into the blocks that are not prose.
func (p *proseBuffer) gather(n ast.Node, src []byte) {
	switch n.Kind() {
	case ast.KindHeading, ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindHTMLBlock,
		east.KindTable, east.KindFootnoteList, east.KindFootnote:
		return
	case ast.KindParagraph, ast.KindTextBlock:
		start := len(p.text)
		p.text = appendInlineText(p.text, n, src)
		// The block without the white space around it (as
		// strings.TrimSpace trims it), if anything is left.
		block := p.text[start:]
		t := bytes.TrimSpace(block)
		if len(t) == 0 {
			p.text = p.text[:start]
			return
		}
		if skipped := cap(block) - cap(t); skipped > 0 {
			copy(block, t) // white space at the start (rare): move the rest back
		}
		p.text = p.text[:start+len(t)]
		p.ends = append(p.ends, len(p.text))
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		p.gather(c, src)
	}
}

// appendInlineText appends the readable text of an inline subtree.
func appendInlineText(b []byte, n ast.Node, src []byte) []byte {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			b = append(b, t.Segment.Value(src)...)
			if t.SoftLineBreak() || t.HardLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			if w, ok := typographed[string(t.Value)]; ok {
				b = append(b, w...)
			} else {
				b = append(b, t.Value...)
			}
		case *ast.CodeSpan, *ast.RawHTML, *ast.Image, *ast.AutoLink, *east.FootnoteLink, *east.TaskCheckBox:
			// Not prose; a word of code or an address would skew the counts.
		default:
			b = appendInlineText(b, c, src)
		}
	}
	return b
}

// typographed maps what goldmark's typographer writes back to what the
// author typed, so that "don't" stays one word of one syllable.
var typographed = map[string]string{
	"&lsquo;": "'", "&rsquo;": "'", "&ldquo;": `"`, "&rdquo;": `"`,
	"&ndash;": "--", "&mdash;": "---", "&hellip;": "...", "&laquo;": "<<", "&raquo;": ">>",
}
