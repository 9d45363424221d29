package readability

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Scores are the reading-level measures of a text. The English formulas
// are left at zero for Spanish text and the Spanish ones for English text.
type Scores struct {
	Lang          string  `json:"lang"`
	Words         int     `json:"words"`
	Sentences     int     `json:"sentences"`
	Syllables     int     `json:"syllables"`
	Polysyllables int     `json:"polysyllables"` // words of three or more syllables
	SMOG          float64 `json:"smog,omitempty"`
	FleschKincaid float64 `json:"fleschKincaid,omitempty"`
	ReadingEase   float64 `json:"fleschReadingEase,omitempty"`
	// FernandezHuerta and INFLESZ are for Spanish text.
	FernandezHuerta float64 `json:"fernandezHuerta,omitempty"`
	INFLESZ         float64 `json:"inflesz,omitempty"`
}

// Spanish reports whether the scores are for Spanish text.
func (s Scores) Spanish() bool { return s.Lang == "es" }

// INFLESZBand names the band of an INFLESZ score on Szigriszt-Pazos's scale.
func INFLESZBand(score float64) string {
	switch {
	case score < 40:
		return "very hard"
	case score < 55:
		return "somewhat hard"
	case score <= 65:
		return "normal"
	default:
		return "easy"
	}
}

// Measure scores blocks of prose (paragraphs, list items) in a language:
// "es" (or "es-MX" …) for Spanish, anything else for English. Each block
// ends a sentence.
func Measure(blocks []string, lang string) Scores {
	t := newTally(lang)
	for _, block := range blocks {
		t.add(block)
	}
	return t.scores()
}

// tally adds up the counts of blocks of prose in one language.
type tally struct {
	spanish                                        bool
	syllables                                      cacheReader
	words, sentences, wordSyllables, polysyllables int
}

func newTally(lang string) tally {
	spanish := lang == "es" || strings.HasPrefix(lang, "es-")
	cache := &englishCache
	if spanish {
		cache = &spanishCache
	}
	return tally{spanish: spanish, syllables: cache.reader()}
}

// add counts one block in a single pass over its bytes. It splits the
// block into whitespace-separated fields and each field into words as
// [Words] and [Sentences] do (nextField, nextWord, endsSentence), without
// making strings of the fields: the scan reads every byte of every
// article, so that letters and digits, the common case, take one table
// look-up and one comparison each.
func (t *tally) add(block string) {
	inSentence := 0 // words so far in the current sentence
	i, n := 0, len(block)
	for i < n && byteClass[block[i]] == classSpace {
		i++
	}
	for i < n {
		field := i
		word := -1 // where the word being read starts
		for i < n {
			class := byteClass[block[i]]
			if class == classAlnum || class == classInner {
				if word < 0 {
					word = i
				}
				i++
				continue
			}
			if class == classSpace {
				break
			}
			isWord, size := false, 1
			if class == classMulti {
				var r rune
				r, size = utf8.DecodeRuneInString(block[i:])
				isWord = unicode.IsLetter(r) || unicode.IsDigit(r) || r == '’'
			}
			if isWord {
				if word < 0 {
					word = i
				}
			} else if word >= 0 {
				inSentence += t.word(block, word, i)
				word = -1
			}
			i += size
		}
		if word >= 0 {
			inSentence += t.word(block, word, i)
		}
		end := i
		for i < n && byteClass[block[i]] == classSpace {
			i++
		}
		// The last field ends the block's last sentence; another ends a
		// sentence only if its last byte may (a rare case: most fields
		// end in a letter or a comma), which spares endsSentence's work.
		if i == n || mayEndSentence[block[end-1]] && endsSentence(block[field:end], block[i:]) {
			if inSentence > 0 {
				t.sentences++
			}
			inSentence = 0
		}
	}
}

// word counts the run of letters, digits and inner - ' ’ . characters
// block[start:end], and returns 1 if it is a word, 0 if trimming leaves
// nothing.
func (t *tally) word(block string, start, end int) int {
	w := block[start:end]
	var key0, key1 uint64
	if byteClass[w[0]] == classAlnum && byteClass[w[len(w)-1]] == classAlnum && start+16 <= len(block) {
		// The common case: a run that starts and ends with an ASCII letter
		// or digit is a word as it is (trimWord would keep it whole), and
		// its first 16 bytes are read 8 at a time.
		key0, key1 = load64(block, start), load64(block, start+8)
		switch {
		case len(w) < 8:
			key0 &= 1<<(8*len(w)) - 1
			key1 = 0
		case len(w) < 16:
			key1 &= 1<<(8*(len(w)-8)) - 1
		}
	} else {
		if w = trimWord(w); w == "" {
			return 0
		}
		key0, key1 = packWord(w)
	}
	n := t.syllables.count(w, key0, key1, headerKey(w, key0, key1))
	t.words++
	t.wordSyllables += n
	if n >= 3 {
		t.polysyllables++
	}
	return 1
}

// load64 reads the 8 bytes of s at i as a little-endian integer (the
// compiler makes it one load).
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// scores computes the formulas from the counts.
func (t *tally) scores() Scores {
	s := Scores{Lang: "en", Words: t.words, Sentences: t.sentences, Syllables: t.wordSyllables, Polysyllables: t.polysyllables}
	if t.spanish {
		s.Lang = "es"
	}
	if s.Words == 0 || s.Sentences == 0 {
		return s
	}
	W, S, Y, P := float64(s.Words), float64(s.Sentences), float64(s.Syllables), float64(s.Polysyllables)
	if t.spanish {
		s.FernandezHuerta = round2(206.84 - 60*Y/W - 1.02*W/S)
		s.INFLESZ = round2(206.835 - 62.3*Y/W - W/S)
		return s
	}
	s.SMOG = round2(1.0430*math.Sqrt(P*30/S) + 3.1291)
	s.FleschKincaid = round2(0.39*W/S + 11.8*Y/W - 15.59)
	s.ReadingEase = round2(206.835 - 1.015*W/S - 84.6*Y/W)
	return s
}

// MeasureMarkdown scores the prose of a Markdown document.
func MeasureMarkdown(src []byte, lang string) Scores {
	return Measure(Prose(src), lang)
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"dr": true, "mr": true, "mrs": true, "ms": true, "prof": true, "st": true, "vs": true, "etc": false,
	"e.g": true, "i.e": true, "a.m": false, "p.m": false, "approx": true, "no": false, "fig": true, "jr": true, "sr": true, "mt": true,
	"dra": true, "sra": true, "sr.": true, "p.ej": true, "aprox": true, "ud": true, "uds": true,
}

// Sentences splits a block of prose into sentences.
func Sentences(block string) []string {
	var out, cur []string
	eachField(block, func(field, next string) {
		cur = append(cur, field)
		if next == "" || endsSentence(field, next) {
			out = append(out, strings.Join(cur, " "))
			cur = cur[:0]
		}
	})
	return out
}

// eachField calls fn with each whitespace-separated field of s and the
// field after it ("" for the last).
func eachField(s string, fn func(field, next string)) {
	field, i := nextField(s, 0)
	for field != "" {
		next, j := nextField(s, i)
		fn(field, next)
		field, i = next, j
	}
}

// nextField returns the whitespace-separated field of s at or after i, and
// where it ends.
func nextField(s string, i int) (string, int) {
	for i < len(s) && byteClass[s[i]] == classSpace {
		i++
	}
	start := i
	for i < len(s) && byteClass[s[i]] != classSpace {
		i++
	}
	return s[start:i], i
}

func isSpace(c byte) bool { return byteClass[c] == classSpace }

// Byte classes of the word and field scanners, looked up in a table: the
// scanners read every byte of every article.
const (
	classOther = iota // punctuation and symbols: not part of a word
	classSpace        // separates fields
	classAlnum        // ASCII letter or digit
	classInner        // - ' . : inside a word, trimmed around it
	classMulti        // a byte of a multi-byte character: decode it
)

var byteClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			t[c] = classSpace
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
			t[c] = classAlnum
		case c == '-' || c == '\'' || c == '.':
			t[c] = classInner
		case c >= utf8.RuneSelf:
			t[c] = classMulti
		}
	}
	return t
}()

// mayEndSentence marks the bytes a field that ends a sentence can end
// with: . ! ? and the closers trimClosers trims, with the last bytes of
// ” ’ ». A field that ends with another byte does not end a sentence.
var mayEndSentence = func() (t [256]bool) {
	for _, c := range []byte(`.!?"')]*_`) {
		t[c] = true
	}
	for _, closer := range []string{"”", "’", "»"} {
		t[closer[len(closer)-1]] = true
	}
	return t
}()

// openers are the quotes, brackets and marks that may come before a word.
const openers = `"'“‘(«[*_¿¡`

// endsSentence reports whether a whitespace-separated token ends a
// sentence; next is the text after it, from its next token on.
func endsSentence(tok, next string) bool {
	t := trimClosers(tok)
	if t == "" {
		return false
	}
	last := t[len(t)-1]
	if last == '!' || last == '?' {
		return true
	}
	if last != '.' {
		return false
	}
	word := strings.TrimLeft(t[:len(t)-1], openers)
	if isAbbreviation(word) {
		return false
	}
	// Dotted abbreviations (a.m., U.S.) end a sentence only when a capital
	// letter follows: "at 5 p.m. Parking is free". (Lower-casing a word
	// neither adds nor removes a period.)
	if strings.Contains(word, ".") {
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(next, openers))
		return unicode.IsUpper(r) // RuneError for nothing, which is not upper case
	}
	// A single letter is an initial (J. Smith), not the end of a sentence.
	// Lower-casing maps each character (an invalid byte to RuneError) to
	// one character, so the word has one character if the lower-case word
	// has one.
	if r, size := utf8.DecodeRuneInString(word); size > 0 && size == len(word) && unicode.IsLetter(unicode.ToLower(r)) {
		return false
	}
	return true
}

// isAbbreviation reports whether word (the token before its final period)
// is in abbreviations, in any case. Every entry is ASCII and at most
// maxAbbreviation bytes long, so a short ASCII word is lower-cased into an
// array rather than a new string; a word with other characters is
// lower-cased by strings.ToLower, which maps some of them to ASCII (the
// Kelvin sign to k, İ to i).
func isAbbreviation(word string) bool {
	var lower [maxAbbreviation]byte
	if len(word) > len(lower) {
		for i := 0; i < len(word); i++ {
			if word[i] >= utf8.RuneSelf {
				return abbreviations[strings.ToLower(word)]
			}
		}
		return false
	}
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= utf8.RuneSelf {
			return abbreviations[strings.ToLower(word)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	return abbreviations[string(lower[:len(word)])]
}

// maxAbbreviation is the length of the longest abbreviation.
const maxAbbreviation = len("approx")

// Words returns the words of a sentence: runs of letters and digits, with
// inner hyphens, apostrophes and periods (e.g.) kept inside the word.
func Words(sentence string) []string {
	var words []string
	eachField(sentence, func(field, _ string) {
		eachWord(field, func(w string) { words = append(words, w) })
	})
	return words
}

// eachWord calls fn with each word of a whitespace-free field.
func eachWord(field string, fn func(w string)) {
	for w, k, ok := nextWord(field, 0); ok; w, k, ok = nextWord(field, k) {
		fn(w)
	}
}

// nextWord returns the first word of field at or after i — a run of
// letters, digits and inner - ' ’ . characters that has a letter or digit —
// and where it ends; ok is false when there is none.
func nextWord(field string, i int) (w string, end int, ok bool) {
	start := -1
	for i <= len(field) {
		word, size := false, 1
		if i < len(field) {
			switch byteClass[field[i]] {
			case classAlnum, classInner:
				word = true
			case classMulti:
				var r rune
				r, size = utf8.DecodeRuneInString(field[i:])
				word = unicode.IsLetter(r) || unicode.IsDigit(r) || r == '’'
			}
		}
		if word && start < 0 {
			start = i
		}
		if !word && start >= 0 {
			if w := trimWord(field[start:i]); w != "" {
				return w, i, true
			}
			start = -1
		}
		i += size
	}
	return "", i, false
}

// trimWord trims the - ' ’ . around a word and returns "" when nothing
// with a letter or digit is left.
func trimWord(w string) string {
	for {
		if t, ok := strings.CutPrefix(w, "’"); ok {
			w = t
		} else if w != "" && (w[0] == '-' || w[0] == '\'' || w[0] == '.') {
			w = w[1:]
		} else {
			break
		}
	}
	for {
		if t, ok := strings.CutSuffix(w, "’"); ok {
			w = t
		} else if n := len(w); n > 0 && (w[n-1] == '-' || w[n-1] == '\'' || w[n-1] == '.') {
			w = w[:n-1]
		} else {
			break
		}
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			return w
		}
	}
	return ""
}

// trimClosers trims the quotes, brackets and emphasis marks that may follow
// the end of a sentence: "Yes." ’ ) » ] * _
func trimClosers(t string) string {
	for t != "" {
		switch c := t[len(t)-1]; {
		case c == '"' || c == '\'' || c == ')' || c == ']' || c == '*' || c == '_':
			t = t[:len(t)-1]
		case strings.HasSuffix(t, "”") || strings.HasSuffix(t, "’"):
			t = t[:len(t)-3]
		case strings.HasSuffix(t, "»"):
			t = t[:len(t)-2]
		default:
			return t
		}
	}
	return t
}
