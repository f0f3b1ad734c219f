import type { ReactNode } from 'react'
import { Form } from 'tdesign-react'

interface Props {
  label: string
  help?: string
  status?: 'error'
  children: ReactNode
}

/**
 * A labelled row of a desk form. The control stays the page's own: TDesign's FormItem would otherwise inject the
 * value of its form store (empty without a `name`) into a TDesign control, but passes a fragment through untouched.
 */
export const Field = ({ label, help, status, children }: Props) => (
  <Form.FormItem label={label} help={help} status={status}>
    <>{children}</>
  </Form.FormItem>
)
