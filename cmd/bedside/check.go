package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os/signal"
	"syscall"
	"text/tabwriter"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/build/check"
	"github.com/bedside-health/bedside/site"
)

const checkSynopsis = "check [--source DIR] [--drafts] [--future] [--expired] [--base-url URL] [--now YYYY-MM-DD] [--format text|json] [--external]"

// checkReport is the JSON form of bedside check.
type checkReport struct {
	Pages       int                   `json:"pages"`
	Errors      int                   `json:"errors"`
	Warnings    int                   `json:"warnings"`
	Diagnostics site.Diagnostics      `json:"diagnostics"`
	Readability []check.ArticleScores `json:"readability"`
	External    *externalSummary      `json:"external,omitempty"`
}

type externalSummary struct {
	Links   int `json:"links"`   // distinct external addresses found
	Checked int `json:"checked"` // asked this run (the others were cached or skipped)
}

// runCheck builds the site in memory with every check and reports what it
// found, without writing the site.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("check", checkSynopsis, stderr)
	var sf siteFlags
	sf.register(fs)
	format := fs.String("format", "text", "text or json")
	external := fs.Bool("external", false, "also check links to other sites (uses the network; answers are cached in [quality.external] cache)")
	if done, code := parseFlags(fs, args); done {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "bedside check: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "bedside check: --format %q: use text or json\n", *format)
		return exitUsage
	}
	load, err := sf.loadOptions()
	if err != nil {
		fmt.Fprintf(stderr, "bedside check: %v\n", err)
		return exitUsage
	}
	s := site.Load(sf.source, load)
	rep := checkReport{Diagnostics: s.Diagnostics}
	var checker *check.Checker
	exts := extensions()
	for _, e := range exts {
		if c, ok := e.(*check.Checker); ok {
			checker = c
		}
	}
	// With content errors the pages are still rendered, into nothing, so
	// that the report has every problem (see build.ToDir).
	// A wrong bedside.toml is reported alone: it makes every page wrong.
	var out build.Output = build.NewMemOutput()
	if s.Diagnostics.HasErrors() {
		out = build.Discard
	}
	if !s.Diagnostics.HasErrorsIn(site.ConfigFile) {
		res, diags := build.Run(s, out, build.Options{Extensions: exts})
		rep.Pages, rep.Diagnostics = res.Pages, diags
	}
	if checker != nil {
		rep.Readability = checker.Scores()
		if *external {
			links := checker.ExternalLinks()
			ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
			diags, asked := check.CheckExternal(ctx, links, check.ExternalOptions{Config: s.Config.Quality.External, SiteDir: sf.source, Now: s.Now})
			stop()
			rep.Diagnostics = append(rep.Diagnostics, diags...)
			rep.Diagnostics.Sort()
			rep.External = &externalSummary{Links: len(links), Checked: asked}
		}
	}
	if rep.Readability == nil {
		rep.Readability = []check.ArticleScores{}
	}
	if rep.Diagnostics == nil {
		rep.Diagnostics = site.Diagnostics{}
	}
	rep.Errors, rep.Warnings = rep.Diagnostics.Count(site.Error), rep.Diagnostics.Count(site.Warning)
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			fmt.Fprintf(stderr, "bedside check: %v\n", err)
			return exitContent
		}
	} else {
		writeCheckText(stdout, s.Config, rep)
	}
	if rep.Errors > 0 {
		return exitContent
	}
	return exitOK
}

func writeCheckText(w io.Writer, cfg *site.Config, rep checkReport) {
	for _, d := range rep.Diagnostics {
		fmt.Fprintln(w, d.String())
	}
	if len(rep.Readability) > 0 {
		if len(rep.Diagnostics) > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "Reading level (target: SMOG grade %g or lower; INFLESZ %g or higher in Spanish):\n", cfg.Quality.Readability.MaxGrade, cfg.Quality.Readability.MinInflesz)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  SMOG\t F-K\t EASE\tF-HUERTA\tINFLESZ\tWORDS\tSENTENCES\tFILE")
		num := func(v float64, show bool) string {
			if !show {
				return "     -"
			}
			return fmt.Sprintf("%6.1f", v)
		}
		for _, a := range rep.Readability {
			s := a.Scores
			note := ""
			switch {
			case a.OverTarget:
				note = "  (over target)"
			case a.Target.Reason != "":
				note = "  (own target: " + a.Target.Reason + ")"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t  %s\t %s\t%5d\t%9d\t%s%s\n",
				num(s.SMOG, !s.Spanish()), num(s.FleschKincaid, !s.Spanish()), num(s.ReadingEase, !s.Spanish()),
				num(s.FernandezHuerta, s.Spanish()), num(s.INFLESZ, s.Spanish()), s.Words, s.Sentences, a.File, note)
		}
		tw.Flush()
	}
	if rep.External != nil {
		fmt.Fprintf(w, "\nExternal links: %d found, %d checked (the others were cached or skipped).\n", rep.External.Links, rep.External.Checked)
	}
	fmt.Fprintf(w, "\nbedside check: %s, %s, %s\n", plural(rep.Pages, "page", "pages"), plural(rep.Warnings, "warning", "warnings"), plural(rep.Errors, "error", "errors"))
}

// addReadability gives each article of a review report its reading level,
// so that bedside review --format json shows it beside the review dates.
func addReadability(s *site.Site, rep *site.ReviewReport) {
	for i, it := range rep.Items {
		if it.Article != nil {
			as, _ := check.ArticleReadability(it.Article, s.Config)
			rep.Items[i].Readability = as
		}
	}
}
