package markdown

import (
	"bytes"
	"fmt"
)

// MaxNesting is how many lists and quotes may sit inside one another. Real
// articles nest three or four levels; thousands of levels are a paste gone
// wrong, and goldmark's cost grows with the square of the depth (a 4 MB file
// of 2,000 indented list levels takes 13 s and 500 MB to render).
const MaxNesting = 100

// maxIndent is the widest leading indentation accepted, in columns: 100
// levels of four-space indentation.
const maxIndent = 4 * MaxNesting

// A NestingError reports Markdown nested too deep to render.
type NestingError struct {
	Line int // 1-based line of the Markdown source
}

func (e *NestingError) Error() string {
	return fmt.Sprintf("line %d: Markdown nested more than %d levels deep", e.Line, MaxNesting)
}

// checkNesting scans the start of each line for list markers, '>' marks and
// indentation, before goldmark sees the document.
func checkNesting(src []byte) error {
	line := 1
	for len(src) > 0 {
		end := bytes.IndexByte(src, '\n')
		l := src
		if end >= 0 {
			l, src = src[:end], src[end+1:]
		} else {
			src = nil
		}
		if markers, indent := lineNesting(l); markers > MaxNesting || indent > maxIndent {
			return &NestingError{Line: line}
		}
		line++
	}
	return nil
}

// lineNesting counts the container markers ("> ", "- ", "1. ") and the
// columns of indentation that open a line.
func lineNesting(l []byte) (markers, indent int) {
	col := 0
	for i := 0; i < len(l); {
		c := l[i]
		switch {
		case c == ' ':
			col++
			indent++
			i++
		case c == '\t':
			w := 4 - col%4
			col += w
			indent += w
			i++
		case c == '>':
			markers++
			col++
			i++
			if i < len(l) && l[i] == ' ' { // the space after > belongs to the marker
				col++
				i++
			}
		case (c == '-' || c == '*' || c == '+') && i+1 < len(l) && l[i+1] == ' ':
			markers++
			col += 2
			i += 2
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j+1 >= len(l) || (l[j] != '.' && l[j] != ')') || l[j+1] != ' ' {
				return markers, indent
			}
			markers++
			col += j + 2 - i
			i = j + 2
		default:
			return markers, indent
		}
	}
	return markers, indent
}
