package site

// suggest returns the candidate closest to name when it is close enough to be
// a likely typo ("last_reviewed" for "lastReviewed"), or "" when none is.
// Case, '_' and '-' are ignored, because clinicians moving from other tools
// often write snake_case or kebab-case keys.
func suggest(name string, candidates []string) string {
	norm := func(s string) string {
		out := make([]rune, 0, len(s))
		for _, r := range s {
			switch {
			case r == '_' || r == '-' || r == ' ':
			case r >= 'A' && r <= 'Z':
				out = append(out, r+'a'-'A')
			default:
				out = append(out, r)
			}
		}
		return string(out)
	}
	n := norm(name)
	best, bestDist := "", 1<<30
	for _, c := range candidates {
		d := editDistance(n, norm(c))
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := 2
	if len([]rune(n)) <= 4 {
		limit = 1
	}
	if bestDist <= limit {
		return best
	}
	return ""
}

// editDistance is the Levenshtein distance between a and b, by runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// didYouMean formats a suggestion hint, or returns fallback when there is none.
func didYouMean(name string, candidates []string, fallback string) string {
	if s := suggest(name, candidates); s != "" {
		return "did you mean " + s + "?"
	}
	return fallback
}
