package readability

import (
	"math"
	"strings"
	"unicode"
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
	for _, block := range blocks {
		sentences := 0
		for _, sentence := range Sentences(block) {
			words := Words(sentence)
			if len(words) == 0 {
				continue
			}
			sentences++
			for _, w := range words {
				n := syllables(w)
				s.Words++
				s.Syllables += n
				if n >= 3 {
					s.Polysyllables++
				}
			}
		}
		s.Sentences += sentences
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
	var out []string
	fields := strings.Fields(block)
	start := 0
	for i, f := range fields {
		if i == len(fields)-1 || !endsSentence(f, fields[i+1]) {
			continue
		}
		out = append(out, strings.Join(fields[start:i+1], " "))
		start = i + 1
	}
	if start < len(fields) {
		out = append(out, strings.Join(fields[start:], " "))
	}
	return out
}

// endsSentence reports whether a whitespace-separated token ends a
// sentence; next is the token after it.
func endsSentence(tok, next string) bool {
	t := strings.TrimRight(tok, `"'”’)»]*_`)
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
	for _, f := range strings.Fields(sentence) {
		for _, part := range strings.FieldsFunc(f, func(r rune) bool {
			return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '\'' || r == '’' || r == '.')
		}) {
			part = strings.Trim(part, "-'’.")
			if part == "" || !strings.ContainsFunc(part, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
				continue
			}
			words = append(words, part)
		}
	}
	return words
}
