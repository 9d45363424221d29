// Package feeds writes the feeds readers subscribe to: RSS 2.0, Atom 1.0
// and JSON Feed 1.1, for the whole site, for each section, tag and author,
// and a "recently reviewed" feed of clinical reviews.
//
// # Addresses
//
// Each feed lives beside the HTML page it follows, in three formats:
//
//	/index.xml  /atom.xml  /feed.json                  the whole site
//	/conditions/index.xml …                            a section
//	/tags/diabetes/index.xml …                         a tag
//	/authors/maria-lopez/index.xml …                   a person: what they wrote or reviewed
//	/reviewed/index.xml …                              clinical reviews, newest first
//
// Every page's head links the site feeds with <link rel="alternate">; list
// pages add their own feeds, articles their section's, and the home page
// the reviewed feed, so that browsers and feed readers find them from any
// address a reader pastes.
//
// # Items
//
// An item carries the whole article, not a summary: the rendered body with
// every link, image and footnote reference made absolute against baseURL
// (feed readers show content away from the site, where a relative address
// means nothing), followed by what the article page shows around the body
// and must travel with it: who reviewed it and when, the emergency notice
// and the disclaimer set in bedside.toml's review table. Its id is the
// article's permalink, which editing does not change; published is the
// article's date and updated the latest of lastmod and lastReviewed.
// Authors are named with their credentials, categories are the tags and
// the summary is the description.
//
// Items are newest first, at most feeds.limit of them (bedside.toml, 20 by
// default). A feed's own updated time is the latest of its items' (never
// the clock, so a rebuild of the same content gives the same bytes; an
// empty feed is dated the build's today). A person's feed holds what they
// wrote or reviewed, as their profile page does. Drafts, articles not yet
// published and expired ones never appear, whatever the build's flags.
//
// The reviewed feed has one item per review: its id is the permalink plus
// "#reviewed-YYYY-MM-DD", so when a clinician reviews an article again the
// new date is a new item in readers, saying who reviewed it, when, and what
// changed (the front matter's changes note).
//
// # gorilla/feeds and what is written by hand
//
// github.com/gorilla/feeds turns one generic feed into the three formats.
// Its generic model has one author and no categories per item, and its RSS
// has no language and no self link, so the few parts it cannot carry are
// added on top of its own structs (rss.go, atom.go): the format structs of
// gorilla/feeds are embedded and fields of the same XML name declared
// beside them take their place, as encoding/xml reads them. That gives RSS
// one <dc:creator> per author — RSS's own <author> must be an e-mail
// address, which clinicians' bylines are not — one <category> per tag, an
// <atom:link rel="self">, <language> and an <atom:updated> per item; and
// Atom several <author> and <category term> elements, <published>, a self
// link, and the content as CDATA (gorilla/feeds escapes every character of
// it). The JSON Feed struct of gorilla/feeds already has authors, tags and
// language.
//
// gorilla/feeds thus decides what each format holds, and the structs say
// how it is laid out; but they are not written with encoding/xml and
// encoding/json, whose reflection cost more than everything else the feeds
// do (each XML element a walk of struct metadata and several allocations,
// and the JSON written to a buffer of its own and copied). xmlwriter.go
// and jsonwriter.go write the same structs field by field instead, with
// the escaping, indentation and field order of the encoding packages,
// byte for byte; writer_test.go encodes random values full of hostile text
// (control characters, invalid UTF-8, "]]>", quotes) both ways and
// compares. A part of gorilla/feeds' structs that Bedside never fills (an
// RSS image or enclosure, an Atom contributor, a JSON attachment) makes
// the writer decline, and the encoding package writes that feed as before.
//
// # Cost
//
// Bodies are rendered once: [Extension.Plan] asks the build to keep the
// bodies of the articles that appear in a feed, and each body is made
// absolute, and escaped as a JSON string, once however many feeds carry
// it. Feeds are encoded in
// parallel, the three files of one into one buffer that the next feed
// reuses (the build's Output must not keep the bytes), and written as
// soon as each is done. BenchmarkBuild10k measures a build of the standard
// corpus with and without feeds; BenchmarkGenerate10k the feeds alone.
package feeds
