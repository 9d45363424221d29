package readability

import (
	"bytes"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/bedside-health/bedside/build/markdown"
	"github.com/bedside-health/bedside/site/sitetest"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// The tests of this file check that the package gives exactly the results
// of the reference implementation kept in reference_test.go: the same
// prose, and scores equal to the bit.

// langs are the languages every text is scored in: English, Spanish, a
// Spanish region, and tags that fall back to English.
var langs = []string{"en", "es", "es-MX", "", "en-GB", "esp"}

// sameScores reports whether two Scores are identical, comparing the
// floats' bits (so that -0 and 0 differ, as they print differently).
func sameScores(a, b Scores) bool {
	bits := func(s Scores) [5]uint64 {
		return [5]uint64{math.Float64bits(s.SMOG), math.Float64bits(s.FleschKincaid), math.Float64bits(s.ReadingEase),
			math.Float64bits(s.FernandezHuerta), math.Float64bits(s.INFLESZ)}
	}
	return a.Lang == b.Lang && a.Words == b.Words && a.Sentences == b.Sentences && a.Syllables == b.Syllables &&
		a.Polysyllables == b.Polysyllables && bits(a) == bits(b)
}

// checkMeasure compares Measure with the reference on blocks in every
// language, and the scores of each block alone.
func checkMeasure(t *testing.T, name string, blocks []string) {
	t.Helper()
	for _, lang := range langs {
		if got, want := Measure(blocks, lang), refMeasure(blocks, lang); !sameScores(got, want) {
			t.Errorf("%s (%q): Measure = %+v\nreference %+v", name, lang, got, want)
		}
	}
	for _, b := range blocks {
		for _, lang := range []string{"en", "es"} {
			if got, want := Measure([]string{b}, lang), refMeasure([]string{b}, lang); !sameScores(got, want) {
				t.Errorf("%s (%q): Measure(%q) = %+v\nreference %+v", name, lang, b, got, want)
			}
		}
	}
}

// checkDocument compares the prose and scores of one Markdown body, parsed
// both by the package's own parser and by the build's renderer (whose
// typographer turns quotes and dashes into entities).
func checkDocument(t *testing.T, name string, md *markdown.Renderer, body []byte) {
	t.Helper()
	doc := proseParser.Parse(text.NewReader(body))
	got, want := ProseOf(doc, body), refProseOf(doc, body)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: ProseOf = %q\nreference %q", name, got, want)
	}
	checkMeasure(t, name, want)
	checkMeasureDoc(t, name, doc, body)
	if got := Prose(body); !reflect.DeepEqual(got, want) {
		t.Errorf("%s: Prose = %q\nreference %q", name, got, want)
	}
	built, err := md.Parse(body)
	if err != nil {
		return
	}
	got, want = ProseOf(built, body), refProseOf(built, body)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s (build's parser): ProseOf = %q\nreference %q", name, got, want)
	}
	checkMeasure(t, name+" (build's parser)", want)
	checkMeasureDoc(t, name+" (build's parser)", built, body)
	// The whole file, front matter and all, as MeasureMarkdown is given it
	// by the benchmarks.
	for _, lang := range []string{"en", "es"} {
		if got, want := MeasureMarkdown(body, lang), refMeasureMarkdown(body, lang); !sameScores(got, want) {
			t.Errorf("%s (%q): MeasureMarkdown = %+v\nreference %+v", name, lang, got, want)
		}
	}
}

// checkMeasureDoc compares MeasureDoc with the reference's scores of the
// reference's prose.
func checkMeasureDoc(t *testing.T, name string, doc ast.Node, src []byte) {
	t.Helper()
	prose := refProseOf(doc, src)
	for _, lang := range langs {
		if got, want := MeasureDoc(doc, src, lang), refMeasure(prose, lang); !sameScores(got, want) {
			t.Errorf("%s (%q): MeasureDoc = %+v\nreference %+v", name, lang, got, want)
		}
	}
}

// bodyOf returns a Markdown file's body, after its YAML front matter.
func bodyOf(src []byte) []byte {
	if rest, ok := bytes.CutPrefix(src, []byte("---\n")); ok {
		if i := bytes.Index(rest, []byte("\n---\n")); i >= 0 {
			return rest[i+len("\n---\n"):]
		}
	}
	return src
}

// checkTree compares every Markdown file under dir.
func checkTree(t *testing.T, dir string) int {
	t.Helper()
	md := markdown.New(markdown.Options{})
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n++
		checkDocument(t, path, md, bodyOf(src))
		checkDocument(t, path+" (with front matter)", md, src)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestMatchesReferenceOnContent: the sample site's articles.
func TestMatchesReferenceOnContent(t *testing.T) {
	if n := checkTree(t, "../../content"); n < 10 {
		t.Fatalf("only %d Markdown files under ../../content", n)
	}
}

// TestMatchesReferenceOnCorpus: a few hundred generated articles.
func TestMatchesReferenceOnCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a corpus")
	}
	if n := checkTree(t, filepath.Join(sitetest.Corpus(t, 200), "content")); n < 200 {
		t.Fatalf("only %d Markdown files in the corpus", n)
	}
}

// trickyTexts are inputs chosen to reach the edges of the scanners: the
// abbreviations, closers, typographic quotes, accented and non-Latin
// letters, invalid UTF-8, and words that the exception list, its derived
// forms and the silent-e compounds count.
var trickyTexts = []string{
	"",
	" ",
	"...", "-", "'.-", "’..", ".’", "x ...", "... x", "a.", ".a", "-a-", "a'", "a’", "’a",
	"\t\n\r\f\v",
	"Ask Dr. Kim, e.g. at your visit. Take 2.5 mg daily! Is it safe? \"Yes.\" Open 8 a.m. to 5 p.m. Parking is free.",
	"Don't skip your follow-up — it's 2.5 mg.",
	"El niño come pan. La diabetes es una enfermedad. ¿Qué es la hipertensión? ¡Muy bien! Sra. López y Dr. Pérez, p.ej. aquí.",
	"Diabetes affects your blood sugar. Medicine can help.",
	"The cat sat on the mat. It was a happy cat.",
	"anemias anemiaed diabeteses vaccines vaccined recipes sciences genomes acned nosebleeds peoples someone's",
	"caregiver caregivers lifestyle sometimes homework timetable safeguard sidewalk nowhere therefore wholesome household facebook baseline notebook hopeful moreover agenda lovely pacemaker useful",
	"care-giver home/work follow-up/down -- --- ... ’tis rock ’n’ roll y’all ’’’ ’-’ '.' .-.",
	"J. Smith and A. B. Jones met U.S. officials. then. É. Ø. ß. Ω. 1. 2.",
	"Is it? (Yes.) [No!] «Sí.» “Quote.” ‘Single.’ *Bold.* _It._ **Both.** \"'Nested.'\" end",
	"Dr. Mr. Mrs. Ms. Prof. St. Vs. Etc. E.g. I.e. A.m. P.m. Approx. No. Fig. Jr. Sr. Mt. Dra. Sra. Sr.. P.ej. Aprox. Ud. Uds.",
	"DR. KIM. \"Dr. Who.\" (dr.) e.g.. i.e., a.m.) p.m.\" x.y. z.Z. a.b.c. Next",
	"café naïve résumé coöperate über façade jalapeño Ångström ÆON œuvre",
	"日本語の文章です。 Ελληνικά κείμενο. Русский текст. עברית. العربية. 한국어. हिन्दी.",
	"İstanbul ǅemal ǈ ǋ ẞ ῼ ᾈ Σ ς Ⅻ ⅻ ① ٣ ５ １２３ ＡＢＣ",
	"\xff\xfe bad \xc3 utf8 \xe2\x80 \xe2\x80\x99 \xed\xa0\x80 surrogate",
	"quiet liquid squeeze queue qu q u y yes layer gym happy day eye yay ayy",
	"fatigue league tongue plague colleagues autism prism spasms being going doing seeing ruing",
	"table tables little littles changes boxes washes catches hopes makes wanted needed helped used",
	"lately treatments completely careless homeless likeness movement movements hopeful",
	"diet quiet anxiety client audience patient easier healthiest idea area nausea apnea create pancreatitis",
	"physiotherapy radio video actual calcium fluid cruel fluent influenza blue tissue surgeon pigeon gorgeous chaos aorta",
	"x b c d f g h j k l m n p q r s t v w z bcd xyz rhythm shh nth",
	"12 3.14 1,000 2024-03-12 10:30 7.5mg 5% $20 #1 @home A1c HbA1c COVID-19 COVID-19's",
	"it's its' ’s 's s' o'clock rock'n'roll don’t won’t can’t",
	"a-b-c a--b a---b -a- 'a' .a. ’a’ a.’ ’.a -’- .’. '’'",
	"word.word word..word word...Word word. .Word",
	"dia día diá leer le-er guerra que qui gue gui güe pingüino hoy muy y ley rey buey Uruguay averigüéis",
	"AEIOU aeiou ÁÉÍÓÚ áéíóú üÜ ñÑ ÇÇ",
	strings.Repeat("long ", 300) + "sentence.",
	strings.Repeat("a", 300) + " " + strings.Repeat("é", 200) + " " + strings.Repeat("ab-", 100),
	"pneumonoultramicroscopicsilicovolcanoconiosis supercalifragilisticexpialidocious antidisestablishmentarianism",
	"St. St.. st. ST. sT. s.t. e.g e.g.. i.e.. ud. UD. Ud.. p.ej.. p.ej",
	"Mixed\u00a0nbsp\u2003em-space\u2028line-sep\u0085nel words",
	"end?!\" end!?) end.» end…", "¿¡Qué!? ¡¿Cómo?!",
	"a\x00b c\x01d e\x7ff",
}

// TestMatchesReferenceOnTrickyText: inputs made to reach the edges.
func TestMatchesReferenceOnTrickyText(t *testing.T) {
	checkMeasure(t, "tricky", trickyTexts)
	for _, s := range trickyTexts {
		checkText(t, s)
	}
	md := markdown.New(markdown.Options{})
	for _, s := range trickyTexts {
		checkDocument(t, "tricky Markdown", md, []byte(s))
	}
	for _, s := range markdownSeeds {
		checkDocument(t, "Markdown seed", md, []byte(s))
	}
}

// checkText compares Sentences, Words and the syllable counters on s.
func checkText(t *testing.T, s string) {
	t.Helper()
	if got, want := Sentences(s), refSentences(s); !reflect.DeepEqual(got, want) {
		t.Errorf("Sentences(%q) = %q\nreference %q", s, got, want)
	}
	if got, want := Words(s), refWords(s); !reflect.DeepEqual(got, want) {
		t.Errorf("Words(%q) = %q\nreference %q", s, got, want)
	}
	if got, want := trimOpeners(s), strings.TrimLeft(s, `"'“‘(«[*_¿¡`); got != want {
		t.Errorf("trimOpeners(%q) = %q, strings.TrimLeft gives %q", s, got, want)
	}
	for _, w := range append(strings.Fields(s), s) {
		for _, w := range []string{w, strings.TrimSuffix(w, ".")} {
			if got, want := abbreviation(w), refAbbreviations[strings.ToLower(w)]; got != want {
				t.Errorf("abbreviation(%q) = %v, reference %v", w, got, want)
			}
		}
		if got, want := SyllablesEnglish(w), refSyllablesEnglish(w); got != want {
			t.Errorf("SyllablesEnglish(%q) = %d, reference %d", w, got, want)
		}
		if got, want := SyllablesSpanish(w), refSyllablesSpanish(w); got != want {
			t.Errorf("SyllablesSpanish(%q) = %d, reference %d", w, got, want)
		}
	}
}

// markdownSeeds are Markdown documents with the syntax ProseOf leaves out
// or reads back.
var markdownSeeds = []string{
	"## Symptoms of asthma\n\nYou may cough at night.\nSee [your nurse](/people/) soon.\n\n" +
		"- Wheezing\n- A tight chest\n\n```json\n{\"code\": \"a very long polysyllabic identifier\"}\n```\n\n" +
		"| Test | When |\n|---|---|\n| Spirometry | Yearly |\n\nUse `salbutamol-hfa` as told.\n\n![An inhaler](/i.svg)\n\n<div>raw html</div>\n",
	"\"Don't\" -- she said --- 'it's' ... <<fine>>.  \nHard break\\\nand *emphasis* _here_ **strong**.\n",
	"Text[^1] with a note.\n\n[^1]: A note with many polysyllabic words.\n\n> A quote.\n> > Nested quote.\n",
	"1. First item\n2. Second item\n   - nested *item*\n\n- [ ] task\n- [x] done\n\n<https://example.org> and <b>raw</b> html.\n",
	"    indented code block\n\nTerm\n\n***\n\nSetext heading\n===\n\nParagraph &amp; entity &copy; &#169; &#x00A9; &nbsp;.\n",
	"   \n\n  \t  \n",
	"[ref link][r] and [collapsed][] and ![image *alt*](x.png \"t\").\n\n[r]: /x\n[collapsed]: /y\n",
}

// TestAbbreviations: the switch of isAbbreviation has the reference's list,
// and no abbreviation is longer than maxAbbreviation.
func TestAbbreviations(t *testing.T) {
	for k, want := range refAbbreviations {
		if got := isAbbreviation(k); got != want {
			t.Errorf("isAbbreviation(%q) = %v, want %v", k, got, want)
		}
		if want && len(k) > maxAbbreviation {
			t.Errorf("%q is longer than maxAbbreviation", k)
		}
		if got := abbreviation(strings.ToUpper(k)); got != want {
			t.Errorf("abbreviation(%q) = %v, want %v", strings.ToUpper(k), got, want)
		}
	}
	for _, w := range []string{"\u212A", "İ.e", "Dr", "DR", "dR", "approx", "approxx", "ÄPPROX", "p.Ej", "sr.", "Sr.."} {
		if got, want := abbreviation(w), refAbbreviations[strings.ToLower(w)]; got != want {
			t.Errorf("abbreviation(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestEveryByteInEveryPlace: the scan reads eight bytes at a time with
// integer arithmetic; every byte value in every place of a word, and
// around it, gives the reference's scores.
func TestEveryByteInEveryPlace(t *testing.T) {
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 17; pos++ {
			for _, fill := range []string{"abcdefghijklmnopqrstuvw", "ZZZZZZZZZZZZZZZZZZZZZZZ", "0123456789012345678901", "a.b-c'd.e-f'g.h-i'j.k-l"} {
				w := append(append([]byte(fill[:pos]), byte(c)), fill[pos:]...)
				for _, block := range []string{string(w), "x " + string(w) + " y.", string(w) + ". Next"} {
					for _, lang := range []string{"en", "es"} {
						if got, want := Measure([]string{block}, lang), refMeasure([]string{block}, lang); !sameScores(got, want) {
							t.Fatalf("Measure(%q, %q) = %+v\nreference %+v", block, lang, got, want)
						}
					}
				}
			}
		}
	}
}

// TestAbbreviationLength: no word longer than maxAbbreviation bytes
// lower-cases to an abbreviation. A character that lower-cases to an ASCII
// letter is that letter or one of a few others, at most utf8.UTFMax bytes
// long; the longest word that can lower-case to an abbreviation is the
// abbreviation with each letter so replaced.
func TestAbbreviationLength(t *testing.T) {
	longest := map[rune]int{} // ASCII character → its longest encoding before lower-casing
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if l := unicode.ToLower(r); l < utf8.RuneSelf && utf8.ValidRune(r) {
			longest[l] = max(longest[l], utf8.RuneLen(r))
		}
	}
	for k, ok := range refAbbreviations {
		if !ok {
			continue
		}
		n := 0
		for _, c := range k {
			n += longest[c]
		}
		if n > maxAbbreviation {
			t.Errorf("a word of %d bytes lower-cases to %q, longer than maxAbbreviation", n, k)
		}
	}
}
