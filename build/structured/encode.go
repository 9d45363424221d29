package structured

import "unicode/utf8"

// The JSON-LD is written straight into one buffer per page, keys in the
// order encoding/json's Marshal sorts a map's keys, every string through
// appendJSONString: byte for byte what Marshal wrote for the map[string]any
// nodes this package built until it wrote the text itself (a map per node,
// its keys sorted, its strings copied again at every level cost 140 MB of a
// 10,000-article build). reference_test.go keeps that implementation, and
// the tests compare the two.
//
// Escaping is per character and an ASCII byte is always a character of its
// own, so a string joined from parts at an ASCII character (an address and
// "#webpage", credentials and ", ") escapes to the escaped parts joined:
// appendJSONStringSuffix and appendJSONStringInner rely on it.

const hexDigits = "0123456789abcdef"

// appendJSONString is encoding/json's string encoding with HTML escaping:
// <, > and & as \u003c, \u003e and \u0026, U+2028 and U+2029 escaped, and
// each byte of invalid UTF-8 as \ufffd.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	dst = appendJSONStringInner(dst, s)
	return append(dst, '"')
}

// appendJSONStringSuffix appends the JSON string of s+suffix, for a suffix
// of ASCII characters that need no escaping ("#webpage"), without making
// s+suffix.
func appendJSONStringSuffix(dst []byte, s, suffix string) []byte {
	dst = append(dst, '"')
	dst = appendJSONStringInner(dst, s)
	dst = append(dst, suffix...)
	return append(dst, '"')
}

// appendJSONStringInner appends the JSON string of s without its quotes.
func appendJSONStringInner(dst []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(dst, s[start:]...)
}
