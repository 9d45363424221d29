package readability

import "strings"

// SyllablesEnglish counts the syllables of an English word. It first looks
// the word up in a dictionary of words that spelling rules get wrong —
// mostly medical vocabulary (diabetes, anemia, epinephrine) — and otherwise
// counts vowel groups, corrected for silent endings (-e, -es, -ed), vowel
// pairs that are two syllables (di-a, radi-o, vide-o, actu-al, calci-um),
// "qu" and "-le" (ta-ble). Hyphenated words add up their parts that have
// letters. A word with no letters counts as one syllable: numbers and dates
// are read as one word.
func SyllablesEnglish(word string) int {
	w := strings.ToLower(word)
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	if strings.ContainsAny(w, "-/") {
		n := 0
		for _, part := range strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '/' }) {
			if lettersOnly(part) != "" {
				n += SyllablesEnglish(part)
			}
		}
		return max(n, 1)
	}
	w = lettersOnly(w)
	if w == "" {
		return 1
	}
	if n, ok := englishExceptions[w]; ok {
		return n
	}
	if n, ok := fromExceptionStem(w); ok {
		return n
	}
	for _, prefix := range silentEPrefixes {
		if len(w) > len(prefix)+2 && strings.HasPrefix(w, prefix) && !isVowelByte(w[len(prefix)]) {
			return SyllablesEnglish(prefix) + SyllablesEnglish(w[len(prefix):])
		}
	}
	return max(englishVowelGroups(w), 1)
}

// fromExceptionStem counts a plural or past form of a dictionary word:
// "opioids" from "opioid", "inhalers" from "inhaler".
func fromExceptionStem(w string) (int, bool) {
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

// silentEPrefixes are the first parts of compounds whose "e" is silent
// (caregiver, lifestyle, sometimes), counted as separate words.
var silentEPrefixes = []string{"care", "some", "home", "life", "time", "safe", "side", "wide", "like", "use", "where", "there", "whole", "house", "face", "base", "note", "hope", "more", "age", "love", "pace"}

func lettersOnly(w string) string {
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

func isVowelByte(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// englishVowelGroups is the spelling heuristic behind SyllablesEnglish.
func englishVowelGroups(w string) int {
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
			case i+1 < n && isVowelByte(w[i+1]) && vowel[i-1]:
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
		if splitsPair(w, i) {
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
		if ok && len(stem) > 3 && stem[len(stem)-1] == 'e' && lastConsonant(len(stem)-2) && vowelBefore(w, vowel, len(stem)-2) &&
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

// vowelBefore reports whether a vowel comes before position i.
func vowelBefore(w string, vowel []bool, i int) bool {
	for j := i - 1; j >= 0; j-- {
		if vowel[j] {
			return true
		}
	}
	return false
}

// splitsPair reports whether the vowel at i starts a new syllable although
// the letter before it is a vowel too: di-a-betes, radi-o, vide-o, actu-al,
// calci-um, di-et, flu-id.
func splitsPair(w string, i int) bool {
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
