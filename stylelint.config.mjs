/**
 * Stylelint over src/**\/*.scss: what WeChat's style compiler (wcsc, npm miniprogram-compiler) refuses, caught in
 * the source before a build. Each rule stands for a refusal probed on wcsc with small files (README: "What wcsc
 * refuses"); test/weapp/stylelint.test.ts proves every one against wcsc itself. The compile check in
 * test/weapp/compile.test.ts stays the last word: it runs the compiler on the whole build.
 */
export default {
  customSyntax: 'postcss-scss',
  rules: {
    // `*`, `.a > *`, `.a *`: "unexpected token `*`" — WXSS has no universal selector.
    'selector-max-universal': [0, { message: 'WXSS has no universal selector (wcsc: unexpected token `*`): give the elements a class' }],
    // `:not(.a, .b)`, `:is(.a, .b)`, `:where(.a, .b)`: "error at token `,`" — no selector lists inside a pseudo-class.
    'selector-disallowed-list': [
      [/:[\w-]+\([^)]*,/, /:nth-(last-)?(child|of-type)\([^)]*\sof\s/],
      { message: 'wcsc refuses a selector list inside a pseudo-class (`:not(.a, .b)`: write `:not(.a):not(.b)`) and `:nth-child(… of …)`' },
    ],
    // `@layer`, `@container`, `@namespace`: "unexpected `{`" / "unexpected token `(`".
    'at-rule-disallowed-list': [['layer', 'container', 'namespace'], { message: 'wcsc cannot compile @layer, @container or @namespace' }],
    // `.a\:b`, `.\31 a`: "unexpected `\`" — no escapes in class names.
    'selector-class-pattern': [
      '^[A-Za-z_-][A-Za-z0-9_-]*$',
      { resolveNestedSelectors: true, message: (selector) => `wcsc refuses escaped characters in class names: ${selector}` },
    ],
    'property-no-unknown': true,
  },
}
