package site

import (
	"strings"

	"github.com/BurntSushi/toml"
)

// ReviewConfig is the [review] table of bedside.toml: the clinical review
// rules, the credentials Bedside recognizes, and the safety text every
// article carries.
//
//	[review]
//	interval = "3y"            # next review = lastReviewed + interval, unless nextReview is set
//	warnWithin = "60d"         # "due soon" this long before the due date
//	overdue = "banner"         # banner | warn (also a build warning) | fail (a build error)
//	clinicalSections = ["conditions", "treatments", "wellness"]
//	credentials = ["CNM"]      # recognized in addition to the built-in list
//	clinicalCredentials = ["CNM"]  # may review, in addition to the built-in clinical ones
//	emergencyNumber = "911"
//	emergencyText = "If you think you are having a medical emergency, call {number} or go to the nearest emergency department."
//	disclaimer = "This information does not replace advice from your doctor."
type ReviewConfig struct {
	// Interval is how long after lastReviewed the next review falls due when
	// an article does not set nextReview.
	Interval Period `toml:"interval"`
	// WarnWithin is how long before its due date an article counts as due soon.
	WarnWithin Period `toml:"warnWithin"`
	// Overdue says what an overdue article does to the build: OverdueBanner
	// (the page says so), OverdueWarn (a build warning, and the page still
	// says so: its readers must be told) or OverdueFail (a build error).
	Overdue string `toml:"overdue"`
	// ClinicalSections are the sections whose articles need lastReviewed and reviewedBy.
	ClinicalSections []string `toml:"clinicalSections"`
	// Credentials are recognized in addition to [DefaultCredentials].
	Credentials []string `toml:"credentials"`
	// ClinicalCredentials qualify a reviewer, in addition to [DefaultClinicalCredentials].
	ClinicalCredentials []string `toml:"clinicalCredentials"`
	// EmergencyNumber is the local emergency telephone number: 911, 112, 999 …
	EmergencyNumber string `toml:"emergencyNumber"`
	// EmergencyText is shown on every article; {number} stands for EmergencyNumber.
	EmergencyText string `toml:"emergencyText"`
	// Disclaimer is shown at the end of every article.
	Disclaimer string `toml:"disclaimer"`
}

// What an overdue article does to the build ([ReviewConfig.Overdue]).
const (
	OverdueBanner = "banner"
	OverdueWarn   = "warn"
	OverdueFail   = "fail"
)

func defaultReviewConfig() ReviewConfig {
	return ReviewConfig{
		Interval:         Period{Years: 3},
		WarnWithin:       Period{Days: 60},
		Overdue:          OverdueBanner,
		ClinicalSections: []string{"conditions", "treatments", "wellness"},
		EmergencyNumber:  "911",
		EmergencyText:    "If you think you are having a medical emergency, call {number} or go to the nearest emergency department.",
		Disclaimer:       "This information does not replace advice from your doctor. Talk to your doctor or care team about your own health.",
	}
}

func (c *ReviewConfig) check(data []byte, diags *Diagnostics) {
	line := func(key string) int { return tomlKeyLineNumber(data, toml.Key{"review", key}) }
	if c.Interval.IsZero() {
		if line("interval") > 0 {
			diags.Errorf(ConfigFile, line("interval"), `write a period of at least a day, like interval = "3y"`, "review.interval: a period of zero days is not a review interval")
		} else {
			diags.Errorf(ConfigFile, 0, `write a period, like interval = "3y"`, "review.interval is empty")
		}
		c.Interval = Period{Years: 3}
	}
	switch c.Overdue {
	case OverdueBanner, OverdueWarn, OverdueFail:
	default:
		diags.Errorf(ConfigFile, line("overdue"), didYouMean(c.Overdue, []string{OverdueBanner, OverdueWarn, OverdueFail}, `write overdue = "banner", "warn" or "fail"`),
			"review.overdue: %q is not banner, warn or fail", c.Overdue)
		c.Overdue = OverdueBanner
	}
	for _, s := range c.ClinicalSections {
		if err := checkSlug(s); err != nil {
			diags.Errorf(ConfigFile, line("clinicalSections"), `list section folder names, like clinicalSections = ["conditions", "treatments"]`, "review.clinicalSections: %v", err)
		}
	}
	for _, key := range []string{"credentials", "clinicalCredentials"} {
		list := c.Credentials
		if key == "clinicalCredentials" {
			list = c.ClinicalCredentials
		}
		for _, cr := range list {
			if strings.TrimSpace(cr) == "" || strings.ContainsAny(cr, ",;") {
				diags.Errorf(ConfigFile, line(key), `write one credential a string, like ["CNM", "IBCLC"]`, "review.%s: %q is not a credential", key, cr)
			}
		}
	}
	if strings.TrimSpace(c.EmergencyNumber) == "" {
		diags.Errorf(ConfigFile, line("emergencyNumber"), `write the local emergency number, like emergencyNumber = "911"`, "review.emergencyNumber is empty")
		c.EmergencyNumber = "911"
	}
}

// IsClinicalSection reports whether articles of the section need a clinical review.
func (c *ReviewConfig) IsClinicalSection(section string) bool {
	for _, s := range c.ClinicalSections {
		if s == section {
			return true
		}
	}
	return false
}

// EmergencyNotice is the emergency text split around the number, so that a
// theme can make the number a tel: link.
type EmergencyNotice struct {
	Before, Number, After string
}

// Emergency returns the emergency notice. When the text has no {number}
// placeholder, all of it is in Before and Number is empty.
func (c *ReviewConfig) Emergency() EmergencyNotice {
	before, after, found := strings.Cut(c.EmergencyText, "{number}")
	if !found {
		return EmergencyNotice{Before: c.EmergencyText}
	}
	return EmergencyNotice{Before: before, Number: c.EmergencyNumber, After: after}
}
