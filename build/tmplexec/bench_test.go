package tmplexec

import (
	"bytes"
	"html/template"
	"testing"
)

// BenchmarkMethodCalls measures the calls of methods found on field chains
// (through reflection: their receivers are the caller's types).
func BenchmarkMethodCalls(b *testing.B) {
	src := `{{range .People}}{{.Full}}{{.Upper}}{{.Greet "x" 2}}{{end}}{{if not .Zero.IsZero}}z{{end}}`
	set := template.Must(template.New("page").Funcs(testFuncs).Parse(src))
	data := testData()
	var w bytes.Buffer
	if err := set.Execute(&w, data); err != nil {
		b.Fatal(err)
	}
	prog, err := Compile(set, "page", testFuncs)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		w.Reset()
		if err := prog.Execute(&w, data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCommonConstructs runs the constructs that themes use on every
// page (the cases that TestHandlesTheCommonConstructs pins down).
func BenchmarkCommonConstructs(b *testing.B) {
	data := testData()
	var progs []*Template
	for _, src := range cases[:32] {
		set := template.Must(template.New("page").Funcs(testFuncs).Parse(src))
		var w bytes.Buffer
		if err := set.Execute(&w, data); err != nil {
			b.Fatal(err)
		}
		prog, err := Compile(set, "page", testFuncs)
		if err != nil {
			b.Fatal(err)
		}
		progs = append(progs, prog)
	}
	var w bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range progs {
			w.Reset()
			if err := p.Execute(&w, data); err != nil {
				b.Fatal(err)
			}
		}
	}
}
