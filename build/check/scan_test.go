package check

import (
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bedside-health/bedside/build"
	"github.com/bedside-health/bedside/build/feeds"
	"github.com/bedside-health/bedside/build/structured"
	"github.com/bedside-health/bedside/site"
	"golang.org/x/net/html/atom"
)

var samplePages = sync.OnceValues(func() ([]string, map[string][]byte) {
	s := site.Load("../..", site.LoadOptions{Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	out := build.NewMemOutput()
	// The extensions of bedside build, for the JSON-LD and the feeds' links.
	build.Run(s, out, build.Options{Extensions: []build.Extension{feeds.New(), structured.New()}})
	var names []string
	for name := range out.Files {
		if strings.HasSuffix(name, ".html") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names, out.Files
})

// sitePages returns the HTML pages of the repository's sample site.
func sitePages(tb testing.TB) ([]string, map[string][]byte) {
	tb.Helper()
	names, files := samplePages()
	if len(names) < 20 {
		tb.Fatalf("the sample site has %d pages", len(names))
	}
	return names, files
}

func TestScanPageMatchesReferenceOnSite(t *testing.T) {
	names, files := sitePages(t)
	for _, name := range names {
		page := files[name]
		got, want := scanPage(page), referenceScanPage(page)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", name, got, want)
		}
	}
}

// scanCases are pages whose reading is tricky: each is compared with the
// reference.
var scanCases = []string{
	``,
	`<`,
	`<a`,
	`</`,
	`</a`,
	`<a href=x`,
	`<a href="x`,
	`<a href='x`,
	`<a href=x>`,
	`<a href=x>text`,
	`<a href=x>text</a>`,
	`<A HREF="X">Text</A>`,
	`<a href=x/>after</a>`,
	`<a href="x"/>after</a>`,
	`<a href=x href=y/>after</a>`,
	`<a HREF=x href=y id=1 ID=2>t</a>`,
	`<a href>t</a><a href=>u</a><a href= >v</a>`,
	`<a href = "x y" >t</a>`,
	`<a href="/a?b=1&amp;c=2&copy=3&copy;&ampx&amp=&#65;&#x42;&#0;&#x110000;&#128;&#5&#x;&lt">t</a>`,
	`<a href="&#99999999999999999999;&#4294967361;&notit;&notin;&fjlig;&semi;">x</a>`,
	`<p>&ampx &notit; &#5 &#x; &lt;b&gt; &fjlig; &AElig</p><a>&ampx &notit; &#5</a>`,
	`<a href=x>a &amp; b &#x3C; c</a>`,
	`<h2 id=s>Section &amp; <a href="#s" aria-label="Link">#</a> more</h2>`,
	`<h3>one<!-- two -->three</h3>`,
	`<a href=x><!-->text</a>`,
	`<a href=x><!--->text</a>`,
	`<a href=x><!-- -- > --!> text</a>`,
	`<a href=x><!-- a --!-> b --> text</a>`,
	`<a href=x><!-- unterminated`,
	`<a href=x><!-`,
	`<a href=x><!`,
	`<a href=x><!>text</a>`,
	`<a href=x><!DOCTYPE html>text</a>`,
	`<a href=x><!doctype`,
	`<a href=x><![CDATA[<a href=y>]]>text</a>`,
	`<a href=x><?xml version="1.0"?>text</a>`,
	`<a href=x></ y>text</a>`,
	`<a href=x></>text</a>`,
	`<a href=x></3>text</a>`,
	`<a href=x>a < b <3 <<a href=y>c</a>`,
	`<a href=x><script>document.write("</a>")</script>after</a>`,
	`<a href=x><script><!--<script>"</script>"</script>--></script>after</a>`,
	`<a href=x><script><!-- "</script>" --></script>after</a>`,
	`<a href=x><script><!--<script></script>--></script>after</a>`,
	`<a href=x><script><!--<scriptx>--></script>after</a>`,
	`<a href=x><script><!--<SCRIPT>a</Script >b</script>c-->d</script>after</a>`,
	`<a href=x><script>a</scrip</script/>after</a>`,
	`<a href=x><script>a</script`,
	`<a href=x><script>a<!--`,
	`<a href=x><script/>a</script>after</a>`,
	`<a href=x><title>a &amp; <b>b</b></title>after</a>`,
	`<a href=x><textarea>a &amp;</textarea x>b</TEXTAREA>after</a>`,
	`<a href=x><style>a{}</style>after</a>`,
	`<style>.a{background:url(x.png)}</style><style>b</style ><style/>c</style>`,
	`<style>a</style`,
	`<STYLE>a</STYLE>`,
	`<div style="background: url('y.png')" id=d>`,
	`<div ID=d>`,
	`<div data-x id = d>`,
	`<div data-id=x ID=d>`,
	`<div ping="https://p.example/x" data-id=1>t</div><div PING=x style=y>u</div><div ping=z>v</div>`,
	`<div content="id=x" ID=y><p STYLE="background:url(x.png)"><p title="style=" Style="background:url(y.png)">`,
	`<h2 content="id=x" Id=h>t</h2><th data-style=1 id=c>h</th><style id=s style=x>a</style>`,
	`<a href=x><iframe><a href=y></iframe>t</a>`,
	`<a href=x><noscript><img src=y alt=z></noscript>t</a>`,
	`<a href=x><xmp>a</xmp><noembed>b</noembed><noframes>c</noframes>t</a>`,
	`<a href=x><plaintext>a</plaintext></a>`,
	`<a href=x>a` + "\r\n" + `b` + "\r" + `c` + "\x00" + `d</a>`,
	"<a href=\"a\x00b\r\nc\rd\">t</a>",
	"<a\x00 href=x>t</a><a href\x00=x>t</a>",
	"<style>a\x00\r\nb</style>",
	`<img src=a.png alt="A"><img src=b.png><img src=c.png alt role=presentation><img src=d.png aria-hidden=true>`,
	`<a href=x><img src=a.png alt="Alt">text</a>`,
	`<a href=x aria-label=" Label "><img src=a.png alt="Alt">text</a>`,
	`<a href=x><a href=y>inner</a>outer</a>`,
	`<table><tr><td>a</table><table role=presentation></table><table><th>h</th></table></table>`,
	`<link rel="Stylesheet preload" href="/s.css" imagesrcset="a.png 1x, b.png 2x"><link rel=canonical href=/c>`,
	`<script src="https://t.example/t.js"></script><iframe src=/f></iframe><video src=v.mp4 poster=p.png></video>`,
	`<iframe SRCDOC="<img src=&quot;https://t.example/i.png&quot;><iframe srcdoc='<script src=//t.example/s.js></script>'></iframe>"></iframe>`,
	`<source srcset="a.webp 1x,b.webp 2x" src=s><audio src=a><track src=t><embed src=e><object data=o></object>`,
	`<input type=IMAGE src=i.png><form action=/send><svg><image href=h.png xlink:href=x.png /></svg>`,
	`<a href=x ping="https://p.example/a https://p.example/b">t</a><area href=y>`,
	`<p =x>a</p><p a=/>b</p><p/b/>c</p><br/><br />`,
	`<a/href=x>t</a>`,
	`<a HREF=x b0 b1 b2 b3 b4 b5 b6 b7 b8 b9 c0 c1 c2 c3 c4 c5 c6 c7 href=y/>t</a>`,
	`<a href=x b0 b1 b2 b3 b4 b5 b6 b7 b8 b9 c0 c1 c2 c3 c4 c5 c6 c7 C7=y/>t</a>`,
	`<a href=x b0 b1 b2 b3 b4 b5 b6 b7 b8 b9 c0 c1 c2 c3 c4 c5 c6 c7 d=y/>t</a>`,
	"<a href=x b0 b1 b2 b3 b4 b5 b6 b7 b8 b9 c0 c1 c2 c3 c4 c5 c6 \xff=1 \xfe=y/>t</a>",
	"<a href=x \xff=1 \xfe=y/>t</a>",
	`<a href=x>` + strings.Repeat("word ", 100) + `<b>more</b>` + strings.Repeat("word ", 100) + `</a>`,
	`<h1>` + strings.Repeat("long ", 60) + `<i>x</i>` + strings.Repeat("tail ", 10) + `</h1>`,
	`<h1>a<h2>b</h1>c</h2>`,
	`<script type="application/ld+json">{"a":"<a href=x>"}</script><a href=y>t</a>`,
	`<p>application/ld+json</p><a href=x>hidden</script><a href=y>t</a>`,
	`<a href=x><script type="application/ld+json">{"url":"</a>"}</script>t</a>`,
	`<style><script type="application/ld+json">x</script></style>`,
	`<script type="application/ld+json">`,
	`<script type="application/ld+json"></script`,
}

func TestScanPageMatchesReference(t *testing.T) {
	for _, page := range scanCases {
		got, want := scanPage([]byte(page)), referenceScanPage([]byte(page))
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\n got %+v\nwant %+v", page, got, want)
		}
	}
}

func FuzzScanPage(f *testing.F) {
	for _, page := range scanCases {
		f.Add([]byte(page))
	}
	names, files := sitePages(f)
	f.Add(files[names[len(names)/2]])
	var article []byte
	for _, name := range names {
		if strings.Count(name, "/") >= 2 { // an article
			article = files[name]
			f.Add(article)
			break
		}
	}
	f.Fuzz(func(t *testing.T, page []byte) {
		orig := string(page)
		got := scanPage(page)
		if string(page) != orig {
			t.Fatal("scanPage changed the page")
		}
		want := referenceScanPage(page)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\n got %+v\nwant %+v", page, got, want)
		}
		// A scanner that read another page first, as in a build.
		sc := getScanner()
		defer sc.release()
		sc.scanPage(article)
		if got := sc.scanPage(page); !reflect.DeepEqual(got, want) {
			t.Errorf("%q, after another page:\n got %+v\nwant %+v", page, got, want)
		}
	})
}

func BenchmarkScanPage(b *testing.B) {
	names, files := sitePages(b)
	var size int64
	for _, name := range names {
		size += int64(len(files[name]))
	}
	for _, bm := range []struct {
		name string
		scan func([]byte) *pageScan
	}{{"lexer", scanPooled}, {"reference", referenceScanPage}} {
		b.Run(bm.name, func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				for _, name := range names {
					bm.scan(files[name])
				}
			}
		})
	}
}

// scanPooled scans a page as ObservePage does, with a scanner of the
// pool given back at once: for benchmarks, as its result is then invalid.
func scanPooled(page []byte) *pageScan {
	sc := getScanner()
	defer sc.release()
	return sc.scanPage(page)
}

func TestIndexJSONData(t *testing.T) {
	for _, s := range []string{"", "+", "application/ld+json", "xapplication/ld+jso", "+application/ld+json+", "a+b application/ld+jsonapplication/ld+json", "application/ld+jso"} {
		if got, want := indexJSONData([]byte(s)), strings.Index(s, "application/ld+json"); got != want {
			t.Errorf("indexJSONData(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestJoinFields(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\u00a0b", "a\u2003b", "é b", "a\vb", "a\x85b", "\xffa b", "a \n b", "\u00a0", " a  b ", "\u3000a\u3000", "a\u0085", "\xc2", "a\xc2\x85b", "x y z", "x\ty"} {
		if got, want := joinFields(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("joinFields(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestScanAtom checks scanAtom against atom.Lookup for the atoms scanPage
// tells apart.
func TestScanAtom(t *testing.T) {
	for _, name := range []string{"a", "A", "area", "audio", "embed", "form", "frame", "h1", "H2", "h3", "h4", "h5", "h6", "iframe", "IFrame", "image", "img", "input", "link", "object", "script", "source", "style", "table", "th", "track", "video"} {
		if got, want := scanAtom([]byte(name)), atom.Lookup([]byte(strings.ToLower(name))); got != want || got == 0 {
			t.Errorf("scanAtom(%q) = %v, want %v", name, got, want)
		}
	}
	for _, name := range []string{"", "div", "abbr", "h7", "scripts", "th\x00", "tbody", "svg"} {
		if got := scanAtom([]byte(name)); got != 0 {
			t.Errorf("scanAtom(%q) = %v, want 0", name, got)
		}
	}
}

// TestScanPageReusedScanner compares the scans of one pooled scanner,
// released after each page as ObservePage does, with the reference: what
// a page leaves in a scanner must not show in the next page's scan.
func TestScanPageReusedScanner(t *testing.T) {
	names, files := sitePages(t)
	pages := append([]string(nil), scanCases...)
	for _, name := range names {
		pages = append(pages, string(files[name]))
	}
	sc := getScanner()
	for _, page := range pages {
		got, want := sc.scanPage([]byte(page)), referenceScanPage([]byte(page))
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%.200q:\n got %+v\nwant %+v", page, got, want)
		}
		sc.release()
		sc = getScanner()
	}
	sc.release()
}

// relCases are rel values for TestRelFetches.
var relCases = []string{"", " ", "stylesheet", "STYLESHEET", "Stylesheet preload", "alternate stylesheet", "alternate",
	"canonical", " \t\nicon\f", "shortcut icon", "apple-touch-icon", "apple-touch-icon-precomposed", "x-apple-touch-icon-too-long",
	"alternate\u00a0stylesheet", "alternate\u0085icon", "\u212Aicon", "icon\u212A", "styleshee\u212A", "preload\u00a0", "\xff icon",
	"icon\xff", "dns-prefetch", "DNS-Prefetch preconnect", "modulepreload", "manifest", "prerender", "prefetch", "next prev",
	"pre\u0130load", "\u0130con icon"}

// TestRelFetches compares relFetches with the lowering and splitting of
// the whole rel that it avoids.
func TestRelFetches(t *testing.T) {
	for _, rel := range relCases {
		want := ""
		for _, r := range strings.Fields(strings.ToLower(rel)) {
			if w, ok := linkRels[r]; ok {
				want = w
				break
			}
		}
		if got := relFetches(rel); got != want {
			t.Errorf("relFetches(%q) = %q, want %q", rel, got, want)
		}
	}
}

func TestFirstField(t *testing.T) {
	for _, s := range append([]string{"a.png 1x", " a.png  2x", "\u00a0a.png\u00a0", "a\u2003b", "\xffa b", "a\u0085"}, relCases...) {
		want := ""
		if f := strings.Fields(s); len(f) > 0 {
			want = f[0]
		}
		if got := firstField(s); got != want {
			t.Errorf("firstField(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestAppendJoinFields(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\u00a0b", "a\u2003b", "é b", "a\vb", "a\x85b", "\xffa b", "a \n b", "\u00a0", " a  b ", "\u3000a\u3000", "a\u0085", "\xc2", "a\xc2\x85b", "x y z", "x\ty"} {
		want := strings.Join(strings.Fields(s), " ")
		if got := string(appendJoinFields(nil, []byte(s))); got != want {
			t.Errorf("appendJoinFields(%q) = %q, want %q", s, got, want)
		}
		if got := string(appendJoinFields([]byte("x "), []byte(s))); got != "x "+want {
			t.Errorf("appendJoinFields(\"x \", %q) = %q, want %q", s, got, "x "+want)
		}
	}
}

// referenceScanAtom is the former scanAtom: names lowered, then one
// switch.
func referenceScanAtom(name []byte) atom.Atom {
	var lower [len("iframe")]byte // the longest name told apart
	if len(name) > len(lower) {
		return 0
	}
	for i, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	switch string(lower[:len(name)]) {
	case "a":
		return atom.A
	case "area":
		return atom.Area
	case "audio":
		return atom.Audio
	case "embed":
		return atom.Embed
	case "form":
		return atom.Form
	case "frame":
		return atom.Frame
	case "h1":
		return atom.H1
	case "h2":
		return atom.H2
	case "h3":
		return atom.H3
	case "h4":
		return atom.H4
	case "h5":
		return atom.H5
	case "h6":
		return atom.H6
	case "iframe":
		return atom.Iframe
	case "image":
		return atom.Image
	case "img":
		return atom.Img
	case "input":
		return atom.Input
	case "link":
		return atom.Link
	case "object":
		return atom.Object
	case "script":
		return atom.Script
	case "source":
		return atom.Source
	case "style":
		return atom.Style
	case "table":
		return atom.Table
	case "th":
		return atom.Th
	case "track":
		return atom.Track
	case "video":
		return atom.Video
	}
	return 0
}

// referenceAttrBit is the former choice of tagAttrs.read: names lowered,
// then one switch.
func referenceAttrBit(k []byte) uint32 {
	names := map[string]uint32{"id": attrID, "href": attrHref, "src": attrSrc, "srcset": attrSrcset, "alt": attrAlt,
		"role": attrRole, "aria-hidden": attrAriaHidden, "aria-label": attrAriaLabel, "rel": attrRel, "style": attrStyle,
		"ping": attrPing, "data": attrData, "action": attrAction, "poster": attrPoster, "type": attrType,
		"imagesrcset": attrImagesrcset, "xlink:href": attrXlinkHref}
	return names[strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, string(k))]
}

// mutations returns the names, and each with every byte in turn replaced
// by every byte, and cut or lengthened by one.
func mutations(names []string) [][]byte {
	var out [][]byte
	for _, n := range names {
		out = append(out, []byte(n), []byte(n[:len(n)-1]), []byte(n+"s"), []byte(strings.ToUpper(n)))
		for i := range len(n) {
			for c := range 256 {
				m := []byte(n)
				m[i] = byte(c)
				out = append(out, m)
			}
		}
	}
	return out
}

// TestScanAtomMutations compares scanAtom with the former one on the names
// it tells apart and on every name one byte away.
func TestScanAtomMutations(t *testing.T) {
	names := []string{"a", "area", "audio", "embed", "form", "frame", "h1", "h2", "h3", "h4", "h5", "h6", "iframe", "image", "img",
		"input", "link", "object", "script", "source", "style", "table", "th", "track", "video", "p", "li", "div", "meta", "span", "header", "strong"}
	for _, name := range mutations(names) {
		if got, want := scanAtom(name), referenceScanAtom(name); got != want {
			t.Errorf("scanAtom(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestAttrBitMutations compares attrBit with the former choice of
// tagAttrs.read.
func TestAttrBitMutations(t *testing.T) {
	names := []string{"id", "href", "src", "srcset", "alt", "role", "aria-hidden", "aria-label", "rel", "style", "ping", "data",
		"action", "poster", "type", "imagesrcset", "xlink:href", "class", "title", "content", "name", "aria-current", "x"}
	for _, name := range mutations(names) {
		if got, want := attrBit(name), referenceAttrBit(name); got != want {
			t.Errorf("attrBit(%q) = %v, want %v", name, got, want)
		}
	}
}

// What a frame's srcdoc document loads, the page loads: an image in it,
// and a script in a frame within it, are the page's resources.
func TestScanReadsSrcdoc(t *testing.T) {
	sc := getScanner()
	defer sc.release()
	got := sc.scanPage([]byte(`<iframe title=x srcdoc="<img src=&quot;https://t.example/i.png&quot;><iframe srcdoc='<script src=//t.example/s.js></script>'></iframe>"></iframe>`))
	want := []resource{{url: "https://t.example/i.png", what: "image"}, {url: "//t.example/s.js", what: "script"}}
	if !reflect.DeepEqual(got.resources, want) {
		t.Errorf("resources %+v, want %+v", got.resources, want)
	}
}
