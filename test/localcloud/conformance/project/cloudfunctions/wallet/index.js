// A small CloudBase project of its own, not the VIP card's: a wallet. Plain JavaScript against wx-server-sdk, written
// as any CloudBase project would be; test/localcloud/conformance/conformance.test.ts runs it on the local cloud and
// checks the answers against what CloudBase documents. Most actions return the SDK's answer untouched, so the test
// sees its exact shape.
const cloud = require('wx-server-sdk')

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
const db = cloud.database({ throwOnNotFound: false })
const _ = db.command
const $ = db.command.aggregate

/** What a caller can tell of a thrown SDK error (or of a rollback reason). */
const failure = (e) =>
  e instanceof Error || (e && e.errMsg !== undefined)
    ? { failed: true, errCode: e.errCode, errMsg: e.errMsg, message: String(e.message) }
    : { failed: true, reason: e }
const attempt = async (work) => {
  try {
    return await work()
  } catch (e) {
    return failure(e)
  }
}

const accounts = () => db.collection('accounts')
const movements = () => db.collection('movements')

const actions = {
  register: ({ owner, name }) => db.collection('owners').add({ data: { _id: owner, name } }),
  open: ({ owner, label }) => accounts().add({ data: { owner, label, balance: 0, openedAt: db.serverDate() } }),
  get: ({ id }) => accounts().doc(id).get(),

  // Money in: the balance with _.inc and a movement, in one transaction.
  topUp: ({ id, amount }) =>
    attempt(() =>
      db.runTransaction(async (t) => {
        const { data } = await t.collection('accounts').doc(id).get()
        if (!data) return t.rollback('NO_ACCOUNT')
        const updated = await t.collection('accounts').doc(id).update({ data: { balance: _.inc(amount) } })
        await t.collection('movements').add({ data: { account: id, kind: 'topUp', amount, at: db.serverDate() } })
        return { before: data.balance, after: data.balance + amount, updated: updated.stats }
      }),
    ),

  // Between two accounts. The funds are checked after the writes, so a refusal must undo them.
  transfer: ({ from, to, amount }) =>
    attempt(() =>
      db.runTransaction(async (t) => {
        const a = (await t.collection('accounts').doc(from).get()).data
        const b = (await t.collection('accounts').doc(to).get()).data
        await t.collection('accounts').doc(from).update({ data: { balance: _.inc(-amount) } })
        await t.collection('accounts').doc(to).update({ data: { balance: _.inc(amount) } })
        await t.collection('movements').add({ data: { account: from, kind: 'out', amount: -amount, at: db.serverDate() } })
        await t.collection('movements').add({ data: { account: to, kind: 'in', amount, at: db.serverDate() } })
        if (a.balance < amount) return t.rollback({ code: 'INSUFFICIENT_FUNDS', balance: a.balance })
        // Reads in the transaction see its own writes.
        const mine = await t.collection('movements').where({ account: _.in([from, to]), kind: _.in(['in', 'out']) }).get()
        return { from: a.balance - amount, to: b.balance + amount, movementsSeen: mine.data.length }
      }),
    ),

  list: ({ owner, skip, limit }) => {
    let q = accounts().where({ owner }).orderBy('balance', 'desc').orderBy('label', 'asc')
    if (skip !== undefined) q = q.skip(skip)
    if (limit !== undefined) q = q.limit(limit)
    return q.get()
  },
  movements: ({ account, limit }) => (limit === undefined ? movements().where({ account }).get() : movements().where({ account }).limit(limit).get()),
  count: ({ owner }) => accounts().where({ owner }).count(),
  statement: ({ account }) => movements().where({ account }).orderBy('at', 'asc').field({ kind: true, amount: true, _id: false }).get(),

  // Totals per owner, joined with the owner's name.
  report: () =>
    accounts()
      .aggregate()
      .group({ _id: '$owner', total: $.sum('$balance'), accounts: $.sum(1) })
      .lookup({ from: 'owners', localField: '_id', foreignField: '_id', as: 'holder' })
      .sort({ total: -1 })
      .end(),
  movementsAggregate: ({ account, limit }) => {
    const pipeline = movements().aggregate().match({ account })
    return (limit === undefined ? pipeline : pipeline.limit(limit)).end()
  },

  rename: ({ id, label }) => accounts().doc(id).update({ data: { label } }),
  freezeAll: ({ owner }) => accounts().where({ owner }).update({ data: { frozen: true } }),
  closeEmpty: ({ owner }) => accounts().where({ owner, balance: 0 }).remove(),

  // A bug CloudBase refuses: incrementing the label (a string) along with the balance.
  corrupt: ({ id }) => attempt(() => accounts().doc(id).update({ data: { label: _.inc(1), balance: _.inc(1) } })),
  corruptInTransaction: ({ id }) =>
    attempt(() =>
      db.runTransaction(async (t) => {
        await t.collection('accounts').doc(id).update({ data: { balance: _.inc(500) } })
        await t.collection('accounts').doc(id).update({ data: { 'label.first': 'x' } })
      }),
    ),
  missingCollection: () => attempt(() => db.collection('no_such_collection').where({ a: 1 }).get()),

  // The ledger function, called the way CloudBase functions call each other.
  audit: ({ account }) => cloud.callFunction({ name: 'ledger', data: { action: 'summary', account } }),
}

exports.main = async (event) => {
  const action = actions[event.action]
  if (!action) throw new Error(`unknown action ${event.action}`)
  return action(event)
}
