package main

import (
	"strings"
	"testing"
)

func TestServeUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--port", "70000"},
		{"serve", "--port", "http"},
		{"serve", "--poll", "1ms"},
		{"serve", "--poll", "often"},
		{"serve", "--now", "tomorrow"},
		{"serve", "--source", "/no/such/site/folder"},
		{"serve", "extra"},
	} {
		code, _, stderr := runCLI(t, args...)
		if code != 2 {
			t.Errorf("bedside %s: exit %d, want 2", strings.Join(args, " "), code)
		}
		if !strings.Contains(stderr, "serve") {
			t.Errorf("bedside %s: the message does not name the command:\n%s", strings.Join(args, " "), stderr)
		}
	}
}
