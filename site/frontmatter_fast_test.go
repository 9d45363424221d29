package site

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/bedside-health/bedside/site/sitetest"
)

// contentFrontMatter returns the raw YAML front matter of every Markdown
// file under root, keyed by path.
func contentFrontMatter(tb testing.TB, root string) map[string][]byte {
	tb.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		raw, format, _, _, err := SplitFrontMatter(src)
		if err == nil && format == "yaml" {
			out[p] = raw
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// BenchmarkParseFrontMatter: one op parses the front matter of every
// Markdown file under content/ (29 files today).
func BenchmarkParseFrontMatter(b *testing.B) {
	files := contentFrontMatter(b, filepath.Join("..", "content"))
	raws := make([][]byte, 0, len(files))
	for _, raw := range files {
		raws = append(raws, raw)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, raw := range raws {
			if _, err := ParseFrontMatter(raw, "yaml", 2); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// bothPaths parses raw with the fast path and with go-yaml alone. handled
// is false when the fast path declined.
func bothPaths(raw []byte) (fast, ref *FrontMatter, handled bool, refErr error) {
	newFM := func() *FrontMatter {
		return &FrontMatter{Format: "yaml", Values: map[string]any{}, Lines: map[string]int{}, Line: 1}
	}
	fast, ref = newFM(), newFM()
	handled = fast.parseYAMLFast(raw, 2)
	refErr = ref.parseYAMLGoccy(raw, 2)
	return fast, ref, handled, refErr
}

// checkFast fails t when the fast path handled raw but differs from go-yaml,
// or go-yaml found an error in it, and when it declined without leaving the
// front matter empty. It reports whether the fast path handled raw.
func checkFast(t testing.TB, name string, raw []byte) bool {
	t.Helper()
	fast, ref, handled, refErr := bothPaths(raw)
	if !handled {
		if len(fast.Values) != 0 || len(fast.Lines) != 0 || fast.Keys != nil || fast.Inner != nil {
			t.Errorf("%s: the fast path declined but left %v %v %v", name, fast.Values, fast.Lines, fast.Keys)
		}
		return false
	}
	if refErr != nil {
		t.Errorf("%s: the fast path handled\n%s\nwhich go-yaml rejects: %v", name, raw, refErr)
		return true
	}
	if !reflect.DeepEqual(fast.Values, ref.Values) || !reflect.DeepEqual(fast.Lines, ref.Lines) || !reflect.DeepEqual(fast.Keys, ref.Keys) || !reflect.DeepEqual(fast.Inner, ref.Inner) {
		t.Errorf("%s: the fast path differs from go-yaml on\n%s\nfast:   %#v %v %#v %v\ngo-yaml: %#v %v %#v %v",
			name, raw, fast.Values, fast.Lines, fast.Keys, fast.Inner, ref.Values, ref.Lines, ref.Keys, ref.Inner)
	}
	return true
}

// TestFastFrontMatterMatchesGoccy: on every article of content/ and of a
// generated corpus the fast path handles at least 95% of the front matter,
// and gives exactly what go-yaml gives.
func TestFastFrontMatterMatchesGoccy(t *testing.T) {
	for _, dir := range []string{filepath.Join("..", "content"), "corpus"} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			if dir == "corpus" {
				dir = filepath.Join(sitetest.Corpus(t, 300), "content")
			}
			files := contentFrontMatter(t, dir)
			handled := 0
			var declined []string
			for name, raw := range files {
				if checkFast(t, name, raw) {
					handled++
				} else {
					declined = append(declined, name)
				}
			}
			sort.Strings(declined)
			pct := 100 * float64(handled) / float64(len(files))
			t.Logf("fast path handled %d of %d files (%.1f%%); declined: %v", handled, len(files), pct, declined)
			if len(files) == 0 || pct < 95 {
				t.Errorf("fast path handled %.1f%% of %d files, want at least 95%%", pct, len(files))
			}
		})
	}
}

// fastCases are front matters written to probe the fast path: every form
// it reads, and forms next to them that it must decline or read the way
// go-yaml does. They also seed FuzzFastFrontMatter.
var fastCases = []string{
	"title: x\n",
	"title: x",
	"# only a comment\n",
	"#c\ntitle: x\n\n# c\ndate: 2024-03-12\n",
	"a:\nb: 1\n", "a:\n", "a:\n#c\nb: 2\n", "a:   \nb: 2\n",
	"k:\n- a\n- b\n", "k:\n  - a\n  - b\nz: 1\n", "k:\n    - a\n    - b\n",
	"k:\n  - a\n\n  - b\n", "k:\n  - a\n  # c\n  - b\n", "k:\n  - a\n   - b\n", "k:\n  - a\n - b\n",
	"k:\n  - a\n    b\n", "k:\n  -\n  - a\n", "k:\n  - \n", "k:\n  -a\n", "k:\n  - - a\n",
	"k:\n  - t: x\n    u: y\n  - t: z\n", "k:\n  -   t: x\n      u: y\n", "k:\n    - t: x\n      u: y\n",
	"k:\n- t: x\n  u: y\n", "k:\n  - t: x\n     u: y\n", "k:\n  - t: x\n   u: y\n", "k:\n  - t: x\n    t: y\n",
	"k:\n  - t:\n    u: y\n", "k:\n  - t: x\n\n    u: y\n", "k:\n  - t: [a, b]\n    u: 'y'\n",
	"k:\n  - t: x\n    u:\n      - a\n", "k:\n  - t: x\n    - u\n", "k:\n  - t: x\n  - u\n",
	"k:\n  name: x\n  cred: [a]\n", "k:\n  name: x\n   cred: [a]\n", "k:\n  name: x\n cred: [a]\n",
	"k:\n  name: x\n  name: y\n", "k:\n  name:\n  cred: a\n", "k:\n  name: x\n\n  cred: a\n",
	"k:\n  name: x\n  - a\n", "k:\n  # c\n  name: x\n",
	"k: []\n", "k: [ ]\n", "k: [a,b]\n", "k: [ a , b ]\n", "k: [a, b,]\n", "k: [a,, b]\n", "k: [,]\n", "k: [,a]\n",
	"k: [a, 'b c', \"d\"]\n", "k: [1, 2023-01-02, true, null, 1.5]\n", "k: [a b, c]\n", "k: [a]]\n", "k: [a] x\n",
	"k: [a\n", "k: [a,\n  b]\n", "k: [[a]]\n", "k: [{a: 1}]\n", "k: [a: 1]\n", "k: [\"a\": 1]\n", "k: ['a' b]\n",
	"k: [a # c]\n", "k: [a] # c\n", "k: {a: 1}\n", "k: {}\n",
	"k: \"a\\\"b\\\\c\"\n", "k: \"a\\nb\"\n", "k: \"a\\tb\"\n", "k: \"a\\/b\"\n", "k: \"a\\x41\"\n", "k: \"a\\u00e9\"\n",
	"k: \"a\\\"\n", "k: \"a\\\n", "k: \"a\n", "k: \"a\n  b\"\n", "k: 'a\n  b'\n", "k: \"a\" b\n", "k: \"a\" # c\n",
	"k: 'a''b'\n", "k: ''''\n", "k: 'a'''\n", "k: 'a\\b'\n", "k: \"a  b  \"\n", "k: \"  \"\n", "k: \"\"\n", "k: ''\n",
	"k: \"a # b: c\"\n", "k: 'a # b: c'\n", "k: \"it's\"\n", "k: 'say \"hi\"'\n", "k: \"é ü\"\n",
	"k: a  b\n", "k:   x   \n", "k: x\n\n\nz: y\n", "k: x\n  # c\nz: 1\n", "k: x\n  y\n", "k: x\ny\n", "k: x\n y: 1\n",
	"k: Crohn's disease\n", "k: a 'b'\n", "k: a \"b\"\n", "k: é ü\n", "k: a\u00a0b\n", "k: a\u2028b\n", "k: \ufeffa\n",
	"k: a\tb\n", "k:\ta\n", "k: a\r\n", "\tk: a\n", "k: \"a\tb\"\n",
	"k: https://www.heart.org/en/a?b=c&d=e%20f#g\n", "k: https://doi.org/10.1000/000123\n", "k: mailto:a@b.org\n",
	"k: a: b\n", "k: a:\n", "k: a:b\n", "k: a :b\n", "k: a #b\n", "k: a#b\n", "k: a - b\n", "k: a -b\n",
	"k: a, b\n", "k: a ,b\n", "k: a [b]\n", "k: a {b}\n", "k: a !b\n", "k: a &b\n", "k: a *b\n", "k: a |\n", "k: a >\n",
	"k: a ? b\n", "k: a %b\n", "k: a @b\n", "k: a `b\n",
	"k: null\n", "k: Null\n", "k: NULL\n", "k: nULL\n", "k: ~\n", "k: true\n", "k: True\n", "k: TRUE\n", "k: tRUE\n",
	"k: false\n", "k: yes\n", "k: no\n", "k: on\n", "k: off\n", "k: y\n", "k: n\n", "k: Yes\n",
	"k: 0\n", "k: 12\n", "k: 012\n", "k: 08\n", "k: 0x1F\n", "k: 0o17\n", "k: 0b11\n", "k: 1_000\n", "k: +1\n",
	"k: -12\n", "k: -0\n", "k: 1.5\n", "k: 0.5\n", "k: 00.5\n", "k: 1.\n", "k: .5\n", "k: 1e3\n", "k: 1.5e3\n",
	"k: 1.2.3\n", "k: .inf\n", "k: -.inf\n", "k: .nan\n", "k: 9223372036854775807\n", "k: 9223372036854775808\n",
	"k: 18446744073709551615\n", "k: 18446744073709551616\n", "k: 99999999999999999999\n", "k: 123456789012.5\n",
	"k: 2024-03-12\n", "k: 2024-3-12\n", "k: 2024-13-45\n", "k: 0999-01-01\n", "k: 2024-03-12T10:00:00Z\n",
	"k: 2024-03-12 10:00:00\n", "k: 10:30\n", "k: 1:2\n", "k: 1,2\n", "k: 1 2\n",
	"k: -\n", "k: --\n", "k: - a\n", "k: ?\n", "k: ? a\n", "k: '\n", "k: \"\n",
	"k: &a x\nl: *a\n", "k: *a\n", "k: !!str 1\n", "k: !x y\n", "k: |\n  a\n", "k: >\n  a\n", "k: |-\n  a\n",
	"<<: {a: 1}\n", "k: {<<: {a: 1}}\n", "k: %x\n", "k: @x\n", "k: `x\n", "k: x\n---\nl: y\n", "---\nk: x\n",
	"k: x\n...\n", "%YAML 1.2\n---\nk: x\n", "k: x\nk: y\n", "k: x\nK: y\n",
	"01: x\n", "1: x\n", "True: x\n", "true: x\n", "null: x\n", "~: x\n", "y: x\n", "yes: x\n", "on: x\n",
	"_k: x\n", "-k: x\n", "k-: x\n", "k_1: x\n", "k.1: x\n", "k 1: x\n", "k : x\n", "k:x\n", "\"k\": x\n", "'k': x\n",
	"? k\n: x\n", "k: x\n  l: y\n", " k: x\n", "k:\n\n  - a\n", "k:\n#c\n  - a\n", "- a\n", "- a\n- b\n", "a\n", "[a]\n",
	"k: x # comment\n", "k: 'x' # comment\n", "k: [a] # comment\n", "k: \"#x\"\n", "#k: x\n", " # c\nk: x\n",
}

// TestFastFrontMatterCases: the fast path agrees with go-yaml on every
// written case, on every ASCII punctuation character in a plain scalar at
// every place, and on typed scalars (numbers, dates, null, booleans, quoted
// strings), in every context where the fast path reads a scalar.
func TestFastFrontMatterCases(t *testing.T) {
	for _, c := range fastCases {
		if len(bytes.TrimSpace([]byte(c))) > 0 {
			checkFast(t, fmt.Sprintf("%q", c), []byte(c))
		}
	}
	contexts := []string{
		"k: %s\n", "k: [%s]\n", "k: [x, %s, y]\n", "k:\n  - %s\n", "k:\n  - %s\n  - z\nl: 1\n",
		"k:\n  a: %s\n  b: x\n", "k:\n  - a: %s\n    b: x\n", "k:\n  - a: x\n    b: %s\nl: z\n",
		"k:\n  a: [%s]\n", "k:\n  - a: [x, %s]\n",
	}
	handled := 0
	for c := byte(' '); c < 0x7f; c++ {
		if isLetter(c) || c >= '0' && c <= '9' {
			continue
		}
		p := string(c)
		for _, scalar := range []string{
			p, "a" + p, p + "a", "a" + p + "b", "a " + p, "a " + p + " b", "a" + p + " b", "a " + p + "b",
			"a" + p + p + "b", "1" + p, "1" + p + "2", "a b" + p, "a" + p + "b" + p + "c",
		} {
			for _, ctx := range contexts {
				if checkFast(t, fmt.Sprintf("%q", fmt.Sprintf(ctx, scalar)), []byte(fmt.Sprintf(ctx, scalar))) {
					handled++
				}
			}
		}
	}
	for _, scalar := range []string{
		"a", "a b", "0", "1", "12", "012", "1.5", "0.5", "1.", "2024-03-12", "null", "Null", "true", "False",
		"yes", "no", "~", "'a'", "'a''b'", "\"a\"", "\"a\\\"b\"", "\"\"", "''", "é", "https://x.org/a",
	} {
		for _, ctx := range contexts {
			if checkFast(t, fmt.Sprintf("%q", fmt.Sprintf(ctx, scalar)), []byte(fmt.Sprintf(ctx, scalar))) {
				handled++
			}
		}
	}
	t.Logf("fast path handled %d of the generated cases", handled)
}

// FuzzFastFrontMatter: whenever the fast path handles front matter, go-yaml
// accepts it too and gives the same Values, Lines and Keys. Each input is
// checked as it is and as choices for fromChoices.
func FuzzFastFrontMatter(f *testing.F) {
	for _, c := range fastCases {
		f.Add([]byte(c))
	}
	for _, raw := range contentFrontMatter(f, filepath.Join("..", "content")) {
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		if len(bytes.TrimSpace(raw)) == 0 {
			return // parseYAML returns before either path
		}
		checkFast(t, "input", raw)
		if gen := fromChoices(raw); len(bytes.TrimSpace(gen)) > 0 {
			checkFast(t, "generated input", gen)
		}
	})
}

// fromChoices builds front matter in and around the subset the fast path
// reads, each byte of b choosing the next piece: keys, scalars made of
// words, digits and YAML punctuation (plain, quoted or in a flow list),
// block lists and maps with various indentations, blank and comment lines.
// Random bytes are almost always declined; this lets FuzzFastFrontMatter
// explore front matter the fast path handles.
func fromChoices(b []byte) []byte {
	pick := func(options ...string) string {
		if len(b) == 0 {
			return options[0]
		}
		c := b[0]
		b = b[1:]
		return options[int(c)%len(options)]
	}
	atoms := []string{"a", "Ab c", "word", "1", "0", "12", "1.5", "2024-03-12", "true", "null", "yes", "-", ".", ":",
		" ", "  ", "'", "\"", "#", ",", "[", "]", "{", "}", "?", "!", "&", "*", "%", "@", "|", ">", "~", "é", "\\",
		"\\\"", "''", "/", "_", "(", ")", "http://x.org/a?b=c", "\t", "0x1", "-1", ".inf"}
	scalar := func() string {
		var s strings.Builder
		for n := 1 + len(pick("", "", "", "-", "--")); n > 0; n-- {
			s.WriteString(pick(atoms...))
		}
		switch pick("plain", "plain", "dq", "sq") {
		case "dq":
			return `"` + s.String() + `"`
		case "sq":
			return "'" + s.String() + "'"
		}
		return s.String()
	}
	inline := func() string {
		if pick("s", "s", "s", "list") == "list" {
			items := []string{}
			for n := len(pick("", "-", "--", "---")); n > 0; n-- {
				items = append(items, scalar())
			}
			return "[" + strings.Join(items, pick(", ", ",", " , ")) + pick("]", "]", ",]", "] ", "")
		}
		return scalar()
	}
	key := func() string {
		return pick("title", "k", "tags", "a-b", "x_1", "k", "url", "Yes", "null", "1", "K", "t")
	}
	var out strings.Builder
	for len(b) > 0 {
		switch pick("kv", "kv", "kv", "list", "maplist", "map", "blank", "comment", "empty", "odd") {
		case "kv":
			out.WriteString(key() + ":" + pick(" ", "  ", "") + inline() + pick("", "", " ", " # c") + "\n")
		case "list":
			out.WriteString(key() + ":\n")
			ind := pick("  ", "", "    ", " ")
			for n := 1 + len(pick("", "-", "--")); n > 0; n-- {
				out.WriteString(ind + pick("- ", "-   ", "-") + inline() + "\n")
			}
		case "maplist":
			out.WriteString(key() + ":\n")
			ind := pick("  ", "", "    ")
			for n := 1 + len(pick("", "-", "--")); n > 0; n-- {
				dash := pick("- ", "-  ")
				out.WriteString(ind + dash + key() + ": " + inline() + "\n")
				for m := len(pick("", "-", "--")); m > 0; m-- {
					out.WriteString(ind + strings.Repeat(" ", len(dash)+len(pick("", "", " ", "-"))) + key() + ": " + inline() + "\n")
				}
			}
		case "map":
			out.WriteString(key() + ":\n")
			ind := pick("  ", "    ", " ")
			for n := 1 + len(pick("", "-", "--")); n > 0; n-- {
				out.WriteString(ind + key() + ": " + inline() + "\n")
			}
		case "blank":
			out.WriteString(pick("\n", "  \n"))
		case "comment":
			out.WriteString(pick("# c\n", "#\n", "  # c\n"))
		case "empty":
			out.WriteString(key() + ":" + pick("", " ") + "\n")
		case "odd":
			out.WriteString(pick("---\n", "...\n", "  x\n", "- a\n", "? a\n", "k: &a x\n", "l: *a\n", "<<: {a: 1}\n", "k: |\n  a\n"))
		}
	}
	return []byte(out.String())
}

// TestFastFrontMatterGenerated: the fast path agrees with go-yaml on
// front matter made by fromChoices from fixed pseudo-random bytes.
func TestFastFrontMatterGenerated(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n, handled := 20000, 0
	if testing.Short() {
		n = 2000
	}
	for i := 0; i < n; i++ {
		b := make([]byte, rng.IntN(40))
		for j := range b {
			b[j] = byte(rng.Uint32())
		}
		if gen := fromChoices(b); len(bytes.TrimSpace(gen)) > 0 && checkFast(t, fmt.Sprintf("choices %x", b), gen) {
			handled++
		}
	}
	t.Logf("fast path handled %d of %d generated front matters", handled, n)
}
