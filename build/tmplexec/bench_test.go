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
