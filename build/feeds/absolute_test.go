package feeds

import (
	"bytes"
	"net/url"
	"testing"
)

// absoluteFragments are bodies that take every path of absoluteHTML.
var absoluteFragments = []string{
	"",
	"plain text, no markup",
	`<p>See <a href="/conditions/asthma/">asthma</a> and <a href="../diet/">diet</a>.</p>`,
	`<h2 id="why">Why <a class="anchor" href="#why">#</a></h2><p>text</p>`,
	`<h2 id="x">Spaces   <a class="heading anchor" href="#x" aria-label="link">#</a></h2>`,
	`<H3 ID="up">Upper <A CLASS="anchor" HREF="#up">#</A></H3>`,
	`<a class="anchor" href="#unclosed">never closed`,
	`<a class="x" class="anchor" href="#two">two class attributes</a> after`,
	`<p>Footnote<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup></p>`,
	`<img src="images/lungs.png" alt="Lungs &amp; airways" srcset="a.png 1x, /b.png 2x,  , c.png 480w"/>`,
	`<img src='single.png' alt=unquoted data-x="&quot;&lt;&gt;">`,
	`<video poster="p.jpg"><source src="v.mp4"></video><blockquote cite="/source/">q</blockquote>`,
	`<a href="https://other.example/x">abs</a> <a href="mailto:a@b.c">mail</a> <a href="tel:911">tel</a> <a href="data:,x">data</a>`,
	`<a href="%zz">bad escape</a> <a href="  /spaced/  ">spaced</a> <a href="">empty</a> <a href>bare</a>`,
	`<a href="/q?x=1&amp;y=2#frag">query</a> <a href="?only=query">q</a> <a href="#only-fragment">f</a>`,
	`<!-- a comment with <a href="/x/"> inside --><script>var s = "<a href='/y/'>";</script><style>a{}</style>`,
	`<pre><code>&lt;a href="/not-a-tag/"&gt;</code></pre>`,
	`<br/><hr /><input type="checkbox" checked disabled>`,
	`<p>unterminated <a href="/x/"`,
	`<p>stray </p></div> end tags and < lone bracket & ampersand`,
	"<p>tab\tand\nnewline in <a href=\"/a\tb/\" title=\"t\nu\">attr</a></p>",
	`<span class="k">code</span><span class="anchor">not a link</span>`,
	`<p>Müller 東京 🩺 <a href="/ünïcode/pâth/">u</a></p>`,
	"invalid \xff utf-8 <a href=\"/\xfe/\">x</a>",
}

// TestAbsoluteHTMLIsUnchanged compares absoluteHTML with the version it
// replaced, which built every attribute as strings and returned a new
// slice.
func TestAbsoluteHTMLIsUnchanged(t *testing.T) {
	for _, permalink := range []string{"https://health.example.org/library/conditions/asthma/", "https://h.example/a/b?c=d"} {
		base, err := url.Parse(permalink)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range absoluteFragments {
			want := refAbsoluteHTML([]byte(s), base)
			var got bytes.Buffer
			absoluteHTML(&got, s, base)
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("absoluteHTML(%q)\n got: %q\nwant: %q", s, got.Bytes(), want)
			}
		}
	}
}

func FuzzAbsoluteHTML(f *testing.F) {
	for _, s := range absoluteFragments {
		f.Add(s)
	}
	base, _ := url.Parse("https://health.example.org/library/conditions/asthma/")
	f.Fuzz(func(t *testing.T, s string) {
		want := refAbsoluteHTML([]byte(s), base)
		var got bytes.Buffer
		absoluteHTML(&got, s, base)
		if !bytes.Equal(got.Bytes(), want) {
			t.Errorf("absoluteHTML(%q)\n got: %q\nwant: %q", s, got.Bytes(), want)
		}
	})
}
