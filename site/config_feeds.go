package site

import "github.com/BurntSushi/toml"

// FeedsConfig is the [feeds] table of bedside.toml: how the RSS, Atom and JSON feeds are written.
type FeedsConfig struct {
	Limit int `toml:"limit"` // items in each feed
}

func defaultFeedsConfig() FeedsConfig {
	return FeedsConfig{Limit: 20}
}

func (c *FeedsConfig) check(data []byte, diags *Diagnostics) {
	if c.Limit < 1 {
		diags.Errorf(ConfigFile, tomlKeyLineNumber(data, toml.Key{"feeds", "limit"}), "use a number of at least 1, like limit = 20", "feeds.limit: %d is not a number of items", c.Limit)
		c.Limit = 20
	}
}
