package site

import (
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Slugify turns a tag or title into a URL segment: lower case, letters and
// digits kept (accented letters too), everything else folded into single
// hyphens. "Heart Health" → "heart-health".
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

// checkSlug rejects slugs that could escape their folder or are not one URL
// segment: "..", "/", "\", percent-escapes, drive letters, colons (which name
// an alternate data stream on Windows disks), control characters.
func checkSlug(s string) error {
	switch {
	case s == "":
		return fmt.Errorf("is empty")
	case s == "." || s == "..":
		return fmt.Errorf("%q is not a page name", s)
	case !utf8.ValidString(s):
		return fmt.Errorf("%q is not UTF-8 text", s)
	case strings.ContainsAny(s, `/\`):
		return fmt.Errorf("%q contains a slash", s)
	case strings.Contains(s, "%"):
		return fmt.Errorf("%q contains a %% escape", s)
	case strings.Contains(s, ".."):
		return fmt.Errorf("%q contains ..", s)
	case len(s) >= 2 && s[1] == ':':
		return fmt.Errorf("%q looks like a drive letter", s)
	case len(s) > maxSegment:
		return fmt.Errorf("is %d bytes long, more than the %d a file name may have", len(s), maxSegment)
	}
	for _, r := range s {
		if unicode.IsControl(r) || unicode.IsSpace(r) || strings.ContainsRune(`?#<>"'|*:`, r) {
			return fmt.Errorf("%q contains the character %q", s, r)
		}
	}
	return nil
}

// CleanAlias checks an old URL given in aliases and returns it as a site
// path with a trailing slash ("/old/asthma/"). Aliases become files in the
// output, so anything that could point outside it is refused.
func CleanAlias(a string) (string, error) {
	if strings.Contains(a, "://") || strings.HasPrefix(a, "//") {
		return "", fmt.Errorf("%q is a full address; write only the path, like /old-page/", a)
	}
	if strings.Contains(a, `\`) || (len(a) >= 2 && a[1] == ':') {
		return "", fmt.Errorf("%q looks like a Windows path; write a URL path, like /old-page/", a)
	}
	un, err := url.PathUnescape(a)
	if err != nil {
		return "", fmt.Errorf("%q has a broken %% escape", a)
	}
	if strings.Contains(un, "%") {
		return "", fmt.Errorf("%q is escaped twice", a)
	}
	if strings.Contains(un, `\`) {
		// %5C: a folder separator on Windows.
		return "", fmt.Errorf("%q has an escaped backslash; write a URL path with / only, like /old-page/", a)
	}
	if !utf8.ValidString(un) {
		return "", fmt.Errorf("%q has %% escapes that are not UTF-8 text", a)
	}
	for _, seg := range strings.Split(un, "/") {
		if seg == ".." || seg == "." {
			return "", fmt.Errorf("%q contains %s; an alias cannot point outside the site", a, seg)
		}
		if err := checkAliasSegment(seg); err != nil {
			return "", fmt.Errorf("%q %v", a, err)
		}
	}
	p := path.Clean("/" + un)
	if p == "/" {
		return "", fmt.Errorf("%q is the home page", a)
	}
	if strings.HasSuffix(p, ".html") {
		return p, nil
	}
	return p + "/", nil
}

// maxSegment is the longest name, in bytes, that file systems take for a
// file or folder: each part of an address becomes one.
const maxSegment = 255

func checkAliasSegment(seg string) error {
	if len(seg) > maxSegment {
		return fmt.Errorf("has a part %d bytes long, more than the %d a file name may have", len(seg), maxSegment)
	}
	for _, r := range seg {
		if unicode.IsControl(r) || strings.ContainsRune(`?#<>"|*:`, r) {
			return fmt.Errorf("contains the character %q", r)
		}
	}
	return nil
}

// OutputPath is the file a site path is written to: "/a/b/" → "a/b/index.html".
func OutputPath(sitePath string) string {
	p := strings.TrimPrefix(sitePath, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
