package site

import (
	"strings"
	"testing"
	"time"
)

// TestDescribeNamesNoGoType: describe names every value in plain words,
// whatever Go type a decoder gives it.
func TestDescribeNamesNoGoType(t *testing.T) {
	var nilPtr *int
	n := 7
	for _, tc := range []struct {
		v    any
		want string
	}{
		{nil, "nothing"},
		{"x", `the text "x"`},
		{true, "true (true/false)"},
		{int64(3), "the number 3"},
		{[]any{1}, "a list"},
		{map[string]any{}, "a group of fields"},
		{[]map[string]any{{"a": 1}}, "a list of groups of fields"},
		{[]string{"a"}, "a list"},
		{[2]int{}, "a list"},
		{map[string]string{}, "a group of fields"},
		{struct{ A int }{}, "a group of fields"},
		{int32(4), "the number 4"},
		{uint8(5), "the number 5"},
		{float32(1.5), "the number 1.5"},
		{nilPtr, "nothing"},
		{&n, "the number 7"},
		{make(chan int), "a value of an unknown kind"},
		{func() {}, "a value of an unknown kind"},
		{time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC), "a date"},
		{time.Date(0, 1, 1, 10, 0, 0, 0, time.FixedZone("time-local", 0)), "a time of day"},
	} {
		got := describe(tc.v)
		if got != tc.want {
			t.Errorf("describe(%#v) = %q, want %q", tc.v, got, tc.want)
		}
		if strings.ContainsAny(got, "[]{}*") && !strings.HasPrefix(got, "the text") {
			t.Errorf("describe(%#v) = %q looks like a Go type", tc.v, got)
		}
	}
}
