package site

import "github.com/BurntSushi/toml"

// ReviewConfig is the [review] table of bedside.toml: the clinical review rules.
type ReviewConfig struct {
	// Interval is how long after lastReviewed the next review falls due when
	// an article does not set nextReview.
	Interval Period `toml:"interval"`
}

func defaultReviewConfig() ReviewConfig {
	return ReviewConfig{Interval: Period{Years: 3}}
}

func (c *ReviewConfig) check(data []byte, diags *Diagnostics) {
	if c.Interval.IsZero() {
		diags.Errorf(ConfigFile, tomlKeyLineNumber(data, toml.Key{"review", "interval"}), `write a period, like interval = "3y"`, "review.interval is empty")
		c.Interval = Period{Years: 3}
	}
}
