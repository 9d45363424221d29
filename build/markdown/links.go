package markdown

import "bytes"

// checkLinks counts "](" in each run of non-blank lines, and "[^" in the
// whole document.
func checkLinks(src []byte) error {
	line, start, count, notes := 1, 1, 0, 0
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
			return linksError(start)
		}
		refs := bytes.Count(l, []byte("[^"))
		if t := bytes.TrimLeft(l, " "); bytes.HasPrefix(t, []byte("[^")) && bytes.Contains(t, []byte("]:")) {
			refs-- // "[^1]: …" defines a footnote
		}
		if notes += refs; notes > MaxFootnoteRefs {
			return footnotesError(line)
		}
		line++
	}
	return nil
}
