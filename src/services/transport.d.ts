/**
 * How a request reaches a cloud function. One implementation per platform, picked by Taro's platform
 * file convention: transport.weapp.ts (WeChat cloud) and transport.h5.ts (the local cloud over HTTP).
 * This declaration is what TypeScript sees; webpack never resolves it.
 */
import type { CloudRequest } from '../api/contract'

/** Resolves with whatever the function returned (not yet checked); rejects only on transport failure. */
export type Transport = (functionName: string, request: CloudRequest) => Promise<unknown>

export declare const invokeFunction: Transport
