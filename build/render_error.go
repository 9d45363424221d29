package build

import (
	"errors"

	"github.com/bedside-health/bedside/build/markdown"
)

// renderError reports a Markdown body that could not be rendered. bodyLine
// is the line of the source file the body starts on, so that a problem the
// renderer places in the body is reported on its line of the file.
func (b *Build) renderError(file string, bodyLine int, err error) {
	var nest *markdown.NestingError
	if errors.As(err, &nest) {
		b.Errorf(file, bodyLine+nest.Line-1, "lists or quotes inside one another this deep are a mistake; remove some of the leading spaces, - or > marks",
			"Markdown nested more than %d levels deep", markdown.MaxNesting)
		return
	}
	var links *markdown.LinksError
	if errors.As(err, &links) {
		b.Errorf(file, bodyLine+links.Line-1, "a paragraph this full of [text](address) is likely a paste gone wrong; split it with blank lines or remove the stray ](",
			"more than %d links in one paragraph", markdown.MaxLinksPerParagraph)
		return
	}
	b.Errorf(file, bodyLine, "check the Markdown", "cannot render: %v", err)
}
