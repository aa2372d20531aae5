/**
 * Evaluates a derived figure's formula: numbers (1e9 allowed), names bound to input figures, + - * / and
 * parentheses. Nothing else is accepted, so a formula in the data can never run code.
 */
export class FormulaError extends Error {}

const TOKEN = /\s*(?:(\d+(?:\.\d+)?(?:e[+-]?\d+)?)|([a-z_]+)|([-+*/()]))/iy;

export function evaluate(formula: string, vars: Record<string, number>): number {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < formula.length) {
    if (/^\s*$/.test(formula.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(formula);
    if (!m) throw new FormulaError(`unexpected character at ${at} in "${formula}"`);
    tokens.push((m[1] ?? m[2] ?? m[3]) as string);
  }
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const primary = (): number => {
    const t = next();
    if (t === undefined) throw new FormulaError(`unexpected end of "${formula}"`);
    if (t === "(") {
      const v = sum();
      if (next() !== ")") throw new FormulaError(`missing ")" in "${formula}"`);
      return v;
    }
    if (t === "-") return -primary();
    if (/^\d/.test(t)) return Number(t);
    if (/^[a-z_]+$/i.test(t)) {
      const v = vars[t];
      if (v === undefined) throw new FormulaError(`"${t}" is not an input of "${formula}"`);
      return v;
    }
    throw new FormulaError(`unexpected "${t}" in "${formula}"`);
  };
  const product = (): number => {
    let v = primary();
    while (peek() === "*" || peek() === "/") v = next() === "*" ? v * primary() : v / primary();
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (peek() === "+" || peek() === "-") v = next() === "+" ? v + product() : v - product();
    return v;
  };
  const value = sum();
  if (i !== tokens.length) throw new FormulaError(`unexpected "${tokens[i]}" in "${formula}"`);
  if (!Number.isFinite(value)) throw new FormulaError(`"${formula}" does not give a finite number`);
  return value;
}
