package build

import (
	"errors"

	"github.com/bedside-health/bedside/build/markdown"
)

// renderError reports a Markdown body that could not be rendered. bodyLine
// is the line of the source file the body starts on, so that a problem the
// renderer places in the body is reported on its line of the file.
func (b *Build) renderError(file string, bodyLine int, err error) {
	var limit *markdown.LimitError
	if errors.As(err, &limit) {
		line := bodyLine + limit.Line - 1
		if limit.Line == 0 {
			line = 0 // the whole document
		}
		b.Errorf(file, line, limit.Hint, "%s", limit.Message)
		return
	}
	b.Errorf(file, bodyLine, "check the Markdown", "cannot render: %v", err)
}
