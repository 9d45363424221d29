package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// checkLimits counts links and footnote references line by line only when
// the whole document has enough of them to break a limit; it must report
// what counting them always reports.
func TestCheckLimitsSkipsCountingOnlyWhenSafe(t *testing.T) {
	links := func(n int) string { return strings.Repeat("[a](/b/) ", n) }
	notes := func(n int) string { return strings.Repeat("x[^1] ", n) }
	docs := []struct {
		src    string
		breaks bool
	}{
		{"plain text\n", false},
		{links(MaxLinksPerParagraph) + "\n", false},
		{links(MaxLinksPerParagraph+1) + "\n", true},
		{links(MaxLinksPerParagraph) + "\n\n" + links(MaxLinksPerParagraph) + "\n", false},
		{links(MaxLinksPerParagraph) + "\n" + links(1) + "\n", true},
		{"a\n\n" + strings.Repeat(links(10)+"\n", MaxLinksPerParagraph/10+1), true},
		{notes(MaxFootnoteRefs) + "\n\n[^1]: note\n", false},
		{notes(MaxFootnoteRefs+1) + "\n", true},
		{notes(MaxFootnoteRefs) + "\n[^1]: one [^2] more\n", true},
		{strings.Repeat("> ", MaxNesting+1) + "deep\n" + links(MaxLinksPerParagraph+1), true},
		{links(MaxLinksPerParagraph+1) + "\n" + strings.Repeat("- ", MaxNesting+1) + "deep\n", true},
		{strings.Repeat("\t", MaxNesting+1) + "indented\n", true},
		{nestedList(MaxNesting), false},
		{nestedList(MaxNesting + 1), true},
		{"```\n" + strings.Repeat(" ", 3*MaxNesting) + "code\n```\n", false},
		{strings.Repeat(" ", 4*MaxNesting+1) + "code\n", true},
	}
	for i, d := range docs {
		got, want := checkLimits([]byte(d.src)), checkLines([]byte(d.src), true)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("doc %d: %v, want %v", i, got, want)
		}
		if (want != nil) != d.breaks {
			t.Errorf("doc %d: error %v, want one: %v", i, want, d.breaks)
		}
	}
}

// nestedList is a list nested levels deep, each level indented two more
// spaces than the one above it, as editors indent "- " lists.
func nestedList(levels int) string {
	var b strings.Builder
	for i := 0; i < levels; i++ {
		b.WriteString(strings.Repeat("  ", i) + "- a\n")
	}
	return b.String()
}
