// Package readability measures how hard an article's prose is to read.
//
// Patient-education material targets a school grade of 6 to 8. The package
// extracts the prose of a Markdown document ([Prose]: paragraphs, list items
// and quotes; not code, tables, headings or front matter), splits it into
// sentences and words, counts syllables ([SyllablesEnglish],
// [SyllablesSpanish]) and computes the standard formulas ([Measure]):
//
//   - SMOG grade = 1.0430·√(P·30/S) + 3.1291 (McLaughlin 1969), preferred
//     for health material;
//   - Flesch–Kincaid grade = 0.39·W/S + 11.8·Y/W − 15.59;
//   - Flesch Reading Ease = 206.835 − 1.015·W/S − 84.6·Y/W;
//   - for Spanish, Fernández-Huerta = 206.84 − 60·Y/W − 1.02·W/S and
//     INFLESZ (Szigriszt-Pazos) = 206.835 − 62.3·Y/W − W/S;
//
// where W is words, S sentences, Y syllables and P words of three or more
// syllables.
//
// Sentences end at ".", "!" or "?" (not after abbreviations such as "Dr." or
// "e.g.", nor inside numbers such as 7.5) and at the end of every paragraph,
// list item and table-free block, so a list of short items counts as short
// sentences. A word is a run of letters or digits, with inner hyphens and
// apostrophes ("follow-up", "don't"); a number is a one-syllable word.
package readability
