package build

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/bedside-health/bedside/build/markdown"
	"github.com/bedside-health/bedside/site"
)

// stylesheet is the theme file bundled with the code-highlighting styles.
const stylesheet = "static/css/site.css"

// writeAssets writes the theme's static files and the stylesheet. The
// stylesheet's name carries a hash of its content (/assets/site.1a2b3c4d.css)
// so that it can be cached for a year and still change on the next deploy.
func (b *Build) writeAssets() {
	css, err := b.Theme.ReadFile(stylesheet)
	if err != nil {
		b.Errorf(b.Theme.Origin[stylesheet], 0, "restore the theme's css/site.css", "%v", err)
	}
	css = append(css, "\n/* Code highlighting (chroma) */\n"...)
	css = append(css, markdown.StyleSheet()...)
	css = append(css, siteOriginRule(b.Config.BaseURL)...)
	sum := sha256.Sum256(css)
	b.CSS = "/assets/site." + hex.EncodeToString(sum[:4]) + ".css"
	b.WriteFile(strings.TrimPrefix(b.CSS, "/"), css, "theme stylesheet")
	for _, name := range b.Theme.Static {
		if name == stylesheet {
			continue
		}
		data, err := b.Theme.ReadFile(name)
		if err != nil {
			b.Errorf(b.Theme.Origin[name], 0, "", "%v", err)
			continue
		}
		b.WriteFile(strings.TrimPrefix(name, "static/"), data, b.Theme.Origin[name])
	}
}

// streamedStatic is the size from which a static file is copied without
// being read into memory (see [FileCopier]): a hospital's videos and
// leaflets would otherwise add their size to a build's memory. Smaller
// files are read, so that a rebuild can tell an unchanged one by its bytes.
const streamedStatic = 4 << 20

// copyStatic copies the site's static/ folder as is.
func (b *Build) copyStatic() {
	root := filepath.Join(b.Site.Dir, "static")
	if _, err := os.Stat(root); err != nil {
		return
	}
	// static/ may be a link to a shared folder: walk the folder it points to.
	walkRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		walkRoot = root
	}
	_ = filepath.WalkDir(walkRoot, func(p string, d fs.DirEntry, err error) error {
		under, _ := filepath.Rel(walkRoot, p)
		rel := filepath.ToSlash(filepath.Join("static", under))
		if err != nil {
			b.Errorf(rel, 0, "check the permissions", "cannot read: %v", unwrapPathError(err))
			return nil
		}
		if d.IsDir() {
			if p != walkRoot && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		if !d.Type().IsRegular() && !site.LinkStaysInside(b.Site.Dir, p) {
			b.Warnf(rel, 0, "copy the file into static/ instead", "links to a file outside the site folder; not copied")
			return nil
		}
		info, err := os.Stat(p) // a link's target, which stays inside
		if err != nil {
			b.Errorf(rel, 0, "check the permissions", "cannot read: %v", unwrapPathError(err))
			return nil
		}
		if !info.Mode().IsRegular() {
			b.Warnf(rel, 0, "replace it with a regular file", "not a regular file; not copied")
			return nil
		}
		b.copyFile(strings.TrimPrefix(rel, "static/"), p, rel, info.Size())
		return nil
	})
}

// copyFile copies the file at src, of the given size, into the site as
// name: streaming it from streamedStatic on where the Output can (see
// [FileCopier]), and reading it whole otherwise.
func (b *Build) copyFile(name, src, source string, size int64) {
	c, ok := b.Out.(FileCopier)
	if !ok || size < streamedStatic {
		data, err := os.ReadFile(src)
		if err != nil {
			b.Errorf(source, 0, "check the permissions", "cannot read: %v", unwrapPathError(err))
			return
		}
		b.WriteFile(name, data, source)
		return
	}
	if !b.claim(name, source) {
		b.outputFailed(name)
		return
	}
	if err := c.CopyFile(name, src); err != nil {
		b.Errorf(source, 0, "check that the file is readable and the destination folder writable", "cannot copy to /%s: %v", name, unwrapPathError(err))
		b.outputFailed(name)
	}
}

// siteOriginRule sets the CSS variable --site-origin to the scheme and host
// of the site ("https://health.example.org"), for a theme's print styles: a
// printed handout shows each link's address after its text, and a link
// within the site is written /conditions/asthma/, which on paper needs the
// host before it (content: " (" var(--site-origin) attr(href) ")").
func siteOriginRule(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.Host == "" {
		return ""
	}
	origin := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", "").Replace(u.Scheme + "://" + u.Host)
	return "\n/* The site's origin, for printed link addresses */\n:root { --site-origin: \"" + origin + "\"; }\n"
}
