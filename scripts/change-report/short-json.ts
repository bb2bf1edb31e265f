/**
 * A value as JSON on one line of a report: longer than `max` characters, its first `max - 3` and `ellipsis`;
 * `undefined`, which JSON cannot write, as `none`.
 */
export function shortJson(value: unknown, { max = 60, ellipsis = "...", none = "undefined" } = {}): string {
  const text = JSON.stringify(value) ?? none;
  return text.length > max ? `${text.slice(0, max - 3)}${ellipsis}` : text;
}
