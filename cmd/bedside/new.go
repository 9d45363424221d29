package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bedside-health/bedside/site"
)

// articleTemplate is what `bedside new article` writes: every field, with a
// short comment for the clinician who fills it in.
const articleTemplate = `---
# The title readers see, in plain words (a colon needs the quotes).
title: "%s"
# One or two sentences for search results, feeds and social media (about 155 characters).
description: "TODO: what this article helps the reader do or understand."
# First publication date, YYYY-MM-DD.
date: %s
# Keys of people in content/authors (file names without .md); or a list: [maria-lopez, grace-kim]
author: TODO-author-key
# A second clinician who checked the article; nobody reviews their own article.
reviewedBy: TODO-reviewer-key
# Date of the last clinical review, and when the next one is due (default: 3 years later).
lastReviewed: %s
# nextReview: %s
# Topics, lower case: [asthma, children]
tags: []
# Sources for the advice; each needs a url, a doi or a pmid.
references:
  - title: "TODO: title of the guideline or paper"
    url: https://example.org/TODO
# Keep true until the article is ready; drafts are left out of the site.
draft: true
---

TODO: start with a short paragraph that says who this article is for.

## What is it?

## What are the signs?

## How is it treated?

## When to get help

Call 911 if ...
`

func runNew(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("new", `new article "Title" [--section S] [--source DIR]`, stderr)
	section := flags.String("section", "conditions", "the section folder under content/")
	source := flags.String("source", ".", "the site folder")
	// Accept flags before or after the positional arguments.
	var positional []string
	rest := args
	for {
		if done, code := parseFlags(flags, rest); done {
			return code
		}
		if flags.NArg() == 0 {
			break
		}
		positional = append(positional, flags.Arg(0))
		rest = flags.Args()[1:]
	}
	if len(positional) != 2 || positional[0] != "article" {
		flags.Usage()
		return exitUsage
	}
	title := strings.TrimSpace(positional[1])
	slug := fileSlug(title)
	if slug == "" {
		fmt.Fprintf(stderr, "bedside new: the title %q has no letters or digits to make a file name from\n", title)
		return exitUsage
	}
	if err := checkSectionName(*section); err != nil {
		fmt.Fprintf(stderr, "bedside new: --section %v\n", err)
		return exitUsage
	}
	*section = existingSection(*source, *section)
	dir := filepath.Join(*source, "content", *section)
	path := filepath.Join(dir, slug+".md")
	if _, err := os.Stat(path); err == nil {
		fmt.Fprintf(stderr, "bedside new: %s already exists; choose another title or edit that file\n", path)
		return exitContent
	} else if !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(stderr, "bedside new: %v\n", err)
		return exitContent
	}
	today := time.Now().UTC()
	text := fmt.Sprintf(articleTemplate, strings.ReplaceAll(title, `"`, `\"`), today.Format("2006-01-02"), today.Format("2006-01-02"), today.AddDate(3, 0, 0).Format("2006-01-02"))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(stderr, "bedside new: %v\n", err)
		return exitContent
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		fmt.Fprintf(stderr, "bedside new: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(stdout, "bedside new: wrote %s (a draft: set draft: false when it is ready)\n", path)
	return exitOK
}

// checkSectionName refuses a section the build would refuse or warn about:
// a section's folder name is its address, so it is written like a slug.
func checkSectionName(s string) error {
	if s == "" || s == "." || strings.Contains(s, "..") || strings.ContainsAny(s, `/\:%`) || s == "authors" {
		return fmt.Errorf("%q is not a section folder name", s)
	}
	if want := site.Slugify(s); !strings.EqualFold(want, s) {
		if want == "" {
			return fmt.Errorf("%q is not a section folder name: use letters, digits and hyphens", s)
		}
		return fmt.Errorf("%q is not a section folder name: use letters, digits and hyphens, like --section %s", s, want)
	}
	return nil
}

// existingSection returns the name of the section folder that differs from
// s only in case, if content/ has one ("Conditions" finds "conditions"):
// a second folder of that name would clash on macOS and Windows.
func existingSection(source, s string) string {
	entries, _ := os.ReadDir(filepath.Join(source, "content"))
	for _, e := range entries {
		if e.IsDir() && strings.EqualFold(e.Name(), s) {
			return e.Name()
		}
	}
	return s
}

// maxSlug is the longest file name new gives an article, in bytes: a title
// of a few hundred characters would make a name the file system refuses,
// and an address nobody can read out.
const maxSlug = 80

// fileSlug is the slug of title, cut at a word to at most maxSlug bytes.
func fileSlug(title string) string {
	slug := site.Slugify(title)
	if len(slug) <= maxSlug {
		return slug
	}
	cut := slug[:maxSlug+1]
	if i := strings.LastIndexByte(cut, '-'); i > 0 {
		return cut[:i]
	}
	// One long word: cut at a character boundary.
	cut = slug[:maxSlug]
	for len(cut) > 0 && !utf8.ValidString(cut) {
		cut = cut[:len(cut)-1]
	}
	return cut
}
