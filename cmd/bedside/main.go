// Command bedside builds and serves health-education websites.
//
//	bedside build    build the site into public/
//	bedside serve    serve the site with live reload while you edit
//	bedside check    check links, reading level, privacy and accessibility
//	bedside new      start a new article with every field filled in
//	bedside review   list articles overdue or due for clinical review
//	bedside version  print the version
//
// Run "bedside <command> -h" for a command's flags. This package only parses
// flags and wires the site and build packages together.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// Version is set at release time with -ldflags "-X main.Version=…".
var Version = "0.1.0-dev"

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1 // content errors (all listed)
	exitUsage   = 2 // bad command line
)

type command struct {
	name  string
	short string
	run   func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"build", "build the site into a folder (public/ by default)", runBuild},
		{"serve", "serve the site on http://127.0.0.1:1313 and reload pages on every save", runServe},
		{"check", "check links, reading level, privacy and accessibility without writing the site", runCheck},
		{"new", `start a new article: bedside new article "Title" [--section S]`, runNew},
		{"review", "list articles overdue or due for clinical review, by reviewer (table, csv or json)", runReview},
		{"version", "print the version", runVersion},
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "bedside: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "Bedside builds health-education websites from Markdown.\n\nUsage:\n  bedside <command> [flags]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.short)
	}
	fmt.Fprintf(w, "\nRun \"bedside <command> -h\" for the flags of a command.\n")
}

// newFlagSet returns a FlagSet that prints usage to stderr and does not exit.
func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: bedside %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args and returns the exit code to use when parsing ends the command.
func parseFlags(fs *flag.FlagSet, args []string) (done bool, code int) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return true, exitOK
		}
		return true, exitUsage
	}
	return false, 0
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("version", "version", stderr)
	if done, code := parseFlags(fs, args); done {
		return code
	}
	fmt.Fprintf(stdout, "bedside %s\n", Version)
	return exitOK
}
