/** How the desk writes times: business time (Asia/Shanghai), as the mini-program's wording does. */
import { dateText } from '../../src/wording/dates'

export const deskTime = (at: string): string => dateText(at, 'auditTime')
