package markdown

import "bytes"

// linkCounter counts "](" in each run of non-blank lines, and "[^" in the
// whole document, one line at a time.
type linkCounter struct {
	start, count, notes int // start: first line of the current paragraph
}

// line adds one line (number n) and reports a limit it breaks.
func (c *linkCounter) line(l []byte, n int) error {
	if c.start == 0 {
		c.start = n
	}
	if len(bytes.TrimSpace(l)) == 0 {
		c.start, c.count = n+1, 0
	} else if c.count += bytes.Count(l, []byte("](")); c.count > MaxLinksPerParagraph {
		return linksError(c.start)
	}
	refs := bytes.Count(l, []byte("[^"))
	if t := bytes.TrimLeft(l, " "); bytes.HasPrefix(t, []byte("[^")) && bytes.Contains(t, []byte("]:")) {
		refs-- // "[^1]: …" defines a footnote
	}
	if c.notes += refs; c.notes > MaxFootnoteRefs {
		return footnotesError(n)
	}
	return nil
}
