/** HTML escaping of attribute values and text (spec/packetera.md §7): `&` `<` `>` `"` `'`. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

/** The page every HTML route answers for an unknown or deleted button or an inactive member (§8). */
export const NOT_AVAILABLE_PAGE = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Request a callback</title></head>'
  + '<body><h1>Request a callback</h1><p>This call button is not available.</p></body></html>'
