import { changeButtonTemplate } from '../button-fields.ts'
import { transaction } from '../transaction.ts'

/** 5203 ChangeTemplate (spec/packetera.md §6): a button's template by TemplateID or TemplateName (also 5202 without AttributeName). */
export const changeTemplateTx = transaction({
  code: '5203', name: 'ChangeTemplate',
  what: 'a button\'s template by TemplateID or TemplateName (also 5202 without AttributeName)',
  auth: 'member',
  run: changeButtonTemplate,
})
