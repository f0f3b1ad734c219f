import type { Transport } from './transport'
import { currentLocalIdentity } from './localIdentity'

/**
 * The local cloud gateway (same origin as the H5 build). It runs the same function bundles and takes the
 * caller's identity from `x-local-openid`, a header only the local cloud honours.
 */
export const invokeFunction: Transport = async (functionName, request) => {
  const response = await fetch(`/functions/${encodeURIComponent(functionName)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-local-openid': currentLocalIdentity().openid },
    body: JSON.stringify(request),
  })
  // The body decides: a function's own failure is still a CloudResult, whatever the status code says.
  return response.json()
}
