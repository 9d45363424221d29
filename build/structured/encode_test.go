package structured

import (
	"encoding/json"
	"testing"
)

// FuzzAppendJSON: the JSON-LD encoder writes exactly what json.Marshal
// writes, for any text in any of the shapes nodes take.
func FuzzAppendJSON(f *testing.F) {
	for _, s := range []string{"", "Asthma", `a "quoted" \ back`, "<script>&amp;</script>", "line\nbreak\ttab\r\b\f\x00\x1f\x7f",
		"caf\u00e9 \u2028 \u2029 \U0001F600", "bad \xff utf-8 \xe2\x80", "https://example.org/?a=1&b=2"} {
		f.Add(s, s+"!")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		shapes := []any{
			a,
			refNode{"@type": a, "name": b, "nested": refNode{b: a, "list": []string{a, b}}},
			[]refNode{{"x": a}, {"y": []any{a, b, true, nil, refNode{"z": b}}}},
			refNode{"empty": []refNode(nil), "strings": []string(nil), "none": nil, "n": 3},
		}
		for _, v := range shapes {
			want, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			if got := refAppendJSON(nil, v); string(got) != string(want) {
				t.Fatalf("refAppendJSON(%#v)\n got %s\nwant %s", v, got, want)
			}
		}
	})
}
