import { describe, expect, it } from 'vitest'
import { responseTimes, vendorsByDay } from './vendorCharts.js'

const at = (s: string) => new Date(s)
const vendors = [
  {
    notifiedAt: at('2003-02-10T12:00:00Z'),
    seenAt: at('2003-02-10T15:00:00Z'),
    respondedAt: at('2003-02-11T09:00:00Z'),
    statementAt: at('2003-02-20T09:00:00Z'),
  },
  {
    notifiedAt: at('2003-02-10T12:00:00Z'),
    seenAt: at('2003-02-12T08:00:00Z'),
    respondedAt: null,
    statementAt: at('2003-02-14T08:00:00Z'),
  },
  { notifiedAt: at('2003-02-11T12:00:00Z'), seenAt: null, respondedAt: null, statementAt: null },
  { notifiedAt: null, seenAt: null, respondedAt: null, statementAt: null },
]

describe('vendors by day', () => {
  it('counts, cumulatively, who had been notified, had seen, responded and stated by the end of each day', () => {
    expect(vendorsByDay(vendors, at('2003-02-14T18:00:00Z'))).toEqual([
      { date: '2003-02-10', notified: 2, seen: 1, responded: 0, statement: 0 },
      { date: '2003-02-11', notified: 3, seen: 1, responded: 1, statement: 0 },
      { date: '2003-02-12', notified: 3, seen: 2, responded: 1, statement: 0 },
      { date: '2003-02-13', notified: 3, seen: 2, responded: 1, statement: 0 },
      { date: '2003-02-14', notified: 3, seen: 2, responded: 2, statement: 1 },
    ])
  })

  it('is empty before anyone was notified, and keeps the latest days of a long case', () => {
    expect(vendorsByDay([vendors[3]!], at('2003-02-14T00:00:00Z'))).toEqual([])
    const long = vendorsByDay(vendors, at('2003-12-31T00:00:00Z'), 30)
    expect(long).toHaveLength(30)
    expect(long.at(-1)!.date).toBe('2003-12-31')
  })
})

describe('response times', () => {
  it('puts each answered vendor in its bucket, counts the silent apart, and gives the median', () => {
    expect(responseTimes(vendors)).toEqual({
      buckets: [
        { label: 'within a day', count: 1 },
        { label: '1 to 3 days', count: 0 },
        { label: '3 to 7 days', count: 1 },
        { label: '1 to 2 weeks', count: 0 },
        { label: 'over 2 weeks', count: 0 },
      ],
      noResponseYet: 1,
      medianHours: (21 + 92) / 2,
    })
  })
})
