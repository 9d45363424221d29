package site

import (
	"net/url"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// QualityConfig is the [quality] table of bedside.toml: the checks run on
// every build (links, reading level, privacy, accessibility).
//
//	[quality]
//	allowOrigins = ["https://cdn.example.org"]  # third-party origins pages may load from
//
//	[quality.readability]
//	maxGrade = 8         # warn above this SMOG grade (English articles)
//	minInflesz = 55      # warn below this INFLESZ score (lang: es articles)
//	showOnPage = false   # show a "Reading level" note on article pages
//
//	[quality.external]   # bedside check --external
//	timeout = "10s"
//	concurrency = 4
//	cache = ".bedside/external-links.json"
//	cacheFor = "7d"
//	skip = ["https://www.example.org/"]
type QualityConfig struct {
	// AllowOrigins lists the origins ("https://cdn.example.org") a built
	// page may load resources from. Empty by default: pages load nothing
	// from other origins.
	AllowOrigins []string          `toml:"allowOrigins"`
	Readability  ReadabilityConfig `toml:"readability"`
	External     ExternalConfig    `toml:"external"`
}

// ReadabilityConfig sets the reading-level target of articles.
type ReadabilityConfig struct {
	// MaxGrade is the highest SMOG grade an English article may have
	// before the build warns. Patient material targets grades 6 to 8.
	MaxGrade float64 `toml:"maxGrade"`
	// MinInflesz is the lowest INFLESZ score a Spanish article may have
	// (55 is "normal" on Szigriszt-Pazos's scale).
	MinInflesz float64 `toml:"minInflesz"`
	// ShowOnPage adds a "Reading level" note to article pages.
	ShowOnPage bool `toml:"showOnPage"`
}

// ExternalConfig tunes the external link check of bedside check --external.
type ExternalConfig struct {
	Timeout     Duration `toml:"timeout"`
	Concurrency int      `toml:"concurrency"`
	// Cache is the file, relative to the site folder, that remembers which
	// addresses answered, so that a second run does not ask again.
	Cache string `toml:"cache"`
	// CacheFor is how long a good answer is trusted.
	CacheFor Period `toml:"cacheFor"`
	// Skip lists address prefixes never checked (sites that refuse robots).
	Skip []string `toml:"skip"`
}

// Duration is a time.Duration written as text in bedside.toml ("10s").
type Duration struct{ time.Duration }

// UnmarshalText reads "10s", "1m30s".
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(strings.TrimSpace(string(b)))
	if err != nil {
		return err
	}
	d.Duration = v
	return nil
}

func defaultQualityConfig() QualityConfig {
	return QualityConfig{
		Readability: ReadabilityConfig{MaxGrade: 8, MinInflesz: 55},
		External: ExternalConfig{
			Timeout:     Duration{10 * time.Second},
			Concurrency: 4,
			Cache:       ".bedside/external-links.json",
			CacheFor:    Period{Days: 7},
		},
	}
}

func (c *QualityConfig) check(data []byte, diags *Diagnostics) {
	for i, o := range c.AllowOrigins {
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
			diags.Errorf(ConfigFile, tomlKeyLineNumber(data, toml.Key{"quality", "allowOrigins"}), `write an origin: scheme and host only, like "https://cdn.example.org"`, "quality.allowOrigins: %q is not an origin", o)
			continue
		}
		c.AllowOrigins[i] = strings.ToLower(u.Scheme + "://" + u.Host)
	}
	if c.Readability.MaxGrade <= 0 {
		diags.Errorf(ConfigFile, tomlKeyLineNumber(data, toml.Key{"quality", "readability", "maxGrade"}), "use a school grade, like maxGrade = 8", "quality.readability.maxGrade: %g is not a grade", c.Readability.MaxGrade)
		c.Readability.MaxGrade = 8
	}
	if c.External.Concurrency < 1 {
		diags.Errorf(ConfigFile, tomlKeyLineNumber(data, toml.Key{"quality", "external", "concurrency"}), "use a number of at least 1, like concurrency = 4", "quality.external.concurrency: %d is not a number of requests", c.External.Concurrency)
		c.External.Concurrency = 4
	}
	if c.External.Timeout.Duration <= 0 {
		diags.Errorf(ConfigFile, tomlKeyLineNumber(data, toml.Key{"quality", "external", "timeout"}), `write a duration, like timeout = "10s"`, "quality.external.timeout must be positive")
		c.External.Timeout.Duration = 10 * time.Second
	}
}
