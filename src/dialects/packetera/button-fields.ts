import { changeTemplate, templateById, templateByName } from '../../core/click-to-call/index.ts'
import { failures } from './errors.ts'
import { guidField, optionalField, plainText, requiredField } from './fields.ts'
import type { Pairs } from './reply.ts'
import type { PacketeraInput } from './request.ts'
import { memberScope, type TransactionContext } from './transaction.ts'

// What the button attribute and template transactions share: 3210 and 5202 read the same attribute
// fields; 5202 without AttributeName but with a template is ChangeTemplate (5203, spec §6).

/** ButtonGUID, AttributeName and AttributeValue of 3210 and 5202. */
export function attributeFields(input: PacketeraInput): { guid: string; name: string; value: string | null } {
  const guid = guidField(input, 'ButtonGUID')
  const name = requiredField(input, 'AttributeName', 20)
  const value = plainText('AttributeValue', optionalField(input, 'AttributeValue', 100)) ?? null
  return { guid, name, value }
}

/** ChangeTemplate: TemplateID and/or TemplateName (they must agree) names the button's new template. */
export async function changeButtonTemplate(ctx: TransactionContext): Promise<Pairs> {
  const { actor, customerId } = memberScope(ctx)
  const guid = guidField(ctx.input, 'ButtonGUID')
  const id = optionalField(ctx.input, 'TemplateID', 20)
  const name = optionalField(ctx.input, 'TemplateName', 20)
  if (id === undefined && name === undefined) throw failures.missing('TemplateName')
  if (id !== undefined && !/^[0-9]+$/.test(id)) throw failures.invalid('TemplateID')
  const byId = id === undefined ? undefined : templateById(Number(id))
  const byName = name === undefined ? undefined : templateByName(name)
  if (id !== undefined && name !== undefined && byId !== byName) throw failures.invalid('TemplateName')
  const template = byId ?? byName
  if (!template) throw failures.templateNotFound()
  await changeTemplate(ctx.core, actor, customerId, guid, template.id)
  return [['ButtonGUID', guid], ['TemplateID', String(template.id)], ['TemplateName', template.name]]
}
