// How the metrics page writes its figures.
export function days(value: number | null): string {
  if (value === null) return '–'
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value)
  return `${rounded} day${rounded === 1 ? '' : 's'}`
}

export function percent(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)}%`
}

/** "1 case", "3 cases": a count with its noun, singular or plural. */
export function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}
