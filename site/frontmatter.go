package site

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// FrontMatter is the decoded metadata block at the top of a Markdown file,
// with the line each top-level key was written on so that a problem with a
// value can be reported where the clinician typed it.
type FrontMatter struct {
	Format string         // "yaml" or "toml"
	Values map[string]any // top-level keys and their decoded values
	Lines  map[string]int // top-level key → 1-based line in the whole file
	Keys   []string       // keys in the order written
	Line   int            // line of the opening delimiter
	// Inner gives the lines of what a key's value holds, when YAML writes
	// it over lines of its own ("author/credentials", "references/2" for
	// the third item, "references/2/url"), so that a mistake inside is
	// reported at its line, not at its key's. Nil when there is none.
	Inner map[string]int
}

// innerLine records the line of a part of a value (see FrontMatter.Inner).
func (fm *FrontMatter) innerLine(path string, line int) {
	if fm.Inner == nil {
		fm.Inner = map[string]int{}
	}
	fm.Inner[path] = line
}

// A FrontMatterError is a syntax problem in the front matter block.
type FrontMatterError struct {
	Line    int
	Message string
	Hint    string
}

func (e *FrontMatterError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Message) }

// SplitFrontMatter separates the front matter from the Markdown body. src
// must already have its BOM removed and CRLF line endings turned into LF.
// It returns the raw front matter, its format, the body and the 1-based line
// on which the body starts. A file with no front matter returns format "".
func SplitFrontMatter(src []byte) (fm []byte, format string, body []byte, bodyLine int, err error) {
	var delim string
	switch {
	case hasDelimLine(src, "---"):
		delim, format = "---", "yaml"
	case hasDelimLine(src, "+++"):
		delim, format = "+++", "toml"
	default:
		return nil, "", src, 1, nil
	}
	rest := src[len(delim):]
	rest = rest[bytes.IndexByte(rest, '\n')+1:]
	line := 2
	off := 0
	for off <= len(rest) {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		if end < 0 {
			l = rest[off:]
		} else {
			l = rest[off : off+end]
		}
		if string(bytes.TrimRight(l, " \t")) == delim {
			fm = rest[:off]
			if end < 0 {
				return fm, format, nil, line + 1, nil
			}
			return fm, format, rest[off+end+1:], line + 1, nil
		}
		if end < 0 {
			break
		}
		off += end + 1
		line++
	}
	return nil, format, nil, 0, &FrontMatterError{
		Line:    1,
		Message: fmt.Sprintf("front matter starts with %s but never ends", delim),
		Hint:    fmt.Sprintf("add a line with only %s after the last field", delim),
	}
}

// hasDelimLine reports whether src starts with a line holding only delim.
func hasDelimLine(src []byte, delim string) bool {
	if !bytes.HasPrefix(src, []byte(delim)) {
		return false
	}
	rest := src[len(delim):]
	i := bytes.IndexByte(rest, '\n')
	if i < 0 {
		i = len(rest)
	}
	return len(bytes.TrimRight(rest[:i], " \t")) == 0
}

// ParseFrontMatter decodes raw front matter of the given format. The first
// line of raw is line firstLine of the file.
func ParseFrontMatter(raw []byte, format string, firstLine int) (*FrontMatter, error) {
	fm := &FrontMatter{Format: format, Values: map[string]any{}, Lines: map[string]int{}, Line: firstLine - 1}
	switch format {
	case "yaml":
		return fm, fm.parseYAML(raw, firstLine)
	case "toml":
		return fm, fm.parseTOML(raw, firstLine)
	}
	return fm, nil
}

func (fm *FrontMatter) parseYAML(raw []byte, firstLine int) error {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	if fm.parseYAMLFast(raw, firstLine) { // see frontmatter_fast.go
		return nil
	}
	return fm.parseYAMLGoccy(raw, firstLine)
}

// parseYAMLGoccy decodes raw with go-yaml: the reference for the fast path,
// and the only source of errors.
func (fm *FrontMatter) parseYAMLGoccy(raw []byte, firstLine int) error {
	file, err := parser.ParseBytes(raw, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		return yamlError(err, firstLine)
	}
	if len(file.Docs) == 0 || file.Docs[0].Body == nil {
		return nil
	}
	if len(file.Docs) > 1 {
		return &FrontMatterError{Line: firstLine, Message: "front matter holds more than one YAML document", Hint: "remove the extra --- line inside the front matter"}
	}
	var pairs []*ast.MappingValueNode
	switch body := file.Docs[0].Body.(type) {
	case *ast.MappingNode:
		pairs = body.Values
	case *ast.MappingValueNode:
		pairs = []*ast.MappingValueNode{body}
	case *ast.CommentNode:
		return nil
	default:
		line := firstLine
		if tk := body.GetToken(); tk != nil && tk.Position != nil {
			line = firstLine - 1 + tk.Position.Line
		}
		return &FrontMatterError{Line: line, Message: "front matter is not a list of fields", Hint: "write one field a line, like title: My article"}
	}
	merge := false
	for _, p := range pairs {
		key := p.Key.GetToken().Value
		line := firstLine - 1 + p.Key.GetToken().Position.Line
		if _, dup := fm.Lines[key]; dup {
			return &FrontMatterError{Line: line, Message: fmt.Sprintf("%s is set twice (first on line %d)", key, fm.Lines[key]), Hint: "keep one of the two lines"}
		}
		fm.Lines[key] = line
		fm.Keys = append(fm.Keys, key)
		merge = merge || key == "<<"
		fm.innerLines(key, p.Value, line, firstLine)
	}
	// One decoding of the whole mapping, not one per field: a decoder per
	// field was most of the front matter's allocations, and an anchor set
	// in one field can be used in another. A field whose value the whole
	// mapping does not give under the name as written (a merge key <<, a
	// key such as 01 or True that YAML reads as another value), or a
	// mapping that does not decode whole, is decoded on its own, as before.
	var values map[string]any
	whole := !merge && yaml.NodeToValue(file.Docs[0].Body, &values) == nil
	for _, p := range pairs {
		key := p.Key.GetToken().Value
		if v, ok := values[key]; whole && ok {
			fm.Values[key] = v
			continue
		}
		var v any
		if err := yaml.NodeToValue(p.Value, &v); err != nil {
			return yamlError(err, firstLine)
		}
		fm.Values[key] = v
	}
	return nil
}

// innerLines records the lines of the keys and items of a block map or
// block list written under the key on line keyLine (see FrontMatter.Inner):
// one level of map or list, and the keys of a list's maps, as the fast
// path reads them. What is written on the key's own line is not recorded.
func (fm *FrontMatter) innerLines(path string, v ast.Node, keyLine, firstLine int) {
	lineOf := func(n ast.Node) int {
		if tk := n.GetToken(); tk != nil && tk.Position != nil {
			return firstLine - 1 + tk.Position.Line
		}
		return 0
	}
	keys := func(path string, n ast.Node) {
		var pairs []*ast.MappingValueNode
		switch m := n.(type) {
		case *ast.MappingNode:
			if m.IsFlowStyle {
				return
			}
			pairs = m.Values
		case *ast.MappingValueNode:
			pairs = []*ast.MappingValueNode{m}
		}
		for _, kv := range pairs {
			if l := lineOf(kv.Key); l != 0 && l != keyLine {
				fm.innerLine(path+"/"+kv.Key.GetToken().Value, l)
			}
		}
	}
	switch n := v.(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
		keys(path, n)
	case *ast.SequenceNode:
		if n.IsFlowStyle {
			return
		}
		for i, item := range n.Values {
			at := path + "/" + strconv.Itoa(i)
			if l := lineOf(item); l != 0 && l != keyLine {
				fm.innerLine(at, l)
			}
			keys(at, item)
		}
	}
}

// yamlError turns a go-yaml error into a FrontMatterError with a file line
// and a message without go-yaml's source excerpt.
func yamlError(err error, firstLine int) error {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil && ye.GetToken().Position != nil {
		msg := ye.GetMessage()
		if strings.Contains(msg, "'\t'") {
			msg = "a tab is used to indent" // go-yaml prints the tab itself, invisible in a terminal
		}
		return &FrontMatterError{
			Line:    firstLine - 1 + ye.GetToken().Position.Line,
			Message: "malformed YAML: " + msg,
			Hint:    yamlHint(msg),
		}
	}
	return &FrontMatterError{Line: firstLine, Message: "malformed YAML: " + firstLineOf(err.Error()), Hint: "check the indentation and quote values that contain a colon"}
}

func yamlHint(msg string) string {
	switch {
	case strings.Contains(msg, "mapping value"), strings.Contains(msg, "could not find expected ':'"):
		return `put quotes around a value that contains a colon, like title: "Asthma: the basics"`
	case strings.Contains(msg, "tab"):
		return "indent with spaces, not tabs"
	case strings.Contains(msg, "pre-defined"):
		return "check this line and the one above: a quote may be opened and never closed"
	}
	return "check the indentation and quote values that contain a colon"
}

func firstLineOf(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return strings.TrimSpace(s[:i])
	}
	return strings.TrimSpace(s)
}

var tomlKeyLine = regexp.MustCompile(`^\s*("[^"]+"|'[^']+'|[A-Za-z0-9_-]+)\s*[=.]`)
var tomlTableLine = regexp.MustCompile(`^\s*\[\[?\s*("[^"]+"|'[^']+'|[A-Za-z0-9_-]+)`)

func (fm *FrontMatter) parseTOML(raw []byte, firstLine int) error {
	if _, err := toml.Decode(string(raw), &fm.Values); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return &FrontMatterError{Line: firstLine - 1 + pe.Position.Line, Message: "malformed TOML: " + pe.Message, Hint: "check the quotes and the = between key and value"}
		}
		return &FrontMatterError{Line: firstLine, Message: "malformed TOML: " + firstLineOf(err.Error()), Hint: "check the quotes and the = between key and value"}
	}
	for k, v := range fm.Values {
		fm.Values[k] = tomlPlain(v)
	}
	// BurntSushi/toml does not expose key positions; top-level keys are
	// simple enough to find by scanning the lines (before any table header,
	// or the table header itself).
	inTable := false
	for i, l := range strings.Split(string(raw), "\n") {
		var key string
		if m := tomlTableLine.FindStringSubmatch(l); m != nil {
			key, inTable = m[1], true
		} else if m := tomlKeyLine.FindStringSubmatch(l); m != nil && !inTable {
			key = m[1]
		}
		key = strings.Trim(key, `"'`)
		if key == "" {
			continue
		}
		if _, seen := fm.Lines[key]; !seen {
			fm.Lines[key] = firstLine + i
			fm.Keys = append(fm.Keys, key)
		}
	}
	for k := range fm.Values {
		if _, ok := fm.Lines[k]; !ok {
			fm.Lines[k] = firstLine
			fm.Keys = append(fm.Keys, k)
		}
	}
	return nil
}

// tomlPlain turns the values BurntSushi/toml decodes into the shapes YAML
// front matter gives, so that one reading serves both: an array of tables
// ([[references]]) is a []map[string]any, which becomes a []any of maps
// like the inline form references = [{...}]; tables inside are done too.
func tomlPlain(v any) any {
	switch x := v.(type) {
	case []map[string]any:
		out := make([]any, len(x))
		for i, m := range x {
			out[i] = tomlPlain(m)
		}
		return out
	case []any:
		for i, item := range x {
			x[i] = tomlPlain(item)
		}
		return x
	case map[string]any:
		for k, item := range x {
			x[k] = tomlPlain(item)
		}
		return x
	}
	return v
}
