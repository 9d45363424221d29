// Package check is Bedside's quality gate: the checks that keep a hospital
// site from shipping a broken link, a page patients cannot read, a request
// to a third party, or a page a screen reader cannot use.
//
// [Checker] is one build extension. While pages are rendered it scores the
// reading level of each article ([readability]), and it reads every finished
// page once with an HTML tokenizer, collecting element ids, links, the
// resources the page loads, images, headings and tables. Then:
//
//   - links: every link to another page, a heading anchor, a relative path
//     or a static file must resolve to a file the build wrote, and an anchor
//     to an id on that page; a broken one is an error at the Markdown line
//     that wrote it, with the nearest existing address as the fix
//     (links.go, checked after all pages exist);
//   - privacy: a page or stylesheet that loads anything (script, frame,
//     image, font, stylesheet, form target, preconnect …) from another
//     origin is an error unless [quality] allowOrigins lists that origin
//     (privacy.go);
//   - accessibility: images without alt text and empty links are errors;
//     skipped heading levels, a second h1, link text such as "click here"
//     and tables without header cells are warnings (accessibility.go);
//   - reading level: an article above its target (SMOG grade 8 unless
//     bedside.toml or the article's readability field says otherwise) is a
//     warning (readability.go).
//
// Problems in text written by clinicians are reported at the Markdown
// file and line; problems that come from the theme are reported once, at
// the template, with the first page and how many others show them.
// [CheckExternal] checks links to other sites, for bedside check --external.
package check
