package site

import (
	"fmt"
	"strings"
)

// DefaultClinicalCredentials are the licences and clinical certifications
// that qualify a person to review health content: physicians, nurses and
// advanced practice nurses, physician assistants, pharmacists, dietitians,
// therapists, dentists and other licensed clinicians. Academic degrees (PhD,
// MPH, BSN, MSN) and fellowships (FACC, FACP) are recognized but do not by
// themselves qualify a reviewer: a fellow of a college also holds the licence
// (MD) that does, and a nursing degree goes with the RN licence.
var DefaultClinicalCredentials = []string{
	// Physicians
	"MD", "DO", "MBBS", "MBChB", "BMBS", "MBBCh", "FRCP", "FRCPC", "MRCP", "MRCGP", "FRACP",
	// Nurses and advanced practice nurses
	"RN", "LPN", "LVN", "NP", "NP-C", "APRN", "FNP", "FNP-BC", "FNP-C", "AGNP", "AGPCNP-BC", "PNP", "PNP-BC",
	"PMHNP", "PMHNP-BC", "ANP-BC", "ACNP-BC", "CNS", "CNM", "CRNA", "DNP", "CPNP", "IBCLC",
	// Physician assistants
	"PA", "PA-C",
	// Pharmacists
	"PharmD", "RPh", "BCPS", "BCACP", "BCOP", "BCPPS", "BCGP", "BCIDP",
	// Dietitians and diabetes educators
	"RD", "RDN", "LD", "LDN", "CDCES", "CDE", "CSSD",
	// Therapists
	"PT", "DPT", "OT", "OTR", "OTR/L", "OTD", "SLP", "CCC-SLP", "RRT", "CRT", "AE-C", "ATC",
	// Dentists, optometrists, podiatrists, midwives
	"DDS", "DMD", "OD", "DPM", "CPM",
	// Mental health
	"PsyD", "LCSW", "LMFT", "LPC", "LMHC",
	// Emergency care and others
	"EMT", "EMT-P", "NRP", "CNA", "RT(R)", "RDMS",
}

// DefaultNonClinicalCredentials are recognized credentials that do not by
// themselves qualify a reviewer: degrees, fellowships and public-health or
// communication certifications.
var DefaultNonClinicalCredentials = []string{
	"PhD", "MPH", "DrPH", "MS", "MSc", "MA", "BA", "BS", "BSc", "MBA", "MHA", "MEd", "EdD", "JD",
	"BSN", "MSN", "MSW", "CHES", "MCHES", "CPH", "ELS", "RHIA", "RHIT",
	"FACC", "FACP", "FAAP", "FACS", "FAAFP", "FACOG", "FACEP", "FAHA", "FCCP", "FASN", "FAAN", "FASHP", "FCCM", "FHM", "FAANP",
}

// credentialFolder is built once: a strings.Replacer prepares its tables on first use.
var credentialFolder = strings.NewReplacer(".", "", " ", "")

// credentialSet is the credentials one site recognizes, looked up by their
// canonical form (upper case, no dots or spaces).
type credentialSet struct {
	known    map[string]string // canonical → as it should be written
	clinical map[string]bool   // canonical
	all      []string
}

func canonicalCredential(c string) string {
	return strings.ToUpper(credentialFolder.Replace(strings.TrimSpace(c)))
}

func (c *ReviewConfig) credentialSet() *credentialSet {
	cs := &credentialSet{known: map[string]string{}, clinical: map[string]bool{}}
	add := func(list []string, clinical bool) {
		for _, cr := range list {
			k := canonicalCredential(cr)
			if _, dup := cs.known[k]; !dup {
				cs.all = append(cs.all, cr)
			}
			cs.known[k] = cr
			if clinical {
				cs.clinical[k] = true
			}
		}
	}
	add(DefaultClinicalCredentials, true)
	add(DefaultNonClinicalCredentials, false)
	add(c.Credentials, false)
	add(c.ClinicalCredentials, true)
	return cs
}

// IsClinicalCredential reports whether the credential qualifies a reviewer.
func (c *ReviewConfig) IsClinicalCredential(credential string) bool {
	return c.credentialSet().clinical[canonicalCredential(credential)]
}

// checkCredential returns the hint for an unrecognized credential, or "" when it is recognized as written.
func (cs *credentialSet) check(cr string) (ok bool, hint string) {
	k := canonicalCredential(cr)
	if want, found := cs.known[k]; found {
		if want == cr {
			return true, ""
		}
		return false, "write it as " + want
	}
	if s := suggest(cr, cs.all); s != "" {
		return false, "did you mean " + s + "? Or add it to credentials in the [review] table of bedside.toml"
	}
	return false, "check the spelling, or add it to credentials in the [review] table of bedside.toml"
}

func (cs *credentialSet) hasClinical(p *Person) bool {
	for _, cr := range p.Credentials {
		if cs.clinical[canonicalCredential(cr)] {
			return true
		}
	}
	return false
}

// ValidNPI reports whether s is a US National Provider Identifier: ten
// digits whose last is the Luhn check digit of "80840" and the first nine.
func ValidNPI(s string) bool {
	if len(s) != 10 || strings.Trim(s, "0123456789") != "" {
		return false
	}
	digits := "80840" + s[:9]
	sum := 0
	// Luhn: double every second digit from the right of the payload, the
	// payload's last digit first (the check digit will follow it).
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if (len(digits)-1-i)%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	check := (10 - sum%10) % 10
	return int(s[9]-'0') == check
}

// orcidPrefixes are the ways an ORCID iD is written as an address.
var orcidPrefixes = []string{"https://orcid.org/", "http://orcid.org/", "orcid.org/"}

// ORCIDID returns the bare iD (0000-0002-1825-0097) of an ORCID written as
// an iD or as its https://orcid.org/ address.
func ORCIDID(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range orcidPrefixes {
		if strings.HasPrefix(strings.ToLower(s), p) {
			return s[len(p):]
		}
	}
	return s
}

// ORCIDURL is the address of the person's ORCID record, or "" when the
// person has no valid ORCID iD.
func (p *Person) ORCIDURL() string {
	if p.ORCID == "" || !ValidORCID(p.ORCID) {
		return ""
	}
	return "https://orcid.org/" + strings.ToUpper(ORCIDID(p.ORCID))
}

// ValidORCID reports whether s (an iD or its address) is an ORCID iD: four
// groups of four, the last character the ISO 7064 MOD 11-2 check ("X" for 10).
func ValidORCID(s string) bool {
	id := ORCIDID(s)
	if len(id) != 19 || id[4] != '-' || id[9] != '-' || id[14] != '-' {
		return false
	}
	digits := strings.ReplaceAll(id, "-", "")
	total := 0
	for i := 0; i < 15; i++ {
		c := digits[i]
		if c < '0' || c > '9' {
			return false
		}
		total = (total + int(c-'0')) * 2
	}
	check := (12 - total%11) % 11
	want := byte('0' + check)
	if check == 10 {
		want = 'X'
	}
	return digits[15] == want || (check == 10 && digits[15] == 'x')
}

// checkPersonFields reports the problems of one person's credentials and
// identifiers at file:line.
func checkPersonFields(p *Person, cs *credentialSet, file string, line func(key string) int, prefix string, diags *Diagnostics) {
	for _, cr := range p.Credentials {
		if ok, hint := cs.check(cr); !ok {
			diags.Warnf(file, line("credentials"), hint, "%scredentials: %q is not a recognized credential", prefix, cr)
		}
	}
	if p.NPI != "" && !ValidNPI(p.NPI) {
		what := "is not 10 digits"
		if len(p.NPI) == 10 && strings.Trim(p.NPI, "0123456789") == "" {
			what = "fails the NPI check digit"
		}
		diags.Errorf(file, line("npi"), "copy the 10-digit number from the NPPES NPI Registry (npiregistry.cms.hhs.gov)", "%snpi: %q %s", prefix, p.NPI, what)
	}
	if p.ORCID != "" && !ValidORCID(p.ORCID) {
		diags.Errorf(file, line("orcid"), "copy the iD from the person's ORCID record, like 0000-0002-1825-0097", "%sorcid: %q is not a valid ORCID iD (wrong format or check digit)", prefix, p.ORCID)
	}
}

// checkPeople checks every profile's credentials and identifiers.
func (s *Site) checkPeople(diags *Diagnostics) {
	cs := s.Config.Review.credentialSet()
	for _, p := range s.People {
		p := p
		checkPersonFields(p, cs, p.SourcePath, func(key string) int {
			if l, ok := p.Lines[key]; ok {
				return l
			}
			return 1
		}, "", diags)
	}
}

// checkReviewers reports reviewers without a clinical credential and checks
// people written inline in the article.
func (s *Site) checkArticlePeople(a *Article, cs *credentialSet, diags *Diagnostics) {
	for _, key := range []string{"author", "reviewedBy"} {
		list := a.Authors
		if key == "reviewedBy" {
			list = a.Reviewers
		}
		for _, p := range list {
			if p.Key == "" {
				checkPersonFields(p, cs, a.SourcePath, func(string) int { return a.Line(key) }, key+": "+p.Name+": ", diags)
			}
		}
	}
	for _, p := range a.Reviewers {
		if cs.hasClinical(p) {
			continue
		}
		held := "no credentials"
		if len(p.Credentials) > 0 {
			held = "only " + strings.Join(p.Credentials, ", ")
		}
		where := "add the reviewer's licence (MD, RN, PharmD …) to their profile"
		if p.SourcePath != "" {
			where = fmt.Sprintf("add the reviewer's licence (MD, RN, PharmD …) to %s, or ask a licensed clinician to review", p.SourcePath)
		}
		diags.Errorf(a.SourcePath, a.Line("reviewedBy"), where,
			"reviewedBy: %s holds %s; a clinical reviewer needs a clinical credential", p.Name, held)
	}
}
