package tmplexec

import (
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"time"
)

// function is a name a template calls: one of the set's functions, an
// escaper or a builtin.
type function struct {
	name string
	// Exactly one of these is set.
	val     reflect.Value                                     // a function of the set, or print/printf/println
	escape  func(reflect.Value) string                        // an html/template escaper
	builtin func(args []reflect.Value) (reflect.Value, error) // a builtin on raw values
	// shortCircuit is "and" or "or", which text/template evaluates lazily.
	shortCircuit string

	// For val: its type, and a direct call for common signatures;
	// fastString, when set, is the call of a function that returns a
	// string type, giving the string and its content type, and fast
	// boxes what it gives.
	typ        reflect.Type
	fast       func(args []reflect.Value) reflect.Value
	fastString func(args []reflect.Value) (string, contentType)
}

// function resolves a name as text/template does: the set's functions
// first (html/template's escapers are among them), then the builtins.
func (c *compiler) function(name string) (*function, error) {
	if fn, ok := c.funcs[name]; ok {
		v := reflect.ValueOf(fn)
		if v.Kind() != reflect.Func {
			return nil, unsupported("%s is not a function", name)
		}
		return newValueFunc(name, v), nil
	}
	if e := escapers[name]; e != nil {
		return &function{name: name, escape: e}, nil
	}
	switch name {
	case "and", "or":
		return &function{name: name, shortCircuit: name}, nil
	case "print":
		return newValueFunc(name, reflect.ValueOf(fmt.Sprint)), nil
	case "printf":
		return newValueFunc(name, reflect.ValueOf(fmt.Sprintf)), nil
	case "println":
		return newValueFunc(name, reflect.ValueOf(fmt.Sprintln)), nil
	}
	if b := builtins[name]; b != nil {
		return &function{name: name, builtin: b}, nil
	}
	return nil, unsupported("function %q", name)
}

func newValueFunc(name string, v reflect.Value) *function {
	f := &function{name: name, val: v, typ: v.Type()}
	if f.fastString = fastStringCall(v.Interface()); f.fastString != nil {
		f.fast = func(a []reflect.Value) reflect.Value { return stringValue(f.fastString(a)) }
	} else {
		f.fast = fastCall(v.Interface())
	}
	return f
}

// fastStringCall is fastCall for the signatures that return a string or
// template.HTML: a printing action gives the string to its escapers
// without boxing it (see evalString).
func fastStringCall(fn any) func(args []reflect.Value) (string, contentType) {
	switch fn := fn.(type) {
	case func(string) string:
		return func(a []reflect.Value) (string, contentType) { return fn(a[0].String()), contentTypePlain }
	case func(time.Time) string:
		return func(a []reflect.Value) (string, contentType) {
			t, ok := reflect.TypeAssert[time.Time](a[0])
			if !ok {
				panic(fallback{})
			}
			return fn(t), contentTypePlain
		}
	case func([]string, string) string:
		return func(a []reflect.Value) (string, contentType) {
			l, ok := reflect.TypeAssert[[]string](a[0])
			if !ok {
				panic(fallback{})
			}
			return fn(l, a[1].String()), contentTypePlain
		}
	case func(string, any, ...any) (template.HTML, error):
		return func(a []reflect.Value) (string, contentType) {
			rest := make([]any, len(a)-2)
			for i, v := range a[2:] {
				rest[i] = interfaceOf(v)
			}
			out, err := fn(a[0].String(), interfaceOf(a[1]), rest...)
			if err != nil {
				panic(fallback{})
			}
			return string(out), contentTypeHTML
		}
	}
	return nil
}

// stringValue is the value of the type that fastStringCall's t stands for.
func stringValue(s string, t contentType) reflect.Value {
	if t == contentTypeHTML {
		return reflect.ValueOf(template.HTML(s))
	}
	return reflect.ValueOf(s)
}

// fastCall returns a direct call of fn when its signature is one that
// themes use on every page, so that it is not made through reflection.
// The arguments it gets have already been checked against the signature.
func fastCall(fn any) func(args []reflect.Value) reflect.Value {
	switch fn := fn.(type) {
	case func(string, string) bool:
		return func(a []reflect.Value) reflect.Value { return reflect.ValueOf(fn(a[0].String(), a[1].String())) }
	case func(int, int) int:
		return func(a []reflect.Value) reflect.Value { return reflect.ValueOf(fn(int(a[0].Int()), int(a[1].Int()))) }
	}
	return nil
}

// interfaceOf is what a reflect call passes for v to an interface
// parameter.
func interfaceOf(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

// evalCall calls a function of the template (args[0] names it, when
// args is not nil).
func (s *state) evalCall(dot reflect.Value, fn *function, args []arg, final reflect.Value) reflect.Value {
	if len(args) > 0 {
		args = args[1:] // args[0] is the function's name; nil when it has no arguments
	}
	switch {
	case fn.escape != nil:
		if len(args) > 0 || isMissing(final) {
			panic(fallback{})
		}
		return reflect.ValueOf(fn.escape(final))
	case fn.shortCircuit != "":
		return s.evalShortCircuit(dot, fn.shortCircuit == "or", args, final)
	case fn.builtin != nil:
		// The arguments go on the state's stack, given back after the
		// call. On a panic the state is dropped whole (Execute).
		base := len(s.args)
		for _, a := range args {
			s.args = append(s.args, s.evalRaw(dot, a))
		}
		if !isMissing(final) {
			s.args = append(s.args, final)
		}
		v, err := fn.builtin(s.args[base:])
		if err != nil {
			panic(fallback{})
		}
		s.args = s.args[:base]
		return v
	}
	return s.callValue(dot, fn.val, fn.typ, fn.fast, args, final)
}

// evalMethod calls the method found on a field chain, through its method
// expression with the receiver as the first argument.
func (s *state) evalMethod(dot reflect.Value, info *fieldInfo, receiver reflect.Value, args []arg, final reflect.Value) reflect.Value {
	if args != nil {
		args = args[1:]
	}
	base := len(s.args)
	s.args = append(s.args, receiver)
	s.pushArgs(dot, info.methodType, args, final)
	v := s.call(info.method, s.args[base:])
	s.args = s.args[:base]
	return v
}

// callValue is text/template's evalCall for a function or method value:
// it checks the count of arguments, evaluates and converts each to its
// parameter's type, and calls fun (directly when fast is set).
func (s *state) callValue(dot, fun reflect.Value, typ reflect.Type, fast func([]reflect.Value) reflect.Value, args []arg, final reflect.Value) reflect.Value {
	base := s.pushArgs(dot, typ, args, final)
	argv := s.args[base:]
	var v reflect.Value
	if fast != nil {
		v = fast(argv)
	} else {
		v = s.call(fun, argv)
	}
	s.args = s.args[:base]
	return v
}

// call calls fun through reflection with checked arguments.
func (s *state) call(fun reflect.Value, argv []reflect.Value) reflect.Value {
	ret := fun.Call(argv)
	if len(ret) == 2 && !ret[1].IsNil() {
		panic(fallback{})
	}
	v := ret[0]
	if v.Type() == reflectValueType {
		v = v.Interface().(reflect.Value)
	}
	return v
}

// callString calls a function that has a fastString (args are its
// arguments, without its name).
func (s *state) callString(dot reflect.Value, fn *function, args []arg, final reflect.Value) (string, contentType) {
	base := s.pushArgs(dot, fn.typ, args, final)
	str, t := fn.fastString(s.args[base:])
	s.args = s.args[:base]
	return str, t
}

// pushArgs checks a call of a function of type typ and pushes its
// arguments on the state's stack, from base on. Evaluating one may call
// other functions, which use the stack above them and give it back; the
// caller gives back its own after the call (on a panic the state is
// dropped whole, in Execute).
func (s *state) pushArgs(dot reflect.Value, typ reflect.Type, args []arg, final reflect.Value) (base int) {
	numIn := len(args)
	if !isMissing(final) {
		numIn++
	}
	numFixed := len(args)
	if typ.IsVariadic() {
		numFixed = typ.NumIn() - 1 // last arg is the variadic one.
		if numIn < numFixed {
			panic(fallback{})
		}
	} else if numIn != typ.NumIn() {
		panic(fallback{})
	}
	switch numOut := typ.NumOut(); {
	case numOut == 1:
	case numOut == 2 && typ.Out(1) == errorType:
	default:
		panic(fallback{})
	}
	base = len(s.args)
	i := 0
	for ; i < numFixed && i < len(args); i++ {
		s.args = append(s.args, s.evalArg(dot, typ.In(i), args[i]))
	}
	if typ.IsVariadic() {
		argType := typ.In(typ.NumIn() - 1).Elem()
		for ; i < len(args); i++ {
			s.args = append(s.args, s.evalArg(dot, argType, args[i]))
		}
	}
	if !isMissing(final) {
		t := typ.In(typ.NumIn() - 1)
		if typ.IsVariadic() {
			if numIn-1 < numFixed {
				t = typ.In(numIn - 1)
			} else {
				t = t.Elem()
			}
		}
		s.args = append(s.args, s.validateType(final, t))
	}
	return base
}

// evalShortCircuit is "and" (or "or"): the first argument that is false
// (true), else the last, evaluating no more than it needs.
func (s *state) evalShortCircuit(dot reflect.Value, or bool, args []arg, final reflect.Value) reflect.Value {
	if len(args) == 0 && isMissing(final) {
		panic(fallback{})
	}
	var v reflect.Value
	for _, a := range args {
		v = s.evalRaw(dot, a)
		if truth(v) == or {
			return v
		}
	}
	if !isMissing(final) {
		v = final
	}
	return v
}

func truth(v reflect.Value) bool {
	t, _ := isTrue(indirectInterface(v))
	return t
}

// canBeNil reports whether an untyped nil can be assigned to the type.
func canBeNil(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	case reflect.Struct:
		return typ == reflectValueType
	}
	return false
}

// validateType guarantees that the value is valid and assignable to the
// type, with text/template's one dereference or address-of.
func (s *state) validateType(value reflect.Value, typ reflect.Type) reflect.Value {
	if !value.IsValid() {
		if typ == nil {
			return reflect.ValueOf(nil)
		}
		if canBeNil(typ) {
			return reflect.Zero(typ)
		}
		panic(fallback{})
	}
	if typ == reflectValueType && value.Type() != typ {
		return reflect.ValueOf(value)
	}
	if typ != nil && !value.Type().AssignableTo(typ) {
		if value.Kind() == reflect.Interface && !value.IsNil() {
			value = value.Elem()
			if value.Type().AssignableTo(typ) {
				return value
			}
		}
		switch {
		case value.Kind() == reflect.Pointer && value.Type().Elem().AssignableTo(typ):
			value = value.Elem()
			if !value.IsValid() {
				panic(fallback{})
			}
		case reflect.PointerTo(value.Type()).AssignableTo(typ) && value.CanAddr():
			value = value.Addr()
		default:
			panic(fallback{})
		}
	}
	return value
}

// evalArg evaluates an argument for a parameter of type typ.
func (s *state) evalArg(dot reflect.Value, typ reflect.Type, a arg) reflect.Value {
	switch a := a.(type) {
	case dotArg:
		return s.validateType(dot, typ)
	case nilArg:
		if typ != nil && canBeNil(typ) {
			return reflect.Zero(typ)
		}
		panic(fallback{})
	case *fieldArg:
		return s.validateType(s.evalFieldArg(dot, a, nil, missingVal), typ)
	case *variableArg:
		return s.validateType(s.varValue(a.name), typ)
	case *pipeArg:
		return s.validateType(s.evalPipeline(dot, a.pipe), typ)
	case *funcArg:
		return s.validateType(s.evalCall(dot, a.fn, nil, missingVal), typ)
	}
	if typ == nil {
		panic(fallback{})
	}
	switch typ.Kind() {
	case reflect.Bool:
		if b, ok := a.(boolArg); ok {
			v := reflect.New(typ).Elem()
			v.SetBool(b.v.Bool())
			return v
		}
	case reflect.String:
		if str, ok := a.(*stringArg); ok {
			if typ == stringType {
				return str.v
			}
			v := reflect.New(typ).Elem()
			v.SetString(str.text)
			return v
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n, ok := a.(*numberArg); ok && n.n.IsInt {
			v := reflect.New(typ).Elem()
			v.SetInt(n.n.Int64)
			return v
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if n, ok := a.(*numberArg); ok && n.n.IsUint {
			v := reflect.New(typ).Elem()
			v.SetUint(n.n.Uint64)
			return v
		}
	case reflect.Float32, reflect.Float64:
		if n, ok := a.(*numberArg); ok && n.n.IsFloat {
			v := reflect.New(typ).Elem()
			v.SetFloat(n.n.Float64)
			return v
		}
	case reflect.Complex64, reflect.Complex128:
		if n, ok := a.(*numberArg); ok && n.n.IsComplex {
			v := reflect.New(typ).Elem()
			v.SetComplex(n.n.Complex128)
			return v
		}
	case reflect.Interface:
		if typ.NumMethod() == 0 {
			return s.evalConstant(a)
		}
	case reflect.Struct:
		if typ == reflectValueType {
			return reflect.ValueOf(s.evalConstant(a))
		}
	}
	panic(fallback{})
}

// evalConstant is a constant argument's value for an empty interface.
func (s *state) evalConstant(a arg) reflect.Value {
	switch a := a.(type) {
	case boolArg:
		return a.v
	case *stringArg:
		return a.v
	case *numberArg:
		return idealConstant(a.n)
	}
	panic(fallback{})
}

// evalRaw evaluates an argument of a builtin, which gets the values
// themselves (reflect.Value parameters): a missing value or nil is the
// invalid value.
func (s *state) evalRaw(dot reflect.Value, a arg) reflect.Value {
	switch a := a.(type) {
	case dotArg:
		return dot
	case nilArg:
		return reflect.Value{}
	case *fieldArg:
		return s.evalFieldArg(dot, a, nil, missingVal)
	case *variableArg:
		return s.varValue(a.name)
	case *pipeArg:
		return s.evalPipeline(dot, a.pipe)
	case *funcArg:
		return s.evalCall(dot, a.fn, nil, missingVal)
	}
	return s.evalConstant(a)
}

// ---- builtins on raw values, as text/template's funcs.go ----

var (
	errBadComparisonType = errors.New("invalid type for comparison")
	errNoComparison      = errors.New("missing argument for comparison")
	errArgs              = errors.New("wrong number of arguments")
)

var builtins map[string]func(args []reflect.Value) (reflect.Value, error)

func init() {
	builtins = map[string]func(args []reflect.Value) (reflect.Value, error){
		"not": func(a []reflect.Value) (reflect.Value, error) {
			if len(a) != 1 {
				return reflect.Value{}, errArgs
			}
			return reflect.ValueOf(!truth(a[0])), nil
		},
		"len": func(a []reflect.Value) (reflect.Value, error) {
			if len(a) != 1 {
				return reflect.Value{}, errArgs
			}
			item, isNil := indirect(a[0])
			if isNil {
				return reflect.Value{}, errors.New("len of nil pointer")
			}
			switch item.Kind() {
			case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
				return reflect.ValueOf(item.Len()), nil
			}
			return reflect.Value{}, errors.New("len of wrong type")
		},
		"index": func(a []reflect.Value) (reflect.Value, error) {
			if len(a) < 1 {
				return reflect.Value{}, errArgs
			}
			return index(a[0], a[1:]...)
		},
		"eq": func(a []reflect.Value) (reflect.Value, error) {
			if len(a) < 1 {
				return reflect.Value{}, errArgs
			}
			b, err := eq(a[0], a[1:]...)
			return reflect.ValueOf(b), err
		},
		"ne": compare2(func(x, y reflect.Value) (bool, error) {
			equal, err := eq(x, y)
			return !equal, err
		}),
		"lt": compare2(lt),
		"le": compare2(le),
		"gt": compare2(func(x, y reflect.Value) (bool, error) {
			lessOrEqual, err := le(x, y)
			return !lessOrEqual, err
		}),
		"ge": compare2(func(x, y reflect.Value) (bool, error) {
			lessThan, err := lt(x, y)
			return !lessThan, err
		}),
	}
}

func compare2(f func(x, y reflect.Value) (bool, error)) func([]reflect.Value) (reflect.Value, error) {
	return func(a []reflect.Value) (reflect.Value, error) {
		if len(a) != 2 {
			return reflect.Value{}, errArgs
		}
		b, err := f(a[0], a[1])
		return reflect.ValueOf(b), err
	}
}

// index returns the result of indexing its first argument by the
// following arguments: index x 1 2 3 is x[1][2][3].
func index(item reflect.Value, indexes ...reflect.Value) (reflect.Value, error) {
	item = indirectInterface(item)
	if !item.IsValid() {
		return reflect.Value{}, errors.New("index of untyped nil")
	}
	for _, index := range indexes {
		index = indirectInterface(index)
		var isNil bool
		if item, isNil = indirect(item); isNil {
			return reflect.Value{}, errors.New("index of nil pointer")
		}
		switch item.Kind() {
		case reflect.Array, reflect.Slice, reflect.String:
			x, err := indexArg(index, item.Len())
			if err != nil {
				return reflect.Value{}, err
			}
			item = item.Index(x)
		case reflect.Map:
			index, err := prepareArg(index, item.Type().Key())
			if err != nil {
				return reflect.Value{}, err
			}
			if x := item.MapIndex(index); x.IsValid() {
				item = x
			} else {
				item = reflect.Zero(item.Type().Elem())
			}
		default:
			return reflect.Value{}, errors.New("can't index item")
		}
	}
	return item, nil
}

// indexArg checks if a reflect.Value can be used as an index, and
// converts it to int if possible.
func indexArg(index reflect.Value, cap int) (int, error) {
	var x int64
	switch index.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		x = index.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		x = int64(index.Uint())
	default:
		return 0, errors.New("cannot index with this type")
	}
	// text/template accepts an index equal to the length for slices
	// (cap) but the Index call below then fails: left to it.
	if x < 0 || int(x) < 0 || int(x) >= cap {
		return 0, errors.New("index out of range")
	}
	return int(x), nil
}

// prepareArg checks if value can be used as an argument of type argType,
// and converts an invalid value to the appropriate zero if possible.
func prepareArg(value reflect.Value, argType reflect.Type) (reflect.Value, error) {
	if !value.IsValid() {
		if !canBeNil(argType) {
			return reflect.Value{}, errors.New("value is nil")
		}
		value = reflect.Zero(argType)
	}
	if value.Type().AssignableTo(argType) {
		return value, nil
	}
	if intLike(value.Kind()) && intLike(argType.Kind()) && value.Type().ConvertibleTo(argType) {
		value = value.Convert(argType)
		return value, nil
	}
	return reflect.Value{}, errors.New("wrong type of key")
}

func intLike(typ reflect.Kind) bool {
	switch typ {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return true
	}
	return false
}

type kind int

const (
	invalidKind kind = iota
	boolKind
	complexKind
	intKind
	floatKind
	stringKind
	uintKind
)

func basicKind(v reflect.Value) (kind, error) {
	switch v.Kind() {
	case reflect.Bool:
		return boolKind, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return intKind, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return uintKind, nil
	case reflect.Float32, reflect.Float64:
		return floatKind, nil
	case reflect.Complex64, reflect.Complex128:
		return complexKind, nil
	case reflect.String:
		return stringKind, nil
	}
	return invalidKind, errBadComparisonType
}

// isNil returns true if v is the zero reflect.Value, or nil of its type.
func isNil(v reflect.Value) bool {
	if !v.IsValid() {
		return true
	}
	switch v.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return v.IsNil()
	}
	return false
}

// canCompare reports whether v1 and v2 are both the same kind, or one is
// nil.
func canCompare(v1, v2 reflect.Value) bool {
	k1 := v1.Kind()
	k2 := v2.Kind()
	// We want to permit nil, but we can't compare to nil with a Value.
	if k1 == reflect.Invalid || k2 == reflect.Invalid {
		return true
	}
	if k1 == k2 {
		return true
	}
	// Could be a pointer or interface compared with nil.
	return false
}

// eq evaluates the comparison a == b || a == c || ...
func eq(arg1 reflect.Value, arg2 ...reflect.Value) (bool, error) {
	arg1 = indirectInterface(arg1)
	if len(arg2) == 0 {
		return false, errNoComparison
	}
	k1, _ := basicKind(arg1)
	for _, arg := range arg2 {
		arg = indirectInterface(arg)
		k2, _ := basicKind(arg)
		truth := false
		if k1 != k2 {
			// Special case: Can compare integer values regardless of type's sign.
			switch {
			case k1 == intKind && k2 == uintKind:
				truth = arg1.Int() >= 0 && uint64(arg1.Int()) == arg.Uint()
			case k1 == uintKind && k2 == intKind:
				truth = arg.Int() >= 0 && arg1.Uint() == uint64(arg.Int())
			default:
				if arg1.IsValid() && arg.IsValid() {
					return false, errBadComparisonType
				}
			}
		} else {
			switch k1 {
			case boolKind:
				truth = arg1.Bool() == arg.Bool()
			case complexKind:
				truth = arg1.Complex() == arg.Complex()
			case floatKind:
				truth = arg1.Float() == arg.Float()
			case intKind:
				truth = arg1.Int() == arg.Int()
			case stringKind:
				truth = arg1.String() == arg.String()
			case uintKind:
				truth = arg1.Uint() == arg.Uint()
			default:
				if !canCompare(arg1, arg) {
					return false, errBadComparisonType
				}
				if isNil(arg1) || isNil(arg) {
					truth = isNil(arg) == isNil(arg1)
				} else {
					if !arg.Type().Comparable() {
						return false, errBadComparisonType
					}
					truth = arg1.Interface() == arg.Interface()
				}
			}
		}
		if truth {
			return true, nil
		}
	}
	return false, nil
}

// lt evaluates the comparison a < b.
func lt(arg1, arg2 reflect.Value) (bool, error) {
	arg1 = indirectInterface(arg1)
	k1, err := basicKind(arg1)
	if err != nil {
		return false, err
	}
	arg2 = indirectInterface(arg2)
	k2, err := basicKind(arg2)
	if err != nil {
		return false, err
	}
	truth := false
	if k1 != k2 {
		// Special case: Can compare integer values regardless of type's sign.
		switch {
		case k1 == intKind && k2 == uintKind:
			truth = arg1.Int() < 0 || uint64(arg1.Int()) < arg2.Uint()
		case k1 == uintKind && k2 == intKind:
			truth = arg2.Int() >= 0 && arg1.Uint() < uint64(arg2.Int())
		default:
			return false, errBadComparisonType
		}
	} else {
		switch k1 {
		case boolKind, complexKind:
			return false, errBadComparisonType
		case floatKind:
			truth = arg1.Float() < arg2.Float()
		case intKind:
			truth = arg1.Int() < arg2.Int()
		case stringKind:
			truth = arg1.String() < arg2.String()
		case uintKind:
			truth = arg1.Uint() < arg2.Uint()
		default:
			return false, errBadComparisonType
		}
	}
	return truth, nil
}

// le evaluates the comparison <= b.
func le(arg1, arg2 reflect.Value) (bool, error) {
	lessThan, err := lt(arg1, arg2)
	if lessThan || err != nil {
		return lessThan, err
	}
	return eq(arg1, arg2)
}
