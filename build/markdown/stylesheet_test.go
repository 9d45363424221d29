package markdown

import (
	"bytes"
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/styles"

	"github.com/bedside-health/bedside/themes"
)

const darkMedia = "@media screen and (prefers-color-scheme: dark) {"

// themeSurfaces returns the default theme's --surface in the light and dark
// schemes: the background of a code block (pre.chroma).
func themeSurfaces(t *testing.T) (light, dark string) {
	t.Helper()
	css, err := fs.ReadFile(themes.Default(), "static/css/site.css")
	if err != nil {
		t.Fatal(err)
	}
	s := string(css)
	if !regexp.MustCompile(`(?m)^pre\.chroma \{ background: var\(--surface\); \}`).MatchString(s) {
		t.Fatal("the theme no longer paints pre.chroma with var(--surface): update the code backgrounds")
	}
	surface := regexp.MustCompile(`--surface:\s*(#[0-9a-fA-F]{6})`)
	i := strings.Index(s, "@media (prefers-color-scheme: dark) {")
	if i < 0 {
		t.Fatal("the theme has no dark scheme")
	}
	l, d := surface.FindStringSubmatch(s[:i]), surface.FindStringSubmatch(s[i:])
	if l == nil || d == nil {
		t.Fatal("no --surface in the theme's light or dark :root")
	}
	return strings.ToLower(l[1]), strings.ToLower(d[1])
}

var (
	cssRule = regexp.MustCompile(`(?m)^(?:/\* [^*]* \*/ )?([^{}\n]+?) \{ ([^}]*) \}$`)
	cssHex  = regexp.MustCompile(`^#[0-9a-f]{6}$`)
)

// cssRules maps each selector of a block of rules to its declarations,
// later rules overriding earlier ones, on top of base (the cascade).
func cssRules(block string, base map[string]map[string]string) map[string]map[string]string {
	out := map[string]map[string]string{}
	for sel, decls := range base {
		out[sel] = map[string]string{}
		for k, v := range decls {
			out[sel][k] = v
		}
	}
	for _, m := range cssRule.FindAllStringSubmatch(block, -1) {
		sel := m[1]
		if out[sel] == nil {
			out[sel] = map[string]string{}
		}
		for _, d := range strings.Split(m[2], ";") {
			k, v, ok := strings.Cut(d, ":")
			if ok {
				out[sel][strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
		}
	}
	return out
}

// checkCodeCSS checks a code stylesheet: the dark block colours every token
// the light block colours, and every colour reaches 4.5:1 against what is
// behind it in its scheme — its own background, or the code block's
// surface and a highlighted line's background. It returns the lowest
// ratio in each scheme.
func checkCodeCSS(t *testing.T, css, lightSurface, darkSurface string) (worstLight, worstDark float64) {
	t.Helper()
	lightBlock, darkBlock, ok := strings.Cut(css, darkMedia+"\n")
	if !ok {
		t.Fatalf("no dark block in\n%s", css)
	}
	light := cssRules(lightBlock, nil)
	darkOnly := cssRules(darkBlock, nil)
	dark := cssRules(darkBlock, light)

	n := 0
	for sel, decls := range light {
		if !cssHex.MatchString(decls["color"]) {
			continue
		}
		n++
		if !cssHex.MatchString(darkOnly[sel]["color"]) {
			t.Errorf("%s is coloured %s in the light block, but the dark block gives it no colour", sel, decls["color"])
		}
	}
	if n < 20 {
		t.Fatalf("only %d coloured rules in the light block: is the parser broken?\n%s", n, lightBlock)
	}

	check := func(scheme string, rules map[string]map[string]string, surface string) float64 {
		worst := 21.0
		behind := []string{surface}
		hl := rules[".chroma .hl"]["background-color"]
		if cssHex.MatchString(hl) {
			behind = append(behind, hl)
		}
		for sel, decls := range rules {
			fg := decls["color"]
			if !cssHex.MatchString(fg) {
				continue
			}
			bgs := behind
			if bg := decls["background-color"]; cssHex.MatchString(bg) && sel != ".bg" && sel != ".chroma" {
				bgs = []string{bg} // its own background (the theme paints .chroma)
			} else if sel == ".chroma .hl" {
				bgs = []string{hl}
			}
			for _, bg := range bgs {
				r := contrast(chroma.MustParseColour(fg), chroma.MustParseColour(bg))
				worst = min(worst, r)
				if r < minContrast {
					t.Errorf("%s: %s { color: %s } on %s: contrast %.2f:1, below %.1f:1", scheme, sel, fg, bg, r, minContrast)
				}
			}
		}
		return worst
	}
	return check("light", light, lightSurface), check("dark", dark, darkSurface)
}

// TestStyleSheetContrast checks the code-highlighting stylesheet against the
// default theme's code background: in dark mode, punctuation and other
// tokens the dark style leaves to its plain text colour used to keep the
// light block's near-black (1.01:1).
func TestStyleSheetContrast(t *testing.T) {
	lightSurface, darkSurface := themeSurfaces(t)
	if lightSurface != codeSurfaceLight || darkSurface != codeSurfaceDark {
		t.Errorf("the theme's --surface is %s (light) and %s (dark), but the stylesheet is made for %s and %s",
			lightSurface, darkSurface, codeSurfaceLight, codeSurfaceDark)
	}
	css := StyleSheet()
	if !bytes.Equal(css, StyleSheet()) {
		t.Error("StyleSheet is not deterministic")
	}
	worstLight, worstDark := checkCodeCSS(t, string(css), lightSurface, darkSurface)
	t.Logf("worst contrast: light %.2f:1, dark %.2f:1", worstLight, worstDark)
}

// TestStyleSheetContrastOtherStyles checks that the colours are fixed by
// rule, not by hand: other chroma styles come out readable too.
func TestStyleSheetContrastOtherStyles(t *testing.T) {
	for _, pair := range [][2]string{
		{"solarized-light", "solarized-dark"},
		{"monokailight", "monokai"},
		{"xcode", "dracula"},
		{"friendly", "nord"},
		{"tango", "native"},
	} {
		t.Run(pair[0]+"+"+pair[1], func(t *testing.T) {
			for _, name := range pair {
				if styles.Registry[name] == nil {
					t.Skipf("chroma has no style %q", name)
				}
			}
			css := codeStyleSheet(
				styles.Get(pair[0]), chroma.MustParseColour(codeSurfaceLight),
				styles.Get(pair[1]), chroma.MustParseColour(codeSurfaceDark))
			checkCodeCSS(t, string(css), codeSurfaceLight, codeSurfaceDark)
		})
	}
}

func TestReadable(t *testing.T) {
	surface := chroma.MustParseColour(codeSurfaceDark)
	for _, c := range []string{"#000000", "#1f2328", "#6639ba", "#6e7681", "#ffffff"} {
		got := readable(chroma.MustParseColour(c), surface)
		if r := contrast(got, surface); r < minContrast {
			t.Errorf("readable(%s) = %s: %.2f:1", c, got, r)
		}
	}
	// A readable colour is left as it is.
	if c := chroma.MustParseColour("#e6edf3"); readable(c, surface) != c {
		t.Errorf("readable changed #e6edf3 to %s", readable(c, surface))
	}
	// WCAG's own examples: black on white is 21:1, a colour on itself 1:1.
	if r := contrast(chroma.MustParseColour("#000000"), chroma.MustParseColour("#ffffff")); r < 20.99 || r > 21.01 {
		t.Errorf("contrast(black, white) = %v", r)
	}
}
