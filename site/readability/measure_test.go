package readability

import (
	"math"
	"reflect"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 0.011 }

// TestMeasureEnglish checks the formulas against values worked out by hand:
//
//	"Diabetes affects your blood sugar. Medicine can help."
//	W=8 S=2 Y=15 (di-a-be-tes 4, af-fects 2, your, blood, su-gar 2, med-i-cine 3, can, help) P=2
//	SMOG = 1.0430·√(2·30/2) + 3.1291 = 8.84
//	FK   = 0.39·8/2 + 11.8·15/8 − 15.59 = 8.095
//	FRE  = 206.835 − 1.015·8/2 − 84.6·15/8 = 44.15
func TestMeasureEnglish(t *testing.T) {
	s := Measure([]string{"Diabetes affects your blood sugar. Medicine can help."}, "en")
	if s.Words != 8 || s.Sentences != 2 || s.Syllables != 15 || s.Polysyllables != 2 {
		t.Fatalf("counts = %d words, %d sentences, %d syllables, %d polysyllables; want 8, 2, 15, 2", s.Words, s.Sentences, s.Syllables, s.Polysyllables)
	}
	if !near(s.SMOG, 8.84) || !near(s.FleschKincaid, 8.095) || !near(s.ReadingEase, 44.15) {
		t.Errorf("SMOG %.2f, FK %.2f, FRE %.2f; want 8.84, 8.10, 44.15", s.SMOG, s.FleschKincaid, s.ReadingEase)
	}
	if s.FernandezHuerta != 0 || s.INFLESZ != 0 {
		t.Errorf("English text got Spanish scores %+v", s)
	}
}

// TestMeasureShortWords: "The cat sat on the mat. It was a happy cat."
// W=11 S=2 Y=12 P=0: SMOG 3.13, FK −0.57, FRE 108.96.
func TestMeasureShortWords(t *testing.T) {
	s := Measure([]string{"The cat sat on the mat. It was a happy cat."}, "en")
	if s.Words != 11 || s.Sentences != 2 || s.Syllables != 12 {
		t.Fatalf("counts = %+v", s)
	}
	if !near(s.SMOG, 3.13) || !near(s.FleschKincaid, -0.57) || !near(s.ReadingEase, 108.96) {
		t.Errorf("SMOG %.2f, FK %.2f, FRE %.2f; want 3.13, -0.57, 108.96", s.SMOG, s.FleschKincaid, s.ReadingEase)
	}
}

// TestMeasureSpanish: "El niño come pan. La diabetes es una enfermedad."
// W=9 S=2 Y=17 (el, ni-ño, co-me, pan; la, dia-be-tes, es, u-na, en-fer-me-dad)
// Fernández-Huerta = 206.84 − 60·17/9 − 1.02·9/2 = 88.92
// INFLESZ = 206.835 − 62.3·17/9 − 9/2 = 84.66
func TestMeasureSpanish(t *testing.T) {
	s := Measure([]string{"El niño come pan. La diabetes es una enfermedad."}, "es")
	if s.Words != 9 || s.Sentences != 2 || s.Syllables != 17 {
		t.Fatalf("counts = %+v", s)
	}
	if !near(s.FernandezHuerta, 88.92) || !near(s.INFLESZ, 84.66) {
		t.Errorf("Fernández-Huerta %.2f, INFLESZ %.2f; want 88.92, 84.66", s.FernandezHuerta, s.INFLESZ)
	}
	if s.SMOG != 0 || s.FleschKincaid != 0 {
		t.Errorf("Spanish text got English scores %+v", s)
	}
	if got := INFLESZBand(s.INFLESZ); got != "easy" {
		t.Errorf("band %q, want easy", got)
	}
}

func TestSyllablesSpanish(t *testing.T) {
	for word, want := range map[string]int{
		"día": 2, "ciudad": 2, "leer": 2, "guerra": 2, "que": 1, "pingüino": 3, "hoy": 1, "muy": 1,
		"corazón": 3, "enfermedad": 4, "insulina": 4, "hipertensión": 4, "país": 2, "oído": 3,
		"aéreo": 4, "medicamento": 5, "agua": 2, "diabetes": 3, "asma": 2, "y": 1, "presión": 2,
	} {
		if got := SyllablesSpanish(word); got != want {
			t.Errorf("SyllablesSpanish(%q) = %d, want %d", word, got, want)
		}
	}
}

func TestSentences(t *testing.T) {
	got := Sentences(`Ask Dr. Kim, e.g. at your visit. Take 2.5 mg daily! Is it safe? "Yes." Open 8 a.m. to 5 p.m. Parking is free.`)
	want := []string{"Ask Dr. Kim, e.g. at your visit.", "Take 2.5 mg daily!", "Is it safe?", `"Yes."`, "Open 8 a.m. to 5 p.m.", "Parking is free."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Sentences = %q\nwant %q", got, want)
	}
	if w := Words("Don't skip your follow-up — it's 2.5 mg."); !reflect.DeepEqual(w, []string{"Don't", "skip", "your", "follow-up", "it's", "2.5", "mg"}) {
		t.Errorf("Words = %q", w)
	}
}

// TestProse: headings, code, tables, HTML and images are not prose; each
// paragraph and list item is a block, link text is kept.
func TestProse(t *testing.T) {
	src := []byte("## Symptoms of asthma\n\nYou may cough at night.\nSee [your nurse](/people/) soon.\n\n" +
		"- Wheezing\n- A tight chest\n\n```json\n{\"code\": \"a very long polysyllabic identifier\"}\n```\n\n" +
		"| Test | When |\n|---|---|\n| Spirometry | Yearly |\n\nUse `salbutamol-hfa` as told.\n\n![An inhaler](/i.svg)\n\n<div>raw html</div>\n")
	got := Prose(src)
	want := []string{"You may cough at night. See your nurse soon.", "Wheezing", "A tight chest", "Use  as told."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Prose = %q\nwant %q", got, want)
	}
	s := Measure(got, "en")
	if s.Sentences != 5 || s.Words != 16 {
		t.Errorf("measured %d sentences, %d words; want 5, 16", s.Sentences, s.Words)
	}
}
