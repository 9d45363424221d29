package feeds

import (
	"time"
	"unicode/utf8"

	gorilla "github.com/gorilla/feeds"
)

// appendJSONFeed appends jf as a json.Encoder with SetEscapeHTML(false)
// writes it, newline included, without reflection. contentJSON, when it
// returns a string for item i, is that item's content_html already
// written with appendJSONString, as articleContents makes it once for an
// article that appears in many feeds.
//
// It reports false, having appended nothing of use, for what Bedside never
// fills and the writer does not know (attachments) and for a date
// encoding/json refuses; encoding/json writes those, or returns its error.
// jsonwriter_test.go checks it against encoding/json.
func appendJSONFeed(b []byte, jf *gorilla.JSONFeed, contentJSON func(i int) string) ([]byte, bool) {
	start := b
	if jf == nil {
		return append(b, "null\n"...), true
	}
	b = append(b, `{"version":`...)
	b = appendJSONString(b, jf.Version)
	b = append(b, `,"title":`...)
	b = appendJSONString(b, jf.Title)
	b = appendJSONField(b, "language", jf.Language)
	b = appendJSONField(b, "home_page_url", jf.HomePageUrl)
	b = appendJSONField(b, "feed_url", jf.FeedUrl)
	b = appendJSONField(b, "description", jf.Description)
	b = appendJSONField(b, "user_comment", jf.UserComment)
	b = appendJSONField(b, "next_url", jf.NextUrl)
	b = appendJSONField(b, "icon", jf.Icon)
	b = appendJSONField(b, "favicon", jf.Favicon)
	if jf.Author != nil {
		b = append(b, `,"author":`...)
		b = appendJSONAuthor(b, jf.Author)
	}
	if len(jf.Authors) > 0 {
		b = append(b, `,"authors":`...)
		b = appendJSONAuthors(b, jf.Authors)
	}
	if jf.Expired != nil {
		if *jf.Expired {
			b = append(b, `,"expired":true`...)
		} else {
			b = append(b, `,"expired":false`...)
		}
	}
	if len(jf.Hubs) > 0 {
		b = append(b, `,"hubs":[`...)
		for i, h := range jf.Hubs {
			if i > 0 {
				b = append(b, ',')
			}
			if h == nil {
				b = append(b, "null"...)
				continue
			}
			b = append(b, `{"type":`...)
			b = appendJSONString(b, h.Type)
			b = append(b, `,"url":`...)
			b = appendJSONString(b, h.Url)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if len(jf.Items) > 0 {
		b = append(b, `,"items":[`...)
		for i, it := range jf.Items {
			if i > 0 {
				b = append(b, ',')
			}
			if it == nil {
				b = append(b, "null"...)
				continue
			}
			if len(it.Attachments) > 0 {
				return start, false
			}
			b = append(b, `{"id":`...)
			b = appendJSONString(b, it.Id)
			b = appendJSONField(b, "url", it.Url)
			b = appendJSONField(b, "external_url", it.ExternalUrl)
			b = appendJSONField(b, "title", it.Title)
			if it.ContentHTML != "" {
				b = append(b, `,"content_html":`...)
				if s := contentJSON(i); s != "" {
					b = append(b, s...)
				} else {
					b = appendJSONString(b, it.ContentHTML)
				}
			}
			b = appendJSONField(b, "content_text", it.ContentText)
			b = appendJSONField(b, "summary", it.Summary)
			b = appendJSONField(b, "image", it.Image)
			b = appendJSONField(b, "banner_", it.BannerImage)
			var ok bool
			if b, ok = appendJSONDate(b, "date_published", it.PublishedDate); !ok {
				return start, false
			}
			if b, ok = appendJSONDate(b, "date_modified", it.ModifiedDate); !ok {
				return start, false
			}
			if it.Author != nil {
				b = append(b, `,"author":`...)
				b = appendJSONAuthor(b, it.Author)
			}
			if len(it.Authors) > 0 {
				b = append(b, `,"authors":`...)
				b = appendJSONAuthors(b, it.Authors)
			}
			if len(it.Tags) > 0 {
				b = append(b, `,"tags":[`...)
				for j, t := range it.Tags {
					if j > 0 {
						b = append(b, ',')
					}
					b = appendJSONString(b, t)
				}
				b = append(b, ']')
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, "}\n"...), true
}

// appendJSONDate appends a *time.Time field tagged omitempty, as
// time.Time's MarshalJSON writes it. It reports false for a time
// MarshalJSON refuses (a year beyond 9999).
func appendJSONDate(b []byte, name string, t *time.Time) ([]byte, bool) {
	if t == nil {
		return b, true
	}
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, `":"`...)
	b, err := t.AppendText(b)
	if err != nil {
		return nil, false
	}
	return append(b, '"'), true
}

// appendJSONField appends a string field tagged omitempty.
func appendJSONField(b []byte, name, s string) []byte {
	if s == "" {
		return b
	}
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return appendJSONString(b, s)
}

func appendJSONAuthor(b []byte, a *gorilla.JSONAuthor) []byte {
	b = append(b, '{')
	n := len(b)
	for _, f := range [...]struct{ name, s string }{{"name", a.Name}, {"url", a.Url}, {"avatar", a.Avatar}} {
		if f.s == "" {
			continue
		}
		if len(b) > n {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, f.name...)
		b = append(b, '"', ':')
		b = appendJSONString(b, f.s)
	}
	return append(b, '}')
}

func appendJSONAuthors(b []byte, list []*gorilla.JSONAuthor) []byte {
	b = append(b, '[')
	for i, a := range list {
		if i > 0 {
			b = append(b, ',')
		}
		if a == nil {
			b = append(b, "null"...)
			continue
		}
		b = appendJSONAuthor(b, a)
	}
	return append(b, ']')
}

// jsonSafe marks the ASCII bytes encoding/json writes as they are when it
// does not escape HTML: all but control characters, the quote and the
// backslash.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// appendJSONString appends s quoted as encoding/json writes a string with
// SetEscapeHTML(false): \" \\ \b \f \n \r \t, other control characters as
// \u00XX, invalid UTF-8 as \ufffd, and U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
