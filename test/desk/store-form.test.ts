/**
 * The store dialog's map point: a whole "lat,lng" pasted into either box fills both (even when a map copied it the
 * other way round), a point outside China is named before saving, and the map picker link needs a key. And the
 * poster files say whose poster or code they hold.
 */
import type { StoreCodeView } from '../../src/api/contract'
import { storeCodeFileName, storePosterFileName } from '../../src/ops/posters/storePoster'
import { locationPickerUrl, pastedPoint, pointProblems } from '../../desk/src/pages/stores/storeForm'

describe('a point pasted into a coordinate box', () => {
  it.each([
    ['31.2243,121.4457', '31.2243', '121.4457'],
    [' 31.2243, 121.4457 ', '31.2243', '121.4457'],
    ['31.2243，121.4457', '31.2243', '121.4457'],
    ['31.2243 121.4457', '31.2243', '121.4457'],
    ['39.9334;116.4550', '39.9334', '116.4550'],
  ])('%j fills latitude and longitude', (text, latitude, longitude) => expect(pastedPoint(text)).toEqual({ latitude, longitude }))

  it('reads "lng,lat" the right way round, since in China the two ranges do not overlap', () =>
    expect(pastedPoint('121.4457,31.2243')).toEqual({ latitude: '31.2243', longitude: '121.4457' }))

  it.each(['31.2243', '31.', '', 'abc,def', '31.2,121.4,5', '1e3,2e3', '上海'])('leaves %j to the one box being typed in', (text) =>
    expect(pastedPoint(text)).toBeNull(),
  )

  it('keeps a pair it cannot place as typed, for the bounds check to name', () =>
    expect(pastedPoint('-33.86,151.21')).toEqual({ latitude: '-33.86', longitude: '151.21' }))
})

describe('the typed point, checked before saving', () => {
  it('is fine empty (a store with no map point) or inside China', () => {
    expect(pointProblems({ latitude: '', longitude: '' })).toEqual({})
    expect(pointProblems({ latitude: '31.2243', longitude: '121.4457' })).toEqual({})
  })

  it('names a coordinate outside China, with the bounds', () => {
    expect(pointProblems({ latitude: '-33.86', longitude: '151.21' })).toEqual({
      latitude: '纬度应在 3.86–53.56 之间（中国境内）',
      longitude: '经度应在 73.66–135.06 之间（中国境内）',
    })
    expect(pointProblems({ latitude: '31.2', longitude: '12.14' })).toEqual({ longitude: '经度应在 73.66–135.06 之间（中国境内）' })
  })

  it('names a box that is not a number, and waits for the other box while one is empty', () => {
    expect(pointProblems({ latitude: '北纬31', longitude: '121.4' })).toEqual({ latitude: '纬度应为数字，例如 39.9334' })
    expect(pointProblems({ latitude: '31.2', longitude: '' })).toEqual({})
  })
})

describe('the map picker link', () => {
  it('opens Tencent’s location picker with the key and the app’s name', () =>
    expect(locationPickerUrl('AB CD', 'VIP Card 运营后台')).toBe(
      'https://apis.map.qq.com/tools/locpicker?search=1&type=1&key=AB%20CD&referer=VIP%20Card%20%E8%BF%90%E8%90%A5%E5%90%8E%E5%8F%B0',
    ))

  it('opens on the store’s point when it has one', () =>
    expect(locationPickerUrl('K', 'R', { latitude: 39.9334, longitude: 116.455 })).toBe(
      'https://apis.map.qq.com/tools/locpicker?search=1&type=1&key=K&referer=R&coord=39.9334,116.455',
    ))

  it('is absent without a key', () => {
    expect(locationPickerUrl(undefined, 'VIP Card')).toBeNull()
    expect(locationPickerUrl('', 'VIP Card')).toBeNull()
  })
})

describe('poster file names', () => {
  const code = (assistant: StoreCodeView['assistant'], contentType: string) =>
    ({ store: { id: 'SH001', name: '静安店', address: '' }, assistant, image: { contentType, base64: '' } }) as StoreCodeView

  it('say the store and, on a personal code, the staff member', () => {
    expect(storePosterFileName('SH001', null)).toBe('门店海报-SH001.png')
    expect(storePosterFileName('SH001', 'A01')).toBe('门店海报-SH001-A01.png')
    expect(storeCodeFileName(code(null, 'image/png'))).toBe('小程序码-SH001.png')
    expect(storeCodeFileName(code({ staffId: 'A01', name: '王丽' }, 'image/jpeg'))).toBe('小程序码-SH001-A01.jpg')
  })
})
