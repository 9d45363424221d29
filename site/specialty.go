package site

import "strings"

// MedicalSpecialties are the members of schema.org's MedicalSpecialty, the
// values an article's specialty should take: search engines read one of
// them as the medical field of the page, and any other text as text.
var MedicalSpecialties = []string{
	"Anesthesia", "Cardiovascular", "CommunityHealth", "Dentistry", "Dermatologic", "Dermatology", "DietNutrition",
	"Emergency", "Endocrine", "Gastroenterologic", "Genetic", "Geriatric", "Gynecologic", "Hematologic",
	"Infectious", "LaboratoryScience", "Midwifery", "Musculoskeletal", "Neurologic", "Nursing", "Obstetric",
	"Oncologic", "Optometric", "Otolaryngologic", "Pathology", "Pediatric", "PharmacySpecialty", "Physiotherapy",
	"PlasticSurgery", "Podiatric", "PrimaryCare", "Psychiatric", "PublicHealth", "Pulmonary", "Radiography",
	"Renal", "RespiratoryTherapy", "Rheumatologic", "SpeechPathology", "Surgical", "Toxicologic", "Urologic",
}

// MedicalSpecialty returns the schema.org name of a specialty written with
// any case and spaces ("primary care" is PrimaryCare), and whether it is one.
func MedicalSpecialty(s string) (string, bool) {
	key := strings.ReplaceAll(s, " ", "")
	for _, m := range MedicalSpecialties {
		if strings.EqualFold(m, key) {
			return m, true
		}
	}
	return "", false
}
