/** Text cut to a width, in characters (code points), ending in "…" when it was cut. */
export function fit(text: string, width: number): string {
  const characters = [...text];
  if (characters.length <= width) return text;
  return `${characters.slice(0, Math.max(0, width - 1)).join('')}…`;
}
