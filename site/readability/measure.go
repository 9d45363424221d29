package readability

import (
	"math"
	"math/bits"
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
// making strings of the fields or words: the scan reads every byte of
// every article. The common case — a word of ASCII letters and digits,
// already in the syllable cache, then a space — is written out here
// rather than in functions, whose calls cost as much as the rest of its
// work, and each byte's class is looked up once.
func (t *tally) add(block string) {
	slots := t.syllables.table.slots
	mask := uint64(len(slots) - 1)
	words, syllables, polysyllables := 0, 0, 0
	inSentence := 0 // words so far in the current sentence
	i, n := 0, len(block)
	for i < n && byteClass[block[i]] == classSpace {
		i++
	}
	field := i // where the current field starts
	for i < n {
		class := byteClass[block[i]]
		switch class {
		case classSpace:
			// The field ends. The last one ends the block's last
			// sentence; another ends a sentence only if its last byte may
			// (a rare case: most fields end in a letter or a comma),
			// which spares endsSentence's work.
			end := i
			for i++; i < n && byteClass[block[i]] == classSpace; i++ {
			}
			if i == n || mayEndSentence[block[end-1]] && endsSentence(block[field:end], block[i:]) {
				if inSentence > 0 {
					t.sentences++
				}
				inSentence = 0
			}
			field = i
			continue
		case classOther:
			i++
			continue
		case classMulti:
			r, size := utf8.DecodeRuneInString(block[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '’' {
				i += size
				continue
			}
		}
		// A run of letters, digits and inner - ' ’ . characters starts
		// here.
		start := i
		for i < n {
			// Skip the ASCII letters, digits and - ' . of the run, eight
			// bytes at a time: the end of the run is found from a mask of
			// them rather than by a branch on each byte, whose outcome the
			// processor cannot guess at the end of each word.
			//
			// The mask is computed on the eight bytes at once ("SIMD
			// within a register"; table look-ups cost more, and the
			// position of the end is what the scan of the next word waits
			// for). Adding 0x80-c to a byte's low 7 bits sets its high
			// bit if they are at least c, without a carry into the next
			// byte; so (v+0x80-a) &^ (v+0x80-b-1) has the high bit of
			// the bytes from a to b. Letters are tested in lower case
			// (| 0x20, which moves no other byte into a-z); bytes from
			// 0x80 up are not ASCII. TestEveryByteInEveryPlace checks it
			// against asciiWordByte.
			if i+8 <= n {
				x := load64(block, i)
				low := x &^ highBits
				lower := low | 0x20*oneBits
				word := (lower+(0x80-'a')*oneBits)&^(lower+(0x80-'z'-1)*oneBits) |
					(low+(0x80-'0')*oneBits)&^(low+(0x80-'9'-1)*oneBits) |
					(low+(0x80-'-')*oneBits)&^(low+(0x80-'.'-1)*oneBits) |
					(low+(0x80-'\'')*oneBits)&^(low+(0x80-'\''-1)*oneBits)
				if m := (^word | x) & highBits; m != 0 {
					end := bits.TrailingZeros64(m) // the high bit of the byte after the run
					i += end >> 3
					if x>>end&1 == 0 {
						break // an ASCII byte, read already: not a letter of another script
					}
				} else {
					i += 8
					continue
				}
			} else {
				for i < n && asciiWordByte[block[i]] != 0 {
					i++
				}
			}
			// A letter or digit of another script, or ’, goes on with the
			// run; anything else ends it.
			if i < n && byteClass[block[i]] == classMulti {
				r, size := utf8.DecodeRuneInString(block[i:])
				if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '’' {
					i += size
					continue
				}
			}
			break
		}
		// A run that starts with an ASCII letter or digit and ends with
		// one once its final - ' . are dropped (the period of "help.") is
		// a word as trimWord would make it. The others (rare) are trimmed
		// and counted by t.word.
		end := i
		for end > start && byteClass[block[end-1]] == classInner {
			end--
		}
		length := end - start
		if class != classAlnum || byteClass[block[end-1]] != classAlnum || length > 16 {
			inSentence += t.word(block[start:i])
			continue
		}
		// The cache keys a word by its bytes, read 8 at a time unless the
		// block ends too soon.
		var key0, key1 uint64
		if start+16 <= n {
			// Masked without a branch on the length, which the processor
			// could not guess.
			key0 = load64(block, start) & lowBytes[min(length, 8)]
			key1 = load64(block, start+8) & lowBytes[max(length-8, 0)]
		} else {
			key0, key1 = packWord(block[start:end])
		}
		header := headerKey(length, key0, key1)
		count := -1
		for j := header & mask; ; j = (j + 1) & mask {
			s := &slots[j]
			h := s.header.Load()
			if h&(slotReady|slotKey) == slotReady|header && s.key0.Load() == key0 && s.key1.Load() == key1 {
				count = int(h >> countShift & maxCachedSyl)
				break
			}
			if h == 0 {
				break
			}
		}
		if count < 0 {
			count = t.syllables.miss(block[start:end], key0, key1, header)
			slots = t.syllables.table.slots // the table may have grown
			mask = uint64(len(slots) - 1)
		}
		words++
		syllables += count
		if count >= 3 {
			polysyllables++
		}
		inSentence++
	}
	// The block's last field ends its last sentence.
	if field < n && inSentence > 0 {
		t.sentences++
	}
	t.words += words
	t.wordSyllables += syllables
	t.polysyllables += polysyllables
}

// count counts a word of n syllables.
func (t *tally) count(n int) {
	t.words++
	t.wordSyllables += n
	if n >= 3 {
		t.polysyllables++
	}
}

// word counts the run w of letters, digits and inner - ' ’ . characters,
// and returns 1 if it is a word, 0 if trimming leaves nothing.
func (t *tally) word(w string) int {
	if w = trimWord(w); w == "" {
		return 0
	}
	t.count(t.syllables.count(w))
	return 1
}

// asciiWordByte is 1 for the ASCII bytes of a word: letters, digits and
// the inner - ' . (classAlnum and classInner).
var asciiWordByte = func() (t [256]uint8) {
	for c := range t {
		if byteClass[c] == classAlnum || byteClass[c] == classInner {
			t[c] = 1
		}
	}
	return t
}()

// lowBytes[k] masks the low k bytes of an integer.
var lowBytes = [9]uint64{0, 1<<8 - 1, 1<<16 - 1, 1<<24 - 1, 1<<32 - 1, 1<<40 - 1, 1<<48 - 1, 1<<56 - 1, 1<<64 - 1}

// oneBits and highBits are the lowest and highest bit of each byte of an
// integer, for the arithmetic on eight bytes at once in tally.add.
const (
	oneBits  = 0x0101010101010101
	highBits = 0x8080808080808080
)

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

// isAbbreviation reports whether a lower-case word (without its final
// period) is an abbreviation whose period does not end a sentence. Not in
// the list, as they often end one: etc, a.m, p.m, no.
func isAbbreviation(lower string) bool {
	switch lower {
	case "dr", "mr", "mrs", "ms", "prof", "st", "vs", "e.g", "i.e", "approx", "fig", "jr", "sr", "mt",
		"dra", "sra", "sr.", "p.ej", "aprox", "ud", "uds":
		return true
	}
	return false
}

// maxAbbreviation is the length of the longest abbreviation.
const maxAbbreviation = len("approx")

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

// trimOpeners trims the quotes, brackets and marks that may come before a
// word, as strings.TrimLeft(s, `"'“‘(«[*_¿¡`) does (which, for a set of
// characters that are not all ASCII, decodes and searches for each).
func trimOpeners(s string) string {
	for s != "" {
		switch c := s[0]; {
		case c == '"' || c == '\'' || c == '(' || c == '[' || c == '*' || c == '_':
			s = s[1:]
		case strings.HasPrefix(s, "“") || strings.HasPrefix(s, "‘"):
			s = s[len("“"):]
		case strings.HasPrefix(s, "«") || strings.HasPrefix(s, "¿") || strings.HasPrefix(s, "¡"):
			s = s[len("«"):]
		default:
			return s
		}
	}
	return s
}

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
	word := trimOpeners(t[:len(t)-1])
	if abbreviation(word) {
		return false
	}
	// Dotted abbreviations (a.m., U.S.) end a sentence only when a capital
	// letter follows: "at 5 p.m. Parking is free". (Lower-casing a word
	// neither adds nor removes a period.)
	if strings.Contains(word, ".") {
		r, _ := utf8.DecodeRuneInString(trimOpeners(next))
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

// abbreviation reports whether word (the token before its final period)
// is an abbreviation, in any case. Every abbreviation is ASCII and at most
// maxAbbreviation bytes long, and no word longer than that lower-cases to
// one (TestAbbreviationLength), so a short ASCII word is lower-cased into
// an array rather than a new string, and a longer word is not looked at. A
// short word with other characters is lower-cased by strings.ToLower,
// which maps two of them to ASCII (İ to i, the Kelvin sign to k).
func abbreviation(word string) bool {
	var lower [maxAbbreviation]byte
	if len(word) > len(lower) {
		return false
	}
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= utf8.RuneSelf {
			return isAbbreviation(strings.ToLower(word))
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	return isAbbreviation(string(lower[:len(word)]))
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
