package readability

import (
	"strings"
)

// SyllablesSpanish counts the syllables of a Spanish word by the rules of
// Spanish spelling: each vowel nucleus is a syllable; a weak vowel (i, u,
// ü, final y) next to another vowel forms a diphthong with it, two strong
// vowels (a, e, o, or an accented í, ú) are in hiatus (le-er, dí-a); the u
// of que, qui, gue and gui is silent. A word with no letters counts as one
// syllable.
func SyllablesSpanish(word string) int {
	w := []rune(strings.ToLower(word))
	count := 0
	prev := 0 // 0 consonant, 1 weak vowel, 2 strong vowel
	for i, r := range w {
		class := spanishVowel(r)
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

// spanishVowel classes r: 0 not a vowel, 1 weak vowel, 2 strong vowel.
func spanishVowel(r rune) int {
	switch r {
	case 'a', 'e', 'o', 'á', 'é', 'ó', 'í', 'ú':
		return 2
	case 'i', 'u', 'ü':
		return 1
	}
	return 0
}
