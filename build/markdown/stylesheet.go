package markdown

import (
	"bytes"
	"fmt"
	"math"
	"sort"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

// The code-highlighting stylesheet is chroma's CSS for a light style, then
// its CSS for a dark style inside @media screen and (prefers-color-scheme:
// dark): on paper, code keeps the light colours, whatever the screen. Two
// things make chroma's CSS as it comes unfit for that:
//
//   - The theme paints code blocks itself (pre.chroma { background:
//     var(--surface) }), so the styles' own backgrounds are never seen, and
//     their colours were not chosen for the theme's surface: some fall
//     below the 4.5:1 contrast that WCAG 1.4.3 asks of text.
//   - The dark block only overrides the rules it writes: chroma leaves out a
//     token whose colour is the style's plain text colour (and every token
//     the style does not colour), so the light block's colour stays, dark on
//     a dark surface (punctuation was 1.01:1). The same goes for a light
//     token's background.
//
// So each style's colours are moved towards black or white, by the least
// amount that makes them readable on the code block's background (and on a
// highlighted line's), and the dark block is completed with a rule for every
// token the light block colours or gives a background.

const (
	// codeSurfaceLight and codeSurfaceDark are the background of a code
	// block in the light and dark schemes: the default theme's --surface
	// (themes/default/static/css/site.css; a test checks they agree).
	codeSurfaceLight = "#f3f6f8"
	codeSurfaceDark  = "#1c2329"
	// minContrast is the contrast ratio WCAG 1.4.3 (AA) asks of body text.
	minContrast = 4.5
	// maxHighlightContrast is the most a highlighted line's background may
	// stand out from the code block's, so that tokens can stay readable on
	// both without all turning black or white.
	maxHighlightContrast = 1.25
)

// StyleSheet returns the CSS for highlighted code: a light style, and a dark
// one applied when the reader's system prefers a dark color scheme. Every
// token colour reaches 4.5:1 against the code block's background in its
// scheme, and the dark block gives a colour to every token the light one
// colours.
func StyleSheet() []byte {
	return codeStyleSheet(
		styles.Get("github"), chroma.MustParseColour(codeSurfaceLight),
		styles.Get("github-dark"), chroma.MustParseColour(codeSurfaceDark))
}

// codeStyleSheet writes the light style's CSS, readable on lightSurface,
// and the dark style's, readable on darkSurface, for the dark scheme.
func codeStyleSheet(light *chroma.Style, lightSurface chroma.Colour, dark *chroma.Style, darkSurface chroma.Colour) []byte {
	light = readableStyle(light, lightSurface)
	dark = readableStyle(dark, darkSurface)
	var b bytes.Buffer
	f := chromahtml.New(chromahtml.WithClasses(true))
	_ = f.WriteCSS(&b, light)
	b.WriteString("@media screen and (prefers-color-scheme: dark) {\n")
	_ = f.WriteCSS(&b, dark)
	writeOverrides(&b, light, dark, darkSurface)
	b.WriteString("}\n")
	return b.Bytes()
}

// tokenTypes returns the types chroma writes CSS for, in order.
func tokenTypes() []chroma.TokenType {
	types := make([]chroma.TokenType, 0, len(chroma.StandardTypes))
	for t := range chroma.StandardTypes {
		types = append(types, t)
	}
	sort.Slice(types, func(i, j int) bool { return types[i] < types[j] })
	return types
}

// readableStyle returns style with the colours moved as little as needed to
// reach minContrast: against a token's own background when it has one,
// otherwise against surface and against the highlighted line's background,
// itself moved towards surface until it stands out by maxHighlightContrast
// at most.
func readableStyle(style *chroma.Style, surface chroma.Colour) *chroma.Style {
	b := style.Builder()
	styleBg := style.Get(chroma.Background).Background
	backgrounds := []chroma.Colour{surface}
	if hl := style.Get(chroma.LineHighlight); hl.Background.IsSet() && hl.Background != styleBg {
		tamed := hl.Background
		for i := 1; i <= 256 && contrast(tamed, surface) > maxHighlightContrast; i++ {
			tamed = mix(hl.Background, surface, float64(i)/256)
		}
		backgrounds = append(backgrounds, tamed)
		if tamed != hl.Background {
			hl.Background = tamed
			b.AddEntry(chroma.LineHighlight, hl)
		}
	}
	for _, t := range tokenTypes() {
		e := b.Get(t)
		if !e.Colour.IsSet() {
			continue
		}
		var c chroma.Colour
		switch {
		case t == chroma.LineHighlight:
			c = readable(e.Colour, backgrounds[len(backgrounds)-1])
		case t != chroma.Background && t != chroma.PreWrapper && e.Background.IsSet() && e.Background != styleBg:
			c = readable(e.Colour, e.Background) // the token's own background
		default:
			c = readable(e.Colour, backgrounds...)
		}
		if c != e.Colour {
			e.Colour = c
			b.AddEntry(t, e)
		}
	}
	out, err := b.Build()
	if err != nil {
		panic(err) // cannot happen: the entries were written by StyleEntry.String
	}
	return out
}

// cssEntry is what chroma's CSS for style says of t: its properties that
// differ from the style's background entry (.bg and .chroma carry that
// entry itself).
func cssEntry(style *chroma.Style, t chroma.TokenType) chroma.StyleEntry {
	bg := style.Get(chroma.Background)
	switch t {
	case chroma.Background:
		return bg
	case chroma.PreWrapper:
		return style.Get(t).Sub(bg).Inherit(bg)
	}
	return style.Get(t).Sub(bg)
}

// writeOverrides writes, for the dark block, a rule for each token that the
// light block colours or gives a background and the dark block's CSS does
// not: the dark style's colour for it (its plain text colour, when the
// token has none of its own), and a transparent background.
func writeOverrides(b *bytes.Buffer, light, dark *chroma.Style, darkSurface chroma.Colour) {
	for _, t := range tokenTypes() {
		class := chroma.StandardTypes[t]
		if class == "" {
			continue
		}
		l, d := cssEntry(light, t), cssEntry(dark, t)
		var decls []string
		if l.Colour.IsSet() && !d.Colour.IsSet() {
			c := dark.Get(t).Colour
			if !c.IsSet() { // a dark style with no text colour
				c = readable(l.Colour, darkSurface)
			}
			decls = append(decls, "color: "+c.String())
		}
		if l.Background.IsSet() && !d.Background.IsSet() {
			decls = append(decls, "background-color: transparent")
		}
		if len(decls) == 0 {
			continue
		}
		selector := ".chroma ." + class
		switch t {
		case chroma.Background:
			selector = ".bg"
		case chroma.PreWrapper:
			selector = ".chroma"
		}
		fmt.Fprintf(b, "/* %s */ %s { ", t, selector)
		for i, d := range decls {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(d)
		}
		b.WriteString(" }\n")
	}
}

// readable returns c if it reaches minContrast against every background,
// otherwise c mixed with black or white (the one that contrasts more with
// the first background) by the least amount that does.
func readable(c chroma.Colour, backgrounds ...chroma.Colour) chroma.Colour {
	ok := func(c chroma.Colour) bool {
		for _, bg := range backgrounds {
			if contrast(c, bg) < minContrast {
				return false
			}
		}
		return true
	}
	if ok(c) {
		return c
	}
	black, white := chroma.NewColour(0, 0, 0), chroma.NewColour(255, 255, 255)
	target := black
	if contrast(white, backgrounds[0]) > contrast(black, backgrounds[0]) {
		target = white
	}
	for i := 1; i < 256; i++ {
		if m := mix(c, target, float64(i)/256); ok(m) {
			return m
		}
	}
	return target
}

// mix returns c moved towards to by f (0: c, 1: to), in sRGB.
func mix(c, to chroma.Colour, f float64) chroma.Colour {
	ch := func(a, b uint8) uint8 {
		return uint8(math.Round(float64(a) + (float64(b)-float64(a))*f))
	}
	return chroma.NewColour(ch(c.Red(), to.Red()), ch(c.Green(), to.Green()), ch(c.Blue(), to.Blue()))
}

// contrast is the WCAG 2 contrast ratio of two colours, from 1 to 21.
func contrast(a, b chroma.Colour) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is a colour's WCAG 2 relative luminance.
func luminance(c chroma.Colour) float64 {
	ch := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.Red()) + 0.7152*ch(c.Green()) + 0.0722*ch(c.Blue())
}
