/** "12,480": points are integers; grouped like money so big balances read at a glance. */
export const formatPoints = (points: number): string => String(points).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
