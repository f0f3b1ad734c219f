/**
 * "Chrome 131 · Windows": what the operator's phone shows of the browser asking to sign in, from its user agent.
 * Only a description for a person to recognise their own computer by; nothing trusts it.
 */
const BROWSERS: [RegExp, string][] = [
  [/Edg\/(\d+)/, 'Edge'],
  [/QQBrowser\/(\d+)/, 'QQ浏览器'],
  [/MicroMessenger\/(\d+)/, '微信'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/Chrome\/(\d+)/, 'Chrome'],
  [/Version\/(\d+).*Safari/, 'Safari'],
]
const SYSTEMS: [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Android/, 'Android'],
  [/iPhone|iPad/, 'iOS'],
  [/Linux/, 'Linux'],
]

export const browserName = (userAgent: string): string => {
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))
  const name = browser ? `${browser[1]} ${browser[0].exec(userAgent)![1]}` : '未知浏览器'
  return system ? `${name} · ${system[1]}` : name
}
