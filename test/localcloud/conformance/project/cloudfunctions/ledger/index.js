// The conformance project's second function: sums an account's movements. The wallet calls it with
// cloud.callFunction, as CloudBase functions call each other.
const cloud = require('wx-server-sdk')

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
const db = cloud.database()

exports.main = async (event) => {
  if (event.action !== 'summary') throw new Error(`unknown action ${event.action}`)
  const { data } = await db.collection('movements').where({ account: event.account }).limit(1000).get()
  return {
    account: event.account,
    movements: data.length,
    net: data.reduce((sum, m) => sum + m.amount, 0),
    caller: cloud.getWXContext().OPENID,
  }
}
