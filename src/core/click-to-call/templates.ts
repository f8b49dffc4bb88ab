/** Teleform templates (spec packetera §4, project decision): the look a button's attributes override. */
export interface Template {
  id: number
  name: string
  width: number
  height: number
  backgroundcolour: string
}

export const TEMPLATES: readonly Template[] = [
  { id: 1, name: 'classic', width: 400, height: 350, backgroundcolour: '#FFFFFF' },
  { id: 2, name: 'modern', width: 420, height: 380, backgroundcolour: '#F4F6F8' },
  { id: 3, name: 'compact', width: 320, height: 260, backgroundcolour: '#FFFFFF' },
  { id: 4, name: 'dark', width: 400, height: 350, backgroundcolour: '#222222' },
]

/** The template with this id, or undefined. */
export function templateById(id: number): Template | undefined {
  return TEMPLATES.find((t) => t.id === id)
}

/** The template with this name (case-insensitive), or undefined. */
export function templateByName(name: string): Template | undefined {
  const n = name.toLowerCase()
  return TEMPLATES.find((t) => t.name === n)
}
