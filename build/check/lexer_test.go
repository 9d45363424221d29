package check

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// lexerTokens lists the tokens of the lexer, in the terms of tokenizerTokens.
func lexerTokens(page []byte) []string {
	var out []string
	z := newLexer(page)
	for {
		k := z.next()
		raw := string(page[z.start:z.pos])
		switch k {
		case tokEOF:
			return out
		case tokText:
			out = append(out, fmt.Sprintf("text %q %q", raw, z.text()))
		case tokStartTag:
			kind := "start"
			if z.selfClosing {
				kind = "self-closing"
			}
			var attrs []string
			for i, a := range z.attrs {
				if !z.duplicate(i) {
					key := bytes.ReplaceAll(bytes.Clone(z.buf[a.k0:a.k1]), []byte{0}, []byte("\ufffd"))
					for i, c := range key {
						if 'A' <= c && c <= 'Z' {
							key[i] = c + 'a' - 'A'
						}
					}
					attrs = append(attrs, fmt.Sprintf("%q=%q", key, z.attrValue(a)))
				}
			}
			out = append(out, fmt.Sprintf("%s %q %q %v %s", kind, raw, z.tagAtom(), attrs, z.rawTag))
		case tokEndTag:
			out = append(out, fmt.Sprintf("end %q %q", raw, z.tagAtom()))
		case tokComment:
			out = append(out, fmt.Sprintf("comment %q", raw))
		}
	}
}

// tokenizerTokens lists the tokens of x/net/html's Tokenizer: their raw
// bytes and what the lexer gives of them.
func tokenizerTokens(page []byte) []string {
	var out []string
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		raw := string(z.Raw())
		switch tt {
		case html.ErrorToken:
			return out
		case html.TextToken:
			out = append(out, fmt.Sprintf("text %q %q", raw, z.Text()))
		case html.StartTagToken, html.SelfClosingTagToken:
			kind := "start"
			if tt == html.SelfClosingTagToken {
				kind = "self-closing"
			}
			tok := z.Token()
			var attrs []string
			for _, a := range tok.Attr {
				attrs = append(attrs, fmt.Sprintf("%q=%q", a.Key, a.Val))
			}
			// The lexer does not say which raw text follows; derive it.
			rawTag := ""
			switch tok.DataAtom.String() {
			case "iframe", "noembed", "noframes", "plaintext", "script", "style", "textarea", "title", "xmp":
				rawTag = tok.DataAtom.String()
			case "noscript":
				z.NextIsNotRawText() // the lexer reads it as markup
			}
			out = append(out, fmt.Sprintf("%s %q %q %v %s", kind, raw, tok.DataAtom, attrs, rawTag))
		case html.EndTagToken:
			out = append(out, fmt.Sprintf("end %q %q", raw, z.Token().DataAtom))
		case html.CommentToken, html.DoctypeToken:
			out = append(out, fmt.Sprintf("comment %q", raw))
		}
	}
}

func compareTokens(t *testing.T, page []byte) {
	t.Helper()
	got, want := lexerTokens(page), tokenizerTokens(bytes.Clone(page))
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%q:\n got %s\nwant %s", page, strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}

func TestLexerMatchesTokenizer(t *testing.T) {
	for _, page := range scanCases {
		compareTokens(t, []byte(page))
	}
	names, files := sitePages(t)
	for _, name := range names {
		compareTokens(t, files[name])
	}
}

// FuzzLexer compares the lexer's tokens with the Tokenizer's, which is
// stricter than FuzzScanPage: it sees differences that no check reads yet.
func FuzzLexer(f *testing.F) {
	for _, page := range scanCases {
		f.Add([]byte(page))
	}
	f.Fuzz(func(t *testing.T, page []byte) {
		compareTokens(t, page)
	})
}

// tagAtom returns the atom of the current tag's name, as the Tokenizer's
// Token does.
func (z *lexer) tagAtom() atom.Atom {
	name := z.buf[z.data0:z.data1]
	var lower [32]byte // longer than any atom
	if len(name) > len(lower) {
		return 0
	}
	for i, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	return atom.Lookup(lower[:len(name)])
}

// TestUnescapeAttr compares unescapeAttr with the Tokenizer's decoding of
// attribute values, reference by reference.
func TestUnescapeAttr(t *testing.T) {
	names := []string{"", "amp", "amp;", "ampx", "AMP", "AMP;", "lt", "lt;", "not", "notin", "notin;", "notit", "notit;",
		"copy", "fjlig", "fjlig;", "semi;", "Aacute", "aacute;", "zwnj;", "nbsp", "nbs", "frac12", "frac123", "NotEqualTilde;",
		"#", "#;", "#x", "#X", "#x;", "#65", "#65;", "#x41", "#X41;", "#0", "#128", "#150;", "#159", "#160", "#1114111", "#1114112",
		"#99999999999", "#4294967361;", "#xD800", "#xdfff;", "#x110000", "#5", "#a", "#xg", ";"}
	suffixes := []string{"", ";", "=", "x", "1", " ", "&", "&amp;", "=1", "é"}
	for _, n := range names {
		for _, suf := range suffixes {
			v := "&" + n + suf
			z := html.NewTokenizer(strings.NewReader(`<a href="` + v + `">`))
			z.Next()
			_, want, _ := z.TagAttr()
			if got := unescapeAttr(v); got != string(want) {
				t.Errorf("unescapeAttr(%q) = %q, want %q", v, got, want)
			}
		}
	}
}
