package site

// A fast path for YAML front matter.
//
// go-yaml (goccy) builds tokens, an AST and a reflective decoding for every
// article; on a 10,000-article build that was about 6% of all CPU (≈ 0.8
// CPU-s) and most of a full reload in the dev server. Front matter almost
// always uses a small subset of YAML: `key: value` lines, quoted strings,
// flow lists of scalars, and block lists or maps one level deep. This file
// reads exactly that subset by hand and gives the same Values (same Go
// types: string, uint64, float64, bool, nil, []any, map[string]any), Lines
// and Keys as go-yaml would. On anything else, or anything it is not sure
// of, it declines and parseYAML runs go-yaml as before; it never reports an
// error itself, so every diagnostic still comes from go-yaml. It handles 28
// of the 29 files of content/ and every article of the benchmark corpus;
// BenchmarkParseFrontMatter (content/) went from about 4 ms and 16,900
// allocations to about 0.4 ms and 1,300.
//
// It is checked against go-yaml by TestFastFrontMatterMatchesGoccy (every
// file of content/ and a generated corpus), TestFastFrontMatterCases
// (characters and forms one by one), TestFastFrontMatterGenerated and
// FuzzFastFrontMatter: whenever the fast path handles an input, its result
// must be reflect.DeepEqual to go-yaml's and go-yaml must report no error.
// Before accepting a new form here, add it to those tests.

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// parseYAMLFast fills fm from raw and reports true, or reports false and
// leaves fm as it was (empty Values, Lines and Keys) when raw is outside the
// subset it reads.
func (fm *FrontMatter) parseYAMLFast(raw []byte, firstLine int) bool {
	keyLines, ok := fastBytesOK(raw)
	if !ok {
		return false
	}
	if keyLines > 0 {
		fm.Keys = make([]string, 0, keyLines)
	}
	p := fastYAML{src: string(raw)}
	if !p.document(fm, firstLine) {
		clear(fm.Values)
		clear(fm.Lines)
		fm.Keys = nil
		fm.Inner = nil
		return false
	}
	return true
}

// fastBytesOK reports whether raw holds only bytes the fast path is sure
// of: no tabs, carriage returns or other control characters, valid UTF-8,
// and outside ASCII only printable characters (no BOM, NEL, line or
// paragraph separators, or non-breaking spaces, which YAML may treat as
// white space or line breaks). It also counts the lines that start with a
// letter, at most the number of top-level keys.
func fastBytesOK(raw []byte) (keyLines int, ok bool) {
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			if (c < ' ' && c != '\n') || c == 0x7f {
				return 0, false
			}
			if isLetter(c) && (i == 0 || raw[i-1] == '\n') {
				keyLines++
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError || !unicode.IsPrint(r) {
			return 0, false
		}
		i += n
	}
	return keyLines, true
}

// fastYAML reads src one line at a time.
type fastYAML struct {
	src  string
	off  int // offset of the next line
	line int // 1-based number of the last line read
	// inner records the lines inside a block value (FrontMatter.Inner):
	// fm, the key whose value is read, and the line before src's first.
	fm    *FrontMatter
	key   string
	shift int
}

// record notes that the part path (after the key) of the value being read
// is on the last line read.
func (p *fastYAML) record(path string) {
	p.fm.innerLine(p.key+"/"+path, p.shift+p.line)
}

// peek returns the next line without its newline, and whether there is one.
func (p *fastYAML) peek() (string, bool) {
	if p.off >= len(p.src) {
		return "", false
	}
	rest := p.src[p.off:]
	for i := 0; i < len(rest); i++ {
		if rest[i] == '\n' {
			return rest[:i], true
		}
	}
	return rest, true
}

// next consumes the line peek returned.
func (p *fastYAML) next(l string) {
	p.off += len(l) + 1
	p.line++
}

// document reads the top-level mapping: key lines at column 0, blank lines
// and # comment lines.
func (p *fastYAML) document(fm *FrontMatter, firstLine int) bool {
	for {
		l, ok := p.peek()
		if !ok {
			return true
		}
		p.next(l)
		if blank(l) || l[0] == '#' {
			continue
		}
		key, rest, ok := splitKey(l)
		if !ok {
			return false
		}
		if _, dup := fm.Lines[key]; dup {
			return false // go-yaml reports it
		}
		line := p.line
		var v any
		if rest == "" {
			p.fm, p.key, p.shift = fm, key, firstLine-1
			v, ok = p.block()
		} else {
			v, ok = inlineValue(rest)
		}
		if !ok {
			return false
		}
		fm.Values[key] = v
		fm.Lines[key] = firstLine - 1 + line
		fm.Keys = append(fm.Keys, key)
	}
}

// block reads what follows a key with no value on its line: a block list
// (lines "- item", indented or not), a block map (indented "key: value"
// lines), or nothing (null). An indented line that does not fit is left
// for document, which declines.
func (p *fastYAML) block() (any, bool) {
	l, ok := p.peek()
	if !ok || blank(l) {
		return nil, true
	}
	d := indent(l)
	switch {
	case isItem(l[d:]):
		return p.blockList(d)
	case d == 0:
		return nil, true // the next key, or a comment
	default:
		return p.blockMap(d)
	}
}

// blockList reads "- item" lines at indent d. An item is an inline value
// or a small map: "- key: value" and then "key: value" lines aligned with
// the first key.
func (p *fastYAML) blockList(d int) (any, bool) {
	list := []any{}
	for {
		l, ok := p.peek()
		if !ok || indent(l) != d || !isItem(l[d:]) {
			return list, true
		}
		p.next(l)
		at := strconv.Itoa(len(list))
		p.record(at)
		c := d + 2 + indent(l[d+2:]) // column of the item's content
		item := trimSpaces(l[c:])
		if key, rest, ok := splitKey(item); ok {
			m := map[string]any{}
			if !mapEntry(m, key, rest) {
				return nil, false
			}
			p.record(at + "/" + key)
			for {
				l, ok := p.peek()
				if !ok || blank(l) || indent(l) != c || l[c] == '-' {
					break
				}
				key, rest, ok := splitKey(l[c:])
				if !ok || !mapEntry(m, key, rest) {
					return nil, false
				}
				p.next(l)
				p.record(at + "/" + key)
			}
			list = append(list, m)
			continue
		}
		v, ok := inlineValue(item)
		if !ok {
			return nil, false
		}
		list = append(list, v)
	}
}

// blockMap reads "key: value" lines at indent d.
func (p *fastYAML) blockMap(d int) (any, bool) {
	m := map[string]any{}
	for {
		l, ok := p.peek()
		if !ok || blank(l) || indent(l) != d {
			return m, true
		}
		key, rest, ok := splitKey(l[d:])
		if !ok || !mapEntry(m, key, rest) {
			return nil, false
		}
		p.next(l)
		p.record(key)
	}
}

// mapEntry adds key: rest to a nested map. Nested keys must have a value on
// their line, and must not repeat.
func mapEntry(m map[string]any, key, rest string) bool {
	if _, dup := m[key]; dup || rest == "" {
		return false
	}
	v, ok := inlineValue(rest)
	if ok {
		m[key] = v
	}
	return ok
}

// splitKey splits "key: rest" or "key:" into the key and the value text
// with surrounding spaces removed. A key is ASCII letters, digits, _ and -,
// starts with a letter, and is not a word YAML reads as null or a boolean.
func splitKey(l string) (key, rest string, ok bool) {
	i := 0
	for i < len(l) && isKeyByte(l[i]) {
		i++
	}
	if i == 0 || !isLetter(l[0]) || i == len(l) || l[i] != ':' {
		return "", "", false
	}
	key = l[:i]
	if i+1 < len(l) && l[i+1] != ' ' {
		return "", "", false
	}
	if _, special := fastKeywords[key]; special {
		return "", "", false
	}
	return key, trimSpaces(l[i+1:]), true
}

// inlineValue reads a value written on one line: a quoted string, a flow
// list of scalars, or a plain scalar. Nothing but spaces may follow it (in
// particular no comment).
func inlineValue(s string) (any, bool) {
	switch s[0] {
	case '"', '\'':
		v, n, ok := quoted(s)
		if !ok || trimSpaces(s[n:]) != "" {
			return nil, false
		}
		return v, true
	case '[':
		return flowList(s)
	}
	return plainScalar(s, false)
}

// flowList reads "[a, b, 'c d']" of scalars, all on one line. go-yaml
// allows a trailing comma and gives [] as an empty, non-nil list.
func flowList(s string) (any, bool) {
	list := []any{}
	s = trimSpaces(s[1:])
	for {
		if s == "" {
			return nil, false
		}
		if s[0] == ']' {
			return list, trimSpaces(s[1:]) == ""
		}
		var v any
		var ok bool
		switch s[0] {
		case '"', '\'':
			var n int
			v, n, ok = quoted(s)
			s = s[n:]
		default:
			n := 0
			for n < len(s) && s[n] != ',' && s[n] != ']' {
				n++
			}
			v, ok = plainScalar(trimSpaces(s[:n]), true)
			s = s[n:]
		}
		if !ok {
			return nil, false
		}
		list = append(list, v)
		s = trimSpaces(s)
		switch {
		case s == "":
			return nil, false
		case s[0] == ',':
			s = trimSpaces(s[1:])
			if s == "" || s[0] == ',' {
				return nil, false
			}
		case s[0] != ']':
			return nil, false
		}
	}
}

// quoted reads a single- or double-quoted string at the start of s and
// returns its value and length. In double quotes only the escapes \" and
// \\ are read; any other backslash declines.
func quoted(s string) (string, int, bool) {
	q := s[0]
	var buf []byte // nil while the value is a plain substring of s
	start := 1
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case q == '\'' && c == '\'':
			if i+1 < len(s) && s[i+1] == '\'' {
				buf = append(buf, s[start:i+1]...)
				i++
				start = i + 1
				continue
			}
		case q == '"' && c == '\\':
			if i+1 >= len(s) || (s[i+1] != '"' && s[i+1] != '\\') {
				return "", 0, false
			}
			buf = append(buf, s[start:i]...)
			buf = append(buf, s[i+1])
			i++
			start = i + 1
			continue
		case c != q:
			continue
		}
		// the closing quote
		if buf == nil {
			return s[start:i], i + 1, true
		}
		return string(append(buf, s[start:i]...)), i + 1, true
	}
	return "", 0, false // not closed on this line
}

// fastKeywords are the plain words go-yaml reads as null or a boolean
// (YAML 1.2 core schema; yes, no, on and off stay strings).
var fastKeywords = map[string]any{
	"null": nil, "Null": nil, "NULL": nil,
	"true": true, "True": true, "TRUE": true,
	"false": false, "False": false, "FALSE": false,
}

// plainScalar types an unquoted scalar the way go-yaml does, for the forms
// checked against it: a word or sentence starting with a letter (a string,
// or null or a boolean), a decimal integer without leading zeros (uint64),
// a decimal fraction such as 8.5 (float64) and a date such as 2024-03-12
// (a string). Anything else declines. In a flow list (flow) the text may
// not hold : ? or quotes either.
func plainScalar(s string, flow bool) (any, bool) {
	if s == "" {
		return nil, false
	}
	if isLetter(s[0]) {
		if v, ok := fastKeywords[s]; ok {
			return v, true
		}
		for i := 1; i < len(s); i++ {
			if !plainByte(s, i, flow) {
				return nil, false
			}
		}
		return s, true
	}
	switch {
	case isDate(s):
		return s, true
	case allDigits(s) && (s[0] != '0' || len(s) == 1) && len(s) <= 19:
		u, err := strconv.ParseUint(s, 10, 64)
		return u, err == nil
	}
	if dot := indexByte(s, '.'); dot > 0 && allDigits(s[:dot]) && allDigits(s[dot+1:]) && len(s) <= 15 {
		f, err := strconv.ParseFloat(s, 64)
		return f, err == nil
	}
	return nil, false
}

// plainByte reports whether byte i of a plain scalar (not the first) is
// one the fast path takes as it is: letters, digits, non-ASCII printable
// characters (checked by fastBytesOK), single spaces inside the text and
// some punctuation. A colon must be followed by something other than a
// space; # (a comment after a space) and the YAML indicators decline.
func plainByte(s string, i int, flow bool) bool {
	c := s[i]
	switch {
	case isLetter(c), c >= '0' && c <= '9', c >= utf8.RuneSelf:
		return true
	}
	switch c {
	case ' ', '-', '_', '.', '/', '(', ')':
		return true
	case '\'', '?', '!', ',', ';', '+', '=', '&', '%', '@', '~', '$':
		return !flow
	case ':':
		return !flow && i+1 < len(s) && s[i+1] != ' '
	}
	return false
}

// isDate reports whether s is a date written YYYY-MM-DD (go-yaml keeps it
// as a string when decoding into any).
func isDate(s string) bool {
	return len(s) == 10 && s[4] == '-' && s[7] == '-' &&
		allDigits(s[:4]) && allDigits(s[5:7]) && allDigits(s[8:])
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isKeyByte(c byte) bool {
	return isLetter(c) || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// isItem reports whether l (after its indentation) starts a block list
// item: "- " and something.
func isItem(l string) bool {
	return len(l) > 2 && l[0] == '-' && l[1] == ' ' && !blank(l[2:])
}

func indent(l string) int {
	n := 0
	for n < len(l) && l[n] == ' ' {
		n++
	}
	return n
}

func blank(l string) bool { return indent(l) == len(l) }

func trimSpaces(s string) string {
	for s != "" && s[0] == ' ' {
		s = s[1:]
	}
	for s != "" && s[len(s)-1] == ' ' {
		s = s[:len(s)-1]
	}
	return s
}
