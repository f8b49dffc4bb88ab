/** The name of a member's first phone (Packetera: the AddNewCard phone, `Default`). */
export const DEFAULT_PHONE_NAME = 'Default'

/** The button every member gets with its default phone (spec/packetera.md §6, 1101). */
export const DEFAULT_BUTTON = { name: 'Default', type: 1, linkText: 'Call me', toolTips: 'Click to request a free callback', url: '', templateId: 1 } as const
