package site

// QualityConfig is the [quality] table of bedside.toml: the checks run on
// every build (links, reading level, privacy, accessibility).
type QualityConfig struct {
}

func defaultQualityConfig() QualityConfig {
	return QualityConfig{}
}

func (c *QualityConfig) check(data []byte, diags *Diagnostics) {
}
