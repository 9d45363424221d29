package readability

import (
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
)

// randomWords makes n words of 1 to 24 letters (some capitalised, some
// with an inner hyphen or apostrophe), many of them repeated.
func randomWords(seed uint64, n int) []string {
	rng := rand.New(rand.NewPCG(seed, 1))
	const letters = "aeiouyaeioubcdfghjklmnpqrstvwxzBCDEFGHIJKLMNOPQRSTUVWXYZáéíóúñü0123456789"
	words := make([]string, n)
	for i := range words {
		if i > 0 && rng.IntN(4) == 0 {
			words[i] = words[rng.IntN(i)]
			continue
		}
		var b strings.Builder
		for range 1 + rng.IntN(24) {
			r := []rune(letters)
			b.WriteRune(r[rng.IntN(len(r))])
		}
		if rng.IntN(10) == 0 {
			b.WriteString([]string{"-up", "'s", "’t", "-a-b"}[rng.IntN(4)])
		}
		words[i] = b.String()
	}
	return words
}

// TestCacheGrows: a cache that grows from its smallest table to several
// times that, filled and read by goroutines at once, gives every word's
// count (run with -race).
func TestCacheGrows(t *testing.T) {
	for _, c := range []*wordCache{{count: SyllablesEnglish}, {count: SyllablesSpanish}} {
		var wg sync.WaitGroup
		for g := range 4 {
			wg.Go(func() {
				words := randomWords(uint64(g%2), 6*minCacheSlots)
				r := c.reader()
				for pass := range 2 {
					for _, w := range words {
						if got, want := r.count(w), c.count(w); got != want {
							t.Errorf("pass %d: count(%q) = %d, want %d", pass, w, got, want)
							return
						}
					}
				}
			})
		}
		wg.Wait()
		if n := len(c.table.Load().slots); n < 4*minCacheSlots {
			t.Errorf("the table has %d slots; it did not grow", n)
		}
	}
}

// TestMeasureManyWords: Measure gives the reference's scores while its
// caches grow, scoring texts of many different words from goroutines at
// once.
func TestMeasureManyWords(t *testing.T) {
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			words := randomWords(uint64(10+g%2), 4*minCacheSlots)
			for i := 0; i < len(words); i += 100 {
				block := strings.Join(words[i:min(i+100, len(words))], " ") + "."
				for _, lang := range []string{"en", "es"} {
					if got, want := Measure([]string{block}, lang), refMeasure([]string{block}, lang); !sameScores(got, want) {
						t.Errorf("Measure(%q, %q) = %+v\nreference %+v", block, lang, got, want)
						return
					}
				}
			}
		})
	}
	wg.Wait()
}
