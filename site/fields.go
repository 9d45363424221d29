package site

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"
)

// fieldReader decodes typed values out of a FrontMatter, reporting each
// problem at the line of its key, and remembers which keys it consumed so
// that the rest can be reported as unknown.
type fieldReader struct {
	fm    *FrontMatter
	file  string
	diags *Diagnostics
	now   time.Time // the site's today, for dates too far ahead to be meant; zero: not checked
}

func (r *fieldReader) line(key string) int {
	if l, ok := r.fm.Lines[key]; ok {
		return l
	}
	return r.fm.Line
}

func (r *fieldReader) errorf(key, hint, format string, args ...any) {
	r.diags.Errorf(r.file, r.line(key), hint, format, args...)
}

// lineAt returns the line of a part of a key's value ("references/2/url",
// see FrontMatter.Inner), or of the nearest part above it that has one,
// or of the key.
func (r *fieldReader) lineAt(path string) int {
	for {
		if l, ok := r.fm.Inner[path]; ok {
			return l
		}
		i := strings.LastIndexByte(path, '/')
		if i < 0 {
			return r.line(path)
		}
		path = path[:i]
	}
}

// has reports whether the front matter gives key a value: an empty list
// ("author: []") is none.
func (r *fieldReader) has(key string) bool { return hasValue(r.fm.Values, key) }

// hasValue reports whether m gives key a value other than null or an
// empty list.
func hasValue(m map[string]any, key string) bool {
	v, ok := m[key]
	if list, isList := v.([]any); isList {
		return len(list) > 0
	}
	return ok && v != nil
}

// warnUnknown reports every key not in known, suggesting the closest known key.
func (r *fieldReader) warnUnknown(known []string) {
	// Nearly every file has known keys only: finding that out needs no
	// set, no sorted copy of the keys (which were 10 MB of allocations
	// for the 10,000-article corpus).
	allKnown := true
	for _, k := range r.fm.Keys {
		if !slices.Contains(known, k) {
			allKnown = false
			break
		}
	}
	if allKnown {
		return
	}
	set := make(map[string]bool, len(known))
	for _, k := range known {
		set[k] = true
	}
	keys := append([]string(nil), r.fm.Keys...)
	sort.SliceStable(keys, func(i, j int) bool { return r.line(keys[i]) < r.line(keys[j]) })
	for _, k := range keys {
		if !set[k] {
			r.diags.Warnf(r.file, r.line(k), didYouMean(k, known, "remove it or check the spelling"), "%s: unknown key", k)
		}
	}
}

func (r *fieldReader) missing(key, example string) {
	if l, present := r.fm.Lines[key]; present {
		// "author:" with nothing after it, or "author: []".
		r.diags.Errorf(r.file, l, "write a value after "+key+":, like "+example, "%s is empty", key)
		return
	}
	r.diags.Errorf(r.file, r.fm.Line, "add a line like "+example+" to the front matter", "%s is missing", key)
}

// str reads a text field. Numbers and booleans are accepted and turned into text.
func (r *fieldReader) str(key string) string {
	v, ok := r.fm.Values[key]
	if !ok || v == nil {
		return ""
	}
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case int, int64, uint64, float64, bool:
		return fmt.Sprint(x)
	}
	r.errorf(key, "write it as plain text on one line", "%s: expected text, got %s", key, describe(v))
	return ""
}

// requiredStr reads a text field that must be present and not empty.
func (r *fieldReader) requiredStr(key, example string) string {
	if !r.has(key) {
		r.missing(key, example)
		return ""
	}
	s := r.str(key)
	if s == "" && r.fm.Values[key] != nil {
		if _, isStr := r.fm.Values[key].(string); isStr {
			r.errorf(key, "write a value after "+key+":", "%s is empty", key)
		}
	}
	return s
}

func (r *fieldReader) boolean(key string) bool {
	v, ok := r.fm.Values[key]
	if !ok || v == nil {
		return false
	}
	if b, ok := v.(bool); ok {
		return b
	}
	r.errorf(key, "write "+key+": true or "+key+": false", "%s: expected true or false, got %s", key, describe(v))
	return false
}

func (r *fieldReader) integer(key string) int {
	v, ok := r.fm.Values[key]
	if !ok || v == nil {
		return 0
	}
	switch x := v.(type) {
	case int:
		return x
	case int64:
		return int(x)
	case uint64:
		return int(x)
	case float64:
		if x == float64(int(x)) {
			return int(x)
		}
	}
	r.errorf(key, "write a whole number, like "+key+": 10", "%s: expected a whole number, got %s", key, describe(v))
	return 0
}

// strList reads a list of text values, such as tags or aliases.
func (r *fieldReader) strList(key string) []string {
	v, ok := r.fm.Values[key]
	if !ok || v == nil {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		r.errorf(key, fmt.Sprintf("write a list, like %s: [%s]", key, listExample(v)), "%s: expected a list, got %s", key, describe(v))
		return nil
	}
	out := make([]string, 0, len(list))
	for _, item := range list {
		switch x := item.(type) {
		case string:
			if s := strings.TrimSpace(x); s != "" {
				out = append(out, s)
			}
		case int, int64, uint64, float64, bool:
			out = append(out, fmt.Sprint(x))
		default:
			r.errorf(key, "write each item as plain text", "%s: expected a list of text, found %s", key, describe(item))
			return nil
		}
	}
	return out
}

// date reads a date field (YYYY-MM-DD or RFC 3339).
func (r *fieldReader) date(key string) time.Time {
	v, ok := r.fm.Values[key]
	if !ok || v == nil {
		return time.Time{}
	}
	t, err := ParseDate(v)
	if err != nil {
		r.errorf(key, "write the date as YYYY-MM-DD, like "+key+": 2025-03-14", "%s: %v", key, err)
	}
	return t
}

// Dates outside these bounds are typos ("0205-01-10" for 2025-01-10):
// nothing on a health site was written before 1900, and nothing is due a
// century from now.
const (
	earliestYear   = 1900
	maxYearsAhead  = 100
	yearTypoRadius = 2 // digits changed, added or dropped in a year typo
)

// plausibleDate reports t, read from key, when its year must be a typo:
// before 1900, or, when farAhead is checked, more than 100 years after
// today. The hint suggests the same day in a likely year: one within two
// digit edits of the year written, closest to the year ref, on a date
// from lo to hi (either zero: no bound). It returns t, or the zero time
// when it reported it.
func (r *fieldReader) plausibleDate(key string, t time.Time, farAhead bool, lo, hi time.Time, ref int) time.Time {
	if t.IsZero() {
		return t
	}
	written := t.Format("2006-01-02")
	var what string
	switch {
	case t.Year() < earliestYear:
		what = fmt.Sprintf("%s: %s is in the year %s, before %d", key, written, t.Format("2006"), earliestYear)
	case farAhead && !r.now.IsZero() && t.Year() >= r.now.Year()+maxYearsAhead &&
		calendarDay(t) > calendarDay(r.now.AddDate(maxYearsAhead, 0, 0)):
		what = fmt.Sprintf("%s: %s is in the year %s, more than %d years after today (%s)", key, written, t.Format("2006"), maxYearsAhead, calendarDay(r.now))
	default:
		return t
	}
	hint := "check the year, and write the date as YYYY-MM-DD, like " + key + ": 2025-03-14"
	if fixed, ok := yearTypoFix(t, lo, hi, ref); ok {
		hint = fmt.Sprintf("check the year: did you mean %s: %s?", key, fixed)
	}
	r.errorf(key, hint, "%s", what)
	return time.Time{}
}

// yearTypoFix returns the date (YYYY-MM-DD) t's date is most likely a typo
// of: the same month and day, in a year from 1900 on at most
// yearTypoRadius digit edits from t's, closest to ref (then the fewest
// edits), from lo to hi (either zero: no bound).
func yearTypoFix(t time.Time, lo, hi time.Time, ref int) (string, bool) {
	typed := fmt.Sprintf("%04d", t.Year())
	first, last := earliestYear, ref+maxYearsAhead
	if !lo.IsZero() {
		first = max(first, lo.Year())
	}
	if !hi.IsZero() {
		last = hi.Year()
	}
	best, bestDist, bestGap := "", 0, 0
	for y := first; y <= last; y++ {
		c := time.Date(y, t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		day := calendarDay(c)
		if c.Day() != t.Day() || // February 29 in a year without one
			(!lo.IsZero() && day < calendarDay(lo)) || (!hi.IsZero() && day > calendarDay(hi)) {
			continue
		}
		d := editDistance(typed, fmt.Sprintf("%04d", y))
		if d > yearTypoRadius {
			continue
		}
		gap := y - ref
		if gap < 0 {
			gap = -gap
		}
		if best == "" || gap < bestGap || (gap == bestGap && d < bestDist) {
			best, bestDist, bestGap = day, d, gap
		}
	}
	return best, best != ""
}

func listExample(v any) string {
	if s, ok := v.(string); ok && s != "" {
		return s
	}
	return "a, b"
}

// describe names the type of a decoded value in words a clinician knows.
func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nothing"
	case string:
		if len(x) > 40 {
			x = x[:40] + "…"
		}
		return fmt.Sprintf("the text %q", x)
	case bool:
		return fmt.Sprintf("%v (true/false)", x)
	case int, int64, uint64, float64:
		return fmt.Sprintf("the number %v", x)
	case []any:
		return "a list"
	case map[string]any:
		return "a group of fields"
	case time.Time:
		if isTimeOfDay(x) {
			return "a time of day"
		}
		return "a date"
	}
	// Any other value a decoder may give: named by its kind, never by its
	// Go type, which means nothing to a clinician.
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		if rv.Type().Elem().Kind() == reflect.Map {
			return "a list of groups of fields"
		}
		return "a list"
	case reflect.Map, reflect.Struct:
		return "a group of fields"
	case reflect.String:
		return describe(rv.String())
	case reflect.Bool:
		return describe(rv.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		return fmt.Sprintf("the number %v", v)
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return "nothing"
		}
		return describe(rv.Elem().Interface())
	}
	return "a value of an unknown kind"
}

// Date layouts accepted in front matter, most common first.
var dateLayouts = []string{
	"2006-01-02",
	time.RFC3339,
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
}

// ParseDate accepts YYYY-MM-DD and RFC 3339 text, and the date values that
// the YAML and TOML decoders produce. Dates without a zone are UTC, so that
// a build gives the same output on any machine.
func ParseDate(v any) (time.Time, error) {
	switch x := v.(type) {
	case time.Time:
		if isTimeOfDay(x) {
			// TOML's local time (date = 10:00:00): an hour, no day.
			return time.Time{}, fmt.Errorf("%s is a time of day, not a date", x.Format("15:04:05"))
		}
		if strings.HasSuffix(x.Location().String(), "-local") {
			// TOML dates without a zone: keep the wall clock, in UTC.
			return time.Date(x.Year(), x.Month(), x.Day(), x.Hour(), x.Minute(), x.Second(), x.Nanosecond(), time.UTC), nil
		}
		return x, nil
	case string:
		s := strings.TrimSpace(x)
		var firstErr error
		for _, layout := range dateLayouts {
			t, err := time.Parse(layout, s)
			if err == nil {
				return t, nil
			}
			if firstErr == nil {
				firstErr = err
			}
		}
		if len(s) == 10 && s[4] == '-' && s[7] == '-' {
			// The shape is right, so the numbers are wrong: say which.
			if pe, ok := firstErr.(*time.ParseError); ok && pe.Message != "" {
				return time.Time{}, fmt.Errorf("%s is not a real date (%s)", s, strings.TrimPrefix(pe.Message, ": "))
			}
			return time.Time{}, fmt.Errorf("%s is not a real date", s)
		}
		return time.Time{}, fmt.Errorf("%q is not a date", s)
	}
	return time.Time{}, fmt.Errorf("expected a date, got %s", describe(v))
}

// isTimeOfDay reports whether t is a TOML local time, such as 10:00:00:
// BurntSushi/toml gives it the zone "time-local" on January 1 of year 0.
func isTimeOfDay(t time.Time) bool {
	return t.Location().String() == "time-local"
}

// ParseDay reads a day written YYYY-MM-DD, such as a --now flag. Its
// errors do not repeat the value. A date of the right shape that is no day
// of the calendar is told apart from one written another way: "that date
// does not exist: February 2026 has 28 days", not a request to write it
// as it was written.
func ParseDay(s string) (time.Time, error) {
	t, err := time.Parse("2006-01-02", s)
	if err == nil {
		return t, nil
	}
	var y, m, d int
	if n, _ := fmt.Sscanf(s, "%4d-%2d-%2d", &y, &m, &d); n == 3 && fmt.Sprintf("%04d-%02d-%02d", y, m, d) == s {
		switch last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day(); {
		case m < 1 || m > 12:
			return time.Time{}, fmt.Errorf("that date does not exist: there is no month %d (months go from 01 to 12)", m)
		case d < 1:
			return time.Time{}, fmt.Errorf("that date does not exist: there is no day %d (days start at 01)", d)
		default:
			return time.Time{}, fmt.Errorf("that date does not exist: %s %d has %d days", time.Month(m), y, last)
		}
	}
	return time.Time{}, fmt.Errorf("write the date as YYYY-MM-DD")
}
