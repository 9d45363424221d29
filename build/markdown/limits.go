package markdown

import (
	"bytes"
	"fmt"
)

// Bedside refuses Markdown that would cost far more time or memory to
// render than any real article, rather than hang or exhaust memory on a
// paste gone wrong. Each limit is far above what a health article needs.
const (
	// MaxNesting is how many lists and quotes may sit inside one another.
	// Real articles nest three or four levels; goldmark's cost grows with
	// the square of the depth (a 4 MB file of 2,000 indented list levels
	// took 13 s and 500 MB).
	MaxNesting = 100
	// MaxLinksPerParagraph is how many "](" a paragraph may hold. goldmark's
	// link parser takes time that grows with the square of a paragraph full
	// of unclosed links ("[a]([a]([a](…": 64 KB of it took 3 s, 4 MB would
	// take hours). At this limit a 4 MB file of such paragraphs renders in
	// about 2 s.
	MaxLinksPerParagraph = 250
	// MaxFootnoteRefs is how many footnote references ("[^1]") a document
	// may hold. Each renders to about 150 bytes of HTML: 1 MB of "[^a]"
	// became a 47 MB page and 2.4 GB of memory in the build.
	MaxFootnoteRefs = 2000
	// MaxHTMLSize is the largest HTML a document may render to. A long
	// article renders to a few hundred kilobytes; the checks that read every
	// page need about fifty times a page's size in memory.
	MaxHTMLSize = 8 << 20
)

// A LimitError reports Markdown beyond one of the limits above.
type LimitError struct {
	Line    int    // 1-based line of the Markdown source; 0 for the whole document
	Message string // what is wrong
	Hint    string // how to fix it
}

func (e *LimitError) Error() string {
	if e.Line == 0 {
		return e.Message
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Message)
}

func nestingError(line int) error {
	return &LimitError{Line: line, Message: fmt.Sprintf("Markdown nested more than %d levels deep", MaxNesting),
		Hint: "lists or quotes inside one another this deep are a mistake; remove some of the leading spaces, - or > marks"}
}

func linksError(line int) error {
	return &LimitError{Line: line, Message: fmt.Sprintf("more than %d links in one paragraph", MaxLinksPerParagraph),
		Hint: "a paragraph this full of [text](address) is likely a paste gone wrong; split it with blank lines or remove the stray ]("}
}

func footnotesError(line int) error {
	return &LimitError{Line: line, Message: fmt.Sprintf("more than %d footnote references", MaxFootnoteRefs),
		Hint: "cite each source once or twice; list the rest in references: in the front matter"}
}

func sizeError(size int) error {
	return &LimitError{Message: fmt.Sprintf("renders to %.1f MB of HTML; a page may be at most %d MB", float64(size)/(1<<20), MaxHTMLSize>>20),
		Hint: "split it into shorter articles"}
}

// checkLimits reads the source once, line by line, before goldmark sees it:
// nesting (list markers, '>' marks and indentation at the start of each
// line), links per paragraph and footnote references. A nesting error
// anywhere is reported before a link error, as it is the likelier cause.
func checkLimits(src []byte) error {
	// A paragraph cannot hold more "](" than the whole document, nor can
	// the document's footnote references outnumber its "[^"; counting both
	// in the whole document (with the vectorized search) spares nearly
	// every article counting them line by line.
	countLinks := bytes.Count(src, []byte("](")) > MaxLinksPerParagraph || bytes.Count(src, []byte("[^")) > MaxFootnoteRefs
	return checkLines(src, countLinks)
}

// checkLines is checkLimits, with links and footnote references counted
// only if countLinks.
func checkLines(src []byte, countLinks bool) error {
	var links linkCounter
	var linkErr error
	for n := 1; len(src) > 0; n++ {
		l := src
		if end := bytes.IndexByte(src, '\n'); end >= 0 {
			l, src = src[:end], src[end+1:]
		} else {
			src = nil
		}
		if markers, indent := lineNesting(l); markers > MaxNesting || indent > maxIndent || markers > 0 && indent > maxListIndent {
			return nestingError(n)
		}
		if countLinks && linkErr == nil {
			linkErr = links.line(l, n)
		}
	}
	return linkErr
}
