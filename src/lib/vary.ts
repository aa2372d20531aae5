/** `Vary` as one list without repeats, whatever each layer added (RFC 9110 §12.5.5: field names, any case). */
export function addVary(headers: Headers, ...names: string[]): void {
  const seen = new Map<string, string>();
  for (const name of [...(headers.get("Vary") ?? "").split(","), ...names]) {
    const trimmed = name.trim();
    if (trimmed && !seen.has(trimmed.toLowerCase())) seen.set(trimmed.toLowerCase(), trimmed);
  }
  if (seen.size) headers.set("Vary", [...seen.values()].join(", "));
}
