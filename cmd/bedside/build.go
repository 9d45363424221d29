package main

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/build/check"
	"github.com/bedside-health/bedside/build/feeds"
	"github.com/bedside-health/bedside/build/structured"
	"github.com/bedside-health/bedside/site"
)

// siteFlags are the flags that choose what a build includes; build and serve share them.
type siteFlags struct {
	source  string
	drafts  bool
	future  bool
	expired bool
	baseURL string
	now     string
}

func (f *siteFlags) register(fs interface {
	StringVar(*string, string, string, string)
	BoolVar(*bool, string, bool, string)
}) {
	fs.StringVar(&f.source, "source", ".", "the site folder (with bedside.toml and content/)")
	fs.BoolVar(&f.drafts, "drafts", false, "include articles marked draft: true")
	fs.BoolVar(&f.future, "future", false, "include articles whose publishDate is in the future")
	fs.BoolVar(&f.expired, "expired", false, "include articles whose expiryDate has passed")
	fs.StringVar(&f.baseURL, "base-url", "", "override baseURL from bedside.toml, e.g. https://deploy-preview-3--site.netlify.app/")
	fs.StringVar(&f.now, "now", "", "treat this date (YYYY-MM-DD) as today, for reproducible builds")
}

func (f *siteFlags) loadOptions() (site.LoadOptions, error) {
	opts := site.LoadOptions{Drafts: f.drafts, Future: f.future, Expired: f.expired, BaseURL: f.baseURL}
	if f.baseURL != "" {
		// A usage error, not bedside.toml's: the value came from here.
		if u, err := url.Parse(f.baseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return opts, fmt.Errorf("--base-url %q: write a full address, like https://deploy-preview-3--site.netlify.app/", f.baseURL)
		}
	}
	if f.now != "" {
		t, err := site.ParseDay(f.now)
		if err != nil {
			return opts, fmt.Errorf("--now %q: %v", f.now, err)
		}
		opts.Now = t
	}
	return opts, nil
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("build", "build [--source DIR] [--dest DIR] [--drafts] [--future] [--expired] [--base-url URL] [--now YYYY-MM-DD]", stderr)
	var sf siteFlags
	sf.register(fs)
	dest := fs.String("dest", "", "where to write the site (default: public/ inside the site folder)")
	if done, code := parseFlags(fs, args); done {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "bedside build: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitUsage
	}
	load, err := sf.loadOptions()
	if err != nil {
		fmt.Fprintf(stderr, "bedside build: %v\n", err)
		return exitUsage
	}
	if *dest == "" {
		*dest = filepath.Join(sf.source, "public")
	}
	start := time.Now()
	startMemoryBudget()
	opts := build.Options{Extensions: extensions(), Loaded: func(*site.Site) { limitMemory() }}
	if isTerminal(stderr) {
		opts.Progress = progressPrinter(stderr, start)
	}
	_, res, diags := build.ToDir(sf.source, *dest, load, opts)
	// One write for all: a large site can have thousands of warnings.
	report := bufio.NewWriter(stderr)
	for _, d := range diags {
		fmt.Fprintln(report, d.String())
	}
	report.Flush()
	summary := fmt.Sprintf("%s, %s, %s, %s in %s",
		plural(res.Pages, "page", "pages"), plural(res.Counts["feeds"], "feed", "feeds"), plural(diags.Count(site.Warning), "warning", "warnings"), plural(diags.Count(site.Error), "error", "errors"),
		time.Since(start).Round(time.Millisecond))
	if diags.HasErrors() {
		fmt.Fprintf(stderr, "bedside build: failed: %s; %s was not changed\n", summary, *dest)
		return exitContent
	}
	fmt.Fprintf(stdout, "bedside build: %s → %s\n", summary, *dest)
	return exitOK
}

// progressPrinter shows rendering progress on a terminal once a build has
// taken more than a second; short builds print nothing but the summary.
func progressPrinter(w io.Writer, start time.Time) func(done, total int) {
	shown := false
	return func(done, total int) {
		if time.Since(start) < time.Second {
			return
		}
		shown = true
		fmt.Fprintf(w, "\rrendering %d/%d pages…", done, total)
		if done >= total && shown {
			fmt.Fprint(w, "\r"+strings.Repeat(" ", 40)+"\r")
		}
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// extensions are the features every build includes.
func extensions() []build.Extension {
	return []build.Extension{
		feeds.New(),
		structured.New(),
		// The quality gate comes last: it checks links to what the others write.
		check.New(),
	}
}
