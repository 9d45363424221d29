package tmplexec

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The data the test templates run on: fields, methods of both receivers,
// maps, nil pointers, typed strings and values html/template escapes.
type person struct {
	Name  string
	Creds []string
	Role  string
	URL   string
	Boss  *person
}

func (p *person) Full() string { return p.Name + ", " + strings.Join(p.Creds, ", ") }
func (p person) Upper() string { return strings.ToUpper(p.Name) }
func (p *person) Greet(greeting string, n int) string {
	return fmt.Sprintf("%s %s ×%d", greeting, p.Name, n)
}
func (p *person) Fail() (string, error) { return "", errors.New("no") }

type stringer struct{ s string }

func (s stringer) String() string { return "<" + s.s + ">" }

type page struct {
	Title   string
	Lang    string
	HTML    template.HTML
	JS      template.JS
	URL     template.URL
	Bad     string // a URL with an unsafe scheme
	People  []*person
	Nobody  []*person
	Boss    *person
	Nil     *person
	Date    time.Time
	Zero    time.Time
	Count   int
	Ratio   float64
	Flag    bool
	Extra   map[string]any
	Tags    map[string]int
	Any     any
	Str     fmt.Stringer
	Kind    kindString
	Numbers []int
}

type kindString string

func testData() *page {
	boss := &person{Name: "Ana Díaz", Creds: []string{"MD", "PhD"}, Role: "Chief <of> \"staff\"", URL: "/authors/ana/"}
	return &page{
		Title:  `Asthma & "you" <script>alert('x')</script> +1`,
		Lang:   "en",
		HTML:   template.HTML(`<p class="x">trusted &amp; fine</p>`),
		JS:     template.JS(`{"@type":"MedicalWebPage"}`),
		URL:    template.URL("javascript:trusted()"),
		Bad:    "javascript:alert(1)",
		People: []*person{boss, {Name: "Bo O'Neil", Creds: []string{"RN"}, URL: "https://example.org/a b?x=1&y=<2>", Boss: boss}, {Name: "Cy"}},
		Boss:   boss,
		Date:   time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC),
		Count:  3,
		Ratio:  2.5,
		Flag:   true,
		Extra:  map[string]any{"Level": 7, "Name": "x<y", "Nested": map[string]any{"Deep": "ok"}},
		Tags:   map[string]int{"b": 2, "a": 1},
		Any:    "an <any>",
		Str:    stringer{"s&t"},
		Kind:   "article",
		Numbers: []int{
			1, 2, 3,
		},
	}
}

var testFuncs = template.FuncMap{
	"url":    func(s string) string { return "/base" + s },
	"date":   func(t time.Time) string { return t.Format("2 January 2006") },
	"add":    func(a, b int) int { return a + b },
	"join":   strings.Join,
	"prefix": strings.HasPrefix,
	"pair":   func(a string, rest ...any) string { return fmt.Sprint(append([]any{a}, rest...)...) },
	"fails":  func() (string, error) { return "", errors.New("boom") },
	"panics": func() string { panic("boom") },
	"partial": func(name string, data any, key ...any) (template.HTML, error) {
		return template.HTML("[" + name + fmt.Sprint(key...) + "]"), nil
	},
}

// cases are templates in every construct the executor handles; each runs
// through html/template and the executor, which must agree byte for byte.
var cases = []string{
	`<h1>{{.Title}}</h1>`,
	`<title>{{.Title}}</title>`,
	`<p title="{{.Title}}">{{.HTML}}</p>`,
	`<a href="{{.Boss.URL}}">{{.Boss.Name}}</a>`,
	`<a href="{{url .Boss.URL}}">x</a><a href="{{.Bad}}">y</a><a href="{{.URL}}">z</a>`,
	`<a href="/search?q={{.Title}}&amp;n={{.Count}}">q</a>`,
	`<script type="application/ld+json">{{.JS}}</script>`,
	`{{range .People}}<li>{{.Name}}{{if .Creds}}, {{join .Creds ", "}}{{end}}</li>{{end}}`,
	`{{range $i, $p := .People}}{{if $i}}{{if eq (add $i 1) (len $.People)}} and {{else}}, {{end}}{{end}}{{$p.Full}}{{end}}`,
	`{{range $p := .People}}{{$p.Upper}} {{end}}`,
	`{{range .Nobody}}x{{else}}nobody{{end}}`,
	`{{range .Extra.Missing}}x{{else}}a missing key ranges as empty{{end}}`,
	`{{range .Numbers}}{{if eq . 2}}{{continue}}{{end}}{{.}}{{if ge . 3}}{{break}}{{end}}{{end}}`,
	`{{range 4}}{{.}}{{end}}`,
	`{{with .Boss}}{{.Name}} — {{.Role}}{{end}}{{with .Nil}}no{{else}}none{{end}}`,
	`{{with .Nil}}a{{else with .Boss}}{{.Name}}{{else}}c{{end}}`,
	`{{if and .Flag .Count}}both{{end}}{{if or .Nil .Title}}either{{end}}{{if not .Zero.IsZero}}set{{else}}zero{{end}}`,
	`{{and .Count .Title}}|{{or .Nil 0 "" "last"}}|{{and .Flag 0 .Title}}`,
	`{{if lt .Count 4}}lt{{end}}{{if le .Count 3}}le{{end}}{{if gt .Ratio 2.0}}gt{{end}}{{if ne .Lang "es"}}ne{{end}}{{if eq .Lang "fr" "en"}}eq{{end}}`,
	`{{$x := .Title}}{{$x}}{{$x = "changed"}}{{$x}}{{with .Boss}}{{$x}}{{$.Lang}}{{end}}`,
	`{{$n := 0}}{{range .People}}{{$n = add $n 1}}{{end}}{{$n}}`,
	`{{define "item"}}<b>{{.Name}}</b>{{end}}{{range .People}}{{template "item" .}}{{end}}`,
	`{{define "rec"}}{{.Name}}{{with .Boss}} ← {{template "rec" .}}{{end}}{{end}}{{range .People}}{{template "rec" .}};{{end}}`,
	`{{define "dollar"}}{{$.Name}}{{end}}{{template "dollar" .Boss}}`,
	`{{.Boss.Greet "Hello" 2}} {{.Boss.Greet "Hi" .Count}}`,
	`{{.Date.Format "2006-01-02"}} {{date .Date}} {{.Date.Year}} {{if .Date.After .Zero}}after{{end}}`,
	`{{printf "%.1f|%d|%s" .Ratio .Count .Lang}} {{print .Count .Flag}} {{println "x"}}`,
	`{{.Extra.Level}} {{.Extra.Name}} [{{.Extra.Missing}}] {{with .Extra.Missing}}x{{else}}missing{{end}} {{.Extra.Nested.Deep}}`,
	`{{.Any}} {{.Str}} {{.Kind}} {{.Count}} {{.Ratio}} {{.Flag}} {{.Zero}} {{.Numbers}}`,
	`{{pair "a" 1 .Flag nil}} {{"literal"}} {{1.5}} {{0x10}} {{true}} {{.}}`,
	`{{partial "card" . .Title}} {{partial "footer" . ""}}`,
	`{{(index .People 0).Name}} {{index .Extra "Name"}} {{index .Numbers 2}} {{index .Tags "zz"}}`,
	`{{len .Title}} {{len .Tags}} {{len .People}}`,
	`{{range $k, $v := .Tags}}{{$k}}={{$v}} {{end}}`,
	`{{.Title | printf "%q"}} {{.Count | add 2}} {{"x" | pair "y"}}`,
	// Escapers applied to a string, and functions that give their
	// string unboxed to the escapers (fastStringCall), in every context.
	`{{range .People}}<a href="{{url .URL}}" title="{{url .Name}}">{{url .URL}}</a>{{end}}`,
	`<a href="/q?a={{url .Title}}&amp;b={{join .Boss.Creds "/ ?"}}&amp;c={{.Kind}}">q</a>`,
	`<a href="{{join .Boss.Creds ":"}}">x</a><a href="{{url ":x"}}">y</a><a href="{{date .Date}}">z</a>`,
	`<title>{{url .Title}} {{partial "t" . "<k>"}}</title><textarea>{{date .Date}}{{partial "a" . .Lang}}</textarea>`,
	`<p title="{{date .Date}}" data-x="{{join .Boss.Creds "<&>"}}">{{partial "p" . .Title .Count}}</p>`,
	`{{if url .Title}}{{$d := date .Date}}{{$d}}{{end}} {{url .Title | printf "%q"}} {{partial "x" . | printf "%s"}}`,
	`{{with partial "w" . "k"}}{{.}}{{end}} {{len (join .Boss.Creds ",")}} {{url (date .Date)}}`,
	`<a href="{{.HTML}}">h</a><a href="x?{{.URL}}">u</a><title>{{.HTML}}</title>`,
	`{{(.Boss).Name}} {{(.Boss.Boss)}}`,
	`{{.Nil.Name}}`,
	`{{fails}}`,
	`{{panics}}`,
	`{{.Boss.Fail}}`,
	`{{.Boss.NoSuchField}}`,
	`{{.Extra.Level.Deeper}}`,
	`<a title="{{.HTML}}">trusted HTML in an attribute</a>`,
	`<script>var x = {{.Title}};</script>`,
	`<style>p { color: {{.Lang}} }</style>`,
	`<a onclick="f({{.Title}})">js</a>`,
	`<img srcset="{{.Boss.URL}} 2x">`,
	`{{range .Title}}{{.}}{{end}}`,
}

// run executes src both ways on data and reports the outputs, whether the
// executor took it (else it refused with ErrUnsupported) and
// html/template's error.
func run(t testing.TB, src string, data any) (std, fast string, handled bool, stdErr error) {
	t.Helper()
	set, err := template.New("page").Funcs(testFuncs).Parse(src)
	if err != nil {
		t.Skipf("not a template: %v", err)
	}
	var want bytes.Buffer
	stdErr = set.Execute(&want, data)
	if stdErr != nil {
		// Escaping failed, or so did the execution: the executor may
		// not run where html/template refused, so compile from a set
		// that escaped fine, if any.
		var escErr *template.Error
		if errors.As(stdErr, &escErr) {
			return want.String(), "", false, stdErr
		}
	}
	prog, err := Compile(set, "page", testFuncs)
	if err != nil {
		if !errors.Is(err, ErrUnsupported) {
			t.Fatalf("%s: Compile: %v, want ErrUnsupported or nil", src, err)
		}
		return want.String(), "", false, stdErr
	}
	var got bytes.Buffer
	got.WriteString("prefix ")
	if err := prog.Execute(&got, data); err != nil {
		if !errors.Is(err, ErrUnsupported) {
			t.Fatalf("%s: Execute: %v, want ErrUnsupported or nil", src, err)
		}
		return want.String(), "", false, stdErr
	}
	out, ok := strings.CutPrefix(got.String(), "prefix ")
	if !ok {
		t.Fatalf("%s: Execute overwrote what the buffer held", src)
	}
	return want.String(), out, true, stdErr
}

func TestMatchesHTMLTemplate(t *testing.T) {
	data := testData()
	handledCount := 0
	for _, src := range cases {
		std, fast, handled, stdErr := run(t, src, data)
		if !handled {
			t.Logf("left to html/template: %s (%v)", src, stdErr)
			continue
		}
		handledCount++
		if stdErr != nil {
			t.Errorf("%s: html/template failed (%v) but the executor wrote %q", src, stdErr, fast)
			continue
		}
		if std != fast {
			t.Errorf("%s:\nhtml/template: %s\nexecutor:      %s", src, std, fast)
		}
	}
	t.Logf("the executor ran %d of %d cases", handledCount, len(cases))
}

// TestHandlesTheCommonConstructs pins down that what themes use on every
// page runs in the executor, not in the fallback.
func TestHandlesTheCommonConstructs(t *testing.T) {
	for _, src := range cases[:32] {
		if _, _, handled, _ := run(t, src, testData()); !handled {
			t.Errorf("left to html/template: %s", src)
		}
	}
}

// TestRefusesWhatItDoesNotCopy: trusted HTML in an attribute, JavaScript
// and CSS contexts, errors and nil pointers are html/template's to do.
func TestRefusesWhatItDoesNotCopy(t *testing.T) {
	for _, src := range []string{
		`{{.Nil.Name}}`, `{{fails}}`, `{{panics}}`, `{{.Boss.Fail}}`, `{{.Boss.NoSuchField}}`,
		`<a title="{{.HTML}}">x</a>`, `<script>var x = {{.Title}};</script>`,
		`<style>p { color: {{.Lang}} }</style>`, `{{range $k, $v := .Tags}}{{$k}}{{end}}`,
	} {
		if _, _, handled, _ := run(t, src, testData()); handled {
			t.Errorf("the executor ran %s, which it should leave to html/template", src)
		}
	}
}

// TestConcurrentUse runs one compiled template from many goroutines on
// data of different types for the same field (the caches are per node).
func TestConcurrentUse(t *testing.T) {
	src := `{{range .People}}{{.Name}}{{.Full}}{{end}}{{with .Extra}}{{.Name}}{{end}}`
	set := template.Must(template.New("page").Funcs(testFuncs).Parse(src))
	var want bytes.Buffer
	if err := set.Execute(&want, testData()); err != nil {
		t.Fatal(err)
	}
	prog, err := Compile(set, "page", testFuncs)
	if err != nil {
		t.Fatal(err)
	}
	// Other data with the same field names and other types.
	other := struct {
		People []struct{ Name, Full string }
		Extra  struct{ Name string }
	}{People: []struct{ Name, Full string }{{"n", "f"}}, Extra: struct{ Name string }{"e"}}
	var wantOther bytes.Buffer
	if err := set.Execute(&wantOther, other); err != nil {
		t.Fatal(err)
	}
	done := make(chan string, 8)
	for g := 0; g < 8; g++ {
		go func() {
			for i := 0; i < 200; i++ {
				var b bytes.Buffer
				data, expect := any(testData()), want.String()
				if (g+i)%2 == 0 {
					data, expect = other, wantOther.String()
				}
				if err := prog.Execute(&b, data); err != nil || b.String() != expect {
					done <- fmt.Sprintf("got %q, %v; want %q", b.String(), err, expect)
					return
				}
			}
			done <- ""
		}()
	}
	for g := 0; g < 8; g++ {
		if msg := <-done; msg != "" {
			t.Error(msg)
		}
	}
}

// FuzzMatchesHTMLTemplate: for any template text html/template accepts,
// the executor gives html/template's bytes or refuses; it never runs a
// template that html/template fails on.
func FuzzMatchesHTMLTemplate(f *testing.F) {
	bigNumber := regexp.MustCompile(`[0-9_]{4,}|0[xXoObB]|'|[0-9][eEpP]`)
	for _, c := range cases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 2000 || strings.Count(src, "range") > 3 || bigNumber.MatchString(src) {
			return // keep each input quick: {{range 1e9}} takes as long here as in html/template
		}
		std, fast, handled, stdErr := run(t, src, testData())
		if !handled {
			return
		}
		if stdErr != nil {
			t.Fatalf("%q: html/template failed (%v) but the executor wrote %q", src, stdErr, fast)
		}
		if std != fast {
			t.Fatalf("%q:\nhtml/template: %q\nexecutor:      %q", src, std, fast)
		}
	})
}

// TestHTMLReplaceToMatchesHTMLReplacer: the byte loop that writes an
// escaped value into the page gives html/template's replacer's result for
// every byte, valid UTF-8 or not.
func TestHTMLReplaceToMatchesHTMLReplacer(t *testing.T) {
	inputs := []string{"", "plain", "\x00<>&'\"+", "naïve café 日本語", "\xff\xfe<\x80>", "\uFDD0\uFFFE\U0010FFFF", strings.Repeat("a&b", 100)}
	var all []byte
	for b := 0; b < 256; b++ {
		all = append(all, byte(b))
	}
	inputs = append(inputs, string(all))
	for _, in := range inputs {
		for _, table := range [][]string{htmlReplacementTable, htmlNormReplacementTable} {
			var w bytes.Buffer
			htmlReplaceTo(&w, in, table)
			if want := htmlReplacer(in, table, true); w.String() != want {
				t.Errorf("%q: got %q, want %q", in, w.String(), want)
			}
		}
	}
}
