package site_test

import (
	"strings"
	"testing"
)

// A slug or an alias part longer than a file name may be would fail only
// when written, with the file system's "file name too long": it is an
// error at its line instead.
func TestOverlongSlugAndAlias(t *testing.T) {
	long := strings.Repeat("very-long-", 30) // 300 bytes
	s := loadTxtar(t, `
-- content/news/a.md --
---
title: A
description: d
date: 2025-01-01
author: {name: Sam Lee}
slug: `+long+`
aliases: [/old/`+long+`/]
---
Text.
`)
	got := s.Diagnostics.Error()
	for _, want := range []string{
		"content/news/a.md:6: slug: is 300 bytes long, more than the 255 a file name may have",
		`content/news/a.md:7: aliases: "/old/` + long + `/" has a part 300 bytes long, more than the 255 a file name may have`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}
