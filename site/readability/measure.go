package readability

import (
	"math"
	"strings"
	"sync"
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
	spanish := lang == "es" || strings.HasPrefix(lang, "es-")
	s := Scores{Lang: "en"}
	syllables := SyllablesEnglish
	if spanish {
		s.Lang = "es"
		syllables = SyllablesSpanish
	}
	cache := &englishCache
	if spanish {
		cache = &spanishCache
	}
	count := cache.counter(syllables)
	for _, block := range blocks {
		inSentence := 0 // words so far in the current sentence
		field, i := nextField(block, 0)
		for field != "" {
			next, j := nextField(block, i)
			for w, k, ok := nextWord(field, 0); ok; w, k, ok = nextWord(field, k) {
				n := count(w)
				inSentence++
				s.Words++
				s.Syllables += n
				if n >= 3 {
					s.Polysyllables++
				}
			}
			if next == "" || endsSentence(field, next) {
				if inSentence > 0 {
					s.Sentences++
				}
				inSentence = 0
			}
			field, i = next, j
		}
	}
	if s.Words == 0 || s.Sentences == 0 {
		return s
	}
	W, S, Y, P := float64(s.Words), float64(s.Sentences), float64(s.Syllables), float64(s.Polysyllables)
	if spanish {
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

// endsSentence reports whether a whitespace-separated token ends a
// sentence; next is the token after it.
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
	word := strings.ToLower(strings.TrimLeft(strings.TrimSuffix(t, "."), `"'“‘(«[*_¿¡`))
	if abbreviations[word] {
		return false
	}
	// Dotted abbreviations (a.m., U.S.) end a sentence only when a capital
	// letter follows: "at 5 p.m. Parking is free".
	if strings.Contains(word, ".") {
		r := []rune(strings.TrimLeft(next, `"'“‘(«[*_¿¡`))
		return len(r) > 0 && unicode.IsUpper(r[0])
	}
	// A single letter is an initial (J. Smith), not the end of a sentence.
	if r := []rune(word); len(r) == 1 && unicode.IsLetter(r[0]) {
		return false
	}
	return true
}

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

// syllableCache remembers the syllable counts of words already seen, by
// the word as written: a site uses the same few thousand words again and
// again. It stops growing at maxCached words. It is split into shards by
// the word's first letter and length, so that the goroutines of a build
// scoring articles at once do not all take one lock (a shared lock made
// the lookups twice as slow).
type syllableCache struct {
	shards [cacheShards]cacheShard
}

type cacheShard struct {
	mu    sync.RWMutex
	words map[string]int
	_     [64]byte // keeps shards' locks on separate cache lines
}

const (
	cacheShards = 32
	maxCached   = 200_000
)

var englishCache, spanishCache syllableCache

// counter returns a syllable counter backed by the shared cache.
func (c *syllableCache) counter(syllables func(string) int) func(string) int {
	return func(w string) int {
		var h uint
		if w != "" {
			h = uint(len(w))*7 + uint(w[0]) + uint(w[len(w)-1])
		}
		sh := &c.shards[h%cacheShards]
		sh.mu.RLock()
		n, ok := sh.words[w]
		sh.mu.RUnlock()
		if !ok {
			n = syllables(w)
			sh.mu.Lock()
			if sh.words == nil {
				sh.words = map[string]int{}
			}
			if len(sh.words) < maxCached/cacheShards {
				sh.words[strings.Clone(w)] = n
			}
			sh.mu.Unlock()
		}
		return n
	}
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
