package check

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// lexer splits a page into the tokens of HTML5 tokenization as
// golang.org/x/net/html's Tokenizer does, token for token, but reads a
// []byte in place instead of an io.Reader byte by byte: it jumps to the
// next '<' of text with bytes.IndexByte, allocates nothing for tokens and
// attributes, and decodes a text or an attribute value only when asked.
//
// The quality gate reads every built page, so the lexer is on the build's
// hot path; it follows the Tokenizer in its odd corners too (what ends a
// comment, a tag at the end of the input, the content of <script>), since
// scanPage must find what it found. FuzzLexer and FuzzScanPage compare
// the two.
type lexer struct {
	buf []byte
	pos int  // the next byte to read
	eof bool // a read went past the end: the next token is tokEOF

	// rawTag is the lower-case name of the element whose content comes
	// next as raw text or RCDATA ("script", "title" …), or "".
	rawTag string

	// skipText is set by a reader that has no use for the text up to the
	// next tag: next then goes on to the tag rather than return the text,
	// which is most of a page's tokens.
	skipText bool

	// The current token.
	kind         tokenKind
	start        int        // buf[start:pos] is the token
	data0, data1 int        // buf[data0:data1]: a text's bytes or a tag's name
	rawText      bool       // the text is raw text: character references stay as written
	convertNUL   bool       // NULs of the text become U+FFFD (raw text and RCDATA)
	selfClosing  bool       // a start tag ends in "/>" (and the '/' is not a value's)
	attrs        []attrSpan // of a start tag: the attributes with a name, duplicates included
}

type tokenKind uint8

const (
	tokEOF tokenKind = iota // also for a tag that the end of the input cuts
	tokText
	tokStartTag
	tokEndTag
	tokComment // comments, doctypes and the like: nothing is read from them
)

// attrSpan is an attribute: buf[k0:k1]="buf[v0:v1]".
type attrSpan struct{ k0, k1, v0, v1 int }

func newLexer(page []byte) lexer {
	return lexer{buf: page, attrs: make([]attrSpan, 0, 16)}
}

// reset makes z read page from the start, keeping its attribute slice.
func (z *lexer) reset(page []byte) {
	*z = lexer{buf: page, attrs: z.attrs[:0]}
}

func isLetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// toEnd ends the current token at the end of the input.
func (z *lexer) toEnd() {
	z.pos = len(z.buf)
	z.eof = true
}

// next reads the next token and returns its kind.
func (z *lexer) next() tokenKind {
	z.start, z.data0, z.data1 = z.pos, z.pos, z.pos
	z.selfClosing = false
	if z.eof {
		z.kind = tokEOF
		return tokEOF
	}
	if z.rawTag != "" {
		if z.rawTag == "plaintext" {
			z.toEnd()
			z.rawText = true
		} else {
			z.readRawOrRCDATA()
		}
		z.data1 = z.pos
		if z.data1 > z.data0 {
			if !z.skipText {
				z.kind, z.convertNUL = tokText, true
				return tokText
			}
			z.start, z.data0 = z.pos, z.pos
		}
	}
	z.rawText, z.convertNUL = false, false
	for {
		i := 0 // most often a tag follows a tag
		if z.pos >= len(z.buf) || z.buf[z.pos] != '<' {
			i = bytes.IndexByte(z.buf[z.pos:], '<')
		}
		if i < 0 || z.pos+i+1 >= len(z.buf) {
			z.toEnd()
			break
		}
		lt := z.pos + i
		c := z.buf[lt+1]
		if !isLetter(c) && c != '/' && c != '!' && c != '?' {
			z.pos = lt + 1 // the byte after '<' may start a tag itself
			continue
		}
		// Text before the tag is a token of its own.
		if z.start < lt {
			if !z.skipText {
				z.pos, z.data1 = lt, lt
				z.kind = tokText
				return tokText
			}
			z.start, z.data0, z.data1 = lt, lt, lt
		}
		z.pos = lt + 2
		switch {
		case isLetter(c):
			z.kind = z.readStartTag()
			return z.kind
		case c == '/':
			if z.pos >= len(z.buf) {
				z.toEnd() // "</" at the end is text
				z.data1 = z.pos
				z.kind = tokText
				if z.skipText {
					z.kind = tokEOF
				}
				return z.kind
			}
			c = z.buf[z.pos]
			z.pos++
			switch {
			case c == '>':
				// "</>" is no token at all; the Tokenizer returns an
				// empty comment.
				z.kind = tokComment
			case isLetter(c):
				if z.readTag(false) {
					z.kind = tokEndTag
				} else {
					z.kind = tokEOF
				}
			default:
				z.pos--
				z.readUntilCloseAngle()
				z.kind = tokComment
			}
			return z.kind
		case c == '!':
			z.readMarkupDeclaration()
		default: // '?'
			z.pos--
			z.readUntilCloseAngle()
		}
		z.kind = tokComment
		return tokComment
	}
	if z.start < z.pos && !z.skipText {
		z.data1 = z.pos
		z.kind = tokText
		return tokText
	}
	z.kind = tokEOF
	return tokEOF
}

// readUntilCloseAngle reads past the next '>'.
func (z *lexer) readUntilCloseAngle() {
	i := bytes.IndexByte(z.buf[z.pos:], '>')
	if i < 0 {
		z.toEnd()
		return
	}
	z.pos += i + 1
}

// readMarkupDeclaration reads a comment, a doctype or a bogus comment; the
// "<!" has been read.
func (z *lexer) readMarkupDeclaration() {
	if z.pos+2 > len(z.buf) {
		z.toEnd()
		return
	}
	if z.buf[z.pos] == '-' && z.buf[z.pos+1] == '-' {
		z.pos += 2
		z.readComment()
		return
	}
	// A doctype and a bogus comment (CDATA included, as the Tokenizer does
	// not allow CDATA) both end at the next '>'.
	z.readUntilCloseAngle()
}

// readComment reads past the end of a comment; the "<!--" has been read.
// The comment ends at the first '>' that follows "--" or "--!", or that
// follows only dashes ("<!-->", "<!--->"): these are the ends the
// Tokenizer's state machine finds, dashes of "<!--" not counted.
func (z *lexer) readComment() {
	start := z.pos
	dashes := 0 // leading
	for start+dashes < len(z.buf) && z.buf[start+dashes] == '-' {
		dashes++
	}
	for p := start; ; p++ {
		i := bytes.IndexByte(z.buf[p:], '>')
		if i < 0 {
			z.toEnd()
			return
		}
		p += i
		b := z.buf
		if p-2 >= start && b[p-1] == '-' && b[p-2] == '-' ||
			p-3 >= start && b[p-1] == '!' && b[p-2] == '-' && b[p-3] == '-' ||
			p-start <= dashes {
			z.pos = p + 1
			return
		}
	}
}

// readStartTag reads a start tag; the "<" and the name's first letter have
// been read. It returns tokEOF if the input ends in the tag.
func (z *lexer) readStartTag() tokenKind {
	if !z.readTag(true) {
		return tokEOF
	}
	// Several elements hold raw text or RCDATA rather than markup.
	name := z.buf[z.data0:z.data1]
	switch name[0] | 0x20 {
	case 'i':
		z.rawTag = rawTagIn(name, "iframe")
	case 'n':
		// Not noscript, unlike the Tokenizer: a browser without scripts
		// reads its content as markup and loads what it names (the image
		// of a tracking pixel, Google Tag Manager's frame), so the checks
		// must read it so too.
		z.rawTag = rawTagIn(name, "noembed", "noframes")
	case 'p':
		z.rawTag = rawTagIn(name, "plaintext")
	case 's':
		z.rawTag = rawTagIn(name, "script", "style")
	case 't':
		z.rawTag = rawTagIn(name, "textarea", "title")
	case 'x':
		z.rawTag = rawTagIn(name, "xmp")
	}
	// "<br/>" closes itself, but "<a href=x/>" does not: its "/" is the
	// value's. Like the Tokenizer, compare with the end of the last
	// attribute kept, not with that of a duplicate after it.
	if z.buf[z.pos-2] == '/' {
		last := z.lastKeptAttr()
		z.selfClosing = last < 0 || z.pos-2 != z.attrs[last].v1-1
	}
	return tokStartTag
}

// rawTagIn returns the one of names that name matches case-insensitively,
// or "".
func rawTagIn(name []byte, names ...string) string {
	for _, s := range names {
		if len(name) == len(s) && asciiEqualFold(name, s) {
			return s
		}
	}
	return ""
}

// asciiEqualFold reports whether b, with A-Z lowered, is s (lower case).
func asciiEqualFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}

// Classes of bytes in tags.
const (
	classSpace    = 1 << iota // ' ', '\n', '\r', '\t', '\f'
	classNameEnd              // ends a tag name: space, '/', '>'
	classKeyEnd               // ends an attribute name: space, '/', '>', '='
	classValueEnd             // ends an unquoted value: space, '>'
)

var byteClass = [256]uint8{
	' ': classSpace | classNameEnd | classKeyEnd | classValueEnd, '\n': classSpace | classNameEnd | classKeyEnd | classValueEnd,
	'\r': classSpace | classNameEnd | classKeyEnd | classValueEnd, '\t': classSpace | classNameEnd | classKeyEnd | classValueEnd,
	'\f': classSpace | classNameEnd | classKeyEnd | classValueEnd,
	'/':  classNameEnd | classKeyEnd, '>': classNameEnd | classKeyEnd | classValueEnd, '=': classKeyEnd,
}

// readTag reads a tag's name and attributes; the name's first byte has been
// read. It reports false if the input ends in the tag. The attributes
// (those with a name) are kept in z.attrs if keep.
func (z *lexer) readTag(keep bool) bool {
	b, p := z.buf, z.pos
	z.attrs = z.attrs[:0]
	z.data0 = p - 1
	for p < len(b) && byteClass[b[p]]&classNameEnd == 0 {
		p++
	}
	if p >= len(b) {
		z.pos, z.eof = p, true
		return false
	}
	z.data1 = p
	if byteClass[b[p]]&classSpace != 0 {
		p++
	}
	for {
		for p < len(b) && byteClass[b[p]]&classSpace != 0 {
			p++
		}
		if p >= len(b) {
			z.pos, z.eof = p, true
			return false
		}
		if b[p] == '>' {
			z.pos = p + 1
			return true
		}
		// The name: an '=' is part of it only as its first byte.
		a := attrSpan{k0: p}
		if b[p] == '=' {
			p++
		}
		for p < len(b) && byteClass[b[p]]&classKeyEnd == 0 {
			p++
		}
		if p >= len(b) {
			z.pos, z.eof = p, true
			return false
		}
		a.k1 = p
		// The value.
		a.v0, a.v1 = p, p
		for p < len(b) && byteClass[b[p]]&classSpace != 0 {
			p++
		}
		if p >= len(b) {
			z.pos, z.eof = p, true
			return false
		}
		switch b[p] {
		case '/':
			p++ // no value; the '/' is read
		case '=':
			p++
			for p < len(b) && byteClass[b[p]]&classSpace != 0 {
				p++
			}
			if p >= len(b) {
				z.pos, z.eof = p, true
				return false
			}
			switch q := b[p]; q {
			case '>':
				// No value.
			case '"', '\'':
				p++
				i := bytes.IndexByte(b[p:], q)
				if i < 0 {
					z.pos, z.eof = len(b), true
					return false
				}
				a.v0, a.v1 = p, p+i
				p += i + 1
			default:
				a.v0 = p
				for p < len(b) && byteClass[b[p]]&classValueEnd == 0 {
					p++
				}
				if p >= len(b) {
					z.pos, z.eof = p, true
					return false
				}
				a.v1 = p
				if b[p] != '>' {
					p++ // the space
				}
			}
		}
		if keep && a.k1 > a.k0 {
			z.attrs = append(z.attrs, a)
		}
	}
}

// lastKeptAttr returns the index of the last attribute that is not a
// duplicate of an earlier one (the Tokenizer keeps the first of each
// name), or -1.
func (z *lexer) lastKeptAttr() int {
	if len(z.attrs) > 16 {
		// Not one comparison with each earlier name per attribute.
		first := make(map[string]int, len(z.attrs))
		for i, a := range z.attrs {
			k := lowerASCII(z.buf[a.k0:a.k1])
			if _, ok := first[k]; !ok {
				first[k] = i
			}
		}
		last := -1
		for _, i := range first {
			last = max(last, i)
		}
		return last
	}
	for i := len(z.attrs) - 1; i >= 0; i-- {
		if !z.duplicate(i) {
			return i
		}
	}
	return -1
}

// duplicate reports whether attribute i has the name of an earlier one.
func (z *lexer) duplicate(i int) bool {
	k := z.buf[z.attrs[i].k0:z.attrs[i].k1]
	for _, a := range z.attrs[:i] {
		if asciiFoldSame(z.buf[a.k0:a.k1], k) {
			return true
		}
	}
	return false
}

// lowerASCII returns b with A-Z lowered, and nothing else.
func lowerASCII(b []byte) string {
	l := make([]byte, len(b))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		l[i] = c
	}
	return string(l)
}

// asciiFoldSame reports whether a and b are equal with A-Z lowered, and
// nothing else: bytes.EqualFold would fold non-ASCII letters too.
func asciiFoldSame(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// readRawOrRCDATA reads the content of the element z.rawTag, up to its end
// tag or the end of the input.
func (z *lexer) readRawOrRCDATA() {
	tag := z.rawTag
	z.rawTag = ""
	if tag == "script" {
		z.readScript()
		z.rawText = true
		return
	}
	// A textarea's or a title's RCDATA can hold character references.
	z.rawText = tag != "textarea" && tag != "title"
	for {
		i := bytes.Index(z.buf[z.pos:], []byte("</"))
		if i < 0 {
			z.toEnd()
			return
		}
		z.pos += i
		if z.atRawEndTag(tag) {
			return
		}
		if z.eof {
			return
		}
		z.pos += 2
	}
}

// atRawEndTag reports whether buf[pos:] starts with "</" tag and a byte
// that ends a tag name; if the input ends first, it reads to the end.
func (z *lexer) atRawEndTag(tag string) bool {
	p := z.pos + 2
	for i := 0; i < len(tag); i++ {
		if p+i >= len(z.buf) {
			z.toEnd()
			return false
		}
		if c := z.buf[p+i]; c != tag[i] && c != tag[i]-('a'-'A') {
			return false
		}
	}
	p += len(tag)
	if p >= len(z.buf) {
		z.toEnd()
		return false
	}
	switch z.buf[p] {
	case ' ', '\n', '\r', '\t', '\f', '/', '>':
		return true
	}
	return false
}

// readScript reads the content of a script element, following the rules
// that hide "</script>" in "<!--<script>…</script>…-->".
func (z *lexer) readScript() {
	b := z.buf
	p := z.pos
	// rawEnd reports whether "</script" and a byte ending a tag name follow
	// the "</" read up to p. If not, it reads on from the byte that did not
	// match; at the end of the input it reads to the end.
	rawEnd := func() bool {
		for i := 0; i < len("script"); i++ {
			if p >= len(b) {
				return false
			}
			c := b[p]
			if c != "script"[i] && c != "SCRIPT"[i] {
				return false
			}
			p++
		}
		if p >= len(b) {
			return false
		}
		switch b[p] {
		case ' ', '\n', '\r', '\t', '\f', '/', '>':
			p -= 2 + len("script") // back to the '<'
			return true
		}
		return false
	}
	var c byte
	defer func() {
		if p >= len(b) {
			z.toEnd()
		} else {
			z.pos = p
		}
	}()
	// read reads the next byte into c; it reports false at the end of the
	// input.
	read := func() bool {
		if p >= len(b) {
			return false
		}
		c = b[p]
		p++
		return true
	}

scriptData:
	i := bytes.IndexByte(b[p:], '<')
	if i < 0 {
		p = len(b)
		return
	}
	p += i + 1
	// scriptDataLessThanSign:
	if !read() {
		return
	}
	switch c {
	case '/':
		if rawEnd() {
			return
		}
		if p >= len(b) {
			return
		}
		goto scriptData
	case '!':
		goto scriptDataEscapeStart
	}
	p--
	goto scriptData

scriptDataEscapeStart:
	if !read() {
		return
	}
	if c != '-' {
		p--
		goto scriptData
	}
	if !read() {
		return
	}
	if c != '-' {
		p--
		goto scriptData
	}
	goto scriptDataEscapedDashDash

scriptDataEscaped:
	if !read() {
		return
	}
	switch c {
	case '-':
		goto scriptDataEscapedDash
	case '<':
		goto scriptDataEscapedLessThanSign
	}
	goto scriptDataEscaped

scriptDataEscapedDash:
	if !read() {
		return
	}
	switch c {
	case '-':
		goto scriptDataEscapedDashDash
	case '<':
		goto scriptDataEscapedLessThanSign
	}
	goto scriptDataEscaped

scriptDataEscapedDashDash:
	if !read() {
		return
	}
	switch c {
	case '-':
		goto scriptDataEscapedDashDash
	case '<':
		goto scriptDataEscapedLessThanSign
	case '>':
		goto scriptData
	}
	goto scriptDataEscaped

scriptDataEscapedLessThanSign:
	if !read() {
		return
	}
	if c == '/' {
		if rawEnd() {
			return
		}
		if p >= len(b) {
			return
		}
		goto scriptDataEscaped
	}
	if isLetter(c) {
		p--
		for i := 0; i < len("script"); i++ {
			if !read() {
				return
			}
			if c != "script"[i] && c != "SCRIPT"[i] {
				p--
				goto scriptDataEscaped
			}
		}
		if !read() {
			return
		}
		switch c {
		case ' ', '\n', '\r', '\t', '\f', '/', '>':
			goto scriptDataDoubleEscaped
		}
		p--
		goto scriptDataEscaped
	}
	p--
	goto scriptData

scriptDataDoubleEscaped:
	if !read() {
		return
	}
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedDash:
	if !read() {
		return
	}
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDashDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedDashDash:
	if !read() {
		return
	}
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDashDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	case '>':
		goto scriptData
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedLessThanSign:
	if !read() {
		return
	}
	if c != '/' {
		p--
		goto scriptDataDoubleEscaped
	}
	if rawEnd() {
		p += len("</script>")
		goto scriptDataEscaped
	}
	if p >= len(b) {
		return
	}
	goto scriptDataDoubleEscaped
}

// tagName returns the current tag's name as written.
func (z *lexer) tagName() []byte { return z.buf[z.data0:z.data1] }

// text returns the current text token as the Tokenizer's Text does:
// newlines normalized, NULs of raw text replaced, character references
// decoded outside raw text.
func (z *lexer) text() string {
	b := z.buf[z.data0:z.data1]
	if z.plainText(b) {
		return string(b)
	}
	return z.decodeText(b)
}

// textView is text, but a text that needs no decoding is not copied: the
// string borrows the page's bytes (see borrow).
func (z *lexer) textView() string {
	b := z.buf[z.data0:z.data1]
	if z.plainText(b) {
		return borrow(b)
	}
	return z.decodeText(b)
}

// textBytes is text, but returns the page's own bytes, to be used before
// the next call of next, when they need no decoding.
func (z *lexer) textBytes() []byte {
	b := z.buf[z.data0:z.data1]
	if z.plainText(b) {
		return b
	}
	return []byte(z.decodeText(b))
}

// plainText reports whether b is the text of the current token as written.
func (z *lexer) plainText(b []byte) bool {
	return bytes.IndexByte(b, '\r') < 0 && (!z.convertNUL || bytes.IndexByte(b, 0) < 0) && (z.rawText || bytes.IndexByte(b, '&') < 0)
}

func (z *lexer) decodeText(b []byte) string {
	if bytes.IndexByte(b, '\r') >= 0 {
		b = convertNewlines(bytes.Clone(b))
	}
	if z.convertNUL && bytes.IndexByte(b, 0) >= 0 {
		b = bytes.ReplaceAll(b, []byte{0}, []byte("\ufffd"))
	}
	s := string(b)
	if !z.rawText && strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return s
}

// attrValue returns an attribute's value as the Tokenizer's TagAttr does.
func (z *lexer) attrValue(a attrSpan) string {
	b := z.buf[a.v0:a.v1]
	if plainAttr(b) {
		return string(b)
	}
	return decodeAttr(b)
}

// attrView is attrValue, but a value that needs no decoding (most) is not
// copied: the string borrows the page's bytes (see borrow).
func (z *lexer) attrView(a attrSpan) string {
	b := z.buf[a.v0:a.v1]
	if plainAttr(b) {
		return borrow(b)
	}
	return decodeAttr(b)
}

// plainAttr reports whether an attribute value is its own decoding: it
// has no character reference, NUL or carriage return.
func plainAttr(b []byte) bool {
	if len(b) >= 16 {
		// Addresses mostly: three vector searches are fewer instructions
		// than a look at each byte.
		return bytes.IndexByte(b, '&') < 0 && bytes.IndexByte(b, 0) < 0 && bytes.IndexByte(b, '\r') < 0
	}
	for _, c := range b {
		if attrDecoded[c] {
			return false
		}
	}
	return true
}

// attrDecoded are the bytes that attrValue decodes.
var attrDecoded = [256]bool{'&': true, 0: true, '\r': true}

// decodeAttr decodes an attribute value that plainAttr does not accept.
func decodeAttr(b []byte) string {
	if bytes.IndexByte(b, 0) >= 0 {
		b = bytes.ReplaceAll(b, []byte{0}, []byte("\ufffd"))
	} else if bytes.IndexByte(b, '\r') >= 0 {
		b = bytes.Clone(b)
	}
	b = convertNewlines(b)
	s := string(b)
	if strings.IndexByte(s, '&') >= 0 {
		s = unescapeAttr(s)
	}
	return s
}

// convertNewlines converts "\r\n" and "\r" in s to "\n", in place.
func convertNewlines(s []byte) []byte {
	if bytes.IndexByte(s, '\r') < 0 {
		return s
	}
	dst := 0
	for src := 0; src < len(s); src++ {
		c := s[src]
		if c == '\r' {
			c = '\n'
			if src+1 < len(s) && s[src+1] == '\n' {
				src++
			}
		}
		s[dst] = c
		dst++
	}
	return s[:dst]
}

// unescapeAttr decodes the character references of an attribute value.
// It differs from html.UnescapeString as the HTML5 rules for attributes
// do: a named reference without ';' followed by '=' or by more letters
// ("?a=1&copy=2", "&ampx") stays as written.
func unescapeAttr(s string) string {
	var out []byte
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			break
		}
		out = append(out, s[:i]...)
		s = s[i:]
		n, repl := attrReference(s)
		if n == 0 {
			out = append(out, '&')
			s = s[1:]
			continue
		}
		out = append(out, repl...)
		s = s[n:]
	}
	return string(append(out, s...))
}

// attrReference decodes the character reference that s starts with
// ("&..."), returning its length and what it stands for, or 0 if s does
// not start with one.
func attrReference(s string) (int, string) {
	if len(s) <= 1 {
		return 0, ""
	}
	i := 1
	if s[i] == '#' {
		if len(s) <= 2 {
			return 0, ""
		}
		i++
		hex := false
		if c := s[i]; c == 'x' || c == 'X' {
			hex = true
			i++
		}
		i0 := i
		x := rune(0)
		for ; i < len(s); i++ {
			c := s[i]
			var d rune
			switch {
			case '0' <= c && c <= '9':
				d = rune(c - '0')
			case hex && 'a' <= c && c <= 'f':
				d = rune(c-'a') + 10
			case hex && 'A' <= c && c <= 'F':
				d = rune(c-'A') + 10
			default:
				goto done
			}
			if x <= 0x10FFFF {
				if hex {
					x = 16*x + d
				} else {
					x = 10*x + d
				}
			}
		}
	done:
		if i == i0 {
			return 0, ""
		}
		if i < len(s) && s[i] == ';' {
			i++
		}
		switch {
		case 0x80 <= x && x <= 0x9F:
			x = windows1252[x-0x80]
		case x == 0 || 0xD800 <= x && x <= 0xDFFF || x > 0x10FFFF:
			x = '\uFFFD'
		}
		return i, string(x)
	}
	for i < len(s) {
		c := s[i]
		i++
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			continue
		}
		if c != ';' {
			i--
		}
		break
	}
	name := s[1:i]
	if name == "" || name[len(name)-1] != ';' && i < len(s) && s[i] == '=' {
		return 0, ""
	}
	// Only a whole name counts in an attribute. html.UnescapeString knows
	// the names; when the whole is not one, it decodes a prefix ("&ampx"
	// → "&x"), which is a rune followed by the rest of the name, never
	// the decoding of a whole name.
	ref := s[:i]
	d := html.UnescapeString(ref)
	if d == ref {
		return 0, ""
	}
	if _, n := utf8.DecodeRuneInString(d); n < len(d) && strings.HasSuffix(name, d[n:]) {
		return 0, ""
	}
	return i, d
}

// windows1252 is what numeric references to 0x80–0x9F stand for, as in
// the HTML5 rules.
var windows1252 = [...]rune{
	'\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
	'\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
	'\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
	'\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
}
