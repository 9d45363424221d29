package build

import (
	"os"
	"path/filepath"

	"github.com/bedside-health/bedside/site"
)

// ToDir loads the site in siteDir and builds it into dest through a
// temporary folder. dest is replaced only when the build has no error; on
// any error the previous site in dest stays as it was. The articles of the
// returned Site have no Body (see [site.LoadOptions.DeferBodies]).
func ToDir(siteDir, dest string, load site.LoadOptions, opts Options) (*site.Site, *Result, site.Diagnostics) {
	// Repair what a killed build left first, even if this one fails: a
	// build killed between the two renames of a swap (where the atomic
	// exchange is not available) leaves no dest, only the old site beside it.
	RecoverDest(filepath.Clean(dest))
	// Prepare the output first when dest is acceptable: listing the site
	// kept for reuse then runs while the content loads.
	destErr := checkDest(siteDir, dest)
	var out *DirOutput
	var err error
	if _, parentErr := os.Stat(filepath.Dir(filepath.Clean(dest))); destErr == nil && parentErr == nil {
		out, err = NewDirOutput(dest)
	}
	// The site is built once: each article's text is read when its page
	// is rendered, not held for the whole build.
	load.DeferBodies = true
	s := site.Load(siteDir, load)
	if opts.Loaded != nil {
		opts.Loaded(s)
	}
	if s.Diagnostics.HasErrors() {
		if out != nil {
			out.Abort()
		}
		// A wrong bedside.toml (a baseURL that is no address) makes every
		// page wrong: rendering would only repeat its errors, page by page.
		if s.Diagnostics.HasErrorsIn(site.ConfigFile) {
			return s, &Result{}, s.Diagnostics
		}
		// Content errors: dest stays as it is. The pages are rendered all
		// the same, into nothing, so that what only rendering finds (a
		// broken link, Markdown past a limit) is reported in this build
		// too, not in the next one once these are fixed.
		_, diags := Run(s, Discard, opts)
		return s, &Result{}, diags
	}
	if destErr != nil {
		diags := append(site.Diagnostics(nil), s.Diagnostics...)
		de := destErr.(*destError)
		diags.Errorf(dest, 0, de.hint, "%s", de.msg)
		return s, &Result{}, diags
	}
	if out == nil && err == nil {
		// The folder above dest did not exist before the content loaded.
		out, err = NewDirOutput(dest)
	}
	if err != nil {
		diags := append(site.Diagnostics(nil), s.Diagnostics...)
		diags.Errorf(dest, 0, "choose a destination folder you can write to with --dest", "%v", err)
		return s, &Result{}, diags
	}
	res, diags := Run(s, out, opts)
	if diags.HasErrors() {
		out.Abort()
		return s, res, diags
	}
	if err := out.Commit(); err != nil {
		out.Abort()
		diags.Errorf(dest, 0, "check that the destination folder is writable", "%v", err)
	}
	return s, res, diags
}
