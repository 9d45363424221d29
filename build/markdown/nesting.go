package markdown

// maxIndent is the widest leading indentation accepted on any line, in
// columns: 100 levels of four-space indentation (a line of code in a fence
// may be indented that far).
const maxIndent = 4 * MaxNesting

// maxListIndent is the widest indentation before a list marker or '>': a
// list indented the narrowest way ("- " is two columns a level) starts its
// level MaxNesting+1 at column 2*MaxNesting, so that no list nests deeper
// than MaxNesting whatever its indentation.
const maxListIndent = 2*MaxNesting - 1

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
