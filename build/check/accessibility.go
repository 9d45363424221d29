package check

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
)

// genericLinkText is link text that says nothing about where the link
// goes; screen-reader users often list a page's links out of context.
var genericLinkText = map[string]bool{
	"click here": true, "click": true, "here": true, "read more": true, "more": true, "link": true,
	"this link": true, "learn more": true, "click this": true, "go": true, "this": true,
}

// checkAccessibility lints one page: images without alt text and empty
// links (errors); skipped heading levels, more than one h1, generic link
// text and tables without header cells (warnings).
func (c *Checker) checkAccessibility(p *build.PageData, src source, scan *pageScan) {
	for _, img := range scan.images {
		if img.decorative || (img.hasAlt && strings.TrimSpace(img.alt) != "") {
			continue
		}
		// Markdown cannot mark an image as decorative, so ![](src) is always
		// a missing description; in HTML, alt="" marks a decorative image
		// (such as a logo beside the site name) and only a missing alt is.
		place, markdown := src.locate("](" + img.src)
		if !markdown {
			if img.hasAlt {
				continue
			}
			place, _ = src.locate(`src="`+img.src, img.src)
		}
		c.report(place, place.File != src.file || src.file == "", site.Error, p.URL,
			"describe the image for readers who cannot see it, like ![Inhaler with a spacer attached](...)",
			"image %s has no alt text", img.src)
	}
	c.checkUniqueIDs(p, src, scan)
	h1 := 0
	prev := 0
	for _, h := range scan.headings {
		if h.level == 1 {
			h1++
			if h1 == 2 {
				place, fromContent := src.locate("# "+h.text, h.text)
				c.report(place, !fromContent, site.Warning, p.URL,
					"the page title is the only level-1 heading; start sections with ## in Markdown",
					"second level-1 heading %q", h.text)
			}
		}
		if prev > 0 && h.level > prev+1 {
			place, fromContent := src.locate(strings.Repeat("#", h.level)+" "+h.text, h.text)
			c.report(place, !fromContent, site.Warning, p.URL,
				fmt.Sprintf("make it a level-%d heading (%s in Markdown) so that screen-reader users do not think a section is missing", prev+1, strings.Repeat("#", prev+1)),
				"heading %q skips from level %d to level %d", h.text, prev, h.level)
		}
		prev = h.level
	}
	for _, a := range scan.anchors {
		text := strings.TrimSpace(a.text)
		generic := false
		if len(text) <= 24 { // longer text is not one of the generic phrases
			text = joinFields(text)
			generic = isGenericLinkText(trimLinkText(text))
		}
		switch {
		case text == "":
			place, fromContent := src.locate("[]("+a.href, "]("+a.href, a.href)
			if !fromContent && c.faulty[a.href] {
				continue // an article's missing title, reported at its source
			}
			c.report(place, !fromContent, site.Error, p.URL,
				"write the link text in the brackets, like [Asthma action plan](...)",
				"link to %s has no text", a.href)
		case generic:
			place, fromContent := src.locate("["+text+"]", text)
			c.report(place, !fromContent, site.Warning, p.URL,
				"say where the link goes, like [how to use an inhaler](...); screen-reader users often hear links out of context",
				"link text %q does not say where the link goes", text)
		}
	}
	for i := 0; i < scan.tables; i++ {
		place, fromContent := src.locate("<table", "|")
		c.report(place, !fromContent, site.Warning, p.URL,
			"give the table a header row (the first row of a Markdown table, followed by |---|)",
			"table without header cells")
	}
}

// trimLinkText returns strings.Trim(text, ".…:!→» "). Its cutset is not
// ASCII, which makes strings.Trim slow; most link texts start and end with
// an ASCII byte that is not in it, and have nothing to trim.
func trimLinkText(text string) string {
	const cutset = ".…:!→» "
	if n := len(text); n > 0 {
		first, last := text[0], text[n-1]
		if first < utf8.RuneSelf && last < utf8.RuneSelf && strings.IndexByte(cutset, first) < 0 && strings.IndexByte(cutset, last) < 0 {
			return text
		}
	}
	return strings.Trim(text, cutset)
}

// isGenericLinkText reports whether genericLinkText has the text in lower
// case. Every link of every page is looked up: ASCII text (most) is
// lowered on the stack rather than by strings.ToLower, which allocates.
func isGenericLinkText(text string) bool {
	var lower [24]byte // no longer text is looked up
	if len(text) > len(lower) {
		return genericLinkText[strings.ToLower(text)]
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c >= utf8.RuneSelf {
			// Not only ASCII letters lower to ASCII: 'K' (Kelvin) does.
			return genericLinkText[strings.ToLower(text)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	if len(text) > maxGenericLinkText {
		return false // ASCII: as long in lower case
	}
	return genericLinkText[string(lower[:len(text)])]
}

// maxGenericLinkText is the length of the longest genericLinkText.
var maxGenericLinkText = func() int {
	n := 0
	for t := range genericLinkText {
		n = max(n, len(t))
	}
	return n
}()

// checkUniqueIDs reports an id that two elements of a page share (WCAG
// 4.1.1): a link to it, the skip link or an aria-labelledby reaches only
// the first. The default theme and the heading ids never share one; raw
// HTML or a site's own templates can.
func (c *Checker) checkUniqueIDs(p *build.PageData, src source, scan *pageScan) {
	ids := scan.ids
	var seen map[string]int // for a page with many ids; a few are compared in place
	if len(ids) > 64 {
		seen = make(map[string]int, len(ids))
	}
	for i, id := range ids {
		n := 0 // uses of id before this one
		if seen != nil {
			n = seen[id]
			seen[id] = n + 1
		} else {
			for _, prev := range ids[:i] {
				if prev == id {
					n++
				}
			}
		}
		if n != 1 {
			continue // the first use, or one reported at its second
		}
		place, fromContent := src.locate(`id="`+id+`"`, "{#"+id+"}")
		c.report(place, !fromContent, site.Error, p.URL,
			"give each element its own id; a link to #"+id+" reaches only the first",
			"id %q is on the page more than once", id)
	}
}
