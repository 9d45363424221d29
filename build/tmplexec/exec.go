// Package tmplexec executes html/template templates faster than
// html/template does, with the same output.
//
// # Why it exists
//
// A theme is Go html/template templates, and a site of 10,000 articles runs
// them 16,000 times, with a few hundred actions a page. html/template
// escapes a template once and then runs it with text/template, which calls
// every function and every escaper (html/template adds one to three to each
// action) through reflect.Value.Call, and looks every field up by name at
// each use. That was a quarter of the CPU time of a whole build. No kept
// library runs html/template's escaped trees another way, so this package
// does: it reads the templates after html/template has escaped them (their
// parse trees are exported), compiles each tree once into nodes that cache
// the fields and methods they reach by type, calls the escapers as plain Go
// functions (escape.go has html/template's own code for them) and the
// theme's functions of the common signatures without reflection.
//
// Allocations are the other half of the cost: a string boxed in a
// reflect.Value is one, and so is each step of a pipeline in text/template.
// So a printing action runs its escapers on a string, which the function
// that gives the value (url, date, partialCached…) returns unboxed when its
// signature is a known one; methods, whose receivers are the caller's
// types, are called through reflection, but by their method expressions,
// cached by type, which spares reflect an allocation per call.
//
// # Same output, or none
//
// The semantics are text/template's: this executor follows its exec.go
// step by step (truth, variables, range, with, template calls, the
// builtins and the rules for passing arguments). What it does not cover it
// refuses rather than guesses:
//
//   - a template that uses a construct or a function it does not know (the
//     call builtin, an escaper for CSS or a JavaScript string…) is not
//     compiled: [Compile] returns [ErrUnsupported];
//   - a value that it does not handle at run time (trusted HTML in an
//     attribute, a map with keys it cannot sort, a nil pointer, any error
//     at all) stops the execution with [ErrUnsupported].
//
// Either way the caller runs html/template instead, which gives the real
// output or the real error message; the caller must discard what
// [Template.Execute] wrote before it failed. The differential tests run
// every page of the sample site and of a generated corpus both ways and
// compare the bytes.
package tmplexec

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"
)

// ErrUnsupported says that a template, or this execution of it, needs
// html/template itself.
var ErrUnsupported = errors.New("tmplexec: needs html/template")

// fallback is panicked to stop an execution that html/template must do.
type fallback struct{}

// maxDepth bounds nested template calls; deeper recursion is left to
// html/template, which reports it.
const maxDepth = 1000

// Template is one entry template of an html/template set, compiled with
// every template it calls. It is safe for concurrent use.
type Template struct {
	root *tmpl
}

// tmpl is one compiled template of the set.
type tmpl struct {
	name string
	root []node
}

// Compile compiles the template named name of set, and the templates it
// calls. funcs must be the functions the set was parsed with. The set must
// have executed name at least once, so that html/template has escaped it
// (it escapes a template on its first execution).
func Compile(set *template.Template, name string, funcs template.FuncMap) (*Template, error) {
	c := &compiler{set: set, funcs: funcs, done: map[string]*tmpl{}}
	t, err := c.template(name)
	if err != nil {
		return nil, err
	}
	return &Template{root: t}, nil
}

// Execute runs the template with data as dot, appending to w. On
// ErrUnsupported part of the page may have been written: the caller
// truncates w and runs html/template.
func (t *Template) Execute(w *bytes.Buffer, data any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			// Whatever went wrong (a function that panicked, a value
			// this executor does not handle), html/template decides
			// what the page or the error is.
			err = ErrUnsupported
		}
	}()
	value := reflect.ValueOf(data)
	s := states.Get().(*state)
	defer s.release()
	s.w = w
	s.push("$", value)
	s.walkList(value, t.root.root)
	return nil
}

// states recycles execution states and their stacks.
var states = sync.Pool{New: func() any {
	s := &state{}
	s.vars = s.varBuf[:0]
	s.args = s.argBuf[:0]
	return s
}}

// release returns s to the pool, holding no page data.
func (s *state) release() {
	clear(s.vars[:cap(s.vars)])
	clear(s.args[:cap(s.args)])
	s.w, s.base, s.depth = nil, 0, 0
	s.vars, s.args = s.vars[:0], s.args[:0]
	if cap(s.vars) > 256 || cap(s.args) > 256 {
		return // grown by a rare deep page: let it go
	}
	states.Put(s)
}

// ---- compiled nodes ----

type node interface{}

type (
	textNode   struct{ text []byte }
	actionNode struct {
		pipe  *pipeline
		print bool
		// The escapers that ended pipe, taken off it: escapes are
		// applied in turn to the string of pipe's value, and write,
		// when set, writes the last one's output to the page. The
		// value goes from one to the next as a string, not boxed in a
		// reflect.Value as text/template does.
		escapes []func(s string, t contentType) string
		write   func(w *bytes.Buffer, s string, t contentType)
	}
	ifNode struct {
		with           bool
		pipe           *pipeline
		list, elseList []node
	}
	rangeNode struct {
		pipe           *pipeline
		list, elseList []node
	}
	templateNode struct {
		target *tmpl
		pipe   *pipeline
	}
	breakNode    struct{}
	continueNode struct{}
)

type pipeline struct {
	decl     []string
	isAssign bool
	cmds     []*command
}

// command is one command of a pipeline: args[0] is the operand or the
// function, the rest its arguments.
type command struct {
	args []arg
}

// An arg is an operand of a command.
type arg interface{}

type (
	dotArg    struct{}
	nilArg    struct{}
	boolArg   struct{ v reflect.Value }
	stringArg struct {
		text string
		v    reflect.Value
	}
	numberArg struct{ n *parse.NumberNode }
	// fieldArg is .A.B, $x.A.B (variable set) or (pipe).A.B (pipe set).
	fieldArg struct {
		variable string // "" when the chain starts at dot or at pipe
		pipe     arg    // the operand of a chain node, or nil
		fields   []*field
	}
	variableArg struct{ name string }
	funcArg     struct{ fn *function }
	pipeArg     struct{ pipe *pipeline }
)

// field is one name of a field chain, with what it last resolved to.
type field struct {
	name    string
	nameVal reflect.Value // name as a reflect.Value, for map keys
	cache   atomic.Pointer[fieldInfo]
}

// fieldInfo is how a name resolves on values of one type.
type fieldInfo struct {
	typ     reflect.Type // the receiver's type, after indirection
	canAddr bool         // whether the receiver was addressable (methods of *T)
	kind    fieldKind
	index   []int // struct field index
	// For a method: the method expression (the function that takes
	// the receiver first) and the type of the method value. Calling
	// the expression spares reflect the look-up, and an allocation, of
	// the method's code that calling a method value makes each time.
	method     reflect.Value
	methodType reflect.Type
}

type fieldKind uint8

const (
	fieldMethod    fieldKind = iota + 1 // a method of the value
	fieldPtrMethod                      // a method of a pointer to the (addressable) value
	fieldStruct                         // a struct field
	fieldMap                            // a key of a map
)

// ---- compiler ----

type compiler struct {
	set   *template.Template
	funcs template.FuncMap
	done  map[string]*tmpl
}

func unsupported(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrUnsupported}, args...)...)
}

func (c *compiler) template(name string) (*tmpl, error) {
	if t := c.done[name]; t != nil {
		return t, nil
	}
	ht := c.set.Lookup(name)
	if ht == nil || ht.Tree == nil || ht.Tree.Root == nil {
		// Not defined, or a template that html/template derived for
		// another context (those live only in its text/template set).
		return nil, unsupported("template %q not found", name)
	}
	t := &tmpl{name: name}
	c.done[name] = t // before its body: templates may call themselves
	root, err := c.list(ht.Tree.Root)
	if err != nil {
		return nil, err
	}
	t.root = root
	return t, nil
}

func (c *compiler) list(l *parse.ListNode) ([]node, error) {
	if l == nil {
		return nil, nil
	}
	out := make([]node, 0, len(l.Nodes))
	for _, n := range l.Nodes {
		cn, err := c.node(n)
		if err != nil {
			return nil, err
		}
		if cn != nil {
			out = append(out, cn)
		}
	}
	return out, nil
}

func (c *compiler) node(n parse.Node) (node, error) {
	switch n := n.(type) {
	case *parse.TextNode:
		return &textNode{text: n.Text}, nil
	case *parse.CommentNode:
		return nil, nil
	case *parse.ActionNode:
		p, err := c.pipeline(n.Pipe)
		if err != nil {
			return nil, err
		}
		a := &actionNode{pipe: p, print: len(n.Pipe.Decl) == 0}
		if !a.print {
			return a, nil
		}
		// The escapers are taken off the end, as long as a command that
		// gives the value they escape remains.
		if last := len(p.cmds) - 1; last > 0 {
			if wr := escapeWriters[escaperName(p.cmds[last])]; wr != nil {
				a.write = wr
				p.cmds = p.cmds[:last]
			}
		}
		for last := len(p.cmds) - 1; last > 0; last-- {
			e := stringEscapers[escaperName(p.cmds[last])]
			if e == nil {
				break
			}
			a.escapes = append([]func(string, contentType) string{e}, a.escapes...)
			p.cmds = p.cmds[:last]
		}
		return a, nil
	case *parse.IfNode:
		return c.branch(false, n.Pipe, n.List, n.ElseList)
	case *parse.WithNode:
		return c.branch(true, n.Pipe, n.List, n.ElseList)
	case *parse.RangeNode:
		p, err := c.pipeline(n.Pipe)
		if err != nil {
			return nil, err
		}
		list, err := c.list(n.List)
		if err != nil {
			return nil, err
		}
		elseList, err := c.list(n.ElseList)
		if err != nil {
			return nil, err
		}
		return &rangeNode{pipe: p, list: list, elseList: elseList}, nil
	case *parse.TemplateNode:
		target, err := c.template(n.Name)
		if err != nil {
			return nil, err
		}
		var p *pipeline
		if n.Pipe != nil {
			if p, err = c.pipeline(n.Pipe); err != nil {
				return nil, err
			}
		}
		return &templateNode{target: target, pipe: p}, nil
	case *parse.BreakNode:
		return breakNode{}, nil
	case *parse.ContinueNode:
		return continueNode{}, nil
	}
	return nil, unsupported("node %s", n)
}

// escaperName is the name of the escaper that cmd calls alone, as
// html/template appends them to a pipeline, or "".
func escaperName(cmd *command) string {
	if len(cmd.args) == 1 {
		if f, ok := cmd.args[0].(*funcArg); ok && f.fn.escape != nil {
			return f.fn.name
		}
	}
	return ""
}

func (c *compiler) branch(with bool, pipe *parse.PipeNode, list, elseList *parse.ListNode) (node, error) {
	p, err := c.pipeline(pipe)
	if err != nil {
		return nil, err
	}
	l, err := c.list(list)
	if err != nil {
		return nil, err
	}
	e, err := c.list(elseList)
	if err != nil {
		return nil, err
	}
	return &ifNode{with: with, pipe: p, list: l, elseList: e}, nil
}

func (c *compiler) pipeline(p *parse.PipeNode) (*pipeline, error) {
	if p == nil {
		return nil, nil
	}
	out := &pipeline{isAssign: p.IsAssign}
	for _, d := range p.Decl {
		if len(d.Ident) != 1 {
			return nil, unsupported("declaration %s", d)
		}
		out.decl = append(out.decl, d.Ident[0])
	}
	for _, cmd := range p.Cmds {
		cc := &command{}
		for _, a := range cmd.Args {
			ca, err := c.arg(a)
			if err != nil {
				return nil, err
			}
			cc.args = append(cc.args, ca)
		}
		if len(cc.args) == 0 {
			return nil, unsupported("empty command")
		}
		out.cmds = append(out.cmds, cc)
	}
	return out, nil
}

func fields(names []string) []*field {
	out := make([]*field, len(names))
	for i, n := range names {
		out[i] = &field{name: n, nameVal: reflect.ValueOf(n)}
	}
	return out
}

func (c *compiler) arg(n parse.Node) (arg, error) {
	switch n := n.(type) {
	case *parse.DotNode:
		return dotArg{}, nil
	case *parse.NilNode:
		return nilArg{}, nil
	case *parse.BoolNode:
		return boolArg{v: reflect.ValueOf(n.True)}, nil
	case *parse.StringNode:
		return &stringArg{text: n.Text, v: reflect.ValueOf(n.Text)}, nil
	case *parse.NumberNode:
		return &numberArg{n: n}, nil
	case *parse.FieldNode:
		return &fieldArg{fields: fields(n.Ident)}, nil
	case *parse.VariableNode:
		if len(n.Ident) == 1 {
			return &variableArg{name: n.Ident[0]}, nil
		}
		return &fieldArg{variable: n.Ident[0], fields: fields(n.Ident[1:])}, nil
	case *parse.ChainNode:
		if n.Node.Type() == parse.NodeNil || len(n.Field) == 0 {
			return nil, unsupported("chain %s", n)
		}
		p, err := c.arg(n.Node)
		if err != nil {
			return nil, err
		}
		return &fieldArg{pipe: p, fields: fields(n.Field)}, nil
	case *parse.PipeNode:
		p, err := c.pipeline(n)
		if err != nil {
			return nil, err
		}
		return &pipeArg{pipe: p}, nil
	case *parse.IdentifierNode:
		fn, err := c.function(n.Ident)
		if err != nil {
			return nil, err
		}
		return &funcArg{fn: fn}, nil
	}
	return nil, unsupported("argument %s", n)
}

// ---- execution ----

type variable struct {
	name  string
	value reflect.Value
}

type state struct {
	w      *bytes.Buffer
	vars   []variable
	varBuf [16]variable
	args   []reflect.Value // arguments of the calls being evaluated
	argBuf [16]reflect.Value
	base   int // the variables of the executing template start here
	depth  int
}

// control says how a list ended: normally, or by break or continue.
type control uint8

const (
	ctlNone control = iota
	ctlBreak
	ctlContinue
)

func (s *state) push(name string, v reflect.Value) { s.vars = append(s.vars, variable{name, v}) }
func (s *state) mark() int                         { return len(s.vars) }
func (s *state) pop(mark int)                      { s.vars = s.vars[:mark] }

func (s *state) setVar(name string, v reflect.Value) {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			s.vars[i].value = v
			return
		}
	}
	panic(fallback{})
}

func (s *state) varValue(name string) reflect.Value {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value
		}
	}
	panic(fallback{})
}

func (s *state) walkList(dot reflect.Value, list []node) control {
	for _, n := range list {
		if c := s.walk(dot, n); c != ctlNone {
			return c
		}
	}
	return ctlNone
}

func (s *state) walk(dot reflect.Value, n node) control {
	switch n := n.(type) {
	case *textNode:
		s.w.Write(n.text)
	case *actionNode:
		// Variables declared here persist to the end of the enclosing
		// block, as in text/template.
		if n.write != nil || n.escapes != nil {
			str, t := s.evalString(dot, n.pipe)
			for _, e := range n.escapes {
				str, t = e(str, t), contentTypePlain
			}
			if n.write != nil {
				n.write(s.w, str, t)
			} else {
				s.w.WriteString(str)
			}
			break
		}
		v := s.evalPipeline(dot, n.pipe)
		if n.print {
			s.printValue(v)
		}
	case *ifNode:
		mark := s.mark()
		v := s.evalPipeline(dot, n.pipe)
		truth, ok := isTrue(indirectInterface(v))
		if !ok {
			panic(fallback{})
		}
		c := ctlNone
		if truth {
			if n.with {
				c = s.walkList(v, n.list)
			} else {
				c = s.walkList(dot, n.list)
			}
		} else if n.elseList != nil {
			c = s.walkList(dot, n.elseList)
		}
		s.pop(mark)
		return c
	case *rangeNode:
		s.walkRange(dot, n)
	case *templateNode:
		if s.depth >= maxDepth {
			panic(fallback{})
		}
		v := s.evalPipeline(dot, n.pipe)
		// No dynamic scoping: the called template sees only its $.
		mark, base := s.mark(), s.base
		s.push("$", v)
		s.base = mark
		s.depth++
		s.walkList(v, n.target.root)
		s.depth--
		s.pop(mark)
		s.base = base
	case breakNode:
		return ctlBreak
	case continueNode:
		return ctlContinue
	default:
		panic(fallback{})
	}
	return ctlNone
}

func (s *state) walkRange(dot reflect.Value, r *rangeNode) {
	outer := s.mark()
	defer s.pop(outer)
	val, _ := indirect(s.evalPipeline(dot, r.pipe))
	mark := s.mark()
	switch val.Kind() {
	case reflect.Array, reflect.Slice:
		if val.Len() == 0 {
			break
		}
		for i := 0; i < val.Len(); i++ {
			if s.rangeIteration(r, mark, reflect.ValueOf(i), val.Index(i)) {
				break
			}
		}
		return
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if len(r.pipe.decl) > 1 {
			panic(fallback{})
		}
		run := false
		for v := range val.Seq() {
			run = true
			if s.rangeIteration(r, mark, reflect.Value{}, v) {
				break
			}
		}
		if !run {
			break
		}
		return
	case reflect.Invalid:
		// A nil map or the like: as an empty map.
	default:
		// Maps (sorted by internal/fmtsort), channels and iterator
		// functions are left to text/template.
		panic(fallback{})
	}
	if r.elseList != nil {
		s.walkList(dot, r.elseList)
	}
}

// rangeIteration runs one iteration of r with its variables set to index
// and elem, and reports whether the loop is to stop (break). It is a
// method, not a closure in walkRange: the loop over an integer passes the
// closure to an iterator function, which made it escape, one allocation
// per range.
func (s *state) rangeIteration(r *rangeNode, mark int, index, elem reflect.Value) bool {
	decl := r.pipe.decl
	if len(decl) > 0 {
		if r.pipe.isAssign {
			if len(decl) > 1 {
				s.setVar(decl[0], index)
			} else {
				s.setVar(decl[0], elem)
			}
		} else {
			s.vars[len(s.vars)-1].value = elem
		}
	}
	if len(decl) > 1 {
		if r.pipe.isAssign {
			s.setVar(decl[1], elem)
		} else {
			s.vars[len(s.vars)-2].value = index
		}
	}
	c := s.walkList(elem, r.list)
	s.pop(mark)
	return c == ctlBreak
}

// evalPipeline returns the value of a pipeline, declaring or assigning
// its variables.
func (s *state) evalPipeline(dot reflect.Value, p *pipeline) reflect.Value {
	if p == nil {
		return reflect.Value{}
	}
	value := missingVal
	for _, cmd := range p.cmds {
		value = s.evalCommand(dot, cmd, value)
		// If the object has type interface{}, dig down one level to the thing inside.
		if value.Kind() == reflect.Interface && value.Type().NumMethod() == 0 {
			value = value.Elem()
		}
	}
	for _, name := range p.decl {
		if p.isAssign {
			s.setVar(name, value)
		} else {
			s.push(name, value)
		}
	}
	return value
}

// evalString is stringifyValue(s.evalPipeline(dot, p)) for a pipeline
// that declares no variable, the string that an escaper gets. When the
// last command calls a function that returns a string, the string is
// taken as it is, not boxed in a reflect.Value.
func (s *state) evalString(dot reflect.Value, p *pipeline) (string, contentType) {
	value := missingVal
	last := len(p.cmds) - 1
	for _, cmd := range p.cmds[:last] {
		value = s.evalCommand(dot, cmd, value)
		if value.Kind() == reflect.Interface && value.Type().NumMethod() == 0 {
			value = value.Elem()
		}
	}
	cmd := p.cmds[last]
	if f, ok := cmd.args[0].(*funcArg); ok && f.fn.fastString != nil {
		return s.callString(dot, f.fn, cmd.args[1:], value)
	}
	value = s.evalCommand(dot, cmd, value)
	if value.Kind() == reflect.Interface && value.Type().NumMethod() == 0 {
		value = value.Elem()
	}
	return stringifyValue(value)
}

// missingVal stands for "no final argument" between the commands of a
// pipeline, as in text/template.
type missingValType struct{}

var missingVal = reflect.ValueOf(missingValType{})

var missingValReflectType = reflect.TypeFor[missingValType]()

func isMissing(v reflect.Value) bool {
	return v.IsValid() && v.Type() == missingValReflectType
}

func notAFunction(args []arg, final reflect.Value) {
	if len(args) > 1 || !isMissing(final) {
		panic(fallback{})
	}
}

func (s *state) evalCommand(dot reflect.Value, cmd *command, final reflect.Value) reflect.Value {
	switch a := cmd.args[0].(type) {
	case *fieldArg:
		return s.evalFieldArg(dot, a, cmd.args, final)
	case *funcArg:
		return s.evalCall(dot, a.fn, cmd.args, final)
	case *pipeArg:
		notAFunction(cmd.args, final)
		return s.evalPipeline(dot, a.pipe)
	case *variableArg:
		notAFunction(cmd.args, final)
		return s.varValue(a.name)
	}
	notAFunction(cmd.args, final)
	switch a := cmd.args[0].(type) {
	case boolArg:
		return a.v
	case dotArg:
		return dot
	case *numberArg:
		return idealConstant(a.n)
	case *stringArg:
		return a.v
	}
	panic(fallback{})
}

// idealConstant is the value of a number whose type the context does not
// give: the syntax decides, by Go's rules.
func idealConstant(constant *parse.NumberNode) reflect.Value {
	switch {
	case constant.IsComplex:
		return reflect.ValueOf(constant.Complex128)
	case constant.IsFloat &&
		!isHexInt(constant.Text) && !isRuneInt(constant.Text) &&
		strings.ContainsAny(constant.Text, ".eEpP"):
		return reflect.ValueOf(constant.Float64)
	case constant.IsInt:
		n := int(constant.Int64)
		if int64(n) != constant.Int64 {
			panic(fallback{})
		}
		return reflect.ValueOf(n)
	}
	panic(fallback{})
}

func isRuneInt(s string) bool {
	return len(s) > 0 && s[0] == '\''
}

func isHexInt(s string) bool {
	return len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && !strings.ContainsAny(s, "pP")
}

// evalFieldArg evaluates .X.Y.Z, $x.Y.Z or (pipe).Y.Z, the last name
// getting the command's arguments if it is a method.
func (s *state) evalFieldArg(dot reflect.Value, a *fieldArg, args []arg, final reflect.Value) reflect.Value {
	receiver := dot
	switch {
	case a.variable != "":
		receiver = s.varValue(a.variable)
	case a.pipe != nil:
		receiver = s.evalArg(dot, nil, a.pipe)
	}
	n := len(a.fields)
	for i := 0; i < n-1; i++ {
		receiver = s.evalField(dot, a.fields[i], nil, missingVal, receiver)
	}
	return s.evalField(dot, a.fields[n-1], args, final, receiver)
}

// evalField evaluates one name of a chain: a method (called with args and
// final), a struct field or a map key.
func (s *state) evalField(dot reflect.Value, f *field, args []arg, final, receiver reflect.Value) reflect.Value {
	if !receiver.IsValid() {
		return reflect.Value{}
	}
	receiver, isNil := indirect(receiver)
	if isNil {
		// A nil pointer or interface: text/template's errors, or a
		// method with a nil receiver; rare enough to leave to it.
		panic(fallback{})
	}
	typ := receiver.Type()
	info := f.cache.Load()
	if info == nil || info.typ != typ || info.canAddr != receiver.CanAddr() {
		info = resolveField(receiver, f.name)
		f.cache.Store(info)
	}
	hasArgs := len(args) > 1 || !isMissing(final)
	switch info.kind {
	case fieldMethod:
		return s.evalMethod(dot, info, receiver, args, final)
	case fieldPtrMethod:
		return s.evalMethod(dot, info, receiver.Addr(), args, final)
	case fieldStruct:
		if hasArgs {
			panic(fallback{})
		}
		if len(info.index) == 1 {
			return receiver.Field(info.index[0])
		}
		v, err := receiver.FieldByIndexErr(info.index)
		if err != nil {
			panic(fallback{})
		}
		return v
	case fieldMap:
		if hasArgs {
			panic(fallback{})
		}
		// A missing key gives the invalid value (missingkey=default).
		return receiver.MapIndex(f.nameVal)
	}
	panic(fallback{})
}

// resolveField finds what name means on receiver (not nil, after
// indirection), in text/template's order: a method of the value or of
// its pointer, then a struct field, then a map key.
func resolveField(receiver reflect.Value, name string) *fieldInfo {
	typ := receiver.Type()
	info := &fieldInfo{typ: typ, canAddr: receiver.CanAddr()}
	// Unless it's an interface, need to get to a value of type *T to
	// guarantee we see all methods of T and *T.
	if receiver.Kind() != reflect.Interface && receiver.Kind() != reflect.Pointer && receiver.CanAddr() {
		if m, ok := reflect.PointerTo(typ).MethodByName(name); ok {
			info.kind, info.method = fieldPtrMethod, m.Func
			info.methodType = receiver.Addr().Method(m.Index).Type()
			return info
		}
	} else if m, ok := typ.MethodByName(name); ok {
		info.kind, info.method = fieldMethod, m.Func
		info.methodType = receiver.Method(m.Index).Type()
		return info
	}
	switch receiver.Kind() {
	case reflect.Struct:
		if tf, ok := typ.FieldByName(name); ok && tf.IsExported() {
			info.kind, info.index = fieldStruct, tf.Index
		}
	case reflect.Map:
		if reflect.TypeFor[string]().AssignableTo(typ.Key()) {
			info.kind = fieldMap
		}
	}
	return info // kind 0: text/template's error
}

// indirect returns the item at the end of indirection, and a bool to
// indicate if it's nil.
func indirect(v reflect.Value) (rv reflect.Value, isNil bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

// indirectInterface returns the concrete value in an interface value, or
// else the zero reflect.Value.
func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

// isTrue is text/template's truth: not the zero value of its type.
func isTrue(val reflect.Value) (truth, ok bool) {
	if !val.IsValid() {
		return false, true
	}
	switch val.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		truth = val.Len() > 0
	case reflect.Bool:
		truth = val.Bool()
	case reflect.Complex64, reflect.Complex128:
		truth = val.Complex() != 0
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		truth = !val.IsNil()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		truth = val.Int() != 0
	case reflect.Float32, reflect.Float64:
		truth = val.Float() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		truth = val.Uint() != 0
	case reflect.Struct:
		truth = true
	default:
		return
	}
	return truth, true
}

var (
	errorType        = reflect.TypeFor[error]()
	fmtStringerType  = reflect.TypeFor[fmt.Stringer]()
	reflectValueType = reflect.TypeFor[reflect.Value]()
)

// printValue writes the value an action ends with. In an escaped template
// that is an escaper's string.
func (s *state) printValue(v reflect.Value) {
	if v.IsValid() && v.Type() == stringType {
		s.w.WriteString(v.String())
		return
	}
	iface, ok := printableValue(v)
	if !ok {
		panic(fallback{})
	}
	fmt.Fprint(s.w, iface)
}

func printableValue(v reflect.Value) (any, bool) {
	if v.Kind() == reflect.Pointer {
		v, _ = indirect(v) // fmt.Fprint handles nil.
	}
	if !v.IsValid() {
		return "<no value>", true
	}
	if !v.Type().Implements(errorType) && !v.Type().Implements(fmtStringerType) {
		if v.CanAddr() && (reflect.PointerTo(v.Type()).Implements(errorType) || reflect.PointerTo(v.Type()).Implements(fmtStringerType)) {
			v = v.Addr()
		} else {
			switch v.Kind() {
			case reflect.Chan, reflect.Func:
				return nil, false
			}
		}
	}
	return v.Interface(), true
}
