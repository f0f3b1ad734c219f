/** jsbarcode's Code 128 set C encoder on its own (no canvas, no DOM): `encode().data` is the bars as '1'/'0'. */
declare module 'jsbarcode/bin/barcodes/CODE128/CODE128C' {
  export default class CODE128C {
    constructor(data: string, options: Record<string, unknown>)
    valid(): boolean
    encode(): { text: string; data: string }
  }
}
