package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/bedside-health/bedside/site"
)

const reviewSynopsis = "review [--source DIR] [--now YYYY-MM-DD] [--within 90d] [--reviewer KEY] [--format table|csv|json] [--fail-overdue]"

// runReview lists the articles overdue for clinical review or due within a
// window, for the clinical lead (table), a spreadsheet (csv) or a script (json).
func runReview(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("review", reviewSynopsis, stderr)
	source := fs.String("source", ".", "the site folder (with bedside.toml and content/)")
	now := fs.String("now", "", "treat this date (YYYY-MM-DD) as today")
	within := fs.String("within", "", "also list articles due within this period, like 90d, 6m or 1y (default: [review] warnWithin, 60d)")
	reviewer := fs.String("reviewer", "", "only articles this person reviews (a file name from content/authors)")
	format := fs.String("format", "table", "table, csv or json")
	failOverdue := fs.Bool("fail-overdue", false, "exit with status 1 when an article is overdue, or when content errors hide some (for CI)")
	if done, code := parseFlags(fs, args); done {
		return code
	}
	usageErr := func(format string, args ...any) int {
		fmt.Fprintf(stderr, "bedside review: "+format+"\n", args...)
		return exitUsage
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return usageErr("unexpected argument %q", fs.Arg(0))
	}
	write, ok := reviewWriters[*format]
	if !ok {
		return usageErr("--format %q: use table, csv or json", *format)
	}
	sf := siteFlags{source: *source, now: *now}
	load, err := sf.loadOptions()
	if err != nil {
		return usageErr("%v", err)
	}
	var q site.ReviewQuery
	if *within != "" {
		p, err := site.ParsePeriod(*within)
		if err != nil {
			return usageErr("--within: %v", err)
		}
		q.Within = &p // 0d too: overdue or due today
	}
	s := site.Load(*source, load)
	contentErrors := s.Diagnostics.Count(site.Error)
	for _, d := range s.Diagnostics {
		if d.Severity == site.Error {
			fmt.Fprintln(stderr, d.String())
		}
	}
	if contentErrors > 0 {
		fmt.Fprintf(stderr, "bedside review: the content has %s, so this list may be incomplete\n", plural(contentErrors, "error", "errors"))
	}
	if *reviewer != "" {
		p, hint := s.FindReviewer(*reviewer)
		if p == nil {
			return usageErr("--reviewer %q: no such person — %s", *reviewer, hint)
		}
		q.Reviewer = firstNonEmptyString(p.Key, p.Name)
	}
	rep := s.ReviewSchedule(q)
	addReadability(s, rep)
	if err := write(stdout, rep); err != nil {
		fmt.Fprintf(stderr, "bedside review: %v\n", err)
		return exitContent
	}
	if *failOverdue && rep.Overdue > 0 {
		fmt.Fprintf(stderr, "bedside review: %s overdue for clinical review\n", plural(rep.Overdue, "article is", "articles are"))
		return exitContent
	}
	if *failOverdue && contentErrors > 0 {
		// The gate cannot vouch for articles it could not read.
		return exitContent
	}
	return exitOK
}

var reviewWriters = map[string]func(io.Writer, *site.ReviewReport) error{
	"table": writeReviewTable,
	"csv":   writeReviewCSV,
	"json":  writeReviewJSON,
}

// writeReviewTable prints the report grouped by reviewer: each clinician
// sees their own list. An article with two reviewers is in both groups.
func writeReviewTable(w io.Writer, rep *site.ReviewReport) error {
	fmt.Fprintf(w, "Clinical reviews overdue or due by %s (today %s, window %s): %d overdue, %d due\n",
		rep.Until, rep.Now, rep.Within, rep.Overdue, rep.Upcoming)
	if len(rep.Items) == 0 {
		_, err := fmt.Fprintln(w, "Nothing to review.")
		return err
	}
	groups := map[string][]site.ReviewItem{}
	for _, it := range rep.Items {
		if len(it.Reviewers) == 0 {
			groups["(no reviewer)"] = append(groups["(no reviewer)"], it)
		}
		for _, r := range it.Reviewers {
			groups[r] = append(groups[r], it)
		}
	}
	names := make([]string, 0, len(groups))
	for n := range groups {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "\n%s\n", name)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  DUE\tDAYS LEFT\tSTATUS\tLAST REVIEWED\tTITLE\tAUTHORS\tSOURCE\tURL")
		for _, it := range groups[name] {
			fmt.Fprintf(tw, "  %s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", it.NextReview, it.DaysLeft, it.State, dash(it.LastReviewed),
				it.Title, dash(strings.Join(it.Authors, "; ")), it.SourcePath, it.URL)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

var reviewCSVHeader = []string{"title", "source", "url", "authors", "reviewers", "lastReviewed", "nextReview", "daysLeft", "status"}

// writeReviewCSV writes one row an article, people separated by "; ".
func writeReviewCSV(w io.Writer, rep *site.ReviewReport) error {
	cw := csv.NewWriter(w)
	_ = cw.Write(reviewCSVHeader)
	for _, it := range rep.Items {
		state, _ := it.State.MarshalText()
		_ = cw.Write([]string{asText(it.Title), asText(it.SourcePath), asText(it.URL), asText(strings.Join(it.Authors, "; ")), asText(strings.Join(it.Reviewers, "; ")),
			it.LastReviewed, it.NextReview, strconv.Itoa(it.DaysLeft), string(state)})
	}
	cw.Flush()
	return cw.Error()
}

// asText keeps a spreadsheet from reading a text cell as a formula: a
// title such as "=HYPERLINK(…)" or "+1 tip" would run or turn into a number
// when the report is opened (CSV injection). Such a cell gets a leading
// apostrophe, which spreadsheets show as text and do not display.
func asText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func writeReviewJSON(w io.Writer, rep *site.ReviewReport) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func firstNonEmptyString(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
