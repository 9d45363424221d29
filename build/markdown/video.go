package markdown

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Video embeds are written with image syntax pointing at a video page:
//
//	![How to use an inhaler with a spacer](https://www.youtube.com/watch?v=dQw4w9WgXcQ)
//
// (YouTube watch, youtu.be, shorts and embed addresses, and vimeo.com/123).
// Alone in its paragraph it becomes a click-to-load placeholder: a plain
// link to the video, so that the page contacts no video host until the
// reader chooses to watch, and works without JavaScript. The theme's
// video.js (loaded after the first placeholder) swaps in the player from the privacy-enhanced host
// (youtube-nocookie.com, Vimeo with dnt=1) on click. Inside a sentence it
// becomes an ordinary link to the video.

// Video is a video placeholder block.
type Video struct {
	ast.BaseBlock
	VideoLink
}

// VideoLink is the video's addresses and title; as an inline node it is
// rendered as a link.
type VideoLink struct {
	ast.BaseInline
	// Script is set on the first placeholder of a document, which loads
	// the theme's video.js (once, deferred).
	Script string
	Watch  string // the page on the video host, for the link
	Embed  string // the player to load on click
	Host   string // "YouTube", "Vimeo"
	Title  string
}

var (
	// KindVideo is the node kind of a video placeholder block.
	KindVideo = ast.NewNodeKind("Video")
	// KindVideoLink is the node kind of an inline video link.
	KindVideoLink = ast.NewNodeKind("VideoLink")
)

// Kind implements ast.Node.
func (n *Video) Kind() ast.NodeKind { return KindVideo }

// Dump implements ast.Node.
func (n *Video) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Embed": n.Embed, "Title": n.Title}, nil)
}

// Kind implements ast.Node.
func (n *VideoLink) Kind() ast.NodeKind { return KindVideoLink }

// Dump implements ast.Node.
func (n *VideoLink) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Embed": n.Embed, "Title": n.Title}, nil)
}

var videoID = regexp.MustCompile(`^[A-Za-z0-9_-]{6,20}$`)

// VideoEmbed returns the player address, the watch page and the host name
// of a video page address, or ok false when it is not one.
func VideoEmbed(dest string) (embed, watch, host string, ok bool) {
	u, err := url.Parse(dest)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return "", "", "", false
	}
	h := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	h = strings.TrimPrefix(h, "m.")
	segs := strings.Split(strings.Trim(u.Path, "/"), "/")
	id := ""
	switch h {
	case "youtube.com", "youtube-nocookie.com":
		switch {
		case len(segs) == 1 && segs[0] == "watch":
			id = u.Query().Get("v")
		case len(segs) == 2 && (segs[0] == "embed" || segs[0] == "shorts" || segs[0] == "live"):
			id = segs[1]
		}
	case "youtu.be":
		if len(segs) == 1 {
			id = segs[0]
		}
	case "vimeo.com", "player.vimeo.com":
		last := segs[len(segs)-1]
		if strings.Trim(last, "0123456789") == "" && last != "" {
			return "https://player.vimeo.com/video/" + last + "?dnt=1&autoplay=1", "https://vimeo.com/" + last, "Vimeo", true
		}
		return "", "", "", false
	default:
		return "", "", "", false
	}
	if !videoID.MatchString(id) {
		return "", "", "", false
	}
	return "https://www.youtube-nocookie.com/embed/" + id + "?autoplay=1", "https://www.youtube.com/watch?v=" + id, "YouTube", true
}

// videoExtension turns video images into placeholders.
type videoExtension struct {
	basePath string
}

func (e videoExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(videoTransformer{script: e.basePath + "js/video.js"}, 50)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(videoRenderer{}, 50)))
}

type videoTransformer struct {
	script string // site path of video.js
}

func (t videoTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	// Every image, inline or by reference, is written "![": without one the
	// document has none, and its tree need not be walked.
	if !bytes.Contains(src, []byte("![")) {
		return
	}
	var images []*ast.Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering {
			images = append(images, img)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	script := t.script
	for _, img := range images {
		embed, watch, host, ok := VideoEmbed(string(img.Destination))
		if !ok {
			continue
		}
		link := VideoLink{Watch: watch, Embed: embed, Host: host, Title: PlainText(img, src)}
		para := img.Parent()
		if para != nil && para.Kind() == ast.KindParagraph && para.ChildCount() == 1 && para.Parent() != nil {
			block := &Video{VideoLink: link}
			block.Script, script = script, ""
			block.SetLines(para.Lines())
			para.Parent().ReplaceChild(para.Parent(), para, block)
			continue
		}
		inline := link
		img.Parent().ReplaceChild(img.Parent(), img, &inline)
	}
}

type videoRenderer struct{}

func (videoRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindVideo, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			v := node.(*Video)
			fmt.Fprintf(w, "<div class=\"video\">\n%s\n</div>\n", videoAnchor(&v.VideoLink, true))
			if v.Script != "" {
				fmt.Fprintf(w, "<script src=\"%s\" defer></script>\n", util.EscapeHTML([]byte(v.Script)))
			}
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindVideoLink, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(videoAnchor(node.(*VideoLink), false))
		}
		return ast.WalkSkipChildren, nil
	})
}

func videoAnchor(v *VideoLink, placeholder bool) string {
	esc := func(s string) string { return string(util.EscapeHTML([]byte(s))) }
	title := v.Title
	if title == "" {
		title = "the video"
	}
	if !placeholder {
		return fmt.Sprintf(`<a href="%s">%s (video on %s)</a>`, esc(v.Watch), esc(title), v.Host)
	}
	return fmt.Sprintf(`<a class="video-link" href="%s" data-embed="%s" data-title="%s">`+
		`<span class="video-play" aria-hidden="true"></span>`+
		`<span class="video-label">Watch the video: %s</span> `+
		`<span class="video-host">on %s. The player loads from %s only when you choose to watch.</span></a>`,
		esc(v.Watch), esc(v.Embed), esc(title), esc(title), v.Host, v.Host)
}
