package check

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/site"
)

// thirdParty returns the origin of a resource address when it is another
// site's and not allowed by [quality] allowOrigins, else "".
func (c *Checker) thirdParty(raw string) string {
	raw = asBrowsersRead(raw)
	if !strings.HasPrefix(raw, "//") && !strings.Contains(raw, ":") {
		return "" // a path on this site
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	scheme := strings.ToLower(u.Scheme)
	switch scheme {
	case "data", "blob", "about", "mailto", "tel", "javascript":
		return ""
	case "":
		scheme = "https"
	}
	if u.Host == "" {
		return ""
	}
	origin := scheme + "://" + strings.ToLower(u.Host)
	if origin == c.origin || c.allowed[origin] {
		return ""
	}
	return origin
}

const privacyHint = "host the file on this site or remove it; if the hospital has a data-processing agreement with that service, allow it in bedside.toml: [quality] allowOrigins = [%q]"

// checkPrivacy reports everything the page loads from another origin.
func (c *Checker) checkPrivacy(p *build.PageData, src source, scan *pageScan) {
	for _, r := range scan.resources {
		origin := c.thirdParty(r.url)
		if origin == "" {
			continue
		}
		place, fromContent := src.locate(r.url)
		c.report(place, !fromContent, site.Error, p.URL, fmt.Sprintf(privacyHint, origin),
			"loads %s from another site, %s: %s", withArticle(r.what), origin, r.url)
	}
	for _, css := range scan.styles {
		for _, ref := range cssRefs(css) {
			if origin := c.thirdParty(ref.url); origin != "" {
				place, fromContent := src.locate(ref.url)
				c.report(place, !fromContent, site.Error, p.URL, fmt.Sprintf(privacyHint, origin),
					"loads %s from another site, %s: %s", withArticle(ref.what), origin, ref.url)
			}
		}
	}
}

// checkStylesheets checks the url() and @import of every stylesheet the
// build copies: the theme's and the site's static/ folder.
func (c *Checker) checkStylesheets(b *build.Build) {
	type sheet struct {
		file string
		data []byte
	}
	var sheets []sheet
	for _, name := range append([]string{"static/css/site.css"}, b.Theme.Static...) {
		if !strings.HasSuffix(name, ".css") {
			continue
		}
		if data, err := b.Theme.ReadFile(name); err == nil {
			sheets = append(sheets, sheet{file: b.Theme.Origin[name], data: data})
		}
	}
	root := filepath.Join(b.Site.Dir, "static")
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".css") {
			if data, err := os.ReadFile(p); err == nil {
				rel, _ := filepath.Rel(b.Site.Dir, p)
				sheets = append(sheets, sheet{file: filepath.ToSlash(rel), data: data})
			}
		}
		return nil
	})
	seen := map[string]bool{}
	for _, s := range sheets {
		if seen[s.file] {
			continue
		}
		seen[s.file] = true
		for _, ref := range cssRefs(string(s.data)) {
			if origin := c.thirdParty(ref.url); origin != "" {
				c.report(Place{File: s.file, Line: ref.line}, false, site.Error, "", fmt.Sprintf(privacyHint, origin),
					"loads %s from another site, %s: %s", withArticle(ref.what), origin, ref.url)
			}
		}
	}
}

// cssRef is one address a stylesheet loads.
type cssRef struct {
	url  string
	what string // "font", "stylesheet", "image"
	line int
}

var (
	cssURL     = regexp.MustCompile(`(?i)url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)`)
	cssImport  = regexp.MustCompile(`(?i)@import\s+(?:url\(\s*)?["']?([^"')\s;]+)`)
	cssComment = regexp.MustCompile(`(?s)/\*.*?\*/`)
)

// cssRefs finds the url() and @import addresses of a stylesheet, with
// their lines. A url() inside @font-face is a font.
func cssRefs(css string) []cssRef {
	if !strings.Contains(css, "url(") && !strings.Contains(css, "@import") {
		return nil
	}
	// Blank out comments, keeping line numbers.
	css = cssComment.ReplaceAllStringFunc(css, func(m string) string {
		return strings.Map(func(r rune) rune {
			if r == '\n' {
				return r
			}
			return ' '
		}, m)
	})
	lineOf := func(i int) int { return 1 + strings.Count(css[:i], "\n") }
	var refs []cssRef
	for _, m := range cssImport.FindAllStringSubmatchIndex(css, -1) {
		refs = append(refs, cssRef{url: css[m[2]:m[3]], what: "stylesheet", line: lineOf(m[0])})
	}
	for _, m := range cssURL.FindAllStringSubmatchIndex(css, -1) {
		var u string
		for g := 1; g <= 3; g++ {
			if m[2*g] >= 0 {
				u = css[m[2*g]:m[2*g+1]]
			}
		}
		if isImport(css, m[0]) {
			continue
		}
		what := "image"
		if inFontFace(css, m[0]) {
			what = "font"
		}
		refs = append(refs, cssRef{url: u, what: what, line: lineOf(m[0])})
	}
	sort.SliceStable(refs, func(i, j int) bool { return refs[i].line < refs[j].line })
	return refs
}

// isImport reports whether the url() at i is the address of an @import.
func isImport(css string, i int) bool {
	start := strings.LastIndexAny(css[:i], ";}{")
	return strings.Contains(strings.ToLower(css[start+1:i]), "@import")
}

// inFontFace reports whether position i is inside an @font-face block.
func inFontFace(css string, i int) bool {
	open := strings.LastIndex(css[:i], "{")
	if open < 0 || strings.LastIndex(css[:i], "}") > open {
		return false
	}
	start := strings.LastIndexAny(css[:open], ";}")
	return strings.Contains(strings.ToLower(css[start+1:open]), "@font-face")
}

// withArticle puts "a" or "an" before a noun: "an image", "a script".
func withArticle(noun string) string {
	if noun != "" && strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}
