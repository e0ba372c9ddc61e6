// What the search bench types, in turn: a prefix found in a tenth of the cases, two and three
// words, an identifier, a short prefix, a word and a number, a quoted phrase.
export const benchSearchQueries = [
  'sendm',
  'Sendmail buffer',
  'remote root nginx',
  'LS-BENCH-12',
  'zli',
  'kernel 4711',
  '"use after free"',
]
