/**
 * Mounts the real app in jsdom the way Taro's H5 entry does (see @tarojs/taro-loader's h5 loader): the
 * app component and config from src/, Taro's hash router, and every page, so page lifecycles (useDidShow),
 * router params and navigation (redirectTo, reLaunch) are Taro's own.
 */
import * as React from 'react'
import * as ReactDOMClient from 'react-dom/client'
import { findDOMNode, render, unstable_batchedUpdates } from 'react-dom'
import { createHashHistory, createRouter, handleAppMount } from '@tarojs/router'
import { window as taroWindow } from '@tarojs/runtime'
import { createReactApp } from '@tarojs/plugin-framework-react/dist/runtime'
import App from '../../../src/app'
import appConfig from '../../../src/app.config'

type PageModule = { default: unknown }

/** A page module and its config, as the H5 loader generates them for each page in app.config. */
const loadPage = (path: string): PageModule => require(`../../../src/${path}`)
const pageConfig = (path: string): object => require(`../../../src/${path}.config`).default

const pagePaths = (): string[] => [
  ...appConfig.pages!,
  ...(appConfig.subPackages ?? []).flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`)),
]

/** Starts the app at `url` (e.g. "/pages/join/index?scene=..."); returns the element pages render into. */
export const mountApp = (url: string): HTMLElement => {
  // replaceState: setting location.hash would also fire a hashchange, which the router takes for a second visit.
  window.history.replaceState(null, '', `#${url}`)
  const routes = pagePaths().map((path) => ({
    path,
    load: (context: unknown, params: unknown) => [Promise.resolve(loadPage(path)), context, params],
    ...pageConfig(path),
  }))
  const config = { ...appConfig, routes, router: { mode: 'hash' } }
  // React 18: Taro's runtime uses these legacy react-dom entry points through the ReactDOM it is given.
  const ReactDOM = { ...ReactDOMClient, findDOMNode, render, unstable_batchedUpdates }
  const app = createReactApp(App as never, React, ReactDOM, config)
  const history = createHashHistory({ window: taroWindow as unknown as Window })
  handleAppMount(config as never, history)
  // The H5 entry passes the React module itself (pull-down refresh wraps pages with it), whatever the typings say.
  createRouter(history, app, config as never, React as never)
  return document.getElementById('app')!
}
