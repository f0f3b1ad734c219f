/**
 * The local identities' phones (src/services/localIdentity.ts), which the product passes to the local cloud
 * (scripts/local-cloud.ts): a `<button open-type="getPhoneNumber">` code of an identity resolves to its phone, and
 * that phone is the one the demo data stores on the identity's member, so "verify my phone" agrees with the card.
 */
import { rmSync } from 'node:fs'
import { startLocalCloud } from '../../localcloud'
import { phoneInfoOf } from '../../localcloud/openapi/phone'
import { demoDocuments } from '../../scripts/demo-data'
import { productCloudOptions } from '../../scripts/local-cloud'
import { LOCAL_IDENTITIES } from '../../src/services/localIdentity'
import { FIXTURE_FUNCTIONS, tempDir } from '../localcloud/support'

const members = demoDocuments().members as { _id: string; mobile: string }[]

describe('each local identity has a phone', () => {
  it('well formed and its own', () => {
    const phones = LOCAL_IDENTITIES.map((identity) => identity.phone)
    for (const phone of phones) expect(phoneInfoOf(phone)).not.toBeNull()
    expect(new Set(phones).size).toBe(phones.length)
  })

  it("equal to the mobile on the identity's demo member, and no other demo member's", () => {
    for (const identity of LOCAL_IDENTITIES) {
      const own = members.find((m) => m._id === identity.openid)
      if (own) expect(own.mobile).toBe(identity.phone)
      expect(members.filter((m) => m.mobile === identity.phone && m._id !== identity.openid)).toEqual([])
    }
    expect(members.find((m) => m._id === 'demo-shopper-b')?.mobile).toBe(LOCAL_IDENTITIES.find((i) => i.openid === 'demo-shopper-b')?.phone)
  })

  it("is what a function gets for the identity's code on the product's local cloud", async () => {
    const dataDir = tempDir()
    const cloud = await startLocalCloud({
      dataDir,
      functionsDir: FIXTURE_FUNCTIONS,
      ...productCloudOptions(),
      staticDir: null,
      port: 0,
      poolSize: 1,
      logs: false,
      dbLatencyMs: 0,
    })
    try {
      for (const identity of LOCAL_IDENTITIES) {
        const out = (await cloud.invoke('phone', { code: cloud.phoneCode(identity.openid) }, { openid: identity.openid })) as {
          result: { phoneInfo: { phoneNumber: string } }
        }
        expect(out.result.phoneInfo.phoneNumber).toBe(identity.phone)
      }
    } finally {
      await cloud.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 30_000)
})
