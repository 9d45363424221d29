// Package build turns a loaded site (package site) into the files of a
// static website: article pages, section, tag and author lists, the home
// page, 404.html, sitemap.xml, robots.txt, alias redirects, the theme's
// assets and the site's static files.
//
// The pipeline is one pass. Articles are rendered in parallel on every core
// (Markdown once per article, then the theme's template) and each finished
// page goes straight to an [Output] instead of being held, so memory stays
// flat however large the site. List pages need only metadata and are
// rendered after. The same pipeline feeds `bedside build`, which writes to
// a [DirOutput] (a temporary folder swapped in whole on success), and the dev
// server, which writes to a [MemOutput].
//
// Features beyond the core (feeds, structured data, checks on the output)
// plug in as [Extension] values, the way goldmark extensions do: a
// [PageDecorator] adds to the data of every page before its template runs,
// a [PageObserver] sees every finished page, and a [Generator] writes files
// of its own once the pages are done.
package build
