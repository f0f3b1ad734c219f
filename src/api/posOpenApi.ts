/**
 * The POS API as an OpenAPI 3.1 document: what `GET /pos/v1/openapi.json` serves, and the source of
 * docs/pos-api.yaml (written by `npm run pos -- openapi`; a unit test fails when the file is out of date).
 */
import { MAX_SALE_LINES, POS_NONCE_WINDOW_SECONDS, POS_TIMESTAMP_WINDOW_SECONDS } from '../domain/pos'

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const fen = (description: string, minimum = 0) => ({ type: 'integer', minimum, maximum: 10_000_000, description })
const jsonBody = (schema: object) => ({ required: true, content: { 'application/json': { schema } } })
const ok = (description: string, data: object) => ({
  description,
  content: {
    'application/json': {
      schema: { type: 'object', required: ['ok', 'data'], properties: { ok: { const: true }, data } },
    },
  },
})
const failure = (description: string) => ({ description, content: { 'application/json': { schema: ref('Failure') } } })
const refusals = {
  '400': failure('INVALID_INPUT: a field is wrong; `error.fields` lists each one'),
  '401': failure(
    'UNAUTHORIZED: the request is not signed by a live key (bad signature, timestamp off by more than ' +
      `${POS_TIMESTAMP_WINDOW_SECONDS} s, nonce used before, unknown or revoked key). Nothing was recorded.`,
  ),
  '403': failure("FORBIDDEN: the key's store is closed"),
  '423': failure('TILL_PAUSED or CODE_LOCKED: too many wrong member codes; a store manager resumes the till in the mini-program'),
  '429': {
    ...failure('RATE_LIMITED: too many requests from this key this minute'),
    headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' } } },
  },
  '500': failure('INTERNAL: our fault; retry with the same order or refund number'),
  '503': failure('BUSY: too much contention; retry with the same order or refund number'),
}

export const POS_OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'VIP Card till and ERP API',
    version: '1.0.0',
    description: [
      "Record a store's sales and refunds in the VIP program, server to server, and look up the member whose code",
      'the till scans. Amounts are integers in fen (¥1 = 100). Every answer is JSON: `{ ok: true, data }` or',
      '`{ ok: false, error: { code, message, fields? } }`, with an HTTP status that says what happened; `message` is',
      'Chinese text for the cashier.',
      '',
      '**Signing.** Each request carries four headers: `X-Pos-Key` (the key id, `pk_…`), `X-Pos-Timestamp` (unix',
      `seconds, within ${POS_TIMESTAMP_WINDOW_SECONDS} s of our clock), \`X-Pos-Nonce\` (8–64 of A-Z a-z 0-9 _ -, never reused;`,
      `at least not within ${POS_NONCE_WINDOW_SECONDS / 60} minutes) and \`X-Pos-Signature\`, the lowercase hex`,
      'HMAC-SHA256 with the key secret of `METHOD\\nPATH\\nTIMESTAMP\\nNONCE\\nSHA256HEX(BODY)`, where PATH is the',
      'request path without the query string (`/pos/v1/purchases`) and BODY the exact bytes sent (empty for a GET).',
      'A key belongs to one store and records for that store only. The brand makes and revokes keys on its desk; the',
      'secret is shown once.',
      '',
      '**Retries.** A purchase is identified by its store and `orderNo`, a refund by its store and `refundNo`: send',
      'the same request again (new nonce, new signature) after a timeout and you get the first answer with',
      '`replayed: true`; the same number with other content is `409 IDEMPOTENCY_CONFLICT`.',
    ].join('\n'),
  },
  servers: [{ url: 'https://{envDomain}', variables: { envDomain: { default: 'your-env-id.service.tcloudbase.com' } } }],
  security: [{ PosKey: [], PosTimestamp: [], PosNonce: [], PosSignature: [] }],
  paths: {
    '/pos/v1/members/{code}': {
      get: {
        operationId: 'lookupMember',
        summary: "The member behind the dynamic code on the shopper's phone",
        description:
          'Shows who is buying: masked name, tier, points, coupons usable now and the birthday-month benefit. The code is ' +
          'held for this key for 10 minutes so that the purchase can spend it; looking up does not spend it.',
        parameters: [
          {
            name: 'code',
            in: 'path',
            required: true,
            description: 'the 18-digit dynamic member code as scanned',
            schema: { type: 'string', pattern: '^\\d{18}$' },
          },
        ],
        responses: {
          '200': ok('the member', ref('MemberLookup')),
          '422': failure('CODE_INVALID / CODE_EXPIRED: ask the shopper to refresh the code'),
          '409': failure('CODE_ALREADY_USED: another till took this code'),
          ...refusals,
        },
      },
    },
    '/pos/v1/purchases': {
      post: {
        operationId: 'recordPurchase',
        summary: 'Record a sale, with or without a member',
        description:
          "With `memberCode` the member earns points and the tier rules apply exactly as at the brand's own till; " +
          'without it the sale is recorded for the store figures and earns nothing. `amountFen` is the order amount ' +
          'before a member coupon; it may be less than the lines add up to (an order discount) but never more.',
        requestBody: jsonBody(ref('PurchaseRequest')),
        responses: {
          '200': ok('recorded (or the first answer again, replayed: true)', ref('PurchaseResult')),
          '409': failure('IDEMPOTENCY_CONFLICT, COUPON_ALREADY_USED or CODE_ALREADY_USED'),
          '422': failure('CODE_INVALID, CODE_EXPIRED, COUPON_NOT_APPLICABLE …'),
          '404': failure('COUPON_NOT_FOUND or MEMBER_NOT_FOUND'),
          ...refusals,
        },
      },
    },
    '/pos/v1/refunds': {
      post: {
        operationId: 'recordRefund',
        summary: 'Refund all or part of a sale this store recorded',
        description: "A member's points are taken back in proportion and the tier recomputed.",
        requestBody: jsonBody(ref('RefundRequest')),
        responses: {
          '200': ok('refunded (or the first answer again, replayed: true)', ref('RefundResult')),
          '404': failure('ORDER_NOT_FOUND: this store recorded no such order'),
          '409': failure('IDEMPOTENCY_CONFLICT or ALREADY_REFUNDED'),
          ...refusals,
        },
      },
    },
    '/pos/v1/openapi.json': {
      get: {
        operationId: 'openapi',
        summary: 'This document',
        security: [],
        responses: { '200': { description: 'the OpenAPI document', content: { 'application/json': {} } } },
      },
    },
  },
  components: {
    securitySchemes: {
      PosKey: { type: 'apiKey', in: 'header', name: 'X-Pos-Key', description: 'the key id, pk_ + 16 hex' },
      PosTimestamp: { type: 'apiKey', in: 'header', name: 'X-Pos-Timestamp', description: 'unix seconds' },
      PosNonce: { type: 'apiKey', in: 'header', name: 'X-Pos-Nonce', description: 'unique per request' },
      PosSignature: { type: 'apiKey', in: 'header', name: 'X-Pos-Signature', description: 'lowercase hex HMAC-SHA256, see above' },
    },
    schemas: {
      SaleLine: {
        type: 'object',
        additionalProperties: false,
        required: ['sku', 'name', 'qty', 'unitPriceFen'],
        properties: {
          sku: { type: 'string', pattern: '^[A-Za-z0-9._\\-/]{1,40}$' },
          name: { type: 'string', maxLength: 60 },
          qty: { type: 'integer', minimum: 1, maximum: 9999 },
          unitPriceFen: fen('unit price'),
          costFen: fen('unit cost, when known: gives the margin'),
        },
      },
      PurchaseRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['orderNo', 'amountFen'],
        properties: {
          orderNo: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,32}$', description: "unique within the store: the purchase's key" },
          memberCode: {
            type: 'string',
            pattern: '^(\\d{18}|\\d{11})$',
            description: 'the dynamic code (18 digits); the member number (11) only together with that member’s coupon',
          },
          amountFen: fen('order amount before the member coupon', 1),
          lines: { type: 'array', maxItems: MAX_SALE_LINES, items: ref('SaleLine') },
          couponCode: { type: 'string', pattern: '^\\d{12}$', description: "a member coupon's code (needs memberCode)" },
          paidAt: { type: 'string', format: 'date-time', description: 'when it was paid, by the till clock (kept for reports)' },
        },
      },
      RefundRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['orderNo', 'refundNo', 'amountFen'],
        properties: {
          orderNo: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,32}$' },
          refundNo: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,32}$', description: "unique within the store: the refund's key" },
          amountFen: fen('amount refunded', 1),
          lines: { type: 'array', maxItems: MAX_SALE_LINES, items: ref('SaleLine') },
        },
      },
      Member: {
        type: 'object',
        required: ['memberNo', 'name', 'tier', 'vipUntil', 'pointsBalance'],
        properties: {
          memberNo: { type: 'string' },
          name: { type: 'string', description: 'masked: 张*' },
          tier: { enum: ['member', 'vip', 'gold'] },
          vipUntil: { type: ['string', 'null'], format: 'date-time' },
          pointsBalance: { type: 'integer' },
        },
      },
      MemberLookup: {
        type: 'object',
        required: ['member', 'coupons', 'birthdayMonth'],
        properties: {
          member: ref('Member'),
          coupons: { type: 'array', items: { type: 'object', description: 'title, benefit, validity; the code is on the phone' } },
          birthdayMonth: {
            type: 'object',
            properties: { now: { type: 'boolean' }, pointsPercent: { type: 'integer', description: '200 = double points' } },
          },
        },
      },
      PurchaseResult: {
        type: 'object',
        required: ['purchase', 'member', 'replayed'],
        properties: {
          purchase: {
            type: 'object',
            properties: {
              orderNo: { type: 'string' },
              amountFen: fen('paid, after the coupon'),
              listAmountFen: fen('before the coupon'),
              coupon: { type: ['object', 'null'], properties: { title: { type: 'string' }, discountFen: { type: 'integer' } } },
              at: { type: 'string', format: 'date-time' },
              pointsEarned: { type: 'integer' },
              pointsBreakdown: { type: ['object', 'null'] },
              tierChange: { type: ['object', 'null'], description: 'set when this purchase made or renewed a VIP, or made gold' },
            },
          },
          member: { oneOf: [ref('Member'), { type: 'null' }] },
          replayed: { type: 'boolean' },
        },
      },
      RefundResult: {
        type: 'object',
        required: ['refund', 'member', 'replayed'],
        properties: {
          refund: {
            type: 'object',
            properties: {
              orderNo: { type: 'string' },
              amountFen: { type: 'integer' },
              pointsReversed: { type: 'integer' },
              shortfall: { type: 'integer', description: 'points the member had already spent, not taken back' },
              at: { type: 'string', format: 'date-time' },
            },
          },
          tierBefore: { enum: ['member', 'vip', 'gold', null] },
          member: { oneOf: [ref('Member'), { type: 'null' }] },
          replayed: { type: 'boolean' },
        },
      },
      Failure: {
        type: 'object',
        required: ['ok', 'error'],
        properties: {
          ok: { const: false },
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: { type: 'string' },
              message: { type: 'string' },
              fields: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
            },
          },
        },
      },
    },
  },
} as const
