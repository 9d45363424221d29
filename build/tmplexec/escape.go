// The escaping functions below are html/template's own (Go 1.26, files
// content.go, html.go, url.go and js.go), copied because html/template does
// not export them: the escaped templates name them ("_html_template_htmlescaper")
// and this executor calls them directly instead of through reflection. They
// are kept as close to the originals as possible; the differential tests
// compare every page with html/template's, so a change in a later Go
// release shows up as a failing test, not as a silent difference.
//
// Copyright 2011 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in Go's LICENSE file.

package tmplexec

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"unicode/utf8"
)

// contentType is html/template's kind of a value: plain text, or one of
// the typed strings that a template trusts (template.HTML, template.URL…).
type contentType uint8

const (
	contentTypePlain contentType = iota
	contentTypeCSS
	contentTypeHTML
	contentTypeHTMLAttr
	contentTypeJS
	contentTypeJSStr
	contentTypeURL
	contentTypeSrcset
)

var (
	stringType = reflect.TypeFor[string]()
	htmlType   = reflect.TypeFor[template.HTML]()
	jsType     = reflect.TypeFor[template.JS]()
	jsStrType  = reflect.TypeFor[template.JSStr]()
)

// escapers are the escaping functions this executor knows, by the names
// html/template gives them in escaped templates. A template that uses any
// other is executed by html/template itself.
var escapers = map[string]func(reflect.Value) string{
	"_html_template_htmlescaper":   htmlEscaper,
	"_html_template_attrescaper":   attrEscaper,
	"_html_template_rcdataescaper": rcdataEscaper,
	"_html_template_urlfilter":     urlFilter,
	"_html_template_urlnormalizer": urlNormalizer,
	"_html_template_urlescaper":    urlEscaper,
	"_html_template_jsvalescaper":  jsValEscaper,
	// In a tag, between attributes: <p{{langAttr .Lang}}>.
	"_html_template_htmlnamefilter": htmlNameFilter,
}

// stringEscapers are the escapers of the same names on a value that has
// been stringified already. A printing action applies them in turn to a
// string, where text/template would pass each result to the next escaper
// as a reflect.Value (one allocation each); what an escaper returns is a
// plain string, so every escaper after the first gets contentTypePlain.
// jsvalescaper has no string form: it needs the value itself.
var stringEscapers = map[string]func(s string, t contentType) string{
	"_html_template_htmlescaper":    htmlEscapeString,
	"_html_template_attrescaper":    attrEscapeString,
	"_html_template_rcdataescaper":  rcdataEscapeString,
	"_html_template_urlfilter":      urlFilterString,
	"_html_template_urlnormalizer":  func(s string, t contentType) string { return urlProcessor(true, s, t) },
	"_html_template_urlescaper":     func(s string, t contentType) string { return urlProcessor(false, s, t) },
	"_html_template_htmlnamefilter": htmlNameFilterString,
}

// htmlNameFilter is html/template's filter of what a template writes where
// an attribute goes (<p{{.}}>): a template.HTMLAttr as it is. Anything
// else, which html/template checks against its table of attribute types,
// is left to html/template.
func htmlNameFilter(v reflect.Value) string {
	return htmlNameFilterString(stringifyValue(v))
}

func htmlNameFilterString(s string, t contentType) string {
	if t == contentTypeHTMLAttr {
		return s
	}
	panic(fallback{})
}

// escapeWriters write what the escaper of the same name returns straight
// into the page, for the escaper that ends a printing action: the value is
// not made into a string first (most need no escaping at all).
var escapeWriters = map[string]func(w *bytes.Buffer, s string, t contentType){
	"_html_template_htmlescaper": func(w *bytes.Buffer, s string, t contentType) {
		if t == contentTypeHTML {
			w.WriteString(s)
			return
		}
		htmlReplaceTo(w, s, htmlReplacementTable)
	},
	"_html_template_attrescaper": func(w *bytes.Buffer, s string, t contentType) {
		if t == contentTypeHTML {
			panic(fallback{}) // as attrEscaper
		}
		htmlReplaceTo(w, s, htmlReplacementTable)
	},
	"_html_template_rcdataescaper": func(w *bytes.Buffer, s string, t contentType) {
		if t == contentTypeHTML {
			htmlReplaceTo(w, s, htmlNormReplacementTable)
			return
		}
		htmlReplaceTo(w, s, htmlReplacementTable)
	},
}

// htmlReplaceTo writes htmlReplacer(s, table, true) to w. With bad runes
// allowed, htmlReplacer replaces only the ASCII characters of its table:
// every rune from U+0080 on, and every byte of invalid UTF-8 (which
// decodes to U+FFFD), is copied as it is, so a byte loop does the same.
func htmlReplaceTo(w *bytes.Buffer, s string, table []string) {
	written := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; int(c) < len(table) {
			if repl := table[c]; repl != "" {
				w.WriteString(s[written:i])
				w.WriteString(repl)
				written = i + 1
			}
		}
	}
	w.WriteString(s[written:])
}

// stringifyValue is html/template's stringify for the single argument an
// escaper gets in a pipeline, without boxing the common plain string.
func stringifyValue(v reflect.Value) (string, contentType) {
	if v.IsValid() {
		switch v.Type() {
		case stringType:
			return v.String(), contentTypePlain
		case htmlType:
			return v.String(), contentTypeHTML
		}
		return stringify(v.Interface())
	}
	// text/template passes a missing value to an ...any parameter as nil.
	return stringify(nil)
}

// indirect returns the value, after dereferencing as many times
// as necessary to reach the base type (or nil).
func indirectAny(a any) any {
	if a == nil {
		return nil
	}
	if t := reflect.TypeOf(a); t.Kind() != reflect.Pointer {
		// Avoid creating a reflect.Value if it's not a pointer.
		return a
	}
	v := reflect.ValueOf(a)
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}

// indirectToStringerOrError returns the value, after dereferencing as many
// times as necessary to reach the base type (or nil) or an implementation
// of fmt.Stringer or error.
func indirectToStringerOrError(a any) any {
	if a == nil {
		return nil
	}
	v := reflect.ValueOf(a)
	for !v.Type().Implements(fmtStringerType) && !v.Type().Implements(errorType) && v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}

// stringify converts its argument to a string and the type of the content.
func stringify(arg any) (string, contentType) {
	switch s := indirectAny(arg).(type) {
	case string:
		return s, contentTypePlain
	case template.CSS:
		return string(s), contentTypeCSS
	case template.HTML:
		return string(s), contentTypeHTML
	case template.HTMLAttr:
		return string(s), contentTypeHTMLAttr
	case template.JS:
		return string(s), contentTypeJS
	case template.JSStr:
		return string(s), contentTypeJSStr
	case template.URL:
		return string(s), contentTypeURL
	case template.Srcset:
		return string(s), contentTypeSrcset
	}
	// We skip untyped nil arguments for backward compatibility.
	if arg == nil {
		return fmt.Sprint(), contentTypePlain
	}
	return fmt.Sprint(indirectToStringerOrError(arg)), contentTypePlain
}

// htmlEscaper escapes for inclusion in HTML text.
func htmlEscaper(v reflect.Value) string { return htmlEscapeString(stringifyValue(v)) }

func htmlEscapeString(s string, t contentType) string {
	if t == contentTypeHTML {
		return s
	}
	return htmlReplacer(s, htmlReplacementTable, true)
}

// attrEscaper escapes for inclusion in quoted attribute values.
func attrEscaper(v reflect.Value) string { return attrEscapeString(stringifyValue(v)) }

func attrEscapeString(s string, t contentType) string {
	if t == contentTypeHTML {
		// html/template strips the tags of trusted HTML in an attribute
		// with its HTML lexer, which is not copied here.
		panic(fallback{})
	}
	return htmlReplacer(s, htmlReplacementTable, true)
}

// rcdataEscaper escapes for inclusion in an RCDATA element body.
func rcdataEscaper(v reflect.Value) string { return rcdataEscapeString(stringifyValue(v)) }

func rcdataEscapeString(s string, t contentType) string {
	if t == contentTypeHTML {
		return htmlReplacer(s, htmlNormReplacementTable, true)
	}
	return htmlReplacer(s, htmlReplacementTable, true)
}

// htmlReplacementTable contains the runes that need to be escaped
// inside a quoted attribute value or in a text node.
var htmlReplacementTable = []string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// htmlNormReplacementTable is like htmlReplacementTable but without '&' to
// avoid over-encoding existing entities.
var htmlNormReplacementTable = []string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// htmlReplacer returns s with runes replaced according to replacementTable
// and when badRunes is true, certain bad runes are allowed through unescaped.
func htmlReplacer(s string, replacementTable []string, badRunes bool) string {
	written, b := 0, new(strings.Builder)
	r, w := rune(0), 0
	for i := 0; i < len(s); i += w {
		// Cannot use 'for range s' because we need to preserve the width
		// of the runes in the input. If we see a decoding error, the input
		// width will not be utf8.Runelen(r) and we will overrun the buffer.
		r, w = utf8.DecodeRuneInString(s[i:])
		if int(r) < len(replacementTable) {
			if repl := replacementTable[r]; len(repl) != 0 {
				if written == 0 {
					b.Grow(len(s))
				}
				b.WriteString(s[written:i])
				b.WriteString(repl)
				written = i + w
			}
		} else if badRunes {
			// No-op.
			// IE does not allow these ranges in unquoted attrs.
		} else if 0xfdd0 <= r && r <= 0xfdef || 0xfff0 <= r && r <= 0xffff {
			if written == 0 {
				b.Grow(len(s))
			}
			fmt.Fprintf(b, "%s&#x%x;", s[written:i], r)
			written = i + w
		}
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

// filterFailsafe is an innocuous word produced in place of unsafe values.
const filterFailsafe = "ZgotmplZ"

// urlFilter returns its input unless it contains an unsafe scheme in which
// case it defangs the entire URL.
func urlFilter(v reflect.Value) string { return urlFilterString(stringifyValue(v)) }

func urlFilterString(s string, t contentType) string {
	if t == contentTypeURL {
		return s
	}
	if !isSafeURL(s) {
		return "#" + filterFailsafe
	}
	return s
}

// isSafeURL is true if s is a relative URL or if URL has a protocol in
// (http, https, mailto).
func isSafeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		if !strings.EqualFold(protocol, "http") && !strings.EqualFold(protocol, "https") && !strings.EqualFold(protocol, "mailto") {
			return false
		}
	}
	return true
}

// urlEscaper produces an output that can be embedded in a URL query.
func urlEscaper(v reflect.Value) string {
	s, t := stringifyValue(v)
	return urlProcessor(false, s, t)
}

// urlNormalizer normalizes URL content so it can be embedded in a
// quote-delimited string or parenthesis delimited url(...).
func urlNormalizer(v reflect.Value) string {
	s, t := stringifyValue(v)
	return urlProcessor(true, s, t)
}

// urlProcessor normalizes (when norm is true) or escapes its input to
// produce a valid hierarchical or opaque URL part.
func urlProcessor(norm bool, s string, t contentType) string {
	if t == contentTypeURL {
		norm = true
	}
	var b strings.Builder
	if processURLOnto(s, norm, &b) {
		return b.String()
	}
	return s
}

// processURLOnto appends a normalized URL corresponding to its input to b
// and reports whether the appended content differs from s.
func processURLOnto(s string, norm bool, b *strings.Builder) bool {
	// The allocation is left to the first byte written: most URLs need
	// none (html/template grows b at once).
	written := 0
	for i, n := 0, len(s); i < n; i++ {
		c := s[i]
		switch c {
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
			if norm {
				continue
			}
		case '-', '.', '_', '~':
			continue
		case '%':
			// When normalizing do not re-encode valid escapes.
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		default:
			// Unreserved according to RFC 3986 sec 2.3
			if 'a' <= c && c <= 'z' {
				continue
			}
			if 'A' <= c && c <= 'Z' {
				continue
			}
			if '0' <= c && c <= '9' {
				continue
			}
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		// fmt.Fprintf(b, "%%%02x", c) in html/template; written by hand
		// so that b does not escape (urlProcessor keeps it on its stack).
		b.WriteByte('%')
		b.WriteByte(lowerHex[c>>4])
		b.WriteByte(lowerHex[c&0xf])
		written = i + 1
	}
	if written == 0 {
		return false
	}
	b.WriteString(s[written:])
	return true
}

const lowerHex = "0123456789abcdef"

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// jsValEscaper escapes its input to a JS Expression (section 11.14) that has
// neither side-effects nor free variables outside (NaN, Infinity). Only the
// already-escaped kinds are handled here (a template.JS block such as a
// JSON-LD document); any other value goes through json.Marshal in
// html/template, and the page is left to it.
func jsValEscaper(v reflect.Value) string {
	if v.IsValid() {
		switch v.Type() {
		case jsType:
			return v.String()
		case jsStrType:
			return `"` + v.String() + `"`
		}
	}
	panic(fallback{})
}
