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

// absoluteHTML appends an HTML fragment to out rewritten for reading away
// from the site: every address in it (links, images, footnote references
// such as #fn:1) is resolved against base, the article's permalink. The
// heading anchors the Markdown renderer adds ("#" links for sharing a
// section) are left out: in a feed reader they are a stray "#" after every
// heading.
//
// It walks the fragment with the tokenizer of golang.org/x/net/html and
// copies every token as written except the tags it changes, so the rest
// of the markup reaches the reader byte for byte.
func absoluteHTML(out *bytes.Buffer, fragment string, base *url.URL) {
	z := html.NewTokenizer(strings.NewReader(fragment))
	var raw []byte
	var attrs []rawAttr
	skipping := false // inside a heading anchor
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				out.Write(z.Raw())
			}
			return
		}
		if skipping {
			if tt == html.EndTagToken {
				if name, _ := z.TagName(); string(name) == "a" {
					skipping = false
				}
			}
			continue
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			out.Write(z.Raw())
			continue
		}
		raw = append(raw[:0], z.Raw()...) // TagName and TagAttr change Raw's bytes
		name, hasAttr := z.TagName()
		if !hasAttr {
			out.Write(raw)
			continue
		}
		// The attributes stay in the tokenizer's buffer until Next.
		attrs = attrs[:0]
		for more := true; more; {
			var a rawAttr
			a.key, a.val, more = z.TagAttr()
			attrs = append(attrs, a)
		}
		if string(name) == "a" && tt == html.StartTagToken && hasRawClass(attrs, "anchor") {
			trimTrailingSpace(out)
			skipping = true
			continue
		}
		changed := false
		for i, a := range attrs {
			if urlAttrs[string(a.key)] {
				val := string(a.val)
				if abs := absoluteURLs(string(a.key), val, base); abs != val {
					attrs[i].abs, attrs[i].changed = abs, true
					changed = true
				}
			}
		}
		if !changed {
			out.Write(raw)
			continue
		}
		list := make([]html.Attribute, len(attrs))
		for i, a := range attrs {
			list[i] = html.Attribute{Key: string(a.key), Val: string(a.val)}
			if a.changed {
				list[i].Val = a.abs
			}
		}
		writeTag(out, string(name), list, tt == html.SelfClosingTagToken)
	}
}

// rawAttr is an attribute as the tokenizer gives it, with its value made
// absolute when that changed it.
type rawAttr struct {
	key, val []byte
	abs      string
	changed  bool
}

func hasRawClass(attrs []rawAttr, class string) bool {
	for _, a := range attrs {
		if string(a.key) == "class" {
			for _, c := range strings.Fields(string(a.val)) {
				if c == class {
					return true
				}
			}
		}
	}
	return false
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
