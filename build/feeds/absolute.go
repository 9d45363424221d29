package feeds

import (
	"bytes"
	"io"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// urlAttrs are the attributes whose value is an address.
var urlAttrs = map[string]bool{"href": true, "src": true, "poster": true, "cite": true, "srcset": true}

// absoluteHTML rewrites an HTML fragment for reading away from the site:
// every address in it (links, images, footnote references such as #fn:1)
// is resolved against base, the article's permalink. The heading anchors
// the Markdown renderer adds ("#" links for sharing a section) are left
// out: in a feed reader they are a stray "#" after every heading.
//
// It walks the fragment with the tokenizer of golang.org/x/net/html and
// copies every token as written except the tags it changes, so the rest
// of the markup reaches the reader byte for byte.
func absoluteHTML(fragment []byte, base *url.URL) []byte {
	var out bytes.Buffer
	out.Grow(len(fragment) + len(fragment)/8)
	z := html.NewTokenizer(bytes.NewReader(fragment))
	var raw []byte
	skipping := false // inside a heading anchor
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				out.Write(z.Raw())
			}
			return out.Bytes()
		}
		raw = append(raw[:0], z.Raw()...) // TagName and TagAttr change Raw's bytes
		if skipping {
			if tt == html.EndTagToken {
				if name, _ := z.TagName(); string(name) == "a" {
					skipping = false
				}
			}
			continue
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			out.Write(raw)
			continue
		}
		name, hasAttr := z.TagName()
		if !hasAttr {
			out.Write(raw)
			continue
		}
		tag := string(name)
		var attrs []html.Attribute
		changed := false
		for more := true; more; {
			var k, v []byte
			k, v, more = z.TagAttr()
			a := html.Attribute{Key: string(k), Val: string(v)}
			if urlAttrs[a.Key] {
				abs := absoluteURLs(a.Key, a.Val, base)
				changed = changed || abs != a.Val
				a.Val = abs
			}
			attrs = append(attrs, a)
		}
		if tag == "a" && tt == html.StartTagToken && hasClass(attrs, "anchor") {
			trimTrailingSpace(&out)
			skipping = true
			continue
		}
		if !changed {
			out.Write(raw)
			continue
		}
		writeTag(&out, tag, attrs, tt == html.SelfClosingTagToken)
	}
}

// absoluteURLs resolves one attribute's value: one address, or for srcset a
// list of "address width" candidates.
func absoluteURLs(key, val string, base *url.URL) string {
	if key != "srcset" {
		return absoluteURL(val, base)
	}
	parts := strings.Split(val, ",")
	for i, p := range parts {
		fields := strings.Fields(p)
		if len(fields) == 0 {
			continue
		}
		fields[0] = absoluteURL(fields[0], base)
		parts[i] = strings.Join(fields, " ")
	}
	return strings.Join(parts, ", ")
}

// absoluteURL resolves ref against base; an address that is already
// absolute (https:, mailto:, tel:, data:) or cannot be parsed is kept.
func absoluteURL(ref string, base *url.URL) string {
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil || u.IsAbs() {
		return ref
	}
	return base.ResolveReference(u).String()
}

func hasClass(attrs []html.Attribute, class string) bool {
	for _, a := range attrs {
		if a.Key == "class" {
			for _, c := range strings.Fields(a.Val) {
				if c == class {
					return true
				}
			}
		}
	}
	return false
}

// trimTrailingSpace drops the space the renderer puts between a heading's
// text and its anchor.
func trimTrailingSpace(out *bytes.Buffer) {
	b := out.Bytes()
	n := len(b)
	for n > 0 && b[n-1] == ' ' {
		n--
	}
	out.Truncate(n)
}

func writeTag(out *bytes.Buffer, tag string, attrs []html.Attribute, selfClosing bool) {
	out.WriteByte('<')
	out.WriteString(tag)
	for _, a := range attrs {
		out.WriteByte(' ')
		out.WriteString(a.Key)
		out.WriteString(`="`)
		out.WriteString(html.EscapeString(a.Val))
		out.WriteByte('"')
	}
	if selfClosing {
		out.WriteString(" /")
	}
	out.WriteByte('>')
}
