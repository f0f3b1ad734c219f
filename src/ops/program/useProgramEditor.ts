import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { ProgramVersionView, ProgramView } from '../../api/contract'
import type { UpdateProgramInput } from '../../api/programSchema'
import { AppError } from '../../domain/errors'
import type { RuleChange } from '../../domain/programChanges'
import { TIER_ORDER, type ServiceBenefit, type TierId } from '../../domain/program'
import { callCloud, messageOf } from '../../services/cloud'
import type { MoreState } from '../../services/paging'
import { isUnanswered, usePendingRequest } from '../../services/requestId'
import { checkProgram, draftFrom, programErrorsFrom, type ProgramDraft, type ProgramErrors, type TemplatePath } from './programForm'

type Loaded = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; program: ProgramView }

export interface History {
  versions: ProgramVersionView[]
  more: MoreState
}

type Confirming = { input: Omit<UpdateProgramInput, 'requestId'>; changes: RuleChange[] }

/** The server answers 20 versions at a time. */
const HISTORY_PAGE = 20
const moreOf = (page: readonly unknown[]): MoreState => (page.length < HISTORY_PAGE ? { status: 'end' } : { status: 'idle' })

/**
 * The program rules editor: load the live rules, edit, review what will change in words, save with a reason.
 * The save names the version it was edited from; if a colleague saved since (VERSION_CONFLICT) the newest
 * rules are loaded and the operator redoes the edit on them, so nobody overwrites a change unseen. The save
 * carries a request id kept until the server answers, so a retry after a lost answer finds the first save.
 */
export const useProgramEditor = () => {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' })
  const [draft, setDraft] = useState<ProgramDraft | null>(null)
  const [errors, setErrors] = useState<ProgramErrors>({})
  const [confirming, setConfirming] = useState<Confirming | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const [unanswered, setUnanswered] = useState(false)
  const [saved, setSaved] = useState<{ version: number; replayed: boolean } | null>(null)
  const [conflict, setConflict] = useState<string | null>(null)
  const [history, setHistory] = useState<History>({ versions: [], more: { status: 'loading' } })
  const pending = usePendingRequest()
  const historyRef = useRef(history)
  historyRef.current = history

  const loadHistory = async () => {
    setHistory((h) => ({ ...h, more: { status: 'loading' } }))
    try {
      const { versions } = await callCloud('ops', 'programHistory', {})
      setHistory({ versions, more: moreOf(versions) })
    } catch (error) {
      setHistory((h) => ({ ...h, more: { status: 'failed', message: messageOf(error) } }))
    }
  }

  /** Loads the live rules into a fresh form (the reason typed so far stays). */
  const load = async (keepNote = ''): Promise<ProgramView | null> => {
    try {
      const program = await callCloud('ops', 'program', {})
      setLoaded({ status: 'ready', program })
      setDraft(draftFrom(program.rules, keepNote))
      return program
    } catch (error) {
      setLoaded({ status: 'failed', message: messageOf(error) })
      return null
    }
  }

  useEffect(() => {
    void load()
    void loadHistory()
  }, [])

  const program = loaded.status === 'ready' ? loaded.program : null

  const clearError = (key: string) =>
    setErrors((all) => {
      if (!(key in all) && !('form' in all)) return all
      const { [key]: _gone, form: _form, ...rest } = all
      return rest
    })

  const setNumber = (path: string, text: string) => {
    setDraft((d) => (d ? { ...d, numbers: { ...d.numbers, [path]: text } } : d))
    clearError(path)
  }

  const save = async () => {
    if (!confirming || submitting || !program) return
    setSubmitting(true)
    try {
      const result = await pending.send((requestId) => callCloud('ops', 'updateProgram', { ...confirming.input, requestId }))
      setUnanswered(false)
      setConfirming(null)
      setErrors({})
      setConflict(null)
      setSaved({ version: result.program.rules.version, replayed: result.replayed })
      setLoaded({ status: 'ready', program: result.program })
      setDraft(draftFrom(result.program.rules))
      // The confirmation sat low on a long page: the answer is at the top.
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
      void loadHistory()
    } catch (error) {
      const retryable = isUnanswered(error)
      setUnanswered(retryable)
      if (retryable) {
        setErrors({ form: messageOf(error) })
      } else if (error instanceof AppError && error.code === 'VERSION_CONFLICT') {
        // A colleague saved first: their rules are the base now; the edit is redone on them.
        setConfirming(null)
        setErrors({})
        const note = draft?.note ?? ''
        const fresh = await load(note)
        void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
        setConflict(fresh ? `规则已被他人更新为第 ${fresh.rules.version} 版，已载入最新规则，请在此基础上重新修改后保存。` : error.message)
        void loadHistory()
      } else {
        setConfirming(null)
        setErrors(programErrorsFrom(error, messageOf(error)))
      }
    } finally {
      setSubmitting(false)
    }
  }

  const more = async () => {
    const { versions, more: state } = historyRef.current
    if (state.status !== 'idle' && state.status !== 'failed') return
    const oldest = versions[versions.length - 1]
    if (!oldest) return
    setHistory((h) => ({ ...h, more: { status: 'loading' } }))
    try {
      const page = await callCloud('ops', 'programHistory', { before: oldest.version })
      setHistory((h) => ({
        versions: [...h.versions, ...page.versions.filter((v) => !h.versions.some((s) => s.version === v.version))],
        more: moreOf(page.versions),
      }))
    } catch (error) {
      setHistory((h) => ({ ...h, more: { status: 'failed', message: messageOf(error) } }))
    }
  }

  return {
    loaded,
    program,
    draft,
    errors,
    setNumber,
    setKeepGold: (keepGold: boolean) => {
      setDraft((d) => (d ? { ...d, keepGold } : d))
      clearError('gold.keptWhenRefundsUnqualify')
    },
    setTemplate: (path: TemplatePath, id: string | null) => {
      setDraft((d) => (d ? { ...d, templates: { ...d.templates, [path]: id } } : d))
      clearError(path)
    },
    setBenefit: (i: number, patch: Partial<ServiceBenefit>) => {
      setDraft((d) => (d ? { ...d, benefits: d.benefits.map((b, j) => (j === i ? { ...b, ...patch } : b)) } : d))
      clearError('serviceBenefits')
    },
    toggleBenefitTier: (i: number, tier: TierId) => {
      setDraft((d) =>
        d
          ? {
              ...d,
              benefits: d.benefits.map((b, j) =>
                j === i
                  ? {
                      ...b,
                      tiers: b.tiers.includes(tier)
                        ? b.tiers.filter((t) => t !== tier)
                        : TIER_ORDER.filter((t) => t === tier || b.tiers.includes(t)),
                    }
                  : b,
              ),
            }
          : d,
      )
      clearError('serviceBenefits')
    },
    addBenefit: () => {
      setDraft((d) => (d ? { ...d, benefits: [...d.benefits, { title: '', detail: '', tiers: ['vip', 'gold'] }] } : d))
      clearError('serviceBenefits')
    },
    removeBenefit: (i: number) => {
      setDraft((d) => (d ? { ...d, benefits: d.benefits.filter((_, j) => j !== i) } : d))
      clearError('serviceBenefits')
    },
    setNote: (note: string) => {
      setDraft((d) => (d ? { ...d, note } : d))
      clearError('note')
    },
    review: () => {
      if (!draft || !program) return
      setSaved(null)
      const checked = checkProgram(draft, program.rules)
      if (!checked.ok) return setErrors(checked.errors)
      setErrors({})
      setConfirming({ input: checked.input, changes: checked.changes })
    },
    confirming,
    submitting,
    unanswered,
    confirm: () => void save(),
    back: () => {
      setConfirming(null)
      setErrors({})
    },
    saved,
    conflict,
    history,
    moreHistory: () => void more(),
    retry: () => {
      setLoaded({ status: 'loading' })
      void load()
      void loadHistory()
    },
  }
}
