/**
 * Acting on Taro's H5 components the way a shopper does. Inputs are typed into the real <input> inside
 * Taro's web component; pickers report a choice through the `change` event Taro's Picker emits on confirm
 * (its scroll wheels need layout that jsdom does not have).
 */
import { fireEvent, screen, waitFor } from '@testing-library/dom'
import { visiblePage } from './harness'

/** The form row (Field) labelled `label` in the page on screen. */
export const row = (label: string): HTMLElement => {
  const found = Array.from(visiblePage().querySelectorAll<HTMLElement>('.field')).find(
    (field) => field.querySelector('.field__label')?.textContent === label,
  )
  if (!found) throw new Error(`no form row labelled ${label}`)
  return found
}

/** The error shown under a row, or null. */
export const errorOf = (label: string): string | null => row(label).querySelector('.field__error')?.textContent ?? null

/** Types into the row's input and leaves it (blur), as a shopper moving to the next field. */
export const typeInto = async (label: string, text: string): Promise<void> => {
  // Taro's <Input> renders its inner <input> a moment after mounting.
  const input = await waitFor(() => {
    const found = row(label).querySelector<HTMLInputElement>('taro-input-core input')
    if (!found) throw new Error(`the ${label} input has not rendered yet`)
    return found
  })
  input.value = text
  fireEvent.input(input)
  // The page holds the value (a controlled input): wait for it to come back, as the shopper sees it.
  await waitFor(() => {
    if (input.closest('taro-input-core')!.getAttribute('value') !== text) throw new Error(`${label} has not taken "${text}"`)
  })
  fireEvent.blur(input)
}

/**
 * Confirms a choice in the row's n-th picker, as Taro's Picker reports it: indexes into its columns, or the
 * date ("2026-12-01") or time ("14:00") a date or time picker gives.
 */
export const pick = (label: string, value: number | number[] | string, nth = 0): void => {
  const picker = row(label).querySelectorAll('taro-picker-core')[nth]
  picker.dispatchEvent(new CustomEvent('change', { detail: { value } }))
}

export const tap = (text: string | RegExp): void => {
  fireEvent.click(screen.getByText(text))
}
