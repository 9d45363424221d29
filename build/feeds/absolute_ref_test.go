package feeds

import (
	"bytes"
	"io"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// refAbsoluteHTML is absoluteHTML as it was before it appended to a buffer
// and kept attributes as bytes; TestAbsoluteHTMLIsUnchanged compares them.
// It rewrites an HTML fragment for reading away from the site:
// every address in it (links, images, footnote references such as #fn:1)
// is resolved against base, the article's permalink. The heading anchors
// the Markdown renderer adds ("#" links for sharing a section) are left
// out: in a feed reader they are a stray "#" after every heading.
//
// It walks the fragment with the tokenizer of golang.org/x/net/html and
// copies every token as written except the tags it changes, so the rest
// of the markup reaches the reader byte for byte.
func refAbsoluteHTML(fragment []byte, base *url.URL) []byte {
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
		if tag == "a" && tt == html.StartTagToken && refHasClass(attrs, "anchor") {
			trimTrailingSpace(&out)
			skipping = true
			continue
		}
		if !changed {
			out.Write(raw)
			continue
		}
		refWriteTag(&out, tag, attrs, tt == html.SelfClosingTagToken)
	}
}

func refHasClass(attrs []html.Attribute, class string) bool {
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

func refWriteTag(out *bytes.Buffer, tag string, attrs []html.Attribute, selfClosing bool) {
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
