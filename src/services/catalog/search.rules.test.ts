import { describe, expect, it } from 'vitest'
import {
  applyCorrections,
  chooseCorrections,
  editDistance,
  lexiconWords,
  normalizeSearchText,
  prefixQuery,
  searchWords,
  usesSearchOperators,
} from './search.rules.ts'

describe('search text', () => {
  it('a hyphen inside a word separates it, as in the search document; a leading minus stays an exclusion', () => {
    expect(normalizeSearchText('  Omega-3   oil ')).toBe('Omega 3 oil')
    expect(normalizeSearchText('tea -green')).toBe('tea -green')
  })

  it('words are lower-case letters and digits, at most eight', () => {
    expect(searchWords("Men's T shirt, size 42!")).toEqual(['men', 's', 't', 'shirt', 'size', '42'])
    expect(searchWords('a b c d e f g h i j')).toHaveLength(8)
  })

  it('the prefix query matches every word and the last as a prefix; web-search syntax is recognized', () => {
    expect(prefixQuery(['vitamin', 'gumm'])).toBe('vitamin & gumm:*')
    expect(prefixQuery([])).toBeNull()
    expect(usesSearchOperators('"green tea"')).toBe(true)
    expect(usesSearchOperators('tea -green')).toBe(true)
    expect(usesSearchOperators('tea or coffee')).toBe(true)
    expect(usesSearchOperators('orange tea')).toBe(false)
  })

  it('the lexicon keeps distinct words of name and brand with a letter and three characters or more', () => {
    expect(lexiconWords('Omega-3 Fish Oil', 'Nordic Sea')).toEqual(['omega', 'fish', 'oil', 'nordic', 'sea'])
    expect(lexiconWords('Tea tea TEA', null)).toEqual(['tea'])
  })
})

describe('corrections', () => {
  it('swapped neighbours are one edit', () => {
    expect(editDistance('omgea', 'omega')).toBe(1)
    expect(editDistance('vitamn', 'vitamin')).toBe(1)
    expect(editDistance('kitten', 'sitting')).toBe(3)
  })

  it('a word takes the closest term within its edit budget; known words, short words and numbers stay', () => {
    const corrections = chooseCorrections(
      ['vitamn', 'omgea', '3', 'oil', 'zzzzzz'],
      [
        { word: 'vitamn', term: 'vitamins', similarity: 0.45 },
        { word: 'vitamn', term: 'vitamin', similarity: 0.5 },
        { word: 'omgea', term: 'omega', similarity: 0.2 },
        { word: 'omgea', term: 'omelette', similarity: 0.25 },
        { word: 'oil', term: 'oil', similarity: 1 },
        { word: 'oil', term: 'oils', similarity: 0.5 },
        { word: 'zzzzzz', term: 'pizza', similarity: 0.31 },
      ],
    )
    expect(Object.fromEntries(corrections)).toEqual({ vitamn: 'vitamin', omgea: 'omega' })
  })

  it('corrections replace whole words and keep everything else', () => {
    expect(applyCorrections('Vitamn c -omgea', new Map([['vitamn', 'vitamin'], ['omgea', 'omega']]))).toBe('vitamin c -omega')
  })
})
