package readability

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestSyllablesEnglish checks the counter against a list of English words,
// mostly medical, whose syllable counts come from the CMU Pronouncing
// Dictionary (any of its pronunciations): at least 95% must be exact.
func TestSyllablesEnglish(t *testing.T) {
	f, err := os.Open("testdata/syllables_en.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	total, exact := 0, 0
	var wrong []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		got := SyllablesEnglish(fields[0])
		ok := false
		for _, f := range fields[1:] {
			if f == "*" {
				continue
			}
			want, err := strconv.Atoi(f)
			if err != nil {
				t.Fatalf("bad line %q", line)
			}
			ok = ok || got == want
		}
		total++
		if ok {
			exact++
		} else {
			wrong = append(wrong, fields[0]+" "+strconv.Itoa(got)+" (want "+strings.Join(fields[1:], " or ")+")")
		}
	}
	if total < 200 {
		t.Fatalf("the word list has %d words; it needs at least 200", total)
	}
	rate := float64(exact) / float64(total)
	t.Logf("%d of %d words exact (%.1f%%); wrong: %s", exact, total, 100*rate, strings.Join(wrong, ", "))
	if rate < 0.95 {
		t.Errorf("only %.1f%% of %d words counted exactly, want at least 95%%", 100*rate, total)
	}
}
