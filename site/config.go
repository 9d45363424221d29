package site

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// ConfigFile is the name of the site configuration file in the site folder.
const ConfigFile = "bedside.toml"

// Config is bedside.toml. The zero value is not used directly: [LoadConfig]
// starts from [DefaultConfig] so that every field has a sensible default.
type Config struct {
	Title        string         `toml:"title"`
	BaseURL      string         `toml:"baseURL"`
	Language     string         `toml:"language"`
	Description  string         `toml:"description"`
	Paginate     int            `toml:"paginate"`
	Theme        string         `toml:"theme"`
	DateFormat   string         `toml:"dateFormat"`
	Organization Organization   `toml:"organization"`
	Review       ReviewConfig   `toml:"review"`
	Markdown     MarkdownConfig `toml:"markdown"`
	Feeds        FeedsConfig    `toml:"feeds"`
	Quality      QualityConfig  `toml:"quality"`

	basePath string // path of BaseURL, computed once by check
}

// Organization is the publisher: the hospital or health system.
type Organization struct {
	Name string `toml:"name"`
	URL  string `toml:"url"`
	Logo string `toml:"logo"`
}

// DefaultConfig returns the configuration used for keys bedside.toml leaves out.
func DefaultConfig() *Config {
	return &Config{
		Title:      "Health library",
		BaseURL:    "http://localhost:1313/",
		Language:   "en",
		Paginate:   10,
		Theme:      "default",
		DateFormat: "January 2, 2006",
		Review:     defaultReviewConfig(),
		Feeds:      defaultFeedsConfig(),
		Quality:    defaultQualityConfig(),
	}
}

// LoadConfig reads bedside.toml from the site folder. A missing file gives
// the defaults. Every problem is returned as a diagnostic.
func LoadConfig(dir string) (*Config, Diagnostics) {
	cfg := DefaultConfig()
	var diags Diagnostics
	data, err := os.ReadFile(filepath.Join(dir, ConfigFile))
	if errors.Is(err, os.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		diags.Errorf(ConfigFile, 0, "check the file's permissions", "cannot read: %v", err)
		return cfg, diags
	}
	// The syntax first: a file that is not TOML has one problem to fix.
	var doc map[string]any
	if _, err := toml.Decode(string(data), &doc); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			diags.Errorf(ConfigFile, pe.Position.Line, "check the quotes and the = between key and value", "malformed TOML: %s", pe.Message)
		} else {
			diags.Errorf(ConfigFile, 0, "check the quotes and the = between key and value", "malformed TOML: %s", firstLineOf(err.Error()))
		}
		return cfg, diags
	}
	md, valueDiags, ok := decodeConfig(data, cfg)
	diags = append(diags, valueDiags...)
	if !ok {
		return cfg, diags
	}
	known := configKeys(reflect.TypeOf(*cfg), "")
	for _, key := range md.Undecoded() {
		name := key.String()
		diags.Errorf(ConfigFile, tomlKeyLineNumber(data, key), didYouMean(name, known, "remove it; the README lists every key"), "%s: unknown key", name)
	}
	checkKeySpelling(data, md, known, &diags)
	cfg.check(data, &diags)
	return cfg, diags
}

func (c *Config) check(data []byte, diags *Diagnostics) {
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		diags.Errorf(ConfigFile, tomlKeyLineNumber(data, toml.Key{"baseURL"}), `write the full address, like baseURL = "https://health.example.org/"`, "baseURL: %q is not an http(s) address", c.BaseURL)
	} else if !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	c.basePath = ""
	if u != nil {
		c.basePath = u.Path
	}
	if !languageTag.MatchString(c.Language) {
		// It becomes <html lang>, which screen readers pick a voice by.
		diags.Errorf(ConfigFile, tomlKeyLineNumber(data, toml.Key{"language"}), `write a language tag, like language = "en" or "es-US"`, "language: %q is not a language tag", c.Language)
		c.Language = "en"
	}
	if problem := checkDateFormat(c.DateFormat); problem != "" {
		diags.Errorf(ConfigFile, tomlKeyLineNumber(data, toml.Key{"dateFormat"}), `write Go's reference date, 2 January 2006, as dates should look, like dateFormat = "2 January 2006" or "02/01/2006"`, "dateFormat: %q shows no %s", c.DateFormat, problem)
		c.DateFormat = DefaultConfig().DateFormat
	}
	if c.Paginate < 1 {
		diags.Errorf(ConfigFile, tomlKeyLineNumber(data, toml.Key{"paginate"}), "use a number of at least 1, like paginate = 10", "paginate: %d is not a page size", c.Paginate)
		c.Paginate = 10
	}
	c.Feeds.check(data, diags)
	c.Review.check(data, diags)
	c.Quality.check(data, diags)
}

// BasePath is the path part of baseURL, always ending in "/" ("/" for a site
// at the root of its host, "/health/" for one below it).
func (c *Config) BasePath() string {
	p := c.basePath
	if p == "" {
		return "/"
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// AbsURL turns a site path ("/conditions/asthma/") into a full address.
func (c *Config) AbsURL(sitePath string) string {
	return strings.TrimSuffix(c.BaseURL, "/") + "/" + strings.TrimPrefix(sitePath, "/")
}

// RelURL turns a site path into a root-relative address under BasePath.
func (c *Config) RelURL(sitePath string) string {
	return c.relPath(sitePath)
}

func (c *Config) relPath(sitePath string) string {
	return c.BasePath() + strings.TrimPrefix(sitePath, "/")
}

// checkKeySpelling reports keys written in another case than the README's.
// The TOML decoder matches keys ignoring case, as Hugo does, so that
// baseurl works like baseURL; but two spellings of one key in a file would
// silently let the later win, which is an error, and a lone other spelling
// is a warning, so that the file reads like the reference.
func checkKeySpelling(data []byte, md toml.MetaData, known []string, diags *Diagnostics) {
	canonical := make(map[string]string, len(known))
	for _, k := range known {
		canonical[strings.ToLower(k)] = k
	}
	first := map[string]toml.Key{} // canonical key → the first spelling of it in the file
	for _, key := range md.Keys() {
		name := key.String()
		want, ok := canonical[strings.ToLower(name)]
		if !ok {
			continue // unknown, reported already
		}
		line := tomlKeyLineNumber(data, key)
		if earlier, seen := first[want]; seen {
			diags.Errorf(ConfigFile, line, "keep one of them", "%s: the same key as %s on line %d, spelt differently, so one would silently replace the other", name, earlier, tomlKeyLineNumber(data, earlier))
			continue
		}
		first[want] = key
		// A key in a table spelt otherwise is told once, at the table.
		if last := want[strings.LastIndexByte(want, '.')+1:]; key[len(key)-1] != last {
			diags.Warnf(ConfigFile, line, "write it "+want+", as the README does", "%s: spelt in another case than %s", name, want)
		}
	}
}

// configKeys lists the dotted TOML keys of a config struct, for suggestions.
func configKeys(t reflect.Type, prefix string) []string {
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := f.Tag.Get("toml")
		if name == "" || name == "-" {
			continue
		}
		keys = append(keys, prefix+name)
		if f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeOf(Period{}) {
			keys = append(keys, configKeys(f.Type, prefix+name+".")...)
		}
	}
	return keys
}

// checkDateFormat names the parts of a date ("day", "month or year") that
// a Go date layout would not show, or returns "": review dates ("Next
// review due: …") must show all three. A layout is Go's reference day, 2
// January 2006, written as dates should look; "DD/MM/YYYY" would be
// printed as it is, on every page.
func checkDateFormat(layout string) string {
	// A day whose day, month and year numbers differ from each other and
	// from their neighbours, so that each part shows itself.
	probe := time.Date(2034, time.November, 25, 0, 0, 0, 0, time.UTC)
	out := probe.Format(layout)
	var missing []string
	if !strings.Contains(out, "25") {
		missing = append(missing, "day")
	}
	if !strings.Contains(out, "11") && !strings.Contains(out, "Nov") {
		missing = append(missing, "month")
	}
	if !strings.Contains(out, "34") {
		missing = append(missing, "year")
	}
	switch len(missing) {
	case 0:
		return ""
	case 1:
		return missing[0]
	default:
		return strings.Join(missing[:len(missing)-1], ", ") + " or " + missing[len(missing)-1]
	}
}

// IsLanguageTag reports whether s has the shape of a BCP 47 language tag.
func IsLanguageTag(s string) bool { return languageTag.MatchString(s) }

// languageTag is the shape of a BCP 47 language tag: a language of two
// or three letters, then subtags of letters and digits ("en", "es-US",
// "zh-Hant-TW").
var languageTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)

// decodeConfig decodes valid TOML into cfg, reporting every value of the
// wrong type or form, not the first only: the decoder stops at one, so the
// line it names is blanked and the file decoded again (line numbers stay).
// The values left are decoded and checked as usual. It reports false when
// a value could not be placed on a line.
func decodeConfig(data []byte, cfg *Config) (toml.MetaData, Diagnostics, bool) {
	var diags Diagnostics
	lines := strings.Split(string(data), "\n")
	for tries := 0; ; tries++ {
		fresh := DefaultConfig()
		md, err := toml.Decode(strings.Join(lines, "\n"), fresh)
		if err == nil {
			*cfg = *fresh
			return md, diags, true
		}
		var line int
		var msg string
		var pe toml.ParseError
		if errors.As(err, &pe) {
			// A value's own check (a period like "3 years") fails inside
			// the decoder, which calls it a parse error.
			line, msg = pe.Position.Line, pe.Message
			if k := pe.LastKey; k != "" {
				msg = k + ": " + msg
			}
		} else {
			line, msg = tomlDecodeError(err)
		}
		diags.Errorf(ConfigFile, line, "check the value against the README's config reference", "%s", msg)
		if line < 1 || line > len(lines) || tries >= 50 || !blankable(lines[line-1]) {
			return md, diags, false
		}
		lines[line-1] = ""
		var probe map[string]any
		if _, err := toml.Decode(strings.Join(lines, "\n"), &probe); err != nil {
			// The value went on over more lines (a string in """, an
			// array): without its first line the rest is no TOML. What
			// is reported stands; the others wait for the next build.
			return md, diags, false
		}
	}
}

// blankable reports whether a line of bedside.toml is a whole key = value
// that decodeConfig may blank to look past it: not a [table] header,
// whose keys would move to another table, nor the middle or end of a value
// written over several lines.
func blankable(line string) bool {
	t := strings.TrimSpace(line)
	return !strings.HasPrefix(t, "[") && strings.Contains(t, "=")
}

// ConfigKeyLine returns the line of the site's bedside.toml that sets a
// key (its tables first: "organization", "logo"), or 0. It reads the file
// again: it is for the rare message about a value, not for every build.
func ConfigKeyLine(dir string, key ...string) int {
	data, err := os.ReadFile(filepath.Join(dir, ConfigFile))
	if err != nil || len(key) == 0 {
		return 0
	}
	return tomlKeyLineNumber(data, toml.Key(key))
}

// tomlKeyLineNumber finds the line a (possibly dotted) key is written on.
// Keys are compared ignoring case and quotes, as the decoder matches them.
// A key found in no line of its own (one inside an inline table,
// organization = { name = "X" }) is given its table's line.
func tomlKeyLineNumber(data []byte, key toml.Key) int {
	if len(key) == 0 {
		return 0
	}
	// The key as spelt first: of baseURL and baseurl, each has its line.
	if n := tomlKeyLineFolded(data, key, func(k string) string { return k }); n > 0 {
		return n
	}
	if n := tomlKeyLineFolded(data, key, strings.ToLower); n > 0 {
		return n
	}
	if len(key) > 1 {
		return tomlKeyLineNumber(data, key[:len(key)-1])
	}
	return 0
}

// tomlKeyLineFolded is tomlKeyLineNumber for keys compared after fold.
func tomlKeyLineFolded(data []byte, key toml.Key, fold func(string) string) int {
	lines := strings.Split(string(data), "\n")
	table := ""
	norm := func(k string) string {
		parts := strings.Split(k, ".")
		for i, p := range parts {
			parts[i] = fold(strings.Trim(strings.TrimSpace(p), `"'`))
		}
		return strings.Join(parts, ".")
	}
	full := fold(strings.Join(key, "."))
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "[") {
			if end := strings.Index(t, "]"); end > 0 {
				table = norm(strings.Trim(t[:end], "[ "))
			}
			if table == full {
				return i + 1
			}
			continue
		}
		name, _, ok := strings.Cut(t, "=")
		if !ok {
			continue
		}
		written := norm(name)
		if table != "" {
			written = table + "." + written
		}
		if written == full {
			return i + 1
		}
	}
	return 0
}

// A Period is a calendar interval such as "3y", "18m" or "90d" (years,
// months, days), used for review intervals. Calendar units, not hours, so
// that "3y" after 2024-02-29 is a date a clinician expects.
type Period struct {
	Years, Months, Days int
}

var periodPart = regexp.MustCompile(`(\d+)\s*([ymwd])`)

// ParsePeriod reads "3y", "1y6m", "90d" or "2w".
func ParsePeriod(s string) (Period, error) {
	var p Period
	rest := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), " ", "")
	if rest == "" {
		return p, fmt.Errorf("empty period")
	}
	matches := periodPart.FindAllStringSubmatchIndex(rest, -1)
	pos := 0
	for _, m := range matches {
		if m[0] != pos {
			break
		}
		n, _ := strconv.Atoi(rest[m[2]:m[3]])
		switch rest[m[4]] {
		case 'y':
			p.Years += n
		case 'm':
			p.Months += n
		case 'w':
			p.Days += 7 * n
		case 'd':
			p.Days += n
		}
		pos = m[1]
	}
	if pos != len(rest) {
		return Period{}, fmt.Errorf("%q is not a period like 3y, 18m or 90d", s)
	}
	return p, nil
}

// UnmarshalText lets a Period be written as text in bedside.toml.
func (p *Period) UnmarshalText(b []byte) error {
	v, err := ParsePeriod(string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// IsZero reports whether the period is empty.
func (p Period) IsZero() bool { return p == Period{} }

// After returns t plus the period.
func (p Period) After(t time.Time) time.Time { return addPeriod(t, p.Years, p.Months, p.Days) }

// Before returns t minus the period.
func (p Period) Before(t time.Time) time.Time { return addPeriod(t, -p.Years, -p.Months, -p.Days) }

// addPeriod adds years and months to t as a calendar does, keeping the day
// within the month it reaches, then days: 31 August plus 18 months is 28
// February, where time.AddDate gives 3 March, and a review due 18 months
// after the last one must not fall due later than that.
func addPeriod(t time.Time, years, months, days int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y+years, m+time.Month(months), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	if last := first.AddDate(0, 1, -1).Day(); d > last {
		d = last
	}
	return first.AddDate(0, 0, d-1+days)
}

func (p Period) String() string {
	var b strings.Builder
	if p.Years != 0 {
		fmt.Fprintf(&b, "%dy", p.Years)
	}
	if p.Months != 0 {
		fmt.Fprintf(&b, "%dm", p.Months)
	}
	if p.Days != 0 || b.Len() == 0 {
		fmt.Fprintf(&b, "%dd", p.Days)
	}
	return b.String()
}

// MarkdownConfig is the [markdown] table of bedside.toml.
type MarkdownConfig struct {
	// UnsafeHTML lets raw HTML in Markdown through to the page. Off by
	// default: raw HTML can load third-party content and break the layout.
	UnsafeHTML bool `toml:"unsafeHTML"`
}

var tomlDecodeErr = regexp.MustCompile(`^toml: (?:line (\d+) )?\(last key "([^"]*)"\): (.*)$`)
var tomlTypeErr = regexp.MustCompile(`^incompatible types: TOML value has type (\S+); destination has type (\S+)$`)

// tomlDecodeError turns BurntSushi/toml's type errors ("toml: line 3 (last
// key "paginate"): incompatible types: …") into a line and a message in
// words: "paginate: expected a whole number, got text".
func tomlDecodeError(err error) (line int, msg string) {
	msg = firstLineOf(err.Error())
	m := tomlDecodeErr.FindStringSubmatch(msg)
	if m == nil {
		return 0, msg
	}
	line, _ = strconv.Atoi(m[1])
	msg = m[2] + ": " + m[3]
	if t := tomlTypeErr.FindStringSubmatch(m[3]); t != nil {
		words := func(typ string) string {
			switch {
			case typ == "string":
				return "text"
			case strings.HasPrefix(typ, "int") || strings.HasPrefix(typ, "uint") || typ == "integer":
				return "a whole number"
			case strings.HasPrefix(typ, "float"):
				return "a decimal number"
			case typ == "bool":
				return "true or false"
			case strings.HasPrefix(typ, "[]") || typ == "array" || typ == "slice":
				return "a list"
			case strings.HasPrefix(typ, "map") || typ == "struct":
				return "a table"
			}
			return typ
		}
		msg = fmt.Sprintf("%s: expected %s, got %s", m[2], words(t[2]), words(t[1]))
	}
	return line, msg
}
