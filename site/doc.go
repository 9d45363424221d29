// Package site owns Bedside's content model: what an article, a page, a
// person, a section and a tag are, and how they are read from a site folder.
//
// A site folder holds bedside.toml, content/ and optionally static/ and
// themes/. [Load] reads every Markdown file under content/ once, splits off
// its front matter (YAML between "---" lines or TOML between "+++" lines),
// decodes each field with the line it came from, resolves author and reviewer
// keys against content/authors/, computes URLs, sections, tags and review
// dates, and checks the clinical rules (nobody reviews their own article, a
// review cannot precede publication, two pages cannot share a URL).
//
// Clinical governance lives in review.go and credentials.go: each article's
// review state on [Site.Now] (current, due soon, overdue), the review
// schedule behind `bedside review` ([Site.ReviewSchedule]), the sections
// whose articles need lastReviewed and reviewedBy, the credentials Bedside
// recognizes and those that qualify a reviewer, and the NPI (Luhn) and ORCID
// (ISO 7064 MOD 11-2) check digits.
//
// Problems are values, not log lines: every one becomes a [Diagnostic] with
// the file, the line, what is wrong and how to fix it, and Load collects all
// of them instead of stopping at the first. The package renders no HTML; that
// is the build package's job.
package site
