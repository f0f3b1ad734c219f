/**
 * miniprogram-simulate, typed for what these tests use. Its own typings import miniprogram-api-typings,
 * whose global `require` would replace Node's for the whole project's type check.
 */
export interface SimulatedComponent {
  readonly dom: HTMLElement | undefined
  readonly data: Record<string, unknown>
  querySelector(selector: string): SimulatedComponent | undefined
  querySelectorAll(selector: string): SimulatedComponent[]
  setData(data: Record<string, unknown>): void
  /** Delivers an event (e.g. 'tap') to this node, a microtask later, as the simulator does. */
  dispatchEvent(eventName: string, options?: { detail?: unknown }): void
  attach(parent: Node): void
  detach(): void
}

interface Simulate {
  /** A component folder path without extension, or an inline definition (properties + template). */
  load(component: string | object, options?: { usingComponents?: Record<string, string> }): string
  render(componentId: string, properties?: Record<string, unknown>): SimulatedComponent
}

export const simulate: Simulate = require('miniprogram-simulate')
