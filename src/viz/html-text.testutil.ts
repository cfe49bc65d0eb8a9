/**
 * What a person reads in HTML rendered by react-dom/server, for tests of the panels: tags removed,
 * the entities React writes decoded, and each run of white space made one space.
 *
 * `tag` is what each tag becomes: a space where elements are separate pieces of text (a panel's
 * rows and badges), nothing inside a sentence, whose inline tags (code, a struck line number)
 * sit in the flow of its words.
 */
export function readText(html: string, tag: '' | ' ' = ' '): string {
  return html
    .replace(/<[^>]+>/g, tag)
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
