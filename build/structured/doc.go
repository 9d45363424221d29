// Package structured tells readers and search engines what makes a page
// trustworthy, as a build extension ([Extension]):
//
//   - JSON-LD in the head of every article (a schema.org MedicalWebPage with
//     its review date, reviewers, subject, audience and specialty, and a
//     BlogPosting with headline, dates, authors and citations), of every
//     profile (ProfilePage and Person) and of the home page (Organization and
//     WebSite);
//   - Open Graph and Twitter card meta elements on every page;
//   - the notice on an article overdue for clinical review, and the build
//     warning or error that [review] overdue = "warn" or "fail" asks for.
//
// JSON-LD is written byte for byte as encoding/json writes it (keys sorted,
// <, > and & escaped as \u003c, \u003e and \u0026), so that no front-matter
// value can close the script element it sits in, straight into one buffer
// per page (encode.go); the text reaches the template as template.JS, which
// html/template leaves as is inside <script type="application/ld+json">.
//
// The disclosures (sponsor, funding, conflicts, each person's statement), the
// medical disclaimer and the emergency notice are the theme's to show; this
// package puts nothing else in the page body.
package structured
