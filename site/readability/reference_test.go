package readability

// This file keeps the implementation of the package as it was before the
// single-pass rewrite (commit 45819f4), with every identifier prefixed by
// "ref", so that the differential tests and the fuzz target can check that
// the new code gives exactly the same results. Do not optimise it: it is
// the specification. The files the rewrite left as they were (text.go,
// exceptions_en.go) are used as they are, not copied.

import (
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// ---- measure.go ----

// refMeasure scores blocks of prose (paragraphs, list items) in a language:
// "es" (or "es-MX" …) for Spanish, anything else for English. Each block
// ends a sentence.
func refMeasure(blocks []string, lang string) Scores {
	spanish := lang == "es" || strings.HasPrefix(lang, "es-")
	s := Scores{Lang: "en"}
	syllables := refSyllablesEnglish
	if spanish {
		s.Lang = "es"
		syllables = refSyllablesSpanish
	}
	cache := &refEnglishCache
	if spanish {
		cache = &refSpanishCache
	}
	count := cache.counter(syllables)
	for _, block := range blocks {
		inSentence := 0 // words so far in the current sentence
		field, i := refNextField(block, 0)
		for field != "" {
			next, j := refNextField(block, i)
			for w, k, ok := refNextWord(field, 0); ok; w, k, ok = refNextWord(field, k) {
				n := count(w)
				inSentence++
				s.Words++
				s.Syllables += n
				if n >= 3 {
					s.Polysyllables++
				}
			}
			if next == "" || refEndsSentence(field, next) {
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
		s.FernandezHuerta = refRound2(206.84 - 60*Y/W - 1.02*W/S)
		s.INFLESZ = refRound2(206.835 - 62.3*Y/W - W/S)
		return s
	}
	s.SMOG = refRound2(1.0430*math.Sqrt(P*30/S) + 3.1291)
	s.FleschKincaid = refRound2(0.39*W/S + 11.8*Y/W - 15.59)
	s.ReadingEase = refRound2(206.835 - 1.015*W/S - 84.6*Y/W)
	return s
}

// refMeasureMarkdown scores the prose of a Markdown document.
func refMeasureMarkdown(src []byte, lang string) Scores {
	return refMeasure(refProse(src), lang)
}

func refRound2(x float64) float64 { return math.Round(x*100) / 100 }

// refAbbreviations end with a period that does not end a sentence.
var refAbbreviations = map[string]bool{
	"dr": true, "mr": true, "mrs": true, "ms": true, "prof": true, "st": true, "vs": true, "etc": false,
	"e.g": true, "i.e": true, "a.m": false, "p.m": false, "approx": true, "no": false, "fig": true, "jr": true, "sr": true, "mt": true,
	"dra": true, "sra": true, "sr.": true, "p.ej": true, "aprox": true, "ud": true, "uds": true,
}

// refSentences splits a block of prose into sentences.
func refSentences(block string) []string {
	var out, cur []string
	refEachField(block, func(field, next string) {
		cur = append(cur, field)
		if next == "" || refEndsSentence(field, next) {
			out = append(out, strings.Join(cur, " "))
			cur = cur[:0]
		}
	})
	return out
}

// refEachField calls fn with each whitespace-separated field of s and the
// field after it ("" for the last).
func refEachField(s string, fn func(field, next string)) {
	field, i := refNextField(s, 0)
	for field != "" {
		next, j := refNextField(s, i)
		fn(field, next)
		field, i = next, j
	}
}

// refNextField returns the whitespace-separated field of s at or after i, and
// where it ends.
func refNextField(s string, i int) (string, int) {
	for i < len(s) && refByteClass[s[i]] == refClassSpace {
		i++
	}
	start := i
	for i < len(s) && refByteClass[s[i]] != refClassSpace {
		i++
	}
	return s[start:i], i
}

// Byte classes of the word and field scanners, looked up in a table: the
// scanners read every byte of every article.
const (
	refClassOther = iota // punctuation and symbols: not part of a word
	refClassSpace        // separates fields
	refClassAlnum        // ASCII letter or digit
	refClassInner        // - ' . : inside a word, trimmed around it
	refClassMulti        // a byte of a multi-byte character: decode it
)

var refByteClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			t[c] = refClassSpace
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
			t[c] = refClassAlnum
		case c == '-' || c == '\'' || c == '.':
			t[c] = refClassInner
		case c >= utf8.RuneSelf:
			t[c] = refClassMulti
		}
	}
	return t
}()

// refEndsSentence reports whether a whitespace-separated token ends a
// sentence; next is the token after it.
func refEndsSentence(tok, next string) bool {
	t := refTrimClosers(tok)
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
	if refAbbreviations[word] {
		return false
	}
	// Dotted refAbbreviations (a.m., U.S.) end a sentence only when a capital
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

// refWords returns the words of a sentence: runs of letters and digits, with
// inner hyphens, apostrophes and periods (e.g.) kept inside the word.
func refWords(sentence string) []string {
	var words []string
	refEachField(sentence, func(field, _ string) {
		refEachWord(field, func(w string) { words = append(words, w) })
	})
	return words
}

// refEachWord calls fn with each word of a whitespace-free field.
func refEachWord(field string, fn func(w string)) {
	for w, k, ok := refNextWord(field, 0); ok; w, k, ok = refNextWord(field, k) {
		fn(w)
	}
}

// refNextWord returns the first word of field at or after i — a run of
// letters, digits and inner - ' ’ . characters that has a letter or digit —
// and where it ends; ok is false when there is none.
func refNextWord(field string, i int) (w string, end int, ok bool) {
	start := -1
	for i <= len(field) {
		word, size := false, 1
		if i < len(field) {
			switch refByteClass[field[i]] {
			case refClassAlnum, refClassInner:
				word = true
			case refClassMulti:
				var r rune
				r, size = utf8.DecodeRuneInString(field[i:])
				word = unicode.IsLetter(r) || unicode.IsDigit(r) || r == '’'
			}
		}
		if word && start < 0 {
			start = i
		}
		if !word && start >= 0 {
			if w := refTrimWord(field[start:i]); w != "" {
				return w, i, true
			}
			start = -1
		}
		i += size
	}
	return "", i, false
}

// refTrimWord trims the - ' ’ . around a word and returns "" when nothing
// with a letter or digit is left.
func refTrimWord(w string) string {
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

// refSyllableCache remembers the syllable counts of words already seen, by
// the word as written: a site uses the same few thousand words again and
// again. It stops growing at refMaxCached words. It is split into shards by
// the word's first letter and length, so that the goroutines of a build
// scoring articles at once do not all take one lock (a shared lock made
// the lookups twice as slow).
type refSyllableCache struct {
	shards [refCacheShards]refCacheShard
}

type refCacheShard struct {
	mu    sync.RWMutex
	words map[string]int
	_     [64]byte // keeps shards' locks on separate cache lines
}

const (
	refCacheShards = 32
	refMaxCached   = 200_000
)

var refEnglishCache, refSpanishCache refSyllableCache

// counter returns a syllable counter backed by the shared cache.
func (c *refSyllableCache) counter(syllables func(string) int) func(string) int {
	return func(w string) int {
		var h uint
		if w != "" {
			h = uint(len(w))*7 + uint(w[0]) + uint(w[len(w)-1])
		}
		sh := &c.shards[h%refCacheShards]
		sh.mu.RLock()
		n, ok := sh.words[w]
		sh.mu.RUnlock()
		if !ok {
			n = syllables(w)
			sh.mu.Lock()
			if sh.words == nil {
				sh.words = map[string]int{}
			}
			if len(sh.words) < refMaxCached/refCacheShards {
				sh.words[strings.Clone(w)] = n
			}
			sh.mu.Unlock()
		}
		return n
	}
}

// refTrimClosers trims the quotes, brackets and emphasis marks that may follow
// the end of a sentence: "Yes." ’ ) » ] * _
func refTrimClosers(t string) string {
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

// ---- prose.go ----

// refProseParser knows the syntax that is not prose: blocks (code, HTML,
// tables, footnote definitions) and the inlines that hide words or add some
// (code spans, link destinations, autolinks, raw HTML, footnote marks). It
// leaves out emphasis, whose * and _ change no word count, and GFM's slow
// linkify.
var refProseParser = parser.NewParser(
	parser.WithBlockParsers(append(parser.DefaultBlockParsers(),
		util.Prioritized(extension.NewFootnoteBlockParser(), 999))...),
	parser.WithInlineParsers(
		util.Prioritized(parser.NewCodeSpanParser(), 100),
		util.Prioritized(extension.NewFootnoteParser(), 101),
		util.Prioritized(parser.NewLinkParser(), 200),
		util.Prioritized(parser.NewAutoLinkParser(), 300),
		util.Prioritized(parser.NewRawHTMLParser(), 400),
	),
	parser.WithParagraphTransformers(append(parser.DefaultParagraphTransformers(),
		util.Prioritized(extension.NewTableParagraphTransformer(), 200))...),
)

// refProse returns the blocks of prose of a Markdown document (the body after
// its front matter): the text of each paragraph and list item, with link
// text kept and the markup dropped. Headings, code (blocks and inline),
// tables, raw HTML, images and footnote definitions are left out: they are
// not read as running text.
func refProse(src []byte) []string {
	return refProseOf(refProseParser.Parse(text.NewReader(src)), src)
}

// refProseOf returns the blocks of prose of a document already parsed (by
// Bedside's Markdown renderer, whose typographer turns quotes and dashes
// into entities: they are read back as the characters written), so that a
// build does not parse each article twice. src is the text doc was parsed
// from.
func refProseOf(doc ast.Node, src []byte) []string {
	var blocks []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindHeading, ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindHTMLBlock,
			east.KindTable, east.KindFootnoteList, east.KindFootnote:
			return ast.WalkSkipChildren, nil
		case ast.KindParagraph, ast.KindTextBlock:
			var b strings.Builder
			refInlineText(&b, n, src)
			if t := strings.TrimSpace(b.String()); t != "" {
				blocks = append(blocks, t)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return blocks
}

// refInlineText writes the readable text of an inline subtree.
func refInlineText(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if w, ok := refTypographed[string(t.Value)]; ok {
				b.WriteString(w)
			} else {
				b.Write(t.Value)
			}
		case *ast.CodeSpan, *ast.RawHTML, *ast.Image, *ast.AutoLink, *east.FootnoteLink, *east.TaskCheckBox:
			// Not prose; a word of code or an address would skew the counts.
		default:
			refInlineText(b, c, src)
		}
	}
}

// refTypographed maps what goldmark's typographer writes back to what the
// author typed, so that "don't" stays one word of one syllable.
var refTypographed = map[string]string{
	"&lsquo;": "'", "&rsquo;": "'", "&ldquo;": `"`, "&rdquo;": `"`,
	"&ndash;": "--", "&mdash;": "---", "&hellip;": "...", "&laquo;": "<<", "&raquo;": ">>",
}

// ---- syllables_en.go ----

// refSyllablesEnglish counts the syllables of an English word. It first looks
// the word up in a dictionary of words that spelling rules get wrong —
// mostly medical vocabulary (diabetes, anemia, epinephrine) — and otherwise
// counts vowel groups, corrected for silent endings (-e, -es, -ed), vowel
// pairs that are two syllables (di-a, radi-o, vide-o, actu-al, calci-um),
// "qu" and "-le" (ta-ble). Hyphenated words add up their parts that have
// letters. A word with no letters counts as one syllable: numbers and dates
// are read as one word.
func refSyllablesEnglish(word string) int {
	w := strings.ToLower(word)
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	if strings.ContainsAny(w, "-/") {
		n := 0
		for _, part := range strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '/' }) {
			if refLettersOnly(part) != "" {
				n += refSyllablesEnglish(part)
			}
		}
		return max(n, 1)
	}
	w = refLettersOnly(w)
	if w == "" {
		return 1
	}
	if n, ok := englishExceptions[w]; ok {
		return n
	}
	if n, ok := refFromExceptionStem(w); ok {
		return n
	}
	for _, prefix := range refSilentEPrefixes {
		if len(w) > len(prefix)+2 && strings.HasPrefix(w, prefix) && !refIsVowelByte(w[len(prefix)]) {
			return refSyllablesEnglish(prefix) + refSyllablesEnglish(w[len(prefix):])
		}
	}
	return max(refEnglishVowelGroups(w), 1)
}

// refFromExceptionStem counts a plural or past form of a dictionary word:
// "opioids" from "opioid", "inhalers" from "inhaler".
func refFromExceptionStem(w string) (int, bool) {
	for _, suf := range []struct {
		suffix string
		extra  func(stem string) int
	}{
		{"s", func(stem string) int {
			if strings.HasSuffix(stem, "ce") || strings.HasSuffix(stem, "ge") || strings.HasSuffix(stem, "se") || strings.HasSuffix(stem, "ze") {
				return 1
			}
			return 0
		}},
		{"es", func(stem string) int { return 1 }},
		{"ed", func(stem string) int {
			if strings.HasSuffix(stem, "t") || strings.HasSuffix(stem, "d") {
				return 1
			}
			return 0
		}},
		{"d", func(stem string) int {
			if strings.HasSuffix(stem, "te") || strings.HasSuffix(stem, "de") {
				return 1
			}
			return 0
		}},
	} {
		if stem, ok := strings.CutSuffix(w, suf.suffix); ok {
			if n, ok := englishExceptions[stem]; ok {
				return n + suf.extra(stem), true
			}
		}
	}
	return 0, false
}

// refSilentEPrefixes are the first parts of compounds whose "e" is silent
// (caregiver, lifestyle, sometimes), counted as separate words.
var refSilentEPrefixes = []string{"care", "some", "home", "life", "time", "safe", "side", "wide", "like", "use", "where", "there", "whole", "house", "face", "base", "note", "hope", "more", "age", "love", "pace"}

func refLettersOnly(w string) string {
	var b strings.Builder
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'a' && c <= 'z':
			b.WriteByte(c)
		case c >= 0x80:
			// Accented letters (café, naïve) count as their base vowel.
			r, size := decodeRune(w[i:])
			if base := foldAccent(r); base != 0 {
				b.WriteByte(base)
			}
			i += size - 1
		}
	}
	return b.String()
}

func refIsVowelByte(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// refEnglishVowelGroups is the spelling heuristic behind refSyllablesEnglish.
func refEnglishVowelGroups(w string) int {
	n := len(w)
	vowel := make([]bool, n)
	for i := 0; i < n; i++ {
		c := w[i]
		switch c {
		case 'a', 'e', 'i', 'o':
			vowel[i] = true
		case 'u':
			// The u of "qu" is a consonant sound (quiet, liquid).
			vowel[i] = !(i > 0 && w[i-1] == 'q')
		case 'y':
			// y is a consonant at the start of a word (yes) and between
			// vowels (layer); a vowel elsewhere (gym, happy, day).
			switch {
			case i == 0:
				vowel[i] = n == 1
			case i+1 < n && refIsVowelByte(w[i+1]) && vowel[i-1]:
				vowel[i] = false
			default:
				vowel[i] = true
			}
		}
	}
	count := 0
	for i := 0; i < n; i++ {
		if !vowel[i] {
			continue
		}
		if i == 0 || !vowel[i-1] {
			count++
			continue
		}
		if refSplitsPair(w, i) {
			count++
		}
	}
	lastConsonant := func(i int) bool { return i >= 0 && !vowel[i] }
	switch {
	case strings.HasSuffix(w, "e") && n > 2 && lastConsonant(n-2):
		// Silent final e (hope, tube), but not in consonant + "le"
		// (table, little) or in "the"/"be" (count stays at least one).
		if !(w[n-2] == 'l' && lastConsonant(n-3)) {
			count--
		}
	case strings.HasSuffix(w, "es") && n > 3 && lastConsonant(n-3):
		// -es is silent (makes, hopes) except after a sibilant (changes,
		// boxes, washes) or in consonant + "les" (tables).
		prev := w[n-3]
		sibilant := prev == 'c' || prev == 'g' || prev == 's' || prev == 'x' || prev == 'z' ||
			strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes")
		if !sibilant && !(prev == 'l' && lastConsonant(n-4)) {
			count--
		}
	case strings.HasSuffix(w, "ed") && n > 3 && lastConsonant(n-3):
		// -ed is silent (helped, used) except after t and d (wanted, needed).
		if w[n-3] != 't' && w[n-3] != 'd' {
			count--
		}
	}
	// A silent e before a suffix: lately, treatments, completely.
	for _, suffix := range []string{"ly", "ful", "ment", "ments", "less", "ness"} {
		stem, ok := strings.CutSuffix(w, suffix)
		if ok && len(stem) > 3 && stem[len(stem)-1] == 'e' && lastConsonant(len(stem)-2) && refVowelBefore(w, vowel, len(stem)-2) &&
			!(stem[len(stem)-2] == 'l' && lastConsonant(len(stem)-3)) {
			count--
			break
		}
	}
	// -ism is two syllables (autism), -ing after a vowel adds one (being, going).
	if strings.HasSuffix(w, "gue") || strings.HasSuffix(w, "gues") {
		count-- // fatigue, league: the ue is silent
	}
	if strings.HasSuffix(w, "ism") || strings.HasSuffix(w, "isms") || strings.HasSuffix(w, "ysm") || strings.HasSuffix(w, "ysms") {
		count++
	}
	if strings.HasSuffix(w, "ing") && n > 4 && vowel[n-4] && w[n-4] != 'u' {
		count++
	}
	return count
}

// refVowelBefore reports whether a vowel comes before position i.
func refVowelBefore(w string, vowel []bool, i int) bool {
	for j := i - 1; j >= 0; j-- {
		if vowel[j] {
			return true
		}
	}
	return false
}

// refSplitsPair reports whether the vowel at i starts a new syllable although
// the letter before it is a vowel too: di-a-betes, radi-o, vide-o, actu-al,
// calci-um, di-et, flu-id.
func refSplitsPair(w string, i int) bool {
	a, b := w[i-1], w[i]
	rest := w[i+1:]
	before := byte(0)
	if i >= 2 {
		before = w[i-2]
	}
	switch {
	case a == 'i' && b == 'a':
		// -cia, -tia, -sia, -gia are one syllable (special, dementia, anesthesia).
		return before != 'c' && before != 't' && before != 's' && before != 'g'
	case a == 'i' && b == 'o':
		// -tion, -sion, -cious, -gious are one syllable; physi-o-therapy is not.
		oneSound := before == 't' || before == 's' || before == 'c' || before == 'g' || before == 'x'
		return !(oneSound && (strings.HasPrefix(rest, "n") || strings.HasPrefix(rest, "u")))
	case a == 'a' && b == 'o':
		return true // a-orta, cha-os
	case a == 'i' && b == 'u', a == 'i' && b == 'i':
		return true
	case a == 'e' && b == 'o':
		// vide-o, oste-o; but surgeon, pigeon, gorgeous are one.
		return !strings.HasPrefix(rest, "u") && before != 'g' && before != 'c'
	case a == 'u' && b == 'e':
		// cru-el, flu-ent, influ-enza; blue, tissue and league are one.
		return strings.HasPrefix(rest, "l") || strings.HasPrefix(rest, "t") || strings.HasPrefix(rest, "n")
	case a == 'u' && b == 'a':
		return before != 'g'
	case a == 'u' && b == 'i':
		return strings.HasPrefix(rest, "d") && before != 'g'
	case a == 'u' && b == 'o':
		return true
	case a == 'o' && b == 'e':
		return rest != "" && rest != "s"
	case a == 'e' && b == 'a':
		// Word-final -ea is two syllables: idea, area, nausea, apnea; so
		// is cre-ate (create, pancre-atitis).
		return rest == "" || rest == "s" || (before == 'r' && i >= 3 && w[i-3] == 'c' && strings.HasPrefix(rest, "t"))
	case a == 'i' && b == 'e':
		switch {
		case rest == "r" || rest == "rs" || rest == "st":
			return true // easier, healthiest
		case strings.HasPrefix(rest, "t"):
			return true // diet, quiet, anxiety
		case strings.HasPrefix(rest, "nt") || strings.HasPrefix(rest, "nce"):
			return before != 't' && before != 'c' // client, audience; not patient
		}
	}
	return false
}

// ---- syllables_es.go ----

// refSyllablesSpanish counts the syllables of a Spanish word by the rules of
// Spanish spelling: each vowel nucleus is a syllable; a weak vowel (i, u,
// ü, final y) next to another vowel forms a diphthong with it, two strong
// vowels (a, e, o, or an accented í, ú) are in hiatus (le-er, dí-a); the u
// of que, qui, gue and gui is silent. A word with no letters counts as one
// syllable.
func refSyllablesSpanish(word string) int {
	w := []rune(strings.ToLower(word))
	count := 0
	prev := 0 // 0 consonant, 1 weak vowel, 2 strong vowel
	for i, r := range w {
		class := refSpanishVowel(r)
		if r == 'y' {
			// y is a vowel at the end of a word (hoy, muy) or alone (y).
			if i == len(w)-1 {
				class = 1
			}
		}
		if r == 'u' && i > 0 && (w[i-1] == 'q' || w[i-1] == 'g') && i+1 < len(w) && (w[i+1] == 'e' || w[i+1] == 'i' || w[i+1] == 'é' || w[i+1] == 'í') {
			class = 0 // que, qui, gue, gui: silent u
			prev = 0
			continue
		}
		switch {
		case class == 0:
		case prev == 0:
			count++
		case prev == 2 && class == 2:
			count++ // hiatus: le-er, ma-íz
		}
		prev = class
	}
	if count == 0 {
		return 1
	}
	return count
}

// refSpanishVowel classes r: 0 not a vowel, 1 weak vowel, 2 strong vowel.
func refSpanishVowel(r rune) int {
	switch r {
	case 'a', 'e', 'o', 'á', 'é', 'ó', 'í', 'ú':
		return 2
	case 'i', 'u', 'ü':
		return 1
	}
	return 0
}
