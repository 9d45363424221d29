// Package themes holds Bedside's default theme, embedded in the binary so
// that an installed bedside builds a site anywhere without other files.
//
// A theme is a folder with two parts:
//
//	templates/   Go html/template files. baseof.html defines the page
//	             skeleton ("base"); files whose names start with "_" define
//	             partials shared by every page; every other file defines
//	             "main" for one kind of page (article.html, section.html …).
//	static/      CSS, JavaScript and images, copied to the site root.
//
// baseof.html includes the header and footer with partialCached, which
// renders each once per key (the footer once per site, the header once per
// navigation state) instead of once per page: a theme whose header shows
// something page-specific should call {{template "header" .}} instead.
//
// A site overrides any file by putting a file with the same name in
// themes/<name>/ of its own folder, where <name> is the theme chosen in
// bedside.toml; files it does not override come from this default theme.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed all:default
var embedded embed.FS

// Default returns the default theme's files, rooted at the theme folder.
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err) // cannot happen: the folder is embedded at compile time
	}
	return sub
}
