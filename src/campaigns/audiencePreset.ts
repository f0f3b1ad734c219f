/**
 * A campaign form opened with its audience chosen elsewhere: the segments page's "给这批客户发券" sends the
 * operator here with the classes, or a top list and how many of it, in the page's URL.
 */
import type { CustomerClass } from '../domain/segments'
import type { TopListName } from '../domain/audience'
import { ROUTES } from '../routes'

export type AudiencePreset = { kind: 'classes'; classes: CustomerClass[] } | { kind: 'top'; list: TopListName; count: number }

const CLASSES: readonly CustomerClass[] = ['A', 'B', 'C', 'D']
const LISTS: readonly TopListName[] = ['loyal', 'main', 'big']

/** "/ops/campaigns/index?audience=classes&classes=A,B" or "…?audience=top&list=loyal&count=20". */
export const campaignUrlFor = (preset: AudiencePreset): string =>
  preset.kind === 'classes'
    ? `${ROUTES.opsCampaigns}?audience=classes&classes=${preset.classes.join(',')}`
    : `${ROUTES.opsCampaigns}?audience=top&list=${preset.list}&count=${preset.count}`

/** The preset a URL's parameters name, or null for anything else (a plain visit, a hand-edited link). */
export const presetFrom = (params: Partial<Record<string, string>>): AudiencePreset | null => {
  if (params.audience === 'classes') {
    const classes = CLASSES.filter((c) => (params.classes ?? '').split(',').includes(c))
    return classes.length ? { kind: 'classes', classes } : null
  }
  if (params.audience === 'top') {
    const list = LISTS.find((l) => l === params.list)
    const count = Number(params.count)
    return list && Number.isInteger(count) && count >= 1 && count <= 1000 ? { kind: 'top', list, count } : null
  }
  return null
}
