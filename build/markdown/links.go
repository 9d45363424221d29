package markdown

import (
	"bytes"
	"fmt"
)

// MaxLinksPerParagraph is how many "](" a paragraph may hold. goldmark's
// link parser takes time that grows with the square of a paragraph full of
// unclosed links ("[a]([a]([a](…": 64 KB of it take 3 s, 4 MB would take
// hours); real paragraphs hold a handful of links. At this limit a 4 MB
// file of such paragraphs renders in about 2 s.
const MaxLinksPerParagraph = 250

// A LinksError reports a paragraph with too many links to render.
type LinksError struct {
	Line int // 1-based line of the Markdown source where the paragraph starts
}

func (e *LinksError) Error() string {
	return fmt.Sprintf("line %d: more than %d links in one paragraph", e.Line, MaxLinksPerParagraph)
}

// checkLinks counts "](" in each run of non-blank lines.
func checkLinks(src []byte) error {
	line, start, count := 1, 1, 0
	for len(src) > 0 {
		end := bytes.IndexByte(src, '\n')
		l := src
		if end >= 0 {
			l, src = src[:end], src[end+1:]
		} else {
			src = nil
		}
		if len(bytes.TrimSpace(l)) == 0 {
			start, count = line+1, 0
		} else if count += bytes.Count(l, []byte("](")); count > MaxLinksPerParagraph {
			return &LinksError{Line: start}
		}
		line++
	}
	return nil
}
