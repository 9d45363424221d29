// Package readability measures how hard an article's prose is to read.
//
// Patient-education material targets a school grade of 6 to 8. The package
// extracts the prose of a Markdown document ([Prose]: paragraphs, list items
// and quotes; not code, tables, headings or front matter), splits it into
// sentences and words, counts syllables ([SyllablesEnglish],
// [SyllablesSpanish]) and computes the standard formulas ([Measure];
// [MeasureDoc] for a document already parsed, as a build scores every
// article):
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
//
// Scoring reads each block in one pass over its bytes and keeps the
// syllable count of each word seen in a cache shared by all goroutines and
// read without locks, since a site uses the same few thousand words again
// and again. The implementation it replaced is kept in reference_test.go;
// the tests and the fuzz targets FuzzMeasureMatchesReference and
// FuzzProseMatchesReference check that the results are the same to the bit.
package readability
